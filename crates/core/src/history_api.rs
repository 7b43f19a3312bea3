//! A record's field history (`GET /api/v1/history/{entity}/{entity_id}`): the values later
//! writes replaced, shared by the app and the server.

use serde::{Deserialize, Serialize};

/// A value a field of a record once had, overwritten by a later write (or an incoming value
/// that arrived after a later one). Stamps are HLC text, whose order is the stamps' order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HistoryItem {
    /// The field's name.
    pub field: String,
    /// The value that lost, as JSON (a string, a number or null).
    pub value: serde_json::Value,
    /// The stamp of the write that lost.
    pub hlc: String,
    /// The stamp of the write that beat it.
    pub superseded_by: String,
}

/// The answer: a record's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HistoryResponse {
    /// Oldest overwritten write first.
    pub entries: Vec<HistoryItem>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn history_keeps_the_losing_value_as_plain_json() {
        let value = json!({"entries": [{
            "field": "year_group",
            "value": 8,
            "hlc": "0000018b8f3a6c00-0000-0190a4a0000070008000000000000001",
            "superseded_by": "0000018b8f3a6c01-0000-0190a4a0000070008000000000000002"
        }]});
        let history: HistoryResponse = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(history.entries[0].value, json!(8));
        assert_eq!(serde_json::to_value(&history).unwrap(), value);
    }
}

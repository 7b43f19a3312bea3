//! The edit of a progress report's summary paragraph: written once for a student and a
//! period, changed after.

use std::collections::BTreeMap;

use mentor_core::{Edit, EntityId, EntityKind};
use serde_json::json;

use super::edit::typed;

/// Where a summary belongs: its student and the report's period (`YYYY-MM-DD`, both days
/// included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryPlace {
    pub student: EntityId,
    pub from: String,
    pub to: String,
}

/// The edit that saves `text` by `by`: an update of summary `existing`, or the create of
/// summary `new` for `place`.
///
/// # Errors
/// No text, or text the summary cannot hold, in words.
pub fn summary_edit(
    existing: Option<EntityId>,
    new: impl FnOnce() -> Result<EntityId, String>,
    place: &SummaryPlace,
    by: EntityId,
    text: &str,
) -> Result<Edit, String> {
    let text = typed(text).ok_or("Write the summary first.")?;
    let mut fields = BTreeMap::new();
    fields.insert("text".to_owned(), json!(text));
    fields.insert("written_by".to_owned(), json!(by.to_string()));
    let edit = match existing {
        Some(summary) => Edit::update(EntityKind::ProgressSummary, summary, fields),
        None => {
            fields.insert("student_id".to_owned(), json!(place.student.to_string()));
            fields.insert("period_from".to_owned(), json!(place.from));
            fields.insert("period_to".to_owned(), json!(place.to));
            Edit::create(EntityKind::ProgressSummary, new()?, fields)
        }
    };
    edit.validate().map_err(|error| error.to_string())?;
    Ok(edit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u8) -> EntityId {
        EntityId::from_time_and_random(u64::from(n), [n; 10]).unwrap()
    }

    #[test]
    fn a_summary_is_made_once_for_its_period_and_changed_after() {
        let place = SummaryPlace {
            student: id(1),
            from: "2026-09-01".to_owned(),
            to: "2026-12-18".to_owned(),
        };
        let made = summary_edit(None, || Ok(id(5)), &place, id(2), " Settled well ").unwrap();
        assert_eq!(made.entity_id, id(5));
        assert_eq!(made.fields["period_to"], json!("2026-12-18"));
        assert_eq!(made.fields["text"], json!("Settled well"));
        let changed = summary_edit(Some(id(5)), || Ok(id(6)), &place, id(2), "More").unwrap();
        assert_eq!(changed.entity_id, id(5));
        assert!(!changed.fields.contains_key("student_id"));
        assert_eq!(
            summary_edit(None, || Ok(id(5)), &place, id(2), "  ").unwrap_err(),
            "Write the summary first."
        );
    }
}

//! The list's search text and filters in the page's URL query (`?q=ja&year=7&send=any`), so
//! they survive going to a student and back, and a reload.
//!
//! The router decodes the query it reads (`use_query_map`); writing it is ours. Values are
//! percent-encoded with the `percent-encoding` crate, which the router already brings into the
//! app: everything but RFC 3986's unreserved characters is escaped (a space is `%20`, never
//! `+`), so the query stays readable and any text the user types reads back exactly.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::filters::{CaseloadFilter, Filters, SendFilter};

/// Every byte but RFC 3986's unreserved characters (letters, digits, `-`, `_`, `.`, `~`).
const ESCAPED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// What the list is asked for: the typed text (as typed, for the box) and the filters. It lives
/// in the URL query (`?q=ja&year=7&group=…&send=ehcp&caseload=mine`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListQuery {
    pub text: String,
    pub filters: Filters,
}

impl ListQuery {
    /// Reads the URL query through `get` (a parameter's decoded value); unknown or malformed
    /// values are ignored.
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        let value = |key: &str| get(key).unwrap_or_default();
        Self {
            text: value("q"),
            filters: Filters {
                year: value("year").parse().ok(),
                group: value("group").parse().ok(),
                send: SendFilter::parse(&value("send")),
                caseload: CaseloadFilter::parse(&value("caseload")),
            },
        }
    }

    /// The URL query for this state: empty, or `?` and the set parameters, percent-encoded.
    pub fn to_query_string(&self) -> String {
        let filters = &self.filters;
        let pairs = [
            ("q", self.text.clone()),
            (
                "year",
                filters.year.map(|y| y.to_string()).unwrap_or_default(),
            ),
            (
                "group",
                filters.group.map(|g| g.to_string()).unwrap_or_default(),
            ),
            ("send", filters.send.value().to_owned()),
            ("caseload", filters.caseload.value()),
        ];
        let query = pairs
            .iter()
            .filter(|(_, value)| !value.is_empty())
            .map(|(key, value)| format!("{key}={}", utf8_percent_encode(value, ESCAPED)))
            .collect::<Vec<_>>()
            .join("&");
        if query.is_empty() {
            query
        } else {
            format!("?{query}")
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use mentor_core::ids::EntityId;
    use percent_encoding::percent_decode_str;

    use super::*;

    /// Reads a query string back as the router does: pairs split at `&` and the first `=`,
    /// each side percent-decoded (`+` is not a space).
    fn read_back(query: &str) -> ListQuery {
        let params: HashMap<String, String> = query
            .strip_prefix('?')
            .unwrap_or(query)
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                let decode = |s| percent_decode_str(s).decode_utf8().unwrap().into_owned();
                (decode(key), decode(value))
            })
            .collect();
        ListQuery::from_params(|key| params.get(key).cloned())
    }

    fn group() -> EntityId {
        EntityId::from_time_and_random(1_700_000_000_000, [7; 10]).unwrap()
    }

    #[test]
    fn query_round_trips_through_the_url() {
        let query = ListQuery {
            text: "jo & ann?".to_owned(),
            filters: Filters {
                year: Some(7),
                group: Some(group()),
                send: SendFilter::Either,
                caseload: CaseloadFilter::Mine,
            },
        };
        let string = query.to_query_string();
        assert_eq!(
            string,
            format!(
                "?q=jo%20%26%20ann%3F&year=7&group={}&send=any&caseload=mine",
                group()
            )
        );
        assert_eq!(read_back(&string), query);
    }

    #[test]
    fn any_typed_text_reads_back_exactly() {
        for text in [
            "ja",
            "O'Néill-Smith",
            "a+b=c",
            "100% #1 ; /x\\y",
            "%41 stays %41",
            "tab\there",
            "Zoë 😀 ~._-",
        ] {
            let query = ListQuery {
                text: text.to_owned(),
                filters: Filters::default(),
            };
            let string = query.to_query_string();
            assert_eq!(read_back(&string), query, "{string}");
            assert!(
                string[1..]
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.~%=".contains(&b)),
                "{string}"
            );
        }
    }

    #[test]
    fn the_students_page_links_stay_readable() {
        let query = |text: &str, send| ListQuery {
            text: text.to_owned(),
            filters: Filters {
                send,
                ..Filters::default()
            },
        };
        assert_eq!(query("ja", SendFilter::All).to_query_string(), "?q=ja");
        assert_eq!(
            query("ja", SendFilter::Either).to_query_string(),
            "?q=ja&send=any"
        );
        assert_eq!(
            query("", SendFilter::SenSupport).to_query_string(),
            "?send=sen_support"
        );
        assert_eq!(ListQuery::default().to_query_string(), "");
    }

    #[test]
    fn unknown_or_malformed_values_are_ignored() {
        let junk = ListQuery::from_params(|key| Some(format!("junk-{key}")));
        assert_eq!(junk.filters, Filters::default());
        assert_eq!(junk.text, "junk-q");
        assert_eq!(read_back("?year=300&group=7&other=1"), ListQuery::default());
    }
}

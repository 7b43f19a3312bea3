//! What a column of an MIS export can be imported as, with the words the import page uses.
//! The names are the server's (core's `import_api`); only the labels are the page's.

use mentor_core::import_api::{NAME_FORENAME_FIRST, NAME_SURNAME_FIRST};

/// Every mapping target the column choice offers, in the order it offers them.
pub const TARGETS: [(&str, &str); 9] = [
    ("upn", "UPN"),
    ("family_name", "Family name"),
    ("given_name", "Given name"),
    (NAME_SURNAME_FIRST, "Name as Surname, Forename"),
    (NAME_FORENAME_FIRST, "Name as Forename Surname"),
    ("preferred_name", "Preferred name"),
    ("year_group", "Year group"),
    ("form_group", "Form group"),
    ("send_status", "SEND status"),
];

/// The label of a target (the target itself if the server named one this page does not know).
pub fn target_label(target: &str) -> &str {
    TARGETS
        .iter()
        .find(|(name, _)| *name == target)
        .map_or(target, |(_, label)| label)
}

/// True for the two forms of a combined name column.
pub fn is_whole_name(target: &str) -> bool {
    target == NAME_SURNAME_FIRST || target == NAME_FORENAME_FIRST
}

/// "1 row" or "3 rows": counts in the page's sentences.
pub fn rows_word(count: usize) -> &'static str {
    if count == 1 { "row" } else { "rows" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_cover_the_whole_name_forms() {
        assert_eq!(
            target_label("name_surname_first"),
            "Name as Surname, Forename"
        );
        assert_eq!(target_label("shoe_size"), "shoe_size");
        assert!(is_whole_name("name_forename_first"));
        assert!(!is_whole_name("given_name"));
    }
}

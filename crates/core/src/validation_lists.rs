//! Lists as field values: labels (a note's tags) and record ids (a seating plan's students).
//! Each item is checked as a value of its own would be, and no item may appear twice, so a
//! list means the same thing however it was built.

use serde_json::Value;

use super::{ValidationError, check_reference, check_text};
use crate::hidden_formatting::is_hidden_formatting;
use crate::ids::excerpt;

/// 1 to `max_items` different labels, each one line of 1 to `max_chars` characters.
pub(super) fn check_labels(
    field: &'static str,
    value: &Value,
    max_items: usize,
    max_chars: usize,
) -> Result<(), ValidationError> {
    let items = texts(field, value, max_items, "a list of labels")?;
    if items.is_empty() {
        return Err(ValidationError::NoItems { field });
    }
    for item in &items {
        if item.chars().any(is_hidden_formatting) {
            return Err(ValidationError::HiddenFormatting { field });
        }
        check_text(field, item, max_chars)?;
    }
    no_repeats(field, &items)
}

/// Up to `max_items` different record ids.
pub(super) fn check_references(
    field: &'static str,
    value: &Value,
    max_items: usize,
) -> Result<(), ValidationError> {
    let items = texts(field, value, max_items, "a list of record ids")?;
    for item in &items {
        check_reference(field, item)?;
    }
    no_repeats(field, &items)
}

/// The list's items as text, if it is a list of at most `max_items` texts.
fn texts<'a>(
    field: &'static str,
    value: &'a Value,
    max_items: usize,
    expected: &'static str,
) -> Result<Vec<&'a str>, ValidationError> {
    let wrong = || ValidationError::WrongType {
        field,
        expected,
        got: excerpt(&value.to_string()),
    };
    let items = value.as_array().ok_or_else(wrong)?;
    if items.len() > max_items {
        return Err(ValidationError::TooManyItems {
            field,
            max: max_items,
            got: items.len(),
        });
    }
    items
        .iter()
        .map(|item| item.as_str().ok_or_else(wrong))
        .collect()
}

fn no_repeats(field: &'static str, items: &[&str]) -> Result<(), ValidationError> {
    for (i, item) in items.iter().enumerate() {
        if items[..i].contains(item) {
            return Err(ValidationError::RepeatedItem {
                field,
                got: excerpt(item),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::EntityKind;
    use crate::validation::{ValidationError, check_value};

    fn check(field: &str, value: serde_json::Value) -> Result<(), ValidationError> {
        let spec = EntityKind::LessonNote.field(field).unwrap();
        check_value(spec, &value)
    }

    #[test]
    fn tags_are_one_to_sixteen_different_one_line_labels() {
        assert_eq!(check("tags", json!(["On task", "Praise"])), Ok(()));
        assert_eq!(
            check("tags", json!([])),
            Err(ValidationError::NoItems { field: "tags" })
        );
        assert_eq!(
            check("tags", json!(["Praise", "Praise"])),
            Err(ValidationError::RepeatedItem {
                field: "tags",
                got: "Praise".into()
            })
        );
        let seventeen: Vec<String> = (0..17).map(|n| format!("Tag {n}")).collect();
        assert_eq!(
            check("tags", json!(seventeen)),
            Err(ValidationError::TooManyItems {
                field: "tags",
                max: 16,
                got: 17
            })
        );
        assert_eq!(
            check("tags", json!([" On task"])),
            Err(ValidationError::Untrimmed { field: "tags" })
        );
        assert_eq!(
            check("tags", json!(["x".repeat(31)])),
            Err(ValidationError::TooLong {
                field: "tags",
                max: 30,
                got: 31
            })
        );
        let refused = check("tags", json!("On task")).unwrap_err();
        assert_eq!(
            refused.to_string(),
            "tags must be a list of labels, got \"On task\""
        );
        assert!(check("tags", json!([3])).is_err());
    }

    #[test]
    fn a_flag_is_true_or_false() {
        assert_eq!(check("for_teacher", json!(true)), Ok(()));
        assert_eq!(check("for_teacher", json!(false)), Ok(()));
        assert_eq!(
            check("for_teacher", json!("yes")).unwrap_err().to_string(),
            "for_teacher must be true or false, got \"yes\""
        );
    }
}

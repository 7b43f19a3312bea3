//! Tests that no text field of any kind takes characters that hide or reorder text.

use super::*;
use serde_json::json;

/// Each character the rule names, and one of each neighbouring range it must not catch.
const HIDDEN: [char; 18] = [
    '\u{061C}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}', '\u{2028}', '\u{2029}',
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}', '\u{FEFF}',
];

#[test]
fn every_text_field_of_every_kind_refuses_hidden_formatting_naming_the_field() {
    let mut text_fields = 0;
    for kind in EntityKind::ALL {
        for spec in kind.fields() {
            // Every field that takes text, whatever it checks next: a refusal must name the
            // hidden character's field before any other rule is judged.
            let sample = match spec.value {
                FieldType::Text { .. } => "Quill Ashdown",
                FieldType::Email => "q.ashdown@hollowmere.example",
                FieldType::Choice(allowed) => allowed[0],
                FieldType::Phone => "01632 960123",
                FieldType::Upn => "J938412324017",
                FieldType::Date => "2026-09-07",
                FieldType::TimeOfDay => "09:05",
                FieldType::Reference => "0190a4a0-0000-7000-8000-000000000001",
                FieldType::Labels { .. } => {
                    // Each label is text: a hidden character in any one is refused.
                    let tags = json!(["On task", "Nee\u{200B}ded a prompt"]);
                    assert_eq!(
                        check_value(spec, &tags),
                        Err(ValidationError::HiddenFormatting { field: spec.name }),
                        "{kind} {}",
                        spec.name
                    );
                    continue;
                }
                FieldType::YearGroup
                | FieldType::WholeNumber { .. }
                | FieldType::Flag
                | FieldType::References { .. } => continue,
            };
            text_fields += 1;
            assert_eq!(
                check_value(spec, &json!(sample)),
                Ok(()),
                "{kind} {}",
                spec.name
            );
            for hidden in HIDDEN {
                let mut text = sample.to_owned();
                text.insert(3, hidden);
                assert_eq!(
                    check_value(spec, &json!(text)),
                    Err(ValidationError::HiddenFormatting { field: spec.name }),
                    "{kind} {} with U+{:04X}",
                    spec.name,
                    u32::from(hidden)
                );
            }
        }
    }
    assert!(text_fields > 20, "only {text_fields} text fields walked");
}

#[test]
fn a_direction_override_in_a_name_is_refused_with_a_message_naming_the_field() {
    // "Quill" then a right-to-left override: the name would show as "Quill nwodhsA".
    let fields =
        json!({"given_name": "Quill\u{202E}Ashdown", "family_name": "Ashdown", "year_group": 9});
    let refused = check_edit(
        EntityKind::Student,
        EntityId::from_time_and_random(1_700_000_000_000, [1; 10]).unwrap(),
        OpKind::Create,
        &serde_json::from_value(fields).unwrap(),
    )
    .unwrap_err();
    assert_eq!(
        refused.to_string(),
        "given_name contains an invisible character that hides or reorders text (a zero-width space or a text direction override); type it again without pasting"
    );
}

#[test]
fn names_in_any_script_accents_and_emoji_are_still_text() {
    let name = EntityKind::Student.field("given_name").unwrap();
    for text in [
        "Zoë",
        "Siân",
        "Łucja",
        "محمد",
        "אביגיל",
        "Nguyễn",
        "Dvořák-O'Neill",
        "Ama 🙂",
    ] {
        assert_eq!(check_value(name, &json!(text)), Ok(()), "{text}");
    }
}

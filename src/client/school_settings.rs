//! The school's settings as this device last synced them, and the edit that changes them.

use std::collections::BTreeMap;

use mentor_core::entity::FieldType;
use mentor_core::kinds::{LOCK_AFTER_MINUTES, NOTE_TAGS, SAFEGUARDING_YEARS};
use mentor_core::records::SchoolSettings;
use mentor_core::{Edit, EntityKind};
use serde_json::{Value, json};

use crate::storage::LocalStore;

/// The school's settings on this device (the defaults before the first sync brings them, or
/// while the device is locked).
pub async fn school_settings(store: &impl LocalStore) -> SchoolSettings {
    store
        .view(EntityKind::SchoolSettings)
        .await
        .ok()
        .and_then(|records| records.first()?.read::<SchoolSettings>().ok())
        .unwrap_or_default()
}

/// The edit that sets how many minutes without a touch lock the app: a create the first
/// time (two administrators doing it offline make one record, under its fixed id), an update
/// after.
///
/// # Errors
/// The sentence to show if `minutes` is outside what a school may set.
pub fn lock_after_edit(minutes: i64, exists: bool) -> Result<Edit, String> {
    let (least, most) = LOCK_AFTER_MINUTES;
    if !(least..=most).contains(&minutes) {
        return Err(format!("Choose from {least} to {most} minutes."));
    }
    Ok(settings_edit(
        [("lock_after_minutes".to_owned(), json!(minutes))].into(),
        exists,
    ))
}

/// True if the school's settings record is on this device (any setting is set).
pub fn settings_exist(settings: &SchoolSettings) -> bool {
    settings.lock_after_minutes.is_some()
        || settings.note_tags.is_some()
        || settings.safeguarding_years.is_some()
}

/// The edit that sets how many years the server keeps the history of deleted records about
/// students.
///
/// # Errors
/// The sentence to show if `years` is outside what a school may set.
pub fn retention_edit(years: i64, exists: bool) -> Result<Edit, String> {
    let (least, most) = SAFEGUARDING_YEARS;
    if !(least..=most).contains(&years) {
        return Err(format!("Choose from {least} to {most} years."));
    }
    Ok(settings_edit(
        [("safeguarding_years".to_owned(), json!(years))].into(),
        exists,
    ))
}

/// The edit that sets the tags a lesson note offers to `typed` (one per line, in order;
/// blank lines ignored), or back to the defaults when `typed` is blank.
///
/// # Errors
/// The sentence to show: too many tags, one too long, or one twice.
pub fn note_tags_edit(typed: &str, exists: bool) -> Result<Edit, String> {
    let FieldType::Labels {
        max_items,
        max_chars,
    } = NOTE_TAGS
    else {
        return Err("The tag set cannot be changed in this version.".to_owned());
    };
    let tags: Vec<&str> = typed
        .lines()
        .map(str::trim)
        .filter(|tag| !tag.is_empty())
        .collect();
    if tags.len() > max_items {
        return Err(format!(
            "A school may have at most {max_items} tags; there are {}.",
            tags.len()
        ));
    }
    if let Some(long) = tags.iter().find(|tag| tag.chars().count() > max_chars) {
        return Err(format!(
            "“{long}” is longer than {max_chars} characters; shorten it."
        ));
    }
    if let Some((_, twice)) = tags
        .iter()
        .enumerate()
        .find(|(i, tag)| tags[..*i].contains(tag))
    {
        return Err(format!("“{twice}” is there twice."));
    }
    let value = if tags.is_empty() {
        Value::Null
    } else {
        json!(tags)
    };
    Ok(settings_edit(
        [("note_tags".to_owned(), value)].into(),
        exists,
    ))
}

/// A change to the school's one settings record: a create the first time (two
/// administrators doing it offline make one record, under its fixed id), an update after.
fn settings_edit(fields: BTreeMap<String, Value>, exists: bool) -> Edit {
    let kind = EntityKind::SchoolSettings;
    if exists {
        Edit::update(kind, kind.school_record_id(), fields)
    } else {
        Edit::create(kind, kind.school_record_id(), fields)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tag_set_is_one_tag_a_line_with_clear_refusals() {
        let edit = note_tags_edit("On task\n\n  Praise  \nWorried about wellbeing", true).unwrap();
        assert_eq!(edit.validate(), Ok(()));
        assert_eq!(
            edit.fields["note_tags"],
            json!(["On task", "Praise", "Worried about wellbeing"])
        );
        assert_eq!(
            note_tags_edit("", true).unwrap().fields["note_tags"],
            Value::Null
        );
        assert_eq!(
            note_tags_edit("Praise\nPraise", true).unwrap_err(),
            "“Praise” is there twice."
        );
        let many: String = (0..17).map(|n| format!("Tag {n}\n")).collect();
        assert_eq!(
            note_tags_edit(&many, true).unwrap_err(),
            "A school may have at most 16 tags; there are 17."
        );
        assert!(
            note_tags_edit(&"x".repeat(31), true)
                .unwrap_err()
                .contains("longer than 30")
        );
        // The first setting makes the record.
        assert_eq!(
            note_tags_edit("Praise", false).unwrap().kind,
            mentor_core::OpKind::Create
        );
    }
}

//! The school's settings as this device last synced them, and the edit that changes them.

use std::collections::BTreeMap;

use mentor_core::entity::FieldType;
use mentor_core::kinds::{LOCK_AFTER_MINUTES, SAFEGUARDING_YEARS};
use mentor_core::records::SchoolSettings;
use mentor_core::{Edit, EntityKind};
use serde_json::{Value, json};

use super::edit::typed_labels;
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
        || settings.trip_checks.is_some()
        || settings.mentoring_topics.is_some()
        || settings.score_names.is_some()
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

/// A list the school sets, one item a line: the tags a lesson note offers, the topics a
/// mentoring session offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SchoolList {
    /// The setting's field in the school's settings record.
    pub field: &'static str,
    /// What its items are called, in messages ("tags").
    pub plural: &'static str,
    /// How many items it must have, when set, if it has a fixed number.
    pub exactly: Option<usize>,
}

/// The quick tags of a lesson note.
pub const NOTE_TAGS_LIST: SchoolList = SchoolList {
    field: "note_tags",
    plural: "tags",
    exactly: None,
};

/// The topics of a mentoring session.
pub const MENTORING_TOPICS_LIST: SchoolList = SchoolList {
    field: "mentoring_topics",
    plural: "topics",
    exactly: None,
};

/// The names of a target review's score points, lowest first.
pub const SCORE_NAMES_LIST: SchoolList = SchoolList {
    field: "score_names",
    plural: "names",
    exactly: Some(5),
};

/// The edit that sets `list` to `typed` (one item per line, in order; blank lines
/// ignored), or back to the defaults when `typed` is blank.
///
/// # Errors
/// The sentence to show: too many items, one too long, or one twice.
pub fn school_list_edit(list: SchoolList, typed: &str, exists: bool) -> Result<Edit, String> {
    let Some(FieldType::Labels {
        max_items,
        max_chars,
    }) = EntityKind::SchoolSettings
        .field(list.field)
        .map(|field| field.value)
    else {
        return Err(format!(
            "The {} cannot be changed in this version.",
            list.plural
        ));
    };
    let items = typed_labels(typed, (max_items, max_chars), "A school", list.plural)?;
    if let Some(wanted) = list.exactly
        && !items.is_empty()
        && items.len() != wanted
    {
        return Err(format!(
            "Give exactly {wanted} {}, lowest first; there are {}.",
            list.plural,
            items.len()
        ));
    }
    let value = if items.is_empty() {
        Value::Null
    } else {
        json!(items)
    };
    Ok(settings_edit(
        [(list.field.to_owned(), value)].into(),
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
        let edit = school_list_edit(
            NOTE_TAGS_LIST,
            "On task\n\n  Praise  \nWorried about wellbeing",
            true,
        )
        .unwrap();
        assert_eq!(edit.validate(), Ok(()));
        assert_eq!(
            edit.fields["note_tags"],
            json!(["On task", "Praise", "Worried about wellbeing"])
        );
        assert_eq!(
            school_list_edit(NOTE_TAGS_LIST, "", true).unwrap().fields["note_tags"],
            Value::Null
        );
        assert_eq!(
            school_list_edit(NOTE_TAGS_LIST, "Praise\nPraise", true).unwrap_err(),
            "“Praise” is there twice."
        );
        let many: String = (0..17).map(|n| format!("Tag {n}\n")).collect();
        assert_eq!(
            school_list_edit(NOTE_TAGS_LIST, &many, true).unwrap_err(),
            "A school may have at most 16 tags; there are 17."
        );
        assert!(
            school_list_edit(NOTE_TAGS_LIST, &"x".repeat(31), true)
                .unwrap_err()
                .contains("longer than 30")
        );
        // The first setting makes the record.
        assert_eq!(
            school_list_edit(NOTE_TAGS_LIST, "Praise", false)
                .unwrap()
                .kind,
            mentor_core::OpKind::Create
        );
    }

    #[test]
    fn the_mentoring_topics_follow_the_same_rules_with_their_own_limits() {
        let topics = school_list_edit(MENTORING_TOPICS_LIST, "Homework\nRevision", true).unwrap();
        assert_eq!(topics.validate(), Ok(()));
        assert_eq!(
            topics.fields["mentoring_topics"],
            json!(["Homework", "Revision"])
        );
        let many: String = (0..21).map(|n| format!("Topic {n}\n")).collect();
        assert_eq!(
            school_list_edit(MENTORING_TOPICS_LIST, &many, true).unwrap_err(),
            "A school may have at most 20 topics; there are 21."
        );
    }

    #[test]
    fn the_score_names_are_five_or_none() {
        let five = "Far behind\nBehind\nSteady\nAhead\nFar ahead";
        let edit = school_list_edit(SCORE_NAMES_LIST, five, true).unwrap();
        assert_eq!(edit.validate(), Ok(()));
        assert_eq!(
            school_list_edit(SCORE_NAMES_LIST, "Behind\nAhead", true).unwrap_err(),
            "Give exactly 5 names, lowest first; there are 2."
        );
        assert_eq!(
            school_list_edit(SCORE_NAMES_LIST, "", true).unwrap().fields["score_names"],
            Value::Null
        );
    }
}

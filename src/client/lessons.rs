//! The edits of hover support in lessons: starting and ending a lesson, recording a note
//! (for one student or several at once), changing and removing one. Each is a plain edit,
//! saved like any other through [`super::AppClient::save`]; core validates it.

use std::collections::BTreeMap;

use mentor_core::{Edit, EntityId, EntityKind};
use serde_json::{Value, json};

use super::edit::typed;

/// What the tag sheet records: one or more tags and, optionally, a line of text, an
/// engagement rating and a Passport strategy with whether it helped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoteDraft {
    pub tags: Vec<String>,
    pub text: String,
    pub engagement: Option<u8>,
    pub strategy: Option<EntityId>,
    /// `yes`, `partly` or `no`; kept only with a strategy.
    pub helped: Option<String>,
}

impl NoteDraft {
    /// A note of one tag: the two-tap case.
    pub fn tag(tag: &str) -> Self {
        Self {
            tags: vec![tag.to_owned()],
            ..Self::default()
        }
    }

    /// The draft's values as an op's fields (left out when not given).
    fn fields(&self) -> BTreeMap<String, Value> {
        let mut fields = BTreeMap::new();
        fields.insert("tags".to_owned(), json!(self.tags));
        if let Some(text) = typed(&self.text) {
            fields.insert("text".to_owned(), json!(text));
        }
        if let Some(engagement) = self.engagement {
            fields.insert("engagement".to_owned(), json!(engagement));
        }
        if let Some(strategy) = self.strategy {
            fields.insert("strategy_id".to_owned(), json!(strategy.to_string()));
            if let Some(helped) = &self.helped {
                fields.insert("strategy_helped".to_owned(), json!(helped));
            }
        }
        fields
    }
}

/// Where a lesson is and who supports it, as the start form gives them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LessonStart {
    pub group: Option<EntityId>,
    pub subject: String,
    pub room: String,
    pub period: String,
}

/// The edit that starts lesson `id` for `author` at `now` (milliseconds since 1970).
///
/// # Errors
/// The sentence to show when no group is chosen.
pub fn start_lesson(
    id: EntityId,
    start: &LessonStart,
    author: EntityId,
    now: u64,
) -> Result<Edit, String> {
    let group = start
        .group
        .ok_or_else(|| "Choose the group you are supporting.".to_owned())?;
    let mut fields = BTreeMap::new();
    fields.insert("group_id".to_owned(), json!(group.to_string()));
    fields.insert("author_id".to_owned(), json!(author.to_string()));
    fields.insert("started_at".to_owned(), json!(now));
    for (name, text) in [
        ("subject", &start.subject),
        ("room", &start.room),
        ("period", &start.period),
    ] {
        if let Some(text) = typed(text) {
            fields.insert(name.to_owned(), json!(text));
        }
    }
    Ok(Edit::create(EntityKind::Lesson, id, fields))
}

/// The edit that ends lesson `id` at `now`.
pub fn end_lesson(id: EntityId, now: u64) -> Edit {
    let fields = [("ended_at".to_owned(), json!(now))].into();
    Edit::update(EntityKind::Lesson, id, fields)
}

/// Where a note is recorded: its lesson, the lesson's group, its author and the moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotePlace {
    pub lesson: EntityId,
    pub group: EntityId,
    pub author: EntityId,
    pub now: u64,
}

/// The edit that records `draft` as note `id` about `student`.
///
/// # Errors
/// The sentence to show when no tag is chosen.
pub fn record_note(
    id: EntityId,
    place: NotePlace,
    student: EntityId,
    draft: &NoteDraft,
) -> Result<Edit, String> {
    if draft.tags.is_empty() {
        return Err("Choose at least one tag.".to_owned());
    }
    let mut fields = draft.fields();
    fields.insert("lesson_id".to_owned(), json!(place.lesson.to_string()));
    fields.insert("group_id".to_owned(), json!(place.group.to_string()));
    fields.insert("student_id".to_owned(), json!(student.to_string()));
    fields.insert("author_id".to_owned(), json!(place.author.to_string()));
    fields.insert("recorded_at".to_owned(), json!(place.now));
    Ok(Edit::create(EntityKind::LessonNote, id, fields))
}

/// The edit that changes note `id`'s tags and text to `tags` and `text` (a cleared text
/// becomes `null`).
///
/// # Errors
/// The sentence to show when no tag is left.
pub fn change_note(id: EntityId, tags: &[String], text: &str) -> Result<Edit, String> {
    if tags.is_empty() {
        return Err("Choose at least one tag.".to_owned());
    }
    let mut fields = BTreeMap::new();
    fields.insert("tags".to_owned(), json!(tags));
    fields.insert(
        "text".to_owned(),
        typed(text).map_or(Value::Null, Value::String),
    );
    Ok(Edit::update(EntityKind::LessonNote, id, fields))
}

/// The edit that marks note `id` for the teacher's attention, or not.
pub fn for_teacher(id: EntityId, marked: bool) -> Edit {
    let fields = [("for_teacher".to_owned(), json!(marked))].into();
    Edit::update(EntityKind::LessonNote, id, fields)
}

/// The edit that saves `group`'s seating plan: `seats` in order, in rows of `columns`; a
/// create the first time (two staff arranging it offline make one plan, under the id the
/// group gives it), an update after.
///
/// # Errors
/// The sentence to show if the plan cannot be made (never for a real group).
pub fn seating_plan(
    group: EntityId,
    columns: u8,
    seats: &[EntityId],
    exists: bool,
) -> Result<Edit, String> {
    let kind = EntityKind::SeatingPlan;
    let id = kind
        .derive_id(|name| (name == "group_id").then(|| group.to_string()))
        .ok_or_else(|| "This group's seating plan cannot be saved.".to_owned())?;
    let seats: Vec<String> = seats.iter().map(ToString::to_string).collect();
    let mut fields = BTreeMap::new();
    fields.insert("columns".to_owned(), json!(columns));
    fields.insert("seats".to_owned(), json!(seats));
    Ok(if exists {
        Edit::update(kind, id, fields)
    } else {
        fields.insert("group_id".to_owned(), json!(group.to_string()));
        Edit::create(kind, id, fields)
    })
}

/// The edit that removes note `id` (undo, or its author's delete).
pub fn remove_note(id: EntityId) -> Edit {
    Edit::delete(EntityKind::LessonNote, id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u8) -> EntityId {
        EntityId::from_time_and_random(1_750_000_000_000, [n; 10]).unwrap()
    }

    #[test]
    fn a_one_tag_note_is_a_valid_create_with_only_what_was_given() {
        let place = NotePlace {
            lesson: id(1),
            group: id(2),
            author: id(3),
            now: 1_750_000_000_000,
        };
        let edit = record_note(id(4), place, id(5), &NoteDraft::tag("On task")).unwrap();
        assert_eq!(edit.validate(), Ok(()));
        let names: Vec<&str> = edit.fields.keys().map(String::as_str).collect();
        assert_eq!(
            names,
            [
                "author_id",
                "group_id",
                "lesson_id",
                "recorded_at",
                "student_id",
                "tags"
            ]
        );
    }

    #[test]
    fn a_full_note_keeps_whether_the_strategy_helped_only_with_a_strategy() {
        let place = NotePlace {
            lesson: id(1),
            group: id(2),
            author: id(3),
            now: 1_750_000_000_000,
        };
        let mut draft = NoteDraft {
            tags: vec!["Used a strategy".into(), "Praise".into()],
            text: "  Worked with a partner  ".into(),
            engagement: Some(4),
            strategy: Some(id(6)),
            helped: Some("partly".into()),
        };
        let edit = record_note(id(4), place, id(5), &draft).unwrap();
        assert_eq!(edit.validate(), Ok(()));
        assert_eq!(edit.fields["text"], json!("Worked with a partner"));
        assert_eq!(edit.fields["strategy_helped"], json!("partly"));
        draft.strategy = None;
        let edit = record_note(id(4), place, id(5), &draft).unwrap();
        assert!(!edit.fields.contains_key("strategy_helped"));
        draft.tags.clear();
        assert_eq!(
            record_note(id(4), place, id(5), &draft).unwrap_err(),
            "Choose at least one tag."
        );
    }

    #[test]
    fn a_lesson_needs_a_group_and_keeps_only_the_details_typed() {
        let start = LessonStart {
            group: Some(id(2)),
            subject: "Geography".into(),
            room: " ".into(),
            period: "P3".into(),
        };
        let edit = start_lesson(id(1), &start, id(3), 1_750_000_000_000).unwrap();
        assert_eq!(edit.validate(), Ok(()));
        assert!(!edit.fields.contains_key("room"));
        let none = LessonStart::default();
        assert!(start_lesson(id(1), &none, id(3), 1_750_000_000_000).is_err());
        assert_eq!(end_lesson(id(1), 1_750_000_100_000).validate(), Ok(()));
        assert_eq!(for_teacher(id(4), true).validate(), Ok(()));
        assert_eq!(
            change_note(id(4), &["Praise".into()], "").unwrap().fields["text"],
            Value::Null
        );
    }

    #[test]
    fn a_groups_seating_plan_has_the_id_its_group_gives_it() {
        let first = seating_plan(id(2), 6, &[id(5), id(6)], false).unwrap();
        assert_eq!(first.validate(), Ok(()));
        let again = seating_plan(id(2), 5, &[id(6), id(5)], true).unwrap();
        assert_eq!(again.validate(), Ok(()));
        assert_eq!(first.entity_id, again.entity_id);
        assert!(!again.fields.contains_key("group_id"));
        assert_ne!(
            seating_plan(id(3), 6, &[], false).unwrap().entity_id,
            first.entity_id
        );
    }
}

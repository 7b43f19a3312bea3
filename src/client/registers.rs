//! The edits of registers: opening one, marking everyone present, marking one student,
//! completing and re-opening. Each is a plain edit saved through
//! [`super::AppClient::save_all`]; core validates it. A mark's id is derived from its
//! register and student, so two devices marking the same student write one record; every
//! mark writes all its values (a cleared time or note as `null`), so the later mark wins
//! whole, field by field, whichever device made the record first.

use std::collections::{BTreeMap, BTreeSet};

use mentor_core::entity::register_mark_id;
use mentor_core::records::RegisterMark;
use mentor_core::{Edit, EntityId, EntityKind};
use serde_json::{Value, json};

use super::edit::typed;

/// A student's mark, as the mark sheet offers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mark {
    Present,
    Absent,
    Late,
    Excused,
    LeftEarly,
}

impl Mark {
    /// Every mark, in the order the sheet shows them.
    pub const ALL: [Mark; 5] = [
        Mark::Present,
        Mark::Absent,
        Mark::Late,
        Mark::Excused,
        Mark::LeftEarly,
    ];

    /// The stored word (one of [`mentor_core::kinds::MARKS`]).
    pub const fn as_str(self) -> &'static str {
        match self {
            Mark::Present => "present",
            Mark::Absent => "absent",
            Mark::Late => "late",
            Mark::Excused => "excused",
            Mark::LeftEarly => "left_early",
        }
    }

    /// The stored word read back; `None` for a word this version does not know.
    pub fn from_stored(word: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|mark| mark.as_str() == word)
    }

    /// How people read it ("Left early").
    pub const fn label(self) -> &'static str {
        match self {
            Mark::Present => "Present",
            Mark::Absent => "Absent",
            Mark::Late => "Late",
            Mark::Excused => "Excused",
            Mark::LeftEarly => "Left early",
        }
    }

    /// True if the student was there for the session, or some of it (present, late, left
    /// early): what an intervention's attendance share counts.
    pub const fn attended(self) -> bool {
        matches!(self, Mark::Present | Mark::Late | Mark::LeftEarly)
    }

    /// What the time means for this mark, if it takes one.
    pub const fn time_label(self) -> Option<&'static str> {
        match self {
            Mark::Late => Some("Arrived at"),
            Mark::LeftEarly => Some("Left at"),
            Mark::Present | Mark::Absent | Mark::Excused => None,
        }
    }
}

/// What the open form gives: the group, the date (`YYYY-MM-DD`) and the session.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegisterOpening {
    pub group: Option<EntityId>,
    pub date: String,
    pub session: String,
}

/// The edit that opens register `id` for `opened_by` at `now` (milliseconds since 1970).
///
/// # Errors
/// The sentence to show when the group, date or session is missing or wrong.
pub fn open_register(
    id: EntityId,
    opening: &RegisterOpening,
    opened_by: EntityId,
    now: u64,
) -> Result<Edit, String> {
    let group = opening
        .group
        .ok_or_else(|| "Choose the group to take the register for.".to_owned())?;
    let date = typed(&opening.date).ok_or_else(|| "Choose the register's date.".to_owned())?;
    let session = typed(&opening.session)
        .ok_or_else(|| "Name the session: AM, PM, a period such as P3, or a club.".to_owned())?;
    let mut fields = BTreeMap::new();
    fields.insert("group_id".to_owned(), json!(group.to_string()));
    fields.insert("date".to_owned(), json!(date));
    fields.insert("session".to_owned(), json!(session));
    fields.insert("opened_by".to_owned(), json!(opened_by.to_string()));
    fields.insert("opened_at".to_owned(), json!(now));
    let edit = Edit::create(EntityKind::Register, id, fields);
    edit.validate().map_err(|error| error.to_string())?;
    Ok(edit)
}

/// The edit that completes register `id`.
pub fn complete_register(id: EntityId, by: EntityId, now: u64) -> Edit {
    let fields = [
        ("completed_at".to_owned(), json!(now)),
        ("completed_by".to_owned(), json!(by.to_string())),
    ]
    .into();
    Edit::update(EntityKind::Register, id, fields)
}

/// The edit that sets register `id`'s note on what the session covered to `text` (blank
/// clears it).
///
/// # Errors
/// A note that is too long, in words.
pub fn register_note(id: EntityId, text: &str) -> Result<Edit, String> {
    let value = typed(text).map_or(Value::Null, |text| json!(text));
    let edit = Edit::update(
        EntityKind::Register,
        id,
        [("note".to_owned(), value)].into(),
    );
    edit.validate().map_err(|error| error.to_string())?;
    Ok(edit)
}

/// The edit that re-opens completed register `id` for corrections.
pub fn reopen_register(id: EntityId) -> Edit {
    let fields = [
        ("completed_at".to_owned(), Value::Null),
        ("completed_by".to_owned(), Value::Null),
    ]
    .into();
    Edit::update(EntityKind::Register, id, fields)
}

/// Where a mark is made: the register, its group, who marks and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkPlace {
    pub register: EntityId,
    pub group: EntityId,
    pub by: EntityId,
    pub now: u64,
}

/// What the mark sheet gives for one student.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkDraft {
    pub mark: Mark,
    /// `HH:MM`; kept only for a mark that takes a time.
    pub at_time: String,
    pub note: String,
}

impl MarkDraft {
    /// A mark with no time or note: the one-tap case.
    pub fn plain(mark: Mark) -> Self {
        Self {
            mark,
            at_time: String::new(),
            note: String::new(),
        }
    }
}

/// The edit that gives `student` the mark `draft` in the register at `place`: a create if
/// this device has no mark for them yet (`marked` is false), else an update.
///
/// # Errors
/// The sentence to show when a late or early-leaving mark has no time, or a value is wrong.
pub fn mark_student(
    place: MarkPlace,
    student: EntityId,
    marked: bool,
    draft: &MarkDraft,
) -> Result<Edit, String> {
    let at_time = match draft.mark.time_label() {
        Some(label) => Value::String(
            typed(&draft.at_time).ok_or_else(|| format!("Enter the time: “{label}”."))?,
        ),
        None => Value::Null,
    };
    let mut fields = BTreeMap::new();
    fields.insert("mark".to_owned(), json!(draft.mark.as_str()));
    fields.insert("at_time".to_owned(), at_time);
    fields.insert(
        "note".to_owned(),
        typed(&draft.note).map_or(Value::Null, Value::String),
    );
    fields.insert("marked_by".to_owned(), json!(place.by.to_string()));
    fields.insert("marked_at".to_owned(), json!(place.now));
    let id = register_mark_id(place.register, student);
    let edit = if marked {
        Edit::update(EntityKind::RegisterMark, id, fields)
    } else {
        fields.insert("register_id".to_owned(), json!(place.register.to_string()));
        fields.insert("group_id".to_owned(), json!(place.group.to_string()));
        fields.insert("student_id".to_owned(), json!(student.to_string()));
        Edit::create(EntityKind::RegisterMark, id, fields)
    };
    edit.validate().map_err(|error| error.to_string())?;
    Ok(edit)
}

/// The mark `draft` makes for `student` at `place`, as the register shows it once saved
/// (the same values [`mark_student`] writes).
pub fn mark_as_saved(place: MarkPlace, student: EntityId, draft: &MarkDraft) -> RegisterMark {
    RegisterMark {
        register_id: place.register,
        group_id: place.group,
        student_id: student,
        mark: draft.mark.as_str().to_owned(),
        at_time: draft.mark.time_label().and(typed(&draft.at_time)),
        note: typed(&draft.note),
        marked_by: place.by,
        marked_at: i64::try_from(place.now).unwrap_or(i64::MAX),
    }
}

/// "Mark all present": a `present` mark for each of `students` not in `marked`, and
/// nothing for those already marked, so no exception is overwritten.
pub fn mark_all_present(
    place: MarkPlace,
    students: &[EntityId],
    marked: &BTreeSet<EntityId>,
) -> Vec<Edit> {
    let present = MarkDraft::plain(Mark::Present);
    students
        .iter()
        .filter(|student| !marked.contains(student))
        .filter_map(|student| mark_student(place, *student, false, &present).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use mentor_core::OpKind;

    fn id(n: u8) -> EntityId {
        EntityId::from_time_and_random(1_750_000_000_000, [n; 10]).unwrap()
    }

    fn place() -> MarkPlace {
        MarkPlace {
            register: id(1),
            group: id(2),
            by: id(3),
            now: 1_750_000_000_000,
        }
    }

    #[test]
    fn a_register_needs_a_group_a_real_date_and_a_session() {
        let mut opening = RegisterOpening {
            group: Some(id(2)),
            date: "2026-09-07".into(),
            session: " AM ".into(),
        };
        let edit = open_register(id(1), &opening, id(3), 1_750_000_000_000).unwrap();
        assert_eq!(edit.fields["session"], json!("AM"));
        opening.date = "2026-02-30".into();
        let wrong = open_register(id(1), &opening, id(3), 1_750_000_000_000).unwrap_err();
        assert!(wrong.contains("must be a date"), "{wrong}");
        opening.session.clear();
        opening.date = "2026-09-07".into();
        assert!(
            open_register(id(1), &opening, id(3), 1)
                .unwrap_err()
                .contains("session")
        );
        opening.group = None;
        assert!(
            open_register(id(1), &opening, id(3), 1)
                .unwrap_err()
                .contains("group")
        );
    }

    #[test]
    fn mark_all_present_makes_one_create_per_unmarked_student_under_the_derived_id() {
        let students = [id(10), id(11), id(12)];
        let marked = BTreeSet::from([id(11)]);
        let edits = mark_all_present(place(), &students, &marked);
        assert_eq!(edits.len(), 2);
        for (edit, student) in edits.iter().zip([id(10), id(12)]) {
            assert_eq!(edit.kind, OpKind::Create);
            assert_eq!(edit.entity_id, register_mark_id(id(1), student));
            assert_eq!(edit.fields["mark"], json!("present"));
            assert_eq!(edit.validate(), Ok(()));
        }
        assert!(mark_all_present(place(), &students, &students.into()).is_empty());
    }

    #[test]
    fn a_late_mark_needs_its_time_and_every_mark_clears_what_it_does_not_say() {
        let mut late = MarkDraft::plain(Mark::Late);
        assert_eq!(
            mark_student(place(), id(10), false, &late).unwrap_err(),
            "Enter the time: “Arrived at”."
        );
        late.at_time = "9:5".into();
        assert!(
            mark_student(place(), id(10), false, &late)
                .unwrap_err()
                .contains("HH:MM")
        );
        late.at_time = "09:12".into();
        late.note = "Bus".into();
        let create = mark_student(place(), id(10), false, &late).unwrap();
        assert_eq!(create.fields["at_time"], json!("09:12"));
        assert_eq!(create.fields["student_id"], json!(id(10).to_string()));

        // A correction on a device that has the mark: an update, time and note cleared.
        let absent = MarkDraft {
            at_time: "09:12".into(),
            ..MarkDraft::plain(Mark::Absent)
        };
        let update = mark_student(place(), id(10), true, &absent).unwrap();
        assert_eq!(update.kind, OpKind::Update);
        assert_eq!(update.entity_id, create.entity_id);
        assert_eq!(update.fields["at_time"], Value::Null);
        assert_eq!(update.fields["note"], Value::Null);
        assert!(!update.fields.contains_key("student_id"));
    }

    #[test]
    fn completing_and_reopening_are_valid_updates() {
        let done = complete_register(id(1), id(3), 1_750_000_000_000);
        assert_eq!(done.validate(), Ok(()));
        let again = reopen_register(id(1));
        assert_eq!(again.validate(), Ok(()));
        assert_eq!(again.fields["completed_at"], Value::Null);
        for mark in Mark::ALL {
            assert_eq!(Mark::from_stored(mark.as_str()), Some(mark));
            assert!(mentor_core::kinds::MARKS.contains(&mark.as_str()));
        }
    }
}

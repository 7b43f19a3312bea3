//! The edits of trips: setting one up (the trip, its staff and children, its checklist from
//! the school's template), opening a roll call at a checkpoint, marking a child found or
//! accounted for, completing a roll call, moving a child between groups, logging an incident
//! and ticking the checklist. Every check a person could get wrong is made here, with a
//! sentence to show, before anything is saved: a set-up's edits are all validated first, so
//! a mistake saves none of them.

use std::collections::BTreeMap;

use mentor_core::entity::{roll_call_id, roll_call_mark_id, trip_member_id};
use mentor_core::validation::is_date;
use mentor_core::{Edit, EntityId, EntityKind};
use serde_json::{Value, json};

use super::edit::typed;

/// How a child stands in a roll call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Standing {
    /// Seen at the checkpoint.
    Found,
    /// Not found (no mark, or a mark taken back).
    Missing,
    /// Not found, and known to be with a parent or carer.
    WithParent,
    /// Not found, and known to have been sent home.
    SentHome,
    /// Not found, and accounted for otherwise (the note says how).
    Other,
}

impl Standing {
    /// The ways a missing child may be accounted for, in the order the form offers them.
    pub const ACCOUNTED: [Standing; 3] =
        [Standing::WithParent, Standing::SentHome, Standing::Other];

    /// The stored word (one of [`mentor_core::kinds::ROLL_CALL_STATUSES`]).
    pub const fn as_str(self) -> &'static str {
        match self {
            Standing::Found => "found",
            Standing::Missing => "missing",
            Standing::WithParent => "with_parent",
            Standing::SentHome => "sent_home",
            Standing::Other => "other",
        }
    }

    /// The stored word read back; a word this version does not know counts as missing.
    pub fn from_stored(word: &str) -> Self {
        [Self::Found, Self::WithParent, Self::SentHome, Self::Other]
            .into_iter()
            .find(|standing| standing.as_str() == word)
            .unwrap_or(Self::Missing)
    }

    /// How people read it.
    pub const fn label(self) -> &'static str {
        match self {
            Standing::Found => "Found",
            Standing::Missing => "Missing",
            Standing::WithParent => "With parent",
            Standing::SentHome => "Sent home",
            Standing::Other => "Accounted for",
        }
    }

    /// True if the child needs no more looking for: found or accounted for.
    pub const fn is_settled(self) -> bool {
        !matches!(self, Standing::Missing)
    }
}

/// The set-up form of a new trip, as typed and chosen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TripForm {
    pub name: String,
    pub destination: String,
    pub starts_on: String,
    pub ends_on: String,
    pub leader: Option<EntityId>,
    pub emergency_phone: String,
    /// Other staff going, beside the leader.
    pub staff: Vec<EntityId>,
    /// The children going; each starts in the leader's group.
    pub children: Vec<EntityId>,
}

/// The edits that set up trip `id` from `form`, with the checklist `checks` (the school's
/// template) and `check_ids` for its items (one each).
///
/// # Errors
/// The first thing to put right, in words.
pub fn new_trip(
    id: EntityId,
    form: &TripForm,
    checks: &[String],
    check_ids: &[EntityId],
) -> Result<Vec<Edit>, String> {
    let name = typed(&form.name).ok_or("Name the trip.")?;
    let destination = typed(&form.destination).ok_or("Enter where the trip goes.")?;
    if !is_date(&form.starts_on) || !is_date(&form.ends_on) {
        return Err("Enter the trip's first and last days.".to_owned());
    }
    if form.ends_on < form.starts_on {
        return Err("The trip cannot end before it starts.".to_owned());
    }
    let leader = form.leader.ok_or("Choose who leads the trip.")?;
    let phone = typed(&form.emergency_phone).ok_or("Enter the number to ring in an emergency.")?;
    if form.children.is_empty() {
        return Err("Choose the children going.".to_owned());
    }
    let mut fields = BTreeMap::new();
    fields.insert("name".to_owned(), json!(name));
    fields.insert("destination".to_owned(), json!(destination));
    fields.insert("starts_on".to_owned(), json!(form.starts_on));
    fields.insert("ends_on".to_owned(), json!(form.ends_on));
    fields.insert("leader_id".to_owned(), json!(leader.to_string()));
    fields.insert("emergency_phone".to_owned(), json!(phone));
    let mut edits = vec![Edit::create(EntityKind::Trip, id, fields)];
    let mut staff = vec![leader];
    staff.extend(form.staff.iter().filter(|who| **who != leader));
    for who in staff {
        edits.push(member(id, who, "staff", None));
    }
    for child in &form.children {
        edits.push(member(id, *child, "student", Some(leader)));
    }
    for (position, (text, check)) in checks.iter().zip(check_ids).enumerate() {
        let fields = [
            ("trip_id".to_owned(), json!(id.to_string())),
            ("text".to_owned(), json!(text)),
            ("position".to_owned(), json!(position)),
        ];
        edits.push(Edit::create(EntityKind::TripCheck, *check, fields.into()));
    }
    for edit in &edits {
        edit.validate().map_err(|error| error.to_string())?;
    }
    Ok(edits)
}

fn member(trip: EntityId, who: EntityId, kind: &str, with: Option<EntityId>) -> Edit {
    let mut fields = BTreeMap::new();
    fields.insert("trip_id".to_owned(), json!(trip.to_string()));
    fields.insert("member_kind".to_owned(), json!(kind));
    fields.insert("member_id".to_owned(), json!(who.to_string()));
    if let Some(with) = with {
        fields.insert("with_staff_id".to_owned(), json!(with.to_string()));
    }
    Edit::create(EntityKind::TripMember, trip_member_id(trip, who), fields)
}

/// The edit that moves `child` on `trip` into the group of `staff`.
pub fn move_child(trip: EntityId, child: EntityId, staff: EntityId) -> Edit {
    let fields = [("with_staff_id".to_owned(), json!(staff.to_string()))];
    Edit::update(
        EntityKind::TripMember,
        trip_member_id(trip, child),
        fields.into(),
    )
}

/// The edit that adds `child` to `trip` after its set-up, in the group of `staff`.
pub fn add_child(trip: EntityId, child: EntityId, staff: EntityId) -> Edit {
    member(trip, child, "student", Some(staff))
}

/// The edits that put each of `children` (a group's, late consent) on `trip` in the group of
/// `staff`, to be saved together.
pub fn add_children(trip: EntityId, children: &[EntityId], staff: EntityId) -> Vec<Edit> {
    children
        .iter()
        .map(|child| add_child(trip, *child, staff))
        .collect()
}

/// The edit that takes `child` off `trip`; their roll-call marks stay in the trip's record.
pub fn remove_child(trip: EntityId, child: EntityId) -> Edit {
    Edit::delete(EntityKind::TripMember, trip_member_id(trip, child))
}

/// The edit that sets the consent or exclusion note of `child` on `trip` ("No photographs"),
/// or clears it when `note` is blank.
///
/// # Errors
/// The sentence to show when the note is too long.
pub fn note_child(trip: EntityId, child: EntityId, note: &str) -> Result<Edit, String> {
    let value = typed(note).map_or(Value::Null, Value::from);
    let fields = [("note".to_owned(), value)];
    let edit = Edit::update(
        EntityKind::TripMember,
        trip_member_id(trip, child),
        fields.into(),
    );
    edit.validate().map_err(|error| error.to_string())?;
    Ok(edit)
}

/// The edit that opens the roll call `name` ("Lunch") on `trip`; its id comes from the two,
/// so a second phone opening it with no signal opens the same one.
///
/// # Errors
/// The sentence to show when the name is missing or too long.
pub fn open_roll_call(trip: EntityId, name: &str, by: EntityId, now: u64) -> Result<Edit, String> {
    let name = typed(name).ok_or("Name the checkpoint: Departure, Lunch, or any name.")?;
    let fields = [
        ("trip_id".to_owned(), json!(trip.to_string())),
        ("name".to_owned(), json!(name)),
        ("opened_by".to_owned(), json!(by.to_string())),
        ("opened_at".to_owned(), json!(now)),
    ];
    let edit = Edit::create(
        EntityKind::RollCall,
        roll_call_id(trip, &name),
        fields.into(),
    );
    edit.validate().map_err(|error| error.to_string())?;
    Ok(edit)
}

/// Where a roll-call mark is made: the roll call, its trip, who marks and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RollCallPlace {
    pub roll_call: EntityId,
    pub trip: EntityId,
    pub by: EntityId,
    pub now: u64,
}

/// The edit that gives `child` the standing `standing` (with `note`) in the roll call at
/// `place`: a create if this device has no mark for them yet (`marked` is false), else an
/// update. Every mark writes its note (a cleared one as `null`), so the later mark wins whole.
///
/// # Errors
/// The sentence to show when "accounted for otherwise" has no note, or the note is too long.
pub fn mark_child(
    place: RollCallPlace,
    child: EntityId,
    marked: bool,
    standing: Standing,
    note: &str,
) -> Result<Edit, String> {
    let note = typed(note);
    if standing == Standing::Other && note.is_none() {
        return Err("Say how the child is accounted for.".to_owned());
    }
    let mut fields = BTreeMap::new();
    fields.insert("status".to_owned(), json!(standing.as_str()));
    fields.insert("note".to_owned(), note.map_or(Value::Null, Value::String));
    fields.insert("marked_by".to_owned(), json!(place.by.to_string()));
    fields.insert("marked_at".to_owned(), json!(place.now));
    let id = roll_call_mark_id(place.roll_call, child);
    let edit = if marked {
        Edit::update(EntityKind::RollCallMark, id, fields)
    } else {
        fields.insert(
            "roll_call_id".to_owned(),
            json!(place.roll_call.to_string()),
        );
        fields.insert("trip_id".to_owned(), json!(place.trip.to_string()));
        fields.insert("student_id".to_owned(), json!(child.to_string()));
        Edit::create(EntityKind::RollCallMark, id, fields)
    };
    edit.validate().map_err(|error| error.to_string())?;
    Ok(edit)
}

/// The edit that completes roll call `id`, if no child is still missing.
///
/// # Errors
/// The sentence to show when `missing` children are neither found nor accounted for.
pub fn complete_roll_call(
    id: EntityId,
    by: EntityId,
    now: u64,
    missing: usize,
) -> Result<Edit, String> {
    match missing {
        0 => {}
        1 => return Err("1 child is still missing: find them or say where they are.".to_owned()),
        n => {
            return Err(format!(
                "{n} children are still missing: find them or say where they are."
            ));
        }
    }
    let fields = [
        ("completed_at".to_owned(), json!(now)),
        ("completed_by".to_owned(), json!(by.to_string())),
    ];
    Ok(Edit::update(EntityKind::RollCall, id, fields.into()))
}

/// The edit that re-opens completed roll call `id`, to correct a mark; its marks and their
/// history stay.
pub fn reopen_roll_call(id: EntityId) -> Edit {
    let fields = [
        ("completed_at".to_owned(), Value::Null),
        ("completed_by".to_owned(), Value::Null),
    ];
    Edit::update(EntityKind::RollCall, id, fields.into())
}

/// The incident form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IncidentForm {
    pub children: Vec<EntityId>,
    pub what_happened: String,
    pub action_taken: String,
}

/// The edit that logs incident `id` on `trip`, by `by`, happening at `at`.
///
/// # Errors
/// The first thing to put right, in words.
pub fn log_incident(
    id: EntityId,
    trip: EntityId,
    by: EntityId,
    at: u64,
    form: &IncidentForm,
) -> Result<Edit, String> {
    let what = typed(&form.what_happened).ok_or("Say what happened.")?;
    let action = typed(&form.action_taken).ok_or("Say what was done about it.")?;
    let mut fields = BTreeMap::new();
    fields.insert("trip_id".to_owned(), json!(trip.to_string()));
    fields.insert("recorded_by".to_owned(), json!(by.to_string()));
    fields.insert("happened_at".to_owned(), json!(at));
    fields.insert("what_happened".to_owned(), json!(what));
    fields.insert("action_taken".to_owned(), json!(action));
    if !form.children.is_empty() {
        let ids: Vec<String> = form.children.iter().map(EntityId::to_string).collect();
        fields.insert("student_ids".to_owned(), json!(ids));
    }
    let edit = Edit::create(EntityKind::TripIncident, id, fields);
    edit.validate().map_err(|error| error.to_string())?;
    Ok(edit)
}

/// The edit that ticks checklist item `id` as done by `by` at `now`, or unticks it.
pub fn tick_check(id: EntityId, done: Option<(EntityId, u64)>) -> Edit {
    let fields = match done {
        Some((by, now)) => [
            ("done_at".to_owned(), json!(now)),
            ("done_by".to_owned(), json!(by.to_string())),
        ],
        None => [
            ("done_at".to_owned(), Value::Null),
            ("done_by".to_owned(), Value::Null),
        ],
    };
    Edit::update(EntityKind::TripCheck, id, fields.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use mentor_core::OpKind;

    #[test]
    fn a_child_added_later_joins_a_group_and_one_removed_is_their_place_deleted() {
        let (trip, child, staff) = (id(1), id(10), id(2));
        let added = add_child(trip, child, staff);
        assert_eq!(added.kind, OpKind::Create);
        assert_eq!(added.entity_id, trip_member_id(trip, child));
        assert_eq!(added.fields["with_staff_id"], json!(staff.to_string()));
        assert!(added.validate().is_ok());
        let removed = remove_child(trip, child);
        assert_eq!(
            (removed.kind, removed.entity_id),
            (OpKind::Delete, added.entity_id)
        );
    }

    #[test]
    fn a_roll_call_re_opened_forgets_who_completed_it_and_when() {
        let edit = reopen_roll_call(id(3));
        assert_eq!(edit.kind, OpKind::Update);
        assert_eq!(edit.fields["completed_at"], Value::Null);
        assert_eq!(edit.fields["completed_by"], Value::Null);
        assert!(edit.validate().is_ok());
    }

    #[test]
    fn a_consent_note_is_trimmed_cleared_when_blank_and_refused_when_too_long() {
        let (trip, child) = (id(1), id(10));
        let note = note_child(trip, child, "  No photographs ").unwrap();
        assert_eq!(note.fields["note"], json!("No photographs"));
        assert_eq!(
            note_child(trip, child, "  ").unwrap().fields["note"],
            Value::Null
        );
        let error = note_child(trip, child, &"x".repeat(301)).unwrap_err();
        assert!(error.contains("300"), "{error}");
    }

    fn id(n: u8) -> EntityId {
        EntityId::from_time_and_random(1_750_000_000_000, [n; 10]).unwrap()
    }

    fn form() -> TripForm {
        TripForm {
            name: "Science museum".into(),
            destination: "Quay Street".into(),
            starts_on: "2026-12-02".into(),
            ends_on: "2026-12-02".into(),
            leader: Some(id(1)),
            emergency_phone: "01632 960999".into(),
            staff: vec![id(2), id(1)],
            children: vec![id(10), id(11)],
        }
    }

    #[test]
    fn a_trip_is_set_up_whole_or_not_at_all() {
        let checks = vec!["Risk assessment".to_owned()];
        let edits = new_trip(id(9), &form(), &checks, &[id(20)]).unwrap();
        // The trip, two staff (the leader once), two children, one checklist item.
        assert_eq!(edits.len(), 6);
        assert_eq!(edits[0].kind, OpKind::Create);
        assert_eq!(edits[3].fields["with_staff_id"], json!(id(1).to_string()));
        let mut backwards = form();
        backwards.ends_on = "2026-12-01".into();
        assert_eq!(
            new_trip(id(9), &backwards, &checks, &[id(20)]).unwrap_err(),
            "The trip cannot end before it starts."
        );
        let mut nobody = form();
        nobody.children.clear();
        assert!(
            new_trip(id(9), &nobody, &checks, &[])
                .unwrap_err()
                .contains("children")
        );
        let mut bad_phone = form();
        bad_phone.emergency_phone = "ring the office".into();
        assert!(new_trip(id(9), &bad_phone, &checks, &[]).is_err());
    }

    #[test]
    fn two_phones_opening_one_checkpoint_open_one_roll_call() {
        let a = open_roll_call(id(9), " Lunch ", id(1), 1_750_000_000_000).unwrap();
        let b = open_roll_call(id(9), "Lunch", id(2), 1_750_000_000_500).unwrap();
        assert_eq!(a.entity_id, b.entity_id);
        assert!(open_roll_call(id(9), " ", id(1), 1).is_err());
    }

    #[test]
    fn a_child_accounted_for_otherwise_needs_a_note_and_completion_needs_everyone() {
        let place = RollCallPlace {
            roll_call: id(30),
            trip: id(9),
            by: id(1),
            now: 1_750_000_000_000,
        };
        let found = mark_child(place, id(10), false, Standing::Found, "").unwrap();
        assert_eq!(found.entity_id, roll_call_mark_id(id(30), id(10)));
        assert_eq!(found.fields["note"], Value::Null);
        assert!(mark_child(place, id(10), true, Standing::Other, " ").is_err());
        let back = mark_child(place, id(10), true, Standing::Missing, "").unwrap();
        assert_eq!(back.kind, OpKind::Update);
        assert_eq!(
            complete_roll_call(id(30), id(1), 1, 1).unwrap_err(),
            "1 child is still missing: find them or say where they are."
        );
        assert!(complete_roll_call(id(30), id(1), 1_750_000_000_000, 0).is_ok());
        for standing in [
            Standing::Found,
            Standing::WithParent,
            Standing::SentHome,
            Standing::Other,
        ] {
            assert_eq!(Standing::from_stored(standing.as_str()), standing);
            assert!(mentor_core::kinds::ROLL_CALL_STATUSES.contains(&standing.as_str()));
        }
        assert_eq!(Standing::from_stored("missing"), Standing::Missing);
    }

    #[test]
    fn an_incident_says_what_happened_and_what_was_done() {
        let mut form = IncidentForm {
            children: vec![id(10)],
            what_happened: "Grazed knee".into(),
            action_taken: String::new(),
        };
        assert_eq!(
            log_incident(id(40), id(9), id(1), 1_750_000_000_000, &form).unwrap_err(),
            "Say what was done about it."
        );
        form.action_taken = "Cleaned and dressed".into();
        let edit = log_incident(id(40), id(9), id(1), 1_750_000_000_000, &form).unwrap();
        assert_eq!(edit.fields["student_ids"], json!([id(10).to_string()]));
    }
}

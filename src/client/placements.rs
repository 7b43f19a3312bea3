//! The edits of work-experience placements: setting one up, recording its checks and status,
//! planning, starting, recording and finishing a visit, and its follow-up actions. Each check
//! a person could get wrong is made here, with a sentence to show beside the field, before
//! anything is saved: one op per save, so nothing is ever saved half.

use std::collections::BTreeMap;

use mentor_core::records::Placement;
use mentor_core::validation::is_date;
use mentor_core::{Edit, EntityId, EntityKind};
use serde_json::{Value, json};

use super::edit::typed;

/// The set-up form of a new placement, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlacementForm {
    pub student: Option<EntityId>,
    pub visitor: Option<EntityId>,
    pub employer: String,
    pub address: String,
    pub supervisor_name: String,
    pub supervisor_phone: String,
    pub supervisor_email: String,
    pub starts_on: String,
    pub ends_on: String,
    pub hours: String,
}

/// The edit that sets up placement `id` (status "planned").
///
/// # Errors
/// The first thing to put right, in words.
pub fn new_placement(id: EntityId, form: &PlacementForm) -> Result<Edit, String> {
    let student = form.student.ok_or("Choose the learner.")?;
    let visitor = form.visitor.ok_or("Choose who visits.")?;
    let employer = typed(&form.employer).ok_or("Enter the employer.")?;
    let address = typed(&form.address).ok_or("Enter the workplace address.")?;
    if !is_date(&form.starts_on) || !is_date(&form.ends_on) {
        return Err("Enter the first and last days of the placement.".to_owned());
    }
    if form.ends_on < form.starts_on {
        return Err("The last day cannot be before the first.".to_owned());
    }
    let mut fields = BTreeMap::new();
    fields.insert("student_id".to_owned(), json!(student.to_string()));
    fields.insert("visitor_id".to_owned(), json!(visitor.to_string()));
    fields.insert("employer".to_owned(), json!(employer));
    fields.insert("address".to_owned(), json!(address));
    fields.insert("starts_on".to_owned(), json!(form.starts_on));
    fields.insert("ends_on".to_owned(), json!(form.ends_on));
    fields.insert("status".to_owned(), json!("planned"));
    for (name, text) in [
        ("supervisor_name", &form.supervisor_name),
        ("supervisor_phone", &form.supervisor_phone),
        ("supervisor_email", &form.supervisor_email),
        ("hours", &form.hours),
    ] {
        if let Some(text) = typed(text) {
            fields.insert(name.to_owned(), json!(text));
        }
    }
    let edit = Edit::create(EntityKind::Placement, id, fields);
    edit.validate().map_err(|error| error.to_string())?;
    Ok(edit)
}

/// The edit that records check `prefix` (`check_risk`, …) as done by `by` on `today`.
pub fn record_check(placement: EntityId, prefix: &str, by: EntityId, today: &str) -> Edit {
    let mut fields = BTreeMap::new();
    fields.insert(format!("{prefix}_on"), json!(today));
    fields.insert(format!("{prefix}_by"), json!(by.to_string()));
    Edit::update(EntityKind::Placement, placement, fields)
}

/// The edit that moves `placement` (as stored, `id`) to `status`; making it active with a
/// check missing needs the coordinator's `reason`.
///
/// # Errors
/// Why it may not move, in words.
pub fn set_status(
    id: EntityId,
    placement: &Placement,
    status: &str,
    reason: &str,
) -> Result<Edit, String> {
    let mut fields = BTreeMap::new();
    fields.insert("status".to_owned(), json!(status));
    if status == "active" {
        let mut with_reason = placement.clone();
        if let Some(reason) = typed(reason) {
            with_reason.override_reason = Some(reason.clone());
            fields.insert("override_reason".to_owned(), json!(reason));
        }
        if let Some(refusal) = with_reason.activation_refusal() {
            return Err(refusal);
        }
    }
    Ok(Edit::update(EntityKind::Placement, id, fields))
}

/// The edit that plans visit `id` to `placement` (as stored, `placement_id`) on `day` by
/// `visitor`.
///
/// # Errors
/// When `day` is not a date.
pub fn plan_visit(
    id: EntityId,
    placement_id: EntityId,
    placement: &Placement,
    visitor: EntityId,
    day: &str,
) -> Result<Edit, String> {
    if !is_date(day) {
        return Err("Choose the day of the visit.".to_owned());
    }
    let mut fields = BTreeMap::new();
    fields.insert("placement_id".to_owned(), json!(placement_id.to_string()));
    fields.insert(
        "student_id".to_owned(),
        json!(placement.student_id.to_string()),
    );
    fields.insert("visitor_id".to_owned(), json!(visitor.to_string()));
    fields.insert("planned_on".to_owned(), json!(day));
    Ok(Edit::create(EntityKind::PlacementVisit, id, fields))
}

/// The edit that starts visit `id` at `now` (milliseconds since 1970).
pub fn start_visit(id: EntityId, now: u64) -> Edit {
    let fields = [("started_at".to_owned(), json!(now))].into();
    Edit::update(EntityKind::PlacementVisit, id, fields)
}

/// The edit that saves what the visit log changed (`changes`, a cleared field as `null`)
/// and, if `finished_at` is given, finishes the visit then, all in one op.
///
/// # Errors
/// A visit that would finish before it started, or not started at all; or a value core
/// refuses (a rating out of range), in words.
pub fn save_visit(
    id: EntityId,
    started_at: Option<i64>,
    mut changes: BTreeMap<String, Value>,
    finished_at: Option<i64>,
) -> Result<Option<Edit>, String> {
    if let Some(finished) = finished_at {
        let started = started_at.ok_or("Start the visit before finishing it.")?;
        if finished < started {
            return Err("A visit cannot finish before it started: check the times.".to_owned());
        }
        changes.insert("finished_at".to_owned(), json!(finished));
    }
    if changes.is_empty() {
        return Ok(None);
    }
    let edit = Edit::update(EntityKind::PlacementVisit, id, changes);
    edit.validate().map_err(|error| error.to_string())?;
    Ok(Some(edit))
}

/// A follow-up action as the visit log's form gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FollowUpForm {
    pub text: String,
    pub owner: Option<EntityId>,
    pub due_on: String,
}

/// The edit that adds follow-up `id` to visit `visit` about `student`, on `today`.
///
/// # Errors
/// No text, no owner, no due date, or a due date already past.
pub fn add_follow_up(
    id: EntityId,
    visit: EntityId,
    student: EntityId,
    form: &FollowUpForm,
    today: &str,
) -> Result<Edit, String> {
    let text = typed(&form.text).ok_or("Say what needs doing.")?;
    let owner = form.owner.ok_or("Choose who will do it.")?;
    if !is_date(&form.due_on) {
        return Err("Choose when it is due.".to_owned());
    }
    if form.due_on.as_str() < today {
        return Err("The due date has passed: choose today or a later day.".to_owned());
    }
    let mut fields = BTreeMap::new();
    fields.insert("visit_id".to_owned(), json!(visit.to_string()));
    fields.insert("student_id".to_owned(), json!(student.to_string()));
    fields.insert("owner_id".to_owned(), json!(owner.to_string()));
    fields.insert("text".to_owned(), json!(text));
    fields.insert("due_on".to_owned(), json!(form.due_on));
    let edit = Edit::create(EntityKind::FollowUp, id, fields);
    edit.validate().map_err(|error| error.to_string())?;
    Ok(edit)
}

/// The edit that marks follow-up `id` done at `now`.
pub fn complete_follow_up(id: EntityId, now: u64) -> Edit {
    let fields = [("done_at".to_owned(), json!(now))].into();
    Edit::update(EntityKind::FollowUp, id, fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u8) -> EntityId {
        EntityId::from_time_and_random(1_750_000_000_000, [n; 10]).unwrap()
    }

    fn form() -> PlacementForm {
        PlacementForm {
            student: Some(id(1)),
            visitor: Some(id(2)),
            employer: "Harbour Lane Veterinary Practice".into(),
            address: "14 Harbour Lane".into(),
            supervisor_phone: "01632 960418".into(),
            starts_on: "2026-11-25".into(),
            ends_on: "2026-12-09".into(),
            ..PlacementForm::default()
        }
    }

    #[test]
    fn a_placement_needs_a_learner_an_employer_and_days_in_order() {
        assert_eq!(new_placement(id(3), &form()).unwrap().validate(), Ok(()));
        let no_learner = PlacementForm {
            student: None,
            ..form()
        };
        assert_eq!(
            new_placement(id(3), &no_learner).unwrap_err(),
            "Choose the learner."
        );
        let backwards = PlacementForm {
            ends_on: "2026-11-01".into(),
            ..form()
        };
        assert_eq!(
            new_placement(id(3), &backwards).unwrap_err(),
            "The last day cannot be before the first."
        );
        let bad_phone = PlacementForm {
            supervisor_phone: "call reception".into(),
            ..form()
        };
        assert!(
            new_placement(id(3), &bad_phone)
                .unwrap_err()
                .contains("phone number")
        );
    }

    #[test]
    fn a_placement_starts_with_every_check_or_a_reason() {
        let edit = new_placement(id(3), &form()).unwrap();
        let stored: Placement = serde_json::from_value(json!(edit.fields)).unwrap();
        let refused = set_status(id(3), &stored, "active", "").unwrap_err();
        assert!(
            refused.contains("Parent or carer consent received"),
            "{refused}"
        );
        let forced = set_status(
            id(3),
            &stored,
            "active",
            "Consent given by phone; form to follow",
        )
        .unwrap();
        assert_eq!(
            forced.fields["override_reason"],
            json!("Consent given by phone; form to follow")
        );
        assert!(set_status(id(3), &stored, "ended_early", "").is_ok());
    }

    #[test]
    fn a_visit_cannot_finish_before_it_starts_and_saves_in_one_op() {
        let changes: BTreeMap<String, Value> = [("learner_present".to_owned(), json!(true))].into();
        assert_eq!(
            save_visit(
                id(4),
                Some(2_000_000_000_000),
                changes.clone(),
                Some(1_999_999_000_000)
            )
            .unwrap_err(),
            "A visit cannot finish before it started: check the times."
        );
        assert_eq!(
            save_visit(id(4), None, changes.clone(), Some(2_000_000_000_000)).unwrap_err(),
            "Start the visit before finishing it."
        );
        let edit = save_visit(
            id(4),
            Some(1_999_999_000_000),
            changes,
            Some(2_000_000_000_000),
        )
        .unwrap()
        .unwrap();
        assert_eq!(edit.fields.len(), 2);
        let rating: BTreeMap<String, Value> = [("wellbeing_rating".to_owned(), json!(9))].into();
        assert!(save_visit(id(4), None, rating, None).is_err());
    }

    #[test]
    fn an_action_needs_an_owner_and_a_due_date_not_yet_past() {
        let good = FollowUpForm {
            text: "Send the risk assessment".into(),
            owner: Some(id(2)),
            due_on: "2026-12-04".into(),
        };
        assert!(add_follow_up(id(5), id(4), id(1), &good, "2026-12-02").is_ok());
        let no_owner = FollowUpForm {
            owner: None,
            ..good.clone()
        };
        assert_eq!(
            add_follow_up(id(5), id(4), id(1), &no_owner, "2026-12-02").unwrap_err(),
            "Choose who will do it."
        );
        let past = FollowUpForm {
            due_on: "2026-12-01".into(),
            ..good
        };
        assert_eq!(
            add_follow_up(id(5), id(4), id(1), &past, "2026-12-02").unwrap_err(),
            "The due date has passed: choose today or a later day."
        );
    }
}

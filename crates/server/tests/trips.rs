//! Trips on the server: the trip pack (each child's medical notes and emergency contacts)
//! reaches the trip's staff while the trip runs and nobody else; roll calls opened on two
//! phones with no signal are one roll call whose marks merge; only those who see every
//! student organise a trip; the incident log is never changed.

// An integration-test crate: its helpers are test code too, where a panic is the failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::BTreeMap;

use mentor_core::entity::{roll_call_id, roll_call_mark_id, trip_member_id};
use mentor_core::{Edit, EntityId, EntityKind, Outcome};
use mentor_server::store::Role;
use serde_json::{Value, json};
use support::*;

/// A school: a day trip on the fixture's first day led by `leader` (a teacher) with
/// `helper` (a mentor), children one and two in the leader's group and three in the
/// helper's; child four stays at school. `form_tutor` teaches child one in a form group;
/// `outsider` teaches nobody on the trip. Child one has an allergy and an emergency contact.
struct School {
    fx: Fixture,
    admin: Session,
    leader: Session,
    helper: Session,
    form_tutor: Session,
    outsider: Session,
    trip: EntityId,
    children: [EntityId; 4],
    allergy: EntityId,
    contact: EntityId,
}

fn member(trip: EntityId, who: EntityId, kind: &str, with: Option<EntityId>) -> Edit {
    let mut values = fields(json!({
        "trip_id": trip.to_string(), "member_kind": kind, "member_id": who.to_string()
    }));
    if let Some(with) = with {
        values.insert("with_staff_id".into(), json!(with.to_string()));
    }
    Edit::create(EntityKind::TripMember, trip_member_id(trip, who), values)
}

fn roll_call(trip: EntityId, name: &str, by: EntityId) -> Edit {
    Edit::create(
        EntityKind::RollCall,
        roll_call_id(trip, name),
        fields(json!({
            "trip_id": trip.to_string(), "name": name,
            "opened_by": by.to_string(), "opened_at": NOW
        })),
    )
}

fn found(trip: EntityId, roll_call: EntityId, child: EntityId, by: EntityId, status: &str) -> Edit {
    Edit::create(
        EntityKind::RollCallMark,
        roll_call_mark_id(roll_call, child),
        fields(json!({
            "roll_call_id": roll_call.to_string(), "trip_id": trip.to_string(),
            "student_id": child.to_string(), "status": status,
            "marked_by": by.to_string(), "marked_at": NOW
        })),
    )
}

fn applied(outcomes: &[mentor_core::OpResult]) {
    assert!(
        outcomes
            .iter()
            .all(|result| result.outcome == Outcome::Applied),
        "{outcomes:?}"
    );
}

fn rejected(outcome: &Outcome) -> &str {
    match outcome {
        Outcome::Rejected { reason } => reason,
        other => panic!("not rejected: {other:?}"),
    }
}

async fn school() -> School {
    let mut fx = fixture();
    let mut admin = fx
        .session("Odile Farrant", "odile@school.example", Role::Admin)
        .await;
    let leader = fx
        .session("Perrin Hale", "perrin@school.example", Role::Teacher)
        .await;
    let helper = fx
        .session("Bram Keswick", "bram@school.example", Role::Mentor)
        .await;
    let form_tutor = fx
        .session("Tamsin Orde", "tamsin@school.example", Role::Teacher)
        .await;
    let outsider = fx
        .session("Cass Ilbert", "cass@school.example", Role::Teacher)
        .await;
    let children = [new_id(1), new_id(2), new_id(3), new_id(4)];
    let (form, trip) = (new_id(10), new_id(20));
    let (allergy, contact) = (new_id(30), new_id(31));
    let mut ops: Vec<_> = children
        .iter()
        .zip(["Isolde", "Perrin", "Wren", "Hollis"])
        .map(|(id, name)| admin.op(student(*id, name)))
        .collect();
    ops.extend([
        admin.op(group(form, "8F")),
        admin.op(membership(form, children[0], "student")),
        admin.op(membership(form, form_tutor.staff, "staff")),
        admin.op(Edit::create(
            EntityKind::MedicalNote,
            allergy,
            fields(json!({
                "kind": "allergy", "text": "Peanuts: carries an adrenaline pen",
                "severity": "life_threatening", "student_id": children[0].to_string()
            })),
        )),
        admin.op(Edit::create(
            EntityKind::EmergencyContact,
            contact,
            fields(json!({
                "name": "Ada Testwell", "relationship": "Parent", "phone_primary": "01632 960111",
                "priority": 1, "student_id": children[0].to_string()
            })),
        )),
        admin.op(Edit::create(
            EntityKind::Trip,
            trip,
            fields(json!({
                "name": "Science museum", "destination": "Exhibition Road",
                "starts_on": "2025-06-15", "ends_on": "2025-06-15",
                "leader_id": leader.staff.to_string(), "emergency_phone": "01632 960000"
            })),
        )),
        admin.op(member(trip, leader.staff, "staff", None)),
        admin.op(member(trip, helper.staff, "staff", None)),
        admin.op(member(trip, children[0], "student", Some(leader.staff))),
        admin.op(member(trip, children[1], "student", Some(leader.staff))),
        admin.op(member(trip, children[2], "student", Some(helper.staff))),
    ]);
    applied(&fx.push(&admin, ops).await.results);
    School {
        fx,
        admin,
        leader,
        helper,
        form_tutor,
        outsider,
        trip,
        children,
        allergy,
        contact,
    }
}

#[tokio::test]
async fn the_trip_pack_reaches_the_trips_staff_while_it_runs_and_nobody_else() {
    let school = school().await;
    let fx = &school.fx;
    let pack = [school.children[0], school.allergy, school.contact];

    for (who, session) in [
        ("the leader", &school.leader),
        ("the helper", &school.helper),
    ] {
        let records = pulled(fx, session).await;
        for id in pack.iter().chain([&school.trip]) {
            assert!(records.contains_key(id), "{who} did not receive {id}");
        }
        let members = records
            .values()
            .filter(|record| record.entity == EntityKind::TripMember)
            .count();
        assert_eq!(members, 5, "{who} receives every member of the trip");
        assert!(
            !records.contains_key(&school.children[3]),
            "{who} received a child not on the trip"
        );
    }

    // A teacher not on the trip receives nothing of it; the form tutor receives child one's
    // profile as they always did, and still nothing of the trip.
    let outsider = pulled(fx, &school.outsider).await;
    for id in pack.iter().chain([&school.trip]) {
        assert!(!outsider.contains_key(id), "the outsider received {id}");
    }
    let tutor = pulled(fx, &school.form_tutor).await;
    assert!(tutor.contains_key(&school.allergy));
    assert!(!tutor.contains_key(&school.trip));
    assert!(
        tutor
            .values()
            .all(|record| record.entity != EntityKind::TripMember)
    );

    // Two days after the trip the pack has gone from the leader's device at its next pull
    // (the scope changed, so the pull starts again); the trip itself stays.
    let mut kept = BTreeMap::new();
    let cursor = fx.pull_all(&school.leader, 0, &mut kept).await;
    fx.clock.advance(3 * DAY_MS);
    let page = fx.pull_page(&school.leader, cursor, 500).await;
    assert!(page.reset, "the trip's end changes what the leader may see");
    let later = pulled(fx, &school.leader).await;
    for id in pack {
        assert!(
            !later.contains_key(&id),
            "the pack stayed after the trip: {id}"
        );
    }
    assert!(later.contains_key(&school.trip));
}

#[tokio::test]
async fn a_roll_call_opened_on_two_phones_offline_is_one_and_its_marks_merge() {
    let mut school = school().await;
    let (trip, [one, two, three, _]) = (school.trip, school.children);
    let departure = roll_call_id(trip, "Departure");
    let (leader, helper) = (school.leader.staff, school.helper.staff);

    let ops = vec![
        school.leader.op(roll_call(trip, "Departure", leader)),
        school
            .leader
            .op(found(trip, departure, one, leader, "found")),
        school
            .leader
            .op(found(trip, departure, two, leader, "found")),
    ];
    applied(&school.fx.push(&school.leader, ops).await.results);
    let ops = vec![
        school.helper.op(roll_call(trip, "Departure", helper)),
        school
            .helper
            .op(found(trip, departure, three, helper, "found")),
    ];
    applied(&school.fx.push(&school.helper, ops).await.results);

    for session in [&school.leader, &school.helper, &school.admin] {
        let records = pulled(&school.fx, session).await;
        let roll_calls = records
            .values()
            .filter(|record| record.entity == EntityKind::RollCall)
            .count();
        assert_eq!(roll_calls, 1);
        let found_children = records
            .values()
            .filter(|record| {
                record.entity == EntityKind::RollCallMark
                    && record.value("status") == Some(&json!("found"))
            })
            .count();
        assert_eq!(found_children, 3, "the whole trip's count");
    }
    let outsider = pulled(&school.fx, &school.outsider).await;
    assert!(!outsider.contains_key(&departure));
}

#[tokio::test]
async fn only_those_who_see_every_student_organise_a_trip_and_incidents_are_never_changed() {
    let mut school = school().await;
    let (trip, [one, _, three, four]) = (school.trip, school.children);
    let leader = school.leader.staff;

    // The leader may not add a child (that would hand them the child's medical details),
    // change the trip's dates, or make a trip of their own; they may move a child between
    // groups and write the consent note.
    let ops = vec![
        school
            .leader
            .op(member(trip, four, "student", Some(leader))),
        school.leader.op(Edit::update(
            EntityKind::Trip,
            trip,
            fields(json!({"ends_on": "2025-12-31"})),
        )),
        school.leader.op(Edit::update(
            EntityKind::TripMember,
            trip_member_id(trip, three),
            fields(json!({"with_staff_id": leader.to_string(), "note": "No photographs"})),
        )),
    ];
    let answer = school.fx.push(&school.leader, ops).await;
    for result in &answer.results[..2] {
        let reason = rejected(&result.outcome);
        assert!(reason.contains("administrator"), "{reason}");
    }
    assert_eq!(answer.results[2].outcome, Outcome::Applied);

    // A teacher not on the trip may not open a roll call on it nor log an incident.
    let outsider = school.outsider.staff;
    let ops = vec![school.outsider.op(roll_call(trip, "Lunch", outsider))];
    let answer = school.fx.push(&school.outsider, ops).await;
    assert!(rejected(&answer.results[0].outcome).contains("not for them"));

    // The leader logs an incident; nobody changes or removes it afterwards.
    let incident = new_id(40);
    let logged = |action: &str| {
        Edit::create(
            EntityKind::TripIncident,
            incident,
            fields(json!({
                "trip_id": trip.to_string(), "recorded_by": leader.to_string(), "happened_at": NOW,
                "student_ids": [one.to_string()], "what_happened": "Grazed knee on the steps",
                "action_taken": action
            })),
        )
    };
    let first = "Cleaned and dressed by the first aider; parent told by phone";
    let op = school.leader.op(logged(first));
    applied(&school.fx.push(&school.leader, vec![op]).await.results);
    // (The app refuses an update of an incident before it is sent; a rewritten create is
    // what a device could still send.)
    let change = school.leader.op(logged("Nothing"));
    let answer = school.fx.push(&school.leader, vec![change]).await;
    let reason = rejected(&answer.results[0].outcome);
    assert!(reason.contains("cannot"), "{reason}");
    let records = pulled(&school.fx, &school.helper).await;
    assert_eq!(
        records[&incident].value("action_taken"),
        Some(&Value::from(first))
    );
}

#[tokio::test]
async fn a_roll_call_mark_is_refused_for_a_child_not_on_the_trip_or_a_roll_call_of_another_trip() {
    let mut school = school().await;
    let (trip, [one, _, _, four]) = (school.trip, school.children);
    let leader = school.leader.staff;
    let departure = roll_call_id(trip, "Departure");
    let ops = vec![school.leader.op(roll_call(trip, "Departure", leader))];
    applied(&school.fx.push(&school.leader, ops).await.results);

    // A second trip the leader is not on, with its own roll call.
    let other = new_id(50);
    let ops = vec![
        school.admin.op(Edit::create(
            EntityKind::Trip,
            other,
            fields(json!({
                "name": "Castle", "destination": "The keep",
                "starts_on": "2025-06-15", "ends_on": "2025-06-15",
                "leader_id": school.outsider.staff.to_string(), "emergency_phone": "01632 960001"
            })),
        )),
        school
            .admin
            .op(member(other, school.outsider.staff, "staff", None)),
        school
            .admin
            .op(member(other, four, "student", Some(school.outsider.staff))),
        school
            .admin
            .op(roll_call(other, "Departure", school.admin.staff)),
    ];
    applied(&school.fx.push(&school.admin, ops).await.results);

    let ops = vec![
        // Child four is not on the leader's trip.
        school
            .leader
            .op(found(trip, departure, four, leader, "found")),
        // The other trip's roll call, claimed as this trip's: its id would be the other
        // trip's mark for child four, which the leader must not be able to take first.
        school.leader.op(found(
            trip,
            roll_call_id(other, "Departure"),
            four,
            leader,
            "found",
        )),
        // A roll call never opened.
        school.leader.op(found(
            trip,
            roll_call_id(trip, "Lunch"),
            one,
            leader,
            "found",
        )),
        // Child one, on the trip, in its own roll call.
        school
            .leader
            .op(found(trip, departure, one, leader, "found")),
    ];
    let answer = school.fx.push(&school.leader, ops).await;
    assert_eq!(
        rejected(&answer.results[0].outcome),
        "This child is not on this trip, so they cannot be marked in its roll call."
    );
    for result in &answer.results[1..3] {
        assert_eq!(
            rejected(&result.outcome),
            "This roll call is not on the server for this trip."
        );
    }
    assert_eq!(answer.results[3].outcome, Outcome::Applied);

    // The other trip's leader still marks child four in their own roll call.
    let outsider = school.outsider.staff;
    let op = school.outsider.op(found(
        other,
        roll_call_id(other, "Departure"),
        four,
        outsider,
        "found",
    ));
    applied(&school.fx.push(&school.outsider, vec![op]).await.results);
}

//! What the server tells a member of staff about records outside their scope: nothing. A
//! write to such a record is answered exactly as a write to an id that does not exist, and
//! a pull carries only the fields their role may read.

// An integration-test crate: its helpers are test code too, where a panic is the failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::BTreeMap;

use mentor_core::{Edit, EntityId, EntityKind, OpResult, Outcome};
use mentor_server::store::Role;
use serde_json::{Value, json};
use support::*;

/// A school where a mentor has one student on their caseload and another student, with a
/// strategy and a medical note, is someone else's.
struct School {
    fx: Fixture,
    admin: Session,
    mentor: Session,
    mine: EntityId,
    strategy: EntityId,
    medical: EntityId,
}

async fn school() -> School {
    let mut fx = fixture();
    let mut admin = fx
        .session("Odile Farrant", "odile@school.example", Role::Admin)
        .await;
    let mentor = fx
        .session("Bram Keswick", "bram@school.example", Role::Mentor)
        .await;
    let (mine, theirs, strategy, medical) = (new_id(1), new_id(2), new_id(3), new_id(4));
    let ops = vec![
        admin.op(student(mine, "Isolde")),
        admin.op(student(theirs, "Perrin")),
        admin.op(caseload(mentor.staff, mine)),
        admin.op(Edit::create(
            EntityKind::PassportStrategy,
            strategy,
            fields(json!({"text": "Seat by the door", "student_id": theirs.to_string()})),
        )),
        admin.op(Edit::create(
            EntityKind::MedicalNote,
            medical,
            fields(json!({"kind": "allergy", "text": "Peanuts", "student_id": theirs.to_string()})),
        )),
    ];
    let response = fx.push(&admin, ops).await;
    assert!(
        response
            .results
            .iter()
            .all(|result| result.outcome == Outcome::Applied),
        "{response:?}"
    );
    School {
        fx,
        admin,
        mentor,
        mine,
        strategy,
        medical,
    }
}

fn strategy_update(id: EntityId) -> Edit {
    Edit::update(
        EntityKind::PassportStrategy,
        id,
        fields(json!({"text": "Seat by the window"})),
    )
}

/// The outcome of one edit pushed alone, as JSON without its op id: what the device is told.
async fn told(fx: &Fixture, session: &mut Session, edit: Edit) -> Value {
    let op = session.op(edit);
    let response = fx.push(session, vec![op]).await;
    let [result]: [OpResult; 1] = response.results.try_into().unwrap();
    let mut value = serde_json::to_value(result).unwrap();
    value.as_object_mut().unwrap().remove("op_id");
    value
}

#[tokio::test]
async fn a_write_outside_the_scope_is_answered_as_a_write_to_no_record() {
    let School {
        fx,
        mut mentor,
        strategy,
        medical,
        ..
    } = school().await;
    let nowhere = new_id(99);
    let writes = [
        // Another student's strategy, changed and removed.
        (strategy_update(strategy), strategy_update(nowhere)),
        (
            Edit::delete(EntityKind::PassportStrategy, strategy),
            Edit::delete(EntityKind::PassportStrategy, nowhere),
        ),
        // Another student's medical note, named as a strategy: the reply must not say
        // what it really is.
        (strategy_update(medical), strategy_update(nowhere)),
    ];
    for (outside, missing) in writes {
        let outside = told(&fx, &mut mentor, outside).await;
        let missing = told(&fx, &mut mentor, missing).await;
        assert_eq!(outside, missing);
        assert_eq!(outside["outcome"], "rejected", "{outside}");
    }
}

#[tokio::test]
async fn with_earlier_changes_missing_both_wait_alike() {
    let School {
        fx,
        mut mentor,
        strategy,
        ..
    } = school().await;
    // Numbers 1 and 2 never arrive: either change might be waiting for its create.
    mentor.seq += 2;
    let outside = told(&fx, &mut mentor, strategy_update(strategy)).await;
    let missing = told(&fx, &mut mentor, strategy_update(new_id(99))).await;
    assert_eq!(outside, missing);
    assert_eq!(outside["outcome"], "deferred", "{outside}");
}

#[tokio::test]
async fn the_mentor_still_writes_their_own_students_records() {
    let School {
        fx,
        admin,
        mut mentor,
        mine,
        strategy,
        ..
    } = school().await;
    let own = new_id(20);
    let ops = vec![
        mentor.op(Edit::create(
            EntityKind::PassportStrategy,
            own,
            fields(json!({"text": "Quiet start", "student_id": mine.to_string()})),
        )),
        mentor.op(strategy_update(own)),
    ];
    let response = fx.push(&mentor, ops).await;
    assert!(
        response
            .results
            .iter()
            .all(|result| result.outcome == Outcome::Applied),
        "{response:?}"
    );
    let mut seen = BTreeMap::new();
    fx.pull_all(&admin, 0, &mut seen).await;
    assert_eq!(seen[&own].value("text"), Some(&json!("Seat by the window")));
    assert_eq!(
        seen[&strategy].value("text"),
        Some(&json!("Seat by the door"))
    );
}

/// Everything a full pull carries, as JSON text.
async fn pulled_text(fx: &Fixture, session: &Session) -> (String, BTreeMap<EntityId, Value>) {
    let mut seen = BTreeMap::new();
    fx.pull_all(session, 0, &mut seen).await;
    let text = serde_json::to_string(&seen.values().collect::<Vec<_>>()).unwrap();
    let values = seen
        .iter()
        .map(|(id, record)| (*id, record.current_values()))
        .collect();
    (text, values)
}

#[tokio::test]
async fn only_an_administrators_pull_carries_staff_email_addresses() {
    let School {
        mut fx,
        admin,
        mentor,
        ..
    } = school().await;
    let teacher = fx.staff("Tamsin Ollerby", "tamsin@school.example", Role::Teacher);

    let (text, values) = pulled_text(&fx, &mentor).await;
    assert!(
        !text.contains('@'),
        "a mentor's pull carries an email: {text}"
    );
    assert_eq!(values[&teacher]["display_name"], "Tamsin Ollerby");
    assert_eq!(values[&teacher]["role"], "teacher");
    assert_eq!(values[&admin.staff]["display_name"], "Odile Farrant");

    let (text, values) = pulled_text(&fx, &admin).await;
    for email in [
        "odile@school.example",
        "bram@school.example",
        "tamsin@school.example",
    ] {
        assert!(text.contains(email), "{email} missing from {text}");
    }
    assert_eq!(values[&teacher]["email"], "tamsin@school.example");
}

#[tokio::test]
async fn only_an_administrator_reads_a_staff_records_old_email_addresses() {
    let School {
        fx,
        mut admin,
        mentor,
        ..
    } = school().await;
    let change = admin.op(Edit::update(
        EntityKind::Staff,
        mentor.staff,
        fields(json!({"email": "bram.keswick@school.example", "display_name": "Bram K"})),
    ));
    assert_eq!(
        fx.push(&admin, vec![change]).await.results[0].outcome,
        Outcome::Applied
    );
    let uri = format!("/api/v1/history/staff/{}", mentor.staff);
    let (_, body) = fx.call("GET", &uri, Some(&mentor.token), None).await;
    let fields: Vec<&str> = body["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["display_name"], "{body}");
    let (_, body) = fx.call("GET", &uri, Some(&admin.token), None).await;
    assert!(body.to_string().contains("bram@school.example"), "{body}");
}

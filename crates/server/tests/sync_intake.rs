//! What the server takes in, through the router and SQLite: key fields never change, no
//! partial records, duplicates by device and content, the clock guard's answer repeated,
//! updates that wait for their create, and ids that belong to their own kind of record.

// An integration-test crate: its helpers are test code too, where a panic is the failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::BTreeMap;

use mentor_core::entity::{caseload_assignment_id, passport_voice_id};
use mentor_core::{Edit, EntityId, EntityKind, Op, Outcome, PushResponse, RecordState};
use mentor_server::api::extract::now_ms;
use mentor_server::store::Role;
use serde_json::json;
use support::*;

fn reason(response: &PushResponse, index: usize) -> &str {
    match &response.results[index].outcome {
        Outcome::Rejected { reason } => reason,
        other => panic!("op {index}: expected a rejection, got {other:?}"),
    }
}

fn strategy(id: EntityId, pupil: EntityId, text: &str) -> Edit {
    Edit::create(
        EntityKind::PassportStrategy,
        id,
        fields(json!({"text": text, "student_id": pupil.to_string()})),
    )
}

/// Stamps `edit` as `session` without validating it, as a faulty or hostile app might.
fn unchecked(session: &mut Session, edit: Edit) -> Op {
    let mut op = session.op(Edit::delete(edit.entity, edit.entity_id));
    op.kind = edit.kind;
    op.fields = edit.fields;
    op
}

async fn everything(fx: &Fixture, session: &Session) -> BTreeMap<EntityId, RecordState> {
    let mut seen = BTreeMap::new();
    fx.pull_all(session, 0, &mut seen).await;
    seen
}

#[tokio::test]
async fn a_key_field_never_changes_after_create() {
    let mut fx = fixture();
    let mut admin = fx
        .session("Ada Admin", "ada@school.example", Role::Admin)
        .await;
    let (first, second, id) = (new_id(1), new_id(2), new_id(3));
    let ops = vec![
        admin.op(student(first, "Tilly")),
        admin.op(student(second, "Ned")),
        admin.op(strategy(id, first, "Sit near the front")),
        admin.op(strategy(id, second, "Sit near the front")),
        unchecked(
            &mut admin,
            Edit::update(
                EntityKind::PassportStrategy,
                id,
                fields(json!({"student_id": second.to_string()})),
            ),
        ),
    ];
    let response = fx.push(&admin, ops).await;
    assert_eq!(response.results[2].outcome, Outcome::Applied);
    for index in [3, 4] {
        let why = reason(&response, index);
        assert!(why.contains("student_id") && why.contains("cannot be changed"));
    }
    let seen = everything(&fx, &admin).await;
    assert_eq!(
        seen[&id].value("student_id"),
        Some(&json!(first.to_string()))
    );
}

#[tokio::test]
async fn an_update_of_a_record_never_created_is_never_applied() {
    let mut fx = fixture();
    let mut admin = fx
        .session("Ada Admin", "ada@school.example", Role::Admin)
        .await;
    let unknown = new_id(9);
    let update = admin.op(Edit::update(
        EntityKind::PassportStrategy,
        unknown,
        fields(json!({"text": "Movement breaks"})),
    ));
    let response = fx.push(&admin, vec![update]).await;
    assert!(reason(&response, 0).contains("is not on the server"));
    let seen = everything(&fx, &admin).await;
    assert!(!seen.contains_key(&unknown), "{:?}", seen.get(&unknown));
}

#[tokio::test]
async fn an_op_id_is_a_duplicate_only_from_its_own_device_with_the_same_content() {
    let mut fx = fixture();
    let mut admin = fx
        .session("Ada Admin", "ada@school.example", Role::Admin)
        .await;
    let mut senco = fx
        .session("Sue Senco", "sue@school.example", Role::Senco)
        .await;
    let original = admin.op(student(new_id(1), "Tilly"));
    assert_eq!(
        fx.push(&admin, vec![original.clone()]).await.results[0].outcome,
        Outcome::Applied
    );
    let mut borrowed = senco.op(student(new_id(2), "Ned"));
    borrowed.op_id = original.op_id;
    let response = fx.push(&senco, vec![borrowed]).await;
    assert!(reason(&response, 0).contains("already used"));

    let mut altered = original.clone();
    altered.fields.insert("given_name".into(), json!("Tilda"));
    let response = fx.push(&admin, vec![altered]).await;
    assert!(reason(&response, 0).contains("already used"));

    let response = fx.push(&admin, vec![original]).await;
    assert_eq!(response.results[0].outcome, Outcome::Duplicate);
    let seen = everything(&fx, &admin).await;
    assert_eq!(seen[&new_id(1)].value("given_name"), Some(&json!("Tilly")));
    assert!(!seen.contains_key(&new_id(2)));
}

#[tokio::test]
async fn a_duplicate_is_answered_with_the_first_replys_capped_stamp() {
    let mut fx = fixture();
    let mut admin = fx
        .session("Ada Admin", "ada@school.example", Role::Admin)
        .await;
    admin.seq += 1;
    let month_ahead = now_ms() + 30 * 86_400_000;
    let op = student(new_id(1), "Tilly")
        .stamp(&mut admin.clock, admin.seq, month_ahead, random(77))
        .unwrap();
    let first = fx.push(&admin, vec![op.clone()]).await;
    let capped = first.results[0].capped_hlc.expect("the stamp is capped");
    let again = fx.push(&admin, vec![op]).await;
    assert_eq!(again.results[0].outcome, Outcome::Duplicate);
    assert_eq!(again.results[0].capped_hlc, Some(capped));
}

#[tokio::test]
async fn an_update_that_arrives_before_its_create_waits_for_it() {
    let mut fx = fixture();
    let mut admin = fx
        .session("Ada Admin", "ada@school.example", Role::Admin)
        .await;
    let mentor_id = fx.staff("Mo Mentor", "mo@school.example", Role::Mentor);
    let mut mentor = fx.sign_in("mo@school.example", mentor_id).await;
    let (pupil, outsider) = (new_id(1), new_id(2));
    let ops = vec![
        admin.op(student(pupil, "Tilly")),
        admin.op(student(outsider, "Ned")),
        admin.op(caseload(mentor_id, pupil)),
    ];
    fx.push(&admin, ops).await;
    let cursor = fx.pull_all(&mentor, 0, &mut BTreeMap::new()).await;

    let (mine, theirs) = (new_id(10), new_id(11));
    let create = mentor.op(strategy(mine, pupil, "Sit near the front"));
    let update = mentor.op(Edit::update(
        EntityKind::PassportStrategy,
        mine,
        fields(json!({"text": "Sit near the front, facing the board"})),
    ));
    let early = fx.push(&mentor, vec![update.clone()]).await;
    assert!(
        matches!(early.results[0].outcome, Outcome::Deferred { .. }),
        "{early:?}"
    );
    let page = fx.pull_page(&mentor, cursor, 0).await;
    assert!(
        page.changes.is_empty(),
        "nothing shows before it is applied"
    );

    fx.push(&mentor, vec![create]).await;
    let seen = everything(&fx, &admin).await;
    assert_eq!(
        seen[&mine].value("text"),
        Some(&json!("Sit near the front, facing the board"))
    );
    let again = fx.push(&mentor, vec![update]).await;
    assert_eq!(again.results[0].outcome, Outcome::Duplicate);

    // A waiting op is judged by the role rules when it is applied: this create is refused
    // (the student is not the mentor's), so the update waiting for it is refused too once
    // nothing else can come before it.
    let create = mentor.op(strategy(theirs, outsider, "Movement breaks"));
    let update = mentor.op(Edit::update(
        EntityKind::PassportStrategy,
        theirs,
        fields(json!({"text": "Movement breaks every 20 minutes"})),
    ));
    let early = fx.push(&mentor, vec![update.clone()]).await;
    assert!(matches!(early.results[0].outcome, Outcome::Deferred { .. }));
    let late = fx.push(&mentor, vec![create]).await;
    assert!(reason(&late, 0).contains("this student is not one of them"));
    let again = fx.push(&mentor, vec![update]).await;
    assert!(reason(&again, 0).contains("is not on the server"));
    assert!(!everything(&fx, &admin).await.contains_key(&theirs));
}

#[tokio::test]
async fn a_mentor_cannot_take_an_id_an_admin_will_need() {
    let mut fx = fixture();
    let mut admin = fx
        .session("Ada Admin", "ada@school.example", Role::Admin)
        .await;
    let mentor_id = fx.staff("Mo Mentor", "mo@school.example", Role::Mentor);
    let mut mentor = fx.sign_in("mo@school.example", mentor_id).await;
    let (pupil, later) = (new_id(1), new_id(2));
    let ops = vec![
        admin.op(student(pupil, "Tilly")),
        admin.op(student(later, "Ned")),
        admin.op(caseload(mentor_id, pupil)),
    ];
    fx.push(&admin, ops).await;

    // The id of the caseload assignment the admin will make next term, and the id of the
    // student's "in my words".
    let assignment = caseload_assignment_id(mentor_id, later);
    let voice = passport_voice_id(pupil);
    let squat = vec![
        unchecked(&mut mentor, strategy(assignment, pupil, "Squatting")),
        unchecked(&mut mentor, strategy(voice, pupil, "Squatting")),
    ];
    let response = fx.push(&mentor, squat).await;
    for index in 0..2 {
        assert!(reason(&response, index).contains("id"), "{response:?}");
    }
    let assign = admin.op(caseload(mentor_id, later));
    let response = fx.push(&admin, vec![assign]).await;
    assert_eq!(response.results[0].outcome, Outcome::Applied);
    let voice_op = admin.op(Edit::create(
        EntityKind::PassportVoice,
        voice,
        fields(json!({"text": "I like quiet", "student_id": pupil.to_string()})),
    ));
    let response = fx.push(&admin, vec![voice_op]).await;
    assert_eq!(response.results[0].outcome, Outcome::Applied);
}

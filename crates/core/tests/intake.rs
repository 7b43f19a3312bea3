//! What the server takes in, through the reference server: key fields never change, no
//! partial records, duplicates by device and content, the clock guard's answer repeated, and
//! ids that belong to their own kind of record. Out-of-order delivery is in `deferral.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: a panic is a failure report.

mod support;

use mentor_core::entity::{caseload_assignment_id, passport_voice_id};
use mentor_core::testing::ReferenceServer;
use mentor_core::{Edit, EntityKind, Outcome, PullRequest};
use serde_json::json;
use support::*;

fn reason(outcome: &Outcome) -> &str {
    match outcome {
        Outcome::Rejected { reason } => reason,
        other => panic!("expected a rejection, got {other:?}"),
    }
}

fn pull_everything(server: &mut ReferenceServer) -> Vec<mentor_core::Change> {
    let request = PullRequest {
        schema_version: mentor_core::SCHEMA_VERSION,
        cursor: 0,
        limit: 0,
    };
    server.pull(&request).unwrap().changes
}

#[test]
fn a_key_field_never_changes_after_create() {
    let mut server = ReferenceServer::new(MAX_AHEAD_MS);
    let mut tablet = Tablet::new(1);
    let id = record_id(1);
    let (first, second) = (student_id(1), student_id(2));
    let create = tablet.op(strategy(id, first, "Sit near the front"), START_MS);
    // A later create over the same id that names another student: a takeover, not an edit.
    let moved = tablet.op(strategy(id, second, "Sit near the front"), START_MS + 1);
    let update = tablet.op_unchecked(
        Edit::update(
            EntityKind::PassportStrategy,
            id,
            fields(json!({"student_id": second.to_string()})),
        ),
        START_MS + 2,
    );
    let response = server
        .push(&tablet.request(&[create, moved, update]), START_MS + 3)
        .unwrap();
    assert_eq!(response.results[0].outcome, Outcome::Applied);
    for result in &response.results[1..] {
        let why = reason(&result.outcome);
        assert!(why.contains("student_id"), "{why}");
        assert!(why.contains("cannot be changed"), "{why}");
    }
    let record = &server.records()[&id];
    assert_eq!(
        record.value("student_id"),
        Some(&json!(first.to_string())),
        "the strategy still belongs to its first student"
    );
    assert_eq!(server.last_seq(), 1);
}

#[test]
fn a_change_to_a_record_never_created_is_never_applied() {
    let mut server = ReferenceServer::new(MAX_AHEAD_MS);
    let mut tablet = Tablet::new(1);
    let unknown = record_id(7);
    let update = tablet.op(
        Edit::update(
            EntityKind::PassportStrategy,
            unknown,
            fields(json!({"text": "Movement breaks"})),
        ),
        START_MS,
    );
    let delete = tablet.op(
        Edit::delete(EntityKind::PassportStrategy, record_id(8)),
        START_MS + 1,
    );
    // Every earlier op of this device has arrived (there are none), so no create is coming.
    let response = server
        .push(&tablet.request(&[update, delete]), START_MS + 2)
        .unwrap();
    for result in &response.results {
        let why = reason(&result.outcome);
        assert!(why.contains("is not on the server"), "{why}");
    }
    assert!(server.records().is_empty(), "{:?}", server.records());
    assert_eq!(server.last_seq(), 0);
    assert!(pull_everything(&mut server).is_empty());
}

#[test]
fn an_op_id_is_a_duplicate_only_from_its_own_device_with_the_same_content() {
    let mut server = ReferenceServer::new(MAX_AHEAD_MS);
    let mut tablet = Tablet::new(1);
    let mut phone = Tablet::new(2);
    let original = tablet.op(new_student(1, "Odile", "Brackwater", 8), START_MS);
    assert_eq!(
        server
            .push(&tablet.request(std::slice::from_ref(&original)), START_MS)
            .unwrap()
            .results[0]
            .outcome,
        Outcome::Applied
    );

    // Another device's op that happens to (or is made to) carry the same op id.
    let mut borrowed = phone.op(new_student(2, "Bryony", "Marchbank", 9), START_MS + 1);
    borrowed.op_id = original.op_id;
    let response = server
        .push(&phone.request(&[borrowed]), START_MS + 2)
        .unwrap();
    let why = reason(&response.results[0].outcome);
    assert!(why.contains("already used"), "{why}");

    // The same device and op id with other content.
    let mut altered = original.clone();
    altered.fields.insert("given_name".into(), json!("Odette"));
    let response = server
        .push(&tablet.request(&[altered]), START_MS + 3)
        .unwrap();
    let why = reason(&response.results[0].outcome);
    assert!(why.contains("already used"), "{why}");

    // The true resend is still a duplicate, and nothing above changed the record.
    let response = server
        .push(&tablet.request(&[original]), START_MS + 4)
        .unwrap();
    assert_eq!(response.results[0].outcome, Outcome::Duplicate);
    assert_eq!(server.records().len(), 1);
    assert_eq!(
        server.records()[&student_id(1)].value("given_name"),
        Some(&json!("Odile"))
    );
    assert_eq!(server.stored_ops().len(), 1);
}

#[test]
fn a_duplicate_is_answered_with_the_first_replys_capped_stamp() {
    let mut server = ReferenceServer::new(MAX_AHEAD_MS);
    let mut fast = Tablet::new(1);
    let op = fast.op(
        new_student(1, "Odile", "Brackwater", 8),
        START_MS + 30 * DAY_MS,
    );
    let request = fast.request(&[op]);
    let first = server.push(&request, START_MS).unwrap();
    let capped = first.results[0].capped_hlc.expect("the stamp is capped");
    // The reply was lost; the resend must tell the device the same thing.
    let again = server.push(&request, START_MS + 10).unwrap();
    assert_eq!(again.results[0].outcome, Outcome::Duplicate);
    assert_eq!(again.results[0].capped_hlc, Some(capped));
    assert_eq!(again.capped_count(), 1);
}

#[test]
fn a_create_cannot_take_an_id_derived_for_another_record() {
    let mut server = ReferenceServer::new(MAX_AHEAD_MS);
    let mut mentor = Tablet::new(1);
    let mut admin = Tablet::new(2);
    let pupil = student_id(1);
    let voice = passport_voice_id(pupil);
    let assignment = caseload_assignment_id(student_id(50), pupil);
    let squatters = [
        // Unchecked: the app's own validation refuses these too, a hostile app would not.
        mentor.op_unchecked(strategy(voice, pupil, "Squat on the voice"), START_MS),
        mentor.op_unchecked(
            strategy(assignment, pupil, "Squat on the caseload"),
            START_MS,
        ),
    ];
    let response = server.push(&mentor.request(&squatters), START_MS).unwrap();
    for result in &response.results {
        let why = reason(&result.outcome);
        assert!(why.contains("id"), "{why}");
    }
    // A derived kind must carry the id made from its own key fields.
    let wrong_voice = admin.op_unchecked(
        Edit::create(
            EntityKind::PassportVoice,
            passport_voice_id(student_id(2)),
            fields(json!({"text": "I like quiet", "student_id": pupil.to_string()})),
        ),
        START_MS,
    );
    let response = server
        .push(&admin.request(&[wrong_voice]), START_MS)
        .unwrap();
    assert!(reason(&response.results[0].outcome).contains("id does not match"));

    // So the records those ids are for can still be made.
    let rightful = [
        admin.op(
            Edit::create(
                EntityKind::PassportVoice,
                voice,
                fields(json!({"text": "I like quiet", "student_id": pupil.to_string()})),
            ),
            START_MS + 1,
        ),
        admin.op(
            Edit::create(
                EntityKind::CaseloadAssignment,
                assignment,
                fields(json!({
                    "mentor_id": student_id(50).to_string(),
                    "student_id": pupil.to_string()
                })),
            ),
            START_MS + 1,
        ),
    ];
    let response = server
        .push(&admin.request(&rightful), START_MS + 2)
        .unwrap();
    for result in &response.results {
        assert_eq!(result.outcome, Outcome::Applied, "{response:?}");
    }
    assert_eq!(server.records()[&voice].entity, EntityKind::PassportVoice);
}

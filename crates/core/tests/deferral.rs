//! Ops that arrive out of order, through the reference server: an update or delete that
//! reaches the server before its record's create waits for it (`deferred`), a bounded number
//! per device, and is rejected once every earlier op of its device has arrived without it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: a panic is a failure report.

mod support;

use mentor_core::engine::MAX_WAITING_PER_DEVICE;
use mentor_core::testing::ReferenceServer;
use mentor_core::{Edit, EntityKind, Outcome, PullRequest};
use serde_json::json;
use support::*;

fn pull_after(server: &mut ReferenceServer, cursor: u64) -> mentor_core::PullResponse {
    let request = PullRequest {
        schema_version: mentor_core::SCHEMA_VERSION,
        cursor,
        limit: 0,
    };
    server.pull(&request).unwrap()
}

fn is_deferred(outcome: &Outcome) -> bool {
    matches!(outcome, Outcome::Deferred { .. })
}

#[test]
fn an_update_that_arrives_before_its_create_waits_for_it_and_is_applied_when_it_comes() {
    let mut server = ReferenceServer::new(MAX_AHEAD_MS);
    let mut tablet = Tablet::new(1);
    let create = tablet.op(new_student(1, "Odile", "Brackwater", 8), START_MS);
    let update = tablet.op(update_student(1, json!({"form_group": "8Q"})), START_MS + 1);

    let early = server
        .push(&tablet.request(std::slice::from_ref(&update)), START_MS + 2)
        .unwrap();
    assert!(is_deferred(&early.results[0].outcome), "{early:?}");
    // Nothing of it shows before it is applied.
    assert!(server.records().is_empty());
    assert!(pull_after(&mut server, 0).changes.is_empty());

    let late = server
        .push(&tablet.request(&[create]), START_MS + 3)
        .unwrap();
    assert_eq!(late.results[0].outcome, Outcome::Applied);
    let record = &server.records()[&student_id(1)];
    assert_eq!(record.value("form_group"), Some(&json!("8Q")));
    assert_eq!(record.value("given_name"), Some(&json!("Odile")));
    assert_eq!(server.stored_ops()[&update.op_id].outcome, Outcome::Applied);
    let page = pull_after(&mut server, 0);
    assert_eq!(page.changes.len(), 1);
    assert_eq!(
        page.changes[0].record.value("form_group"),
        Some(&json!("8Q"))
    );
    // Sent again now, the waiting op is a plain duplicate.
    let again = server
        .push(&tablet.request(&[update]), START_MS + 4)
        .unwrap();
    assert_eq!(again.results[0].outcome, Outcome::Duplicate);
}

#[test]
fn an_update_before_its_create_in_one_push_is_answered_as_the_push_commits() {
    let mut server = ReferenceServer::new(MAX_AHEAD_MS);
    let mut tablet = Tablet::new(1);
    let create = tablet.op(new_student(1, "Odile", "Brackwater", 8), START_MS);
    let delete = tablet.op(
        Edit::delete(EntityKind::Student, student_id(1)),
        START_MS + 1,
    );
    let response = server
        .push(&tablet.request(&[delete, create]), START_MS + 2)
        .unwrap();
    // The delete waited for the create later in the same push, so by the commit it is
    // applied, and the reply says so.
    assert_eq!(response.results[0].outcome, Outcome::Applied);
    assert_eq!(response.results[1].outcome, Outcome::Applied);
    assert!(server.records()[&student_id(1)].is_deleted());
}

#[test]
fn a_waiting_op_whose_create_never_comes_is_rejected_once_the_gap_fills() {
    let mut server = ReferenceServer::new(MAX_AHEAD_MS);
    let mut tablet = Tablet::new(1);
    let other = tablet.op(new_student(2, "Bryony", "Marchbank", 9), START_MS);
    let orphan = tablet.op(update_student(1, json!({"form_group": "8Q"})), START_MS + 1);
    let early = server
        .push(&tablet.request(std::slice::from_ref(&orphan)), START_MS + 2)
        .unwrap();
    assert!(is_deferred(&early.results[0].outcome), "{early:?}");

    let late = server
        .push(&tablet.request(&[other]), START_MS + 3)
        .unwrap();
    assert_eq!(late.results[0].outcome, Outcome::Applied);
    // Op 1 was not the create op 2 waited for, and nothing else can come before op 2.
    let settled = server.stored_ops()[&orphan.op_id].outcome.clone();
    assert!(
        matches!(&settled, Outcome::Rejected { reason } if reason.contains("is not on the server")),
        "{settled:?}"
    );
    let again = server
        .push(&tablet.request(&[orphan]), START_MS + 4)
        .unwrap();
    assert_eq!(again.results[0].outcome, settled);
    assert!(!server.records().contains_key(&student_id(1)));
}

#[test]
fn a_change_to_a_record_the_server_has_is_applied_at_once_whatever_is_missing() {
    let mut server = ReferenceServer::new(MAX_AHEAD_MS);
    let mut tablet = Tablet::new(1);
    let create = tablet.op(new_student(1, "Odile", "Brackwater", 8), START_MS);
    let _unsent = tablet.op(new_student(2, "Bryony", "Marchbank", 9), START_MS + 1);
    let update = tablet.op(update_student(1, json!({"form_group": "8Q"})), START_MS + 2);
    // Op 2 is missing (on a shared tablet its author may not be signed in), but op 3 needs
    // nothing from it: last writer wins does not depend on order.
    let response = server
        .push(&tablet.request(&[create, update]), START_MS + 3)
        .unwrap();
    assert_eq!(response.results[1].outcome, Outcome::Applied);
    assert_eq!(
        server.records()[&student_id(1)].value("form_group"),
        Some(&json!("8Q"))
    );
}

#[test]
fn waiting_ops_are_bounded_per_device() {
    let mut server = ReferenceServer::new(MAX_AHEAD_MS);
    let mut tablet = Tablet::new(1);
    let create = tablet.op(new_student(1, "Odile", "Brackwater", 8), START_MS);
    let updates: Vec<_> = (0..=MAX_WAITING_PER_DEVICE)
        .map(|n| {
            let form = format!("F{n}");
            tablet.op(update_student(1, json!({"form_group": form})), START_MS + 1)
        })
        .collect();
    let mut outcomes = Vec::new();
    for batch in updates.chunks(400) {
        let response = server.push(&tablet.request(batch), START_MS + 2).unwrap();
        outcomes.extend(response.results.into_iter().map(|r| r.outcome));
    }
    let (last, waiting) = outcomes.split_last().unwrap();
    assert!(waiting.iter().all(is_deferred), "{:?}", &waiting[..3]);
    assert!(
        matches!(last, Outcome::Rejected { reason } if reason.contains("1000 changes")),
        "{last:?}"
    );
    // A phone's early updates are counted apart from the tablet's.
    let mut phone = Tablet::new(2);
    let _unsent = phone.op(new_student(3, "Caspian", "Marchbank", 7), START_MS);
    let early = phone.op(update_student(3, json!({"form_group": "7C"})), START_MS + 1);
    let response = server.push(&phone.request(&[early]), START_MS + 2).unwrap();
    assert!(is_deferred(&response.results[0].outcome));

    // When the create comes every waiting op is applied, in the tablet's order.
    server
        .push(&tablet.request(&[create]), START_MS + 3)
        .unwrap();
    let last_waiting = format!("F{}", MAX_WAITING_PER_DEVICE - 1);
    assert_eq!(
        server.records()[&student_id(1)].value("form_group"),
        Some(&json!(last_waiting))
    );
    assert!(server.records().len() == 1);
}

//! A device cannot fill the server's disk with what it pushes: refused ops are kept without
//! their field values, an op carries at most `MAX_OP_FIELD_BYTES` of them, and a device may
//! have only so many ops deferred.

// An integration-test crate: its helpers are test code too, where a panic is the failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use mentor_core::engine::{MAX_OP_FIELD_BYTES, MAX_WAITING_PER_DEVICE};
use mentor_core::{Edit, EntityKind, Op, OpKind, Outcome};
use mentor_server::store::{DATABASE_FILE, Role};
use serde_json::json;
use support::*;

/// The database file's size after its write-ahead log is folded in and emptied.
fn database_bytes(fx: &Fixture) -> u64 {
    let path = fx.dir.path().join(DATABASE_FILE);
    let db = rusqlite::Connection::open(&path).unwrap();
    db.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    std::fs::metadata(&path).unwrap().len()
}

/// A student update carrying `bytes` of text in a field no student has, stamped without
/// validation, as a hostile app would send it.
fn bloated(session: &mut Session, n: u64, bytes: usize) -> Op {
    let mut op = session.op(Edit::delete(EntityKind::Student, new_id(n)));
    op.kind = OpKind::Update;
    op.fields = fields(json!({"notes_dump": "x".repeat(bytes)}));
    op
}

fn reason(outcome: &Outcome) -> &str {
    match outcome {
        Outcome::Rejected { reason } => reason,
        other => panic!("expected a rejection, got {other:?}"),
    }
}

#[tokio::test]
async fn fifty_refused_ops_of_800_kb_leave_the_database_almost_as_it_was() {
    let mut fx = fixture();
    let mut admin = fx
        .session("Wren Calloway", "wren@school.example", Role::Admin)
        .await;
    let before = database_bytes(&fx);
    for n in 0..50 {
        // One op per push: a request carries at most 1 MiB.
        let op = bloated(&mut admin, n, 800_000);
        let response = fx.push(&admin, vec![op]).await;
        let why = reason(&response.results[0].outcome);
        assert!(why.contains("too large"), "{why}");
    }
    let grown = database_bytes(&fx) - before;
    assert!(grown < 1_000_000, "the database grew by {grown} bytes");
}

#[tokio::test]
async fn an_op_over_the_size_limit_is_refused_whatever_its_version() {
    let mut fx = fixture();
    let mut admin = fx
        .session("Wren Calloway", "wren@school.example", Role::Admin)
        .await;
    let mut newer = bloated(&mut admin, 1, MAX_OP_FIELD_BYTES + 1);
    newer.schema_version = mentor_core::SCHEMA_VERSION + 1;
    let fits = admin.op(student(new_id(2), "Juniper"));
    let response = fx.push(&admin, vec![newer, fits]).await;
    let why = reason(&response.results[0].outcome);
    assert!(why.contains("too large") && why.contains("64 KiB"), "{why}");
    assert_eq!(response.results[1].outcome, Outcome::Applied);
}

#[tokio::test]
async fn ops_from_a_newer_app_count_towards_what_a_device_may_have_deferred() {
    let mut fx = fixture();
    let mut admin = fx
        .session("Wren Calloway", "wren@school.example", Role::Admin)
        .await;
    let mut ops: Vec<Op> = (0..=MAX_WAITING_PER_DEVICE as u64)
        .map(|n| {
            let mut op = admin.op(student(new_id(n), "Juniper"));
            op.schema_version = mentor_core::SCHEMA_VERSION + 1;
            op
        })
        .collect();
    let last = ops.pop().unwrap();
    for batch in ops.chunks(500) {
        let response = fx.push(&admin, batch.to_vec()).await;
        assert!(
            response
                .results
                .iter()
                .all(|result| matches!(result.outcome, Outcome::Deferred { .. }))
        );
    }
    let response = fx.push(&admin, vec![last]).await;
    let why = reason(&response.results[0].outcome);
    assert!(why.contains("changes waiting"), "{why}");
}

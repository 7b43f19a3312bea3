//! The sync client and its status line, in headless Chromium, against a scripted server.

#![cfg(target_arch = "wasm32")]
// A failed unwrap is a failed test here; clippy does not see `#[wasm_bindgen_test]` as a test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::cell::RefCell;
use std::collections::VecDeque;

use mentor_core::protocol::{PullRequest, PullResponse, PushRequest, PushResponse};
use progress_mentor::api::{self, ApiError};
use progress_mentor::state::sync_status::status_line;
use progress_mentor::state::{SyncProblem, SyncState};
use progress_mentor::sync::{
    MAX_BACKOFF_MS, SyncClient, SyncError, SyncTransport, UNREACHABLE_MAX_MS, backoff_ms,
};

use mentor_core::protocol::Change;
use mentor_core::{EntityKind, ErrorCode, OpResult, Outcome, RecordState};
use progress_mentor::storage::{LocalStore, MemoryStore};
use serde_json::json;
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Answers pushes with `applied` (or the next scripted error) and pulls with the next
/// scripted page; records what it was sent.
#[derive(Default)]
struct ScriptedServer {
    push_errors: RefCell<VecDeque<ApiError>>,
    pull_errors: RefCell<VecDeque<ApiError>>,
    pages: RefCell<VecDeque<PullResponse>>,
    pushes: RefCell<Vec<PushRequest>>,
    pulls: RefCell<Vec<PullRequest>>,
}

impl SyncTransport for ScriptedServer {
    async fn push(&self, token: &str, request: &PushRequest) -> api::Result<PushResponse> {
        assert_eq!(token, "token-staff-a");
        self.pushes.borrow_mut().push(request.clone());
        if let Some(error) = self.push_errors.borrow_mut().pop_front() {
            return Err(error);
        }
        Ok(PushResponse {
            results: request.ops.iter().map(|op| applied(op.op_id)).collect(),
            server_time_ms: 1,
        })
    }

    async fn pull(&self, _token: &str, request: &PullRequest) -> api::Result<PullResponse> {
        self.pulls.borrow_mut().push(*request);
        if let Some(error) = self.pull_errors.borrow_mut().pop_front() {
            return Err(error);
        }
        Ok(self
            .pages
            .borrow_mut()
            .pop_front()
            .unwrap_or_else(|| pull_page(vec![], request.cursor, false)))
    }
}

fn pull_page(records: Vec<RecordState>, cursor: u64, has_more: bool) -> PullResponse {
    let changes: Vec<Change> = records
        .into_iter()
        .enumerate()
        .map(|(n, record)| Change {
            seq: cursor - n as u64,
            record,
        })
        .rev()
        .collect();
    serde_json::from_value(json!({
        "changes": changes, "cursor": cursor, "has_more": has_more
    }))
    .unwrap()
}

fn refused(status: u16, code: ErrorCode) -> ApiError {
    ApiError::Refused {
        status,
        code,
        message: format!("refused with {code:?}"),
    }
}

async fn signed_in() -> MemoryStore {
    let store = MemoryStore::new().unwrap();
    let device = store.device_id().await.unwrap();
    store
        .set_session(Some(session("staff-a", device)))
        .await
        .unwrap();
    store
}

#[wasm_bindgen_test]
async fn sync_pushes_in_order_then_pulls_every_page() {
    let store = signed_in().await;
    let a = store
        .record_edit(create_student(id(1), "Ada"))
        .await
        .unwrap();
    let b = store
        .record_edit(create_student(id(2), "Bea"))
        .await
        .unwrap();
    let server = ScriptedServer::default();
    server.pages.borrow_mut().extend([
        pull_page(vec![confirmed_student(id(3), "Cy", "8A", 5)], 7, true),
        pull_page(vec![confirmed_student(id(4), "Di", "8A", 5)], 9, false),
    ]);
    let report = SyncClient::new().sync(&store, &server).await.unwrap();
    assert_eq!((report.pushed, report.pulled), (2, 2));
    let pushes = server.pushes.borrow().clone();
    assert_eq!(pushes.len(), 1);
    assert_eq!(pushes[0].ops, vec![a.clone(), b]);
    assert_eq!(pushes[0].device_id, a.device_id);
    let cursors: Vec<u64> = server.pulls.borrow().iter().map(|p| p.cursor).collect();
    assert_eq!(cursors, vec![0, 7]);
    assert_eq!(store.cursor().await.unwrap(), 9);
    assert_eq!(store.pending_count().await.unwrap(), 0);
    // The pulled records are confirmed. (Pushed ops leave the overlay at the complete
    // pull; a real server would have returned them in it.)
    let view = store.view(EntityKind::Student).await.unwrap();
    assert!(view.iter().any(|r| r.id == id(3)) && view.iter().any(|r| r.id == id(4)));
}

#[wasm_bindgen_test]
async fn a_retry_resends_the_same_batch() {
    let store = signed_in().await;
    let first = store
        .record_edit(create_student(id(1), "Ada"))
        .await
        .unwrap();
    let server = ScriptedServer::default();
    server
        .push_errors
        .borrow_mut()
        .push_back(ApiError::Unreachable);
    let client = SyncClient::new();
    let error = client.sync(&store, &server).await.unwrap_err();
    assert!(error.is_transient(), "{error:?}");
    // A new edit in between does not change the batch being retried.
    let second = store
        .record_edit(create_student(id(2), "Bea"))
        .await
        .unwrap();
    client.sync(&store, &server).await.unwrap();
    let pushes = server.pushes.borrow().clone();
    assert_eq!(pushes[0], pushes[1], "same ops, same ids");
    assert_eq!(pushes[1].ops, vec![first]);
    assert_eq!(pushes[2].ops, vec![second]);
    assert_eq!(store.pending_count().await.unwrap(), 0);
}

#[wasm_bindgen_test]
async fn unauthenticated_keeps_the_outbox() {
    let store = signed_in().await;
    store
        .record_edit(create_student(id(1), "Ada"))
        .await
        .unwrap();
    let server = ScriptedServer::default();
    server
        .push_errors
        .borrow_mut()
        .push_back(refused(401, ErrorCode::Unauthenticated));
    let error = SyncClient::new().sync(&store, &server).await.unwrap_err();
    assert_eq!(error, SyncError::NeedsSignIn);
    assert_eq!(store.pending_count().await.unwrap(), 1);
}

#[wasm_bindgen_test]
async fn wipe_erases_the_device() {
    let store = signed_in().await;
    store
        .record_edit(create_student(id(1), "Ada"))
        .await
        .unwrap();
    let server = ScriptedServer::default();
    server
        .pull_errors
        .borrow_mut()
        .push_back(refused(403, ErrorCode::Wipe));
    server
        .push_errors
        .borrow_mut()
        .push_back(refused(403, ErrorCode::Wipe));
    let error = SyncClient::new().sync(&store, &server).await.unwrap_err();
    assert_eq!(error, SyncError::Wiped);
    assert_eq!(store.pending_count().await.unwrap(), 0);
    assert_eq!(store.session().await.unwrap(), None);
}

#[wasm_bindgen_test]
async fn other_refusals_say_what_to_do() {
    let store = signed_in().await;
    let server = ScriptedServer::default();
    server.pull_errors.borrow_mut().extend([
        refused(426, ErrorCode::ClientTooOld),
        ApiError::Status(503),
        refused(429, ErrorCode::RateLimited),
        refused(403, ErrorCode::Forbidden),
    ]);
    let client = SyncClient::new();
    let too_old = client.sync(&store, &server).await.unwrap_err();
    assert!(matches!(too_old, SyncError::UpdateNeeded(_)), "{too_old:?}");
    assert!(!too_old.is_transient());
    for _ in 0..3 {
        let error = client.sync(&store, &server).await.unwrap_err();
        assert!(error.is_transient(), "{error:?}");
    }
    assert_eq!(
        SyncClient::new()
            .sync(&MemoryStore::new().unwrap(), &server)
            .await
            .unwrap_err(),
        SyncError::NotSignedIn
    );
}

#[wasm_bindgen_test]
async fn a_rejected_op_is_acknowledged_and_remembered() {
    struct Rejecting;
    impl SyncTransport for Rejecting {
        async fn push(&self, _: &str, request: &PushRequest) -> api::Result<PushResponse> {
            let results = request
                .ops
                .iter()
                .map(|op| OpResult {
                    op_id: op.op_id,
                    outcome: Outcome::Rejected {
                        reason: "not allowed".to_owned(),
                    },
                    capped_hlc: None,
                })
                .collect();
            Ok(PushResponse {
                results,
                server_time_ms: 1,
            })
        }
        async fn pull(&self, _: &str, request: &PullRequest) -> api::Result<PullResponse> {
            Ok(pull_page(vec![], request.cursor, false))
        }
    }
    let store = signed_in().await;
    store
        .record_edit(create_student(id(1), "Ada"))
        .await
        .unwrap();
    let report = SyncClient::new().sync(&store, &Rejecting).await.unwrap();
    assert_eq!(report.rejected, 1);
    assert_eq!(store.pending_count().await.unwrap(), 0);
    assert_eq!(store.rejected().await.unwrap()[0].reason, "not allowed");
    assert!(store.view(EntityKind::Student).await.unwrap().is_empty());
}

#[wasm_bindgen_test]
fn the_status_line_says_what_is_saved_and_synced() {
    let mut state = SyncState {
        pending: 0,
        last_synced: Some("10:42".to_owned()),
        ..SyncState::default()
    };
    assert_eq!(status_line(&state, true), "All saved and synced");
    state.rejected = 2;
    assert_eq!(
        status_line(&state, true),
        "All saved and synced · 2 changes refused, see Device"
    );
    state.rejected = 0;
    state.pending = 3;
    assert_eq!(
        status_line(&state, true),
        "3 waiting to sync · last synced 10:42"
    );
    assert_eq!(
        status_line(&state, false),
        "Offline — 3 saved on this device"
    );
    state.problem = Some(SyncProblem::NeedsSignIn);
    assert_eq!(
        status_line(&state, true),
        "Sign in again to sync — 3 saved on this device"
    );
    assert_eq!(
        status_line(&state, false),
        "Offline — 3 saved on this device"
    );
    state.problem = Some(SyncProblem::UpdateNeeded);
    assert_eq!(
        status_line(&state, false),
        "Reload to update — 3 saved on this device"
    );
}

#[wasm_bindgen_test]
fn back_off_doubles_with_jitter_up_to_a_cap() {
    assert_eq!(backoff_ms(1, 0.0, MAX_BACKOFF_MS), 1_000);
    assert_eq!(backoff_ms(1, 1.0, MAX_BACKOFF_MS), 2_000);
    assert_eq!(backoff_ms(2, 1.0, MAX_BACKOFF_MS), 4_000);
    assert!((2_000..=4_000).contains(&backoff_ms(2, 0.3, MAX_BACKOFF_MS)));
    assert_eq!(backoff_ms(30, 1.0, MAX_BACKOFF_MS), 300_000);
    assert_eq!(backoff_ms(30, 0.0, MAX_BACKOFF_MS), 150_000);
    assert_eq!(backoff_ms(u32::MAX, f64::NAN, MAX_BACKOFF_MS), 225_000);
}

#[wasm_bindgen_test]
fn an_unanswered_server_is_tried_again_within_seconds_however_long_it_was_down() {
    // Back in signal after an hour on a coach: the wait is the short ceiling, not minutes.
    for failures in [1, 5, 60, u32::MAX] {
        for jitter in [0.0, 0.5, 0.999] {
            let wait = backoff_ms(failures, jitter, UNREACHABLE_MAX_MS);
            assert!(wait <= 15_000, "{failures} failures: {wait} ms");
        }
    }
    assert_eq!(backoff_ms(60, 0.0, UNREACHABLE_MAX_MS), 7_500);
}

#[wasm_bindgen_test]
async fn no_answer_is_told_apart_from_a_failing_server() {
    let store = signed_in().await;
    let server = ScriptedServer::default();
    server
        .pull_errors
        .borrow_mut()
        .push_back(ApiError::Unreachable);
    server
        .pull_errors
        .borrow_mut()
        .push_back(ApiError::Status(503));
    let client = SyncClient::new();
    let unreachable = client.sync(&store, &server).await.unwrap_err();
    assert!(
        matches!(unreachable, SyncError::Unreachable(_)),
        "{unreachable:?}"
    );
    assert!(unreachable.is_transient());
    let failing = client.sync(&store, &server).await.unwrap_err();
    assert!(matches!(failing, SyncError::Retry(_)), "{failing:?}");
    assert!(failing.is_transient());
}

#[wasm_bindgen_test]
fn device_labels_name_the_kind_of_device() {
    use progress_mentor::client::device_label;
    assert_eq!(
        device_label("Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X)"),
        "iPad"
    );
    assert_eq!(
        device_label("Mozilla/5.0 (Linux; Android 14; Pixel 8)"),
        "Android phone or tablet"
    );
    assert_eq!(device_label(""), "Web browser");
}

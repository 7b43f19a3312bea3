//! The client layer's actions on the in-memory store against a scripted server, natively.

// A failed unwrap is a failed test here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use mentor_core::audit_api::AuditKind;
use mentor_core::import_api::{IMPORT_PART_ROWS, ImportColumn};
use mentor_core::role::Role;
use mentor_core::{DeviceId, Edit, EntityId, EntityKind, ErrorCode};
use serde_json::json;

use super::*;
use crate::api::{
    self, ApiError, AuditEvent, AuditPage, DeviceSummary, ImportPreview, ImportRequest,
    ImportResult, KeyEscrow, SignInRequest, SignInResponse,
};
use crate::storage::{LocalStore, MemoryStore, Session, StaffSummary};

mod sign_in_out;

/// Runs a future that never waits: the memory store and the scripted server answer at once,
/// so one poll finishes it.
fn run<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("nothing here waits; a pending future is a bug in the test"),
    }
}

fn device(n: u8) -> DeviceId {
    DeviceId::from_time_and_random(1_700_000_000_000, [n; 10]).unwrap()
}

fn staff(id: &str) -> StaffSummary {
    StaffSummary {
        id: id.to_owned(),
        display_name: "Morgan Ashdown".to_owned(),
        role: Role::Admin,
    }
}

fn session(token: &str, staff_id: &str) -> Session {
    Session {
        token: token.to_owned(),
        device_id: device(7),
        staff: staff(staff_id),
    }
}

/// What the scripted server was asked, call by call.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Call {
    SignIn(String),
    SignOut(String),
    Devices(String),
    Revoke(String, DeviceId),
    Audit(String),
    Preview(String),
    Commit {
        token: String,
        csv: String,
        line_offset: u64,
    },
}

/// Answers from a script; records every call.
#[derive(Default)]
struct ScriptedServer {
    calls: RefCell<Vec<Call>>,
    sign_in: RefCell<Option<api::Result<SignInResponse>>>,
    commits: RefCell<VecDeque<api::Result<ImportResult>>>,
}

impl ScriptedServer {
    fn calls(&self) -> Vec<Call> {
        self.calls.borrow().clone()
    }
}

fn summary(id: DeviceId) -> DeviceSummary {
    DeviceSummary {
        id,
        staff_id: EntityId::from_time_and_random(1_700_000_000_000, [3; 10]).unwrap(),
        staff_name: "Morgan Ashdown".to_owned(),
        label: "iPad".to_owned(),
        created_at_ms: 1,
        last_seen_at_ms: None,
        revoked_at_ms: None,
        signed_in: true,
    }
}

impl ApiTransport for ScriptedServer {
    async fn sign_in(&self, request: &SignInRequest) -> api::Result<SignInResponse> {
        self.calls
            .borrow_mut()
            .push(Call::SignIn(request.email.clone()));
        self.sign_in
            .borrow_mut()
            .take()
            .unwrap_or(Err(ApiError::Unreachable))
    }

    async fn escrow_key(&self, _token: &str, _escrow: &KeyEscrow) -> api::Result<()> {
        Err(ApiError::Unreachable)
    }

    async fn sign_out(&self, token: &str) -> api::Result<()> {
        self.calls
            .borrow_mut()
            .push(Call::SignOut(token.to_owned()));
        Err(ApiError::Unreachable)
    }

    async fn devices(&self, token: &str) -> api::Result<Vec<DeviceSummary>> {
        self.calls
            .borrow_mut()
            .push(Call::Devices(token.to_owned()));
        Ok(vec![summary(device(7)), summary(device(8))])
    }

    async fn revoke_device(&self, token: &str, device: DeviceId) -> api::Result<DeviceSummary> {
        self.calls
            .borrow_mut()
            .push(Call::Revoke(token.to_owned(), device));
        Ok(DeviceSummary {
            revoked_at_ms: Some(2),
            ..summary(device)
        })
    }

    async fn audit(&self, token: &str) -> api::Result<AuditPage> {
        self.calls.borrow_mut().push(Call::Audit(token.to_owned()));
        Ok(AuditPage {
            events: vec![AuditEvent {
                id: 1,
                at_ms: 1,
                kind: AuditKind::SignedIn,
                staff_id: None,
                staff_name: Some("Morgan Ashdown".to_owned()),
                device_id: Some(device(7)),
                device_label: Some("iPad".to_owned()),
                detail: None,
            }],
            next_before: None,
        })
    }

    async fn preview_import(
        &self,
        token: &str,
        _request: &ImportRequest,
    ) -> api::Result<ImportPreview> {
        self.calls
            .borrow_mut()
            .push(Call::Preview(token.to_owned()));
        Ok(ImportPreview::default())
    }

    async fn commit_import(
        &self,
        token: &str,
        request: &ImportRequest,
    ) -> api::Result<ImportResult> {
        let csv = String::from_utf8(STANDARD.decode(&request.csv).unwrap()).unwrap();
        self.calls.borrow_mut().push(Call::Commit {
            token: token.to_owned(),
            csv,
            line_offset: request.line_offset,
        });
        self.commits
            .borrow_mut()
            .pop_front()
            .unwrap_or_else(|| Ok(ImportResult::default()))
    }
}

fn student(n: u8, given: &str) -> Edit {
    let id = EntityId::from_time_and_random(1_700_000_000_000, [n; 10]).unwrap();
    let fields: BTreeMap<String, serde_json::Value> = serde_json::from_value(
        json!({"given_name": given, "family_name": "Oakridge", "year_group": 8}),
    )
    .unwrap();
    Edit::create(EntityKind::Student, id, fields)
}

#[test]
fn a_saved_edit_waits_in_the_outbox_and_shows_in_the_view() {
    let store = MemoryStore::new().unwrap();
    let op = run(save_edit(&store, student(1, "Rowan"))).unwrap();
    assert_eq!(run(store.pending_ops(None, 10)).unwrap(), vec![op.clone()]);
    let view = run(store.view(EntityKind::Student)).unwrap();
    assert_eq!(view.len(), 1);
    assert_eq!(view[0].id, op.entity_id);
    assert_eq!(view[0].value("given_name"), Some(&json!("Rowan")));
}

#[test]
fn views_reads_several_kinds_at_once_with_pending_edits_on_top() {
    let store = MemoryStore::new().unwrap();
    run(save_edit(&store, student(1, "Rowan"))).unwrap();
    let views = run(store.views(&[EntityKind::Student, EntityKind::Staff])).unwrap();
    assert_eq!(views[&EntityKind::Student].len(), 1);
    assert!(views[&EntityKind::Staff].is_empty());
    assert_eq!(views.len(), 2);
}

#[test]
fn revoking_sends_the_device_with_the_signed_in_token() {
    let store = MemoryStore::new().unwrap();
    let server = ScriptedServer::default();
    run(store.set_session(Some(session("token-1", "staff-1")))).unwrap();
    let revoked = run(revoke_device(&store, &server, device(8))).unwrap();
    assert_eq!(revoked.revoked_at_ms, Some(2));
    assert_eq!(
        server.calls(),
        vec![Call::Revoke("token-1".to_owned(), device(8))]
    );
}

#[test]
fn the_device_list_marks_this_device() {
    let store = MemoryStore::new().unwrap();
    let server = ScriptedServer::default();
    run(store.set_session(Some(session("token-1", "staff-1")))).unwrap();
    let (devices, this_device) = run(school_devices(&store, &server)).unwrap();
    assert_eq!(devices.len(), 2);
    assert_eq!(this_device, device(7));
}

#[test]
fn the_audit_is_read_with_the_signed_in_token() {
    let store = MemoryStore::new().unwrap();
    let server = ScriptedServer::default();
    run(store.set_session(Some(session("token-1", "staff-1")))).unwrap();
    let events = run(security_audit(&store, &server)).unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].kind, AuditKind::SignedIn);
    assert_eq!(server.calls(), vec![Call::Audit("token-1".to_owned())]);
}

#[test]
fn nobody_signed_in_asks_the_server_nothing() {
    let store = MemoryStore::new().unwrap();
    let server = ScriptedServer::default();
    let error = run(revoke_device(&store, &server, device(8))).unwrap_err();
    assert_eq!(error, "Sign in to manage devices.");
    let error = run(preview_import(&store, &server, &ImportRequest::default())).unwrap_err();
    assert_eq!(error, "Sign in to import students.");
    assert!(server.calls().is_empty());
}

/// A file of `rows` students, and the preview the server gave of it.
fn file_and_preview(rows: usize) -> (Vec<u8>, ImportPreview) {
    let mut csv = "UPN,Surname,Forename\n".to_owned();
    for n in 0..rows {
        csv.push_str(&format!("A{n:05},Oakridge,Rowan\n"));
    }
    let preview = ImportPreview {
        columns: vec![ImportColumn {
            header: "UPN".to_owned(),
            field: Some("upn".to_owned()),
        }],
        create: rows,
        ..ImportPreview::default()
    };
    (csv.into_bytes(), preview)
}

#[test]
fn an_import_sends_its_parts_in_order_and_counts_every_row() {
    let store = MemoryStore::new().unwrap();
    let server = ScriptedServer::default();
    run(store.set_session(Some(session("token-1", "staff-1")))).unwrap();
    let rows = IMPORT_PART_ROWS * 2 + 3;
    let (bytes, preview) = file_and_preview(rows);
    for created in [IMPORT_PART_ROWS, IMPORT_PART_ROWS, 3] {
        server.commits.borrow_mut().push_back(Ok(ImportResult {
            created,
            ..ImportResult::default()
        }));
    }
    let heard = RefCell::new(Vec::new());
    let result = run(commit_import(
        &store,
        &server,
        &bytes,
        &preview,
        false,
        |done, total| {
            heard.borrow_mut().push((done, total));
        },
    ))
    .unwrap();
    assert_eq!(result.created, rows);
    assert_eq!(
        heard.into_inner(),
        vec![(0, rows), (500, rows), (1000, rows), (rows, rows)]
    );
    let offsets: Vec<u64> = server
        .calls()
        .into_iter()
        .map(|call| match call {
            Call::Commit {
                token,
                line_offset,
                csv,
                ..
            } => {
                assert_eq!(token, "token-1");
                assert!(
                    csv.starts_with("UPN,Surname,Forename\n"),
                    "every part has the header"
                );
                line_offset
            }
            other => panic!("unexpected call {other:?}"),
        })
        .collect();
    assert_eq!(offsets.len(), 3);
    assert!(
        offsets.windows(2).all(|pair| pair[0] < pair[1]),
        "{offsets:?}"
    );
}

#[test]
fn an_import_that_stops_says_how_far_it_got() {
    let store = MemoryStore::new().unwrap();
    let server = ScriptedServer::default();
    run(store.set_session(Some(session("token-1", "staff-1")))).unwrap();
    let rows = IMPORT_PART_ROWS * 3;
    let (bytes, preview) = file_and_preview(rows);
    server
        .commits
        .borrow_mut()
        .extend([Ok(ImportResult::default()), Err(ApiError::Status(500))]);
    let error = run(commit_import(
        &store,
        &server,
        &bytes,
        &preview,
        false,
        |_, _| {},
    ))
    .unwrap_err();
    assert!(
        error.starts_with("500 of 1,500 rows were imported, then the import stopped:"),
        "{error}"
    );
    assert_eq!(server.calls().len(), 2, "nothing is sent after the failure");
}

#[test]
fn a_part_the_connection_lost_is_sent_again() {
    let store = MemoryStore::new().unwrap();
    let server = ScriptedServer::default();
    run(store.set_session(Some(session("token-1", "staff-1")))).unwrap();
    let (bytes, preview) = file_and_preview(3);
    server.commits.borrow_mut().extend([
        Err(ApiError::Unreachable),
        Ok(ImportResult {
            created: 3,
            ..ImportResult::default()
        }),
    ]);
    let result = run(commit_import(
        &store,
        &server,
        &bytes,
        &preview,
        false,
        |_, _| {},
    ))
    .unwrap();
    assert_eq!(result.created, 3);
    assert_eq!(server.calls().len(), 2);
}

#[test]
fn refused_changes_are_forgotten_once_read() {
    let store = MemoryStore::new().unwrap();
    let op = run(save_edit(&store, student(1, "Rowan"))).unwrap();
    let refusal = mentor_core::OpResult {
        op_id: op.op_id,
        outcome: mentor_core::Outcome::Rejected {
            reason: "Not allowed.".to_owned(),
        },
        capped_hlc: None,
    };
    run(store.acknowledge(&[refusal])).unwrap();
    let refused = run(refused_changes(&store));
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].reason, "Not allowed.");
    run(dismiss_refused(&store)).unwrap();
    assert!(run(refused_changes(&store)).is_empty());
}

#[test]
fn the_save_line_says_what_each_state_means() {
    assert_eq!(SaveState::Idle.line(), "");
    assert_eq!(SaveState::Saving.line(), "Saving…");
    assert_eq!(SaveState::Saved(None).line(), "Saved on this device");
    assert_eq!(
        SaveState::Saved(Some("Created Year 8 Art. Saved on this device.".to_owned())).line(),
        "Created Year 8 Art. Saved on this device."
    );
    assert_eq!(SaveState::NothingChanged.line(), "Nothing has changed.");
    assert_eq!(SaveState::Failed("Full.".to_owned()).line(), "Full.");
}

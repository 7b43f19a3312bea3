//! A router over a fresh SQLite store, staff to sign in as, and a model device that makes
//! real stamped ops.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use http_body_util::BodyExt;
use mentor_core::entity::{caseload_assignment_id, group_membership_id};
use mentor_core::{
    DeviceId, Edit, EntityId, EntityKind, HlcClock, Op, PullRequest, PullResponse, PushRequest,
    PushResponse, SCHEMA_VERSION,
};
use mentor_server::auth::Passwords;
use mentor_server::clock::Clock;
use mentor_server::store::{NewStaff, Role};
use mentor_server::{AppState, ServerOptions, Site, SqliteStore, Store, app};
use serde_json::{Value, json};
use tower::ServiceExt;

pub const PASSWORD: &str = "a long test password";
pub const NOW: u64 = 1_750_000_000_000;
pub const DAY_MS: u64 = 24 * 60 * 60 * 1000;

/// The server's clock in tests: it starts at [`NOW`] and moves only when told.
#[derive(Debug)]
pub struct TestClock(AtomicU64);

impl TestClock {
    pub fn advance(&self, ms: u64) {
        self.0.fetch_add(ms, Ordering::SeqCst);
    }
}

impl Clock for TestClock {
    fn now_ms(&self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }
}

pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub app: Router,
    pub store: Arc<SqliteStore>,
    pub passwords: Passwords,
    pub clock: Arc<TestClock>,
    next: u64,
}

pub fn fixture() -> Fixture {
    fixture_with(ServerOptions::default())
}

/// A fixture whose server has these network options.
pub fn fixture_with(options: ServerOptions) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(SqliteStore::open_in(dir.path()).unwrap());
    let passwords = Passwords::fast_for_tests().unwrap();
    let clock = Arc::new(TestClock(AtomicU64::new(NOW)));
    let app = app(
        AppState::new(store.clone(), Site::default(), passwords.clone())
            .with_clock(clock.clone())
            .with_options(options),
    );
    Fixture {
        dir,
        app,
        store,
        passwords,
        clock,
        next: 0,
    }
}

pub fn random(n: u64) -> [u8; 10] {
    let mut bytes = [0u8; 10];
    bytes[..8].copy_from_slice(&n.to_be_bytes());
    bytes[9] = 0x5a;
    bytes
}

pub fn new_id(n: u64) -> EntityId {
    EntityId::from_time_and_random(NOW, random(n)).unwrap()
}

/// A signed-in device.
pub struct Session {
    pub token: String,
    pub device: DeviceId,
    pub staff: EntityId,
    pub clock: HlcClock,
    pub seq: u64,
}

impl Session {
    /// Stamps an edit as this device.
    pub fn op(&mut self, edit: Edit) -> Op {
        self.seq += 1;
        let seq = self.seq;
        let mut random = random(seq);
        random[8] = self.device.as_uuid().as_bytes()[13];
        random[9] = self.device.as_uuid().as_bytes()[12];
        edit.stamp(&mut self.clock, seq, NOW + seq, random).unwrap()
    }

    pub fn push_request(&self, ops: Vec<Op>) -> PushRequest {
        PushRequest {
            device_id: self.device,
            schema_version: SCHEMA_VERSION,
            ops,
        }
    }
}

impl Fixture {
    fn next(&mut self) -> u64 {
        self.next += 1;
        self.next
    }

    /// Adds a staff member and returns their id.
    pub fn staff(&mut self, name: &str, email: &str, role: Role) -> EntityId {
        let id = new_id(1_000 + self.next());
        self.store
            .add_staff(
                &NewStaff {
                    id,
                    display_name: name.to_owned(),
                    email: email.to_owned(),
                    role,
                    password_hash: self.passwords.hash(PASSWORD).unwrap(),
                },
                NOW,
            )
            .unwrap();
        id
    }

    /// Adds a staff member and signs them in on a new device.
    pub async fn session(&mut self, name: &str, email: &str, role: Role) -> Session {
        let staff = self.staff(name, email, role);
        self.sign_in(email, staff).await
    }

    pub async fn sign_in(&mut self, email: &str, staff: EntityId) -> Session {
        let device = DeviceId::from_time_and_random(NOW, random(5_000 + self.next())).unwrap();
        let (status, body) = self
            .call(
                "POST",
                "/api/v1/auth/sign-in",
                None,
                Some(json!({
                    "email": email, "password": PASSWORD,
                    "device_id": device.to_string(), "device_label": "Test tablet"
                })),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        Session {
            token: body["token"].as_str().unwrap().to_owned(),
            device,
            staff,
            clock: HlcClock::new(device),
            seq: 0,
        }
    }

    /// How many rows `table` of the fixture's database holds, read beside the server's own
    /// connection.
    pub fn rows_in(&self, table: &str) -> u64 {
        let path = self.dir.path().join(mentor_server::store::DATABASE_FILE);
        let conn = rusqlite::Connection::open(path).unwrap();
        conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |row| {
            row.get::<_, i64>(0)
        })
        .map(|count| count.try_into().unwrap())
        .unwrap()
    }

    pub async fn call(
        &self,
        method: &str,
        uri: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let body = body.map(|value| value.to_string());
        self.call_raw(method, uri, token, body).await
    }

    pub async fn call_raw(
        &self,
        method: &str,
        uri: &str,
        token: Option<&str>,
        body: Option<String>,
    ) -> (StatusCode, Value) {
        let mut request = Request::builder().method(method).uri(uri);
        if let Some(token) = token {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        let request = match body {
            Some(body) => request
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body)),
            None => request.body(Body::empty()),
        }
        .unwrap();
        let (status, _, value) = send(&self.app, request).await;
        (status, value)
    }

    pub async fn push(&self, session: &Session, ops: Vec<Op>) -> PushResponse {
        let request = serde_json::to_value(session.push_request(ops)).unwrap();
        let (status, body) = self
            .call(
                "POST",
                "/api/v1/sync/push",
                Some(&session.token),
                Some(request),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        serde_json::from_value(body).unwrap()
    }

    pub async fn pull_page(&self, session: &Session, cursor: u64, limit: u32) -> PullResponse {
        let request = PullRequest {
            schema_version: SCHEMA_VERSION,
            cursor,
            limit,
        };
        let (status, body) = self
            .call(
                "POST",
                "/api/v1/sync/pull",
                Some(&session.token),
                Some(serde_json::to_value(request).unwrap()),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        serde_json::from_value(body).unwrap()
    }

    /// Pulls until there is no more, as a device does, honouring resets; returns the records
    /// by id (entity kind and fields) and the final cursor.
    pub async fn pull_all(
        &self,
        session: &Session,
        mut cursor: u64,
        confirmed: &mut BTreeMap<EntityId, mentor_core::RecordState>,
    ) -> u64 {
        loop {
            let page = self.pull_page(session, cursor, 50).await;
            if page.reset {
                confirmed.clear();
            }
            for change in page.changes {
                confirmed.insert(change.record.id, change.record);
            }
            cursor = page.cursor;
            if !page.has_more {
                return cursor;
            }
        }
    }
}

/// Sends `request` through `app`; the answer's status, headers and JSON body (`Null` when
/// empty).
pub async fn send(app: &Router, request: Request<Body>) -> (StatusCode, HeaderMap, Value) {
    let response = app.clone().oneshot(request).await.unwrap();
    let (status, headers) = (response.status(), response.headers().clone());
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let value = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| panic!("not JSON ({status}): {}", String::from_utf8_lossy(&bytes)))
    };
    (status, headers, value)
}

pub fn fields(value: Value) -> BTreeMap<String, Value> {
    serde_json::from_value(value).unwrap()
}

pub fn student(id: EntityId, given: &str) -> Edit {
    Edit::create(
        EntityKind::Student,
        id,
        fields(json!({"given_name": given, "family_name": "Testwell", "year_group": 8})),
    )
}

pub fn group(id: EntityId, name: &str) -> Edit {
    Edit::create(EntityKind::TeachingGroup, id, fields(json!({"name": name})))
}

pub fn membership(group: EntityId, member: EntityId, kind: &str) -> Edit {
    Edit::create(
        EntityKind::GroupMembership,
        group_membership_id(group, member),
        fields(json!({
            "group_id": group.to_string(), "member_id": member.to_string(), "member_kind": kind
        })),
    )
}

pub fn caseload(mentor: EntityId, student: EntityId) -> Edit {
    Edit::create(
        EntityKind::CaseloadAssignment,
        caseload_assignment_id(mentor, student),
        fields(json!({"mentor_id": mentor.to_string(), "student_id": student.to_string()})),
    )
}

/// Everything `session` pulls from the start, by id.
pub async fn pulled(
    fx: &Fixture,
    session: &Session,
) -> BTreeMap<EntityId, mentor_core::RecordState> {
    let mut records = BTreeMap::new();
    fx.pull_all(session, 0, &mut records).await;
    records
}

/// The reason of a refusal; any other outcome fails the test.
pub fn rejected(outcome: &mentor_core::Outcome) -> &str {
    match outcome {
        mentor_core::Outcome::Rejected { reason } => reason,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

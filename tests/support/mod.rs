//! Helpers shared by the device-storage and sync-client browser tests.

// Each test binary uses its own share of these.
#![allow(dead_code)]

use std::collections::BTreeMap;

use mentor_core::merge::FieldState;
use mentor_core::protocol::Change;
use mentor_core::{DeviceId, Edit, EntityId, EntityKind, Hlc, OpResult, Outcome, RecordState};
use progress_mentor::storage::{PullPage, Session, StaffSummary};
use serde_json::{Value, json};

/// A database name no other test (or earlier run) uses.
pub fn unique_name(test: &str) -> String {
    format!(
        "test-{test}-{}-{}",
        js_sys::Date::now(),
        (js_sys::Math::random() * 1e9) as u64
    )
}

pub fn id(n: u8) -> EntityId {
    EntityId::from_time_and_random(1_700_000_000_000, [n; 10]).unwrap()
}

pub fn fields(value: Value) -> BTreeMap<String, Value> {
    serde_json::from_value(value).unwrap()
}

pub fn create_student(student: EntityId, given: &str) -> Edit {
    Edit::create(
        EntityKind::Student,
        student,
        fields(json!({"given_name": given, "family_name": "Oakridge", "year_group": 9})),
    )
}

pub fn rename(student: EntityId, given: &str) -> Edit {
    Edit::update(
        EntityKind::Student,
        student,
        fields(json!({ "given_name": given })),
    )
}

pub fn server_device() -> DeviceId {
    DeviceId::from_time_and_random(1_600_000_000_000, [0xee; 10]).unwrap()
}

/// A student as the server would send it, every field stamped at `millis`.
pub fn confirmed_student(student: EntityId, given: &str, form: &str, millis: u64) -> RecordState {
    let hlc = Hlc::new(millis, 0, server_device()).unwrap();
    let values = json!({
        "given_name": given, "family_name": "Oakridge", "year_group": 9, "form_group": form
    });
    RecordState {
        entity: EntityKind::Student,
        id: student,
        fields: fields(values)
            .into_iter()
            .map(|(name, value)| (name, FieldState { value, hlc }))
            .collect(),
        deleted: None,
        created: hlc,
    }
}

pub fn page(records: Vec<RecordState>, first_seq: u64, complete: bool) -> PullPage {
    let changes: Vec<Change> = records
        .into_iter()
        .zip(first_seq..)
        .map(|(record, seq)| Change { seq, record })
        .collect();
    let cursor = changes.last().map_or(first_seq, |change| change.seq);
    PullPage {
        changes,
        cursor,
        complete,
        reset: false,
    }
}

pub fn given_name(record: &RecordState) -> &str {
    record.value("given_name").and_then(Value::as_str).unwrap()
}

pub fn applied(op_id: mentor_core::OpId) -> OpResult {
    OpResult {
        op_id,
        outcome: Outcome::Applied,
        capped_hlc: None,
    }
}

// ---- shared bodies: each runs against IndexedDB and memory ----

pub fn session(staff: &str, device: DeviceId) -> Session {
    Session {
        token: format!("token-{staff}"),
        device_id: device,
        staff: StaffSummary {
            id: staff.to_owned(),
            display_name: "Jo Marsh".to_owned(),
            role: mentor_core::Role::Mentor,
        },
    }
}

/// A new random data key's bytes (the store's data key in these tests).
pub fn key_bytes() -> [u8; 32] {
    progress_mentor::storage::crypto::new_key_bytes().unwrap()
}

/// Opens the database `name` and unlocks it with `key`.
pub async fn open_unlocked(name: &str, key: &[u8; 32]) -> progress_mentor::storage::IndexedDbStore {
    let store = progress_mentor::storage::IndexedDbStore::open(name)
        .await
        .unwrap();
    store.unlock(
        progress_mentor::storage::crypto::DataKey::import(key)
            .await
            .unwrap(),
    );
    store
}

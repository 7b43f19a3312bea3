//! Encryption at rest, in headless Chromium: what IndexedDB holds says nothing about a child,
//! a locked store reads nothing, another key opens nothing, a database written in clear by an
//! earlier version is sealed in place with its outbox intact, and a PIN unwraps the data key
//! only when it is the right one.

#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::cell::RefCell;

use mentor_core::protocol::{PullRequest, PullResponse, PushRequest, PushResponse};
use mentor_core::{EntityKind, Op, RecordState};
use progress_mentor::api;
use progress_mentor::storage::codec::encode;
use progress_mentor::storage::crypto::{self, DataKey};
use progress_mentor::storage::{IndexedDbStore, LocalStore, MemoryStore, PendingOp, StorageError};
use progress_mentor::sync::{SyncClient, SyncTransport};
use rexie::{ObjectStore, Rexie, TransactionMode};
use support::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A server that applies every push and has nothing to pull; it keeps what was pushed.
#[derive(Default)]
struct AcceptingServer {
    pushed: RefCell<Vec<Op>>,
}

impl SyncTransport for AcceptingServer {
    async fn push(&self, _token: &str, request: &PushRequest) -> api::Result<PushResponse> {
        self.pushed.borrow_mut().extend(request.ops.iter().cloned());
        Ok(PushResponse {
            results: request.ops.iter().map(|op| applied(op.op_id)).collect(),
            server_time_ms: 1,
        })
    }

    async fn pull(&self, _token: &str, request: &PullRequest) -> api::Result<PullResponse> {
        Ok(PullResponse {
            changes: Vec::new(),
            cursor: request.cursor,
            has_more: false,
            reset: false,
        })
    }
}

/// Words of the fixture that must never be found in clear on the device.
const SECRETS: [&str; 3] = ["Wrenfield", "Marchbank", "token-"];

/// A second connection to the database `name`, as any script on the page could open it.
async fn raw(name: &str) -> Rexie {
    ["records", "outbox", "meta"]
        .into_iter()
        .fold(Rexie::builder(name).version(1), |builder, store| {
            builder.add_object_store(ObjectStore::new(store))
        })
        .build()
        .await
        .unwrap()
}

/// Every value stored in the database `name`, as text (sealed bytes read as Latin-1).
async fn everything_stored(name: &str) -> Vec<String> {
    let db = raw(name).await;
    let mut texts = Vec::new();
    for store in ["records", "outbox", "meta"] {
        let tx = db.transaction(&[store], TransactionMode::ReadOnly).unwrap();
        for value in tx.store(store).unwrap().get_all(None, None).await.unwrap() {
            texts.push(match value.as_string() {
                Some(text) => text,
                None => js_sys::Uint8Array::new(&value)
                    .to_vec()
                    .into_iter()
                    .map(char::from)
                    .collect(),
            });
        }
    }
    db.close();
    texts
}

fn assert_no_secret(stored: &[String]) {
    for text in stored {
        for secret in SECRETS {
            assert!(!text.contains(secret), "{secret:?} stored in clear: {text}");
        }
    }
}

#[wasm_bindgen_test]
async fn nothing_about_a_student_is_stored_in_clear() {
    let name = unique_name("sealed");
    let store = open_unlocked(&name, &key_bytes()).await;
    let device = store.device_id().await.unwrap();
    store
        .set_session(Some(session("staff-1", device)))
        .await
        .unwrap();
    store
        .record_edit(create_student(id(1), "Wrenfield"))
        .await
        .unwrap();
    store
        .apply_pull(page(
            vec![confirmed_student(
                id(2),
                "Marchbank",
                "9Q",
                1_700_000_000_000,
            )],
            1,
            true,
        ))
        .await
        .unwrap();
    let stored = everything_stored(&name).await;
    assert!(stored.len() >= 4, "records, outbox and meta were read");
    assert_no_secret(&stored);
    let names: Vec<String> = store
        .view(EntityKind::Student)
        .await
        .unwrap()
        .iter()
        .map(|record| given_name(record).to_owned())
        .collect();
    assert_eq!(names, ["Wrenfield", "Marchbank"]);
    store.close();
}

#[wasm_bindgen_test]
async fn a_locked_store_reads_and_writes_nothing_sealed() {
    let name = unique_name("locked");
    let key = key_bytes();
    let store = open_unlocked(&name, &key).await;
    store
        .record_edit(create_student(id(1), "Wrenfield"))
        .await
        .unwrap();
    store.lock();
    assert!(!store.is_unlocked());
    assert_eq!(
        store.view(EntityKind::Student).await,
        Err(StorageError::Locked)
    );
    assert_eq!(
        store.record_edit(rename(id(1), "Ashby")).await,
        Err(StorageError::Locked)
    );
    assert_eq!(store.pending_ops(None, 10).await, Err(StorageError::Locked));
    assert_eq!(store.pending_count().await, Ok(1), "counts need no key");
    store.unlock(DataKey::import(&key).await.unwrap());
    assert_eq!(store.view(EntityKind::Student).await.unwrap().len(), 1);
    store.close();
}

#[wasm_bindgen_test]
async fn another_key_opens_nothing() {
    let name = unique_name("other-key");
    let store = open_unlocked(&name, &key_bytes()).await;
    store
        .record_edit(create_student(id(1), "Wrenfield"))
        .await
        .unwrap();
    store.close();
    let store = open_unlocked(&name, &key_bytes()).await;
    assert!(matches!(
        store.view(EntityKind::Student).await,
        Err(StorageError::Corrupt(_))
    ));
    store.close();
}

#[wasm_bindgen_test]
async fn a_wipe_leaves_no_record_no_op_and_no_key() {
    let name = unique_name("wiped");
    let store = open_unlocked(&name, &key_bytes()).await;
    let device = store.device_id().await.unwrap();
    store
        .set_session(Some(session("staff-1", device)))
        .await
        .unwrap();
    store
        .record_edit(create_student(id(1), "Wrenfield"))
        .await
        .unwrap();
    store.wipe().await.unwrap();
    assert!(!store.is_unlocked(), "the key goes with the data");
    assert_eq!(store.lock_record().await.unwrap(), None);
    let stored = everything_stored(&name).await;
    assert_eq!(
        stored.len(),
        2,
        "only the new device clock and the schema version: {stored:?}"
    );
    // Usable again once a new key is given (a new PIN after the next sign-in).
    store.unlock(DataKey::import(&key_bytes()).await.unwrap());
    let op = store
        .record_edit(create_student(id(3), "Ashby"))
        .await
        .unwrap();
    assert_eq!(op.device_seq, 1);
    store.close();
}

#[wasm_bindgen_test]
async fn a_database_written_in_clear_is_sealed_in_place_and_its_ops_still_push() {
    let name = unique_name("upgrade");
    // The earlier version: the same stores and keys, every value JSON text in clear.
    IndexedDbStore::open(&name).await.unwrap().close();
    let earlier = MemoryStore::new().unwrap();
    let op: Op = earlier
        .record_edit(create_student(id(1), "Wrenfield"))
        .await
        .unwrap();
    let pending = PendingOp {
        op: op.clone(),
        owner: Some("staff-1".to_owned()),
    };
    let record: RecordState = confirmed_student(id(2), "Marchbank", "9Q", 1_700_000_000_000);
    let db = raw(&name).await;
    let tx = db
        .transaction(&["records", "outbox", "meta"], TransactionMode::ReadWrite)
        .unwrap();
    let put = |store: &str, key: JsValue, value: JsValue| {
        let store = tx.store(store).unwrap();
        async move { store.put(&value, Some(&key)).await.unwrap() }
    };
    put("outbox", JsValue::from_f64(1.0), encode(&pending).unwrap()).await;
    let record_key = format!("student/{}", record.id);
    put("records", record_key.into(), encode(&record).unwrap()).await;
    let device = op.device_id;
    put(
        "meta",
        "session".into(),
        encode(&session("staff-1", device)).unwrap(),
    )
    .await;
    tx.done().await.unwrap();
    db.close();

    let store = open_unlocked(&name, &key_bytes()).await;
    assert_eq!(
        store.seal_in_place().await.unwrap(),
        3,
        "the op, the record, the session"
    );
    assert_no_secret(&everything_stored(&name).await);
    assert_eq!(store.seal_in_place().await.unwrap(), 0, "once is enough");
    assert_eq!(
        store.pending_ops(Some("staff-1"), 10).await.unwrap(),
        vec![op.clone()],
        "the waiting op is the same op, still waiting for its author"
    );
    assert_eq!(store.session().await.unwrap().unwrap().staff.id, "staff-1");
    let view = store.view(EntityKind::Student).await.unwrap();
    assert_eq!(view.len(), 2);

    // And it syncs as it would have before: pushed once, acknowledged, gone from the outbox.
    let server = AcceptingServer::default();
    SyncClient::new().sync(&store, &server).await.unwrap();
    assert_eq!(*server.pushed.borrow(), vec![op]);
    assert_eq!(store.pending_count().await.unwrap(), 0);
    store.close();
}

#[wasm_bindgen_test]
async fn a_pin_unwraps_the_data_key_only_when_right() {
    let key = key_bytes();
    let wrapped = crypto::wrap(&key, "482915").await.unwrap();
    assert!(wrapped.iterations >= 600_000);
    assert_eq!(crypto::unwrap(&wrapped, "482916").await.unwrap(), None);
    assert_eq!(crypto::unwrap(&wrapped, "482915").await.unwrap(), Some(key));
    let again = crypto::wrap(&key, "482915").await.unwrap();
    assert_ne!(again.salt, wrapped.salt, "a new salt every time");
    assert_ne!(again.sealed, wrapped.sealed);
}

//! [`LocalStore`] in IndexedDB, through `rexie`.
//!
//! Keys are out-of-line: records under `entity/entity_id`, outbox ops under their
//! `device_seq` (a number, so key order is push order), meta values under their names.
//! Every value goes through [`super::codec`]. Inside a transaction nothing but IndexedDB
//! requests is awaited (anything else would let it auto-commit half-done); a transaction
//! whose Rust side fails is aborted explicitly, never dropped to commit what it had written.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use mentor_core::{DeviceId, Edit, EntityKind, Op, OpResult, RecordState, SCHEMA_VERSION};
use rexie::{KeyRange, ObjectStore, Rexie, Store, Transaction, TransactionMode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

use super::codec::{decode, encode};
use super::{
    DeviceMeta, LocalStore, MAX_REJECTED_KEPT, PendingOp, PullPage, RejectedOp, Result, Session,
    StorageError, acknowledged, observe_changes, overlay, owned_by, platform, record_key,
};

const RECORDS: &str = "records";
const OUTBOX: &str = "outbox";
const META: &str = "meta";

/// The database's IndexedDB version. Raising it runs an upgrade.
const DB_VERSION: u32 = 1;

/// Every object store of the current version. `rexie` deletes, on upgrade, any existing store
/// missing from this list, so a store is only ever added here, never removed; above all
/// `outbox` stays, so an upgrade always carries unsent changes forward. Changes to the *shape*
/// of stored values run after opening, in [`IndexedDbStore::migrate`], keyed by the schema
/// version in `meta`, and never delete the database.
const STORES: [&str; 3] = [RECORDS, OUTBOX, META];

const KEY_DEVICE: &str = "device";
const KEY_CURSOR: &str = "cursor";
const KEY_SESSION: &str = "session";
const KEY_REJECTED: &str = "rejected";
const KEY_AWAITING_PULL: &str = "awaiting_pull";
const KEY_SCHEMA_VERSION: &str = "schema_version";

/// Local data in an IndexedDB database.
///
/// The connection is reopened when a transaction cannot be started on it: iOS drops the
/// IndexedDB connection of a page left in the background, and that must read as "reconnect",
/// never as "no data".
#[derive(Debug)]
pub struct IndexedDbStore {
    name: String,
    db: RefCell<Option<Rc<Rexie>>>,
}

impl IndexedDbStore {
    /// The database the app uses.
    pub const APP_DATABASE: &'static str = "progress-mentor";

    /// Opens (creating or upgrading) the database `name` and makes sure it has a device id.
    ///
    /// # Errors
    /// [`StorageError::Unavailable`] if IndexedDB cannot be opened; [`StorageError::NewerSchema`]
    /// if a newer release wrote the data.
    pub async fn open(name: &str) -> Result<Self> {
        let db = connect(name).await?;
        let store = Self {
            name: name.to_owned(),
            db: RefCell::new(Some(Rc::new(db))),
        };
        store.migrate().await?;
        Ok(store)
    }

    /// Closes the connection. The store stays usable: its next call reopens the database
    /// (tests use this to check what was kept, and to stand in for a dropped connection).
    pub fn close_connection(&self) {
        let current = self.db.borrow_mut().take();
        if let Some(db) = current.and_then(|db| Rc::try_unwrap(db).ok()) {
            db.close();
        }
    }

    /// Closes the connection for good.
    pub fn close(self) {
        self.close_connection();
    }

    /// A transaction on the open connection, reopening it once if it cannot start one.
    async fn transaction(&self, stores: &[&str], mode: TransactionMode) -> Result<Transaction> {
        let current = self.db.borrow().clone();
        if let Some(db) = current
            && let Ok(tx) = db.transaction(stores, mode)
        {
            return Ok(tx);
        }
        let db = Rc::new(connect(&self.name).await?);
        self.db.replace(Some(db.clone()));
        db.transaction(stores, mode).map_err(idb_error)
    }

    /// Brings `meta` to the current schema: makes the device id on first open. Later
    /// versions add their steps here, rewriting stored values inside this one transaction.
    async fn migrate(&self) -> Result<()> {
        let device = DeviceMeta::fresh()?;
        self.write(&[META], async |tx| {
            let meta = tx.store(META).map_err(idb_error)?;
            let stored: Option<u32> = get(&meta, KEY_SCHEMA_VERSION).await?;
            if stored.is_some_and(|version| version > SCHEMA_VERSION) {
                return Err(StorageError::NewerSchema);
            }
            if get::<DeviceMeta>(&meta, KEY_DEVICE).await?.is_none() {
                put(&meta, KEY_DEVICE, &device).await?;
            }
            put(&meta, KEY_SCHEMA_VERSION, &SCHEMA_VERSION).await
        })
        .await
    }

    /// Runs `body` in one readwrite transaction over `stores` and returns its value once the
    /// transaction has committed. If `body` fails, the transaction is aborted.
    async fn write<T>(
        &self,
        stores: &[&str],
        body: impl AsyncFnOnce(&Transaction) -> Result<T>,
    ) -> Result<T> {
        let tx = self.transaction(stores, TransactionMode::ReadWrite).await?;
        match body(&tx).await {
            Ok(value) => {
                committed(tx).await?;
                Ok(value)
            }
            Err(error) => {
                // It may already be aborted by the failed request; either way nothing stays.
                let _ = tx.abort().await;
                Err(error)
            }
        }
    }

    /// Runs `body` in one readonly transaction over `stores`.
    async fn read<T>(
        &self,
        stores: &[&str],
        body: impl AsyncFnOnce(&Transaction) -> Result<T>,
    ) -> Result<T> {
        let tx = self.transaction(stores, TransactionMode::ReadOnly).await?;
        body(&tx).await
    }

    async fn outbox_entries(tx: &Transaction) -> Result<Vec<PendingOp>> {
        let outbox = tx.store(OUTBOX).map_err(idb_error)?;
        let values = outbox.get_all(None, None).await.map_err(idb_error)?;
        values.iter().map(decode).collect()
    }
}

impl LocalStore for IndexedDbStore {
    async fn device_id(&self) -> Result<DeviceId> {
        self.read(&[META], async |tx| {
            let meta = tx.store(META).map_err(idb_error)?;
            Ok(device(&meta).await?.clock.device())
        })
        .await
    }

    async fn record_edit(&self, edit: Edit) -> Result<Op> {
        // Read before the transaction: only IndexedDB may be awaited inside it.
        let (now, random) = (platform::now_ms(), platform::random_bytes());
        self.write(&[OUTBOX, META], async |tx| {
            let outbox = tx.store(OUTBOX).map_err(idb_error)?;
            let meta = tx.store(META).map_err(idb_error)?;
            let mut device = device(&meta).await?;
            let owner = get::<Session>(&meta, KEY_SESSION)
                .await?
                .map(|session| session.staff.id);
            let op = edit.stamp(&mut device.clock, device.next_seq, now, random)?;
            device.next_seq += 1;
            let pending = PendingOp {
                op: op.clone(),
                owner,
            };
            outbox
                .put(&encode(&pending)?, Some(&seq_key(op.device_seq)))
                .await
                .map_err(idb_error)?;
            put(&meta, KEY_DEVICE, &device).await?;
            Ok(op)
        })
        .await
    }

    async fn pending_ops(&self, staff: Option<&str>, limit: usize) -> Result<Vec<Op>> {
        let entries = self.read(&[OUTBOX], Self::outbox_entries).await?;
        Ok(entries
            .into_iter()
            .filter(|pending| owned_by(pending, staff))
            .take(limit)
            .map(|pending| pending.op)
            .collect())
    }

    async fn pending_count(&self) -> Result<usize> {
        self.read(&[OUTBOX], async |tx| {
            let outbox = tx.store(OUTBOX).map_err(idb_error)?;
            let count = outbox.count(None).await.map_err(idb_error)?;
            Ok(usize::try_from(count).unwrap_or(usize::MAX))
        })
        .await
    }

    async fn acknowledge(&self, results: &[OpResult]) -> Result<()> {
        self.write(&[OUTBOX, META], async |tx| {
            let outbox = tx.store(OUTBOX).map_err(idb_error)?;
            let meta = tx.store(META).map_err(idb_error)?;
            let entries = Self::outbox_entries(tx).await?;
            let done = acknowledged(&entries, results);
            for seq in &done.removed {
                outbox.delete(seq_key(*seq)).await.map_err(idb_error)?;
            }
            if !done.awaiting_pull.is_empty() {
                let mut awaiting: Vec<Op> =
                    get(&meta, KEY_AWAITING_PULL).await?.unwrap_or_default();
                awaiting.extend(done.awaiting_pull);
                put(&meta, KEY_AWAITING_PULL, &awaiting).await?;
            }
            if !done.rejected.is_empty() {
                let mut rejected: Vec<RejectedOp> =
                    get(&meta, KEY_REJECTED).await?.unwrap_or_default();
                rejected.extend(done.rejected);
                let excess = rejected.len().saturating_sub(MAX_REJECTED_KEPT);
                rejected.drain(..excess);
                put(&meta, KEY_REJECTED, &rejected).await?;
            }
            Ok(())
        })
        .await
    }

    async fn apply_pull(&self, page: PullPage) -> Result<()> {
        let now = platform::now_ms();
        self.write(&[RECORDS, META], async |tx| {
            let records = tx.store(RECORDS).map_err(idb_error)?;
            let meta = tx.store(META).map_err(idb_error)?;
            if page.reset {
                records.clear().await.map_err(idb_error)?;
            }
            for change in &page.changes {
                let record = &change.record;
                let key = JsValue::from_str(&record_key(record.entity, record.id));
                records
                    .put(&encode(record)?, Some(&key))
                    .await
                    .map_err(idb_error)?;
            }
            let mut device = device(&meta).await?;
            observe_changes(&mut device.clock, &page.changes, now)?;
            put(&meta, KEY_DEVICE, &device).await?;
            put(&meta, KEY_CURSOR, &page.cursor).await?;
            if page.complete {
                meta.delete(JsValue::from_str(KEY_AWAITING_PULL))
                    .await
                    .map_err(idb_error)?;
            }
            Ok(())
        })
        .await
    }

    async fn view(&self, entity: EntityKind) -> Result<Vec<RecordState>> {
        let mut views = self.views(&[entity]).await?;
        Ok(views.remove(&entity).unwrap_or_default())
    }

    async fn views(&self, kinds: &[EntityKind]) -> Result<BTreeMap<EntityKind, Vec<RecordState>>> {
        self.read(&[RECORDS, OUTBOX, META], async |tx| {
            let records = tx.store(RECORDS).map_err(idb_error)?;
            let meta = tx.store(META).map_err(idb_error)?;
            let awaiting: Vec<Op> = get(&meta, KEY_AWAITING_PULL).await?.unwrap_or_default();
            let outbox = Self::outbox_entries(tx).await?;
            let mut views = BTreeMap::new();
            for &entity in kinds {
                // Every key of this kind starts with "entity/"; '0' is the character after '/'.
                let lower = JsValue::from_str(&format!("{}/", entity.as_str()));
                let upper = JsValue::from_str(&format!("{}0", entity.as_str()));
                let range = KeyRange::bound(&lower, &upper, Some(false), Some(true))
                    .map_err(|error| idb_error(error.into()))?;
                let confirmed = records
                    .get_all(Some(range), None)
                    .await
                    .map_err(idb_error)?
                    .iter()
                    .map(decode::<RecordState>)
                    .collect::<Result<Vec<_>>>()?;
                let pending = awaiting
                    .iter()
                    .chain(outbox.iter().map(|pending| &pending.op));
                views.insert(entity, overlay(entity, confirmed, pending));
            }
            Ok(views)
        })
        .await
    }

    async fn cursor(&self) -> Result<u64> {
        self.read(&[META], async |tx| {
            let meta = tx.store(META).map_err(idb_error)?;
            Ok(get(&meta, KEY_CURSOR).await?.unwrap_or(0))
        })
        .await
    }

    async fn session(&self) -> Result<Option<Session>> {
        self.read(&[META], async |tx| {
            let meta = tx.store(META).map_err(idb_error)?;
            get(&meta, KEY_SESSION).await
        })
        .await
    }

    async fn set_session(&self, session: Option<Session>) -> Result<()> {
        self.write(&[OUTBOX, META], async |tx| {
            let outbox = tx.store(OUTBOX).map_err(idb_error)?;
            let meta = tx.store(META).map_err(idb_error)?;
            match &session {
                Some(session) => {
                    let waiting = outbox.count(None).await.map_err(idb_error)?;
                    let awaiting: Vec<Op> =
                        get(&meta, KEY_AWAITING_PULL).await?.unwrap_or_default();
                    let device = device(&meta).await?;
                    let adopted =
                        device.adopt(session.device_id, waiting == 0 && awaiting.is_empty());
                    if adopted != device {
                        put(&meta, KEY_DEVICE, &adopted).await?;
                    }
                    put(&meta, KEY_SESSION, session).await
                }
                None => meta
                    .delete(JsValue::from_str(KEY_SESSION))
                    .await
                    .map_err(idb_error),
            }
        })
        .await
    }

    async fn rejected(&self) -> Result<Vec<RejectedOp>> {
        self.read(&[META], async |tx| {
            let meta = tx.store(META).map_err(idb_error)?;
            Ok(get(&meta, KEY_REJECTED).await?.unwrap_or_default())
        })
        .await
    }

    async fn dismiss_rejected(&self) -> Result<()> {
        self.write(&[META], async |tx| {
            let meta = tx.store(META).map_err(idb_error)?;
            meta.delete(JsValue::from_str(KEY_REJECTED))
                .await
                .map_err(idb_error)
        })
        .await
    }

    async fn wipe(&self) -> Result<()> {
        let device = DeviceMeta::fresh()?;
        self.write(&STORES, async |tx| {
            for name in STORES {
                tx.store(name)
                    .map_err(idb_error)?
                    .clear()
                    .await
                    .map_err(idb_error)?;
            }
            let meta = tx.store(META).map_err(idb_error)?;
            put(&meta, KEY_DEVICE, &device).await?;
            put(&meta, KEY_SCHEMA_VERSION, &SCHEMA_VERSION).await
        })
        .await
    }
}

/// Opens (creating or upgrading) the database `name` at [`DB_VERSION`] with [`STORES`].
async fn connect(name: &str) -> Result<Rexie> {
    let builder = STORES.iter().fold(
        Rexie::builder(name).version(DB_VERSION),
        |builder, store| builder.add_object_store(ObjectStore::new(store)),
    );
    builder
        .build()
        .await
        .map_err(|error| StorageError::Unavailable(error.to_string()))
}

/// The outbox key of an op: its `device_seq` as a JS number (exact below 2^53), so keys
/// sort in push order.
fn seq_key(seq: u64) -> JsValue {
    // Exact: a device makes far fewer than 2^53 ops.
    JsValue::from_f64(seq as f64)
}

async fn device(meta: &Store) -> Result<DeviceMeta> {
    get(meta, KEY_DEVICE)
        .await?
        .ok_or_else(|| StorageError::Corrupt("the device's clock is missing".to_owned()))
}

async fn get<T: DeserializeOwned>(meta: &Store, key: &str) -> Result<Option<T>> {
    let value = meta.get(JsValue::from_str(key)).await.map_err(idb_error)?;
    match value {
        Some(value) if !value.is_undefined() => decode(&value).map(Some),
        _ => Ok(None),
    }
}

async fn put<T: Serialize>(meta: &Store, key: &str, value: &T) -> Result<()> {
    meta.put(&encode(value)?, Some(&JsValue::from_str(key)))
        .await
        .map(|_| ())
        .map_err(idb_error)
}

/// Waits for the transaction to finish; `Ok` only if it committed.
async fn committed(tx: Transaction) -> Result<()> {
    match tx.done().await {
        Ok(result) if result.is_committed() => Ok(()),
        Ok(_) => Err(aborted_cause().await),
        Err(error) => Err(idb_error(error)),
    }
}

/// Why a transaction aborted with no failed request: at commit, that is the quota (the
/// browser reports `QuotaExceededError` only on the transaction, which `rexie` hides), so
/// the storage estimate decides. Runs after the transaction is over.
async fn aborted_cause() -> StorageError {
    let nearly_full = crate::state::device_storage::read_storage_report()
        .await
        .is_some_and(|report| report.quota > 0.0 && report.usage >= report.quota * 0.95);
    if nearly_full {
        StorageError::QuotaExceeded
    } else {
        StorageError::NotSaved
    }
}

/// Maps IndexedDB's errors to ours; a `QuotaExceededError` anywhere in it is the quota.
fn idb_error(error: rexie::Error) -> StorageError {
    let text = error.to_string();
    let debug = format!("{error:?}");
    if text.contains("QuotaExceeded") || debug.contains("QuotaExceeded") {
        StorageError::QuotaExceeded
    } else {
        StorageError::Failed(text)
    }
}

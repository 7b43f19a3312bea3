//! [`LocalStore`] in IndexedDB, through `rexie`.
//!
//! Keys are out-of-line: records under `entity/entity_id`, outbox ops under their
//! `device_seq` (a number, so key order is push order), meta values under their names.
//! Every value goes through [`super::codec`]: records, outbox ops, the session and the lists
//! of refused and acknowledged ops are sealed under the data key ([`IndexedDbStore::unlock`]);
//! only the device's clock, the pull cursor, the schema version, a write counter and the lock
//! ([`LockRecord`]) stay in clear. Without the key every call that would read or write a
//! sealed value answers [`StorageError::Locked`].
//!
//! Inside a transaction nothing but IndexedDB requests is awaited (anything else would let it
//! auto-commit half-done); a transaction whose Rust side fails is aborted explicitly, never
//! dropped to commit what it had written. Web Crypto is asynchronous, so a change that
//! depends on sealed values reads them in one transaction, opens and seals outside it, and
//! writes in a second transaction only if nothing was written in between: every write moves
//! the counter under `generation`, and [`IndexedDbStore::write_at`] checks it first (another
//! tab, or this one's sync, wrote meanwhile: read again and redo).

mod local;
mod sealing;

use std::cell::RefCell;
use std::rc::Rc;

use mentor_core::SCHEMA_VERSION;
use rexie::{ObjectStore, Rexie, Store, Transaction, TransactionMode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

use super::codec::{decode, encode};
use super::crypto::DataKey;
use super::lock::LockRecord;
use super::{DeviceMeta, LocalStore, Result, StorageError};

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
const KEY_GENERATION: &str = "generation";
const KEY_LOCK: &str = "lock";
/// The meta values that are sealed; every other meta value is in clear.
const SEALED_META: [&str; 3] = [KEY_SESSION, KEY_REJECTED, KEY_AWAITING_PULL];
/// Times a change is redone when another write came between its read and its write.
const MAX_REDOS: usize = 20;

/// Local data in an IndexedDB database.
///
/// The connection is reopened when a transaction cannot be started on it: iOS drops the
/// IndexedDB connection of a page left in the background, and that must read as "reconnect",
/// never as "no data".
#[derive(Debug)]
pub struct IndexedDbStore {
    name: String,
    db: RefCell<Option<Rc<Rexie>>>,
    /// The data key while the app is unlocked.
    key: RefCell<Option<DataKey>>,
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
            key: RefCell::new(None),
        };
        store.migrate().await?;
        Ok(store)
    }

    /// The database's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// True if nothing of anyone is in the database: no lock, no session, nothing waiting to
    /// sync. Anything unreadable counts as something.
    pub async fn is_empty(&self) -> bool {
        matches!(self.lock_record().await, Ok(None))
            && matches!(self.session().await, Ok(None))
            && self.pending_count().await == Ok(0)
    }

    /// Deletes the database `name` (an emptied member of staff's, on a shared device). The
    /// browser finishes it once every connection to it has closed.
    ///
    /// # Errors
    /// [`StorageError::Unavailable`] if the browser refused.
    pub async fn delete_database(name: &str) -> Result<()> {
        Rexie::delete(name)
            .await
            .map_err(|error| StorageError::Unavailable(error.to_string()))
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

    /// Gives the store the data key: sealed values can be read and written until [`Self::lock`].
    pub fn unlock(&self, key: DataKey) {
        self.key.replace(Some(key));
    }

    /// Forgets the data key: sealed values are out of reach until the next unlock.
    pub fn lock(&self) {
        self.key.replace(None);
    }

    /// True while the store holds the data key.
    pub fn is_unlocked(&self) -> bool {
        self.key.borrow().is_some()
    }

    /// The data key, or [`StorageError::Locked`].
    fn data_key(&self) -> Result<DataKey> {
        self.key.borrow().clone().ok_or(StorageError::Locked)
    }

    /// The device's lock, if a PIN was ever set on it since it was last emptied.
    ///
    /// # Errors
    /// A storage error.
    pub async fn lock_record(&self) -> Result<Option<LockRecord>> {
        self.read(&[META], async |tx| {
            let meta = tx.store(META).map_err(idb_error)?;
            get(&meta, KEY_LOCK).await
        })
        .await
    }

    /// Stores the device's lock.
    ///
    /// # Errors
    /// A storage error; the lock is unchanged then.
    pub async fn set_lock_record(&self, record: &LockRecord) -> Result<()> {
        self.write(&[META], async |tx| {
            let meta = tx.store(META).map_err(idb_error)?;
            put(&meta, KEY_LOCK, record).await
        })
        .await
    }

    /// Runs `body` in one readwrite transaction over `stores` and returns its value once the
    /// transaction has committed. If `body` fails, the transaction is aborted. Moves the
    /// write counter, so a [`Self::write_at`] begun before this one is redone.
    async fn write<T>(
        &self,
        stores: &[&str],
        body: impl AsyncFnOnce(&Transaction) -> Result<T>,
    ) -> Result<T> {
        let written = self.write_checked(None, stores, body).await?;
        written.ok_or(StorageError::NotSaved)
    }

    /// [`Self::write`], only if the write counter still reads `generation` (what a read
    /// transaction saw with [`generation`]); `Ok(None)`, with nothing written, if another
    /// write came in between.
    async fn write_at<T>(
        &self,
        generation: u64,
        stores: &[&str],
        body: impl AsyncFnOnce(&Transaction) -> Result<T>,
    ) -> Result<Option<T>> {
        self.write_checked(Some(generation), stores, body).await
    }

    async fn write_checked<T>(
        &self,
        expected: Option<u64>,
        stores: &[&str],
        body: impl AsyncFnOnce(&Transaction) -> Result<T>,
    ) -> Result<Option<T>> {
        let mut with_meta: Vec<&str> = stores.to_vec();
        if !with_meta.contains(&META) {
            with_meta.push(META);
        }
        let tx = self
            .transaction(&with_meta, TransactionMode::ReadWrite)
            .await?;
        let outcome = async {
            let meta = tx.store(META).map_err(idb_error)?;
            let current = generation(&meta).await?;
            if expected.is_some_and(|expected| expected != current) {
                return Ok(None);
            }
            put(&meta, KEY_GENERATION, &current.wrapping_add(1)).await?;
            body(&tx).await.map(Some)
        }
        .await;
        match outcome {
            Ok(Some(value)) => {
                committed(tx).await?;
                Ok(Some(value))
            }
            Ok(None) => {
                let _ = tx.abort().await;
                Ok(None)
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

/// The write counter (0 before the first counted write).
async fn generation(meta: &Store) -> Result<u64> {
    Ok(get(meta, KEY_GENERATION).await?.unwrap_or(0))
}

/// A meta value as stored (sealed or in clear), if there is one.
async fn get_raw(meta: &Store, key: &str) -> Result<Option<JsValue>> {
    let value = meta.get(JsValue::from_str(key)).await.map_err(idb_error)?;
    Ok(value.filter(|value| !value.is_undefined()))
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

//! SQLite, embedded: the default store. One file in the data directory, created and migrated
//! on first start.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use mentor_core::protocol::MAX_PUSH_OPS;
use mentor_core::{
    DeviceId, EntityId, EntityKind, Outcome, PullRequest, PullResponse, PushRequest, PushResponse,
};
use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};
use serde_json::json;

use super::{
    AuditPage, AuditRecord, AuthenticatedDevice, DeviceRegistration, DeviceSummary, HistoryItem,
    NewStaff, Purged, Result, SignInRecord, StaffMember, Store, StoreError, TokenCheck, accounts,
    audit, device_keys, history, retention, sessions, sync,
};
use crate::data_dir;
use crate::server_writes::ServerWriter;

/// File name of the database inside the data directory.
pub const DATABASE_FILE: &str = "progress-mentor.sqlite3";

/// Migrations in order; entry `i` takes the database from level `i` to `i + 1`.
/// Never edit one that has shipped: add a new one.
const MIGRATIONS: &[&str] = &[
    // 1: facts about this installation.
    "CREATE TABLE server_meta (
        key   TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
    );",
    // 2: staff sign-in, devices, and the sync engine's tables. Times are Unix ms.
    "CREATE TABLE staff (
        id            TEXT PRIMARY KEY NOT NULL,
        display_name  TEXT NOT NULL,
        email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
        role          TEXT NOT NULL
                      CHECK (role IN ('mentor', 'teacher', 'senco', 'dsl', 'admin')),
        password_hash TEXT NOT NULL,
        active        INTEGER NOT NULL DEFAULT 1
    );
    CREATE TABLE devices (
        id           TEXT PRIMARY KEY NOT NULL,
        staff_id     TEXT NOT NULL REFERENCES staff (id),
        token_hash   TEXT UNIQUE,
        label        TEXT NOT NULL,
        created_at   BIGINT NOT NULL,
        last_seen_at BIGINT,
        revoked_at   BIGINT,
        scope_hash   TEXT
    );
    CREATE TABLE ops (
        op_id          TEXT PRIMARY KEY NOT NULL,
        device_id      TEXT NOT NULL,
        device_seq     BIGINT NOT NULL,
        hlc            TEXT NOT NULL,
        schema_version INTEGER NOT NULL,
        entity         TEXT NOT NULL,
        entity_id      TEXT NOT NULL,
        kind           TEXT NOT NULL,
        fields         TEXT NOT NULL,
        outcome        TEXT NOT NULL,
        reason         TEXT,
        capped_hlc     TEXT,
        received_at    BIGINT NOT NULL
    );
    CREATE INDEX ops_by_entity ON ops (entity_id);
    CREATE TABLE records (
        entity    TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        state     TEXT NOT NULL,
        seq       BIGINT NOT NULL,
        live      INTEGER NOT NULL,
        link_a    TEXT,
        link_b    TEXT,
        link_kind TEXT,
        PRIMARY KEY (entity, entity_id)
    );
    CREATE UNIQUE INDEX records_by_id ON records (entity_id);
    CREATE UNIQUE INDEX records_by_seq ON records (seq);
    CREATE INDEX records_by_link_a ON records (link_a);
    CREATE INDEX records_by_link_b ON records (link_b);
    CREATE TABLE history (
        entity        TEXT NOT NULL,
        entity_id     TEXT NOT NULL,
        field         TEXT NOT NULL,
        value         TEXT NOT NULL,
        hlc           TEXT NOT NULL,
        superseded_by TEXT NOT NULL
    );
    CREATE INDEX history_by_entity ON history (entity_id);
    CREATE TABLE sync_state (
        id       INTEGER PRIMARY KEY CHECK (id = 1),
        last_seq BIGINT NOT NULL,
        guard    TEXT
    );
    INSERT INTO sync_state (id, last_seq, guard) VALUES (1, 0, NULL);",
    // 3: each op's content digest, to tell a resend from another op under the same id
    // (NULL for older ops, whose stored columns are digested instead).
    "ALTER TABLE ops ADD COLUMN digest TEXT;",
    // 4: ops that arrive before their record's create: who pushed each op (NULL for the
    // server's own writes), since a waiting op is judged as its author when it is applied;
    // an index to find gaps in a device's numbering; and the ops waiting for their record.
    "ALTER TABLE ops ADD COLUMN staff_id TEXT;
    CREATE INDEX ops_by_device_seq ON ops (device_id, device_seq);
    CREATE TABLE waiting_ops (
        op_id      TEXT PRIMARY KEY NOT NULL REFERENCES ops (op_id),
        device_id  TEXT NOT NULL,
        device_seq BIGINT NOT NULL,
        entity_id  TEXT NOT NULL
    );
    CREATE INDEX waiting_by_entity ON waiting_ops (entity_id, device_id, device_seq);
    CREATE INDEX waiting_by_device ON waiting_ops (device_id, device_seq);",
    // 5: who may be signed in on which device. When each token was issued (it lasts 180 days
    // at most; older tokens count from their device's first sign-in) and when a revoked
    // device was first told to wipe; devices with the server's own or the nil id, and those
    // of deactivated staff, revoked; the sign-in and security audit; escrowed device keys.
    "ALTER TABLE devices ADD COLUMN token_issued_at BIGINT;
    ALTER TABLE devices ADD COLUMN wiped_at BIGINT;
    UPDATE devices SET token_issued_at = created_at WHERE token_hash IS NOT NULL;
    UPDATE devices SET revoked_at = COALESCE(last_seen_at, created_at)
     WHERE revoked_at IS NULL
       AND (id IN ('00000000-0000-7000-8000-5e4ee4000001', '00000000-0000-0000-0000-000000000000')
            OR staff_id IN (SELECT id FROM staff WHERE active = 0));
    CREATE INDEX devices_by_staff ON devices (staff_id);
    CREATE TABLE audit_events (
        id        INTEGER PRIMARY KEY,
        at        BIGINT NOT NULL,
        kind      TEXT NOT NULL,
        staff_id  TEXT,
        device_id TEXT,
        detail    TEXT
    );
    CREATE TABLE device_keys (
        device_id  TEXT PRIMARY KEY NOT NULL REFERENCES devices (id),
        key        TEXT NOT NULL,
        created_at BIGINT NOT NULL
    );",
    // 6: rejected ops keep no field values (their digest still answers a resend; ops from
    // before digests were kept are left whole, as their columns are their digest), and the
    // deferred ops of a device are counted through an index of their own.
    "UPDATE ops SET fields = '{}' WHERE outcome = 'rejected' AND digest IS NOT NULL;
    CREATE INDEX ops_deferred_by_device ON ops (device_id) WHERE outcome = 'deferred';",
    // 7: a third link column, for records reached through a trip (no earlier kind has one).
    "ALTER TABLE records ADD COLUMN link_trip TEXT;
    CREATE INDEX records_by_link_trip ON records (link_trip);",
];

pub struct SqliteStore {
    path: PathBuf,
    // One connection, one writer at a time: SQLite allows a single writer anyway, and holding
    // the lock across a whole sync transaction is what keeps sequence numbers gap-free.
    conn: Mutex<Connection>,
}

impl SqliteStore {
    /// Opens (creating if needed) the database in `data_dir`, brings it to the latest level,
    /// and purges the history whose retention has ended ([`Self::purge_expired`]).
    pub fn open_in(data_dir: &Path) -> Result<Self> {
        let store = Self::open(&data_dir.join(DATABASE_FILE))?;
        // The clock is read here, where the server starts, and passed in below.
        let now_ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |since| {
                u64::try_from(since.as_millis()).unwrap_or(u64::MAX)
            });
        let purged = store.purge_expired(now_ms)?;
        if purged != Purged::default() {
            tracing::info!(
                erased_records = purged.erased_records,
                history_rows = purged.history_rows,
                "purged values kept past their retention"
            );
        }
        Ok(store)
    }

    pub fn open(path: &Path) -> Result<Self> {
        create_private(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|err| classify(path, err))?;
        configure(&conn).map_err(|err| classify(path, err))?;
        // Journals left by an older release, made before the database was private.
        for journal in ["-wal", "-shm", "-journal"] {
            let mut name = path.as_os_str().to_owned();
            name.push(journal);
            data_dir::make_private(Path::new(&name)).map_err(|err| open_error(path, &err))?;
        }
        migrate(&conn, path)?;
        Ok(Self {
            path: path.to_owned(),
            conn: Mutex::new(conn),
        })
    }

    /// Purges, as of `now_ms`, the history of deleted records whose kind's retention has
    /// ended, and erases the values of records deleted before deletes erased, in one
    /// transaction. Runs when the server opens its data directory; a long-running server
    /// may call it again.
    pub fn purge_expired(&self, now_ms: u64) -> Result<Purged> {
        self.write(|conn| retention::purge_expired(conn, now_ms))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn conn(&self) -> Result<MutexGuard<'_, Connection>> {
        self.conn.lock().map_err(|_| StoreError::Poisoned)
    }

    /// Runs `work` in one write transaction (taken at once, so two writers never race).
    fn write<T>(&self, work: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let mut conn = self.conn()?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = work(&tx)?;
        tx.commit()?;
        Ok(value)
    }
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    // WAL lets readers continue during a write; FULL sync because an acknowledged op must
    // survive a power cut.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

fn migrate(conn: &Connection, path: &Path) -> Result<()> {
    let level: i64 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(|err| classify(path, err))?;
    let known = MIGRATIONS.len() as i64;
    if level > known {
        return Err(StoreError::TooNew {
            path: path.to_owned(),
            found: level,
            known,
        });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(level as usize) {
        let tx = conn.unchecked_transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (index + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}

/// Creates the database file private to the server's user before SQLite opens it, so its
/// journals, which SQLite makes with the database's mode, are private too.
fn create_private(path: &Path) -> Result<()> {
    data_dir::create_private_file(path).map_err(|err| open_error(path, &err))
}

fn open_error(path: &Path, err: &std::io::Error) -> StoreError {
    StoreError::Open {
        path: path.to_owned(),
        detail: err.to_string(),
    }
}

fn classify(path: &Path, err: rusqlite::Error) -> StoreError {
    match err.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => StoreError::Corrupt {
            path: path.to_owned(),
            detail: err.to_string(),
        },
        Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied | ErrorCode::ReadOnly) => {
            StoreError::Open {
                path: path.to_owned(),
                detail: err.to_string(),
            }
        }
        _ => StoreError::Sqlite(err),
    }
}

impl Store for SqliteStore {
    fn check(&self) -> Result<()> {
        self.conn()?.query_row("SELECT 1", [], |_| Ok(()))?;
        Ok(())
    }

    fn schema_level(&self) -> Result<i64> {
        Ok(self
            .conn()?
            .pragma_query_value(None, "user_version", |row| row.get(0))?)
    }

    fn staff_for_sign_in(&self, email: &str) -> Result<Option<SignInRecord>> {
        accounts::staff_for_sign_in(&*self.conn()?, email)
    }

    fn register_device(
        &self,
        device_id: DeviceId,
        staff_id: EntityId,
        label: &str,
        token_hash: &str,
        now_ms: u64,
    ) -> Result<DeviceRegistration> {
        self.write(|conn| {
            sessions::register_device(conn, device_id, staff_id, label, token_hash, now_ms)
        })
    }

    fn wipe_if_revoked(&self, device_id: DeviceId, now_ms: u64) -> Result<bool> {
        self.write(|conn| sessions::wipe_if_revoked(conn, device_id, now_ms))
    }

    fn authenticate(&self, token_hash: &str, now_ms: u64) -> Result<TokenCheck> {
        self.write(|conn| sessions::authenticate(conn, token_hash, now_ms))
    }

    fn forget_token(&self, token_hash: &str) -> Result<()> {
        self.write(|conn| sessions::forget_token(conn, token_hash))
    }

    fn devices(&self) -> Result<Vec<DeviceSummary>> {
        sessions::devices(&*self.conn()?)
    }

    fn revoke_device(&self, device_id: DeviceId, by: EntityId, now_ms: u64) -> Result<bool> {
        self.write(|conn| sessions::revoke_device(conn, device_id, by, now_ms))
    }

    fn escrow_key(&self, device: DeviceId, staff: EntityId, key: &str, now_ms: u64) -> Result<()> {
        self.write(|conn| device_keys::escrow(conn, device, staff, key, now_ms))
    }

    fn audit(&self, event: &AuditRecord, now_ms: u64) -> Result<()> {
        self.write(|conn| audit::record(conn, now_ms, event))
    }

    fn audit_page(&self, before: Option<u64>, limit: u32) -> Result<AuditPage> {
        audit::page(&*self.conn()?, before, limit)
    }

    fn staff_count(&self) -> Result<u64> {
        accounts::staff_count(&*self.conn()?)
    }

    fn add_staff(&self, staff: &NewStaff, now_ms: u64) -> Result<()> {
        let mut writer = ServerWriter::new(now_ms);
        writer
            .create(
                EntityKind::Staff,
                staff.id,
                [
                    ("display_name", json!(staff.display_name)),
                    ("email", json!(staff.email.trim().to_lowercase())),
                    ("role", json!(staff.role.as_str())),
                ],
            )
            .map_err(|err| StoreError::Decode(err.to_string()))?;
        self.write(|conn| {
            accounts::insert_staff(conn, staff)?;
            for push in writer.into_pushes(MAX_PUSH_OPS) {
                sync::push(conn, None, &push, now_ms)?;
            }
            Ok(())
        })
    }

    fn push(
        &self,
        device: &AuthenticatedDevice,
        request: &PushRequest,
        now_ms: u64,
    ) -> Result<PushResponse> {
        self.write(|conn| sync::push(conn, Some(&device.staff), request, now_ms))
    }

    fn push_as_server(&self, request: &PushRequest, now_ms: u64) -> Result<PushResponse> {
        self.write(|conn| sync::push(conn, None, request, now_ms))
    }

    fn push_all_as_server(&self, requests: &[PushRequest], now_ms: u64) -> Result<()> {
        // Returning an error from the closure drops the transaction, which rolls it back.
        self.write(|conn| {
            for request in requests {
                let response = sync::push(conn, None, request, now_ms)?;
                if let Some(refused) = response
                    .results
                    .iter()
                    .find(|result| !matches!(result.outcome, Outcome::Applied))
                {
                    return Err(StoreError::NotAllApplied {
                        op_id: refused.op_id.to_string(),
                        outcome: format!("{:?}", refused.outcome),
                    });
                }
            }
            Ok(())
        })
    }

    fn pull(
        &self,
        device: &AuthenticatedDevice,
        request: &PullRequest,
        now_ms: u64,
    ) -> Result<PullResponse> {
        // A write transaction: the pull records the device's scope, and taking the one
        // writer's lock means no push is half-way through while changes are read.
        self.write(|conn| sync::pull(conn, device, request, now_ms))
    }

    fn history(
        &self,
        staff: &StaffMember,
        entity: EntityKind,
        id: EntityId,
        now_ms: u64,
    ) -> Result<Option<Vec<HistoryItem>>> {
        history::history(&*self.conn()?, staff, entity, id, now_ms)
    }
}

/// Copies the live database to `target` with SQLite's online backup, safe while the server
/// runs. The copy is private to the server's user, like the database.
pub fn backup(data_dir: &Path, target: &Path) -> Result<()> {
    let source_path = data_dir.join(DATABASE_FILE);
    let source = Connection::open_with_flags(&source_path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|err| classify(&source_path, err))?;
    create_private(target)?;
    source
        .backup(rusqlite::MAIN_DB, target, None)
        .map_err(|err| classify(&source_path, err))
}

#[cfg(test)]
#[path = "sqlite_tests.rs"]
mod tests;

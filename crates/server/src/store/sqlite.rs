//! SQLite, embedded: the default store. One file in the data directory, created and migrated
//! on first start.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::{Result, Store, StoreError};

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
];

pub struct SqliteStore {
    path: PathBuf,
    // One connection, one writer at a time: SQLite allows a single writer anyway, and holding
    // the lock across a whole sync transaction is what keeps sequence numbers gap-free.
    conn: Mutex<Connection>,
}

impl SqliteStore {
    /// Opens (creating if needed) the database in `data_dir` and brings it to the latest level.
    pub fn open_in(data_dir: &Path) -> Result<Self> {
        Self::open(&data_dir.join(DATABASE_FILE))
    }

    pub fn open(path: &Path) -> Result<Self> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|err| classify(path, err))?;
        configure(&conn).map_err(|err| classify(path, err))?;
        migrate(&conn, path)?;
        Ok(Self {
            path: path.to_owned(),
            conn: Mutex::new(conn),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn conn(&self) -> Result<MutexGuard<'_, Connection>> {
        self.conn.lock().map_err(|_| StoreError::Poisoned)
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
}

/// Copies the live database to `target` with SQLite's online backup, safe while the server runs.
pub fn backup(data_dir: &Path, target: &Path) -> Result<()> {
    let source_path = data_dir.join(DATABASE_FILE);
    let source = Connection::open_with_flags(&source_path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|err| classify(&source_path, err))?;
    source
        .backup(rusqlite::MAIN_DB, target, None)
        .map_err(|err| classify(&source_path, err))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_and_migrates_a_new_database_and_reopens_it() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open_in(dir.path()).unwrap();
        assert_eq!(store.schema_level().unwrap(), MIGRATIONS.len() as i64);
        store.check().unwrap();
        drop(store);
        let again = SqliteStore::open_in(dir.path()).unwrap();
        assert_eq!(again.schema_level().unwrap(), MIGRATIONS.len() as i64);
    }

    #[test]
    fn a_file_that_is_not_a_database_is_reported_as_corrupt() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(DATABASE_FILE), vec![0x42; 4096]).unwrap();
        let err = SqliteStore::open_in(dir.path()).err().unwrap();
        assert!(matches!(err, StoreError::Corrupt { .. }), "{err:?}");
        assert!(err.to_string().contains("Restore it from a backup"));
    }

    #[test]
    fn a_database_from_a_newer_release_is_refused_not_downgraded() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DATABASE_FILE);
        Connection::open(&path)
            .unwrap()
            .pragma_update(None, "user_version", 99)
            .unwrap();
        let err = SqliteStore::open(&path).err().unwrap();
        assert!(
            matches!(err, StoreError::TooNew { found: 99, .. }),
            "{err:?}"
        );
    }

    #[test]
    fn backup_produces_a_database_at_the_same_level() {
        let dir = tempfile::tempdir().unwrap();
        let _store = SqliteStore::open_in(dir.path()).unwrap();
        let target = dir.path().join("copy.sqlite3");
        backup(dir.path(), &target).unwrap();
        let copy = SqliteStore::open(&target).unwrap();
        assert_eq!(copy.schema_level().unwrap(), MIGRATIONS.len() as i64);
    }
}

//! The server's storage, behind a trait so a second implementation (PostgreSQL, for a trust
//! that outgrows one machine) can be added without touching handlers.
//!
//! Methods are synchronous: SQLite is, and handlers call them through
//! `tokio::task::spawn_blocking`. SQL is kept portable (no SQLite-only syntax outside
//! `sqlite.rs`'s connection set-up).

mod sqlite;

pub use sqlite::{DATABASE_FILE, SqliteStore, backup};

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "{path} is not a valid Progress Mentor database ({detail}). Restore it from a backup, or move it aside to start with an empty one."
    )]
    Corrupt { path: PathBuf, detail: String },
    #[error(
        "{path} was written by a newer Progress Mentor (database schema {found}, this server knows up to {known}). Run the newer server, or restore a backup made by this version."
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("cannot open the database {path}: {detail}")]
    Open { path: PathBuf, detail: String },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("the database lock was poisoned by an earlier failure; restart the server")]
    Poisoned,
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The school's copy of record.
pub trait Store: Send + Sync {
    /// Proves the database answers a query (for `/api/health`).
    fn check(&self) -> Result<()>;

    /// The migration level of the database.
    fn schema_level(&self) -> Result<i64>;
}

//! The server's storage, behind a trait so a second implementation (PostgreSQL, for a trust
//! that outgrows one machine) can be added without touching handlers.
//!
//! Methods are synchronous: SQLite is, and handlers call them through
//! `tokio::task::spawn_blocking`. SQL is kept portable (no SQLite-only syntax outside
//! `sqlite.rs`'s connection set-up and the `COLLATE NOCASE` on staff emails, which are also
//! stored lower-cased so a PostgreSQL port needs no case folding).

mod accounts;
mod audit;
mod device_keys;
mod history;
mod op_log;
mod policy;
mod requirements;
mod retention;
mod roles;
mod scope;
mod sessions;
mod sqlite;
mod sync;

pub use audit::AuditRecord;
pub use retention::Purged;
pub use roles::Role;
pub use sqlite::{DATABASE_FILE, SqliteStore, backup};
// What the store reads for the API is the API's body itself, defined once in core.
pub use mentor_core::audit_api::AuditPage;
pub use mentor_core::devices_api::DeviceSummary;
pub use mentor_core::history_api::HistoryItem;

use std::path::PathBuf;

use mentor_core::protocol::ProtocolError;
use mentor_core::{
    DeviceId, EntityId, EntityKind, PullRequest, PullResponse, PushRequest, PushResponse,
};
use serde::Serialize;

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
    /// A stored value that does not read back (JSON, id or stamp): a bug or a hand edit.
    #[error("stored data could not be read: {0}")]
    Decode(String),
    /// The request as a whole is refused by the protocol (nothing was stored).
    #[error(transparent)]
    Refused(#[from] ProtocolError),
    /// A staff member with this email already exists.
    #[error("a staff member with the email {0} already exists")]
    EmailTaken(String),
    /// An all-or-nothing server write had an op that did not apply; nothing was written.
    #[error("op {op_id} was not applied ({outcome}); nothing was written")]
    NotAllApplied { op_id: String, outcome: String },
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// A member of staff as sign-in and authorisation see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct StaffMember {
    /// The id of the staff member's synced `staff` record.
    #[schema(value_type = String, format = "uuid")]
    pub id: EntityId,
    pub display_name: String,
    pub role: Role,
}

/// The device (and its staff member) a request's bearer token belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthenticatedDevice {
    pub device_id: DeviceId,
    pub label: String,
    pub staff: StaffMember,
}

/// What a bearer token turns out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenCheck {
    Valid(AuthenticatedDevice),
    /// The token's device was revoked by an administrator, or its member of staff deactivated:
    /// the app must wipe its data.
    Revoked,
    /// The session was unused too long or is too old: sign in again online (the device keeps
    /// its data).
    Expired,
    Unknown,
}

/// A staff member's sign-in details, as stored.
#[derive(Debug, Clone)]
pub struct SignInRecord {
    pub staff: StaffMember,
    pub password_hash: String,
    pub active: bool,
}

/// A staff member to add (from the command line or the demo school).
#[derive(Debug, Clone)]
pub struct NewStaff {
    pub id: EntityId,
    pub display_name: String,
    pub email: String,
    pub role: Role,
    pub password_hash: String,
}

/// What registering a device at sign-in did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeviceRegistration {
    /// Signed in, with the key this device escrowed earlier, if any.
    Registered { escrowed_key: Option<String> },
    /// The device id was revoked; it can never sign in again (the app wipes and makes a new id).
    Revoked,
    /// The device id is another member of staff's, or reserved for the server.
    Taken,
}

/// The school's copy of record.
pub trait Store: Send + Sync {
    /// Proves the database answers a query (for `/api/health`).
    fn check(&self) -> Result<()>;

    /// The migration level of the database.
    fn schema_level(&self) -> Result<i64>;

    /// The staff member with this email (any case), with the password hash.
    fn staff_for_sign_in(&self, email: &str) -> Result<Option<SignInRecord>>;

    /// Registers (or re-registers) `device_id` for `staff_id` with a new token hash, if the
    /// device id is free or already theirs, ending their least recently used session if they
    /// would otherwise pass the device limit; a device signing in again starts its pulls again
    /// from nothing. Audited either way.
    fn register_device(
        &self,
        device_id: DeviceId,
        staff_id: EntityId,
        label: &str,
        token_hash: &str,
        now_ms: u64,
    ) -> Result<DeviceRegistration>;

    /// True if `device_id` was revoked (having recorded the wipe it is told to do).
    fn wipe_if_revoked(&self, device_id: DeviceId, now_ms: u64) -> Result<bool>;

    /// Looks up a token by its hash and records that its device was seen; ends (and audits) a
    /// session unused too long or too old.
    fn authenticate(&self, token_hash: &str, now_ms: u64) -> Result<TokenCheck>;

    /// Forgets a token (sign-out) and erases its device's escrowed key; the device row stays
    /// for the admin's list.
    fn forget_token(&self, token_hash: &str) -> Result<()>;

    /// Every device, newest first.
    fn devices(&self) -> Result<Vec<DeviceSummary>>;

    /// Revokes a device for good and erases its escrowed key, audited as done by `by`; false
    /// if there is no such device.
    fn revoke_device(&self, device_id: DeviceId, by: EntityId, now_ms: u64) -> Result<bool>;

    /// Keeps `key` (already checked) as the data key of `device`, signed in by `staff`,
    /// replacing an earlier one; audited.
    fn escrow_key(&self, device: DeviceId, staff: EntityId, key: &str, now_ms: u64) -> Result<()>;

    /// Records an event in the audit.
    fn audit(&self, event: &AuditRecord, now_ms: u64) -> Result<()>;

    /// Audit events older than `before` (all when `None`), newest first, at most `limit`.
    fn audit_page(&self, before: Option<u64>, limit: u32) -> Result<AuditPage>;

    /// How many staff members can sign in or could.
    fn staff_count(&self) -> Result<u64>;

    /// Adds a staff member's sign-in row and writes their `staff` record through the merge
    /// path as the server's own device, so it syncs like any other record.
    fn add_staff(&self, staff: &NewStaff, now_ms: u64) -> Result<()>;

    /// Takes in a push from an authenticated device, applying the role's write rules.
    fn push(
        &self,
        device: &AuthenticatedDevice,
        request: &PushRequest,
        now_ms: u64,
    ) -> Result<PushResponse>;

    /// Takes in ops the server itself made (the demo school), with no role rules.
    fn push_as_server(&self, request: &PushRequest, now_ms: u64) -> Result<PushResponse>;

    /// Takes in several pushes the server itself made (an MIS import) in ONE transaction:
    /// either every op is applied or nothing is written
    /// ([`StoreError::NotAllApplied`] names the first op that was not).
    fn push_all_as_server(&self, requests: &[PushRequest], now_ms: u64) -> Result<()>;

    /// Answers a pull with what the device's staff member may see at `now_ms`.
    fn pull(
        &self,
        device: &AuthenticatedDevice,
        request: &PullRequest,
        now_ms: u64,
    ) -> Result<PullResponse>;

    /// The overwritten values of one record, if `staff` may see it (the pull's scope rules);
    /// `None` both when there is no such record and when it is out of scope.
    fn history(
        &self,
        staff: &StaffMember,
        entity: EntityKind,
        id: EntityId,
        now_ms: u64,
    ) -> Result<Option<Vec<HistoryItem>>>;
}

//! What this device keeps: confirmed records as the server last sent them, an outbox of local
//! changes not yet acknowledged, and `meta` (device id, clock, outbox numbering, pull cursor,
//! session, schema version).
//!
//! [`LocalStore`] is the contract; [`IndexedDbStore`] keeps it in IndexedDB (the app) and
//! [`MemoryStore`] in memory (tests). Both share the rules below, so they cannot disagree:
//! - a local edit is stamped and written to the outbox together with the clock's new state,
//!   all or nothing, and counts as saved only once that write has committed;
//! - what the user sees ([`LocalStore::view`]) is the confirmed records with every pending op
//!   merged on top by core's one merge rule (`mentor_core::merge::apply`);
//! - ops the server acknowledged stay on top of the view until a complete pull has brought
//!   their effect, so a saved change never flickers out of sight between push and pull.

pub mod accounts;
pub mod codec;
pub mod crypto;
mod indexed_db;
pub mod lock;
mod memory;
pub mod platform;

use std::collections::BTreeMap;

use mentor_core::hlc::ClockError;
use mentor_core::merge;
use mentor_core::op::StampError;
use mentor_core::{
    Change, DeviceId, Edit, EntityId, EntityKind, Hlc, HlcClock, Op, OpId, OpResult, Outcome,
    RecordState,
};
use serde::{Deserialize, Serialize};

pub use indexed_db::IndexedDbStore;
pub use lock::LockRecord;
pub use memory::MemoryStore;
/// The signed-in member of staff, kept as the server described them at sign-in.
pub use mentor_core::auth_api::StaffSummary;

/// Why the device's storage could not do what was asked, in words for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    /// The browser refused the write for lack of space (`QuotaExceededError`).
    #[error(
        "This device is out of storage space: the change was not saved. Free some space, then try again."
    )]
    QuotaExceeded,
    /// IndexedDB is missing or refused to open (a private window, or storage blocked).
    #[error(
        "This browser will not let the app keep data on this device ({0}). Open the app in a normal (not private) window, or allow site data."
    )]
    Unavailable(String),
    /// The transaction was aborted: nothing of it was written.
    #[error("The change was not saved: the device's storage stopped before finishing. Try again.")]
    NotSaved,
    /// A stored value could not be read back.
    #[error(
        "Data stored on this device could not be read ({0}). Reload the app; if this keeps happening, tell your IT lead."
    )]
    Corrupt(String),
    /// The data was written by a newer release of the app.
    #[error(
        "The data on this device was saved by a newer version of the app. Reload to update; nothing is lost."
    )]
    NewerSchema,
    /// The device is locked: its data key is not in memory.
    #[error("This device is locked. Unlock it with your PIN.")]
    Locked,
    /// Any other failure of IndexedDB.
    #[error("The device's storage failed ({0}). Reload the app and try again.")]
    Failed(String),
    /// The edit is invalid, or the clock could not stamp it; nothing was written.
    #[error(transparent)]
    Stamp(#[from] StampError),
    /// The clock could not move past a pulled record; nothing of the page was stored.
    #[error(transparent)]
    Clock(#[from] ClockError),
}

/// Result of a storage call.
pub type Result<T> = std::result::Result<T, StorageError>;

/// What an online sign-in left on the device; enough to open the app offline and to sync.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// The device's bearer token.
    pub token: String,
    /// The device id the server issued or confirmed.
    pub device_id: DeviceId,
    /// Who signed in.
    pub staff: StaffSummary,
}

/// An op waiting in the outbox, with the member of staff who made it: it is pushed only
/// while that person is signed in (`None`: made before anyone signed in on this device).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PendingOp {
    /// The op.
    pub op: Op,
    /// The staff id of its author.
    pub owner: Option<String>,
}

/// An op the server stored but refused to merge, kept so the UI can say which and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectedOp {
    /// The op.
    pub op_id: OpId,
    /// The kind of record it changed.
    pub entity: EntityKind,
    /// The record.
    pub entity_id: EntityId,
    /// The server's reason, in words.
    pub reason: String,
    /// What the change wrote, kept so the user can copy their words elsewhere (empty for
    /// changes refused before this was kept).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, serde_json::Value>,
}

impl RejectedOp {
    /// The text the change wrote, one field a line (`"Text: Sits by the window"`): what a
    /// person typed, never ids.
    pub fn written(&self) -> String {
        self.entity
            .spec()
            .fields
            .iter()
            .filter(|spec| matches!(spec.value, mentor_core::entity::FieldType::Text { .. }))
            .filter_map(|spec| {
                let text = self.fields.get(spec.name)?.as_str()?;
                Some(format!("{}: {text}", field_label(spec.name)))
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// A field's name as a person reads it: `family_name` is "Family name".
fn field_label(name: &str) -> String {
    let spaced = name.replace('_', " ");
    let mut chars = spaced.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// One page of a pull, to be stored with its cursor in one transaction.
#[derive(Debug, Clone, PartialEq)]
pub struct PullPage {
    /// Changed records, in the server's order.
    pub changes: Vec<Change>,
    /// The cursor to send with the next pull.
    pub cursor: u64,
    /// True if this is the last page (`has_more` was false).
    pub complete: bool,
    /// True if the server asks the device to replace every confirmed record with what
    /// follows (this page first).
    pub reset: bool,
}

/// The device's clock and outbox numbering, written with every op.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct DeviceMeta {
    pub(crate) clock: HlcClock,
    pub(crate) next_seq: u64,
}

impl DeviceMeta {
    /// A new device: an id from the time and the secure random source.
    pub(crate) fn fresh() -> Result<Self> {
        let device = DeviceId::from_time_and_random(platform::now_ms(), platform::random_bytes())
            .map_err(|error| StorageError::Failed(error.to_string()))?;
        Ok(Self {
            clock: HlcClock::new(device),
            next_seq: 1,
        })
    }

    /// The same device under the id the server issued, if nothing made under the old id is
    /// still waiting (those ops carry the old id and must go out under it). The clock keeps
    /// its position, so no stamp goes backwards.
    pub(crate) fn adopt(&self, device: DeviceId, nothing_pending: bool) -> Self {
        if device == self.clock.device() || !nothing_pending {
            return self.clone();
        }
        let last = self.clock.last();
        let clock = Hlc::new(last.millis(), last.counter(), device)
            .map_or_else(|_| HlcClock::new(device), HlcClock::resume);
        Self {
            clock,
            next_seq: self.next_seq,
        }
    }
}

/// The key of a confirmed record: `entity/entity_id`, so one kind's records are a key range.
pub fn record_key(entity: EntityKind, id: EntityId) -> String {
    format!("{}/{id}", entity.as_str())
}

/// True if `op` may be pushed while `staff` is signed in.
pub fn owned_by(pending: &PendingOp, staff: Option<&str>) -> bool {
    match (&pending.owner, staff) {
        (None, _) => true,
        (Some(owner), Some(staff)) => owner == staff,
        (Some(_), None) => false,
    }
}

/// Confirmed records of one kind with `ops` merged on top, in id order, deleted ones left
/// out. An op the merge refuses (the server will reject it) shows no effect, as after a pull.
pub fn overlay<'a>(
    entity: EntityKind,
    confirmed: impl IntoIterator<Item = RecordState>,
    ops: impl IntoIterator<Item = &'a Op>,
) -> Vec<RecordState> {
    let mut view: BTreeMap<EntityId, RecordState> = confirmed
        .into_iter()
        .filter(|record| record.entity == entity)
        .map(|record| (record.id, record))
        .collect();
    merge::overlay(&mut view, ops.into_iter().filter(|op| op.entity == entity));
    view.into_values()
        .filter(|record| !record.is_deleted())
        .collect()
}

/// What acknowledging `results` does to the outbox entries they name: which to remove,
/// which stay on top of the view until the next complete pull, which were rejected.
pub(crate) struct Acknowledged {
    pub(crate) removed: Vec<u64>,
    pub(crate) awaiting_pull: Vec<Op>,
    pub(crate) rejected: Vec<RejectedOp>,
}

pub(crate) fn acknowledged<'a>(
    outbox: impl IntoIterator<Item = &'a PendingOp>,
    results: &[OpResult],
) -> Acknowledged {
    let outcomes: BTreeMap<OpId, &Outcome> = results
        .iter()
        .map(|result| (result.op_id, &result.outcome))
        .collect();
    let mut done = Acknowledged {
        removed: Vec::new(),
        awaiting_pull: Vec::new(),
        rejected: Vec::new(),
    };
    for pending in outbox {
        let op = &pending.op;
        let Some(outcome) = outcomes.get(&op.op_id) else {
            continue;
        };
        done.removed.push(op.device_seq);
        match outcome {
            Outcome::Rejected { reason } => done.rejected.push(RejectedOp {
                op_id: op.op_id,
                entity: op.entity,
                entity_id: op.entity_id,
                reason: reason.clone(),
                fields: op.fields.clone(),
            }),
            Outcome::Applied | Outcome::Duplicate | Outcome::Deferred { .. } => {
                done.awaiting_pull.push(op.clone());
            }
        }
    }
    done
}

/// Moves `clock` past every stamp in `changes`, so the next local edit orders after them.
pub(crate) fn observe_changes(clock: &mut HlcClock, changes: &[Change], now_ms: u64) -> Result<()> {
    let mut moved = clock.clone();
    for change in changes {
        moved.observe(&change.record.latest(), now_ms)?;
    }
    *clock = moved;
    Ok(())
}

/// The most rejected ops remembered for the UI; older ones are dropped first.
pub(crate) const MAX_REJECTED_KEPT: usize = 200;

/// The device's local data. Futures are not `Send`: everything runs on the page's thread.
#[allow(async_fn_in_trait)] // Browser futures are !Send by nature; no caller needs Send.
pub trait LocalStore {
    /// The id this device stamps its ops with.
    async fn device_id(&self) -> Result<DeviceId>;

    /// Stamps `edit` and writes it to the outbox with the clock's new state, in one
    /// transaction that has committed when this returns `Ok`: only then is it "saved".
    async fn record_edit(&self, edit: Edit) -> Result<Op> {
        let mut ops = self.record_edits(vec![edit]).await?;
        ops.pop().ok_or(StorageError::NotSaved)
    }

    /// Stamps `edits` in order and writes them all to the outbox with the clock's new
    /// state, in one transaction: when this returns `Ok` every one is saved, and otherwise
    /// none is (a trip with its children and checklist is never saved half).
    async fn record_edits(&self, edits: Vec<Edit>) -> Result<Vec<Op>>;

    /// Up to `limit` outbox ops that `staff` may push, in `device_seq` order.
    async fn pending_ops(&self, staff: Option<&str>, limit: usize) -> Result<Vec<Op>>;

    /// How many ops wait in the outbox (whoever made them).
    async fn pending_count(&self) -> Result<usize>;

    /// Takes the server's results: removes every op they name from the outbox (in one
    /// transaction) and remembers the rejected ones with their reasons.
    async fn acknowledge(&self, results: &[OpResult]) -> Result<()>;

    /// Stores a pull page and its cursor in one transaction, and moves the clock past it.
    async fn apply_pull(&self, page: PullPage) -> Result<()>;

    /// What the user sees of one kind of record: confirmed with pending ops on top.
    async fn view(&self, entity: EntityKind) -> Result<Vec<RecordState>>;

    /// What the user sees of each of `kinds`, read in one transaction, so a page built from
    /// several kinds never mixes two moments (a pull stored between two reads).
    async fn views(&self, kinds: &[EntityKind]) -> Result<BTreeMap<EntityKind, Vec<RecordState>>>;

    /// The cursor of the last stored pull (0 before the first).
    async fn cursor(&self) -> Result<u64>;

    /// The signed-in session, if any.
    async fn session(&self) -> Result<Option<Session>>;

    /// Stores (or with `None` forgets) the session. The outbox is kept either way. Adopts
    /// the session's device id if nothing is pending under the old one.
    async fn set_session(&self, session: Option<Session>) -> Result<()>;

    /// Ops the server rejected, oldest first.
    async fn rejected(&self) -> Result<Vec<RejectedOp>>;

    /// Forgets the rejected ops once the user has read them.
    async fn dismiss_rejected(&self) -> Result<()>;

    /// Erases everything (the server said this device was revoked); a new device id is made.
    async fn wipe(&self) -> Result<()>;
}

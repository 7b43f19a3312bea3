//! The server's side of the protocol, over any store: what a push and a pull do.
//!
//! The server implements [`SyncStore`] over its database and calls [`process_push`] and
//! [`process_pull`] inside one transaction each (one writer at a time, so sequence numbers
//! are assigned inside the commit and a pull never sees a gap that fills in later). The
//! in-memory reference server in [`crate::testing`] implements the same trait, so tests and
//! the real server run the very same steps for each op of a push:
//!
//! 1. An op claiming another device is `rejected` and not stored: it is not the pusher's to
//!    record, and storing it would let one device write into another's op log.
//! 2. An op whose id is already stored is not taken in again. If its content (its
//!    [`Op::digest`]) is the stored op's, it is a resend: `duplicate` if it was applied, else
//!    its stored answer again (`rejected`, or `deferred` while it still waits), always with
//!    the first answer's capped stamp. Other content under a used id is `rejected` and not
//!    stored, since the id already belongs to the first op.
//! 3. Otherwise the op is stored exactly once, whatever happens next, with its outcome.
//! 4. It is `rejected` if its field values come to more than [`MAX_OP_FIELD_BYTES`], if its
//!    schema is older than the server accepts, if it fails validation, or if the
//!    [`WritePolicy`] refuses it; `deferred` if a newer app made it (within the same bound of
//!    deferred ops per device as below). A rejected op is kept without its field values:
//!    what explains the refusal is its id, device, kind, record and reason, and keeping the
//!    values would let a device fill the server's disk with ops it knows will be refused.
//! 5. An update or delete of a record the server does not have is never merged (it would make
//!    a partial record). A record the [`WritePolicy`] hides from the pusher (outside their
//!    scope) counts as one the server does not have, so the answer is the same; a create
//!    under its id is rejected as using a taken id. If some op of the same device with a lower `device_seq` has not
//!    arrived yet, that op may be the record's create, so this one is `deferred` and waits
//!    (at most [`MAX_WAITING_PER_DEVICE`] deferred per device). If every lower `device_seq` has
//!    arrived, its create is not coming from this device and it is `rejected`.
//! 6. Its stamp passes the [`ClockGuard`]; a capped stamp is what gets merged.
//! 7. It is merged into the stored record (the policy asked first, with the record); losing
//!    values go to history; if the record changed it is stored with the next sequence number.
//! 8. A create that makes a record applies the ops waiting for that record, in their devices'
//!    order, as if they arrived now (the policy judging each for its own author).
//!
//! After the last op, a waiting op of the pushing device with no missing `device_seq` below
//! it any more is `rejected`: what filled the gap was not its create. The reply gives each op's
//! outcome as the push commits, so an update that waited for a create later in the same push
//! is answered `applied`.
//!
//! Ops are otherwise applied as they arrive, gaps or not: last writer wins per field does not
//! depend on order, and on a shared tablet a missing `device_seq` is often an op whose author
//! is not signed in, which may be days away.

mod intake;

use serde::{Deserialize, Serialize};

use crate::entity::EntityKind;
use crate::guard::ClockGuard;
use crate::hlc::Hlc;
use crate::ids::{DeviceId, EntityId, OpId};
use crate::merge::{HistoryEntry, RecordState};
use crate::op::Op;
use crate::protocol::{
    Change, Outcome, ProtocolError, PullRequest, PullResponse, PushRequest, PushResponse,
};

/// The most ops one device may have deferred: waiting for their records, or made by a newer
/// app than the server. A device that sends its ops in order, from the server's own release,
/// never has any; one that has a thousand is broken or hostile, and the rest of its deferrable
/// changes are rejected rather than kept without limit.
pub const MAX_WAITING_PER_DEVICE: usize = 1000;

/// The most bytes of field values (as JSON text) one op may carry. The longest text any
/// field takes is a few thousand characters; an op over this is refused whole, before
/// anything of it is kept.
pub const MAX_OP_FIELD_BYTES: usize = 64 * 1024;

/// An op as the server keeps it: exactly as it was sent, with what became of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredOp {
    /// The op as the device sent it.
    pub op: Op,
    /// [`Op::digest`] of it, to tell a resend from another op under the same id.
    pub digest: String,
    /// What the server did with it.
    pub outcome: Outcome,
    /// The stamp it was merged with, if the clock guard capped its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capped_hlc: Option<Hlc>,
    /// The server's clock when it arrived.
    pub received_ms: u64,
    /// True while it is `deferred` waiting for its record to be created.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub waiting: bool,
}

/// What the store remembers of an op it holds: enough to answer a resend as the first time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpReceipt {
    /// [`Op::digest`] of the stored op.
    pub digest: String,
    /// Its outcome now (a waiting op's changes when it is applied or rejected).
    pub outcome: Outcome,
    /// The stamp it was merged with, if the clock guard capped its own.
    pub capped_hlc: Option<Hlc>,
}

/// What the sync engine needs from the server's storage. Every call happens inside the
/// transaction the caller opened for one push or pull.
pub trait SyncStore {
    /// The store's own failure.
    type Error;

    /// What is stored for an op with this id, if anything.
    fn op_receipt(&mut self, op_id: OpId) -> Result<Option<OpReceipt>, Self::Error>;
    /// Stores an op (called once per op id); if it is `waiting`, it joins its device's
    /// waiting ops.
    fn insert_op(&mut self, stored: &StoredOp) -> Result<(), Self::Error>;
    /// Records the final outcome of a waiting op, which stops waiting; a rejected op's field
    /// values are dropped, as for an op rejected on arrival.
    fn settle_op(
        &mut self,
        op_id: OpId,
        outcome: &Outcome,
        capped_hlc: Option<Hlc>,
    ) -> Result<(), Self::Error>;
    /// The ops waiting for record `id`, by device and then `device_seq`.
    fn waiting_for(&mut self, id: EntityId) -> Result<Vec<Op>, Self::Error>;
    /// The ops of `device` that are waiting, in `device_seq` order.
    fn waiting_from(&mut self, device: DeviceId) -> Result<Vec<Op>, Self::Error>;
    /// How many ops of `device` are waiting.
    fn waiting_count(&mut self, device: DeviceId) -> Result<usize, Self::Error>;
    /// How many ops of `device` are deferred: waiting, or kept for a newer server.
    fn deferred_count(&mut self, device: DeviceId) -> Result<usize, Self::Error>;
    /// The lowest `device_seq` from 1 up that no stored op of `device` has: every op
    /// numbered below it has arrived.
    fn first_missing_seq(&mut self, device: DeviceId) -> Result<u64, Self::Error>;
    /// The record with this id, of whatever kind.
    fn record(&mut self, id: EntityId) -> Result<Option<RecordState>, Self::Error>;
    /// Stores a record's new state with the sequence number of this change, replacing its
    /// previous state and number (so a pull returns each record once, at its latest change).
    fn put_record(&mut self, change: &Change) -> Result<(), Self::Error>;
    /// Takes the next change sequence number: one more than the last one taken.
    fn next_seq(&mut self) -> Result<u64, Self::Error>;
    /// Adds values that lost to the history.
    fn add_history(&mut self, entries: &[HistoryEntry]) -> Result<(), Self::Error>;
    /// The clock guard's stored state ([`ClockGuard::new`] if none yet).
    fn clock_guard(&mut self) -> Result<ClockGuard, Self::Error>;
    /// Stores the clock guard's state.
    fn set_clock_guard(&mut self, guard: &ClockGuard) -> Result<(), Self::Error>;
    /// Up to `limit` changes with `seq > cursor`, in `seq` order, that the caller may see.
    fn changes_after(&mut self, cursor: u64, limit: usize) -> Result<Vec<Change>, Self::Error>;
}

/// Rules beyond the protocol that may refuse an op: the server's roles and scopes. A refusal
/// is stored and answered `rejected` with the reason, like any other.
pub trait WritePolicy<S: SyncStore> {
    /// Why the pusher may not make `op` at all, judged by the op alone before anything about
    /// its record is read, so the answer never depends on which records exist.
    ///
    /// # Errors
    /// The store's failure.
    fn refuse_op(&mut self, store: &mut S, op: &Op) -> Result<Option<String>, S::Error>;

    /// True if the pusher may not see `stored`, the record an op names: the op is then
    /// answered exactly as if there were no such record (an update or delete waits or is
    /// rejected as "not on the server"; a create is refused as using a taken id), so the
    /// answer tells nothing of what the record is, whose it is, or that it exists.
    ///
    /// # Errors
    /// The store's failure.
    fn hides(&mut self, store: &mut S, stored: &RecordState) -> Result<bool, S::Error>;

    /// Why `op` may not be merged into `stored`, asked just before the merge. `waited` is
    /// true for an op that arrived in an earlier push and waited for its record: its author
    /// is then not necessarily whoever is pushing now, and must be judged as themselves.
    ///
    /// # Errors
    /// The store's failure.
    fn refuse_merge(
        &mut self,
        store: &mut S,
        op: &Op,
        stored: Option<&RecordState>,
        waited: bool,
    ) -> Result<Option<String>, S::Error>;
}

/// No rules beyond the protocol: the reference server, and the server's own writes.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoWriteRules;

impl<S: SyncStore> WritePolicy<S> for NoWriteRules {
    fn refuse_op(&mut self, _: &mut S, _: &Op) -> Result<Option<String>, S::Error> {
        Ok(None)
    }

    fn hides(&mut self, _: &mut S, _: &RecordState) -> Result<bool, S::Error> {
        Ok(false)
    }

    fn refuse_merge(
        &mut self,
        _: &mut S,
        _: &Op,
        _: Option<&RecordState>,
        _: bool,
    ) -> Result<Option<String>, S::Error> {
        Ok(None)
    }
}

/// Why the engine refused an op on its own account (validation has its own errors). The text
/// is the reason the device shows its user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IntakeRefusal {
    /// The op id belongs to an op with other content (or from another device).
    #[error(
        "this change's id was already used for a different change, so it was not saved; every change needs an id of its own"
    )]
    OpIdReused,
    /// An update or delete of a record the server does not have, whose create is not coming
    /// from this device.
    #[error(
        "this {} is not on the server (it was never added there), so this change to it cannot be applied",
        .kind.label()
    )]
    NotOnServer {
        /// The kind of record.
        kind: EntityKind,
    },
    /// A create under the id of a record the pusher may not see. Its words name only the
    /// pusher's own kind of record, so nothing about the other record is told.
    #[error(
        "this {}'s id is already used on the server, so it was not added; add it again to give it a new id",
        .kind.label()
    )]
    IdTaken {
        /// The kind of record the create makes.
        kind: EntityKind,
    },
    /// The op carries more field values than any op may.
    #[error(
        "this change is too large to save (its details come to {size_kib} KiB; at most {max_kib} KiB are taken), so it was not saved; split the text into smaller parts"
    )]
    TooLarge {
        /// The size of its field values, in KiB (rounded up).
        size_kib: usize,
        /// The limit, [`MAX_OP_FIELD_BYTES`], in KiB.
        max_kib: usize,
    },
    /// The device already has the most ops deferred that it may.
    #[error(
        "this device already has {max} changes waiting for records that have not reached the server, so this one was refused; let the device's earlier changes sync first"
    )]
    TooManyWaiting {
        /// The limit, [`MAX_WAITING_PER_DEVICE`].
        max: usize,
    },
}

/// Why an op is `deferred`: kept, and not merged yet.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Deferral {
    /// Made by a newer app than the server.
    #[error(
        "made by a newer version of the app (data version {version}); kept, and applied once the server is updated"
    )]
    NewerSchema {
        /// The op's schema version.
        version: u32,
    },
    /// An update or delete that arrived before its record's create.
    #[error(
        "this {} has not reached the server yet; the change waits for this device's earlier changes and is applied when it arrives",
        .kind.label()
    )]
    WaitingForRecord {
        /// The kind of record.
        kind: EntityKind,
    },
}

/// Why a push or pull failed as a whole. After an error the caller rolls the transaction
/// back; the device will resend the same request.
#[derive(Debug, thiserror::Error)]
pub enum SyncError<E> {
    /// The request itself is refused.
    #[error(transparent)]
    Protocol(#[from] ProtocolError),
    /// The store failed.
    #[error("the server's storage failed: {0}")]
    Store(E),
}

/// Takes in a push from `request.device_id` (already authenticated by the caller) at server
/// time `server_now_ms`, capping stamps more than `max_ahead_ms` ahead, with `policy`
/// deciding who may write what.
///
/// # Errors
/// [`SyncError::Protocol`] if the request is refused as a whole (nothing was stored), or
/// [`SyncError::Store`].
pub fn process_push<S: SyncStore, P: WritePolicy<S>>(
    store: &mut S,
    policy: &mut P,
    request: &PushRequest,
    server_now_ms: u64,
    max_ahead_ms: u64,
) -> Result<PushResponse, SyncError<S::Error>> {
    request.check()?;
    let results = intake::take_in_push(store, policy, request, server_now_ms, max_ahead_ms)
        .map_err(SyncError::Store)?;
    Ok(PushResponse {
        results,
        server_time_ms: server_now_ms,
    })
}

/// Answers a pull: up to a page of changes after the request's cursor.
///
/// # Errors
/// [`SyncError::Protocol`] for a too-old app, or [`SyncError::Store`].
pub fn process_pull<S: SyncStore>(
    store: &mut S,
    request: &PullRequest,
) -> Result<PullResponse, SyncError<S::Error>> {
    request.check()?;
    let page = request.page_size();
    let wanted = usize::try_from(page)
        .unwrap_or(usize::MAX)
        .saturating_add(1);
    let rows = store
        .changes_after(request.cursor, wanted)
        .map_err(SyncError::Store)?;
    Ok(PullResponse::from_rows(rows, request.cursor, page))
}

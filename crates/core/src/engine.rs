//! The server's side of the protocol, over any store: what a push and a pull do.
//!
//! The server implements [`SyncStore`] over its database and calls [`process_push`] and
//! [`process_pull`] inside one transaction each (one writer at a time, so sequence numbers
//! are assigned inside the commit and a pull never sees a gap that fills in later). The
//! in-memory reference server in [`crate::testing`] implements the same trait, so tests and
//! the real server run the very same steps:
//!
//! 1. An op claiming another device is `rejected` and not stored: it is not the pusher's to
//!    record, and storing it would let one device write into another's op log.
//! 2. An op whose id is already stored is not taken in again. If its content (its
//!    [`Op::digest`]) is the stored op's, it is a resend: `duplicate` if it was applied, else
//!    its first answer again (`rejected` with the reason, or `deferred`), so a lost reply
//!    never hides a rejection from the device, always with the first answer's capped stamp.
//!    Other content under a used id is `rejected` and not stored, since the id already
//!    belongs to the first op.
//! 3. Otherwise the op is stored exactly once, whatever happens next, with its outcome.
//! 4. It is `rejected` (with the reason) if its schema is older than the server accepts, if
//!    it fails validation, or if the [`WritePolicy`] refuses it
//!    (asked by the op alone, then with the stored record just before the merge);
//!    `deferred` if a newer app made it.
//! 5. Its stamp passes the [`ClockGuard`]; a capped stamp is what gets merged.
//! 6. It is merged into the stored record; losing values go to history; if the record
//!    changed it is stored with the next sequence number.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::guard::ClockGuard;
use crate::hlc::Hlc;
use crate::ids::{DeviceId, EntityId, OpId};
use crate::merge::{self, HistoryEntry, RecordState};
use crate::op::Op;
use crate::protocol::{
    Change, MIN_CLIENT_SCHEMA_VERSION, OpResult, Outcome, ProtocolError, PullRequest, PullResponse,
    PushRequest, PushResponse,
};
use crate::validation::ValidationError;

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
}

/// What the store remembers of an op it holds: enough to answer a resend as the first time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpReceipt {
    /// [`Op::digest`] of the stored op.
    pub digest: String,
    /// Its outcome.
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
    /// Stores an op (called once per op id).
    fn insert_op(&mut self, stored: &StoredOp) -> Result<(), Self::Error>;
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

    /// Why `op` may not be merged into `stored`, asked just before the merge.
    ///
    /// # Errors
    /// The store's failure.
    fn refuse_merge(
        &mut self,
        store: &mut S,
        op: &Op,
        stored: Option<&RecordState>,
    ) -> Result<Option<String>, S::Error>;
}

/// No rules beyond the protocol: the reference server, and the server's own writes.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoWriteRules;

impl<S: SyncStore> WritePolicy<S> for NoWriteRules {
    fn refuse_op(&mut self, _: &mut S, _: &Op) -> Result<Option<String>, S::Error> {
        Ok(None)
    }

    fn refuse_merge(
        &mut self,
        _: &mut S,
        _: &Op,
        _: Option<&RecordState>,
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
    let guard = store.clock_guard().map_err(SyncError::Store)?;
    let guard_before = guard.clone();
    let mut intake = Intake {
        store,
        policy,
        guard,
        device: request.device_id,
        server_now_ms,
        max_ahead_ms,
    };
    let mut results = Vec::with_capacity(request.ops.len());
    for op in &request.ops {
        let result = intake.take_in(op).map_err(SyncError::Store)?;
        results.push(result);
    }
    if intake.guard != guard_before {
        let guard = intake.guard.clone();
        intake
            .store
            .set_clock_guard(&guard)
            .map_err(SyncError::Store)?;
    }
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

struct Intake<'s, S, P> {
    store: &'s mut S,
    policy: &'s mut P,
    guard: ClockGuard,
    device: DeviceId,
    server_now_ms: u64,
    max_ahead_ms: u64,
}

impl<S: SyncStore, P: WritePolicy<S>> Intake<'_, S, P> {
    fn take_in(&mut self, op: &Op) -> Result<OpResult, S::Error> {
        let result = |outcome, capped_hlc| OpResult {
            op_id: op.op_id,
            outcome,
            capped_hlc,
        };
        let rejected = |reason: String| result(Outcome::Rejected { reason }, None);
        if op.device_id != self.device {
            return Ok(rejected(ValidationError::ForeignDevice.to_string()));
        }
        let digest = op.digest();
        if let Some(first) = self.store.op_receipt(op.op_id)? {
            if first.digest != digest {
                return Ok(rejected(IntakeRefusal::OpIdReused.to_string()));
            }
            let again = match first.outcome {
                Outcome::Applied | Outcome::Duplicate => Outcome::Duplicate,
                Outcome::Rejected { .. } | Outcome::Deferred { .. } => first.outcome,
            };
            return Ok(result(again, first.capped_hlc));
        }
        let (outcome, capped_hlc) = self.decide(op)?;
        self.store.insert_op(&StoredOp {
            op: op.clone(),
            digest,
            outcome: outcome.clone(),
            capped_hlc,
            received_ms: self.server_now_ms,
        })?;
        Ok(result(outcome, capped_hlc))
    }

    fn decide(&mut self, op: &Op) -> Result<(Outcome, Option<Hlc>), S::Error> {
        let rejected = |reason: String| Ok((Outcome::Rejected { reason }, None));
        if op.schema_version > crate::SCHEMA_VERSION {
            let reason = format!(
                "made by a newer version of the app (data version {}); kept, and applied once the server is updated",
                op.schema_version
            );
            return Ok((Outcome::Deferred { reason }, None));
        }
        if op.schema_version < MIN_CLIENT_SCHEMA_VERSION {
            return rejected(format!(
                "made by an old version of the app (data version {}) that the server no longer accepts",
                op.schema_version
            ));
        }
        if let Err(invalid) = op.validate() {
            return rejected(invalid.to_string());
        }
        if let Some(reason) = self.policy.refuse_op(self.store, op)? {
            return rejected(reason);
        }
        let before = self.store.record(op.entity_id)?;
        if let Some(reason) = self.policy.refuse_merge(self.store, op, before.as_ref())? {
            return rejected(reason);
        }
        let admitted = match self
            .guard
            .admit(&op.hlc, self.server_now_ms, self.max_ahead_ms)
        {
            Ok(admitted) => admitted,
            Err(clock) => return rejected(clock.to_string()),
        };
        let merged: Cow<'_, Op> = if admitted.capped {
            Cow::Owned(op.with_hlc(admitted.hlc))
        } else {
            Cow::Borrowed(op)
        };
        let capped_hlc = admitted.capped.then_some(admitted.hlc);
        let applied = match merge::apply(before, &merged) {
            Ok(applied) => applied,
            Err(conflict) => return rejected(conflict.to_string()),
        };
        if !applied.overwritten.is_empty() {
            self.store.add_history(&applied.overwritten)?;
        }
        if applied.changed {
            let seq = self.store.next_seq()?;
            self.store.put_record(&Change {
                seq,
                record: applied.state,
            })?;
        }
        let outcome = if applied.duplicate {
            Outcome::Duplicate
        } else {
            Outcome::Applied
        };
        Ok((outcome, capped_hlc))
    }
}

//! An in-memory reference server and a model device, for tests only (cargo feature
//! `testing`; no production code path uses this module).
//!
//! [`ReferenceServer`] runs the real [`crate::engine`] over a [`MemoryStore`], with each push
//! and pull all-or-nothing like a database transaction, and no write rules beyond the
//! protocol's. [`SimDevice`] behaves as the app is meant to: a clock on a skewed wall time, an
//! outbox pushed in order, an in-flight batch resent unchanged until its reply arrives,
//! confirmed records as the server sent them, and a view that is the confirmed records with
//! pending ops merged on top.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use crate::engine::{self, NoWriteRules, OpReceipt, StoredOp, SyncError, SyncStore};
use crate::guard::ClockGuard;
use crate::hlc::{ClockError, Hlc, HlcClock};
use crate::ids::{DeviceId, EntityId, OpId};
use crate::merge::{self, HistoryEntry, RecordState};
use crate::op::{Edit, Op, StampError};
use crate::protocol::{Change, Outcome, PullRequest, PullResponse, PushRequest, PushResponse};

/// A failure of the in-memory store: only the engine breaking its own rules.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MemoryStoreError {
    /// The engine tried to store an op id a second time (a unique key violation in SQL).
    #[error("op {0} was stored twice")]
    OpStoredTwice(OpId),
    /// The engine settled an op that is not stored.
    #[error("op {0} was settled but never stored")]
    UnknownOp(OpId),
}

/// The server's tables, in memory.
#[derive(Debug, Clone, Default)]
pub struct MemoryStore {
    ops: BTreeMap<OpId, StoredOp>,
    records: BTreeMap<EntityId, Change>,
    by_seq: BTreeMap<u64, EntityId>,
    history: Vec<HistoryEntry>,
    last_seq: u64,
    guard: ClockGuard,
}

impl MemoryStore {
    /// Waiting ops that `keep` selects, by device and then `device_seq`.
    fn waiting(&self, keep: impl Fn(&Op) -> bool) -> Vec<Op> {
        let mut ops: Vec<Op> = self
            .ops
            .values()
            .filter(|stored| stored.waiting && keep(&stored.op))
            .map(|stored| stored.op.clone())
            .collect();
        ops.sort_by_key(|op| (op.device_id, op.device_seq));
        ops
    }
}

impl SyncStore for MemoryStore {
    type Error = MemoryStoreError;

    fn op_receipt(&mut self, op_id: OpId) -> Result<Option<OpReceipt>, Self::Error> {
        Ok(self.ops.get(&op_id).map(|stored| OpReceipt {
            digest: stored.digest.clone(),
            outcome: stored.outcome.clone(),
            capped_hlc: stored.capped_hlc,
        }))
    }

    fn insert_op(&mut self, stored: &StoredOp) -> Result<(), Self::Error> {
        let op_id = stored.op.op_id;
        if self.ops.insert(op_id, stored.clone()).is_some() {
            return Err(MemoryStoreError::OpStoredTwice(op_id));
        }
        Ok(())
    }

    fn settle_op(
        &mut self,
        op_id: OpId,
        outcome: &Outcome,
        capped_hlc: Option<Hlc>,
    ) -> Result<(), Self::Error> {
        let stored = self
            .ops
            .get_mut(&op_id)
            .ok_or(MemoryStoreError::UnknownOp(op_id))?;
        if matches!(outcome, Outcome::Rejected { .. }) {
            stored.op.fields.clear();
        }
        stored.outcome = outcome.clone();
        stored.capped_hlc = capped_hlc;
        stored.waiting = false;
        Ok(())
    }

    fn waiting_for(&mut self, id: EntityId) -> Result<Vec<Op>, Self::Error> {
        Ok(self.waiting(|op| op.entity_id == id))
    }

    fn waiting_from(&mut self, device: DeviceId) -> Result<Vec<Op>, Self::Error> {
        Ok(self.waiting(|op| op.device_id == device))
    }

    fn waiting_count(&mut self, device: DeviceId) -> Result<usize, Self::Error> {
        Ok(self.waiting(|op| op.device_id == device).len())
    }

    fn deferred_count(&mut self, device: DeviceId) -> Result<usize, Self::Error> {
        Ok(self
            .ops
            .values()
            .filter(|stored| {
                stored.op.device_id == device && matches!(stored.outcome, Outcome::Deferred { .. })
            })
            .count())
    }

    fn first_missing_seq(&mut self, device: DeviceId) -> Result<u64, Self::Error> {
        let seqs: BTreeSet<u64> = self
            .ops
            .values()
            .filter(|stored| stored.op.device_id == device)
            .map(|stored| stored.op.device_seq)
            .collect();
        let mut seq = 1;
        while seqs.contains(&seq) {
            seq += 1;
        }
        Ok(seq)
    }

    fn record(&mut self, id: EntityId) -> Result<Option<RecordState>, Self::Error> {
        Ok(self.records.get(&id).map(|change| change.record.clone()))
    }

    fn put_record(&mut self, change: &Change) -> Result<(), Self::Error> {
        let id = change.record.id;
        if let Some(old) = self.records.insert(id, change.clone()) {
            self.by_seq.remove(&old.seq);
        }
        self.by_seq.insert(change.seq, id);
        Ok(())
    }

    fn next_seq(&mut self) -> Result<u64, Self::Error> {
        self.last_seq += 1;
        Ok(self.last_seq)
    }

    fn add_history(&mut self, entries: &[HistoryEntry]) -> Result<(), Self::Error> {
        self.history.extend_from_slice(entries);
        Ok(())
    }

    fn clock_guard(&mut self) -> Result<ClockGuard, Self::Error> {
        Ok(self.guard.clone())
    }

    fn set_clock_guard(&mut self, guard: &ClockGuard) -> Result<(), Self::Error> {
        self.guard = guard.clone();
        Ok(())
    }

    fn changes_after(&mut self, cursor: u64, limit: usize) -> Result<Vec<Change>, Self::Error> {
        Ok(self
            .by_seq
            .range(cursor.saturating_add(1)..)
            .filter_map(|(_, id)| self.records.get(id).cloned())
            .take(limit)
            .collect())
    }
}

/// The server, in memory, running the real sync engine.
#[derive(Debug, Clone)]
pub struct ReferenceServer {
    store: MemoryStore,
    max_ahead_ms: u64,
}

impl ReferenceServer {
    /// A server with no data whose clock guard allows stamps `max_ahead_ms` ahead.
    pub fn new(max_ahead_ms: u64) -> Self {
        Self {
            store: MemoryStore::default(),
            max_ahead_ms,
        }
    }

    /// Takes in a push at server time `now_ms`; on error nothing is kept.
    ///
    /// # Errors
    /// As [`engine::process_push`].
    pub fn push(
        &mut self,
        request: &PushRequest,
        now_ms: u64,
    ) -> Result<PushResponse, SyncError<MemoryStoreError>> {
        let mut transaction = self.store.clone();
        let response = engine::process_push(
            &mut transaction,
            &mut NoWriteRules,
            request,
            now_ms,
            self.max_ahead_ms,
        )?;
        self.store = transaction;
        Ok(response)
    }

    /// Answers a pull.
    ///
    /// # Errors
    /// As [`engine::process_pull`].
    pub fn pull(
        &mut self,
        request: &PullRequest,
    ) -> Result<PullResponse, SyncError<MemoryStoreError>> {
        engine::process_pull(&mut self.store, request)
    }

    /// Every record, by id.
    pub fn records(&self) -> BTreeMap<EntityId, RecordState> {
        self.store
            .records
            .iter()
            .map(|(id, change)| (*id, change.record.clone()))
            .collect()
    }

    /// Every stored op, by id.
    pub fn stored_ops(&self) -> &BTreeMap<OpId, StoredOp> {
        &self.store.ops
    }

    /// Every value that lost, in the order they lost.
    pub fn history(&self) -> &[HistoryEntry] {
        &self.store.history
    }

    /// The last change sequence number given out.
    pub fn last_seq(&self) -> u64 {
        self.store.last_seq
    }
}

/// A device as the app is meant to behave.
#[derive(Debug, Clone)]
pub struct SimDevice {
    clock: HlcClock,
    skew_ms: i64,
    next_seq: u64,
    random_counter: u64,
    /// Ops not yet acknowledged, in `device_seq` order; the in-flight batch is at the front.
    outbox: VecDeque<Op>,
    in_flight: Option<PushRequest>,
    /// Acknowledged ops still shown on top until a complete pull brings their effect.
    awaiting_pull: Vec<Op>,
    confirmed: BTreeMap<EntityId, RecordState>,
    cursor: u64,
    acknowledged: BTreeMap<OpId, Outcome>,
    made: Vec<OpId>,
}

impl SimDevice {
    /// A device whose wall clock reads `skew_ms` away from true time.
    pub fn new(device: DeviceId, skew_ms: i64) -> Self {
        Self {
            clock: HlcClock::new(device),
            skew_ms,
            next_seq: 1,
            random_counter: 0,
            outbox: VecDeque::new(),
            in_flight: None,
            awaiting_pull: Vec::new(),
            confirmed: BTreeMap::new(),
            cursor: 0,
            acknowledged: BTreeMap::new(),
            made: Vec::new(),
        }
    }

    /// The device's id.
    pub fn id(&self) -> DeviceId {
        self.clock.device()
    }

    /// What the device's wall clock reads at true time `true_now_ms`.
    pub fn wall_time(&self, true_now_ms: u64) -> u64 {
        true_now_ms.saturating_add_signed(self.skew_ms)
    }

    /// Makes a local change, as the app does when the user saves a form.
    ///
    /// # Errors
    /// [`StampError`] if the edit is invalid or the clock cannot stamp it.
    pub fn edit(&mut self, edit: Edit, true_now_ms: u64) -> Result<OpId, StampError> {
        let random = self.random_bytes();
        let now = self.wall_time(true_now_ms);
        let op = edit.stamp(&mut self.clock, self.next_seq, now, random)?;
        Ok(self.enqueue(op))
    }

    /// Makes a local change without validating it, as an older or faulty app might, so
    /// tests can see the server reject it without blocking the queue.
    ///
    /// # Errors
    /// [`StampError`] if the clock cannot stamp it.
    pub fn edit_unchecked(&mut self, edit: Edit, true_now_ms: u64) -> Result<OpId, StampError> {
        let hlc = self.clock.tick(self.wall_time(true_now_ms))?;
        let op_id = OpId::from_time_and_random(hlc.millis(), self.random_bytes())?;
        Ok(self.enqueue(Op {
            op_id,
            device_id: self.id(),
            device_seq: self.next_seq,
            hlc,
            schema_version: crate::SCHEMA_VERSION,
            entity: edit.entity,
            entity_id: edit.entity_id,
            kind: edit.kind,
            fields: edit.fields,
        }))
    }

    fn enqueue(&mut self, op: Op) -> OpId {
        let op_id = op.op_id;
        self.next_seq += 1;
        self.made.push(op_id);
        self.outbox.push_back(op);
        op_id
    }

    fn random_bytes(&mut self) -> [u8; 10] {
        self.random_counter += 1;
        let name = self.random_counter.to_be_bytes();
        let digest = uuid::Uuid::new_v5(self.id().as_uuid(), &name);
        let mut random = [0; 10];
        random.copy_from_slice(&digest.as_bytes()[..10]);
        random
    }

    /// The next push: the unanswered in-flight batch again, unchanged, or else up to
    /// `max_ops` ops from the front of the outbox. `None` if there is nothing to send.
    pub fn next_push(&mut self, max_ops: usize) -> Option<PushRequest> {
        if self.in_flight.is_none() && !self.outbox.is_empty() {
            self.in_flight = Some(PushRequest {
                device_id: self.id(),
                schema_version: crate::SCHEMA_VERSION,
                ops: self.outbox.iter().take(max_ops.max(1)).cloned().collect(),
            });
        }
        self.in_flight.clone()
    }

    /// Up to `max_ops` ops from further down the outbox, after its first `skip` (at least
    /// one), as a faulty network or proxy might deliver them ahead of the ops before them.
    /// The device does not learn of it: it sends them again in their turn. `None` if the
    /// outbox is not that long.
    pub fn early_push(&self, skip: usize, max_ops: usize) -> Option<PushRequest> {
        let ops: Vec<Op> = self
            .outbox
            .iter()
            .skip(skip.max(1))
            .take(max_ops.max(1))
            .cloned()
            .collect();
        (!ops.is_empty()).then(|| PushRequest {
            device_id: self.id(),
            schema_version: crate::SCHEMA_VERSION,
            ops,
        })
    }

    /// Takes the reply to the in-flight batch: every result acknowledges its op. Returns
    /// false (and changes nothing) if the reply does not match the batch.
    pub fn receive_push(&mut self, response: &PushResponse) -> bool {
        let Some(batch) = &self.in_flight else {
            return false;
        };
        let matches = batch.ops.len() == response.results.len()
            && batch
                .ops
                .iter()
                .zip(&response.results)
                .all(|(op, result)| op.op_id == result.op_id);
        if !matches {
            return false;
        }
        for result in &response.results {
            if let Some(op) = self.outbox.pop_front() {
                self.awaiting_pull.push(op);
            }
            self.acknowledged
                .insert(result.op_id, result.outcome.clone());
        }
        self.in_flight = None;
        true
    }

    /// The next pull, from the stored cursor.
    pub fn pull_request(&self, limit: u32) -> PullRequest {
        PullRequest {
            schema_version: crate::SCHEMA_VERSION,
            cursor: self.cursor,
            limit,
        }
    }

    /// Stores a page of changes and its cursor (one transaction in the app), and moves the
    /// clock past every stamp in them.
    ///
    /// # Errors
    /// [`ClockError`] if the clock cannot move past a stamp; nothing is stored then.
    pub fn receive_pull(
        &mut self,
        response: PullResponse,
        true_now_ms: u64,
    ) -> Result<(), ClockError> {
        let now = self.wall_time(true_now_ms);
        let mut clock = self.clock.clone();
        for change in &response.changes {
            clock.observe(&change.record.latest(), now)?;
        }
        self.clock = clock;
        for change in response.changes {
            self.confirmed.insert(change.record.id, change.record);
        }
        self.cursor = response.cursor;
        if !response.has_more {
            self.awaiting_pull.clear();
        }
        Ok(())
    }

    /// What the user sees: confirmed records with pending ops merged on top.
    pub fn view(&self) -> BTreeMap<EntityId, RecordState> {
        let mut view = self.confirmed.clone();
        merge::overlay(&mut view, self.awaiting_pull.iter().chain(&self.outbox));
        view
    }

    /// Records as the server last sent them.
    pub fn confirmed(&self) -> &BTreeMap<EntityId, RecordState> {
        &self.confirmed
    }

    /// Ops not yet acknowledged.
    pub fn pending(&self) -> usize {
        self.outbox.len()
    }

    /// True if a pushed batch has had no reply yet.
    pub fn has_in_flight(&self) -> bool {
        self.in_flight.is_some()
    }

    /// The server's answer for every acknowledged op.
    pub fn acknowledged(&self) -> &BTreeMap<OpId, Outcome> {
        &self.acknowledged
    }

    /// Every op this device made, in order.
    pub fn made(&self) -> &[OpId] {
        &self.made
    }

    /// The device's clock.
    pub fn clock(&self) -> &HlcClock {
        &self.clock
    }
}

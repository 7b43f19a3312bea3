//! [`LocalStore`] in memory, for tests: the same rules as IndexedDB, nothing kept on close.

use std::cell::RefCell;
use std::collections::BTreeMap;

use mentor_core::{DeviceId, Edit, EntityKind, Op, OpResult, RecordState};

use super::{
    DeviceMeta, LocalStore, MAX_REJECTED_KEPT, PendingOp, PullPage, RejectedOp, Result, Session,
    acknowledged, observe_changes, overlay, owned_by, platform, record_key,
};

#[derive(Debug, Clone)]
struct State {
    records: BTreeMap<String, RecordState>,
    outbox: BTreeMap<u64, PendingOp>,
    device: DeviceMeta,
    cursor: u64,
    session: Option<Session>,
    rejected: Vec<RejectedOp>,
    awaiting_pull: Vec<Op>,
}

impl State {
    fn fresh() -> Result<Self> {
        Ok(Self {
            records: BTreeMap::new(),
            outbox: BTreeMap::new(),
            device: DeviceMeta::fresh()?,
            cursor: 0,
            session: None,
            rejected: Vec::new(),
            awaiting_pull: Vec::new(),
        })
    }
}

/// Local data in memory.
#[derive(Debug)]
pub struct MemoryStore {
    state: RefCell<State>,
}

impl MemoryStore {
    /// An empty store for a new device.
    ///
    /// # Errors
    /// Only if a device id cannot be made (a clock past the year 10889).
    pub fn new() -> Result<Self> {
        Ok(Self {
            state: RefCell::new(State::fresh()?),
        })
    }
}

impl LocalStore for MemoryStore {
    async fn device_id(&self) -> Result<DeviceId> {
        Ok(self.state.borrow().device.clock.device())
    }

    async fn record_edits(&self, edits: Vec<Edit>) -> Result<Vec<Op>> {
        let mut state = self.state.borrow_mut();
        let mut device = state.device.clone();
        let mut ops = Vec::with_capacity(edits.len());
        for edit in edits {
            ops.push(edit.stamp(
                &mut device.clock,
                device.next_seq,
                platform::now_ms(),
                platform::random_bytes(),
            )?);
            device.next_seq += 1;
        }
        let owner = state
            .session
            .as_ref()
            .map(|session| session.staff.id.clone());
        for op in &ops {
            let pending = PendingOp {
                op: op.clone(),
                owner: owner.clone(),
            };
            state.outbox.insert(op.device_seq, pending);
        }
        state.device = device;
        Ok(ops)
    }

    async fn pending_ops(&self, staff: Option<&str>, limit: usize) -> Result<Vec<Op>> {
        Ok(self
            .state
            .borrow()
            .outbox
            .values()
            .filter(|pending| owned_by(pending, staff))
            .take(limit)
            .map(|pending| pending.op.clone())
            .collect())
    }

    async fn pending_count(&self) -> Result<usize> {
        Ok(self.state.borrow().outbox.len())
    }

    async fn acknowledge(&self, results: &[OpResult]) -> Result<()> {
        let mut state = self.state.borrow_mut();
        let done = acknowledged(state.outbox.values(), results);
        for seq in &done.removed {
            state.outbox.remove(seq);
        }
        state.awaiting_pull.extend(done.awaiting_pull);
        state.rejected.extend(done.rejected);
        let excess = state.rejected.len().saturating_sub(MAX_REJECTED_KEPT);
        state.rejected.drain(..excess);
        Ok(())
    }

    async fn apply_pull(&self, page: PullPage) -> Result<()> {
        let mut state = self.state.borrow_mut();
        let mut clock = state.device.clock.clone();
        observe_changes(&mut clock, &page.changes, platform::now_ms())?;
        state.device.clock = clock;
        if page.reset {
            state.records.clear();
        }
        for change in page.changes {
            let key = record_key(change.record.entity, change.record.id);
            state.records.insert(key, change.record);
        }
        state.cursor = page.cursor;
        if page.complete {
            state.awaiting_pull.clear();
        }
        Ok(())
    }

    async fn view(&self, entity: EntityKind) -> Result<Vec<RecordState>> {
        let state = self.state.borrow();
        let pending = state
            .awaiting_pull
            .iter()
            .chain(state.outbox.values().map(|pending| &pending.op));
        Ok(overlay(entity, state.records.values().cloned(), pending))
    }

    async fn views(&self, kinds: &[EntityKind]) -> Result<BTreeMap<EntityKind, Vec<RecordState>>> {
        let state = self.state.borrow();
        Ok(kinds
            .iter()
            .map(|&entity| {
                let pending = state
                    .awaiting_pull
                    .iter()
                    .chain(state.outbox.values().map(|pending| &pending.op));
                (
                    entity,
                    overlay(entity, state.records.values().cloned(), pending),
                )
            })
            .collect())
    }

    async fn cursor(&self) -> Result<u64> {
        Ok(self.state.borrow().cursor)
    }

    async fn session(&self) -> Result<Option<Session>> {
        Ok(self.state.borrow().session.clone())
    }

    async fn set_session(&self, session: Option<Session>) -> Result<()> {
        let mut state = self.state.borrow_mut();
        if let Some(session) = &session {
            let nothing_pending = state.outbox.is_empty() && state.awaiting_pull.is_empty();
            state.device = state.device.adopt(session.device_id, nothing_pending);
        }
        state.session = session;
        Ok(())
    }

    async fn rejected(&self) -> Result<Vec<RejectedOp>> {
        Ok(self.state.borrow().rejected.clone())
    }

    async fn dismiss_rejected(&self) -> Result<()> {
        self.state.borrow_mut().rejected.clear();
        Ok(())
    }

    async fn wipe(&self) -> Result<()> {
        *self.state.borrow_mut() = State::fresh()?;
        Ok(())
    }
}

//! The sync engine's [`SyncStore`] over one SQLite transaction, and the push and pull
//! procedures around `mentor_core::engine` (role rules on push, scopes and resets on pull).

use mentor_core::engine::{self, OpReceipt, StoredOp, SyncError, SyncStore};
use mentor_core::guard::{ClockGuard, DEFAULT_MAX_AHEAD_MS};
use mentor_core::merge::{HistoryEntry, RecordState};
use mentor_core::{
    Change, DeviceId, EntityId, EntityKind, Hlc, Op, OpId, Outcome, PullRequest, PullResponse,
    PushRequest, PushResponse,
};
use rusqlite::{Connection, OptionalExtension, params};

use super::policy::ServerRules;
use super::scope::{Links, Scope};
use super::{AuthenticatedDevice, Result, StaffMember, StoreError};
use super::{accounts, op_log};

/// Rows read per round when a pull filters changes by scope.
const SCAN_CHUNK: usize = 1_000;

pub(super) fn to_sql_int(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

pub(super) fn from_sql_int(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}

pub(super) fn decode<T>(result: std::result::Result<T, impl std::fmt::Display>) -> Result<T> {
    result.map_err(|err| StoreError::Decode(err.to_string()))
}

fn engine_error(err: SyncError<StoreError>) -> StoreError {
    match err {
        SyncError::Protocol(refused) => StoreError::Refused(refused),
        SyncError::Store(store) => store,
    }
}

/// The engine's view of the database inside one transaction. `scope` filters what
/// `changes_after` returns (pushes pass none); `author` is the staff member pushing, kept
/// with each op (`None` for the server's own writes).
pub(super) struct SqlSync<'c> {
    pub conn: &'c Connection,
    pub scope: Option<&'c Scope>,
    pub author: Option<EntityId>,
}

impl SyncStore for SqlSync<'_> {
    type Error = StoreError;

    fn op_receipt(&mut self, op_id: OpId) -> Result<Option<OpReceipt>> {
        op_log::receipt(self.conn, op_id)
    }

    fn insert_op(&mut self, stored: &StoredOp) -> Result<()> {
        op_log::insert(self.conn, stored, self.author)
    }

    fn settle_op(&mut self, op_id: OpId, outcome: &Outcome, capped_hlc: Option<Hlc>) -> Result<()> {
        op_log::settle(self.conn, op_id, outcome, capped_hlc)
    }

    fn waiting_for(&mut self, id: EntityId) -> Result<Vec<Op>> {
        op_log::waiting_for(self.conn, id)
    }

    fn waiting_from(&mut self, device: DeviceId) -> Result<Vec<Op>> {
        op_log::waiting_from(self.conn, device)
    }

    fn waiting_count(&mut self, device: DeviceId) -> Result<usize> {
        op_log::waiting_count(self.conn, device)
    }

    fn deferred_count(&mut self, device: DeviceId) -> Result<usize> {
        op_log::deferred_count(self.conn, device)
    }

    fn first_missing_seq(&mut self, device: DeviceId) -> Result<u64> {
        op_log::first_missing_seq(self.conn, device)
    }

    fn record(&mut self, id: EntityId) -> Result<Option<RecordState>> {
        let state: Option<String> = self
            .conn
            .prepare_cached("SELECT state FROM records WHERE entity_id = ?1")?
            .query_row([id.to_string()], |row| row.get(0))
            .optional()?;
        state
            .map(|text| decode(serde_json::from_str(&text)))
            .transpose()
    }

    fn put_record(&mut self, change: &Change) -> Result<()> {
        let record = &change.record;
        let state = decode(serde_json::to_string(record))?;
        let links = Links::of(record);
        self.conn
            .prepare_cached(
                "INSERT INTO records
                    (entity, entity_id, state, seq, live, link_a, link_b, link_kind, link_trip)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT (entity, entity_id) DO UPDATE SET
                    state = excluded.state, seq = excluded.seq, live = excluded.live,
                    link_a = excluded.link_a, link_b = excluded.link_b,
                    link_kind = excluded.link_kind, link_trip = excluded.link_trip",
            )?
            .execute(params![
                record.entity.as_str(),
                record.id.to_string(),
                state,
                to_sql_int(change.seq),
                i32::from(!record.is_deleted()),
                links.a,
                links.b,
                links.kind,
                links.trip,
            ])?;
        if record.entity == EntityKind::Staff {
            accounts::mirror_staff(self.conn, record)?;
        }
        if record.is_deleted() {
            op_log::forget_values(self.conn, record.id)?;
        }
        Ok(())
    }

    fn next_seq(&mut self) -> Result<u64> {
        self.conn
            .prepare_cached("UPDATE sync_state SET last_seq = last_seq + 1 WHERE id = 1")?
            .execute([])?;
        let seq: i64 = self
            .conn
            .prepare_cached("SELECT last_seq FROM sync_state WHERE id = 1")?
            .query_row([], |row| row.get(0))?;
        Ok(from_sql_int(seq))
    }

    fn add_history(&mut self, entries: &[HistoryEntry]) -> Result<()> {
        let mut insert = self.conn.prepare_cached(
            "INSERT INTO history (entity, entity_id, field, value, hlc, superseded_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for entry in entries {
            insert.execute(params![
                entry.entity.as_str(),
                entry.entity_id.to_string(),
                entry.field,
                entry.value.to_string(),
                entry.hlc.encode(),
                entry.superseded_by.encode(),
            ])?;
        }
        Ok(())
    }

    fn clock_guard(&mut self) -> Result<ClockGuard> {
        let guard: Option<String> = self
            .conn
            .prepare_cached("SELECT guard FROM sync_state WHERE id = 1")?
            .query_row([], |row| row.get(0))?;
        guard.map_or(Ok(ClockGuard::new()), |text| {
            decode(serde_json::from_str(&text))
        })
    }

    fn set_clock_guard(&mut self, guard: &ClockGuard) -> Result<()> {
        let text = decode(serde_json::to_string(guard))?;
        self.conn
            .prepare_cached("UPDATE sync_state SET guard = ?1 WHERE id = 1")?
            .execute([text])?;
        Ok(())
    }

    fn changes_after(&mut self, cursor: u64, limit: usize) -> Result<Vec<Change>> {
        let mut changes = Vec::new();
        let mut after = cursor;
        let mut select = self.conn.prepare_cached(
            "SELECT entity, entity_id, link_a, link_b, state, seq, link_trip FROM records
             WHERE seq > ?1 ORDER BY seq LIMIT ?2",
        )?;
        loop {
            let chunk = limit.max(SCAN_CHUNK);
            let mut rows = select.query(params![to_sql_int(after), to_sql_int(chunk as u64)])?;
            let mut read = 0;
            while let Some(row) = rows.next()? {
                read += 1;
                let seq = from_sql_int(row.get(5)?);
                after = seq;
                let entity: String = row.get(0)?;
                let entity_id: String = row.get(1)?;
                let links = Links {
                    a: row.get(2)?,
                    b: row.get(3)?,
                    kind: None,
                    trip: row.get(6)?,
                };
                // A kind this release does not know is shown to nobody but the server's own
                // reader (no scope); the records table holds only merged, known kinds.
                let visible = self.scope.is_none_or(|scope| {
                    entity
                        .parse::<EntityKind>()
                        .is_ok_and(|kind| scope.sees(kind, &entity_id, &links))
                });
                if !visible {
                    continue;
                }
                let state: String = row.get(4)?;
                let mut record = decode(serde_json::from_str(&state))?;
                if let Some(scope) = self.scope {
                    scope.redact(&mut record);
                }
                changes.push(Change { seq, record });
                if changes.len() >= limit {
                    return Ok(changes);
                }
            }
            if read < chunk {
                return Ok(changes);
            }
        }
    }
}

/// A push, with the role rules of `staff` (`None` for the server's own writes, which no rule
/// limits), inside the caller's transaction.
pub(super) fn push(
    conn: &Connection,
    staff: Option<&StaffMember>,
    request: &PushRequest,
    now_ms: u64,
) -> Result<PushResponse> {
    let mut store = SqlSync {
        conn,
        scope: None,
        author: staff.map(|staff| staff.id),
    };
    let mut rules = ServerRules::new(staff, now_ms);
    engine::process_push(
        &mut store,
        &mut rules,
        request,
        now_ms,
        DEFAULT_MAX_AHEAD_MS,
    )
    .map_err(engine_error)
}

/// A pull, filtered by what the device's staff member may see now. If that changed since the
/// device's last pull, the answer starts again from cursor 0 with `reset: true`.
pub(super) fn pull(
    conn: &Connection,
    device: &AuthenticatedDevice,
    request: &PullRequest,
    now_ms: u64,
) -> Result<PullResponse> {
    request.check()?;
    let scope = Scope::for_staff(conn, &device.staff, now_ms)?;
    let hash = scope.fingerprint();
    let device_id = device.device_id.to_string();
    let stored: Option<String> = conn
        .prepare_cached("SELECT scope_hash FROM devices WHERE id = ?1")?
        .query_row([&device_id], |row| row.get(0))
        .optional()?
        .flatten();
    let unchanged = stored.as_deref() == Some(hash.as_str());
    let reset = request.cursor > 0 && !unchanged;
    let from = PullRequest {
        cursor: if reset { 0 } else { request.cursor },
        ..*request
    };
    let mut store = SqlSync {
        conn,
        scope: Some(&scope),
        author: None,
    };
    let mut response = engine::process_pull(&mut store, &from).map_err(engine_error)?;
    response.reset = reset;
    if !unchanged {
        conn.execute(
            "UPDATE devices SET scope_hash = ?1 WHERE id = ?2",
            params![hash, device_id],
        )?;
    }
    Ok(response)
}

//! The sign-in and security audit, in SQL: one row per event, written in the transaction of
//! what it records, read newest first a bounded page at a time.
//!
//! Every detail is a fixed text the server writes, never anything a client sent, and the table
//! keeps the latest [`AUDIT_KEEP`] events, so a flood of failed sign-ins cannot fill the disk.

use mentor_core::audit_api::{AuditEvent, AuditKind, AuditPage, MAX_AUDIT_PAGE};
use mentor_core::{DeviceId, EntityId};
use rusqlite::{Connection, params};

use super::sync::{decode, from_sql_int, to_sql_int};
use super::{Result, StoreError};

/// Events kept; older ones are dropped as new ones are written.
const AUDIT_KEEP: i64 = 100_000;

/// An event to record: what happened, to whom, on which device, and why in a fixed phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuditRecord {
    pub kind: AuditKind,
    pub staff_id: Option<EntityId>,
    pub device_id: Option<DeviceId>,
    pub detail: Option<&'static str>,
}

impl AuditRecord {
    /// An event about `device`, of the staff member `staff`.
    pub fn new(kind: AuditKind, staff: Option<EntityId>, device: Option<DeviceId>) -> Self {
        Self {
            kind,
            staff_id: staff,
            device_id: device,
            detail: None,
        }
    }

    /// The same event, with why.
    #[must_use]
    pub fn because(self, detail: &'static str) -> Self {
        Self {
            detail: Some(detail),
            ..self
        }
    }
}

fn kind_text(kind: AuditKind) -> Result<String> {
    match serde_json::to_value(kind) {
        Ok(serde_json::Value::String(text)) => Ok(text),
        other => Err(StoreError::Decode(format!(
            "audit kind {kind:?} has no name: {other:?}"
        ))),
    }
}

pub(super) fn record(conn: &Connection, at_ms: u64, event: &AuditRecord) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO audit_events (at, kind, staff_id, device_id, detail)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        to_sql_int(at_ms),
        kind_text(event.kind)?,
        event.staff_id.map(|id| id.to_string()),
        event.device_id.map(|id| id.to_string()),
        event.detail,
    ])?;
    let newest = conn.last_insert_rowid();
    conn.prepare_cached("DELETE FROM audit_events WHERE id <= ?1")?
        .execute([newest - AUDIT_KEEP])?;
    Ok(())
}

type EventRow = (
    i64,
    i64,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn event(row: EventRow) -> Result<AuditEvent> {
    let (id, at, kind, staff_id, staff_name, device_id, device_label, detail) = row;
    Ok(AuditEvent {
        id: from_sql_int(id),
        at_ms: from_sql_int(at),
        kind: decode(serde_json::from_value(serde_json::Value::String(kind)))?,
        staff_id: staff_id.map(|id| decode(id.parse())).transpose()?,
        staff_name,
        device_id: device_id.map(|id| decode(id.parse())).transpose()?,
        device_label,
        detail,
    })
}

/// Events older than `before` (every event when `None`), newest first, at most `limit`
/// (and never more than [`MAX_AUDIT_PAGE`]).
pub(super) fn page(conn: &Connection, before: Option<u64>, limit: u32) -> Result<AuditPage> {
    let limit = limit.clamp(1, MAX_AUDIT_PAGE);
    let before = before.map_or(i64::MAX, to_sql_int);
    let mut select = conn.prepare_cached(
        "SELECT a.id, a.at, a.kind, a.staff_id, s.display_name, a.device_id, d.label, a.detail
         FROM audit_events a
         LEFT JOIN staff s ON s.id = a.staff_id
         LEFT JOIN devices d ON d.id = a.device_id
         WHERE a.id < ?1 ORDER BY a.id DESC LIMIT ?2",
    )?;
    // One more than asked, to know whether an older page exists.
    let rows = select.query_map(params![before, i64::from(limit) + 1], |row| {
        Ok((
            row.get(0)?,
            row.get(1)?,
            row.get(2)?,
            row.get(3)?,
            row.get(4)?,
            row.get(5)?,
            row.get(6)?,
            row.get(7)?,
        ))
    })?;
    let mut events = Vec::new();
    for row in rows {
        events.push(event(row?)?);
    }
    let more = events.len() > limit as usize;
    events.truncate(limit as usize);
    let next_before = more.then(|| events.last().map(|last| last.id)).flatten();
    Ok(AuditPage {
        events,
        next_before,
    })
}

//! The `ops` table (every op a device pushed, with its outcome: as sent, except that a
//! rejected op, and every settled op of a deleted record, keeps no field values) and `waiting_ops` (ops deferred until their record is
//! created): the SQL behind the engine's op calls.

use mentor_core::engine::{OpReceipt, StoredOp};
use mentor_core::{DeviceId, EntityId, Hlc, Op, OpId, Outcome};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde_json::Value;

use super::sync::{decode, from_sql_int, to_sql_int};
use super::{Result, StoreError};

/// The columns an op is read back from, in the order [`read_op`] expects.
const OP_COLUMNS: &str = "o.op_id, o.device_id, o.device_seq, o.hlc, o.schema_version, \
                          o.entity, o.entity_id, o.kind, o.fields";

fn outcome_columns(outcome: &Outcome) -> (&'static str, Option<&str>) {
    match outcome {
        Outcome::Applied => ("applied", None),
        Outcome::Duplicate => ("duplicate", None),
        Outcome::Rejected { reason } => ("rejected", Some(reason)),
        Outcome::Deferred { reason } => ("deferred", Some(reason)),
    }
}

fn outcome_from_columns(outcome: &str, reason: Option<String>) -> Result<Outcome> {
    let reason = reason.unwrap_or_default();
    match outcome {
        "applied" => Ok(Outcome::Applied),
        "duplicate" => Ok(Outcome::Duplicate),
        "rejected" => Ok(Outcome::Rejected { reason }),
        "deferred" => Ok(Outcome::Deferred { reason }),
        other => Err(StoreError::Decode(format!("unknown op outcome {other}"))),
    }
}

/// An op from the [`OP_COLUMNS`] of a row, starting at column `at`.
fn read_op(row: &Row<'_>, at: usize) -> Result<Op> {
    let text = |offset: usize| -> Result<String> { Ok(row.get(at + offset)?) };
    Ok(Op {
        op_id: decode(text(0)?.parse())?,
        device_id: decode(text(1)?.parse())?,
        device_seq: from_sql_int(row.get(at + 2)?),
        hlc: decode(Hlc::parse(&text(3)?))?,
        schema_version: row.get(at + 4)?,
        entity: decode(text(5)?.parse())?,
        entity_id: decode(text(6)?.parse())?,
        kind: decode(serde_json::from_value(Value::String(text(7)?)))?,
        fields: decode(serde_json::from_str(&text(8)?))?,
    })
}

pub(super) fn receipt(conn: &Connection, op_id: OpId) -> Result<Option<OpReceipt>> {
    let sql = format!(
        "SELECT o.outcome, o.reason, o.capped_hlc, o.digest, {OP_COLUMNS} FROM ops o
         WHERE o.op_id = ?1"
    );
    let mut select = conn.prepare_cached(&sql)?;
    let mut rows = select.query([op_id.to_string()])?;
    let Some(row) = rows.next()? else {
        return Ok(None);
    };
    let outcome = outcome_from_columns(&row.get::<_, String>(0)?, row.get(1)?)?;
    let capped_hlc = row
        .get::<_, Option<String>>(2)?
        .map(|text| decode(Hlc::parse(&text)))
        .transpose()?;
    // Ops stored before digests were kept (migration 3) are digested from their columns,
    // which hold the op exactly as it was sent.
    let digest = match row.get::<_, Option<String>>(3)? {
        Some(digest) => digest,
        None => read_op(row, 4)?.digest(),
    };
    Ok(Some(OpReceipt {
        digest,
        outcome,
        capped_hlc,
    }))
}

/// Stores an op once, with who pushed it (`None` for the server's own writes), and puts it
/// in `waiting_ops` if it waits for its record.
pub(super) fn insert(conn: &Connection, stored: &StoredOp, author: Option<EntityId>) -> Result<()> {
    let op = &stored.op;
    let (outcome, reason) = outcome_columns(&stored.outcome);
    let fields = decode(serde_json::to_string(&op.fields))?;
    let kind = decode(serde_json::to_value(op.kind))?;
    conn.prepare_cached(
        "INSERT INTO ops (op_id, device_id, device_seq, hlc, schema_version, entity,
            entity_id, kind, fields, outcome, reason, capped_hlc, received_at, digest, staff_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?
    .execute(params![
        op.op_id.to_string(),
        op.device_id.to_string(),
        to_sql_int(op.device_seq),
        op.hlc.encode(),
        op.schema_version,
        op.entity.as_str(),
        op.entity_id.to_string(),
        kind.as_str().unwrap_or_default(),
        fields,
        outcome,
        reason,
        stored.capped_hlc.map(|hlc| hlc.encode()),
        to_sql_int(stored.received_ms),
        stored.digest,
        author.map(|id| id.to_string()),
    ])?;
    if stored.waiting {
        conn.prepare_cached(
            "INSERT INTO waiting_ops (op_id, device_id, device_seq, entity_id)
             VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![
            op.op_id.to_string(),
            op.device_id.to_string(),
            to_sql_int(op.device_seq),
            op.entity_id.to_string(),
        ])?;
    }
    Ok(())
}

/// Records a waiting op's final outcome; it stops waiting. A rejected op's field values are
/// dropped (its digest still answers a resend).
pub(super) fn settle(
    conn: &Connection,
    op_id: OpId,
    outcome: &Outcome,
    capped_hlc: Option<Hlc>,
) -> Result<()> {
    let (outcome, reason) = outcome_columns(outcome);
    conn.prepare_cached(
        "UPDATE ops SET outcome = ?1, reason = ?2, capped_hlc = ?3,
            fields = CASE WHEN ?1 = 'rejected' THEN '{}' ELSE fields END
         WHERE op_id = ?4",
    )?
    .execute(params![
        outcome,
        reason,
        capped_hlc.map(|hlc| hlc.encode()),
        op_id.to_string()
    ])?;
    conn.prepare_cached("DELETE FROM waiting_ops WHERE op_id = ?1")?
        .execute([op_id.to_string()])?;
    Ok(())
}

fn waiting_where(conn: &Connection, condition: &str, value: String) -> Result<Vec<Op>> {
    let sql = format!(
        "SELECT {OP_COLUMNS} FROM waiting_ops w JOIN ops o ON o.op_id = w.op_id
         WHERE {condition} ORDER BY w.device_id, w.device_seq"
    );
    let mut select = conn.prepare_cached(&sql)?;
    let mut rows = select.query([value])?;
    let mut ops = Vec::new();
    while let Some(row) = rows.next()? {
        ops.push(read_op(row, 0)?);
    }
    Ok(ops)
}

/// The ops waiting for record `id`, by device and `device_seq`.
pub(super) fn waiting_for(conn: &Connection, id: EntityId) -> Result<Vec<Op>> {
    waiting_where(conn, "w.entity_id = ?1", id.to_string())
}

/// The ops of `device` waiting for their records, in `device_seq` order.
pub(super) fn waiting_from(conn: &Connection, device: DeviceId) -> Result<Vec<Op>> {
    waiting_where(conn, "w.device_id = ?1", device.to_string())
}

pub(super) fn waiting_count(conn: &Connection, device: DeviceId) -> Result<usize> {
    let count: i64 = conn
        .prepare_cached("SELECT COUNT(*) FROM waiting_ops WHERE device_id = ?1")?
        .query_row([device.to_string()], |row| row.get(0))?;
    Ok(usize::try_from(count).unwrap_or(usize::MAX))
}

/// Drops the field values of the settled ops of record `id`, once it is deleted: its
/// history keeps what it said for the kind's retention period, and nothing else should.
/// Deferred ops keep theirs (they are still to be applied), as do ops stored before digests
/// were kept, whose columns are their digest.
pub(super) fn forget_values(conn: &Connection, id: EntityId) -> Result<()> {
    conn.prepare_cached(
        "UPDATE ops SET fields = '{}'
         WHERE entity_id = ?1 AND outcome <> 'deferred' AND digest IS NOT NULL
           AND fields <> '{}'",
    )?
    .execute([id.to_string()])?;
    Ok(())
}

/// How many ops of `device` are deferred (waiting for their record or for a newer server),
/// read through the partial index of deferred ops (migration 5).
pub(super) fn deferred_count(conn: &Connection, device: DeviceId) -> Result<usize> {
    let count: i64 = conn
        .prepare_cached("SELECT COUNT(*) FROM ops WHERE device_id = ?1 AND outcome = 'deferred'")?
        .query_row([device.to_string()], |row| row.get(0))?;
    Ok(usize::try_from(count).unwrap_or(usize::MAX))
}

/// The lowest `device_seq` from 1 up with no stored op of `device`: 1 if there is no op 1,
/// else one past the first stored op whose successor is missing. Read through the
/// `(device_id, device_seq)` index; asked only about updates of unknown records and devices
/// with waiting ops, so the scan is rare.
pub(super) fn first_missing_seq(conn: &Connection, device: DeviceId) -> Result<u64> {
    let missing: Option<i64> = conn
        .prepare_cached(
            "SELECT CASE
                WHEN NOT EXISTS (SELECT 1 FROM ops WHERE device_id = ?1 AND device_seq = 1) THEN 1
                ELSE (SELECT MIN(o.device_seq) + 1 FROM ops o
                      WHERE o.device_id = ?1 AND o.device_seq >= 1 AND NOT EXISTS (
                          SELECT 1 FROM ops p
                          WHERE p.device_id = ?1 AND p.device_seq = o.device_seq + 1))
             END",
        )?
        .query_row([device.to_string()], |row| row.get(0))?;
    Ok(missing.map_or(1, from_sql_int))
}

/// The staff id of whoever pushed an op: `Some(None)` for the server's own writes and for
/// ops stored before authors were kept, `None` if there is no such op.
pub(super) fn author_of(conn: &Connection, op_id: OpId) -> Result<Option<Option<EntityId>>> {
    let author: Option<Option<String>> = conn
        .prepare_cached("SELECT staff_id FROM ops WHERE op_id = ?1")?
        .query_row([op_id.to_string()], |row| row.get(0))
        .optional()?;
    author
        .map(|id| id.map(|text| decode(text.parse())).transpose())
        .transpose()
}

//! The `ops` table (every op a device pushed, as sent, with its outcome and digest): the SQL
//! behind the engine's op calls.

use mentor_core::engine::{OpReceipt, StoredOp};
use mentor_core::{Hlc, Op, OpId, Outcome};
use rusqlite::{Connection, Row, params};
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

/// Stores an op once, with its digest.
pub(super) fn insert(conn: &Connection, stored: &StoredOp) -> Result<()> {
    let op = &stored.op;
    let (outcome, reason) = outcome_columns(&stored.outcome);
    let fields = decode(serde_json::to_string(&op.fields))?;
    let kind = decode(serde_json::to_value(op.kind))?;
    conn.prepare_cached(
        "INSERT INTO ops (op_id, device_id, device_seq, hlc, schema_version, entity,
            entity_id, kind, fields, outcome, reason, capped_hlc, received_at, digest)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
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
    ])?;
    Ok(())
}

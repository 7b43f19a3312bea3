//! Devices' escrowed data keys, in SQL: one per device, so an online sign-in by the device's
//! owner can hand back the key after the PIN is lost. A key leaves with its device's session
//! for good (revoked, wiped, deactivated, signed out); an expired session keeps it, since the
//! device keeps its encrypted data.

use mentor_core::DeviceId;
use mentor_core::audit_api::AuditKind;
use rusqlite::{Connection, OptionalExtension, params};

use super::Result;
use super::audit::{self, AuditRecord};
use super::sync::to_sql_int;

/// Keeps `key` for `device`, replacing an earlier one, and records it in the audit.
pub(super) fn escrow(
    conn: &Connection,
    device: DeviceId,
    staff: mentor_core::EntityId,
    key: &str,
    now_ms: u64,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO device_keys (device_id, key, created_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (device_id) DO UPDATE SET key = excluded.key, created_at = excluded.created_at",
    )?
    .execute(params![device.to_string(), key, to_sql_int(now_ms)])?;
    audit::record(
        conn,
        now_ms,
        &AuditRecord::new(AuditKind::KeyEscrowed, Some(staff), Some(device)),
    )
}

/// The key `device` escrowed, if any.
pub(super) fn escrowed(conn: &Connection, device: DeviceId) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT key FROM device_keys WHERE device_id = ?1")?
        .query_row([device.to_string()], |row| row.get(0))
        .optional()?)
}

/// Erases the key of `device`.
pub(super) fn erase(conn: &Connection, device: DeviceId) -> Result<()> {
    conn.prepare_cached("DELETE FROM device_keys WHERE device_id = ?1")?
        .execute([device.to_string()])?;
    Ok(())
}

/// Erases the key of the device whose session is `token_hash`.
pub(super) fn erase_for_token(conn: &Connection, token_hash: &str) -> Result<()> {
    conn.prepare_cached(
        "DELETE FROM device_keys WHERE device_id IN (SELECT id FROM devices WHERE token_hash = ?1)",
    )?
    .execute([token_hash])?;
    Ok(())
}

/// Erases the keys of every device of `staff` (deactivated).
pub(super) fn erase_for_staff(conn: &Connection, staff: &str) -> Result<()> {
    conn.prepare_cached(
        "DELETE FROM device_keys WHERE device_id IN (SELECT id FROM devices WHERE staff_id = ?1)",
    )?
    .execute([staff])?;
    Ok(())
}

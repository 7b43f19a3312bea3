//! Devices and their sessions, in SQL: registering a device at sign-in, checking a token on
//! every request, signing out, the admin's list and revoking.
//!
//! A device id belongs to the member of staff who first signed in with it; another member of
//! staff, or one of the server's own ids, is refused. A session ends when it is unused for
//! [`TOKEN_IDLE_LIMIT_MS`] or is older than [`TOKEN_LIFETIME_MS`]. A member of staff has at
//! most [`MAX_ACTIVE_DEVICES`] sessions at once: signing in on one more device ends the
//! session used least recently, rather than refusing the sign-in, so a phone lost in a drawer
//! never locks its owner out (and stops working for whoever finds it). A revoked device (or one of a
//! deactivated member of staff) stays revoked: its token and id are answered `wipe` for good.

use mentor_core::audit_api::AuditKind;
use mentor_core::auth_api::{MAX_ACTIVE_DEVICES, TOKEN_IDLE_LIMIT_MS, TOKEN_LIFETIME_MS};
use mentor_core::{DeviceId, EntityId};
use rusqlite::{Connection, OptionalExtension, Row, params};
use uuid::Uuid;

use super::accounts::{parse, staff_member};
use super::audit::{self, AuditRecord};
use super::device_keys;
use super::sync::{from_sql_int, to_sql_int};
use super::{AuthenticatedDevice, DeviceRegistration, DeviceSummary, Result, TokenCheck};
use crate::server_writes::SERVER_DEVICE;

/// A device's last-seen time is written at most this often, so a burst of requests does not
/// become a burst of disk writes.
const SEEN_RESOLUTION_MS: u64 = 60_000;

/// Ids no device may sign in with: the server's own (its writes are stamped with it) and nil.
const RESERVED_DEVICE_IDS: [DeviceId; 2] = [SERVER_DEVICE, DeviceId::from_uuid(Uuid::nil())];

/// A device row as sign-in sees it: its owner and whether it was revoked.
struct DeviceOwner {
    staff_id: String,
    revoked: bool,
}

fn device_owner(conn: &Connection, device: DeviceId) -> Result<Option<DeviceOwner>> {
    Ok(conn
        .prepare_cached("SELECT staff_id, revoked_at IS NOT NULL FROM devices WHERE id = ?1")?
        .query_row([device.to_string()], |row| {
            Ok(DeviceOwner {
                staff_id: row.get(0)?,
                revoked: row.get(1)?,
            })
        })
        .optional()?)
}

/// Records that `device` was told to wipe, in the audit once per device (a device that keeps
/// calling is not a new event each time).
fn note_wipe(
    conn: &Connection,
    device: DeviceId,
    staff: Option<EntityId>,
    now_ms: u64,
) -> Result<()> {
    let first = conn
        .prepare_cached("UPDATE devices SET wiped_at = ?1 WHERE id = ?2 AND wiped_at IS NULL")?
        .execute(params![to_sql_int(now_ms), device.to_string()])?;
    if first > 0 {
        audit::record(
            conn,
            now_ms,
            &AuditRecord::new(AuditKind::WipeSent, staff, Some(device)),
        )?;
    }
    Ok(())
}

/// True if `device` is revoked, having noted the wipe it is told to do.
pub(super) fn wipe_if_revoked(conn: &Connection, device: DeviceId, now_ms: u64) -> Result<bool> {
    match device_owner(conn, device)? {
        Some(owner) if owner.revoked => {
            note_wipe(conn, device, parse(&owner.staff_id).ok(), now_ms)?;
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// Ends the sessions of `staff` on other devices, least recently used first, until a new one
/// keeps them within [`MAX_ACTIVE_DEVICES`]; each ending is audited. Those devices keep their
/// data (and escrowed key) and sign in again online, like an expired session.
fn make_room(conn: &Connection, staff_id: EntityId, except: &str, now_ms: u64) -> Result<()> {
    let mut select = conn.prepare_cached(
        "SELECT id FROM devices
         WHERE staff_id = ?1 AND id <> ?2 AND revoked_at IS NULL AND token_hash IS NOT NULL
           AND last_seen_at >= ?3 AND token_issued_at >= ?4
         ORDER BY last_seen_at DESC, token_issued_at DESC, id",
    )?;
    let live = select
        .query_map(
            params![
                staff_id.to_string(),
                except,
                to_sql_int(now_ms.saturating_sub(TOKEN_IDLE_LIMIT_MS)),
                to_sql_int(now_ms.saturating_sub(TOKEN_LIFETIME_MS)),
            ],
            |row| row.get::<_, String>(0),
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for device in live.iter().skip(MAX_ACTIVE_DEVICES.saturating_sub(1)) {
        conn.prepare_cached("UPDATE devices SET token_hash = NULL WHERE id = ?1")?
            .execute([device])?;
        let event = AuditRecord::new(
            AuditKind::TokenExpired,
            Some(staff_id),
            Some(parse(device)?),
        );
        audit::record(
            conn,
            now_ms,
            &event.because("Signed out: its owner signed in on one device more than allowed."),
        )?;
    }
    Ok(())
}

/// Registers a sign-in of `staff_id` on `device_id`, recording it (or its refusal) in the
/// audit; the caller's transaction makes it all or nothing.
pub(super) fn register_device(
    conn: &Connection,
    device_id: DeviceId,
    staff_id: EntityId,
    label: &str,
    token_hash: &str,
    now_ms: u64,
) -> Result<DeviceRegistration> {
    let (id, staff, now) = (
        device_id.to_string(),
        staff_id.to_string(),
        to_sql_int(now_ms),
    );
    let refuse = |detail: &'static str| {
        let event = AuditRecord::new(AuditKind::SignInRefused, Some(staff_id), Some(device_id));
        audit::record(conn, now_ms, &event.because(detail))
    };
    if RESERVED_DEVICE_IDS.contains(&device_id) {
        refuse("The device id is reserved for the server.")?;
        return Ok(DeviceRegistration::Taken);
    }
    let owner = device_owner(conn, device_id)?;
    match &owner {
        Some(owner) if owner.revoked => {
            note_wipe(conn, device_id, Some(staff_id), now_ms)?;
            return Ok(DeviceRegistration::Revoked);
        }
        Some(owner) if owner.staff_id != staff => {
            refuse("The device belongs to another member of staff.")?;
            return Ok(DeviceRegistration::Taken);
        }
        _ => {}
    }
    make_room(conn, staff_id, &id, now_ms)?;
    if owner.is_some() {
        // Signing in again on its own device: a new token, and the next pull with an old
        // cursor starts again from nothing.
        conn.execute(
            "UPDATE devices SET token_hash = ?1, token_issued_at = ?2, label = ?3,
                last_seen_at = ?2, scope_hash = NULL WHERE id = ?4",
            params![token_hash, now, label, id],
        )?;
    } else {
        conn.execute(
            "INSERT INTO devices
                (id, staff_id, token_hash, label, created_at, last_seen_at, token_issued_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?5)",
            params![id, staff, token_hash, label, now],
        )?;
    }
    let event = |kind| AuditRecord::new(kind, Some(staff_id), Some(device_id));
    audit::record(conn, now_ms, &event(AuditKind::SignedIn))?;
    if owner.is_none() {
        audit::record(conn, now_ms, &event(AuditKind::DeviceRegistered))?;
    }
    let escrowed_key = device_keys::escrowed(conn, device_id)?;
    if escrowed_key.is_some() {
        audit::record(conn, now_ms, &event(AuditKind::KeyRecovered))?;
    }
    Ok(DeviceRegistration::Registered { escrowed_key })
}

/// Why a session ended, if it did.
fn expiry(now_ms: u64, last_seen: Option<i64>, issued: Option<i64>) -> Option<&'static str> {
    let age = |at: Option<i64>| at.map_or(u64::MAX, |at| now_ms.saturating_sub(from_sql_int(at)));
    if age(issued) > TOKEN_LIFETIME_MS {
        Some("Signed in more than 180 days ago.")
    } else if age(last_seen) > TOKEN_IDLE_LIMIT_MS {
        Some("Not used for 30 days.")
    } else {
        None
    }
}

pub(super) fn authenticate(conn: &Connection, token_hash: &str, now_ms: u64) -> Result<TokenCheck> {
    let row = conn
        .prepare_cached(
            "SELECT d.id, d.label, d.revoked_at IS NOT NULL, s.id, s.display_name, s.role,
                    s.active, d.last_seen_at, d.token_issued_at
             FROM devices d JOIN staff s ON s.id = d.staff_id WHERE d.token_hash = ?1",
        )?
        .query_row([token_hash], |row| {
            Ok((
                [row.get::<_, String>(0)?, row.get(1)?],
                row.get::<_, bool>(2)?,
                [row.get::<_, String>(3)?, row.get(4)?, row.get(5)?],
                row.get::<_, bool>(6)?,
                [row.get::<_, Option<i64>>(7)?, row.get(8)?],
            ))
        })
        .optional()?;
    let Some(([device_id, label], revoked, [staff_id, name, role], active, [seen, issued])) = row
    else {
        return Ok(TokenCheck::Unknown);
    };
    let (device, staff) = (
        parse::<DeviceId>(&device_id)?,
        parse::<EntityId>(&staff_id)?,
    );
    // A deactivated member of staff's devices are revoked with them; `active` is checked too
    // so that no path can ever bring such a token back.
    if revoked || !active {
        note_wipe(conn, device, Some(staff), now_ms)?;
        return Ok(TokenCheck::Revoked);
    }
    if let Some(why) = expiry(now_ms, seen, issued) {
        conn.prepare_cached("UPDATE devices SET token_hash = NULL WHERE id = ?1")?
            .execute([&device_id])?;
        let event = AuditRecord::new(AuditKind::TokenExpired, Some(staff), Some(device));
        audit::record(conn, now_ms, &event.because(why))?;
        return Ok(TokenCheck::Expired);
    }
    conn.prepare_cached(
        "UPDATE devices SET last_seen_at = ?1 WHERE id = ?2
           AND (last_seen_at IS NULL OR last_seen_at < ?3)",
    )?
    .execute(params![
        to_sql_int(now_ms),
        device_id,
        to_sql_int(now_ms.saturating_sub(SEEN_RESOLUTION_MS))
    ])?;
    Ok(TokenCheck::Valid(AuthenticatedDevice {
        device_id: device,
        label,
        staff: staff_member(&staff_id, name, &role)?,
    }))
}

/// Signs a device out: its token is forgotten and its escrowed key erased.
pub(super) fn forget_token(conn: &Connection, token_hash: &str) -> Result<()> {
    device_keys::erase_for_token(conn, token_hash)?;
    conn.execute(
        "UPDATE devices SET token_hash = NULL WHERE token_hash = ?1",
        [token_hash],
    )?;
    Ok(())
}

fn device_summary(row: &Row<'_>) -> rusqlite::Result<[Option<String>; 4]> {
    Ok([row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?])
}

pub(super) fn devices(conn: &Connection) -> Result<Vec<DeviceSummary>> {
    let mut select = conn.prepare_cached(
        "SELECT d.id, d.staff_id, s.display_name, d.label, d.created_at, d.last_seen_at,
                d.revoked_at, d.token_hash IS NOT NULL
         FROM devices d JOIN staff s ON s.id = d.staff_id
         ORDER BY d.created_at DESC, d.id",
    )?;
    let rows = select.query_map([], |row| {
        Ok((
            device_summary(row)?,
            row.get::<_, i64>(4)?,
            row.get::<_, Option<i64>>(5)?,
            row.get::<_, Option<i64>>(6)?,
            row.get::<_, bool>(7)?,
        ))
    })?;
    let mut devices = Vec::new();
    for row in rows {
        let ([id, staff_id, staff_name, label], created, seen, revoked, signed_in) = row?;
        devices.push(DeviceSummary {
            id: parse(&id.unwrap_or_default())?,
            staff_id: parse(&staff_id.unwrap_or_default())?,
            staff_name: staff_name.unwrap_or_default(),
            label: label.unwrap_or_default(),
            created_at_ms: from_sql_int(created),
            last_seen_at_ms: seen.map(from_sql_int),
            revoked_at_ms: revoked.map(from_sql_int),
            signed_in,
        });
    }
    Ok(devices)
}

/// Revokes `device` for good and erases its escrowed key; `by` is the administrator, named in
/// the audit. False if there is no such device.
pub(super) fn revoke_device(
    conn: &Connection,
    device: DeviceId,
    by: EntityId,
    now_ms: u64,
) -> Result<bool> {
    let Some(owner) = device_owner(conn, device)? else {
        return Ok(false);
    };
    if !owner.revoked {
        conn.execute(
            "UPDATE devices SET revoked_at = ?1 WHERE id = ?2",
            params![to_sql_int(now_ms), device.to_string()],
        )?;
        device_keys::erase(conn, device)?;
        audit::record(
            conn,
            now_ms,
            &AuditRecord::new(AuditKind::DeviceRevoked, Some(by), Some(device)),
        )?;
    }
    Ok(true)
}

/// Revokes every device of `staff`, whose record was deleted at `at_ms`, and erases their
/// escrowed keys.
pub(super) fn revoke_staff_devices(conn: &Connection, staff: &str, at_ms: u64) -> Result<()> {
    device_keys::erase_for_staff(conn, staff)?;
    conn.prepare_cached(
        "UPDATE devices SET revoked_at = ?1 WHERE staff_id = ?2 AND revoked_at IS NULL",
    )?
    .execute(params![to_sql_int(at_ms), staff])?;
    Ok(())
}

//! Staff sign-in rows and devices, in SQL.

use mentor_core::{DeviceId, EntityId};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::roles::Role;
use super::sync::{from_sql_int, to_sql_int};
use super::{
    AuthenticatedDevice, DeviceRegistration, DeviceSummary, NewStaff, Result, SignInRecord,
    StaffMember, StoreError, TokenCheck,
};

/// A device's last-seen time is written at most this often, so a burst of requests does not
/// become a burst of disk writes.
const SEEN_RESOLUTION_MS: u64 = 60_000;

/// A device that has not been in touch for this long must sign in again: a phone left in a
/// drawer for a term should not still open the school's data. Its outbox stays on the device
/// and is pushed after the same person signs in.
pub const SESSION_IDLE_LIMIT_MS: u64 = 30 * 24 * 60 * 60 * 1000;

fn parse<T: std::str::FromStr>(text: &str) -> Result<T>
where
    T::Err: std::fmt::Display,
{
    text.parse()
        .map_err(|err: T::Err| StoreError::Decode(err.to_string()))
}

fn staff_member(id: &str, display_name: String, role: &str) -> Result<StaffMember> {
    Ok(StaffMember {
        id: parse::<EntityId>(id)?,
        display_name,
        role: parse::<Role>(role)?,
    })
}

pub(super) fn staff_for_sign_in(conn: &Connection, email: &str) -> Result<Option<SignInRecord>> {
    let row = conn
        .prepare_cached(
            "SELECT id, display_name, role, password_hash, active FROM staff WHERE email = ?1",
        )?
        .query_row([email.trim().to_lowercase()], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, String>(3)?,
                row.get::<_, bool>(4)?,
            ))
        })
        .optional()?;
    row.map(|(id, name, role, password_hash, active)| {
        Ok(SignInRecord {
            staff: staff_member(&id, name, &role)?,
            password_hash,
            active,
        })
    })
    .transpose()
}

/// The staff member with this id, if they exist and are active.
pub(super) fn active_staff(conn: &Connection, id: EntityId) -> Result<Option<StaffMember>> {
    let row: Option<(String, String, String)> = conn
        .prepare_cached("SELECT id, display_name, role FROM staff WHERE id = ?1 AND active = 1")?
        .query_row([id.to_string()], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })
        .optional()?;
    row.map(|(id, name, role)| staff_member(&id, name, &role))
        .transpose()
}

pub(super) fn insert_staff(conn: &Connection, staff: &NewStaff) -> Result<()> {
    let email = staff.email.trim().to_lowercase();
    let taken: Option<String> = conn
        .query_row("SELECT id FROM staff WHERE email = ?1", [&email], |row| {
            row.get(0)
        })
        .optional()?;
    if taken.is_some() {
        return Err(StoreError::EmailTaken(email));
    }
    conn.execute(
        "INSERT INTO staff (id, display_name, email, role, password_hash, active)
         VALUES (?1, ?2, ?3, ?4, ?5, 1)",
        params![
            staff.id.to_string(),
            staff.display_name,
            email,
            staff.role.as_str(),
            staff.password_hash
        ],
    )?;
    Ok(())
}

pub(super) fn staff_count(conn: &Connection) -> Result<u64> {
    let count: i64 = conn.query_row("SELECT COUNT(*) FROM staff", [], |row| row.get(0))?;
    Ok(from_sql_int(count))
}

pub(super) fn register_device(
    conn: &Connection,
    device_id: DeviceId,
    staff_id: EntityId,
    label: &str,
    token_hash: &str,
    now_ms: u64,
) -> Result<DeviceRegistration> {
    let id = device_id.to_string();
    let existing: Option<Option<i64>> = conn
        .query_row(
            "SELECT revoked_at FROM devices WHERE id = ?1",
            [&id],
            |row| row.get(0),
        )
        .optional()?;
    let now = to_sql_int(now_ms);
    match existing {
        Some(Some(_revoked)) => return Ok(DeviceRegistration::Revoked),
        // Signing in again (perhaps as someone else, on a shared tablet): a new token, and
        // the next pull with an old cursor starts again from nothing.
        Some(None) => conn.execute(
            "UPDATE devices SET staff_id = ?1, token_hash = ?2, label = ?3, last_seen_at = ?4,
                scope_hash = NULL WHERE id = ?5",
            params![staff_id.to_string(), token_hash, label, now, id],
        )?,
        None => conn.execute(
            "INSERT INTO devices (id, staff_id, token_hash, label, created_at, last_seen_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            params![id, staff_id.to_string(), token_hash, label, now],
        )?,
    };
    Ok(DeviceRegistration::Registered)
}

pub(super) fn authenticate(conn: &Connection, token_hash: &str, now_ms: u64) -> Result<TokenCheck> {
    let row = conn
        .prepare_cached(
            "SELECT d.id, d.label, d.revoked_at, s.id, s.display_name, s.role, s.active,
                    d.last_seen_at
             FROM devices d JOIN staff s ON s.id = d.staff_id WHERE d.token_hash = ?1",
        )?
        .query_row([token_hash], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, Option<i64>>(2)?,
                row.get::<_, String>(3)?,
                row.get::<_, String>(4)?,
                row.get::<_, String>(5)?,
                row.get::<_, bool>(6)?,
                row.get::<_, Option<i64>>(7)?,
            ))
        })
        .optional()?;
    let Some((device_id, label, revoked_at, staff_id, name, role, active, last_seen)) = row else {
        return Ok(TokenCheck::Unknown);
    };
    if revoked_at.is_some() {
        return Ok(TokenCheck::Revoked);
    }
    let idle = last_seen
        .map(from_sql_int)
        .is_some_and(|seen| now_ms.saturating_sub(seen) > SESSION_IDLE_LIMIT_MS);
    if !active || idle {
        return Ok(TokenCheck::Unknown);
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
        device_id: parse(&device_id)?,
        label,
        staff: staff_member(&staff_id, name, &role)?,
    }))
}

pub(super) fn forget_token(conn: &Connection, token_hash: &str) -> Result<()> {
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

pub(super) fn revoke_device(conn: &Connection, device_id: DeviceId, now_ms: u64) -> Result<bool> {
    let changed = conn.execute(
        "UPDATE devices SET revoked_at = COALESCE(revoked_at, ?1) WHERE id = ?2",
        params![to_sql_int(now_ms), device_id.to_string()],
    )?;
    Ok(changed > 0)
}

//! Staff sign-in rows, in SQL, and their mirror of the synced staff records.
//!
//! Deleting a member of staff's record is final for sign-in: the row's `active` only ever goes
//! from 1 to 0, so a later last-writer-wins update that revives the record never brings back
//! their password or their devices' tokens, and every device of theirs is revoked.

use mentor_core::audit_api::AuditKind;
use mentor_core::merge::RecordState;
use mentor_core::{EntityId, records};
use rusqlite::{Connection, OptionalExtension, params};

use super::audit::{self, AuditRecord};
use super::roles::Role;
use super::sync::from_sql_int;
use super::{NewStaff, Result, SignInRecord, StaffMember, StoreError, sessions};

pub(super) fn parse<T: std::str::FromStr>(text: &str) -> Result<T>
where
    T::Err: std::fmt::Display,
{
    text.parse()
        .map_err(|err: T::Err| StoreError::Decode(err.to_string()))
}

pub(super) fn staff_member(id: &str, display_name: String, role: &str) -> Result<StaffMember> {
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

/// The staff record is the source of truth for a name and role; the `staff` table keeps a
/// copy for sign-in and authorisation, updated whenever the record changes, in the same
/// transaction. Email is not copied: it is the sign-in name, changed only on the server.
///
/// A deleted record deactivates the member of staff for good (revoking their devices and
/// erasing their escrowed keys, at the time of the delete's stamp); nothing reactivates them.
pub(super) fn mirror_staff(conn: &Connection, record: &RecordState) -> Result<()> {
    let staff = record.read::<records::Staff>().ok();
    let name = staff.as_ref().map(|staff| staff.display_name.as_str());
    let role = staff.as_ref().map(|staff| staff.role);
    let id = record.id.to_string();
    let was_active: Option<bool> = conn
        .prepare_cached("SELECT active FROM staff WHERE id = ?1")?
        .query_row([&id], |row| row.get(0))
        .optional()?;
    let deactivate = record.is_deleted() && was_active == Some(true);
    conn.prepare_cached(
        "UPDATE staff SET display_name = COALESCE(?1, display_name),
            role = COALESCE(?2, role), active = active AND ?3 WHERE id = ?4",
    )?
    .execute(params![
        name,
        role.map(Role::as_str),
        !record.is_deleted(),
        id
    ])?;
    if deactivate {
        let at_ms = record.deleted.map_or(0, |stamp| stamp.millis());
        sessions::revoke_staff_devices(conn, &id, at_ms)?;
        audit::record(
            conn,
            at_ms,
            &AuditRecord::new(AuditKind::StaffDeactivated, Some(record.id), None)
                .because("The staff record was deleted."),
        )?;
    }
    Ok(())
}

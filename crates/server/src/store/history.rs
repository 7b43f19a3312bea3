//! The values a record's fields lost to later writes, read back for the people who may see
//! the record. Whether they may, and which fields, is the pull's rule ([`Scope`]), so history
//! never shows what a pull would not.

use mentor_core::{EntityId, EntityKind};
use rusqlite::{Connection, OptionalExtension};

use super::scope::{Links, Scope};
use super::{HistoryItem, Result, StaffMember, StoreError};

/// The history of one record, oldest write first, or `None` if there is no such record of
/// that kind or `staff` may not see it (the two are not told apart).
pub(super) fn history(
    conn: &Connection,
    staff: &StaffMember,
    entity: EntityKind,
    id: EntityId,
    now_ms: u64,
) -> Result<Option<Vec<HistoryItem>>> {
    let id = id.to_string();
    let links: Option<Links> = conn
        .prepare_cached(
            "SELECT link_a, link_b, link_trip FROM records WHERE entity = ?1 AND entity_id = ?2",
        )?
        .query_row([entity.as_str(), id.as_str()], |row| {
            Ok(Links {
                a: row.get(0)?,
                b: row.get(1)?,
                kind: None,
                trip: row.get(2)?,
            })
        })
        .optional()?;
    let Some(links) = links else {
        return Ok(None);
    };
    let scope = Scope::for_staff(conn, staff, now_ms)?;
    if !scope.sees(entity, &id, &links) {
        return Ok(None);
    }
    let mut select = conn.prepare_cached(
        "SELECT field, value, hlc, superseded_by FROM history
         WHERE entity = ?1 AND entity_id = ?2 ORDER BY hlc, field",
    )?;
    let rows = select.query_map([entity.as_str(), id.as_str()], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
            row.get::<_, String>(3)?,
        ))
    })?;
    let mut entries = Vec::new();
    for row in rows {
        let (field, value, hlc, superseded_by) = row?;
        if !scope.reads_field(entity, &field) {
            continue;
        }
        // Values are stored as JSON text by the merge; one that does not parse is a hand edit.
        let value =
            serde_json::from_str(&value).map_err(|err| StoreError::Decode(err.to_string()))?;
        entries.push(HistoryItem {
            field,
            value,
            hlc,
            superseded_by,
        });
    }
    Ok(Some(entries))
}

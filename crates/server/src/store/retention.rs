//! Data kept on purpose only. A delete erases a record's values (the merge does it), and the
//! values it erased stay in `history` for the kind's retention period
//! ([`mentor_core::kinds::KindSpec::retention`], or for safeguarding-relevant kinds the years
//! the school's administrator set), then are purged. [`purge_expired`] runs when
//! the server starts; it also erases the values of records deleted before deletes erased.

use mentor_core::engine::SyncStore;
use mentor_core::records::SchoolSettings;
use mentor_core::{Change, EntityKind, RecordState};
use rusqlite::{Connection, OptionalExtension, params};

use super::Result;
use super::sync::{SqlSync, decode};

/// What one purge did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Purged {
    /// Deleted records stored before deletes erased, whose values were erased now.
    pub erased_records: usize,
    /// History rows of deleted records past their retention, removed.
    pub history_rows: usize,
}

/// The deleted records (by their stored tombstone): every record whose state has one, live
/// again or not, since older releases judged deletion by another rule.
fn tombstoned(conn: &Connection) -> Result<Vec<RecordState>> {
    let mut select =
        conn.prepare_cached("SELECT state FROM records WHERE state LIKE '%\"deleted\":%'")?;
    let states = select.query_map([], |row| row.get::<_, String>(0))?;
    let mut records = Vec::new();
    for state in states {
        records.push(decode(serde_json::from_str(&state?))?);
    }
    Ok(records)
}

/// Erases what records deleted before deletes erased still hold, keeping it in history
/// (purged in turn when its retention ends), and stores each with a new sequence number so
/// devices replace their copy.
fn erase_old_tombstones(conn: &Connection, records: &mut [RecordState]) -> Result<usize> {
    let mut store = SqlSync {
        conn,
        scope: None,
        author: None,
    };
    let mut erased = 0;
    for record in records.iter_mut() {
        let entries = record.erase_before_tombstone();
        if entries.is_empty() {
            continue;
        }
        store.add_history(&entries)?;
        let seq = store.next_seq()?;
        store.put_record(&Change {
            seq,
            record: record.clone(),
        })?;
        erased += 1;
    }
    Ok(erased)
}

/// Removes the history of every deleted record whose kind's retention, counted from its
/// delete, ended before `now_ms`; and erases what records deleted before deletes erased
/// still hold. Live records keep their history.
pub(super) fn purge_expired(conn: &Connection, now_ms: u64) -> Result<Purged> {
    let school_years = school_years(conn)?;
    let mut records = tombstoned(conn)?;
    let erased_records = erase_old_tombstones(conn, &mut records)?;
    let mut history_rows = 0;
    let mut delete =
        conn.prepare_cached("DELETE FROM history WHERE entity = ?1 AND entity_id = ?2")?;
    for record in records.iter().filter(|record| record.is_deleted()) {
        let Some(tombstone) = record.deleted else {
            continue;
        };
        let kept = record.entity.spec().retention_at(school_years).millis();
        if tombstone.millis().saturating_add(kept) >= now_ms {
            continue;
        }
        history_rows += delete.execute(params![record.entity.as_str(), record.id.to_string()])?;
    }
    Ok(Purged {
        erased_records,
        history_rows,
    })
}

/// The years the school keeps safeguarding-relevant history, if its administrator set them.
fn school_years(conn: &Connection) -> Result<Option<u16>> {
    let kind = EntityKind::SchoolSettings;
    let state: Option<String> = conn
        .prepare_cached("SELECT state FROM records WHERE entity = ?1 AND entity_id = ?2")?
        .query_row(
            params![kind.as_str(), kind.school_record_id().to_string()],
            |row| row.get(0),
        )
        .optional()?;
    let Some(state) = state else { return Ok(None) };
    let record: RecordState = decode(serde_json::from_str(&state))?;
    Ok(record
        .read::<SchoolSettings>()
        .ok()
        .and_then(|settings| settings.safeguarding_years))
}

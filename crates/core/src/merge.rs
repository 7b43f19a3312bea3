//! The one merge: how an op changes a record. The server runs it when it takes in an op; the
//! app runs it only to show pending outbox ops on top of the records the server sent.
//!
//! Last-writer-wins records ([`MergeKind::FieldLww`]) keep a value and a stamp per field; an
//! incoming write wins a field if its stamp is greater. Equal stamps happen only for the same
//! write seen twice (stamps end with the device id, and the clock guard never issues one twice),
//! which changes nothing; should two different values ever carry one stamp, the greater JSON
//! text wins so every order still agrees.
//!
//! **A delete erases.** It is a tombstone stamp kept beside the fields, the greatest delete
//! winning, and every field but the keys (the ids that link the record to its student, group
//! or member, which scopes need to send the tombstone to the devices that saw the record) is
//! dropped from the record if it was written before the tombstone: a deleted record keeps no
//! content, on the server or on any device. A write stamped before the tombstone that arrives
//! later is dropped on arrival. Since the tombstone only grows, a value once dropped is never
//! needed again, so every order of arrival still gives the same record.
//!
//! **A record is deleted while some field its create requires (a key or a required field) is
//! missing or older than its tombstone.** A create stamped after the delete brings it back (a
//! re-added group membership is the same record revived); so do edits that together write
//! every required field after it. An edit of some fields only, stamped after the delete (made
//! on a device that had not seen it), does not bring it back: it would make a record without
//! the fields a create requires. Its values stay with the tombstone, the one way a deleted
//! record holds a value, so that a later re-create still shows them whatever the order.
//!
//! Every value that loses a field, whether it was stored and is overwritten or erased by a
//! delete, or it arrives already older than the stored one or the tombstone, comes back as a
//! [`HistoryEntry`] for the history table (the server's, kept for the kind's retention
//! period; devices never hold history). Each write therefore ends up exactly once either in
//! the record or in the history.
//!
//! A record exists only once it is created: an update or delete of a record that does not
//! exist is refused ([`MergeError::NotCreated`]), because it would leave a partial record (the
//! server defers or rejects such ops before they get here). A create over an existing record
//! may not change a key field ([`MergeError::KeyFieldChanged`]).
//!
//! Because each field, the tombstone and the created stamp all keep the maximum (or minimum)
//! under one total order, applying a set of ops in any order that starts with a create gives
//! the same record, and applying an op twice leaves the record as it was. The set of history entries is
//! order-independent too (only an entry's `superseded_by`, the value that beat it at the time,
//! may differ) provided each op is applied once, which the server ensures by storing ops by id.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::entity::{EntityKind, MergeKind, Presence};
use crate::hlc::Hlc;
use crate::ids::EntityId;
use crate::op::{Op, OpKind};

/// One field's current value and the stamp of the write that set it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldState {
    /// The value; `null` when the field was cleared.
    pub value: Value,
    /// The stamp of the write that set it.
    pub hlc: Hlc,
}

/// A record as the server holds it and sends it to devices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordState {
    /// The kind of record.
    pub entity: EntityKind,
    /// The record's id.
    pub id: EntityId,
    /// Field name to value and stamp.
    #[serde(default)]
    pub fields: BTreeMap<String, FieldState>,
    /// The stamp of the latest delete, if it was ever deleted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted: Option<Hlc>,
    /// The earliest stamp of any op applied to it.
    pub created: Hlc,
}

/// A value that lost its field, for the history (conflicts) table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// The kind of record.
    pub entity: EntityKind,
    /// The record.
    pub entity_id: EntityId,
    /// The field.
    pub field: String,
    /// The value that lost.
    pub value: Value,
    /// The stamp of the write that lost.
    pub hlc: Hlc,
    /// The stamp of the write that beat it.
    pub superseded_by: Hlc,
}

/// What applying an op produced.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    /// The record after the op.
    pub state: RecordState,
    /// Values that lost, to be kept in history.
    pub overwritten: Vec<HistoryEntry>,
    /// True if `state` differs from the record before: the server stores it and gives it a
    /// new sequence number so devices pull it.
    pub changed: bool,
    /// True if an append-only record already held exactly this content.
    pub duplicate: bool,
}

/// Why an op cannot be merged into a record. The server reports these as rejections.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    /// The op names a different record from the one passed in (a caller's mistake).
    #[error("a change to record {incoming} was about to be merged into record {stored}")]
    WrongRecord {
        /// The record passed in.
        stored: EntityId,
        /// The record the op names.
        incoming: EntityId,
    },
    /// The op names a record of another kind.
    #[error("record {id} is {}, not {}", .stored.label_with_article(), .incoming.label_with_article())]
    KindMismatch {
        /// The record.
        id: EntityId,
        /// Its kind.
        stored: EntityKind,
        /// The kind the op names.
        incoming: EntityKind,
    },
    /// An update or delete of an append-only record.
    #[error("{} cannot be changed or deleted once it is recorded", .kind.label_with_article())]
    AppendOnlyChange {
        /// The kind of record.
        kind: EntityKind,
    },
    /// An update or delete of a record that was never created: applying it would make a
    /// partial record (fields without the ones a create requires, or a bare tombstone).
    #[error("this {} is not on the server, so it cannot be changed", .kind.label())]
    NotCreated {
        /// The kind of record.
        kind: EntityKind,
    },
    /// A create over an existing record with another value in a key field: keys link a
    /// record to what it belongs to, and moving it would take it from whoever sees it.
    #[error("the {field} of {} cannot be changed; remove the {} and add a new one", .kind.label_with_article(), .kind.label())]
    KeyFieldChanged {
        /// The kind of record.
        kind: EntityKind,
        /// The key field.
        field: &'static str,
    },
    /// A second, different create of an append-only record.
    #[error("this {} was already recorded with different details and cannot be changed", .kind.label())]
    AlreadyRecorded {
        /// The kind of record.
        kind: EntityKind,
    },
}

impl RecordState {
    /// True if the record is deleted: it has a tombstone, and some field its create requires
    /// (a key or a required field) is missing or older than it. For a kind whose create
    /// requires nothing: every field is older than the tombstone.
    pub fn is_deleted(&self) -> bool {
        let Some(tombstone) = self.deleted else {
            return false;
        };
        let older = |name: &str| {
            self.fields
                .get(name)
                .is_none_or(|field| field.hlc < tombstone)
        };
        let mut required = self
            .entity
            .fields()
            .iter()
            .filter(|spec| spec.presence != Presence::Optional)
            .peekable();
        if required.peek().is_none() {
            return self.fields.values().all(|field| field.hlc < tombstone);
        }
        required.any(|spec| older(spec.name))
    }

    /// Drops every value a deleted record still holds from before its tombstone (a record
    /// stored before deletes erased), returning them as history entries; none if there are
    /// none. Merging already does this for every delete.
    pub fn erase_before_tombstone(&mut self) -> Vec<HistoryEntry> {
        match self.deleted {
            Some(tombstone) => erase_before(self, tombstone),
            None => Vec::new(),
        }
    }

    /// True if `field` is one of the record's keys, which a delete keeps.
    fn is_key(&self, field: &str) -> bool {
        self.entity
            .spec()
            .field(field)
            .is_some_and(|spec| spec.presence == Presence::Key)
    }

    /// A field's value, or `None` if it was never set or was cleared.
    pub fn value(&self, field: &str) -> Option<&Value> {
        self.fields
            .get(field)
            .map(|state| &state.value)
            .filter(|value| !value.is_null())
    }

    /// The greatest stamp in the record; a device observes it after pulling the record.
    pub fn latest(&self) -> Hlc {
        self.fields
            .values()
            .map(|field| field.hlc)
            .chain(self.deleted)
            .fold(self.created, Ord::max)
    }
}

/// What a device shows: `records` (as the server last sent them) with `ops` not yet
/// confirmed by a pull merged on top, in order. An op the merge refuses (the server will reject
/// it) shows no effect, as after the pull. Deleted records stay in the map, marked deleted.
pub fn overlay<'a>(
    records: &mut BTreeMap<EntityId, RecordState>,
    ops: impl IntoIterator<Item = &'a Op>,
) {
    for op in ops {
        let before = records.remove(&op.entity_id);
        let after = match apply(before.clone(), op) {
            Ok(applied) => Some(applied.state),
            Err(_) => before,
        };
        if let Some(state) = after {
            records.insert(op.entity_id, state);
        }
    }
}

/// Applies `op` to `state` (`None` if the server has no such record yet) under the merge rule
/// of the op's kind of record.
///
/// # Errors
/// [`MergeError`] if the op cannot apply to this record; `state` is then unchanged.
pub fn apply(state: Option<RecordState>, op: &Op) -> Result<Applied, MergeError> {
    apply_as(op.entity.merge_kind(), state, op)
}

/// [`apply`] under an explicit merge rule. The server uses [`apply`]; this exists so the
/// append-only rule can be tested before any append-only kind of record ships.
///
/// # Errors
/// As [`apply`].
pub fn apply_as(
    merge: MergeKind,
    state: Option<RecordState>,
    op: &Op,
) -> Result<Applied, MergeError> {
    if let Some(stored) = &state {
        if stored.id != op.entity_id {
            return Err(MergeError::WrongRecord {
                stored: stored.id,
                incoming: op.entity_id,
            });
        }
        if stored.entity != op.entity {
            return Err(MergeError::KindMismatch {
                id: stored.id,
                stored: stored.entity,
                incoming: op.entity,
            });
        }
    }
    match (&state, op.kind) {
        (None, OpKind::Update | OpKind::Delete) if merge == MergeKind::FieldLww => {
            return Err(MergeError::NotCreated { kind: op.entity });
        }
        (Some(stored), OpKind::Create) => {
            if let Some(field) = changed_key(stored, op) {
                return Err(MergeError::KeyFieldChanged {
                    kind: op.entity,
                    field,
                });
            }
        }
        _ => {}
    }
    match merge {
        MergeKind::FieldLww => Ok(merge_lww(state, op)),
        MergeKind::AppendOnly => merge_append_only(state, op),
    }
}

/// The first key field whose stored value `op` (a create) would replace with another. A key
/// the stored record lacks (written before keys were enforced) may be filled in.
fn changed_key(stored: &RecordState, op: &Op) -> Option<&'static str> {
    op.entity
        .fields()
        .iter()
        .filter(|spec| spec.presence == Presence::Key)
        .find(|spec| {
            let incoming = op.fields.get(spec.name);
            stored
                .value(spec.name)
                .is_some_and(|current| incoming != Some(current))
        })
        .map(|spec| spec.name)
}

fn new_record(op: &Op) -> RecordState {
    RecordState {
        entity: op.entity,
        id: op.entity_id,
        fields: BTreeMap::new(),
        deleted: None,
        created: op.hlc,
    }
}

fn merge_lww(state: Option<RecordState>, op: &Op) -> Applied {
    let mut changed = state.is_none();
    let mut record = state.unwrap_or_else(|| new_record(op));
    let mut overwritten = Vec::new();
    if op.hlc < record.created {
        record.created = op.hlc;
        changed = true;
    }
    let lost = |field: &str, value: &Value, hlc: Hlc, superseded_by: Hlc| HistoryEntry {
        entity: op.entity,
        entity_id: op.entity_id,
        field: field.to_owned(),
        value: value.clone(),
        hlc,
        superseded_by,
    };
    match op.kind {
        // A delete's fields (validation forbids any) are ignored, not merged.
        OpKind::Delete => {
            if record.deleted.is_none_or(|tombstone| tombstone < op.hlc) {
                record.deleted = Some(op.hlc);
                changed = true;
                overwritten.extend(erase_before(&mut record, op.hlc));
            }
        }
        OpKind::Create | OpKind::Update => {
            let erased_by = record.deleted.filter(|tombstone| op.hlc < *tombstone);
            for (name, value) in &op.fields {
                let incoming = FieldState {
                    value: value.clone(),
                    hlc: op.hlc,
                };
                let Some(current) = record.fields.get_mut(name) else {
                    // Written before the delete: dropped as the delete dropped what it found
                    // (a field the delete kept, a key, is always present).
                    if let Some(tombstone) = erased_by.filter(|_| !record.is_key(name)) {
                        overwritten.push(lost(name, value, op.hlc, tombstone));
                        continue;
                    }
                    record.fields.insert(name.clone(), incoming);
                    changed = true;
                    continue;
                };
                if current == &incoming {
                    continue;
                }
                if incoming_wins(current, &incoming) {
                    overwritten.push(lost(name, &current.value, current.hlc, op.hlc));
                    *current = incoming;
                    changed = true;
                } else {
                    overwritten.push(lost(name, value, op.hlc, current.hlc));
                }
            }
        }
    }
    Applied {
        state: record,
        overwritten,
        changed,
        duplicate: false,
    }
}

/// Drops from `record` every field but its keys written before `tombstone`, returning them
/// as history entries superseded by the delete.
fn erase_before(record: &mut RecordState, tombstone: Hlc) -> Vec<HistoryEntry> {
    let erased: Vec<String> = record
        .fields
        .iter()
        .filter(|(name, field)| field.hlc < tombstone && !record.is_key(name))
        .map(|(name, _)| name.clone())
        .collect();
    erased
        .into_iter()
        .filter_map(|name| {
            let field = record.fields.remove(&name)?;
            Some(HistoryEntry {
                entity: record.entity,
                entity_id: record.id,
                field: name,
                value: field.value,
                hlc: field.hlc,
                superseded_by: tombstone,
            })
        })
        .collect()
}

/// Last-writer-wins: the greater stamp, then (never in practice) the greater JSON text.
fn incoming_wins(current: &FieldState, incoming: &FieldState) -> bool {
    match incoming.hlc.cmp(&current.hlc) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Equal => {
            let (incoming, current) = (incoming.value.to_string(), current.value.to_string());
            incoming > current
        }
    }
}

fn merge_append_only(state: Option<RecordState>, op: &Op) -> Result<Applied, MergeError> {
    if op.kind != OpKind::Create {
        return Err(MergeError::AppendOnlyChange { kind: op.entity });
    }
    let Some(mut record) = state else {
        let mut record = new_record(op);
        record.fields = op
            .fields
            .iter()
            .map(|(name, value)| {
                let field = FieldState {
                    value: value.clone(),
                    hlc: op.hlc,
                };
                (name.clone(), field)
            })
            .collect();
        return Ok(Applied {
            state: record,
            overwritten: Vec::new(),
            changed: true,
            duplicate: false,
        });
    };
    let same_content = record.fields.len() == op.fields.len()
        && record
            .fields
            .iter()
            .all(|(name, field)| op.fields.get(name) == Some(&field.value));
    if !same_content {
        return Err(MergeError::AlreadyRecorded { kind: op.entity });
    }
    // Keep the earliest stamp of the copies, so arrival order does not matter.
    let changed = op.hlc < record.created;
    if changed {
        record.created = op.hlc;
        for field in record.fields.values_mut() {
            field.hlc = op.hlc;
        }
    }
    Ok(Applied {
        state: record,
        overwritten: Vec::new(),
        changed,
        duplicate: true,
    })
}

#[cfg(test)]
#[path = "merge_tests.rs"]
mod tests;

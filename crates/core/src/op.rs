//! Operations: one local change, stamped on the device, kept in its outbox and pushed to the
//! server, which stores it once by its id and merges it.
//!
//! An [`Edit`] is what a form or an import produces; [`Edit::stamp`] validates it, ticks the
//! device's clock and gives it an op id and the device's next sequence number, making an
//! [`Op`]. The app writes the op and the clock's new state in one IndexedDB transaction.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::entity::EntityKind;
use crate::hlc::{ClockError, Hlc, HlcClock};
use crate::ids::{DeviceId, EntityId, IdError, OpId};
use crate::validation::{ValidationError, check_edit};

/// What an op does to its record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OpKind {
    /// Makes the record, with every required field. Under last-writer-wins a create is also
    /// how a deleted record is added again (a membership re-added, say).
    Create,
    /// Sets some fields (`null` clears an optional one).
    Update,
    /// Deletes the record: a tombstone, so the delete itself syncs and merges.
    Delete,
}

/// A change to one record, before it is stamped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edit {
    /// The kind of record.
    pub entity: EntityKind,
    /// The record.
    pub entity_id: EntityId,
    /// Create, update or delete.
    pub kind: OpKind,
    /// The fields written: name to value (`null` clears an optional field).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, Value>,
}

/// One stamped change, as kept in the outbox, pushed, and stored by the server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Op {
    /// This op's id; the server stores each op once by it.
    pub op_id: OpId,
    /// The device that made it.
    pub device_id: DeviceId,
    /// Its place in the device's outbox, from 1 up; pushes go in this order.
    pub device_seq: u64,
    /// Its clock stamp: the order of last-writer-wins.
    pub hlc: Hlc,
    /// [`crate::SCHEMA_VERSION`] of the app that made it.
    pub schema_version: u32,
    /// The kind of record.
    pub entity: EntityKind,
    /// The record.
    pub entity_id: EntityId,
    /// Create, update or delete.
    pub kind: OpKind,
    /// The fields written.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, Value>,
}

/// Why an edit could not be stamped. Nothing was written and the clock is unchanged when the
/// edit is invalid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StampError {
    /// The edit breaks a rule of its kind of record.
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    /// The clock could not make a stamp.
    #[error(transparent)]
    Clock(#[from] ClockError),
    /// The op id could not be made.
    #[error(transparent)]
    Id(#[from] IdError),
}

impl Edit {
    /// A create of `entity_id` with `fields`.
    pub fn create(
        entity: EntityKind,
        entity_id: EntityId,
        fields: BTreeMap<String, Value>,
    ) -> Self {
        Self {
            entity,
            entity_id,
            kind: OpKind::Create,
            fields,
        }
    }

    /// A create of `entity_id` with the values of `record`, its kind's typed struct (fields
    /// left `None` are left out), so a new record is written as it is read.
    pub fn create_record<T: crate::records::TypedRecord>(entity_id: EntityId, record: &T) -> Self {
        let fields = match serde_json::to_value(record) {
            Ok(Value::Object(object)) => object
                .into_iter()
                .filter(|(_, value)| !value.is_null())
                .collect(),
            // A typed record is a struct of plain fields: it serializes to an object. Anything
            // else leaves the create empty, which validation refuses.
            _ => BTreeMap::new(),
        };
        Self::create(T::KIND, entity_id, fields)
    }

    /// An update of `fields` of `entity_id`.
    pub fn update(
        entity: EntityKind,
        entity_id: EntityId,
        fields: BTreeMap<String, Value>,
    ) -> Self {
        Self {
            entity,
            entity_id,
            kind: OpKind::Update,
            fields,
        }
    }

    /// A delete of `entity_id`.
    pub fn delete(entity: EntityKind, entity_id: EntityId) -> Self {
        Self {
            entity,
            entity_id,
            kind: OpKind::Delete,
            fields: BTreeMap::new(),
        }
    }

    /// Checks the edit against its kind's field catalogue and rules.
    ///
    /// # Errors
    /// The first problem, as a [`ValidationError`] a person can read.
    pub fn validate(&self) -> Result<(), ValidationError> {
        check_edit(self.entity, self.entity_id, self.kind, &self.fields)
    }

    /// Validates the edit and turns it into an op: ticks `clock` at `now_ms`, and makes the op
    /// id from the stamp's time and `random` (10 bytes from the platform's secure random
    /// source). `device_seq` is the device's next outbox number.
    ///
    /// # Errors
    /// [`StampError`] if the edit is invalid (the clock is then untouched) or the clock has
    /// run out of room.
    pub fn stamp(
        self,
        clock: &mut HlcClock,
        device_seq: u64,
        now_ms: u64,
        random: [u8; 10],
    ) -> Result<Op, StampError> {
        self.validate()?;
        let hlc = clock.tick(now_ms)?;
        let op_id = OpId::from_time_and_random(hlc.millis(), random)?;
        Ok(Op {
            op_id,
            device_id: clock.device(),
            device_seq,
            hlc,
            schema_version: crate::SCHEMA_VERSION,
            entity: self.entity,
            entity_id: self.entity_id,
            kind: self.kind,
            fields: self.fields,
        })
    }
}

impl Op {
    /// Checks the op as the server does before merging it: the stamp is the op's own
    /// device's, and the edit is valid.
    ///
    /// # Errors
    /// The first problem, as a [`ValidationError`].
    pub fn validate(&self) -> Result<(), ValidationError> {
        if self.hlc.device() != self.device_id {
            return Err(ValidationError::ForeignStamp);
        }
        check_edit(self.entity, self.entity_id, self.kind, &self.fields)
    }

    /// A digest of everything in the op (SHA-256, 64 hex digits). The server keeps it with
    /// the op, so a resend (same op id, same content) is told from a different op that
    /// reuses the id. Each part is length-prefixed, so no two different ops share the text
    /// that is hashed.
    pub fn digest(&self) -> String {
        let mut hasher = Sha256::new();
        let mut part = |text: &str| {
            hasher.update(text.len().to_string().as_bytes());
            hasher.update(b":");
            hasher.update(text.as_bytes());
        };
        part(&self.op_id.to_string());
        part(&self.device_id.to_string());
        part(&self.device_seq.to_string());
        part(&self.hlc.encode());
        part(&self.schema_version.to_string());
        part(self.entity.as_str());
        part(&self.entity_id.to_string());
        part(match self.kind {
            OpKind::Create => "create",
            OpKind::Update => "update",
            OpKind::Delete => "delete",
        });
        for (name, value) in &self.fields {
            part(name);
            part(&value.to_string());
        }
        hasher
            .finalize()
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect()
    }

    /// The same op with its clock stamp replaced (by the server's clock guard).
    pub fn with_hlc(&self, hlc: Hlc) -> Op {
        Op {
            hlc,
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn device() -> DeviceId {
        DeviceId::from_time_and_random(1_700_000_000_000, [1; 10]).unwrap()
    }

    fn student_fields() -> BTreeMap<String, Value> {
        serde_json::from_value(json!({
            "given_name": "Tamsin", "family_name": "Oakridge", "year_group": 9
        }))
        .unwrap()
    }

    #[test]
    fn stamping_ticks_the_clock_and_fills_the_op() {
        let mut clock = HlcClock::new(device());
        let student = EntityId::from_time_and_random(1, [2; 10]).unwrap();
        let op = Edit::create(EntityKind::Student, student, student_fields())
            .stamp(&mut clock, 1, 1_700_000_000_500, [3; 10])
            .unwrap();
        assert_eq!(op.device_id, device());
        assert_eq!(op.hlc, clock.last());
        assert_eq!(op.hlc.millis(), 1_700_000_000_500);
        assert_eq!(op.schema_version, crate::SCHEMA_VERSION);
        assert!(op.validate().is_ok());
        let json = serde_json::to_value(&op).unwrap();
        assert_eq!(json["kind"], "create");
        assert_eq!(json["entity"], "student");
        assert_eq!(serde_json::from_value::<Op>(json).unwrap(), op);
    }

    #[test]
    fn an_invalid_edit_is_refused_before_the_clock_moves() {
        let mut clock = HlcClock::new(device());
        let student = EntityId::from_time_and_random(1, [2; 10]).unwrap();
        let mut fields = student_fields();
        fields.insert("year_group".into(), json!(15));
        let err = Edit::create(EntityKind::Student, student, fields)
            .stamp(&mut clock, 1, 1_700_000_000_500, [3; 10])
            .unwrap_err();
        assert_eq!(err.to_string(), "year_group must be 7 to 13, got 15");
        assert_eq!(clock, HlcClock::new(device()));
    }

    #[test]
    fn the_digest_changes_with_any_part_of_the_op() {
        let mut clock = HlcClock::new(device());
        let student = EntityId::from_time_and_random(1, [2; 10]).unwrap();
        let op = Edit::create(EntityKind::Student, student, student_fields())
            .stamp(&mut clock, 1, 1_700_000_000_500, [3; 10])
            .unwrap();
        assert_eq!(op.digest(), op.clone().digest());
        assert_eq!(op.digest().len(), 64);
        let mut renamed = op.clone();
        renamed.fields.insert("given_name".into(), json!("Tam"));
        let mut renumbered = op.clone();
        renumbered.device_seq = 2;
        let mut moved = op.clone();
        moved.device_id = DeviceId::from_time_and_random(1, [9; 10]).unwrap();
        for other in [renamed, renumbered, moved] {
            assert_ne!(other.digest(), op.digest());
        }
    }

    #[test]
    fn an_op_whose_stamp_names_another_device_is_invalid() {
        let mut clock = HlcClock::new(device());
        let student = EntityId::from_time_and_random(1, [2; 10]).unwrap();
        let mut op = Edit::delete(EntityKind::Student, student)
            .stamp(&mut clock, 1, 5, [3; 10])
            .unwrap();
        op.device_id = DeviceId::from_time_and_random(1, [9; 10]).unwrap();
        assert_eq!(op.validate(), Err(ValidationError::ForeignStamp));
    }
}

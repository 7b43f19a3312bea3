//! Fixtures shared by the sync tests: fictional people, fixed ids, a fixed start time.

#![allow(dead_code)] // Each test file uses a different part.

use std::collections::BTreeMap;

use mentor_core::{DeviceId, Edit, EntityId, EntityKind, HlcClock, Op, OpId, PushRequest};
use serde_json::{Value, json};

/// 2026-01-05 08:30 UTC, a Monday morning.
pub const START_MS: u64 = 1_767_601_800_000;

/// How far ahead of the server a stamp may be in these tests.
pub const MAX_AHEAD_MS: u64 = 60_000;

pub const MINUTE_MS: u64 = 60_000;
pub const DAY_MS: u64 = 86_400_000;

pub fn device_id(n: usize) -> DeviceId {
    let mut random = [0xd0; 10];
    random[9] = u8::try_from(n).unwrap();
    DeviceId::from_time_and_random(START_MS - DAY_MS, random).unwrap()
}

pub fn student_id(n: usize) -> EntityId {
    let mut random = [0x5e; 10];
    random[9] = u8::try_from(n).unwrap();
    EntityId::from_time_and_random(START_MS - DAY_MS, random).unwrap()
}

pub fn fields(value: Value) -> BTreeMap<String, Value> {
    serde_json::from_value(value).unwrap()
}

pub fn new_student(n: usize, given: &str, family: &str, year: i64) -> Edit {
    Edit::create(
        EntityKind::Student,
        student_id(n),
        fields(json!({"given_name": given, "family_name": family, "year_group": year})),
    )
}

pub fn update_student(n: usize, value: Value) -> Edit {
    Edit::update(EntityKind::Student, student_id(n), fields(value))
}

/// A record id made the way the app makes one (UUIDv7), distinct from every `student_id`.
pub fn record_id(n: usize) -> EntityId {
    let mut random = [0x7a; 10];
    random[8..].copy_from_slice(&u16::try_from(n).unwrap().to_be_bytes());
    EntityId::from_time_and_random(START_MS - DAY_MS, random).unwrap()
}

/// A Learning Passport strategy for `student`.
pub fn strategy(id: EntityId, student: EntityId, text: &str) -> Edit {
    Edit::create(
        EntityKind::PassportStrategy,
        id,
        fields(json!({"text": text, "student_id": student.to_string()})),
    )
}

/// A device driven by hand: its ops are stamped in `device_seq` order like the app's, and
/// a test pushes them in whatever order and grouping it likes, playing a network (or a
/// faulty app) that delivers them out of order.
pub struct Tablet {
    pub device: DeviceId,
    clock: HlcClock,
    seq: u64,
}

impl Tablet {
    pub fn new(n: usize) -> Self {
        Self {
            device: device_id(n),
            clock: HlcClock::new(device_id(n)),
            seq: 0,
        }
    }

    /// Stamps `edit` with the device's next `device_seq`, its wall clock reading `wall_ms`.
    pub fn op(&mut self, edit: Edit, wall_ms: u64) -> Op {
        self.seq += 1;
        let mut random = [0x0b; 10];
        random[..8].copy_from_slice(&self.seq.to_be_bytes());
        random[8] = self.device.as_uuid().as_bytes()[15];
        edit.stamp(&mut self.clock, self.seq, wall_ms, random)
            .unwrap()
    }

    /// Stamps `edit` without validating it, as a faulty or hostile app might.
    pub fn op_unchecked(&mut self, edit: Edit, wall_ms: u64) -> Op {
        self.seq += 1;
        let hlc = self.clock.tick(wall_ms).unwrap();
        let mut random = [0x0c; 10];
        random[..8].copy_from_slice(&self.seq.to_be_bytes());
        random[8] = self.device.as_uuid().as_bytes()[15];
        Op {
            op_id: OpId::from_time_and_random(hlc.millis(), random).unwrap(),
            device_id: self.device,
            device_seq: self.seq,
            hlc,
            schema_version: mentor_core::SCHEMA_VERSION,
            entity: edit.entity,
            entity_id: edit.entity_id,
            kind: edit.kind,
            fields: edit.fields,
        }
    }

    /// A push of exactly `ops`, in the order given.
    pub fn request(&self, ops: &[Op]) -> PushRequest {
        PushRequest {
            device_id: self.device,
            schema_version: mentor_core::SCHEMA_VERSION,
            ops: ops.to_vec(),
        }
    }
}

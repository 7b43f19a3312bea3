//! Fixtures shared by the sync tests: fictional people, fixed ids, a fixed start time.

#![allow(dead_code)] // Each test file uses a different part.

use std::collections::BTreeMap;

use mentor_core::{DeviceId, Edit, EntityId, EntityKind};
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

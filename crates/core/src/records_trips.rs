//! Typed records of trips (declared in `kinds/trips.rs`).

use serde::{Deserialize, Serialize};

use crate::ids::EntityId;

/// A school trip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trip {
    pub name: String,
    pub destination: String,
    /// The first day, `YYYY-MM-DD`.
    pub starts_on: String,
    /// The last day, `YYYY-MM-DD`.
    pub ends_on: String,
    /// The member of staff who leads it.
    pub leader_id: EntityId,
    /// The number staff ring in an emergency (the school's, or the trip's own).
    pub emergency_phone: String,
}

/// A child or a member of staff on a trip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TripMember {
    pub trip_id: EntityId,
    /// `student` or `staff`.
    pub member_kind: String,
    pub member_id: EntityId,
    /// For a child, the member of staff whose group they are in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with_staff_id: Option<EntityId>,
    /// A consent or exclusion note ("No photographs", "Consent by phone").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl TripMember {
    /// True for a child on the trip (not a member of staff).
    pub fn is_student(&self) -> bool {
        self.member_kind == "student"
    }
}

/// A roll call at a checkpoint of a trip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RollCall {
    pub trip_id: EntityId,
    /// The checkpoint: "Departure", "Lunch", or any name.
    pub name: String,
    pub opened_by: EntityId,
    /// In milliseconds since 1970 (UTC).
    pub opened_at: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_at: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_by: Option<EntityId>,
}

/// One child in a roll call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RollCallMark {
    pub roll_call_id: EntityId,
    pub trip_id: EntityId,
    pub student_id: EntityId,
    /// `found`, `missing` (a mark taken back), `with_parent`, `sent_home` or `other`.
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub marked_by: EntityId,
    /// In milliseconds since 1970 (UTC).
    pub marked_at: i64,
}

/// Something that happened on a trip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TripIncident {
    pub trip_id: EntityId,
    pub recorded_by: EntityId,
    /// In milliseconds since 1970 (UTC).
    pub happened_at: i64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub student_ids: Vec<EntityId>,
    pub what_happened: String,
    pub action_taken: String,
}

/// One item of a trip's risk-assessment checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TripCheck {
    pub trip_id: EntityId,
    pub text: String,
    /// Where it comes in the list, from 0.
    pub position: u16,
    /// When it was ticked, in milliseconds since 1970 (UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_at: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_by: Option<EntityId>,
}

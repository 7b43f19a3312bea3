//! Typed records of registers (declared in `kinds/registers.rs`).

use serde::{Deserialize, Serialize};

use crate::ids::EntityId;

/// A register of a teaching group for one date and session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Register {
    /// The teaching group.
    pub group_id: EntityId,
    /// The day, `YYYY-MM-DD`.
    pub date: String,
    /// The session: "AM", "PM", a period ("P3") or a club's name.
    pub session: String,
    /// Who opened it.
    pub opened_by: EntityId,
    /// When it was opened, in milliseconds since 1970 (UTC).
    pub opened_at: i64,
    /// When it was completed, if it is (cleared when it is re-opened).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_at: Option<i64>,
    /// Who completed it, if it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_by: Option<EntityId>,
    /// What the session covered (an intervention session's short note).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Register {
    /// True once completed (and not re-opened since).
    pub fn is_complete(&self) -> bool {
        self.completed_at.is_some()
    }
}

/// One student's mark in a register.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RegisterMark {
    /// The register.
    pub register_id: EntityId,
    /// The register's teaching group.
    pub group_id: EntityId,
    /// The student.
    pub student_id: EntityId,
    /// `present`, `absent`, `late`, `excused` or `left_early`.
    pub mark: String,
    /// When a late student arrived or a student left early, `HH:MM`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_time: Option<String>,
    /// A short note, if written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Who marked it last.
    pub marked_by: EntityId,
    /// When it was marked last, in milliseconds since 1970 (UTC).
    pub marked_at: i64,
}

//! Typed records of hover support in lessons (declared in `kinds/lessons.rs`).

use serde::{Deserialize, Serialize};

use crate::ids::EntityId;

/// A lesson a member of staff supported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lesson {
    /// The teaching group it was started from.
    pub group_id: EntityId,
    /// Who supported it.
    pub author_id: EntityId,
    /// When it started, in milliseconds since 1970 (UTC).
    pub started_at: i64,
    /// When it was ended, if it has been.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<i64>,
    /// The subject, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The room, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<String>,
    /// The period, if given ("P3").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
}

/// A note about one student in a lesson.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LessonNote {
    /// The lesson.
    pub lesson_id: EntityId,
    /// The lesson's teaching group.
    pub group_id: EntityId,
    /// The student.
    pub student_id: EntityId,
    /// Who wrote it.
    pub author_id: EntityId,
    /// When it was recorded, in milliseconds since 1970 (UTC).
    pub recorded_at: i64,
    /// Its tags, in the order chosen.
    pub tags: Vec<String>,
    /// One line of text, if written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Engagement, 1 to 5, if rated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engagement: Option<u8>,
    /// The Passport strategy used, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strategy_id: Option<EntityId>,
    /// Whether it helped: `yes`, `partly` or `no`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strategy_helped: Option<String>,
    /// True if the author marked it for the teacher's attention.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub for_teacher: Option<bool>,
}

/// Where a group's students sit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatingPlan {
    /// The group.
    pub group_id: EntityId,
    /// Seats in a row.
    pub columns: u8,
    /// The students in seat order, row by row from the front left.
    pub seats: Vec<EntityId>,
}

//! Typed records of mentoring and progress (declared in `kinds/progress.rs`).

use serde::{Deserialize, Serialize};

use crate::ids::EntityId;

/// A target set with a student.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    pub student_id: EntityId,
    pub text: String,
    /// `academic`, `attendance`, `behaviour`, `wellbeing` or `independence`.
    pub area: String,
    /// `YYYY-MM-DD`.
    pub starts_on: String,
    /// `YYYY-MM-DD`: reviewed on or after this day.
    pub review_on: String,
    /// The member of staff who set it.
    pub set_by: EntityId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success_criteria: Option<String>,
    /// A strategy of the student's Learning Passport it works through.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strategy_id: Option<EntityId>,
    /// The EHCP outcome it serves, as the plan words it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ehcp_outcome: Option<String>,
    /// `open`, `carried_on`, `met` or `dropped`.
    pub status: String,
}

/// A review of a target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetReview {
    pub target_id: EntityId,
    pub student_id: EntityId,
    /// `YYYY-MM-DD`.
    pub reviewed_on: String,
    /// −2 to +2.
    pub score: i8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// `carried_on`, `met` or `dropped`.
    pub outcome: String,
    pub reviewed_by: EntityId,
}

//! Typed records of mentoring and progress (declared in `kinds/progress.rs` and
//! `kinds/mentoring.rs`, `kinds/tracking.rs`).

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

/// A mentoring session with one student (declared in `kinds/mentoring.rs`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentoringSession {
    pub student_id: EntityId,
    /// `YYYY-MM-DD`.
    pub held_on: String,
    /// The member of staff who held it.
    pub held_by: EntityId,
    pub minutes: u16,
    /// From the school's topic list.
    pub topics: Vec<String>,
    /// What was discussed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discussed: Option<String>,
    /// What the student said, in their own words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub student_words: Option<String>,
    /// `YYYY-MM-DD`: when the next session is due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_on: Option<String>,
    /// Shared by the records of one small-group session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occasion_id: Option<EntityId>,
}

/// Something agreed in a mentoring session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentoringAction {
    pub session_id: EntityId,
    pub student_id: EntityId,
    pub text: String,
    /// A member of staff, or the student (their own id).
    pub owner_id: EntityId,
    /// `YYYY-MM-DD`.
    pub due_on: String,
    /// `YYYY-MM-DD`: the day it was done; open until then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_on: Option<String>,
}

/// One of the school's tracking scales (declared in `kinds/tracking.rs`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackingScale {
    pub name: String,
    /// The labels, lowest first.
    pub points: Vec<String>,
}

impl TrackingScale {
    /// The label of `level` (1 = the lowest), or the level in words if the scale has no
    /// such point (it was shortened after the value was recorded).
    pub fn label(&self, level: u8) -> String {
        usize::from(level)
            .checked_sub(1)
            .and_then(|index| self.points.get(index))
            .cloned()
            .unwrap_or_else(|| format!("Level {level}"))
    }
}

/// A student's level on a tracking scale, in a subject, on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackingValue {
    pub scale_id: EntityId,
    pub student_id: EntityId,
    pub subject: String,
    /// `YYYY-MM-DD`.
    pub recorded_on: String,
    /// 1 = the scale's lowest label.
    pub level: u8,
    pub recorded_by: EntityId,
}

/// The mentor's summary paragraph of a progress report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressSummary {
    pub student_id: EntityId,
    /// `YYYY-MM-DD`: the first day the report covers.
    pub period_from: String,
    /// `YYYY-MM-DD`: the last day the report covers.
    pub period_to: String,
    pub text: String,
    pub written_by: EntityId,
}

/// An intervention programme (declared in `kinds/interventions.rs`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Intervention {
    /// The teaching group set up for it: its students, its lead, its registers.
    pub group_id: EntityId,
    pub name: String,
    pub lead_id: EntityId,
    pub planned_sessions: u16,
    /// `score`, `reading_age` (in months), `standardised` or `scale`.
    pub measure: String,
    pub measure_min: i64,
    pub measure_max: i64,
    /// The school's tracking scale, when the measure is `scale`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale_id: Option<EntityId>,
    /// `YYYY-MM-DD`: registers from this day are its sessions.
    pub starts_on: String,
}

/// A student's entry and exit scores on a programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterventionScore {
    pub intervention_id: EntityId,
    pub student_id: EntityId,
    pub group_id: EntityId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exit: Option<i64>,
}

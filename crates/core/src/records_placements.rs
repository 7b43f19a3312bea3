//! Typed records of work-experience placements (declared in `kinds/placements.rs`).

use serde::{Deserialize, Serialize};

use crate::ids::EntityId;

/// A learner's placement with an employer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placement {
    pub student_id: EntityId,
    /// The member of staff who visits.
    pub visitor_id: EntityId,
    pub employer: String,
    pub address: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supervisor_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supervisor_phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supervisor_email: Option<String>,
    /// `YYYY-MM-DD`.
    pub starts_on: String,
    /// `YYYY-MM-DD`.
    pub ends_on: String,
    /// Days and hours, as written ("Mon–Fri, 9:00–15:30").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<String>,
    /// `planned`, `active`, `completed` or `ended_early`.
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check_risk_on: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check_risk_by: Option<EntityId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check_insurance_on: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check_insurance_by: Option<EntityId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check_consent_on: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check_consent_by: Option<EntityId>,
    /// Why the coordinator made it active with a check missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub override_reason: Option<String>,
}

impl Placement {
    /// The checks not yet recorded, by what they are.
    pub fn missing_checks(&self) -> Vec<&'static str> {
        let done = [
            self.check_risk_on.is_some(),
            self.check_insurance_on.is_some(),
            self.check_consent_on.is_some(),
        ];
        crate::kinds::PLACEMENT_CHECKS
            .iter()
            .zip(done)
            .filter(|(_, done)| !done)
            .map(|((_, what), _)| *what)
            .collect()
    }

    /// Why it may not become active as it stands: a check missing and no override reason.
    pub fn activation_refusal(&self) -> Option<String> {
        let missing = self.missing_checks();
        if missing.is_empty() || self.override_reason.is_some() {
            return None;
        }
        Some(format!(
            "This placement cannot start until every check is recorded (missing: {}), unless the coordinator gives a reason to start it anyway.",
            missing.join("; ")
        ))
    }
}

/// A visit to a learner at their placement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacementVisit {
    pub placement_id: EntityId,
    pub student_id: EntityId,
    pub visitor_id: EntityId,
    /// `YYYY-MM-DD`.
    pub planned_on: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finished_at: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub learner_present: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub induction_done: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub knows_who_to_report_to: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tasks_appropriate: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wellbeing_rating: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wellbeing: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attendance: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employer_rating: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employer_feedback: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub learner_words: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concerns: Option<String>,
    /// The workplace supervisor's name, typed by them as acknowledgement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acknowledged_by: Option<String>,
}

/// Something to do after a visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub visit_id: EntityId,
    pub student_id: EntityId,
    pub owner_id: EntityId,
    pub text: String,
    /// `YYYY-MM-DD`.
    pub due_on: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_at: Option<i64>,
}

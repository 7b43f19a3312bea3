//! Records as typed structs: what the app and the server read a record's current values into,
//! instead of looking fields up by name. Each struct is named beside its kind's declaration in
//! the catalogue ([`crate::entity`]), and a test checks that its fields are exactly the
//! declared ones, so a struct cannot drift from its declaration.
//!
//! Optional fields are `Option`s; choice fields are their stored words (the declaration lists
//! them). Read one with [`RecordState::read`].

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::entity::EntityKind;
use crate::ids::EntityId;
use crate::merge::RecordState;
use crate::role::Role;

/// A struct that holds the current values of one kind of record.
pub trait TypedRecord: DeserializeOwned + Serialize {
    /// The kind it reads.
    const KIND: EntityKind;
}

/// Why a record could not be read as a typed struct.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// The record is of another kind.
    #[error("record {id} is {}, not {}", .found.label_with_article(), .wanted.label_with_article())]
    OtherKind {
        /// Its id.
        id: EntityId,
        /// Its kind.
        found: EntityKind,
        /// The kind asked for.
        wanted: EntityKind,
    },
    /// A value is missing or of the wrong type (a record written by a newer release, or
    /// damaged).
    #[error("{} {id} cannot be read: {reason}", .kind.label_with_article())]
    Values {
        /// Its kind.
        kind: EntityKind,
        /// Its id.
        id: EntityId,
        /// What serde said.
        reason: String,
    },
}

impl RecordState {
    /// The record's current values as one JSON object (fields never set or cleared left out).
    /// Not generic, so [`Self::read`] adds only its deserializer per struct to the app.
    pub fn current_values(&self) -> Value {
        let mut values = Map::new();
        for spec in self.entity.fields() {
            if let Some(value) = self.value(spec.name) {
                values.insert(spec.name.to_owned(), value.clone());
            }
        }
        Value::Object(values)
    }

    /// The record's current values as `T`.
    ///
    /// # Errors
    /// [`ReadError`] if the record is of another kind or a value does not fit.
    pub fn read<T: TypedRecord>(&self) -> Result<T, ReadError> {
        if self.entity != T::KIND {
            return Err(ReadError::OtherKind {
                id: self.id,
                found: self.entity,
                wanted: T::KIND,
            });
        }
        serde_json::from_value(self.current_values()).map_err(|err| ReadError::Values {
            kind: self.entity,
            id: self.id,
            reason: err.to_string(),
        })
    }
}

/// The live (not deleted) records among `records` read as `T`, with their ids, in order.
/// Records that cannot be read as `T` (another kind, or written by a newer release) are left
/// out.
pub fn live<T: TypedRecord>(records: &[RecordState]) -> impl Iterator<Item = (EntityId, T)> + '_ {
    records
        .iter()
        .filter(|record| !record.is_deleted())
        .filter_map(|record| Some((record.id, record.read::<T>().ok()?)))
}

/// The school's settings for every device.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SchoolSettings {
    /// Minutes without a touch after which the app locks (1–30; the app's default when
    /// unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lock_after_minutes: Option<u32>,
    /// The tags a lesson note offers, in order ([`crate::kinds::DEFAULT_NOTE_TAGS`] when
    /// unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_tags: Option<Vec<String>>,
    /// Years the server keeps the history of deleted safeguarding-relevant records (7 when
    /// unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safeguarding_years: Option<u16>,
    /// The checklist a new trip starts with ([`crate::kinds::DEFAULT_TRIP_CHECKS`] when
    /// unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trip_checks: Option<Vec<String>>,
    /// The topics a mentoring session offers, in order
    /// ([`crate::kinds::DEFAULT_MENTORING_TOPICS`] when unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mentoring_topics: Option<Vec<String>>,
    /// The names of a target review's score points, lowest first
    /// ([`crate::kinds::DEFAULT_SCORE_NAMES`] when unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score_names: Option<Vec<String>>,
}

impl SchoolSettings {
    /// The tags a lesson note offers, in order: the school's, or the defaults.
    pub fn note_tags(&self) -> Vec<String> {
        or_defaults(self.note_tags.as_ref(), crate::kinds::DEFAULT_NOTE_TAGS)
    }

    /// The checklist a new trip starts with: the school's, or the defaults.
    pub fn trip_checks(&self) -> Vec<String> {
        or_defaults(self.trip_checks.as_ref(), crate::kinds::DEFAULT_TRIP_CHECKS)
    }

    /// The names of the score's points from −2 to +2: the school's five, or the defaults
    /// (also when a list of another length was stored).
    pub fn score_names(&self) -> Vec<String> {
        match &self.score_names {
            Some(names) if names.len() == crate::kinds::DEFAULT_SCORE_NAMES.len() => names.clone(),
            _ => or_defaults(None, crate::kinds::DEFAULT_SCORE_NAMES),
        }
    }

    /// The topics a mentoring session offers, in order: the school's, or the defaults.
    pub fn mentoring_topics(&self) -> Vec<String> {
        or_defaults(
            self.mentoring_topics.as_ref(),
            crate::kinds::DEFAULT_MENTORING_TOPICS,
        )
    }
}

/// The school's list, or the defaults when it has none.
fn or_defaults(list: Option<&Vec<String>>, defaults: &[&str]) -> Vec<String> {
    match list {
        Some(list) if !list.is_empty() => list.clone(),
        _ => defaults.iter().map(|item| (*item).to_owned()).collect(),
    }
}

/// A member of staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Staff {
    /// The name to show.
    pub display_name: String,
    /// Their school email address (their sign-in name): only administrators receive it,
    /// so on everyone else's device it is `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Their role.
    pub role: Role,
}

/// A student on roll.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Student {
    /// First name.
    pub given_name: String,
    /// Surname.
    pub family_name: String,
    /// The name they go by, if not their first name.
    pub preferred_name: Option<String>,
    /// Their pronouns.
    pub pronouns: Option<String>,
    /// Year 7 to 13.
    pub year_group: u8,
    /// Their form ("9RW").
    pub form_group: Option<String>,
    /// Unique pupil number.
    pub upn: Option<String>,
    /// `none`, `sen_support` or `ehcp`.
    pub send_status: Option<String>,
}

/// A teaching group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeachingGroup {
    /// Its name ("9X/Ma1").
    pub name: String,
    /// What it studies.
    pub subject: Option<String>,
    /// Its year, if it has one.
    pub year_group: Option<u8>,
}

/// A student or member of staff in a teaching group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupMembership {
    /// The group.
    pub group_id: EntityId,
    /// The student or member of staff.
    pub member_id: EntityId,
    /// `student` or `staff`.
    pub member_kind: String,
}

/// A student on a mentor's caseload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseloadAssignment {
    /// The mentor.
    pub mentor_id: EntityId,
    /// The student.
    pub student_id: EntityId,
}

/// One line of a student's Learning Passport: a need, a strategy that helps, something that
/// does not help, or the student's own words (the four kinds share this shape).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PassportItem {
    /// What it says.
    pub text: String,
    /// The student.
    pub student_id: EntityId,
}

/// A Learning Passport need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PassportNeed(pub PassportItem);

/// A Learning Passport strategy ("what helps me").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PassportStrategy(pub PassportItem);

/// Something that does not help the student.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PassportUnhelpful(pub PassportItem);

/// The student's own words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PassportVoice(pub PassportItem);

macro_rules! passport_items {
    ($($kind:ident),+) => {$(
        impl From<$kind> for PassportItem {
            fn from(item: $kind) -> Self {
                item.0
            }
        }
    )+};
}

passport_items!(
    PassportNeed,
    PassportStrategy,
    PassportUnhelpful,
    PassportVoice
);

/// A medical condition, medication, allergy or dietary need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MedicalNote {
    /// `condition`, `medication`, `allergy` or `dietary`.
    pub kind: String,
    /// What staff need to know.
    pub text: String,
    /// `mild`, `moderate`, `severe` or `life_threatening`.
    pub severity: Option<String>,
    /// The student.
    pub student_id: EntityId,
}

/// Someone to call about a student in an emergency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmergencyContact {
    /// Their name.
    pub name: String,
    /// Who they are to the student ("Mother", "Carer").
    pub relationship: String,
    /// The number to call first.
    pub phone_primary: String,
    /// Another number.
    pub phone_secondary: Option<String>,
    /// The order to call contacts in; 1 first.
    pub priority: u8,
    /// The student.
    pub student_id: EntityId,
}

#[path = "records_lessons.rs"]
mod lessons;
pub use lessons::{Lesson, LessonNote, SeatingPlan};

#[path = "records_placements.rs"]
mod placements;
pub use placements::{FollowUp, Placement, PlacementVisit};

#[path = "records_progress.rs"]
mod progress;
pub use progress::{
    Intervention, InterventionScore, MentoringAction, MentoringSession, ProgressSummary, Target,
    TargetReview, TrackingScale, TrackingValue,
};

#[path = "records_registers.rs"]
mod registers;
pub use registers::{Register, RegisterMark};

#[path = "records_trips.rs"]
mod trips;
pub use trips::{RollCall, RollCallMark, Trip, TripCheck, TripIncident, TripMember};

#[cfg(test)]
#[path = "records_tests.rs"]
mod tests;

//! A student's profile as the profile page reads it: the student, their Learning Passport,
//! medical notes and emergency contacts, and who may change which part.
//!
//! The device holds exactly what the server let it pull, so the page only picks out the
//! records of one student; it never decides who may see what.

use std::collections::BTreeMap;

use mentor_core::entity::EntityKind;
use mentor_core::ids::EntityId;
use mentor_core::merge::RecordState;
use mentor_core::role::Role;
use serde_json::Value;

use super::student_details::StudentDetails;
use crate::storage::{LocalStore, platform};

/// One text item of a Learning Passport (a need, a strategy, something that does not help,
/// the student's own words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassportItem {
    pub id: EntityId,
    pub text: String,
}

/// A medical note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MedicalNote {
    pub id: EntityId,
    /// `condition`, `medication`, `allergy` or `dietary`.
    pub kind: String,
    pub text: String,
    /// `mild`, `moderate`, `severe`, `life_threatening`, or empty when not recorded.
    pub severity: String,
}

/// An emergency contact.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EmergencyContact {
    pub id: EntityId,
    pub name: String,
    pub relationship: String,
    pub phone_primary: String,
    pub phone_secondary: String,
    /// 1 is called first.
    pub priority: u64,
}

/// Everything the profile page shows about one student.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Profile {
    /// `None` when the student is not on this device.
    pub student: Option<StudentDetails>,
    pub needs: Vec<PassportItem>,
    pub strategies: Vec<PassportItem>,
    pub unhelpful: Vec<PassportItem>,
    pub voice: Option<PassportItem>,
    pub medical: Vec<MedicalNote>,
    pub contacts: Vec<EmergencyContact>,
}

fn text(record: &RecordState, field: &str) -> String {
    record
        .value(field)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// The live records among `records` that belong to `student`, oldest first (new ids are
/// time-ordered).
fn of_student(records: &[RecordState], student: EntityId) -> impl Iterator<Item = &RecordState> {
    let student = student.to_string();
    records.iter().filter(move |record| {
        !record.is_deleted()
            && record.value("student_id").and_then(Value::as_str) == Some(student.as_str())
    })
}

fn items(records: &[RecordState], student: EntityId) -> Vec<PassportItem> {
    let mut items: Vec<PassportItem> = of_student(records, student)
        .map(|record| PassportItem {
            id: record.id,
            text: text(record, "text"),
        })
        .collect();
    items.sort_by_key(|item| item.id);
    items
}

/// How urgent a severity is: life-threatening first.
pub fn severity_rank(severity: &str) -> u8 {
    match severity {
        "life_threatening" => 0,
        "severe" => 1,
        "moderate" => 2,
        "mild" => 3,
        _ => 4,
    }
}

/// The kinds a profile is built from, read together in one transaction.
const PROFILE_KINDS: [EntityKind; 7] = [
    EntityKind::Student,
    EntityKind::PassportNeed,
    EntityKind::PassportStrategy,
    EntityKind::PassportUnhelpful,
    EntityKind::PassportVoice,
    EntityKind::MedicalNote,
    EntityKind::EmergencyContact,
];

/// Reads `student`'s profile from the device (confirmed records with pending edits on top),
/// in one read transaction.
///
/// # Errors
/// The storage error, in words.
pub async fn load_profile(store: &impl LocalStore, student: EntityId) -> Result<Profile, String> {
    let mut views = store
        .views(&PROFILE_KINDS)
        .await
        .map_err(|error| error.to_string())?;
    let mut view = |kind: EntityKind| views.remove(&kind).unwrap_or_default();
    let students = view(EntityKind::Student);
    let Some(details) = students
        .iter()
        .find(|record| record.id == student)
        .and_then(StudentDetails::from_record)
    else {
        return Ok(Profile::default());
    };
    let needs = items(&view(EntityKind::PassportNeed), student);
    let strategies = items(&view(EntityKind::PassportStrategy), student);
    let unhelpful = items(&view(EntityKind::PassportUnhelpful), student);
    let voice = items(&view(EntityKind::PassportVoice), student)
        .into_iter()
        .next();
    let mut medical: Vec<MedicalNote> = of_student(&view(EntityKind::MedicalNote), student)
        .map(|record| MedicalNote {
            id: record.id,
            kind: text(record, "kind"),
            text: text(record, "text"),
            severity: text(record, "severity"),
        })
        .collect();
    medical.sort_by_key(|note| (severity_rank(&note.severity), note.id));
    let mut contacts: Vec<EmergencyContact> =
        of_student(&view(EntityKind::EmergencyContact), student)
            .map(|record| EmergencyContact {
                id: record.id,
                name: text(record, "name"),
                relationship: text(record, "relationship"),
                phone_primary: text(record, "phone_primary"),
                phone_secondary: text(record, "phone_secondary"),
                priority: record
                    .value("priority")
                    .and_then(Value::as_u64)
                    .unwrap_or(9),
            })
            .collect();
    contacts.sort_by_key(|contact| (contact.priority, contact.id));
    Ok(Profile {
        student: Some(details),
        needs,
        strategies,
        unhelpful,
        voice,
        medical,
        contacts,
    })
}

/// What the signed-in member of staff may change on a profile, read from the kinds'
/// declarations in `mentor-core` (the table the server enforces); this only keeps the page
/// from offering what would be refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Permissions {
    /// Strategies, "what doesn't help" and "in my words" (mentors, teachers, SENCO, admin).
    pub passport: bool,
    /// Everything else: needs, SEND status, details, medical notes, contacts (SENCO, admin).
    pub senco: bool,
}

impl Permissions {
    /// The permissions of `role`.
    pub fn for_role(role: Role) -> Self {
        Self {
            passport: role.may_update(EntityKind::PassportStrategy),
            senco: role.may_update(EntityKind::Student),
        }
    }
}

/// A new record id (time-ordered, from the secure random source).
///
/// # Errors
/// The id error in words (only if the device's clock is far in the future).
pub fn new_id() -> Result<EntityId, String> {
    EntityId::from_time_and_random(platform::now_ms(), platform::random_bytes())
        .map_err(|error| error.to_string())
}

/// Field maps for ops, from pairs.
pub fn fields<const N: usize>(pairs: [(&str, Value); N]) -> BTreeMap<String, Value> {
    pairs
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value))
        .collect()
}

/// Text as typed, trimmed; `None` when blank.
pub fn typed(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

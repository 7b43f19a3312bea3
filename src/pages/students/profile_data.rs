//! A student's profile as the profile page reads it: the student, their Learning Passport,
//! medical notes and emergency contacts, and who may change which part.
//!
//! The device holds exactly what the server let it pull, so the page only picks out the
//! records of one student; it never decides who may see what.

use std::collections::BTreeMap;
use std::rc::Rc;

use leptos::prelude::*;
use mentor_core::entity::EntityKind;
use mentor_core::ids::EntityId;
use mentor_core::merge::RecordState;
use mentor_core::op::Edit;
use mentor_core::role::Role;
use serde_json::Value;

use super::student_details::StudentDetails;
use crate::storage::{IndexedDbStore, LocalStore, platform};
use crate::sync::SyncScheduler;

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

/// Reads `student`'s profile from the device (confirmed records with pending edits on top).
///
/// # Errors
/// The storage error, in words.
pub async fn load_profile(store: Rc<IndexedDbStore>, student: EntityId) -> Result<Profile, String> {
    let view = |kind: EntityKind| {
        let store = Rc::clone(&store);
        async move { store.view(kind).await.map_err(|error| error.to_string()) }
    };
    let students = view(EntityKind::Student).await?;
    let Some(details) = students
        .iter()
        .find(|record| record.id == student)
        .and_then(StudentDetails::from_record)
    else {
        return Ok(Profile::default());
    };
    let needs = items(&view(EntityKind::PassportNeed).await?, student);
    let strategies = items(&view(EntityKind::PassportStrategy).await?, student);
    let unhelpful = items(&view(EntityKind::PassportUnhelpful).await?, student);
    let voice = items(&view(EntityKind::PassportVoice).await?, student)
        .into_iter()
        .next();
    let mut medical: Vec<MedicalNote> = of_student(&view(EntityKind::MedicalNote).await?, student)
        .map(|record| MedicalNote {
            id: record.id,
            kind: text(record, "kind"),
            text: text(record, "text"),
            severity: text(record, "severity"),
        })
        .collect();
    medical.sort_by_key(|note| (severity_rank(&note.severity), note.id));
    let mut contacts: Vec<EmergencyContact> =
        of_student(&view(EntityKind::EmergencyContact).await?, student)
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

/// What the last save of a form did, for the line under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    Idle,
    Saving,
    Saved,
    NothingChanged,
    Failed(String),
}

/// The line that says what a save did: a live region that is always there, so screen
/// readers announce it when it changes.
pub fn save_line(state: RwSignal<SaveState>) -> impl IntoView {
    view! {
        <p
            class="form-note"
            class:saved=move || state.get() == SaveState::Saved
            class:form-error=move || matches!(state.get(), SaveState::Failed(_))
            role="status"
        >
            {move || match state.get() {
                SaveState::Idle => String::new(),
                SaveState::Saving => "Saving…".to_owned(),
                SaveState::Saved => "Saved on this device".to_owned(),
                SaveState::NothingChanged => "Nothing has changed.".to_owned(),
                SaveState::Failed(error) => error,
            }}
        </p>
    }
}

/// Saves `edit` on the device, reporting in `state`; runs `then` once it is committed.
pub fn save_edit(
    scheduler: SyncScheduler,
    edit: Edit,
    state: RwSignal<SaveState>,
    then: impl FnOnce() + 'static,
) {
    state.set(SaveState::Saving);
    leptos::task::spawn_local(async move {
        match scheduler.record_edit(edit).await {
            Ok(_) => {
                let _ = state.try_set(SaveState::Saved);
                then();
            }
            Err(error) => {
                let _ = state.try_set(SaveState::Failed(error.to_string()));
            }
        }
    });
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

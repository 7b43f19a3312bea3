//! A student's profile as the profile page reads it: the student, their Learning Passport,
//! medical notes and emergency contacts, and who may change which part.
//!
//! The device holds exactly what the server let it pull, so the page only picks out the
//! records of one student; it never decides who may see what.

use std::collections::BTreeMap;

use mentor_core::entity::EntityKind;
use mentor_core::ids::EntityId;
use mentor_core::merge::RecordState;
use mentor_core::records::{self, TypedRecord};
use mentor_core::role::Role;
use serde_json::Value;

use super::profile_sessions::{SessionView, student_sessions};
use super::profile_targets::{TargetView, student_targets};
use super::profile_tracking::{TrackingView, student_tracking};
use super::student_details::{StudentDetails, students_for_list};
use crate::pages::ordering::sort_stable;
use crate::pages::{NoteView, note_view};
use crate::storage::LocalStore;

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
    /// Lesson notes about the student on this device, newest first.
    pub notes: Vec<NoteView>,
    /// Targets set with the student, the newest first, with their reviews.
    pub targets: Vec<TargetView>,
    /// Mentoring sessions with the student, the newest first, with their actions.
    pub sessions: Vec<SessionView>,
    /// The school's staff by name: who an action may belong to.
    pub staff: Vec<(EntityId, String)>,
    /// The student's levels on the school's tracking scales.
    pub tracking: Vec<TrackingView>,
    /// The school's tracking scales, by name.
    pub scales: Vec<(EntityId, records::TrackingScale)>,
    /// The school's names of a review score's points, −2 to +2.
    pub score_names: Vec<String>,
    /// The summaries written for the student's progress reports, oldest first.
    pub summaries: Vec<(EntityId, records::ProgressSummary)>,
}

/// The live records among `records` (sorted by id: oldest first, as new ids are
/// time-ordered), read as `T`, with their ids.
fn read_live<T: TypedRecord>(records: &[RecordState]) -> Vec<(EntityId, T)> {
    records::live(records).collect()
}

/// `student`'s Passport items of one kind, oldest first.
fn items<T>(records: &[RecordState], student: EntityId) -> Vec<PassportItem>
where
    T: TypedRecord + Into<records::PassportItem>,
{
    read_live::<T>(records)
        .into_iter()
        .map(|(id, item)| (id, item.into()))
        .filter(|(_, item)| item.student_id == student)
        .map(|(id, item)| PassportItem {
            id,
            text: item.text,
        })
        .collect()
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

/// The kinds a profile is built from, read together in one transaction: the student and
/// their profile's records.
fn profile_kinds() -> Vec<EntityKind> {
    let mut kinds = vec![EntityKind::Student];
    kinds.extend(EntityKind::PROFILE);
    kinds.extend(EntityKind::PROGRESS);
    kinds.extend([
        EntityKind::LessonNote,
        EntityKind::Staff,
        EntityKind::TrackingScale,
        EntityKind::SchoolSettings,
    ]);
    kinds
}

/// Reads `student`'s profile from the device (confirmed records with pending edits on top),
/// in one read transaction.
///
/// # Errors
/// The storage error, in words.
pub async fn load_profile(store: &impl LocalStore, student: EntityId) -> Result<Profile, String> {
    let mut views = store
        .views(&profile_kinds())
        .await
        .map_err(|error| error.to_string())?;
    // Sorted here, once for every kind: a sort per typed struct would be compiled once each.
    let mut view = |kind: EntityKind| {
        let mut records = views.remove(&kind).unwrap_or_default();
        sort_stable(&mut records, &|a, b| a.id.cmp(&b.id));
        records
    };
    let students = view(EntityKind::Student);
    let Some(details) = students
        .iter()
        .find(|record| record.id == student)
        .and_then(StudentDetails::from_record)
    else {
        return Ok(Profile::default());
    };
    let needs = items::<records::PassportNeed>(&view(EntityKind::PassportNeed), student);
    let strategies =
        items::<records::PassportStrategy>(&view(EntityKind::PassportStrategy), student);
    let unhelpful =
        items::<records::PassportUnhelpful>(&view(EntityKind::PassportUnhelpful), student);
    let voice = items::<records::PassportVoice>(&view(EntityKind::PassportVoice), student)
        .into_iter()
        .next();
    let medical = student_medical(&view(EntityKind::MedicalNote), student);
    let contacts = student_contacts(&view(EntityKind::EmergencyContact), student);
    let targets = student_targets(
        &view(EntityKind::Target),
        &view(EntityKind::TargetReview),
        student,
    );
    let names: BTreeMap<EntityId, String> = read_live::<records::Staff>(&view(EntityKind::Staff))
        .into_iter()
        .map(|(id, staff)| (id, staff.display_name))
        .collect();
    // The records are sorted by id: a small group's others are found by search.
    let student_name = |id: EntityId| {
        let at = students
            .binary_search_by(|record| record.id.cmp(&id))
            .ok()?;
        students
            .get(at)
            .and_then(StudentDetails::from_record)
            .map(|other| other.shown_name())
    };
    let sessions = student_sessions(
        &view(EntityKind::MentoringSession),
        &view(EntityKind::MentoringAction),
        &names,
        student_name,
        student,
    );
    let notes = student_notes(&view(EntityKind::LessonNote), &names, &strategies, student);
    let mut scales = read_live::<records::TrackingScale>(&view(EntityKind::TrackingScale));
    sort_stable(&mut scales, &|a, b| (&a.1.name, a.0).cmp(&(&b.1.name, b.0)));
    let tracking = student_tracking(&view(EntityKind::TrackingValue), &scales, student);
    let score_names = read_live::<records::SchoolSettings>(&view(EntityKind::SchoolSettings))
        .into_iter()
        .next()
        .map(|(_, settings)| settings)
        .unwrap_or_default()
        .score_names();
    let summaries = read_live::<records::ProgressSummary>(&view(EntityKind::ProgressSummary))
        .into_iter()
        .filter(|(_, summary)| summary.student_id == student)
        .collect();
    let mut staff: Vec<(EntityId, String)> = names.into_iter().collect();
    sort_stable(&mut staff, &|a, b| (&a.1, a.0).cmp(&(&b.1, b.0)));
    Ok(Profile {
        student: Some(details),
        needs,
        strategies,
        unhelpful,
        voice,
        medical,
        contacts,
        notes,
        targets,
        sessions,
        staff,
        tracking,
        scales,
        summaries,
        score_names,
    })
}

/// The students on the device other than `student`, by name: who may join a small-group
/// session with them. Read when the session form opens, not with every profile read.
///
/// # Errors
/// The storage error, in words.
pub async fn load_other_students(
    store: &impl LocalStore,
    student: EntityId,
) -> Result<Vec<(EntityId, String)>, String> {
    let mut views = store
        .views(&[EntityKind::Student])
        .await
        .map_err(|error| error.to_string())?;
    let students = views.remove(&EntityKind::Student).unwrap_or_default();
    Ok(students_for_list(&students)
        .into_iter()
        .filter(|other| other.id != student)
        .map(|other| (other.id, other.shown_name()))
        .collect())
}

/// A child's medical notes and emergency contacts alone: the trip pack's page, which needs
/// nothing else of the profile.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MedicalSheet {
    /// False when the child is not on this device.
    pub on_device: bool,
    pub medical: Vec<MedicalNote>,
    pub contacts: Vec<EmergencyContact>,
}

/// Reads `student`'s medical sheet from the device in one read transaction of the three
/// kinds it needs.
///
/// # Errors
/// The storage error, in words.
pub async fn load_medical_sheet(
    store: &impl LocalStore,
    student: EntityId,
) -> Result<MedicalSheet, String> {
    let mut views = store
        .views(&[
            EntityKind::Student,
            EntityKind::MedicalNote,
            EntityKind::EmergencyContact,
        ])
        .await
        .map_err(|error| error.to_string())?;
    let mut view = |kind: EntityKind| {
        let mut records = views.remove(&kind).unwrap_or_default();
        sort_stable(&mut records, &|a, b| a.id.cmp(&b.id));
        records
    };
    let on_device = view(EntityKind::Student)
        .iter()
        .any(|record| record.id == student && StudentDetails::from_record(record).is_some());
    if !on_device {
        return Ok(MedicalSheet::default());
    }
    Ok(MedicalSheet {
        on_device,
        medical: student_medical(&view(EntityKind::MedicalNote), student),
        contacts: student_contacts(&view(EntityKind::EmergencyContact), student),
    })
}

/// `student`'s medical notes, the most severe first.
fn student_medical(records: &[RecordState], student: EntityId) -> Vec<MedicalNote> {
    let mut medical: Vec<MedicalNote> = read_live::<records::MedicalNote>(records)
        .into_iter()
        .filter(|(_, note)| note.student_id == student)
        .map(|(id, note)| MedicalNote {
            id,
            kind: note.kind,
            text: note.text,
            severity: note.severity.unwrap_or_default(),
        })
        .collect();
    sort_stable(&mut medical, &|a, b| {
        (severity_rank(&a.severity), a.id).cmp(&(severity_rank(&b.severity), b.id))
    });
    medical
}

/// `student`'s emergency contacts, in the order to call them.
fn student_contacts(records: &[RecordState], student: EntityId) -> Vec<EmergencyContact> {
    let mut contacts: Vec<EmergencyContact> = read_live::<records::EmergencyContact>(records)
        .into_iter()
        .filter(|(_, contact)| contact.student_id == student)
        .map(|(id, contact)| EmergencyContact {
            id,
            name: contact.name,
            relationship: contact.relationship,
            phone_primary: contact.phone_primary,
            phone_secondary: contact.phone_secondary.unwrap_or_default(),
            priority: u64::from(contact.priority),
        })
        .collect();
    sort_stable(&mut contacts, &|a, b| {
        (a.priority, a.id).cmp(&(b.priority, b.id))
    });
    contacts
}

/// `student`'s lesson notes, newest first, with their authors' names and strategies' texts.
fn student_notes(
    notes: &[RecordState],
    names: &BTreeMap<EntityId, String>,
    strategies: &[PassportItem],
    student: EntityId,
) -> Vec<NoteView> {
    let strategies = strategies
        .iter()
        .map(|item| (item.id, item.text.clone()))
        .collect();
    let mut notes: Vec<NoteView> = read_live::<records::LessonNote>(notes)
        .into_iter()
        .filter(|(_, note)| note.student_id == student)
        .map(|(id, note)| note_view(id, note, names, &strategies))
        .collect();
    sort_stable(&mut notes, &|a, b| {
        b.note.recorded_at.cmp(&a.note.recorded_at)
    });
    notes
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
    /// Targets and mentoring sessions: setting, reviewing, recording (mentors, SENCO, admin).
    pub progress: bool,
}

impl Permissions {
    /// The permissions of `role`.
    pub fn for_role(role: Role) -> Self {
        Self {
            passport: role.may_update(EntityKind::PassportStrategy),
            senco: role.may_update(EntityKind::Student),
            progress: role.may_create(EntityKind::Target)
                && role.may_create(EntityKind::MentoringSession),
        }
    }
}

/// Field maps for ops, from pairs.
pub fn fields<const N: usize>(pairs: [(&str, Value); N]) -> BTreeMap<String, Value> {
    field_map(Vec::from(pairs))
}

/// The one (not generic) body of [`fields`]: the bundle then holds one copy of the sort a
/// map is built with, not one per number of fields.
fn field_map(pairs: Vec<(&str, Value)>) -> BTreeMap<String, Value> {
    let mut map = BTreeMap::new();
    for (name, value) in pairs {
        map.insert(name.to_owned(), value);
    }
    map
}

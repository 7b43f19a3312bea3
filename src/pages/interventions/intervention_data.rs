//! The intervention programmes on this device, as the pages show them: each programme with
//! its lead, its group's students and each one's scores and sessions attended (the group's
//! registers from the programme's start), in one read transaction.

use std::collections::{BTreeMap, BTreeSet};

use mentor_core::records::{
    self, GroupMembership, Intervention, InterventionScore, Register, RegisterMark, Staff,
    TeachingGroup, TrackingScale,
};
use mentor_core::{EntityId, EntityKind};

use crate::client::interventions::Outcome;
use crate::client::registers::Mark;
use crate::pages::StudentDetails;
use crate::storage::LocalStore;

/// One student on a programme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StudentRow {
    pub id: EntityId,
    pub name: String,
    pub outcome: Outcome,
    /// True once their scores record exists.
    pub recorded: bool,
}

/// A session of a programme: one of its group's registers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldSession {
    pub register: EntityId,
    pub date: String,
    pub session: String,
    /// What it covered, if noted.
    pub note: Option<String>,
}

/// A programme as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgrammeView {
    pub id: EntityId,
    pub programme: Intervention,
    pub lead: String,
    pub group: String,
    /// The scale its scores are levels on, when the measure is a scale.
    pub scale: Option<TrackingScale>,
    pub held: usize,
    /// Its sessions held, the earliest first.
    pub sessions: Vec<HeldSession>,
    pub rows: Vec<StudentRow>,
}

/// Everything the intervention pages read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InterventionsData {
    /// By name.
    pub programmes: Vec<ProgrammeView>,
    /// Teaching groups by name: what a programme may be set up for.
    pub groups: Vec<(EntityId, String)>,
    /// Staff by name: who may lead one.
    pub staff: Vec<(EntityId, String)>,
    pub scales: Vec<(EntityId, TrackingScale)>,
}

/// Reads the programmes and what they need from the device.
///
/// # Errors
/// The storage error, in words.
pub async fn load_interventions(store: &impl LocalStore) -> Result<InterventionsData, String> {
    let kinds = [
        EntityKind::Intervention,
        EntityKind::InterventionScore,
        EntityKind::Register,
        EntityKind::RegisterMark,
        EntityKind::GroupMembership,
        EntityKind::TeachingGroup,
        EntityKind::Student,
        EntityKind::Staff,
        EntityKind::TrackingScale,
    ];
    let mut views = store
        .views(&kinds)
        .await
        .map_err(|error| error.to_string())?;
    let mut view = |kind| views.remove(&kind).unwrap_or_default();
    let programmes: Vec<(EntityId, Intervention)> =
        records::live(&view(EntityKind::Intervention)).collect();
    let scores: Vec<(EntityId, InterventionScore)> =
        records::live(&view(EntityKind::InterventionScore)).collect();
    let registers: Vec<(EntityId, Register)> = records::live(&view(EntityKind::Register)).collect();
    let marks: Vec<(EntityId, RegisterMark)> =
        records::live(&view(EntityKind::RegisterMark)).collect();
    let members: Vec<(EntityId, GroupMembership)> =
        records::live(&view(EntityKind::GroupMembership)).collect();
    let mut groups: Vec<(EntityId, String)> = records::live(&view(EntityKind::TeachingGroup))
        .map(|(id, group): (EntityId, TeachingGroup)| (id, group.name))
        .collect();
    groups.sort_by(|a, b| a.1.cmp(&b.1));
    let students = view(EntityKind::Student);
    let mut staff: Vec<(EntityId, String)> = records::live(&view(EntityKind::Staff))
        .map(|(id, staff): (EntityId, Staff)| (id, staff.display_name))
        .collect();
    staff.sort_by(|a, b| a.1.cmp(&b.1));
    let mut scales: Vec<(EntityId, TrackingScale)> =
        records::live(&view(EntityKind::TrackingScale)).collect();
    scales.sort_by(|a, b| a.1.name.cmp(&b.1.name));
    let names: BTreeMap<EntityId, String> = staff.iter().cloned().collect();
    let group_names: BTreeMap<EntityId, String> = groups.iter().cloned().collect();

    let mut shown: Vec<ProgrammeView> = programmes
        .into_iter()
        .map(|(id, programme)| {
            let mut held: Vec<HeldSession> = registers
                .iter()
                .filter(|(_, register)| {
                    register.group_id == programme.group_id && register.date >= programme.starts_on
                })
                .map(|(id, register)| HeldSession {
                    register: *id,
                    date: register.date.clone(),
                    session: register.session.clone(),
                    note: register.note.clone(),
                })
                .collect();
            held.sort_by(|a, b| (&a.date, &a.session).cmp(&(&b.date, &b.session)));
            let sessions: BTreeSet<EntityId> =
                held.iter().map(|session| session.register).collect();
            let mut rows: Vec<StudentRow> = members
                .iter()
                .filter(|(_, member)| {
                    member.group_id == programme.group_id && member.member_kind == "student"
                })
                .filter_map(|(_, member)| {
                    let student = member.member_id;
                    let name = students
                        .iter()
                        .find(|record| record.id == student)
                        .and_then(StudentDetails::from_record)?
                        .shown_name();
                    let score = scores
                        .iter()
                        .find(|(_, score)| {
                            score.intervention_id == id && score.student_id == student
                        })
                        .map(|(_, score)| score);
                    let attended = marks
                        .iter()
                        .filter(|(_, mark)| {
                            mark.student_id == student
                                && sessions.contains(&mark.register_id)
                                && Mark::from_stored(&mark.mark).is_some_and(Mark::attended)
                        })
                        .count();
                    Some(StudentRow {
                        id: student,
                        name,
                        outcome: Outcome {
                            entry: score.and_then(|score| score.entry),
                            exit: score.and_then(|score| score.exit),
                            attended,
                            held: sessions.len(),
                        },
                        recorded: score.is_some(),
                    })
                })
                .collect();
            rows.sort_by(|a, b| a.name.cmp(&b.name));
            ProgrammeView {
                id,
                lead: names.get(&programme.lead_id).cloned().unwrap_or_default(),
                group: group_names
                    .get(&programme.group_id)
                    .cloned()
                    .unwrap_or_default(),
                scale: programme.scale_id.and_then(|scale| {
                    scales
                        .iter()
                        .find(|(id, _)| *id == scale)
                        .map(|(_, scale)| scale.clone())
                }),
                held: sessions.len(),
                sessions: held,
                rows,
                programme,
            }
        })
        .collect();
    shown.sort_by(|a, b| a.programme.name.cmp(&b.programme.name));
    Ok(InterventionsData {
        programmes: shown,
        groups,
        staff,
        scales,
    })
}

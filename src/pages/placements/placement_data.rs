//! Placements as their screens read them from the device: every placement, visit and
//! follow-up action this device holds (the server sent only those its user may see), with
//! the learners' and staff's names.

use std::collections::BTreeMap;

use mentor_core::entity::EntityKind;
use mentor_core::ids::EntityId;
use mentor_core::records::{self, FollowUp, Placement, PlacementVisit, live};

use crate::pages::StudentDetails;
use crate::pages::ordering::sort_stable;
use crate::storage::LocalStore;

const KINDS: [EntityKind; 5] = [
    EntityKind::Placement,
    EntityKind::PlacementVisit,
    EntityKind::FollowUp,
    EntityKind::Student,
    EntityKind::Staff,
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacementView {
    pub id: EntityId,
    pub placement: Placement,
    pub learner: String,
    pub visitor: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitView {
    pub id: EntityId,
    pub visit: PlacementVisit,
    pub learner: String,
    pub visitor: String,
    /// Its placement, if on this device.
    pub placement: Option<Placement>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpView {
    pub id: EntityId,
    pub action: FollowUp,
    pub learner: String,
    pub owner: String,
}

/// Everything the placement screens show.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlacementsData {
    /// By learner's name.
    pub placements: Vec<PlacementView>,
    /// By planned day.
    pub visits: Vec<VisitView>,
    /// By due day.
    pub follow_ups: Vec<FollowUpView>,
    /// Every member of staff on the device (id, name), by name: owners to choose from.
    pub staff: Vec<(EntityId, String)>,
    /// Learners to choose from for a new placement (id, name · year), by name.
    pub students: Vec<(EntityId, String)>,
}

/// Reads the placements, visits and actions on the device, in one transaction.
///
/// # Errors
/// The storage error, in words.
pub async fn load_placements(store: &impl LocalStore) -> Result<PlacementsData, String> {
    let mut views = store.views(&KINDS).await.map_err(|e| e.to_string())?;
    let mut read = |kind| views.remove(&kind).unwrap_or_default();
    let mut students: Vec<StudentDetails> = read(EntityKind::Student)
        .iter()
        .filter_map(StudentDetails::from_record)
        .collect();
    sort_stable(&mut students, &|a, b| a.sort_key().cmp(&b.sort_key()));
    let names: BTreeMap<EntityId, String> = students
        .iter()
        .map(|student| (student.id, student.shown_name()))
        .collect();
    let mut staff: Vec<(EntityId, String)> = live::<records::Staff>(&read(EntityKind::Staff))
        .map(|(id, staff)| (id, staff.display_name))
        .collect();
    sort_stable(&mut staff, &|a, b| a.1.cmp(&b.1));
    let staff_name = |id: &EntityId| {
        staff
            .iter()
            .find(|(staff, _)| staff == id)
            .map(|(_, name)| name.clone())
            .unwrap_or_default()
    };
    let learner = |id: &EntityId| {
        names
            .get(id)
            .cloned()
            .unwrap_or_else(|| "A learner".to_owned())
    };
    let placements_read = read(EntityKind::Placement);
    let by_id: BTreeMap<EntityId, Placement> = live::<Placement>(&placements_read).collect();
    let mut placements: Vec<PlacementView> = by_id
        .iter()
        .map(|(id, placement)| PlacementView {
            id: *id,
            learner: learner(&placement.student_id),
            visitor: staff_name(&placement.visitor_id),
            placement: placement.clone(),
        })
        .collect();
    sort_stable(&mut placements, &|a, b| a.learner.cmp(&b.learner));
    let mut visits: Vec<VisitView> = live::<PlacementVisit>(&read(EntityKind::PlacementVisit))
        .map(|(id, visit)| VisitView {
            id,
            learner: learner(&visit.student_id),
            visitor: staff_name(&visit.visitor_id),
            placement: by_id.get(&visit.placement_id).cloned(),
            visit,
        })
        .collect();
    sort_stable(&mut visits, &|a, b| {
        a.visit.planned_on.cmp(&b.visit.planned_on)
    });
    let mut follow_ups: Vec<FollowUpView> = live::<FollowUp>(&read(EntityKind::FollowUp))
        .map(|(id, action)| FollowUpView {
            id,
            learner: learner(&action.student_id),
            owner: staff_name(&action.owner_id),
            action,
        })
        .collect();
    sort_stable(&mut follow_ups, &|a, b| {
        a.action.due_on.cmp(&b.action.due_on)
    });
    let students = students
        .into_iter()
        .map(|student| {
            (
                student.id,
                format!("{} · {}", student.shown_name(), student.year_and_form()),
            )
        })
        .collect();
    Ok(PlacementsData {
        placements,
        visits,
        follow_ups,
        staff,
        students,
    })
}

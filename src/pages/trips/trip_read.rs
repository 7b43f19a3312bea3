//! The trip screens' one read of the device: every kind they are built from, in one
//! `views` transaction, and what more than one screen takes from it.

use std::collections::BTreeMap;

use mentor_core::entity::EntityKind;
use mentor_core::ids::EntityId;
use mentor_core::merge::RecordState;
use mentor_core::records::{self, TripMember, live};

use super::trip_data::GroupPick;
use crate::pages::StudentDetails;
use crate::pages::ordering::sort_stable;
use crate::storage::LocalStore;

/// The kinds the trip screens are built from.
const TRIP_KINDS: [EntityKind; 11] = [
    EntityKind::Trip,
    EntityKind::TripMember,
    EntityKind::RollCall,
    EntityKind::RollCallMark,
    EntityKind::TripIncident,
    EntityKind::TripCheck,
    EntityKind::Student,
    EntityKind::Staff,
    EntityKind::TeachingGroup,
    EntityKind::GroupMembership,
    EntityKind::SchoolSettings,
];

/// The records of each kind, read in one transaction.
pub(super) struct Read(BTreeMap<EntityKind, Vec<RecordState>>);

impl Read {
    pub(super) async fn from(store: &impl LocalStore) -> Result<Self, String> {
        let views = store.views(&TRIP_KINDS).await.map_err(|e| e.to_string())?;
        Ok(Self(views))
    }

    pub(super) fn of(&self, kind: EntityKind) -> &[RecordState] {
        self.0.get(&kind).map_or(&[], Vec::as_slice)
    }

    pub(super) fn staff_names(&self) -> BTreeMap<EntityId, String> {
        live::<records::Staff>(self.of(EntityKind::Staff))
            .map(|(id, staff)| (id, staff.display_name))
            .collect()
    }

    pub(super) fn students(&self) -> BTreeMap<EntityId, StudentDetails> {
        self.of(EntityKind::Student)
            .iter()
            .filter_map(StudentDetails::from_record)
            .map(|student| (student.id, student))
            .collect()
    }

    /// The teaching groups by name, each with its students.
    pub(super) fn groups(&self) -> Vec<GroupPick> {
        let mut students_of: BTreeMap<EntityId, Vec<EntityId>> = BTreeMap::new();
        for (_, member) in live::<records::GroupMembership>(self.of(EntityKind::GroupMembership)) {
            if member.member_kind == "student" {
                students_of
                    .entry(member.group_id)
                    .or_default()
                    .push(member.member_id);
            }
        }
        let mut groups: Vec<GroupPick> =
            live::<records::TeachingGroup>(self.of(EntityKind::TeachingGroup))
                .map(|(id, group)| GroupPick {
                    id,
                    name: group.name,
                    students: students_of.remove(&id).unwrap_or_default(),
                })
                .collect();
        sort_stable(&mut groups, &|a, b| {
            a.name.to_lowercase().cmp(&b.name.to_lowercase())
        });
        groups
    }

    pub(super) fn members(&self, trip: EntityId) -> Vec<TripMember> {
        live::<TripMember>(self.of(EntityKind::TripMember))
            .map(|(_, member)| member)
            .filter(|member| member.trip_id == trip)
            .collect()
    }
}

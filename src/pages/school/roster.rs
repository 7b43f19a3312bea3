//! The school as this device holds it, read for the caseload and group screens: staff,
//! students, teaching groups, caseload assignments and group memberships, with pending edits
//! on top. Admin and SENCO devices hold every one of them.

use mentor_core::entity::{EntityKind, caseload_assignment_id, group_membership_id};
use mentor_core::ids::EntityId;
use mentor_core::op::Edit;
use mentor_core::records::{self, live};
use mentor_core::role::Role;

use crate::pages::StudentDetails;
use crate::pages::ordering::sort_stable;
use crate::storage::LocalStore;

/// The kinds the school screens are built from, read together in one transaction.
const ROSTER_KINDS: [EntityKind; 5] = [
    EntityKind::Staff,
    EntityKind::Student,
    EntityKind::TeachingGroup,
    EntityKind::CaseloadAssignment,
    EntityKind::GroupMembership,
];

/// A member of staff, as the lists show them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffMember {
    pub id: EntityId,
    pub name: String,
    /// `None` only for a record written by a newer release with a role this one lacks.
    pub role: Option<Role>,
}

/// A teaching group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub id: EntityId,
    pub name: String,
}

/// Who is in a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Membership {
    pub group: EntityId,
    pub member: EntityId,
    pub is_staff: bool,
}

/// Everything the screens need, each list sorted as people read it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SchoolRoster {
    pub staff: Vec<StaffMember>,
    pub students: Vec<StudentDetails>,
    pub groups: Vec<Group>,
    /// (mentor, student)
    pub caseloads: Vec<(EntityId, EntityId)>,
    pub memberships: Vec<Membership>,
}

impl SchoolRoster {
    /// Reads the device's records (what the user sees: confirmed with pending edits on top),
    /// in one read transaction.
    pub async fn load(store: &impl LocalStore) -> Result<Self, String> {
        let mut views = store
            .views(&ROSTER_KINDS)
            .await
            .map_err(|e| e.to_string())?;
        let mut read = |kind| views.remove(&kind).unwrap_or_default();
        let mut staff: Vec<StaffMember> = live::<records::Staff>(&read(EntityKind::Staff))
            .map(|(id, staff)| StaffMember {
                id,
                name: staff.display_name,
                role: Some(staff.role),
            })
            .collect();
        sort_stable(&mut staff, &|a, b| {
            a.name.to_lowercase().cmp(&b.name.to_lowercase())
        });
        let mut students: Vec<StudentDetails> = read(EntityKind::Student)
            .iter()
            .filter_map(StudentDetails::from_record)
            .collect();
        sort_stable(&mut students, &|a, b| a.sort_key().cmp(&b.sort_key()));
        let mut groups: Vec<Group> =
            live::<records::TeachingGroup>(&read(EntityKind::TeachingGroup))
                .map(|(id, group)| Group {
                    id,
                    name: group.name,
                })
                .collect();
        sort_stable(&mut groups, &|a, b| {
            a.name.to_lowercase().cmp(&b.name.to_lowercase())
        });
        let caseloads = live::<records::CaseloadAssignment>(&read(EntityKind::CaseloadAssignment))
            .map(|(_, assignment)| (assignment.mentor_id, assignment.student_id))
            .collect();
        let memberships = live::<records::GroupMembership>(&read(EntityKind::GroupMembership))
            .map(|(_, membership)| Membership {
                group: membership.group_id,
                member: membership.member_id,
                is_staff: membership.member_kind == "staff",
            })
            .collect();
        Ok(Self {
            staff,
            students,
            groups,
            caseloads,
            memberships,
        })
    }

    /// The students on `mentor`'s caseload, in list order.
    pub fn caseload(&self, mentor: EntityId) -> Vec<StudentDetails> {
        self.students
            .iter()
            .filter(|student| self.caseloads.contains(&(mentor, student.id)))
            .cloned()
            .collect()
    }

    /// The members of `group`: its staff and its students, in list order.
    pub fn group_members(&self, group: EntityId) -> (Vec<StaffMember>, Vec<StudentDetails>) {
        let has = |member: EntityId| {
            self.memberships
                .iter()
                .any(|m| m.group == group && m.member == member)
        };
        let staff = self.staff.iter().filter(|s| has(s.id)).cloned().collect();
        let students = self
            .students
            .iter()
            .filter(|s| has(s.id))
            .cloned()
            .collect();
        (staff, students)
    }
}

/// Adding `student` to `mentor`'s caseload. The id is derived from the pair, so adding a
/// student removed earlier is a create with a later stamp: core's merge revives the record.
pub fn add_to_caseload(mentor: EntityId, student: EntityId) -> Edit {
    Edit::create_record(
        caseload_assignment_id(mentor, student),
        &records::CaseloadAssignment {
            mentor_id: mentor,
            student_id: student,
        },
    )
}

/// Taking `student` off `mentor`'s caseload.
pub fn remove_from_caseload(mentor: EntityId, student: EntityId) -> Edit {
    Edit::delete(
        EntityKind::CaseloadAssignment,
        caseload_assignment_id(mentor, student),
    )
}

/// Adding a member of staff or a student to `group` (revives a removed membership, as above).
pub fn add_to_group(group: EntityId, member: EntityId, is_staff: bool) -> Edit {
    let kind = if is_staff { "staff" } else { "student" };
    Edit::create_record(
        group_membership_id(group, member),
        &records::GroupMembership {
            group_id: group,
            member_id: member,
            member_kind: kind.to_owned(),
        },
    )
}

/// Taking a member out of `group`.
pub fn remove_from_group(group: EntityId, member: EntityId) -> Edit {
    Edit::delete(
        EntityKind::GroupMembership,
        group_membership_id(group, member),
    )
}

/// A new teaching group; `subject` and `year_group` are left out when not given (clubs and
/// intervention groups have neither).
pub fn create_group(
    id: EntityId,
    name: &str,
    subject: Option<&str>,
    year_group: Option<u8>,
) -> Edit {
    Edit::create_record(
        id,
        &records::TeachingGroup {
            name: name.to_owned(),
            subject: subject.map(str::to_owned),
            year_group,
        },
    )
}

//! Trips as their screens read them from the device: the trips this device holds (the
//! server sent only those its user is on, or every trip to those who see every student),
//! and one trip whole: its staff, its children by group, its roll calls with their marks,
//! its incidents and checklist. Everything is read in one `views` transaction.

use std::collections::{BTreeMap, BTreeSet};

use mentor_core::entity::EntityKind;
use mentor_core::ids::EntityId;
use mentor_core::records::{
    self, RollCall, RollCallMark, Trip, TripCheck, TripIncident, TripMember, live,
};

use crate::client::trips::Standing;
use crate::pages::StudentDetails;
use crate::pages::ordering::sort_stable;
use crate::storage::LocalStore;

use super::trip_read::Read;

/// A trip in the list of trips.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TripLine {
    pub id: EntityId,
    pub trip: Trip,
    pub leader: String,
    pub children: usize,
}

/// A teaching group to pick a new trip's children from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupPick {
    pub id: EntityId,
    pub name: String,
    pub students: Vec<EntityId>,
}

/// What the trips page shows: the trips here and what a new trip is made from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TripsOverview {
    /// Soonest first day first.
    pub trips: Vec<TripLine>,
    /// Every member of staff on the device (id, name), by name.
    pub staff: Vec<(EntityId, String)>,
    /// Teaching groups with their students, by name.
    pub groups: Vec<GroupPick>,
    /// The checklist a new trip starts with (the school's, or the defaults).
    pub checks: Vec<String>,
}

/// A child on the trip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Traveller {
    pub id: EntityId,
    /// The shown name; "A child not on this device" when the student record is not here.
    pub name: String,
    pub year_and_form: String,
    pub member: TripMember,
    /// The name of the member of staff whose group they are in.
    pub group_leader: String,
}

/// A roll call with its marks, by child.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RollCallView {
    pub id: EntityId,
    pub roll_call: RollCall,
    pub marks: BTreeMap<EntityId, RollCallMark>,
    pub completed_by: String,
}

impl RollCallView {
    /// How `child` stands in this roll call.
    pub fn standing(&self, child: EntityId) -> Standing {
        self.marks.get(&child).map_or(Standing::Missing, |mark| {
            Standing::from_stored(&mark.status)
        })
    }
}

/// An incident with names for its people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentView {
    pub id: EntityId,
    pub incident: TripIncident,
    pub recorded_by: String,
    pub children: Vec<String>,
}

/// A checklist item, with who ticked it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckView {
    pub id: EntityId,
    pub check: TripCheck,
    pub done_by: String,
}

/// Everything one trip's screens show.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TripData {
    /// `None` when the trip is not on this device.
    pub trip: Option<Trip>,
    pub leader: String,
    /// The staff on the trip (id, name), the leader first, then by name.
    pub staff: Vec<(EntityId, String)>,
    /// The children, by group leader and then family name.
    pub children: Vec<Traveller>,
    /// Newest first.
    pub roll_calls: Vec<RollCallView>,
    /// Newest first.
    pub incidents: Vec<IncidentView>,
    /// In the checklist's order.
    pub checks: Vec<CheckView>,
    /// The students on the device not on the trip, in no order: those an organiser may add
    /// (sorted only where they are offered, not at every read).
    pub not_going: Vec<StudentDetails>,
    /// Teaching groups with children on the device not on the trip, each with those children:
    /// what an organiser may add a whole group from.
    pub groups: Vec<GroupPick>,
}

impl TripData {
    /// The roll call `id`, if on this device.
    pub fn roll_call(&self, id: EntityId) -> Option<&RollCallView> {
        self.roll_calls.iter().find(|view| view.id == id)
    }

    /// The child `id`, if on this trip.
    pub fn child(&self, id: EntityId) -> Option<&Traveller> {
        self.children.iter().find(|child| child.id == id)
    }

    /// Shows `marks` just saved on their roll call.
    pub fn apply(&mut self, roll_call: EntityId, marks: Vec<RollCallMark>) {
        if let Some(view) = self.roll_calls.iter_mut().find(|view| view.id == roll_call) {
            for mark in marks {
                view.marks.insert(mark.student_id, mark);
            }
        }
    }
}

/// The trips on the device, and the staff and groups a new one is made from.
///
/// # Errors
/// The storage error, in words.
pub async fn load_trips(store: &impl LocalStore) -> Result<TripsOverview, String> {
    let read = Read::from(store).await?;
    let staff_names = read.staff_names();
    let mut trips: Vec<TripLine> = live::<Trip>(read.of(EntityKind::Trip))
        .map(|(id, trip)| TripLine {
            id,
            leader: staff_names
                .get(&trip.leader_id)
                .cloned()
                .unwrap_or_default(),
            children: read.members(id).iter().filter(|m| m.is_student()).count(),
            trip,
        })
        .collect();
    sort_stable(&mut trips, &|a, b| {
        (&a.trip.starts_on, &a.trip.name).cmp(&(&b.trip.starts_on, &b.trip.name))
    });
    let mut staff: Vec<(EntityId, String)> = staff_names.into_iter().collect();
    sort_stable(&mut staff, &|a, b| a.1.cmp(&b.1));
    let groups = read.groups();
    let checks = read
        .of(EntityKind::SchoolSettings)
        .first()
        .and_then(|record| record.read::<records::SchoolSettings>().ok())
        .unwrap_or_default()
        .trip_checks();
    Ok(TripsOverview {
        trips,
        staff,
        groups,
        checks,
    })
}

/// One trip, whole.
///
/// # Errors
/// The storage error, in words.
pub async fn load_trip(store: &impl LocalStore, trip_id: EntityId) -> Result<TripData, String> {
    let read = Read::from(store).await?;
    let Some(trip) = live::<Trip>(read.of(EntityKind::Trip))
        .find(|(id, _)| *id == trip_id)
        .map(|(_, trip)| trip)
    else {
        return Ok(TripData::default());
    };
    let names = read.staff_names();
    let name_of = |id: &EntityId| names.get(id).cloned().unwrap_or_default();
    let students = read.students();
    let members = read.members(trip_id);
    let mut staff: Vec<(EntityId, String)> = members
        .iter()
        .filter(|member| !member.is_student())
        .map(|member| (member.member_id, name_of(&member.member_id)))
        .collect();
    sort_stable(&mut staff, &|a, b| {
        (a.0 != trip.leader_id, &a.1).cmp(&(b.0 != trip.leader_id, &b.1))
    });
    let mut children: Vec<Traveller> = members
        .into_iter()
        .filter(TripMember::is_student)
        .map(|member| {
            let student = students.get(&member.member_id);
            Traveller {
                id: member.member_id,
                name: student.map_or_else(
                    || "A child not on this device".to_owned(),
                    StudentDetails::shown_name,
                ),
                year_and_form: student
                    .map(StudentDetails::year_and_form)
                    .unwrap_or_default(),
                group_leader: member
                    .with_staff_id
                    .as_ref()
                    .map(&name_of)
                    .unwrap_or_default(),
                member,
            }
        })
        .collect();
    let family = |child: &Traveller| {
        students
            .get(&child.id)
            .map(|student| student.sort_key())
            .unwrap_or_default()
    };
    sort_stable(&mut children, &|a, b| {
        (&a.group_leader, family(a)).cmp(&(&b.group_leader, family(b)))
    });
    let mut marks: BTreeMap<EntityId, BTreeMap<EntityId, RollCallMark>> = BTreeMap::new();
    for (_, mark) in live::<RollCallMark>(read.of(EntityKind::RollCallMark)) {
        if mark.trip_id == trip_id {
            marks
                .entry(mark.roll_call_id)
                .or_default()
                .insert(mark.student_id, mark);
        }
    }
    let mut roll_calls: Vec<RollCallView> = live::<RollCall>(read.of(EntityKind::RollCall))
        .filter(|(_, roll_call)| roll_call.trip_id == trip_id)
        .map(|(id, roll_call)| RollCallView {
            id,
            marks: marks.remove(&id).unwrap_or_default(),
            completed_by: roll_call
                .completed_by
                .as_ref()
                .map(&name_of)
                .unwrap_or_default(),
            roll_call,
        })
        .collect();
    sort_stable(&mut roll_calls, &|a, b| {
        b.roll_call.opened_at.cmp(&a.roll_call.opened_at)
    });
    let child_name = |id: &EntityId| {
        students.get(id).map_or_else(
            || "a child not on this device".to_owned(),
            StudentDetails::shown_name,
        )
    };
    let mut incidents: Vec<IncidentView> = live::<TripIncident>(read.of(EntityKind::TripIncident))
        .filter(|(_, incident)| incident.trip_id == trip_id)
        .map(|(id, incident)| IncidentView {
            id,
            recorded_by: name_of(&incident.recorded_by),
            children: incident.student_ids.iter().map(child_name).collect(),
            incident,
        })
        .collect();
    sort_stable(&mut incidents, &|a, b| {
        b.incident.happened_at.cmp(&a.incident.happened_at)
    });
    let mut checks: Vec<CheckView> = live::<TripCheck>(read.of(EntityKind::TripCheck))
        .filter(|(_, check)| check.trip_id == trip_id)
        .map(|(id, check)| CheckView {
            id,
            done_by: check.done_by.as_ref().map(&name_of).unwrap_or_default(),
            check,
        })
        .collect();
    sort_stable(&mut checks, &|a, b| {
        (a.check.position, a.id).cmp(&(b.check.position, b.id))
    });
    let going: BTreeSet<EntityId> = children.iter().map(|child| child.id).collect();
    // Groups with children on this device who are not going, and those children.
    let groups = read
        .groups()
        .into_iter()
        .map(|mut group| {
            group
                .students
                .retain(|student| students.contains_key(student) && !going.contains(student));
            group
        })
        .filter(|group| !group.students.is_empty())
        .collect();
    let not_going = students
        .into_values()
        .filter(|student| !going.contains(&student.id))
        .collect();
    Ok(TripData {
        leader: name_of(&trip.leader_id),
        trip: Some(trip),
        staff,
        children,
        roll_calls,
        incidents,
        checks,
        not_going,
        groups,
    })
}

/// The children of `children` in the group of `staff`.
pub fn in_group(children: &[Traveller], staff: EntityId) -> BTreeSet<EntityId> {
    children
        .iter()
        .filter(|child| child.member.with_staff_id == Some(staff))
        .map(|child| child.id)
        .collect()
}

#[cfg(test)]
mod tests {
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};

    use mentor_core::Edit;
    use serde_json::json;

    use super::*;
    use crate::client::trips::{RollCallPlace, TripForm, mark_child, new_trip, open_roll_call};
    use crate::storage::MemoryStore;

    fn run<F: Future>(future: F) -> F::Output {
        let mut future = pin!(future);
        match future
            .as_mut()
            .poll(&mut Context::from_waker(Waker::noop()))
        {
            Poll::Ready(output) => output,
            Poll::Pending => panic!("the memory store never waits"),
        }
    }

    fn id(n: u8) -> EntityId {
        EntityId::from_time_and_random(1_750_000_000_000, [n; 10]).unwrap()
    }

    fn save(store: &MemoryStore, edit: Edit) {
        run(store.record_edit(edit)).unwrap();
    }

    #[test]
    fn a_trip_reads_its_children_by_group_and_its_roll_calls_with_their_marks() {
        let store = MemoryStore::new().unwrap();
        let (trip, leader, helper) = (id(1), id(2), id(3));
        for (staff, name) in [(leader, "Kit Lanyon"), (helper, "Nell Thorley")] {
            let fields =
                json!({"display_name": name, "role": "mentor", "email": "staff@school.example"});
            save(
                &store,
                Edit::create(
                    EntityKind::Staff,
                    staff,
                    serde_json::from_value(fields).unwrap(),
                ),
            );
        }
        for (child, family) in [(id(10), "Ashdown"), (id(11), "Brindle"), (id(12), "Corrie")] {
            let fields = json!({"given_name": "Sam", "family_name": family, "year_group": 8});
            save(
                &store,
                Edit::create(
                    EntityKind::Student,
                    child,
                    serde_json::from_value(fields).unwrap(),
                ),
            );
        }
        let form = TripForm {
            name: "Museum".into(),
            destination: "Quay Street".into(),
            starts_on: "2026-12-02".into(),
            ends_on: "2026-12-02".into(),
            leader: Some(leader),
            emergency_phone: "01632 960999".into(),
            staff: vec![helper],
            children: vec![id(12), id(10), id(11)],
        };
        for edit in new_trip(trip, &form, &["Consent".to_owned()], &[id(40)]).unwrap() {
            save(&store, edit);
        }
        save(
            &store,
            crate::client::trips::move_child(trip, id(11), helper),
        );
        let roll_call = open_roll_call(trip, "Departure", leader, 1_750_000_000_000).unwrap();
        let roll_call_id = roll_call.entity_id;
        save(&store, roll_call);
        let place = RollCallPlace {
            roll_call: roll_call_id,
            trip,
            by: leader,
            now: 1_750_000_000_000,
        };
        save(
            &store,
            mark_child(place, id(10), false, Standing::Found, "").unwrap(),
        );

        let data = run(load_trip(&store, trip)).unwrap();
        assert_eq!(data.leader, "Kit Lanyon");
        assert_eq!(data.staff[0].1, "Kit Lanyon");
        let order: Vec<&str> = data.children.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(order, ["Sam Ashdown", "Sam Corrie", "Sam Brindle"]);
        assert_eq!(data.children[2].group_leader, "Nell Thorley");
        let view = data.roll_call(roll_call_id).unwrap();
        assert_eq!(view.standing(id(10)), Standing::Found);
        assert_eq!(view.standing(id(12)), Standing::Missing);
        assert_eq!(in_group(&data.children, helper), BTreeSet::from([id(11)]));
        assert_eq!(data.checks.len(), 1);

        let overview = run(load_trips(&store)).unwrap();
        assert_eq!(overview.trips[0].children, 3);
        assert_eq!(overview.trips[0].leader, "Kit Lanyon");
        assert!(run(load_trip(&store, id(99))).unwrap().trip.is_none());
    }
}

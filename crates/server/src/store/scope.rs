//! What a staff member may see, decided on the server for every pull (the app never filters).
//!
//! Who reads a kind anywhere and who only within their scope is each kind's declaration
//! (`KindSpec::access.read`); how a scope reaches a record is its `reach`: the record is
//! itself a student, group or member of staff, or is reached through one of its links. A
//! scope holds:
//!
//! - the teaching groups the staff member belongs to;
//! - the students in those groups and, for a mentor, on their caseload;
//! - the staff member themselves.
//!
//! Roles that read students anywhere (SENCO, DSL, administrator) see every record that their
//! grants reach anywhere. Only live (not deleted) memberships and assignments widen a scope;
//! a deleted one still reaches the devices that saw it, through its own mentor, group or
//! student. A record's links are stored in two columns (`link_a`: its group or staff link;
//! `link_b`: its student or member link, `link_kind` saying which), so a pull judges it
//! without parsing it. A record that is sent loses the fields its kind's field grants keep
//! from the role ([`Scope::redact`]): staff email addresses go to administrators only.

use std::collections::BTreeSet;

use mentor_core::EntityKind;
use mentor_core::dates::iso_date;
use mentor_core::kinds::{Extent, Reach, Target};
use mentor_core::merge::RecordState;
use mentor_core::records::{Trip, TripMember};
use rusqlite::{Connection, OptionalExtension};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::roles::Role;
use super::sync::decode;
use super::{Result, StaffMember};

/// The ids one staff member may see right now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    role: Role,
    everything: bool,
    me: String,
    groups: BTreeSet<String>,
    students: BTreeSet<String>,
    /// The trips the staff member is on.
    trips: BTreeSet<String>,
    /// The children on those of their trips that run now ([`trip_pack_window`]): their
    /// student records and profiles travel with the trip's staff.
    travellers: BTreeSet<String>,
}

impl Scope {
    /// The scope of `staff` at `now_ms` (milliseconds since 1970), which decides which
    /// trips run.
    pub(super) fn for_staff(conn: &Connection, staff: &StaffMember, now_ms: u64) -> Result<Self> {
        let me = staff.id.to_string();
        let mut scope = Scope {
            role: staff.role,
            everything: staff.role.sees_every_student(),
            me: me.clone(),
            groups: BTreeSet::new(),
            students: BTreeSet::new(),
            trips: BTreeSet::new(),
            travellers: BTreeSet::new(),
        };
        if scope.everything {
            return Ok(scope);
        }
        let mut groups = conn.prepare_cached(
            "SELECT link_a FROM records WHERE entity = 'group_membership' AND live = 1
               AND link_kind = 'staff' AND link_b = ?1 AND link_a IS NOT NULL",
        )?;
        for group in groups.query_map([&me], |row| row.get::<_, String>(0))? {
            scope.groups.insert(group?);
        }
        let mut members = conn.prepare_cached(
            "SELECT link_b FROM records WHERE entity = 'group_membership' AND live = 1
               AND link_kind = 'student' AND link_a = ?1 AND link_b IS NOT NULL",
        )?;
        for group in &scope.groups {
            for student in members.query_map([group], |row| row.get::<_, String>(0))? {
                scope.students.insert(student?);
            }
        }
        if staff.role == Role::Mentor {
            let mut caseload = conn.prepare_cached(
                "SELECT link_b FROM records WHERE entity = 'caseload_assignment' AND live = 1
                   AND link_a = ?1 AND link_b IS NOT NULL",
            )?;
            for student in caseload.query_map([&me], |row| row.get::<_, String>(0))? {
                scope.students.insert(student?);
            }
        }
        scope.add_trips(conn, now_ms)?;
        Ok(scope)
    }

    /// The trips the staff member is on (a live `trip_member` naming them), and the children
    /// on those that run at `now_ms`.
    fn add_trips(&mut self, conn: &Connection, now_ms: u64) -> Result<()> {
        let mut trips = conn.prepare_cached(
            "SELECT link_trip FROM records WHERE entity = 'trip_member' AND live = 1
               AND link_a = ?1 AND link_trip IS NOT NULL",
        )?;
        for trip in trips.query_map([&self.me], |row| row.get::<_, String>(0))? {
            self.trips.insert(trip?);
        }
        let mut trip = conn.prepare_cached(
            "SELECT state FROM records WHERE entity = 'trip' AND live = 1 AND entity_id = ?1",
        )?;
        let mut members = conn.prepare_cached(
            "SELECT state FROM records WHERE entity = 'trip_member' AND live = 1
               AND link_trip = ?1",
        )?;
        for id in &self.trips {
            let Some(state) = trip
                .query_row([id], |row| row.get::<_, String>(0))
                .optional()?
            else {
                continue;
            };
            let record: RecordState = decode(serde_json::from_str(&state))?;
            let Ok(trip) = record.read::<Trip>() else {
                continue;
            };
            if !trip_pack_window(&trip, now_ms) {
                continue;
            }
            for state in members.query_map([id], |row| row.get::<_, String>(0))? {
                let record: RecordState = decode(serde_json::from_str(&state?))?;
                if let Ok(member) = record.read::<TripMember>()
                    && member.is_student()
                {
                    self.travellers.insert(member.member_id.to_string());
                }
            }
        }
        Ok(())
    }

    /// True if the student with this id is within the scope.
    pub(super) fn sees_student(&self, id: &str) -> bool {
        self.everything || self.students.contains(id)
    }

    /// True if a record of `kind` (with its link columns) is within the scope.
    pub(super) fn sees(&self, kind: EntityKind, id: &str, links: &Links) -> bool {
        match kind.spec().access.read.extent(self.role) {
            Some(Extent::Anywhere) => true,
            Some(Extent::InScope) => self.reaches(kind.spec().reach, id, links),
            None => false,
        }
    }

    fn reaches(&self, reach: Reach, id: &str, links: &Links) -> bool {
        match reach {
            Reach::School => true,
            Reach::Itself(target) => self.holds(target, Some(id)),
            Reach::Links(declared) => declared
                .iter()
                .any(|link| self.holds(link.to, links.column(link_column(link.to)))),
        }
    }

    /// True if the scope holds the record `id` names, as a `target`.
    fn holds(&self, target: Target, id: Option<&str>) -> bool {
        let Some(id) = id else { return false };
        match target {
            // A child on a trip that runs is seen by its staff; not as a member of groups.
            Target::Student => self.sees_student(id) || self.travellers.contains(id),
            Target::Trip => self.everything || self.trips.contains(id),
            Target::Group => self.everything || self.groups.contains(id),
            Target::Staff => id == self.me,
            Target::Member { .. } => id == self.me || self.sees_student(id),
            // Held by the student's mentors, not by a teacher who teaches them.
            Target::Mentee => {
                self.everything || self.role == Role::Mentor && self.students.contains(id)
            }
        }
    }

    /// True if the scope's role may read `field` of the records of `kind` it sees (the
    /// kind's field grants: staff email addresses are for administrators).
    pub(super) fn reads_field(&self, kind: EntityKind, field: &str) -> bool {
        kind.spec().field_readable(self.role, field)
    }

    /// Takes out of `record` the fields the scope's role may not read, before it is sent.
    pub(super) fn redact(&self, record: &mut RecordState) {
        let kind = record.entity;
        record
            .fields
            .retain(|field, _| self.reads_field(kind, field));
    }

    /// A digest of the scope: a device whose last pull had another digest starts again. The
    /// role is part of it, since the fields a pull carries depend on it.
    pub(super) fn fingerprint(&self) -> String {
        let mut digest = Sha256::new();
        digest.update(format!("role {}\n", self.role.as_str()));
        if self.everything {
            digest.update(b"everything\n");
        } else {
            digest.update(format!("staff {}\n", self.me));
            for group in &self.groups {
                digest.update(format!("group {group}\n"));
            }
            for student in &self.students {
                digest.update(format!("student {student}\n"));
            }
            for trip in &self.trips {
                digest.update(format!("trip {trip}\n"));
            }
            for child in &self.travellers {
                digest.update(format!("traveller {child}\n"));
            }
        }
        digest
            .finalize()
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect()
    }
}

/// True if `trip`'s staff carry its children's details at `now_ms`: from
/// [`TRIP_PACK_DAYS_BEFORE`] days before its first day to the end of the day after its last
/// (UTC days), so a coach back after midnight still has them.
pub(super) fn trip_pack_window(trip: &Trip, now_ms: u64) -> bool {
    let latest_start = iso_date(now_ms, TRIP_PACK_DAYS_BEFORE);
    let earliest_end = iso_date(now_ms, -1);
    trip.starts_on <= latest_start && trip.ends_on >= earliest_end
}

/// How many days before a trip its staff receive the trip pack, to check it before leaving.
pub const TRIP_PACK_DAYS_BEFORE: i64 = 7;

/// A record's link columns, from its kind's links: `a` (a group or a member of staff),
/// `b` (a student, or a member with `kind` saying which), `trip`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Links {
    pub a: Option<String>,
    pub b: Option<String>,
    pub kind: Option<String>,
    pub trip: Option<String>,
}

impl Links {
    /// The link columns of `record`.
    pub(super) fn of(record: &RecordState) -> Self {
        Self::of_values(record.entity, |field| record.value(field))
    }

    /// The link columns a record of `kind` with these values (`value` looks one up) would
    /// have.
    pub(super) fn of_values<'a>(
        kind: EntityKind,
        value: impl Fn(&str) -> Option<&'a Value>,
    ) -> Self {
        let text = |field: &str| value(field).and_then(Value::as_str).map(str::to_owned);
        let mut links = Links::default();
        if let Reach::Links(declared) = kind.spec().reach {
            for link in declared {
                match (link_column(link.to), link.to) {
                    (LinkColumn::A, _) => links.a = text(link.field),
                    (LinkColumn::Trip, _) => links.trip = text(link.field),
                    (LinkColumn::B, Target::Member { kind_field }) => {
                        links.b = text(link.field);
                        links.kind = text(kind_field);
                    }
                    (LinkColumn::B, _) => {
                        links.b = text(link.field);
                        links.kind = Some("student".to_owned());
                    }
                }
            }
        }
        links
    }

    /// The value of one column.
    fn column(&self, column: LinkColumn) -> Option<&str> {
        match column {
            LinkColumn::A => self.a.as_deref(),
            LinkColumn::B => self.b.as_deref(),
            LinkColumn::Trip => self.trip.as_deref(),
        }
    }
}

/// Which of a record's link columns holds a link to `target`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LinkColumn {
    /// `link_a`: a group or a member of staff.
    A,
    /// `link_b`: a student, or a student-or-staff member (`link_kind` says which).
    B,
    /// `link_trip`: a trip.
    Trip,
}

/// The column a link to `target` is stored in.
pub(super) const fn link_column(target: Target) -> LinkColumn {
    match target {
        Target::Group | Target::Staff => LinkColumn::A,
        Target::Student | Target::Mentee | Target::Member { .. } => LinkColumn::B,
        Target::Trip => LinkColumn::Trip,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityKind::*;
    // Explicitly the reach's target, not the record kind `EntityKind::Target`.
    use mentor_core::kinds::Target;

    fn scope(role: Role) -> Scope {
        Scope {
            role,
            everything: role.sees_every_student(),
            me: "me".into(),
            groups: BTreeSet::from(["g1".to_owned()]),
            students: BTreeSet::from(["s1".to_owned()]),
            trips: BTreeSet::from(["t1".to_owned()]),
            travellers: BTreeSet::from(["s7".to_owned()]),
        }
    }

    fn links(a: Option<&str>, b: Option<&str>) -> Links {
        Links {
            a: a.map(str::to_owned),
            b: b.map(str::to_owned),
            ..Links::default()
        }
    }

    fn on_trip(trip: &str) -> Links {
        Links {
            trip: Some(trip.to_owned()),
            ..Links::default()
        }
    }

    #[test]
    fn trip_records_are_seen_by_the_trip_staff_and_its_children_while_it_runs() {
        let teacher = scope(Role::Teacher);
        for kind in [RollCall, RollCallMark, TripIncident, TripCheck] {
            assert!(teacher.sees(kind, "r", &on_trip("t1")), "{kind}");
            assert!(!teacher.sees(kind, "r", &on_trip("t2")), "{kind}");
            assert!(scope(Role::Dsl).sees(kind, "r", &on_trip("t2")), "{kind}");
        }
        assert!(teacher.sees(Trip, "t1", &Links::default()));
        assert!(!teacher.sees(Trip, "t2", &Links::default()));
        // A member of staff reaches their own place on a trip; not a child's on another.
        assert!(teacher.sees(TripMember, "m", &links(Some("me"), None)));
        assert!(!teacher.sees(TripMember, "m", &links(Some("s1"), None)));
        // A traveller's record and profile travel; their memberships and notes do not.
        assert!(teacher.sees(Student, "s7", &Links::default()));
        assert!(teacher.sees(MedicalNote, "n", &links(None, Some("s7"))));
        assert!(teacher.sees(EmergencyContact, "c", &links(None, Some("s7"))));
        assert!(!teacher.sees(GroupMembership, "m", &links(Some("g9"), Some("s7"))));
        assert!(!scope(Role::Mentor).sees(LessonNote, "n", &links(Some("g9"), Some("s7"))));
        assert!(
            !teacher.sees_student("s7"),
            "travelling writes nothing new about a child"
        );
        let mut later = teacher.clone();
        later.travellers.clear();
        assert_ne!(later.fingerprint(), teacher.fingerprint());
    }

    #[test]
    fn a_trip_pack_travels_from_a_week_before_to_the_day_after() {
        let trip = |starts: &str, ends: &str| mentor_core::records::Trip {
            name: "Coast".into(),
            destination: "Seaside".into(),
            starts_on: starts.into(),
            ends_on: ends.into(),
            leader_id: mentor_core::EntityId::from_time_and_random(1, [1; 10]).unwrap(),
            emergency_phone: "01632 960000".into(),
        };
        // 2026-12-02 09:00 UTC.
        let now = 1_796_202_000_000;
        assert!(trip_pack_window(&trip("2026-12-02", "2026-12-02"), now));
        assert!(trip_pack_window(&trip("2026-12-09", "2026-12-09"), now));
        assert!(!trip_pack_window(&trip("2026-12-10", "2026-12-10"), now));
        assert!(trip_pack_window(&trip("2026-11-30", "2026-12-01"), now));
        assert!(!trip_pack_window(&trip("2026-11-29", "2026-11-30"), now));
    }

    #[test]
    fn links_are_seen_through_a_group_a_student_or_the_caller() {
        let mentor = scope(Role::Mentor);
        assert!(mentor.sees(Staff, "anyone", &links(None, None)));
        assert!(mentor.sees(Student, "s1", &links(None, None)));
        assert!(!mentor.sees(Student, "s2", &links(None, None)));
        assert!(mentor.sees(TeachingGroup, "g1", &links(None, None)));
        assert!(!mentor.sees(TeachingGroup, "g2", &links(None, None)));
        assert!(mentor.sees(GroupMembership, "m", &links(Some("g1"), Some("s9"))));
        assert!(mentor.sees(GroupMembership, "m", &links(Some("g9"), Some("s1"))));
        assert!(mentor.sees(GroupMembership, "m", &links(Some("g9"), Some("me"))));
        assert!(!mentor.sees(GroupMembership, "m", &links(Some("g9"), Some("s9"))));
        assert!(mentor.sees(CaseloadAssignment, "c", &links(Some("me"), Some("s9"))));
        assert!(!mentor.sees(CaseloadAssignment, "c", &links(Some("other"), Some("s9"))));
        for role in [Role::Senco, Role::Dsl, Role::Admin] {
            assert!(
                scope(role).sees(Student, "s2", &links(None, None)),
                "{role}"
            );
            assert!(
                scope(role).sees(TeachingGroup, "g2", &links(None, None)),
                "{role}"
            );
        }
        assert_ne!(scope(Role::Admin).fingerprint(), mentor.fingerprint());
    }

    #[test]
    fn records_linked_to_a_student_are_seen_exactly_with_their_student() {
        let mentor = scope(Role::Mentor);
        for kind in EntityKind::ALL.into_iter().filter(
            |kind| matches!(kind.spec().reach, Reach::Links([link]) if link.to == Target::Student),
        ) {
            assert!(mentor.sees(kind, "r", &links(None, Some("s1"))), "{kind}");
            assert!(!mentor.sees(kind, "r", &links(None, Some("s2"))), "{kind}");
            assert!(!mentor.sees(kind, "r", &links(Some("s1"), None)), "{kind}");
            assert!(!mentor.sees(kind, "s1", &links(None, None)), "{kind}");
            assert!(
                scope(Role::Dsl).sees(kind, "r", &links(None, Some("s2"))),
                "{kind}"
            );
        }
        assert!(mentor.sees_student("s1"));
        assert!(!mentor.sees_student("s2"));
        assert!(scope(Role::Admin).sees_student("s2"));
    }

    /// Every kind's links fit the two link columns: at most one in each.
    #[test]
    fn every_kind_stores_its_links_in_the_two_columns() {
        for kind in EntityKind::ALL {
            let Reach::Links(links) = kind.spec().reach else {
                continue;
            };
            for column in [LinkColumn::A, LinkColumn::B] {
                let count = links
                    .iter()
                    .filter(|link| link_column(link.to) == column)
                    .count();
                assert!(count <= 1, "{kind} has {count} links in column {column:?}");
            }
        }
    }
}

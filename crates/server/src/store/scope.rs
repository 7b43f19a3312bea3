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
use mentor_core::kinds::{Extent, Reach, Target};
use mentor_core::merge::RecordState;
use rusqlite::Connection;
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::roles::Role;
use super::{Result, StaffMember};

/// The ids one staff member may see right now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    role: Role,
    everything: bool,
    me: String,
    groups: BTreeSet<String>,
    students: BTreeSet<String>,
}

impl Scope {
    pub(super) fn for_staff(conn: &Connection, staff: &StaffMember) -> Result<Self> {
        let me = staff.id.to_string();
        let mut scope = Scope {
            role: staff.role,
            everything: staff.role.sees_every_student(),
            me: me.clone(),
            groups: BTreeSet::new(),
            students: BTreeSet::new(),
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
        Ok(scope)
    }

    /// True if the student with this id is within the scope.
    pub(super) fn sees_student(&self, id: &str) -> bool {
        self.everything || self.students.contains(id)
    }

    /// True if a record of `kind` (with its link columns) is within the scope.
    pub(super) fn sees(
        &self,
        kind: EntityKind,
        id: &str,
        link_a: Option<&str>,
        link_b: Option<&str>,
    ) -> bool {
        match kind.spec().access.read.extent(self.role) {
            Some(Extent::Anywhere) => true,
            Some(Extent::InScope) => self.reaches(kind.spec().reach, id, link_a, link_b),
            None => false,
        }
    }

    fn reaches(&self, reach: Reach, id: &str, link_a: Option<&str>, link_b: Option<&str>) -> bool {
        match reach {
            Reach::School => true,
            Reach::Itself(target) => self.holds(target, Some(id)),
            Reach::Links(links) => links.iter().any(|link| {
                let column = match link_column(link.to) {
                    LinkColumn::A => link_a,
                    LinkColumn::B => link_b,
                };
                self.holds(link.to, column)
            }),
        }
    }

    /// True if the scope holds the record `id` names, as a `target`.
    fn holds(&self, target: Target, id: Option<&str>) -> bool {
        let Some(id) = id else { return false };
        match target {
            Target::Student => self.sees_student(id),
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
        }
        digest
            .finalize()
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect()
    }
}

/// A record's link columns (`link_a`, `link_b`, `link_kind`), from its kind's links.
pub(super) fn link_columns(
    record: &RecordState,
) -> (Option<String>, Option<String>, Option<String>) {
    link_columns_of(record.entity, |field| record.value(field))
}

/// The link columns a record of `kind` with these values (`value` looks one up) would have.
pub(super) fn link_columns_of<'a>(
    kind: EntityKind,
    value: impl Fn(&str) -> Option<&'a Value>,
) -> (Option<String>, Option<String>, Option<String>) {
    let text = |field: &str| value(field).and_then(Value::as_str).map(str::to_owned);
    let mut columns = (None, None, None);
    if let Reach::Links(links) = kind.spec().reach {
        for link in links {
            match (link_column(link.to), link.to) {
                (LinkColumn::A, _) => columns.0 = text(link.field),
                (LinkColumn::B, Target::Member { kind_field }) => {
                    columns.1 = text(link.field);
                    columns.2 = text(kind_field);
                }
                (LinkColumn::B, _) => {
                    columns.1 = text(link.field);
                    columns.2 = Some("student".to_owned());
                }
            }
        }
    }
    columns
}

/// Which of a record's two link columns holds a link to `target`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LinkColumn {
    /// `link_a`: a group or a member of staff.
    A,
    /// `link_b`: a student, or a student-or-staff member (`link_kind` says which).
    B,
}

/// The column a link to `target` is stored in.
pub(super) const fn link_column(target: Target) -> LinkColumn {
    match target {
        Target::Group | Target::Staff => LinkColumn::A,
        Target::Student | Target::Mentee | Target::Member { .. } => LinkColumn::B,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityKind::*;

    fn scope(role: Role) -> Scope {
        Scope {
            role,
            everything: role.sees_every_student(),
            me: "me".into(),
            groups: BTreeSet::from(["g1".to_owned()]),
            students: BTreeSet::from(["s1".to_owned()]),
        }
    }

    #[test]
    fn links_are_seen_through_a_group_a_student_or_the_caller() {
        let mentor = scope(Role::Mentor);
        assert!(mentor.sees(Staff, "anyone", None, None));
        assert!(mentor.sees(Student, "s1", None, None));
        assert!(!mentor.sees(Student, "s2", None, None));
        assert!(mentor.sees(TeachingGroup, "g1", None, None));
        assert!(!mentor.sees(TeachingGroup, "g2", None, None));
        assert!(mentor.sees(GroupMembership, "m", Some("g1"), Some("s9")));
        assert!(mentor.sees(GroupMembership, "m", Some("g9"), Some("s1")));
        assert!(mentor.sees(GroupMembership, "m", Some("g9"), Some("me")));
        assert!(!mentor.sees(GroupMembership, "m", Some("g9"), Some("s9")));
        assert!(mentor.sees(CaseloadAssignment, "c", Some("me"), Some("s9")));
        assert!(!mentor.sees(CaseloadAssignment, "c", Some("other"), Some("s9")));
        for role in [Role::Senco, Role::Dsl, Role::Admin] {
            assert!(scope(role).sees(Student, "s2", None, None), "{role}");
            assert!(scope(role).sees(TeachingGroup, "g2", None, None), "{role}");
        }
        assert_ne!(scope(Role::Admin).fingerprint(), mentor.fingerprint());
    }

    #[test]
    fn records_linked_to_a_student_are_seen_exactly_with_their_student() {
        let mentor = scope(Role::Mentor);
        for kind in EntityKind::ALL.into_iter().filter(
            |kind| matches!(kind.spec().reach, Reach::Links([link]) if link.to == Target::Student),
        ) {
            assert!(mentor.sees(kind, "r", None, Some("s1")), "{kind}");
            assert!(!mentor.sees(kind, "r", None, Some("s2")), "{kind}");
            assert!(!mentor.sees(kind, "r", Some("s1"), None), "{kind}");
            assert!(!mentor.sees(kind, "s1", None, None), "{kind}");
            assert!(scope(Role::Dsl).sees(kind, "r", None, Some("s2")), "{kind}");
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

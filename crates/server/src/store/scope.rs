//! What a staff member may see, decided on the server for every pull (the app never filters).
//!
//! - SENCO, DSL and admin: everything.
//! - Mentor: the students on their caseload and in the teaching groups they belong to.
//! - Teacher: the students in the teaching groups they belong to.
//! - Everyone: every staff record (names and roles; sign-in details never leave the server),
//!   the groups they belong to, memberships of those groups or of students they see, their
//!   own memberships and caseload, and caseload assignments of students they see.
//!
//! - A student's profile records (Learning Passport, medical notes, emergency contacts): exactly
//!   when the student is seen, never otherwise (`EntityKind::student_field`; the student's id
//!   is the record's `link_b`).
//!
//! Only live (not deleted) memberships and assignments widen a scope; a deleted one still
//! reaches the devices that saw it, through its own mentor, group or student.

use std::collections::BTreeSet;

use mentor_core::EntityKind;
use rusqlite::Connection;
use sha2::{Digest, Sha256};

use super::roles::Role;
use super::{Result, StaffMember};

/// The ids one staff member may see right now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    everything: bool,
    me: String,
    groups: BTreeSet<String>,
    students: BTreeSet<String>,
}

impl Scope {
    pub(super) fn for_staff(conn: &Connection, staff: &StaffMember) -> Result<Self> {
        let me = staff.id.to_string();
        let mut scope = Scope {
            everything: staff.role.sees_everyone(),
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

    /// True if a record (with its link columns) is within the scope.
    pub(super) fn sees(
        &self,
        entity: &str,
        id: &str,
        link_a: Option<&str>,
        link_b: Option<&str>,
    ) -> bool {
        let student = |id: Option<&str>| id.is_some_and(|id| self.students.contains(id));
        match entity {
            "staff" => true,
            "student" => self.everything || self.students.contains(id),
            "teaching_group" => self.everything || self.groups.contains(id),
            "group_membership" => {
                self.everything
                    || link_a.is_some_and(|group| self.groups.contains(group))
                    || link_b == Some(self.me.as_str())
                    || student(link_b)
            }
            "caseload_assignment" => {
                self.everything || link_a == Some(self.me.as_str()) || student(link_b)
            }
            _ if is_profile(entity) => self.everything || student(link_b),
            // A kind this server has no rule for is shown to no one: each new kind (a
            // safeguarding concern, say, for the DSL only) must be given its rule here.
            _ => false,
        }
    }

    /// A digest of the scope: a device whose last pull had another digest starts again.
    pub(super) fn fingerprint(&self) -> String {
        let mut digest = Sha256::new();
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

/// True for the kinds of record that belong to one student's profile.
fn is_profile(entity: &str) -> bool {
    entity
        .parse::<EntityKind>()
        .is_ok_and(|kind| kind.student_field().is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scope(everything: bool) -> Scope {
        Scope {
            everything,
            me: "me".into(),
            groups: BTreeSet::from(["g1".to_owned()]),
            students: BTreeSet::from(["s1".to_owned()]),
        }
    }

    #[test]
    fn links_are_seen_through_a_group_a_student_or_the_caller() {
        let mentor = scope(false);
        assert!(mentor.sees("staff", "anyone", None, None));
        assert!(mentor.sees("student", "s1", None, None));
        assert!(!mentor.sees("student", "s2", None, None));
        assert!(mentor.sees("group_membership", "m", Some("g1"), Some("s9")));
        assert!(mentor.sees("group_membership", "m", Some("g9"), Some("s1")));
        assert!(mentor.sees("group_membership", "m", Some("g9"), Some("me")));
        assert!(!mentor.sees("group_membership", "m", Some("g9"), Some("s9")));
        assert!(mentor.sees("caseload_assignment", "c", Some("me"), Some("s9")));
        assert!(!mentor.sees("caseload_assignment", "c", Some("other"), Some("s9")));
        assert!(scope(true).sees("student", "s2", None, None));
        assert!(!scope(true).sees("safeguarding_concern", "x", None, None));
        assert_ne!(scope(true).fingerprint(), mentor.fingerprint());
    }

    #[test]
    fn profile_records_are_seen_exactly_with_their_student() {
        let mentor = scope(false);
        for kind in EntityKind::ALL
            .into_iter()
            .filter(|k| k.student_field().is_some())
        {
            let kind = kind.as_str();
            assert!(mentor.sees(kind, "r", None, Some("s1")), "{kind}");
            assert!(!mentor.sees(kind, "r", None, Some("s2")), "{kind}");
            assert!(!mentor.sees(kind, "r", Some("s1"), None), "{kind}");
            assert!(!mentor.sees(kind, "s1", None, None), "{kind}");
            assert!(scope(true).sees(kind, "r", None, Some("s2")), "{kind}");
        }
        assert!(mentor.sees_student("s1"));
        assert!(!mentor.sees_student("s2"));
        assert!(scope(true).sees_student("s2"));
        assert!(!scope(true).sees("register_mark", "x", None, Some("s1")));
    }
}

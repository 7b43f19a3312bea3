//! Staff roles and what each may write.
//!
//! Roster records shape who sees which students, so only the people who run the roster write
//! them: staff records by admins; students, teaching groups, memberships and caseloads by
//! admins and SENCOs (who manage SEND caseloads and intervention groups). A write a role may
//! not make is stored and answered `rejected` with the reason, never an HTTP error, so it
//! cannot block the device's outbox.
//!
//! A student's profile:
//!
//! | kind | admin, SENCO | mentor, teacher | DSL |
//! |---|---|---|---|
//! | student (every field, SEND status included) | yes | no | no |
//! | `passport_need` | yes | no | no |
//! | `passport_strategy`, `passport_unhelpful`, `passport_voice` | yes | students they see | no |
//! | `medical_note`, `emergency_contact` | yes | no | no |
//!
//! "Students they see" is the pull's scope ([`Scope`]): a mentor's caseload and groups, a
//! teacher's groups. An update or delete names no student, so it is judged by the stored
//! record's student, when it is merged (for an update that waited for its record's create,
//! when that arrives); a create must not move an existing record to another student. An op
//! that touches SEND status is refused whole, with a reason that says so.
//!
//! Who wrote a record is not a field: every op is stored with its device, and the device
//! with the staff member signed in on it, so history and the op log say whose change it was.

use std::fmt;
use std::str::FromStr;

use mentor_core::merge::RecordState;
use mentor_core::{EntityKind, Op};
use rusqlite::Connection;
use serde::Serialize;
use serde_json::Value;

use super::scope::Scope;
use super::{Result, StaffMember};

/// A staff member's role, as stored (`entity::STAFF_ROLES`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Mentor,
    Teacher,
    Senco,
    Dsl,
    Admin,
}

impl Role {
    pub const fn as_str(self) -> &'static str {
        match self {
            Role::Mentor => "mentor",
            Role::Teacher => "teacher",
            Role::Senco => "senco",
            Role::Dsl => "dsl",
            Role::Admin => "admin",
        }
    }

    /// Roles that see every student (and so every group and link).
    pub const fn sees_everyone(self) -> bool {
        matches!(self, Role::Senco | Role::Dsl | Role::Admin)
    }

    pub const fn label(self) -> &'static str {
        match self {
            Role::Mentor => "mentor",
            Role::Teacher => "teacher",
            Role::Senco => "SENCO",
            Role::Dsl => "DSL",
            Role::Admin => "administrator",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "mentor" => Ok(Role::Mentor),
            "teacher" => Ok(Role::Teacher),
            "senco" => Ok(Role::Senco),
            "dsl" => Ok(Role::Dsl),
            "admin" => Ok(Role::Admin),
            other => Err(format!("\"{other}\" is not a staff role")),
        }
    }
}

/// The reason given to anyone but a SENCO or admin whose change touches SEND status.
pub const SEND_STATUS_REFUSAL: &str =
    "Only the SENCO or an administrator can change SEND status, so none of this change was saved.";

/// True for roles whose profile writes are limited to the students they see.
const fn scoped(role: Role) -> bool {
    matches!(role, Role::Mentor | Role::Teacher)
}

/// Why `role` may not write records of `kind` at all, or `None` if it may write some of them
/// (mentors and teachers: only for students they see; see [`WriteRules`]).
pub fn write_refusal(role: Role, kind: EntityKind) -> Option<String> {
    let roster = matches!(role, Role::Admin | Role::Senco);
    let (allowed, only_senco) = match kind {
        EntityKind::Staff => (matches!(role, Role::Admin), None),
        EntityKind::Student
        | EntityKind::TeachingGroup
        | EntityKind::GroupMembership
        | EntityKind::CaseloadAssignment => (roster, None),
        EntityKind::PassportStrategy
        | EntityKind::PassportUnhelpful
        | EntityKind::PassportVoice => (roster || scoped(role), None),
        EntityKind::PassportNeed => (roster, Some("Learning Passport needs")),
        EntityKind::MedicalNote => (roster, Some("medical notes")),
        EntityKind::EmergencyContact => (roster, Some("emergency contacts")),
    };
    if allowed {
        return None;
    }
    Some(match only_senco {
        Some(what) => format!("Only the SENCO or an administrator can change {what}."),
        None => format!(
            "a {} cannot change {} records; ask your school's administrator",
            role.label(),
            kind.label()
        ),
    })
}

/// Why `role` may not make `op`, judged by the op alone, or `None` if that depends only on
/// which students the caller sees (or it is allowed).
pub fn op_refusal(role: Role, op: &Op) -> Option<String> {
    let senco = matches!(role, Role::Admin | Role::Senco);
    if op.entity == EntityKind::Student && !senco && op.fields.contains_key("send_status") {
        return Some(SEND_STATUS_REFUSAL.to_owned());
    }
    write_refusal(role, op.entity)
}

/// Why a mentor or teacher may not make a profile op, given the stored record it changes
/// (`None` if the server has none) and which students they see.
fn scope_refusal(
    role: Role,
    op: &Op,
    stored: Option<&RecordState>,
    sees: impl Fn(&str) -> bool,
) -> Option<String> {
    let field = op.entity.student_field()?;
    let named = op.fields.get(field).and_then(Value::as_str);
    let stored_student = stored
        .filter(|record| record.entity == op.entity)
        .and_then(|record| record.value(field))
        .and_then(Value::as_str);
    let label = op.entity.label();
    match (named, stored_student) {
        (None, None) if stored.is_some_and(|record| record.entity != op.entity) => {
            // Not this kind of record at all: the merge rejects it with that reason.
            return None;
        }
        (None, None) => {
            return Some(format!(
                "This {label} is not on the server (it may have been removed), so it cannot be changed from this device."
            ));
        }
        (Some(named), Some(stored)) if named != stored => {
            return Some(format!(
                "This {label} belongs to another student and cannot be moved; remove it and add a new one."
            ));
        }
        _ => {}
    }
    let whose = match role {
        Role::Teacher => "students in your teaching groups",
        _ => "students on your caseload or in your groups",
    };
    named
        .into_iter()
        .chain(stored_student)
        .any(|student| !sees(student))
        .then(|| {
            format!(
                "You can only change the Learning Passport of {whose}; this student is not one of them."
            )
        })
}

/// The write rules of one staff member. The scope a mentor's or teacher's profile writes are
/// judged by is read once, when first needed: nothing they may push changes it.
pub(super) struct WriteRules {
    staff: StaffMember,
    scope: Option<Scope>,
}

impl WriteRules {
    pub(super) fn new(staff: StaffMember) -> Self {
        Self { staff, scope: None }
    }

    /// Why the staff member may not merge `op` into `stored` (`None` if the server has no
    /// such record), or `None` if they may.
    pub(super) fn refusal(
        &mut self,
        conn: &Connection,
        op: &Op,
        stored: Option<&RecordState>,
    ) -> Result<Option<String>> {
        let role = self.staff.role;
        if let Some(reason) = op_refusal(role, op) {
            return Ok(Some(reason));
        }
        if !scoped(role) || op.entity.student_field().is_none() {
            return Ok(None);
        }
        let scope = match self.scope.take() {
            Some(scope) => scope,
            None => Scope::for_staff(conn, &self.staff)?,
        };
        let reason = scope_refusal(role, op, stored, |student| scope.sees_student(student));
        self.scope = Some(scope);
        Ok(reason)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mentor_core::{DeviceId, EntityId, HlcClock, OpId, OpKind};
    use serde_json::json;

    #[test]
    fn roles_round_trip_and_only_roster_roles_write_the_roster() {
        for role in [
            Role::Mentor,
            Role::Teacher,
            Role::Senco,
            Role::Dsl,
            Role::Admin,
        ] {
            assert_eq!(role.as_str().parse::<Role>().unwrap(), role);
        }
        assert!(write_refusal(Role::Admin, EntityKind::Staff).is_none());
        assert!(write_refusal(Role::Senco, EntityKind::Staff).is_some());
        assert!(write_refusal(Role::Senco, EntityKind::CaseloadAssignment).is_none());
        let refusal = write_refusal(Role::Mentor, EntityKind::Student).unwrap();
        assert_eq!(
            refusal,
            "a mentor cannot change student records; ask your school's administrator"
        );
    }

    fn op(entity: EntityKind, kind: OpKind, fields: Value) -> Op {
        let device = DeviceId::from_time_and_random(1, [1; 10]).unwrap();
        let mut clock = HlcClock::new(device);
        // Made without validation: the rules must not rely on it.
        Op {
            op_id: OpId::from_time_and_random(1, [3; 10]).unwrap(),
            device_id: device,
            device_seq: 1,
            hlc: clock.tick(1).unwrap(),
            schema_version: mentor_core::SCHEMA_VERSION,
            entity,
            entity_id: EntityId::from_time_and_random(1, [2; 10]).unwrap(),
            kind,
            fields: serde_json::from_value(fields).unwrap(),
        }
    }

    #[test]
    fn the_profile_permission_table() {
        use EntityKind::*;
        let table = [
            (Student, [true, true, false, false, false]),
            (PassportNeed, [true, true, false, false, false]),
            (PassportStrategy, [true, true, true, true, false]),
            (PassportUnhelpful, [true, true, true, true, false]),
            (PassportVoice, [true, true, true, true, false]),
            (MedicalNote, [true, true, false, false, false]),
            (EmergencyContact, [true, true, false, false, false]),
        ];
        let roles = [
            Role::Admin,
            Role::Senco,
            Role::Mentor,
            Role::Teacher,
            Role::Dsl,
        ];
        for (kind, allowed) in table {
            for (role, allowed) in roles.into_iter().zip(allowed) {
                assert_eq!(
                    write_refusal(role, kind).is_none(),
                    allowed,
                    "{role} writing {kind}"
                );
            }
        }
        assert_eq!(
            write_refusal(Role::Mentor, MedicalNote).unwrap(),
            "Only the SENCO or an administrator can change medical notes."
        );
        assert_eq!(
            write_refusal(Role::Teacher, PassportNeed).unwrap(),
            "Only the SENCO or an administrator can change Learning Passport needs."
        );
    }

    #[test]
    fn any_change_to_send_status_by_others_is_refused_whole() {
        let mixed = op(
            EntityKind::Student,
            OpKind::Update,
            json!({"pronouns": "she/her", "send_status": "ehcp"}),
        );
        for role in [Role::Mentor, Role::Teacher, Role::Dsl] {
            assert_eq!(
                op_refusal(role, &mixed).as_deref(),
                Some(SEND_STATUS_REFUSAL)
            );
        }
        assert_eq!(op_refusal(Role::Senco, &mixed), None);
        let cleared = op(
            EntityKind::Student,
            OpKind::Update,
            json!({"send_status": null}),
        );
        assert_eq!(
            op_refusal(Role::Mentor, &cleared).as_deref(),
            Some(SEND_STATUS_REFUSAL)
        );
        let pronouns = op(
            EntityKind::Student,
            OpKind::Update,
            json!({"pronouns": "he/him"}),
        );
        assert!(
            op_refusal(Role::Mentor, &pronouns)
                .unwrap()
                .contains("cannot change student")
        );
    }

    #[test]
    fn scoped_writes_are_judged_by_the_named_and_the_stored_student() {
        let create = |student: &str| {
            op(
                EntityKind::PassportStrategy,
                OpKind::Create,
                json!({"text": "Chunk instructions", "student_id": student}),
            )
        };
        let sees = |student: &str| student == "mine";
        let stored = |student: &str| {
            let op = create(student);
            mentor_core::merge::apply(None, &op).unwrap().state
        };
        assert_eq!(
            scope_refusal(Role::Mentor, &create("mine"), None, sees),
            None
        );
        let other = scope_refusal(Role::Mentor, &create("theirs"), None, sees).unwrap();
        assert_eq!(
            other,
            "You can only change the Learning Passport of students on your caseload or in your groups; this student is not one of them."
        );
        let teacher = scope_refusal(Role::Teacher, &create("theirs"), None, sees).unwrap();
        assert!(
            teacher.contains("students in your teaching groups"),
            "{teacher}"
        );

        let delete = op(EntityKind::PassportStrategy, OpKind::Delete, json!({}));
        assert_eq!(
            scope_refusal(Role::Mentor, &delete, Some(&stored("mine")), sees),
            None
        );
        assert!(scope_refusal(Role::Mentor, &delete, Some(&stored("theirs")), sees).is_some());
        assert!(
            scope_refusal(Role::Mentor, &delete, None, sees)
                .unwrap()
                .contains("is not on the server")
        );
        // A create over someone else's record cannot take it over.
        let moved = scope_refusal(Role::Mentor, &create("mine"), Some(&stored("theirs")), sees);
        assert!(moved.unwrap().contains("cannot be moved"));
    }
}

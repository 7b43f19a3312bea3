//! What each staff member may write, read from each kind's declaration
//! ([`mentor_core::kinds::KindSpec::access`]): the roles that may write a kind anywhere, the
//! roles that may write it only for the students they see, and fields that fewer roles may
//! write (SEND status: the SENCO and administrator). A write a role may not make is stored
//! and answered `rejected` with the reason, never an HTTP error, so it cannot block the
//! device's outbox.
//!
//! "Students they see" is the pull's scope ([`Scope`]): a mentor's caseload and groups, a
//! teacher's groups. An update or delete names no student, so it is judged by the stored
//! record's student, when it is merged (for an update that waited for its record's create,
//! when that arrives); a create must not move an existing record to another student. An op
//! that touches a field its author may not write is refused whole, with a reason that says so.
//!
//! Who wrote a record is not a field: every op is stored with its device, and the device
//! with the staff member signed in on it, so history and the op log say whose change it was.

use mentor_core::Op;
pub use mentor_core::Role;
use mentor_core::kinds::Extent;
use mentor_core::merge::RecordState;
use rusqlite::Connection;
use serde_json::Value;

use super::scope::Scope;
use super::{Result, StaffMember};

/// Why `role` may not make `op`, judged by the op alone, or `None` if that depends only on
/// which students the caller sees (or it is allowed).
pub fn op_refusal(role: Role, op: &Op) -> Option<String> {
    let spec = op.entity.spec();
    op.fields
        .keys()
        .find_map(|name| spec.field_refusal(role, name))
        .or_else(|| spec.write_refusal(role, op.kind))
}

/// How far `role` may make writes like `op`.
fn extent(role: Role, op: &Op) -> Option<Extent> {
    op.entity.spec().access.write(op.kind).extent(role)
}

/// Why a role limited to its scope may not make `op`, given the stored record it changes
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
                "You can only change {} for {whose}; this student is not one of them.",
                op.entity.spec().plural
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
        if extent(role, op) != Some(Extent::InScope) {
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
    use mentor_core::{DeviceId, EntityId, EntityKind, HlcClock, OpId, OpKind};
    use serde_json::json;

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

    const SEND_STATUS: &str = "Only the SENCO or an administrator can change SEND status, so none of this change was saved.";

    #[test]
    fn any_change_to_send_status_by_others_is_refused_whole() {
        let mixed = op(
            EntityKind::Student,
            OpKind::Update,
            json!({"pronouns": "she/her", "send_status": "ehcp"}),
        );
        for role in [Role::Mentor, Role::Teacher, Role::Dsl] {
            assert_eq!(op_refusal(role, &mixed).as_deref(), Some(SEND_STATUS));
        }
        assert_eq!(op_refusal(Role::Senco, &mixed), None);
        let cleared = op(
            EntityKind::Student,
            OpKind::Update,
            json!({"send_status": null}),
        );
        assert_eq!(
            op_refusal(Role::Mentor, &cleared).as_deref(),
            Some(SEND_STATUS)
        );
        let pronouns = op(
            EntityKind::Student,
            OpKind::Update,
            json!({"pronouns": "he/him"}),
        );
        assert!(
            op_refusal(Role::Mentor, &pronouns)
                .unwrap()
                .contains("can change student records")
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
            "You can only change Learning Passport strategies for students on your caseload or in your groups; this student is not one of them."
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

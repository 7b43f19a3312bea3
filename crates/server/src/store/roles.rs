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

pub use mentor_core::Role;
use mentor_core::engine::IntakeRefusal;
use mentor_core::kinds::Extent;
use mentor_core::merge::RecordState;
use mentor_core::{Op, OpKind};
use rusqlite::Connection;
use serde_json::Value;

use super::scope::{Links, Scope};
use super::{Result, StaffMember, StoreError};

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

/// The answer to a write to a record the writer may not see, word for word the answer to a
/// write to a record that does not exist, so it tells nothing of the record.
fn not_on_server(op: &Op) -> String {
    IntakeRefusal::NotOnServer { kind: op.entity }.to_string()
}

/// Why a role limited to its scope may not make `op` because of the student it names, judged
/// by the op alone (and the students they see), so the answer never depends on which
/// records exist.
fn named_student_refusal(role: Role, op: &Op, sees: impl Fn(&str) -> bool) -> Option<String> {
    let field = op.entity.student_field()?;
    let named = op.fields.get(field).and_then(Value::as_str)?;
    if sees(named) {
        return None;
    }
    let whose = match role {
        Role::Teacher => "students in your teaching groups",
        _ => "students on your caseload or in your groups",
    };
    Some(format!(
        "You can only change {} for {whose}; this student is not one of them.",
        op.entity.spec().plural
    ))
}

/// Why a role limited to its scope may not make `op`, given the stored record it changes
/// (`None` if the server has none) and which students they see. A stored record of a
/// student they do not see is answered as no record at all.
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
    if stored_student.is_some_and(|student| !sees(student)) {
        return Some(not_on_server(op));
    }
    match (named, stored_student) {
        (None, None) if stored.is_some_and(|record| record.entity != op.entity) => {
            // Not this kind of record at all: the merge rejects it with that reason.
            return None;
        }
        (None, None) => return Some(not_on_server(op)),
        (Some(named), Some(stored)) if named != stored => {
            return Some(format!(
                "This {} belongs to another student and cannot be moved; remove it and add a new one.",
                op.entity.label()
            ));
        }
        _ => {}
    }
    named_student_refusal(role, op, sees)
}

/// Why `staff` may not make `op` to a kind whose records belong to their author (a lesson
/// note): a create must name its writer as the author, and only the author changes or
/// deletes one. `stored` is the record an update or delete changes, if the server has it.
fn author_refusal(staff: &StaffMember, op: &Op, stored: Option<&RecordState>) -> Option<String> {
    let field = op.entity.spec().access.author?;
    let me = staff.id.to_string();
    let label = op.entity.label();
    match op.kind {
        OpKind::Create => {
            let named = op.fields.get(field).and_then(Value::as_str);
            (named != Some(me.as_str())).then(|| {
                format!(
                    "A new {label} must name the person signed in on this device as its author."
                )
            })
        }
        OpKind::Update | OpKind::Delete => {
            let author = stored?.value(field).and_then(Value::as_str);
            (author != Some(me.as_str()))
                .then(|| format!("Only the person who wrote this {label} can change or delete it."))
        }
    }
}

/// Why a role limited to its scope may not create what `op` makes: a record it would not
/// see once made (a lesson for a group they are not in, a note in such a lesson), so nobody
/// writes what they could not read back.
fn unseen_create_refusal(scope: &Scope, op: &Op, stored: Option<&RecordState>) -> Option<String> {
    if op.kind != OpKind::Create || stored.is_some() {
        return None;
    }
    let links = Links::of_values(op.entity, |field| op.fields.get(field));
    let id = op.entity_id.to_string();
    (!scope.sees(op.entity, &id, &links)).then(|| {
        format!(
            "You can only add {} for your own groups and students; this one is not for them.",
            op.entity.spec().plural
        )
    })
}

/// The write rules of one staff member. The scope a mentor's or teacher's profile writes are
/// judged by is read once, when first needed: nothing they may push changes it.
pub(super) struct WriteRules {
    staff: StaffMember,
    scope: Option<Scope>,
    now_ms: u64,
}

impl WriteRules {
    /// The rules of `staff` at `now_ms` (their scope depends on which trips run).
    pub(super) fn new(staff: StaffMember, now_ms: u64) -> Self {
        Self {
            staff,
            scope: None,
            now_ms,
        }
    }

    /// The staff member's scope, read when first needed.
    fn scope(&mut self, conn: &Connection) -> Result<&Scope> {
        if self.scope.is_none() {
            self.scope = Some(Scope::for_staff(conn, &self.staff, self.now_ms)?);
        }
        // Filled just above.
        self.scope.as_ref().ok_or(StoreError::Poisoned)
    }

    /// Why the staff member may not make `op` at all, judged by the op and the students they
    /// see, before anything about its record is read.
    pub(super) fn op_refusal(&mut self, conn: &Connection, op: &Op) -> Result<Option<String>> {
        let role = self.staff.role;
        if let Some(reason) = op_refusal(role, op) {
            return Ok(Some(reason));
        }
        if op.kind == OpKind::Create
            && let Some(reason) = author_refusal(&self.staff, op, None)
        {
            return Ok(Some(reason));
        }
        if extent(role, op) != Some(Extent::InScope) {
            return Ok(None);
        }
        let scope = self.scope(conn)?;
        Ok(named_student_refusal(role, op, |student| {
            scope.sees_student(student)
        }))
    }

    /// True if the staff member may read `record` (a pull would carry it to them).
    pub(super) fn sees(&mut self, conn: &Connection, record: &RecordState) -> Result<bool> {
        let links = Links::of(record);
        let scope = self.scope(conn)?;
        Ok(scope.sees(record.entity, &record.id.to_string(), &links))
    }

    /// Why the staff member may not merge `op` into `stored` (`None` if the server has no
    /// such record), or `None` if they may. A record they may not see is answered as none.
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
        if let Some(record) = stored
            && !self.sees(conn, record)?
        {
            return Ok(Some(not_on_server(op)));
        }
        if let Some(reason) = author_refusal(&self.staff, op, stored) {
            return Ok(Some(reason));
        }
        if extent(role, op) != Some(Extent::InScope) {
            return Ok(None);
        }
        let scope = self.scope(conn)?;
        if let Some(reason) = scope_refusal(role, op, stored, |student| scope.sees_student(student))
        {
            return Ok(Some(reason));
        }
        Ok(unseen_create_refusal(scope, op, stored))
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
        // Another student's record is answered as no record, word for word.
        assert_eq!(
            scope_refusal(Role::Mentor, &delete, Some(&stored("theirs")), sees),
            scope_refusal(Role::Mentor, &delete, None, sees)
        );
        // A create over someone else's record cannot take it over, and is not told whose
        // it is; between two of one's own students it is told it cannot be moved.
        let taken = scope_refusal(Role::Mentor, &create("mine"), Some(&stored("theirs")), sees);
        assert!(taken.unwrap().contains("is not on the server"));
        let both = |student: &str| student == "mine" || student == "also mine";
        let moved = scope_refusal(
            Role::Mentor,
            &create("mine"),
            Some(&stored("also mine")),
            both,
        );
        assert!(moved.unwrap().contains("cannot be moved"));
    }
}

//! The declaration of a kind of synced record ([`KindSpec`]): everything the app and the
//! server know about one kind, in one place.
//!
//! Each kind is one `const` in a file of this module named after its workflow (`roster.rs`,
//! `profile.rs`), listed once in [`crate::entity`]'s catalogue. Validation, the merge's key
//! rules, derived ids, the server's write refusals and its scoping of pulls are all read from
//! these declarations; nothing else matches on the kind. [`KindSpec::check`] says whether a
//! declaration is consistent, and a test walks the whole catalogue with it.

mod check;
mod interventions;
mod lessons;
mod mentoring;
mod placements;
mod profile;
mod progress;
mod registers;
mod roster;
mod rules;
mod school;
mod tracking;
mod trips;

pub(crate) use interventions::{INTERVENTION, INTERVENTION_SCORE};
pub use interventions::{MEASURE_RANGE, MEASURES, SCORE_BOUNDS};
pub use lessons::{
    DEFAULT_NOTE_TAGS, ENGAGEMENT, HELPED, NOTE_TAGS, SEAT_COLUMNS, is_wellbeing_tag,
};
pub(crate) use lessons::{LESSON, LESSON_NOTE, SEATING_PLAN};
pub use mentoring::{DEFAULT_MENTORING_TOPICS, MENTORING_TOPICS, SESSION_MINUTES};
pub(crate) use mentoring::{MENTORING_ACTION, MENTORING_SESSION};
pub(crate) use placements::{FOLLOW_UP, PLACEMENT, PLACEMENT_VISIT};
pub use placements::{PLACEMENT_CHECKS, PLACEMENT_STATUSES, RATING};
pub(crate) use profile::{
    EMERGENCY_CONTACT, MEDICAL_NOTE, PASSPORT_NEED, PASSPORT_STRATEGY, PASSPORT_UNHELPFUL,
    PASSPORT_VOICE,
};
pub use progress::{
    DEFAULT_SCORE_NAMES, REVIEW_OUTCOMES, REVIEW_SCORE, SCORE_NAMES, TARGET_AREAS, TARGET_STATUSES,
};
pub(crate) use progress::{PROGRESS_SUMMARY, TARGET, TARGET_REVIEW};
pub use registers::{MARK_NOTE, MARKS};
pub(crate) use registers::{REGISTER, REGISTER_MARK};
pub(crate) use roster::{CASELOAD_ASSIGNMENT, GROUP_MEMBERSHIP, STAFF, STUDENT, TEACHING_GROUP};
pub use rules::{Bound, Condition, Found, Limit, Requirement};
pub(crate) use school::SCHOOL_SETTINGS;
pub use school::{LOCK_AFTER_MINUTES, SAFEGUARDING_YEARS};
pub use tracking::SCALE_POINTS;
pub(crate) use tracking::{TRACKING_SCALE, TRACKING_VALUE};
pub use trips::{CHECKPOINTS, DEFAULT_TRIP_CHECKS, ROLL_CALL_STATUSES, TRIP_CHECK_TEMPLATE};
pub(crate) use trips::{ROLL_CALL, ROLL_CALL_MARK, TRIP, TRIP_CHECK, TRIP_INCIDENT, TRIP_MEMBER};

use crate::entity::{FieldSpec, FieldType, MergeKind};
use crate::op::OpKind;
use crate::role::Role;

/// One kind of synced record, declared once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindSpec {
    /// The wire name (`"teaching_group"`): in ops, records, the database and IndexedDB.
    pub wire: &'static str,
    /// The name people read in messages (`"teaching group"`).
    pub label: &'static str,
    /// The label with "a" or "an" in front (`"an emergency contact"`).
    pub label_with_article: &'static str,
    /// The label for many (`"emergency contacts"`), as refusals name them.
    pub plural: &'static str,
    /// How writes merge.
    pub merge: MergeKind,
    /// The fields, in display order, with their types and whether they must be there.
    pub fields: &'static [FieldSpec],
    /// How a new record's id is made.
    pub id: IdRule,
    /// How a member of staff's scope reaches a record of this kind.
    pub reach: Reach,
    /// Who may read and write it.
    pub access: Access,
    /// How long the server keeps the history of a deleted record of this kind.
    pub retention: Retention,
    /// Records that must be on the server, live, when one of this kind is created: the roll
    /// call a mark is in, and the child being on the trip.
    pub requires: &'static [Requirement],
    /// What a record of this kind must be once a write has set a field to a value: a
    /// placement made active has every pre-placement check or the coordinator's reason.
    pub conditions: &'static [Condition],
}

/// How long the server keeps the history (the overwritten and erased values) of a deleted
/// record, counted from its delete. A deleted record itself keeps no values; its history is
/// the school's record of what it said, kept on purpose for this long and then purged
/// (`mentor-server` does it at start-up). Live records keep their history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    /// Whole years (of 365¼ days).
    pub years: u16,
}

impl Retention {
    /// The period in milliseconds.
    pub const fn millis(self) -> u64 {
        // 365.25 days of 86,400,000 ms.
        self.years as u64 * 31_557_600_000
    }
}

impl KindSpec {
    /// How long this kind's deleted records' history is kept at a school that keeps
    /// safeguarding-relevant history `school_years` (its setting, if it has chosen): that,
    /// for those kinds; the declared period for the rest.
    pub fn retention_at(&self, school_years: Option<u16>) -> Retention {
        match school_years {
            Some(years) if self.retention == SAFEGUARDING => Retention { years },
            _ => self.retention,
        }
    }
}

/// Records a safeguarding review may need: students and everything about them (their
/// Learning Passport, medical notes, contacts) and who mentored them. Seven years, the
/// longest period UK schools commonly keep pupil records after a child leaves, unless the
/// school keeps them longer.
pub(crate) const SAFEGUARDING: Retention = Retention { years: 7 };

/// The school's organisation (staff, teaching groups and who was in them): one year, enough
/// to answer questions about the last school year.
pub(crate) const ORGANISATION: Retention = Retention { years: 1 };

/// How a new record's id is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdRule {
    /// A new UUIDv7 made on the device.
    Random,
    /// A UUIDv5 made from these key fields (references), in this order, so two devices
    /// recording the same thing offline make one record.
    Derived(&'static [&'static str]),
    /// One record for the whole school, its id fixed by the kind
    /// ([`crate::EntityKind::school_record_id`]).
    OnePerSchool,
}

/// What a link or a record is, for scoping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A student: reached by the staff who see that student.
    Student,
    /// A teaching group: reached by its staff members.
    Group,
    /// A member of staff: reached by that person.
    Staff,
    /// A student, reached only by the staff who mentor them (a mentor with the student on
    /// their caseload or in one of their groups) and by those who see every student; not by
    /// a teacher who teaches them. A lesson note links to its student this way, so a
    /// teacher reads the notes of their own group's lessons and no others.
    Mentee,
    /// A trip: reached by the staff on it (a `trip_member` record names them), and while it
    /// runs it brings them its children's student records and profiles (the trip pack).
    Trip,
    /// A student or a member of staff, as the choice field `kind_field` says.
    Member {
        /// The key field holding `"student"` or `"staff"`.
        kind_field: &'static str,
    },
}

/// A key field that points at another record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    /// The field holding the other record's id.
    pub field: &'static str,
    /// What that record is.
    pub to: Target,
}

/// How a member of staff's scope reaches a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// The record is itself a student, group or member of staff.
    Itself(Target),
    /// Through any one of its links.
    Links(&'static [Link]),
    /// Every member of staff: a school-wide setting.
    School,
}

/// Who may do one thing to a kind of record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grant {
    /// Roles that may do it to any record.
    pub anywhere: &'static [Role],
    /// Roles that may do it only to records their scope reaches (for writes: records of
    /// students they see, judged by the record's link to its student).
    pub in_scope: &'static [Role],
}

/// How far a role's grant goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extent {
    /// Every record of the kind.
    Anywhere,
    /// The records the role's scope reaches.
    InScope,
}

/// Who may read, create, update and delete a kind of record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Access {
    /// Who receives the records in a pull.
    pub read: Grant,
    /// Who may create one.
    pub create: Grant,
    /// Who may change one.
    pub update: Grant,
    /// Who may delete one.
    pub delete: Grant,
    /// Fields that fewer roles may read or write than the record as a whole.
    pub fields: &'static [FieldGrant],
    /// The key field naming the member of staff who wrote the record, for kinds whose
    /// records belong to their author (a lesson note): a create must name its writer, and
    /// only the author may update or delete the record, whatever the grants say of others.
    pub author: Option<&'static str>,
}

/// A field that only some roles may read or write. A pull and the history carry it only to
/// its readers (everyone else receives the record without it); an op by anyone but its
/// writers that carries it is refused whole, so no half of a change is saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldGrant {
    /// The field's name.
    pub field: &'static str,
    /// How people call it in a refusal ("SEND status").
    pub what: &'static str,
    /// The roles that may read it, among those who read the record ([`EVERYONE_WHO_READS`]
    /// if reading it is not limited).
    pub readers: &'static [Role],
    /// The roles that may write it.
    pub writers: &'static [Role],
}

/// A field's readers when reading it is not limited: whoever reads the record.
pub const EVERYONE_WHO_READS: &[Role] = &Role::ALL;

impl Role {
    /// True if the role sees every student, and so every group and every record reached
    /// through a student (the SENCO, the DSL, the administrator).
    pub fn sees_every_student(self) -> bool {
        STUDENT.access.read.extent(self) == Some(Extent::Anywhere)
    }

    /// True if the role may create records of `kind` (anywhere or for students it sees):
    /// the app shows "add" controls by it.
    pub fn may_create(self, kind: crate::EntityKind) -> bool {
        kind.spec().access.create.extent(self).is_some()
    }

    /// True if the role may change records of `kind`: the app shows edit controls by it.
    pub fn may_update(self, kind: crate::EntityKind) -> bool {
        kind.spec().access.update.extent(self).is_some()
    }

    /// True if the role receives `field` of `kind` with the records of that kind it reads
    /// (staff email addresses go to administrators only).
    pub fn may_read_field(self, kind: crate::EntityKind, field: &str) -> bool {
        kind.spec().field_readable(self, field)
    }

    /// True if the role may write `field` of `kind`, where fewer roles may write it than
    /// the record.
    pub fn may_write_field(self, kind: crate::EntityKind, field: &str) -> bool {
        self.may_update(kind) && kind.spec().field_refusal(self, field).is_none()
    }
}

impl Grant {
    /// How far `role` may go, or `None` if not at all.
    pub fn extent(&self, role: Role) -> Option<Extent> {
        if self.anywhere.contains(&role) {
            Some(Extent::Anywhere)
        } else if self.in_scope.contains(&role) {
            Some(Extent::InScope)
        } else {
            None
        }
    }

    /// Who may do it, as a refusal says it ("the SENCO or an administrator").
    pub fn who(&self) -> String {
        let names: Vec<&str> = self
            .anywhere
            .iter()
            .map(|role| role.someone())
            .chain(self.in_scope.iter().map(|role| role.of_the_student()))
            .collect();
        or_list(&names)
    }
}

impl Access {
    /// The grant for writes of `kind`.
    pub const fn write(&self, kind: OpKind) -> &Grant {
        match kind {
            OpKind::Create => &self.create,
            OpKind::Update => &self.update,
            OpKind::Delete => &self.delete,
        }
    }
}

impl KindSpec {
    /// The field called `name`, if this kind has one.
    pub fn field(&self, name: &str) -> Option<&'static FieldSpec> {
        self.fields.iter().find(|spec| spec.name == name)
    }

    /// The key field that names the one student a record is about (`student_id`), if the
    /// kind links to a student. Writes by roles limited to their scope are judged by it.
    pub fn student_link(&self) -> Option<&'static str> {
        match self.reach {
            Reach::Links(links) => links
                .iter()
                .find(|link| matches!(link.to, Target::Student | Target::Mentee))
                .map(|link| link.field),
            Reach::Itself(_) | Reach::School => None,
        }
    }

    /// True if records of this kind have an id derived from their key fields (or fixed).
    pub const fn has_derived_id(&self) -> bool {
        matches!(self.id, IdRule::Derived(_) | IdRule::OnePerSchool)
    }

    /// Why `role` may not make a write of `kind` to this kind of record at all, or `None`
    /// if it may make some (roles limited to their scope: judged again by the student).
    pub fn write_refusal(&self, role: Role, kind: OpKind) -> Option<String> {
        let grant = self.access.write(kind);
        if grant.extent(role).is_some() {
            return None;
        }
        if grant.anywhere.is_empty() && grant.in_scope.is_empty() {
            let what = match kind {
                OpKind::Delete => "removes",
                OpKind::Create | OpKind::Update => "changes",
            };
            return Some(format!(
                "Nobody {what} {}: they are kept as they were recorded.",
                self.plural
            ));
        }
        Some(format!("Only {} can change {}.", grant.who(), self.plural))
    }

    /// True if `role` may read the field `name` of records of this kind it reads.
    pub fn field_readable(&self, role: Role, name: &str) -> bool {
        self.access
            .fields
            .iter()
            .find(|grant| grant.field == name)
            .is_none_or(|grant| grant.readers.contains(&role))
    }

    /// Why `role` may not write the field `name`, if it is one that only some roles may.
    pub fn field_refusal(&self, role: Role, name: &str) -> Option<String> {
        let grant = self
            .access
            .fields
            .iter()
            .find(|grant| grant.field == name)?;
        (!grant.writers.contains(&role)).then(|| {
            let who = Grant {
                anywhere: grant.writers,
                in_scope: &[],
            }
            .who();
            format!(
                "Only {who} can change {}, so none of this change was saved.",
                grant.what
            )
        })
    }
}

/// Roles that see every student, and so every record reached through one.
pub(crate) const EVERY_STUDENT: &[Role] = &[Role::Senco, Role::Dsl, Role::Admin];

/// Roles that see the students of their caseload and teaching groups.
pub(crate) const IN_GROUPS: &[Role] = &[Role::Mentor, Role::Teacher];

/// Whoever sees the record: those who see every student anywhere, the rest within their
/// scope (the usual grant for reading, and for writing what staff record about students).
pub(crate) const STAFF_WHO_SEE: Grant = Grant {
    anywhere: EVERY_STUDENT,
    in_scope: IN_GROUPS,
};

/// Every member of staff, whatever they see.
pub(crate) const EVERYONE: Grant = Grant {
    anywhere: &Role::ALL,
    in_scope: &[],
};

/// The people who run the roster and write students' records: the SENCO and administrator.
pub(crate) const ROSTER: Grant = Grant {
    anywhere: &[Role::Senco, Role::Admin],
    in_scope: &[],
};

/// "a", "a or b", "a, b or c".
fn or_list(names: &[&str]) -> String {
    match names {
        [] => "nobody".to_owned(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

#[cfg(test)]
#[path = "kinds_tests.rs"]
mod tests;

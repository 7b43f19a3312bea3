//! Registers for any teaching group (a form group, a club, an intervention session): a
//! register for a date and a session, and one mark per student in it.
//!
//! **Who reads them**: the group's staff (its teacher, mentors and supporters), those who see
//! every student (the SENCO, the DSL, the administrator), and for a mark also the student's
//! mentors (the `Mentee` link, as for lesson notes), so a mentor sees their mentee's
//! attendance. A teacher who teaches the student in another group does not: a mark would
//! tell them the student attends a group (an intervention, a nurture club) they are not told
//! about.
//!
//! **Who marks**: the group's staff, mentors and teachers alike, for their own groups
//! (a create names a group they are in and a student they see, so they can read it back);
//! the SENCO, the DSL and the administrator for any group, so anyone can cover a colleague's
//! register. Nobody owns a register or a mark (`author: None`): a colleague may correct
//! either, and the server's history keeps every value a correction replaced. Only the SENCO
//! and the administrator delete one (a register opened by mistake); nobody else needs to,
//! because "unmarked" is simply no mark, and a wrong mark is corrected, not removed.
//!
//! **Ids**: a register takes a random id; a mark's id is derived from its register and its
//! student, so two devices marking the same student offline write one record and the later
//! mark wins field by field (ARCHITECTURE.md, "Registers").

use super::{
    Access, Found, Grant, IdRule, KindSpec, Link, Reach, Requirement, SAFEGUARDING, STAFF_WHO_SEE,
    Target,
};
use crate::entity::{EntityKind, FieldType, MOMENT, MergeKind, Presence, SHORT, field};
use crate::role::Role;

/// A student's mark in a register, as stored, in the order the mark sheet offers them.
pub const MARKS: &[&str] = &["present", "absent", "late", "excused", "left_early"];

/// The longest note on a mark ("Dentist, back after lunch").
pub const MARK_NOTE: FieldType = FieldType::Text { max_chars: 200 };

/// A register's note on what the session covered.
pub const SESSION_NOTE: FieldType = FieldType::Text { max_chars: 500 };

/// Every member of staff a record reaches may take or correct it; those who see every
/// student may take any; the SENCO and administrator alone remove one.
const TAKEN_BY_STAFF: Access = Access {
    read: STAFF_WHO_SEE,
    create: STAFF_WHO_SEE,
    update: STAFF_WHO_SEE,
    delete: Grant {
        anywhere: &[Role::Senco, Role::Admin],
        in_scope: &[],
    },
    fields: &[],
    author: None,
};

const TO_GROUP: Link = Link {
    field: "group_id",
    to: Target::Group,
};

/// A register of a teaching group for one date and session ("AM", "P3", "Lunch club").
pub(crate) const REGISTER: KindSpec = KindSpec {
    wire: "register",
    label: "register",
    label_with_article: "a register",
    plural: "registers",
    merge: MergeKind::FieldLww,
    fields: &[
        field("group_id", FieldType::Reference, Presence::Key),
        field("date", FieldType::Date, Presence::Required),
        field("session", SHORT, Presence::Required),
        field("opened_by", FieldType::Reference, Presence::Key),
        field("opened_at", MOMENT, Presence::Key),
        field("completed_at", MOMENT, Presence::Optional),
        field("completed_by", FieldType::Reference, Presence::Optional),
        // What the session covered: an intervention session's short note.
        field("note", SESSION_NOTE, Presence::Optional),
    ],
    id: IdRule::Random,
    reach: Reach::Links(&[TO_GROUP]),
    access: TAKEN_BY_STAFF,
    retention: SAFEGUARDING,
    requires: &[],
    conditions: &[],
};

/// One student's mark in a register: present, absent, late (with the arrival time),
/// excused or left early (with the time), who marked it and when, and an optional note.
pub(crate) const REGISTER_MARK: KindSpec = KindSpec {
    wire: "register_mark",
    label: "register mark",
    label_with_article: "a register mark",
    plural: "register marks",
    merge: MergeKind::FieldLww,
    fields: &[
        field("register_id", FieldType::Reference, Presence::Key),
        field("group_id", FieldType::Reference, Presence::Key),
        field("student_id", FieldType::Reference, Presence::Key),
        field("mark", FieldType::Choice(MARKS), Presence::Required),
        field("at_time", FieldType::TimeOfDay, Presence::Optional),
        field("note", MARK_NOTE, Presence::Optional),
        field("marked_by", FieldType::Reference, Presence::Required),
        field("marked_at", MOMENT, Presence::Required),
    ],
    id: IdRule::Derived(&["register_id", "student_id"]),
    reach: Reach::Links(&[
        TO_GROUP,
        Link {
            field: "student_id",
            to: Target::Mentee,
        },
    ]),
    access: TAKEN_BY_STAFF,
    retention: SAFEGUARDING,
    requires: &[
        Requirement {
            kind: EntityKind::Register,
            found: Found::By("register_id"),
            agree: &[("group_id", "group_id")],
            refusal: "This register is not on the server, or is another group's: it may have been removed.",
            bounds: &[],
        },
        Requirement {
            kind: EntityKind::GroupMembership,
            found: Found::Derived(&["group_id", "student_id"]),
            agree: &[],
            refusal: "This student is not in the register's group, so no mark was saved.",
            bounds: &[],
        },
    ],
    conditions: &[],
};

//! The roster: staff, students, teaching groups, who is in which group, and mentors'
//! caseloads. These records decide who sees which students, so only the people who run the
//! roster write them: staff records the administrator; the rest the administrator and the
//! SENCO (who manages SEND caseloads and intervention groups).
//!
//! Memberships and caseload assignments are editable with tombstones rather than append-only:
//! a student leaves a group, a caseload changes, and re-adding must work. Their ids are derived
//! from the pair they join, so two people adding the same student offline make one record.

use super::{
    Access, EVERYONE, EVERYONE_WHO_READS, FieldGrant, Grant, IdRule, KindSpec, Link, ORGANISATION,
    ROSTER, Reach, SAFEGUARDING, STAFF_WHO_SEE, Target,
};
use crate::entity::{
    FieldType, MEMBER_KINDS, MergeKind, NAME, Presence, SEND_STATUSES, SHORT, field,
};
use crate::role::{ROLE_NAMES, Role};

/// Read by whoever sees the record; written by the roster's keepers.
const ROSTER_ACCESS: Access = Access {
    read: STAFF_WHO_SEE,
    create: ROSTER,
    update: ROSTER,
    delete: ROSTER,
    fields: &[],
    author: None,
};

/// A member of staff (mentor, teacher, SENCO, DSL, administrator). Every member of staff
/// sees every staff record's name and role; the email address (the sign-in name) goes to
/// administrators only, and password hashes never leave the server.
pub(crate) const STAFF: KindSpec = KindSpec {
    wire: "staff",
    label: "staff member",
    label_with_article: "a staff member",
    plural: "staff records",
    merge: MergeKind::FieldLww,
    fields: &[
        field("display_name", NAME, Presence::Required),
        field("email", FieldType::Email, Presence::Required),
        field("role", FieldType::Choice(ROLE_NAMES), Presence::Required),
    ],
    id: IdRule::Random,
    reach: Reach::Itself(Target::Staff),
    access: Access {
        read: EVERYONE,
        create: ADMIN,
        update: ADMIN,
        delete: ADMIN,
        fields: &[FieldGrant {
            field: "email",
            what: "email addresses",
            readers: &[Role::Admin],
            writers: &[Role::Admin],
        }],
        author: None,
    },
    retention: ORGANISATION,
    requires: &[],
    conditions: &[],
};

const ADMIN: Grant = Grant {
    anywhere: &[Role::Admin],
    in_scope: &[],
};

/// A student on roll. SEND status is the SENCO's: nobody else may write it.
pub(crate) const STUDENT: KindSpec = KindSpec {
    wire: "student",
    label: "student",
    label_with_article: "a student",
    plural: "student records",
    merge: MergeKind::FieldLww,
    fields: &[
        field("given_name", NAME, Presence::Required),
        field("family_name", NAME, Presence::Required),
        field("preferred_name", NAME, Presence::Optional),
        field("pronouns", SHORT, Presence::Optional),
        field("year_group", FieldType::YearGroup, Presence::Required),
        field("form_group", SHORT, Presence::Optional),
        field("upn", FieldType::Upn, Presence::Optional),
        field(
            "send_status",
            FieldType::Choice(SEND_STATUSES),
            Presence::Optional,
        ),
    ],
    id: IdRule::Random,
    reach: Reach::Itself(Target::Student),
    access: Access {
        fields: &[FieldGrant {
            field: "send_status",
            what: "SEND status",
            readers: EVERYONE_WHO_READS,
            writers: &[Role::Senco, Role::Admin],
        }],
        ..ROSTER_ACCESS
    },
    retention: SAFEGUARDING,
    requires: &[],
    conditions: &[],
};

/// A class or other group of students taught together; seen by its staff members.
pub(crate) const TEACHING_GROUP: KindSpec = KindSpec {
    wire: "teaching_group",
    label: "teaching group",
    label_with_article: "a teaching group",
    plural: "teaching groups",
    merge: MergeKind::FieldLww,
    fields: &[
        field("name", SHORT, Presence::Required),
        field("subject", NAME, Presence::Optional),
        // Optional: clubs, sixth-form sets and intervention groups can mix years.
        field("year_group", FieldType::YearGroup, Presence::Optional),
    ],
    id: IdRule::Random,
    reach: Reach::Itself(Target::Group),
    access: ROSTER_ACCESS,
    retention: ORGANISATION,
    requires: &[],
    conditions: &[],
};

/// A student or member of staff in a teaching group: seen by the group's staff, by the
/// member, and by whoever sees the student.
pub(crate) const GROUP_MEMBERSHIP: KindSpec = KindSpec {
    wire: "group_membership",
    label: "group membership",
    label_with_article: "a group membership",
    plural: "group memberships",
    merge: MergeKind::FieldLww,
    fields: &[
        field("group_id", FieldType::Reference, Presence::Key),
        field("member_id", FieldType::Reference, Presence::Key),
        field(
            "member_kind",
            FieldType::Choice(MEMBER_KINDS),
            Presence::Key,
        ),
    ],
    id: IdRule::Derived(&["group_id", "member_id"]),
    reach: Reach::Links(&[
        Link {
            field: "group_id",
            to: Target::Group,
        },
        Link {
            field: "member_id",
            to: Target::Member {
                kind_field: "member_kind",
            },
        },
    ]),
    access: ROSTER_ACCESS,
    retention: ORGANISATION,
    requires: &[],
    conditions: &[],
};

/// A student on a mentor's caseload: seen by that mentor and by whoever sees the student.
pub(crate) const CASELOAD_ASSIGNMENT: KindSpec = KindSpec {
    wire: "caseload_assignment",
    label: "caseload assignment",
    label_with_article: "a caseload assignment",
    plural: "caseloads",
    merge: MergeKind::FieldLww,
    fields: &[
        field("mentor_id", FieldType::Reference, Presence::Key),
        field("student_id", FieldType::Reference, Presence::Key),
    ],
    id: IdRule::Derived(&["mentor_id", "student_id"]),
    reach: Reach::Links(&[
        Link {
            field: "mentor_id",
            to: Target::Staff,
        },
        Link {
            field: "student_id",
            to: Target::Student,
        },
    ]),
    access: ROSTER_ACCESS,
    retention: SAFEGUARDING,
    requires: &[],
    conditions: &[],
};

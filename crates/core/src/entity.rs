//! The kinds of synced record, how each merges, and the catalogue of their fields.
//!
//! The catalogue is data ([`FieldSpec`]), read by validation here, and by the app to build
//! forms and map MIS import columns, so a field is described once.
//!
//! Group memberships and caseload assignments are editable-with-tombstone records rather than
//! append-only ones: a student leaves a group, a caseload changes, and re-adding must work.
//! Their id is derived from the pair they join ([`group_membership_id`],
//! [`caseload_assignment_id`]), so two mentors adding the same student offline make one
//! record; their key fields are set at creation and never change. Removing one is a delete;
//! adding it again is a new create with a later stamp, which revives the same record.
//!
//! A student's profile (the Learning Passport's needs, strategies, what doesn't help and "in my
//! words"; medical notes; emergency contacts) is a set of small records, each linked to its
//! student by a `student_id` key, rather than fields of the student: each item is added,
//! edited and removed on its own, and the server decides who sees it by that one link
//! ([`EntityKind::student_field`]). "In my words" is one per student, so its id is derived from
//! the student's ([`passport_voice_id`]) and two devices writing it offline edit one record.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::ids::EntityId;

/// A kind of synced record. Serialized in `snake_case` (`"teaching_group"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// A member of staff (mentor, teacher, SENCO, DSL, admin).
    Staff,
    /// A student on roll.
    Student,
    /// A class or other group of students that is taught together.
    TeachingGroup,
    /// A student or staff member belonging to a teaching group.
    GroupMembership,
    /// A student on a mentor's caseload.
    CaseloadAssignment,
    /// A need in a student's Learning Passport.
    PassportNeed,
    /// A strategy that helps a student ("what helps me"); notes cite it by its id.
    PassportStrategy,
    /// Something that does not help a student.
    PassportUnhelpful,
    /// The student's own words in their Learning Passport; one per student.
    PassportVoice,
    /// A medical condition, medication, allergy or dietary need.
    MedicalNote,
    /// Someone to call about a student in an emergency.
    EmergencyContact,
}

/// How the server merges writes to a kind of record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MergeKind {
    /// Recorded once and never changed (notes, roll calls, concerns): a second create of the
    /// same id with the same content is a duplicate, anything else is rejected.
    AppendOnly,
    /// Each field is a last-writer-wins register ordered by clock stamp (device id breaks
    /// ties); a delete is a tombstone under the same rule.
    FieldLww,
}

/// What values a field takes. Validation messages are built from these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// Free text of 1 to `max_chars` characters, not blank, no control characters.
    Text {
        /// The most characters allowed.
        max_chars: usize,
    },
    /// A school year, 7 to 13 (Year 7 to Year 13).
    YearGroup,
    /// An English unique pupil number: 13 characters, check letter first.
    Upn,
    /// An email address.
    Email,
    /// One of a fixed set of lowercase words.
    Choice(&'static [&'static str]),
    /// The id of another record.
    Reference,
    /// A UK-style telephone number: digits and spaces, an optional leading `+`, 10 to 15
    /// digits.
    Phone,
    /// A whole number from `min` to `max`.
    WholeNumber {
        /// The smallest allowed.
        min: i64,
        /// The largest allowed.
        max: i64,
    },
}

/// Whether a field must be there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Needed when the record is created; cannot be cleared (set to `null`) later.
    Required,
    /// May be left out, or cleared with `null`.
    Optional,
    /// Needed when the record is created and never changed afterwards: a link to another
    /// record, and for kinds with derived ids part of what the id is made from.
    Key,
}

/// One field of a kind of record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// The field's name in ops and records.
    pub name: &'static str,
    /// What values it takes.
    pub value: FieldType,
    /// Whether it must be there.
    pub presence: Presence,
}

/// Staff roles, as stored.
pub const STAFF_ROLES: &[&str] = &["mentor", "teacher", "senco", "dsl", "admin"];

/// What a group member is, as stored.
pub const MEMBER_KINDS: &[&str] = &["student", "staff"];

/// A student's SEND status, as stored: no special educational need, SEN support, or an
/// education, health and care plan. MIS imports map onto these words.
pub const SEND_STATUSES: &[&str] = &["none", "sen_support", "ehcp"];

/// What a medical note is about, as stored.
pub const MEDICAL_KINDS: &[&str] = &["condition", "medication", "allergy", "dietary"];

/// How severe a medical note's subject is, as stored.
pub const SEVERITIES: &[&str] = &["mild", "moderate", "severe", "life_threatening"];

const NAME: FieldType = FieldType::Text { max_chars: 100 };
const SHORT: FieldType = FieldType::Text { max_chars: 40 };

const fn field(name: &'static str, value: FieldType, presence: Presence) -> FieldSpec {
    FieldSpec {
        name,
        value,
        presence,
    }
}

const STAFF_FIELDS: &[FieldSpec] = &[
    field("display_name", NAME, Presence::Required),
    field("email", FieldType::Email, Presence::Required),
    field("role", FieldType::Choice(STAFF_ROLES), Presence::Required),
];

const STUDENT_FIELDS: &[FieldSpec] = &[
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
];

const TEACHING_GROUP_FIELDS: &[FieldSpec] = &[
    field("name", SHORT, Presence::Required),
    field("subject", NAME, Presence::Optional),
    // Optional: clubs, sixth-form sets and intervention groups can mix years.
    field("year_group", FieldType::YearGroup, Presence::Optional),
];

const GROUP_MEMBERSHIP_FIELDS: &[FieldSpec] = &[
    field("group_id", FieldType::Reference, Presence::Key),
    field("member_id", FieldType::Reference, Presence::Key),
    field(
        "member_kind",
        FieldType::Choice(MEMBER_KINDS),
        Presence::Key,
    ),
];

const CASELOAD_ASSIGNMENT_FIELDS: &[FieldSpec] = &[
    field("mentor_id", FieldType::Reference, Presence::Key),
    field("student_id", FieldType::Reference, Presence::Key),
];

const STUDENT_KEY: FieldSpec = field("student_id", FieldType::Reference, Presence::Key);

const PASSPORT_NEED_FIELDS: &[FieldSpec] = &[
    field(
        "text",
        FieldType::Text { max_chars: 200 },
        Presence::Required,
    ),
    STUDENT_KEY,
];

const PASSPORT_STRATEGY_FIELDS: &[FieldSpec] = &[
    field(
        "text",
        FieldType::Text { max_chars: 300 },
        Presence::Required,
    ),
    STUDENT_KEY,
];

const PASSPORT_UNHELPFUL_FIELDS: &[FieldSpec] = &[
    field(
        "text",
        FieldType::Text { max_chars: 300 },
        Presence::Required,
    ),
    STUDENT_KEY,
];

const PASSPORT_VOICE_FIELDS: &[FieldSpec] = &[
    field(
        "text",
        FieldType::Text { max_chars: 1000 },
        Presence::Required,
    ),
    STUDENT_KEY,
];

const MEDICAL_NOTE_FIELDS: &[FieldSpec] = &[
    field("kind", FieldType::Choice(MEDICAL_KINDS), Presence::Required),
    field(
        "text",
        FieldType::Text { max_chars: 500 },
        Presence::Required,
    ),
    field(
        "severity",
        FieldType::Choice(SEVERITIES),
        Presence::Optional,
    ),
    STUDENT_KEY,
];

const EMERGENCY_CONTACT_FIELDS: &[FieldSpec] = &[
    field("name", NAME, Presence::Required),
    field("relationship", SHORT, Presence::Required),
    field("phone_primary", FieldType::Phone, Presence::Required),
    field("phone_secondary", FieldType::Phone, Presence::Optional),
    // 1 is called first.
    field(
        "priority",
        FieldType::WholeNumber { min: 1, max: 9 },
        Presence::Required,
    ),
    STUDENT_KEY,
];

impl EntityKind {
    /// Every kind, in a fixed order.
    pub const ALL: [EntityKind; 11] = [
        EntityKind::Staff,
        EntityKind::Student,
        EntityKind::TeachingGroup,
        EntityKind::GroupMembership,
        EntityKind::CaseloadAssignment,
        EntityKind::PassportNeed,
        EntityKind::PassportStrategy,
        EntityKind::PassportUnhelpful,
        EntityKind::PassportVoice,
        EntityKind::MedicalNote,
        EntityKind::EmergencyContact,
    ];

    /// The wire name (`"teaching_group"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            EntityKind::Staff => "staff",
            EntityKind::Student => "student",
            EntityKind::TeachingGroup => "teaching_group",
            EntityKind::GroupMembership => "group_membership",
            EntityKind::CaseloadAssignment => "caseload_assignment",
            EntityKind::PassportNeed => "passport_need",
            EntityKind::PassportStrategy => "passport_strategy",
            EntityKind::PassportUnhelpful => "passport_unhelpful",
            EntityKind::PassportVoice => "passport_voice",
            EntityKind::MedicalNote => "medical_note",
            EntityKind::EmergencyContact => "emergency_contact",
        }
    }

    /// The name people read in messages (`"teaching group"`).
    pub const fn label(self) -> &'static str {
        match self {
            EntityKind::Staff => "staff member",
            EntityKind::Student => "student",
            EntityKind::TeachingGroup => "teaching group",
            EntityKind::GroupMembership => "group membership",
            EntityKind::CaseloadAssignment => "caseload assignment",
            EntityKind::PassportNeed => "Learning Passport need",
            EntityKind::PassportStrategy => "Learning Passport strategy",
            EntityKind::PassportUnhelpful => "\"what doesn't help\" note",
            EntityKind::PassportVoice => "\"in my words\" statement",
            EntityKind::MedicalNote => "medical note",
            EntityKind::EmergencyContact => "emergency contact",
        }
    }

    /// The label with "a" or "an" in front, for messages ("an emergency contact").
    pub const fn label_with_article(self) -> &'static str {
        match self {
            EntityKind::Staff => "a staff member",
            EntityKind::Student => "a student",
            EntityKind::TeachingGroup => "a teaching group",
            EntityKind::GroupMembership => "a group membership",
            EntityKind::CaseloadAssignment => "a caseload assignment",
            EntityKind::PassportNeed => "a Learning Passport need",
            EntityKind::PassportStrategy => "a Learning Passport strategy",
            EntityKind::PassportUnhelpful => "a \"what doesn't help\" note",
            EntityKind::PassportVoice => "an \"in my words\" statement",
            EntityKind::MedicalNote => "a medical note",
            EntityKind::EmergencyContact => "an emergency contact",
        }
    }

    /// How writes to this kind are merged. None of the roster kinds is append-only; notes,
    /// registers and concerns will be.
    pub const fn merge_kind(self) -> MergeKind {
        match self {
            EntityKind::Staff
            | EntityKind::Student
            | EntityKind::TeachingGroup
            | EntityKind::GroupMembership
            | EntityKind::CaseloadAssignment
            | EntityKind::PassportNeed
            | EntityKind::PassportStrategy
            | EntityKind::PassportUnhelpful
            | EntityKind::PassportVoice
            | EntityKind::MedicalNote
            | EntityKind::EmergencyContact => MergeKind::FieldLww,
        }
    }

    /// The fields of this kind, in display order.
    pub const fn fields(self) -> &'static [FieldSpec] {
        match self {
            EntityKind::Staff => STAFF_FIELDS,
            EntityKind::Student => STUDENT_FIELDS,
            EntityKind::TeachingGroup => TEACHING_GROUP_FIELDS,
            EntityKind::GroupMembership => GROUP_MEMBERSHIP_FIELDS,
            EntityKind::CaseloadAssignment => CASELOAD_ASSIGNMENT_FIELDS,
            EntityKind::PassportNeed => PASSPORT_NEED_FIELDS,
            EntityKind::PassportStrategy => PASSPORT_STRATEGY_FIELDS,
            EntityKind::PassportUnhelpful => PASSPORT_UNHELPFUL_FIELDS,
            EntityKind::PassportVoice => PASSPORT_VOICE_FIELDS,
            EntityKind::MedicalNote => MEDICAL_NOTE_FIELDS,
            EntityKind::EmergencyContact => EMERGENCY_CONTACT_FIELDS,
        }
    }

    /// The key field that names the one student a profile record belongs to (`student_id`),
    /// or `None` for kinds that are not part of a student's profile. Such a record is seen by
    /// exactly the staff who see that student. A caseload assignment also names a student,
    /// but it is a roster link (seen through its mentor too), not part of the profile.
    pub const fn student_field(self) -> Option<&'static str> {
        match self {
            EntityKind::PassportNeed
            | EntityKind::PassportStrategy
            | EntityKind::PassportUnhelpful
            | EntityKind::PassportVoice
            | EntityKind::MedicalNote
            | EntityKind::EmergencyContact => Some("student_id"),
            EntityKind::Staff
            | EntityKind::Student
            | EntityKind::TeachingGroup
            | EntityKind::GroupMembership
            | EntityKind::CaseloadAssignment => None,
        }
    }

    /// The field called `name`, if this kind has one.
    pub fn field(self, name: &str) -> Option<&'static FieldSpec> {
        self.fields().iter().find(|spec| spec.name == name)
    }

    /// True if records of this kind have an id derived from their key fields.
    pub const fn has_derived_id(self) -> bool {
        matches!(
            self,
            EntityKind::GroupMembership
                | EntityKind::CaseloadAssignment
                | EntityKind::PassportVoice
        )
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Text that names no kind of record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{0}\" is not a kind of record this version of the app knows")]
pub struct UnknownEntityKind(pub String);

impl FromStr for EntityKind {
    type Err = UnknownEntityKind;

    fn from_str(text: &str) -> Result<Self, UnknownEntityKind> {
        EntityKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == text)
            .ok_or_else(|| UnknownEntityKind(crate::ids::excerpt(text)))
    }
}

/// The id of the membership of `member` (a student or staff member) in `group`.
pub fn group_membership_id(group: EntityId, member: EntityId) -> EntityId {
    EntityId::derived(
        group,
        &[EntityKind::GroupMembership.as_str(), &member.to_string()],
    )
}

/// The id of the assignment of `student` to `mentor`'s caseload.
pub fn caseload_assignment_id(mentor: EntityId, student: EntityId) -> EntityId {
    EntityId::derived(
        mentor,
        &[
            EntityKind::CaseloadAssignment.as_str(),
            &student.to_string(),
        ],
    )
}

/// The id of `student`'s "in my words" statement: one per student, so two devices writing it
/// offline write to the same record.
pub fn passport_voice_id(student: EntityId) -> EntityId {
    EntityId::derived(student, &[EntityKind::PassportVoice.as_str()])
}

#[cfg(test)]
#[path = "entity_tests.rs"]
mod tests;

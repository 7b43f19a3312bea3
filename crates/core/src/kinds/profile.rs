//! A student's profile: the Learning Passport (needs, strategies, what doesn't help, "in my
//! words"), medical notes and emergency contacts. Each item is its own small record linked to
//! its student by a `student_id` key, so it is added, edited and removed on its own, and seen
//! by exactly the staff who see that student.
//!
//! | kind | administrator, SENCO | mentor, teacher | DSL |
//! |---|---|---|---|
//! | needs, medical notes, emergency contacts | write | read | read |
//! | strategies, what doesn't help, in my words | write | write, for students they see | read |
//!
//! "In my words" is one per student, so its id is derived from the student's and two devices
//! writing it offline edit one record.

use super::{
    Access, Grant, IN_GROUPS, IdRule, KindSpec, Link, ROSTER, Reach, SAFEGUARDING, STAFF_WHO_SEE,
    Target,
};
use crate::entity::{FieldSpec, FieldType, MEDICAL_KINDS, MergeKind, NAME, Presence, SEVERITIES};
use crate::entity::{SHORT, field};

/// The link every profile record has.
const STUDENT_KEY: FieldSpec = field("student_id", FieldType::Reference, Presence::Key);

/// A Learning Passport item's fields: its text, of at most `max_chars`, and its student.
const fn passport_item(max_chars: usize) -> [FieldSpec; 2] {
    [
        field("text", FieldType::Text { max_chars }, Presence::Required),
        STUDENT_KEY,
    ]
}

const TO_STUDENT: Reach = Reach::Links(&[Link {
    field: "student_id",
    to: Target::Student,
}]);

const READ: Grant = STAFF_WHO_SEE;

/// Written by the SENCO and administrator only.
const SENCO_WRITES: Access = Access {
    read: READ,
    create: ROSTER,
    update: ROSTER,
    delete: ROSTER,
    fields: &[],
    author: None,
};

/// Also written by the mentors and teachers of the student.
const STAFF_WRITE: Grant = Grant {
    anywhere: ROSTER.anywhere,
    in_scope: IN_GROUPS,
};

const STAFF_WRITES: Access = Access {
    read: READ,
    create: STAFF_WRITE,
    update: STAFF_WRITE,
    delete: STAFF_WRITE,
    fields: &[],
    author: None,
};

/// A need in a student's Learning Passport.
pub(crate) const PASSPORT_NEED: KindSpec = KindSpec {
    wire: "passport_need",
    label: "Learning Passport need",
    label_with_article: "a Learning Passport need",
    plural: "Learning Passport needs",
    merge: MergeKind::FieldLww,
    fields: &passport_item(200),
    id: IdRule::Random,
    reach: TO_STUDENT,
    access: SENCO_WRITES,
    retention: SAFEGUARDING,
    requires: &[],
    conditions: &[],
};

/// A strategy that helps a student ("what helps me"); notes cite it by its id.
pub(crate) const PASSPORT_STRATEGY: KindSpec = KindSpec {
    wire: "passport_strategy",
    label: "Learning Passport strategy",
    label_with_article: "a Learning Passport strategy",
    plural: "Learning Passport strategies",
    merge: MergeKind::FieldLww,
    fields: &passport_item(300),
    id: IdRule::Random,
    reach: TO_STUDENT,
    access: STAFF_WRITES,
    retention: SAFEGUARDING,
    requires: &[],
    conditions: &[],
};

/// Something that does not help a student.
pub(crate) const PASSPORT_UNHELPFUL: KindSpec = KindSpec {
    wire: "passport_unhelpful",
    label: "\"what doesn't help\" note",
    label_with_article: "a \"what doesn't help\" note",
    plural: "\"what doesn't help\" notes",
    merge: MergeKind::FieldLww,
    fields: &passport_item(300),
    id: IdRule::Random,
    reach: TO_STUDENT,
    access: STAFF_WRITES,
    retention: SAFEGUARDING,
    requires: &[],
    conditions: &[],
};

/// The student's own words in their Learning Passport; one per student.
pub(crate) const PASSPORT_VOICE: KindSpec = KindSpec {
    wire: "passport_voice",
    label: "\"in my words\" statement",
    label_with_article: "an \"in my words\" statement",
    plural: "\"in my words\" statements",
    merge: MergeKind::FieldLww,
    fields: &passport_item(1000),
    id: IdRule::Derived(&["student_id"]),
    reach: TO_STUDENT,
    access: STAFF_WRITES,
    retention: SAFEGUARDING,
    requires: &[],
    conditions: &[],
};

/// A medical condition, medication, allergy or dietary need.
pub(crate) const MEDICAL_NOTE: KindSpec = KindSpec {
    wire: "medical_note",
    label: "medical note",
    label_with_article: "a medical note",
    plural: "medical notes",
    merge: MergeKind::FieldLww,
    fields: &[
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
    ],
    id: IdRule::Random,
    reach: TO_STUDENT,
    access: SENCO_WRITES,
    retention: SAFEGUARDING,
    requires: &[],
    conditions: &[],
};

/// Someone to call about a student in an emergency.
pub(crate) const EMERGENCY_CONTACT: KindSpec = KindSpec {
    wire: "emergency_contact",
    label: "emergency contact",
    label_with_article: "an emergency contact",
    plural: "emergency contacts",
    merge: MergeKind::FieldLww,
    fields: &[
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
    ],
    id: IdRule::Random,
    reach: TO_STUDENT,
    access: SENCO_WRITES,
    retention: SAFEGUARDING,
    requires: &[],
    conditions: &[],
};

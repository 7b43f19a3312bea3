//! Mentoring: a session a mentor holds with a student, and the actions agreed in it.
//!
//! **Who reads them**: as for targets and the profile, whoever sees the student — their
//! mentors, the teachers of their groups, the SENCO, the DSL and the administrator (the
//! `Student` link). **Who writes them**: the student's mentors, the SENCO and the
//! administrator; not a teacher, and not the DSL, who read.
//!
//! A session is one record per student: a small-group session is saved as one record for
//! each student in it, sharing its `occasion_id`, so what one student said is never sent to
//! a teacher who only teaches another. An action belongs to the session it was agreed in
//! (and to its student); its owner is a member of staff or the student (`owner_id` is then
//! the student's own id). It stays open until someone records the day it was done.

use super::progress::{MENTORS_WRITE, PROGRESS_ACCESS, TO_STUDENT};
use super::{Access, Found, IdRule, KindSpec, Reach, Requirement, SAFEGUARDING};
use crate::entity::{EntityKind, FieldType, MergeKind, Presence, field};

/// The topics a school starts with, in order, until its administrator sets its own
/// ([`crate::records::SchoolSettings::mentoring_topics`]).
pub const DEFAULT_MENTORING_TOPICS: &[&str] = &[
    "Attendance",
    "Behaviour",
    "Homework",
    "Organisation",
    "Wellbeing",
    "Friendships",
    "Exams",
    "Careers",
];

/// The most topics a school's list or one session may have, and the longest topic.
pub const MENTORING_TOPICS: FieldType = FieldType::Labels {
    max_items: 20,
    max_chars: 40,
};

/// The shortest and longest session, in minutes.
pub const SESSION_MINUTES: (i64, i64) = (5, 240);

/// A mentoring session with one student.
pub(crate) const MENTORING_SESSION: KindSpec = KindSpec {
    wire: "mentoring_session",
    label: "mentoring session",
    label_with_article: "a mentoring session",
    plural: "mentoring sessions",
    merge: MergeKind::FieldLww,
    fields: &[
        field("student_id", FieldType::Reference, Presence::Key),
        field("held_on", FieldType::Date, Presence::Required),
        field("held_by", FieldType::Reference, Presence::Required),
        field(
            "minutes",
            FieldType::WholeNumber {
                min: SESSION_MINUTES.0,
                max: SESSION_MINUTES.1,
            },
            Presence::Required,
        ),
        field("topics", MENTORING_TOPICS, Presence::Required),
        field(
            "discussed",
            FieldType::Text { max_chars: 2000 },
            Presence::Optional,
        ),
        // What the student said, in their own words.
        field(
            "student_words",
            FieldType::Text { max_chars: 1000 },
            Presence::Optional,
        ),
        field("next_on", FieldType::Date, Presence::Optional),
        // Shared by the records of one small-group session.
        field("occasion_id", FieldType::Reference, Presence::Optional),
    ],
    id: IdRule::Random,
    reach: Reach::Links(&[TO_STUDENT]),
    access: PROGRESS_ACCESS,
    retention: SAFEGUARDING,
    requires: &[],
    conditions: &[],
};

/// Something agreed in a session, owned by a member of staff or the student, due by a day.
pub(crate) const MENTORING_ACTION: KindSpec = KindSpec {
    wire: "mentoring_action",
    label: "mentoring action",
    label_with_article: "a mentoring action",
    plural: "mentoring actions",
    merge: MergeKind::FieldLww,
    fields: &[
        field("session_id", FieldType::Reference, Presence::Key),
        field("student_id", FieldType::Reference, Presence::Key),
        field(
            "text",
            FieldType::Text { max_chars: 200 },
            Presence::Required,
        ),
        field("owner_id", FieldType::Reference, Presence::Required),
        field("due_on", FieldType::Date, Presence::Required),
        field("done_on", FieldType::Date, Presence::Optional),
    ],
    id: IdRule::Random,
    reach: Reach::Links(&[TO_STUDENT]),
    access: Access {
        update: MENTORS_WRITE,
        ..PROGRESS_ACCESS
    },
    retention: SAFEGUARDING,
    requires: &[Requirement {
        kind: EntityKind::MentoringSession,
        found: Found::By("session_id"),
        agree: &[("student_id", "student_id")],
        refusal: "This mentoring session is not on the server, or is another student's: it may have been removed.",
        bounds: &[],
    }],
    conditions: &[],
};

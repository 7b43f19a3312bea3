//! Mentoring and progress: targets set with a student, and their reviews.
//!
//! **Who reads them**: as for a profile, whoever sees the student — their mentors, the
//! teachers of their groups, the SENCO, the DSL and the administrator (the `Student` link).
//! **Who writes them**: the student's mentors (for students on their caseload or in their
//! groups), the SENCO and the administrator; not a teacher, and not the DSL, who read.
//!
//! A review is its own record that nobody changes, so each review stays as it was written:
//! the score, the comment and what became of the target; one entered in error is deleted
//! (the server's history keeps it). It merges field by field like every record linked to
//! a student, so a student's records can all be erased together. The target's `status`
//! follows the latest review (written in the same transaction on the device).

use super::{
    Access, Found, Grant, IdRule, KindSpec, Link, ROSTER, Reach, Requirement, SAFEGUARDING,
    STAFF_WHO_SEE, Target,
};
use crate::entity::{EntityKind, FieldType, MergeKind, Presence, field};
use crate::role::Role;

/// What a target is about, as stored.
pub const TARGET_AREAS: &[&str] = &[
    "academic",
    "attendance",
    "behaviour",
    "wellbeing",
    "independence",
];

/// Where a target stands, as stored: still being worked on (`open`, or `carried_on` after
/// a review), `met` or `dropped`.
pub const TARGET_STATUSES: &[&str] = &["open", "carried_on", "met", "dropped"];

/// What a review decides, as stored.
pub const REVIEW_OUTCOMES: &[&str] = &["carried_on", "met", "dropped"];

/// A review's score: −2 (much worse) to +2 (much better), 0 for no change.
pub const REVIEW_SCORE: (i64, i64) = (-2, 2);

/// The names of the score's five points, lowest first, until the school names them
/// ([`crate::records::SchoolSettings::score_names`]).
pub const DEFAULT_SCORE_NAMES: &[&str] =
    &["Much worse", "Worse", "No change", "Better", "Much better"];

/// The school's names for the score's points: five, each up to 30 characters.
pub const SCORE_NAMES: FieldType = FieldType::Labels {
    max_items: 5,
    max_chars: 30,
};

/// Nobody changes a review: a later review says what changed.
const NOBODY: Grant = Grant {
    anywhere: &[],
    in_scope: &[],
};

pub(super) const TO_STUDENT: Link = Link {
    field: "student_id",
    to: Target::Student,
};

/// Mentors for the students they see; the SENCO and administrator anywhere.
pub(super) const MENTORS_WRITE: Grant = Grant {
    anywhere: ROSTER.anywhere,
    in_scope: &[Role::Mentor],
};

pub(super) const PROGRESS_ACCESS: Access = Access {
    read: STAFF_WHO_SEE,
    create: MENTORS_WRITE,
    update: MENTORS_WRITE,
    delete: MENTORS_WRITE,
    fields: &[],
    author: None,
};

/// A target set with a student.
pub(crate) const TARGET: KindSpec = KindSpec {
    wire: "target",
    label: "target",
    label_with_article: "a target",
    plural: "targets",
    merge: MergeKind::FieldLww,
    fields: &[
        field("student_id", FieldType::Reference, Presence::Key),
        field(
            "text",
            FieldType::Text { max_chars: 300 },
            Presence::Required,
        ),
        field("area", FieldType::Choice(TARGET_AREAS), Presence::Required),
        field("starts_on", FieldType::Date, Presence::Required),
        field("review_on", FieldType::Date, Presence::Required),
        field("set_by", FieldType::Reference, Presence::Required),
        field(
            "success_criteria",
            FieldType::Text { max_chars: 500 },
            Presence::Optional,
        ),
        field("strategy_id", FieldType::Reference, Presence::Optional),
        field(
            "ehcp_outcome",
            FieldType::Text { max_chars: 300 },
            Presence::Optional,
        ),
        field(
            "status",
            FieldType::Choice(TARGET_STATUSES),
            Presence::Required,
        ),
    ],
    id: IdRule::Random,
    reach: Reach::Links(&[TO_STUDENT]),
    access: PROGRESS_ACCESS,
    retention: SAFEGUARDING,
    requires: &[],
    conditions: &[],
};

/// A review of a target: when, the score, a comment, and whether it is carried on, met or
/// dropped. Recorded once.
pub(crate) const TARGET_REVIEW: KindSpec = KindSpec {
    wire: "target_review",
    label: "target review",
    label_with_article: "a target review",
    plural: "target reviews",
    merge: MergeKind::FieldLww,
    fields: &[
        field("target_id", FieldType::Reference, Presence::Key),
        field("student_id", FieldType::Reference, Presence::Key),
        field("reviewed_on", FieldType::Date, Presence::Required),
        field(
            "score",
            FieldType::WholeNumber {
                min: REVIEW_SCORE.0,
                max: REVIEW_SCORE.1,
            },
            Presence::Required,
        ),
        field(
            "comment",
            FieldType::Text { max_chars: 500 },
            Presence::Optional,
        ),
        field(
            "outcome",
            FieldType::Choice(REVIEW_OUTCOMES),
            Presence::Required,
        ),
        field("reviewed_by", FieldType::Reference, Presence::Required),
    ],
    id: IdRule::Random,
    reach: Reach::Links(&[TO_STUDENT]),
    access: Access {
        update: NOBODY,
        ..PROGRESS_ACCESS
    },
    retention: SAFEGUARDING,
    requires: &[Requirement {
        kind: EntityKind::Target,
        found: Found::By("target_id"),
        agree: &[("student_id", "student_id")],
        refusal: "This target is not on the server, or is another student's: it may have been removed.",
        bounds: &[],
    }],
    conditions: &[],
};

/// The mentor's summary paragraph of a progress report: for one student over one period
/// (a Personal Progress Day, an annual review), changed until the report is given.
pub(crate) const PROGRESS_SUMMARY: KindSpec = KindSpec {
    wire: "progress_summary",
    label: "progress report summary",
    label_with_article: "a progress report summary",
    plural: "progress report summaries",
    merge: MergeKind::FieldLww,
    fields: &[
        field("student_id", FieldType::Reference, Presence::Key),
        field("period_from", FieldType::Date, Presence::Key),
        field("period_to", FieldType::Date, Presence::Key),
        field(
            "text",
            FieldType::Text { max_chars: 3000 },
            Presence::Required,
        ),
        field("written_by", FieldType::Reference, Presence::Required),
    ],
    id: IdRule::Random,
    reach: Reach::Links(&[TO_STUDENT]),
    access: PROGRESS_ACCESS,
    retention: SAFEGUARDING,
    requires: &[],
    conditions: &[],
};

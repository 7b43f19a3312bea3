//! Intervention programmes: a programme ("Year 7 Numeracy Catch-Up") delivered to the
//! students of a teaching group set up for it, whose sessions are that group's registers;
//! and each student's entry and exit scores on the programme's measure.
//!
//! **Who reads them**: the programme, as the group's registers are read — the group's staff
//! (its lead), the SENCO, the DSL and the administrator; a student's scores also reach
//! whoever sees the student (their mentors, the teachers of their groups), for the progress
//! report. **Who writes them**: the SENCO and the administrator set a programme up (they
//! also make its group); the students' mentors, the SENCO and the administrator record
//! scores.

use super::progress::{MENTORS_WRITE, PROGRESS_ACCESS, TO_STUDENT};
use super::{
    Access, Bound, Found, IdRule, KindSpec, Limit, Link, ROSTER, Reach, Requirement, SAFEGUARDING,
    STAFF_WHO_SEE, Target,
};
use crate::entity::{EntityKind, FieldType, MergeKind, NAME, Presence, field};

/// What a programme measures its students by, as stored: a score on the programme's own
/// range, a reading age in months, a standardised score, or a level on one of the school's
/// tracking scales.
pub const MEASURES: &[&str] = &["score", "reading_age", "standardised", "scale"];

/// The widest range a measure may have.
pub const MEASURE_RANGE: (i64, i64) = (-1000, 1000);

const MEASURE_VALUE: FieldType = FieldType::WholeNumber {
    min: MEASURE_RANGE.0,
    max: MEASURE_RANGE.1,
};

/// A student's entry and exit scores lie within their programme's range.
pub const SCORE_BOUNDS: &[Bound] = &[
    Bound {
        field: "entry",
        min: Limit::Field("measure_min"),
        max: Limit::Field("measure_max"),
        words: "The entry score must be a whole number",
    },
    Bound {
        field: "exit",
        min: Limit::Field("measure_min"),
        max: Limit::Field("measure_max"),
        words: "The exit score must be a whole number",
    },
];

const TO_GROUP: Link = Link {
    field: "group_id",
    to: Target::Group,
};

/// An intervention programme.
pub(crate) const INTERVENTION: KindSpec = KindSpec {
    wire: "intervention",
    label: "intervention programme",
    label_with_article: "an intervention programme",
    plural: "intervention programmes",
    merge: MergeKind::FieldLww,
    fields: &[
        field("group_id", FieldType::Reference, Presence::Key),
        field("name", NAME, Presence::Required),
        field("lead_id", FieldType::Reference, Presence::Required),
        field(
            "planned_sessions",
            FieldType::WholeNumber { min: 1, max: 200 },
            Presence::Required,
        ),
        field("measure", FieldType::Choice(MEASURES), Presence::Required),
        // The lowest and highest scores the measure allows (a scale's 1 to its top level).
        field("measure_min", MEASURE_VALUE, Presence::Required),
        field("measure_max", MEASURE_VALUE, Presence::Required),
        field("scale_id", FieldType::Reference, Presence::Optional),
        field("starts_on", FieldType::Date, Presence::Required),
    ],
    id: IdRule::Random,
    reach: Reach::Links(&[TO_GROUP]),
    access: Access {
        read: STAFF_WHO_SEE,
        create: ROSTER,
        update: ROSTER,
        delete: ROSTER,
        fields: &[],
        author: None,
    },
    retention: SAFEGUARDING,
    requires: &[],
    conditions: &[],
};

/// One student's entry and exit scores on a programme; one per programme and student.
pub(crate) const INTERVENTION_SCORE: KindSpec = KindSpec {
    wire: "intervention_score",
    label: "intervention score",
    label_with_article: "an intervention score",
    plural: "intervention scores",
    merge: MergeKind::FieldLww,
    fields: &[
        field("intervention_id", FieldType::Reference, Presence::Key),
        field("student_id", FieldType::Reference, Presence::Key),
        field("group_id", FieldType::Reference, Presence::Key),
        field("entry", MEASURE_VALUE, Presence::Optional),
        field("exit", MEASURE_VALUE, Presence::Optional),
    ],
    id: IdRule::Derived(&["intervention_id", "student_id"]),
    reach: Reach::Links(&[TO_GROUP, TO_STUDENT]),
    access: Access {
        update: MENTORS_WRITE,
        ..PROGRESS_ACCESS
    },
    retention: SAFEGUARDING,
    requires: &[Requirement {
        kind: EntityKind::Intervention,
        found: Found::By("intervention_id"),
        agree: &[("group_id", "group_id")],
        refusal: "This intervention programme is not on the server, or is another group's: it may have been removed.",
        bounds: SCORE_BOUNDS,
    }],
    conditions: &[],
};

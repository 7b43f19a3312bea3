//! Hover support in lessons: a lesson a mentor supports, and the quick notes they make about
//! students in it. A note belongs to its author (only they change or delete it) and is read by
//! the student's mentors, by the staff of the lesson's group (its teacher reads the summary)
//! and by the SENCO, the DSL and the administrator; not by a teacher who teaches the student
//! in another group.

use super::{
    Access, IdRule, KindSpec, Link, ORGANISATION, Reach, SAFEGUARDING, STAFF_WHO_SEE, Target,
};
use crate::entity::{FieldType, MOMENT, MergeKind, NAME, Presence, SHORT, field};

/// The tags a school starts with, in the order the tag sheet shows them, until its
/// administrator sets its own ([`crate::records::SchoolSettings::note_tags`]).
pub const DEFAULT_NOTE_TAGS: &[&str] = &[
    "On task",
    "Needed a prompt",
    "Completed work",
    "Used a strategy",
    "Off task",
    "Praise",
    "Worried about wellbeing",
];

/// The most tags a school's set or one note may have, and the longest tag.
pub const NOTE_TAGS: FieldType = FieldType::Labels {
    max_items: 16,
    max_chars: 30,
};

/// Whether a strategy helped, as stored.
pub const HELPED: &[&str] = &["yes", "partly", "no"];

/// A note's engagement rating, 1 to 5.
pub const ENGAGEMENT: (i64, i64) = (1, 5);

/// True if a tag is about a child's wellbeing: choosing it always shows the reminder that a
/// safeguarding concern must also go to the DSL.
pub fn is_wellbeing_tag(tag: &str) -> bool {
    tag.to_lowercase().contains("wellbeing")
}

/// Read by the staff the record reaches and by those who see every student; written by its
/// author alone.
const AUTHORED: Access = Access {
    read: STAFF_WHO_SEE,
    create: STAFF_WHO_SEE,
    update: STAFF_WHO_SEE,
    delete: STAFF_WHO_SEE,
    fields: &[],
    author: Some("author_id"),
};

const TO_GROUP: Link = Link {
    field: "group_id",
    to: Target::Group,
};

/// A lesson supported by a member of staff, started from a teaching group.
pub(crate) const LESSON: KindSpec = KindSpec {
    wire: "lesson",
    label: "lesson",
    label_with_article: "a lesson",
    plural: "lessons",
    merge: MergeKind::FieldLww,
    fields: &[
        field("group_id", FieldType::Reference, Presence::Key),
        field("author_id", FieldType::Reference, Presence::Key),
        field("started_at", MOMENT, Presence::Key),
        field("ended_at", MOMENT, Presence::Optional),
        field("subject", NAME, Presence::Optional),
        field("room", SHORT, Presence::Optional),
        field("period", SHORT, Presence::Optional),
    ],
    id: IdRule::Random,
    reach: Reach::Links(&[TO_GROUP]),
    access: AUTHORED,
    retention: SAFEGUARDING,
    requires: &[],
    conditions: &[],
};

/// A note about one student in a lesson: quick tags, and optionally a line of text, an
/// engagement rating, and a Passport strategy used with whether it helped.
pub(crate) const LESSON_NOTE: KindSpec = KindSpec {
    wire: "lesson_note",
    label: "lesson note",
    label_with_article: "a lesson note",
    plural: "lesson notes",
    merge: MergeKind::FieldLww,
    fields: &[
        field("lesson_id", FieldType::Reference, Presence::Key),
        field("group_id", FieldType::Reference, Presence::Key),
        field("student_id", FieldType::Reference, Presence::Key),
        field("author_id", FieldType::Reference, Presence::Key),
        field("recorded_at", MOMENT, Presence::Key),
        field("tags", NOTE_TAGS, Presence::Required),
        field(
            "text",
            FieldType::Text { max_chars: 200 },
            Presence::Optional,
        ),
        field(
            "engagement",
            FieldType::WholeNumber {
                min: ENGAGEMENT.0,
                max: ENGAGEMENT.1,
            },
            Presence::Optional,
        ),
        field("strategy_id", FieldType::Reference, Presence::Optional),
        field(
            "strategy_helped",
            FieldType::Choice(HELPED),
            Presence::Optional,
        ),
        field("for_teacher", FieldType::Flag, Presence::Optional),
    ],
    id: IdRule::Random,
    reach: Reach::Links(&[
        TO_GROUP,
        Link {
            field: "student_id",
            to: Target::Mentee,
        },
    ]),
    access: AUTHORED,
    retention: SAFEGUARDING,
    requires: &[],
    conditions: &[],
};

/// The fewest and most columns a seating plan may have.
pub const SEAT_COLUMNS: (i64, i64) = (2, 12);

/// Where a group's students sit, arranged once per group by any of its staff and shared by
/// them all: the students in seat order, filling rows of `columns` from the front left.
pub(crate) const SEATING_PLAN: KindSpec = KindSpec {
    wire: "seating_plan",
    label: "seating plan",
    label_with_article: "a seating plan",
    plural: "seating plans",
    merge: MergeKind::FieldLww,
    fields: &[
        field("group_id", FieldType::Reference, Presence::Key),
        field(
            "columns",
            FieldType::WholeNumber {
                min: SEAT_COLUMNS.0,
                max: SEAT_COLUMNS.1,
            },
            Presence::Required,
        ),
        field(
            "seats",
            FieldType::References { max_items: 200 },
            Presence::Required,
        ),
    ],
    // One per group: two staff arranging it offline edit one plan.
    id: IdRule::Derived(&["group_id"]),
    reach: Reach::Links(&[TO_GROUP]),
    access: Access {
        author: None,
        ..AUTHORED
    },
    retention: ORGANISATION,
    requires: &[],
    conditions: &[],
};

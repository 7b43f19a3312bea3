//! The school's settings: one record, seen by every member of staff, written by the
//! administrator. Each device follows it after its next sync.

use super::{Access, EVERYONE, Grant, IdRule, KindSpec, ORGANISATION, Reach};
use crate::entity::{FieldType, MergeKind, Presence, field};
use crate::role::Role;

/// The fewest and most minutes of idle time an administrator may set before the app locks.
pub const LOCK_AFTER_MINUTES: (i64, i64) = (1, 30);

/// The fewest and most years a school may keep the history of deleted safeguarding-relevant
/// records (students, everything about them, notes, visits); 7 until it chooses.
pub const SAFEGUARDING_YEARS: (i64, i64) = (1, 50);

const ADMIN: Grant = Grant {
    anywhere: &[Role::Admin],
    in_scope: &[],
};

/// How every device of the school behaves.
pub(crate) const SCHOOL_SETTINGS: KindSpec = KindSpec {
    wire: "school_settings",
    label: "school settings",
    label_with_article: "the school settings",
    plural: "school settings",
    merge: MergeKind::FieldLww,
    fields: &[
        field(
            "lock_after_minutes",
            FieldType::WholeNumber {
                min: LOCK_AFTER_MINUTES.0,
                max: LOCK_AFTER_MINUTES.1,
            },
            Presence::Optional,
        ),
        // The tags a lesson note offers, in order; the defaults when unset.
        field("note_tags", super::NOTE_TAGS, Presence::Optional),
        field(
            "safeguarding_years",
            FieldType::WholeNumber {
                min: SAFEGUARDING_YEARS.0,
                max: SAFEGUARDING_YEARS.1,
            },
            Presence::Optional,
        ),
        // The checklist a new trip starts with; the defaults when unset.
        field(
            "trip_checks",
            super::TRIP_CHECK_TEMPLATE,
            Presence::Optional,
        ),
        // The topics a mentoring session offers, in order; the defaults when unset.
        field(
            "mentoring_topics",
            super::MENTORING_TOPICS,
            Presence::Optional,
        ),
        // The names of a target review's five score points, lowest first.
        field("score_names", super::SCORE_NAMES, Presence::Optional),
    ],
    id: IdRule::OnePerSchool,
    reach: Reach::School,
    access: Access {
        read: EVERYONE,
        create: ADMIN,
        update: ADMIN,
        delete: ADMIN,
        fields: &[],
        author: None,
    },
    retention: ORGANISATION,
    requires: &[],
    conditions: &[],
};

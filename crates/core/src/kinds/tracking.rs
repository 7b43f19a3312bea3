//! The school's tracking scales and the values mentors record on them.
//!
//! A **scale** (effort descriptors 1–4, the school's progress levels, any ordered list of
//! labels, lowest first) is the school's: every member of staff reads it, and only the
//! administrator defines or changes it, so a mentor cannot move the meaning of a level.
//! A **value** is one student's level on a scale, in a subject, on a day: read like the
//! profile, by whoever sees the student; written by the student's mentors, the SENCO and
//! the administrator, as targets are. The level is the position on the scale (1 = the
//! lowest label), so renaming a label renames it in every chart.

use super::progress::{PROGRESS_ACCESS, TO_STUDENT};
use super::{
    Access, Bound, EVERYONE, Found, Grant, IdRule, KindSpec, Limit, ORGANISATION, Reach,
    Requirement, SAFEGUARDING,
};
use crate::entity::{EntityKind, FieldType, MergeKind, NAME, Presence, SHORT, field};
use crate::role::Role;

/// The most labels a scale may have, and the longest label.
pub const SCALE_POINTS: FieldType = FieldType::Labels {
    max_items: 20,
    max_chars: 40,
};

const ADMIN: Grant = Grant {
    anywhere: &[Role::Admin],
    in_scope: &[],
};

/// One of the school's tracking scales.
pub(crate) const TRACKING_SCALE: KindSpec = KindSpec {
    wire: "tracking_scale",
    label: "tracking scale",
    label_with_article: "a tracking scale",
    plural: "tracking scales",
    merge: MergeKind::FieldLww,
    fields: &[
        field("name", NAME, Presence::Required),
        // Lowest first.
        field("points", SCALE_POINTS, Presence::Required),
    ],
    id: IdRule::Random,
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

/// A student's level on a scale, in a subject, on a day.
pub(crate) const TRACKING_VALUE: KindSpec = KindSpec {
    wire: "tracking_value",
    label: "tracking value",
    label_with_article: "a tracking value",
    plural: "tracking values",
    merge: MergeKind::FieldLww,
    fields: &[
        field("scale_id", FieldType::Reference, Presence::Key),
        field("student_id", FieldType::Reference, Presence::Key),
        field("subject", SHORT, Presence::Required),
        field("recorded_on", FieldType::Date, Presence::Required),
        // 1 = the scale's lowest label.
        field(
            "level",
            FieldType::WholeNumber { min: 1, max: 20 },
            Presence::Required,
        ),
        field("recorded_by", FieldType::Reference, Presence::Required),
    ],
    id: IdRule::Random,
    reach: Reach::Links(&[TO_STUDENT]),
    access: PROGRESS_ACCESS,
    retention: SAFEGUARDING,
    requires: &[Requirement {
        kind: EntityKind::TrackingScale,
        found: Found::By("scale_id"),
        agree: &[],
        refusal: "This tracking scale is not on the server: the administrator may have removed it.",
        bounds: &[Bound {
            field: "level",
            min: Limit::Value(1),
            max: Limit::Count("points"),
            words: "The level must be a whole number",
        }],
    }],
    conditions: &[],
};

//! Work-experience placements: the placement itself (employer, supervisor, dates, the
//! pre-placement checks, its status), the visits a mentor makes to the learner at work, and
//! the follow-up actions a visit raises.
//!
//! Seen by the learner's mentors (the `Mentee` link: not by a teacher who teaches them), the
//! visiting member of staff, the placement coordinator (the SENCO and administrator, for now)
//! and the DSL; by no other staff. The coordinator sets placements up; mentors record checks,
//! visits and actions for their learners.

use super::{
    Access, Condition, EVERYONE_WHO_READS, FieldGrant, Grant, IN_GROUPS, IdRule, KindSpec, Link,
    ROSTER, Reach, SAFEGUARDING, STAFF_WHO_SEE, Target,
};
use crate::entity::{FieldType, MOMENT, MergeKind, NAME, Presence, field};
use crate::records::Placement;
use crate::role::Role;

/// A placement's status, as stored.
pub const PLACEMENT_STATUSES: &[&str] = &["planned", "active", "completed", "ended_early"];

/// The pre-placement checks, as (field prefix, what it is): each has `<prefix>_on` (the
/// date) and `<prefix>_by` (who checked).
pub const PLACEMENT_CHECKS: [(&str, &str); 3] = [
    (
        "check_risk",
        "Employer's health-and-safety and risk assessment received",
    ),
    ("check_insurance", "Employer's liability insurance seen"),
    ("check_consent", "Parent or carer consent received"),
];

/// A rating on a visit, 1 (poor) to 5 (excellent).
pub const RATING: FieldType = FieldType::WholeNumber { min: 1, max: 5 };

/// A paragraph written on a visit.
const PARAGRAPH: FieldType = FieldType::Text { max_chars: 500 };

/// A placement made active needs every check recorded or the coordinator's reason.
const ACTIVE_WITH_CHECKS: Condition = Condition {
    field: "status",
    value: "active",
    refusal: activation_refusal,
};

/// Why `values`, an active placement's, may not stand (`None` if it is no longer active:
/// the write that made it so lost to a later one).
fn activation_refusal(values: &serde_json::Value) -> Option<String> {
    if values.get("status").and_then(serde_json::Value::as_str) != Some("active") {
        return None;
    }
    serde_json::from_value::<Placement>(values.clone())
        .ok()?
        .activation_refusal()
}

const TO_LEARNER: Link = Link {
    field: "student_id",
    to: Target::Mentee,
};

/// Reached by the member of staff named to visit, and by the learner's mentors.
const VISITOR_AND_LEARNER: Reach = Reach::Links(&[
    Link {
        field: "visitor_id",
        to: Target::Staff,
    },
    TO_LEARNER,
]);

const READ: Grant = STAFF_WHO_SEE;

/// Mentors for their learners; the coordinator anywhere.
const MENTORS: Grant = Grant {
    anywhere: ROSTER.anywhere,
    in_scope: &[Role::Mentor],
};

/// A learner's placement with an employer.
pub(crate) const PLACEMENT: KindSpec = KindSpec {
    wire: "placement",
    label: "placement",
    label_with_article: "a placement",
    plural: "placements",
    merge: MergeKind::FieldLww,
    fields: &[
        field("student_id", FieldType::Reference, Presence::Key),
        field("visitor_id", FieldType::Reference, Presence::Key),
        field("employer", NAME, Presence::Required),
        field(
            "address",
            FieldType::Text { max_chars: 200 },
            Presence::Required,
        ),
        field("supervisor_name", NAME, Presence::Optional),
        field("supervisor_phone", FieldType::Phone, Presence::Optional),
        field("supervisor_email", FieldType::Email, Presence::Optional),
        field("starts_on", FieldType::Date, Presence::Required),
        field("ends_on", FieldType::Date, Presence::Required),
        field(
            "hours",
            FieldType::Text { max_chars: 100 },
            Presence::Optional,
        ),
        field(
            "status",
            FieldType::Choice(PLACEMENT_STATUSES),
            Presence::Required,
        ),
        field("check_risk_on", FieldType::Date, Presence::Optional),
        field("check_risk_by", FieldType::Reference, Presence::Optional),
        field("check_insurance_on", FieldType::Date, Presence::Optional),
        field(
            "check_insurance_by",
            FieldType::Reference,
            Presence::Optional,
        ),
        field("check_consent_on", FieldType::Date, Presence::Optional),
        field("check_consent_by", FieldType::Reference, Presence::Optional),
        field(
            "override_reason",
            FieldType::Text { max_chars: 300 },
            Presence::Optional,
        ),
    ],
    id: IdRule::Random,
    reach: VISITOR_AND_LEARNER,
    access: Access {
        read: READ,
        create: ROSTER,
        update: MENTORS,
        delete: ROSTER,
        fields: &[FieldGrant {
            field: "override_reason",
            what: "the reason to start a placement with a check missing",
            readers: EVERYONE_WHO_READS,
            writers: ROSTER.anywhere,
        }],
        author: None,
    },
    retention: SAFEGUARDING,
    requires: &[],
    conditions: &[ACTIVE_WITH_CHECKS],
};

/// A visit to a learner at their placement: planned for a day, then started, recorded and
/// finished on a phone, often with no signal.
pub(crate) const PLACEMENT_VISIT: KindSpec = KindSpec {
    wire: "placement_visit",
    label: "placement visit",
    label_with_article: "a placement visit",
    plural: "placement visits",
    merge: MergeKind::FieldLww,
    fields: &[
        field("placement_id", FieldType::Reference, Presence::Key),
        field("student_id", FieldType::Reference, Presence::Key),
        field("visitor_id", FieldType::Reference, Presence::Key),
        field("planned_on", FieldType::Date, Presence::Required),
        field("started_at", MOMENT, Presence::Optional),
        field("finished_at", MOMENT, Presence::Optional),
        field("learner_present", FieldType::Flag, Presence::Optional),
        field("induction_done", FieldType::Flag, Presence::Optional),
        field(
            "knows_who_to_report_to",
            FieldType::Flag,
            Presence::Optional,
        ),
        field("tasks_appropriate", FieldType::Flag, Presence::Optional),
        field("wellbeing_rating", RATING, Presence::Optional),
        field("wellbeing", PARAGRAPH, Presence::Optional),
        field("attendance", PARAGRAPH, Presence::Optional),
        field("employer_rating", RATING, Presence::Optional),
        field("employer_feedback", PARAGRAPH, Presence::Optional),
        field("learner_words", PARAGRAPH, Presence::Optional),
        field("concerns", PARAGRAPH, Presence::Optional),
        field("acknowledged_by", NAME, Presence::Optional),
    ],
    id: IdRule::Random,
    reach: VISITOR_AND_LEARNER,
    access: Access {
        read: READ,
        create: MENTORS,
        update: MENTORS,
        delete: ROSTER,
        fields: &[],
        author: None,
    },
    retention: SAFEGUARDING,
    requires: &[],
    conditions: &[],
};

/// Something to do after a visit, by someone, by a date; open until done.
pub(crate) const FOLLOW_UP: KindSpec = KindSpec {
    wire: "follow_up",
    label: "follow-up action",
    label_with_article: "a follow-up action",
    plural: "follow-up actions",
    merge: MergeKind::FieldLww,
    fields: &[
        field("visit_id", FieldType::Reference, Presence::Key),
        field("student_id", FieldType::Reference, Presence::Key),
        field("owner_id", FieldType::Reference, Presence::Key),
        field(
            "text",
            FieldType::Text { max_chars: 200 },
            Presence::Required,
        ),
        field("due_on", FieldType::Date, Presence::Required),
        field("done_at", MOMENT, Presence::Optional),
    ],
    id: IdRule::Random,
    reach: Reach::Links(&[
        Link {
            field: "owner_id",
            to: Target::Staff,
        },
        TO_LEARNER,
    ]),
    access: Access {
        read: READ,
        create: MENTORS,
        update: Grant {
            anywhere: ROSTER.anywhere,
            in_scope: IN_GROUPS,
        },
        delete: ROSTER,
        fields: &[],
        author: None,
    },
    retention: SAFEGUARDING,
    requires: &[],
    conditions: &[],
};

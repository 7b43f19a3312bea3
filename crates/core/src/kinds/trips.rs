//! School trips: the trip, who is on it (participants and staff), roll calls at checkpoints
//! with one mark per child found, the incident log and the risk-assessment checklist.
//!
//! **Who reads them**: the trip's own staff (a member of staff with a `trip_member` record on
//! it; the leader is one) and those who see every student. Every trip record links to its
//! trip (`Target::Trip`); nothing about a trip reaches a teacher or mentor who is not on it.
//! While a trip runs (from a week before its first day to the end of the day after its last)
//! its staff also receive each participant's student record and profile (medical notes,
//! emergency contacts, Learning Passport): the trip pack, on every staff phone with no signal.
//! After that their devices drop them at the next sync, unless the staff see the child anyway.
//!
//! **Who organises**: a trip and its members are created, changed and removed by those who
//! see every student (the SENCO, the DSL, the administrator): adding a child to a trip hands
//! the child's medical details to its staff, so only someone who already sees every child may.
//! The trip's staff may move a child between groups and write the consent note.
//!
//! **Who takes roll calls**: every member of staff on the trip, each for their own group or
//! for everyone. A roll call's id is derived from its trip and its checkpoint's name, so two
//! phones that open "Lunch" with no signal open one roll call; a mark's id from its roll call
//! and child, so two phones marking one child write one record, the later mark winning.
//! Nobody owns a roll call or a mark. The incident log is append-only: an entry is never
//! changed or removed (a correction is another entry). Checklist items are ticked, added and
//! reworded by any of the trip's staff.

use super::{
    Access, EVERY_STUDENT, Found, Grant, IN_GROUPS, IdRule, KindSpec, Link, Reach, Requirement,
    SAFEGUARDING, Target,
};
use crate::entity::{
    EntityKind, FieldType, MEMBER_KINDS, MOMENT, MergeKind, NAME, Presence, SHORT, field,
};

/// What a roll-call mark says of a child, as stored: found, not (yet) found (a mark taken
/// back), or accounted for without being found.
pub const ROLL_CALL_STATUSES: &[&str] = &["found", "missing", "with_parent", "sent_home", "other"];

/// The checkpoints a roll call is usually taken at, in the order of a day out.
pub const CHECKPOINTS: &[&str] = &["Departure", "Arrival", "Lunch", "Return"];

/// The checklist a new trip starts with, until the school sets its own.
pub const DEFAULT_TRIP_CHECKS: &[&str] = &[
    "Risk assessment approved by the educational visits coordinator",
    "Consent received for every participant",
    "Medication packed for each child who needs it",
    "First aider named for each group",
    "Staff phones charged and numbers shared",
    "Emergency contacts and trip pack on every staff phone",
    "Head count agreed for every departure",
];

/// The school's trip checklist template: up to 40 items of one line each.
pub const TRIP_CHECK_TEMPLATE: FieldType = FieldType::Labels {
    max_items: 40,
    max_chars: 200,
};

/// The most children one incident names.
const CHILDREN_IN_AN_INCIDENT: usize = 60;

/// Those who see every student read every trip; the rest read the trips they are on.
const TRIP_STAFF_READ: Grant = Grant {
    anywhere: EVERY_STUDENT,
    in_scope: IN_GROUPS,
};

/// Only those who see every student.
const ORGANISERS: Grant = Grant {
    anywhere: EVERY_STUDENT,
    in_scope: &[],
};

/// Nobody.
const NOBODY: Grant = Grant {
    anywhere: &[],
    in_scope: &[],
};

/// Organised by those who see every student, read by the trip's staff.
const ORGANISED: Access = Access {
    read: TRIP_STAFF_READ,
    create: ORGANISERS,
    update: ORGANISERS,
    delete: ORGANISERS,
    fields: &[],
    author: None,
};

/// Taken by the trip's staff; removed only by its organisers.
const TAKEN_ON_THE_TRIP: Access = Access {
    read: TRIP_STAFF_READ,
    create: TRIP_STAFF_READ,
    update: TRIP_STAFF_READ,
    delete: ORGANISERS,
    fields: &[],
    author: None,
};

const TO_TRIP: Link = Link {
    field: "trip_id",
    to: Target::Trip,
};

/// The trip a record of the trip belongs to must be on the server.
const ON_A_TRIP: &[Requirement] = &[Requirement {
    kind: EntityKind::Trip,
    found: Found::By("trip_id"),
    agree: &[],
    refusal: "This trip is not on the server: it may have been cancelled.",
    bounds: &[],
}];

const TRIP_KEY: crate::entity::FieldSpec = field("trip_id", FieldType::Reference, Presence::Key);

/// A school trip: where, when, who leads it and the number to ring in an emergency.
pub(crate) const TRIP: KindSpec = KindSpec {
    wire: "trip",
    label: "trip",
    label_with_article: "a trip",
    plural: "trips",
    merge: MergeKind::FieldLww,
    fields: &[
        field("name", NAME, Presence::Required),
        field(
            "destination",
            FieldType::Text { max_chars: 200 },
            Presence::Required,
        ),
        field("starts_on", FieldType::Date, Presence::Required),
        field("ends_on", FieldType::Date, Presence::Required),
        field("leader_id", FieldType::Reference, Presence::Required),
        field("emergency_phone", FieldType::Phone, Presence::Required),
    ],
    id: IdRule::Random,
    reach: Reach::Itself(Target::Trip),
    access: ORGANISED,
    retention: SAFEGUARDING,
    requires: &[],
    conditions: &[],
};

/// A child or a member of staff on a trip; a child is in the group of one member of staff
/// (`with_staff_id`) and may have a consent or exclusion note.
pub(crate) const TRIP_MEMBER: KindSpec = KindSpec {
    wire: "trip_member",
    label: "trip member",
    label_with_article: "a trip member",
    plural: "trip members",
    merge: MergeKind::FieldLww,
    fields: &[
        TRIP_KEY,
        field(
            "member_kind",
            FieldType::Choice(MEMBER_KINDS),
            Presence::Key,
        ),
        field("member_id", FieldType::Reference, Presence::Key),
        field("with_staff_id", FieldType::Reference, Presence::Optional),
        field(
            "note",
            FieldType::Text { max_chars: 300 },
            Presence::Optional,
        ),
    ],
    id: IdRule::Derived(&["trip_id", "member_id"]),
    // The member link is a `Staff` link: a member of staff reaches their own place on a
    // trip through it; a child's id never matches a member of staff.
    reach: Reach::Links(&[
        TO_TRIP,
        Link {
            field: "member_id",
            to: Target::Staff,
        },
    ]),
    access: Access {
        read: TRIP_STAFF_READ,
        create: ORGANISERS,
        update: TRIP_STAFF_READ,
        delete: ORGANISERS,
        fields: &[],
        author: None,
    },
    retention: SAFEGUARDING,
    requires: ON_A_TRIP,
    conditions: &[],
};

/// A roll call at a checkpoint of a trip ("Departure", "Lunch").
pub(crate) const ROLL_CALL: KindSpec = KindSpec {
    wire: "roll_call",
    label: "roll call",
    label_with_article: "a roll call",
    plural: "roll calls",
    merge: MergeKind::FieldLww,
    fields: &[
        TRIP_KEY,
        field("name", SHORT, Presence::Key),
        field("opened_by", FieldType::Reference, Presence::Required),
        field("opened_at", MOMENT, Presence::Required),
        field("completed_at", MOMENT, Presence::Optional),
        field("completed_by", FieldType::Reference, Presence::Optional),
    ],
    id: IdRule::Derived(&["trip_id", "name"]),
    reach: Reach::Links(&[TO_TRIP]),
    access: TAKEN_ON_THE_TRIP,
    retention: SAFEGUARDING,
    requires: ON_A_TRIP,
    conditions: &[],
};

/// One child in a roll call: found, taken back, or accounted for ("with parent") with a note.
pub(crate) const ROLL_CALL_MARK: KindSpec = KindSpec {
    wire: "roll_call_mark",
    label: "roll-call mark",
    label_with_article: "a roll-call mark",
    plural: "roll-call marks",
    merge: MergeKind::FieldLww,
    fields: &[
        field("roll_call_id", FieldType::Reference, Presence::Key),
        TRIP_KEY,
        field("student_id", FieldType::Reference, Presence::Key),
        field(
            "status",
            FieldType::Choice(ROLL_CALL_STATUSES),
            Presence::Required,
        ),
        field("note", super::MARK_NOTE, Presence::Optional),
        field("marked_by", FieldType::Reference, Presence::Required),
        field("marked_at", MOMENT, Presence::Required),
    ],
    id: IdRule::Derived(&["roll_call_id", "student_id"]),
    reach: Reach::Links(&[TO_TRIP]),
    access: TAKEN_ON_THE_TRIP,
    retention: SAFEGUARDING,
    requires: &[
        Requirement {
            kind: EntityKind::RollCall,
            found: Found::By("roll_call_id"),
            agree: &[("trip_id", "trip_id")],
            refusal: "This roll call is not on the server for this trip.",
            bounds: &[],
        },
        Requirement {
            kind: EntityKind::TripMember,
            found: Found::Derived(&["trip_id", "student_id"]),
            agree: &[],
            refusal: "This child is not on this trip, so they cannot be marked in its roll call.",
            bounds: &[],
        },
    ],
    conditions: &[],
};

/// Something that happened on a trip: when, which children, what, and what was done.
pub(crate) const TRIP_INCIDENT: KindSpec = KindSpec {
    wire: "trip_incident",
    label: "incident",
    label_with_article: "an incident",
    plural: "incidents",
    merge: MergeKind::AppendOnly,
    fields: &[
        TRIP_KEY,
        field("recorded_by", FieldType::Reference, Presence::Key),
        field("happened_at", MOMENT, Presence::Key),
        field(
            "student_ids",
            FieldType::References {
                max_items: CHILDREN_IN_AN_INCIDENT,
            },
            Presence::Optional,
        ),
        field(
            "what_happened",
            FieldType::Text { max_chars: 2000 },
            Presence::Required,
        ),
        field(
            "action_taken",
            FieldType::Text { max_chars: 2000 },
            Presence::Required,
        ),
    ],
    id: IdRule::Random,
    reach: Reach::Links(&[TO_TRIP]),
    access: Access {
        read: TRIP_STAFF_READ,
        create: TRIP_STAFF_READ,
        update: NOBODY,
        delete: NOBODY,
        fields: &[],
        author: Some("recorded_by"),
    },
    retention: SAFEGUARDING,
    requires: ON_A_TRIP,
    conditions: &[],
};

/// One item of a trip's risk-assessment checklist, ticked with who and when.
pub(crate) const TRIP_CHECK: KindSpec = KindSpec {
    wire: "trip_check",
    label: "checklist item",
    label_with_article: "a checklist item",
    plural: "checklist items",
    merge: MergeKind::FieldLww,
    fields: &[
        TRIP_KEY,
        field(
            "text",
            FieldType::Text { max_chars: 200 },
            Presence::Required,
        ),
        field(
            "position",
            FieldType::WholeNumber { min: 0, max: 999 },
            Presence::Required,
        ),
        field("done_at", MOMENT, Presence::Optional),
        field("done_by", FieldType::Reference, Presence::Optional),
    ],
    id: IdRule::Random,
    reach: Reach::Links(&[TO_TRIP]),
    access: Access {
        read: TRIP_STAFF_READ,
        create: TRIP_STAFF_READ,
        update: TRIP_STAFF_READ,
        delete: TRIP_STAFF_READ,
        fields: &[],
        author: None,
    },
    retention: SAFEGUARDING,
    requires: ON_A_TRIP,
    conditions: &[],
};

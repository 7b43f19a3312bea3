//! The kinds of synced record: the catalogue that names each kind once, and the types its
//! declarations ([`crate::kinds::KindSpec`]) describe fields with.
//!
//! The catalogue is data, read by validation, the merge, the server's rules and scoping, and
//! by the app to build forms and map MIS import columns, so a kind and its fields are
//! described once. To add a kind, declare it in `kinds/` and add one line to [`catalogue!`]'s
//! list below (ARCHITECTURE.md, "Adding a record kind").

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::ids::EntityId;
use crate::kinds::{self, IdRule, KindSpec};
use crate::records::{self, TypedRecord};

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
    /// `true` or `false`.
    Flag,
    /// A list of 1 to `max_items` different labels, each one line of 1 to `max_chars`
    /// characters (a note's tags, the school's tag set).
    Labels {
        /// The most labels allowed.
        max_items: usize,
        /// The most characters in one label.
        max_chars: usize,
    },
    /// A list of up to `max_items` different record ids, in a meaningful order (a seating
    /// plan's students, an ad-hoc lesson's students).
    References {
        /// The most ids allowed.
        max_items: usize,
    },
    /// A calendar date as ISO 8601 text, `YYYY-MM-DD`, from 2020 to 2100: a day in the
    /// school's own calendar (a register's date, a placement's first day, a due date), with
    /// no time zone to convert.
    Date,
    /// A time of day on the 24-hour clock, `HH:MM`, as the school's clocks show it (when a
    /// late student arrived).
    TimeOfDay,
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

/// What a group member is, as stored.
pub const MEMBER_KINDS: &[&str] = &["student", "staff"];

/// A student's SEND status, as stored: no special educational need, SEN support, or an
/// education, health and care plan. MIS imports map onto these words.
pub const SEND_STATUSES: &[&str] = &["none", "sen_support", "ehcp"];

/// What a medical note is about, as stored.
pub const MEDICAL_KINDS: &[&str] = &["condition", "medication", "allergy", "dietary"];

/// How severe a medical note's subject is, as stored.
pub const SEVERITIES: &[&str] = &["mild", "moderate", "severe", "life_threatening"];

/// A person's or group's name.
pub(crate) const NAME: FieldType = FieldType::Text { max_chars: 100 };
/// A short label: pronouns, a form, a relationship.
pub(crate) const SHORT: FieldType = FieldType::Text { max_chars: 40 };
/// A moment, in milliseconds since 1970 (UTC), from 2020 to 2100: when a lesson started,
/// when a note was made.
pub const MOMENT: FieldType = FieldType::WholeNumber {
    min: 1_577_836_800_000,
    max: 4_102_444_800_000,
};

/// A field, for declarations.
pub(crate) const fn field(name: &'static str, value: FieldType, presence: Presence) -> FieldSpec {
    FieldSpec {
        name,
        value,
        presence,
    }
}

/// Declares the catalogue: the `EntityKind` enum, `EntityKind::ALL`, `EntityKind::spec` and
/// each typed struct's [`TypedRecord`] kind, all from one list, so no kind can be in one and
/// missing from another.
macro_rules! catalogue {
    ($($(#[$doc:meta])* $kind:ident => $spec:path, $typed:path;)+) => {
        /// A kind of synced record. On the wire and in storage by its declaration's `wire`
        /// name (`"teaching_group"`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum EntityKind {
            $($(#[$doc])* $kind,)+
        }

        impl EntityKind {
            /// Every kind, in the catalogue's order.
            pub const ALL: [EntityKind; [$(stringify!($kind)),+].len()] =
                [$(EntityKind::$kind),+];

            /// The kind's declaration.
            pub const fn spec(self) -> &'static KindSpec {
                match self {
                    $(EntityKind::$kind => &$spec,)+
                }
            }

            /// The field names of this kind's typed struct, read from `record` (which must
            /// have every field) and written back: the catalogue test compares them with the
            /// declaration.
            #[cfg(test)]
            pub(crate) fn typed_field_names(
                self,
                record: &crate::merge::RecordState,
            ) -> Result<Vec<String>, crate::records::ReadError> {
                fn names<T: TypedRecord>(record: &crate::merge::RecordState) -> Result<Vec<String>, crate::records::ReadError> {
                    let value = serde_json::to_value(record.read::<T>()?).unwrap_or_default();
                    Ok(value.as_object().map(|object| object.keys().cloned().collect()).unwrap_or_default())
                }
                match self {
                    $(EntityKind::$kind => names::<$typed>(record),)+
                }
            }
        }

        $(impl TypedRecord for $typed {
            const KIND: EntityKind = EntityKind::$kind;
        })+
    };
}

catalogue! {
    /// A member of staff (mentor, teacher, SENCO, DSL, administrator).
    Staff => kinds::STAFF, records::Staff;
    /// A student on roll.
    Student => kinds::STUDENT, records::Student;
    /// A class or other group of students that is taught together.
    TeachingGroup => kinds::TEACHING_GROUP, records::TeachingGroup;
    /// A student or staff member belonging to a teaching group.
    GroupMembership => kinds::GROUP_MEMBERSHIP, records::GroupMembership;
    /// A student on a mentor's caseload.
    CaseloadAssignment => kinds::CASELOAD_ASSIGNMENT, records::CaseloadAssignment;
    /// A need in a student's Learning Passport.
    PassportNeed => kinds::PASSPORT_NEED, records::PassportNeed;
    /// A strategy that helps a student ("what helps me"); notes cite it by its id.
    PassportStrategy => kinds::PASSPORT_STRATEGY, records::PassportStrategy;
    /// Something that does not help a student.
    PassportUnhelpful => kinds::PASSPORT_UNHELPFUL, records::PassportUnhelpful;
    /// The student's own words in their Learning Passport; one per student.
    PassportVoice => kinds::PASSPORT_VOICE, records::PassportVoice;
    /// A medical condition, medication, allergy or dietary need.
    MedicalNote => kinds::MEDICAL_NOTE, records::MedicalNote;
    /// Someone to call about a student in an emergency.
    EmergencyContact => kinds::EMERGENCY_CONTACT, records::EmergencyContact;
    /// The school's settings for every device (how soon the app locks); one record.
    SchoolSettings => kinds::SCHOOL_SETTINGS, records::SchoolSettings;
    /// A lesson a member of staff supported, started from a teaching group.
    Lesson => kinds::LESSON, records::Lesson;
    /// A quick note about one student in a lesson.
    LessonNote => kinds::LESSON_NOTE, records::LessonNote;
    /// Where a group's students sit; one per group.
    SeatingPlan => kinds::SEATING_PLAN, records::SeatingPlan;
    /// A learner's work-experience placement with an employer.
    Placement => kinds::PLACEMENT, records::Placement;
    /// A visit to a learner at their placement.
    PlacementVisit => kinds::PLACEMENT_VISIT, records::PlacementVisit;
    /// Something to do after a visit, by someone, by a date.
    FollowUp => kinds::FOLLOW_UP, records::FollowUp;
    /// A register of a teaching group for one date and session.
    Register => kinds::REGISTER, records::Register;
    /// One student's mark in a register.
    RegisterMark => kinds::REGISTER_MARK, records::RegisterMark;
    /// A school trip.
    Trip => kinds::TRIP, records::Trip;
    /// A child or a member of staff on a trip.
    TripMember => kinds::TRIP_MEMBER, records::TripMember;
    /// A roll call at a checkpoint of a trip.
    RollCall => kinds::ROLL_CALL, records::RollCall;
    /// One child in a roll call.
    RollCallMark => kinds::ROLL_CALL_MARK, records::RollCallMark;
    /// Something that happened on a trip; never changed once recorded.
    TripIncident => kinds::TRIP_INCIDENT, records::TripIncident;
    /// One item of a trip's risk-assessment checklist.
    TripCheck => kinds::TRIP_CHECK, records::TripCheck;
    /// A target set with a student, reviewed on or after its review date.
    Target => kinds::TARGET, records::Target;
    /// A review of a target: its score and what became of it; never changed.
    TargetReview => kinds::TARGET_REVIEW, records::TargetReview;
    /// A mentoring session with one student: topics, what was said, the next session.
    MentoringSession => kinds::MENTORING_SESSION, records::MentoringSession;
    /// Something agreed in a mentoring session, owned by someone, due by a day.
    MentoringAction => kinds::MENTORING_ACTION, records::MentoringAction;
    /// One of the school's tracking scales: an ordered list of labels.
    TrackingScale => kinds::TRACKING_SCALE, records::TrackingScale;
    /// A student's level on a tracking scale, in a subject, on a day.
    TrackingValue => kinds::TRACKING_VALUE, records::TrackingValue;
    /// The mentor's summary paragraph of a student's progress report for a period.
    ProgressSummary => kinds::PROGRESS_SUMMARY, records::ProgressSummary;
    /// An intervention programme delivered to a teaching group set up for it.
    Intervention => kinds::INTERVENTION, records::Intervention;
    /// A student's entry and exit scores on an intervention programme.
    InterventionScore => kinds::INTERVENTION_SCORE, records::InterventionScore;
}

impl EntityKind {
    /// The kinds of a student's profile — the Learning Passport, medical notes, emergency
    /// contacts — in the catalogue's order: each reached through its one link to a student.
    pub const PROFILE: [EntityKind; 6] = [
        EntityKind::PassportNeed,
        EntityKind::PassportStrategy,
        EntityKind::PassportUnhelpful,
        EntityKind::PassportVoice,
        EntityKind::MedicalNote,
        EntityKind::EmergencyContact,
    ];

    /// The kinds of a student's progress — targets and their reviews, mentoring sessions and
    /// their actions, tracking values, report summaries — also reached through their one
    /// link to a student, shown on the profile beside the Passport.
    pub const PROGRESS: [EntityKind; 6] = [
        EntityKind::Target,
        EntityKind::TargetReview,
        EntityKind::MentoringSession,
        EntityKind::MentoringAction,
        EntityKind::TrackingValue,
        EntityKind::ProgressSummary,
    ];

    /// The wire name (`"teaching_group"`).
    pub const fn as_str(self) -> &'static str {
        self.spec().wire
    }

    /// The name people read in messages (`"teaching group"`).
    pub const fn label(self) -> &'static str {
        self.spec().label
    }

    /// The label with "a" or "an" in front, for messages ("an emergency contact").
    pub const fn label_with_article(self) -> &'static str {
        self.spec().label_with_article
    }

    /// How writes to this kind are merged.
    pub const fn merge_kind(self) -> MergeKind {
        self.spec().merge
    }

    /// The fields of this kind, in display order.
    pub const fn fields(self) -> &'static [FieldSpec] {
        self.spec().fields
    }

    /// The field called `name`, if this kind has one.
    pub fn field(self, name: &str) -> Option<&'static FieldSpec> {
        self.spec().field(name)
    }

    /// The key field that names the one student a record is about (`student_id`), if any.
    pub fn student_field(self) -> Option<&'static str> {
        self.spec().student_link()
    }

    /// True if records of this kind have an id derived from their key fields.
    pub const fn has_derived_id(self) -> bool {
        self.spec().has_derived_id()
    }

    /// The id a record of this kind with these key fields must have (`key` gives a key
    /// field's text), or `None` for kinds with random ids, if a key is missing, or if a key
    /// that is a reference is not an id. The first key is always a reference.
    pub fn derive_id(self, key: impl Fn(&str) -> Option<String>) -> Option<EntityId> {
        let from = match self.spec().id {
            IdRule::Random => return None,
            IdRule::OnePerSchool => return Some(self.school_record_id()),
            IdRule::Derived(from) => from,
        };
        let (first, rest) = from.split_first()?;
        let first = key(first)?.parse::<EntityId>().ok()?;
        let rest = rest
            .iter()
            .map(|name| {
                let text = key(name)?;
                match self.field(name)?.value {
                    FieldType::Reference => text.parse::<EntityId>().ok().map(|id| id.to_string()),
                    _ => Some(text),
                }
            })
            .collect::<Option<Vec<_>>>()?;
        Some(id_from_parts(self, first, &rest))
    }
}

impl EntityKind {
    /// The id of the school's one record of a [`IdRule::OnePerSchool`] kind: a UUIDv5 of the
    /// kind's wire name, the same on every device and server.
    pub fn school_record_id(self) -> EntityId {
        EntityId::derived(
            EntityId::from_uuid(uuid::Uuid::NAMESPACE_OID),
            &[self.as_str()],
        )
    }
}

/// A derived id: the first key is the UUIDv5 namespace; the kind's wire name and the other
/// keys are the name.
fn id_from_keys(kind: EntityKind, first: EntityId, rest: &[EntityId]) -> EntityId {
    let rest: Vec<String> = rest.iter().map(EntityId::to_string).collect();
    id_from_parts(kind, first, &rest)
}

/// A derived id from its first key and the text of the others.
fn id_from_parts(kind: EntityKind, first: EntityId, rest: &[String]) -> EntityId {
    let mut parts = vec![kind.as_str()];
    parts.extend(rest.iter().map(String::as_str));
    EntityId::derived(first, &parts)
}

impl Serialize for EntityKind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for EntityKind {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
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
    id_from_keys(EntityKind::GroupMembership, group, &[member])
}

/// The id of the assignment of `student` to `mentor`'s caseload.
pub fn caseload_assignment_id(mentor: EntityId, student: EntityId) -> EntityId {
    id_from_keys(EntityKind::CaseloadAssignment, mentor, &[student])
}

/// The id of `student`'s mark in `register`: one per register and student, so two devices
/// marking the same student offline write to the same record.
pub fn register_mark_id(register: EntityId, student: EntityId) -> EntityId {
    id_from_keys(EntityKind::RegisterMark, register, &[student])
}

/// The id of `student`'s scores on `intervention`: one per programme and student, so two
/// devices recording them offline write to the same record.
pub fn intervention_score_id(intervention: EntityId, student: EntityId) -> EntityId {
    id_from_keys(EntityKind::InterventionScore, intervention, &[student])
}

/// The id of the roll call named `name` ("Lunch") on `trip`: one per trip and checkpoint,
/// so two phones opening it with no signal open the same roll call.
pub fn roll_call_id(trip: EntityId, name: &str) -> EntityId {
    id_from_parts(EntityKind::RollCall, trip, &[name.to_owned()])
}

/// The id of `student`'s mark in `roll_call`: one per roll call and child.
pub fn roll_call_mark_id(roll_call: EntityId, student: EntityId) -> EntityId {
    id_from_keys(EntityKind::RollCallMark, roll_call, &[student])
}

/// The id of `member`'s place on `trip`: one per trip and person.
pub fn trip_member_id(trip: EntityId, member: EntityId) -> EntityId {
    id_from_keys(EntityKind::TripMember, trip, &[member])
}

/// The id of `student`'s "in my words" statement: one per student, so two devices writing it
/// offline write to the same record.
pub fn passport_voice_id(student: EntityId) -> EntityId {
    id_from_keys(EntityKind::PassportVoice, student, &[])
}

#[cfg(test)]
#[path = "entity_tests.rs"]
mod tests;

//! Tests of the kind declarations.

use super::*;
use crate::entity::EntityKind;
use crate::ids::EntityId;

#[test]
fn every_declaration_in_the_catalogue_is_consistent() {
    let mut wires = Vec::new();
    for kind in EntityKind::ALL {
        let spec = kind.spec();
        assert_eq!(spec.check(), Vec::<String>::new(), "{kind}");
        assert!(
            !wires.contains(&spec.wire),
            "{} is declared twice",
            spec.wire
        );
        wires.push(spec.wire);
        // Whoever may read a record anywhere sees every student; nobody reads a record that
        // no one may ever create.
        assert!(
            spec.access.create.anywhere.contains(&Role::Admin),
            "{kind}: the administrator cannot create it"
        );
    }
}

#[test]
fn the_profile_kinds_are_those_reached_only_through_their_student() {
    let reached_by_student_alone: Vec<EntityKind> = EntityKind::ALL
        .into_iter()
        .filter(
            |kind| matches!(kind.spec().reach, Reach::Links([link]) if link.to == Target::Student),
        )
        .collect();
    let profile_and_progress: Vec<EntityKind> = EntityKind::PROFILE
        .into_iter()
        .chain(EntityKind::PROGRESS)
        .collect();
    assert_eq!(reached_by_student_alone, profile_and_progress);
}

#[test]
fn a_broken_declaration_is_reported_field_by_field() {
    let broken = KindSpec {
        wire: "Trip Note",
        label: "trip note",
        label_with_article: "a note",
        id: IdRule::Derived(&["trip_id", "text"]),
        reach: Reach::Links(&[Link {
            field: "pupil",
            to: Target::Member { kind_field: "text" },
        }]),
        access: Access {
            read: Grant {
                anywhere: &[Role::Admin],
                in_scope: &[Role::Admin],
            },
            update: Grant {
                anywhere: &[Role::Mentor],
                in_scope: &[],
            },
            fields: &[FieldGrant {
                field: "student_id",
                what: "the student",
                readers: &[Role::Admin],
                writers: &[Role::Dsl],
            }],
            author: Some("written_by"),
            ..PASSPORT_NEED.access
        },
        merge: MergeKind::AppendOnly,
        requires: &[
            Requirement {
                kind: EntityKind::Trip,
                found: Found::By("trip"),
                agree: &[("text", "leader")],
                refusal: "",
                bounds: &[],
            },
            Requirement {
                kind: EntityKind::TripMember,
                found: Found::Derived(&["trip_id"]),
                agree: &[],
                refusal: "Not on the trip.",
                bounds: &[
                    Bound {
                        field: "trip_id",
                        min: Limit::Field("name"),
                        max: Limit::Count("leader_id"),
                        words: "",
                    },
                    Bound {
                        field: "text",
                        min: Limit::Value(0),
                        max: Limit::Value(9),
                        words: "Too far",
                    },
                ],
            },
        ],
        conditions: &[Condition {
            field: "text",
            value: "active",
            refusal: |_| None,
        }],
        ..PASSPORT_NEED
    };
    let problems = broken.check();
    for expected in [
        "Trip Note: the wire name is not snake_case",
        "the label with its article does not end with the label",
        "the id is derived from trip_id, not a key reference",
        "the id is derived from text, not a key reference",
        "link pupil is not a key reference",
        "text does not choose student or staff",
        "admin is granted read both anywhere and in scope",
        "mentor may update records it cannot read",
        "append-only, yet someone may update or delete it",
        "student_id is a key: nobody changes it",
        "dsl may write student_id but not read it",
        "dsl may write student_id but not the record",
        "the author field written_by is not a key reference",
        "trip is found by trip, not a key",
        "text and trip.leader are not both keys",
        "no words for a create without its trip",
        "trip_member has no id derived from 1 keys",
        "trip_member is found by trip_id, not a key",
        "a condition on text = active names no such choice",
        "bound trip_id is not a whole number it may change",
        "bound trip_id has a limit Field(\"name\") that trip_member has not",
        "bound trip_id has a limit Count(\"leader_id\") that trip_member has not",
        "no words for trip_id out of its bounds",
        "bound text is not a whole number it may change",
    ] {
        assert!(
            problems.iter().any(|problem| problem.ends_with(expected)),
            "{expected} not in {problems:#?}"
        );
    }
}

#[test]
fn derived_ids_are_made_from_the_declared_keys_in_order() {
    let a = EntityId::from_time_and_random(1, [1; 10]).unwrap();
    let b = EntityId::from_time_and_random(2, [2; 10]).unwrap();
    let keys = |name: &str| match name {
        "group_id" | "mentor_id" | "student_id" | "trip_id" => Some(a.to_string()),
        "member_id" => Some(b.to_string()),
        "name" => Some("Lunch".to_owned()),
        _ => None,
    };
    assert_eq!(
        EntityKind::GroupMembership.derive_id(keys),
        Some(EntityId::derived(a, &["group_membership", &b.to_string()]))
    );
    assert_eq!(
        EntityKind::PassportVoice.derive_id(keys),
        Some(EntityId::derived(a, &["passport_voice"]))
    );
    assert_eq!(
        EntityKind::RollCall.derive_id(keys),
        Some(EntityId::derived(a, &["roll_call", "Lunch"]))
    );
    // A reference is read as an id, whatever its case; a key that is not one derives none.
    let upper = |name: &str| keys(name).map(|text| text.to_uppercase());
    assert_eq!(
        EntityKind::GroupMembership.derive_id(upper),
        EntityKind::GroupMembership.derive_id(keys)
    );
    assert_eq!(
        EntityKind::GroupMembership.derive_id(|name| (name != "member_id")
            .then(|| a.to_string())
            .or(Some("not an id".to_owned()))),
        None
    );
    assert_eq!(EntityKind::CaseloadAssignment.derive_id(|_| None), None);
    assert_eq!(EntityKind::PassportStrategy.derive_id(keys), None);
}

#[test]
fn refusals_name_who_may_write() {
    let refusal = |kind: EntityKind, role| kind.spec().write_refusal(role, OpKind::Update);
    assert_eq!(
        refusal(EntityKind::Staff, Role::Senco).as_deref(),
        Some("Only an administrator can change staff records.")
    );
    assert_eq!(
        refusal(EntityKind::Student, Role::Mentor).as_deref(),
        Some("Only the SENCO or an administrator can change student records.")
    );
    assert_eq!(
        refusal(EntityKind::MedicalNote, Role::Teacher).as_deref(),
        Some("Only the SENCO or an administrator can change medical notes.")
    );
    assert_eq!(
        refusal(EntityKind::PassportStrategy, Role::Dsl).as_deref(),
        Some(
            "Only the SENCO, an administrator, the student's mentors or the student's teachers can change Learning Passport strategies."
        )
    );
    assert_eq!(refusal(EntityKind::PassportStrategy, Role::Mentor), None);
    assert_eq!(
        EntityKind::Student
            .spec()
            .field_refusal(Role::Mentor, "send_status")
            .as_deref(),
        Some(
            "Only the SENCO or an administrator can change SEND status, so none of this change was saved."
        )
    );
    assert_eq!(
        EntityKind::Student
            .spec()
            .field_refusal(Role::Senco, "send_status"),
        None
    );
    assert_eq!(
        EntityKind::Student
            .spec()
            .field_refusal(Role::Mentor, "pronouns"),
        None
    );
}

/// The permission table as ARCHITECTURE.md and the profile's docs state it.
#[test]
fn the_write_table() {
    use EntityKind::*;
    use Extent::{Anywhere as A, InScope as S};
    let table = [
        (Staff, [None, None, None, None, Some(A)]),
        (Student, [None, None, Some(A), None, Some(A)]),
        (TeachingGroup, [None, None, Some(A), None, Some(A)]),
        (GroupMembership, [None, None, Some(A), None, Some(A)]),
        (CaseloadAssignment, [None, None, Some(A), None, Some(A)]),
        (PassportNeed, [None, None, Some(A), None, Some(A)]),
        (PassportStrategy, [Some(S), Some(S), Some(A), None, Some(A)]),
        (
            PassportUnhelpful,
            [Some(S), Some(S), Some(A), None, Some(A)],
        ),
        (PassportVoice, [Some(S), Some(S), Some(A), None, Some(A)]),
        (MedicalNote, [None, None, Some(A), None, Some(A)]),
        (EmergencyContact, [None, None, Some(A), None, Some(A)]),
        (SchoolSettings, [None, None, None, None, Some(A)]),
        // Only the author updates or deletes (`access.author`), whatever the grant says.
        (Lesson, [Some(S), Some(S), Some(A), Some(A), Some(A)]),
        (LessonNote, [Some(S), Some(S), Some(A), Some(A), Some(A)]),
        (SeatingPlan, [Some(S), Some(S), Some(A), Some(A), Some(A)]),
        // Anyone may correct a register or a mark (no author); deletes are below.
        (Register, [Some(S), Some(S), Some(A), Some(A), Some(A)]),
        (RegisterMark, [Some(S), Some(S), Some(A), Some(A), Some(A)]),
    ];
    // Kinds that fewer roles may delete than create: the SENCO and administrator alone
    // remove a register or a mark.
    let deletes = |kind| match kind {
        Register | RegisterMark => Some([None, None, Some(A), None, Some(A)]),
        _ => None,
    };
    const ORGANISERS: [Option<Extent>; 5] = [None, None, Some(A), Some(A), Some(A)];
    const TRIP_STAFF: [Option<Extent>; 5] = [Some(S), Some(S), Some(A), Some(A), Some(A)];
    const MENTORS: [Option<Extent>; 5] = [Some(S), None, Some(A), None, Some(A)];
    const ADMIN: [Option<Extent>; 5] = [None, None, None, None, Some(A)];
    const COORDINATOR: [Option<Extent>; 5] = [None, None, Some(A), None, Some(A)];
    // Placements: the coordinator (SENCO, administrator) sets them up and removes them;
    // mentors record checks, visits and actions for their learners; the DSL reads.
    let placements = [
        (
            Placement,
            [
                [None, None, Some(A), None, Some(A)],
                [Some(S), None, Some(A), None, Some(A)],
                [None, None, Some(A), None, Some(A)],
            ],
        ),
        (
            PlacementVisit,
            [
                [Some(S), None, Some(A), None, Some(A)],
                [Some(S), None, Some(A), None, Some(A)],
                [None, None, Some(A), None, Some(A)],
            ],
        ),
        (
            FollowUp,
            [
                [Some(S), None, Some(A), None, Some(A)],
                [Some(S), Some(S), Some(A), None, Some(A)],
                [None, None, Some(A), None, Some(A)],
            ],
        ),
        // Trips: those who see every student organise them (a child added to a trip is
        // seen by its staff); the trip's staff take roll calls, log incidents (never
        // changed), tick the checklist and move children between groups.
        (Trip, [ORGANISERS, ORGANISERS, ORGANISERS]),
        (TripMember, [ORGANISERS, TRIP_STAFF, ORGANISERS]),
        (RollCall, [TRIP_STAFF, TRIP_STAFF, ORGANISERS]),
        (RollCallMark, [TRIP_STAFF, TRIP_STAFF, ORGANISERS]),
        (TripIncident, [TRIP_STAFF, [None; 5], [None; 5]]),
        (TripCheck, [TRIP_STAFF, TRIP_STAFF, TRIP_STAFF]),
        // Progress: mentors for their students, the SENCO and administrator anywhere; a
        // teacher and the DSL read. Nobody changes a review; one made in error is deleted.
        (Target, [MENTORS, MENTORS, MENTORS]),
        (TargetReview, [MENTORS, [None; 5], MENTORS]),
        // Mentoring: as targets; an action is marked done by an update.
        (MentoringSession, [MENTORS, MENTORS, MENTORS]),
        (MentoringAction, [MENTORS, MENTORS, MENTORS]),
        // Tracking: the administrator defines the scales; values are written as targets.
        (TrackingScale, [ADMIN, ADMIN, ADMIN]),
        (TrackingValue, [MENTORS, MENTORS, MENTORS]),
        (ProgressSummary, [MENTORS, MENTORS, MENTORS]),
        // Interventions: the coordinator sets a programme up; mentors record the scores.
        (Intervention, [COORDINATOR, COORDINATOR, COORDINATOR]),
        (InterventionScore, [MENTORS, MENTORS, MENTORS]),
    ];
    for (kind, by_op) in placements {
        for (op, extents) in [OpKind::Create, OpKind::Update, OpKind::Delete]
            .into_iter()
            .zip(by_op)
        {
            for (role, extent) in Role::ALL.into_iter().zip(extents) {
                assert_eq!(
                    kind.spec().access.write(op).extent(role),
                    extent,
                    "{kind} {op:?} {role}"
                );
            }
        }
    }
    assert_eq!(table.len() + placements.len(), EntityKind::ALL.len());
    for (kind, extents) in table {
        let delete_extents = deletes(kind).unwrap_or(extents);
        for (i, (role, extent)) in Role::ALL.into_iter().zip(extents).enumerate() {
            for op in [OpKind::Create, OpKind::Update, OpKind::Delete] {
                let expected = if op == OpKind::Delete {
                    delete_extents[i]
                } else {
                    extent
                };
                assert_eq!(
                    kind.spec().access.write(op).extent(role),
                    expected,
                    "{role} {op:?} {kind}"
                );
            }
            let read = kind.spec().access.read.extent(role);
            let expected = match (kind, role) {
                (Staff | SchoolSettings, _) | (_, Role::Senco | Role::Dsl | Role::Admin) => Some(A),
                _ => Some(S),
            };
            assert_eq!(read, expected, "{role} reading {kind}");
        }
    }
}

#[test]
fn the_id_helpers_follow_the_declared_keys() {
    use crate::entity::{
        caseload_assignment_id, group_membership_id, intervention_score_id, passport_voice_id,
        register_mark_id, roll_call_id, roll_call_mark_id, trip_member_id,
    };
    let a = EntityId::from_time_and_random(1, [1; 10]).unwrap();
    let b = EntityId::from_time_and_random(2, [2; 10]).unwrap();
    let pair = |first: &'static str| {
        move |name: &str| match name {
            _ if name == first => Some(a.to_string()),
            "name" => Some("Departure".to_owned()),
            _ => Some(b.to_string()),
        }
    };
    assert_eq!(
        EntityKind::GroupMembership.derive_id(pair("group_id")),
        Some(group_membership_id(a, b))
    );
    assert_eq!(
        EntityKind::InterventionScore.derive_id(pair("intervention_id")),
        Some(intervention_score_id(a, b))
    );
    assert_eq!(
        EntityKind::CaseloadAssignment.derive_id(pair("mentor_id")),
        Some(caseload_assignment_id(a, b))
    );
    assert_eq!(
        EntityKind::PassportVoice.derive_id(pair("student_id")),
        Some(passport_voice_id(a))
    );
    assert_eq!(
        EntityKind::RegisterMark.derive_id(pair("register_id")),
        Some(register_mark_id(a, b))
    );
    assert_ne!(register_mark_id(a, b), register_mark_id(b, a));
    assert_eq!(
        EntityKind::RollCallMark.derive_id(pair("roll_call_id")),
        Some(roll_call_mark_id(a, b))
    );
    assert_eq!(
        EntityKind::TripMember.derive_id(pair("trip_id")),
        Some(trip_member_id(a, b))
    );
    assert_eq!(
        EntityKind::RollCall.derive_id(pair("trip_id")),
        Some(roll_call_id(a, "Departure"))
    );
    assert_ne!(roll_call_id(a, "Departure"), roll_call_id(a, "Lunch"));
}

#[test]
fn the_school_has_one_settings_record_under_a_fixed_id() {
    let id = EntityKind::SchoolSettings.school_record_id();
    assert_eq!(EntityKind::SchoolSettings.derive_id(|_| None), Some(id));
    assert!(!id.is_time_ordered(), "not a new record's id");
    assert_ne!(id, EntityKind::Staff.school_record_id());
    // Any other id for it is refused, as a derived id is.
    let fields = std::collections::BTreeMap::from([(
        "lock_after_minutes".to_owned(),
        serde_json::json!(10),
    )]);
    let other = EntityId::from_time_and_random(1_700_000_000_000, [1; 10]).unwrap();
    assert!(
        crate::Edit::create(EntityKind::SchoolSettings, other, fields.clone())
            .validate()
            .is_err()
    );
    assert!(
        crate::Edit::create(EntityKind::SchoolSettings, id, fields)
            .validate()
            .is_ok()
    );
}

#[test]
fn a_placement_made_active_needs_every_check_or_a_reason() {
    let id = EntityId::from_time_and_random(1, [1; 10]).unwrap();
    let values = serde_json::json!({
        "student_id": id.to_string(), "visitor_id": id.to_string(),
        "employer": "Northfield Motor Works", "address": "Unit 3, Mill Road",
        "starts_on": "2026-12-28", "ends_on": "2027-01-08", "status": "active",
        "check_risk_on": "2026-12-01", "check_risk_by": id.to_string()
    });
    let written = |status: &str| {
        std::collections::BTreeMap::from([("status".to_owned(), serde_json::json!(status))])
    };
    let refusal = PLACEMENT
        .condition_refusal(&written("active"), &values)
        .unwrap();
    assert!(refusal.contains(
        "missing: Employer's liability insurance seen; Parent or carer consent received"
    ));
    // A write that does not make it active is not judged by the rule.
    assert_eq!(
        PLACEMENT.condition_refusal(&written("planned"), &values),
        None
    );
    // The coordinator's reason lets it start.
    let mut with_reason = values.clone();
    with_reason["override_reason"] = serde_json::json!("Employer is the school's own site");
    assert_eq!(
        PLACEMENT.condition_refusal(&written("active"), &with_reason),
        None
    );
}

#[test]
fn a_score_is_held_within_its_programmes_range_and_a_level_within_its_scale() {
    let programme = serde_json::json!({ "measure_min": 70, "measure_max": 140 });
    let [entry, exit] = SCORE_BOUNDS else {
        panic!("an entry and an exit bound")
    };
    assert_eq!(entry.refusal(&serde_json::json!(70), &programme), None);
    assert_eq!(exit.refusal(&serde_json::json!(140), &programme), None);
    assert_eq!(
        exit.refusal(&serde_json::json!(141), &programme).as_deref(),
        Some("The exit score must be a whole number from 70 to 140.")
    );
    assert_eq!(
        entry.refusal(&serde_json::json!(69), &programme).as_deref(),
        Some("The entry score must be a whole number from 70 to 140.")
    );
    // Clearing a score is never out of range.
    assert_eq!(exit.refusal(&serde_json::Value::Null, &programme), None);

    let [level] = TRACKING_VALUE.requires[0].bounds else {
        panic!("one bound on a level")
    };
    let scale = serde_json::json!({ "points": ["Rarely", "Sometimes", "Usually", "Always"] });
    assert_eq!(level.refusal(&serde_json::json!(4), &scale), None);
    assert_eq!(
        level.refusal(&serde_json::json!(5), &scale).as_deref(),
        Some("The level must be a whole number from 1 to 4.")
    );
    assert!(level.refusal(&serde_json::json!(0), &scale).is_some());
}

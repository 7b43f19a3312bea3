//! The roster over a small invented school: search across fields, each filter, the choices
//! the selects offer, and a whole school searched in one pass.

use std::collections::BTreeMap;

use mentor_core::entity::{EntityKind, caseload_assignment_id, group_membership_id};
use mentor_core::hlc::Hlc;
use mentor_core::ids::DeviceId;
use mentor_core::merge::FieldState;
use serde_json::json;

use super::*;
use crate::pages::students::search::SendFilter;
use serde_json::Value;

fn id(n: u32) -> EntityId {
    let mut random = [0u8; 10];
    random[..4].copy_from_slice(&n.to_be_bytes());
    EntityId::from_time_and_random(1_700_000_000_000, random).unwrap()
}

fn stamp(millis: u64) -> Hlc {
    let device = DeviceId::from_time_and_random(1_600_000_000_000, [0xee; 10]).unwrap();
    Hlc::new(millis, 0, device).unwrap()
}

fn record(entity: EntityKind, id: EntityId, values: Value) -> RecordState {
    let hlc = stamp(1_000);
    let fields: BTreeMap<String, Value> = serde_json::from_value(values).unwrap();
    RecordState {
        entity,
        id,
        fields: fields
            .into_iter()
            .map(|(name, value)| (name, FieldState { value, hlc }))
            .collect(),
        deleted: None,
        created: hlc,
    }
}

fn deleted(mut record: RecordState) -> RecordState {
    record.deleted = Some(stamp(2_000));
    record
}

fn student(n: u32, given: &str, family: &str, year: u8, form: &str) -> RecordState {
    record(
        EntityKind::Student,
        id(n),
        json!({"given_name": given, "family_name": family, "year_group": year,
               "form_group": form}),
    )
}

fn with(mut record: RecordState, field: &str, value: Value) -> RecordState {
    let hlc = record.created;
    record
        .fields
        .insert(field.to_owned(), FieldState { value, hlc });
    record
}

fn group(n: u32, name: &str) -> RecordState {
    record(
        EntityKind::TeachingGroup,
        id(n),
        json!({"name": name, "subject": "Maths", "year_group": 7}),
    )
}

fn member(group: u32, member: u32, kind: &str) -> RecordState {
    record(
        EntityKind::GroupMembership,
        group_membership_id(id(group), id(member)),
        json!({"group_id": id(group).to_string(), "member_id": id(member).to_string(),
               "member_kind": kind}),
    )
}

fn assignment(mentor: u32, student: u32) -> RecordState {
    record(
        EntityKind::CaseloadAssignment,
        caseload_assignment_id(id(mentor), id(student)),
        json!({"mentor_id": id(mentor).to_string(), "student_id": id(student).to_string()}),
    )
}

fn staff(n: u32, name: &str) -> RecordState {
    record(
        EntityKind::Staff,
        id(n),
        json!({"display_name": name, "email": "mentor@school.example", "role": "mentor"}),
    )
}

const MORGAN: u32 = 900;
const JAS: u32 = 901;

/// A small school: two Year 7 forms, a Year 8 student, one group, two caseloads.
fn school() -> Roster {
    let students = [
        student(1, "Brodie", "Jarrow", 7, "7B"),
        with(
            student(2, "Grace", "Jarrow", 7, "7A"),
            "send_status",
            json!("ehcp"),
        ),
        with(
            student(3, "Jamie", "Ingleby", 7, "7B"),
            "send_status",
            json!("sen_support"),
        ),
        with(
            student(4, "Ayla", "Ashdown", 7, "7A"),
            "send_status",
            json!("none"),
        ),
        with(
            with(
                student(5, "Zoë", "O'Néill", 8, "8A"),
                "preferred_name",
                json!("Zed"),
            ),
            "upn",
            json!("A823901719005"),
        ),
        deleted(student(6, "Jack", "Gone", 7, "7A")),
    ];
    let groups = [group(100, "7 Maths Set 2"), group(101, "10 History")];
    let memberships = [
        member(100, 1, "student"),
        member(100, 3, "student"),
        member(100, MORGAN, "staff"),
        deleted(member(100, 4, "student")),
        // A group that is not on the device.
        member(555, 2, "student"),
    ];
    let assignments = [
        assignment(MORGAN, 1),
        assignment(MORGAN, 5),
        assignment(JAS, 2),
        deleted(assignment(JAS, 4)),
    ];
    let staff = [staff(MORGAN, "Morgan Ellery"), staff(JAS, "Jas Penrose")];
    Roster::from_records(&students, &groups, &memberships, &assignments, &staff)
}

fn names(roster: &Roster, text: &str, filters: Filters) -> Vec<String> {
    roster
        .find(&Search::new(text), &filters, Some(id(MORGAN)))
        .into_iter()
        .map(|index| roster.entries()[index as usize].student.shown_name())
        .collect()
}

#[test]
fn every_word_must_match_some_field() {
    let roster = school();
    assert_eq!(
        names(&roster, "ja", Filters::default()),
        ["Jamie Ingleby", "Brodie Jarrow", "Grace Jarrow"]
    );
    assert_eq!(
        names(&roster, "JARROW  gr", Filters::default()),
        ["Grace Jarrow"]
    );
    assert_eq!(
        names(&roster, "jarrow ingleby", Filters::default()),
        Vec::<String>::new()
    );
}

#[test]
fn search_covers_given_preferred_family_upn_and_form() {
    let roster = school();
    for text in [
        "zoe", "ZED", "o'neill", "oneil", "néill", "19005", "a8239", "8a",
    ] {
        assert_eq!(
            names(&roster, text, Filters::default()),
            ["Zed O'Néill"],
            "{text}"
        );
    }
    assert_eq!(
        names(&roster, "7b", Filters::default()),
        ["Jamie Ingleby", "Brodie Jarrow"]
    );
}

#[test]
fn empty_search_lists_everyone_but_the_deleted() {
    let roster = school();
    assert_eq!(roster.len(), 5);
    assert_eq!(names(&roster, "  ", Filters::default()).len(), 5);
    assert!(names(&roster, "gone", Filters::default()).is_empty());
    assert!(Search::new(" ' - ").is_empty());
}

#[test]
fn year_filter() {
    let roster = school();
    assert_eq!(roster.years(), [7, 8]);
    let year8 = Filters {
        year: Some(8),
        ..Filters::default()
    };
    assert_eq!(names(&roster, "", year8), ["Zed O'Néill"]);
    assert!(names(&roster, "ja", year8).is_empty());
}

#[test]
fn send_filter() {
    let roster = school();
    let send = |send| Filters {
        send,
        ..Filters::default()
    };
    assert_eq!(
        names(&roster, "", send(SendFilter::SenSupport)),
        ["Jamie Ingleby"]
    );
    assert_eq!(names(&roster, "", send(SendFilter::Ehcp)), ["Grace Jarrow"]);
    assert_eq!(
        names(&roster, "", send(SendFilter::Either)),
        ["Jamie Ingleby", "Grace Jarrow"]
    );
    assert_eq!(
        names(&roster, "", send(SendFilter::NoneRecorded)),
        ["Ayla Ashdown", "Brodie Jarrow", "Zed O'Néill"]
    );
    assert_eq!(
        names(&roster, "ja", send(SendFilter::Either)),
        ["Jamie Ingleby", "Grace Jarrow"]
    );
}

#[test]
fn group_filter_uses_live_student_memberships_of_groups_on_the_device() {
    let roster = school();
    let labels: Vec<&str> = roster.groups().iter().map(|g| g.label.as_str()).collect();
    assert_eq!(labels, ["7 Maths Set 2", "10 History"]);
    let maths = Filters {
        group: Some(id(100)),
        ..Filters::default()
    };
    assert_eq!(
        names(&roster, "", maths),
        ["Jamie Ingleby", "Brodie Jarrow"]
    );
    let history = Filters {
        group: Some(id(101)),
        ..Filters::default()
    };
    assert!(names(&roster, "", history).is_empty());
}

#[test]
fn caseload_filter_and_choices() {
    let roster = school();
    let mine = Filters {
        caseload: CaseloadFilter::Mine,
        ..Filters::default()
    };
    assert_eq!(names(&roster, "", mine), ["Brodie Jarrow", "Zed O'Néill"]);
    let jas = Filters {
        caseload: CaseloadFilter::Mentor(id(JAS)),
        ..Filters::default()
    };
    assert_eq!(names(&roster, "", jas), ["Grace Jarrow"]);

    let labels = |me, everyone| {
        roster
            .caseload_choices(me, everyone)
            .into_iter()
            .map(|choice| choice.label)
            .collect::<Vec<_>>()
    };
    assert_eq!(labels(Some(id(MORGAN)), false), ["My caseload"]);
    assert_eq!(
        labels(Some(id(MORGAN)), true),
        ["My caseload", "Jas Penrose’s caseload"]
    );
    assert_eq!(
        labels(Some(id(7)), true),
        ["Jas Penrose’s caseload", "Morgan Ellery’s caseload"]
    );
    assert!(labels(Some(id(7)), false).is_empty());
}

#[test]
fn filters_the_roster_cannot_apply_are_dropped() {
    let roster = school();
    let asked = Filters {
        year: Some(13),
        group: Some(id(555)),
        send: SendFilter::Ehcp,
        caseload: CaseloadFilter::Mentor(id(JAS)),
    };
    assert_eq!(
        roster.usable(asked, Some(id(MORGAN)), false),
        Filters {
            send: SendFilter::Ehcp,
            ..Filters::default()
        }
    );
    let fine = Filters {
        year: Some(7),
        group: Some(id(100)),
        send: SendFilter::All,
        caseload: CaseloadFilter::Mine,
    };
    assert_eq!(roster.usable(fine, Some(id(MORGAN)), false), fine);
    assert_eq!(fine.active_count(), 3);
}

#[test]
fn two_thousand_students_are_searched_in_one_pass() {
    let given = ["Ayla", "Brodie", "Cerys", "Jamie", "Lottie"];
    let family = ["Ashdown", "Jarrow", "Ingleby", "Jessop"];
    let students: Vec<RecordState> = (0..2_000u32)
        .map(|n| {
            let year = 7 + (n % 7) as u8;
            student(
                n + 10_000,
                given[n as usize % 5],
                family[n as usize % 4],
                year,
                &format!("{year}A"),
            )
        })
        .collect();
    let roster = Roster::from_records(&students, &[], &[], &[], &[]);
    assert_eq!(roster.years(), [7, 8, 9, 10, 11, 12, 13]);
    let found = roster.find(&Search::new("ja"), &Filters::default(), None);
    // Jamie (1 in 5) or Jarrow (1 in 4), overlapping every 20th.
    assert_eq!(found.len(), 400 + 500 - 100);
    let sorted = roster
        .entries()
        .windows(2)
        .all(|pair| pair[0].student.sort_key() <= pair[1].student.sort_key());
    assert!(sorted);
}

//! The demo school's student profiles: SEND status, Learning Passports, medical notes and
//! emergency contacts, seeded through the merge path (so every op passed validation) and pulled
//! by each demo account within its scope.

// An integration-test crate: its helpers are test code too, where a panic is the failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::{BTreeMap, BTreeSet};

use axum::http::StatusCode;
use mentor_core::entity::passport_voice_id;
use mentor_core::{DeviceId, EntityId, EntityKind, HlcClock, RecordState};
use mentor_server::demo::{DEMO_PASSWORD, seed_if_empty};
use serde_json::json;
use support::*;

const MORGAN: &str = "morgan.ellery@northfield.example";
const JAS: &str = "jas.penrose@northfield.example";
const DANA: &str = "dana.whitcombe@northfield.example";
const ADMIN: &str = "sam.okaforlind@northfield.example";

type Records = BTreeMap<EntityId, RecordState>;

fn seeded() -> Fixture {
    let fx = fixture();
    assert!(
        seed_if_empty(fx.store.as_ref(), &fx.passwords, NOW)
            .unwrap()
            .is_some(),
        "the demo did not seed"
    );
    fx
}

/// Signs in as a demo account on a new device and pulls everything it may see.
async fn pull_as(fx: &Fixture, email: &str, device: u64) -> Records {
    let device = DeviceId::from_time_and_random(NOW, random(90_000 + device)).unwrap();
    let (status, body) = fx
        .call(
            "POST",
            "/api/v1/auth/sign-in",
            None,
            Some(json!({"email": email, "password": DEMO_PASSWORD,
                "device_id": device.to_string(), "device_label": "Demo tablet"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let session = Session {
        token: body["token"].as_str().unwrap().to_owned(),
        device,
        staff: body["staff"]["id"].as_str().unwrap().parse().unwrap(),
        clock: HlcClock::new(device),
        seq: 0,
    };
    let mut records = BTreeMap::new();
    fx.pull_all(&session, 0, &mut records).await;
    records
}

fn of_kind(records: &Records, kind: EntityKind) -> impl Iterator<Item = &RecordState> {
    records.values().filter(move |r| r.entity == kind)
}

fn text<'a>(record: &'a RecordState, field: &str) -> &'a str {
    record
        .value(field)
        .and_then(|value| value.as_str())
        .unwrap_or_else(|| panic!("{} {} has no {field}", record.entity, record.id))
}

fn student_of(record: &RecordState) -> EntityId {
    text(record, "student_id").parse().unwrap()
}

/// Profile records by student and kind.
fn profiles(records: &Records) -> BTreeMap<EntityId, BTreeMap<EntityKind, Vec<&RecordState>>> {
    let mut by_student: BTreeMap<_, BTreeMap<_, Vec<_>>> = BTreeMap::new();
    for record in records.values() {
        if EntityKind::PROFILE.contains(&record.entity) {
            by_student
                .entry(student_of(record))
                .or_default()
                .entry(record.entity)
                .or_default()
                .push(record);
        }
    }
    by_student
}

fn student_named<'a>(records: &'a Records, given: &str, family: &str) -> &'a RecordState {
    let mut found = of_kind(records, EntityKind::Student)
        .filter(|s| text(s, "given_name") == given && text(s, "family_name") == family);
    let student = found
        .next()
        .unwrap_or_else(|| panic!("no {given} {family}"));
    assert!(
        found.next().is_none(),
        "two students called {given} {family}"
    );
    student
}

#[tokio::test]
async fn every_student_has_a_send_status_and_one_or_two_emergency_contacts() {
    let fx = seeded();
    let records = pull_as(&fx, ADMIN, 1).await;
    let students: Vec<_> = of_kind(&records, EntityKind::Student).collect();
    assert_eq!(students.len(), 60);

    let mut statuses: BTreeMap<&str, usize> = BTreeMap::new();
    for student in &students {
        *statuses.entry(text(student, "send_status")).or_default() += 1;
    }
    let (none, support, ehcp) = (
        statuses.get("none").copied().unwrap_or(0),
        statuses.get("sen_support").copied().unwrap_or(0),
        statuses.get("ehcp").copied().unwrap_or(0),
    );
    assert_eq!(none + support + ehcp, 60, "{statuses:?}");
    assert!(none > support && support > ehcp && ehcp > 0, "{statuses:?}");

    let by_student = profiles(&records);
    let mut phones = BTreeSet::new();
    for student in &students {
        let contacts = by_student
            .get(&student.id)
            .and_then(|kinds| kinds.get(&EntityKind::EmergencyContact))
            .map(Vec::as_slice)
            .unwrap_or_default();
        assert!(
            (1..=2).contains(&contacts.len()),
            "{} has {} contacts",
            text(student, "given_name"),
            contacts.len()
        );
        let priorities: BTreeSet<_> = contacts
            .iter()
            .map(|c| c.value("priority").and_then(|p| p.as_u64()).unwrap())
            .collect();
        assert_eq!(
            priorities,
            (1..=contacts.len() as u64).collect(),
            "priorities run 1, 2"
        );
        for contact in contacts {
            let phone = text(contact, "phone_primary");
            // Ofcom's drama range: never a real person's phone.
            assert!(phone.starts_with("07700 900"), "{phone}");
            assert!(phones.insert(phone.to_owned()), "{phone} used twice");
            if let Some(landline) = contact.value("phone_secondary") {
                assert!(landline.as_str().unwrap().starts_with("01632 960"));
            }
            assert!(!text(contact, "name").is_empty());
            assert!(!text(contact, "relationship").is_empty());
        }
    }

    // Some preferred names and pronouns, none for the students the end-to-end tests name.
    let preferred = of_kind(&records, EntityKind::Student)
        .filter(|s| s.value("preferred_name").is_some())
        .count();
    let pronouns = of_kind(&records, EntityKind::Student)
        .filter(|s| s.value("pronouns").is_some())
        .count();
    assert!((1..10).contains(&preferred), "{preferred}");
    assert!((1..10).contains(&pronouns), "{pronouns}");
    for (given, family, form) in [
        ("Cerys", "Elsworth", "7A"),
        ("Dev", "Greyling", "7B"),
        ("Esme", "Ingleby", "7A"),
        ("Finn", "Ashdown", "7B"),
    ] {
        let student = student_named(&records, given, family);
        assert_eq!(text(student, "form_group"), form);
        assert_eq!(student.value("preferred_name"), None, "{given} {family}");
    }
}

#[tokio::test]
async fn profile_records_belong_to_real_students_and_voices_have_derived_ids() {
    let fx = seeded();
    let records = pull_as(&fx, ADMIN, 1).await;
    let students: BTreeSet<_> = of_kind(&records, EntityKind::Student)
        .map(|s| s.id)
        .collect();
    let by_student = profiles(&records);
    assert!(by_student.keys().all(|id| students.contains(id)));

    let mut with_passport = 0;
    for (student, kinds) in &by_student {
        let count = |kind| kinds.get(&kind).map_or(0, Vec::len);
        if let Some(voices) = kinds.get(&EntityKind::PassportVoice) {
            assert_eq!(voices.len(), 1);
            assert_eq!(voices[0].id, passport_voice_id(*student));
        }
        let passport = count(EntityKind::PassportNeed)
            + count(EntityKind::PassportStrategy)
            + count(EntityKind::PassportUnhelpful)
            + count(EntityKind::PassportVoice);
        if passport > 0 {
            with_passport += 1;
            // A passport names at least one need and what helps with it.
            assert!(count(EntityKind::PassportNeed) >= 1);
            assert!(count(EntityKind::PassportStrategy) >= 1);
        }
    }
    assert!(
        (30..60).contains(&with_passport),
        "{with_passport} passports"
    );

    // Every SEND student has a passport.
    for student in of_kind(&records, EntityKind::Student) {
        if text(student, "send_status") != "none" {
            assert!(
                by_student[&student.id].contains_key(&EntityKind::PassportStrategy),
                "{} has SEND but no strategies",
                text(student, "given_name")
            );
        }
    }

    let medical: Vec<_> = of_kind(&records, EntityKind::MedicalNote).collect();
    assert!(medical.len() >= 10, "{}", medical.len());
    assert!(
        medical
            .iter()
            .any(|n| n.value("severity") == Some(&json!("life_threatening"))
                && text(n, "text").contains("EpiPen"))
    );
}

#[tokio::test]
async fn each_pull_holds_profiles_exactly_for_the_students_in_scope() {
    let fx = seeded();
    let everything = pull_as(&fx, ADMIN, 1).await;
    let all_profiles: Vec<_> = everything
        .values()
        .filter(|r| EntityKind::PROFILE.contains(&r.entity))
        .collect();

    for (device, email) in [MORGAN, JAS, DANA].into_iter().enumerate() {
        let records = pull_as(&fx, email, 10 + device as u64).await;
        let seen: BTreeSet<_> = of_kind(&records, EntityKind::Student)
            .map(|s| s.id)
            .collect();
        assert!(
            !seen.is_empty() && seen.len() < 60,
            "{email} sees {}",
            seen.len()
        );
        let pulled: BTreeSet<_> = records
            .values()
            .filter(|r| EntityKind::PROFILE.contains(&r.entity))
            .map(|r| {
                assert!(
                    seen.contains(&student_of(r)),
                    "{email} got a {} of a student they do not see",
                    r.entity
                );
                r.id
            })
            .collect();
        let expected: BTreeSet<_> = all_profiles
            .iter()
            .filter(|r| seen.contains(&student_of(r)))
            .map(|r| r.id)
            .collect();
        assert_eq!(pulled, expected, "{email}");

        let by_student = profiles(&records);
        for student in &seen {
            let kinds = by_student.get(student);
            let has = |kind| kinds.is_some_and(|k| k.contains_key(&kind));
            assert!(has(EntityKind::EmergencyContact));
            if has(EntityKind::PassportNeed) || has(EntityKind::PassportVoice) {
                assert!(has(EntityKind::PassportStrategy), "{email}: {student}");
            }
            // The first mentor and the teacher have a passport for everyone they see.
            if email != JAS {
                assert!(has(EntityKind::PassportStrategy), "{email}: {student}");
            }
        }
        assert!(
            records
                .values()
                .any(|r| r.entity == EntityKind::MedicalNote),
            "{email} sees no medical notes"
        );
    }
}

#[tokio::test]
async fn two_year_7_students_have_full_profiles_that_the_mentor_and_teacher_see() {
    let fx = seeded();
    let admin = pull_as(&fx, ADMIN, 1).await;
    let morgan = pull_as(&fx, MORGAN, 2).await;
    let dana = pull_as(&fx, DANA, 3).await;
    for (given, family, form) in [("Jamie", "Ingleby", "7B"), ("Grace", "Jarrow", "7A")] {
        let student = student_named(&admin, given, family);
        assert_eq!(student.value("year_group"), Some(&json!(7)));
        assert_eq!(text(student, "form_group"), form);
        for records in [&admin, &morgan, &dana] {
            let by_student = profiles(records);
            let kinds = &by_student[&student.id];
            for kind in EntityKind::PROFILE {
                assert!(kinds.contains_key(&kind), "{given} {family} has no {kind}");
            }
        }
    }
    let jamie = student_named(&admin, "Jamie", "Ingleby");
    let by_student = profiles(&admin);
    let jamie_needs: Vec<_> = by_student[&jamie.id][&EntityKind::PassportNeed]
        .iter()
        .map(|n| text(n, "text"))
        .collect();
    assert!(!jamie_needs.is_empty() && jamie_needs.iter().all(|t| t.len() > 10));
}

#[tokio::test]
async fn the_demo_is_the_same_every_time() {
    let (first, second) = (seeded(), seeded());
    let (first, second) = (
        pull_as(&first, ADMIN, 1).await,
        pull_as(&second, ADMIN, 1).await,
    );
    let values = |records: &Records| -> Vec<_> {
        records
            .values()
            .filter(|r| r.entity != EntityKind::Staff)
            .map(|r| {
                let fields: BTreeMap<_, _> = r
                    .fields
                    .iter()
                    .map(|(name, state)| (name.clone(), state.value.clone()))
                    .collect();
                (r.entity, r.id, fields)
            })
            .collect()
    };
    assert_eq!(values(&first), values(&second));
}

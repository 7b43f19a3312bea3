//! Student profiles through the sync endpoints: who may write each part of a Learning
//! Passport, SEND status, medical notes and emergency contacts, and that a pull carries a
//! profile record exactly when its student is seen.

// An integration-test crate: its helpers are test code too, where a panic is the failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::BTreeMap;

use axum::http::StatusCode;
use mentor_core::entity::passport_voice_id;
use mentor_core::{Edit, EntityId, EntityKind, Outcome, PushResponse, RecordState};
use mentor_server::store::Role;
use serde_json::{Value, json};
use support::*;

/// A school with a mentor whose caseload holds one student, whose group holds another, and a
/// third student the mentor has nothing to do with.
struct School {
    fx: Fixture,
    senco: Session,
    mentor: Session,
    caseload: EntityId,
    grouped: EntityId,
    other: EntityId,
    group: EntityId,
}

async fn school() -> School {
    let mut fx = fixture();
    let mut senco = fx
        .session("Sefa Senco", "sefa@school.example", Role::Senco)
        .await;
    let mentor = fx
        .session("Mira Mentor", "mira@school.example", Role::Mentor)
        .await;
    let (on_caseload, grouped, other, maths) = (new_id(1), new_id(2), new_id(3), new_id(4));
    let ops = vec![
        senco.op(student(on_caseload, "Caspian")),
        senco.op(student(grouped, "Greer")),
        senco.op(student(other, "Oona")),
        senco.op(group(maths, "9X/Ma1")),
        senco.op(caseload(mentor.staff, on_caseload)),
        senco.op(membership(maths, grouped, "student")),
        senco.op(membership(maths, mentor.staff, "staff")),
    ];
    assert_all_applied(&fx.push(&senco, ops).await);
    School {
        fx,
        senco,
        mentor,
        caseload: on_caseload,
        grouped,
        other,
        group: maths,
    }
}

fn assert_all_applied(response: &PushResponse) {
    assert!(
        response
            .results
            .iter()
            .all(|result| result.outcome == Outcome::Applied),
        "{response:?}"
    );
}

fn rejection(response: &PushResponse, index: usize) -> String {
    match &response.results[index].outcome {
        Outcome::Rejected { reason } => reason.clone(),
        other => panic!("op {index} was {other:?}, not rejected: {response:?}"),
    }
}

fn profile(kind: EntityKind, id: EntityId, pupil: EntityId, extra: Value) -> Edit {
    let mut all = json!({"student_id": pupil.to_string()});
    if let (Some(all), Some(extra)) = (all.as_object_mut(), extra.as_object()) {
        all.extend(extra.clone());
    }
    Edit::create(kind, id, fields(all))
}

fn strategy(id: EntityId, pupil: EntityId, text: &str) -> Edit {
    profile(
        EntityKind::PassportStrategy,
        id,
        pupil,
        json!({"text": text}),
    )
}

fn medical(id: EntityId, pupil: EntityId) -> Edit {
    profile(
        EntityKind::MedicalNote,
        id,
        pupil,
        json!({"kind": "allergy", "text": "Tree nuts; carries an adrenaline pen", "severity": "life_threatening"}),
    )
}

fn contact(id: EntityId, pupil: EntityId) -> Edit {
    profile(
        EntityKind::EmergencyContact,
        id,
        pupil,
        json!({
            "name": "Rowan Testwell", "relationship": "Grandparent",
            "phone_primary": "01632 960777", "priority": 1
        }),
    )
}

fn need(id: EntityId, pupil: EntityId) -> Edit {
    profile(
        EntityKind::PassportNeed,
        id,
        pupil,
        json!({"text": "Processing time for spoken instructions"}),
    )
}

fn student_of(record: &RecordState) -> Option<&str> {
    record.value("student_id").and_then(Value::as_str)
}

#[tokio::test]
async fn a_mentor_pulls_the_profiles_of_their_students_and_no_others() {
    let School {
        fx,
        mut senco,
        mentor,
        caseload,
        grouped,
        other,
        ..
    } = school().await;
    let mut ops = Vec::new();
    let mut n = 100;
    for pupil in [caseload, grouped, other] {
        for edit in [
            need(new_id(n), pupil),
            strategy(new_id(n + 1), pupil, "Check in at the start of the lesson"),
            profile(
                EntityKind::PassportUnhelpful,
                new_id(n + 2),
                pupil,
                json!({"text": "Being asked to read aloud"}),
            ),
            profile(
                EntityKind::PassportVoice,
                passport_voice_id(pupil),
                pupil,
                json!({"text": "I work best when I know what is next."}),
            ),
            medical(new_id(n + 3), pupil),
            contact(new_id(n + 4), pupil),
        ] {
            ops.push(senco.op(edit));
        }
        n += 10;
    }
    assert_all_applied(&fx.push(&senco, ops).await);

    let mut seen = BTreeMap::new();
    fx.pull_all(&mentor, 0, &mut seen).await;
    let mut per_student: BTreeMap<&str, Vec<EntityKind>> = BTreeMap::new();
    for record in seen.values() {
        if is_profile(record.entity) {
            let pupil = student_of(record).unwrap();
            per_student.entry(pupil).or_default().push(record.entity);
        }
    }
    let (caseload, grouped, other) = (caseload.to_string(), grouped.to_string(), other.to_string());
    assert_eq!(per_student.len(), 2, "{per_student:?}");
    for pupil in [&caseload, &grouped] {
        let mut kinds = per_student[pupil.as_str()].clone();
        kinds.sort();
        assert_eq!(kinds, EntityKind::PROFILE);
    }
    assert!(!per_student.contains_key(other.as_str()));
    assert!(!seen.values().any(|record| record.id.to_string() == other));

    // The SENCO sees every student's profile.
    let mut everything = BTreeMap::new();
    fx.pull_all(&senco, 0, &mut everything).await;
    let profiles = everything
        .values()
        .filter(|record| is_profile(record.entity))
        .count();
    assert_eq!(profiles, 18);

    // History follows the same rule: another student's medical note is a 404 to the mentor.
    let path = format!("/api/v1/history/medical_note/{}", new_id(123));
    let (status, _) = fx.call("GET", &path, Some(&mentor.token), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let path = format!("/api/v1/history/medical_note/{}", new_id(103));
    let (status, body) = fx.call("GET", &path, Some(&mentor.token), None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test]
async fn a_mentor_cannot_change_send_status_and_the_whole_op_is_refused() {
    let School {
        fx,
        mut senco,
        mut mentor,
        caseload,
        ..
    } = school().await;
    let mixed = mentor.op(Edit::update(
        EntityKind::Student,
        caseload,
        fields(json!({"send_status": "ehcp", "pronouns": "they/them"})),
    ));
    let pronouns = mentor.op(Edit::update(
        EntityKind::Student,
        caseload,
        fields(json!({"pronouns": "they/them"})),
    ));
    let response = fx.push(&mentor, vec![mixed, pronouns]).await;
    assert_eq!(
        rejection(&response, 0),
        "Only the SENCO or an administrator can change SEND status, so none of this change was saved."
    );
    assert_eq!(
        rejection(&response, 1),
        "Only the SENCO or an administrator can change student records."
    );

    let mut seen = BTreeMap::new();
    fx.pull_all(&mentor, 0, &mut seen).await;
    let record = &seen[&caseload];
    assert_eq!(record.value("send_status"), None);
    assert_eq!(record.value("pronouns"), None);

    let set = senco.op(Edit::update(
        EntityKind::Student,
        caseload,
        fields(json!({"send_status": "sen_support", "pronouns": "they/them"})),
    ));
    assert_all_applied(&fx.push(&senco, vec![set]).await);
}

#[tokio::test]
async fn a_mentor_writes_strategies_for_their_students_only() {
    let School {
        fx,
        mut senco,
        mut mentor,
        caseload,
        grouped,
        other,
        ..
    } = school().await;
    let theirs = new_id(200);
    let op = senco.op(strategy(theirs, other, "Movement breaks"));
    assert_all_applied(&fx.push(&senco, vec![op]).await);

    let mine = new_id(201);
    let ops = vec![
        mentor.op(strategy(mine, caseload, "Sit near the front")),
        // Made and changed in the same push: the change is judged after the create applies.
        mentor.op(Edit::update(
            EntityKind::PassportStrategy,
            mine,
            fields(json!({"text": "Sit near the front, facing the board"})),
        )),
        mentor.op(profile(
            EntityKind::PassportVoice,
            passport_voice_id(grouped),
            grouped,
            json!({"text": "I like to start with an easy question."}),
        )),
        mentor.op(strategy(new_id(202), other, "Use a visual timetable")),
        mentor.op(Edit::delete(EntityKind::PassportStrategy, theirs)),
        // A create over another student's record cannot move it into the mentor's scope.
        mentor.op(strategy(theirs, caseload, "Taken over")),
        mentor.op(Edit::delete(EntityKind::PassportStrategy, new_id(299))),
    ];
    let response = fx.push(&mentor, ops).await;
    for index in 0..3 {
        assert_eq!(
            response.results[index].outcome,
            Outcome::Applied,
            "{response:?}"
        );
    }
    assert_eq!(
        rejection(&response, 3),
        "You can only change Learning Passport strategies for students on your caseload or in your groups; this student is not one of them."
    );
    // Another student's record is answered as no record at all: nothing says whose it is.
    assert!(rejection(&response, 6).contains("is not on the server"));
    assert_eq!(rejection(&response, 4), rejection(&response, 6));
    assert!(rejection(&response, 5).contains("id is already used"));

    // Removing a strategy is a delete, which applies for the mentor's own student.
    let remove = mentor.op(Edit::delete(EntityKind::PassportStrategy, mine));
    assert_all_applied(&fx.push(&mentor, vec![remove]).await);

    let mut seen = BTreeMap::new();
    fx.pull_all(&senco, 0, &mut seen).await;
    assert!(seen[&mine].is_deleted());
    assert_eq!(
        seen[&mine].value("text"),
        None,
        "a removed strategy keeps no text"
    );
    assert!(!seen[&theirs].is_deleted());
    assert_eq!(student_of(&seen[&theirs]), Some(other.to_string().as_str()));
    assert!(!seen.contains_key(&new_id(202)));
}

#[tokio::test]
async fn the_senco_writes_needs_and_medical_details_and_others_cannot() {
    let School {
        mut fx,
        mut senco,
        mut mentor,
        caseload,
        grouped,
        group,
        ..
    } = school().await;
    let ops = vec![
        senco.op(need(new_id(300), caseload)),
        senco.op(medical(new_id(301), caseload)),
        senco.op(contact(new_id(302), caseload)),
    ];
    assert_all_applied(&fx.push(&senco, ops).await);

    let ops = vec![
        mentor.op(need(new_id(310), caseload)),
        mentor.op(medical(new_id(311), caseload)),
        mentor.op(contact(new_id(312), caseload)),
        mentor.op(Edit::delete(EntityKind::MedicalNote, new_id(301))),
    ];
    let response = fx.push(&mentor, ops).await;
    assert_eq!(
        rejection(&response, 0),
        "Only the SENCO or an administrator can change Learning Passport needs."
    );
    assert_eq!(
        rejection(&response, 1),
        "Only the SENCO or an administrator can change medical notes."
    );
    assert_eq!(
        rejection(&response, 2),
        "Only the SENCO or an administrator can change emergency contacts."
    );
    assert!(rejection(&response, 3).contains("medical notes"));

    // A teacher adds strategies for the students of their groups; the DSL only reads.
    let mut teacher = fx
        .session("Tobias Teacher", "tobias@school.example", Role::Teacher)
        .await;
    let join = senco.op(membership(group, teacher.staff, "staff"));
    assert_all_applied(&fx.push(&senco, vec![join]).await);
    let ops = vec![
        teacher.op(strategy(new_id(320), grouped, "Pre-teach key words")),
        teacher.op(strategy(new_id(321), caseload, "Not my student")),
    ];
    let response = fx.push(&teacher, ops).await;
    assert_eq!(response.results[0].outcome, Outcome::Applied);
    assert!(rejection(&response, 1).contains("students in your teaching groups"));

    let mut dsl = fx
        .session("Dara Dsl", "dara@school.example", Role::Dsl)
        .await;
    let op = dsl.op(strategy(new_id(330), caseload, "Quiet space at lunch"));
    let response = fx.push(&dsl, vec![op]).await;
    assert!(
        rejection(&response, 0)
            .starts_with("Only the SENCO, an administrator, the student's mentors or the student's teachers can change")
    );
    let mut seen = BTreeMap::new();
    fx.pull_all(&dsl, 0, &mut seen).await;
    assert!(
        seen.contains_key(&new_id(301)),
        "the DSL reads medical notes"
    );
}

/// True for the kinds of a student's profile.
fn is_profile(kind: EntityKind) -> bool {
    EntityKind::PROFILE.contains(&kind)
}

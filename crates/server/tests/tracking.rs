//! The school's tracking scales on the server: every member of staff reads them, only the
//! administrator defines or changes one (a mentor cannot); values on a scale are read by
//! whoever sees the student and written by their mentor, not by a teacher without them.

// An integration-test crate: its helpers are test code too, where a panic is the failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use mentor_core::{Edit, EntityId, EntityKind, Outcome};
use mentor_server::store::Role;
use serde_json::json;
use support::*;

fn scale(id: EntityId, points: &[&str]) -> Edit {
    Edit::create(
        EntityKind::TrackingScale,
        id,
        fields(json!({"name": "Effort", "points": points})),
    )
}

fn level(id: EntityId, scale: EntityId, student: EntityId, by: EntityId) -> Edit {
    Edit::create(
        EntityKind::TrackingValue,
        id,
        fields(json!({
            "scale_id": scale.to_string(), "student_id": student.to_string(),
            "subject": "Maths", "recorded_on": "2026-12-01", "level": 3,
            "recorded_by": by.to_string()
        })),
    )
}

#[tokio::test]
async fn only_the_administrator_defines_a_scale_and_values_reach_whoever_sees_the_student() {
    let mut fx = fixture();
    let mut admin = fx
        .session("Ode Farrant", "ode@school.example", Role::Admin)
        .await;
    let mut mentor = fx
        .session("Cass Ilbert", "cass@school.example", Role::Mentor)
        .await;
    let teacher = fx
        .session("Perrin Hale", "perrin@school.example", Role::Teacher)
        .await;
    let mut senco = fx
        .session("Ines Mallory", "ines@school.example", Role::Senco)
        .await;
    let learner = new_id(1);
    let roster = vec![
        admin.op(student(learner, "Isolde")),
        admin.op(caseload(mentor.staff, learner)),
    ];
    fx.push(&admin, roster).await;

    // A mentor and the SENCO can neither define a scale nor change the school's.
    let effort = new_id(10);
    let points = ["Poor", "Fair", "Good", "Excellent"];
    let op = mentor.op(scale(new_id(11), &points));
    let answer = fx.push(&mentor, vec![op]).await;
    assert!(
        rejected(&answer.results[0].outcome).starts_with("Only "),
        "{:?}",
        answer.results[0].outcome
    );
    let op = admin.op(scale(effort, &points));
    let answer = fx.push(&admin, vec![op]).await;
    assert_eq!(answer.results[0].outcome, Outcome::Applied);
    let renamed = |session: &mut Session| {
        session.op(Edit::update(
            EntityKind::TrackingScale,
            effort,
            fields(json!({"points": ["1", "2", "3", "4"]})),
        ))
    };
    for session in [&mut mentor, &mut senco] {
        let op = renamed(session);
        let answer = fx.push(session, vec![op]).await;
        assert!(
            rejected(&answer.results[0].outcome).starts_with("Only "),
            "{:?}",
            answer.results[0].outcome
        );
    }

    // Every member of staff reads the scale; the value reaches those who see the student.
    let recorded = new_id(20);
    let me = mentor.staff;
    let ops = vec![
        mentor.op(level(recorded, effort, learner, me)),
        mentor.op(level(new_id(21), new_id(99), learner, me)),
    ];
    let answer = fx.push(&mentor, ops).await;
    assert_eq!(answer.results[0].outcome, Outcome::Applied);
    assert_eq!(
        rejected(&answer.results[1].outcome),
        "This tracking scale is not on the server: the administrator may have removed it."
    );
    let records = pulled(&fx, &teacher).await;
    assert!(records.contains_key(&effort), "the teacher reads the scale");
    assert!(
        !records.contains_key(&recorded),
        "a teacher without the student reads their value"
    );
    let records = pulled(&fx, &senco).await;
    assert!(records.contains_key(&recorded));
    assert_eq!(
        records[&effort].fields["points"].value,
        json!(["Poor", "Fair", "Good", "Excellent"])
    );
}

#[tokio::test]
async fn a_level_beyond_the_scales_top_is_refused() {
    let mut fx = fixture();
    let mut admin = fx
        .session("Ode Farrant", "ode@school.example", Role::Admin)
        .await;
    let (learner, effort) = (new_id(1), new_id(10));
    let setup = vec![
        admin.op(student(learner, "Isolde")),
        admin.op(scale(effort, &["Poor", "Fair", "Good", "Excellent"])),
    ];
    fx.push(&admin, setup).await;

    let me = admin.staff;
    let mut fifth = level(new_id(20), effort, learner, me);
    fifth.fields.insert("level".to_owned(), json!(5));
    let fourth = level(new_id(21), effort, learner, me);
    let ops = vec![admin.op(fifth), admin.op(fourth)];
    let answer = fx.push(&admin, ops).await;
    assert_eq!(
        rejected(&answer.results[0].outcome),
        "The level must be a whole number from 1 to 4."
    );
    assert_eq!(answer.results[1].outcome, Outcome::Applied);
    let raised = Edit::update(
        EntityKind::TrackingValue,
        new_id(21),
        fields(json!({ "level": 9 })),
    );
    let answer = {
        let op = admin.op(raised);
        fx.push(&admin, vec![op]).await
    };
    assert_eq!(
        rejected(&answer.results[0].outcome),
        "The level must be a whole number from 1 to 4."
    );
}

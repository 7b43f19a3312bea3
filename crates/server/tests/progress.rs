//! Targets and their reviews on the server: read by whoever sees the student (their mentor,
//! the teacher of their group, the SENCO, the DSL), not by a teacher without the student;
//! written by the student's mentor and the SENCO, not by a teacher; a review is never
//! changed, and is refused for a target of another student.

// An integration-test crate: its helpers are test code too, where a panic is the failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use mentor_core::{Edit, EntityId, EntityKind, Outcome};
use mentor_server::store::Role;
use serde_json::json;
use support::*;

fn target(id: EntityId, student: EntityId, by: EntityId) -> Edit {
    Edit::create(
        EntityKind::Target,
        id,
        fields(json!({
            "student_id": student.to_string(), "text": "Bring the right equipment every day",
            "area": "independence", "starts_on": "2026-11-02", "review_on": "2026-12-14",
            "set_by": by.to_string(), "status": "open"
        })),
    )
}

fn review(id: EntityId, target: EntityId, student: EntityId, by: EntityId) -> Edit {
    Edit::create(
        EntityKind::TargetReview,
        id,
        fields(json!({
            "target_id": target.to_string(), "student_id": student.to_string(),
            "reviewed_on": "2026-12-14", "score": 1, "outcome": "carried_on",
            "reviewed_by": by.to_string()
        })),
    )
}

#[tokio::test]
async fn targets_reach_whoever_sees_the_student_and_only_mentors_and_the_senco_write_them() {
    let mut fx = fixture();
    let mut senco = fx
        .session("Ines Mallory", "ines@school.example", Role::Senco)
        .await;
    let mut mentor = fx
        .session("Cass Ilbert", "cass@school.example", Role::Mentor)
        .await;
    let mut teacher = fx
        .session("Perrin Hale", "perrin@school.example", Role::Teacher)
        .await;
    let other_teacher = fx
        .session("Tamsin Orde", "tamsin@school.example", Role::Teacher)
        .await;
    let dsl = fx
        .session("Mara Quell", "mara@school.example", Role::Dsl)
        .await;
    let (learner, other, science) = (new_id(1), new_id(2), new_id(3));
    let roster = vec![
        senco.op(student(learner, "Isolde")),
        senco.op(student(other, "Wren")),
        senco.op(group(science, "10 Science")),
        senco.op(membership(science, learner, "student")),
        senco.op(membership(science, teacher.staff, "staff")),
        senco.op(caseload(mentor.staff, learner)),
    ];
    fx.push(&senco, roster).await;

    let (first, second) = (new_id(10), new_id(11));
    let me = mentor.staff;
    let ops = vec![
        mentor.op(target(first, learner, me)),
        mentor.op(review(new_id(20), first, learner, me)),
        // Not the mentor's student.
        mentor.op(target(second, other, me)),
    ];
    let answer = fx.push(&mentor, ops).await;
    assert_eq!(answer.results[0].outcome, Outcome::Applied);
    assert_eq!(answer.results[1].outcome, Outcome::Applied);
    assert!(
        rejected(&answer.results[2].outcome).starts_with("You can only change targets for"),
        "{:?}",
        answer.results[2].outcome
    );

    for (who, session) in [("teacher", &teacher), ("DSL", &dsl), ("SENCO", &senco)] {
        let records = pulled(&fx, session).await;
        assert!(records.contains_key(&first), "the {who} reads the target");
        assert!(
            records.contains_key(&new_id(20)),
            "the {who} reads the review"
        );
    }
    let records = pulled(&fx, &other_teacher).await;
    assert!(!records.contains_key(&first));
    assert!(!records.contains_key(&new_id(20)));

    // A teacher who sees the student reads but does not write.
    let op = teacher.op(target(new_id(12), learner, teacher.staff));
    let answer = fx.push(&teacher, vec![op]).await;
    assert!(
        rejected(&answer.results[0].outcome).starts_with("Only "),
        "{:?}",
        answer.results[0].outcome
    );

    // A review is never changed, and never made for a target of another student.
    let ops = vec![
        senco.op(Edit::update(
            EntityKind::TargetReview,
            new_id(20),
            fields(json!({"score": 2})),
        )),
        senco.op(review(new_id(21), first, other, senco.staff)),
    ];
    let answer = fx.push(&senco, ops).await;
    assert!(
        rejected(&answer.results[0].outcome).starts_with("Nobody changes target reviews"),
        "{:?}",
        answer.results[0].outcome
    );
    assert_eq!(
        rejected(&answer.results[1].outcome),
        "This target is not on the server, or is another student's: it may have been removed."
    );
}

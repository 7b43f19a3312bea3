//! Mentoring sessions and their actions on the server: read by whoever sees the student
//! (their mentor, the teacher of their group, the SENCO, the DSL), not by a teacher without
//! the student; written by the student's mentor and the SENCO, not by a teacher; an action
//! is refused for a session of another student; only the administrator sets the topics.

// An integration-test crate: its helpers are test code too, where a panic is the failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use mentor_core::{Edit, EntityId, EntityKind, Outcome};
use mentor_server::store::Role;
use serde_json::json;
use support::*;

fn mentoring(id: EntityId, student: EntityId, by: EntityId) -> Edit {
    Edit::create(
        EntityKind::MentoringSession,
        id,
        fields(json!({
            "student_id": student.to_string(), "held_on": "2026-12-01",
            "held_by": by.to_string(), "minutes": 20, "topics": ["Homework", "Friendships"],
            "student_words": "I want to sit nearer the front", "next_on": "2026-12-15"
        })),
    )
}

fn action(id: EntityId, session: EntityId, student: EntityId, owner: EntityId) -> Edit {
    Edit::create(
        EntityKind::MentoringAction,
        id,
        fields(json!({
            "session_id": session.to_string(), "student_id": student.to_string(),
            "text": "Use the homework planner every evening", "owner_id": owner.to_string(),
            "due_on": "2026-12-08"
        })),
    )
}

#[tokio::test]
async fn sessions_reach_whoever_sees_the_student_and_only_mentors_and_the_senco_write_them() {
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

    let (held, theirs, mine) = (new_id(10), new_id(20), new_id(21));
    let me = mentor.staff;
    let ops = vec![
        mentor.op(mentoring(held, learner, me)),
        // One action the student owns, one the mentor owns.
        mentor.op(action(theirs, held, learner, learner)),
        mentor.op(action(mine, held, learner, me)),
        // Not the mentor's student.
        mentor.op(mentoring(new_id(11), other, me)),
        // A progress report's summary goes where the sessions go.
        mentor.op(Edit::create(
            EntityKind::ProgressSummary,
            new_id(30),
            fields(json!({
                "student_id": learner.to_string(), "period_from": "2026-09-01",
                "period_to": "2026-12-18", "text": "Settled well; homework is the focus.",
                "written_by": me.to_string()
            })),
        )),
    ];
    let answer = fx.push(&mentor, ops).await;
    for result in answer.results[..3].iter().chain(&answer.results[4..]) {
        assert_eq!(result.outcome, Outcome::Applied);
    }
    assert!(
        rejected(&answer.results[3].outcome)
            .starts_with("You can only change mentoring sessions for"),
        "{:?}",
        answer.results[3].outcome
    );

    for (who, session) in [("teacher", &teacher), ("DSL", &dsl), ("SENCO", &senco)] {
        let records = pulled(&fx, session).await;
        for id in [held, theirs, mine, new_id(30)] {
            assert!(records.contains_key(&id), "the {who} reads {id}");
        }
    }
    let records = pulled(&fx, &other_teacher).await;
    for id in [held, theirs, mine, new_id(30)] {
        assert!(
            !records.contains_key(&id),
            "a teacher without the student reads {id}"
        );
    }

    // The mentor records an action done.
    let op = mentor.op(Edit::update(
        EntityKind::MentoringAction,
        mine,
        fields(json!({"done_on": "2026-12-05"})),
    ));
    let answer = fx.push(&mentor, vec![op]).await;
    assert_eq!(answer.results[0].outcome, Outcome::Applied);
    let records = pulled(&fx, &senco).await;
    assert_eq!(records[&mine].fields["done_on"].value, json!("2026-12-05"));

    // A teacher who sees the student reads but does not write, nor ticks an action.
    let ops = vec![
        teacher.op(mentoring(new_id(12), learner, teacher.staff)),
        teacher.op(Edit::update(
            EntityKind::MentoringAction,
            theirs,
            fields(json!({"done_on": "2026-12-05"})),
        )),
    ];
    let answer = fx.push(&teacher, ops).await;
    for result in &answer.results {
        assert!(
            rejected(&result.outcome).starts_with("Only "),
            "{:?}",
            result.outcome
        );
    }

    // An action belongs to a session of its own student.
    let op = senco.op(action(new_id(22), held, other, senco.staff));
    let answer = fx.push(&senco, vec![op]).await;
    assert_eq!(
        rejected(&answer.results[0].outcome),
        "This mentoring session is not on the server, or is another student's: it may have been removed."
    );

    // The topics are the school's: its administrator sets them, not a mentor or the SENCO.
    let kind = EntityKind::SchoolSettings;
    let topics = || fields(json!({"mentoring_topics": ["Homework", "Revision"]}));
    let ops = vec![mentor.op(Edit::create(kind, kind.school_record_id(), topics()))];
    let answer = fx.push(&mentor, ops).await;
    assert!(
        rejected(&answer.results[0].outcome).starts_with("Only "),
        "{:?}",
        answer.results[0].outcome
    );
}

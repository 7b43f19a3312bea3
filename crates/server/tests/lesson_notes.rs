//! Lesson notes on the server: who receives them in a pull (the author, the student's mentors,
//! the staff of the lesson's group, and those who see every student; not a teacher who teaches
//! the student in another group, nor a mentor without the student), and that only the author
//! changes or deletes one.

// An integration-test crate: its helpers are test code too, where a panic is the failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use mentor_core::{Edit, EntityId, EntityKind, Outcome};
use mentor_server::store::Role;
use serde_json::json;
use support::*;

/// A school: group A (students one and two) taught by `teacher` and supported by `supporter`;
/// group B (student one again) taught by `other_teacher`; `mentor` has student one on their
/// caseload, `other_mentor` has student three. The supporter recorded a lesson in group A with
/// a note for each of its students.
struct School {
    fx: Fixture,
    supporter: Session,
    teacher: Session,
    other_teacher: Session,
    mentor: Session,
    other_mentor: Session,
    senco: Session,
    lesson: EntityId,
    group_a: EntityId,
    one: EntityId,
    note_one: EntityId,
    note_two: EntityId,
}

fn lesson(id: EntityId, group: EntityId, author: EntityId) -> Edit {
    Edit::create(
        EntityKind::Lesson,
        id,
        fields(json!({
            "group_id": group.to_string(), "author_id": author.to_string(),
            "started_at": NOW, "subject": "Geography"
        })),
    )
}

fn note(
    id: EntityId,
    lesson: EntityId,
    group: EntityId,
    student: EntityId,
    author: EntityId,
) -> Edit {
    Edit::create(
        EntityKind::LessonNote,
        id,
        fields(json!({
            "lesson_id": lesson.to_string(), "group_id": group.to_string(),
            "student_id": student.to_string(), "author_id": author.to_string(),
            "recorded_at": NOW, "tags": ["Needed a prompt"]
        })),
    )
}

fn all_applied(outcomes: &[mentor_core::OpResult]) {
    assert!(
        outcomes
            .iter()
            .all(|result| result.outcome == Outcome::Applied),
        "{outcomes:?}"
    );
}

fn rejected(outcome: &Outcome) -> &str {
    match outcome {
        Outcome::Rejected { reason } => reason,
        other => panic!("not rejected: {other:?}"),
    }
}

async fn school() -> School {
    let mut fx = fixture();
    let mut admin = fx
        .session("Odile Farrant", "odile@school.example", Role::Admin)
        .await;
    let mut supporter = fx
        .session("Bram Keswick", "bram@school.example", Role::Mentor)
        .await;
    let teacher = fx
        .session("Perrin Hale", "perrin@school.example", Role::Teacher)
        .await;
    let other_teacher = fx
        .session("Tamsin Orde", "tamsin@school.example", Role::Teacher)
        .await;
    let mentor = fx
        .session("Cass Ilbert", "cass@school.example", Role::Mentor)
        .await;
    let other_mentor = fx
        .session("Wren Dalby", "wren@school.example", Role::Mentor)
        .await;
    let senco = fx
        .session("Ines Mallory", "ines@school.example", Role::Senco)
        .await;
    let (group_a, group_b) = (new_id(10), new_id(11));
    let (one, two, three) = (new_id(1), new_id(2), new_id(3));
    let roster = vec![
        admin.op(student(one, "Isolde")),
        admin.op(student(two, "Perrin")),
        admin.op(student(three, "Quill")),
        admin.op(group(group_a, "9G1")),
        admin.op(group(group_b, "9X2")),
        admin.op(membership(group_a, one, "student")),
        admin.op(membership(group_a, two, "student")),
        admin.op(membership(group_b, one, "student")),
        admin.op(membership(group_a, teacher.staff, "staff")),
        admin.op(membership(group_a, supporter.staff, "staff")),
        admin.op(membership(group_b, other_teacher.staff, "staff")),
        admin.op(caseload(mentor.staff, one)),
        admin.op(caseload(other_mentor.staff, three)),
    ];
    all_applied(&fx.push(&admin, roster).await.results);
    let (lesson_id, note_one, note_two) = (new_id(20), new_id(21), new_id(22));
    let me = supporter.staff;
    let ops = vec![
        supporter.op(lesson(lesson_id, group_a, me)),
        supporter.op(note(note_one, lesson_id, group_a, one, me)),
        supporter.op(note(note_two, lesson_id, group_a, two, me)),
    ];
    all_applied(&fx.push(&supporter, ops).await.results);
    School {
        fx,
        supporter,
        teacher,
        other_teacher,
        mentor,
        other_mentor,
        senco,
        lesson: lesson_id,
        group_a,
        one,
        note_one,
        note_two,
    }
}

#[tokio::test]
async fn notes_reach_the_author_the_groups_staff_the_students_mentors_and_no_one_else() {
    let school = school().await;
    let fx = &school.fx;
    let notes = [school.lesson, school.note_one, school.note_two];

    for (who, session) in [
        ("the author", &school.supporter),
        ("the group's teacher", &school.teacher),
        ("the SENCO", &school.senco),
    ] {
        let records = pulled(fx, session).await;
        for id in notes {
            assert!(records.contains_key(&id), "{who} did not receive {id}");
        }
    }

    // The student's own mentor reads the note about them, not the other student's, and not
    // the lesson (reached through its group only).
    let records = pulled(fx, &school.mentor).await;
    assert!(records.contains_key(&school.note_one));
    assert!(!records.contains_key(&school.note_two));
    assert!(!records.contains_key(&school.lesson));

    // A teacher who teaches student one in another group (and so receives the student), and
    // a mentor without the students, receive none of it.
    assert!(
        pulled(fx, &school.other_teacher)
            .await
            .contains_key(&school.one)
    );
    for (who, session) in [
        ("a teacher of another group", &school.other_teacher),
        ("a mentor without the student", &school.other_mentor),
    ] {
        let records = pulled(fx, session).await;
        for id in notes {
            assert!(!records.contains_key(&id), "{who} received {id}");
        }
    }
}

#[tokio::test]
async fn only_the_author_changes_or_deletes_a_note() {
    let mut school = school().await;
    let retag = |id| {
        Edit::update(
            EntityKind::LessonNote,
            id,
            fields(json!({"tags": ["Praise"], "for_teacher": true})),
        )
    };

    // The student's mentor reads the note but may not change or delete it.
    for edit in [
        retag(school.note_one),
        Edit::delete(EntityKind::LessonNote, school.note_one),
    ] {
        let op = school.mentor.op(edit);
        let answer = school.fx.push(&school.mentor, vec![op]).await;
        assert_eq!(
            rejected(&answer.results[0].outcome),
            "Only the person who wrote this lesson note can change or delete it."
        );
    }

    // The author may, and both land.
    let ops = vec![
        school.supporter.op(retag(school.note_one)),
        school
            .supporter
            .op(Edit::delete(EntityKind::LessonNote, school.note_two)),
    ];
    all_applied(&school.fx.push(&school.supporter, ops).await.results);
    let records = pulled(&school.fx, &school.teacher).await;
    assert_eq!(
        records[&school.note_one].value("tags"),
        Some(&json!(["Praise"]))
    );
    assert!(records[&school.note_two].is_deleted());
}

#[tokio::test]
async fn a_note_must_name_its_writer_and_a_lesson_they_can_see() {
    let mut school = school().await;
    let (lesson, group_a, one) = (school.lesson, school.group_a, school.one);

    // A note naming someone else as its author.
    let forged = note(new_id(30), lesson, group_a, one, school.supporter.staff);
    let op = school.mentor.op(forged);
    let answer = school.fx.push(&school.mentor, vec![op]).await;
    assert_eq!(
        rejected(&answer.results[0].outcome),
        "A new lesson note must name the person signed in on this device as its author."
    );

    // A teacher who teaches student one elsewhere may not write into group A's lesson: they
    // could not read the note back.
    let me = school.other_teacher.staff;
    let op = school
        .other_teacher
        .op(note(new_id(31), lesson, group_a, one, me));
    let answer = school.fx.push(&school.other_teacher, vec![op]).await;
    assert_eq!(
        rejected(&answer.results[0].outcome),
        "You can only add lesson notes for your own groups and students; this one is not for them."
    );
}

//! Registers on the server: the group's staff open and mark them; a teacher of another group
//! neither receives nor writes them (even one who teaches a student of the register);
//! the student's mentor receives that student's mark; and two devices marking the same
//! student offline end with the later mark, the earlier kept in the history.

// An integration-test crate: its helpers are test code too, where a panic is the failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use axum::http::StatusCode;
use mentor_core::entity::register_mark_id;
use mentor_core::{Edit, EntityId, EntityKind, Outcome};
use mentor_server::store::Role;
use serde_json::{Value, json};
use support::*;

/// A school: group A (students one and two) taught by `teacher` and supported by `supporter`;
/// group B (student one again) taught by `other_teacher`; `mentor` has student one on their
/// caseload. The supporter opened a register for group A and marked both students present.
struct School {
    fx: Fixture,
    supporter: Session,
    teacher: Session,
    other_teacher: Session,
    mentor: Session,
    senco: Session,
    register: EntityId,
    group_a: EntityId,
    one: EntityId,
    two: EntityId,
}

fn register(id: EntityId, group: EntityId, opened_by: EntityId) -> Edit {
    Edit::create(
        EntityKind::Register,
        id,
        fields(json!({
            "group_id": group.to_string(), "date": "2025-06-15", "session": "AM",
            "opened_by": opened_by.to_string(), "opened_at": NOW
        })),
    )
}

/// The create of `student`'s mark in `register` (its id derived from the pair).
fn mark(register: EntityId, group: EntityId, student: EntityId, by: EntityId, what: Value) -> Edit {
    let mut values = fields(json!({
        "register_id": register.to_string(), "group_id": group.to_string(),
        "student_id": student.to_string(), "marked_by": by.to_string(), "marked_at": NOW
    }));
    values.extend(fields(what));
    Edit::create(
        EntityKind::RegisterMark,
        register_mark_id(register, student),
        values,
    )
}

/// Moves `session`'s clock on by `ops` stamps without sending anything, so its next write
/// is stamped after the other devices' writes so far (the fixture stamps each op at
/// `NOW + its sequence number`).
fn later_on(session: &mut Session, ops: u64) {
    for _ in 0..ops {
        session.op(Edit::delete(EntityKind::Register, new_id(99)));
    }
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
    let senco = fx
        .session("Ines Mallory", "ines@school.example", Role::Senco)
        .await;
    let (group_a, group_b) = (new_id(10), new_id(11));
    let (one, two) = (new_id(1), new_id(2));
    let roster = vec![
        admin.op(student(one, "Isolde")),
        admin.op(student(two, "Perrin")),
        admin.op(group(group_a, "Breakfast club")),
        admin.op(group(group_b, "9X2")),
        admin.op(membership(group_a, one, "student")),
        admin.op(membership(group_a, two, "student")),
        admin.op(membership(group_b, one, "student")),
        admin.op(membership(group_a, teacher.staff, "staff")),
        admin.op(membership(group_a, supporter.staff, "staff")),
        admin.op(membership(group_b, other_teacher.staff, "staff")),
        admin.op(caseload(mentor.staff, one)),
    ];
    all_applied(&fx.push(&admin, roster).await.results);
    let register_id = new_id(20);
    let me = supporter.staff;
    let present = json!({"mark": "present"});
    let ops = vec![
        supporter.op(register(register_id, group_a, me)),
        supporter.op(mark(register_id, group_a, one, me, present.clone())),
        supporter.op(mark(register_id, group_a, two, me, present)),
    ];
    all_applied(&fx.push(&supporter, ops).await.results);
    School {
        fx,
        supporter,
        teacher,
        other_teacher,
        mentor,
        senco,
        register: register_id,
        group_a,
        one,
        two,
    }
}

#[tokio::test]
async fn a_register_reaches_its_groups_staff_and_a_mark_its_students_mentor_and_no_one_else() {
    let school = school().await;
    let fx = &school.fx;
    let marks = [
        register_mark_id(school.register, school.one),
        register_mark_id(school.register, school.two),
    ];

    for (who, session) in [
        ("the supporter", &school.supporter),
        ("the group's teacher", &school.teacher),
        ("the SENCO", &school.senco),
    ] {
        let records = pulled(fx, session).await;
        for id in marks.iter().chain([&school.register]) {
            assert!(records.contains_key(id), "{who} did not receive {id}");
        }
    }

    // Student one's mentor receives that student's mark, not the other's nor the register.
    let records = pulled(fx, &school.mentor).await;
    assert!(records.contains_key(&marks[0]));
    assert!(!records.contains_key(&marks[1]));
    assert!(!records.contains_key(&school.register));

    // A teacher of another group, who teaches student one there, receives neither the
    // register nor any mark, nor its history.
    let records = pulled(fx, &school.other_teacher).await;
    assert!(records.contains_key(&school.one));
    for id in marks.iter().chain([&school.register]) {
        assert!(!records.contains_key(id), "the other teacher received {id}");
    }
    let uri = format!("/api/v1/history/register_mark/{}", marks[0]);
    let (status, _) = fx
        .call("GET", &uri, Some(&school.other_teacher.token), None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_groups_teacher_corrects_a_mark_and_a_teacher_of_another_group_cannot() {
    let mut school = school().await;
    let (register, group_a, one) = (school.register, school.group_a, school.one);
    let late = |by: EntityId| {
        Edit::update(
            EntityKind::RegisterMark,
            register_mark_id(register, one),
            fields(
                json!({"mark": "late", "at_time": "09:12", "marked_by": by.to_string(), "marked_at": NOW + 60_000}),
            ),
        )
    };

    // The other teacher sees student one, yet may not mark them in group A's register, nor
    // change or complete the register: to them it is not on the server.
    let me = school.other_teacher.staff;
    let ops = vec![
        school.other_teacher.op(mark(
            new_id(21),
            group_a,
            one,
            me,
            json!({"mark": "absent"}),
        )),
        school.other_teacher.op(late(me)),
        school.other_teacher.op(Edit::update(
            EntityKind::Register,
            register,
            fields(json!({"completed_at": NOW, "completed_by": me.to_string()})),
        )),
    ];
    let answer = school.fx.push(&school.other_teacher, ops).await;
    assert_eq!(
        rejected(&answer.results[0].outcome),
        "You can only add register marks for your own groups and students; this one is not for them."
    );
    for result in &answer.results[1..] {
        assert!(
            rejected(&result.outcome).contains("is not on the server"),
            "{result:?}"
        );
    }

    // The group's teacher corrects the supporter's mark and completes the register: nobody
    // owns either.
    later_on(&mut school.teacher, 5);
    let me = school.teacher.staff;
    let ops = vec![
        school.teacher.op(late(me)),
        school.teacher.op(Edit::update(
            EntityKind::Register,
            register,
            fields(json!({"completed_at": NOW + 120_000, "completed_by": me.to_string()})),
        )),
    ];
    all_applied(&school.fx.push(&school.teacher, ops).await.results);
    let records = pulled(&school.fx, &school.supporter).await;
    let corrected = &records[&register_mark_id(register, one)];
    assert_eq!(corrected.value("mark"), Some(&json!("late")));
    assert_eq!(corrected.value("at_time"), Some(&json!("09:12")));
    assert!(records[&register].value("completed_at").is_some());

    // Only the SENCO or the administrator removes one.
    let op = school.teacher.op(Edit::delete(
        EntityKind::RegisterMark,
        register_mark_id(register, one),
    ));
    let answer = school.fx.push(&school.teacher, vec![op]).await;
    assert_eq!(
        rejected(&answer.results[0].outcome),
        "Only the SENCO or an administrator can change register marks."
    );
}

#[tokio::test]
async fn two_devices_marking_one_student_offline_keep_the_later_mark_and_the_earlier_in_history() {
    let mut school = school().await;
    let (register, group_a, two) = (school.register, school.group_a, school.two);
    let id = register_mark_id(register, two);

    // Both devices have the register and the supporter's "present"; offline, the teacher
    // marks the student late, and then the supporter marks them absent.
    later_on(&mut school.teacher, 5);
    let teacher = school.teacher.staff;
    let earlier = school.teacher.op(mark(
        register,
        group_a,
        two,
        teacher,
        json!({"mark": "late", "at_time": "09:20", "note": "Bus was late"}),
    ));
    let supporter = school.supporter.staff;
    later_on(&mut school.supporter, 10);
    let later = school.supporter.op(mark(
        register,
        group_a,
        two,
        supporter,
        json!({"mark": "absent", "at_time": null, "note": null}),
    ));
    assert!(later.hlc > earlier.hlc);

    // The later mark arrives first.
    all_applied(&school.fx.push(&school.supporter, vec![later]).await.results);
    all_applied(&school.fx.push(&school.teacher, vec![earlier]).await.results);

    for session in [&school.teacher, &school.supporter, &school.senco] {
        let record = &pulled(&school.fx, session).await[&id];
        assert_eq!(record.value("mark"), Some(&json!("absent")));
        assert_eq!(record.value("at_time"), None);
        assert_eq!(record.value("note"), None);
        assert_eq!(
            record.value("marked_by"),
            Some(&json!(supporter.to_string()))
        );
    }

    let uri = format!("/api/v1/history/register_mark/{id}");
    let (status, body) = school
        .fx
        .call("GET", &uri, Some(&school.supporter.token), None)
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // Oldest first: the first "present", then the teacher's late mark with its time and note.
    let lost = |field: &str| -> Vec<Value> {
        body["entries"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|entry| entry["field"] == field)
            .map(|entry| entry["value"].clone())
            .collect()
    };
    assert_eq!(lost("mark"), [json!("present"), json!("late")], "{body}");
    assert_eq!(lost("at_time"), [json!("09:20")], "{body}");
    assert_eq!(lost("note"), [json!("Bus was late")], "{body}");
    assert_eq!(
        lost("marked_by"),
        [json!(supporter.to_string()), json!(teacher.to_string())],
        "{body}"
    );
}

#[tokio::test]
async fn a_mark_is_refused_for_a_student_not_in_the_group_or_in_a_register_of_another_group() {
    let School {
        fx,
        mut senco,
        register,
        group_a,
        one,
        ..
    } = school().await;
    let (three, group_b) = (new_id(3), new_id(11));
    let me = senco.staff;
    let ops = vec![
        senco.op(student(three, "Wren")),
        // Student three is in neither group.
        senco.op(mark(
            register,
            group_a,
            three,
            me,
            json!({"mark": "absent"}),
        )),
        // Student one is in group B, but the register is group A's.
        senco.op(mark(
            register,
            group_b,
            one,
            me,
            json!({"mark": "late", "at_time": "09:10"}),
        )),
    ];
    let answer = fx.push(&senco, ops).await;
    assert_eq!(answer.results[0].outcome, Outcome::Applied);
    assert_eq!(
        rejected(&answer.results[1].outcome),
        "This student is not in the register's group, so no mark was saved."
    );
    assert_eq!(
        rejected(&answer.results[2].outcome),
        "This register is not on the server, or is another group's: it may have been removed."
    );
    let records = pulled(&fx, &senco).await;
    assert!(!records.contains_key(&register_mark_id(register, three)));
    // One's mark is still group A's "present".
    let kept = &records[&register_mark_id(register, one)];
    assert_eq!(kept.value("mark"), Some(&json!("present")));
}

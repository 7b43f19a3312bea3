//! Work-experience placements on the server: the placement, its visits and follow-up actions
//! reach the learner's mentors, the visiting member of staff, the coordinator (SENCO,
//! administrator) and the DSL, and no other staff: not a teacher, even one who teaches the
//! learner.

// An integration-test crate: its helpers are test code too, where a panic is the failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use mentor_core::{Edit, EntityId, EntityKind, Outcome};
use mentor_server::store::Role;
use serde_json::json;
use support::*;

#[tokio::test]
async fn a_placement_and_its_visit_reach_the_learners_mentor_the_visitor_and_the_coordinator_only()
{
    let mut fx = fixture();
    let mut senco = fx
        .session("Ines Mallory", "ines@school.example", Role::Senco)
        .await;
    let mut mentor = fx
        .session("Cass Ilbert", "cass@school.example", Role::Mentor)
        .await;
    let visitor = fx
        .session("Bram Keswick", "bram@school.example", Role::Mentor)
        .await;
    let teacher = fx
        .session("Perrin Hale", "perrin@school.example", Role::Teacher)
        .await;
    let other_mentor = fx
        .session("Wren Dalby", "wren@school.example", Role::Mentor)
        .await;
    let dsl = fx
        .session("Odo Farrant", "odo@school.example", Role::Dsl)
        .await;
    let (learner, science) = (new_id(1), new_id(2));
    let roster = vec![
        senco.op(student(learner, "Isolde")),
        senco.op(group(science, "10 Science")),
        senco.op(membership(science, learner, "student")),
        senco.op(membership(science, teacher.staff, "staff")),
        senco.op(caseload(mentor.staff, learner)),
    ];
    let answer = fx.push(&senco, roster).await;
    assert!(
        answer.results.iter().all(|r| r.outcome == Outcome::Applied),
        "{answer:?}"
    );

    let (placement, visit, action) = (new_id(10), new_id(11), new_id(12));
    let ops = vec![senco.op(Edit::create(
        EntityKind::Placement,
        placement,
        fields(json!({
            "student_id": learner.to_string(), "visitor_id": visitor.staff.to_string(),
            "employer": "Harbour Lane Veterinary Practice", "address": "14 Harbour Lane",
            "starts_on": "2026-11-25", "ends_on": "2026-12-09", "status": "planned"
        })),
    ))];
    let answer = fx.push(&senco, ops).await;
    assert_eq!(answer.results[0].outcome, Outcome::Applied);
    // The learner's mentor records a visit and an action.
    let ops = vec![
        mentor.op(Edit::create(
            EntityKind::PlacementVisit,
            visit,
            fields(json!({
                "placement_id": placement.to_string(), "student_id": learner.to_string(),
                "visitor_id": mentor.staff.to_string(), "planned_on": "2026-11-29",
                "started_at": NOW, "learner_present": true, "wellbeing_rating": 4
            })),
        )),
        mentor.op(Edit::create(
            EntityKind::FollowUp,
            action,
            fields(json!({
                "visit_id": visit.to_string(), "student_id": learner.to_string(),
                "owner_id": mentor.staff.to_string(), "text": "Ask for a copy of the risk assessment",
                "due_on": "2026-12-04"
            })),
        )),
    ];
    let answer = fx.push(&mentor, ops).await;
    assert!(
        answer.results.iter().all(|r| r.outcome == Outcome::Applied),
        "{answer:?}"
    );

    for (who, session, sees_visit) in [
        ("the coordinator", &senco, true),
        ("the learner's mentor", &mentor, true),
        ("the DSL", &dsl, true),
        // The placement's visitor: the placement, not a visit someone else made.
        ("the visiting mentor", &visitor, false),
    ] {
        let records = pulled(&fx, session).await;
        assert!(
            records.contains_key(&placement),
            "{who} lacks the placement"
        );
        assert_eq!(
            records.contains_key(&visit),
            sees_visit,
            "{who} and the visit"
        );
        assert_eq!(
            records.contains_key(&action),
            sees_visit,
            "{who} and the action"
        );
    }
    // A teacher who teaches the learner receives the learner, and none of this.
    let records = pulled(&fx, &teacher).await;
    assert!(records.contains_key(&learner));
    for id in [placement, visit, action] {
        assert!(!records.contains_key(&id), "the teacher received {id}");
    }
    let records = pulled(&fx, &other_mentor).await;
    for id in [placement, visit, action] {
        assert!(!records.contains_key(&id), "another mentor received {id}");
    }
}

#[tokio::test]
async fn a_teacher_cannot_record_a_visit_and_a_mentor_cannot_set_up_a_placement() {
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
    let (learner, science) = (new_id(1), new_id(2));
    let roster = vec![
        senco.op(student(learner, "Isolde")),
        senco.op(group(science, "10 Science")),
        senco.op(membership(science, learner, "student")),
        senco.op(membership(science, teacher.staff, "staff")),
        senco.op(caseload(mentor.staff, learner)),
    ];
    fx.push(&senco, roster).await;
    let placement = Edit::create(
        EntityKind::Placement,
        new_id(10),
        fields(json!({
            "student_id": learner.to_string(), "visitor_id": mentor.staff.to_string(),
            "employer": "Northfield Motor Works", "address": "Unit 3, Mill Road",
            "starts_on": "2026-12-28", "ends_on": "2027-01-08", "status": "planned"
        })),
    );
    let op = mentor.op(placement);
    let answer = fx.push(&mentor, vec![op]).await;
    assert!(
        matches!(&answer.results[0].outcome, Outcome::Rejected { reason } if reason.starts_with("Only the SENCO or an administrator")),
        "{:?}",
        answer.results[0].outcome
    );
    let visit = Edit::create(
        EntityKind::PlacementVisit,
        new_id(11),
        fields(json!({
            "placement_id": new_id(10).to_string(), "student_id": learner.to_string(),
            "visitor_id": teacher.staff.to_string(), "planned_on": "2026-12-29"
        })),
    );
    let op = teacher.op(visit);
    let answer = fx.push(&teacher, vec![op]).await;
    assert!(
        matches!(&answer.results[0].outcome, Outcome::Rejected { .. }),
        "{:?}",
        answer.results[0].outcome
    );
}

#[tokio::test]
async fn a_placement_becomes_active_only_with_every_check_or_the_coordinators_reason() {
    let mut fx = fixture();
    let mut senco = fx
        .session("Ines Mallory", "ines@school.example", Role::Senco)
        .await;
    let mut mentor = fx
        .session("Cass Ilbert", "cass@school.example", Role::Mentor)
        .await;
    let learner = new_id(1);
    let roster = vec![
        senco.op(student(learner, "Isolde")),
        senco.op(caseload(mentor.staff, learner)),
    ];
    fx.push(&senco, roster).await;
    let (coordinator, visitor) = (senco.staff.to_string(), mentor.staff.to_string());
    let placement = |id: EntityId, status: &str| {
        Edit::create(
            EntityKind::Placement,
            id,
            fields(json!({
                "student_id": learner.to_string(), "visitor_id": visitor,
                "employer": "Northfield Motor Works", "address": "Unit 3, Mill Road",
                "starts_on": "2026-12-28", "ends_on": "2027-01-08", "status": status,
                "check_risk_on": "2026-12-01", "check_risk_by": coordinator
            })),
        )
    };
    let update = |id: EntityId, values: serde_json::Value| {
        Edit::update(EntityKind::Placement, id, fields(values))
    };
    let refusal = |answer: &mentor_core::PushResponse| match &answer.results[0].outcome {
        Outcome::Rejected { reason } => reason.clone(),
        other => panic!("expected a refusal, got {other:?}"),
    };
    let (first, second) = (new_id(10), new_id(11));

    // Created active with two checks missing: refused, and nothing of it is kept.
    let op = senco.op(placement(first, "active"));
    let answer = fx.push(&senco, vec![op]).await;
    assert_eq!(
        refusal(&answer),
        "This placement cannot start until every check is recorded (missing: Employer's liability insurance seen; Parent or carer consent received), unless the coordinator gives a reason to start it anyway."
    );
    assert!(!pulled(&fx, &senco).await.contains_key(&first));

    // Planned, then made active by the mentor with checks missing: refused.
    let op = senco.op(placement(first, "planned"));
    fx.push(&senco, vec![op]).await;
    // The mentor's device has pulled the placement: its edits are later than the create.
    mentor.clock.observe(&senco.clock.last(), NOW).unwrap();
    let op = mentor.op(update(first, json!({"status": "active"})));
    let answer = fx.push(&mentor, vec![op]).await;
    assert!(refusal(&answer).starts_with("This placement cannot start"));
    // The mentor may not give the coordinator's reason, with or without the status.
    let op = mentor.op(update(
        first,
        json!({"status": "active", "override_reason": "Employer is the school's own site"}),
    ));
    let answer = fx.push(&mentor, vec![op]).await;
    assert_eq!(
        refusal(&answer),
        "Only the SENCO or an administrator can change the reason to start a placement with a check missing, so none of this change was saved."
    );
    // The coordinator may.
    let op = senco.op(update(
        first,
        json!({"status": "active", "override_reason": "Employer is the school's own site"}),
    ));
    let answer = fx.push(&senco, vec![op]).await;
    assert_eq!(answer.results[0].outcome, Outcome::Applied);
    let stored = &pulled(&fx, &mentor).await[&first];
    assert_eq!(stored.value("status"), Some(&json!("active")));

    // With every check recorded, the mentor starts it; later edits of other fields pass.
    let op = senco.op(placement(second, "planned"));
    fx.push(&senco, vec![op]).await;
    mentor.clock.observe(&senco.clock.last(), NOW).unwrap();
    let checks = json!({
        "check_insurance_on": "2026-12-02", "check_insurance_by": mentor.staff.to_string(),
        "check_consent_on": "2026-12-02", "check_consent_by": mentor.staff.to_string()
    });
    let ops = vec![
        mentor.op(update(second, checks)),
        mentor.op(update(second, json!({"status": "active"}))),
        mentor.op(update(second, json!({"hours": "Mon–Fri, 9:00–15:30"}))),
    ];
    let answer = fx.push(&mentor, ops).await;
    for result in &answer.results {
        assert_eq!(result.outcome, Outcome::Applied, "{result:?}");
    }
}

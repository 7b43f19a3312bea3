//! Work-experience placements on the server: the placement, its visits and follow-up actions
//! reach the learner's mentors, the visiting member of staff, the coordinator (SENCO,
//! administrator) and the DSL, and no other staff: not a teacher, even one who teaches the
//! learner.

// An integration-test crate: its helpers are test code too, where a panic is the failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::BTreeMap;

use mentor_core::{Edit, EntityId, EntityKind, Outcome, RecordState};
use mentor_server::store::Role;
use serde_json::json;
use support::*;

async fn pulled(fx: &Fixture, session: &Session) -> BTreeMap<EntityId, RecordState> {
    let mut records = BTreeMap::new();
    fx.pull_all(session, 0, &mut records).await;
    records
}

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

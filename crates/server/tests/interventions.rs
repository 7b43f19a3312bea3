//! Intervention programmes on the server: the SENCO sets one up for a group; its lead (a
//! mentor on the group's staff) reads it and records scores; a mentor cannot set one up; a
//! teacher without the group or the student receives neither; a score names its own
//! programme's group.

// An integration-test crate: its helpers are test code too, where a panic is the failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use mentor_core::entity::intervention_score_id;
use mentor_core::{Edit, EntityId, EntityKind, Outcome};
use mentor_server::store::Role;
use serde_json::json;
use support::*;

fn programme(id: EntityId, group: EntityId, lead: EntityId) -> Edit {
    Edit::create(
        EntityKind::Intervention,
        id,
        fields(json!({
            "group_id": group.to_string(), "name": "Year 7 Numeracy Catch-Up",
            "lead_id": lead.to_string(), "planned_sessions": 6, "measure": "standardised",
            "measure_min": 70, "measure_max": 140, "starts_on": "2026-11-02"
        })),
    )
}

fn scores(programme: EntityId, student: EntityId, group: EntityId) -> Edit {
    Edit::create(
        EntityKind::InterventionScore,
        intervention_score_id(programme, student),
        fields(json!({
            "intervention_id": programme.to_string(), "student_id": student.to_string(),
            "group_id": group.to_string(), "entry": 84, "exit": 92
        })),
    )
}

#[tokio::test]
async fn the_senco_sets_a_programme_up_its_lead_records_scores_and_others_see_nothing() {
    let mut fx = fixture();
    let mut senco = fx
        .session("Ines Mallory", "ines@school.example", Role::Senco)
        .await;
    let mut lead = fx
        .session("Cass Ilbert", "cass@school.example", Role::Mentor)
        .await;
    let other_teacher = fx
        .session("Tamsin Orde", "tamsin@school.example", Role::Teacher)
        .await;
    let (learner, numeracy, other_group) = (new_id(1), new_id(2), new_id(3));
    let roster = vec![
        senco.op(student(learner, "Isolde")),
        senco.op(group(numeracy, "7 Numeracy")),
        senco.op(group(other_group, "7 Literacy")),
        senco.op(membership(numeracy, learner, "student")),
        senco.op(membership(numeracy, lead.staff, "staff")),
    ];
    fx.push(&senco, roster).await;

    // A mentor cannot set a programme up, even for their own group.
    let op = lead.op(programme(new_id(9), numeracy, lead.staff));
    let answer = fx.push(&lead, vec![op]).await;
    assert!(
        rejected(&answer.results[0].outcome).starts_with("Only "),
        "{:?}",
        answer.results[0].outcome
    );
    let catch_up = new_id(10);
    let op = senco.op(programme(catch_up, numeracy, lead.staff));
    let answer = fx.push(&senco, vec![op]).await;
    assert_eq!(answer.results[0].outcome, Outcome::Applied);

    // The lead reads it and records the student's scores; not on another group's account.
    assert!(pulled(&fx, &lead).await.contains_key(&catch_up));
    let ops = vec![
        lead.op(scores(catch_up, learner, numeracy)),
        lead.op(scores(catch_up, learner, other_group)),
    ];
    let answer = fx.push(&lead, ops).await;
    assert_eq!(answer.results[0].outcome, Outcome::Applied);
    assert!(
        matches!(answer.results[1].outcome, Outcome::Rejected { .. }),
        "{:?}",
        answer.results[1].outcome
    );

    let records = pulled(&fx, &other_teacher).await;
    assert!(!records.contains_key(&catch_up));
    assert!(!records.contains_key(&intervention_score_id(catch_up, learner)));
    let records = pulled(&fx, &senco).await;
    assert_eq!(
        records[&intervention_score_id(catch_up, learner)].fields["exit"].value,
        json!(92)
    );
}

#[tokio::test]
async fn a_score_outside_its_programmes_range_is_refused_on_create_and_on_update() {
    let mut fx = fixture();
    let mut senco = fx
        .session("Ines Mallory", "ines@school.example", Role::Senco)
        .await;
    let (learner, numeracy, catch_up) = (new_id(1), new_id(2), new_id(3));
    let setup = vec![
        senco.op(student(learner, "Isolde")),
        senco.op(group(numeracy, "7 Numeracy")),
        senco.op(membership(numeracy, learner, "student")),
        senco.op(programme(catch_up, numeracy, senco.staff)),
    ];
    fx.push(&senco, setup).await;
    let id = intervention_score_id(catch_up, learner);

    // A device that skipped the range check: an exit of 150 on a 70–140 measure.
    let mut too_high = scores(catch_up, learner, numeracy);
    too_high.fields.insert("exit".to_owned(), json!(150));
    let answer = {
        let op = senco.op(too_high);
        fx.push(&senco, vec![op]).await
    };
    assert_eq!(
        rejected(&answer.results[0].outcome),
        "The exit score must be a whole number from 70 to 140."
    );
    assert!(!pulled(&fx, &senco).await.contains_key(&id));

    // In range it is made; a later update below the range is refused and changes nothing.
    let op = senco.op(scores(catch_up, learner, numeracy));
    let answer = fx.push(&senco, vec![op]).await;
    assert_eq!(answer.results[0].outcome, Outcome::Applied);
    let too_low = Edit::update(
        EntityKind::InterventionScore,
        id,
        fields(json!({ "entry": 12 })),
    );
    let answer = {
        let op = senco.op(too_low);
        fx.push(&senco, vec![op]).await
    };
    assert_eq!(
        rejected(&answer.results[0].outcome),
        "The entry score must be a whole number from 70 to 140."
    );
    let cleared = Edit::update(
        EntityKind::InterventionScore,
        id,
        fields(json!({ "entry": 71, "exit": null })),
    );
    let answer = {
        let op = senco.op(cleared);
        fx.push(&senco, vec![op]).await
    };
    assert_eq!(answer.results[0].outcome, Outcome::Applied);
    let stored = &pulled(&fx, &senco).await[&id];
    assert_eq!(stored.fields["entry"].value, json!(71));
    assert_eq!(stored.fields["exit"].value, json!(null));
}

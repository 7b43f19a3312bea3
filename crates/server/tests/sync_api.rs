//! The sync endpoints through the router: idempotent pushes, rejections that never block the
//! queue, role rules, gap-free pulls under concurrent pushes, scopes and scope changes.

// An integration-test crate: its helpers are test code too, where a panic is the failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::{BTreeMap, BTreeSet};

use axum::http::StatusCode;
use mentor_core::{Edit, EntityKind, Outcome, SCHEMA_VERSION};
use mentor_server::store::Role;
use serde_json::json;
use support::*;

#[tokio::test]
async fn a_repeated_push_changes_nothing_and_reports_duplicate() {
    let mut fx = fixture();
    let mut admin = fx
        .session("Ada Admin", "ada@school.example", Role::Admin)
        .await;
    let ops: Vec<_> = (0..3)
        .map(|n| admin.op(student(new_id(n), "Tilly")))
        .collect();
    let first = fx.push(&admin, ops.clone()).await;
    assert!(first.results.iter().all(|r| r.outcome == Outcome::Applied));
    let mut seen = BTreeMap::new();
    let cursor = fx.pull_all(&admin, 0, &mut seen).await;

    let again = fx.push(&admin, ops).await;
    assert!(
        again
            .results
            .iter()
            .all(|r| r.outcome == Outcome::Duplicate)
    );
    let page = fx.pull_page(&admin, cursor, 0).await;
    assert!(page.changes.is_empty(), "{page:?}");
    assert_eq!(page.cursor, cursor);
}

#[tokio::test]
async fn a_malformed_op_is_rejected_and_does_not_block_the_ops_after_it() {
    let mut fx = fixture();
    let mut admin = fx
        .session("Ada Admin", "ada@school.example", Role::Admin)
        .await;
    let good = admin.op(student(new_id(1), "Tilly"));
    let mut bad = admin.op(student(new_id(2), "Ned"));
    bad.fields.insert("year_group".into(), json!(42));
    let after = admin.op(student(new_id(3), "Orla"));
    let response = fx.push(&admin, vec![good, bad.clone(), after]).await;
    let outcomes: Vec<_> = response.results.iter().map(|r| &r.outcome).collect();
    assert_eq!(outcomes[0], &Outcome::Applied);
    assert!(
        matches!(outcomes[1], Outcome::Rejected { reason } if reason.contains("year_group")),
        "{outcomes:?}"
    );
    assert_eq!(outcomes[2], &Outcome::Applied);
    // Sent again, the rejection is answered the same way.
    let again = fx.push(&admin, vec![bad]).await;
    assert!(matches!(again.results[0].outcome, Outcome::Rejected { .. }));
    let mut seen = BTreeMap::new();
    fx.pull_all(&admin, 0, &mut seen).await;
    let students = seen
        .values()
        .filter(|record| record.entity == EntityKind::Student)
        .count();
    assert_eq!(students, 2);
}

#[tokio::test]
async fn roles_decide_who_writes_the_roster_by_rejecting_ops_not_requests() {
    let mut fx = fixture();
    let mut mentor = fx
        .session("Mo Mentor", "mo@school.example", Role::Mentor)
        .await;
    let mut senco = fx
        .session("Sue Senco", "sue@school.example", Role::Senco)
        .await;
    let mentor_op = mentor.op(student(new_id(1), "Tilly"));
    let response = fx.push(&mentor, vec![mentor_op]).await;
    assert!(
        matches!(&response.results[0].outcome, Outcome::Rejected { reason } if reason == "Only the SENCO or an administrator can change student records."),
        "{response:?}"
    );
    let staff_edit = Edit::create(
        EntityKind::Staff,
        new_id(2),
        fields(
            json!({"display_name": "New Person", "email": "new@school.example", "role": "admin"}),
        ),
    );
    let senco_ops = vec![senco.op(staff_edit), senco.op(student(new_id(3), "Orla"))];
    let response = fx.push(&senco, senco_ops).await;
    assert!(matches!(
        response.results[0].outcome,
        Outcome::Rejected { .. }
    ));
    assert_eq!(response.results[1].outcome, Outcome::Applied);
}

#[tokio::test]
async fn a_staff_record_change_by_an_admin_changes_the_role_used_for_sign_in() {
    let mut fx = fixture();
    let mut admin = fx
        .session("Ada Admin", "ada@school.example", Role::Admin)
        .await;
    let teacher_id = fx.staff("Tom Teacher", "tom@school.example", Role::Teacher);
    let promote = admin.op(Edit::update(
        EntityKind::Staff,
        teacher_id,
        fields(json!({"role": "senco"})),
    ));
    assert_eq!(
        fx.push(&admin, vec![promote]).await.results[0].outcome,
        Outcome::Applied
    );
    let tom = fx.sign_in("tom@school.example", teacher_id).await;
    let (status, me) = fx.call("GET", "/api/v1/me", Some(&tom.token), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["staff"]["role"], "senco");
    assert_eq!(me["device"]["label"], "Test tablet");
}

#[tokio::test]
async fn a_push_naming_another_device_is_forbidden() {
    let mut fx = fixture();
    let admin = fx
        .session("Ada Admin", "ada@school.example", Role::Admin)
        .await;
    let mut other = fx
        .session("Sue Senco", "sue@school.example", Role::Senco)
        .await;
    let op = other.op(student(new_id(1), "Tilly"));
    let request = serde_json::to_value(other.push_request(vec![op])).unwrap();
    let (status, body) = fx
        .call(
            "POST",
            "/api/v1/sync/push",
            Some(&admin.token),
            Some(request),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["error"]["code"], "forbidden");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_pushes_never_let_a_pull_skip_a_change() {
    let mut fx = fixture();
    let mut writers = Vec::new();
    for n in 0..8 {
        let email = format!("writer{n}@school.example");
        writers.push(
            fx.session(&format!("Writer {n}"), &email, Role::Admin)
                .await,
        );
    }
    let reader = fx
        .session("Rita Reader", "rita@school.example", Role::Dsl)
        .await;
    let fx = std::sync::Arc::new(fx);
    let mut tasks = Vec::new();
    let mut expected = BTreeSet::new();
    for (w, mut writer) in writers.into_iter().enumerate() {
        let batches: Vec<Vec<_>> = (0..6)
            .map(|b| {
                (0..5)
                    .map(|i| {
                        let id = new_id((w * 1_000 + b * 10 + i) as u64);
                        expected.insert(id);
                        writer.op(student(id, "Concurrent"))
                    })
                    .collect()
            })
            .collect();
        let fx = fx.clone();
        tasks.push(tokio::spawn(async move {
            for batch in batches {
                fx.push(&writer, batch).await;
            }
        }));
    }
    // Pull in small pages while the pushes run; every change must arrive, in seq order.
    let mut seen = BTreeSet::new();
    let mut cursor = 0;
    let mut last_seq = 0;
    loop {
        let done = tasks.iter().all(|task| task.is_finished());
        let page = fx.pull_page(&reader, cursor, 7).await;
        assert!(!page.reset);
        for change in &page.changes {
            assert!(change.seq > last_seq, "seq went backwards");
            last_seq = change.seq;
            seen.insert(change.record.id);
        }
        cursor = page.cursor;
        if done && !page.has_more {
            break;
        }
        // Under the per-device rate limit (20 a second), however slow the pushes are.
        tokio::time::sleep(std::time::Duration::from_millis(60)).await;
    }
    for task in tasks {
        task.await.unwrap();
    }
    let students: BTreeSet<_> = seen.intersection(&expected).copied().collect();
    assert_eq!(students.len(), expected.len());
}

#[tokio::test]
async fn a_mentor_sees_only_their_students_and_scope_changes_add_and_remove() {
    let mut fx = fixture();
    let mut admin = fx
        .session("Ada Admin", "ada@school.example", Role::Admin)
        .await;
    let mentor_id = fx.staff("Mo Mentor", "mo@school.example", Role::Mentor);
    let teacher_id = fx.staff("Tom Teacher", "tom@school.example", Role::Teacher);
    let mentor = fx.sign_in("mo@school.example", mentor_id).await;
    let teacher = fx.sign_in("tom@school.example", teacher_id).await;
    let (mine, grouped, other, later) = (new_id(1), new_id(2), new_id(3), new_id(4));
    let maths = new_id(10);
    let ops = vec![
        admin.op(student(mine, "Mine")),
        admin.op(student(grouped, "Grouped")),
        admin.op(student(other, "Other")),
        admin.op(student(later, "Later")),
        admin.op(group(maths, "8 Maths")),
        admin.op(caseload(mentor_id, mine)),
        admin.op(membership(maths, grouped, "student")),
        admin.op(membership(maths, mentor_id, "staff")),
        admin.op(membership(maths, teacher_id, "staff")),
    ];
    fx.push(&admin, ops).await;

    let students = |records: &BTreeMap<_, mentor_core::RecordState>| -> BTreeSet<_> {
        records
            .values()
            .filter(|r| r.entity == EntityKind::Student && !r.is_deleted())
            .map(|r| r.id)
            .collect()
    };
    let mut mentor_view = BTreeMap::new();
    let cursor = fx.pull_all(&mentor, 0, &mut mentor_view).await;
    assert_eq!(students(&mentor_view), BTreeSet::from([mine, grouped]));
    assert!(mentor_view.values().any(|r| r.entity == EntityKind::Staff));
    assert!(mentor_view.contains_key(&maths));
    let mut teacher_view = BTreeMap::new();
    fx.pull_all(&teacher, 0, &mut teacher_view).await;
    assert_eq!(students(&teacher_view), BTreeSet::from([grouped]));

    // `later` was written before the mentor's cursor; adding it to the caseload must still
    // bring it, and taking `grouped` out of the group must drop it.
    let grouped_out = admin.op(Edit::delete(
        EntityKind::GroupMembership,
        mentor_core::entity::group_membership_id(maths, grouped),
    ));
    let ops = vec![admin.op(caseload(mentor_id, later)), grouped_out];
    fx.push(&admin, ops).await;
    let page = fx.pull_page(&mentor, cursor, 0).await;
    assert!(page.reset, "a scope change starts the device again");
    mentor_view.clear();
    for change in page.changes {
        mentor_view.insert(change.record.id, change.record);
    }
    assert!(!page.has_more);
    let cursor = page.cursor;
    assert_eq!(students(&mentor_view), BTreeSet::from([mine, later]));
    // Unchanged scope: no reset, nothing new.
    let page = fx.pull_page(&mentor, cursor, 0).await;
    assert!(!page.reset && page.changes.is_empty(), "{page:?}");
}

#[tokio::test]
async fn protocol_refusals_are_json_errors_with_their_statuses() {
    let mut fx = fixture();
    let mut admin = fx
        .session("Ada Admin", "ada@school.example", Role::Admin)
        .await;
    let old = json!({"schema_version": 0, "cursor": 0, "limit": 0});
    let (status, body) = fx
        .call("POST", "/api/v1/sync/pull", Some(&admin.token), Some(old))
        .await;
    assert_eq!(status, StatusCode::UPGRADE_REQUIRED);
    assert_eq!(body["error"]["code"], "client_too_old");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("Reload the app")
    );

    let ops: Vec<_> = (0..501)
        .map(|n| admin.op(student(new_id(n), "Many")))
        .collect();
    let request = serde_json::to_value(admin.push_request(ops)).unwrap();
    let (status, body) = fx
        .call(
            "POST",
            "/api/v1/sync/push",
            Some(&admin.token),
            Some(request),
        )
        .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(body["error"]["code"], "batch_too_large");

    let huge = format!(
        "{{\"device_id\":\"{}\",\"schema_version\":{SCHEMA_VERSION},\"ops\":[],\"pad\":\"{}\"}}",
        admin.device,
        "x".repeat(1_100_000)
    );
    let (status, body) = fx
        .call_raw("POST", "/api/v1/sync/push", Some(&admin.token), Some(huge))
        .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(body["error"]["code"], "payload_too_large");

    let (status, body) = fx
        .call_raw(
            "POST",
            "/api/v1/sync/pull",
            Some(&admin.token),
            Some("{\"cursor\": ".to_owned()),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["code"], "bad_request");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("not valid JSON")
    );

    let (status, body) = fx
        .call(
            "POST",
            "/api/v1/sync/pull",
            Some(&admin.token),
            Some(json!({"cursor": "first"})),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("expected fields")
    );
}

#[tokio::test]
async fn sync_requests_are_rate_limited_per_device() {
    let mut fx = fixture();
    let admin = fx
        .session("Ada Admin", "ada@school.example", Role::Admin)
        .await;
    let request = json!({"schema_version": SCHEMA_VERSION, "cursor": 0, "limit": 1});
    let mut limited = None;
    for _ in 0..60 {
        let (status, body) = fx
            .call(
                "POST",
                "/api/v1/sync/pull",
                Some(&admin.token),
                Some(request.clone()),
            )
            .await;
        if status == StatusCode::TOO_MANY_REQUESTS {
            limited = Some(body);
            break;
        }
    }
    let body = limited.expect("60 pulls at once should pass the burst of 40");
    assert_eq!(body["error"]["code"], "rate_limited");
}

//! The history endpoint through the router: overwritten values for whoever may see the
//! record, and the same 404 for records out of scope as for records that do not exist.

// An integration-test crate: its helpers are test code too, where a panic is the failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use axum::http::StatusCode;
use mentor_core::{Edit, EntityKind};
use mentor_server::store::Role;
use serde_json::json;
use support::*;

#[tokio::test]
async fn history_is_shown_within_scope_and_hidden_outside_it() {
    let mut fx = fixture();
    let mut admin = fx
        .session("Ada Admin", "ada@school.example", Role::Admin)
        .await;
    let mentor_id = fx.staff("Mo Mentor", "mo@school.example", Role::Mentor);
    let mentor = fx.sign_in("mo@school.example", mentor_id).await;
    let (mine, other) = (new_id(1), new_id(2));
    let rename = |id| {
        Edit::update(
            EntityKind::Student,
            id,
            fields(json!({"form_group": "8B", "given_name": "Renamed"})),
        )
    };
    let ops = vec![
        admin.op(student(mine, "Mine")),
        admin.op(student(other, "Other")),
        admin.op(caseload(mentor_id, mine)),
        admin.op(rename(mine)),
        admin.op(rename(other)),
    ];
    fx.push(&admin, ops).await;

    let uri = |id: mentor_core::EntityId| format!("/api/v1/history/student/{id}");
    let (status, body) = fx.call("GET", &uri(mine), Some(&mentor.token), None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let entries = body["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 1, "{body}");
    assert_eq!(entries[0]["field"], "given_name");
    assert_eq!(entries[0]["value"], "Mine");
    assert!(entries[0]["hlc"].as_str().unwrap() < entries[0]["superseded_by"].as_str().unwrap());

    let (status, body) = fx.call("GET", &uri(other), Some(&admin.token), None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["entries"][0]["value"], "Other");

    // Out of scope, missing, the wrong kind or a malformed id: all the same 404.
    let missing = new_id(99);
    for path in [
        uri(other),
        uri(missing),
        format!("/api/v1/history/teaching_group/{mine}"),
        format!("/api/v1/history/concern/{mine}"),
        "/api/v1/history/student/not-an-id".to_owned(),
    ] {
        let (status, body) = fx.call("GET", &path, Some(&mentor.token), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}: {body}");
        assert_eq!(body["error"]["code"], "not_found", "{path}");
    }

    let (status, body) = fx.call("GET", &uri(mine), None, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    assert_eq!(body["error"]["code"], "unauthenticated");
    let (status, _) = fx.call("GET", &uri(mine), Some("not-a-token"), None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

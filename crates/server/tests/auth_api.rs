//! Sign-in, tokens, device management, the OpenAPI document and the demo school, through the
//! router.

// An integration-test crate: its helpers are test code too, where a panic is the failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::BTreeMap;

use axum::http::StatusCode;
use mentor_core::{DeviceId, EntityKind};
use mentor_server::Store;
use mentor_server::demo::{DEMO_PASSWORD, seed_if_empty};
use mentor_server::store::Role;
use serde_json::json;
use support::*;

fn sign_in_body(email: &str, password: &str, device: u64) -> serde_json::Value {
    let device = DeviceId::from_time_and_random(NOW, random(device)).unwrap();
    json!({"email": email, "password": password, "device_id": device.to_string(),
           "device_label": "Form room tablet"})
}

#[tokio::test]
async fn sign_in_returns_a_token_that_me_accepts() {
    let mut fx = fixture();
    let id = fx.staff("Mo Mentor", "Mo@School.example", Role::Mentor);
    let (status, body) = fx
        .call(
            "POST",
            "/api/v1/auth/sign-in",
            None,
            Some(sign_in_body("mo@school.EXAMPLE", PASSWORD, 1)),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["staff"]["id"], id.to_string());
    assert_eq!(body["staff"]["role"], "mentor");
    assert_eq!(body["staff"]["display_name"], "Mo Mentor");
    let token = body["token"].as_str().unwrap();
    assert_eq!(token.len(), 43);
    let (status, me) = fx.call("GET", "/api/v1/me", Some(token), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["staff"]["id"], id.to_string());
    assert_eq!(me["device"]["id"], body["device_id"]);
    assert_eq!(me["device"]["label"], "Form room tablet");
}

#[tokio::test]
async fn wrong_password_and_unknown_email_get_the_same_401() {
    let mut fx = fixture();
    fx.staff("Mo Mentor", "mo@school.example", Role::Mentor);
    let (status, wrong) = fx
        .call(
            "POST",
            "/api/v1/auth/sign-in",
            None,
            Some(sign_in_body("mo@school.example", "not it", 1)),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, unknown) = fx
        .call(
            "POST",
            "/api/v1/auth/sign-in",
            None,
            Some(sign_in_body("nobody@school.example", PASSWORD, 1)),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong, unknown);
    assert_eq!(
        wrong,
        json!({"error": {"code": "bad_credentials", "message": "Email or password not recognised."}})
    );
}

#[tokio::test]
async fn repeated_failed_sign_ins_are_limited_even_with_the_right_password() {
    let mut fx = fixture();
    fx.staff("Mo Mentor", "mo@school.example", Role::Mentor);
    for _ in 0..5 {
        let (status, _) = fx
            .call(
                "POST",
                "/api/v1/auth/sign-in",
                None,
                Some(sign_in_body("mo@school.example", "guess", 1)),
            )
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let (status, body) = fx
        .call(
            "POST",
            "/api/v1/auth/sign-in",
            None,
            Some(sign_in_body("mo@school.example", PASSWORD, 1)),
        )
        .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(body["error"]["code"], "too_many_attempts");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("Try again in 1 second.")
    );
}

#[tokio::test]
async fn endpoints_need_a_known_token() {
    let fx = fixture();
    for (method, uri) in [
        ("GET", "/api/v1/me"),
        ("POST", "/api/v1/sync/pull"),
        ("POST", "/api/v1/sync/push"),
        ("GET", "/api/v1/devices"),
        ("GET", "/api/v1/audit"),
        ("PUT", "/api/v1/device/key"),
        ("POST", "/api/v1/auth/sign-out"),
    ] {
        for token in [None, Some("made-up-token")] {
            let (status, body) = fx.call(method, uri, token, Some(json!({}))).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{method} {uri}");
            assert_eq!(
                body,
                json!({"error": {"code": "unauthenticated", "message": "Sign in again."}})
            );
        }
    }
}

#[tokio::test]
async fn sign_in_bodies_must_be_json_with_the_right_fields() {
    let fx = fixture();
    let (status, body) = fx
        .call(
            "POST",
            "/api/v1/auth/sign-in",
            None,
            Some(json!({"email": "a@b.example"})),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("password"),
        "{body}"
    );
    let request = axum::http::Request::post("/api/v1/auth/sign-in")
        .body(axum::body::Body::from("{}"))
        .unwrap();
    let response = tower::ServiceExt::oneshot(fx.app.clone(), request)
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[tokio::test]
async fn sign_out_forgets_the_token() {
    let mut fx = fixture();
    let mentor = fx
        .session("Mo Mentor", "mo@school.example", Role::Mentor)
        .await;
    let (status, _) = fx
        .call("POST", "/api/v1/auth/sign-out", Some(&mentor.token), None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, body) = fx
        .call("GET", "/api/v1/me", Some(&mentor.token), None)
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"]["code"], "unauthenticated");
}

#[tokio::test]
async fn admins_list_and_revoke_devices_and_a_revoked_device_is_told_to_wipe() {
    let mut fx = fixture();
    let admin = fx
        .session("Ada Admin", "ada@school.example", Role::Admin)
        .await;
    let mentor = fx
        .session("Mo Mentor", "mo@school.example", Role::Mentor)
        .await;

    let (status, body) = fx
        .call("GET", "/api/v1/devices", Some(&mentor.token), None)
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["error"]["code"], "forbidden");
    let revoke = format!("/api/v1/devices/{}/revoke", admin.device);
    let (status, _) = fx.call("POST", &revoke, Some(&mentor.token), None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let (status, list) = fx
        .call("GET", "/api/v1/devices", Some(&admin.token), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    let entry = list
        .iter()
        .find(|d| d["id"] == mentor.device.to_string())
        .unwrap();
    assert_eq!(entry["staff_name"], "Mo Mentor");
    assert_eq!(entry["label"], "Test tablet");
    assert!(entry["revoked_at_ms"].is_null());

    let revoke = format!("/api/v1/devices/{}/revoke", mentor.device);
    let (status, revoked) = fx.call("POST", &revoke, Some(&admin.token), None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(revoked["revoked_at_ms"].is_u64());
    let pull = json!({"schema_version": 1, "cursor": 0, "limit": 0});
    let (status, body) = fx
        .call("POST", "/api/v1/sync/pull", Some(&mentor.token), Some(pull))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["error"]["code"], "wipe");
    // The revoked device id cannot sign in again either.
    let again = json!({"email": "mo@school.example", "password": PASSWORD,
                       "device_id": mentor.device.to_string(), "device_label": "x"});
    let (status, body) = fx
        .call("POST", "/api/v1/auth/sign-in", None, Some(again))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["error"]["code"], "wipe");

    let (status, body) = fx
        .call(
            "POST",
            "/api/v1/devices/not-a-device/revoke",
            Some(&admin.token),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"]["code"], "not_found");
}

#[tokio::test]
async fn the_openapi_document_lists_every_route() {
    let fx = fixture();
    let (status, doc) = fx.call("GET", "/api/openapi.json", None, None).await;
    assert_eq!(status, StatusCode::OK);
    let routes = [
        ("get", "/api/health"),
        ("get", "/api/openapi.json"),
        ("post", "/api/v1/auth/sign-in"),
        ("post", "/api/v1/auth/sign-out"),
        ("get", "/api/v1/me"),
        ("put", "/api/v1/device/key"),
        ("post", "/api/v1/sync/push"),
        ("post", "/api/v1/sync/pull"),
        ("get", "/api/v1/devices"),
        ("post", "/api/v1/devices/{id}/revoke"),
        ("get", "/api/v1/audit"),
        ("get", "/api/v1/history/{entity}/{entity_id}"),
        ("post", "/api/v1/import/students/preview"),
        ("post", "/api/v1/import/students/commit"),
    ];
    let paths = doc["paths"].as_object().unwrap();
    for (method, path) in routes {
        assert!(paths[path][method].is_object(), "{method} {path} missing");
        // And the route really exists (anything but the JSON 404 of unknown paths).
        let uri = path
            .replace("{id}", "0190c3e2-7a1b-7c4d-8e5f-0a1b2c3d4e5f")
            .replace("{entity}", "student")
            .replace("{entity_id}", "0190c3e2-7a1b-7c4d-8e5f-0a1b2c3d4e5f");
        let (status, _) = fx
            .call(&method.to_uppercase(), &uri, None, Some(json!({})))
            .await;
        assert_ne!(status, StatusCode::NOT_FOUND, "{method} {path}");
    }
    let documented: usize = paths.values().map(|p| p.as_object().unwrap().len()).sum();
    assert_eq!(
        documented,
        routes.len(),
        "a documented route is not tested here"
    );
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
}

#[tokio::test]
async fn the_demo_school_seeds_once_and_syncs_within_scope() {
    let fx = fixture();
    let seeded = seed_if_empty(fx.store.as_ref(), &fx.passwords, NOW)
        .unwrap()
        .unwrap();
    assert_eq!(seeded.len(), 8);
    for role in [
        Role::Mentor,
        Role::Teacher,
        Role::Senco,
        Role::Dsl,
        Role::Admin,
    ] {
        assert!(seeded.iter().any(|s| s.role == role), "{role}");
    }
    assert!(
        seed_if_empty(fx.store.as_ref(), &fx.passwords, NOW)
            .unwrap()
            .is_none()
    );
    assert_eq!(fx.store.staff_count().unwrap(), 8);

    let sign_in = |email: &str| {
        json!({"email": email, "password": DEMO_PASSWORD,
        "device_id": DeviceId::from_time_and_random(NOW, random(email.len() as u64)).unwrap().to_string(),
        "device_label": "Demo"})
    };
    let mut counts = BTreeMap::new();
    for email in [seeded[0].email, seeded[5].email] {
        let (status, body) = fx
            .call("POST", "/api/v1/auth/sign-in", None, Some(sign_in(email)))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let session = Session {
            token: body["token"].as_str().unwrap().to_owned(),
            device: body["device_id"].as_str().unwrap().parse().unwrap(),
            staff: body["staff"]["id"].as_str().unwrap().parse().unwrap(),
            clock: mentor_core::HlcClock::new(body["device_id"].as_str().unwrap().parse().unwrap()),
            seq: 0,
        };
        let mut records = BTreeMap::new();
        fx.pull_all(&session, 0, &mut records).await;
        let students = records
            .values()
            .filter(|r| r.entity == EntityKind::Student)
            .count();
        counts.insert(email, students);
    }
    assert_eq!(counts[seeded[5].email], 60, "the admin sees every student");
    let mentor = counts[seeded[0].email];
    assert!(
        mentor > 0 && mentor < 60,
        "the mentor sees only their own: {mentor}"
    );
}

//! Who may be signed in on which device, through the router and SQLite: a device id belongs to
//! the member of staff who first signed in with it, the server's own ids are never a device's,
//! a deleted member of staff stays signed out, and a revoked or deactivated device is told to
//! wipe at its next contact.

// An integration-test crate: its helpers are test code too, where a panic is the failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use axum::http::StatusCode;
use mentor_core::{DeviceId, Edit, EntityKind, Outcome};
use mentor_server::server_writes::SERVER_DEVICE;
use mentor_server::store::Role;
use serde_json::{Value, json};
use support::*;

fn sign_in_body(email: &str, password: &str, device: DeviceId) -> Value {
    json!({"email": email, "password": password, "device_id": device.to_string(),
           "device_label": "Staffroom tablet"})
}

async fn sign_in_on(fx: &Fixture, email: &str, device: DeviceId) -> (StatusCode, Value) {
    fx.call(
        "POST",
        "/api/v1/auth/sign-in",
        None,
        Some(sign_in_body(email, PASSWORD, device)),
    )
    .await
}

const PULL: &str = r#"{"schema_version": 1, "cursor": 0, "limit": 0}"#;

async fn pull_status(fx: &Fixture, token: &str) -> (StatusCode, Value) {
    fx.call_raw(
        "POST",
        "/api/v1/sync/pull",
        Some(token),
        Some(PULL.to_owned()),
    )
    .await
}

#[tokio::test]
async fn another_staff_member_cannot_take_over_a_device_id() {
    let mut fx = fixture();
    let owner = fx
        .session("Quill Ashdown", "quill@school.example", Role::Mentor)
        .await;
    fx.staff("Bram Holloway", "bram@school.example", Role::Admin);

    let (status, body) = sign_in_on(&fx, "bram@school.example", owner.device).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["error"]["code"], "device_taken");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("another")
    );

    // The owner's session is untouched: their token still works and names them.
    let (status, me) = fx.call("GET", "/api/v1/me", Some(&owner.token), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["staff"]["id"], owner.staff.to_string());
    // And the owner may sign in on it again.
    let (status, body) = sign_in_on(&fx, "quill@school.example", owner.device).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test]
async fn the_servers_own_device_id_and_the_nil_id_are_refused() {
    let mut fx = fixture();
    fx.staff("Bram Holloway", "bram@school.example", Role::Admin);
    let nil: DeviceId = "00000000-0000-0000-0000-000000000000".parse().unwrap();
    for reserved in [SERVER_DEVICE, nil] {
        let (status, body) = sign_in_on(&fx, "bram@school.example", reserved).await;
        assert_eq!(status, StatusCode::CONFLICT, "{reserved}: {body}");
        assert_eq!(body["error"]["code"], "device_taken");
    }
}

#[tokio::test]
async fn a_revived_staff_record_does_not_bring_back_sign_in_or_tokens() {
    let mut fx = fixture();
    let mut admin = fx
        .session("Bram Holloway", "bram@school.example", Role::Admin)
        .await;
    let mentor = fx
        .session("Quill Ashdown", "quill@school.example", Role::Mentor)
        .await;

    let delete = admin.op(Edit::delete(EntityKind::Staff, mentor.staff));
    let revive = admin.op(Edit::update(
        EntityKind::Staff,
        mentor.staff,
        fields(json!({"display_name": "Quill Ashdown-Reed"})),
    ));
    let pushed = fx.push(&admin, vec![delete]).await;
    assert_eq!(pushed.results[0].outcome, Outcome::Applied);
    let pushed = fx.push(&admin, vec![revive]).await;
    assert_eq!(pushed.results[0].outcome, Outcome::Applied);

    // The old token never works again: the device is told to wipe.
    let (status, body) = pull_status(&fx, &mentor.token).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["error"]["code"], "wipe");
    // And no sign-in with the right password, on any device, gets a token.
    let fresh = DeviceId::from_time_and_random(NOW, random(77)).unwrap();
    let (status, body) = sign_in_on(&fx, "quill@school.example", fresh).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    assert_eq!(body["error"]["code"], "bad_credentials");
}

#[tokio::test]
async fn a_deactivated_staff_members_device_is_told_to_wipe_when_it_syncs_or_signs_in() {
    let mut fx = fixture();
    let mut admin = fx
        .session("Bram Holloway", "bram@school.example", Role::Admin)
        .await;
    let mentor = fx
        .session("Quill Ashdown", "quill@school.example", Role::Mentor)
        .await;
    let delete = admin.op(Edit::delete(EntityKind::Staff, mentor.staff));
    assert_eq!(
        fx.push(&admin, vec![delete]).await.results[0].outcome,
        Outcome::Applied
    );

    let (status, body) = pull_status(&fx, &mentor.token).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["error"]["code"], "wipe");
    // A device that had signed out (no token) still hears it when it tries to sign in.
    let (status, body) = sign_in_on(&fx, "quill@school.example", mentor.device).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["error"]["code"], "wipe");
    // The admin's list shows the device revoked.
    let (_, list) = fx
        .call("GET", "/api/v1/devices", Some(&admin.token), None)
        .await;
    let entry = list
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == mentor.device.to_string())
        .unwrap();
    assert!(entry["revoked_at_ms"].is_u64(), "{entry}");
}

#[tokio::test]
async fn a_revoked_device_is_told_to_wipe_at_sign_in_even_with_a_wrong_password() {
    let mut fx = fixture();
    let admin = fx
        .session("Bram Holloway", "bram@school.example", Role::Admin)
        .await;
    let mentor = fx
        .session("Quill Ashdown", "quill@school.example", Role::Mentor)
        .await;
    let revoke = format!("/api/v1/devices/{}/revoke", mentor.device);
    let (status, _) = fx.call("POST", &revoke, Some(&admin.token), None).await;
    assert_eq!(status, StatusCode::OK);
    for password in [PASSWORD, "not the password"] {
        let (status, body) = fx
            .call(
                "POST",
                "/api/v1/auth/sign-in",
                None,
                Some(sign_in_body(
                    "quill@school.example",
                    password,
                    mentor.device,
                )),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{password}: {body}");
        assert_eq!(body["error"]["code"], "wipe");
    }
}

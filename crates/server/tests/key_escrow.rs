//! A device's data key escrowed with the server (`PUT /api/v1/device/key`) and handed back at
//! its owner's next sign-in on it, through the router and SQLite.

// An integration-test crate: its helpers are test code too, where a panic is the failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use axum::http::StatusCode;
use mentor_core::DeviceId;
use mentor_server::store::Role;
use serde_json::{Value, json};
use support::*;

/// 32 bytes, base64url without padding.
const KEY: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";
const OTHER_KEY: &str = "__79_Pv6-fj39vX08_Lx8O_u7ezr6uno5-bl5OPi4eA";

async fn escrow(fx: &Fixture, token: &str, key: &str) -> (StatusCode, Value) {
    fx.call(
        "PUT",
        "/api/v1/device/key",
        Some(token),
        Some(json!({"key": key})),
    )
    .await
}

async fn sign_in_on(fx: &Fixture, email: &str, device: DeviceId) -> (StatusCode, Value) {
    fx.call(
        "POST",
        "/api/v1/auth/sign-in",
        None,
        Some(json!({"email": email, "password": PASSWORD,
                    "device_id": device.to_string(), "device_label": "Phone"})),
    )
    .await
}

#[tokio::test]
async fn an_escrowed_key_comes_back_at_the_owners_next_sign_in_on_that_device() {
    let mut fx = fixture();
    let mentor = fx
        .session("Quill Ashdown", "quill@school.example", Role::Mentor)
        .await;
    let (status, body) = sign_in_on(&fx, "quill@school.example", mentor.device).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.get("escrowed_key").is_none(), "nothing escrowed yet");
    let token = body["token"].as_str().unwrap().to_owned();

    let (status, body) = escrow(&fx, &token, OTHER_KEY).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    // A later key replaces the earlier one.
    let (status, _) = escrow(&fx, &token, KEY).await;
    assert_eq!(status, StatusCode::NO_CONTENT);

    let (status, body) = sign_in_on(&fx, "quill@school.example", mentor.device).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["escrowed_key"], KEY);
    // Another device of the same person has no key of its own.
    let elsewhere = DeviceId::from_time_and_random(NOW, random(901)).unwrap();
    let (status, body) = sign_in_on(&fx, "quill@school.example", elsewhere).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.get("escrowed_key").is_none(), "{body}");
}

#[tokio::test]
async fn another_staff_members_sign_in_never_gets_the_key() {
    let mut fx = fixture();
    let mentor = fx
        .session("Quill Ashdown", "quill@school.example", Role::Mentor)
        .await;
    fx.staff("Bram Holloway", "bram@school.example", Role::Admin);
    assert_eq!(
        escrow(&fx, &mentor.token, KEY).await.0,
        StatusCode::NO_CONTENT
    );
    let (status, body) = sign_in_on(&fx, "bram@school.example", mentor.device).await;
    assert_ne!(status, StatusCode::OK, "{body}");
    assert!(!body.to_string().contains(KEY), "{body}");
}

#[tokio::test]
async fn a_revoked_or_signed_out_devices_key_is_gone() {
    let mut fx = fixture();
    let admin = fx
        .session("Bram Holloway", "bram@school.example", Role::Admin)
        .await;
    let revoked = fx
        .session("Quill Ashdown", "quill@school.example", Role::Mentor)
        .await;
    assert_eq!(
        escrow(&fx, &revoked.token, KEY).await.0,
        StatusCode::NO_CONTENT
    );
    let revoke = format!("/api/v1/devices/{}/revoke", revoked.device);
    assert_eq!(
        fx.call("POST", &revoke, Some(&admin.token), None).await.0,
        StatusCode::OK
    );
    let (status, body) = sign_in_on(&fx, "quill@school.example", revoked.device).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(!body.to_string().contains(KEY), "{body}");
    assert_eq!(
        fx.rows_in("device_keys"),
        0,
        "the revoked device's key is erased"
    );

    let signed_out = fx.sign_in("quill@school.example", revoked.staff).await;
    assert_eq!(
        escrow(&fx, &signed_out.token, KEY).await.0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(fx.rows_in("device_keys"), 1);
    let (status, _) = fx
        .call(
            "POST",
            "/api/v1/auth/sign-out",
            Some(&signed_out.token),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(fx.rows_in("device_keys"), 0, "signing out erases the key");
    let (status, body) = sign_in_on(&fx, "quill@school.example", signed_out.device).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.get("escrowed_key").is_none(), "{body}");
}

#[tokio::test]
async fn a_key_that_is_not_32_bytes_of_base64url_is_a_clear_400() {
    let mut fx = fixture();
    let mentor = fx
        .session("Quill Ashdown", "quill@school.example", Role::Mentor)
        .await;
    let short = &KEY[..40];
    let padded = format!("{KEY}=");
    for bad in ["", "not base64 at all!", short, padded.as_str()] {
        let (status, body) = escrow(&fx, &mentor.token, bad).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad:?}: {body}");
        assert_eq!(body["error"]["code"], "bad_request");
        assert!(
            body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("32 bytes"),
            "{body}"
        );
    }
    let (status, body) = escrow(&fx, "made-up-token", KEY).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
}

//! How long a sign-in lasts and on how many devices, through the router and SQLite, with the
//! server's clock moved on instead of waiting.

// An integration-test crate: its helpers are test code too, where a panic is the failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use axum::http::StatusCode;
use mentor_core::DeviceId;
use mentor_core::auth_api::MAX_ACTIVE_DEVICES;
use mentor_server::store::Role;
use serde_json::{Value, json};
use support::*;

async fn me(fx: &Fixture, token: &str) -> (StatusCode, Value) {
    fx.call("GET", "/api/v1/me", Some(token), None).await
}

fn assert_expired(status: StatusCode, body: &Value) {
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    assert_eq!(body["error"]["code"], "unauthenticated");
    let message = body["error"]["message"].as_str().unwrap();
    assert!(message.contains("online"), "{message}");
    assert!(message.contains("kept"), "{message}");
}

async fn sign_in_on(fx: &Fixture, email: &str, device: u64) -> (StatusCode, Value) {
    let device = DeviceId::from_time_and_random(NOW, random(device)).unwrap();
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
async fn a_token_unused_for_30_days_expires_with_a_message_to_sign_in_online() {
    let mut fx = fixture();
    let mentor = fx
        .session("Quill Ashdown", "quill@school.example", Role::Mentor)
        .await;
    fx.clock.advance(29 * DAY_MS);
    assert_eq!(me(&fx, &mentor.token).await.0, StatusCode::OK);
    fx.clock.advance(29 * DAY_MS);
    assert_eq!(
        me(&fx, &mentor.token).await.0,
        StatusCode::OK,
        "use renews it"
    );
    fx.clock.advance(31 * DAY_MS);
    let (status, body) = me(&fx, &mentor.token).await;
    assert_expired(status, &body);
    // The same person signs in again on the same device and carries on.
    let (status, body) = fx
        .call(
            "POST",
            "/api/v1/auth/sign-in",
            None,
            Some(
                json!({"email": "quill@school.example", "password": PASSWORD,
                        "device_id": mentor.device.to_string()}),
            ),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["device_id"], mentor.device.to_string());
}

#[tokio::test]
async fn a_token_in_daily_use_still_expires_180_days_after_its_sign_in() {
    let mut fx = fixture();
    let mentor = fx
        .session("Quill Ashdown", "quill@school.example", Role::Mentor)
        .await;
    for _ in 0..17 {
        fx.clock.advance(10 * DAY_MS);
        assert_eq!(me(&fx, &mentor.token).await.0, StatusCode::OK);
    }
    fx.clock.advance(11 * DAY_MS);
    let (status, body) = me(&fx, &mentor.token).await;
    assert_expired(status, &body);
}

#[tokio::test]
async fn a_sixth_device_ends_the_session_used_least_recently() {
    let mut fx = fixture();
    fx.staff("Quill Ashdown", "quill@school.example", Role::Mentor);
    let mut tokens = Vec::new();
    for device in 0..MAX_ACTIVE_DEVICES as u64 {
        let (status, body) = sign_in_on(&fx, "quill@school.example", 100 + device).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        tokens.push(body["token"].as_str().unwrap().to_owned());
        fx.clock.advance(DAY_MS);
    }
    // The first device is used today, so the second is now the one used least recently.
    assert_eq!(me(&fx, &tokens[0]).await.0, StatusCode::OK);
    // Signing in again on a device already counted is not a new device.
    let (status, body) = sign_in_on(&fx, "quill@school.example", 104).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    tokens[4] = body["token"].as_str().unwrap().to_owned();

    let (status, body) = sign_in_on(&fx, "quill@school.example", 200).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    tokens.push(body["token"].as_str().unwrap().to_owned());
    let mut live = 0;
    for (index, token) in tokens.iter().enumerate() {
        let (status, body) = me(&fx, token).await;
        if index == 1 {
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
            assert_eq!(body["error"]["code"], "unauthenticated");
        } else {
            assert_eq!(status, StatusCode::OK, "device {index}: {body}");
            live += 1;
        }
    }
    assert_eq!(live, MAX_ACTIVE_DEVICES);

    // Another member of staff's devices are theirs alone: Bram's sign-ins end none of Quill's.
    fx.staff("Bram Holloway", "bram@school.example", Role::Mentor);
    for device in 0..MAX_ACTIVE_DEVICES as u64 {
        assert_eq!(
            sign_in_on(&fx, "bram@school.example", 300 + device).await.0,
            StatusCode::OK
        );
    }
    assert_eq!(me(&fx, &tokens[2]).await.0, StatusCode::OK);
}

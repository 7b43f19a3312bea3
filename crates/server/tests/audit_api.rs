//! The sign-in and security audit (`GET /api/v1/audit`), through the router and SQLite.

// An integration-test crate: its helpers are test code too, where a panic is the failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use axum::http::StatusCode;
use mentor_core::audit_api::{AuditEvent, AuditKind, AuditPage, MAX_AUDIT_PAGE};
use mentor_core::{DeviceId, Edit, EntityKind};
use mentor_server::store::Role;
use serde_json::json;
use support::*;

const KEY: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";

async fn audit(fx: &Fixture, token: &str, query: &str) -> AuditPage {
    let (status, body) = fx
        .call("GET", &format!("/api/v1/audit{query}"), Some(token), None)
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_value(body).unwrap()
}

fn find(events: &[AuditEvent], kind: AuditKind) -> Vec<&AuditEvent> {
    events.iter().filter(|event| event.kind == kind).collect()
}

#[tokio::test]
async fn sign_ins_devices_keys_revocations_wipes_and_expiries_are_recorded() {
    let mut fx = fixture();
    let mut admin = fx
        .session("Bram Holloway", "bram@school.example", Role::Admin)
        .await;
    let mentor = fx
        .session("Quill Ashdown", "quill@school.example", Role::Mentor)
        .await;
    let departing = fx
        .session("Wren Calloway", "wren@school.example", Role::Teacher)
        .await;

    // A wrong password for a known email, and an email nobody has.
    for email in ["quill@school.example", "nobody@school.example"] {
        let device = DeviceId::from_time_and_random(NOW, random(700)).unwrap();
        let (status, _) = fx
            .call(
                "POST",
                "/api/v1/auth/sign-in",
                None,
                Some(json!({"email": email, "password": "a wrong guess",
                            "device_id": device.to_string()})),
            )
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    // A key escrowed, then recovered at the next sign-in.
    let (status, _) = fx
        .call(
            "PUT",
            "/api/v1/device/key",
            Some(&mentor.token),
            Some(json!({"key": KEY})),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let again = fx.sign_in("quill@school.example", mentor.staff).await;
    let (status, body) = fx
        .call(
            "POST",
            "/api/v1/auth/sign-in",
            None,
            Some(
                json!({"email": "quill@school.example", "password": PASSWORD,
                        "device_id": mentor.device.to_string(), "device_label": "Test tablet"}),
            ),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["escrowed_key"], KEY);
    let recovered_token = body["token"].as_str().unwrap().to_owned();
    // A revocation and the wipe it sends.
    let revoke = format!("/api/v1/devices/{}/revoke", again.device);
    assert_eq!(
        fx.call("POST", &revoke, Some(&admin.token), None).await.0,
        StatusCode::OK
    );
    let (status, _) = fx.call("GET", "/api/v1/me", Some(&again.token), None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // A member of staff deleted.
    let delete = admin.op(Edit::delete(EntityKind::Staff, departing.staff));
    fx.push(&admin, vec![delete]).await;

    let page = audit(&fx, &admin.token, "").await;
    let events = &page.events;
    assert!(
        events.windows(2).all(|pair| pair[0].id > pair[1].id),
        "newest first"
    );
    let signed_in = find(events, AuditKind::SignedIn);
    assert_eq!(signed_in.len(), 5, "{signed_in:#?}");
    assert!(signed_in.iter().all(|event| event.at_ms == NOW));
    let registered = find(events, AuditKind::DeviceRegistered);
    assert_eq!(registered.len(), 4, "a device is registered once");
    assert!(registered.iter().any(|event| {
        event.device_id == Some(mentor.device)
            && event.staff_id == Some(mentor.staff)
            && event.staff_name.as_deref() == Some("Quill Ashdown")
            && event.device_label.as_deref() == Some("Test tablet")
    }));
    let refused = find(events, AuditKind::SignInRefused);
    assert_eq!(refused.len(), 2);
    assert!(
        refused
            .iter()
            .any(|event| event.staff_id == Some(mentor.staff))
    );
    assert!(refused.iter().any(|event| event.staff_id.is_none()));
    assert!(refused.iter().all(|event| event.detail.is_some()));
    let escrowed = find(events, AuditKind::KeyEscrowed);
    assert_eq!(escrowed.len(), 1);
    assert_eq!(escrowed[0].device_id, Some(mentor.device));
    let recovered = find(events, AuditKind::KeyRecovered);
    assert_eq!(recovered.len(), 1);
    assert_eq!(recovered[0].staff_id, Some(mentor.staff));
    let revoked = find(events, AuditKind::DeviceRevoked);
    assert_eq!(revoked.len(), 1);
    assert_eq!(revoked[0].device_id, Some(again.device));
    assert_eq!(revoked[0].staff_id, Some(admin.staff), "who revoked it");
    let wipes = find(events, AuditKind::WipeSent);
    assert_eq!(wipes.len(), 1);
    assert_eq!(wipes[0].device_id, Some(again.device));
    let deactivated = find(events, AuditKind::StaffDeactivated);
    assert_eq!(deactivated.len(), 1);
    assert_eq!(deactivated[0].staff_id, Some(departing.staff));

    // A month later the mentor's session has expired, and that is recorded too.
    fx.clock.advance(31 * DAY_MS);
    let (status, _) = fx
        .call("GET", "/api/v1/me", Some(&recovered_token), None)
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let fresh_admin = fx.sign_in("bram@school.example", admin.staff).await;
    let page = audit(&fx, &fresh_admin.token, "").await;
    let expired = find(&page.events, AuditKind::TokenExpired);
    assert_eq!(expired.len(), 1);
    assert_eq!(expired[0].device_id, Some(mentor.device));
    assert_eq!(expired[0].at_ms, NOW + 31 * DAY_MS);
}

#[tokio::test]
async fn only_administrators_read_the_audit_a_bounded_page_at_a_time() {
    let mut fx = fixture();
    let admin = fx
        .session("Bram Holloway", "bram@school.example", Role::Admin)
        .await;
    let mentor = fx
        .session("Quill Ashdown", "quill@school.example", Role::Mentor)
        .await;
    let (status, body) = fx
        .call("GET", "/api/v1/audit", Some(&mentor.token), None)
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["error"]["code"], "forbidden");
    let (status, _) = fx.call("GET", "/api/v1/audit", None, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // 4 events so far (2 sign-ins, 2 devices registered); read them 3 at a time.
    let first = audit(&fx, &admin.token, "?limit=3").await;
    assert_eq!(first.events.len(), 3);
    let before = first.next_before.unwrap();
    let rest = audit(&fx, &admin.token, &format!("?limit=3&before={before}")).await;
    assert_eq!(rest.events.len(), 1);
    assert!(rest.next_before.is_none());
    assert!(rest.events[0].id < first.events[2].id);

    let huge = audit(&fx, &admin.token, "?limit=100000").await;
    assert!(huge.events.len() <= MAX_AUDIT_PAGE as usize);
    let (status, body) = fx
        .call("GET", "/api/v1/audit?limit=lots", Some(&admin.token), None)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(body["error"]["code"], "bad_request");
}

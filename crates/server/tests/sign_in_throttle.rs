//! Sign-in against a guessing client, through the router over a real SQLite file: attempts
//! are counted before any password is checked, a guesser is slowed down without locking the
//! rightful user out, and forwarded addresses are believed only from a trusted proxy.

// An integration-test crate: its helpers are test code too, where a panic is the failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::net::SocketAddr;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Request, StatusCode, header};
use mentor_core::DeviceId;
use mentor_server::ServerOptions;
use mentor_server::store::Role;
use serde_json::{Value, json};
use support::*;

const EMAIL: &str = "q.ashdown@hollowmere.example";
const ATTACKER: &str = "198.51.100.7:40000";
const RIGHTFUL: &str = "203.0.113.20:50000";

/// A sign-in from `peer`, with `headers` added, as device `device`.
fn sign_in_request(
    peer: &str,
    headers: &[(&str, &str)],
    email: &str,
    password: &str,
    device: u64,
) -> Request<Body> {
    let device = DeviceId::from_time_and_random(NOW, random(device)).unwrap();
    let body = json!({"email": email, "password": password,
                      "device_id": device.to_string(), "device_label": "Staffroom laptop"});
    let mut request =
        Request::post("/api/v1/auth/sign-in").header(header::CONTENT_TYPE, "application/json");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let mut request = request.body(Body::from(body.to_string())).unwrap();
    let peer: SocketAddr = peer.parse().unwrap();
    request.extensions_mut().insert(ConnectInfo(peer));
    request
}

async fn sign_in(
    app: &Router,
    peer: &str,
    headers: &[(&str, &str)],
    password: &str,
    device: u64,
) -> (StatusCode, HeaderMap, Value) {
    send(app, sign_in_request(peer, headers, EMAIL, password, device)).await
}

/// Sends every request at once, in order, and answers their statuses in the same order.
async fn burst(app: &Router, requests: Vec<Request<Body>>) -> Vec<(StatusCode, Value)> {
    let mut tasks = tokio::task::JoinSet::new();
    for (index, request) in requests.into_iter().enumerate() {
        let app = app.clone();
        tasks.spawn(async move {
            let (status, _, body) = send(&app, request).await;
            (index, status, body)
        });
    }
    let mut answers = tasks.join_all().await;
    answers.sort_by_key(|(index, _, _)| *index);
    answers
        .into_iter()
        .map(|(_, status, body)| (status, body))
        .collect()
}

/// Wrong passwords from `peer` until one is refused unchecked; how many were checked.
async fn guess_until_throttled(app: &Router, peer: &str, headers: &[(&str, &str)]) -> usize {
    for checked in 0..20 {
        let (status, retry, body) = sign_in(app, peer, headers, "wrong password guess", 1).await;
        if status == StatusCode::TOO_MANY_REQUESTS {
            assert_eq!(body["error"]["code"], "too_many_attempts", "{body}");
            assert!(retry.contains_key(header::RETRY_AFTER));
            return checked;
        }
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    }
    panic!("20 wrong passwords in a row were all checked");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_forty_wrong_passwords_is_checked_only_a_few_times() {
    let mut fx = fixture();
    fx.staff("Quill Ashdown", EMAIL, Role::Mentor);
    let requests = (0..40)
        .map(|n| sign_in_request(ATTACKER, &[], EMAIL, &format!("guess number {n}"), 1))
        .collect();
    let answers = burst(&fx.app, requests).await;
    let checked = answers
        .iter()
        .filter(|(status, _)| *status == StatusCode::UNAUTHORIZED)
        .count();
    assert!(
        checked <= 5,
        "{checked} of 40 concurrent guesses were checked"
    );
    for (status, body) in &answers {
        assert!(
            matches!(
                *status,
                StatusCode::UNAUTHORIZED | StatusCode::TOO_MANY_REQUESTS
            ),
            "{status} {body}"
        );
    }
}

/// A guesser who bursts can get no more password checks than one who waits its turn: sign-ins
/// turned away as busy are never checked, and those checked count before their hash. Once
/// the bursts have used the free failures, the right password from the same client waits
/// like any other guess. (Which attempts of one burst are checked first is up to the
/// scheduler, so the right password is sent after the wrong ones, not inside a burst.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_bursts_of_wrong_passwords_the_right_one_from_the_same_client_waits() {
    let mut fx = fixture();
    fx.staff("Quill Ashdown", EMAIL, Role::Mentor);
    let mut checked = 0;
    for round in 0.. {
        assert!(round < 10, "ten bursts of 40 guesses never met a wait");
        let requests = (0..40)
            .map(|n| sign_in_request(ATTACKER, &[], EMAIL, &format!("guess {round}.{n}"), 1))
            .collect();
        let answers = burst(&fx.app, requests).await;
        checked += answers
            .iter()
            .filter(|(status, _)| *status == StatusCode::UNAUTHORIZED)
            .count();
        let waited = answers
            .iter()
            .any(|(_, body)| body["error"]["code"] == "too_many_attempts");
        if waited {
            break;
        }
    }
    assert!(checked <= 5, "{checked} guesses checked before any wait");
    let (status, retry, body) = sign_in(&fx.app, ATTACKER, &[], PASSWORD, 1).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert_eq!(body["error"]["code"], "too_many_attempts", "{body}");
    assert!(retry.contains_key(header::RETRY_AFTER));
}

#[tokio::test]
async fn the_rightful_user_signs_in_from_their_own_address_while_a_guesser_is_slowed_down() {
    let mut fx = fixture();
    fx.staff("Quill Ashdown", EMAIL, Role::Mentor);
    let checked = guess_until_throttled(&fx.app, ATTACKER, &[]).await;
    assert!(checked <= 5, "{checked} guesses checked before any wait");

    let (status, _, body) = sign_in(&fx.app, RIGHTFUL, &[], PASSWORD, 2).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // The guesser is still waiting, right password or not.
    let (status, _, body) = sign_in(&fx.app, ATTACKER, &[], PASSWORD, 1).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
}

#[tokio::test]
async fn credentials_over_a_kilobyte_are_refused_before_any_check_and_count_for_nothing() {
    let mut fx = fixture();
    fx.staff("Quill Ashdown", EMAIL, Role::Mentor);
    let long_email = format!("{}@hollowmere.example", "q".repeat(1_000_000));
    let long_password = "p".repeat(2_000);
    for _ in 0..10 {
        for (email, password) in [
            (long_email.as_str(), PASSWORD),
            (EMAIL, long_password.as_str()),
        ] {
            let (status, _, body) =
                send(&fx.app, sign_in_request(ATTACKER, &[], email, password, 1)).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
            assert_eq!(body["error"]["code"], "bad_request");
            assert_eq!(
                body["error"]["message"],
                "The email or password is longer than 1024 characters. Check what was typed or pasted."
            );
        }
    }
    // Twenty refusals and the right password still signs in from the same address.
    let (status, _, body) = sign_in(&fx.app, ATTACKER, &[], PASSWORD, 1).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test]
async fn forwarded_addresses_are_believed_only_from_a_trusted_proxy() {
    const PROXY: &str = "10.0.0.2:51000";
    let guesser = [("x-forwarded-for", "198.51.100.7")];
    let rightful = [("x-forwarded-for", "203.0.113.20")];

    // Without the option the proxy's own address is the client, whatever a header says: a
    // guesser cannot take a fresh address for each guess.
    let mut fx = fixture();
    fx.staff("Quill Ashdown", EMAIL, Role::Mentor);
    for n in 0..10 {
        let forged = format!("192.0.2.{n}");
        let (status, _, body) = sign_in(
            &fx.app,
            PROXY,
            &[("x-forwarded-for", &forged)],
            "wrong password guess",
            1,
        )
        .await;
        if status == StatusCode::TOO_MANY_REQUESTS {
            assert!(n <= 5, "{n} guesses checked under forged addresses");
            break;
        }
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
        assert!(n < 9, "ten guesses under forged addresses were all checked");
    }

    // With the proxy trusted, each client behind it is counted on its own.
    let mut fx = fixture_with(ServerOptions {
        trusted_proxies: vec!["10.0.0.2".parse().unwrap()],
        ..ServerOptions::default()
    });
    fx.staff("Quill Ashdown", EMAIL, Role::Mentor);
    guess_until_throttled(&fx.app, PROXY, &guesser).await;
    let (status, _, body) = sign_in(&fx.app, PROXY, &rightful, PASSWORD, 2).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _, _) = sign_in(&fx.app, PROXY, &guesser, PASSWORD, 1).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
}

//! Clients that are slow or send too much, against a server bound on 127.0.0.1 (raw TCP) or
//! the router, over a real SQLite file: timeouts close what a client holds open, bodies are
//! limited on every route, and requests beyond what the server takes at once are refused.

// An integration-test crate: its helpers are test code too, where a panic is the failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use mentor_server::auth::Passwords;
use mentor_server::{AppState, ServerOptions, Site, SqliteStore};
use serde_json::Value;
use support::*;

/// Longer than any timeout these tests set: a socket still open after it has not been closed
/// by the server. (A guard against hanging, not a timing assertion.)
const GIVE_UP: Duration = Duration::from_secs(15);

/// A server with `options` on a free port of 127.0.0.1, serving until the test ends.
async fn bound_server(options: ServerOptions) -> (SocketAddr, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open_in(dir.path()).unwrap();
    let state = AppState::new(
        std::sync::Arc::new(store),
        Site::default(),
        Passwords::fast_for_tests().unwrap(),
    )
    .with_options(options);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(mentor_server::serve::serve(
        listener,
        state,
        std::future::pending(),
    ));
    (addr, dir)
}

/// Everything the server sends until it closes the connection; `None` if it is still open
/// after [`GIVE_UP`].
fn read_until_closed(stream: &mut TcpStream) -> Option<String> {
    stream.set_read_timeout(Some(GIVE_UP)).unwrap();
    let mut received = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return Some(String::from_utf8_lossy(&received).into_owned()),
            Ok(n) => received.extend_from_slice(&buffer[..n]),
            Err(err) if err.kind() == ErrorKind::ConnectionReset => {
                return Some(String::from_utf8_lossy(&received).into_owned());
            }
            Err(err) if matches!(err.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return None;
            }
            Err(err) => panic!("reading from the server: {err}"),
        }
    }
}

/// A complete request on its own connection; the status line and the JSON body.
fn request(addr: SocketAddr, raw: &str) -> (String, Value) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.write_all(raw.as_bytes()).unwrap();
    let answer = read_until_closed(&mut stream).expect("the server did not answer");
    let status = answer.lines().next().unwrap_or_default().to_owned();
    let body = answer.split("\r\n\r\n").nth(1).unwrap_or_default();
    (status, serde_json::from_str(body).unwrap_or(Value::Null))
}

/// Asks for the health report every 10 ms until `wanted` holds of the status line, for at
/// most [`GIVE_UP`]: the answer that did.
fn ask_until(addr: SocketAddr, wanted: impl Fn(&str) -> bool) -> Option<(String, Value)> {
    let tries = GIVE_UP.as_millis() / 10;
    (0..tries).find_map(|_| {
        let answer = request(addr, HEALTH);
        if wanted(&answer.0) {
            return Some(answer);
        }
        std::thread::sleep(Duration::from_millis(10));
        None
    })
}

/// Whether the server has answered on `stream` (or closed it), without waiting.
fn answered(stream: &TcpStream) -> bool {
    stream.set_nonblocking(true).unwrap();
    let answered =
        !matches!(stream.peek(&mut [0u8; 1]), Err(err) if err.kind() == ErrorKind::WouldBlock);
    stream.set_nonblocking(false).unwrap();
    answered
}

/// A sign-in whose body never comes.
const HOLDER: &[u8] = b"POST /api/v1/auth/sign-in HTTP/1.1\r\nHost: school.example\r\n\
    Content-Type: application/json\r\nContent-Length: 200\r\n\r\n";

const HEALTH: &str =
    "GET /api/health HTTP/1.1\r\nHost: school.example\r\nConnection: close\r\n\r\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_never_finishes_its_headers_is_disconnected() {
    let (addr, _dir) = bound_server(ServerOptions {
        header_read_timeout: Duration::from_secs(1),
        ..ServerOptions::default()
    })
    .await;
    let closed = tokio::task::spawn_blocking(move || {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream.write_all(b"GET /api/hea").unwrap();
        read_until_closed(&mut stream)
    })
    .await
    .unwrap();
    assert!(
        closed.is_some(),
        "half a request line kept its connection open"
    );
    // The server still serves everyone else.
    let (status, body) = tokio::task::spawn_blocking(move || request(addr, HEALTH))
        .await
        .unwrap();
    assert!(status.contains(" 200 "), "{status} {body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_never_finishes_its_body_is_answered_and_disconnected() {
    let (addr, _dir) = bound_server(ServerOptions {
        request_timeout: Duration::from_secs(1),
        ..ServerOptions::default()
    })
    .await;
    let answer = tokio::task::spawn_blocking(move || {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream
            .write_all(
                b"POST /api/v1/auth/sign-in HTTP/1.1\r\nHost: school.example\r\n\
                  Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"email\": \"q",
            )
            .unwrap();
        read_until_closed(&mut stream)
    })
    .await
    .unwrap()
    .expect("a body that never ends kept its connection open");
    assert!(answer.starts_with("HTTP/1.1 503 "), "{answer}");
    assert!(answer.contains("\"code\":\"server_busy\""), "{answer}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_beyond_what_the_server_takes_at_once_are_refused_with_503() {
    let (addr, _dir) = bound_server(ServerOptions {
        max_concurrent_requests: 1,
        ..ServerOptions::default()
    })
    .await;
    let answers = tokio::task::spawn_blocking(move || {
        // One request that holds the server's only place: its body never comes. Another
        // client asks until it is refused. The holder is read on its own task, so a try may
        // come first, or be in flight when the holder arrives: then the holder is the one
        // refused, and a new holder is sent.
        for _ in 0..100 {
            let mut holder = TcpStream::connect(addr).unwrap();
            holder.write_all(HOLDER).unwrap();
            for _ in 0..20 {
                let answer = request(addr, HEALTH);
                if !answer.0.contains(" 200 ") {
                    drop(holder);
                    let after = ask_until(addr, |status| status.contains(" 200 "));
                    return (Some(answer), after);
                }
                if answered(&holder) {
                    break;
                }
                std::thread::sleep(Duration::from_millis(10));
            }
        }
        (None, None)
    })
    .await
    .unwrap();
    let (status, body) = answers.0.expect("never refused while the server was full");
    assert!(status.contains(" 503 "), "{status}");
    assert_eq!(body["error"]["code"], "server_busy");
    assert!(
        answers.1.is_some(),
        "not served again once the place was free"
    );
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused_on_every_route() {
    let fx = fixture();
    let big = "x".repeat(1024 * 1024 + 1);
    for (method, uri) in [
        ("POST", "/api/v1/auth/sign-out"),
        ("GET", "/api/v1/me"),
        ("POST", "/api/v1/auth/sign-in"),
        ("GET", "/api/health"),
        ("POST", "/"),
    ] {
        let request = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::CONTENT_LENGTH, big.len())
            .body(Body::from(big.clone()))
            .unwrap();
        let (status, _, body) = send(&fx.app, request).await;
        assert_eq!(
            status,
            StatusCode::PAYLOAD_TOO_LARGE,
            "{method} {uri}: {body}"
        );
        assert_eq!(body["error"]["code"], "payload_too_large", "{method} {uri}");
    }
}

#[tokio::test]
async fn strict_transport_security_is_sent_only_when_the_server_is_behind_https() {
    let health = || Request::get("/api/health").body(Body::empty()).unwrap();
    let (status, headers, _) = send(&fixture().app, health()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!headers.contains_key(header::STRICT_TRANSPORT_SECURITY));

    let https = fixture_with(ServerOptions {
        https: true,
        ..ServerOptions::default()
    });
    for request in [
        health(),
        Request::get("/api/v1/no-such-thing")
            .body(Body::empty())
            .unwrap(),
    ] {
        let (_, headers, _) = send(&https.app, request).await;
        assert_eq!(
            headers[header::STRICT_TRANSPORT_SECURITY],
            "max-age=63072000; includeSubDomains"
        );
    }
}

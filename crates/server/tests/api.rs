//! The router, driven without a socket, over a real SQLite file and a small built site.

// An integration-test crate: its helpers are test code too, where a panic is the failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response, StatusCode, header};
use http_body_util::BodyExt;
use mentor_server::auth::Passwords;
use mentor_server::{AppState, Site, SqliteStore, app};
use tower::ServiceExt;

const LOADER: &str = "import init from '/progress-mentor-0123456789abcdef.js'; await init();";
const WASM_NAME: &str = "progress-mentor-0123456789abcdef_bg.wasm";

struct Fixture {
    _dir: tempfile::TempDir,
    app: Router,
    wasm: Vec<u8>,
}

/// A dist/ as the build leaves it: hashed outputs with `.br` and `.gz` siblings.
fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let dist = dir.path().join("dist");
    let data = dir.path().join("data");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        dist.join("index.html"),
        format!(
            "<!doctype html><title>Progress Mentor</title><script type=\"module\">{LOADER}</script>"
        ),
    )
    .unwrap();
    std::fs::write(
        dist.join("sw.js"),
        "self.addEventListener('fetch', () => {});",
    )
    .unwrap();
    std::fs::write(dist.join("manifest.webmanifest"), "{}").unwrap();
    let wasm: Vec<u8> = (0..20_000u32)
        .flat_map(|i| (i % 251).to_le_bytes())
        .collect();
    write_with_compressed_siblings(&dist.join(WASM_NAME), &wasm);

    let store = SqliteStore::open_in(&data).unwrap();
    let site = Site::load(&dist).unwrap();
    Fixture {
        app: app(AppState::new(
            Arc::new(store),
            site,
            Passwords::fast_for_tests().unwrap(),
        )),
        wasm,
        _dir: dir,
    }
}

fn write_with_compressed_siblings(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes).unwrap();
    std::fs::write(path.with_extension("wasm.gz"), gz.finish().unwrap()).unwrap();
    let mut br = Vec::new();
    brotli::BrotliCompress(&mut &bytes[..], &mut br, &Default::default()).unwrap();
    std::fs::write(path.with_extension("wasm.br"), br).unwrap();
}

async fn get(app: &Router, uri: &str, accept_encoding: Option<&str>) -> Response<Body> {
    let mut request = Request::get(uri);
    if let Some(encoding) = accept_encoding {
        request = request.header(header::ACCEPT_ENCODING, encoding);
    }
    app.clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap()
}

async fn body_bytes(response: Response<Body>) -> Vec<u8> {
    response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec()
}

fn header_of(response: &Response<Body>, name: header::HeaderName) -> &str {
    response
        .headers()
        .get(&name)
        .unwrap_or_else(|| panic!("missing {name}"))
        .to_str()
        .unwrap()
}

#[tokio::test]
async fn health_reports_app_and_schema_versions() {
    let fx = fixture();
    let response = get(&fx.app, "/api/health", None).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header_of(&response, header::CACHE_CONTROL), "no-store");
    let body: serde_json::Value = serde_json::from_slice(&body_bytes(response).await).unwrap();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["app_version"], mentor_core::APP_VERSION);
    assert_eq!(body["schema_version"], mentor_core::SCHEMA_VERSION);
}

#[tokio::test]
async fn unknown_api_paths_are_json_404s_not_the_app() {
    let fx = fixture();
    for uri in ["/api/x", "/api/v1/nothing/here"] {
        let response = get(&fx.app, uri, None).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{uri}");
        assert!(header_of(&response, header::CONTENT_TYPE).starts_with("application/json"));
        let body: serde_json::Value = serde_json::from_slice(&body_bytes(response).await).unwrap();
        assert_eq!(body["error"]["code"], "not_found");
        assert!(body["error"]["message"].as_str().unwrap().len() > 10);
    }
}

#[tokio::test]
async fn wrong_method_on_the_api_is_a_json_405() {
    let fx = fixture();
    let response = fx
        .app
        .clone()
        .oneshot(Request::delete("/api/health").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    let body: serde_json::Value = serde_json::from_slice(&body_bytes(response).await).unwrap();
    assert_eq!(body["error"]["code"], "method_not_allowed");
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let fx = fixture();
    for uri in [
        "/",
        "/api/health",
        "/api/x",
        "/sw.js",
        &format!("/{WASM_NAME}"),
    ] {
        let response = get(&fx.app, uri, None).await;
        assert_eq!(
            header_of(&response, header::X_CONTENT_TYPE_OPTIONS),
            "nosniff",
            "{uri}"
        );
        assert_eq!(
            header_of(&response, header::REFERRER_POLICY),
            "no-referrer",
            "{uri}"
        );
        let csp = header_of(&response, header::CONTENT_SECURITY_POLICY);
        assert!(csp.contains("default-src 'self'"), "{uri}: {csp}");
        assert!(csp.contains("'sha256-"), "loader allowed by hash: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        assert!(!csp.contains("http:") && !csp.contains("https:"), "{csp}");
    }
}

#[tokio::test]
async fn hashed_assets_are_served_compressed_with_long_cache() {
    let fx = fixture();
    let uri = format!("/{WASM_NAME}");

    let response = get(&fx.app, &uri, Some("br")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header_of(&response, header::CONTENT_ENCODING), "br");
    assert_eq!(
        header_of(&response, header::CONTENT_TYPE),
        "application/wasm"
    );
    assert!(header_of(&response, header::CACHE_CONTROL).contains("immutable"));
    assert!(header_of(&response, header::CACHE_CONTROL).contains("max-age=31536000"));
    let compressed = body_bytes(response).await;
    assert!(compressed.len() < fx.wasm.len() / 4);
    let mut decoded = Vec::new();
    brotli::BrotliDecompress(&mut &compressed[..], &mut decoded).unwrap();
    assert_eq!(decoded, fx.wasm);

    let response = get(&fx.app, &uri, Some("gzip")).await;
    assert_eq!(header_of(&response, header::CONTENT_ENCODING), "gzip");
    let mut decoded = Vec::new();
    flate2::read::GzDecoder::new(&body_bytes(response).await[..])
        .read_to_end(&mut decoded)
        .unwrap();
    assert_eq!(decoded, fx.wasm);

    let response = get(&fx.app, &uri, None).await;
    assert!(response.headers().get(header::CONTENT_ENCODING).is_none());
    assert_eq!(body_bytes(response).await, fx.wasm);
}

#[tokio::test]
async fn shell_files_are_revalidated_on_every_load() {
    let fx = fixture();
    for uri in ["/", "/index.html", "/sw.js", "/manifest.webmanifest"] {
        let response = get(&fx.app, uri, Some("gzip, br")).await;
        assert_eq!(response.status(), StatusCode::OK, "{uri}");
        assert_eq!(
            header_of(&response, header::CACHE_CONTROL),
            "no-cache",
            "{uri}"
        );
    }
}

#[tokio::test]
async fn app_routes_get_the_shell_and_missing_files_get_404() {
    let fx = fixture();
    let response = get(&fx.app, "/device", None).await;
    assert_eq!(response.status(), StatusCode::OK);
    let html = String::from_utf8(body_bytes(response).await).unwrap();
    assert!(html.contains("<title>Progress Mentor</title>"));

    let response = get(&fx.app, "/missing-0123456789abcdef.js", None).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(header_of(&response, header::CACHE_CONTROL), "no-cache");
}

#[tokio::test]
async fn without_a_build_the_api_still_answers_and_the_app_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open_in(dir.path()).unwrap();
    let app = app(AppState::new(
        Arc::new(store),
        Site::default(),
        Passwords::fast_for_tests().unwrap(),
    ));
    assert_eq!(
        get(&app, "/api/health", None).await.status(),
        StatusCode::OK
    );
    let response = get(&app, "/", None).await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    let text = String::from_utf8(body_bytes(response).await).unwrap();
    assert!(text.contains("cargo xtask run"));
}

//! Serving the built PWA from `dist/`.
//!
//! - Build outputs whose names carry Trunk's content hash never change: cached for a year.
//! - Everything else (`index.html`, the manifest, the service worker, icons) is revalidated on
//!   every load, so a new release reaches devices at once.
//! - `.br` / `.gz` siblings written at build time are served when the browser accepts them.
//! - A path with no file extension is an app route (`/students/…`) and gets `index.html`.
//! - The Content-Security-Policy allows the one inline loader script Trunk writes by its hash.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

use crate::AppState;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";

/// The built app, or its absence (the API still runs without it).
#[derive(Debug, Clone, Default)]
pub struct Site {
    dist: Option<PathBuf>,
    inline_script_hashes: Vec<String>,
}

impl Site {
    /// Reads `dist/index.html` to learn the inline scripts the CSP must allow.
    /// A missing build is not fatal: the server answers the API and says the app is not built.
    pub fn load(dist: &Path) -> std::io::Result<Self> {
        let index = match std::fs::read_to_string(dist.join("index.html")) {
            Ok(index) => index,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(err) => return Err(err),
        };
        Ok(Self {
            dist: Some(dist.to_owned()),
            inline_script_hashes: inline_scripts(&index)
                .map(|script| {
                    let digest = Sha256::digest(script.as_bytes());
                    format!(
                        "'sha256-{}'",
                        base64::engine::general_purpose::STANDARD.encode(digest)
                    )
                })
                .collect(),
        })
    }

    pub fn is_built(&self) -> bool {
        self.dist.is_some()
    }

    /// No third-party origin, no inline script except Trunk's loader by hash, and
    /// `wasm-unsafe-eval`, which WebAssembly compilation needs.
    pub fn content_security_policy(&self) -> HeaderValue {
        let mut script_src = String::from("'self' 'wasm-unsafe-eval'");
        for hash in &self.inline_script_hashes {
            script_src.push(' ');
            script_src.push_str(hash);
        }
        let policy = format!(
            "default-src 'self'; script-src {script_src}; style-src 'self'; img-src 'self' data:; \
             font-src 'self'; connect-src 'self'; manifest-src 'self'; worker-src 'self'; \
             object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
        );
        // Built only from fixed text and base64, which are valid header characters.
        HeaderValue::from_str(&policy)
            .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"))
    }
}

/// The contents of `<script>` elements that have no `src`.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    let mut rest = html;
    std::iter::from_fn(move || {
        loop {
            let open = rest.find("<script")?;
            let after_open = &rest[open..];
            let tag_end = after_open.find('>')?;
            let tag = &after_open[..tag_end];
            let body_start = open + tag_end + 1;
            let close = rest[body_start..].find("</script>")?;
            let body = &rest[body_start..body_start + close];
            rest = &rest[body_start + close + "</script>".len()..];
            if !tag.contains("src=") {
                return Some(body);
            }
        }
    })
}

/// Trunk names hashed outputs `name-<16 hex>.ext` (and `name-<16 hex>_bg.wasm`).
pub fn is_hashed_asset(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path);
    let stem = file.split('.').next().unwrap_or(file);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn looks_like_app_route(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or(path);
    !last.contains('.')
}

/// The fallback for every non-API request.
pub async fn site_get(State(state): State<AppState>, request: Request) -> Response {
    let Some(dist) = state.site.dist.clone() else {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "The Progress Mentor app has not been built. Run `cargo xtask run` to build and serve it.",
        )
            .into_response();
    };
    let path = request.uri().path().to_owned();
    let is_read = matches!(*request.method(), Method::GET | Method::HEAD);
    let accept_encoding = request.headers().get(header::ACCEPT_ENCODING).cloned();

    let served = serve(ServeDir::new(&dist), request).await;
    let mut response =
        if served.status() == StatusCode::NOT_FOUND && is_read && looks_like_app_route(&path) {
            let mut index_request = Request::new(Body::empty());
            if let Some(value) = accept_encoding {
                index_request
                    .headers_mut()
                    .insert(header::ACCEPT_ENCODING, value);
            }
            serve(ServeFile::new(dist.join("index.html")), index_request).await
        } else {
            served
        };

    let cache = if response.status().is_success() && is_hashed_asset(&path) {
        IMMUTABLE
    } else {
        REVALIDATE
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}

async fn serve<S>(service: S, request: Request) -> Response
where
    S: tower::Service<Request, Error = std::convert::Infallible> + PrecompressedExt,
    S::Response: IntoResponse,
{
    match service.with_precompressed().oneshot(request).await {
        Ok(response) => response.into_response(),
        Err(never) => match never {},
    }
}

/// Both tower-http file services can serve `.br`/`.gz` siblings; this names that once.
trait PrecompressedExt: Sized {
    fn with_precompressed(self) -> Self;
}

impl PrecompressedExt for ServeDir {
    fn with_precompressed(self) -> Self {
        self.precompressed_br().precompressed_gzip()
    }
}

impl PrecompressedExt for ServeFile {
    fn with_precompressed(self) -> Self {
        self.precompressed_br().precompressed_gzip()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_trunk_hashed_outputs_only() {
        assert!(is_hashed_asset("/progress-mentor-0123456789abcdef.js"));
        assert!(is_hashed_asset("/progress-mentor-0123456789abcdef_bg.wasm"));
        assert!(is_hashed_asset("/main-fedcba9876543210.css"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/sw.js"));
        assert!(!is_hashed_asset("/icons/icon-192.png"));
        assert!(!is_hashed_asset("/progress-mentor-xyz.js"));
    }

    #[test]
    fn finds_inline_scripts_but_not_external_ones() {
        let html = r#"<head><script src="/a.js"></script><script type="module">boot()</script></head>
            <body><script>two()</script></body>"#;
        let found: Vec<_> = inline_scripts(html).collect();
        assert_eq!(found, vec!["boot()", "two()"]);
    }

    #[test]
    fn policy_allows_inline_scripts_only_by_hash() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("index.html"),
            "<script type=\"module\">start()</script>",
        )
        .unwrap();
        let site = Site::load(dir.path()).unwrap();
        let policy = site.content_security_policy();
        let policy = policy.to_str().unwrap();
        let expected = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"start()"));
        assert!(policy.contains(&format!("'sha256-{expected}'")), "{policy}");
        assert!(!policy.contains("unsafe-inline"));
        assert!(!policy.contains("http"), "no third-party origins: {policy}");
    }
}

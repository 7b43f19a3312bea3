//! Security headers on every response, the API's included. `Strict-Transport-Security` only
//! when the server is told it is reached over https (`--https`): sent over plain http it
//! would be ignored, and a school trying the server on its own network first must not have
//! its browsers pinned to https for two years.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderName, HeaderValue, header};
use axum::response::Response;

#[derive(Debug, Clone)]
pub struct SecurityHeaders {
    fixed: Arc<Vec<(HeaderName, HeaderValue)>>,
}

impl SecurityHeaders {
    /// The headers every response carries; with `https`, HSTS for two years, subdomains
    /// included (OWASP's recommendation; not preloaded, which a school must ask for itself).
    pub fn new(content_security_policy: HeaderValue, https: bool) -> Self {
        let mut fixed = vec![
            (header::CONTENT_SECURITY_POLICY, content_security_policy),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
            (
                header::REFERRER_POLICY,
                HeaderValue::from_static("no-referrer"),
            ),
            (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
            (
                HeaderName::from_static("permissions-policy"),
                HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=()"),
            ),
            (
                HeaderName::from_static("cross-origin-opener-policy"),
                HeaderValue::from_static("same-origin"),
            ),
        ];
        if https {
            fixed.push((
                header::STRICT_TRANSPORT_SECURITY,
                HeaderValue::from_static("max-age=63072000; includeSubDomains"),
            ));
        }
        Self {
            fixed: Arc::new(fixed),
        }
    }
}

pub async fn add_security_headers(
    State(security): State<SecurityHeaders>,
    mut response: Response,
) -> Response {
    let headers = response.headers_mut();
    for (name, value) in security.fixed.iter() {
        headers.insert(name.clone(), value.clone());
    }
    response
}

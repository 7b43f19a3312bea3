//! Security headers on every response, the API's included.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderName, HeaderValue, header};
use axum::response::Response;

#[derive(Debug, Clone)]
pub struct SecurityHeaders {
    fixed: Arc<Vec<(HeaderName, HeaderValue)>>,
}

impl SecurityHeaders {
    pub fn new(content_security_policy: HeaderValue) -> Self {
        let fixed = vec![
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

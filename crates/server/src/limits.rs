//! What one request may take: a place among the requests served at once, time, and body size.
//!
//! The limits are tower's and tower-http's layers; this module turns their refusals into the
//! API's JSON errors, so a client sees `server_busy` or `payload_too_large` whatever refused it.

use std::time::Duration;

use axum::BoxError;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::AppError;

/// How long a refused client is asked to wait.
const RETRY_AFTER: Duration = Duration::from_secs(1);

/// The answer for a request the concurrency limit shed or the request timeout cut short.
pub async fn refusal(err: BoxError) -> AppError {
    if err.is::<tower::load_shed::error::Overloaded>() || err.is::<tower::timeout::error::Elapsed>()
    {
        AppError::Overloaded {
            retry_after: RETRY_AFTER,
        }
    } else {
        AppError::Internal(err.to_string())
    }
}

/// tower-http refuses a body over its limit with a plain-text 413; the API answers JSON.
pub async fn json_payload_too_large(response: Response) -> Response {
    let plain_text = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(b"text/plain"));
    if response.status() == StatusCode::PAYLOAD_TOO_LARGE && plain_text {
        AppError::PayloadTooLarge.into_response()
    } else {
        response
    }
}

//! One error type for every handler, rendered as core's `ErrorBody`:
//! `{"error": {"code", "message"}}`.
//!
//! Messages are written for the person using the app. Internal failures are logged here, once,
//! and the client is told only that something went wrong on the server.

use std::time::Duration;

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use mentor_core::protocol::ProtocolError;
use mentor_core::{ErrorBody, ErrorCode};

use crate::store::StoreError;

/// The most a request body may carry.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// The most an MIS import request may carry: the largest file the import takes, as base64
/// (four bytes for every three), with 1 MiB to spare for the column mapping. Only the import
/// routes take this much; everything else keeps [`MAX_BODY_BYTES`].
pub const MAX_IMPORT_BODY_BYTES: usize =
    mentor_core::import_api::MAX_IMPORT_FILE_BYTES.div_ceil(3) * 4 + MAX_BODY_BYTES;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("There is nothing at this address.")]
    NotFound,
    #[error("This request is not allowed at this address.")]
    MethodNotAllowed,
    #[error("{0}")]
    BadRequest(String),
    #[error("Send the request as JSON, with Content-Type: application/json.")]
    NotJson,
    #[error(
        "The request is larger than the server accepts (1 MiB, or 10 MiB for an import file). Send fewer changes at once, or a smaller file."
    )]
    PayloadTooLarge,
    #[error("Email or password not recognised.")]
    BadCredentials,
    #[error("Sign in again.")]
    Unauthenticated,
    #[error(
        "Your sign-in on this device has expired. Sign in again while online; everything on this device is kept and syncs once you have."
    )]
    SessionExpired,
    #[error(
        "This device is registered to another member of staff. Sign in again to register it for you."
    )]
    DeviceTaken,
    #[error(
        "This device has been signed out by your school. Its Progress Mentor data is being removed from it."
    )]
    Wipe,
    #[error("{0}")]
    Forbidden(String),
    #[error(transparent)]
    Protocol(ProtocolError),
    #[error("Too many failed sign-in attempts. Try again in {}.", wait_in_words(*.retry_after))]
    TooManyAttempts { retry_after: Duration },
    #[error("The server is checking other sign-ins. Try again in a moment.")]
    SignInBusy { retry_after: Duration },
    #[error("The server is busy. Try again in a moment.")]
    Overloaded { retry_after: Duration },
    #[error("This device is sending too many requests. It will try again in a moment.")]
    RateLimited { retry_after: Duration },
    #[error("The server's database is not available right now. Try again in a minute.")]
    StoreUnavailable(#[source] StoreError),
    #[error(
        "Something went wrong on the server. Try again; if it keeps happening, tell your IT lead."
    )]
    Internal(String),
}

/// A wait in whole seconds, rounded up, at least 1: a client that waits that long is
/// never refused again for the same reason.
fn round_up_seconds(wait: Duration) -> u64 {
    (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1)
}

/// "30 seconds", "1 minute", "15 minutes": a wait, rounded up.
fn wait_in_words(wait: Duration) -> String {
    let seconds = round_up_seconds(wait);
    match seconds {
        1 => "1 second".to_owned(),
        2..=59 => format!("{seconds} seconds"),
        60 => "1 minute".to_owned(),
        _ => format!("{} minutes", seconds.div_ceil(60)),
    }
}

impl AppError {
    fn status(&self) -> StatusCode {
        match self {
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::NotJson => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::BadCredentials | Self::Unauthenticated | Self::SessionExpired => {
                StatusCode::UNAUTHORIZED
            }
            Self::Wipe | Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::DeviceTaken => StatusCode::CONFLICT,
            Self::Protocol(ProtocolError::ClientTooOld { .. }) => StatusCode::UPGRADE_REQUIRED,
            Self::Protocol(ProtocolError::BatchTooLarge { .. }) => StatusCode::PAYLOAD_TOO_LARGE,
            Self::TooManyAttempts { .. } | Self::RateLimited { .. } | Self::SignInBusy { .. } => {
                StatusCode::TOO_MANY_REQUESTS
            }
            Self::StoreUnavailable(_) | Self::Overloaded { .. } => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable code the app acts on.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::NotFound => ErrorCode::NotFound,
            Self::MethodNotAllowed => ErrorCode::MethodNotAllowed,
            Self::BadRequest(_) => ErrorCode::BadRequest,
            Self::NotJson => ErrorCode::UnsupportedMediaType,
            Self::PayloadTooLarge => ErrorCode::PayloadTooLarge,
            Self::BadCredentials => ErrorCode::BadCredentials,
            Self::Unauthenticated | Self::SessionExpired => ErrorCode::Unauthenticated,
            Self::DeviceTaken => ErrorCode::DeviceTaken,
            Self::Wipe => ErrorCode::Wipe,
            Self::Forbidden(_) => ErrorCode::Forbidden,
            Self::Protocol(refused) => refused.code(),
            Self::TooManyAttempts { .. } => ErrorCode::TooManyAttempts,
            Self::RateLimited { .. } => ErrorCode::RateLimited,
            Self::SignInBusy { .. } | Self::Overloaded { .. } => ErrorCode::ServerBusy,
            Self::StoreUnavailable(_) => ErrorCode::StoreUnavailable,
            Self::Internal(_) => ErrorCode::Internal,
        }
    }

    fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::TooManyAttempts { retry_after }
            | Self::RateLimited { retry_after }
            | Self::SignInBusy { retry_after }
            | Self::Overloaded { retry_after } => Some(*retry_after),
            _ => None,
        }
    }
}

impl From<StoreError> for AppError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::Refused(refused) => Self::Protocol(refused),
            // The server's own ops not applying is a bug, not an unavailable database.
            not_applied @ StoreError::NotAllApplied { .. } => {
                Self::Internal(not_applied.to_string())
            }
            other => Self::StoreUnavailable(other),
        }
    }
}

impl From<tokio::task::JoinError> for AppError {
    fn from(err: tokio::task::JoinError) -> Self {
        Self::Internal(err.to_string())
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match &self {
            Self::StoreUnavailable(source) => tracing::error!(error = %source, "store failure"),
            Self::Internal(detail) => tracing::error!(%detail, "internal error"),
            _ => {}
        }
        let body = ErrorBody::new(self.code(), self.to_string());
        let mut response = (self.status(), Json(body)).into_response();
        if let Some(wait) = self.retry_after() {
            let seconds = round_up_seconds(wait).to_string();
            if let Ok(value) = HeaderValue::from_str(&seconds) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
        }
        response
    }
}

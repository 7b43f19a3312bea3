//! The API's error envelope, `{"error": {"code", "message"}}`, and every code it carries.
//!
//! The server answers every refusal with an [`ErrorBody`]; the app reads the same type and
//! acts on its [`ErrorCode`] (a revoked device wipes itself, an old app reloads) while it
//! shows the message, which the server writes for the person using the app.

use serde::{Deserialize, Serialize};

/// What went wrong, as a stable code the app can act on. On the wire it is the variant's
/// name in snake case (`ErrorCode::ClientTooOld` is `"client_too_old"`), and the server's
/// API tests compare those strings: renaming a variant changes the wire. The server never
/// sends `other`: it is what a reader makes of a code it does not know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Nothing at this address, or a record the caller may not see (HTTP 404).
    NotFound,
    /// The address exists, not with this method (HTTP 405).
    MethodNotAllowed,
    /// The request could not be read or is not what the endpoint takes (HTTP 400).
    BadRequest,
    /// The body was not sent as JSON (HTTP 415).
    UnsupportedMediaType,
    /// The body is over the server's limit (HTTP 413).
    PayloadTooLarge,
    /// Sign-in: email or password not recognised (HTTP 401).
    BadCredentials,
    /// No token, or one the server no longer accepts: sign in again (HTTP 401).
    Unauthenticated,
    /// The device was revoked: the app must erase its local data (HTTP 403).
    Wipe,
    /// The caller's role may not do this (HTTP 403).
    Forbidden,
    /// Sign-in: this device id belongs to another member of staff, or is one the server keeps
    /// for itself. The app makes a new device id and signs in again (HTTP 409).
    DeviceTaken,
    /// The app is older than the server accepts: it must reload to update (HTTP 426).
    ClientTooOld,
    /// A push carried more than [`crate::protocol::MAX_PUSH_OPS`] ops (HTTP 413).
    BatchTooLarge,
    /// Too many failed sign-ins for this account or address (HTTP 429, `Retry-After`).
    TooManyAttempts,
    /// This device is syncing too often (HTTP 429, `Retry-After`).
    RateLimited,
    /// The server has as much work as it takes at once: HTTP 503 for any request, 429 for a
    /// sign-in while others are being checked. Try again after `Retry-After`.
    ServerBusy,
    /// The server's database does not answer (HTTP 503).
    StoreUnavailable,
    /// A failure inside the server, logged there (HTTP 500).
    Internal,
    /// An MIS import wrote nothing because of bad rows or a file error (HTTP 422, with the
    /// preview: [`crate::import_api::ImportRefusal`]).
    ImportHasErrors,
    /// A code this build does not know, from a newer server. The server never sends it; an
    /// app reading it still shows the message.
    #[serde(other)]
    Other,
}

/// The body of every error answer: `{"error": {"code": "wipe", "message": "…"}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

/// The inside of [`ErrorBody`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    /// What went wrong, for the app to act on.
    pub code: ErrorCode,
    /// What happened and what to do, for the user.
    pub message: String,
}

impl ErrorBody {
    /// An error body with this code and message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            error: ErrorDetail {
                code,
                message: message.into(),
            },
        }
    }
}

#[cfg(test)]
#[path = "error_api_tests.rs"]
mod tests;

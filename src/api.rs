//! All network calls the app makes. Views never fetch; they read resources built on these.
//!
//! Every call goes through one non-generic [`exchange`] (deadline, token, send, read, refusal);
//! only writing the body and reading the answer are compiled per type, so the bundle holds
//! one copy of the request path rather than one per endpoint.

use gloo_net::http::{Request, RequestBuilder, Response};
use mentor_core::protocol::{PullRequest, PullResponse, PushRequest, PushResponse};
use mentor_core::{DeviceId, ErrorBody, ErrorCode, Health};
// Every body is core's, written once for the app and the server.
pub use mentor_core::audit_api::{AuditEvent, AuditPage};
pub use mentor_core::auth_api::{KeyEscrow, SignInRequest, SignInResponse};
pub use mentor_core::devices_api::DeviceSummary;
pub use mentor_core::import_api::{ImportPreview, ImportRequest, ImportResult};
use serde::Serialize;
use serde::de::DeserializeOwned;
use thiserror::Error;

use crate::deadline::{Cancel, Deadline};

/// What went wrong talking to the server, in words a mentor can act on.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ApiError {
    #[error(
        "Server not reachable — you are working from this device. It will sync when back online."
    )]
    Unreachable,
    #[error("The server answered with an error ({0}). Try again later or tell your IT lead.")]
    Status(u16),
    #[error(
        "The server's answer could not be read. Reload the app; if it persists, tell your IT lead."
    )]
    Malformed,
    /// The server refused with a JSON error body; its message is written for the user.
    #[error("{message}")]
    Refused {
        status: u16,
        code: ErrorCode,
        message: String,
    },
}

impl ApiError {
    /// The HTTP status, if the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Status(status) | ApiError::Refused { status, .. } => Some(*status),
            ApiError::Unreachable | ApiError::Malformed => None,
        }
    }

    /// The error body's `code`, if there was one.
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            ApiError::Refused { code, .. } => Some(*code),
            _ => None,
        }
    }
}

/// Result of an API call.
pub type Result<T> = std::result::Result<T, ApiError>;

/// `GET /api/health`: the server's release and schema version.
pub async fn fetch_health() -> Result<Health> {
    let answer = exchange(
        Request::get("/api/health"),
        Exchange {
            refusal_in_words: false,
            ..Exchange::READ
        },
    )
    .await?;
    parse(&answer)
}

/// `POST /api/v1/auth/sign-in`: exchanges a password for this device's token.
pub async fn sign_in(request: &SignInRequest) -> Result<SignInResponse> {
    post_json("/api/v1/auth/sign-in", None, request).await
}

/// `POST /api/v1/sync/push`: sends outbox ops; one result per op. Abandoned when `cancel` is.
pub async fn sync_push(
    token: &str,
    request: &PushRequest,
    cancel: &Cancel,
) -> Result<PushResponse> {
    post_json_under("/api/v1/sync/push", Some(token), request, Some(cancel)).await
}

/// `POST /api/v1/sync/pull`: the changes after a cursor. Abandoned when `cancel` is.
pub async fn sync_pull(
    token: &str,
    request: &PullRequest,
    cancel: &Cancel,
) -> Result<PullResponse> {
    post_json_under("/api/v1/sync/pull", Some(token), request, Some(cancel)).await
}

async fn post_json<B: Serialize, R: DeserializeOwned>(
    path: &str,
    token: Option<&str>,
    body: &B,
) -> Result<R> {
    post_json_under(path, token, body, None).await
}

/// Posts `body` as JSON and reads a JSON answer, within the request deadline and `cancel`.
async fn post_json_under<B: Serialize, R: DeserializeOwned>(
    path: &str,
    token: Option<&str>,
    body: &B,
    cancel: Option<&Cancel>,
) -> Result<R> {
    let body = to_json(body)?;
    let answer = exchange(
        Request::post(path),
        Exchange {
            token,
            body: Some(body),
            cancel,
            ..Exchange::READ
        },
    )
    .await?;
    parse(&answer)
}

/// `body` as the JSON text a request carries.
fn to_json<B: Serialize>(body: &B) -> Result<String> {
    serde_json::to_string(body).map_err(|_| ApiError::Malformed)
}

/// A 2xx answer's JSON text as `R`.
fn parse<R: DeserializeOwned>(answer: &str) -> Result<R> {
    serde_json::from_str(answer).map_err(|_| ApiError::Malformed)
}

/// What one request carries and what is read of its answer.
struct Exchange<'a> {
    /// Sent as `Authorization: Bearer …`.
    token: Option<&'a str>,
    /// JSON text, sent as `application/json`.
    body: Option<String>,
    /// Abandons the request with the caller's run (as well as at the deadline).
    cancel: Option<&'a Cancel>,
    /// Whether a 2xx answer's body is read (`exchange` then returns it).
    read_answer: bool,
    /// Whether a refused request reads the server's error body for its words, or reports
    /// only the status.
    refusal_in_words: bool,
}

impl Exchange<'_> {
    /// A request without token or body whose answer is read; the others start from it.
    const READ: Exchange<'static> = Exchange {
        token: None,
        body: None,
        cancel: None,
        read_answer: true,
        refusal_in_words: true,
    };
}

/// Sends `request` within the request deadline and reads its answer: the body text of a 2xx
/// answer (empty when not read), or the error the answer stands for.
async fn exchange(request: RequestBuilder, call: Exchange<'_>) -> Result<String> {
    // Held until the answer is read: the body can stall as well as the headers.
    let deadline = Deadline::new(call.cancel);
    let mut request = request.abort_signal(deadline.signal().as_ref());
    if let Some(token) = call.token {
        request = request.header("Authorization", &format!("Bearer {token}"));
    }
    let request = match call.body {
        // What gloo's `RequestBuilder::json` sends.
        Some(json) => request
            .header("Content-Type", "application/json")
            .body(json)
            .map_err(|_| ApiError::Malformed)?,
        // As gloo's `RequestBuilder::send` would report it.
        None => request.build().map_err(|_| ApiError::Unreachable)?,
    };
    let response = request.send().await.map_err(|_| ApiError::Unreachable)?;
    if !response.ok() {
        return Err(if call.refusal_in_words {
            refusal(response).await
        } else {
            ApiError::Status(response.status())
        });
    }
    if !call.read_answer {
        return Ok(String::new());
    }
    response.text().await.map_err(|_| ApiError::Malformed)
}

/// The error a non-2xx answer stands for: the server's own words when it sent them.
async fn refusal(response: Response) -> ApiError {
    let status = response.status();
    let body = match response.text().await {
        Ok(text) => parse::<ErrorBody>(&text).ok(),
        Err(_) => None,
    };
    match body {
        Some(body) => ApiError::Refused {
            status,
            code: body.error.code,
            message: body.error.message,
        },
        None => ApiError::Status(status),
    }
}

/// `POST /api/v1/auth/sign-out`: the server forgets this device's token.
pub async fn sign_out(token: &str) -> Result<()> {
    exchange(
        Request::post("/api/v1/auth/sign-out"),
        Exchange {
            token: Some(token),
            read_answer: false,
            ..Exchange::READ
        },
    )
    .await
    .map(drop)
}

/// `PUT /api/v1/device/key`: the server keeps this device's data key for recovery.
pub async fn escrow_key(token: &str, escrow: &KeyEscrow) -> Result<()> {
    exchange(
        Request::put("/api/v1/device/key"),
        Exchange {
            token: Some(token),
            body: Some(to_json(escrow)?),
            read_answer: false,
            ..Exchange::READ
        },
    )
    .await
    .map(drop)
}

/// `GET /api/v1/devices`: every device of the school, newest first (administrators only).
pub async fn fetch_devices(token: &str) -> Result<Vec<DeviceSummary>> {
    get_json("/api/v1/devices", token).await
}

/// `GET /api/v1/audit`: the latest page of the sign-in and security audit, newest first
/// (administrators only).
pub async fn fetch_audit(token: &str) -> Result<AuditPage> {
    get_json("/api/v1/audit", token).await
}

/// Gets `path` with the device's token and reads a JSON answer.
async fn get_json<R: DeserializeOwned>(path: &str, token: &str) -> Result<R> {
    let answer = exchange(
        Request::get(path),
        Exchange {
            token: Some(token),
            ..Exchange::READ
        },
    )
    .await?;
    parse(&answer)
}
/// `POST /api/v1/devices/{id}/revoke`: the device is told to erase its data when it next
/// connects. Answers the device as it now stands.
pub async fn revoke_device(token: &str, device: DeviceId) -> Result<DeviceSummary> {
    post_json(
        &format!("/api/v1/devices/{device}/revoke"),
        Some(token),
        &serde_json::json!({}),
    )
    .await
}

/// `POST /api/v1/import/students/preview`: what the file would change (administrators only).
pub async fn preview_student_import(token: &str, request: &ImportRequest) -> Result<ImportPreview> {
    post_json("/api/v1/import/students/preview", Some(token), request).await
}

/// `POST /api/v1/import/students/commit`: imports the file whole, or nothing if any row is
/// bad (422 `import_has_errors`, with the server's words); with `skip_bad_rows` the good
/// rows, answering the others as `skipped`.
pub async fn commit_student_import(token: &str, request: &ImportRequest) -> Result<ImportResult> {
    post_json("/api/v1/import/students/commit", Some(token), request).await
}

//! All network calls the app makes. Views never fetch; they read resources built on these.

use gloo_net::http::{Request, Response};
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
    let deadline = Deadline::new(None);
    let response = Request::get("/api/health")
        .abort_signal(deadline.signal().as_ref())
        .send()
        .await
        .map_err(|_| ApiError::Unreachable)?;
    if !response.ok() {
        return Err(ApiError::Status(response.status()));
    }
    response
        .json::<Health>()
        .await
        .map_err(|_| ApiError::Malformed)
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
    // Held until the answer is read: the body can stall as well as the headers.
    let deadline = Deadline::new(cancel);
    let mut builder = Request::post(path).abort_signal(deadline.signal().as_ref());
    if let Some(token) = token {
        builder = builder.header("Authorization", &format!("Bearer {token}"));
    }
    let request = builder.json(body).map_err(|_| ApiError::Malformed)?;
    let response = request.send().await.map_err(|_| ApiError::Unreachable)?;
    if !response.ok() {
        return Err(refusal(response).await);
    }
    response.json::<R>().await.map_err(|_| ApiError::Malformed)
}

/// The error a non-2xx answer stands for: the server's own words when it sent them.
async fn refusal(response: Response) -> ApiError {
    let status = response.status();
    match response.json::<ErrorBody>().await {
        Ok(body) => ApiError::Refused {
            status,
            code: body.error.code,
            message: body.error.message,
        },
        Err(_) => ApiError::Status(status),
    }
}

/// `POST /api/v1/auth/sign-out`: the server forgets this device's token.
pub async fn sign_out(token: &str) -> Result<()> {
    let deadline = Deadline::new(None);
    let response = Request::post("/api/v1/auth/sign-out")
        .abort_signal(deadline.signal().as_ref())
        .header("Authorization", &format!("Bearer {token}"))
        .send()
        .await
        .map_err(|_| ApiError::Unreachable)?;
    if response.ok() {
        Ok(())
    } else {
        Err(refusal(response).await)
    }
}

/// `PUT /api/v1/device/key`: the server keeps this device's data key for recovery.
pub async fn escrow_key(token: &str, escrow: &KeyEscrow) -> Result<()> {
    let deadline = Deadline::new(None);
    let request = Request::put("/api/v1/device/key")
        .abort_signal(deadline.signal().as_ref())
        .header("Authorization", &format!("Bearer {token}"))
        .json(escrow)
        .map_err(|_| ApiError::Malformed)?;
    let response = request.send().await.map_err(|_| ApiError::Unreachable)?;
    if response.ok() {
        Ok(())
    } else {
        Err(refusal(response).await)
    }
}

/// `GET /api/v1/devices`: every device of the school, newest first (administrators only).
pub async fn fetch_devices(token: &str) -> Result<Vec<DeviceSummary>> {
    let deadline = Deadline::new(None);
    let response = Request::get("/api/v1/devices")
        .abort_signal(deadline.signal().as_ref())
        .header("Authorization", &format!("Bearer {token}"))
        .send()
        .await
        .map_err(|_| ApiError::Unreachable)?;
    if !response.ok() {
        return Err(refusal(response).await);
    }
    response
        .json::<Vec<DeviceSummary>>()
        .await
        .map_err(|_| ApiError::Malformed)
}

/// `GET /api/v1/audit`: the latest page of the sign-in and security audit, newest first
/// (administrators only).
pub async fn fetch_audit(token: &str) -> Result<AuditPage> {
    let deadline = Deadline::new(None);
    let response = Request::get("/api/v1/audit")
        .abort_signal(deadline.signal().as_ref())
        .header("Authorization", &format!("Bearer {token}"))
        .send()
        .await
        .map_err(|_| ApiError::Unreachable)?;
    if !response.ok() {
        return Err(refusal(response).await);
    }
    response
        .json::<AuditPage>()
        .await
        .map_err(|_| ApiError::Malformed)
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

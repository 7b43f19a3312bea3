//! A device escrows its data key with the server (`PUT /api/v1/device/key`), so that its
//! owner's next online sign-in on it can hand the key back after the PIN is lost (body from
//! `mentor_core::auth_api`).

use axum::extract::State;
use axum::http::StatusCode;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use mentor_core::ErrorBody;
use mentor_core::auth_api::{DATA_KEY_BYTES, KeyEscrow};

use super::extract::ApiJson;
use crate::store::AuthenticatedDevice;
use crate::{AppError, AppState};

/// Refuses a key that is not `DATA_KEY_BYTES` bytes of base64url without padding.
fn check_key(key: &str) -> Result<(), AppError> {
    match URL_SAFE_NO_PAD.decode(key) {
        Ok(bytes) if bytes.len() == DATA_KEY_BYTES => Ok(()),
        _ => Err(AppError::BadRequest(format!(
            "The device key must be {DATA_KEY_BYTES} bytes, written as base64url without padding."
        ))),
    }
}

/// `PUT /api/v1/device/key`
#[utoipa::path(
    put,
    path = "/api/v1/device/key",
    tag = "auth",
    security(("bearer" = [])),
    request_body = KeyEscrow,
    responses(
        (status = 204, description = "Kept for this device, in place of any earlier key"),
        (status = 400, description = "`bad_request`: not 32 bytes of base64url", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`wipe`", body = ErrorBody),
    )
)]
pub async fn device_key_put(
    State(state): State<AppState>,
    device: AuthenticatedDevice,
    ApiJson(escrow): ApiJson<KeyEscrow>,
) -> Result<StatusCode, AppError> {
    check_key(&escrow.key)?;
    let now = state.now_ms();
    state
        .with_store(move |store| {
            store.escrow_key(device.device_id, device.staff.id, &escrow.key, now)
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

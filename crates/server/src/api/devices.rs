//! Device management for administrators: list devices, revoke a lost one. The store hands
//! out `mentor_core::devices_api::DeviceSummary`, the body itself.

use axum::Json;
use axum::extract::{Path, State};
use mentor_core::{DeviceId, ErrorBody};

use super::extract::require_admin;
use crate::store::{AuthenticatedDevice, DeviceSummary};
use crate::{AppError, AppState};

/// `GET /api/v1/devices`
#[utoipa::path(
    get,
    path = "/api/v1/devices",
    tag = "devices",
    security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<DeviceSummary>),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not an admin) or `wipe`", body = ErrorBody),
    )
)]
pub async fn devices_list(
    State(state): State<AppState>,
    device: AuthenticatedDevice,
) -> Result<Json<Vec<DeviceSummary>>, AppError> {
    require_admin(&device, "manage devices")?;
    Ok(Json(state.with_store(|store| store.devices()).await?))
}

/// `POST /api/v1/devices/{id}/revoke`: the device's next request (or sign-in) is answered
/// `wipe`, and its escrowed key is erased.
#[utoipa::path(
    post,
    path = "/api/v1/devices/{id}/revoke",
    tag = "devices",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The device id")),
    responses(
        (status = 200, description = "The device, now revoked", body = DeviceSummary),
        (status = 403, description = "`forbidden` (not an admin) or `wipe`", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
    )
)]
pub async fn device_revoke(
    State(state): State<AppState>,
    device: AuthenticatedDevice,
    Path(id): Path<String>,
) -> Result<Json<DeviceSummary>, AppError> {
    require_admin(&device, "manage devices")?;
    let id: DeviceId = id.parse().map_err(|_| AppError::NotFound)?;
    let (now, by) = (state.now_ms(), device.staff.id);
    let revoked = state
        .with_store(move |store| {
            if !store.revoke_device(id, by, now)? {
                return Ok(None);
            }
            Ok::<_, AppError>(store.devices()?.into_iter().find(|device| device.id == id))
        })
        .await?;
    revoked.map(Json).ok_or(AppError::NotFound)
}

//! The sync endpoints: the protocol's push and pull (types from `mentor_core::protocol`).

use axum::Json;
use axum::extract::State;
use mentor_core::{ErrorBody, PullRequest, PullResponse, PushRequest, PushResponse};

use super::extract::{ApiJson, SyncingDevice, now_ms};
use crate::{AppError, AppState};

/// `POST /api/v1/sync/push`
#[utoipa::path(
    post,
    path = "/api/v1/sync/push",
    tag = "sync",
    security(("bearer" = [])),
    request_body(content = Object, description = "`mentor_core::PushRequest`: {device_id, schema_version, ops: [Op]}"),
    responses(
        (status = 200, description = "`mentor_core::PushResponse`: one result per op, in order", body = Object),
        (status = 400, description = "`bad_request`: malformed JSON", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`wipe`, or `forbidden` if the batch names another device", body = ErrorBody),
        (status = 413, description = "`batch_too_large` or `payload_too_large`", body = ErrorBody),
        (status = 426, description = "`client_too_old`", body = ErrorBody),
        (status = 429, description = "`rate_limited`", body = ErrorBody),
    )
)]
pub async fn sync_push(
    State(state): State<AppState>,
    SyncingDevice(device): SyncingDevice,
    ApiJson(request): ApiJson<PushRequest>,
) -> Result<Json<PushResponse>, AppError> {
    if request.device_id != device.device_id {
        return Err(AppError::Forbidden(
            "This sync batch names another device than the one signed in. Sign in again on this device."
                .to_owned(),
        ));
    }
    let response = state
        .with_store(move |store| store.push(&device, &request, now_ms()))
        .await?;
    Ok(Json(response))
}

/// `POST /api/v1/sync/pull`
#[utoipa::path(
    post,
    path = "/api/v1/sync/pull",
    tag = "sync",
    security(("bearer" = [])),
    request_body(content = Object, description = "`mentor_core::PullRequest`: {schema_version, cursor, limit}"),
    responses(
        (status = 200, description = "`mentor_core::PullResponse`: {changes, cursor, has_more, reset}", body = Object),
        (status = 400, description = "`bad_request`", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`wipe`", body = ErrorBody),
        (status = 426, description = "`client_too_old`", body = ErrorBody),
        (status = 429, description = "`rate_limited`", body = ErrorBody),
    )
)]
pub async fn sync_pull(
    State(state): State<AppState>,
    SyncingDevice(device): SyncingDevice,
    ApiJson(request): ApiJson<PullRequest>,
) -> Result<Json<PullResponse>, AppError> {
    let now = state.now_ms();
    let response = state
        .with_store(move |store| store.pull(&device, &request, now))
        .await?;
    Ok(Json(response))
}

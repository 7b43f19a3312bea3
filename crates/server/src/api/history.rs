//! A record's field history: the values later writes replaced, for anyone who may see it.

use axum::Json;
use axum::extract::{Path, State};
use mentor_core::history_api::HistoryResponse;
use mentor_core::{EntityId, EntityKind, ErrorBody};

use crate::store::AuthenticatedDevice;
use crate::{AppError, AppState};

/// `GET /api/v1/history/{entity}/{entity_id}`
#[utoipa::path(
    get,
    path = "/api/v1/history/{entity}/{entity_id}",
    tag = "sync",
    security(("bearer" = [])),
    params(
        ("entity" = String, Path, description = "The kind of record, e.g. `student`"),
        ("entity_id" = String, Path, description = "The record's id"),
    ),
    responses(
        (status = 200, body = HistoryResponse),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`wipe`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such record, or not one the caller may see", body = ErrorBody),
    )
)]
pub async fn history_get(
    State(state): State<AppState>,
    device: AuthenticatedDevice,
    Path((entity, entity_id)): Path<(String, String)>,
) -> Result<Json<HistoryResponse>, AppError> {
    // Malformed paths get the same answer as records out of scope: nothing to learn from it.
    let entity: EntityKind = entity.parse().map_err(|_| AppError::NotFound)?;
    let id: EntityId = entity_id.parse().map_err(|_| AppError::NotFound)?;
    let now = state.now_ms();
    let entries = state
        .with_store(move |store| store.history(&device.staff, entity, id, now))
        .await?;
    entries
        .map(|entries| Json(HistoryResponse { entries }))
        .ok_or(AppError::NotFound)
}

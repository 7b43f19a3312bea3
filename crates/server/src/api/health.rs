use axum::Json;
use axum::extract::State;
use mentor_core::{ErrorBody, Health};

use crate::{AppError, AppState};

/// `GET /api/health`: the release and schema version, after checking the database answers.
#[utoipa::path(
    get,
    path = "/api/health",
    tag = "meta",
    responses(
        (status = 200, description = "The release and schema version", body = Health),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn health_get(State(state): State<AppState>) -> Result<Json<Health>, AppError> {
    state.with_store(|store| store.check()).await?;
    Ok(Json(Health::current()))
}

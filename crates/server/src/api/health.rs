use axum::Json;
use axum::extract::State;
use mentor_core::Health;

use crate::{AppError, AppState};

/// `GET /api/health`: the release and schema version, after checking the database answers.
pub async fn health_get(State(state): State<AppState>) -> Result<Json<Health>, AppError> {
    let store = state.store.clone();
    tokio::task::spawn_blocking(move || store.check())
        .await
        .map_err(|err| AppError::Internal(err.to_string()))??;
    Ok(Json(Health::current()))
}

//! The sign-in and security audit for administrators (`GET /api/v1/audit`), newest first, a
//! bounded page at a time (bodies from `mentor_core::audit_api`).

use axum::Json;
use axum::extract::State;
use mentor_core::ErrorBody;
use mentor_core::audit_api::{AuditPage, DEFAULT_AUDIT_PAGE};
use serde::Deserialize;

use super::extract::{ApiQuery, require_admin};
use crate::store::AuthenticatedDevice;
use crate::{AppError, AppState};

/// Which page: events older than `before` (an event's id), at most `limit` of them.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Only events older than this one (the previous page's `next_before`).
    before: Option<u64>,
    /// How many events, at most `MAX_AUDIT_PAGE` (200); 50 if absent.
    limit: Option<u32>,
}

/// `GET /api/v1/audit`
#[utoipa::path(
    get,
    path = "/api/v1/audit",
    tag = "devices",
    security(("bearer" = [])),
    params(AuditQuery),
    responses(
        (status = 200, body = AuditPage),
        (status = 400, description = "`bad_request`: the query does not read", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not an admin) or `wipe`", body = ErrorBody),
    )
)]
pub async fn audit_get(
    State(state): State<AppState>,
    device: AuthenticatedDevice,
    ApiQuery(query): ApiQuery<AuditQuery>,
) -> Result<Json<AuditPage>, AppError> {
    require_admin(&device, "read the sign-in audit")?;
    let limit = query.limit.unwrap_or(DEFAULT_AUDIT_PAGE);
    let page = state
        .with_store(move |store| store.audit_page(query.before, limit))
        .await?;
    Ok(Json(page))
}

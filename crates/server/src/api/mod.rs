//! The JSON API under `/api`. Every answer, including errors and unknown paths, is JSON.
//!
//! `/api/health` and `/api/openapi.json` are open; `/api/v1/auth/sign-in` takes a password;
//! every other `/api/v1` endpoint needs `Authorization: Bearer <device token>`.

mod audit;
mod auth;
mod device_key;
mod devices;
pub mod extract;
mod health;
mod history;
mod import;
mod sync;

use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, header};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::error::{MAX_BODY_BYTES, MAX_IMPORT_BODY_BYTES};
use crate::{AppError, AppState};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;

/// The OpenAPI description of every endpoint.
#[derive(OpenApi)]
#[openapi(
    info(title = "Progress Mentor API"),
    paths(
        health::health_get,
        openapi_get,
        auth::sign_in_post,
        auth::sign_out_post,
        auth::me_get,
        device_key::device_key_put,
        sync::sync_push,
        sync::sync_pull,
        devices::devices_list,
        devices::device_revoke,
        audit::audit_get,
        history::history_get,
        import::import_students_preview,
        import::import_students_commit,
    ),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// `GET /api/openapi.json`
#[utoipa::path(
    get,
    path = "/api/openapi.json",
    tag = "meta",
    responses((status = 200, description = "This document", body = Object))
)]
pub async fn openapi_get() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

pub fn router() -> Router<AppState> {
    let routes = Router::new()
        .route("/health", get(health::health_get))
        .route("/openapi.json", get(openapi_get))
        .route("/v1/auth/sign-in", post(auth::sign_in_post))
        .route("/v1/auth/sign-out", post(auth::sign_out_post))
        .route("/v1/me", get(auth::me_get))
        .route("/v1/device/key", put(device_key::device_key_put))
        .route("/v1/sync/push", post(sync::sync_push))
        .route("/v1/sync/pull", post(sync::sync_pull))
        .route("/v1/devices", get(devices::devices_list))
        .route("/v1/devices/{id}/revoke", post(devices::device_revoke))
        .route("/v1/audit", get(audit::audit_get))
        .route(
            "/v1/history/{entity}/{entity_id}",
            get(history::history_get),
        )
        .layer(body_limit(MAX_BODY_BYTES));
    // A school's whole MIS export is larger than any other request: these two routes alone
    // take it.
    let import = Router::new()
        .route(
            "/v1/import/students/preview",
            post(import::import_students_preview),
        )
        .route(
            "/v1/import/students/commit",
            post(import::import_students_commit),
        )
        .layer(body_limit(MAX_IMPORT_BODY_BYTES));
    routes
        .merge(import)
        .fallback(|| async { AppError::NotFound })
        .method_not_allowed_fallback(|| async { AppError::MethodNotAllowed })
        // Answers carry children's data: no cache, shared or private, may keep them.
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
}

/// One limit for every way a body is read: tower-http's on the request (a declared length
/// over it is refused before the handler runs, a longer stream when read), with axum's own
/// default for its extractors turned off so the two cannot disagree.
fn body_limit(max: usize) -> (DefaultBodyLimit, RequestBodyLimitLayer) {
    (DefaultBodyLimit::disable(), RequestBodyLimitLayer::new(max))
}

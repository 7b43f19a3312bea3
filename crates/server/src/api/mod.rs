//! The JSON API under `/api`. Every answer, including errors and unknown paths, is JSON.

mod health;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::routing::get;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::{AppError, AppState};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/health", get(health::health_get))
        .fallback(|| async { AppError::NotFound })
        .method_not_allowed_fallback(|| async { AppError::MethodNotAllowed })
        // Answers carry children's data: no cache, shared or private, may keep them.
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
}

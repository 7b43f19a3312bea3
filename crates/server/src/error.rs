//! One error type for every handler, rendered as `{"error": {"code", "message"}}`.
//!
//! Messages are written for the person using the app. Internal failures are logged here, once,
//! and the client is told only that something went wrong on the server.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("There is nothing at this address.")]
    NotFound,
    #[error("This request is not allowed at this address.")]
    MethodNotAllowed,
    #[error("The server's database is not available right now. Try again in a minute.")]
    StoreUnavailable(#[source] StoreError),
    #[error(
        "Something went wrong on the server. Try again; if it keeps happening, tell your IT lead."
    )]
    Internal(String),
}

impl AppError {
    fn status(&self) -> StatusCode {
        match self {
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::StoreUnavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            Self::NotFound => "not_found",
            Self::MethodNotAllowed => "method_not_allowed",
            Self::StoreUnavailable(_) => "store_unavailable",
            Self::Internal(_) => "internal",
        }
    }
}

impl From<StoreError> for AppError {
    fn from(err: StoreError) -> Self {
        Self::StoreUnavailable(err)
    }
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: ErrorDetail<'a>,
}

#[derive(Serialize)]
struct ErrorDetail<'a> {
    code: &'a str,
    message: String,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match &self {
            Self::StoreUnavailable(source) => tracing::error!(error = %source, "store failure"),
            Self::Internal(detail) => tracing::error!(%detail, "internal error"),
            Self::NotFound | Self::MethodNotAllowed => {}
        }
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code(),
                message: self.to_string(),
            },
        };
        (self.status(), Json(body)).into_response()
    }
}

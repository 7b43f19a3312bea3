//! Extractors whose failures are the API's JSON errors, never axum's plain-text rejections.

use std::net::SocketAddr;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use serde::de::DeserializeOwned;

use crate::auth::token_hash;
use crate::client_address;
use crate::store::{AuthenticatedDevice, TokenCheck};
use crate::{AppError, AppState};

/// The server's clock in Unix ms.
pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| {
            u64::try_from(since.as_millis()).unwrap_or(u64::MAX)
        })
}

/// A JSON body; malformed JSON is a 400 saying what was wrong, an oversized body a 413.
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, AppError> {
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(Self(value)),
            Err(rejection) => Err(json_error(&rejection)),
        }
    }
}

fn json_error(rejection: &JsonRejection) -> AppError {
    match rejection {
        JsonRejection::MissingJsonContentType(_) => AppError::NotJson,
        _ if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
        JsonRejection::JsonDataError(err) => AppError::BadRequest(format!(
            "The request does not have the expected fields: {}.",
            std::error::Error::source(err).map_or_else(|| err.body_text(), |e| e.to_string())
        )),
        JsonRejection::JsonSyntaxError(err) => AppError::BadRequest(format!(
            "The request is not valid JSON: {}.",
            std::error::Error::source(err).map_or_else(|| err.body_text(), |e| e.to_string())
        )),
        _ => AppError::BadRequest(format!("The request could not be read: {rejection}.")),
    }
}

/// A URL query; one that does not read is a 400 saying what was wrong.
#[derive(Debug)]
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(Self(value)),
            Err(QueryRejection::FailedToDeserializeQueryString(err)) => Err(AppError::BadRequest(
                format!("The address's query does not read: {}.", err.body_text()),
            )),
            Err(rejection) => Err(AppError::BadRequest(format!(
                "The address's query could not be read: {rejection}."
            ))),
        }
    }
}

/// The client's address: the TCP peer, or what a trusted proxy says it forwarded
/// ([`crate::client_address`]); "unknown" when served without a socket (tests).
#[derive(Debug, Clone)]
pub struct ClientAddress(pub String);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|info| info.0);
        Ok(Self(client_address::resolve(
            peer,
            &parts.headers,
            &state.options.trusted_proxies,
        )))
    }
}

/// The hash of the request's bearer token.
#[derive(Debug, Clone)]
pub struct BearerTokenHash(pub String);

impl<S: Send + Sync> FromRequestParts<S> for BearerTokenHash {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, AppError> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|token| !token.is_empty())
            .ok_or(AppError::Unauthenticated)?;
        Ok(Self(token_hash(token)))
    }
}

impl FromRequestParts<AppState> for AuthenticatedDevice {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let BearerTokenHash(hash) = BearerTokenHash::from_request_parts(parts, state).await?;
        let now = state.now_ms();
        let check = state
            .with_store(move |store| store.authenticate(&hash, now))
            .await?;
        match check {
            TokenCheck::Valid(device) => Ok(device),
            TokenCheck::Revoked => Err(AppError::Wipe),
            TokenCheck::Expired => Err(AppError::SessionExpired),
            TokenCheck::Unknown => Err(AppError::Unauthenticated),
        }
    }
}

/// An authenticated device that is within its sync rate.
#[derive(Debug, Clone)]
pub struct SyncingDevice(pub AuthenticatedDevice);

impl FromRequestParts<AppState> for SyncingDevice {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let device = AuthenticatedDevice::from_request_parts(parts, state).await?;
        let mut buckets = state
            .sync_buckets
            .lock()
            .map_err(|_| AppError::Internal("sync rate limiter poisoned".to_owned()))?;
        buckets
            .take(device.device_id, Instant::now())
            .map_err(|retry_after| AppError::RateLimited { retry_after })?;
        Ok(Self(device))
    }
}

/// Refuses a caller who is not an administrator; `action` completes "Only an administrator
/// can …" (e.g. "manage devices").
pub fn require_admin(device: &AuthenticatedDevice, action: &str) -> Result<(), AppError> {
    if device.staff.role.manages_school() {
        Ok(())
    } else {
        Err(AppError::Forbidden(format!(
            "Only an administrator can {action}."
        )))
    }
}

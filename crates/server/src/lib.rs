//! The Progress Mentor server: the school's copy of record.
//!
//! [`app`] builds the whole HTTP surface (the PWA's files and the JSON API) as one axum
//! [`Router`], so tests drive it without a socket and `main.rs` only reads its configuration,
//! opens the store and binds.

#![forbid(unsafe_code)]

pub mod api;
pub mod data_dir;
pub mod error;
pub mod headers;
pub mod site;
pub mod store;

use std::sync::Arc;

use axum::Router;
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

pub use error::AppError;
pub use site::Site;
pub use store::{SqliteStore, Store, StoreError};

/// Everything a request handler may use.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub site: Arc<Site>,
}

impl AppState {
    pub fn new(store: Arc<dyn Store>, site: Site) -> Self {
        Self {
            store,
            site: Arc::new(site),
        }
    }
}

/// The whole server: `/api/…` answers JSON, everything else is the PWA.
pub fn app(state: AppState) -> Router {
    let security = headers::SecurityHeaders::new(state.site.content_security_policy());
    Router::new()
        .nest("/api", api::router())
        .fallback(site::site_get)
        .with_state(state)
        // Compression skips responses that already carry Content-Encoding, so the
        // precompressed build outputs pass through untouched and API JSON is compressed here.
        .layer(CompressionLayer::new())
        .layer(axum::middleware::map_response_with_state(
            security,
            headers::add_security_headers,
        ))
        .layer(TraceLayer::new_for_http())
}

//! The Progress Mentor server: the school's copy of record.
//!
//! [`app`] builds the whole HTTP surface (the PWA's files and the JSON API) as one axum
//! [`Router`], so tests drive it without a socket and `main.rs` only reads its configuration,
//! opens the store and binds.

#![forbid(unsafe_code)]

pub mod api;
pub mod auth;
pub mod client_address;
pub mod clock;
pub mod data_dir;
pub mod demo;
pub mod error;
pub mod headers;
pub mod import;
pub mod limits;
pub mod options;
pub mod password_policy;
pub mod serve;
pub mod server_writes;
pub mod site;
pub mod store;
pub mod throttle;

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::error_handling::HandleErrorLayer;
use axum::handler::Handler;
use tower::ServiceBuilder;
use tower::limit::GlobalConcurrencyLimitLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::trace::TraceLayer;

pub use error::AppError;
use error::MAX_BODY_BYTES;
pub use options::ServerOptions;
pub use site::Site;
pub use store::{SqliteStore, Store, StoreError};

use auth::{DeviceBuckets, Passwords};
use clock::{Clock, SystemClock};
use throttle::SignInThrottle;

/// Sync requests per second one device may make, and its burst.
pub const SYNC_RATE: (f64, f64) = (20.0, 40.0);

/// Everything a request handler may use.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub site: Arc<Site>,
    pub passwords: Arc<Passwords>,
    pub sign_in_throttle: Arc<SignInThrottle>,
    pub sync_buckets: Arc<Mutex<DeviceBuckets>>,
    /// The clock sessions, device limits and the audit read (tests move it on).
    pub clock: Arc<dyn Clock>,
    /// Network limits and what the server is told of its deployment.
    pub options: Arc<ServerOptions>,
}

impl AppState {
    /// Runs `work` against the store on a blocking thread: the store is synchronous (SQLite
    /// behind one mutex) and must never block the async runtime.
    ///
    /// # Errors
    /// What `work` returns, or [`AppError::Internal`] if the blocking task panicked.
    pub async fn with_store<T, E>(
        &self,
        work: impl FnOnce(&dyn Store) -> Result<T, E> + Send + 'static,
    ) -> Result<T, AppError>
    where
        T: Send + 'static,
        E: Into<AppError> + Send + 'static,
    {
        let store = self.store.clone();
        tokio::task::spawn_blocking(move || work(store.as_ref()))
            .await?
            .map_err(Into::into)
    }

    /// State with the default [`ServerOptions`].
    pub fn new(store: Arc<dyn Store>, site: Site, passwords: Passwords) -> Self {
        Self {
            store,
            site: Arc::new(site),
            passwords: Arc::new(passwords),
            sign_in_throttle: Arc::default(),
            sync_buckets: Arc::new(Mutex::new(DeviceBuckets::new(SYNC_RATE.0, SYNC_RATE.1))),
            clock: Arc::new(SystemClock),
            options: Arc::default(),
        }
    }

    /// The same state with these network options.
    #[must_use]
    pub fn with_options(self, options: ServerOptions) -> Self {
        Self {
            options: Arc::new(options),
            ..self
        }
    }

    /// The same state reading time from `clock`.
    #[must_use]
    pub fn with_clock(self, clock: Arc<dyn Clock>) -> Self {
        Self { clock, ..self }
    }

    /// The time now, by [`Self::clock`], in Unix ms.
    pub fn now_ms(&self) -> u64 {
        self.clock.now_ms()
    }
}

/// The whole server: `/api/…` answers JSON, everything else is the PWA.
pub fn app(state: AppState) -> Router {
    let options = state.options.clone();
    let security =
        headers::SecurityHeaders::new(state.site.content_security_policy(), options.https);
    Router::new()
        .nest("/api", api::router())
        .fallback(site::site_get.layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES)))
        .with_state(state)
        // Beyond the requests served at once a request is refused at once (503) rather than
        // queued, and none runs longer than the request timeout, reading its body included.
        .layer(
            ServiceBuilder::new()
                .layer(HandleErrorLayer::new(limits::refusal))
                .load_shed()
                .layer(GlobalConcurrencyLimitLayer::new(
                    options.max_concurrent_requests,
                ))
                .timeout(options.request_timeout),
        )
        .layer(axum::middleware::map_response(
            limits::json_payload_too_large,
        ))
        // Compression skips responses that already carry Content-Encoding, so the
        // precompressed build outputs pass through untouched and API JSON is compressed here.
        .layer(CompressionLayer::new())
        .layer(axum::middleware::map_response_with_state(
            security,
            headers::add_security_headers,
        ))
        .layer(TraceLayer::new_for_http())
}

//! The Progress Mentor server: the school's copy of record.
//!
//! [`app`] builds the whole HTTP surface (the PWA's files and the JSON API) as one axum
//! [`Router`], so tests drive it without a socket and `main.rs` only reads its configuration,
//! opens the store and binds.

#![forbid(unsafe_code)]

pub mod api;
pub mod auth;
pub mod clock;
pub mod data_dir;
pub mod demo;
pub mod error;
pub mod headers;
pub mod import;
pub mod server_writes;
pub mod site;
pub mod store;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

pub use error::AppError;
pub use site::Site;
pub use store::{SqliteStore, Store, StoreError};

use auth::{DeviceBuckets, FailureLimiter, Passwords};
use clock::{Clock, SystemClock};

/// Failed sign-ins allowed per email and per client address within [`SIGN_IN_WINDOW`].
pub const SIGN_IN_FAILURES: usize = 5;
/// The window failed sign-ins are counted in.
pub const SIGN_IN_WINDOW: Duration = Duration::from_secs(5 * 60);
/// Sync requests per second one device may make, and its burst.
pub const SYNC_RATE: (f64, f64) = (20.0, 40.0);

/// Everything a request handler may use.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub site: Arc<Site>,
    pub passwords: Arc<Passwords>,
    pub sign_in_failures: Arc<Mutex<FailureLimiter>>,
    pub sync_buckets: Arc<Mutex<DeviceBuckets>>,
    /// The clock sessions, device limits and the audit read (tests move it on).
    pub clock: Arc<dyn Clock>,
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

    /// State with production password hashing.
    pub fn new(store: Arc<dyn Store>, site: Site, passwords: Passwords) -> Self {
        Self {
            store,
            site: Arc::new(site),
            passwords: Arc::new(passwords),
            sign_in_failures: Arc::new(Mutex::new(FailureLimiter::new(
                SIGN_IN_FAILURES,
                SIGN_IN_WINDOW,
            ))),
            sync_buckets: Arc::new(Mutex::new(DeviceBuckets::new(SYNC_RATE.0, SYNC_RATE.1))),
            clock: Arc::new(SystemClock),
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

//! The sync client: [`client`] is one push-then-pull against any store and transport;
//! [`scheduler`] decides when it runs in the app (start-up, `online`, the page becoming
//! visible, a timer, shortly after a local write), backs off after failures, lets one tab
//! at a time sync (Web Locks) and keeps [`crate::state::SyncStatus`] current.

pub mod client;
pub mod push_lease;
pub mod scheduler;

pub use client::{HttpTransport, SyncClient, SyncError, SyncReport, SyncTransport};
pub use scheduler::{MAX_BACKOFF_MS, SyncScheduler, UNREACHABLE_MAX_MS, backoff_ms};

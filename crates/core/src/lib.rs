//! Domain types and protocol types shared by the Progress Mentor app (wasm32) and its server.
//!
//! This crate must build natively and for `wasm32-unknown-unknown` with no UI, browser,
//! async-runtime or database dependency; `cargo xtask test` checks that with `cargo tree`.
//! Nothing in here reads the clock or any other global: time is always passed in.
//!
//! The sync engine, bottom up:
//! - [`ids`]: device, op and record ids (UUIDv7 from time and random bytes passed in; UUIDv5
//!   for records two devices may create for the same thing);
//! - [`hlc`]: the hybrid logical clock that orders every change, and [`guard`], the server's
//!   cap on stamps from devices whose clock is ahead;
//! - [`entity`], [`kinds`] and [`validation`]: the catalogue of kinds, each kind's declaration
//!   (fields, ids, links, who may read and write it) and the rules read from them
//!   ([`hidden_formatting`]: the invisible characters no text field takes); [`role`]: staff
//!   roles;
//! - [`op`]: a stamped local change; [`merge`]: the one merge rule;
//! - [`protocol`]: push and pull messages; [`engine`]: the server's side of them over any
//!   store;
//! - `testing` (feature `testing`): an in-memory reference server and a model device.
//!
//! Beside the engine, every other `/api` body is here too, one module per concern, so the app
//! and the server never write one twice: [`error_api`] (the error envelope and its
//! [`ErrorCode`]), [`auth_api`] (sign-in, "who am I", key escrow), [`devices_api`] (the school's
//! devices), [`audit_api`] (the sign-in and security audit),
//! [`history_api`] (a record's field history), [`health`] and [`import_api`] (the MIS import;
//! [`import_parts`] cuts a large file into parts of whole rows for the app to send). With the
//! `openapi` feature these derive utoipa's `ToSchema` for the server's document.

#![forbid(unsafe_code)]

pub mod audit_api;
pub mod auth_api;
pub mod dates;
pub mod devices_api;
pub mod engine;
pub mod entity;
pub mod error_api;
pub mod guard;
pub mod health;
pub mod hidden_formatting;
pub mod history_api;
pub mod hlc;
pub mod ids;
pub mod import_api;
pub mod import_parts;
pub mod kinds;
pub mod merge;
pub mod op;
pub mod protocol;
pub mod records;
pub mod role;
#[cfg(feature = "testing")]
pub mod testing;
pub mod validation;

pub use entity::{EntityKind, MergeKind};
pub use error_api::{ErrorBody, ErrorCode};
pub use health::Health;
pub use hlc::{ClockError, Hlc, HlcClock};
pub use ids::{DeviceId, EntityId, OpId};
pub use kinds::KindSpec;
pub use merge::{FieldState, HistoryEntry, RecordState};
pub use op::{Edit, Op, OpKind};
pub use protocol::{
    Change, OpResult, Outcome, PullRequest, PullResponse, PushRequest, PushResponse,
};
pub use role::Role;

/// The product's name as users see it.
pub const PRODUCT_NAME: &str = "Progress Mentor";

/// Version of this release of the app and server (they ship together).
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Version of the data and sync schema.
///
/// Every request carries it; the server refuses a client whose schema is too old and keeps
/// (never drops) data written under a newer one.
pub const SCHEMA_VERSION: u32 = 1;

//! Domain types and protocol types shared by the Progress Mentor app (wasm32) and its server.
//!
//! This crate must build natively and for `wasm32-unknown-unknown` with no UI, browser,
//! async-runtime or database dependency; `cargo xtask test` checks that with `cargo tree`.
//! Nothing in here reads the clock or any other global: time is always passed in.

#![forbid(unsafe_code)]

pub mod health;

pub use health::Health;

/// The product's name as users see it.
pub const PRODUCT_NAME: &str = "Progress Mentor";

/// Version of this release of the app and server (they ship together).
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Version of the data and sync schema.
///
/// Every request carries it; the server refuses a client whose schema is too old and keeps
/// (never drops) data written under a newer one.
pub const SCHEMA_VERSION: u32 = 1;

//! Progress Mentor, the app: a Leptos client-side PWA that keeps a mentor's work on the device
//! and works with no signal.
//!
//! Layout: `app` is the frame and the routes, `pages/` one folder per workflow, `components/`
//! shared widgets, `state/` app-wide state provided as context, `client/` every user action,
//! `api` all network code.

pub mod api;
pub mod app;
pub mod client;
pub mod components;
pub mod deadline;
pub mod pages;
pub mod state;
pub mod storage;
pub mod sync;

pub use app::App;

/// Mounts the app on `<body>`; called once by the binary.
pub fn start() {
    leptos::mount::mount_to_body(App);
}

//! Signing in: once online per device, after which the stored session opens the app offline.

mod persist_warning;
mod sign_in_page;

pub use persist_warning::PersistWarning;
pub use sign_in_page::SignInPage;

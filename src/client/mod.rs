//! The client layer: every user action (sign in, sign out, save an edit, import, revoke a
//! device, refused changes, sync now) as a plain async function over the device's
//! [`LocalStore`](crate::storage::LocalStore) and the server's [`ApiTransport`], so native
//! tests run each one on [`MemoryStore`](crate::storage::MemoryStore) with a scripted
//! server. [`AppClient`] runs them in the app (IndexedDB, HTTP, the sync scheduler); pages
//! call it through [`LocalAction`]s and Leptos resources and do no I/O themselves. Every form shows
//! its [`SaveState`] the same way.

mod app_client;
mod device_lock;
mod devices;
mod download;
mod edit;
pub mod import;
pub mod interventions;
pub mod lessons;
mod local_action;
pub mod mentoring;
pub mod placements;
mod preferences;
mod refused;
pub mod registers;
mod save_action;
mod save_state;
mod school_settings;
mod session;
mod sign_in;
mod sign_out;
pub mod summaries;
pub mod targets;
pub mod tracking;
mod transport;
pub mod trips;
mod unlock;

#[cfg(test)]
mod tests;

pub use app_client::AppClient;
pub use device_lock::{DEFAULT_IDLE_MS, DeviceLock, LockPhase};
pub use devices::{revoke_device, school_devices, security_audit};
pub use download::{download_text, print_page};
pub use edit::{new_id, save_edit, typed};
pub use import::{commit_import, preview_import, with_separators};
pub use local_action::LocalAction;
pub use preferences::{LessonPreferences, move_up, ordered_tags};
pub use refused::{dismiss_refused, refused_changes};
pub use save_action::SaveAction;
pub use save_state::SaveState;
pub use school_settings::{
    MENTORING_TOPICS_LIST, NOTE_TAGS_LIST, SCORE_NAMES_LIST, SchoolList, lock_after_edit,
    retention_edit, school_list_edit, settings_exist,
};
pub use session::signed_in;
pub use sign_in::{Credentials, SignedIn, begin_session, device_label, sign_in};
pub use sign_out::sign_out;
pub use transport::ApiTransport;
pub use unlock::UnlockRefusal;

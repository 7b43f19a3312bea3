//! App-wide state, provided once by [`crate::App`] and read with `expect_context`.

pub mod connectivity;
pub mod device_storage;
pub mod service_worker;
pub mod sync_status;

pub use connectivity::Connectivity;
pub use service_worker::OfflineShell;
pub use sync_status::{SyncProblem, SyncState, SyncStatus};

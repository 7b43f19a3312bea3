//! The Device page: what is installed here and how it stands with the server, for the mentor
//! and for the school's IT lead.

mod device_page;
mod refused_changes;
mod school_devices;
mod security_audit;
mod signed_in_as;

pub use device_page::DevicePage;
pub use refused_changes::RefusedChanges;
pub use school_devices::SchoolDevices;
pub use security_audit::SecurityAudit;
pub use signed_in_as::SignedInAs;

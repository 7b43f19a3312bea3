//! What the app shows while it may not show anything about a child: signing in, choosing a
//! PIN, the PIN, the other members of staff with data on a shared device, and quick-hide's
//! neutral cover. [`LockGate`] picks one from the device's
//! [`LockPhase`](crate::client::LockPhase).

mod choose_pin_page;
mod lock_gate;
mod neutral_cover;
mod other_staff;
mod unlock_page;

pub use lock_gate::LockGate;
pub use other_staff::OtherStaff;

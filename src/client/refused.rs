//! Changes the server refused: listed until the user has read them.

use crate::storage::{LocalStore, RejectedOp};

/// The refused changes remembered on the device, oldest first (none if they cannot be read).
pub async fn refused_changes(store: &impl LocalStore) -> Vec<RejectedOp> {
    store.rejected().await.unwrap_or_default()
}

/// Forgets the refused changes once the user has read them.
///
/// # Errors
/// The storage error in words; the list is kept then, so the user can try again.
pub async fn dismiss_refused(store: &impl LocalStore) -> Result<(), String> {
    store.dismiss_rejected().await.map_err(|e| e.to_string())
}

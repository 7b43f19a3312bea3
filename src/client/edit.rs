//! Saving an edit (a field change, a new record, a removal) on the device.

use mentor_core::{Edit, Op};

use crate::storage::LocalStore;

/// Writes `edit` to the outbox, in one transaction; `Ok` means committed on the device, and
/// the view shows it from then on.
///
/// # Errors
/// The storage error in words; nothing was saved then.
pub async fn save_edit(store: &impl LocalStore, edit: Edit) -> Result<Op, String> {
    store.record_edit(edit).await.map_err(|e| e.to_string())
}

//! Saving an edit (a field change, a new record, a removal) on the device.

use mentor_core::{Edit, EntityId, Op};

use crate::storage::{LocalStore, platform};

/// A new record id (time-ordered, from the secure random source).
///
/// # Errors
/// The id error in words (only if the device's clock is far in the future).
pub fn new_id() -> Result<EntityId, String> {
    EntityId::from_time_and_random(platform::now_ms(), platform::random_bytes())
        .map_err(|error| error.to_string())
}

/// A form's text as typed, trimmed; `None` when blank.
pub fn typed(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// Writes `edit` to the outbox, in one transaction; `Ok` means committed on the device, and
/// the view shows it from then on.
///
/// # Errors
/// The storage error in words; nothing was saved then.
pub async fn save_edit(store: &impl LocalStore, edit: Edit) -> Result<Op, String> {
    store.record_edit(edit).await.map_err(|e| e.to_string())
}

/// Saves `edits` on the device in one transaction: every one, or (with the error) none.
///
/// # Errors
/// The storage error in words.
pub async fn save_edits(store: &impl LocalStore, edits: Vec<Edit>) -> Result<Vec<Op>, String> {
    store.record_edits(edits).await.map_err(|e| e.to_string())
}

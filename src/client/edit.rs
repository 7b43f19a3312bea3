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

/// Labels typed one a line (a school's tags, a scale's levels): trimmed, in order, blank
/// lines left out.
///
/// # Errors
/// More than `max_items` ("A school may have at most 16 tags; there are 17.", `whose` and
/// `plural` naming them), one longer than `max_chars`, or one twice, in words.
pub fn typed_labels<'a>(
    typed: &'a str,
    (max_items, max_chars): (usize, usize),
    whose: &str,
    plural: &str,
) -> Result<Vec<&'a str>, String> {
    let items: Vec<&str> = typed
        .lines()
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .collect();
    if items.len() > max_items {
        return Err(format!(
            "{whose} may have at most {max_items} {plural}; there are {}.",
            items.len()
        ));
    }
    if let Some(long) = items.iter().find(|item| item.chars().count() > max_chars) {
        return Err(format!(
            "“{long}” is longer than {max_chars} characters; shorten it."
        ));
    }
    if let Some((_, twice)) = items
        .iter()
        .enumerate()
        .find(|(i, item)| items[..*i].contains(item))
    {
        return Err(format!("“{twice}” is there twice."));
    }
    Ok(items)
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

//! The school's settings as this device last synced them, and the edit that changes them.

use mentor_core::kinds::LOCK_AFTER_MINUTES;
use mentor_core::records::SchoolSettings;
use mentor_core::{Edit, EntityKind};
use serde_json::json;

use crate::storage::LocalStore;

/// The school's settings on this device (the defaults before the first sync brings them, or
/// while the device is locked).
pub async fn school_settings(store: &impl LocalStore) -> SchoolSettings {
    store
        .view(EntityKind::SchoolSettings)
        .await
        .ok()
        .and_then(|records| records.first()?.read::<SchoolSettings>().ok())
        .unwrap_or_default()
}

/// The edit that sets how many minutes without a touch lock the app: a create the first
/// time (two administrators doing it offline make one record, under its fixed id), an update
/// after.
///
/// # Errors
/// The sentence to show if `minutes` is outside what a school may set.
pub fn lock_after_edit(minutes: i64, exists: bool) -> Result<Edit, String> {
    let (least, most) = LOCK_AFTER_MINUTES;
    if !(least..=most).contains(&minutes) {
        return Err(format!("Choose from {least} to {most} minutes."));
    }
    let kind = EntityKind::SchoolSettings;
    let fields = [("lock_after_minutes".to_owned(), json!(minutes))].into();
    Ok(if exists {
        Edit::update(kind, kind.school_record_id(), fields)
    } else {
        Edit::create(kind, kind.school_record_id(), fields)
    })
}

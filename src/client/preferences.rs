//! This device's preferences for lesson mode, kept in `localStorage` (never personal data:
//! a group's id and a tile size; everything about a child stays in the encrypted store).

use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};

const KEY: &str = "progress-mentor.lesson-preferences";

/// How lesson mode was last left on this device.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonPreferences {
    /// The group the last lesson was started from (its id).
    #[serde(default)]
    pub last_group: Option<String>,
    /// Larger tiles, for a phone held at arm's length or a tablet across a room.
    #[serde(default)]
    pub large_tiles: bool,
    /// Tiles as the group sits (its seating plan) rather than alphabetical.
    #[serde(default)]
    pub seated: bool,
}

impl LessonPreferences {
    /// The preferences stored on this device (the defaults if none, or unreadable).
    pub fn load() -> Self {
        LocalStorage::get(KEY).unwrap_or_default()
    }

    /// Stores them; a browser that refuses (storage full, private mode) keeps the defaults,
    /// which costs the user nothing but a choice to make again.
    pub fn store(&self) {
        let _ = LocalStorage::set(KEY, self);
    }
}

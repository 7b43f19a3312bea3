//! This device's preferences for lesson mode, kept in `localStorage` (never personal data:
//! a group's id, a tile size, the order of the tags; everything about a child stays in the
//! encrypted store).

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
    /// The tags this device offers first, in this order; the school's other tags follow in
    /// the school's order. Empty: the school's order.
    #[serde(default)]
    pub tag_order: Vec<String>,
}

/// The school's `tags` in the order this device prefers: those in `order` first (in that
/// order, leaving out any the school no longer has), then the rest in the school's order.
pub fn ordered_tags(tags: &[String], order: &[String]) -> Vec<String> {
    let mut ordered: Vec<String> = order
        .iter()
        .filter(|tag| tags.contains(tag))
        .cloned()
        .collect();
    ordered.dedup();
    for tag in tags {
        if !ordered.contains(tag) {
            ordered.push(tag.clone());
        }
    }
    ordered
}

/// `tags` (as shown) with `tag` moved one place nearer the front: the order to keep.
pub fn move_up(tags: &[String], tag: &str) -> Vec<String> {
    let mut tags = tags.to_vec();
    if let Some(at) = tags.iter().position(|t| t == tag).filter(|at| *at > 0) {
        tags.swap(at, at - 1);
    }
    tags
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

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|&w| w.to_owned()).collect()
    }

    #[test]
    fn the_preferred_tags_come_first_and_the_schools_others_follow_in_its_order() {
        let school = words(&["On task", "Needed a prompt", "Praise", "Off task"]);
        assert_eq!(ordered_tags(&school, &[]), school);
        let order = words(&["Praise", "Gone from the school's set", "Off task"]);
        assert_eq!(
            ordered_tags(&school, &order),
            words(&["Praise", "Off task", "On task", "Needed a prompt"])
        );
        let shown = ordered_tags(&school, &order);
        assert_eq!(
            move_up(&shown, "On task"),
            words(&["Praise", "On task", "Off task", "Needed a prompt"])
        );
        assert_eq!(move_up(&shown, "Praise"), shown, "the first stays first");
    }
}

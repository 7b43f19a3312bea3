//! Hover support in lessons: start a lesson from a group, record two-tap notes on the
//! students' tiles, and read the lesson's summary (the supporter and the group's teacher).

mod lesson_data;
mod lesson_mode;
mod lesson_page;
mod lesson_summary;
mod lessons_page;
mod seating;
mod tag_sheet;

use chrono::{DateTime, Local};
use mentor_core::EntityId;
use mentor_core::role::Role;

pub use lesson_data::{NoteView, note_view};
pub use lesson_page::LessonPage;
pub use lesson_summary::note_line;
pub use lessons_page::LessonsPage;

use crate::state::SyncStatus;

/// The member of staff signed in on this device and their role (tracked).
fn signed_in(status: SyncStatus) -> Option<(EntityId, Role)> {
    let staff = status.get().staff?;
    Some((staff.id.parse().ok()?, staff.role))
}

/// A moment (milliseconds since 1970) as this device's local time: "14:05".
pub fn clock_time(ms: i64) -> String {
    local(ms).map_or_else(String::new, |time| time.format("%H:%M").to_string())
}

/// A moment as a short local date and time: "Wed 2 Dec, 14:05".
pub fn day_and_time(ms: i64) -> String {
    local(ms).map_or_else(String::new, |time| {
        time.format("%a %-d %b, %H:%M").to_string()
    })
}

fn local(ms: i64) -> Option<DateTime<Local>> {
    DateTime::from_timestamp_millis(ms).map(|time| time.with_timezone(&Local))
}

/// Whether a strategy helped, in words.
pub fn helped_words(helped: &str) -> &'static str {
    match helped {
        "yes" => "helped",
        "partly" => "helped partly",
        "no" => "did not help",
        _ => "",
    }
}

/// The reminder shown every time a note about a child's wellbeing is recorded.
pub const WELLBEING_REMINDER: &str = "If you are worried about a child's safety or wellbeing, \
     this note is not enough: tell the Designated Safeguarding Lead today, by the school's \
     safeguarding procedure.";

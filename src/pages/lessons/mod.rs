//! Hover support in lessons: start a lesson from a group, record two-tap notes on the
//! students' tiles, and read the lesson's summary (the supporter and the group's teacher).

mod lesson_data;
mod lesson_mode;
mod lesson_page;
mod lesson_summary;
mod lessons_page;
mod seating;
mod tag_order;
mod tag_sheet;

pub use lesson_data::{NoteView, note_view};
pub use lesson_page::LessonPage;
pub use lesson_summary::note_line;
pub use lessons_page::LessonsPage;

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

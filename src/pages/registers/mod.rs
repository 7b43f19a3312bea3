//! Registers for any teaching group: open one for a date and session, mark everyone present,
//! then the exceptions; complete, re-open and correct; print it or download it as CSV.

mod mark_sheet;
mod register_csv;
mod register_data;
mod register_page;
mod registers_page;
mod session_note;

use chrono::{Local, NaiveDate};

pub use register_page::RegisterPage;
pub use registers_page::RegistersPage;

use crate::client::registers::Mark;
use crate::pages::long_date;
use register_data::MarkRow;

/// A stored mark in words ("Left early"); the word itself if this version does not know it.
fn mark_words(stored: &str) -> &str {
    Mark::from_stored(stored).map_or(stored, |mark| mark.label())
}

/// A row's mark as one phrase: "Late, arrived at 09:12", "Not marked yet".
fn mark_phrase(row: &MarkRow) -> String {
    let Some(mark) = &row.mark else {
        return "Not marked yet".to_owned();
    };
    let words = mark_words(&mark.mark);
    let time = Mark::from_stored(&mark.mark)
        .and_then(Mark::time_label)
        .zip(mark.at_time.as_deref());
    match time {
        Some((label, time)) => format!("{words}, {} {time}", label.to_lowercase()),
        None => words.to_owned(),
    }
}

/// A register's date as people read it ("Monday 7 September 2026"); the stored text if it
/// is not a date.
fn date_words(date: &str) -> String {
    NaiveDate::parse_from_str(date, "%Y-%m-%d").map_or_else(|_| date.to_owned(), long_date)
}

/// The time now on this device, `HH:MM`: what a late arrival's time starts as.
fn time_now() -> String {
    Local::now().format("%H:%M").to_string()
}

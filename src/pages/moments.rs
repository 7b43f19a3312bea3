//! Moments and dates as the pages show them, in this device's local time: one set of
//! helpers for lessons, registers and placements.

use chrono::{DateTime, Local, NaiveDate};

/// A moment (milliseconds since 1970) as local time: "14:05".
pub fn clock_time(ms: i64) -> String {
    local(ms).map_or_else(String::new, |time| time.format("%H:%M").to_string())
}

/// A moment as a short local date and time: "Wed 2 Dec, 14:05".
pub fn day_and_time(ms: i64) -> String {
    local(ms).map_or_else(String::new, |time| {
        time.format("%a %-d %b, %H:%M").to_string()
    })
}

/// The local day of a moment, as `YYYY-MM-DD`.
pub fn day_of(ms: i64) -> String {
    local(ms).map_or_else(String::new, |time| time.format("%Y-%m-%d").to_string())
}

/// `days` days before `day` (`YYYY-MM-DD`), as `YYYY-MM-DD`; `day` itself if it is not one.
pub fn days_before(day: &str, days: u64) -> String {
    NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .ok()
        .and_then(|date| date.checked_sub_days(chrono::Days::new(days)))
        .map_or_else(
            || day.to_owned(),
            |date| date.format("%Y-%m-%d").to_string(),
        )
}

/// Today on this device, as `YYYY-MM-DD`.
pub fn today() -> String {
    Local::now().date_naive().format("%Y-%m-%d").to_string()
}

/// A `YYYY-MM-DD` date as people read it: "Wed 2 Dec 2026"; the text itself if it is not one.
pub fn day_words(date: &str) -> String {
    NaiveDate::parse_from_str(date, "%Y-%m-%d").map_or_else(
        |_| date.to_owned(),
        |day| day.format("%a %-d %b %Y").to_string(),
    )
}

fn local(ms: i64) -> Option<DateTime<Local>> {
    DateTime::from_timestamp_millis(ms).map(|time| time.with_timezone(&Local))
}

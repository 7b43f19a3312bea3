//! Calendar values as text: a date `YYYY-MM-DD` and a time of day `HH:MM`. Both are checked
//! digit by digit, so exactly one spelling of each day and minute is accepted and text order
//! is time order (registers sort by date as text).

use super::ValidationError;
use crate::ids::excerpt;

/// The years a date may fall in: as far as [`crate::entity::MOMENT`] reaches.
const YEARS: std::ops::RangeInclusive<u32> = 2020..=2100;

/// A real calendar date from 2020 to 2100, written `YYYY-MM-DD` with leading zeros.
pub(super) fn check_date(field: &'static str, text: &str) -> Result<(), ValidationError> {
    parse_date(text)
        .map(|_| ())
        .ok_or(ValidationError::NotADate {
            field,
            got: excerpt(text),
        })
}

/// A time from `00:00` to `23:59`, written with two digits each side.
pub(super) fn check_time_of_day(field: &'static str, text: &str) -> Result<(), ValidationError> {
    parse_time(text)
        .map(|_| ())
        .ok_or(ValidationError::NotATime {
            field,
            got: excerpt(text),
        })
}

/// True for a real calendar date written `YYYY-MM-DD`, in the years a date field takes.
pub fn is_date(text: &str) -> bool {
    parse_date(text).is_some()
}

/// The year, month and day of `YYYY-MM-DD`, if it is a real date in range.
fn parse_date(text: &str) -> Option<(u32, u32, u32)> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year = digits(&bytes[0..4])?;
    let month = digits(&bytes[5..7])?;
    let day = digits(&bytes[8..10])?;
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (YEARS.contains(&year) && (1..=days).contains(&day)).then_some((year, month, day))
}

/// The hour and minute of `HH:MM`, if in range.
fn parse_time(text: &str) -> Option<(u32, u32)> {
    let bytes = text.as_bytes();
    if bytes.len() != 5 || bytes[2] != b':' {
        return None;
    }
    let hour = digits(&bytes[0..2])?;
    let minute = digits(&bytes[3..5])?;
    (hour < 24 && minute < 60).then_some((hour, minute))
}

/// ASCII digits as a number; `None` if any byte is not a digit.
fn digits(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |number, byte| {
        byte.is_ascii_digit()
            .then(|| number * 10 + u32::from(byte - b'0'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_dates_in_range_are_accepted_in_one_spelling_only() {
        for good in ["2026-09-07", "2024-02-29", "2020-01-01", "2100-12-31"] {
            assert_eq!(check_date("date", good), Ok(()), "{good}");
        }
        for bad in [
            "2026-9-7",
            "07/09/2026",
            "2026-02-29",
            "2100-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
            "2019-12-31",
            "2101-01-01",
            "2026-09-07T00:00",
            "２０２６-09-07",
            "",
        ] {
            assert!(check_date("date", bad).is_err(), "{bad}");
        }
        assert_eq!(
            check_date("date", "2026-02-30").unwrap_err().to_string(),
            "date must be a date from 2020 to 2100 written YYYY-MM-DD, such as 2026-09-07, got \"2026-02-30\""
        );
    }

    #[test]
    fn times_run_from_midnight_to_one_minute_before() {
        for good in ["00:00", "09:05", "23:59"] {
            assert_eq!(check_time_of_day("at", good), Ok(()), "{good}");
        }
        for bad in ["24:00", "9:05", "09:60", "09.05", "09:05:00", " 9:05", ""] {
            assert!(check_time_of_day("at", bad).is_err(), "{bad}");
        }
        assert_eq!(
            check_time_of_day("at", "25:00").unwrap_err().to_string(),
            "at must be a time on the 24-hour clock written HH:MM, such as 09:05, got \"25:00\""
        );
    }

    #[test]
    fn date_text_order_is_date_order() {
        let mut dates = ["2026-10-01", "2026-09-30", "2025-12-31"];
        dates.sort_unstable();
        assert_eq!(dates, ["2025-12-31", "2026-09-30", "2026-10-01"]);
        assert_eq!(parse_date("2026-09-30"), Some((2026, 9, 30)));
    }
}

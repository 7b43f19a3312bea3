//! Calendar dates as `YYYY-MM-DD` text (the [`crate::entity::FieldType::Date`] form) from
//! moments, in UTC, for code with no calendar library (the server's demo school, tests).

/// The UTC date of `ms` (milliseconds since 1970), `days` days later, as `YYYY-MM-DD`.
pub fn iso_date(ms: u64, days: i64) -> String {
    let day = i64::try_from(ms / 86_400_000).unwrap_or(0) + days;
    // Days since 1970-01-01 to a civil date (Howard Hinnant's `civil_from_days`).
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::iso_date;
    use crate::validation::is_date;

    #[test]
    fn dates_come_out_as_the_calendar_says() {
        assert_eq!(iso_date(0, 0), "1970-01-01");
        // 2026-12-02 12:41 UTC.
        let now = 1_796_215_260_000;
        assert_eq!(iso_date(now, 0), "2026-12-02");
        assert_eq!(iso_date(now, -3), "2026-11-29");
        assert_eq!(iso_date(now, 30), "2027-01-01");
        assert_eq!(iso_date(1_709_164_800_000, 0), "2024-02-29");
        for days in (0..3_000).step_by(7) {
            assert!(is_date(&iso_date(now, days)));
        }
    }
}

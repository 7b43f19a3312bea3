//! A register as CSV (RFC 4180): one row per student with their mark, its time, who marked
//! it and the note. Built in the browser from what the device holds, so it downloads with
//! no signal.

use super::mark_words;
use super::register_data::RegisterData;
use crate::pages::csv_text::push_row;

/// The columns, in order.
const HEADER: [&str; 5] = ["Student", "Mark", "Time", "Marked by", "Note"];

/// The register as CSV text, lines ended with CRLF as RFC 4180 asks.
pub fn register_csv(data: &RegisterData) -> String {
    let mut out = String::new();
    push_row(&mut out, HEADER.iter().map(|cell| (*cell).to_owned()));
    for row in &data.rows {
        let (mark, time, note) = match &row.mark {
            Some(mark) => (
                mark_words(&mark.mark).to_owned(),
                mark.at_time.clone().unwrap_or_default(),
                mark.note.clone().unwrap_or_default(),
            ),
            None => ("Not marked".to_owned(), String::new(), String::new()),
        };
        push_row(
            &mut out,
            [
                row.student.shown_name(),
                mark,
                time,
                row.marked_by.clone(),
                note,
            ],
        );
    }
    out
}

/// A file name for the register: "register-breakfast-club-2026-09-07-am.csv".
pub fn file_name(data: &RegisterData) -> String {
    let (date, session) = data
        .register
        .as_ref()
        .map(|register| (register.date.as_str(), register.session.as_str()))
        .unwrap_or_default();
    let words: String = format!("register {} {date} {session}", data.group)
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    let slug: Vec<&str> = words.split('-').filter(|part| !part.is_empty()).collect();
    format!("{}.csv", slug.join("-"))
}

#[cfg(test)]
mod tests {
    use mentor_core::EntityId;
    use mentor_core::records::{Register, RegisterMark};

    use super::*;
    use crate::pages::StudentDetails;
    use crate::pages::csv_text::csv_field;
    use crate::pages::registers::register_data::MarkRow;

    #[test]
    fn fields_are_quoted_only_when_they_must_be_and_formulas_are_defused() {
        assert_eq!(csv_field("Present"), "Present");
        assert_eq!(csv_field(""), "");
        assert_eq!(csv_field("Dentist, back at 11"), "\"Dentist, back at 11\"");
        assert_eq!(csv_field("Said \"hi\""), "\"Said \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("-5"), "'-5");
        assert_eq!(csv_field("Zoë O'Neill"), "Zoë O'Neill");
    }

    #[test]
    fn a_register_is_a_header_and_a_row_per_student() {
        let id = |n: u8| EntityId::from_time_and_random(1_750_000_000_000, [n; 10]).unwrap();
        let student = |family: &str| StudentDetails {
            id: id(9),
            given_name: "Sam".into(),
            family_name: family.into(),
            preferred_name: String::new(),
            year_group: Some(8),
            form_group: String::new(),
            upn: String::new(),
            pronouns: String::new(),
            send_status: String::new(),
        };
        let late = RegisterMark {
            register_id: id(1),
            group_id: id(2),
            student_id: id(9),
            mark: "late".into(),
            at_time: Some("09:12".into()),
            note: Some("Bus, again".into()),
            marked_by: id(3),
            marked_at: 1_750_000_000_000,
        };
        let data = RegisterData {
            register: Some(Register {
                group_id: id(2),
                date: "2026-09-07".into(),
                session: "AM".into(),
                opened_by: id(3),
                opened_at: 1_750_000_000_000,
                completed_at: None,
                completed_by: None,
                note: None,
            }),
            group: "Breakfast Club (Y7)".into(),
            rows: vec![
                MarkRow {
                    student: student("Ashdown"),
                    mark: Some(late),
                    marked_by: "Kit Lanyon".into(),
                },
                MarkRow {
                    student: student("Brindle"),
                    mark: None,
                    marked_by: String::new(),
                },
            ],
            completed_by: String::new(),
        };
        assert_eq!(
            register_csv(&data),
            "Student,Mark,Time,Marked by,Note\r\n\
             Sam Ashdown,Late,09:12,Kit Lanyon,\"Bus, again\"\r\n\
             Sam Brindle,Not marked,,,\r\n"
        );
        assert_eq!(
            file_name(&data),
            "register-breakfast-club-y7-2026-09-07-am.csv"
        );
    }
}

//! An MIS export cut into parts of whole rows, so a large file is imported a part at a time
//! with real progress, and a part that fails can be sent again on its own.
//!
//! Each part is the file's header line followed by a run of its rows, as bytes: nothing is
//! decoded, so a Windows-1252 file stays byte for byte what it was (`"` and line feeds are the
//! same byte in every encoding an MIS writes). A line feed inside quotes belongs to its row.
//! Rows left out (the preview's bad rows, when the admin imports only the good ones) become
//! blank lines, and [`ImportPart::line_offset`] says where the part starts, so the server
//! numbers every line as the whole file does.

use std::collections::BTreeSet;

/// One part of a file, to send as an [`ImportRequest`](crate::import_api::ImportRequest).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportPart {
    /// The header line, then this part's rows.
    pub bytes: Vec<u8>,
    /// Physical lines of the file between the header and the part's first line.
    pub line_offset: u64,
    /// How many rows the part carries (rows left out are not counted).
    pub rows: usize,
}

/// One record of the file: where its bytes run and the physical line it starts on.
struct Record {
    start: usize,
    end: usize,
    line: u64,
    blank: bool,
}

/// The records of `file`, each with its line ending. A record is blank when it has nothing
/// but a line ending (the CSV reader skips those).
fn records(file: &[u8]) -> Vec<Record> {
    let mut records = Vec::new();
    let (mut start, mut line, mut quoted) = (0, 1_u64, false);
    let mut start_line = 1;
    for (at, byte) in file.iter().enumerate() {
        match byte {
            b'"' => quoted = !quoted,
            b'\n' => {
                if !quoted {
                    records.push(Record {
                        start,
                        end: at + 1,
                        line: start_line,
                        blank: file[start..at].iter().all(|b| *b == b'\r'),
                    });
                    start = at + 1;
                    start_line = line + 1;
                }
                line += 1;
            }
            _ => {}
        }
    }
    if start < file.len() {
        records.push(Record {
            start,
            end: file.len(),
            line: start_line,
            blank: false,
        });
    }
    records
}

/// Cuts `file` into parts of at most `rows_per_part` rows, leaving out the rows that start on
/// a line in `leave_out`. A file with no rows gives no parts.
pub fn split_rows(file: &[u8], rows_per_part: usize, leave_out: &BTreeSet<u64>) -> Vec<ImportPart> {
    let records = records(file);
    // The header is the first record with something in it, with any blank lines before it.
    let Some(header_at) = records.iter().position(|record| !record.blank) else {
        return Vec::new();
    };
    let header = &file[..records[header_at].end];
    let header_lines = header.iter().filter(|b| **b == b'\n').count() as u64;
    let mut parts = Vec::new();
    let mut part: Option<ImportPart> = None;
    for record in &records[header_at + 1..] {
        let bytes = &file[record.start..record.end];
        let counted = !record.blank && !leave_out.contains(&record.line);
        let current = part.get_or_insert_with(|| ImportPart {
            bytes: header.to_vec(),
            line_offset: record.line - 1 - header_lines,
            rows: 0,
        });
        if counted {
            current.bytes.extend_from_slice(bytes);
            current.rows += 1;
        } else {
            // Kept as its line feeds, so the lines after it keep their numbers.
            current.bytes.extend(bytes.iter().filter(|b| **b == b'\n'));
        }
        if current.rows == rows_per_part.max(1) {
            parts.extend(part.take());
        }
    }
    parts.extend(part.filter(|part| part.rows > 0));
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(parts: &[ImportPart]) -> Vec<(String, u64, usize)> {
        parts
            .iter()
            .map(|part| {
                (
                    String::from_utf8(part.bytes.clone()).unwrap(),
                    part.line_offset,
                    part.rows,
                )
            })
            .collect()
    }

    #[test]
    fn parts_repeat_the_header_and_say_where_they_start() {
        let file = b"UPN,Name\r\nA,Ivy\r\nB,Kai\r\nC,Lola\r\n";
        assert_eq!(
            texts(&split_rows(file, 2, &BTreeSet::new())),
            [
                ("UPN,Name\r\nA,Ivy\r\nB,Kai\r\n".to_owned(), 0, 2),
                ("UPN,Name\r\nC,Lola\r\n".to_owned(), 2, 1),
            ]
        );
    }

    #[test]
    fn a_line_break_inside_quotes_stays_in_its_row_and_lines_still_count() {
        let file = b"UPN,Note\nA,\"two\nlines\"\nB,x";
        let parts = split_rows(file, 1, &BTreeSet::new());
        assert_eq!(
            texts(&parts),
            [
                ("UPN,Note\nA,\"two\nlines\"\n".to_owned(), 0, 1),
                ("UPN,Note\nB,x".to_owned(), 2, 1),
            ]
        );
        // In the second part B is on line 2; in the file it is on line 4.
        assert_eq!(2 + parts[1].line_offset, 4);
    }

    #[test]
    fn rows_left_out_become_blank_lines_and_blank_lines_are_not_rows() {
        let file = b"UPN\nA\n\nB\nC\n";
        let leave_out = BTreeSet::from([4]);
        assert_eq!(
            texts(&split_rows(file, 5, &leave_out)),
            [("UPN\nA\n\n\nC\n".to_owned(), 0, 2)]
        );
    }

    #[test]
    fn a_part_of_only_rows_left_out_is_not_sent() {
        let file = b"UPN\nA\nB\n";
        let parts = split_rows(file, 1, &BTreeSet::from([3]));
        assert_eq!(texts(&parts), [("UPN\nA\n".to_owned(), 0, 1)]);
        assert!(split_rows(b"UPN\n", 1, &BTreeSet::new()).is_empty());
        assert!(split_rows(b"", 1, &BTreeSet::new()).is_empty());
    }
}

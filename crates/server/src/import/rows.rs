//! Reads the rows of an export and checks each one with core's field rules, keeping the
//! physical line each record starts on (the header is line 1) so the admin can find it.

use std::collections::BTreeMap;

use mentor_core::EntityKind;
use mentor_core::validation::{ValidationError, check_upn, check_value};
use serde_json::{Value, json};

use super::columns::{Column, ImportField};

/// One row that passed every check, with its values in catalogue form.
#[derive(Debug, Clone, PartialEq)]
pub struct StudentRow {
    pub line: u64,
    pub upn: String,
    pub given_name: String,
    pub family_name: String,
    /// Fields beyond the UPN and the names: `year_group` always, others when the cell has a
    /// value. Blank optional cells are left out, so they never clear what the school holds.
    pub fields: BTreeMap<&'static str, Value>,
}

/// A row that cannot be imported, and every reason why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct BadRow {
    pub line: u64,
    pub reason: String,
}

/// The rows of a file whose header was read.
#[derive(Debug, Default)]
pub struct ReadRows {
    pub rows: Vec<StudentRow>,
    pub bad_rows: Vec<BadRow>,
}

/// The header row, or a sentence saying why there is none.
pub fn read_headers(text: &str) -> Result<Vec<String>, String> {
    let mut reader = reader(text);
    let headers = reader
        .headers()
        .map_err(|err| format!("The first line of the file could not be read: {err}."))?;
    if headers.iter().all(|h| h.trim().is_empty()) {
        return Err("The file is empty: it needs a header row naming its columns, then one row per student.".to_owned());
    }
    Ok(headers.iter().map(|h| h.trim().to_owned()).collect())
}

fn reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes())
}

/// Reads and checks every row after the header.
///
/// # Errors
/// A sentence naming the line where the CSV itself stops making sense.
pub fn read_rows(text: &str, columns: &[Column]) -> Result<ReadRows, String> {
    let mut reader = reader(text);
    let lines = LineIndex::new(text);
    let mut read = ReadRows::default();
    for record in reader.records() {
        let record = record.map_err(|err| {
            let line = err.position().map_or(0, |at| lines.line_at(at.byte()));
            format!("The file could not be read as CSV at line {line}: {err}.")
        })?;
        let line = record.position().map_or(0, |at| lines.line_at(at.byte()));
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if record.len() != columns.len() {
            read.bad_rows.push(BadRow {
                line,
                reason: format!(
                    "the row has {} values but the header has {}; a name with a comma must be in double quotes",
                    record.len(),
                    columns.len()
                ),
            });
            continue;
        }
        let cells: BTreeMap<ImportField, &str> = columns
            .iter()
            .zip(record.iter())
            .filter_map(|(column, cell)| column.field.map(|field| (field, cell.trim())))
            .collect();
        match check_row(&cells) {
            Ok(row) => read.rows.push(StudentRow { line, ..row }),
            Err(reasons) => read.bad_rows.push(BadRow {
                line,
                reason: reasons.join("; "),
            }),
        }
    }
    mark_duplicates(&mut read);
    Ok(read)
}

/// Physical line numbers from byte offsets. The csv crate's own line count is not the
/// physical line with CRLF endings or blank lines, so lines are counted here.
struct LineIndex<'a> {
    text: &'a [u8],
    /// The byte offset of every `\n`.
    breaks: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> Self {
        let text = text.as_bytes();
        let breaks = (0..text.len()).filter(|at| text[*at] == b'\n').collect();
        Self { text, breaks }
    }

    /// The line (from 1) of the first character at or after `byte` that is not a line break:
    /// a record's position can be the start of the blank lines before it.
    fn line_at(&self, byte: u64) -> u64 {
        let mut at = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        while self
            .text
            .get(at)
            .is_some_and(|b| matches!(b, b'\r' | b'\n'))
        {
            at += 1;
        }
        let before = self.breaks.partition_point(|line_break| *line_break < at);
        before as u64 + 1
    }
}

fn check_row(cells: &BTreeMap<ImportField, &str>) -> Result<StudentRow, Vec<String>> {
    let cell = |field| cells.get(&field).copied().unwrap_or("");
    let mut reasons = Vec::new();
    let upn = cell(ImportField::Upn).to_ascii_uppercase();
    if upn.is_empty() {
        reasons.push("the UPN is missing; every student needs one".to_owned());
    } else if let Err(err) = check_upn(&upn) {
        reasons.push(err.to_string());
    }
    let mut text = |field: ImportField, required: bool| -> Option<String> {
        let value = cell(field);
        if value.is_empty() {
            if required {
                reasons.push(format!("{} is missing", field.as_str()));
            }
            return None;
        }
        match check_catalogue(field, &json!(value)) {
            Ok(()) => Some(value.to_owned()),
            Err(err) => {
                reasons.push(err.to_string());
                None
            }
        }
    };
    let family_name = text(ImportField::FamilyName, true);
    let given_name = text(ImportField::GivenName, true);
    let preferred_name = text(ImportField::PreferredName, false);
    let form_group = text(ImportField::FormGroup, false);
    let year = match parse_year(cell(ImportField::YearGroup)) {
        Ok(year) => Some(year),
        Err(reason) => {
            reasons.push(reason);
            None
        }
    };
    let send = cells
        .get(&ImportField::SendStatus)
        .map(|value| send_status(value))
        .transpose()
        .unwrap_or_else(|reason| {
            reasons.push(reason);
            None
        });
    match (given_name, family_name, year) {
        (Some(given_name), Some(family_name), Some(year)) if reasons.is_empty() => {
            let mut fields = BTreeMap::from([("year_group", json!(year))]);
            let optional = [
                ("preferred_name", preferred_name.map(Value::from)),
                ("form_group", form_group.map(Value::from)),
                ("send_status", send.map(Value::from)),
            ];
            fields.extend(optional.into_iter().filter_map(|(k, v)| Some((k, v?))));
            Ok(StudentRow {
                line: 0,
                upn,
                given_name,
                family_name,
                fields,
            })
        }
        _ => Err(reasons),
    }
}

/// Checks a value with the catalogue's rule for the field, when the catalogue has the field.
fn check_catalogue(field: ImportField, value: &Value) -> Result<(), ValidationError> {
    EntityKind::Student
        .field(field.as_str())
        .map_or(Ok(()), |spec| check_value(spec, value))
}

/// "7", "Year 7", "Yr 7" or "Y7", then core's 7 to 13 rule.
fn parse_year(cell: &str) -> Result<i64, String> {
    if cell.is_empty() {
        return Err("year_group is missing".to_owned());
    }
    let lower = cell.to_ascii_lowercase();
    let digits = ["year", "yr", "y"]
        .iter()
        .find_map(|prefix| lower.strip_prefix(prefix))
        .unwrap_or(&lower)
        .trim();
    let year: i64 = digits.parse().map_err(|_| {
        format!("year_group must be a year from 7 to 13 (such as 7, Year 7 or Y7), got \"{cell}\"")
    })?;
    check_catalogue(ImportField::YearGroup, &json!(year)).map_err(|err| err.to_string())?;
    Ok(year)
}

/// The MIS's SEN code or words, as the catalogue's choice.
fn send_status(cell: &str) -> Result<&'static str, String> {
    match cell.to_ascii_lowercase().as_str() {
        "" | "n" | "none" => Ok("none"),
        "k" | "sen support" => Ok("sen_support"),
        "e" | "ehcp" | "ehc plan" => Ok("ehcp"),
        _ => Err(format!(
            "the SEN status \"{cell}\" is not one the import knows: use N or None, K or SEN Support, E or EHCP"
        )),
    }
}

/// Two rows with the same UPN are both bad: which one is right is for the admin to say.
fn mark_duplicates(read: &mut ReadRows) {
    let mut lines: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    for row in &read.rows {
        lines.entry(row.upn.clone()).or_default().push(row.line);
    }
    let rows = std::mem::take(&mut read.rows);
    for row in rows {
        match lines.get(&row.upn) {
            Some(found) if found.len() > 1 => {
                let others: Vec<String> = found
                    .iter()
                    .filter(|line| **line != row.line)
                    .map(u64::to_string)
                    .collect();
                read.bad_rows.push(BadRow {
                    line: row.line,
                    reason: format!(
                        "the UPN {} is also on line {}; each student must appear once",
                        row.upn,
                        others.join(", ")
                    ),
                });
            }
            _ => read.rows.push(row),
        }
    }
    read.bad_rows.sort_by_key(|bad| bad.line);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::columns::map_columns;
    use mentor_core::validation::upn_check_letter;

    pub fn upn(n: u32) -> String {
        let rest = format!("82390172{n:04}");
        format!("{}{rest}", upn_check_letter(&rest).unwrap())
    }

    fn read(text: &str) -> ReadRows {
        let headers = read_headers(text).unwrap();
        let (columns, error) = map_columns(&headers, &BTreeMap::new());
        assert_eq!(error, None);
        read_rows(text, &columns).unwrap()
    }

    #[test]
    fn good_rows_come_out_in_catalogue_form() {
        let text = format!(
            "UPN,Surname,Forename,Known As,Year,Form,SEN Status\r\n{},\"O'Rourke, Jnr\",Tomas,Tom,Year 9,9B,K\r\n{},Vance,Ivy,,y7,,\r\n",
            upn(1),
            upn(2).to_lowercase()
        );
        let read = read(&text);
        assert_eq!(read.bad_rows, []);
        assert_eq!(read.rows.len(), 2);
        let first = &read.rows[0];
        assert_eq!(
            (first.line, first.family_name.as_str()),
            (2, "O'Rourke, Jnr")
        );
        assert_eq!(first.fields["year_group"], json!(9));
        assert_eq!(first.fields["preferred_name"], json!("Tom"));
        assert_eq!(first.fields["send_status"], json!("sen_support"));
        let second = &read.rows[1];
        assert_eq!(second.upn, upn(2));
        assert_eq!(second.fields.len(), 2, "{:?}", second.fields);
        assert_eq!(second.fields["send_status"], json!("none"));
    }

    #[test]
    fn bad_rows_give_their_line_and_every_reason() {
        let mut bad_letter = upn(3);
        bad_letter.replace_range(
            0..1,
            if bad_letter.starts_with('A') {
                "B"
            } else {
                "A"
            },
        );
        let text = format!(
            "UPN,Surname,Forename,Year,SEN Status\n\
             ,Vance,Ivy,7,N\n\
             {bad_letter},Vance,Ivy,7,N\n\
             {},,Ivy,14,N\n\
             {},Vance,Ivy,Reception,X\n\
             \n\
             {},Moss,Ada,8,E\n\
             {},Moss,Ada,8\n\
             {},Moss,Ada,8,EHC Plan\n",
            upn(4),
            upn(5),
            upn(6),
            upn(7),
            upn(6)
        );
        let read = read(&text);
        let lines: Vec<u64> = read.bad_rows.iter().map(|bad| bad.line).collect();
        assert_eq!(lines, [2, 3, 4, 5, 7, 8, 9]);
        let reason = |line: u64| {
            read.bad_rows
                .iter()
                .find(|bad| bad.line == line)
                .unwrap()
                .reason
                .clone()
        };
        assert!(reason(2).contains("UPN is missing"));
        assert!(reason(3).contains("wrong check letter"), "{}", reason(3));
        assert!(
            reason(4).contains("family_name is missing"),
            "{}",
            reason(4)
        );
        assert!(
            reason(4).contains("year_group must be 7 to 13, got 14"),
            "{}",
            reason(4)
        );
        assert!(reason(5).contains("\"Reception\""), "{}", reason(5));
        assert!(reason(5).contains("SEN status \"X\""), "{}", reason(5));
        assert!(reason(7).contains("also on line 9"), "{}", reason(7));
        assert!(
            reason(8).contains("has 4 values but the header has 5"),
            "{}",
            reason(8)
        );
        assert!(reason(9).contains("also on line 7"), "{}", reason(9));
        assert!(read.rows.is_empty());
    }

    #[test]
    fn an_empty_file_is_refused() {
        assert!(read_headers("").unwrap_err().contains("The file is empty"));
    }
}

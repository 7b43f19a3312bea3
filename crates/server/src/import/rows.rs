//! Reads the rows of an export and checks each one with core's field rules, keeping the
//! physical line each record starts on (the header is line 1) so the admin can find it.
//! Names come from separate columns or are split from a combined one (`names.rs`).

use std::collections::BTreeMap;

use mentor_core::EntityKind;
use mentor_core::import_api::ImportBadRow as BadRow;
use mentor_core::validation::{ValidationError, check_upn, check_value};
use serde_json::{Value, json};

use super::columns::{Column, ImportField};
use super::names::{NameOrder, split_name};

/// One row that passed every check, with its values in catalogue form.
#[derive(Debug, Clone, PartialEq)]
pub struct StudentRow {
    pub line: u64,
    pub upn: String,
    pub given_name: String,
    pub family_name: String,
    /// The combined name cell, when its "Forename Surname" split was a guess.
    pub name_guess: Option<String>,
    /// Fields beyond the UPN and the names: `year_group` always, others when the cell has a
    /// value. Blank optional cells are left out, so they never clear what the school holds.
    pub fields: BTreeMap<&'static str, Value>,
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

/// The cells of column `index` in every row, for guessing the form of a name column. A row
/// the CSV reader cannot read ends the list; `read_rows` reports it.
pub fn column_cells(text: &str, index: usize) -> Vec<String> {
    reader(text)
        .records()
        .map_while(Result::ok)
        .filter_map(|record| record.get(index).map(str::to_owned))
        .collect()
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
            .filter_map(|(column, cell)| column.field().map(|field| (field, cell.trim())))
            .collect();
        let combined = columns
            .iter()
            .zip(record.iter())
            .find_map(|(column, cell)| column.name_order().map(|order| (order, cell.trim())));
        match check_row(&cells, combined) {
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

/// The names a combined cell gives for the fields no separate column gives. A cell that
/// cannot be split adds its reason; the fields are then missing (their own reasons are not
/// added twice).
struct FromCombined {
    family_name: Option<String>,
    given_name: Option<String>,
    guess: Option<String>,
}

fn from_combined(
    cells: &BTreeMap<ImportField, &str>,
    combined: Option<(NameOrder, &str)>,
    reasons: &mut Vec<String>,
) -> FromCombined {
    let mut out = FromCombined {
        family_name: None,
        given_name: None,
        guess: None,
    };
    let Some((order, cell)) = combined else {
        return out;
    };
    let needs_family = !cells.contains_key(&ImportField::FamilyName);
    let needs_given = !cells.contains_key(&ImportField::GivenName);
    if cell.is_empty() {
        reasons.push("the name is missing".to_owned());
        return out;
    }
    match split_name(cell, order) {
        Ok(split) => {
            if split.guessed && needs_family && needs_given {
                out.guess = Some(cell.to_owned());
            }
            out.family_name = needs_family.then_some(split.family_name);
            out.given_name = needs_given.then_some(split.given_name);
        }
        Err(reason) => reasons.push(reason),
    }
    out
}

fn check_row(
    cells: &BTreeMap<ImportField, &str>,
    combined: Option<(NameOrder, &str)>,
) -> Result<StudentRow, Vec<String>> {
    let cell = |field| cells.get(&field).copied().unwrap_or("");
    let mut reasons = Vec::new();
    let split = from_combined(cells, combined, &mut reasons);
    let had_combined = combined.is_some();
    let upn = cell(ImportField::Upn).to_ascii_uppercase();
    if upn.is_empty() {
        reasons.push("the UPN is missing; every student needs one".to_owned());
    } else if let Err(err) = check_upn(&upn) {
        reasons.push(err.to_string());
    }
    let mut text = |field: ImportField, required: bool, split: Option<String>| -> Option<String> {
        let value = split.as_deref().unwrap_or_else(|| cell(field));
        if value.is_empty() {
            // With no column of its own, the field comes from the combined cell, whose
            // reason (blank, or not splittable) is given already.
            let own_column = cells.contains_key(&field) || !had_combined;
            if required && own_column {
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
    let family_name = text(ImportField::FamilyName, true, split.family_name);
    let given_name = text(ImportField::GivenName, true, split.given_name);
    let preferred_name = text(ImportField::PreferredName, false, None);
    let form_group = text(ImportField::FormGroup, false, None);
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
                name_guess: split.guess,
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
#[path = "rows_tests.rs"]
mod tests;

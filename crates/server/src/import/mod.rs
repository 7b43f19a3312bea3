//! Importing students from a school MIS export (SIMS, Arbor, Bromcom): decoding the file,
//! mapping its columns, splitting combined names, checking its rows and planning what
//! changes, all without I/O so it is tested on its own. The API (`api/import.rs`) reads the
//! school's students and writes the plan as ops from the server's device. The request and
//! the preview are core's `import_api` types, shared with the app.

pub mod columns;
pub mod decode;
pub mod names;
pub mod plan;
pub mod rows;
pub mod write;

use std::collections::BTreeMap;

use mentor_core::RecordState;
use mentor_core::import_api::{ImportAction, ImportColumn, ImportPreview, ImportRow, NameGuess};

use columns::{Column, map_columns};
use plan::PlannedRow;

/// How many planned rows the preview lists; the counts cover them all.
pub const PREVIEW_ROWS: usize = 200;

/// The preview, and the good rows to write.
#[derive(Debug, Default)]
pub struct Prepared {
    pub preview: ImportPreview,
    pub rows: Vec<PlannedRow>,
}

impl Prepared {
    /// True if nothing stops the import of the whole file.
    pub fn is_clean(&self) -> bool {
        self.preview.file_error.is_none() && self.preview.bad_rows.is_empty()
    }

    /// Numbers the rows of one part of a file as the whole file does: `offset` lines of the
    /// file come between its header and the part (`ImportRequest::line_offset`).
    pub fn from_line_offset(mut self, offset: u64) -> Self {
        if offset == 0 {
            return self;
        }
        let preview = &mut self.preview;
        preview.rows.iter_mut().for_each(|row| row.line += offset);
        preview
            .bad_rows
            .iter_mut()
            .for_each(|bad| bad.line += offset);
        preview
            .ambiguous_names
            .iter_mut()
            .for_each(|guess| guess.line += offset);
        self.rows.iter_mut().for_each(|row| row.line += offset);
        self
    }
}

/// Reads `bytes` (an MIS CSV export), maps its columns with the admin's `mapping` over the
/// defaults, and plans it against the school's current `students`.
pub fn prepare(
    bytes: &[u8],
    mapping: &BTreeMap<String, Option<String>>,
    students: &[RecordState],
) -> Prepared {
    let text = decode::decode_text(bytes);
    let headers = match rows::read_headers(&text) {
        Ok(headers) => headers,
        Err(error) => return refused(Vec::new(), error),
    };
    let (columns, error) = map_columns(&headers, mapping, |index| {
        names::likely_order(rows::column_cells(&text, index).iter().map(String::as_str))
    });
    if let Some(error) = error {
        return refused(columns, error);
    }
    let read = match rows::read_rows(&text, &columns) {
        Ok(read) => read,
        Err(error) => return refused(columns, error),
    };
    let planned = plan::plan(read.rows, students);
    let mut bad_rows = read.bad_rows;
    bad_rows.extend(planned.bad_rows);
    bad_rows.sort_by_key(|bad| bad.line);
    let count = |action| planned.rows.iter().filter(|r| r.action == action).count();
    let preview = ImportPreview {
        create: count(ImportAction::Create),
        update: count(ImportAction::Update),
        unchanged: count(ImportAction::Unchanged),
        rows: planned
            .rows
            .iter()
            .take(PREVIEW_ROWS)
            .map(|row| ImportRow {
                line: row.line,
                action: row.action,
                upn: row.upn.clone(),
                name: row.name.clone(),
                family_name: row.family_name.clone(),
                given_name: row.given_name.clone(),
                changes: row.fields.keys().cloned().collect(),
            })
            .collect(),
        bad_rows,
        not_imported: not_imported(&columns),
        ambiguous_names: planned
            .rows
            .iter()
            .filter_map(|row| {
                Some(NameGuess {
                    line: row.line,
                    name: row.name_guess.clone()?,
                    given_name: row.given_name.clone(),
                    family_name: row.family_name.clone(),
                })
            })
            .collect(),
        columns: preview_columns(&columns),
        file_error: None,
    };
    Prepared {
        preview,
        rows: planned.rows,
    }
}

fn refused(columns: Vec<Column>, error: String) -> Prepared {
    Prepared {
        preview: ImportPreview {
            not_imported: not_imported(&columns),
            columns: preview_columns(&columns),
            file_error: Some(error),
            ..ImportPreview::default()
        },
        rows: Vec::new(),
    }
}

fn preview_columns(columns: &[Column]) -> Vec<ImportColumn> {
    columns
        .iter()
        .map(|column| ImportColumn {
            header: column.header.clone(),
            field: column.target.map(|target| target.as_str().to_owned()),
        })
        .collect()
}

/// The header of every column whose cells are not stored: not mapped, mapped to nothing, or a
/// combined name column that separate columns replace. A column without a header is named by
/// its position.
fn not_imported(columns: &[Column]) -> Vec<String> {
    columns
        .iter()
        .enumerate()
        .filter(|(_, column)| !column.used)
        .map(|(index, column)| {
            if column.header.is_empty() {
                format!("column {} (no header)", index + 1)
            } else {
                column.header.clone()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_without_a_required_column_is_refused_whole() {
        let prepared = prepare(b"UPN,Forename,Year\nA1,Ivy,7\n", &BTreeMap::new(), &[]);
        assert!(!prepared.is_clean());
        let error = prepared.preview.file_error.unwrap();
        assert!(error.contains("No column gives family_name"), "{error}");
        assert_eq!(prepared.preview.columns.len(), 3);
        assert!(prepared.rows.is_empty());
    }

    #[test]
    fn every_column_not_imported_is_listed_in_file_order() {
        let mapping = BTreeMap::from([("Reg Group".to_owned(), None)]);
        let prepared = prepare(
            b"Adno,UPN,Name,Surname,Forename,Year,Reg Group,Gender,,Date of Birth\n",
            &mapping,
            &[],
        );
        assert_eq!(prepared.preview.file_error, None);
        assert_eq!(
            prepared.preview.not_imported,
            [
                "Adno",
                "Name",
                "Reg Group",
                "Gender",
                "column 9 (no header)",
                "Date of Birth"
            ]
        );
    }

    #[test]
    fn the_preview_shows_the_split_and_the_guesses() {
        let upn = |n: u32| {
            let rest = format!("82390173{n:04}");
            format!(
                "{}{rest}",
                mentor_core::validation::upn_check_letter(&rest).unwrap()
            )
        };
        let csv = format!(
            "UPN,Full Name,Year\n{},Kai Smith-Jones,7\n{},Lily Mae Hartwell,8\n",
            upn(1),
            upn(2)
        );
        let prepared = prepare(csv.as_bytes(), &BTreeMap::new(), &[]);
        assert!(prepared.is_clean(), "{:?}", prepared.preview);
        let preview = &prepared.preview;
        assert_eq!(
            preview.columns[1].field.as_deref(),
            Some("name_forename_first")
        );
        let split: Vec<(&str, &str)> = preview
            .rows
            .iter()
            .map(|row| (row.family_name.as_str(), row.given_name.as_str()))
            .collect();
        assert_eq!(split, [("Smith-Jones", "Kai"), ("Hartwell", "Lily Mae")]);
        assert_eq!(preview.ambiguous_names.len(), 1);
        assert_eq!(preview.ambiguous_names[0].line, 3);
        assert_eq!(preview.ambiguous_names[0].name, "Lily Mae Hartwell");
    }
}

//! Importing students from a school MIS export (SIMS, Arbor, Bromcom): decoding the file,
//! mapping its columns, checking its rows and planning what changes, all without I/O so it is
//! tested on its own. The API (`api/import.rs`) reads the school's students and writes the
//! plan as ops from the server's device.

pub mod columns;
pub mod decode;
pub mod plan;
pub mod rows;
pub mod write;

use std::collections::BTreeMap;

use mentor_core::RecordState;
use serde::Serialize;

use columns::{Column, ImportField, map_columns};
use plan::{Action, PlannedRow, catalogue_has};
use rows::BadRow;

/// How many planned rows the preview lists; the counts cover them all.
pub const PREVIEW_ROWS: usize = 200;

/// A column of the file and the field it fills (`null`: not imported).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PreviewColumn {
    pub header: String,
    pub field: Option<&'static str>,
}

/// One planned row as the preview shows it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PreviewRow {
    pub line: u64,
    pub action: Action,
    pub upn: String,
    pub name: String,
    /// The fields a create sets or an update changes.
    pub changes: Vec<String>,
}

/// What importing a file would do.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct Preview {
    pub columns: Vec<PreviewColumn>,
    pub create: usize,
    pub update: usize,
    pub unchanged: usize,
    /// The first [`PREVIEW_ROWS`] good rows, in file order.
    pub rows: Vec<PreviewRow>,
    /// Every row that cannot be imported, in file order.
    pub bad_rows: Vec<BadRow>,
    /// Fields the file has a column for that this server does not store yet; they are left out.
    pub not_imported: Vec<&'static str>,
    /// Why the whole file cannot be imported, if it cannot.
    pub file_error: Option<String>,
}

/// The preview, and the rows to write if the file can be imported.
#[derive(Debug, Default)]
pub struct Prepared {
    pub preview: Preview,
    pub rows: Vec<PlannedRow>,
}

impl Prepared {
    /// True if nothing stops the import.
    pub fn is_clean(&self) -> bool {
        self.preview.file_error.is_none() && self.preview.bad_rows.is_empty()
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
    let (columns, error) = map_columns(&headers, mapping);
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
    let preview = Preview {
        create: count(Action::Create),
        update: count(Action::Update),
        unchanged: count(Action::Unchanged),
        rows: planned
            .rows
            .iter()
            .take(PREVIEW_ROWS)
            .map(|row| PreviewRow {
                line: row.line,
                action: row.action,
                upn: row.upn.clone(),
                name: row.name.clone(),
                changes: row.fields.keys().cloned().collect(),
            })
            .collect(),
        bad_rows,
        not_imported: not_imported(&columns),
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
        preview: Preview {
            not_imported: not_imported(&columns),
            columns: preview_columns(&columns),
            file_error: Some(error),
            ..Preview::default()
        },
        rows: Vec::new(),
    }
}

fn preview_columns(columns: &[Column]) -> Vec<PreviewColumn> {
    columns
        .iter()
        .map(|column| PreviewColumn {
            header: column.header.clone(),
            field: column.field.map(ImportField::as_str),
        })
        .collect()
}

fn not_imported(columns: &[Column]) -> Vec<&'static str> {
    columns
        .iter()
        .filter_map(|column| column.field)
        .map(ImportField::as_str)
        .filter(|field| !catalogue_has(field))
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
    fn send_status_is_imported_only_if_the_catalogue_has_it() {
        let prepared = prepare(
            b"UPN,Surname,Forename,Year,SEN Status\n",
            &BTreeMap::new(),
            &[],
        );
        let listed = prepared.preview.not_imported.contains(&"send_status");
        assert_eq!(listed, !catalogue_has("send_status"));
    }
}

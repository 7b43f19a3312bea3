//! The MIS import's request and answers (`POST /api/v1/import/students/preview` and
//! `/commit`), shared by the app and the server so they are written once.
//!
//! The server reads the file, maps its columns, checks every row and plans what changes; the
//! app only shows the [`ImportPreview`] and sends the admin's choices back in an
//! [`ImportRequest`]. A commit that writes nothing answers an [`ImportRefusal`]. With the `openapi` feature the types also describe themselves to utoipa
//! (the server's OpenAPI document); the app builds without it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error_api::ErrorDetail;

/// The mapping target for a column holding whole names as "Surname, Forename" (SIMS).
pub const NAME_SURNAME_FIRST: &str = "name_surname_first";

/// The mapping target for a column holding whole names as "Forename Surname".
pub const NAME_FORENAME_FIRST: &str = "name_forename_first";

/// The largest MIS export the import takes (10 MiB: a college's 10,000 students with many
/// columns). The app refuses a larger file before sending it; the server's limit on the
/// import routes is this as base64, with room for the mapping.
pub const MAX_IMPORT_FILE_BYTES: usize = 10 * 1024 * 1024;

/// How many rows the app sends in each commit: small enough that progress moves and a
/// part sent again costs little, large enough that a 10,000-row file is 20 requests.
pub const IMPORT_PART_ROWS: usize = 500;

/// An MIS export to preview or import.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportRequest {
    /// The file's bytes, base64 (standard alphabet, with padding).
    pub csv: String,
    /// Header to mapping target, or `null` to leave a column out; overrides the columns
    /// recognised by name. Targets: `upn`, `family_name`, `given_name`, `preferred_name`,
    /// `year_group`, `form_group`, `send_status`, and for one column holding whole names
    /// `name_surname_first` ("Surname, Forename") or `name_forename_first` ("Forename
    /// Surname"); see [`NAME_SURNAME_FIRST`].
    #[serde(default)]
    pub mapping: BTreeMap<String, Option<String>>,
    /// Commit only: import the good rows and list the bad ones instead of refusing the whole
    /// file. Off unless the admin chose it.
    #[serde(default)]
    pub skip_bad_rows: bool,
    /// Commit only, when `csv` is one part of a larger file (the header and a run of its
    /// rows, see [`crate::import_parts`]): how many lines of the file come between its
    /// header and the part, so rows are reported by the file's own line numbers. 0 for a
    /// whole file.
    #[serde(default)]
    pub line_offset: u64,
}

/// A column of the file and what it fills (`null`: nothing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = PreviewColumn))]
pub struct ImportColumn {
    /// The header as the file has it.
    pub header: String,
    /// The mapping target: a student field or one of the combined name forms.
    pub field: Option<String>,
}

/// What happens to one good row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = Action))]
#[serde(rename_all = "snake_case")]
pub enum ImportAction {
    /// A student with this UPN is new.
    Create,
    /// The student with this UPN gets the changed fields.
    Update,
    /// The student with this UPN already holds every value.
    Unchanged,
}

/// One good row as the preview lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = PreviewRow))]
pub struct ImportRow {
    /// The line of the file, counting the header as line 1.
    pub line: u64,
    pub action: ImportAction,
    pub upn: String,
    /// Given and family name, for reading.
    pub name: String,
    /// The family name that will be stored (split from a combined name column if need be).
    #[serde(default)]
    pub family_name: String,
    /// The given name that will be stored.
    #[serde(default)]
    pub given_name: String,
    /// The fields a create sets or an update changes.
    pub changes: Vec<String>,
}

/// A row that cannot be imported, and every reason why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = BadRow))]
pub struct ImportBadRow {
    /// The line of the file, counting the header as line 1.
    pub line: u64,
    pub reason: String,
}

/// A "Forename Surname" cell the split had to guess at (more than one word before the
/// surname): the admin should check it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NameGuess {
    pub line: u64,
    /// The cell as the file has it.
    pub name: String,
    pub given_name: String,
    pub family_name: String,
}

/// What importing a file would do.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = Preview))]
pub struct ImportPreview {
    pub columns: Vec<ImportColumn>,
    pub create: usize,
    pub update: usize,
    pub unchanged: usize,
    /// The first 200 good rows, in file order; the counts cover them all.
    pub rows: Vec<ImportRow>,
    /// Every row that cannot be imported, in file order.
    pub bad_rows: Vec<ImportBadRow>,
    /// The header of every column that is not imported (not mapped, mapped to nothing, or a
    /// combined name column that separate name columns make unnecessary), in file order.
    pub not_imported: Vec<String>,
    /// Rows whose "Forename Surname" split was a guess, in file order.
    #[serde(default)]
    pub ambiguous_names: Vec<NameGuess>,
    /// Why the whole file cannot be imported, if it cannot.
    pub file_error: Option<String>,
}

impl ImportPreview {
    /// The rows that can be imported.
    pub fn good_rows(&self) -> usize {
        self.create + self.update + self.unchanged
    }
}

/// What a commit wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportResult {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// The bad rows left out when the request asked to skip them (absent when none were).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<ImportBadRow>,
}

/// The answer of a commit that wrote nothing (HTTP 422): the error envelope's `error`, with
/// code `import_has_errors` and what to do, beside the preview that says which rows stopped
/// it. A reader of plain [`crate::error_api::ErrorBody`] still reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportRefusal {
    /// Code `import_has_errors` and the message.
    pub error: ErrorDetail,
    /// The file as the commit planned it.
    pub preview: ImportPreview,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_request_without_the_new_fields_still_reads() {
        let request: ImportRequest = serde_json::from_value(json!({"csv": "VVBO"})).unwrap();
        assert_eq!(request.mapping, BTreeMap::new());
        assert!(!request.skip_bad_rows);
        assert_eq!(request.line_offset, 0);
    }

    #[test]
    fn a_result_lists_skipped_rows_only_when_there_are_some() {
        let whole = ImportResult {
            created: 3,
            ..ImportResult::default()
        };
        assert_eq!(
            serde_json::to_value(&whole).unwrap(),
            json!({"created": 3, "updated": 0, "unchanged": 0})
        );
        let part = ImportResult {
            skipped: vec![ImportBadRow {
                line: 4,
                reason: "the UPN is missing".to_owned(),
            }],
            ..whole
        };
        let value = serde_json::to_value(&part).unwrap();
        assert_eq!(value["skipped"][0]["line"], 4);
        assert_eq!(serde_json::from_value::<ImportResult>(value).unwrap(), part);
    }

    #[test]
    fn a_refusal_is_an_error_body_with_the_preview_beside_it() {
        let refusal = ImportRefusal {
            error: ErrorDetail {
                code: crate::error_api::ErrorCode::ImportHasErrors,
                message: "Nothing was imported.".to_owned(),
            },
            preview: ImportPreview {
                bad_rows: vec![ImportBadRow {
                    line: 2,
                    reason: "the UPN is missing".to_owned(),
                }],
                ..ImportPreview::default()
            },
        };
        let value = serde_json::to_value(&refusal).unwrap();
        assert_eq!(value["error"]["code"], "import_has_errors");
        assert_eq!(value["preview"]["bad_rows"][0]["line"], 2);
        let body: crate::error_api::ErrorBody = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(body.error, refusal.error);
        assert_eq!(
            serde_json::from_value::<ImportRefusal>(value).unwrap(),
            refusal
        );
    }

    #[test]
    fn actions_are_snake_case() {
        assert_eq!(
            serde_json::to_value(ImportAction::Unchanged).unwrap(),
            json!("unchanged")
        );
    }
}

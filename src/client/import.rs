//! Importing students from the MIS, for an administrator, online: a preview of the whole
//! file, then the commit a part at a time (500 rows each, `mentor_core::import_parts`), so
//! the page can say "Imported 3,000 of 10,000 rows" as the server writes them.
//!
//! Each part is planned and written by the server in one transaction and matched by UPN, so
//! a part sent again writes nothing twice: a part the connection lost is sent again at once,
//! and an import that stops part-way carries on when the admin imports the file again.

use std::collections::{BTreeMap, BTreeSet};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use mentor_core::import_api::{IMPORT_PART_ROWS, ImportPreview};
use mentor_core::import_parts::split_rows;

use super::session::signed_in;
use super::transport::ApiTransport;
use crate::api::{ApiError, ImportRequest, ImportResult};
use crate::storage::LocalStore;

/// How many times a part is sent when the server cannot be reached.
const ATTEMPTS: usize = 3;

/// What to do when nobody is signed in.
const SIGN_IN_FIRST: &str = "Sign in to import students.";

/// A count with thousands separators ("5,000").
pub fn with_separators(count: usize) -> String {
    let digits = count.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// What the server would do with the file in `request` (the whole file, one request).
///
/// # Errors
/// What stopped the preview, in words.
pub async fn preview_import(
    store: &impl LocalStore,
    transport: &impl ApiTransport,
    request: &ImportRequest,
) -> Result<ImportPreview, String> {
    let session = signed_in(store, SIGN_IN_FIRST).await?;
    transport
        .preview_import(&session.token, request)
        .await
        .map_err(|error| error.to_string())
}

/// Imports `bytes` as `preview` planned it: with the columns as the preview mapped them (so
/// every part reads names as the whole file does), and with `skip_bad_rows` leaving the
/// preview's bad rows out of the parts. `progress` hears (rows done, rows in all) before
/// the first part and after each one.
///
/// # Errors
/// What stopped the import, in words, saying how far it got.
pub async fn commit_import(
    store: &impl LocalStore,
    transport: &impl ApiTransport,
    bytes: &[u8],
    preview: &ImportPreview,
    skip_bad_rows: bool,
    progress: impl Fn(usize, usize),
) -> Result<ImportResult, String> {
    let token = signed_in(store, SIGN_IN_FIRST).await?.token;
    let mapping: BTreeMap<String, Option<String>> = preview
        .columns
        .iter()
        .map(|column| (column.header.clone(), column.field.clone()))
        .collect();
    let leave_out: BTreeSet<u64> = if skip_bad_rows {
        preview.bad_rows.iter().map(|bad| bad.line).collect()
    } else {
        BTreeSet::new()
    };
    let parts = split_rows(bytes, IMPORT_PART_ROWS, &leave_out);
    let total: usize = parts.iter().map(|part| part.rows).sum();
    let mut result = ImportResult {
        skipped: if skip_bad_rows {
            preview.bad_rows.clone()
        } else {
            Vec::new()
        },
        ..ImportResult::default()
    };
    let mut done = 0;
    progress(done, total);
    for part in parts {
        let request = ImportRequest {
            csv: STANDARD.encode(&part.bytes),
            mapping: mapping.clone(),
            skip_bad_rows,
            line_offset: part.line_offset,
        };
        let written = send_part(transport, &token, &request)
            .await
            .map_err(|error| {
                if done == 0 {
                    error.to_string()
                } else {
                    format!(
                        "{} of {} rows were imported, then the import stopped: {error} Import the file again to carry on; the rows already imported are not imported twice.",
                        with_separators(done),
                        with_separators(total),
                    )
                }
            })?;
        result.created += written.created;
        result.updated += written.updated;
        result.unchanged += written.unchanged;
        result.skipped.extend(written.skipped);
        done += part.rows;
        progress(done, total);
    }
    result.skipped.sort_by_key(|bad| bad.line);
    Ok(result)
}

/// Sends one part, again when the server could not be reached (it is safe: see above).
async fn send_part(
    transport: &impl ApiTransport,
    token: &str,
    request: &ImportRequest,
) -> Result<ImportResult, ApiError> {
    let mut attempt = 1;
    loop {
        match transport.commit_import(token, request).await {
            Err(ApiError::Unreachable) if attempt < ATTEMPTS => attempt += 1,
            answer => return answer,
        }
    }
}

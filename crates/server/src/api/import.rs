//! MIS import for administrators: preview what a student CSV would change, then commit it.
//!
//! The file travels as base64 inside JSON so Windows-1252 bytes from older MIS exports arrive
//! untouched. Both endpoints plan against the school's current students; commit plans again
//! (the school may have changed since the preview) and writes only a file with no bad rows,
//! unless the admin asked to import the good rows and list the others (`skip_bad_rows`).
//! The request and answers are core's `import_api` types, shared with the app.
//!
//! The app commits a large file in parts of whole rows (`mentor_core::import_parts`). A part
//! is planned against the students as they are, matched by UPN, and written in one
//! transaction, and commits run one at a time, so a part sent twice writes its students once.

use std::collections::BTreeMap;
use std::sync::{Mutex, PoisonError};

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use mentor_core::error_api::ErrorDetail;
use mentor_core::import_api::{ImportPreview, ImportRefusal, ImportRequest, ImportResult};
use mentor_core::protocol::MAX_PULL_CHANGES;
use mentor_core::{
    EntityId, EntityKind, ErrorBody, ErrorCode, PullRequest, RecordState, SCHEMA_VERSION,
};

use super::extract::{ApiJson, now_ms, require_admin};
use crate::import::{prepare, write};
use crate::store::{AuthenticatedDevice, Store};
use crate::{AppError, AppState};

fn file_bytes(request: &ImportRequest) -> Result<Vec<u8>, AppError> {
    let text: String = request
        .csv
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .map_err(|_| {
            AppError::BadRequest(
                "The file could not be read: \"csv\" must be the file's bytes in base64."
                    .to_owned(),
            )
        })
}

/// Every student the server holds, read with the admin's own pull (an admin sees everyone).
///
/// The pull is made as the admin's device because a pull past the first page needs the
/// device row's scope digest, and the server's own device has no row (every later page would
/// start again from nothing). For an admin the digest is "everything", as it was, unless their
/// role changed since that device last pulled: the device would then miss the reset that
/// brings it the newly visible records. A `Store` method that reads students directly would
/// remove this edge case.
fn current_students(
    store: &dyn Store,
    admin: &AuthenticatedDevice,
    now_ms: u64,
) -> Result<Vec<RecordState>, AppError> {
    // A record changed between two pages comes again later; keeping the last copy by id
    // gives its newest state.
    let mut records: BTreeMap<EntityId, RecordState> = BTreeMap::new();
    let mut cursor = 0;
    loop {
        let request = PullRequest {
            schema_version: SCHEMA_VERSION,
            cursor,
            limit: MAX_PULL_CHANGES,
        };
        let page = store.pull(admin, &request, now_ms)?;
        if page.reset {
            records.clear();
        }
        for change in page.changes {
            if change.record.entity == EntityKind::Student {
                records.insert(change.record.id, change.record);
            }
        }
        cursor = page.cursor;
        if !page.has_more {
            return Ok(records.into_values().collect());
        }
    }
}

/// `POST /api/v1/import/students/preview`
#[utoipa::path(
    post,
    path = "/api/v1/import/students/preview",
    tag = "import",
    security(("bearer" = [])),
    request_body = ImportRequest,
    responses(
        (status = 200, description = "What the file would change; `file_error` and `bad_rows` say what stops it", body = ImportPreview),
        (status = 400, description = "`bad_request`: not JSON, or `csv` is not base64", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not an admin) or `wipe`", body = ErrorBody),
        (status = 413, description = "`payload_too_large`", body = ErrorBody),
    )
)]
pub async fn import_students_preview(
    State(state): State<AppState>,
    device: AuthenticatedDevice,
    ApiJson(request): ApiJson<ImportRequest>,
) -> Result<Json<ImportPreview>, AppError> {
    require_admin(&device, "import students from the MIS")?;
    let bytes = file_bytes(&request)?;
    let now = state.now_ms();
    let preview = state
        .with_store(move |store| -> Result<ImportPreview, AppError> {
            let students = current_students(store, &device, now)?;
            Ok(prepare(&bytes, &request.mapping, &students).preview)
        })
        .await?;
    Ok(Json(preview))
}

/// Held from planning a commit to writing it: two commits planned at once against the same
/// students (a part sent again while the first copy is still being written) would both
/// create the students they find missing.
static COMMITTING: Mutex<()> = Mutex::new(());

enum Commit {
    Written(ImportResult),
    HasErrors(ImportPreview),
}

/// Plans the file again and writes it if it is clean, or, with `skip_bad_rows`, writes its
/// good rows and lists the others. A file error, or a file with no good row, writes nothing.
///
/// The ops go in pushes of at most 500 (the protocol's batch bound), all in one database
/// transaction: what is written is written together or not at all.
fn commit(
    store: &dyn Store,
    admin: &AuthenticatedDevice,
    bytes: &[u8],
    request: &ImportRequest,
    now_ms: u64,
) -> Result<Commit, AppError> {
    // Nothing is left half-done while the lock is held, so a poisoned lock is still sound.
    let _one_at_a_time = COMMITTING.lock().unwrap_or_else(PoisonError::into_inner);
    let students = current_students(store, admin, now_ms)?;
    let prepared =
        prepare(bytes, &request.mapping, &students).from_line_offset(request.line_offset);
    let skipping =
        request.skip_bad_rows && prepared.preview.file_error.is_none() && !prepared.rows.is_empty();
    if !prepared.is_clean() && !skipping {
        return Ok(Commit::HasErrors(prepared.preview));
    }
    let pushes = write::import_pushes(&prepared.rows, &students, now_ms)
        .map_err(|err| AppError::Internal(format!("import ops: {err}")))?;
    store.push_all_as_server(&pushes, now_ms)?;
    let preview = prepared.preview;
    Ok(Commit::Written(ImportResult {
        created: preview.create,
        updated: preview.update,
        unchanged: preview.unchanged,
        skipped: preview.bad_rows,
    }))
}

/// The 422 message: what stopped the import and what to do.
fn refusal_message(preview: &ImportPreview, skip_bad_rows: bool) -> String {
    if let Some(error) = &preview.file_error {
        return format!("Nothing was imported. {error}");
    }
    let bad = preview.bad_rows.len();
    if skip_bad_rows {
        return format!(
            "Nothing was imported: none of the file's {bad} row(s) can be imported. Correct them in the MIS or the file and import it again."
        );
    }
    let or_skip = if preview.good_rows() > 0 {
        ", or choose to import only the good rows"
    } else {
        ""
    };
    format!(
        "Nothing was imported: {bad} row(s) have problems. Correct them in the MIS or the file and import it again{or_skip}."
    )
}

/// `POST /api/v1/import/students/commit`
#[utoipa::path(
    post,
    path = "/api/v1/import/students/commit",
    tag = "import",
    security(("bearer" = [])),
    request_body = ImportRequest,
    responses(
        (status = 200, description = "The students created and updated, and with `skip_bad_rows` the rows left out", body = ImportResult),
        (status = 400, description = "`bad_request`: not JSON, or `csv` is not base64", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not an admin) or `wipe`", body = ErrorBody),
        (status = 413, description = "`payload_too_large`", body = ErrorBody),
        (status = 422, description = "`import_has_errors`: nothing was written (a bad row without `skip_bad_rows`, a file error, or no good row); `preview` says why", body = ImportRefusal),
    )
)]
pub async fn import_students_commit(
    State(state): State<AppState>,
    device: AuthenticatedDevice,
    ApiJson(request): ApiJson<ImportRequest>,
) -> Result<Response, AppError> {
    require_admin(&device, "import students from the MIS")?;
    let bytes = file_bytes(&request)?;
    let skip_bad_rows = request.skip_bad_rows;
    let outcome = state
        .with_store(move |store| commit(store, &device, &bytes, &request, now_ms()))
        .await?;
    Ok(match outcome {
        Commit::Written(result) => Json(result).into_response(),
        Commit::HasErrors(preview) => {
            let body = ImportRefusal {
                error: ErrorDetail {
                    code: ErrorCode::ImportHasErrors,
                    message: refusal_message(&preview, skip_bad_rows),
                },
                preview,
            };
            (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response()
        }
    })
}

//! Tests that the error envelope and its codes keep their wire form.

use super::*;
use serde_json::json;

/// The text each code has on the wire. The match has no wildcard, so a new variant does not
/// compile until its wire text is written here too.
fn wire_text(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::NotFound => "not_found",
        ErrorCode::MethodNotAllowed => "method_not_allowed",
        ErrorCode::BadRequest => "bad_request",
        ErrorCode::UnsupportedMediaType => "unsupported_media_type",
        ErrorCode::PayloadTooLarge => "payload_too_large",
        ErrorCode::BadCredentials => "bad_credentials",
        ErrorCode::Unauthenticated => "unauthenticated",
        ErrorCode::Wipe => "wipe",
        ErrorCode::Forbidden => "forbidden",
        ErrorCode::DeviceTaken => "device_taken",
        ErrorCode::ClientTooOld => "client_too_old",
        ErrorCode::BatchTooLarge => "batch_too_large",
        ErrorCode::TooManyAttempts => "too_many_attempts",
        ErrorCode::RateLimited => "rate_limited",
        ErrorCode::ServerBusy => "server_busy",
        ErrorCode::StoreUnavailable => "store_unavailable",
        ErrorCode::Internal => "internal",
        ErrorCode::ImportHasErrors => "import_has_errors",
        ErrorCode::Other => "other",
    }
}

const EVERY_CODE: [ErrorCode; 19] = [
    ErrorCode::NotFound,
    ErrorCode::MethodNotAllowed,
    ErrorCode::BadRequest,
    ErrorCode::UnsupportedMediaType,
    ErrorCode::PayloadTooLarge,
    ErrorCode::BadCredentials,
    ErrorCode::Unauthenticated,
    ErrorCode::Wipe,
    ErrorCode::Forbidden,
    ErrorCode::DeviceTaken,
    ErrorCode::ClientTooOld,
    ErrorCode::BatchTooLarge,
    ErrorCode::TooManyAttempts,
    ErrorCode::RateLimited,
    ErrorCode::ServerBusy,
    ErrorCode::StoreUnavailable,
    ErrorCode::Internal,
    ErrorCode::ImportHasErrors,
    ErrorCode::Other,
];

#[test]
fn every_code_has_its_exact_wire_text_both_ways() {
    for code in EVERY_CODE {
        let text = wire_text(code);
        assert_eq!(serde_json::to_value(code).unwrap(), json!(text), "{code:?}");
        assert_eq!(
            serde_json::from_value::<ErrorCode>(json!(text)).unwrap(),
            code
        );
    }
}

#[test]
fn an_error_body_round_trips_with_its_code() {
    let body = ErrorBody::new(ErrorCode::ClientTooOld, "Reload the app to update it.");
    let value = serde_json::to_value(&body).unwrap();
    assert_eq!(
        value,
        json!({"error": {"code": "client_too_old", "message": "Reload the app to update it."}})
    );
    assert_eq!(serde_json::from_value::<ErrorBody>(value).unwrap(), body);
}

#[test]
fn a_code_from_a_newer_server_still_reads_with_its_message() {
    let body: ErrorBody = serde_json::from_value(json!({
        "error": {"code": "school_closed", "message": "The school has closed this app."}
    }))
    .unwrap();
    assert_eq!(body.error.code, ErrorCode::Other);
    assert_eq!(body.error.message, "The school has closed this app.");
}

#[test]
fn extra_fields_beside_the_error_are_ignored() {
    // The import's 422 carries its preview beside `error`; any reader of errors still reads it.
    let body: ErrorBody = serde_json::from_value(json!({
        "error": {"code": "import_has_errors", "message": "Nothing was imported."},
        "preview": {"create": 0}
    }))
    .unwrap();
    assert_eq!(body.error.code, ErrorCode::ImportHasErrors);
}

//! Tests of the protocol messages' JSON and limits.

use super::*;
use serde_json::json;

fn op_id() -> OpId {
    OpId::from_time_and_random(1_700_000_000_000, [1; 10]).unwrap()
}

#[test]
fn outcomes_read_as_tagged_json() {
    let rejected = OpResult {
        op_id: op_id(),
        outcome: Outcome::Rejected {
            reason: "year_group must be 7 to 13, got 15".into(),
        },
        capped_hlc: None,
    };
    let json = serde_json::to_value(&rejected).unwrap();
    assert_eq!(
        json,
        json!({
            "op_id": op_id().to_string(),
            "outcome": "rejected",
            "reason": "year_group must be 7 to 13, got 15"
        })
    );
    assert_eq!(serde_json::from_value::<OpResult>(json).unwrap(), rejected);
    assert_eq!(
        serde_json::to_value(Outcome::Applied).unwrap(),
        json!({"outcome": "applied"})
    );
    assert_eq!(
        serde_json::to_value(Outcome::Duplicate).unwrap(),
        json!({"outcome": "duplicate"})
    );
}

#[test]
fn a_capped_result_says_what_stamp_was_used() {
    let device = DeviceId::from_time_and_random(1, [2; 10]).unwrap();
    let hlc = Hlc::new(1_700_000_060_000, 0, device).unwrap();
    let result = OpResult {
        op_id: op_id(),
        outcome: Outcome::Applied,
        capped_hlc: Some(hlc),
    };
    let json = serde_json::to_value(&result).unwrap();
    assert_eq!(json["capped_hlc"], hlc.encode());
    let response = PushResponse {
        results: vec![result],
        server_time_ms: 1_700_000_000_000,
    };
    assert_eq!(response.capped_count(), 1);
}

#[test]
fn pushes_are_bounded_and_old_apps_are_told_to_update() {
    let device = DeviceId::from_time_and_random(1, [2; 10]).unwrap();
    let ok = PushRequest {
        device_id: device,
        schema_version: crate::SCHEMA_VERSION,
        ops: Vec::new(),
    };
    assert_eq!(ok.check(), Ok(()));
    let old = PushRequest {
        schema_version: 0,
        ..ok.clone()
    };
    let err = old.check().unwrap_err();
    assert_eq!(err.code(), ErrorCode::ClientTooOld);
    assert!(err.to_string().contains("Reload the app"));
    let pull = PullRequest {
        schema_version: 0,
        cursor: 0,
        limit: 10,
    };
    assert!(pull.check().is_err());
}

#[test]
fn pull_page_size_is_clamped() {
    let pull = |limit| PullRequest {
        schema_version: 1,
        cursor: 0,
        limit,
    };
    assert_eq!(pull(0).page_size(), MAX_PULL_CHANGES);
    assert_eq!(pull(7).page_size(), 7);
    assert_eq!(pull(u32::MAX).page_size(), MAX_PULL_CHANGES);
}

#[test]
fn a_page_reports_more_and_moves_the_cursor() {
    assert_eq!(
        PullResponse::from_rows(Vec::new(), 42, 10),
        PullResponse {
            changes: Vec::new(),
            cursor: 42,
            has_more: false,
            reset: false,
        }
    );
}

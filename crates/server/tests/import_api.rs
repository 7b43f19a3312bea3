//! The MIS import endpoints against the router: the three MIS styles, bad rows with their
//! lines, all-or-nothing commits, re-imports, column mapping, roles and a 5,000-row file;
//! combined name columns, the MIS's header names and the list of columns not imported
//! (`import_api/mis_exports.rs`); importing only the good rows (`import_api/good_rows.rs`);
//! a 10 MB export committed in parts (`import_api/large_file.rs`).

// An integration-test crate: its helpers are test code too, where a panic is the failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

// Beside this file, not in `tests/`, so cargo does not build them as test crates of their own.
#[path = "import_api/good_rows.rs"]
mod good_rows;
#[path = "import_api/large_file.rs"]
mod large_file;
#[path = "import_api/mis_exports.rs"]
mod mis_exports;

use std::collections::BTreeMap;

use axum::http::StatusCode;
use base64::Engine;
use mentor_core::EntityKind;
use mentor_core::validation::upn_check_letter;
use mentor_server::store::Role;
use serde_json::{Value, json};
use support::{Fixture, Session, fixture};

const PREVIEW: &str = "/api/v1/import/students/preview";
const COMMIT: &str = "/api/v1/import/students/commit";

fn fixture_bytes(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(path).unwrap()
}

fn replace_bytes(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let at = bytes
        .windows(from.len())
        .position(|window| window == from)
        .unwrap();
    [&bytes[..at], to, &bytes[at + from.len()..]].concat()
}

fn body(bytes: &[u8], mapping: Value) -> Value {
    let csv = base64::engine::general_purpose::STANDARD.encode(bytes);
    json!({ "csv": csv, "mapping": mapping })
}

/// A UPN with the right check letter, from a made-up LA and school.
fn upn(n: u64) -> String {
    let rest = format!("{:012}", 823_901_750_000 + n);
    format!("{}{rest}", upn_check_letter(&rest).unwrap())
}

async fn admin(fx: &mut Fixture) -> Session {
    fx.session("Sam Okafor-Lind", "admin@school.example", Role::Admin)
        .await
}

async fn students(fx: &Fixture, session: &Session) -> Vec<mentor_core::RecordState> {
    // Pages of 500 (the most a pull gives) keep a 5,000-row school under the sync rate limit.
    let mut records = BTreeMap::new();
    let mut cursor = 0;
    loop {
        let page = fx.pull_page(session, cursor, 500).await;
        for change in page.changes {
            records.insert(change.record.id, change.record);
        }
        cursor = page.cursor;
        if !page.has_more {
            break;
        }
    }
    records
        .into_values()
        .filter(|record| record.entity == EntityKind::Student)
        .collect()
}

fn bad_lines(preview: &Value) -> Vec<u64> {
    preview["bad_rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|bad| bad["line"].as_u64().unwrap())
        .collect()
}

fn reason(preview: &Value, line: u64) -> String {
    preview["bad_rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|bad| bad["line"] == line)
        .unwrap_or_else(|| panic!("no bad row at line {line}: {preview}"))["reason"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Previews, checks nothing can be committed, and that the commit wrote nothing.
async fn refused_whole(fx: &Fixture, session: &Session, bytes: &[u8]) -> Value {
    let before = students(fx, session).await.len();
    let (status, preview) = fx
        .call(
            "POST",
            PREVIEW,
            Some(&session.token),
            Some(body(bytes, json!({}))),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{preview}");
    assert_eq!(preview["file_error"], Value::Null, "{preview}");
    let (status, refusal) = fx
        .call(
            "POST",
            COMMIT,
            Some(&session.token),
            Some(body(bytes, json!({}))),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refusal}");
    assert_eq!(refusal["error"]["code"], "import_has_errors");
    assert_eq!(refusal["preview"]["bad_rows"], preview["bad_rows"]);
    assert_eq!(students(fx, session).await.len(), before);
    preview
}

#[tokio::test]
async fn sims_export_with_bom_and_crlf_reports_its_bad_rows_and_writes_nothing() {
    let mut fx = fixture();
    let session = admin(&mut fx).await;
    let preview = refused_whole(&fx, &session, &fixture_bytes("sims_students.csv")).await;
    let fields: Vec<&Value> = preview["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|column| &column["field"])
        .collect();
    assert_eq!(
        fields,
        [
            "upn",
            "family_name",
            "given_name",
            "preferred_name",
            "year_group",
            "form_group",
            "send_status"
        ]
    );
    assert_eq!(
        preview["columns"][0]["header"], "UPN",
        "the BOM is stripped"
    );
    assert_eq!(bad_lines(&preview), [5, 6, 7, 9]);
    assert!(reason(&preview, 5).contains("wrong check letter"));
    assert!(reason(&preview, 6).contains("family_name is missing"));
    assert!(reason(&preview, 7).contains("must be 7 to 13, got 15"));
    assert!(reason(&preview, 9).contains("SEN status \"Q\""));
    assert_eq!(preview["create"], 4);
    let lines: Vec<&Value> = preview["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| &row["line"])
        .collect();
    assert_eq!(lines, [2, 3, 4, 8]);
    assert_eq!(preview["rows"][1]["name"], "Oscar Brindley");
    assert_eq!(preview["rows"][1]["action"], "create");
}

#[tokio::test]
async fn arbor_export_keeps_quoted_commas_and_reports_duplicates_on_both_lines() {
    let mut fx = fixture();
    let session = admin(&mut fx).await;
    let preview = refused_whole(&fx, &session, &fixture_bytes("arbor_students.csv")).await;
    assert_eq!(bad_lines(&preview), [5, 6, 7, 8, 9]);
    assert!(reason(&preview, 5).contains("UPN is missing"));
    assert!(reason(&preview, 6).contains("also on line 7"));
    assert!(reason(&preview, 7).contains("also on line 6"));
    assert!(reason(&preview, 8).contains("upn must be 13 characters"));
    assert!(reason(&preview, 9).contains("double quotes"));
    assert_eq!(preview["rows"][0]["name"], "Callum O'Rourke, Jnr");
    assert_eq!(preview["create"], 3);
}

#[tokio::test]
async fn bromcom_latin1_export_commits_once_its_bad_rows_are_removed() {
    let mut fx = fixture();
    let session = admin(&mut fx).await;
    let whole = fixture_bytes("bromcom_students.csv");
    let preview = refused_whole(&fx, &session, &whole).await;
    assert_eq!(bad_lines(&preview), [5, 6]);
    assert!(reason(&preview, 5).contains("\"Y14\"") || reason(&preview, 5).contains("got 14"));
    assert!(reason(&preview, 6).contains("given_name is missing"));
    assert_eq!(preview["rows"][0]["name"], "Zoë Verity");

    // The header and the three good rows, still Windows-1252 with CRLF.
    let clean: Vec<u8> = whole
        .split_inclusive(|byte| *byte == b'\n')
        .take(4)
        .flatten()
        .copied()
        .collect();
    let (status, result) = fx
        .call(
            "POST",
            COMMIT,
            Some(&session.token),
            Some(body(&clean, json!({}))),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{result}");
    assert_eq!(result, json!({"created": 3, "updated": 0, "unchanged": 0}));
    let stored = students(&fx, &session).await;
    assert_eq!(stored.len(), 3);
    let zoe = stored
        .iter()
        .find(|s| s.value("given_name") == Some(&json!("Zoë")))
        .expect("Zoë is stored as UTF-8");
    assert_eq!(zoe.value("year_group"), Some(&json!(9)));
    assert_eq!(zoe.value("form_group"), Some(&json!("9VE")));
    let anais = stored
        .iter()
        .find(|s| s.value("given_name") == Some(&json!("Anaïs")))
        .unwrap();
    assert_eq!(anais.value("preferred_name"), Some(&json!("Ana")));
    // SEN status is written once the catalogue has the field, and only then.
    let send = EntityKind::Student
        .field("send_status")
        .map(|_| json!("sen_support"));
    assert_eq!(anais.value("send_status"), send.as_ref());

    // The same file again changes nothing.
    let (status, again) = fx
        .call(
            "POST",
            COMMIT,
            Some(&session.token),
            Some(body(&clean, json!({}))),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{again}");
    assert_eq!(again, json!({"created": 0, "updated": 0, "unchanged": 3}));
    assert_eq!(students(&fx, &session).await.len(), 3);

    // A new form group is an update of that field only.
    let moved = replace_bytes(&clean, b"9VE", b"9WX");
    let (_, preview) = fx
        .call(
            "POST",
            PREVIEW,
            Some(&session.token),
            Some(body(&moved, json!({}))),
        )
        .await;
    assert_eq!(
        (preview["update"].as_u64(), preview["unchanged"].as_u64()),
        (Some(1), Some(2)),
        "{preview}"
    );
    assert_eq!(preview["rows"][0]["action"], "update");
    assert_eq!(preview["rows"][0]["changes"], json!(["form_group"]));
    let (_, result) = fx
        .call(
            "POST",
            COMMIT,
            Some(&session.token),
            Some(body(&moved, json!({}))),
        )
        .await;
    assert_eq!(result, json!({"created": 0, "updated": 1, "unchanged": 2}));
    let stored = students(&fx, &session).await;
    assert!(
        stored
            .iter()
            .any(|s| s.value("form_group") == Some(&json!("9WX")))
    );
    assert_eq!(stored.len(), 3);
}

#[tokio::test]
async fn an_unknown_column_can_be_mapped_by_the_admin() {
    let mut fx = fixture();
    let session = admin(&mut fx).await;
    let csv = format!(
        "UPN,Pupil Surname,Forename,Year,Photo Consent\n{},Harrowgate,Wren,8,Y\n",
        upn(1)
    );
    let (status, preview) = fx
        .call(
            "POST",
            PREVIEW,
            Some(&session.token),
            Some(body(csv.as_bytes(), json!({}))),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let error = preview["file_error"].as_str().unwrap();
    assert!(error.contains("No column gives family_name"), "{error}");
    assert_eq!(
        preview["columns"][1],
        json!({"header": "Pupil Surname", "field": null})
    );
    let (status, refusal) = fx
        .call(
            "POST",
            COMMIT,
            Some(&session.token),
            Some(body(csv.as_bytes(), json!({}))),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refusal["error"]["message"]
            .as_str()
            .unwrap()
            .contains("family_name")
    );

    let mapping = json!({"pupil surname": "family_name"});
    let (_, preview) = fx
        .call(
            "POST",
            PREVIEW,
            Some(&session.token),
            Some(body(csv.as_bytes(), mapping.clone())),
        )
        .await;
    assert_eq!(preview["file_error"], Value::Null, "{preview}");
    assert_eq!(preview["columns"][1]["field"], "family_name");
    assert_eq!(
        preview["columns"][4],
        json!({"header": "Photo Consent", "field": null})
    );
    let (status, result) = fx
        .call(
            "POST",
            COMMIT,
            Some(&session.token),
            Some(body(csv.as_bytes(), mapping)),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{result}");
    assert_eq!(result["created"], 1);
    let stored = students(&fx, &session).await;
    assert_eq!(stored[0].value("family_name"), Some(&json!("Harrowgate")));
}

#[tokio::test]
async fn only_an_admin_may_import_and_the_file_must_be_base64() {
    let mut fx = fixture();
    let senco = fx
        .session("Rowan Halloway", "senco@school.example", Role::Senco)
        .await;
    let request = body(&fixture_bytes("sims_students.csv"), json!({}));
    for uri in [PREVIEW, COMMIT] {
        let (status, answer) = fx
            .call("POST", uri, Some(&senco.token), Some(request.clone()))
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{answer}");
        assert_eq!(answer["error"]["code"], "forbidden");
        let (status, _) = fx.call("POST", uri, None, Some(request.clone())).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let session = admin(&mut fx).await;
    let (status, answer) = fx
        .call(
            "POST",
            PREVIEW,
            Some(&session.token),
            Some(json!({"csv": "not base64!"})),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    assert!(
        answer["error"]["message"]
            .as_str()
            .unwrap()
            .contains("base64")
    );
}

#[tokio::test]
async fn five_thousand_rows_import_and_import_again_as_unchanged() {
    let mut fx = fixture();
    let session = admin(&mut fx).await;
    let mut csv = String::from(
        "UPN,Legal Surname,Legal Forename,Preferred Forename,Year,Reg Group,SEN Status\r\n",
    );
    for n in 0..5_000 {
        let year = 7 + n % 7;
        csv.push_str(&format!(
            "{},Family{n},Given{n},,{year},{year}{},N\r\n",
            upn(n),
            ["A", "B", "C"][(n % 3) as usize]
        ));
    }
    let request = body(csv.as_bytes(), json!({}));
    assert!(request.to_string().len() < mentor_server::error::MAX_BODY_BYTES);
    let (status, result) = fx
        .call("POST", COMMIT, Some(&session.token), Some(request.clone()))
        .await;
    assert_eq!(status, StatusCode::OK, "{result}");
    assert_eq!(
        result,
        json!({"created": 5000, "updated": 0, "unchanged": 0})
    );
    let stored = students(&fx, &session).await;
    assert_eq!(stored.len(), 5_000);
    let last = stored
        .iter()
        .find(|s| s.value("upn") == Some(&json!(upn(4_999))))
        .unwrap();
    assert_eq!(last.value("family_name"), Some(&json!("Family4999")));
    assert_eq!(last.value("year_group"), Some(&json!(7 + 4_999 % 7)));

    let (status, preview) = fx
        .call("POST", PREVIEW, Some(&session.token), Some(request))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(preview["unchanged"], 5_000);
    assert_eq!(preview["create"], 0);
    assert_eq!(preview["rows"].as_array().unwrap().len(), 200);
}

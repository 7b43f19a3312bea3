//! A college's whole MIS export, about 10 MB: previewed in one request, then committed in
//! parts of whole rows as the app sends it; a part sent again writes nothing twice; the rows
//! of a later part are reported by the file's own line numbers; only the import routes take
//! more than 1 MiB.

use std::collections::BTreeSet;

use mentor_core::import_api::{IMPORT_PART_ROWS, MAX_IMPORT_FILE_BYTES};
use mentor_core::import_parts::{ImportPart, split_rows};

use super::*;

/// Invented names, combined so that every row differs.
const GIVEN: [&str; 8] = [
    "Ivy", "Kai", "Lola", "Remy", "Suki", "Tobin", "Wren", "Zara",
];
const FAMILY: [&str; 8] = [
    "Ashdale", "Brindle", "Corran", "Dunmere", "Elsford", "Fenwick", "Garrow", "Holloway",
];

/// An Arbor-style export of `students` rows with the many columns a college exports,
/// most of them not imported.
fn college_export(students: u64) -> Vec<u8> {
    let mut csv = String::from(
        "UPN,Legal Surname,Legal Forename,Preferred Forename,Year,Registration Form,Gender,Date of Birth,Admission Date,Address Line 1,Address Line 2,Town,Postcode,Primary Contact,Primary Contact Phone,Secondary Contact,Secondary Contact Phone,Email,House,Tutor,Course 1,Course 2,Course 3,Course 4,Notes\r\n",
    );
    for n in 0..students {
        let given = GIVEN[(n % 8) as usize];
        let family = FAMILY[(n / 8 % 8) as usize];
        let year = 7 + n % 7;
        csv.push_str(&format!(
            "{},{family},{given},{given},{year},{year}{form},F,2010-0{m}-1{d},2021-09-0{d},{n} Orchard Row,Flat {flat},Northfield,NF{pc} 4AB,Pat {family},01632 960{phone:03},Sam {family},07700 900{phone:03},{given}.{family}{n}@student.example,{house},Mx Tutor {form},Mathematics with statistics,English literature and language,Applied science (double award),Art and design: graphic communication,\"Invented record {n}, for a test; {filler}\"\r\n",
            upn(n),
            form = ["A", "B", "C"][(n % 3) as usize],
            m = 1 + n % 9,
            d = n % 9,
            flat = n % 40,
            pc = n % 90,
            phone = n % 1000,
            house = ["Oak", "Ash", "Elm", "Yew"][(n % 4) as usize],
            filler = "travels by bus, packed lunch, locker on the second floor, club on Tuesdays and Thursdays; ".repeat(7),
        ));
    }
    csv.into_bytes()
}

/// The mapping the preview settled on, sent with every part so each reads its columns as
/// the whole file does.
fn mapping_of(preview: &Value) -> Value {
    let mapping: serde_json::Map<String, Value> = preview["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|column| {
            (
                column["header"].as_str().unwrap().to_owned(),
                column["field"].clone(),
            )
        })
        .collect();
    Value::Object(mapping)
}

async fn commit_part(
    fx: &Fixture,
    session: &Session,
    part: &ImportPart,
    mapping: &Value,
) -> (StatusCode, Value) {
    let mut request = body(&part.bytes, mapping.clone());
    request["line_offset"] = json!(part.line_offset);
    fx.call("POST", COMMIT, Some(&session.token), Some(request))
        .await
}

#[tokio::test]
async fn a_ten_megabyte_export_is_imported_in_parts_and_a_part_sent_again_writes_nothing_twice() {
    let mut fx = fixture();
    let session = admin(&mut fx).await;
    let file = college_export(10_000);
    assert!(
        (9_000_000..=MAX_IMPORT_FILE_BYTES).contains(&file.len()),
        "{} bytes",
        file.len()
    );

    // The whole file goes to the preview in one request, well over 1 MiB as base64.
    let (status, preview) = fx
        .call(
            "POST",
            PREVIEW,
            Some(&session.token),
            Some(body(&file, json!({}))),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{preview}");
    assert_eq!(preview["file_error"], Value::Null);
    assert_eq!(preview["bad_rows"], json!([]));
    assert_eq!(preview["create"], 10_000);

    let mapping = mapping_of(&preview);
    let parts = split_rows(&file, IMPORT_PART_ROWS, &BTreeSet::new());
    assert_eq!(parts.len(), 20);
    let mut created = 0;
    for part in &parts {
        let (status, result) = commit_part(&fx, &session, part, &mapping).await;
        assert_eq!(status, StatusCode::OK, "{result}");
        created += result["created"].as_u64().unwrap();
    }
    assert_eq!(created, 10_000);

    // The answer to part 3 was lost: the app sends it again, and nothing is written twice.
    let (status, again) = commit_part(&fx, &session, &parts[2], &mapping).await;
    assert_eq!(status, StatusCode::OK, "{again}");
    assert_eq!(
        (&again["created"], &again["updated"], &again["unchanged"]),
        (&json!(0), &json!(0), &json!(500))
    );
    let held = students(&fx, &session).await;
    assert_eq!(held.len(), 10_000);
    let upns: BTreeSet<&str> = held
        .iter()
        .filter_map(|student| student.value("upn").and_then(Value::as_str))
        .collect();
    assert_eq!(upns.len(), 10_000, "one student per UPN");
}

#[tokio::test]
async fn a_bad_row_in_a_later_part_is_reported_by_its_line_in_the_file() {
    let mut fx = fixture();
    let session = admin(&mut fx).await;
    let file = format!(
        "UPN,Surname,Forename,Year\n{},Ashdale,Ivy,7\n{},Brindle,\"Kai\nJo\",8\n{},Corran,Lola,15\n",
        upn(1),
        upn(2),
        upn(3)
    );
    let parts = split_rows(file.as_bytes(), 1, &BTreeSet::new());
    assert_eq!(parts.len(), 3);
    let (status, answer) = commit_part(&fx, &session, &parts[2], &json!({})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    // Line 5: the row before it has a line break inside quotes.
    assert_eq!(bad_lines(&answer["preview"]), [5]);
}

#[tokio::test]
async fn only_the_import_routes_take_more_than_one_mebibyte() {
    let mut fx = fixture();
    let session = admin(&mut fx).await;
    let two_mib = json!({ "padding": "x".repeat(2 * 1024 * 1024) }).to_string();
    let (status, answer) = fx
        .call_raw(
            "POST",
            "/api/v1/sync/push",
            Some(&session.token),
            Some(two_mib),
        )
        .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{answer}");
    assert_eq!(answer["error"]["code"], "payload_too_large");

    // A file over the import's own limit is refused before it is read.
    let too_big = vec![b'a'; MAX_IMPORT_FILE_BYTES + 1024 * 1024];
    let (status, answer) = fx
        .call(
            "POST",
            PREVIEW,
            Some(&session.token),
            Some(body(&too_big, json!({}))),
        )
        .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{answer}");
}

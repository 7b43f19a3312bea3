//! "Import the good rows": refused whole unless the admin asks; then the good rows are
//! written, the others listed, and the corrected file later adds only what was left out.

use super::*;

async fn commit_skipping(fx: &Fixture, session: &Session, bytes: &[u8]) -> (StatusCode, Value) {
    let mut request = body(bytes, json!({}));
    request["skip_bad_rows"] = json!(true);
    fx.call("POST", COMMIT, Some(&session.token), Some(request))
        .await
}

#[tokio::test]
async fn good_rows_are_imported_on_request_and_the_corrected_file_adds_only_the_others() {
    let mut fx = fixture();
    let session = admin(&mut fx).await;
    let file = fixture_bytes("ten_rows_two_bad.csv");

    // By default the file is still refused whole, and the refusal names the other choice.
    let preview = refused_whole(&fx, &session, &file).await;
    assert_eq!(bad_lines(&preview), [5, 9]);
    assert!(reason(&preview, 5).contains("wrong check letter"));
    assert!(reason(&preview, 9).contains("must be 7 to 13, got 15"));
    assert_eq!(preview["create"], 8);
    let (_, refusal) = fx
        .call(
            "POST",
            COMMIT,
            Some(&session.token),
            Some(body(&file, json!({}))),
        )
        .await;
    let message = refusal["error"]["message"].as_str().unwrap();
    assert!(message.contains("import only the good rows"), "{message}");

    // Asked for, the 8 good rows are written and the 2 others listed with their reasons.
    let (status, result) = commit_skipping(&fx, &session, &file).await;
    assert_eq!(status, StatusCode::OK, "{result}");
    assert_eq!(
        (&result["created"], &result["updated"], &result["unchanged"]),
        (&json!(8), &json!(0), &json!(0))
    );
    assert_eq!(result["skipped"], preview["bad_rows"]);
    let first = students(&fx, &session).await;
    assert_eq!(first.len(), 8);
    assert!(
        !first
            .iter()
            .any(|s| s.value("family_name") == Some(&json!("Dimmock")))
    );

    // The MIS is corrected and the whole file imported again: only the 2 are created.
    let fixed = replace_bytes(&file, b"A823901790004", b"Z823901790004");
    let fixed = replace_bytes(&fixed, b",15,10HE", b",10,10HE");
    let (status, result) = fx
        .call(
            "POST",
            COMMIT,
            Some(&session.token),
            Some(body(&fixed, json!({}))),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{result}");
    assert_eq!(result, json!({"created": 2, "updated": 0, "unchanged": 8}));
    let second = students(&fx, &session).await;
    assert_eq!(second.len(), 10);
    for before in &first {
        let after = second.iter().find(|s| s.id == before.id).unwrap();
        assert_eq!(after, before, "an imported student is left as it was");
    }
    let hugo = second
        .iter()
        .find(|s| s.value("upn") == Some(&json!("Z823901790004")))
        .unwrap();
    assert_eq!(hugo.value("family_name"), Some(&json!("Dimmock")));
}

#[tokio::test]
async fn skipping_never_hides_a_file_error_or_a_file_with_no_good_row() {
    let mut fx = fixture();
    let session = admin(&mut fx).await;

    let no_surname = format!("UPN,Forename,Year\n{},Wren,8\n", upn(50));
    let (status, refusal) = commit_skipping(&fx, &session, no_surname.as_bytes()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refusal}");
    assert!(
        refusal["error"]["message"]
            .as_str()
            .unwrap()
            .contains("No column gives family_name")
    );

    let all_bad = "UPN,Surname,Forename,Year\n,Harrowgate,Wren,8\nX1,Moss,Ada,7\n";
    let (status, refusal) = commit_skipping(&fx, &session, all_bad.as_bytes()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refusal}");
    let message = refusal["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("none of the file's 2 row(s) can be imported"),
        "{message}"
    );
    assert_eq!(bad_lines(&refusal["preview"]), [2, 3]);
    assert!(students(&fx, &session).await.is_empty());
}

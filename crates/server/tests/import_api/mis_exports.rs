//! Exports as SIMS, Arbor and Bromcom really send them: a combined name column in either
//! order, the MIS's own header names, and every column that is not imported listed.

use super::*;

/// (family name, given name) of every preview row, in file order.
fn split_names(preview: &Value) -> Vec<(String, String)> {
    preview["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            (
                row["family_name"].as_str().unwrap().to_owned(),
                row["given_name"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(family, given)| ((*family).to_owned(), (*given).to_owned()))
        .collect()
}

fn stored_by_upn<'a>(
    stored: &'a [mentor_core::RecordState],
    upn: &str,
) -> &'a mentor_core::RecordState {
    stored
        .iter()
        .find(|s| s.value("upn") == Some(&json!(upn)))
        .unwrap_or_else(|| panic!("no student with UPN {upn}"))
}

async fn preview_of(fx: &Fixture, session: &Session, bytes: &[u8], mapping: Value) -> Value {
    let (status, preview) = fx
        .call(
            "POST",
            PREVIEW,
            Some(&session.token),
            Some(body(bytes, mapping)),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{preview}");
    preview
}

async fn commit(fx: &Fixture, session: &Session, bytes: &[u8]) -> Value {
    let (status, result) = fx
        .call(
            "POST",
            COMMIT,
            Some(&session.token),
            Some(body(bytes, json!({}))),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{result}");
    result
}

#[tokio::test]
async fn a_sims_name_column_is_split_at_the_comma_and_stored_as_family_and_given_names() {
    let mut fx = fixture();
    let session = admin(&mut fx).await;
    let file = fixture_bytes("sims_combined_names.csv");
    assert!(file.starts_with(b"\xEF\xBB\xBF") && file.windows(2).any(|w| w == b"\r\n"));

    let preview = preview_of(&fx, &session, &file, json!({})).await;
    assert_eq!(preview["file_error"], Value::Null, "{preview}");
    assert_eq!(
        preview["columns"][2],
        json!({"header": "Name", "field": "name_surname_first"}),
        "the commas in the cells choose \"Surname, Forename\""
    );
    assert_eq!(
        preview["columns"][4]["field"], "form_group",
        "SIMS's \"Reg\""
    );
    assert_eq!(preview["bad_rows"], json!([]));
    assert_eq!(
        split_names(&preview),
        pairs(&[
            ("O'Neill-Barnes", "Aoife"),
            ("Van der Berg", "Anna"),
            ("Smith-Jones", "Kai"),
            ("O'Rourke", "Niamh"),
            ("de la Cruz", "Mateo"),
        ])
    );
    assert_eq!(preview["rows"][0]["name"], "Aoife O'Neill-Barnes");

    // Read the other way round, every name has a comma it cannot place: nothing is guessed.
    let other_way = preview_of(&fx, &session, &file, json!({"Name": "name_forename_first"})).await;
    assert_eq!(bad_lines(&other_way), [2, 3, 4, 5, 6]);
    assert!(reason(&other_way, 2).contains("choose \"Surname, Forename\""));

    let result = commit(&fx, &session, &file).await;
    assert_eq!(result, json!({"created": 5, "updated": 0, "unchanged": 0}));
    let stored = students(&fx, &session).await;
    let aoife = stored_by_upn(&stored, "C823901760001");
    assert_eq!(aoife.value("family_name"), Some(&json!("O'Neill-Barnes")));
    assert_eq!(aoife.value("given_name"), Some(&json!("Aoife")));
    assert_eq!(aoife.value("form_group"), Some(&json!("8ON")));
    let anna = stored_by_upn(&stored, "R823901760002");
    assert_eq!(anna.value("family_name"), Some(&json!("Van der Berg")));
    assert_eq!(anna.value("given_name"), Some(&json!("Anna")));

    // The same file again changes nothing.
    assert_eq!(
        commit(&fx, &session, &file).await,
        json!({"created": 0, "updated": 0, "unchanged": 5})
    );
}

#[tokio::test]
async fn a_bromcom_full_name_column_takes_the_last_word_and_its_particles_as_the_surname() {
    let mut fx = fixture();
    let session = admin(&mut fx).await;
    let file = fixture_bytes("bromcom_full_names.csv");
    let preview = preview_of(&fx, &session, &file, json!({})).await;
    assert_eq!(preview["file_error"], Value::Null, "{preview}");
    assert_eq!(preview["columns"][1]["field"], "name_forename_first");
    assert_eq!(
        split_names(&preview),
        pairs(&[
            ("van der Berg", "Anna"),
            ("Smith-Jones", "Kai"),
            ("O'Rourke", "Niamh"),
            ("al-Haddad", "Omar"),
            ("de la Cruz", "Mateo"),
            ("Hartwell", "Lily Mae"),
        ])
    );
    assert_eq!(
        preview["ambiguous_names"],
        json!([{"line": 7, "name": "Lily Mae Hartwell", "given_name": "Lily Mae", "family_name": "Hartwell"}])
    );
    assert_eq!(preview["not_imported"], json!(["Gender"]));

    assert_eq!(commit(&fx, &session, &file).await["created"], 6);
    let stored = students(&fx, &session).await;
    let mateo = stored_by_upn(&stored, preview["rows"][4]["upn"].as_str().unwrap());
    assert_eq!(mateo.value("family_name"), Some(&json!("de la Cruz")));
    assert_eq!(mateo.value("given_name"), Some(&json!("Mateo")));
    assert_eq!(mateo.value("preferred_name"), Some(&json!("Teo")));
    assert_eq!(mateo.value("form_group"), Some(&json!("11DC")));
}

#[tokio::test]
async fn arbor_legal_and_preferred_first_names_and_registration_forms_are_recognised() {
    let mut fx = fixture();
    let session = admin(&mut fx).await;
    let file = fixture_bytes("arbor_preferred_names.csv");
    assert!(
        std::str::from_utf8(&file).is_err(),
        "the file is Windows-1252"
    );

    let preview = preview_of(&fx, &session, &file, json!({})).await;
    assert_eq!(preview["file_error"], Value::Null, "{preview}");
    let fields: Vec<&Value> = preview["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|column| &column["field"])
        .collect();
    assert_eq!(
        fields,
        [
            &json!("upn"),
            &json!("given_name"),
            &json!("family_name"),
            &json!("preferred_name"),
            &Value::Null,
            &Value::Null,
            &json!("year_group"),
            &json!("form_group"),
            &json!("send_status"),
        ]
    );
    assert_eq!(preview["bad_rows"], json!([]));
    assert_eq!(preview["rows"][0]["name"], "Zoë Ashworth-Pryce");

    assert_eq!(commit(&fx, &session, &file).await["created"], 5);
    let stored = students(&fx, &session).await;
    let zoe = stored_by_upn(&stored, "M823901770001");
    assert_eq!(zoe.value("given_name"), Some(&json!("Zoë")));
    assert_eq!(zoe.value("preferred_name"), Some(&json!("Zo")));
    assert_eq!(zoe.value("form_group"), Some(&json!("9AP")));
    assert_eq!(zoe.value("year_group"), Some(&json!(9)));
    let renee = stored_by_upn(&stored, "U823901770005");
    assert_eq!(renee.value("family_name"), Some(&json!("Ó Dálaigh")));
    assert_eq!(renee.value("form_group"), Some(&json!("11OD")));
}

#[tokio::test]
async fn every_column_that_is_not_imported_is_listed_in_the_preview() {
    let mut fx = fixture();
    let session = admin(&mut fx).await;
    let arbor = fixture_bytes("arbor_preferred_names.csv");
    let listed = preview_of(&fx, &session, &arbor, json!({})).await;
    assert_eq!(listed["not_imported"], json!(["Date of Birth", "Gender"]));

    // A column the admin maps to nothing is listed too.
    let listed = preview_of(&fx, &session, &arbor, json!({"SEN Status": null})).await;
    assert_eq!(
        listed["not_imported"],
        json!(["Date of Birth", "Gender", "SEN Status"])
    );

    // So is a combined name column when separate name columns are there, and a column the
    // file refuses for: the list is there even when nothing can be imported.
    let csv = format!(
        "UPN,Name,Surname,Forename,Year,Photo Consent\n{},\"Harrowgate, Wren\",Harrowgate,Wren,8,Y\n",
        upn(40)
    );
    let listed = preview_of(&fx, &session, csv.as_bytes(), json!({})).await;
    assert_eq!(listed["not_imported"], json!(["Name", "Photo Consent"]));
    let refused = preview_of(&fx, &session, b"UPN,Forename,Year,Gender\n", json!({})).await;
    assert!(refused["file_error"].is_string());
    assert_eq!(refused["not_imported"], json!(["Gender"]));
}

use super::*;
use crate::import::columns::map_columns;
use crate::import::names::likely_order;
use mentor_core::validation::upn_check_letter;

fn upn(n: u32) -> String {
    let rest = format!("82390172{n:04}");
    format!("{}{rest}", upn_check_letter(&rest).unwrap())
}

fn read(text: &str) -> ReadRows {
    let headers = read_headers(text).unwrap();
    let (columns, error) = map_columns(&headers, &BTreeMap::new(), |index| {
        likely_order(column_cells(text, index).iter().map(String::as_str))
    });
    assert_eq!(error, None);
    read_rows(text, &columns).unwrap()
}

#[test]
fn good_rows_come_out_in_catalogue_form() {
    let text = format!(
        "UPN,Surname,Forename,Known As,Year,Form,SEN Status\r\n{},\"O'Rourke, Jnr\",Tomas,Tom,Year 9,9B,K\r\n{},Vance,Ivy,,y7,,\r\n",
        upn(1),
        upn(2).to_lowercase()
    );
    let read = read(&text);
    assert_eq!(read.bad_rows, []);
    assert_eq!(read.rows.len(), 2);
    let first = &read.rows[0];
    assert_eq!(
        (first.line, first.family_name.as_str()),
        (2, "O'Rourke, Jnr")
    );
    assert_eq!(first.fields["year_group"], json!(9));
    assert_eq!(first.fields["preferred_name"], json!("Tom"));
    assert_eq!(first.fields["send_status"], json!("sen_support"));
    let second = &read.rows[1];
    assert_eq!(second.upn, upn(2));
    assert_eq!(second.fields.len(), 2, "{:?}", second.fields);
    assert_eq!(second.fields["send_status"], json!("none"));
}

#[test]
fn bad_rows_give_their_line_and_every_reason() {
    let mut bad_letter = upn(3);
    bad_letter.replace_range(
        0..1,
        if bad_letter.starts_with('A') {
            "B"
        } else {
            "A"
        },
    );
    let text = format!(
        "UPN,Surname,Forename,Year,SEN Status\n\
         ,Vance,Ivy,7,N\n\
         {bad_letter},Vance,Ivy,7,N\n\
         {},,Ivy,14,N\n\
         {},Vance,Ivy,Reception,X\n\
         \n\
         {},Moss,Ada,8,E\n\
         {},Moss,Ada,8\n\
         {},Moss,Ada,8,EHC Plan\n",
        upn(4),
        upn(5),
        upn(6),
        upn(7),
        upn(6)
    );
    let read = read(&text);
    let lines: Vec<u64> = read.bad_rows.iter().map(|bad| bad.line).collect();
    assert_eq!(lines, [2, 3, 4, 5, 7, 8, 9]);
    let reason = |line: u64| {
        read.bad_rows
            .iter()
            .find(|bad| bad.line == line)
            .unwrap()
            .reason
            .clone()
    };
    assert!(reason(2).contains("UPN is missing"));
    assert!(reason(3).contains("wrong check letter"), "{}", reason(3));
    assert!(
        reason(4).contains("family_name is missing"),
        "{}",
        reason(4)
    );
    assert!(
        reason(4).contains("year_group must be 7 to 13, got 14"),
        "{}",
        reason(4)
    );
    assert!(reason(5).contains("\"Reception\""), "{}", reason(5));
    assert!(reason(5).contains("SEN status \"X\""), "{}", reason(5));
    assert!(reason(7).contains("also on line 9"), "{}", reason(7));
    assert!(
        reason(8).contains("has 4 values but the header has 5"),
        "{}",
        reason(8)
    );
    assert!(reason(9).contains("also on line 7"), "{}", reason(9));
    assert!(read.rows.is_empty());
}

#[test]
fn an_empty_file_is_refused() {
    assert!(read_headers("").unwrap_err().contains("The file is empty"));
}

#[test]
fn a_combined_surname_first_column_is_split_into_both_names() {
    let text = format!(
        "UPN,Name,Year\r\n\
         {},\"O'Neill-Barnes, Aoife\",8\r\n\
         {},\"Van der Berg, Anna\",7\r\n\
         {},Niamh O'Rourke,9\r\n\
         {},,9\r\n",
        upn(11),
        upn(12),
        upn(13),
        upn(14)
    );
    let read = read(&text);
    let names: Vec<(&str, &str)> = read
        .rows
        .iter()
        .map(|row| (row.family_name.as_str(), row.given_name.as_str()))
        .collect();
    assert_eq!(
        names,
        [("O'Neill-Barnes", "Aoife"), ("Van der Berg", "Anna")]
    );
    assert!(read.rows.iter().all(|row| row.name_guess.is_none()));
    let lines: Vec<u64> = read.bad_rows.iter().map(|bad| bad.line).collect();
    assert_eq!(lines, [4, 5]);
    assert!(read.bad_rows[0].reason.contains("has no comma"));
    assert_eq!(read.bad_rows[1].reason, "the name is missing");
}

#[test]
fn a_combined_forename_first_column_notes_its_guesses() {
    let text = format!(
        "UPN,Student Name,Year\n{},Anna van der Berg,7\n{},Lily Mae Hartwell,8\n{},Cher,8\n",
        upn(21),
        upn(22),
        upn(23)
    );
    let read = read(&text);
    assert_eq!(read.rows.len(), 2);
    assert_eq!(read.rows[0].family_name, "van der Berg");
    assert_eq!(read.rows[0].name_guess, None);
    assert_eq!(
        (
            read.rows[1].given_name.as_str(),
            read.rows[1].family_name.as_str()
        ),
        ("Lily Mae", "Hartwell")
    );
    assert_eq!(
        read.rows[1].name_guess.as_deref(),
        Some("Lily Mae Hartwell")
    );
    assert_eq!(read.bad_rows.len(), 1);
    assert!(read.bad_rows[0].reason.contains("is one word"));
}

#[test]
fn a_separate_column_wins_over_the_combined_one_for_its_field() {
    let text = format!(
        "UPN,Name,Forename,Year\n{},\"Moss, Adelaide\",Ada,7\n{},\"Moss, Kit\",,7\n",
        upn(31),
        upn(32)
    );
    let read = read(&text);
    assert_eq!(read.rows.len(), 1);
    assert_eq!(
        (
            read.rows[0].family_name.as_str(),
            read.rows[0].given_name.as_str()
        ),
        ("Moss", "Ada")
    );
    assert_eq!(read.bad_rows[0].line, 3);
    assert_eq!(read.bad_rows[0].reason, "given_name is missing");
}

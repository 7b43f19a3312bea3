use super::*;

fn headers(list: &[&str]) -> Vec<String> {
    list.iter().map(|h| (*h).to_owned()).collect()
}

/// Maps with no mapping from the admin; combined name columns read as "Surname, Forename".
fn by_default(list: &[&str]) -> (Vec<Column>, Option<String>) {
    map_columns(&headers(list), &BTreeMap::new(), |_| {
        NameOrder::SurnameFirst
    })
}

fn fields(columns: &[Column]) -> Vec<Option<ImportField>> {
    columns.iter().map(Column::field).collect()
}

#[test]
fn the_three_mis_styles_map_without_help() {
    for style in [
        // SIMS
        "UPN,Legal Surname,Legal Forename,Preferred Forename,Year,Reg Group,SEN Status",
        "UPN,Surname,Forename,Preferred Forename,NC Year,Reg,SEN",
        // Arbor
        "UPN,Last Name,First Name,Preferred Name,Year Group,Registration Group,SEN Provision",
        "UPN,Legal Last Name,Legal First Name,Preferred First Name,Year Group,Registration Form,SEN Status",
        // Bromcom
        "upn,SURNAME,forename,Known  As,NC Year,Tutor Group,SEND Status",
        "Student UPN,Student Surname,Student Forename,Preferred Forename,Curriculum Year,Form,SEN Code",
        // Punctuation and spacing from hand-edited files.
        "U.P.N.,Legal_Surname,Legal-Forename,Preferred Forename ,Year Grp,Reg. Group,SEN Status:",
    ] {
        let (columns, error) = by_default(&style.split(',').collect::<Vec<_>>());
        assert_eq!(error, None, "{style}");
        assert_eq!(fields(&columns), ImportField::ALL.map(Some), "{style}");
        assert!(columns.iter().all(|column| column.used), "{style}");
    }
}

#[test]
fn columns_the_roster_does_not_hold_are_left_unmapped() {
    let (columns, error) = by_default(&[
        "UPN",
        "Legal Last Name",
        "Legal First Name",
        "Preferred Last Name",
        "Year Group",
        "Date of Birth",
        "Gender",
    ]);
    assert_eq!(error, None);
    let unused: Vec<&str> = columns
        .iter()
        .filter(|column| !column.used)
        .map(|column| column.header.as_str())
        .collect();
    assert_eq!(unused, ["Preferred Last Name", "Date of Birth", "Gender"]);
}

#[test]
fn a_missing_required_column_is_named() {
    let (columns, error) = by_default(&["UPN", "Pupil", "Forename", "Year"]);
    assert_eq!(columns[1].target, None);
    let error = error.unwrap();
    assert!(error.starts_with("No column gives family_name;"), "{error}");
}

#[test]
fn a_combined_name_column_gives_both_names_in_the_form_of_its_cells() {
    for header in [
        "Name",
        "Full Name",
        "Student Name",
        "Pupil Name",
        "full_name",
    ] {
        let (columns, error) = map_columns(
            &headers(&["UPN", header, "Year"]),
            &BTreeMap::new(),
            |index| {
                assert_eq!(index, 1);
                NameOrder::ForenameFirst
            },
        );
        assert_eq!(error, None, "{header}");
        assert_eq!(
            columns[1].name_order(),
            Some(NameOrder::ForenameFirst),
            "{header}"
        );
        assert_eq!(
            columns[1].target.map(Target::as_str),
            Some("name_forename_first")
        );
    }
}

#[test]
fn separate_name_columns_win_over_a_combined_one() {
    let (columns, error) = by_default(&["UPN", "Name", "Surname", "Forename", "Year"]);
    assert_eq!(error, None);
    assert_eq!(columns[1].target, None, "not mapped by default");
    assert!(!columns[1].used);

    // Chosen by the admin, it is still not read while both separate columns are there.
    let mapping = BTreeMap::from([("Name".to_owned(), Some("name_surname_first".to_owned()))]);
    let (columns, error) = map_columns(
        &headers(&["UPN", "Name", "Surname", "Forename", "Year"]),
        &mapping,
        |_| NameOrder::ForenameFirst,
    );
    assert_eq!(error, None);
    assert_eq!(
        columns[1].target,
        Some(Target::Name(NameOrder::SurnameFirst))
    );
    assert!(!columns[1].used);
    assert_eq!(columns[1].name_order(), None);

    // With only a forename column, the combined column gives the family name.
    let (columns, error) = by_default(&["UPN", "Name", "Forename", "Year"]);
    assert_eq!(error, None);
    assert_eq!(columns[1].name_order(), Some(NameOrder::SurnameFirst));
}

#[test]
fn the_mapping_chooses_the_form_of_a_name_column() {
    let mapping = BTreeMap::from([("pupil".to_owned(), Some("name_forename_first".to_owned()))]);
    let (columns, error) = map_columns(&headers(&["UPN", "Pupil", "Year"]), &mapping, |_| {
        NameOrder::SurnameFirst
    });
    assert_eq!(error, None);
    assert_eq!(columns[1].name_order(), Some(NameOrder::ForenameFirst));
}

#[test]
fn the_mapping_adds_and_removes_columns() {
    let mapping = BTreeMap::from([
        ("pupil".to_owned(), Some("family_name".to_owned())),
        ("Form".to_owned(), None),
    ]);
    let (columns, error) = map_columns(
        &headers(&["UPN", "Pupil", "Forename", "Year", "Form"]),
        &mapping,
        |_| NameOrder::SurnameFirst,
    );
    assert_eq!(error, None);
    assert_eq!(columns[1].field(), Some(ImportField::FamilyName));
    assert_eq!(columns[4].target, None);
    assert!(!columns[4].used);
}

#[test]
fn bad_mappings_and_doubled_fields_are_explained() {
    let mapping = BTreeMap::from([
        ("Pupil".to_owned(), Some("shoe_size".to_owned())),
        ("Nickname".to_owned(), Some("given_name".to_owned())),
        (
            "Known As".to_owned(),
            Some("name_forename_first".to_owned()),
        ),
    ]);
    let (_, error) = map_columns(
        &headers(&[
            "UPN",
            "Surname",
            "Forename",
            "Year",
            "Surname 2",
            "Last Name",
            "Name",
            "Known As",
        ]),
        &mapping,
        |_| NameOrder::SurnameFirst,
    );
    let error = error.unwrap();
    assert!(
        error.contains("\"shoe_size\", which is not a field"),
        "{error}"
    );
    assert!(error.contains("name_surname_first"), "{error}");
    assert!(
        error.contains("column \"Nickname\", which this file does not have"),
        "{error}"
    );
    assert!(
        error.contains("\"Surname\", \"Last Name\" all give family_name"),
        "{error}"
    );
}

#[test]
fn two_combined_name_columns_are_one_too_many() {
    let (_, error) = by_default(&["UPN", "Name", "Full Name", "Year"]);
    let error = error.unwrap();
    assert!(
        error.contains("\"Name\", \"Full Name\" all give whole names"),
        "{error}"
    );
}

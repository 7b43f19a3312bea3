//! Which column of an MIS export holds which student field.
//!
//! SIMS, Arbor and Bromcom name their columns differently; the usual names are known here,
//! compared without case or spaces. The admin can map any other column (or unmap one) in the
//! request, which overrides the defaults.

use std::collections::BTreeMap;

/// A student field the import fills. Names are the catalogue's field names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ImportField {
    Upn,
    FamilyName,
    GivenName,
    PreferredName,
    YearGroup,
    FormGroup,
    SendStatus,
}

impl ImportField {
    pub const ALL: [ImportField; 7] = [
        ImportField::Upn,
        ImportField::FamilyName,
        ImportField::GivenName,
        ImportField::PreferredName,
        ImportField::YearGroup,
        ImportField::FormGroup,
        ImportField::SendStatus,
    ];

    /// The field's name in the student catalogue.
    pub const fn as_str(self) -> &'static str {
        match self {
            ImportField::Upn => "upn",
            ImportField::FamilyName => "family_name",
            ImportField::GivenName => "given_name",
            ImportField::PreferredName => "preferred_name",
            ImportField::YearGroup => "year_group",
            ImportField::FormGroup => "form_group",
            ImportField::SendStatus => "send_status",
        }
    }

    /// True if a file without a column for this field is refused.
    pub const fn required(self) -> bool {
        matches!(
            self,
            ImportField::Upn
                | ImportField::FamilyName
                | ImportField::GivenName
                | ImportField::YearGroup
        )
    }

    /// The column names the main MIS exports use for this field.
    const fn known_headers(self) -> &'static [&'static str] {
        match self {
            ImportField::Upn => &["UPN"],
            ImportField::FamilyName => &["Legal Surname", "Surname", "Last Name", "Family Name"],
            ImportField::GivenName => &["Forename", "Legal Forename", "First Name", "Given Name"],
            ImportField::PreferredName => &["Preferred Forename", "Preferred Name", "Known As"],
            ImportField::YearGroup => {
                &["Year", "NC Year", "Year Group", "National Curriculum Year"]
            }
            ImportField::FormGroup => &[
                "Reg Group",
                "Registration Group",
                "Form",
                "Form Group",
                "Tutor Group",
            ],
            ImportField::SendStatus => &["SEN Status", "SEN Provision", "SEND Status"],
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|field| field.as_str() == name)
    }
}

/// A column of the file and the field it fills, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub header: String,
    pub field: Option<ImportField>,
}

/// Header text compared without case or spaces ("Reg  group" is "REG GROUP").
fn normalise(header: &str) -> String {
    header
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The field a column of this name fills by default.
pub fn default_field(header: &str) -> Option<ImportField> {
    let wanted = normalise(header);
    ImportField::ALL.into_iter().find(|field| {
        field
            .known_headers()
            .iter()
            .any(|known| normalise(known) == wanted)
    })
}

/// Maps each header to a field: the admin's `mapping` (header to field name, or `None` to
/// leave a column out) first, then the defaults. The error says what to fix, in words; the
/// columns are returned either way so the preview can show them.
pub fn map_columns(
    headers: &[String],
    mapping: &BTreeMap<String, Option<String>>,
) -> (Vec<Column>, Option<String>) {
    let mut problems = Vec::new();
    let mut chosen: BTreeMap<String, Option<ImportField>> = BTreeMap::new();
    for (header, field) in mapping {
        let field = match field.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(name) => match ImportField::from_name(name) {
                Some(field) => Some(field),
                None => {
                    problems.push(format!(
                        "the mapping names \"{name}\", which is not a field the import fills (use one of {})",
                        field_list()
                    ));
                    continue;
                }
            },
        };
        if !headers.iter().any(|h| normalise(h) == normalise(header)) {
            problems.push(format!(
                "the mapping names the column \"{header}\", which this file does not have"
            ));
        }
        chosen.insert(normalise(header), field);
    }
    let columns: Vec<Column> = headers
        .iter()
        .map(|header| Column {
            header: header.clone(),
            field: chosen
                .get(&normalise(header))
                .copied()
                .unwrap_or_else(|| default_field(header)),
        })
        .collect();
    for field in ImportField::ALL {
        let holders: Vec<&str> = columns
            .iter()
            .filter(|column| column.field == Some(field))
            .map(|column| column.header.as_str())
            .collect();
        if holders.len() > 1 {
            problems.push(format!(
                "the columns \"{}\" all give {}; map all but one of them to nothing",
                holders.join("\", \""),
                field.as_str()
            ));
        }
    }
    let missing: Vec<&str> = ImportField::ALL
        .into_iter()
        .filter(|field| field.required() && !columns.iter().any(|c| c.field == Some(*field)))
        .map(ImportField::as_str)
        .collect();
    if !missing.is_empty() {
        problems.push(format!(
            "no column gives {}; the file needs a column for each of upn, family_name, given_name and year_group (choose which column holds it in the mapping)",
            missing.join(", ")
        ));
    }
    let error = (!problems.is_empty()).then(|| capitalise(&problems.join("; ")) + ".");
    (columns, error)
}

fn field_list() -> String {
    ImportField::ALL.map(ImportField::as_str).join(", ")
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(list: &[&str]) -> Vec<String> {
        list.iter().map(|h| (*h).to_owned()).collect()
    }

    #[test]
    fn the_three_mis_styles_map_without_help() {
        for style in [
            "UPN,Legal Surname,Legal Forename,Preferred Forename,Year,Reg Group,SEN Status",
            "UPN,Last Name,First Name,Preferred Name,Year Group,Registration Group,SEN Provision",
            "upn,SURNAME,forename,Known  As,NC Year,Tutor Group,SEND Status",
        ] {
            let (columns, error) = map_columns(
                &headers(&style.split(',').collect::<Vec<_>>()),
                &BTreeMap::new(),
            );
            assert_eq!(error, None, "{style}");
            let fields: Vec<_> = columns.iter().map(|c| c.field).collect();
            assert_eq!(fields, ImportField::ALL.map(Some), "{style}");
        }
    }

    #[test]
    fn a_missing_required_column_is_named() {
        let (columns, error) = map_columns(
            &headers(&["UPN", "Pupil", "Forename", "Year"]),
            &BTreeMap::new(),
        );
        assert_eq!(columns[1].field, None);
        let error = error.unwrap();
        assert!(error.starts_with("No column gives family_name;"), "{error}");
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
        );
        assert_eq!(error, None);
        assert_eq!(columns[1].field, Some(ImportField::FamilyName));
        assert_eq!(columns[4].field, None);
    }

    #[test]
    fn bad_mappings_and_doubled_fields_are_explained() {
        let mapping = BTreeMap::from([
            ("Pupil".to_owned(), Some("shoe_size".to_owned())),
            ("Nickname".to_owned(), Some("given_name".to_owned())),
        ]);
        let (_, error) = map_columns(
            &headers(&[
                "UPN",
                "Surname",
                "Forename",
                "Year",
                "Surname 2",
                "Last Name",
            ]),
            &mapping,
        );
        let error = error.unwrap();
        assert!(
            error.contains("\"shoe_size\", which is not a field"),
            "{error}"
        );
        assert!(
            error.contains("column \"Nickname\", which this file does not have"),
            "{error}"
        );
        assert!(
            error.contains("\"Surname\", \"Last Name\" all give family_name"),
            "{error}"
        );
    }
}

//! Which column of an MIS export holds which student field.
//!
//! SIMS, Arbor and Bromcom name their columns differently; the usual names of all three are
//! known here, compared without case, spaces or punctuation. A column of whole names
//! ("Name", "Full Name", …) is read as "Surname, Forename" or "Forename Surname" (see
//! `names.rs`), the form taken from its cells unless the mapping says. The admin can map any
//! other column (or unmap one) in the request, which overrides the defaults.

use std::collections::BTreeMap;

use mentor_core::import_api::{NAME_FORENAME_FIRST, NAME_SURNAME_FIRST};

use super::names::NameOrder;

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

    /// True if a file without a column for this field is refused (the names may come from
    /// one combined column instead).
    pub const fn required(self) -> bool {
        matches!(
            self,
            ImportField::Upn
                | ImportField::FamilyName
                | ImportField::GivenName
                | ImportField::YearGroup
        )
    }

    /// The column names SIMS, Arbor and Bromcom exports use for this field. "Preferred
    /// Surname" and "Preferred Last Name" are left out on purpose: the roster has no
    /// preferred family name, so those columns are listed as not imported.
    const fn known_headers(self) -> &'static [&'static str] {
        match self {
            ImportField::Upn => &["UPN", "Unique Pupil Number", "Pupil UPN", "Student UPN"],
            ImportField::FamilyName => &[
                "Legal Surname",
                "Surname",
                "Last Name",
                "Legal Last Name",
                "Family Name",
                "Legal Family Name",
                "Student Surname",
                "Student Last Name",
            ],
            ImportField::GivenName => &[
                "Forename",
                "Forenames",
                "Legal Forename",
                "First Name",
                "Legal First Name",
                "Given Name",
                "Student Forename",
                "Student First Name",
            ],
            ImportField::PreferredName => &[
                "Preferred Forename",
                "Preferred Name",
                "Preferred First Name",
                "Preferred Given Name",
                "Known As",
                "Chosen Name",
            ],
            ImportField::YearGroup => &[
                "Year",
                "NC Year",
                "Year Group",
                "NC Year Group",
                "National Curriculum Year",
                "Curriculum Year",
                "Year Grp",
            ],
            ImportField::FormGroup => &[
                "Reg",
                "Reg Group",
                "Registration Group",
                "Registration Form",
                "Reg Form",
                "Form",
                "Form Group",
                "Form Name",
                "Tutor Group",
            ],
            ImportField::SendStatus => &[
                "SEN Status",
                "SEN Provision",
                "SEND Status",
                "SEN",
                "SEND",
                "SEN Code",
                "SEN Stage",
            ],
        }
    }
}

/// Column names for whole names ("Surname, Forename" or "Forename Surname").
const COMBINED_NAME_HEADERS: &[&str] = &[
    "Name",
    "Full Name",
    "Legal Name",
    "Full Legal Name",
    "Student Name",
    "Student Full Name",
    "Pupil Name",
    "Pupil Full Name",
];

/// What a column fills: one field, or both names from one column of whole names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    Field(ImportField),
    Name(NameOrder),
}

impl Target {
    /// The target's name in a mapping and in the preview.
    pub const fn as_str(self) -> &'static str {
        match self {
            Target::Field(field) => field.as_str(),
            Target::Name(NameOrder::SurnameFirst) => NAME_SURNAME_FIRST,
            Target::Name(NameOrder::ForenameFirst) => NAME_FORENAME_FIRST,
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        ImportField::ALL
            .into_iter()
            .map(Target::Field)
            .chain([
                Target::Name(NameOrder::SurnameFirst),
                Target::Name(NameOrder::ForenameFirst),
            ])
            .find(|target| target.as_str() == name)
    }
}

/// A column of the file, what it fills, and whether it is read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub header: String,
    pub target: Option<Target>,
    /// False for a column with no target, and for a combined name column when separate
    /// family and given name columns are there (they win).
    pub used: bool,
}

impl Column {
    /// The field this column fills, if it is read for one.
    pub fn field(&self) -> Option<ImportField> {
        match self.target {
            Some(Target::Field(field)) if self.used => Some(field),
            _ => None,
        }
    }

    /// The form of its names, if it is a combined name column that is read.
    pub fn name_order(&self) -> Option<NameOrder> {
        match self.target {
            Some(Target::Name(order)) if self.used => Some(order),
            _ => None,
        }
    }
}

/// Header text compared without case, spaces or punctuation ("Reg. group" is "REG GROUP").
fn normalise(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
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

/// True if a column of this name holds whole names by default.
pub fn is_combined_name_header(header: &str) -> bool {
    let wanted = normalise(header);
    COMBINED_NAME_HEADERS
        .iter()
        .any(|known| normalise(known) == wanted)
}

/// Maps each header to a target: the admin's `mapping` (header to target name, or `None` to
/// leave a column out) first, then the defaults. A combined name column by default takes the
/// form `order_of(its index)` gives (from its cells), and only when the file lacks separate
/// family and given name columns. The error says what to fix, in words; the columns are
/// returned either way so the preview can show them.
pub fn map_columns(
    headers: &[String],
    mapping: &BTreeMap<String, Option<String>>,
    order_of: impl Fn(usize) -> NameOrder,
) -> (Vec<Column>, Option<String>) {
    let mut problems = Vec::new();
    let mut chosen: BTreeMap<String, Option<Target>> = BTreeMap::new();
    for (header, target) in mapping {
        let target = match target.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(name) => match Target::from_name(name) {
                Some(target) => Some(target),
                None => {
                    problems.push(format!(
                        "the mapping names \"{name}\", which is not a field the import fills (use one of {})",
                        target_list()
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
        chosen.insert(normalise(header), target);
    }
    let mut columns: Vec<Column> = headers
        .iter()
        .map(|header| {
            let target = match chosen.get(&normalise(header)) {
                Some(target) => *target,
                None => default_field(header).map(Target::Field),
            };
            Column {
                header: header.clone(),
                target,
                used: target.is_some(),
            }
        })
        .collect();
    let has_field = |columns: &[Column], field| {
        columns
            .iter()
            .any(|column| column.target == Some(Target::Field(field)))
    };
    let separate_names =
        has_field(&columns, ImportField::FamilyName) && has_field(&columns, ImportField::GivenName);
    for (index, column) in columns.iter_mut().enumerate() {
        let by_default = !chosen.contains_key(&normalise(&column.header));
        if by_default && !separate_names && is_combined_name_header(&column.header) {
            column.target = Some(Target::Name(order_of(index)));
            column.used = true;
        }
        if matches!(column.target, Some(Target::Name(_))) && separate_names {
            column.used = false;
        }
    }
    problems.extend(doubled(&columns));
    let combined = columns.iter().any(|column| column.name_order().is_some());
    let missing: Vec<&str> = ImportField::ALL
        .into_iter()
        .filter(|field| field.required() && !has_field(&columns, *field))
        .filter(|field| {
            !(combined && matches!(field, ImportField::FamilyName | ImportField::GivenName))
        })
        .map(ImportField::as_str)
        .collect();
    if !missing.is_empty() {
        problems.push(format!(
            "no column gives {}; the file needs a column for each of upn, family_name, given_name and year_group, or one column of whole names instead of family_name and given_name (choose which column holds it in the mapping)",
            missing.join(", ")
        ));
    }
    let error = (!problems.is_empty()).then(|| capitalise(&problems.join("; ")) + ".");
    (columns, error)
}

/// A sentence for each field (and for whole names) that more than one read column gives.
fn doubled(columns: &[Column]) -> Vec<String> {
    let mut holders: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for column in columns.iter().filter(|column| column.used) {
        let what = match column.target {
            Some(Target::Field(field)) => field.as_str(),
            Some(Target::Name(_)) => "whole names",
            None => continue,
        };
        holders.entry(what).or_default().push(&column.header);
    }
    holders
        .into_iter()
        .filter(|(_, headers)| headers.len() > 1)
        .map(|(what, headers)| {
            format!(
                "the columns \"{}\" all give {what}; map all but one of them to nothing",
                headers.join("\", \"")
            )
        })
        .collect()
}

fn target_list() -> String {
    ImportField::ALL
        .map(ImportField::as_str)
        .into_iter()
        .chain([NAME_SURNAME_FIRST, NAME_FORENAME_FIRST])
        .collect::<Vec<_>>()
        .join(", ")
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
#[path = "columns_tests.rs"]
mod tests;

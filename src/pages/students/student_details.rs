//! A student record read for display and for the edit form.

use mentor_core::ids::EntityId;
use mentor_core::merge::RecordState;
use mentor_core::records;

use crate::pages::ordering::sort_stable;

/// The fields of a student that pages show, read from a record (with pending edits applied).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StudentDetails {
    pub id: EntityId,
    pub given_name: String,
    pub family_name: String,
    pub preferred_name: String,
    pub year_group: Option<u8>,
    pub form_group: String,
    pub upn: String,
    /// Empty when not recorded.
    pub pronouns: String,
    /// `none`, `sen_support` or `ehcp`; empty when not recorded.
    pub send_status: String,
}

impl StudentDetails {
    /// Reads a record; `None` for a deleted record, or one that is not a readable student.
    pub fn from_record(record: &RecordState) -> Option<Self> {
        if record.is_deleted() {
            return None;
        }
        let student = record.read::<records::Student>().ok()?;
        Some(Self {
            id: record.id,
            given_name: student.given_name,
            family_name: student.family_name,
            preferred_name: student.preferred_name.unwrap_or_default(),
            year_group: Some(student.year_group),
            form_group: student.form_group.unwrap_or_default(),
            upn: student.upn.unwrap_or_default(),
            pronouns: student.pronouns.unwrap_or_default(),
            send_status: student.send_status.unwrap_or_default(),
        })
    }

    /// The name staff use: the preferred name if there is one, then the family name.
    pub fn shown_name(&self) -> String {
        let first = if self.preferred_name.is_empty() {
            &self.given_name
        } else {
            &self.preferred_name
        };
        format!("{first} {}", self.family_name).trim().to_owned()
    }

    /// "Year 8 · 8A", or as much of it as is known.
    pub fn year_and_form(&self) -> String {
        let year = self.year_group.map(|year| format!("Year {year}"));
        let form = (!self.form_group.is_empty()).then(|| self.form_group.clone());
        [year, form]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// The SEND status in words, if one is recorded.
    pub fn send_status_label(&self) -> Option<&'static str> {
        match self.send_status.as_str() {
            "none" => Some("No SEND"),
            "sen_support" => Some("SEN support"),
            "ehcp" => Some("EHCP"),
            _ => None,
        }
    }

    /// Initials for the avatar: first letters of the shown first name and the family name.
    pub fn initials(&self) -> String {
        let first = if self.preferred_name.is_empty() {
            &self.given_name
        } else {
            &self.preferred_name
        };
        [first, &self.family_name]
            .iter()
            .filter_map(|part| part.chars().next())
            .flat_map(char::to_uppercase)
            .collect()
    }

    /// Order for lists: family name, then given name, ignoring case.
    pub fn sort_key(&self) -> (String, String) {
        (
            self.family_name.to_lowercase(),
            self.given_name.to_lowercase(),
        )
    }
}

/// The students among `records`, sorted for a list.
pub fn students_for_list(records: &[RecordState]) -> Vec<StudentDetails> {
    let mut students: Vec<StudentDetails> = records
        .iter()
        .filter_map(StudentDetails::from_record)
        .collect();
    sort_stable(&mut students, &|a, b| a.sort_key().cmp(&b.sort_key()));
    students
}

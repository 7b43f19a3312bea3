//! Staff roles: one name on the wire and in the database, one label people read.
//!
//! What each role may read and write is part of each kind's declaration
//! ([`crate::kinds::KindSpec::access`]), so the table lives beside the fields it governs; this
//! file only says who the roles are.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A member of staff's role. Serialized in `snake_case` (`"senco"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A progress or learning mentor, with a caseload of students.
    Mentor,
    /// A class teacher, who sees the students of their teaching groups.
    Teacher,
    /// The special educational needs co-ordinator.
    Senco,
    /// The designated safeguarding lead.
    Dsl,
    /// Runs the school's copy of Progress Mentor: staff, imports, devices.
    Admin,
}

impl Role {
    /// Every role, in the order lists show them.
    pub const ALL: [Role; 5] = [
        Role::Mentor,
        Role::Teacher,
        Role::Senco,
        Role::Dsl,
        Role::Admin,
    ];

    /// The wire and database name (`"senco"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Role::Mentor => "mentor",
            Role::Teacher => "teacher",
            Role::Senco => "senco",
            Role::Dsl => "dsl",
            Role::Admin => "admin",
        }
    }

    /// How people read the role on its own, in lists and beside a name ("SENCO",
    /// "Administrator").
    pub const fn label(self) -> &'static str {
        match self {
            Role::Mentor => "Mentor",
            Role::Teacher => "Teacher",
            Role::Senco => "SENCO",
            Role::Dsl => "DSL",
            Role::Admin => "Administrator",
        }
    }

    /// True for the role that runs the school's copy of the app: staff, MIS imports and
    /// devices. The server checks it on those routes; the app shows them only to it.
    pub const fn manages_school(self) -> bool {
        matches!(self, Role::Admin)
    }

    /// The role as one person holding it is named in a sentence ("the SENCO", "a mentor").
    pub const fn someone(self) -> &'static str {
        match self {
            Role::Mentor => "a mentor",
            Role::Teacher => "a teacher",
            Role::Senco => "the SENCO",
            Role::Dsl => "the DSL",
            Role::Admin => "an administrator",
        }
    }

    /// The role's holders who work with one student ("the student's mentors").
    pub const fn of_the_student(self) -> &'static str {
        match self {
            Role::Mentor => "the student's mentors",
            Role::Teacher => "the student's teachers",
            Role::Senco => "the SENCO",
            Role::Dsl => "the DSL",
            Role::Admin => "an administrator",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Text that names no staff role.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{0}\" is not a staff role")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;

    fn from_str(text: &str) -> Result<Self, UnknownRole> {
        Role::ALL
            .into_iter()
            .find(|role| role.as_str() == text)
            .ok_or_else(|| UnknownRole(crate::ids::excerpt(text)))
    }
}

/// The role names as stored, for the staff record's `role` field.
pub const ROLE_NAMES: &[&str] = &["mentor", "teacher", "senco", "dsl", "admin"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_by_name_and_by_serde() {
        assert_eq!(Role::ALL.len(), ROLE_NAMES.len());
        for (role, name) in Role::ALL.into_iter().zip(ROLE_NAMES) {
            assert_eq!(role.as_str(), *name);
            assert_eq!(name.parse::<Role>().unwrap(), role);
            assert_eq!(serde_json::to_value(role).unwrap(), *name);
            let label = role.label().to_lowercase();
            assert!(role.someone().to_lowercase().ends_with(&label), "{role}");
        }
        assert_eq!(
            "headteacher".parse::<Role>().unwrap_err().to_string(),
            "\"headteacher\" is not a staff role"
        );
    }
}

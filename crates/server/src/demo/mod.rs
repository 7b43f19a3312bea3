//! The demo school, Northfield Academy (invented, as is everyone in it): eight staff covering
//! every role, 60 students in Years 7 to 11, six teaching groups of eight, a study-support
//! group of thirty (its own learning mentor and teacher), two mentors' caseloads, two
//! work-experience placements (one visit overdue), a day trip today with 32 children,
//! and the students' profiles: SEND status, Learning Passports (for every SEND student and
//! everyone the first mentor or the teacher sees), medical notes for some and one or two
//! emergency contacts each (Ofcom's drama numbers, which ring nobody).
//!
//! Seeded only into a database with no staff, and written as ops through the same merge path
//! as any device's (stamped by the server's device), so it syncs like anything else. All of
//! it goes in one transaction that fails if any op is not applied, so the demo is validated
//! by the same rules as every device's writes each time it is seeded.

use mentor_core::entity::{caseload_assignment_id, group_membership_id};
use mentor_core::protocol::MAX_PUSH_OPS;
use mentor_core::validation::upn_check_letter;
use mentor_core::{EntityId, EntityKind};
use serde_json::json;
use uuid::Uuid;

mod passports;
mod placements;
mod profiles;
mod trips;

use passports::send_status;
use profiles::write_profiles;

use crate::auth::Passwords;
use crate::server_writes::{ServerWriter, WriteError};
use crate::store::{NewStaff, Role, Store, StoreError};

/// Every demo account's password.
pub const DEMO_PASSWORD: &str = "demo-password-1";

/// The namespace the demo school's ids are derived from, so they are the same every time.
const DEMO_NAMESPACE: EntityId =
    EntityId::from_uuid(Uuid::from_u128(0x0193_0000_0000_7000_8000_4e04_7f1e_1dac));

/// The time in the demo school's ids: 2025-01-01 00:00 UTC.
const DEMO_ID_MS: u64 = 1_735_689_600_000;

/// (display name, email, role)
const DEMO_STAFF: [(&str, &str, Role); 8] = [
    (
        "Morgan Ellery",
        "morgan.ellery@northfield.example",
        Role::Mentor,
    ),
    (
        "Jas Penrose",
        "jas.penrose@northfield.example",
        Role::Mentor,
    ),
    (
        "Dana Whitcombe",
        "dana.whitcombe@northfield.example",
        Role::Teacher,
    ),
    (
        "Rowan Halloway",
        "rowan.halloway@northfield.example",
        Role::Senco,
    ),
    (
        "Alex Fenwright",
        "alex.fenwright@northfield.example",
        Role::Dsl,
    ),
    (
        "Sam Okafor-Lind",
        "sam.okaforlind@northfield.example",
        Role::Admin,
    ),
    // The study-support group's learning mentor and teacher, in no other group.
    ("Kit Lanyon", "kit.lanyon@northfield.example", Role::Mentor),
    (
        "Nell Thorley",
        "nell.thorley@northfield.example",
        Role::Teacher,
    ),
];

/// The study-support group: thirty students from every year, supported in its lessons by
/// its learning mentor (staff 6) and taught by staff 7.
const STUDY_SUPPORT: (&str, &str) = ("Study Support Base", "Study skills");

const GIVEN_NAMES: [&str; 12] = [
    "Ayla", "Brodie", "Cerys", "Dev", "Esme", "Finn", "Grace", "Harvey", "Isla", "Jamie", "Kiran",
    "Lottie",
];

const FAMILY_NAMES: [&str; 10] = [
    "Ashdown",
    "Brightwell",
    "Jarrow",
    "Dunmore",
    "Elsworth",
    "Farrant",
    "Greyling",
    "Holbeck",
    "Ingleby",
    "Jessop",
];

/// (name, subject, year group)
const DEMO_GROUPS: [(&str, &str, u8); 6] = [
    ("7 Maths Set 2", "Mathematics", 7),
    ("7 English 7B", "English", 7),
    ("8 Science 8A", "Science", 8),
    ("9 Numeracy Catch-Up", "Mathematics", 9),
    ("10 History 10C", "History", 10),
    ("11 English Set 3", "English", 11),
];

/// What went wrong seeding the demo school.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error("cannot hash the demo passwords: {0}")]
    Password(String),
}

/// A demo sign-in, for printing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSignIn {
    pub email: &'static str,
    pub password: &'static str,
    pub role: Role,
}

/// A fixed id with the layout of a new record's (UUIDv7): the server refuses to create a
/// record under any other kind of id, as devices' records are. Its random bits come from a
/// hash of `parts`, so the demo school is the same every time.
fn id(parts: &[&str]) -> EntityId {
    let hash = EntityId::derived(DEMO_NAMESPACE, parts);
    let mut random = [0; 10];
    random.copy_from_slice(&hash.as_uuid().as_bytes()[..10]);
    EntityId::from_uuid(uuid::Builder::from_unix_timestamp_millis(DEMO_ID_MS, &random).into_uuid())
}

fn staff_id(index: usize) -> EntityId {
    id(&["staff", &index.to_string()])
}

fn student_id(index: usize) -> EntityId {
    id(&["student", &index.to_string()])
}

/// The family name of demo student `index`: within one given name the year steps it on, so
/// no two students share a full name.
fn family_name(index: usize) -> &'static str {
    FAMILY_NAMES[(index / 12 + 2 * (index % 12)) % FAMILY_NAMES.len()]
}

/// A valid-shape UPN with the right check letter (the LA and school numbers are made up).
fn demo_upn(index: usize) -> Option<String> {
    let rest = format!("8239017{:02}{:03}", 19 + index % 5, index);
    upn_check_letter(&rest).map(|letter| format!("{letter}{rest}"))
}

/// Seeds the demo school if there are no staff yet. Returns the sign-ins when it seeded.
///
/// # Errors
/// [`DemoError`] if the store fails; a half-seeded school is then possible only in the
/// staff rows written before the failure.
pub fn seed_if_empty(
    store: &dyn Store,
    passwords: &Passwords,
    now_ms: u64,
) -> Result<Option<Vec<DemoSignIn>>, DemoError> {
    if store.staff_count()? > 0 {
        return Ok(None);
    }
    let hash = passwords
        .hash(DEMO_PASSWORD)
        .map_err(|err| DemoError::Password(err.to_string()))?;
    let mut sign_ins = Vec::new();
    for (index, (name, email, role)) in DEMO_STAFF.into_iter().enumerate() {
        store.add_staff(
            &NewStaff {
                id: staff_id(index),
                display_name: name.to_owned(),
                email: email.to_owned(),
                role,
                password_hash: hash.clone(),
            },
            now_ms,
        )?;
        sign_ins.push(DemoSignIn {
            email,
            password: DEMO_PASSWORD,
            role,
        });
    }
    let mut writer = ServerWriter::new(now_ms);
    write_roster(&mut writer)?;
    write_profiles(&mut writer)?;
    placements::write_placements(&mut writer, now_ms)?;
    trips::write_trips(&mut writer, now_ms)?;
    store.push_all_as_server(&writer.into_pushes(MAX_PUSH_OPS), now_ms)?;
    Ok(Some(sign_ins))
}

/// Puts `members` (id, `student` or `staff`) in `group`.
fn add_members(
    writer: &mut ServerWriter,
    group: EntityId,
    members: impl Iterator<Item = (EntityId, &'static str)>,
) -> Result<(), WriteError> {
    for (member, kind) in members {
        writer.create(
            EntityKind::GroupMembership,
            group_membership_id(group, member),
            [
                ("group_id", json!(group.to_string())),
                ("member_id", json!(member.to_string())),
                ("member_kind", json!(kind)),
            ],
        )?;
    }
    Ok(())
}

fn write_roster(writer: &mut ServerWriter) -> Result<(), WriteError> {
    // 60 students, 12 in each of Years 7 to 11, forms A and B.
    let mut year_of = Vec::new();
    for index in 0..60 {
        let year = 7 + index / 12;
        let form = if index % 2 == 0 { "A" } else { "B" };
        let given = GIVEN_NAMES[index % GIVEN_NAMES.len()];
        let family = family_name(index);
        let mut fields = vec![
            ("given_name", json!(given)),
            ("family_name", json!(family)),
            ("year_group", json!(year)),
            ("form_group", json!(format!("{year}{form}"))),
        ];
        if let Some(upn) = demo_upn(index) {
            fields.push(("upn", json!(upn)));
        }
        fields.push(("send_status", json!(send_status(index))));
        if let Some((_, preferred, pronouns)) = NAMES_USED.iter().find(|(i, ..)| *i == index) {
            if let Some(preferred) = preferred {
                fields.push(("preferred_name", json!(preferred)));
            }
            if let Some(pronouns) = pronouns {
                fields.push(("pronouns", json!(pronouns)));
            }
        }
        writer.create(EntityKind::Student, student_id(index), fields)?;
        year_of.push(year);
    }
    // Six groups of eight students from their year; the teacher teaches the first four, the
    // first mentor supports the first two and the second mentor the last two.
    for (group_index, (name, subject, year)) in DEMO_GROUPS.into_iter().enumerate() {
        let group = id(&["group", &group_index.to_string()]);
        writer.create(
            EntityKind::TeachingGroup,
            group,
            [
                ("name", json!(name)),
                ("subject", json!(subject)),
                ("year_group", json!(year)),
            ],
        )?;
        let students = (0..60)
            .filter(|index| year_of[*index] == usize::from(year))
            .skip(if group_index == 1 { 4 } else { 0 })
            .take(8);
        let mut staff = Vec::new();
        if group_index < 4 {
            staff.push(staff_id(2));
        }
        if group_index < 2 {
            staff.push(staff_id(0));
        }
        if group_index >= 4 {
            staff.push(staff_id(1));
        }
        let members = students
            .map(|index| (student_id(index), "student"))
            .chain(staff.into_iter().map(|member| (member, "staff")));
        add_members(writer, group, members)?;
    }
    let group = id(&["group", "study-support"]);
    writer.create(
        EntityKind::TeachingGroup,
        group,
        [
            ("name", json!(STUDY_SUPPORT.0)),
            ("subject", json!(STUDY_SUPPORT.1)),
        ],
    )?;
    let members = (0..30)
        .map(|index| (student_id(index), "student"))
        .chain([(staff_id(6), "staff"), (staff_id(7), "staff")]);
    add_members(writer, group, members)?;
    // Caseloads: six students each, spread across the years.
    for (mentor, first) in [(staff_id(0), 0), (staff_id(1), 3)] {
        for index in (first..60).step_by(10) {
            let student = student_id(index);
            writer.create(
                EntityKind::CaseloadAssignment,
                caseload_assignment_id(mentor, student),
                [
                    ("mentor_id", json!(mentor.to_string())),
                    ("student_id", json!(student.to_string())),
                ],
            )?;
        }
    }
    Ok(())
}

/// Preferred names and pronouns a few students have asked for: (student, preferred name,
/// pronouns). Students 2 to 5 keep their legal names, which the end-to-end tests look for.
const NAMES_USED: [(usize, Option<&str>, Option<&str>); 6] = [
    (14, None, Some("she/her")),
    (19, Some("Harv"), None),
    (26, Some("Ceri"), None),
    (27, None, Some("he/him")),
    (35, Some("Charlie"), Some("they/them")),
    (43, None, Some("he/they")),
];

#[cfg(test)]
mod tests {
    use super::*;
    use mentor_core::validation::check_upn;

    #[test]
    fn demo_ids_are_fixed_and_shaped_like_new_records_ids() {
        assert_eq!(student_id(3), student_id(3));
        assert_ne!(student_id(3), student_id(4));
        assert_ne!(student_id(3), staff_id(3));
        assert!(student_id(3).is_time_ordered());
    }

    #[test]
    fn demo_upns_are_valid() {
        for index in 0..60 {
            check_upn(&demo_upn(index).unwrap()).unwrap();
        }
    }
}

//! The demo students' profiles: SEND status, Learning Passports, medical notes and emergency
//! contacts, all invented.

use mentor_core::EntityKind;
use mentor_core::entity::passport_voice_id;
use serde_json::json;

use super::passports::passport;
use super::{family_name, id, student_id};
use crate::server_writes::{ServerWriter, WriteError};

/// (student, kind, text, severity)
const MEDICAL_NOTES: [(usize, &str, &str, Option<&str>); 18] = [
    (
        1,
        "allergy",
        "Egg allergy — avoid egg in food technology; causes hives and swelling",
        Some("moderate"),
    ),
    (
        6,
        "allergy",
        "Nut allergy (peanuts and tree nuts). Carries an EpiPen in a red pouch in her bag; a \
         spare is in the medical room. If it is used, call 999.",
        Some("life_threatening"),
    ),
    (
        6,
        "dietary",
        "Nut-free diet: check ingredients in food technology and on trip packed lunches",
        Some("severe"),
    ),
    (
        9,
        "condition",
        "Asthma — blue reliever inhaler kept in blazer pocket; may need it during or after PE",
        Some("moderate"),
    ),
    (
        9,
        "medication",
        "Brown preventer inhaler taken at home morning and evening; none needed in school",
        None,
    ),
    (
        10,
        "condition",
        "Eczema — may need to apply cream; avoid handling clay and some art materials",
        Some("mild"),
    ),
    (
        14,
        "condition",
        "Type 1 diabetes — checks blood glucose before lunch and before PE. Hypo kit (glucose \
         tablets, juice) in her bag.",
        Some("severe"),
    ),
    (
        14,
        "medication",
        "Insulin pump; may need to leave the lesson to check levels or treat a hypo. Never send \
         her out alone if she feels unwell.",
        Some("severe"),
    ),
    (
        17,
        "condition",
        "Asthma — reliever inhaler in bag",
        Some("mild"),
    ),
    (
        21,
        "condition",
        "Epilepsy (absence seizures) — may stare blankly for a few seconds. Note the time and \
         tell the medical room.",
        Some("moderate"),
    ),
    (26, "dietary", "Vegetarian", None),
    (30, "dietary", "Halal food only", None),
    (33, "allergy", "Penicillin allergy", Some("moderate")),
    (
        38,
        "condition",
        "Migraines — may need to rest in a quiet, darkened room; the medical room gives any \
         painkillers",
        Some("mild"),
    ),
    (
        45,
        "allergy",
        "Hay fever — takes an antihistamine at home in the summer term",
        Some("mild"),
    ),
    (
        50,
        "condition",
        "Coeliac disease — strictly gluten-free food, including on trips",
        Some("severe"),
    ),
    (
        50,
        "dietary",
        "Gluten-free meals from the kitchen's separate menu",
        None,
    ),
    (
        55,
        "allergy",
        "Bee and wasp sting allergy. Carries an EpiPen on trips and outdoor activities.",
        Some("life_threatening"),
    ),
];

const WOMEN: [&str; 10] = [
    "Helen", "Priya", "Sarah", "Aisha", "Nicola", "Fiona", "Leanne", "Joanne", "Claire", "Yasmin",
];
const MEN: [&str; 10] = [
    "Mark", "Tom", "Daniel", "Gareth", "Owen", "Marcus", "Ravi", "Stuart", "Lee", "Imran",
];
/// Surnames for relatives who do not share the student's.
const OTHER_FAMILY_NAMES: [&str; 7] = [
    "Marsh", "Pendle", "Tindall", "Wragg", "Colley", "Bexley", "Ormerod",
];

/// (relationship, is a woman, shares the student's surname)
const FIRST_CONTACTS: [(&str, bool, bool); 7] = [
    ("Mother", true, true),
    ("Father", false, true),
    ("Mother", true, true),
    ("Grandmother", true, true),
    ("Mother", true, true),
    ("Father", false, true),
    ("Foster carer", true, false),
];
const SECOND_CONTACTS: [(&str, bool, bool); 7] = [
    ("Father", false, true),
    ("Mother", true, true),
    ("Grandfather", false, true),
    ("Aunt", true, false),
    ("Stepfather", false, false),
    ("Uncle", false, true),
    ("Grandmother", true, false),
];

pub(super) fn write_profiles(writer: &mut ServerWriter) -> Result<(), WriteError> {
    for index in 0..60 {
        let student = student_id(index);
        let key = || ("student_id", json!(student.to_string()));
        let n = index.to_string();
        if let Some(passport) = passport(index) {
            let items = [
                (EntityKind::PassportNeed, passport.needs),
                (EntityKind::PassportStrategy, passport.strategies),
                (EntityKind::PassportUnhelpful, passport.unhelpful),
            ];
            for (kind, texts) in items {
                for (item, text) in texts.iter().enumerate() {
                    writer.create(
                        kind,
                        id(&[kind.as_str(), &n, &item.to_string()]),
                        [("text", json!(text)), key()],
                    )?;
                }
            }
            if let Some(voice) = passport.voice {
                writer.create(
                    EntityKind::PassportVoice,
                    passport_voice_id(student),
                    [("text", json!(voice)), key()],
                )?;
            }
        }
        let notes = MEDICAL_NOTES.iter().filter(|(i, ..)| *i == index);
        for (item, (_, kind, text, severity)) in notes.enumerate() {
            let mut fields = vec![("kind", json!(kind)), ("text", json!(text)), key()];
            if let Some(severity) = severity {
                fields.push(("severity", json!(severity)));
            }
            writer.create(
                EntityKind::MedicalNote,
                id(&["medical_note", &n, &item.to_string()]),
                fields,
            )?;
        }
        write_contacts(writer, index)?;
    }
    Ok(())
}

/// One or two emergency contacts, with numbers from Ofcom's drama ranges (07700 900xxx
/// mobiles, 01632 960xxx landlines), so no real phone is ever rung from the demo.
fn write_contacts(writer: &mut ServerWriter, index: usize) -> Result<(), WriteError> {
    let student = student_id(index);
    let count = if index % 3 == 2 { 1 } else { 2 };
    for (item, table) in [FIRST_CONTACTS, SECOND_CONTACTS]
        .iter()
        .take(count)
        .enumerate()
    {
        let (relationship, woman, same_name) = table[index % table.len()];
        let given = if woman { WOMEN } else { MEN }[(index * 3 + item * 7) % 10];
        let family = if same_name {
            family_name(index)
        } else {
            OTHER_FAMILY_NAMES[(index + item) % OTHER_FAMILY_NAMES.len()]
        };
        let mut fields = vec![
            ("name", json!(format!("{given} {family}"))),
            ("relationship", json!(relationship)),
            (
                "phone_primary",
                json!(format!("07700 900{:03}", index * 2 + item)),
            ),
            ("priority", json!(item + 1)),
            ("student_id", json!(student.to_string())),
        ];
        if item == 0 && index.is_multiple_of(2) {
            fields.push(("phone_secondary", json!(format!("01632 960{index:03}"))));
        }
        writer.create(
            EntityKind::EmergencyContact,
            id(&["emergency_contact", &index.to_string(), &item.to_string()]),
            fields,
        )?;
    }
    Ok(())
}

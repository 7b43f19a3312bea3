//! The demo school, Northfield Academy (invented, as is everyone in it): six staff covering
//! every role, 60 students in Years 7 to 11, six teaching groups and two mentors' caseloads,
//! and the students' profiles: SEND status, Learning Passports (for every SEND student and
//! everyone the first mentor or the teacher sees), medical notes for some and one or two
//! emergency contacts each (Ofcom's drama numbers, which ring nobody).
//!
//! Seeded only into a database with no staff, and written as ops through the same merge path
//! as any device's (stamped by the server's device), so it syncs like anything else. All of
//! it goes in one transaction that fails if any op is not applied, so the demo is validated
//! by the same rules as every device's writes each time it is seeded.

use mentor_core::entity::{caseload_assignment_id, group_membership_id, passport_voice_id};
use mentor_core::protocol::MAX_PUSH_OPS;
use mentor_core::validation::upn_check_letter;
use mentor_core::{EntityId, EntityKind};
use serde_json::json;
use uuid::Uuid;

use crate::auth::Passwords;
use crate::server_writes::{ServerWriter, WriteError};
use crate::store::{NewStaff, Role, Store, StoreError};

/// Every demo account's password.
pub const DEMO_PASSWORD: &str = "demo-password-1";

/// The namespace the demo school's ids are derived from, so they are the same every time.
const DEMO_NAMESPACE: EntityId =
    EntityId::from_uuid(Uuid::from_u128(0x0193_0000_0000_7000_8000_4e04_7f1e_1dac));

/// (display name, email, role)
const DEMO_STAFF: [(&str, &str, Role); 6] = [
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
];

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

fn id(parts: &[&str]) -> EntityId {
    EntityId::derived(DEMO_NAMESPACE, parts)
}

fn staff_id(index: usize) -> EntityId {
    id(&["staff", &index.to_string()])
}

fn student_id(index: usize) -> EntityId {
    id(&["student", &index.to_string()])
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
    store.push_all_as_server(&writer.into_pushes(MAX_PUSH_OPS), now_ms)?;
    Ok(Some(sign_ins))
}

fn write_roster(writer: &mut ServerWriter) -> Result<(), WriteError> {
    // 60 students, 12 in each of Years 7 to 11, forms A and B.
    let mut year_of = Vec::new();
    for index in 0..60 {
        let year = 7 + index / 12;
        let form = if index % 2 == 0 { "A" } else { "B" };
        let given = GIVEN_NAMES[index % GIVEN_NAMES.len()];
        // Within one given name the year steps the family name on, so no two students share
        // a full name.
        let family = FAMILY_NAMES[(index / 12 + 2 * (index % 12)) % FAMILY_NAMES.len()];
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
    }
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

/// One student's Learning Passport: needs, what helps, what doesn't, and "in my words".
struct Passport {
    needs: &'static [&'static str],
    strategies: &'static [&'static str],
    unhelpful: &'static [&'static str],
    voice: Option<&'static str>,
}

const DYSLEXIA: Passport = Passport {
    needs: &[
        "Dyslexia — reads slowly, needs extra processing time",
        "Spelling is weak; finds copying from the board hard",
    ],
    strategies: &[
        "Give instructions one at a time and check understanding",
        "Provide a printed copy of board notes, on cream paper where possible",
        "Allow extra time for reading and written tasks",
    ],
    unhelpful: &[
        "Being asked to read aloud without warning",
        "Every spelling mistake corrected in red pen",
    ],
    voice: Some(
        "I work best near the front where I can see the board. If I ask you to repeat \
         something it's because I need to hear it again, not because I wasn't listening.",
    ),
};

const ADHD: Passport = Passport {
    needs: &["ADHD — finds it hard to stay focused for long stretches"],
    strategies: &[
        "Break tasks into short chunks with a clear finish point for each",
        "Agree a discreet signal for a movement break (e.g. taking a message to the office)",
        "Seat away from the door and windows",
    ],
    unhelpful: &[
        "Being told off in front of the class for fidgeting",
        "Long stretches of listening or copying with nothing to do",
    ],
    voice: Some(
        "I'm not trying to be rude when I fidget. Having something in my hands helps me \
         listen. I do better when I know how long a task will take.",
    ),
};

const AUTISM: Passport = Passport {
    needs: &[
        "Autism — changes to routine cause anxiety",
        "Sensitive to noise; busy corridors are overwhelming",
    ],
    strategies: &[
        "Tell them quietly about changes (cover teacher, room change) before the lesson",
        "Use clear, literal language and explain idioms and jokes",
        "Let them leave two minutes early to avoid the corridor rush",
        "Accept the time-out card: they go to the learning support base",
    ],
    unhelpful: &[
        "Sudden changes of seat or plan without explanation",
        "Unstructured group work with no set role",
        "Being touched on the shoulder to get their attention",
    ],
    voice: Some(
        "I like to know what is happening next. If something changes, please tell me before \
         the lesson starts. When I go quiet it means I need a bit of space, not that I'm being \
         rude.",
    ),
};

const ANXIETY: Passport = Passport {
    needs: &[
        "Anxiety — worries about speaking in front of others",
        "Attendance was low last year; building back up to full days",
    ],
    strategies: &[
        "Let them answer in writing or one-to-one before asking in front of the class",
        "Check in briefly and privately at the start of the lesson",
        "Give a warning before they will be asked a question",
    ],
    unhelpful: &[
        "Cold-calling for answers in front of the class",
        "Comments about their attendance in front of others",
    ],
    voice: Some(
        "I usually know the answer. I just freeze when everyone looks at me. It helps if you \
         come over and talk to me quietly.",
    ),
};

const HEARING: Passport = Passport {
    needs: &[
        "Moderate hearing loss — wears hearing aids in both ears",
        "Uses a radio aid; the teacher wears the transmitter",
    ],
    strategies: &[
        "Wear the radio aid transmitter, and mute it for private conversations",
        "Face the class when speaking and repeat other students' answers",
        "Turn on subtitles for videos",
    ],
    unhelpful: &[
        "Talking while facing the board",
        "Background noise during instructions (music, open windows)",
    ],
    voice: Some(
        "Please make sure I can see your face when you talk. I'll tell you if my hearing aid \
         battery runs out, so please don't make a fuss about it.",
    ),
};

const SPEECH_LANGUAGE: Passport = Passport {
    needs: &["Speech and language difficulties — struggles to follow long spoken instructions"],
    strategies: &[
        "Write key words and the steps of the task on the board",
        "Pre-teach subject vocabulary before a new topic (word mat)",
        "Ask them to repeat the instructions back in their own words",
    ],
    unhelpful: &["Long spoken explanations with nothing written down"],
    voice: Some(
        "Word mats help me a lot. I remember things better when I can see them written down.",
    ),
};

const DYSCALCULIA: Passport = Passport {
    needs: &["Dyscalculia — needs concrete resources for number work"],
    strategies: &[
        "Allow a number line or multiplication square",
        "Model a worked example before independent practice",
    ],
    unhelpful: &["Timed mental arithmetic tests in front of others"],
    voice: Some(
        "Maths makes me panic when it's timed. I can usually do it if I have time to work it \
         out on paper.",
    ),
};

const DYSPRAXIA: Passport = Passport {
    needs: &[
        "Dyspraxia — handwriting is slow and tiring",
        "Finds practical equipment (rulers, compasses, Bunsen burners) hard to handle",
    ],
    strategies: &[
        "Allow a laptop for extended writing",
        "Give printed notes rather than copying from the board",
        "Pair with a supportive partner for practical work",
    ],
    unhelpful: &[
        "Comments on untidy handwriting",
        "Being rushed to pack away equipment",
    ],
    voice: Some("My hand hurts if I write for a long time. Typing lets me show what I know."),
};

const VISUAL: Passport = Passport {
    needs: &["Visual impairment — needs enlarged print (A3, at least 18 point)"],
    strategies: &[
        "Send worksheets to learning support a day ahead to be enlarged",
        "Read out anything written on the board",
        "Keep their seat at the front, centre, away from window glare",
    ],
    unhelpful: &[
        "Faint photocopies, or text printed over pictures",
        "Changing the seating plan without checking with them",
    ],
    voice: Some(
        "I can't always see the board, even from the front. I'd rather have my own copy than \
         ask every time.",
    ),
};

const SEMH: Passport = Passport {
    needs: &[
        "Social, emotional and mental health needs — can become overwhelmed and leave the room",
    ],
    strategies: &[
        "Use the agreed exit card: they go to learning support and come back within ten minutes",
        "Praise privately rather than in front of the class",
        "Offer a calm, clear choice rather than an ultimatum",
    ],
    unhelpful: &[
        "Raised voices, or arguing back in front of others",
        "Following them out of the room straight away",
    ],
    voice: Some(
        "When I get angry I need a few minutes on my own. I'll come back when I'm calm. Please \
         talk to me afterwards, not in front of everyone.",
    ),
};

/// Students with special educational needs: (student, SEND status, passport).
const SEND_STUDENTS: [(usize, &str, &Passport); 15] = [
    (1, "sen_support", &DYSLEXIA),
    (6, "sen_support", &ADHD),
    (9, "ehcp", &AUTISM),
    (15, "sen_support", &SPEECH_LANGUAGE),
    (18, "sen_support", &ANXIETY),
    (22, "ehcp", &HEARING),
    (27, "sen_support", &DYSCALCULIA),
    (33, "sen_support", &DYSPRAXIA),
    (36, "sen_support", &DYSLEXIA),
    (41, "ehcp", &VISUAL),
    (44, "sen_support", &ANXIETY),
    (47, "sen_support", &SEMH),
    (50, "ehcp", &AUTISM),
    (53, "sen_support", &ADHD),
    (58, "sen_support", &SPEECH_LANGUAGE),
];

/// Passports for students with no SEND, which mentors keep for anyone they support.
const GENERAL_PASSPORTS: [Passport; 5] = [
    Passport {
        needs: &["Struggles to organise equipment and homework"],
        strategies: &[
            "Check the planner at the end of the lesson and point out the homework",
            "Keep a spare pen and ruler to lend without comment",
        ],
        unhelpful: &["A detention for missing equipment without a conversation first"],
        voice: Some(
            "I forget things when I'm rushing between lessons. A reminder at the end really helps.",
        ),
    },
    Passport {
        needs: &["Finds it hard to settle after break and lunch"],
        strategies: &[
            "Meet at the door with a clear first task on the board",
            "Give a job at the start of the lesson, such as handing out books",
        ],
        unhelpful: &[],
        voice: None,
    },
    Passport {
        needs: &["Low confidence in extended writing"],
        strategies: &[
            "Give sentence starters for longer answers",
            "Let them plan out loud with a partner before writing",
        ],
        unhelpful: &["Being left with a blank page and no model answer"],
        voice: Some(
            "I have ideas but I don't know how to start. Seeing an example first helps me.",
        ),
    },
    Passport {
        needs: &["Young carer — helps look after a younger sibling; may be tired or late"],
        strategies: &[
            "Allow a homework extension when asked, without a reason given in front of others",
            "Check in quietly if they seem tired",
        ],
        unhelpful: &["Questions about home in front of the class"],
        voice: Some(
            "Some mornings are busy at home. I don't always want to talk about it, but I'll say \
             if I need help.",
        ),
    },
    Passport {
        needs: &["Joined the school this year; still finding their way around"],
        strategies: &[
            "Pair with a buddy for moving between lessons",
            "Check the homework is written down before they leave",
        ],
        unhelpful: &[],
        voice: None,
    },
];

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

fn send_status(index: usize) -> &'static str {
    SEND_STUDENTS
        .iter()
        .find(|(student, ..)| *student == index)
        .map_or("none", |(_, status, _)| status)
}

/// The student's passport: SEND students have one, and so does everyone in Years 7 to 9 or
/// on a mentor's caseload (which covers everyone the first mentor and the teacher see).
fn passport(index: usize) -> Option<&'static Passport> {
    if let Some((.., passport)) = SEND_STUDENTS.iter().find(|(student, ..)| *student == index) {
        return Some(passport);
    }
    let year = 7 + index / 12;
    let on_caseload = matches!(index % 10, 0 | 3);
    (year <= 9 || on_caseload).then(|| &GENERAL_PASSPORTS[index % GENERAL_PASSPORTS.len()])
}

fn family_name(index: usize) -> &'static str {
    FAMILY_NAMES[(index / 12 + 2 * (index % 12)) % FAMILY_NAMES.len()]
}

fn write_profiles(writer: &mut ServerWriter) -> Result<(), WriteError> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use mentor_core::validation::check_upn;

    #[test]
    fn demo_upns_are_valid() {
        for index in 0..60 {
            check_upn(&demo_upn(index).unwrap()).unwrap();
        }
    }
}

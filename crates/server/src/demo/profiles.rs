//! The demo students' profiles: SEND status, Learning Passports, medical notes and emergency
//! contacts, all invented.

use mentor_core::EntityKind;
use mentor_core::entity::passport_voice_id;
use serde_json::json;

use super::{family_name, id, student_id};
use crate::server_writes::{ServerWriter, WriteError};

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

pub(super) fn send_status(index: usize) -> &'static str {
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

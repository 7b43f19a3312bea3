//! The demo students' Learning Passports and SEND statuses, all invented: a passport for
//! each kind of need, given to the students with SEND, and general ones for the rest of
//! Years 7 to 9 and the mentors' caseloads.

/// One student's Learning Passport: needs, what helps, what doesn't, and "in my words".
pub(super) struct Passport {
    pub(super) needs: &'static [&'static str],
    pub(super) strategies: &'static [&'static str],
    pub(super) unhelpful: &'static [&'static str],
    pub(super) voice: Option<&'static str>,
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

pub(super) fn send_status(index: usize) -> &'static str {
    SEND_STUDENTS
        .iter()
        .find(|(student, ..)| *student == index)
        .map_or("none", |(_, status, _)| status)
}

/// The student's passport: SEND students have one, and so does everyone in Years 7 to 9 or
/// on a mentor's caseload (which covers everyone the first mentor and the teacher see).
pub(super) fn passport(index: usize) -> Option<&'static Passport> {
    if let Some((.., passport)) = SEND_STUDENTS.iter().find(|(student, ..)| *student == index) {
        return Some(passport);
    }
    let year = 7 + index / 12;
    let on_caseload = matches!(index % 10, 0 | 3);
    (year <= 9 || on_caseload).then(|| &GENERAL_PASSPORTS[index % GENERAL_PASSPORTS.len()])
}

//! Finding students in the list: the search text and the filters, over a roster read once from
//! the device.
//!
//! Everything here is plain data, so it is tested natively (`cargo test -p progress-mentor
//! --lib`). Each student's searchable text is normalised once, when the roster is built (lower
//! case, accents folded, apostrophes and hyphens inside names dropped), so a keystroke only
//! normalises the typed words and runs `str::contains` once per word and student.

use std::cmp::Ordering;
use std::collections::{BTreeSet, HashMap, HashSet};

use mentor_core::ids::EntityId;
use mentor_core::merge::RecordState;
use serde_json::Value;

use super::student_details::{StudentDetails, students_for_list};

/// How many matching rows are rendered at first, and how many more each "Show more" adds.
pub const PAGE_SIZE: usize = 100;

/// Lower case, with accents folded (`é` → `e`, `ß` → `ss`) and the punctuation that joins
/// parts of a name (apostrophes, hyphens, full stops) dropped, so "o'neil", "ONeil" and
/// "Ó Néil" find the same student.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for lower in text.chars().flat_map(char::to_lowercase) {
        fold(lower, &mut out);
    }
    out
}

fn fold(c: char, out: &mut String) {
    let plain = match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' | 'ð' => 'd',
        'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' => 'h',
        'ì'..='ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò'..='ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => 's',
        'ţ' | 'ť' | 'ŧ' | 'ț' => 't',
        'ù'..='ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        'æ' => return out.push_str("ae"),
        'œ' => return out.push_str("oe"),
        'ß' => return out.push_str("ss"),
        'þ' => return out.push_str("th"),
        // Combining accents (text typed in decomposed form) and joining punctuation.
        '\u{300}'..='\u{36f}'
        | '\''
        | '\u{2018}'
        | '\u{2019}'
        | '-'
        | '\u{2010}'
        | '\u{2011}'
        | '.' => return,
        other => other,
    };
    out.push(plain);
}

/// The words typed into the search box, normalised; every word must match.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Search {
    words: Vec<String>,
}

impl Search {
    pub fn new(text: &str) -> Self {
        Self {
            words: text
                .split_whitespace()
                .map(normalise)
                .filter(|word| !word.is_empty())
                .collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// The SEND filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SendFilter {
    #[default]
    All,
    SenSupport,
    Ehcp,
    /// SEN support or an EHCP.
    Either,
    /// `none`, or nothing recorded.
    NoneRecorded,
}

impl SendFilter {
    /// In the order the select lists them.
    pub const EVERY: [SendFilter; 5] = [
        SendFilter::All,
        SendFilter::SenSupport,
        SendFilter::Ehcp,
        SendFilter::Either,
        SendFilter::NoneRecorded,
    ];

    /// The value in the URL and in the `<option>`; empty for "All".
    pub fn value(self) -> &'static str {
        match self {
            SendFilter::All => "",
            SendFilter::SenSupport => "sen_support",
            SendFilter::Ehcp => "ehcp",
            SendFilter::Either => "any",
            SendFilter::NoneRecorded => "none",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SendFilter::All => "All",
            SendFilter::SenSupport => "SEN support",
            SendFilter::Ehcp => "EHCP",
            SendFilter::Either => "SEN support or EHCP",
            SendFilter::NoneRecorded => "None recorded",
        }
    }

    /// Reads a value; anything unknown is "All".
    pub fn parse(value: &str) -> Self {
        Self::EVERY
            .into_iter()
            .find(|filter| filter.value() == value)
            .unwrap_or_default()
    }

    fn accepts(self, status: &str) -> bool {
        match self {
            SendFilter::All => true,
            SendFilter::SenSupport => status == "sen_support",
            SendFilter::Ehcp => status == "ehcp",
            SendFilter::Either => matches!(status, "sen_support" | "ehcp"),
            SendFilter::NoneRecorded => !matches!(status, "sen_support" | "ehcp"),
        }
    }
}

/// The caseload filter. "Mine" follows whoever is signed in, so a shared link or a device that
/// changes hands never shows someone else's caseload as "My caseload".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CaseloadFilter {
    #[default]
    All,
    Mine,
    Mentor(EntityId),
}

impl CaseloadFilter {
    /// The value in the URL and in the `<option>`; empty for "All".
    pub fn value(self) -> String {
        match self {
            CaseloadFilter::All => String::new(),
            CaseloadFilter::Mine => "mine".to_owned(),
            CaseloadFilter::Mentor(mentor) => mentor.to_string(),
        }
    }

    /// Reads a value; anything unknown is "All".
    pub fn parse(value: &str) -> Self {
        match value {
            "mine" => CaseloadFilter::Mine,
            other => other
                .parse()
                .map_or(CaseloadFilter::All, CaseloadFilter::Mentor),
        }
    }
}

/// The filters beside the search box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Filters {
    pub year: Option<u8>,
    pub group: Option<EntityId>,
    pub send: SendFilter,
    pub caseload: CaseloadFilter,
}

impl Filters {
    /// How many filters are set (shown on the "Filters" disclosure).
    pub fn active_count(&self) -> usize {
        [
            self.year.is_some(),
            self.group.is_some(),
            self.send != SendFilter::All,
            self.caseload != CaseloadFilter::All,
        ]
        .into_iter()
        .filter(|active| *active)
        .count()
    }
}

/// What the list is asked for: the typed text (as typed, for the box) and the filters. It lives
/// in the URL query (`?q=ja&year=7&group=…&send=ehcp&caseload=mine`), so it survives going to
/// a student and back, and a reload.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListQuery {
    pub text: String,
    pub filters: Filters,
}

impl ListQuery {
    /// Reads the URL query through `get`; unknown or malformed values are ignored.
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        let value = |key: &str| get(key).unwrap_or_default();
        Self {
            text: value("q"),
            filters: Filters {
                year: value("year").parse().ok(),
                group: value("group").parse().ok(),
                send: SendFilter::parse(&value("send")),
                caseload: CaseloadFilter::parse(&value("caseload")),
            },
        }
    }

    /// The URL query for this state: empty, or `?` and the set parameters, percent-encoded.
    pub fn to_query_string(&self) -> String {
        let filters = &self.filters;
        let pairs = [
            ("q", self.text.clone()),
            (
                "year",
                filters.year.map(|y| y.to_string()).unwrap_or_default(),
            ),
            (
                "group",
                filters.group.map(|g| g.to_string()).unwrap_or_default(),
            ),
            ("send", filters.send.value().to_owned()),
            ("caseload", filters.caseload.value()),
        ];
        let query = pairs
            .iter()
            .filter(|(_, value)| !value.is_empty())
            .map(|(key, value)| format!("{key}={}", encode_component(value)))
            .collect::<Vec<_>>()
            .join("&");
        if query.is_empty() {
            query
        } else {
            format!("?{query}")
        }
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// One student in the roster, with what searching and filtering need, computed once.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub student: StudentDetails,
    /// Given, preferred and family name, UPN and form, normalised, one per line (a typed word
    /// never holds a line break, so a word never matches across two fields).
    haystack: String,
    groups: Vec<EntityId>,
    mentors: Vec<EntityId>,
}

impl Entry {
    pub fn new(student: StudentDetails, groups: Vec<EntityId>, mentors: Vec<EntityId>) -> Self {
        let haystack = [
            &student.given_name,
            &student.preferred_name,
            &student.family_name,
            &student.upn,
            &student.form_group,
        ]
        .map(|field| normalise(field))
        .join("\n");
        Self {
            student,
            haystack,
            groups,
            mentors,
        }
    }

    fn matches(&self, search: &Search, filters: &Filters, me: Option<EntityId>) -> bool {
        filters
            .year
            .is_none_or(|year| self.student.year_group == Some(year))
            && filters
                .group
                .is_none_or(|group| self.groups.contains(&group))
            && filters.send.accepts(&self.student.send_status)
            && match filters.caseload {
                CaseloadFilter::All => true,
                CaseloadFilter::Mine => me.is_some_and(|me| self.mentors.contains(&me)),
                CaseloadFilter::Mentor(mentor) => self.mentors.contains(&mentor),
            }
            && search
                .words
                .iter()
                .all(|word| self.haystack.contains(word.as_str()))
    }
}

/// A choice in the Group or Caseload select.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice<T> {
    pub value: T,
    pub label: String,
}

/// Every student on the device, sorted for the list, with the groups and caseloads that can
/// filter them. Built once per read of the device's records.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Roster {
    entries: Vec<Entry>,
    years: Vec<u8>,
    groups: Vec<Choice<EntityId>>,
    /// Mentors with at least one student of the roster on their caseload, by name.
    mentors: Vec<Choice<EntityId>>,
}

impl Roster {
    /// Builds the roster from the device's records of each kind (deleted records, and links to
    /// records that are not on the device, are left out).
    pub fn from_records(
        students: &[RecordState],
        groups: &[RecordState],
        memberships: &[RecordState],
        assignments: &[RecordState],
        staff: &[RecordState],
    ) -> Self {
        let students = students_for_list(students);
        let on_roster: HashSet<EntityId> = students.iter().map(|student| student.id).collect();

        let mut group_choices: Vec<Choice<EntityId>> = live(groups)
            .map(|group| Choice {
                value: group.id,
                label: text(group, "name").unwrap_or("Unnamed group").to_owned(),
            })
            .collect();
        group_choices.sort_by(|a, b| natural_cmp(&a.label, &b.label));
        let known_groups: HashSet<EntityId> = group_choices.iter().map(|g| g.value).collect();

        let mut groups_of: HashMap<EntityId, Vec<EntityId>> = HashMap::new();
        for membership in live(memberships) {
            if text(membership, "member_kind") != Some("student") {
                continue;
            }
            if let (Some(group), Some(student)) =
                (link(membership, "group_id"), link(membership, "member_id"))
                && known_groups.contains(&group)
            {
                groups_of.entry(student).or_default().push(group);
            }
        }

        let mut mentors_of: HashMap<EntityId, Vec<EntityId>> = HashMap::new();
        let mut mentor_ids = BTreeSet::new();
        for assignment in live(assignments) {
            if let (Some(mentor), Some(student)) = (
                link(assignment, "mentor_id"),
                link(assignment, "student_id"),
            ) && on_roster.contains(&student)
            {
                mentors_of.entry(student).or_default().push(mentor);
                mentor_ids.insert(mentor);
            }
        }
        let names: HashMap<EntityId, &str> = live(staff)
            .filter_map(|member| Some((member.id, text(member, "display_name")?)))
            .collect();
        let mut mentors: Vec<Choice<EntityId>> = mentor_ids
            .into_iter()
            .map(|mentor| Choice {
                value: mentor,
                label: names
                    .get(&mentor)
                    .copied()
                    .unwrap_or("Unnamed mentor")
                    .to_owned(),
            })
            .collect();
        mentors.sort_by(|a, b| natural_cmp(&a.label, &b.label));

        let years: BTreeSet<u8> = students.iter().filter_map(|s| s.year_group).collect();
        let entries = students
            .into_iter()
            .map(|student| {
                let groups = groups_of.remove(&student.id).unwrap_or_default();
                let mentors = mentors_of.remove(&student.id).unwrap_or_default();
                Entry::new(student, groups, mentors)
            })
            .collect();
        Self {
            entries,
            years: years.into_iter().collect(),
            groups: group_choices,
            mentors,
        }
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The year groups present, for the Year select.
    pub fn years(&self) -> &[u8] {
        &self.years
    }

    /// The teaching groups on the device, by name, for the Group select.
    pub fn groups(&self) -> &[Choice<EntityId>] {
        &self.groups
    }

    /// The Caseload select's choices after "All": "My caseload" if `me` has students on their
    /// caseload, then, for staff who see every student (`sees_everyone`: SENCO, DSL, admin),
    /// each other mentor's caseload by name. A mentor sees only part of a colleague's caseload,
    /// so it is not offered to them.
    pub fn caseload_choices(
        &self,
        me: Option<EntityId>,
        sees_everyone: bool,
    ) -> Vec<Choice<CaseloadFilter>> {
        let mut choices = Vec::new();
        if me.is_some_and(|me| self.mentors.iter().any(|mentor| mentor.value == me)) {
            choices.push(Choice {
                value: CaseloadFilter::Mine,
                label: "My caseload".to_owned(),
            });
        }
        if sees_everyone {
            choices.extend(
                self.mentors
                    .iter()
                    .filter(|mentor| Some(mentor.value) != me)
                    .map(|mentor| Choice {
                        value: CaseloadFilter::Mentor(mentor.value),
                        label: format!("{}’s caseload", mentor.label),
                    }),
            );
        }
        choices
    }

    /// `filters` without any filter this roster cannot apply (a year, group or caseload that is
    /// not on the device, say from an old link), so the selects always show what is applied.
    pub fn usable(&self, filters: Filters, me: Option<EntityId>, sees_everyone: bool) -> Filters {
        let caseloads = self.caseload_choices(me, sees_everyone);
        Filters {
            year: filters.year.filter(|year| self.years.contains(year)),
            group: filters
                .group
                .filter(|group| self.groups.iter().any(|choice| choice.value == *group)),
            send: filters.send,
            caseload: if caseloads.iter().any(|c| c.value == filters.caseload) {
                filters.caseload
            } else {
                CaseloadFilter::All
            },
        }
    }

    /// The positions in [`Roster::entries`] of the students that match, in list order.
    pub fn find(&self, search: &Search, filters: &Filters, me: Option<EntityId>) -> Vec<u32> {
        self.entries
            .iter()
            .zip(0u32..)
            .filter(|(entry, _)| entry.matches(search, filters, me))
            .map(|(_, index)| index)
            .collect()
    }
}

fn live(records: &[RecordState]) -> impl Iterator<Item = &RecordState> {
    records.iter().filter(|record| !record.is_deleted())
}

fn text<'a>(record: &'a RecordState, field: &str) -> Option<&'a str> {
    record
        .value(field)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
}

fn link(record: &RecordState, field: &str) -> Option<EntityId> {
    text(record, field)?.parse().ok()
}

/// Orders names as people expect: ignoring case, and numbers by value ("7 Maths" before
/// "10 History").
fn natural_cmp(a: &str, b: &str) -> Ordering {
    fn chunks(text: &str) -> Vec<(u8, u64, String)> {
        let mut out: Vec<(u8, u64, String)> = Vec::new();
        let mut chars = text.chars().peekable();
        while let Some(&c) = chars.peek() {
            let digit = c.is_ascii_digit();
            let mut chunk = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_ascii_digit() != digit {
                    break;
                }
                chunk.push(c);
                chars.next();
            }
            if digit {
                out.push((0, chunk.parse().unwrap_or(u64::MAX), String::new()));
            } else {
                out.push((1, 0, normalise(&chunk)));
            }
        }
        out
    }
    chunks(a).cmp(&chunks(b)).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use mentor_core::entity::{EntityKind, caseload_assignment_id, group_membership_id};
    use mentor_core::hlc::Hlc;
    use mentor_core::ids::DeviceId;
    use mentor_core::merge::FieldState;
    use serde_json::json;

    use super::*;

    fn id(n: u32) -> EntityId {
        let mut random = [0u8; 10];
        random[..4].copy_from_slice(&n.to_be_bytes());
        EntityId::from_time_and_random(1_700_000_000_000, random).unwrap()
    }

    fn stamp(millis: u64) -> Hlc {
        let device = DeviceId::from_time_and_random(1_600_000_000_000, [0xee; 10]).unwrap();
        Hlc::new(millis, 0, device).unwrap()
    }

    fn record(entity: EntityKind, id: EntityId, values: Value) -> RecordState {
        let hlc = stamp(1_000);
        let fields: BTreeMap<String, Value> = serde_json::from_value(values).unwrap();
        RecordState {
            entity,
            id,
            fields: fields
                .into_iter()
                .map(|(name, value)| (name, FieldState { value, hlc }))
                .collect(),
            deleted: None,
            created: hlc,
        }
    }

    fn deleted(mut record: RecordState) -> RecordState {
        record.deleted = Some(stamp(2_000));
        record
    }

    fn student(n: u32, given: &str, family: &str, year: u8, form: &str) -> RecordState {
        record(
            EntityKind::Student,
            id(n),
            json!({"given_name": given, "family_name": family, "year_group": year,
                   "form_group": form}),
        )
    }

    fn with(mut record: RecordState, field: &str, value: Value) -> RecordState {
        let hlc = record.created;
        record
            .fields
            .insert(field.to_owned(), FieldState { value, hlc });
        record
    }

    fn group(n: u32, name: &str) -> RecordState {
        record(
            EntityKind::TeachingGroup,
            id(n),
            json!({"name": name, "subject": "Maths", "year_group": 7}),
        )
    }

    fn member(group: u32, member: u32, kind: &str) -> RecordState {
        record(
            EntityKind::GroupMembership,
            group_membership_id(id(group), id(member)),
            json!({"group_id": id(group).to_string(), "member_id": id(member).to_string(),
                   "member_kind": kind}),
        )
    }

    fn assignment(mentor: u32, student: u32) -> RecordState {
        record(
            EntityKind::CaseloadAssignment,
            caseload_assignment_id(id(mentor), id(student)),
            json!({"mentor_id": id(mentor).to_string(), "student_id": id(student).to_string()}),
        )
    }

    fn staff(n: u32, name: &str) -> RecordState {
        record(
            EntityKind::Staff,
            id(n),
            json!({"display_name": name, "role": "mentor"}),
        )
    }

    const MORGAN: u32 = 900;
    const JAS: u32 = 901;

    /// A small school: two Year 7 forms, a Year 8 student, one group, two caseloads.
    fn school() -> Roster {
        let students = [
            student(1, "Brodie", "Jarrow", 7, "7B"),
            with(
                student(2, "Grace", "Jarrow", 7, "7A"),
                "send_status",
                json!("ehcp"),
            ),
            with(
                student(3, "Jamie", "Ingleby", 7, "7B"),
                "send_status",
                json!("sen_support"),
            ),
            with(
                student(4, "Ayla", "Ashdown", 7, "7A"),
                "send_status",
                json!("none"),
            ),
            with(
                with(
                    student(5, "Zoë", "O'Néill", 8, "8A"),
                    "preferred_name",
                    json!("Zed"),
                ),
                "upn",
                json!("A823901719005"),
            ),
            deleted(student(6, "Jack", "Gone", 7, "7A")),
        ];
        let groups = [group(100, "7 Maths Set 2"), group(101, "10 History")];
        let memberships = [
            member(100, 1, "student"),
            member(100, 3, "student"),
            member(100, MORGAN, "staff"),
            deleted(member(100, 4, "student")),
            // A group that is not on the device.
            member(555, 2, "student"),
        ];
        let assignments = [
            assignment(MORGAN, 1),
            assignment(MORGAN, 5),
            assignment(JAS, 2),
            deleted(assignment(JAS, 4)),
        ];
        let staff = [staff(MORGAN, "Morgan Ellery"), staff(JAS, "Jas Penrose")];
        Roster::from_records(&students, &groups, &memberships, &assignments, &staff)
    }

    fn names(roster: &Roster, text: &str, filters: Filters) -> Vec<String> {
        roster
            .find(&Search::new(text), &filters, Some(id(MORGAN)))
            .into_iter()
            .map(|index| roster.entries()[index as usize].student.shown_name())
            .collect()
    }

    #[test]
    fn normalising_folds_case_accents_and_joining_punctuation() {
        assert_eq!(normalise("Zoë O'Néill"), "zoe oneill");
        assert_eq!(normalise("ÅSE-Marie Strauß"), "asemarie strauss");
        // Decomposed accents too.
        assert_eq!(normalise("Jose\u{301}"), "jose");
        assert_eq!(normalise("  "), "  ");
    }

    #[test]
    fn every_word_must_match_some_field() {
        let roster = school();
        assert_eq!(
            names(&roster, "ja", Filters::default()),
            ["Jamie Ingleby", "Brodie Jarrow", "Grace Jarrow"]
        );
        assert_eq!(
            names(&roster, "JARROW  gr", Filters::default()),
            ["Grace Jarrow"]
        );
        assert_eq!(
            names(&roster, "jarrow ingleby", Filters::default()),
            Vec::<String>::new()
        );
    }

    #[test]
    fn search_covers_given_preferred_family_upn_and_form() {
        let roster = school();
        for text in [
            "zoe", "ZED", "o'neill", "oneil", "néill", "19005", "a8239", "8a",
        ] {
            assert_eq!(
                names(&roster, text, Filters::default()),
                ["Zed O'Néill"],
                "{text}"
            );
        }
        assert_eq!(
            names(&roster, "7b", Filters::default()),
            ["Jamie Ingleby", "Brodie Jarrow"]
        );
    }

    #[test]
    fn empty_search_lists_everyone_but_the_deleted() {
        let roster = school();
        assert_eq!(roster.len(), 5);
        assert_eq!(names(&roster, "  ", Filters::default()).len(), 5);
        assert!(names(&roster, "gone", Filters::default()).is_empty());
        assert!(Search::new(" ' - ").is_empty());
    }

    #[test]
    fn year_filter() {
        let roster = school();
        assert_eq!(roster.years(), [7, 8]);
        let year8 = Filters {
            year: Some(8),
            ..Filters::default()
        };
        assert_eq!(names(&roster, "", year8), ["Zed O'Néill"]);
        assert!(names(&roster, "ja", year8).is_empty());
    }

    #[test]
    fn send_filter() {
        let roster = school();
        let send = |send| Filters {
            send,
            ..Filters::default()
        };
        assert_eq!(
            names(&roster, "", send(SendFilter::SenSupport)),
            ["Jamie Ingleby"]
        );
        assert_eq!(names(&roster, "", send(SendFilter::Ehcp)), ["Grace Jarrow"]);
        assert_eq!(
            names(&roster, "", send(SendFilter::Either)),
            ["Jamie Ingleby", "Grace Jarrow"]
        );
        assert_eq!(
            names(&roster, "", send(SendFilter::NoneRecorded)),
            ["Ayla Ashdown", "Brodie Jarrow", "Zed O'Néill"]
        );
        assert_eq!(
            names(&roster, "ja", send(SendFilter::Either)),
            ["Jamie Ingleby", "Grace Jarrow"]
        );
    }

    #[test]
    fn group_filter_uses_live_student_memberships_of_groups_on_the_device() {
        let roster = school();
        let labels: Vec<&str> = roster.groups().iter().map(|g| g.label.as_str()).collect();
        assert_eq!(labels, ["7 Maths Set 2", "10 History"]);
        let maths = Filters {
            group: Some(id(100)),
            ..Filters::default()
        };
        assert_eq!(
            names(&roster, "", maths),
            ["Jamie Ingleby", "Brodie Jarrow"]
        );
        let history = Filters {
            group: Some(id(101)),
            ..Filters::default()
        };
        assert!(names(&roster, "", history).is_empty());
    }

    #[test]
    fn caseload_filter_and_choices() {
        let roster = school();
        let mine = Filters {
            caseload: CaseloadFilter::Mine,
            ..Filters::default()
        };
        assert_eq!(names(&roster, "", mine), ["Brodie Jarrow", "Zed O'Néill"]);
        let jas = Filters {
            caseload: CaseloadFilter::Mentor(id(JAS)),
            ..Filters::default()
        };
        assert_eq!(names(&roster, "", jas), ["Grace Jarrow"]);

        let labels = |me, everyone| {
            roster
                .caseload_choices(me, everyone)
                .into_iter()
                .map(|choice| choice.label)
                .collect::<Vec<_>>()
        };
        assert_eq!(labels(Some(id(MORGAN)), false), ["My caseload"]);
        assert_eq!(
            labels(Some(id(MORGAN)), true),
            ["My caseload", "Jas Penrose’s caseload"]
        );
        assert_eq!(
            labels(Some(id(7)), true),
            ["Jas Penrose’s caseload", "Morgan Ellery’s caseload"]
        );
        assert!(labels(Some(id(7)), false).is_empty());
    }

    #[test]
    fn filters_the_roster_cannot_apply_are_dropped() {
        let roster = school();
        let asked = Filters {
            year: Some(13),
            group: Some(id(555)),
            send: SendFilter::Ehcp,
            caseload: CaseloadFilter::Mentor(id(JAS)),
        };
        assert_eq!(
            roster.usable(asked, Some(id(MORGAN)), false),
            Filters {
                send: SendFilter::Ehcp,
                ..Filters::default()
            }
        );
        let fine = Filters {
            year: Some(7),
            group: Some(id(100)),
            send: SendFilter::All,
            caseload: CaseloadFilter::Mine,
        };
        assert_eq!(roster.usable(fine, Some(id(MORGAN)), false), fine);
        assert_eq!(fine.active_count(), 3);
    }

    #[test]
    fn query_round_trips_through_the_url() {
        let query = ListQuery {
            text: "jo & ann?".to_owned(),
            filters: Filters {
                year: Some(7),
                group: Some(id(100)),
                send: SendFilter::Either,
                caseload: CaseloadFilter::Mine,
            },
        };
        let string = query.to_query_string();
        assert!(
            string.starts_with("?q=jo%20%26%20ann%3F&year=7&group="),
            "{string}"
        );
        assert!(string.ends_with("&send=any&caseload=mine"), "{string}");
        let params: HashMap<&str, String> = [
            ("q", query.text.clone()),
            ("year", "7".to_owned()),
            ("group", id(100).to_string()),
            ("send", "any".to_owned()),
            ("caseload", "mine".to_owned()),
        ]
        .into_iter()
        .collect();
        assert_eq!(
            ListQuery::from_params(|key| params.get(key).cloned()),
            query
        );

        assert_eq!(ListQuery::default().to_query_string(), "");
        let junk = ListQuery::from_params(|key| Some(format!("junk-{key}")));
        assert_eq!(junk.filters, Filters::default());
    }

    #[test]
    fn two_thousand_students_are_searched_in_one_pass() {
        let given = ["Ayla", "Brodie", "Cerys", "Jamie", "Lottie"];
        let family = ["Ashdown", "Jarrow", "Ingleby", "Jessop"];
        let students: Vec<RecordState> = (0..2_000u32)
            .map(|n| {
                let year = 7 + (n % 7) as u8;
                student(
                    n + 10_000,
                    given[n as usize % 5],
                    family[n as usize % 4],
                    year,
                    &format!("{year}A"),
                )
            })
            .collect();
        let roster = Roster::from_records(&students, &[], &[], &[], &[]);
        assert_eq!(roster.years(), [7, 8, 9, 10, 11, 12, 13]);
        let found = roster.find(&Search::new("ja"), &Filters::default(), None);
        // Jamie (1 in 5) or Jarrow (1 in 4), overlapping every 20th.
        assert_eq!(found.len(), 400 + 500 - 100);
        let sorted = roster
            .entries()
            .windows(2)
            .all(|pair| pair[0].student.sort_key() <= pair[1].student.sort_key());
        assert!(sorted);
    }
}

//! Every student on the device with what searching and filtering need, and the choices the
//! Group and Caseload selects offer, built once per read of the device's records.

use std::cmp::Ordering;
use std::collections::{BTreeSet, HashMap, HashSet};

use mentor_core::ids::EntityId;
use mentor_core::merge::RecordState;
use mentor_core::records::{self, live};

use super::filters::{CaseloadFilter, Filters};
use super::matching::{Search, SearchText, normalise};
use crate::pages::ordering::sort_stable;
use crate::pages::students::student_details::{StudentDetails, students_for_list};

/// One student in the roster, with what searching and filtering need, computed once.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub student: StudentDetails,
    /// Given, preferred and family name, UPN and form.
    text: SearchText,
    groups: Vec<EntityId>,
    mentors: Vec<EntityId>,
}

impl Entry {
    pub fn new(student: StudentDetails, groups: Vec<EntityId>, mentors: Vec<EntityId>) -> Self {
        let text = SearchText::new([
            student.given_name.as_str(),
            &student.preferred_name,
            &student.family_name,
            &student.upn,
            &student.form_group,
        ]);
        Self {
            student,
            text,
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
            && filters.caseload.accepts(&self.mentors, me)
            && search.matches(&self.text)
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

        let mut group_choices: Vec<Choice<EntityId>> = live::<records::TeachingGroup>(groups)
            .map(|(id, group)| Choice {
                value: id,
                label: group.name,
            })
            .collect();
        sort_stable(&mut group_choices, &|a, b| natural_cmp(&a.label, &b.label));
        let known_groups: HashSet<EntityId> = group_choices.iter().map(|g| g.value).collect();

        let mut groups_of: HashMap<EntityId, Vec<EntityId>> = HashMap::new();
        for (_, membership) in live::<records::GroupMembership>(memberships) {
            if membership.member_kind == "student" && known_groups.contains(&membership.group_id) {
                groups_of
                    .entry(membership.member_id)
                    .or_default()
                    .push(membership.group_id);
            }
        }

        let mut mentors_of: HashMap<EntityId, Vec<EntityId>> = HashMap::new();
        let mut mentor_ids = BTreeSet::new();
        for (_, assignment) in live::<records::CaseloadAssignment>(assignments) {
            if on_roster.contains(&assignment.student_id) {
                mentors_of
                    .entry(assignment.student_id)
                    .or_default()
                    .push(assignment.mentor_id);
                mentor_ids.insert(assignment.mentor_id);
            }
        }
        let names: HashMap<EntityId, String> = live::<records::Staff>(staff)
            .map(|(id, member)| (id, member.display_name))
            .collect();
        let mut mentors: Vec<Choice<EntityId>> = mentor_ids
            .into_iter()
            .map(|mentor| Choice {
                value: mentor,
                label: names
                    .get(&mentor)
                    .map_or("Unnamed mentor", String::as_str)
                    .to_owned(),
            })
            .collect();
        sort_stable(&mut mentors, &|a, b| natural_cmp(&a.label, &b.label));

        // Inserted one by one: collecting into a set would compile a sort of its own.
        let mut years = BTreeSet::new();
        for year in students.iter().filter_map(|s| s.year_group) {
            years.insert(year);
        }
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
#[path = "roster_tests.rs"]
mod tests;

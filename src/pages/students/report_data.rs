//! A student's progress report for a period, gathered on the device from what it holds
//! (the profile's records): the targets worked on and their reviews, the mentoring sessions
//! and what the student said in their own words, the tracking charts, what helps (the
//! Passport's strategies and how often lesson notes found them helping), and the mentor's
//! summary; and the same as CSV rows for the MIS.

use std::collections::BTreeMap;

use mentor_core::ids::EntityId;
use mentor_core::records::{MentoringAction, ProgressSummary, TargetReview};

use super::profile_data::Profile;
use super::profile_targets::{TargetView, area_words, status_words};
use super::profile_tracking::TrackingView;
use crate::client::interventions::{Outcome, written_score};
use crate::client::targets::score_words;
use crate::pages::csv_text::push_row;
use crate::pages::{ProgrammeView, day_of};

/// A target as the report shows it: only the reviews made in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportTarget {
    pub text: String,
    pub area: &'static str,
    pub status: &'static str,
    pub starts_on: String,
    pub reviews: Vec<TargetReview>,
}

/// What helped, from the Passport and the lesson notes of the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportStrategy {
    pub text: String,
    /// Lesson notes of the period that used it and found it helped (or partly).
    pub helped: usize,
    /// Lesson notes of the period that used it.
    pub used: usize,
}

/// A programme the student was on, with their scores and attendance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportIntervention {
    pub name: String,
    /// The programme's measure, as stored (`"reading_age"`).
    pub measure: String,
    pub outcome: Outcome,
}

impl ReportIntervention {
    /// A score as people write it ("9:06" for a reading age), if recorded.
    pub fn score(&self, score: Option<i64>) -> Option<String> {
        score.map(|n| written_score(&self.measure, n))
    }
}

/// Everything a progress report shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    pub name: String,
    pub year_and_form: String,
    pub upn: String,
    /// `YYYY-MM-DD`, both days included.
    pub from: String,
    pub to: String,
    pub targets: Vec<ReportTarget>,
    pub sessions: usize,
    pub minutes: u32,
    /// Topics of the period's sessions, the most discussed first.
    pub topics: Vec<(String, usize)>,
    /// The student's words: the day and what they said, oldest first.
    pub words: Vec<(String, String)>,
    /// Their own words in the Learning Passport.
    pub voice: Option<String>,
    /// Actions agreed in the period's sessions, with whose they are.
    pub actions: Vec<(MentoringAction, String)>,
    pub tracking: Vec<TrackingView>,
    pub strategies: Vec<ReportStrategy>,
    pub interventions: Vec<ReportIntervention>,
    /// The school's names of a review score's points, −2 to +2.
    pub score_names: Vec<String>,
    /// The summary written for this period, and its id.
    pub summary: Option<(EntityId, ProgressSummary)>,
}

/// `profile`'s report for `from` to `to`, both days included, with the `programmes` the
/// student is on that started by its end.
pub fn build_report(
    profile: &Profile,
    programmes: &[ProgrammeView],
    from: &str,
    to: &str,
) -> Report {
    let within = |day: &str| from <= day && day <= to;
    let Some(student) = &profile.student else {
        return Report::default();
    };
    let targets = profile
        .targets
        .iter()
        .filter(|view| worked_on(view, from, to))
        .map(|view| ReportTarget {
            text: view.target.text.clone(),
            area: area_words(&view.target.area),
            status: status_words(&view.target.status),
            starts_on: view.target.starts_on.clone(),
            reviews: view
                .reviews
                .iter()
                .filter(|review| within(&review.reviewed_on))
                .cloned()
                .collect(),
        })
        .collect();
    let sessions: Vec<_> = profile
        .sessions
        .iter()
        .filter(|view| within(&view.session.held_on))
        .collect();
    let mut topics: BTreeMap<&str, usize> = BTreeMap::new();
    for view in &sessions {
        for topic in &view.session.topics {
            *topics.entry(topic).or_default() += 1;
        }
    }
    let mut topics: Vec<(String, usize)> = topics
        .into_iter()
        .map(|(topic, count)| (topic.to_owned(), count))
        .collect();
    topics.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut words: Vec<(String, String)> = sessions
        .iter()
        .filter_map(|view| {
            let said = view.session.student_words.clone()?;
            Some((view.session.held_on.clone(), said))
        })
        .collect();
    words.sort();
    let actions = sessions
        .iter()
        .flat_map(|view| view.actions.iter())
        .map(|view| (view.action.clone(), view.owner.clone()))
        .collect();
    let tracking = profile
        .tracking
        .iter()
        .map(|view| TrackingView {
            levels: view
                .levels
                .iter()
                .filter(|(day, _)| within(day))
                .cloned()
                .collect(),
            ..view.clone()
        })
        .filter(|view| !view.levels.is_empty())
        .collect();
    let strategies = profile
        .strategies
        .iter()
        .map(|item| {
            let used: Vec<_> = profile
                .notes
                .iter()
                .filter(|view| {
                    view.note.strategy_id == Some(item.id) && within(&day_of(view.note.recorded_at))
                })
                .collect();
            ReportStrategy {
                text: item.text.clone(),
                helped: used
                    .iter()
                    .filter(|view| {
                        matches!(view.note.strategy_helped.as_deref(), Some("yes" | "partly"))
                    })
                    .count(),
                used: used.len(),
            }
        })
        .collect();
    let interventions = programmes
        .iter()
        .filter(|view| view.programme.starts_on.as_str() <= to)
        .filter_map(|view| {
            let row = view.rows.iter().find(|row| row.id == student.id)?;
            Some(ReportIntervention {
                name: view.programme.name.clone(),
                measure: view.programme.measure.clone(),
                outcome: row.outcome.clone(),
            })
        })
        .collect();
    Report {
        name: student.shown_name(),
        year_and_form: student.year_and_form(),
        upn: student.upn.clone(),
        from: from.to_owned(),
        to: to.to_owned(),
        targets,
        sessions: sessions.len(),
        minutes: sessions
            .iter()
            .map(|view| u32::from(view.session.minutes))
            .sum(),
        topics,
        words,
        voice: profile.voice.as_ref().map(|item| item.text.clone()),
        actions,
        tracking,
        strategies,
        interventions,
        score_names: profile.score_names.clone(),
        summary: profile
            .summaries
            .iter()
            .rev()
            .find(|(_, summary)| summary.period_from == from && summary.period_to == to)
            .cloned(),
    }
}

/// True if a target was being worked on in the period: set by its end, and still open, or
/// set or reviewed in it.
fn worked_on(view: &TargetView, from: &str, to: &str) -> bool {
    let target = &view.target;
    target.starts_on.as_str() <= to
        && (matches!(target.status.as_str(), "open" | "carried_on")
            || target.starts_on.as_str() >= from
            || view
                .reviews
                .iter()
                .any(|review| review.reviewed_on.as_str() >= from))
}

/// The report as CSV for the MIS: one row per item, with the student's UPN and name on
/// each, so rows from several reports can be pasted together.
pub fn report_csv(report: &Report) -> String {
    let mut out = String::new();
    push_row(
        &mut out,
        ["UPN", "Student", "Section", "Date", "Item", "Value"].map(str::to_owned),
    );
    let mut row = |section: &str, date: &str, item: &str, value: String| {
        push_row(
            &mut out,
            [
                report.upn.clone(),
                report.name.clone(),
                section.to_owned(),
                date.to_owned(),
                item.to_owned(),
                value,
            ],
        );
    };
    for target in &report.targets {
        row(
            "Target",
            &target.starts_on,
            &target.text,
            target.status.to_owned(),
        );
        for review in &target.reviews {
            row(
                "Target review",
                &review.reviewed_on,
                &target.text,
                score_for_csv(review.score, &report.score_names),
            );
        }
    }
    row(
        "Mentoring",
        &report.to,
        "Sessions",
        format!("{} sessions, {} minutes", report.sessions, report.minutes),
    );
    for view in &report.tracking {
        for (day, level) in &view.levels {
            let item = format!("{} · {}", view.scale.name, view.subject);
            row("Tracking", day, &item, view.scale.label(*level));
        }
    }
    for (day, said) in &report.words {
        row("In their words", day, "", said.clone());
    }
    for view in &report.interventions {
        row(
            "Intervention entry",
            &report.from,
            &view.name,
            view.score(view.outcome.entry).unwrap_or_default(),
        );
        row(
            "Intervention exit",
            &report.to,
            &view.name,
            view.score(view.outcome.exit).unwrap_or_default(),
        );
        row(
            "Intervention attendance",
            &report.to,
            &view.name,
            format!("{} of {}", view.outcome.attended, view.outcome.held),
        );
    }
    if let Some((_, summary)) = &report.summary {
        row("Summary", &report.to, "", summary.text.clone());
    }
    out
}

/// A score as a CSV cell: the words first ("Better (+1)"), so a spreadsheet never reads
/// the sign as the start of a formula.
fn score_for_csv(score: i8, names: &[String]) -> String {
    let said = score_words(i64::from(score), names);
    let (number, words) = said.split_once(' ').unwrap_or(("", ""));
    format!("{words} ({number})")
}

#[cfg(test)]
mod tests {
    use mentor_core::records::{MentoringSession, Target, TrackingScale};

    use super::*;
    use crate::pages::students::profile_sessions::SessionView;
    use crate::pages::students::student_details::StudentDetails;

    fn id(n: u8) -> EntityId {
        EntityId::from_time_and_random(u64::from(n), [n; 10]).unwrap()
    }

    fn target(text: &str, starts_on: &str, status: &str) -> Target {
        Target {
            student_id: id(1),
            text: text.to_owned(),
            area: "academic".to_owned(),
            starts_on: starts_on.to_owned(),
            review_on: "2026-12-01".to_owned(),
            set_by: id(2),
            success_criteria: None,
            strategy_id: None,
            ehcp_outcome: None,
            status: status.to_owned(),
        }
    }

    fn review(on: &str, score: i8) -> TargetReview {
        TargetReview {
            target_id: id(10),
            student_id: id(1),
            reviewed_on: on.to_owned(),
            score,
            comment: None,
            outcome: "carried_on".to_owned(),
            reviewed_by: id(2),
        }
    }

    fn session(on: &str, words: &str) -> SessionView {
        SessionView {
            id: id(20),
            session: MentoringSession {
                student_id: id(1),
                held_on: on.to_owned(),
                held_by: id(2),
                minutes: 20,
                topics: vec!["Homework".to_owned()],
                discussed: None,
                student_words: Some(words.to_owned()),
                next_on: None,
                occasion_id: None,
            },
            held_by: "Morgan".to_owned(),
            with: Vec::new(),
            actions: Vec::new(),
        }
    }

    fn profile() -> Profile {
        Profile {
            student: Some(StudentDetails {
                id: id(1),
                given_name: "Rowan".to_owned(),
                family_name: "Testfield".to_owned(),
                preferred_name: String::new(),
                year_group: Some(8),
                form_group: "8C".to_owned(),
                upn: "A123456789012".to_owned(),
                pronouns: String::new(),
                send_status: String::new(),
            }),
            targets: vec![
                TargetView {
                    id: id(10),
                    target: target("Hand homework in on time", "2026-09-07", "carried_on"),
                    reviews: vec![review("2026-08-01", -1), review("2026-10-12", 2)],
                },
                TargetView {
                    id: id(11),
                    target: target("Met long ago", "2025-01-01", "met"),
                    reviews: Vec::new(),
                },
            ],
            sessions: vec![
                session("2026-10-01", "It is easier now"),
                session("2026-06-01", "Too early"),
            ],
            tracking: vec![TrackingView {
                scale: TrackingScale {
                    name: "Effort".to_owned(),
                    points: vec!["Low".to_owned(), "High".to_owned()],
                },
                subject: "Maths".to_owned(),
                levels: vec![("2026-05-01".to_owned(), 1), ("2026-10-05".to_owned(), 2)],
            }],
            score_names: mentor_core::records::SchoolSettings::default().score_names(),
            ..Profile::default()
        }
    }

    #[test]
    fn the_report_holds_what_was_worked_on_in_the_period_and_nothing_older() {
        let report = build_report(&profile(), &[], "2026-09-01", "2026-12-18");
        assert_eq!(report.name, "Rowan Testfield");
        assert_eq!(
            report.targets.len(),
            1,
            "the target met long ago is left out"
        );
        assert_eq!(report.targets[0].reviews, vec![review("2026-10-12", 2)]);
        assert_eq!(report.sessions, 1);
        assert_eq!(report.minutes, 20);
        assert_eq!(report.topics, vec![("Homework".to_owned(), 1)]);
        assert_eq!(
            report.words,
            vec![("2026-10-01".to_owned(), "It is easier now".to_owned())]
        );
        assert_eq!(
            report.tracking[0].levels,
            vec![("2026-10-05".to_owned(), 2)]
        );
    }

    #[test]
    fn the_csv_has_a_row_per_item_with_the_upn_and_scores_a_spreadsheet_reads_as_text() {
        let csv = report_csv(&build_report(&profile(), &[], "2026-09-01", "2026-12-18"));
        let rows: Vec<&str> = csv.lines().collect();
        assert_eq!(rows[0], "UPN,Student,Section,Date,Item,Value");
        assert!(rows.contains(
            &"A123456789012,Rowan Testfield,Target review,2026-10-12,Hand homework in on time,Much better (+2)"
        ));
        assert!(
            rows.contains(&"A123456789012,Rowan Testfield,Tracking,2026-10-05,Effort · Maths,High")
        );
        assert!(rows.contains(
            &"A123456789012,Rowan Testfield,In their words,2026-10-01,,It is easier now"
        ));
    }
}

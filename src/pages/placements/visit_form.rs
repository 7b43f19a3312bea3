//! The visit log's checklist as typed: filled from the stored visit, and the fields that
//! differ from it as an op's field map (a cleared field as `null`).

use std::collections::BTreeMap;

use leptos::prelude::*;
use mentor_core::records::PlacementVisit;
use serde_json::{Value, json};

/// One yes-or-no question of the checklist: (field, question).
pub const QUESTIONS: [(&str, &str); 4] = [
    ("learner_present", "Learner present"),
    ("induction_done", "Health-and-safety induction done"),
    ("knows_who_to_report_to", "Learner knows whom to report to"),
    ("tasks_appropriate", "Tasks are appropriate"),
];

/// The paragraphs: (field, label).
pub const PARAGRAPHS: [(&str, &str); 5] = [
    ("wellbeing", "Wellbeing"),
    ("attendance", "Attendance and punctuality so far"),
    ("employer_feedback", "Employer's feedback"),
    ("learner_words", "In the learner's own words"),
    ("concerns", "Concerns raised"),
];

/// The checklist's fields. Cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct VisitForm {
    pub answers: [RwSignal<bool>; 4],
    pub paragraphs: [RwSignal<String>; 5],
    pub wellbeing_rating: RwSignal<Option<u8>>,
    pub employer_rating: RwSignal<Option<u8>>,
    pub acknowledged_by: RwSignal<String>,
}

impl VisitForm {
    pub fn new() -> Self {
        Self {
            answers: std::array::from_fn(|_| RwSignal::new(false)),
            paragraphs: std::array::from_fn(|_| RwSignal::new(String::new())),
            wellbeing_rating: RwSignal::new(None),
            employer_rating: RwSignal::new(None),
            acknowledged_by: RwSignal::new(String::new()),
        }
    }

    pub fn fill(&self, visit: &PlacementVisit) {
        let stored = answers(visit);
        for (signal, value) in self.answers.iter().zip(stored) {
            signal.set(value.unwrap_or(false));
        }
        for (signal, value) in self.paragraphs.iter().zip(paragraphs(visit)) {
            signal.set(value.unwrap_or_default());
        }
        self.wellbeing_rating.set(visit.wellbeing_rating);
        self.employer_rating.set(visit.employer_rating);
        self.acknowledged_by
            .set(visit.acknowledged_by.clone().unwrap_or_default());
    }

    /// The fields that differ from `visit`.
    pub fn changes_from(&self, visit: &PlacementVisit) -> BTreeMap<String, Value> {
        let mut changes = BTreeMap::new();
        for ((field, _), (signal, stored)) in QUESTIONS
            .iter()
            .zip(self.answers.iter().zip(answers(visit)))
        {
            let now = signal.get_untracked();
            if stored.unwrap_or(false) != now {
                changes.insert((*field).to_owned(), json!(now));
            }
        }
        let mut text = |field: &str, typed: String, stored: Option<String>| {
            let typed = typed.trim().to_owned();
            if typed != stored.unwrap_or_default() {
                let value = if typed.is_empty() {
                    Value::Null
                } else {
                    json!(typed)
                };
                changes.insert(field.to_owned(), value);
            }
        };
        for ((field, _), (signal, stored)) in PARAGRAPHS
            .iter()
            .zip(self.paragraphs.iter().zip(paragraphs(visit)))
        {
            text(field, signal.get_untracked(), stored);
        }
        text(
            "acknowledged_by",
            self.acknowledged_by.get_untracked(),
            visit.acknowledged_by.clone(),
        );
        for (field, signal, stored) in [
            (
                "wellbeing_rating",
                self.wellbeing_rating,
                visit.wellbeing_rating,
            ),
            (
                "employer_rating",
                self.employer_rating,
                visit.employer_rating,
            ),
        ] {
            let now = signal.get_untracked();
            if now != stored {
                changes.insert(field.to_owned(), now.map_or(Value::Null, |r| json!(r)));
            }
        }
        changes
    }
}

fn answers(visit: &PlacementVisit) -> [Option<bool>; 4] {
    [
        visit.learner_present,
        visit.induction_done,
        visit.knows_who_to_report_to,
        visit.tasks_appropriate,
    ]
}

fn paragraphs(visit: &PlacementVisit) -> [Option<String>; 5] {
    [
        visit.wellbeing.clone(),
        visit.attendance.clone(),
        visit.employer_feedback.clone(),
        visit.learner_words.clone(),
        visit.concerns.clone(),
    ]
}

/// Five radio buttons for a 1–5 rating, with "Not rated".
pub fn rating_choice(
    legend: &'static str,
    name: &'static str,
    value: RwSignal<Option<u8>>,
    touched: impl Fn() + Copy + 'static,
) -> impl IntoView {
    view! {
        <fieldset class="engagement">
            <legend>{legend}</legend>
            {(1..=5u8).map(|level| view! {
                <label class="check">
                    <input type="radio" name=name prop:checked=move || value.get() == Some(level)
                        on:change=move |_| { value.set(Some(level)); touched(); }/>
                    {level.to_string()}
                </label>
            }).collect_view()}
        </fieldset>
    }
}

//! Intervention programmes: setting one up (the coordinator), recording a student's entry
//! and exit scores (the lead), and what the programme page shows — each student's change
//! and share of sessions attended, and the group's median change and how many improved.
//! Each check a person could get wrong is made here, with a sentence for the form.

use std::collections::BTreeMap;

use mentor_core::entity::intervention_score_id;
use mentor_core::kinds::{Bound, MEASURE_RANGE, MEASURES, SCORE_BOUNDS};
use mentor_core::records::{Intervention, TrackingScale};
use mentor_core::validation::is_date;
use mentor_core::{Edit, EntityId, EntityKind};
use serde_json::{Value, json};

use super::edit::typed;

/// A programme, as typed: numbers as text, ids as text (empty until chosen).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProgrammeForm {
    pub group: String,
    pub name: String,
    pub lead: String,
    pub planned_sessions: String,
    pub measure: String,
    pub measure_min: String,
    pub measure_max: String,
    pub scale: String,
    pub starts_on: String,
}

/// The measure a reading age is stored in: whole months, written `years:months` (`9:06`).
const READING_AGE: &str = "reading_age";

/// A measure in words, as forms and the programme page show it.
pub fn measure_words(measure: &str) -> &'static str {
    match measure {
        READING_AGE => "Reading age (years:months)",
        "standardised" => "Standardised score",
        "scale" => "A school tracking scale",
        _ => "Score",
    }
}

/// A score on `measure` as people write it: a reading age as `years:months` (`9:06`), any
/// other as its number.
pub fn written_score(measure: &str, score: i64) -> String {
    if measure == READING_AGE {
        let sign = if score < 0 { "−" } else { "" };
        let months = score.unsigned_abs();
        format!("{sign}{}:{:02}", months / 12, months % 12)
    } else {
        score.to_string()
    }
}

/// A change on `measure` in words: "+8", or "+8 months" for a reading age.
pub fn measure_change_words(measure: &str, change: f64) -> String {
    let words = change_words(change);
    if measure == READING_AGE {
        format!("{words} months")
    } else {
        words
    }
}

/// A score on `measure` as typed, or `None` if it is not one: a reading age as
/// `years:months` (`9:06`, `9:6`), as years and months (`9y 6m`) or as whole years (`9`);
/// any other as a whole number.
pub fn parse_score(measure: &str, text: &str) -> Option<i64> {
    let text = text.trim();
    if measure != READING_AGE {
        return text.parse().ok();
    }
    let (years, months) = if let Some((years, months)) = text.split_once(':') {
        (years.trim(), months.trim())
    } else if let Some((years, rest)) = text.split_once(['y', 'Y']) {
        let months = rest.trim().trim_end_matches(['m', 'M']).trim();
        (years.trim(), if months.is_empty() { "0" } else { months })
    } else {
        (text, "0")
    };
    let years: i64 = years.parse().ok()?;
    let months: i64 = months.parse().ok().filter(|m| (0..12).contains(m))?;
    (0..=99).contains(&years).then_some(years * 12 + months)
}

/// What a score on `measure` is called in a form's labels ("Entry score", "Lowest reading
/// age (years:months)"), and the keyboard its box asks for: digits, or text for a reading
/// age's colon.
pub fn score_box(measure: &str) -> (&'static str, &'static str) {
    if measure == READING_AGE {
        ("reading age (years:months)", "text")
    } else {
        ("score", "numeric")
    }
}

/// The lowest and highest scores a new programme's form starts with for `measure`.
pub fn measure_defaults(measure: &str) -> (String, String) {
    match measure {
        READING_AGE => ("5:00".to_owned(), "16:00".to_owned()),
        "standardised" => ("70".to_owned(), "140".to_owned()),
        _ => ("0".to_owned(), "100".to_owned()),
    }
}

/// The edit that sets programme `id` up, a scale's range from `scales`.
///
/// # Errors
/// The first thing to put right, in words.
pub fn new_programme(
    id: EntityId,
    form: &ProgrammeForm,
    scales: &[(EntityId, TrackingScale)],
) -> Result<Edit, String> {
    let group: EntityId = form
        .group
        .parse()
        .map_err(|_| "Choose the programme's group.")?;
    let details = details(form)?;
    if !MEASURES.contains(&form.measure.as_str()) {
        return Err("Choose what the programme measures.".to_owned());
    }
    let mut fields = BTreeMap::new();
    let (least, most) = if form.measure == "scale" {
        let scale: EntityId = form.scale.parse().map_err(|_| "Choose the scale.")?;
        let points = scales
            .iter()
            .find(|(id, _)| *id == scale)
            .map(|(_, scale)| scale.points.len())
            .ok_or("Choose the scale.")?;
        fields.insert("scale_id".to_owned(), json!(scale.to_string()));
        (1, i64::try_from(points).unwrap_or(1))
    } else {
        let number = |text: &str| {
            parse_score(&form.measure, text)
                .filter(|n| (MEASURE_RANGE.0..=MEASURE_RANGE.1).contains(n))
        };
        let (Some(least), Some(most)) = (number(&form.measure_min), number(&form.measure_max))
        else {
            return Err("Enter the lowest and highest scores the measure allows.".to_owned());
        };
        if least >= most {
            return Err("The highest score must be above the lowest.".to_owned());
        }
        (least, most)
    };
    fields.insert("group_id".to_owned(), json!(group.to_string()));
    fields.extend(details);
    fields.insert("measure".to_owned(), json!(form.measure));
    fields.insert("measure_min".to_owned(), json!(least));
    fields.insert("measure_max".to_owned(), json!(most));
    let edit = Edit::create(EntityKind::Intervention, id, fields);
    edit.validate().map_err(|error| error.to_string())?;
    Ok(edit)
}

/// What may change once a programme is set up: its name, lead, planned sessions and start
/// day, checked, as fields. Its group and measure stay, so its scores keep their meaning.
fn details(form: &ProgrammeForm) -> Result<BTreeMap<String, Value>, String> {
    let name = typed(&form.name).ok_or("Name the programme.")?;
    let lead: EntityId = form.lead.parse().map_err(|_| "Choose who leads it.")?;
    let planned: i64 = form
        .planned_sessions
        .trim()
        .parse()
        .ok()
        .filter(|n| (1..=200).contains(n))
        .ok_or("Enter how many sessions are planned: 1 to 200.")?;
    if !is_date(&form.starts_on) {
        return Err("Enter the day the programme starts.".to_owned());
    }
    Ok(BTreeMap::from([
        ("name".to_owned(), json!(name)),
        ("lead_id".to_owned(), json!(lead.to_string())),
        ("planned_sessions".to_owned(), json!(planned)),
        ("starts_on".to_owned(), json!(form.starts_on)),
    ]))
}

/// The form for editing `programme`, filled in with what it holds now.
pub fn programme_form(programme: &Intervention) -> ProgrammeForm {
    ProgrammeForm {
        group: programme.group_id.to_string(),
        name: programme.name.clone(),
        lead: programme.lead_id.to_string(),
        planned_sessions: programme.planned_sessions.to_string(),
        measure: programme.measure.clone(),
        measure_min: programme.measure_min.to_string(),
        measure_max: programme.measure_max.to_string(),
        scale: programme
            .scale_id
            .map(|scale| scale.to_string())
            .unwrap_or_default(),
        starts_on: programme.starts_on.clone(),
    }
}

/// The fields of `programme` that `form` changes (empty when it changes nothing).
///
/// # Errors
/// The first thing to put right, in words, as when setting one up.
pub fn programme_changes(
    programme: &Intervention,
    form: &ProgrammeForm,
) -> Result<BTreeMap<String, Value>, String> {
    let before = details(&programme_form(programme))?;
    let mut after = details(form)?;
    after.retain(|name, value| before.get(name) != Some(value));
    Ok(after)
}

/// The edit that records `student`'s `entry` and `exit` scores (as typed; blank leaves a
/// score unrecorded) on `programme` (its id `programme_id`): a create the first time, an
/// update after (`exists`).
///
/// # Errors
/// A score that is not a whole number, or outside the measure's range, in words.
pub fn record_scores(
    programme_id: EntityId,
    programme: &Intervention,
    student: EntityId,
    entry: &str,
    exit: &str,
    exists: bool,
) -> Result<Edit, String> {
    let (least, most) = (programme.measure_min, programme.measure_max);
    let measure = programme.measure.as_str();
    // The server holds the scores within the same bounds, in the same words; a reading age
    // is said as people write it.
    let out_of_range = |bound: &Bound| {
        if measure == READING_AGE {
            format!(
                "The {} reading age must be years:months from {} to {}.",
                bound.field,
                written_score(measure, least),
                written_score(measure, most)
            )
        } else {
            bound.words_for(least, most)
        }
    };
    let mut fields = BTreeMap::new();
    for (bound, text) in SCORE_BOUNDS.iter().zip([entry, exit]) {
        let value = match typed(text) {
            None => Value::Null,
            Some(text) => parse_score(measure, &text)
                .filter(|n| (least..=most).contains(n))
                .map(|n| json!(n))
                .ok_or_else(|| out_of_range(bound))?,
        };
        fields.insert(bound.field.to_owned(), value);
    }
    let id = intervention_score_id(programme_id, student);
    let edit = if exists {
        Edit::update(EntityKind::InterventionScore, id, fields)
    } else {
        fields.retain(|_, value| !value.is_null());
        fields.insert(
            "intervention_id".to_owned(),
            json!(programme_id.to_string()),
        );
        fields.insert("student_id".to_owned(), json!(student.to_string()));
        fields.insert("group_id".to_owned(), json!(programme.group_id.to_string()));
        Edit::create(EntityKind::InterventionScore, id, fields)
    };
    edit.validate().map_err(|error| error.to_string())?;
    Ok(edit)
}

/// One student's outcome on a programme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub entry: Option<i64>,
    pub exit: Option<i64>,
    /// Sessions (registers) they attended, of those held.
    pub attended: usize,
    pub held: usize,
}

impl Outcome {
    /// Exit less entry, once both are recorded.
    pub fn change(&self) -> Option<i64> {
        Some(self.exit? - self.entry?)
    }

    /// The share of sessions attended, as a whole percentage; `None` before any is held.
    pub fn attendance_percent(&self) -> Option<usize> {
        (self.held > 0).then(|| (self.attended * 100 + self.held / 2) / self.held)
    }
}

/// The group's result: the median change and how many of those with both scores improved.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GroupResult {
    pub median_change: Option<f64>,
    pub improved: usize,
    pub measured: usize,
}

/// The group's result over `outcomes`.
pub fn group_result(outcomes: &[Outcome]) -> GroupResult {
    let mut changes: Vec<i64> = outcomes.iter().filter_map(Outcome::change).collect();
    changes.sort_unstable();
    let middle = changes.len() / 2;
    #[allow(clippy::cast_precision_loss)] // scores are at most ±1000
    let median_change = match changes.len() {
        0 => None,
        n if n % 2 == 1 => Some(changes[middle] as f64),
        _ => Some((changes[middle - 1] + changes[middle]) as f64 / 2.0),
    };
    GroupResult {
        median_change,
        improved: changes.iter().filter(|change| **change > 0).count(),
        measured: changes.len(),
    }
}

/// A change as the page shows it: "+4", "−2", "0", "+2.5".
pub fn change_words(change: f64) -> String {
    let text = if change.fract() == 0.0 {
        format!("{}", change.abs())
    } else {
        format!("{:.1}", change.abs())
    };
    if change > 0.0 {
        format!("+{text}")
    } else if change < 0.0 {
        format!("−{text}")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u8) -> EntityId {
        EntityId::from_time_and_random(u64::from(n), [n; 10]).unwrap()
    }

    fn programme() -> Intervention {
        Intervention {
            group_id: id(2),
            name: "Year 7 Numeracy Catch-Up".to_owned(),
            lead_id: id(3),
            planned_sessions: 6,
            measure: "standardised".to_owned(),
            measure_min: 70,
            measure_max: 140,
            scale_id: None,
            starts_on: "2026-11-02".to_owned(),
        }
    }

    fn outcome(entry: Option<i64>, exit: Option<i64>, attended: usize) -> Outcome {
        Outcome {
            entry,
            exit,
            attended,
            held: 6,
        }
    }

    #[test]
    fn a_reading_age_is_typed_and_shown_as_years_and_months() {
        for (typed, months) in [
            ("9:06", 114),
            ("9:6", 114),
            ("9y 6m", 114),
            ("9Y6M", 114),
            ("10", 120),
            ("7y", 84),
        ] {
            assert_eq!(parse_score("reading_age", typed), Some(months), "{typed}");
        }
        for wrong in ["9:12", "nine", "9:", "-1:00", ""] {
            assert_eq!(parse_score("reading_age", wrong), None, "{wrong}");
        }
        assert_eq!(parse_score("standardised", "9:06"), None);
        assert_eq!(written_score("reading_age", 114), "9:06");
        assert_eq!(written_score("reading_age", 120), "10:00");
        assert_eq!(written_score("standardised", 114), "114");
        assert_eq!(measure_change_words("reading_age", 8.0), "+8 months");

        let mut reading = programme();
        reading.measure = "reading_age".to_owned();
        reading.measure_min = 60;
        reading.measure_max = 192;
        let edit = record_scores(id(1), &reading, id(4), "8:03", "9y 1m", false).unwrap();
        assert_eq!(edit.fields["entry"], json!(99));
        assert_eq!(edit.fields["exit"], json!(109));
        assert_eq!(
            record_scores(id(1), &reading, id(4), "8:03", "17:00", false).unwrap_err(),
            "The exit reading age must be years:months from 5:00 to 16:00."
        );
    }

    #[test]
    fn an_edit_changes_only_what_was_changed_and_names_a_mistake() {
        let before = programme();
        let mut form = programme_form(&before);
        assert_eq!(programme_changes(&before, &form), Ok(BTreeMap::new()));
        form.planned_sessions = "8".to_owned();
        form.lead = id(5).to_string();
        // The measure is not the edit's to change.
        form.measure_max = "150".to_owned();
        let changes = programme_changes(&before, &form).unwrap();
        assert_eq!(
            changes,
            BTreeMap::from([
                ("lead_id".to_owned(), json!(id(5).to_string())),
                ("planned_sessions".to_owned(), json!(8)),
            ])
        );
        form.planned_sessions = "0".to_owned();
        assert_eq!(
            programme_changes(&before, &form).unwrap_err(),
            "Enter how many sessions are planned: 1 to 200."
        );
    }

    #[test]
    fn a_score_outside_the_measure_is_refused_and_a_blank_one_left_out() {
        let edit = record_scores(id(1), &programme(), id(4), "84", "", false).unwrap();
        assert_eq!(edit.fields["entry"], json!(84));
        assert!(!edit.fields.contains_key("exit"));
        assert_eq!(edit.entity_id, intervention_score_id(id(1), id(4)));
        assert_eq!(
            record_scores(id(1), &programme(), id(4), "84", "150", true).unwrap_err(),
            "The exit score must be a whole number from 70 to 140."
        );
        let later = record_scores(id(1), &programme(), id(4), "84", "", true).unwrap();
        assert_eq!(later.fields["exit"], Value::Null, "an update clears it");
    }

    #[test]
    fn the_group_median_and_attendance_are_worked_out_from_both_scores() {
        let outcomes = [
            outcome(Some(80), Some(88), 6),
            outcome(Some(90), Some(89), 5),
            outcome(Some(75), Some(81), 4),
            outcome(Some(70), Some(74), 3),
            outcome(Some(85), None, 1),
        ];
        let result = group_result(&outcomes);
        // Changes 8, −1, 6, 4: median (4 + 6) / 2.
        assert_eq!(result.median_change, Some(5.0));
        assert_eq!((result.improved, result.measured), (3, 4));
        assert_eq!(outcomes[1].attendance_percent(), Some(83));
        assert_eq!(outcomes[4].attendance_percent(), Some(17));
        assert_eq!(change_words(5.0), "+5");
        assert_eq!(change_words(-2.5), "−2.5");
        assert_eq!(group_result(&outcomes[..3]).median_change, Some(6.0));
    }

    #[test]
    fn a_programme_needs_its_group_lead_sessions_and_a_range() {
        let form = ProgrammeForm {
            group: id(2).to_string(),
            name: "Year 7 Numeracy Catch-Up".to_owned(),
            lead: id(3).to_string(),
            planned_sessions: "6".to_owned(),
            measure: "standardised".to_owned(),
            measure_min: "70".to_owned(),
            measure_max: "140".to_owned(),
            starts_on: "2026-11-02".to_owned(),
            ..ProgrammeForm::default()
        };
        assert!(new_programme(id(1), &form, &[]).is_ok());
        let upside_down = ProgrammeForm {
            measure_min: "140".to_owned(),
            measure_max: "70".to_owned(),
            ..form.clone()
        };
        assert_eq!(
            new_programme(id(1), &upside_down, &[]).unwrap_err(),
            "The highest score must be above the lowest."
        );
        let scale = TrackingScale {
            name: "Effort".to_owned(),
            points: vec!["Low".to_owned(), "Mid".to_owned(), "High".to_owned()],
        };
        let on_scale = ProgrammeForm {
            measure: "scale".to_owned(),
            scale: id(9).to_string(),
            ..form
        };
        let edit = new_programme(id(1), &on_scale, &[(id(9), scale)]).unwrap();
        assert_eq!(
            (&edit.fields["measure_min"], &edit.fields["measure_max"]),
            (&json!(1), &json!(3))
        );
    }
}

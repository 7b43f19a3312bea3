//! The edits of a student's targets: setting one, and reviewing it with a score. Each check
//! a person could get wrong is made here, with a sentence for the form, before anything is
//! saved; a review and the target's new status are saved together (`AppClient::save_all`),
//! so neither is saved without the other.

use std::collections::BTreeMap;

use mentor_core::kinds::{REVIEW_SCORE, TARGET_AREAS};
use mentor_core::records::Target;
use mentor_core::validation::is_date;
use mentor_core::{Edit, EntityId, EntityKind};
use serde_json::json;

use super::edit::typed;

/// A new target, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TargetForm {
    pub text: String,
    pub area: String,
    pub starts_on: String,
    pub review_on: String,
    pub success_criteria: String,
    pub strategy: Option<EntityId>,
    pub ehcp_outcome: String,
}

/// A review, as typed: the score as chosen ("-2" … "2"), a comment, and the outcome.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReviewForm {
    pub reviewed_on: String,
    pub score: String,
    pub comment: String,
    pub outcome: String,
    /// When a carried-on target is next reviewed; blank keeps its review date.
    pub next_review_on: String,
}

/// The edit that sets target `id` for `student`, set by `by`.
///
/// # Errors
/// The first thing to put right, in words.
pub fn new_target(
    id: EntityId,
    student: EntityId,
    by: EntityId,
    form: &TargetForm,
) -> Result<Edit, String> {
    let text = typed(&form.text).ok_or("Write the target.")?;
    if !TARGET_AREAS.contains(&form.area.as_str()) {
        return Err("Choose what the target is about.".to_owned());
    }
    if !is_date(&form.starts_on) || !is_date(&form.review_on) {
        return Err("Enter the start date and the review date.".to_owned());
    }
    if form.review_on < form.starts_on {
        return Err("The review date cannot be before the start.".to_owned());
    }
    let mut fields = BTreeMap::new();
    fields.insert("student_id".to_owned(), json!(student.to_string()));
    fields.insert("text".to_owned(), json!(text));
    fields.insert("area".to_owned(), json!(form.area));
    fields.insert("starts_on".to_owned(), json!(form.starts_on));
    fields.insert("review_on".to_owned(), json!(form.review_on));
    fields.insert("set_by".to_owned(), json!(by.to_string()));
    fields.insert("status".to_owned(), json!("open"));
    for (name, text) in [
        ("success_criteria", &form.success_criteria),
        ("ehcp_outcome", &form.ehcp_outcome),
    ] {
        if let Some(text) = typed(text) {
            fields.insert(name.to_owned(), json!(text));
        }
    }
    if let Some(strategy) = form.strategy {
        fields.insert("strategy_id".to_owned(), json!(strategy.to_string()));
    }
    let edit = Edit::create(EntityKind::Target, id, fields);
    edit.validate().map_err(|error| error.to_string())?;
    Ok(edit)
}

/// The edits that review `target` (as stored, `target_id`) as review `id` by `by`: the
/// review, and the target's status set to the outcome.
///
/// # Errors
/// The first thing to put right, in words: no date, a date before the target's start, no
/// score, no outcome, a next review date not after this review.
pub fn review_target(
    id: EntityId,
    target_id: EntityId,
    target: &Target,
    by: EntityId,
    form: &ReviewForm,
) -> Result<Vec<Edit>, String> {
    if !is_date(&form.reviewed_on) {
        return Err("Enter the day of the review.".to_owned());
    }
    if form.reviewed_on < target.starts_on {
        return Err("A review cannot be before the target's start.".to_owned());
    }
    let score: i64 = form
        .score
        .parse()
        .ok()
        .filter(|score| (REVIEW_SCORE.0..=REVIEW_SCORE.1).contains(score))
        .ok_or("Choose a score.")?;
    if !mentor_core::kinds::REVIEW_OUTCOMES.contains(&form.outcome.as_str()) {
        return Err("Choose whether the target is carried on, met or dropped.".to_owned());
    }
    let mut fields = BTreeMap::new();
    fields.insert("target_id".to_owned(), json!(target_id.to_string()));
    fields.insert(
        "student_id".to_owned(),
        json!(target.student_id.to_string()),
    );
    fields.insert("reviewed_on".to_owned(), json!(form.reviewed_on));
    fields.insert("score".to_owned(), json!(score));
    fields.insert("outcome".to_owned(), json!(form.outcome));
    fields.insert("reviewed_by".to_owned(), json!(by.to_string()));
    if let Some(comment) = typed(&form.comment) {
        fields.insert("comment".to_owned(), json!(comment));
    }
    let review = Edit::create(EntityKind::TargetReview, id, fields);
    review.validate().map_err(|error| error.to_string())?;
    let mut status = BTreeMap::new();
    status.insert("status".to_owned(), json!(form.outcome));
    if form.outcome == "carried_on"
        && let Some(next) = typed(&form.next_review_on)
    {
        if !is_date(&next) || next <= form.reviewed_on {
            return Err("The next review must be after this one.".to_owned());
        }
        status.insert("review_on".to_owned(), json!(next));
    }
    Ok(vec![
        review,
        Edit::update(EntityKind::Target, target_id, status),
    ])
}

/// A score in words, with the school's `names` of the points from −2 to +2 (see
/// `SchoolSettings::score_names`), as the review form offers it: "+1 Better".
pub fn score_words(score: i64, names: &[String]) -> String {
    let sign = match score {
        ..0 => "−",
        0 => "",
        _ => "+",
    };
    let name = usize::try_from(score - REVIEW_SCORE.0)
        .ok()
        .and_then(|index| names.get(index))
        .map_or("", String::as_str);
    format!("{sign}{} {name}", score.abs())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u8) -> EntityId {
        EntityId::from_time_and_random(u64::from(n), [n; 10]).unwrap()
    }

    fn form() -> TargetForm {
        TargetForm {
            text: "Bring the right equipment every day".to_owned(),
            area: "independence".to_owned(),
            starts_on: "2026-11-02".to_owned(),
            review_on: "2026-12-14".to_owned(),
            ..TargetForm::default()
        }
    }

    #[test]
    fn a_target_needs_its_words_an_area_and_a_review_after_its_start() {
        assert!(new_target(id(1), id(2), id(3), &form()).is_ok());
        let blank = TargetForm {
            text: "  ".to_owned(),
            ..form()
        };
        assert_eq!(
            new_target(id(1), id(2), id(3), &blank).unwrap_err(),
            "Write the target."
        );
        let early = TargetForm {
            review_on: "2026-10-30".to_owned(),
            ..form()
        };
        assert_eq!(
            new_target(id(1), id(2), id(3), &early).unwrap_err(),
            "The review date cannot be before the start."
        );
    }

    #[test]
    fn a_review_is_saved_with_the_targets_new_status_and_never_before_its_start() {
        let edit = new_target(id(1), id(2), id(3), &form()).unwrap();
        let target: Target =
            serde_json::from_value(serde_json::to_value(&edit.fields).unwrap()).unwrap();
        let review = ReviewForm {
            reviewed_on: "2026-12-14".to_owned(),
            score: "1".to_owned(),
            comment: "Two days missed".to_owned(),
            outcome: "carried_on".to_owned(),
            next_review_on: "2027-01-18".to_owned(),
        };
        let edits = review_target(id(4), id(1), &target, id(3), &review).unwrap();
        assert_eq!(edits.len(), 2);
        assert_eq!(edits[0].fields["score"], json!(1));
        assert_eq!(edits[1].fields["status"], json!("carried_on"));
        assert_eq!(edits[1].fields["review_on"], json!("2027-01-18"));
        let same_day = ReviewForm {
            next_review_on: "2026-12-14".to_owned(),
            ..review.clone()
        };
        assert_eq!(
            review_target(id(4), id(1), &target, id(3), &same_day).unwrap_err(),
            "The next review must be after this one."
        );
        let before = ReviewForm {
            reviewed_on: "2026-10-01".to_owned(),
            ..review.clone()
        };
        assert_eq!(
            review_target(id(4), id(1), &target, id(3), &before).unwrap_err(),
            "A review cannot be before the target's start."
        );
        let unscored = ReviewForm {
            score: String::new(),
            ..review
        };
        assert_eq!(
            review_target(id(4), id(1), &target, id(3), &unscored).unwrap_err(),
            "Choose a score."
        );
    }

    #[test]
    fn a_score_is_named_as_the_school_names_it() {
        let names: Vec<String> = ["Far behind", "Behind", "Steady", "Ahead", "Far ahead"]
            .map(str::to_owned)
            .to_vec();
        assert_eq!(score_words(-2, &names), "−2 Far behind");
        assert_eq!(score_words(0, &names), "0 Steady");
        assert_eq!(score_words(1, &names), "+1 Ahead");
    }
}

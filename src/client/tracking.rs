//! The edits of the school's tracking: the administrator defining a scale, and a mentor
//! recording a student's level on one. Each check a person could get wrong is made here,
//! with a sentence for the form, before anything is saved.

use std::collections::BTreeMap;

use mentor_core::entity::FieldType;
use mentor_core::kinds::SCALE_POINTS;
use mentor_core::records::TrackingScale;
use mentor_core::validation::is_date;
use mentor_core::{Edit, EntityId, EntityKind};
use serde_json::json;

use super::edit::{typed, typed_labels};

/// A level, as typed: the subject, the day and the level chosen (1 = the lowest, as text).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LevelForm {
    pub subject: String,
    pub recorded_on: String,
    pub level: String,
}

/// The edit that defines scale `id` called `name` with `typed` labels, one a line, lowest
/// first.
///
/// # Errors
/// The first thing to put right, in words: no name, fewer than two labels, too many, one
/// too long, one twice.
pub fn new_scale(id: EntityId, name: &str, typed_points: &str) -> Result<Edit, String> {
    let name = typed(name).ok_or("Name the scale.")?;
    let FieldType::Labels {
        max_items,
        max_chars,
    } = SCALE_POINTS
    else {
        return Err("A scale's levels cannot be set in this version.".to_owned());
    };
    let points = typed_labels(typed_points, (max_items, max_chars), "A scale", "levels")?;
    if points.len() < 2 {
        return Err("A scale needs at least two levels, one a line, lowest first.".to_owned());
    }
    let mut fields = BTreeMap::new();
    fields.insert("name".to_owned(), json!(name));
    fields.insert("points".to_owned(), json!(points));
    let edit = Edit::create(EntityKind::TrackingScale, id, fields);
    edit.validate().map_err(|error| error.to_string())?;
    Ok(edit)
}

/// The edit that records value `id`: `student`'s level on scale `scale_id` (as stored,
/// `scale`), by `by`.
///
/// # Errors
/// The first thing to put right, in words: no subject, no day, no level, or a level the
/// scale does not have.
pub fn record_level(
    id: EntityId,
    scale_id: EntityId,
    scale: &TrackingScale,
    student: EntityId,
    by: EntityId,
    form: &LevelForm,
) -> Result<Edit, String> {
    let subject = typed(&form.subject).ok_or("Enter the subject.")?;
    if !is_date(&form.recorded_on) {
        return Err("Enter the day.".to_owned());
    }
    let level: usize = form.level.parse().map_err(|_| "Choose a level.")?;
    if !(1..=scale.points.len()).contains(&level) {
        return Err(format!(
            "{} has {} levels; choose one of them.",
            scale.name,
            scale.points.len()
        ));
    }
    let mut fields = BTreeMap::new();
    fields.insert("scale_id".to_owned(), json!(scale_id.to_string()));
    fields.insert("student_id".to_owned(), json!(student.to_string()));
    fields.insert("subject".to_owned(), json!(subject));
    fields.insert("recorded_on".to_owned(), json!(form.recorded_on));
    fields.insert("level".to_owned(), json!(level));
    fields.insert("recorded_by".to_owned(), json!(by.to_string()));
    let edit = Edit::create(EntityKind::TrackingValue, id, fields);
    edit.validate().map_err(|error| error.to_string())?;
    Ok(edit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u8) -> EntityId {
        EntityId::from_time_and_random(u64::from(n), [n; 10]).unwrap()
    }

    #[test]
    fn a_scale_is_named_and_has_two_or_more_different_levels() {
        let edit = new_scale(id(1), "Effort", "Poor\n\n Fair \nGood\nExcellent").unwrap();
        assert_eq!(
            edit.fields["points"],
            json!(["Poor", "Fair", "Good", "Excellent"])
        );
        assert_eq!(
            new_scale(id(1), " ", "A\nB").unwrap_err(),
            "Name the scale."
        );
        assert_eq!(
            new_scale(id(1), "Effort", "Good").unwrap_err(),
            "A scale needs at least two levels, one a line, lowest first."
        );
        assert_eq!(
            new_scale(id(1), "Effort", "Good\nGood").unwrap_err(),
            "“Good” is there twice."
        );
        let many: String = (0..21).map(|n| format!("L{n}\n")).collect();
        assert_eq!(
            new_scale(id(1), "Effort", &many).unwrap_err(),
            "A scale may have at most 20 levels; there are 21."
        );
    }

    #[test]
    fn a_level_must_be_one_the_scale_has() {
        let scale = TrackingScale {
            name: "Effort".to_owned(),
            points: vec!["Poor".to_owned(), "Fair".to_owned(), "Good".to_owned()],
        };
        let form = LevelForm {
            subject: "Maths".to_owned(),
            recorded_on: "2026-12-01".to_owned(),
            level: "3".to_owned(),
        };
        let edit = record_level(id(1), id(2), &scale, id(3), id(4), &form).unwrap();
        assert_eq!(edit.fields["level"], json!(3));
        let beyond = LevelForm {
            level: "4".to_owned(),
            ..form.clone()
        };
        assert_eq!(
            record_level(id(1), id(2), &scale, id(3), id(4), &beyond).unwrap_err(),
            "Effort has 3 levels; choose one of them."
        );
        let unchosen = LevelForm {
            level: String::new(),
            ..form
        };
        assert_eq!(
            record_level(id(1), id(2), &scale, id(3), id(4), &unchosen).unwrap_err(),
            "Choose a level."
        );
    }
}

//! What importing the rows would do to the school's students, matched by UPN.

use std::collections::BTreeMap;

use mentor_core::import_api::{ImportAction, ImportBadRow as BadRow};
use mentor_core::{EntityId, EntityKind, RecordState, records};
use serde_json::Value;

use super::rows::StudentRow;

/// One good row and what it does.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedRow {
    pub line: u64,
    pub upn: String,
    pub name: String,
    pub family_name: String,
    pub given_name: String,
    /// The combined name cell, when its split was a guess.
    pub name_guess: Option<String>,
    pub action: ImportAction,
    /// The record: the matched student's, or `None` for a create (its id is made when written).
    pub existing: Option<EntityId>,
    /// Fields to write: every field for a create, the changed ones for an update.
    pub fields: BTreeMap<String, Value>,
}

/// The plan for a file, and rows that only the school's data makes bad.
#[derive(Debug, Default)]
pub struct Plan {
    pub rows: Vec<PlannedRow>,
    pub bad_rows: Vec<BadRow>,
}

/// Matches each row to the live students with its UPN and works out what changes.
pub fn plan(rows: Vec<StudentRow>, students: &[RecordState]) -> Plan {
    let mut by_upn: BTreeMap<String, Vec<&RecordState>> = BTreeMap::new();
    for student in students {
        if student.entity != EntityKind::Student || student.is_deleted() {
            continue;
        }
        if let Some(upn) = student.read::<records::Student>().ok().and_then(|s| s.upn) {
            by_upn.entry(upn).or_default().push(student);
        }
    }
    let mut plan = Plan::default();
    for row in rows {
        let name = format!("{} {}", row.given_name, row.family_name);
        let mut wanted: BTreeMap<String, Value> = BTreeMap::from([
            ("upn".to_owned(), Value::from(row.upn.clone())),
            ("given_name".to_owned(), Value::from(row.given_name.clone())),
            (
                "family_name".to_owned(),
                Value::from(row.family_name.clone()),
            ),
        ]);
        wanted.extend(
            row.fields
                .into_iter()
                .map(|(field, value)| (field.to_owned(), value)),
        );
        let matches = by_upn.get(row.upn.as_str()).map_or(&[][..], Vec::as_slice);
        let (action, existing, fields) = match matches {
            [] => (ImportAction::Create, None, wanted),
            [student] => {
                let changed: BTreeMap<String, Value> = wanted
                    .into_iter()
                    .filter(|(field, value)| student.value(field) != Some(value))
                    .collect();
                let action = if changed.is_empty() {
                    ImportAction::Unchanged
                } else {
                    ImportAction::Update
                };
                (action, Some(student.id), changed)
            }
            _ => {
                plan.bad_rows.push(BadRow {
                    line: row.line,
                    reason: format!(
                        "{} students already have the UPN {}; correct them in Progress Mentor first",
                        matches.len(),
                        row.upn
                    ),
                });
                continue;
            }
        };
        plan.rows.push(PlannedRow {
            line: row.line,
            upn: row.upn,
            name,
            family_name: row.family_name,
            given_name: row.given_name,
            name_guess: row.name_guess,
            action,
            existing,
            fields,
        });
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::columns::ImportField;
    use mentor_core::validation::upn_check_letter;
    use mentor_core::{Edit, HlcClock, merge};
    use serde_json::json;

    fn upn(n: u32) -> String {
        let rest = format!("82390172{n:04}");
        format!("{}{rest}", upn_check_letter(&rest).unwrap())
    }

    fn stored(id: u8, fields: Value) -> RecordState {
        let device = mentor_core::DeviceId::from_time_and_random(1, [9; 10]).unwrap();
        let id = EntityId::from_time_and_random(1, [id; 10]).unwrap();
        let op = Edit::create(
            EntityKind::Student,
            id,
            serde_json::from_value(fields).unwrap(),
        )
        .stamp(
            &mut HlcClock::new(device),
            1,
            1_750_000_000_000,
            [id.as_uuid().as_bytes()[15]; 10],
        )
        .unwrap();
        merge::apply(None, &op).unwrap().state
    }

    fn row(line: u64, upn: &str, year: i64, form: Option<&str>) -> StudentRow {
        let mut fields = BTreeMap::from([("year_group", json!(year))]);
        if let Some(form) = form {
            fields.insert("form_group", json!(form));
        }
        StudentRow {
            line,
            upn: upn.to_owned(),
            given_name: "Ivy".to_owned(),
            family_name: "Vance".to_owned(),
            name_guess: None,
            fields,
        }
    }

    /// Rows are planned with every field they carry, so each field the import fills must be one
    /// the student catalogue holds: core's validation refuses an op with a field it does not know.
    #[test]
    fn every_field_the_import_fills_is_in_the_student_catalogue() {
        for field in ImportField::ALL {
            assert!(
                EntityKind::Student.field(field.as_str()).is_some(),
                "{}",
                field.as_str()
            );
        }
    }

    #[test]
    fn rows_are_created_updated_or_left_alone() {
        let (upn_a, upn_b) = (&upn(1), &upn(2));
        let students = [
            stored(
                1,
                json!({"given_name": "Ivy", "family_name": "Vance", "year_group": 7, "form_group": "7A", "upn": upn_a}),
            ),
            stored(
                2,
                json!({"given_name": "Ivy", "family_name": "Vance", "year_group": 7, "form_group": "7A", "upn": upn_b}),
            ),
        ];
        let plan = plan(
            vec![
                row(2, upn_a, 7, None),
                row(3, upn_b, 8, Some("8C")),
                row(4, &upn(3), 9, None),
            ],
            &students,
        );
        assert!(plan.bad_rows.is_empty());
        let actions: Vec<ImportAction> = plan.rows.iter().map(|r| r.action).collect();
        assert_eq!(
            actions,
            [
                ImportAction::Unchanged,
                ImportAction::Update,
                ImportAction::Create
            ]
        );
        let changed: Vec<&String> = plan.rows[1].fields.keys().collect();
        assert_eq!(changed, ["form_group", "year_group"]);
        assert_eq!(plan.rows[1].existing, Some(students[1].id));
        assert_eq!(plan.rows[2].fields.len(), 4);
    }

    #[test]
    fn a_upn_held_by_two_students_is_a_bad_row() {
        let upn = &upn(1);
        let fields =
            json!({"given_name": "Ivy", "family_name": "Vance", "year_group": 7, "upn": upn});
        let students = [stored(1, fields.clone()), stored(2, fields)];
        let plan = plan(vec![row(5, upn, 7, None)], &students);
        assert!(plan.rows.is_empty());
        assert_eq!(plan.bad_rows[0].line, 5);
        assert!(plan.bad_rows[0].reason.contains("2 students already have"));
    }
}

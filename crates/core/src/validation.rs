//! Checks an edit against the field catalogue before it is stamped (on the device) and again
//! before it is merged (on the server, with the same code).
//!
//! Validation looks at one edit alone, never at stored state, so it gives the same answer
//! whatever order ops arrive in. Every error says, in words a mentor can act on, which field
//! is wrong and why ("year_group must be 7 to 13, got 15").

use std::collections::BTreeMap;

use serde_json::Value;

use crate::entity::{EntityKind, FieldSpec, FieldType, MergeKind, Presence};
use crate::hidden_formatting::is_hidden_formatting;
use crate::ids::{EntityId, excerpt};
use crate::op::OpKind;

#[path = "validation_error.rs"]
mod error;
pub use error::ValidationError;

/// Checks one edit: its fields against the catalogue of `entity`, and the rules of `kind`
/// (a create needs every required field, an update changes at least one field and no key
/// field, a delete carries no fields, append-only records are only ever created).
///
/// # Errors
/// The first problem found, as a [`ValidationError`].
pub fn check_edit(
    entity: EntityKind,
    entity_id: EntityId,
    kind: OpKind,
    fields: &BTreeMap<String, Value>,
) -> Result<(), ValidationError> {
    if entity.merge_kind() == MergeKind::AppendOnly && kind != OpKind::Create {
        return Err(ValidationError::AppendOnlyChange { kind: entity });
    }
    match kind {
        OpKind::Delete if !fields.is_empty() => return Err(ValidationError::FieldsOnDelete),
        OpKind::Delete => return Ok(()),
        OpKind::Update if fields.is_empty() => return Err(ValidationError::NoChanges),
        OpKind::Create | OpKind::Update => {}
    }
    for (name, value) in fields {
        let spec = entity
            .field(name)
            .ok_or_else(|| ValidationError::UnknownField {
                kind: entity,
                field: excerpt(name),
            })?;
        check_presence(entity, kind, spec, value)?;
        if !value.is_null() {
            check_value(spec, value)?;
        }
    }
    if kind == OpKind::Create {
        for spec in entity.fields() {
            let needed = matches!(spec.presence, Presence::Required | Presence::Key);
            if needed && fields.get(spec.name).is_none_or(Value::is_null) {
                return Err(ValidationError::MissingField {
                    kind: entity,
                    field: spec.name,
                });
            }
        }
        check_new_id(entity, entity_id, fields)?;
    }
    Ok(())
}

fn check_presence(
    entity: EntityKind,
    kind: OpKind,
    spec: &FieldSpec,
    value: &Value,
) -> Result<(), ValidationError> {
    match (spec.presence, kind) {
        (Presence::Key, OpKind::Update) => Err(ValidationError::KeyFieldChanged {
            kind: entity,
            field: spec.name,
        }),
        (Presence::Required | Presence::Key, OpKind::Create) if value.is_null() => {
            Err(ValidationError::MissingField {
                kind: entity,
                field: spec.name,
            })
        }
        (Presence::Required, _) if value.is_null() => {
            Err(ValidationError::CannotClear { field: spec.name })
        }
        _ => Ok(()),
    }
}

/// A new record's id must be of its own kind: derived from its key fields for kinds with
/// derived ids, time-ordered and random (UUIDv7) for the rest. The UUID version keeps the two
/// apart, so no create can take an id the system derives for another record.
fn check_new_id(
    entity: EntityKind,
    entity_id: EntityId,
    fields: &BTreeMap<String, Value>,
) -> Result<(), ValidationError> {
    let fits = match derived_id(entity, fields) {
        Some(expected) => expected == entity_id,
        None if entity.has_derived_id() => false,
        None => entity_id.is_time_ordered(),
    };
    match (fits, entity.has_derived_id()) {
        (true, _) => Ok(()),
        (false, true) => Err(ValidationError::IdNotDerived { kind: entity }),
        (false, false) => Err(ValidationError::IdNotNew { kind: entity }),
    }
}

/// The id a record with key fields must have, or `None` for kinds without one.
fn derived_id(entity: EntityKind, fields: &BTreeMap<String, Value>) -> Option<EntityId> {
    entity.derive_id(|name| fields.get(name)?.as_str().map(str::to_owned))
}

/// Checks a non-null value against its field's type. Text of any type (names, notes,
/// emails, choices) is first checked for [hidden formatting](is_hidden_formatting).
///
/// # Errors
/// A [`ValidationError`] naming the field and what it takes.
pub fn check_value(spec: &FieldSpec, value: &Value) -> Result<(), ValidationError> {
    let field = spec.name;
    if value
        .as_str()
        .is_some_and(|text| text.chars().any(is_hidden_formatting))
    {
        return Err(ValidationError::HiddenFormatting { field });
    }
    let text = || {
        value.as_str().ok_or_else(|| ValidationError::WrongType {
            field,
            expected: "text",
            got: excerpt(&value.to_string()),
        })
    };
    match spec.value {
        FieldType::Text { max_chars } => check_text(field, text()?, max_chars),
        FieldType::YearGroup => {
            let year = whole_number(field, value)?;
            if (7..=13).contains(&year) {
                Ok(())
            } else {
                Err(ValidationError::YearGroupOutOfRange { field, got: year })
            }
        }
        FieldType::WholeNumber { min, max } => {
            let got = whole_number(field, value)?;
            if (min..=max).contains(&got) {
                Ok(())
            } else {
                Err(ValidationError::OutOfRange {
                    field,
                    min,
                    max,
                    got,
                })
            }
        }
        FieldType::Phone => check_phone(field, text()?),
        FieldType::Upn => check_upn(text()?),
        FieldType::Email => check_email(text()?),
        FieldType::Choice(allowed) => {
            let got = text()?;
            if allowed.contains(&got) {
                Ok(())
            } else {
                Err(ValidationError::NotAChoice {
                    field,
                    allowed,
                    got: excerpt(got),
                })
            }
        }
        FieldType::Reference => check_reference(field, text()?),
        FieldType::Flag => match value {
            Value::Bool(_) => Ok(()),
            _ => Err(ValidationError::WrongType {
                field,
                expected: "true or false",
                got: excerpt(&value.to_string()),
            }),
        },
        FieldType::Labels {
            max_items,
            max_chars,
        } => lists::check_labels(field, value, max_items, max_chars),
        FieldType::References { max_items } => lists::check_references(field, value, max_items),
        FieldType::Date => calendar::check_date(field, text()?),
        FieldType::TimeOfDay => calendar::check_time_of_day(field, text()?),
    }
}

fn check_reference(field: &'static str, text: &str) -> Result<(), ValidationError> {
    text.parse::<EntityId>()
        .map(|_| ())
        .map_err(|_| ValidationError::NotAnId {
            field,
            got: excerpt(text),
        })
}

fn whole_number(field: &'static str, value: &Value) -> Result<i64, ValidationError> {
    value.as_i64().ok_or_else(|| ValidationError::WrongType {
        field,
        expected: "a whole number",
        got: excerpt(&value.to_string()),
    })
}

fn check_text(field: &'static str, text: &str, max: usize) -> Result<(), ValidationError> {
    if text.trim().is_empty() {
        return Err(ValidationError::Blank { field });
    }
    if text.trim() != text {
        return Err(ValidationError::Untrimmed { field });
    }
    if text.chars().any(char::is_control) {
        return Err(ValidationError::ControlCharacters { field });
    }
    let len = text.chars().count();
    if len > max {
        return Err(ValidationError::TooLong {
            field,
            max,
            got: len,
        });
    }
    Ok(())
}

#[path = "validation_lists.rs"]
mod lists;

#[path = "validation_formats.rs"]
mod formats;
use formats::{check_email, check_phone};
pub use formats::{check_upn, upn_check_letter};

#[path = "validation_calendar.rs"]
mod calendar;
pub use calendar::is_date;

#[cfg(test)]
#[path = "validation_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "validation_hidden_tests.rs"]
mod hidden_tests;

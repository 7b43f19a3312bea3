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

/// Why an edit is not valid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValidationError {
    /// The kind of record has no such field.
    #[error("{} has no field called \"{field}\"", .kind.label_with_article())]
    UnknownField {
        /// The kind of record.
        kind: EntityKind,
        /// The name that was sent.
        field: String,
    },
    /// A value of the wrong JSON type.
    #[error("{field} must be {expected}, got {got}")]
    WrongType {
        /// The field.
        field: &'static str,
        /// What it takes, in words ("a whole number").
        expected: &'static str,
        /// The value sent, as JSON.
        got: String,
    },
    /// A year group outside 7 to 13.
    #[error("{field} must be 7 to 13, got {got}")]
    YearGroupOutOfRange {
        /// The field.
        field: &'static str,
        /// The number sent.
        got: i64,
    },
    /// Blank text.
    #[error("{field} must not be blank")]
    Blank {
        /// The field.
        field: &'static str,
    },
    /// Text with spaces at either end.
    #[error("{field} must not start or end with a space")]
    Untrimmed {
        /// The field.
        field: &'static str,
    },
    /// Text with line breaks, tabs or other control characters.
    #[error("{field} must be one line of text without tabs or line breaks")]
    ControlCharacters {
        /// The field.
        field: &'static str,
    },
    /// Text with characters that cannot be seen but hide or reorder what is shown around
    /// them ([`is_hidden_formatting`](crate::hidden_formatting::is_hidden_formatting)).
    #[error(
        "{field} contains an invisible character that hides or reorders text (a zero-width space or a text direction override); type it again without pasting"
    )]
    HiddenFormatting {
        /// The field.
        field: &'static str,
    },
    /// Text that is too long.
    #[error("{field} must be at most {max} characters, got {got}")]
    TooLong {
        /// The field.
        field: &'static str,
        /// The limit.
        max: usize,
        /// The length sent.
        got: usize,
    },
    /// Not the shape of a UPN.
    #[error(
        "upn must be 13 characters: a capital letter, then 12 digits (the last may be a capital letter for a temporary UPN), got \"{got}\""
    )]
    UpnShape {
        /// The text sent.
        got: String,
    },
    /// A UPN whose check letter does not match its digits.
    #[error(
        "upn {got} has the wrong check letter (it should be {expected}); check it was copied correctly"
    )]
    UpnCheckLetter {
        /// The text sent.
        got: String,
        /// The check letter its digits give.
        expected: char,
    },
    /// A whole number outside its field's range.
    #[error("{field} must be {min} to {max}, got {got}")]
    OutOfRange {
        /// The field.
        field: &'static str,
        /// The smallest allowed.
        min: i64,
        /// The largest allowed.
        max: i64,
        /// The number sent.
        got: i64,
    },
    /// Not a calendar date written `YYYY-MM-DD`, or outside 2020 to 2100.
    #[error(
        "{field} must be a date from 2020 to 2100 written YYYY-MM-DD, such as 2026-09-07, got \"{got}\""
    )]
    NotADate {
        /// The field.
        field: &'static str,
        /// The text sent (shortened).
        got: String,
    },
    /// Not a time of day written `HH:MM` on the 24-hour clock.
    #[error(
        "{field} must be a time on the 24-hour clock written HH:MM, such as 09:05, got \"{got}\""
    )]
    NotATime {
        /// The field.
        field: &'static str,
        /// The text sent (shortened).
        got: String,
    },
    /// Not a telephone number.
    #[error(
        "{field} must be a phone number of 10 to 15 digits (spaces and a leading + allowed), such as 01632 960123 or +44 7700 900123, got \"{got}\""
    )]
    Phone {
        /// The field.
        field: &'static str,
        /// The text sent.
        got: String,
    },
    /// Not an email address.
    #[error("email must look like name@school.example, got \"{got}\"")]
    Email {
        /// The text sent.
        got: String,
    },
    /// A word outside a fixed list.
    #[error("{field} must be one of {}, got \"{got}\"", .allowed.join(", "))]
    NotAChoice {
        /// The field.
        field: &'static str,
        /// The words allowed.
        allowed: &'static [&'static str],
        /// The text sent.
        got: String,
    },
    /// Text that is not a record id.
    #[error("{field} must be a record id, got \"{got}\"")]
    NotAnId {
        /// The field.
        field: &'static str,
        /// The text sent.
        got: String,
    },
    /// A list with more items than its field allows.
    #[error("{field} may have at most {max} items, got {got}")]
    TooManyItems {
        /// The field.
        field: &'static str,
        /// The limit.
        max: usize,
        /// The number sent.
        got: usize,
    },
    /// A list of labels with none in it.
    #[error("{field} needs at least one item")]
    NoItems {
        /// The field.
        field: &'static str,
    },
    /// A list with the same item twice.
    #[error("{field} has \"{got}\" twice")]
    RepeatedItem {
        /// The field.
        field: &'static str,
        /// The repeated item.
        got: String,
    },
    /// A create without a field it needs.
    #[error("a new {} needs {field}", .kind.label())]
    MissingField {
        /// The kind of record.
        kind: EntityKind,
        /// The missing field.
        field: &'static str,
    },
    /// An update that clears a required field.
    #[error("{field} cannot be left empty")]
    CannotClear {
        /// The field.
        field: &'static str,
    },
    /// An update that changes a key field.
    #[error("the {field} of {} cannot be changed; remove the {} and add a new one", .kind.label_with_article(), .kind.label())]
    KeyFieldChanged {
        /// The kind of record.
        kind: EntityKind,
        /// The field.
        field: &'static str,
    },
    /// An update that changes nothing.
    #[error("an update must change at least one field")]
    NoChanges,
    /// A delete that carries fields.
    #[error("a delete must not carry any fields")]
    FieldsOnDelete,
    /// A record whose id is not the one its key fields give.
    #[error("this {}'s id does not match what it links; it must be made from them", .kind.label())]
    IdNotDerived {
        /// The kind of record.
        kind: EntityKind,
    },
    /// A new record of a kind with random ids whose id is not one the app makes for new
    /// records: it could be an id the system derives for another record (a membership, a
    /// caseload assignment, a student's "in my words"), which would then never be made.
    #[error("a new {} needs an id the app makes for new records (a UUIDv7), not one derived from other records", .kind.label())]
    IdNotNew {
        /// The kind of record.
        kind: EntityKind,
    },
    /// An update or delete of an append-only kind.
    #[error("{} cannot be changed or deleted once it is recorded", .kind.label_with_article())]
    AppendOnlyChange {
        /// The kind of record.
        kind: EntityKind,
    },
    /// An op pushed by a device other than the one that made it.
    #[error("this change was made on another device and can only be sent from that device")]
    ForeignDevice,
    /// An op whose stamp was made by a device other than the op's.
    #[error("this change's clock stamp is from another device")]
    ForeignStamp,
}

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
    entity.derive_id(|name| fields.get(name)?.as_str()?.parse::<EntityId>().ok())
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

#[cfg(test)]
#[path = "validation_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "validation_hidden_tests.rs"]
mod hidden_tests;

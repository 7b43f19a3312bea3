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
        FieldType::Date => {
            let got = text()?;
            if is_date(got) {
                Ok(())
            } else {
                Err(ValidationError::NotADate {
                    field,
                    got: excerpt(got),
                })
            }
        }
    }
}

/// True for a real calendar date written `YYYY-MM-DD`, from 2000 to 2099.
pub fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes[range].iter().try_fold(0u32, |n, b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (2000..=2099).contains(&year) && (1..=days).contains(&day)
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

/// Digits and single spaces, an optional `+` first, 10 to 15 digits: how UK numbers are written
/// (`01632 960123`, `+44 7700 900123`). Brackets, dashes and extensions are refused so a number
/// is always one a phone can dial as shown.
fn check_phone(field: &'static str, text: &str) -> Result<(), ValidationError> {
    let bad = || ValidationError::Phone {
        field,
        got: excerpt(text),
    };
    let body = text.strip_prefix('+').unwrap_or(text);
    let well_formed = body.starts_with(|c: char| c.is_ascii_digit())
        && body.ends_with(|c: char| c.is_ascii_digit())
        && !body.contains("  ")
        && body.chars().all(|c| c.is_ascii_digit() || c == ' ');
    let digits = body.chars().filter(char::is_ascii_digit).count();
    if well_formed && (10..=15).contains(&digits) {
        Ok(())
    } else {
        Err(bad())
    }
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

fn check_email(text: &str) -> Result<(), ValidationError> {
    let bad = || ValidationError::Email { got: excerpt(text) };
    if text.len() > 254 || text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad());
    }
    let (local, domain) = text.split_once('@').ok_or_else(bad)?;
    let domain_ok = domain.contains('.')
        && !domain.contains('@')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..");
    if local.is_empty() || !domain_ok {
        return Err(bad());
    }
    Ok(())
}

/// The letters a UPN uses for its check letter (and for the last character of a temporary
/// UPN), in value order 0 to 22: A to Z without I, O and S.
const UPN_LETTERS: &[u8; 23] = b"ABCDEFGHJKLMNPQRTUVWXYZ";

/// The check letter the 12 characters after it give (the DfE's rule: each character times its
/// position, 2 to 13, summed, modulo 23; a temporary UPN's final letter counts as its value).
/// `None` if `rest` is not 11 digits then a digit or UPN letter.
pub fn upn_check_letter(rest: &str) -> Option<char> {
    let bytes = rest.as_bytes();
    if bytes.len() != 12 {
        return None;
    }
    let mut sum = 0_usize;
    for (index, byte) in bytes.iter().enumerate() {
        let value = if byte.is_ascii_digit() {
            usize::from(byte - b'0')
        } else if index == 11 {
            UPN_LETTERS.iter().position(|letter| letter == byte)?
        } else {
            return None;
        };
        sum += value * (index + 2);
    }
    UPN_LETTERS.get(sum % 23).map(|letter| char::from(*letter))
}

/// Checks an English unique pupil number: its shape and its check letter.
///
/// # Errors
/// [`ValidationError::UpnShape`] or [`ValidationError::UpnCheckLetter`].
pub fn check_upn(text: &str) -> Result<(), ValidationError> {
    let shape = || ValidationError::UpnShape { got: excerpt(text) };
    if !text.is_ascii() || text.len() != 13 {
        return Err(shape());
    }
    // Splitting at 1 is safe: the text is ASCII.
    let (first, rest) = text.split_at(1);
    let expected = upn_check_letter(rest).ok_or_else(shape)?;
    if !first.bytes().all(|byte| byte.is_ascii_uppercase()) {
        return Err(shape());
    }
    if first.chars().eq(std::iter::once(expected)) {
        Ok(())
    } else {
        Err(ValidationError::UpnCheckLetter {
            got: text.to_owned(),
            expected,
        })
    }
}

#[path = "validation_lists.rs"]
mod lists;

#[cfg(test)]
#[path = "validation_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "validation_hidden_tests.rs"]
mod hidden_tests;

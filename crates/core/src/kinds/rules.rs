//! The rules that reach past one write: a [`Condition`] on the record a write leaves, a
//! [`Requirement`] for another record a create needs, and the [`Bound`]s within which that
//! other record holds some of this one's numbers.

use super::KindSpec;
use crate::entity::EntityKind;

/// A rule on a record as it stands after a write that sets `field` to `value` (a create or
/// an update naming it), judged by the server on the merged record, so a write is refused
/// whatever another device changed meanwhile. Other writes are not judged: an edit that
/// does not touch the field is not refused for what the record already was.
#[derive(Debug, Clone, Copy)]
pub struct Condition {
    /// The field whose new value brings the rule in (a `Choice`).
    pub field: &'static str,
    /// The value that brings it in.
    pub value: &'static str,
    /// Why the merged record (its current values, a JSON object) may not stand, or `None`.
    pub refusal: fn(&serde_json::Value) -> Option<String>,
}

impl PartialEq for Condition {
    fn eq(&self, other: &Self) -> bool {
        self.field == other.field
            && self.value == other.value
            && std::ptr::fn_addr_eq(self.refusal, other.refusal)
    }
}

impl Eq for Condition {}

impl KindSpec {
    /// Why the record `merged`, just written with the values `written`, may not stand, by
    /// the first of this kind's [`Condition`]s that `written` brings in and the record fails.
    pub fn condition_refusal(
        &self,
        written: &std::collections::BTreeMap<String, serde_json::Value>,
        merged: &serde_json::Value,
    ) -> Option<String> {
        self.conditions
            .iter()
            .filter(|condition| {
                written
                    .get(condition.field)
                    .and_then(serde_json::Value::as_str)
                    == Some(condition.value)
            })
            .find_map(|condition| (condition.refusal)(merged))
    }
}

/// A record that must exist, live, for a record of this kind to be created, and key fields
/// both must agree on. The server refuses a create that fails one with its `refusal`, the
/// same words whether the other record is missing, deleted, another's, or disagrees, so the
/// answer tells nothing of records the writer may not see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Requirement {
    /// The other record's kind.
    pub kind: EntityKind,
    /// How its id is found from this record's key fields.
    pub found: Found,
    /// Pairs of key fields (this record's, the other's) that must hold the same value.
    pub agree: &'static [(&'static str, &'static str)],
    /// What the writer is told when it is not met.
    pub refusal: &'static str,
    /// Whole numbers of this record that must lie within limits the other record sets (an
    /// intervention score within its programme's range), judged on every write that sets
    /// one, create or update: a key never changes, so the other record is found the same way.
    pub bounds: &'static [Bound],
}

/// A whole-number field that must lie within limits another record sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bound {
    /// This record's whole-number field (`"exit"`).
    pub field: &'static str,
    /// The lowest value allowed.
    pub min: Limit,
    /// The highest value allowed.
    pub max: Limit,
    /// The refusal's words before " from {min} to {max}." (`"The exit score must be a whole
    /// number"`), so the device and the server say the same.
    pub words: &'static str,
}

/// Where a [`Bound`]'s limit comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// This number.
    Value(i64),
    /// A whole-number field of the other record.
    Field(&'static str),
    /// How many items a list field of the other record holds (a scale's levels).
    Count(&'static str),
}

impl Limit {
    /// The limit for the other record's values `other` (a JSON object), if it has one.
    pub fn of(self, other: &serde_json::Value) -> Option<i64> {
        match self {
            Self::Value(value) => Some(value),
            Self::Field(name) => other.get(name)?.as_i64(),
            Self::Count(name) => i64::try_from(other.get(name)?.as_array()?.len()).ok(),
        }
    }
}

impl Bound {
    /// The refusal for a value outside `min..=max`.
    pub fn words_for(&self, min: i64, max: i64) -> String {
        format!("{} from {min} to {max}.", self.words)
    }

    /// Why `value` (this field as written: a number, or null to clear it) may not stand
    /// against the other record's values `other`, or `None`. A limit the other record lacks
    /// bounds nothing.
    pub fn refusal(&self, value: &serde_json::Value, other: &serde_json::Value) -> Option<String> {
        let value = value.as_i64()?;
        let min = self.min.of(other).unwrap_or(i64::MIN);
        let max = self.max.of(other).unwrap_or(i64::MAX);
        (!(min..=max).contains(&value)).then(|| self.words_for(min, max))
    }
}

/// How a [`Requirement`]'s record is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// This key reference holds its id.
    By(&'static str),
    /// Its kind's derived id, made from these key fields of this record, in the order of
    /// that kind's own keys.
    Derived(&'static [&'static str]),
}

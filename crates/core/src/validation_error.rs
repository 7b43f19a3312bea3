//! Why an edit is not valid, in words a mentor can act on.

use crate::entity::EntityKind;

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

//! Text in a fixed format: UK telephone numbers, email addresses and unique pupil numbers
//! (with the DfE's check letter).

use super::ValidationError;
use crate::ids::excerpt;

/// Digits and single spaces, an optional `+` first, 10 to 15 digits: how UK numbers are written
/// (`01632 960123`, `+44 7700 900123`). Brackets, dashes and extensions are refused so a number
/// is always one a phone can dial as shown.
pub(super) fn check_phone(field: &'static str, text: &str) -> Result<(), ValidationError> {
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

pub(super) fn check_email(text: &str) -> Result<(), ValidationError> {
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

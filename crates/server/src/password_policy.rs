//! What a new password must be, following the NCSC's and OWASP's advice: long rather than
//! complicated, and not one that guessers try first.
//!
//! - At least [`MIN_CHARS`] characters (any characters: spaces and passphrases welcome, no
//!   rules about digits or symbols, which only push people to `Password1!`).
//! - At most [`MAX_CREDENTIAL_BYTES`], the most sign-in looks at.
//! - Not on a short list of the most common passwords of that length or more
//!   (`common_passwords.txt`, compared ignoring case), and not one character repeated.
//!
//! Every password the server sets passes through [`Passwords::hash`](crate::auth::Passwords),
//! which checks it here: the `add-staff` command, the demo school, and any way added later.

use crate::throttle::MAX_CREDENTIAL_BYTES;

/// The fewest characters a new password may have.
pub const MIN_CHARS: usize = 12;

/// The most common passwords of at least [`MIN_CHARS`] characters, lower case, one a line.
const COMMON: &str = include_str!("common_passwords.txt");

/// Why a new password was refused, in words for whoever chose it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordRejected {
    #[error(
        "the password is too short: use at least {MIN_CHARS} characters (a few words together work well)"
    )]
    TooShort,
    #[error("the password is too long: use at most {MAX_CREDENTIAL_BYTES} bytes")]
    TooLong,
    #[error(
        "the password is one of the most common passwords, which are guessed first: choose another"
    )]
    Common,
}

/// Checks a new password against the policy.
///
/// # Errors
/// The first rule it breaks, as [`PasswordRejected`].
pub fn check_new_password(password: &str) -> Result<(), PasswordRejected> {
    if password.chars().count() < MIN_CHARS {
        return Err(PasswordRejected::TooShort);
    }
    if password.len() > MAX_CREDENTIAL_BYTES {
        return Err(PasswordRejected::TooLong);
    }
    let lower = password.to_lowercase();
    let mut chars = lower.chars();
    let repeated = chars.next().is_some_and(|first| chars.all(|c| c == first));
    if repeated || COMMON.lines().any(|common| common == lower) {
        return Err(PasswordRejected::Common);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_passwords_are_refused_however_they_are_made() {
        for short in ["", "a", "Tr0ub4dor&3", "ŵŵŵŵŵŵŵŵŵŵŵ"] {
            assert_eq!(
                check_new_password(short),
                Err(PasswordRejected::TooShort),
                "{short}"
            );
        }
    }

    #[test]
    fn common_and_repeated_passwords_are_refused_in_any_case() {
        for common in [
            "password1234",
            "Password1234",
            "QWERTY123456",
            "1qaz2wsx3edc",
            "Welcome12345",
            "zzzzzzzzzzzzzzzz",
        ] {
            assert_eq!(
                check_new_password(common),
                Err(PasswordRejected::Common),
                "{common}"
            );
        }
    }

    #[test]
    fn long_passphrases_are_welcome_up_to_what_sign_in_reads() {
        assert_eq!(check_new_password("heron lantern quietly"), Ok(()));
        assert_eq!(check_new_password("demo-password-1"), Ok(()));
        assert_eq!(
            check_new_password(&"heron lantern ".repeat(74)),
            Err(PasswordRejected::TooLong)
        );
    }

    #[test]
    fn the_common_list_holds_only_lower_case_passwords_the_length_rule_lets_through() {
        let entries: Vec<&str> = COMMON.lines().collect();
        assert!(entries.len() > 300, "{} entries", entries.len());
        for entry in entries {
            assert!(
                entry.chars().count() >= MIN_CHARS,
                "{entry:?} is refused as short anyway"
            );
            assert_eq!(entry, entry.to_lowercase(), "{entry:?} would never match");
        }
    }
}

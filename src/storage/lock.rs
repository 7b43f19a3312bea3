//! What the device keeps in clear about its lock: whose data it holds, the data key wrapped
//! under their PIN, and the wrong PINs so far. Nothing in it is about a child.
//!
//! The rules of unlocking are here, apart from the browser, so they are tested natively:
//! a PIN is at least [`MIN_PIN_DIGITS`] digits (or a passphrase of at least
//! [`MIN_PASSPHRASE_CHARS`] characters); each wrong PIN after the third makes the next try
//! wait longer ([`wait_after`]); the [`MAX_PIN_FAILURES`]th erases the wrapped key, and only
//! an online sign-in with the password brings it back (from the server's escrow).

use serde::{Deserialize, Serialize};

use super::StaffSummary;
use super::crypto::WrappedKey;

/// Digits of the shortest PIN.
pub const MIN_PIN_DIGITS: usize = 6;
/// Characters of the shortest passphrase (a secret that is not all digits).
pub const MIN_PASSPHRASE_CHARS: usize = 8;
/// Wrong PINs in a row that erase the wrapped key.
pub const MAX_PIN_FAILURES: u32 = 10;

/// The device's lock, kept in clear.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockRecord {
    /// Whose data this device holds (the lock screen says whose PIN it asks for).
    pub staff: StaffSummary,
    /// The data key under their PIN; `None` once too many wrong PINs erased it.
    pub wrapped: Option<WrappedKey>,
    /// Wrong PINs since the last right one.
    pub failures: u32,
    /// When the last wrong PIN was entered (ms since 1970).
    pub last_failure_ms: u64,
    /// True once the server holds the escrow copy of the data key.
    pub escrowed: bool,
}

/// Why a PIN or passphrase cannot be chosen, in words for the user.
///
/// # Errors
/// The sentence to show.
pub fn check_new_pin(pin: &str, repeated: &str) -> Result<(), String> {
    let digits_only = !pin.is_empty() && pin.chars().all(|c| c.is_ascii_digit());
    if digits_only && pin.chars().count() < MIN_PIN_DIGITS {
        return Err(format!("A PIN needs at least {MIN_PIN_DIGITS} digits."));
    }
    if !digits_only && pin.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(format!(
            "Choose a PIN of at least {MIN_PIN_DIGITS} digits, or a passphrase of at least {MIN_PASSPHRASE_CHARS} characters."
        ));
    }
    if digits_only && pin.chars().all(|c| pin.starts_with(c)) {
        return Err("Choose a PIN that is not one digit repeated.".to_owned());
    }
    if pin != repeated {
        return Err("The two entries differ. Type the same PIN twice.".to_owned());
    }
    Ok(())
}

/// How long to wait before the next try after `failures` wrong PINs in a row: none for the
/// first three, then 5 s doubling up to 5 minutes.
pub fn wait_after(failures: u32) -> u64 {
    match failures {
        0..=3 => 0,
        n => (5_000_u64 << (n - 4).min(6)).min(300_000),
    }
}

impl LockRecord {
    /// A new lock for `staff` under `wrapped`.
    pub fn new(staff: StaffSummary, wrapped: WrappedKey) -> Self {
        Self {
            staff,
            wrapped: Some(wrapped),
            failures: 0,
            last_failure_ms: 0,
            escrowed: false,
        }
    }

    /// Milliseconds until the next try is allowed at `now_ms` (0: now).
    pub fn wait_ms(&self, now_ms: u64) -> u64 {
        let until = self
            .last_failure_ms
            .saturating_add(wait_after(self.failures));
        until.saturating_sub(now_ms)
    }

    /// The lock after a wrong PIN at `now_ms`: one more failure, and no wrapped key at the
    /// [`MAX_PIN_FAILURES`]th.
    #[must_use]
    pub fn after_wrong_pin(&self, now_ms: u64) -> Self {
        let failures = self.failures.saturating_add(1);
        Self {
            failures,
            last_failure_ms: now_ms,
            wrapped: if failures >= MAX_PIN_FAILURES {
                None
            } else {
                self.wrapped.clone()
            },
            ..self.clone()
        }
    }

    /// Wrong PINs left before the key is erased.
    pub fn tries_left(&self) -> u32 {
        MAX_PIN_FAILURES.saturating_sub(self.failures)
    }
}

#[cfg(test)]
mod tests {
    use mentor_core::Role;

    use super::*;

    fn lock() -> LockRecord {
        LockRecord::new(
            StaffSummary {
                id: "0190a4a0-0000-7000-8000-0000000000aa".to_owned(),
                display_name: "Quill Ashdown".to_owned(),
                role: Role::Mentor,
            },
            WrappedKey {
                salt: vec![1; 16],
                iterations: 600_000,
                sealed: vec![2; 60],
            },
        )
    }

    #[test]
    fn a_pin_is_six_digits_or_a_passphrase_of_eight() {
        assert!(check_new_pin("482915", "482915").is_ok());
        assert!(check_new_pin("blue kettle", "blue kettle").is_ok());
        assert_eq!(
            check_new_pin("48291", "48291"),
            Err("A PIN needs at least 6 digits.".to_owned())
        );
        assert!(check_new_pin("kettle", "kettle").is_err());
        assert!(check_new_pin("", "").is_err());
        assert!(check_new_pin("111111", "111111").is_err());
        assert!(check_new_pin("482915", "482916").is_err());
    }

    #[test]
    fn waits_grow_after_the_third_wrong_pin_and_are_capped() {
        let waits: Vec<u64> = (0..=12).map(wait_after).collect();
        assert_eq!(&waits[..4], &[0, 0, 0, 0]);
        assert_eq!(waits[4], 5_000);
        assert_eq!(waits[5], 10_000);
        assert!(waits.windows(2).all(|pair| pair[0] <= pair[1]));
        assert_eq!(waits[12], 300_000);
    }

    #[test]
    fn the_tenth_wrong_pin_erases_the_wrapped_key_and_nothing_else() {
        let mut record = lock();
        for n in 1..MAX_PIN_FAILURES {
            record = record.after_wrong_pin(u64::from(n) * 1_000);
            assert!(record.wrapped.is_some(), "erased after only {n}");
        }
        assert_eq!(record.tries_left(), 1);
        record = record.after_wrong_pin(99_000);
        assert_eq!(record.wrapped, None);
        assert_eq!(record.staff.display_name, "Quill Ashdown");
        assert_eq!(record.tries_left(), 0);
    }

    #[test]
    fn the_wait_counts_from_the_last_wrong_pin() {
        let mut record = lock();
        for _ in 0..5 {
            record = record.after_wrong_pin(100_000);
        }
        assert_eq!(record.wait_ms(100_000), wait_after(5));
        assert_eq!(record.wait_ms(100_000 + wait_after(5)), 0);
    }
}

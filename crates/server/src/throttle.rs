//! Sign-in throttling: how many password checks anyone may ask for, and how fast.
//!
//! Every attempt is counted **before** its password is hashed, as a failure, and refunded if
//! it signs in. Counting after the check let a burst through whole: 40 concurrent guesses
//! were all checked, and one right password among them signed in.
//!
//! What is counted, each forgotten an hour after its last failure:
//! - **An account from one client** (email and address): [`PAIR_FREE`] failures, then each
//!   further attempt waits twice as long as the one before (1 s, 2 s, 4 s … at most
//!   [`MAX_DELAY`]). This is what slows a guesser down. Signing in clears it.
//! - **A client, whatever the account**: [`CLIENT_FREE`] failures, then the same growing
//!   wait, so one address cannot spray a common password over every account.
//! - **An account, whatever the client**: once it has [`UNDER_ATTACK`] failures, every client
//!   with a failure on it waits from its first failure on. A client with no failure on the
//!   account still gets its attempt, so the rightful user on their own device signs in while
//!   the account is under attack, and guessers on many addresses get one guess each.
//!
//! No count ever refuses a right password from a client that has not been guessing: there is
//! no lockout to abuse. A wait is answered 429 `too_many_attempts` with `Retry-After`.
//!
//! Password checks are also bounded at once: Argon2 takes one work area at a time, so each
//! check queued behind others makes every sign-in slower. At most [`HASHING_QUEUE`] sign-ins
//! hold a place in that queue, at most [`CLIENT_IN_FLIGHT`] of them from one client; beyond
//! that the answer is 429 `server_busy`, before any hashing.
//!
//! Counts are in memory: a restart forgets them, which is acceptable for one small server and
//! keeps the database free of attacker-controlled rows. Accounts are keyed by the SHA-256 of
//! the email, so made-up emails cost the map 32 bytes each.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::AppError;

/// The longest email or password looked at, in bytes; longer ones are refused before any
/// hashing (a password is hashed whole, whatever its length).
pub const MAX_CREDENTIAL_BYTES: usize = 1024;
/// Failures of one account from one client before each attempt waits.
pub const PAIR_FREE: u32 = 5;
/// Failures from one client, over every account, before each attempt waits.
pub const CLIENT_FREE: u32 = 20;
/// Failures of one account, over every client, that mark it under attack.
pub const UNDER_ATTACK: u32 = 50;
/// The first wait once the free failures are used.
pub const FIRST_DELAY: Duration = Duration::from_secs(1);
/// The longest wait between two attempts.
pub const MAX_DELAY: Duration = Duration::from_secs(15 * 60);
/// How long a count is kept after its last failure.
pub const FORGET_AFTER: Duration = Duration::from_secs(60 * 60);
/// Sign-ins checking or waiting to check a password at once.
pub const HASHING_QUEUE: usize = 8;
/// Sign-ins from one client checking or waiting to check at once.
pub const CLIENT_IN_FLIGHT: u32 = 2;
/// Entries kept before forgotten ones are swept.
const SWEEP_AT: usize = 10_000;

type AccountKey = [u8; 32];

#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    last: Instant,
}

impl Failures {
    /// How long until another attempt is allowed, with `free` failures allowed outright.
    fn wait(&self, free: u32, now: Instant) -> Duration {
        let Some(over) = self.count.checked_sub(free) else {
            return Duration::ZERO;
        };
        let delay = FIRST_DELAY.saturating_mul(1 << over.min(20)).min(MAX_DELAY);
        (self.last + delay).saturating_duration_since(now)
    }

    fn forgotten(&self, now: Instant) -> bool {
        now.duration_since(self.last) >= FORGET_AFTER
    }
}

#[derive(Debug, Default)]
struct Counts {
    pairs: HashMap<(AccountKey, String), Failures>,
    clients: HashMap<String, Failures>,
    accounts: HashMap<AccountKey, Failures>,
    in_flight: HashMap<String, u32>,
}

impl Counts {
    fn sweep(&mut self, now: Instant) {
        if self.pairs.len() + self.clients.len() + self.accounts.len() < SWEEP_AT {
            return;
        }
        self.pairs.retain(|_, failures| !failures.forgotten(now));
        self.clients.retain(|_, failures| !failures.forgotten(now));
        self.accounts.retain(|_, failures| !failures.forgotten(now));
    }
}

/// Counts sign-in attempts and bounds password checks; shared by every request.
#[derive(Debug)]
pub struct SignInThrottle {
    counts: Arc<Mutex<Counts>>,
    hashing: Arc<Semaphore>,
}

impl Default for SignInThrottle {
    fn default() -> Self {
        Self {
            counts: Arc::default(),
            hashing: Arc::new(Semaphore::new(HASHING_QUEUE)),
        }
    }
}

impl SignInThrottle {
    /// Admits one sign-in attempt by `client` for `email`, counting it as a failure until
    /// [`SignInAttempt::signed_in`] says otherwise.
    ///
    /// # Errors
    /// [`AppError::BadRequest`] for credentials over [`MAX_CREDENTIAL_BYTES`],
    /// [`AppError::TooManyAttempts`] while a count says wait, [`AppError::SignInBusy`] when the
    /// queue of password checks (or this client's share of it) is full.
    pub fn admit(
        &self,
        client: &str,
        email: &str,
        password: &str,
    ) -> Result<SignInAttempt, AppError> {
        self.admit_at(client, email, password, Instant::now())
    }

    fn admit_at(
        &self,
        client: &str,
        email: &str,
        password: &str,
        now: Instant,
    ) -> Result<SignInAttempt, AppError> {
        if email.len() > MAX_CREDENTIAL_BYTES || password.len() > MAX_CREDENTIAL_BYTES {
            return Err(AppError::BadRequest(format!(
                "The email or password is longer than {MAX_CREDENTIAL_BYTES} characters. Check what was typed or pasted."
            )));
        }
        let account: AccountKey = Sha256::digest(email.trim().to_lowercase().as_bytes()).into();
        let pair = (account, client.to_owned());
        // The counts hold nothing a panicked holder could leave half-written that matters
        // more than keeping sign-in working.
        let mut counts = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        counts.sweep(now);
        let fresh = |failures: Option<&Failures>| failures.copied().filter(|f| !f.forgotten(now));
        let pair_failures = fresh(counts.pairs.get(&pair));
        let client_failures = fresh(counts.clients.get(client));
        let account_failures = fresh(counts.accounts.get(&account));
        let pair_free = if account_failures.is_some_and(|f| f.count >= UNDER_ATTACK) {
            1
        } else {
            PAIR_FREE
        };
        let wait = [
            pair_failures.map(|f| f.wait(pair_free, now)),
            client_failures.map(|f| f.wait(CLIENT_FREE, now)),
        ]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or_default();
        if !wait.is_zero() {
            return Err(AppError::TooManyAttempts { retry_after: wait });
        }
        let in_flight = counts.in_flight.get(client).copied().unwrap_or(0);
        let busy = || AppError::SignInBusy {
            retry_after: FIRST_DELAY,
        };
        if in_flight >= CLIENT_IN_FLIGHT {
            return Err(busy());
        }
        let permit = self
            .hashing
            .clone()
            .try_acquire_owned()
            .map_err(|_| busy())?;
        let reserve = |failures: Option<Failures>| Failures {
            count: failures.map_or(0, |f| f.count).saturating_add(1),
            last: now,
        };
        counts.pairs.insert(pair.clone(), reserve(pair_failures));
        counts
            .clients
            .insert(client.to_owned(), reserve(client_failures));
        counts.accounts.insert(account, reserve(account_failures));
        *counts.in_flight.entry(client.to_owned()).or_default() += 1;
        Ok(SignInAttempt {
            counts: self.counts.clone(),
            pair,
            _permit: permit,
        })
    }
}

/// One admitted attempt: its place in the queue of password checks, released when dropped,
/// and its reservation, kept as a failure unless [`Self::signed_in`].
#[derive(Debug)]
pub struct SignInAttempt {
    counts: Arc<Mutex<Counts>>,
    pair: (AccountKey, String),
    _permit: OwnedSemaphorePermit,
}

impl SignInAttempt {
    /// The password was right: this client's failures on the account are cleared and the
    /// attempt no longer counts against the client or the account.
    pub fn signed_in(self) {
        let mut counts = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        counts.pairs.remove(&self.pair);
        let (account, client) = &self.pair;
        if let Some(failures) = counts.clients.get_mut(client) {
            failures.count = failures.count.saturating_sub(1);
        }
        if let Some(failures) = counts.accounts.get_mut(account) {
            failures.count = failures.count.saturating_sub(1);
        }
    }
}

impl Drop for SignInAttempt {
    fn drop(&mut self) {
        let mut counts = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        let client = &self.pair.1;
        if let Some(in_flight) = counts.in_flight.get_mut(client) {
            *in_flight = in_flight.saturating_sub(1);
            if *in_flight == 0 {
                counts.in_flight.remove(client);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECOND: Duration = Duration::from_secs(1);

    fn refused_for(result: Result<SignInAttempt, AppError>) -> Duration {
        match result {
            Err(AppError::TooManyAttempts { retry_after }) => retry_after,
            other => panic!("expected a wait, got {other:?}"),
        }
    }

    #[test]
    fn a_guesser_waits_twice_as_long_after_each_failure_past_the_free_ones() {
        let throttle = SignInThrottle::default();
        let start = Instant::now();
        for _ in 0..PAIR_FREE {
            throttle
                .admit_at("guesser", "q@x.example", "guess", start)
                .unwrap();
        }
        assert_eq!(
            refused_for(throttle.admit_at("guesser", "q@x.example", "guess", start)),
            SECOND
        );
        let mut at = start + SECOND;
        for expected in [2, 4, 8, 16] {
            throttle
                .admit_at("guesser", "q@x.example", "guess", at)
                .unwrap();
            let wait = refused_for(throttle.admit_at("guesser", "Q@X.example ", "guess", at));
            assert_eq!(wait, expected * SECOND);
            at += wait;
        }
        // Another client, and another account from this client, are not held up.
        throttle
            .admit_at("colleague", "q@x.example", "right", at)
            .unwrap();
        throttle
            .admit_at("guesser", "r@x.example", "right", at)
            .unwrap();
        // Forgotten an hour after the last failure.
        throttle
            .admit_at("guesser", "q@x.example", "guess", at + FORGET_AFTER)
            .unwrap();
    }

    #[test]
    fn an_account_under_attack_still_admits_a_client_that_has_not_failed_on_it() {
        let throttle = SignInThrottle::default();
        let start = Instant::now();
        for n in 0..UNDER_ATTACK {
            let client = format!("bot {n}");
            throttle
                .admit_at(&client, "q@x.example", "guess", start)
                .unwrap();
        }
        // A bot's second guess waits from its first failure on…
        refused_for(throttle.admit_at("bot 0", "q@x.example", "guess", start));
        // …while the rightful user's first attempt, from their own device, goes through and,
        // signing in, clears their count.
        let attempt = throttle
            .admit_at("staffroom", "q@x.example", "right", start)
            .unwrap();
        attempt.signed_in();
        throttle
            .admit_at("staffroom", "q@x.example", "right", start)
            .unwrap();
    }

    #[test]
    fn one_client_spraying_many_accounts_is_slowed_down() {
        let throttle = SignInThrottle::default();
        let start = Instant::now();
        for n in 0..CLIENT_FREE {
            throttle
                .admit_at(
                    "sprayer",
                    &format!("staff{n}@x.example"),
                    "Summer2024!",
                    start,
                )
                .unwrap();
        }
        assert_eq!(
            refused_for(throttle.admit_at("sprayer", "new@x.example", "Summer2024!", start)),
            SECOND
        );
    }

    #[test]
    fn checks_at_once_are_bounded_per_client_and_overall() {
        let throttle = SignInThrottle::default();
        let start = Instant::now();
        let busy = |result: Result<SignInAttempt, AppError>| {
            matches!(result, Err(AppError::SignInBusy { .. }))
        };
        let mine: Vec<_> = (0..CLIENT_IN_FLIGHT)
            .map(|_| throttle.admit_at("one", "q@x.example", "p", start).unwrap())
            .collect();
        assert!(busy(throttle.admit_at("one", "r@x.example", "p", start)));
        let others: Vec<_> = (0..HASHING_QUEUE - mine.len())
            .map(|n| {
                throttle
                    .admit_at(&format!("other {n}"), "q@x.example", "p", start)
                    .unwrap()
            })
            .collect();
        assert!(busy(throttle.admit_at("late", "q@x.example", "p", start)));
        drop(others);
        drop(mine);
        throttle.admit_at("one", "q@x.example", "p", start).unwrap();
    }
}

//! Staff sign-in and device tokens.
//!
//! - New passwords must meet [`crate::password_policy`]; they are hashed with Argon2id (the
//!   crate's default parameters in production). An unknown email is checked against a dummy
//!   hash, so both failures take as long.
//! - A device's token is 32 random bytes (base64url); the server keeps only its SHA-256, so a
//!   copy of the database cannot be used to sign in.
//! - Sign-in attempts are counted and slowed down in [`crate::throttle`].
//! - Sync requests are limited per device by a token bucket ([`DeviceBuckets`]).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use argon2::password_hash::{Output, PasswordHash, PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use mentor_core::DeviceId;
use sha2::{Digest, Sha256};

use crate::password_policy::{PasswordRejected, check_new_password};

/// Why a password could not be hashed or a token made.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("password hashing failed: {0}")]
    Hash(String),
    #[error("no secure random numbers are available: {0}")]
    Random(String),
    #[error(transparent)]
    Rejected(#[from] PasswordRejected),
}

/// Hashes and checks staff passwords.
#[derive(Debug, Clone)]
pub struct Passwords {
    params: Params,
    dummy_hash: String,
    /// One Argon2 work area (19 MiB at the default cost) that every sign-in reuses, one at a
    /// time. Letting each check allocate its own left every blocking thread's allocator holding
    /// a copy: 20 sign-ins in a row grew the server past 200 MB.
    work_area: Arc<Mutex<Vec<Block>>>,
}

impl Passwords {
    /// Argon2id with the crate's default (recommended) cost.
    pub fn standard() -> Result<Self, AuthError> {
        Self::with_params(Params::default())
    }

    /// The cheapest Argon2id parameters, for tests only: hashes are still real hashes.
    pub fn fast_for_tests() -> Result<Self, AuthError> {
        let params = Params::new(Params::MIN_M_COST, 1, 1, None)
            .map_err(|err| AuthError::Hash(err.to_string()))?;
        Self::with_params(params)
    }

    fn with_params(params: Params) -> Result<Self, AuthError> {
        let mut passwords = Self {
            params,
            dummy_hash: String::new(),
            work_area: Arc::new(Mutex::new(Vec::new())),
        };
        passwords.dummy_hash = passwords.hash("not a password anyone has")?;
        Ok(passwords)
    }

    fn argon2(&self) -> Argon2<'static> {
        Argon2::new(Algorithm::Argon2id, Version::V0x13, self.params.clone())
    }

    /// A PHC-format hash of a new `password` with a fresh random salt. Every password the
    /// server sets comes through here, so this is where the
    /// [password policy](crate::password_policy) is kept.
    ///
    /// # Errors
    /// [`AuthError::Rejected`] for a password the policy refuses.
    pub fn hash(&self, password: &str) -> Result<String, AuthError> {
        check_new_password(password)?;
        let mut salt = [0u8; 16];
        getrandom::fill(&mut salt).map_err(|err| AuthError::Random(err.to_string()))?;
        let salt = SaltString::encode_b64(&salt).map_err(|err| AuthError::Hash(err.to_string()))?;
        self.argon2()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|err| AuthError::Hash(err.to_string()))
    }

    /// True if `password` matches `hash`. With no hash (unknown email) the dummy hash is
    /// checked anyway, and the answer is false.
    pub fn verify(&self, password: &str, hash: Option<&str>) -> bool {
        let known = hash.is_some();
        let matches = self.matches(password, hash.unwrap_or(&self.dummy_hash));
        known && matches
    }

    /// Recomputes the hash with the stored salt and parameters in the shared work area and
    /// compares in constant time (`Output`'s equality).
    fn matches(&self, password: &str, hash: &str) -> bool {
        let Ok(parsed) = PasswordHash::new(hash) else {
            return false;
        };
        let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
            return false;
        };
        let Ok(params) = Params::try_from(&parsed) else {
            return false;
        };
        let mut salt_bytes = [0u8; 64];
        let Ok(salt) = salt.decode_b64(&mut salt_bytes) else {
            return false;
        };
        let mut computed = vec![0u8; expected.len()];
        // The work area holds nothing worth protecting from a panicked holder: it is
        // overwritten by every hash.
        let mut work_area = self
            .work_area
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        work_area.resize(params.block_count(), Block::default());
        let hashed = Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password_into_with_memory(
                password.as_bytes(),
                salt,
                &mut computed,
                &mut work_area[..],
            );
        drop(work_area);
        hashed.is_ok() && Output::new(&computed).is_ok_and(|computed| computed == expected)
    }
}

/// A new device token: 32 random bytes, base64url without padding.
pub fn new_token() -> Result<String, AuthError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|err| AuthError::Random(err.to_string()))?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// What the database keeps of a token: its SHA-256, in hex.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Entries kept before stale ones are swept, so a flood of made-up device ids cannot grow
/// the map without bound.
const SWEEP_AT: usize = 10_000;

/// One token bucket per device: `rate` requests a second, up to `burst` at once.
#[derive(Debug)]
pub struct DeviceBuckets {
    rate: f64,
    burst: f64,
    buckets: HashMap<DeviceId, (f64, Instant)>,
}

impl DeviceBuckets {
    pub fn new(rate: f64, burst: f64) -> Self {
        Self {
            rate,
            burst,
            buckets: HashMap::new(),
        }
    }

    /// Takes one token for `device`, or says how long until one is available.
    pub fn take(&mut self, device: DeviceId, now: Instant) -> Result<(), Duration> {
        if self.buckets.len() >= SWEEP_AT {
            let full_after = Duration::from_secs_f64(self.burst / self.rate);
            self.buckets
                .retain(|_, (_, last)| now.duration_since(*last) < full_after);
        }
        let (tokens, last) = self.buckets.entry(device).or_insert((self.burst, now));
        let refilled = now.duration_since(*last).as_secs_f64() * self.rate;
        *tokens = (*tokens + refilled).min(self.burst);
        *last = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - *tokens) / self.rate))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_and_unknown_emails_never_match() {
        let passwords = Passwords::fast_for_tests().unwrap();
        let hash = passwords.hash("correct horse").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(passwords.verify("correct horse", Some(&hash)));
        assert!(!passwords.verify("wrong horse", Some(&hash)));
        assert!(!passwords.verify("not a password anyone has", None));
    }

    #[test]
    fn tokens_are_long_random_and_stored_hashed() {
        let (a, b) = (new_token().unwrap(), new_token().unwrap());
        assert_eq!(a.len(), 43);
        assert_ne!(a, b);
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), a);
    }

    #[test]
    fn buckets_allow_a_burst_then_the_rate() {
        let device = DeviceId::from_time_and_random(1, [1; 10]).unwrap();
        let mut buckets = DeviceBuckets::new(2.0, 3.0);
        let start = Instant::now();
        for _ in 0..3 {
            buckets.take(device, start).unwrap();
        }
        assert!(buckets.take(device, start).is_err());
        buckets
            .take(device, start + Duration::from_millis(500))
            .unwrap();
    }
}

//! Hybrid logical clock: the stamps that order every change.
//!
//! A stamp ([`Hlc`]) is a 48-bit wall time in ms, a 16-bit counter for events within one ms
//! (or while the wall clock lags behind a stamp already seen), and the device id as the last
//! tie-break, so two different devices never make equal stamps. Stamps are ordered by
//! `(millis, counter, device)`. A device's [`HlcClock`] never goes backwards, and it moves past
//! every stamp the device has seen ([`HlcClock::observe`]), so an edit made after seeing a
//! value always wins over that value, whatever the wall clocks say.
//!
//! Time is a parameter of every call: nothing here reads a clock. Running out of room (more
//! than 65 535 events in one ms, or a time past the year 10889) is an error value, never a
//! panic or a silent wrap.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::ids::{DeviceId, MAX_UNIX_MILLIS, excerpt};

/// Length of [`Hlc::encode`]'s text: 12 hex digits of ms, `-`, 4 of counter, `-`, 32 of device.
pub const HLC_TEXT_LEN: usize = 50;

/// Why a clock could not produce a stamp. The clock's state is unchanged after an error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClockError {
    /// A wall time (the device's, or one inside a stamp) does not fit 48 bits.
    #[error(
        "the time {millis} ms after 1970 is too far in the future to record; check the device's date and time"
    )]
    TimeOutOfRange {
        /// The offending time.
        millis: u64,
    },
    /// More than 65 535 stamps were needed within one millisecond of clock time.
    #[error(
        "too many changes were made at the same moment (more than 65,535); wait a second and try again"
    )]
    CounterExhausted,
}

/// Why text is not a clock stamp.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HlcParseError {
    /// The text has the wrong length.
    #[error("\"{text}\" is not a clock stamp: it should be {HLC_TEXT_LEN} characters, not {len}")]
    WrongLength {
        /// The text, shortened.
        text: String,
        /// Its length in bytes.
        len: usize,
    },
    /// The text is not lowercase hex in three dash-separated groups.
    #[error(
        "\"{text}\" is not a clock stamp: it should be lowercase hex digits in groups of 12, 4 and 32 separated by dashes"
    )]
    Malformed {
        /// The text, shortened.
        text: String,
    },
}

/// A hybrid logical clock stamp. Build one with [`HlcClock`], [`Hlc::new`] or [`Hlc::parse`].
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hlc {
    // Field order is the ordering: derive(Ord) compares millis, then counter, then device.
    millis: u64,
    counter: u16,
    device: DeviceId,
}

impl Hlc {
    /// A stamp from its parts.
    ///
    /// # Errors
    /// [`ClockError::TimeOutOfRange`] if `millis` does not fit 48 bits.
    pub fn new(millis: u64, counter: u16, device: DeviceId) -> Result<Self, ClockError> {
        if millis > MAX_UNIX_MILLIS {
            return Err(ClockError::TimeOutOfRange { millis });
        }
        Ok(Self {
            millis,
            counter,
            device,
        })
    }

    /// Wall time in ms since 1970 (at most 48 bits).
    pub const fn millis(&self) -> u64 {
        self.millis
    }

    /// Counter within the millisecond.
    pub const fn counter(&self) -> u16 {
        self.counter
    }

    /// The device that made the stamp (the final tie-break).
    pub const fn device(&self) -> DeviceId {
        self.device
    }

    /// Fixed-width text whose byte order is the stamp order, for storage keys and SQL columns,
    /// e.g. `018bcfe56800-0000-0190c3e27a1b7c4d8e5f0a1b2c3d4e5f`.
    pub fn encode(&self) -> String {
        format!(
            "{:012x}-{:04x}-{}",
            self.millis,
            self.counter,
            self.device.as_uuid().simple()
        )
    }

    /// Reads text made by [`Hlc::encode`]. Only the canonical lowercase form is accepted, so
    /// every stamp has exactly one text and text order stays stamp order.
    ///
    /// # Errors
    /// [`HlcParseError`] saying what is wrong with the text.
    pub fn parse(text: &str) -> Result<Self, HlcParseError> {
        if text.len() != HLC_TEXT_LEN {
            return Err(HlcParseError::WrongLength {
                text: excerpt(text),
                len: text.len(),
            });
        }
        let malformed = || HlcParseError::Malformed {
            text: excerpt(text),
        };
        let bytes = text.as_bytes();
        let canonical = bytes.iter().enumerate().all(|(at, byte)| match at {
            12 | 17 => *byte == b'-',
            _ => byte.is_ascii_digit() || (b'a'..=b'f').contains(byte),
        });
        if !canonical {
            return Err(malformed());
        }
        // Slicing is safe: the text is all ASCII, checked above.
        let millis = u64::from_str_radix(&text[..12], 16).map_err(|_| malformed())?;
        let counter = u16::from_str_radix(&text[13..17], 16).map_err(|_| malformed())?;
        let device = uuid::Uuid::try_parse(&text[18..]).map_err(|_| malformed())?;
        // 12 hex digits are exactly 48 bits, so `new` cannot fail here; map it anyway.
        Hlc::new(millis, counter, DeviceId::from_uuid(device)).map_err(|_| malformed())
    }
}

impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.encode())
    }
}

impl fmt::Debug for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Hlc({})", self.encode())
    }
}

impl FromStr for Hlc {
    type Err = HlcParseError;

    fn from_str(text: &str) -> Result<Self, HlcParseError> {
        Hlc::parse(text)
    }
}

/// On the wire and in storage a stamp is its [`Hlc::encode`] text: one form everywhere.
impl Serialize for Hlc {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.encode())
    }
}

impl<'de> Deserialize<'de> for Hlc {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        Hlc::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// A device's clock. Serializable so the app keeps it in IndexedDB `meta`, written in the same
/// transaction as the op it stamped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ClockState", into = "ClockState")]
pub struct HlcClock {
    device: DeviceId,
    millis: u64,
    counter: u16,
}

/// The stored form of [`HlcClock`], checked on the way in.
#[derive(Serialize, Deserialize)]
struct ClockState {
    device: DeviceId,
    millis: u64,
    counter: u16,
}

impl TryFrom<ClockState> for HlcClock {
    type Error = ClockError;

    fn try_from(state: ClockState) -> Result<Self, ClockError> {
        let last = Hlc::new(state.millis, state.counter, state.device)?;
        Ok(Self::resume(last))
    }
}

impl From<HlcClock> for ClockState {
    fn from(clock: HlcClock) -> Self {
        Self {
            device: clock.device,
            millis: clock.millis,
            counter: clock.counter,
        }
    }
}

impl HlcClock {
    /// A fresh clock for a device that has stamped nothing yet.
    pub const fn new(device: DeviceId) -> Self {
        Self {
            device,
            millis: 0,
            counter: 0,
        }
    }

    /// A clock that continues after `last`, a stamp it made earlier.
    pub const fn resume(last: Hlc) -> Self {
        Self {
            device: last.device,
            millis: last.millis,
            counter: last.counter,
        }
    }

    /// The device whose clock this is.
    pub const fn device(&self) -> DeviceId {
        self.device
    }

    /// The clock's current position: every stamp it makes from now on is greater.
    pub fn last(&self) -> Hlc {
        Hlc {
            millis: self.millis,
            counter: self.counter,
            device: self.device,
        }
    }

    /// Stamps a local event (an edit) at wall time `now_ms`.
    ///
    /// # Errors
    /// [`ClockError`] if `now_ms` does not fit 48 bits or the counter would overflow; the
    /// clock is then unchanged.
    pub fn tick(&mut self, now_ms: u64) -> Result<Hlc, ClockError> {
        check_time(now_ms)?;
        let (millis, counter) = if now_ms > self.millis {
            (now_ms, 0)
        } else {
            (self.millis, next(self.counter)?)
        };
        Ok(self.set(millis, counter))
    }

    /// Moves the clock past `remote`, a stamp seen from elsewhere (a pulled record), so the
    /// next local edit orders after it. Returns the clock's new position.
    ///
    /// # Errors
    /// As [`HlcClock::tick`]; the clock is unchanged after an error.
    pub fn observe(&mut self, remote: &Hlc, now_ms: u64) -> Result<Hlc, ClockError> {
        check_time(now_ms)?;
        let millis = self.millis.max(remote.millis).max(now_ms);
        let counter = match (millis == self.millis, millis == remote.millis) {
            (true, true) => next(self.counter.max(remote.counter))?,
            (true, false) => next(self.counter)?,
            (false, true) => next(remote.counter)?,
            (false, false) => 0,
        };
        Ok(self.set(millis, counter))
    }

    fn set(&mut self, millis: u64, counter: u16) -> Hlc {
        self.millis = millis;
        self.counter = counter;
        self.last()
    }
}

fn check_time(millis: u64) -> Result<(), ClockError> {
    if millis > MAX_UNIX_MILLIS {
        Err(ClockError::TimeOutOfRange { millis })
    } else {
        Ok(())
    }
}

fn next(counter: u16) -> Result<u16, ClockError> {
    counter.checked_add(1).ok_or(ClockError::CounterExhausted)
}

#[cfg(test)]
#[path = "hlc_tests.rs"]
mod tests;

//! Identifiers of devices, operations and records.
//!
//! All three are UUIDs, kept apart by newtypes so an op id can never be passed where a record
//! id is meant. New ids use the UUIDv7 layout (48-bit Unix time in ms, then random bits), so
//! they sort roughly by creation time, which keeps database indexes compact. This crate has no
//! source of time or randomness: the caller passes both in (on wasm32 the app takes the time
//! from `Date.now()` and the bytes from `crypto.getRandomValues`).
//!
//! Records that two devices may create for the same thing (a student's membership of a group,
//! a caseload assignment) get a *derived* id instead, a UUIDv5 of a parent record's id and some
//! text, so both devices write to one record instead of making two.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The largest Unix time in milliseconds that fits the 48 bits that ids and clock stamps give
/// it (a date in the year 10889).
pub const MAX_UNIX_MILLIS: u64 = (1 << 48) - 1;

/// Why an id could not be made or read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// The time passed in does not fit 48 bits.
    #[error(
        "the time {millis} ms after 1970 is too far in the future to put in an id; check the device's date and time"
    )]
    TimeOutOfRange {
        /// The time that was passed in.
        millis: u64,
    },
    /// The text is not a UUID.
    #[error(
        "\"{text}\" is not a record id (expected a UUID such as 0190c3e2-7a1b-7c4d-8e5f-0a1b2c3d4e5f)"
    )]
    Invalid {
        /// The text that was read, shortened if it was long.
        text: String,
    },
}

/// Makes a UUIDv7 from a Unix time in ms and 10 random bytes (74 of their 80 bits are kept).
fn v7(millis: u64, random: &[u8; 10]) -> Result<Uuid, IdError> {
    if millis > MAX_UNIX_MILLIS {
        return Err(IdError::TimeOutOfRange { millis });
    }
    Ok(uuid::Builder::from_unix_timestamp_millis(millis, random).into_uuid())
}

/// Shortens text quoted in an error message so one bad value cannot flood a log or a screen.
pub(crate) fn excerpt(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        let mut short: String = text.chars().take(MAX).collect();
        short.push('…');
        short
    }
}

fn parse(text: &str) -> Result<Uuid, IdError> {
    Uuid::parse_str(text).map_err(|_| IdError::Invalid {
        text: excerpt(text),
    })
}

macro_rules! uuid_newtype {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            /// A new time-ordered id (UUIDv7 layout) from a Unix time in ms and 10 random bytes.
            ///
            /// # Errors
            /// [`IdError::TimeOutOfRange`] if `millis` does not fit 48 bits.
            pub fn from_time_and_random(millis: u64, random: [u8; 10]) -> Result<Self, IdError> {
                v7(millis, &random).map(Self)
            }

            /// Wraps an existing UUID.
            pub const fn from_uuid(uuid: Uuid) -> Self {
                Self(uuid)
            }

            /// The UUID inside.
            pub const fn as_uuid(&self) -> &Uuid {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0.hyphenated(), f)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.0.hyphenated())
            }
        }

        impl FromStr for $name {
            type Err = IdError;

            fn from_str(text: &str) -> Result<Self, IdError> {
                parse(text).map(Self)
            }
        }

        impl From<Uuid> for $name {
            fn from(uuid: Uuid) -> Self {
                Self(uuid)
            }
        }
    };
}

uuid_newtype! {
    /// One installation of the app on one device, issued when staff sign in on it. It is the
    /// last tie-break of the clock, so two devices never produce equal stamps.
    DeviceId
}

uuid_newtype! {
    /// One operation (a local change). The server stores each op once by this id, so a push
    /// that is resent after a lost reply is recognised as a duplicate.
    OpId
}

uuid_newtype! {
    /// One record (a student, a staff member, a teaching group, …).
    EntityId
}

impl EntityId {
    /// A deterministic id for a record that hangs off `namespace` (a parent record) and is
    /// identified by `parts`, so two devices that create "the same thing" offline produce the
    /// same id and their writes merge into one record.
    ///
    /// The parts are length-prefixed before hashing, so `["ab", "c"]` and `["a", "bc"]` give
    /// different ids.
    pub fn derived(namespace: EntityId, parts: &[&str]) -> EntityId {
        let mut name = Vec::new();
        for part in parts {
            name.extend_from_slice(part.len().to_string().as_bytes());
            name.push(b':');
            name.extend_from_slice(part.as_bytes());
        }
        EntityId(Uuid::new_v5(&namespace.0, &name))
    }

    /// True if the id has the layout of a new record's id ([`Self::from_time_and_random`],
    /// UUIDv7). Derived ids ([`Self::derived`]) are UUIDv5, so the version alone tells a
    /// record made on a device from one whose id is made from what it links.
    pub fn is_time_ordered(&self) -> bool {
        self.0.get_version_num() == 7
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v7_ids_carry_their_time_and_sort_by_it() {
        let earlier = OpId::from_time_and_random(1_700_000_000_000, [0xff; 10]).unwrap();
        let later = OpId::from_time_and_random(1_700_000_000_001, [0; 10]).unwrap();
        assert!(earlier < later);
        assert_eq!(earlier.as_uuid().get_version_num(), 7);
        let (secs, nanos) = earlier.as_uuid().get_timestamp().unwrap().to_unix();
        assert_eq!(
            secs * 1000 + u64::from(nanos) / 1_000_000,
            1_700_000_000_000
        );
    }

    #[test]
    fn time_beyond_48_bits_is_an_error_not_a_wrapped_id() {
        let err = DeviceId::from_time_and_random(MAX_UNIX_MILLIS + 1, [1; 10]).unwrap_err();
        assert!(matches!(err, IdError::TimeOutOfRange { .. }));
        assert!(DeviceId::from_time_and_random(MAX_UNIX_MILLIS, [1; 10]).is_ok());
    }

    #[test]
    fn ids_serialize_as_plain_strings_and_parse_back() {
        let id = EntityId::from_time_and_random(1_700_000_000_000, [7; 10]).unwrap();
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, format!("\"{id}\""));
        assert_eq!(serde_json::from_str::<EntityId>(&json).unwrap(), id);
        assert_eq!(id.to_string().parse::<EntityId>().unwrap(), id);
    }

    #[test]
    fn parse_errors_quote_the_text_briefly() {
        let err = "not-an-id".parse::<EntityId>().unwrap_err();
        assert!(err.to_string().contains("\"not-an-id\" is not a record id"));
        let long = "x".repeat(500);
        assert!(long.parse::<EntityId>().unwrap_err().to_string().len() < 200);
    }

    #[test]
    fn derived_ids_are_stable_and_unambiguous() {
        let group = EntityId::from_time_and_random(1_700_000_000_000, [3; 10]).unwrap();
        let a = EntityId::derived(group, &["group_membership", "x"]);
        assert_eq!(a, EntityId::derived(group, &["group_membership", "x"]));
        assert_eq!(a.as_uuid().get_version_num(), 5);
        assert!(!a.is_time_ordered());
        assert!(group.is_time_ordered());
        assert_ne!(
            EntityId::derived(group, &["ab", "c"]),
            EntityId::derived(group, &["a", "bc"])
        );
        let other = EntityId::from_time_and_random(1_700_000_000_000, [4; 10]).unwrap();
        assert_ne!(a, EntityId::derived(other, &["group_membership", "x"]));
    }
}

//! The server's clock guard: a device whose clock is far ahead cannot win every conflict.
//!
//! Last-writer-wins trusts the stamps devices send. A tablet whose date is set a month ahead
//! would otherwise win every conflict for a month, and every device that saw its stamps would
//! be dragged a month ahead too. So when the server takes in an op it compares the op's stamp
//! with its own time: a stamp more than `max_ahead_ms` ahead is replaced by an *effective*
//! stamp at `server_now + max_ahead_ms` (the device id is kept as the tie-break). The effective
//! stamp is what is merged, stored and sent to other devices, and the push reply tells the
//! device its op was capped so the app can say "this device's clock is ahead; check its date
//! and time".
//!
//! Capping alone would give two ops that one fast device made a few ms apart the *same*
//! effective stamp, and then "which edit came last" would be lost. So the guard remembers the
//! last effective stamp it issued and issues strictly increasing ones; the server processes a
//! device's ops in `device_seq` order, so a device's capped ops keep their order. The server
//! persists the guard (it is two numbers) in the same transaction as the ops.

use serde::{Deserialize, Serialize};

use crate::hlc::{ClockError, Hlc};
use crate::ids::MAX_UNIX_MILLIS;

/// How far ahead of the server's clock a stamp may be before it is capped: one minute, well
/// above ordinary drift between phones, tablets and the server, well below a wrong date.
pub const DEFAULT_MAX_AHEAD_MS: u64 = 60_000;

/// The guard's state: the last effective stamp it issued for a capped op.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockGuard {
    last_millis: u64,
    last_counter: u16,
}

/// The stamp an op is merged with, and whether the guard had to cap it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Admitted {
    /// The effective stamp: the op's own, or the capped one.
    pub hlc: Hlc,
    /// True if the op's stamp was too far ahead and was replaced.
    pub capped: bool,
}

impl ClockGuard {
    /// A guard that has capped nothing yet.
    pub const fn new() -> Self {
        Self {
            last_millis: 0,
            last_counter: 0,
        }
    }

    /// The effective stamp for an op stamped `hlc`, taken in when the server's clock reads
    /// `server_now_ms`.
    ///
    /// # Errors
    /// [`ClockError`] only in the absurd case of 65 536 capped ops within one ms of server
    /// time, or a server time beyond 48 bits; the guard is unchanged then.
    pub fn admit(
        &mut self,
        hlc: &Hlc,
        server_now_ms: u64,
        max_ahead_ms: u64,
    ) -> Result<Admitted, ClockError> {
        let limit = server_now_ms
            .saturating_add(max_ahead_ms)
            .min(MAX_UNIX_MILLIS);
        if hlc.millis() <= limit {
            return Ok(Admitted {
                hlc: *hlc,
                capped: false,
            });
        }
        // Strictly after the last capped stamp, even if the server's clock stepped back.
        let (millis, counter) = if self.last_millis >= limit {
            let counter = self
                .last_counter
                .checked_add(1)
                .ok_or(ClockError::CounterExhausted)?;
            (self.last_millis, counter)
        } else {
            (limit, 0)
        };
        let capped = Hlc::new(millis, counter, hlc.device())?;
        self.last_millis = millis;
        self.last_counter = counter;
        Ok(Admitted {
            hlc: capped,
            capped: true,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::DeviceId;

    fn stamp(millis: u64, counter: u16) -> Hlc {
        let device = DeviceId::from_time_and_random(1_700_000_000_000, [9; 10]).unwrap();
        Hlc::new(millis, counter, device).unwrap()
    }

    #[test]
    fn stamps_within_the_window_pass_unchanged() {
        let mut guard = ClockGuard::new();
        let ok = guard
            .admit(&stamp(1_060_000, 3), 1_000_000, 60_000)
            .unwrap();
        assert_eq!(ok.hlc, stamp(1_060_000, 3));
        assert!(!ok.capped);
        assert_eq!(guard, ClockGuard::new());
    }

    #[test]
    fn a_far_ahead_stamp_is_capped_near_server_time_and_keeps_its_device() {
        let mut guard = ClockGuard::new();
        let month_ahead = stamp(1_000_000 + 30 * 86_400_000, 0);
        let admitted = guard.admit(&month_ahead, 1_000_000, 60_000).unwrap();
        assert!(admitted.capped);
        assert_eq!(admitted.hlc.millis(), 1_060_000);
        assert_eq!(admitted.hlc.device(), month_ahead.device());
    }

    #[test]
    fn capped_stamps_stay_in_the_order_they_were_admitted() {
        let mut guard = ClockGuard::new();
        let first = guard
            .admit(&stamp(9_000_000, 0), 1_000_000, 60_000)
            .unwrap();
        let second = guard
            .admit(&stamp(9_000_005, 0), 1_000_000, 60_000)
            .unwrap();
        // The server's clock stepping back must not reorder them either.
        let third = guard.admit(&stamp(9_000_009, 0), 900_000, 60_000).unwrap();
        assert!(first.hlc < second.hlc && second.hlc < third.hlc);
        let later = guard
            .admit(&stamp(9_000_010, 0), 2_000_000, 60_000)
            .unwrap();
        assert_eq!(later.hlc.millis(), 2_060_000);
        assert_eq!(later.hlc.counter(), 0);
    }

    #[test]
    fn guard_state_round_trips() {
        let mut guard = ClockGuard::new();
        guard
            .admit(&stamp(9_000_000, 0), 1_000_000, 60_000)
            .unwrap();
        let json = serde_json::to_string(&guard).unwrap();
        assert_eq!(serde_json::from_str::<ClockGuard>(&json).unwrap(), guard);
    }
}

//! The server's clock, behind a trait so tests move time on (a month without use, half a year
//! of sign-ins) instead of sleeping.

/// Where the server reads the time, in Unix ms.
pub trait Clock: Send + Sync {
    /// The time now, in Unix ms.
    fn now_ms(&self) -> u64;
}

/// The operating system's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_ms(&self) -> u64 {
        crate::api::extract::now_ms()
    }
}

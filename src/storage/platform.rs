//! The browser's clock and secure random source, read only here (never inside core).
//!
//! Native builds (the app's unit tests) read the system clock through chrono and a per-process
//! random source instead, so the in-memory store works there too.

/// Wall time in ms since 1970 from `Date.now()` (never negative in a browser).
#[cfg(target_arch = "wasm32")]
pub fn now_ms() -> u64 {
    let now = js_sys::Date::now();
    if now.is_finite() && now > 0.0 {
        // Truncation is intended: whole milliseconds, far below 2^53.
        now as u64
    } else {
        0
    }
}

/// Wall time in ms since 1970 (native unit tests).
#[cfg(not(target_arch = "wasm32"))]
pub fn now_ms() -> u64 {
    u64::try_from(chrono::Utc::now().timestamp_millis()).unwrap_or(0)
}

/// Ten bytes from `crypto.getRandomValues`, for op and device ids. Falls back to
/// `Math.random` only where Web Crypto is missing (ids then stay unique by their time part
/// and 74 bits that are merely hard to guess).
#[cfg(target_arch = "wasm32")]
pub fn random_bytes() -> [u8; 10] {
    let mut bytes = [0u8; 10];
    let filled = web_sys::window()
        .and_then(|window| window.crypto().ok())
        .is_some_and(|crypto| crypto.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        for byte in &mut bytes {
            // Truncation is intended: a value in 0..256.
            *byte = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes
}

/// Ten bytes that differ on every call (native unit tests): std's randomly keyed hasher over
/// a counter. Unique, not secret; nothing native stores real data.
#[cfg(not(target_arch = "wasm32"))]
pub fn random_bytes() -> [u8; 10] {
    use std::hash::{BuildHasher, RandomState};
    use std::sync::atomic::{AtomicU64, Ordering};
    static CALLS: AtomicU64 = AtomicU64::new(0);
    let state = RandomState::new();
    let call = CALLS.fetch_add(1, Ordering::Relaxed);
    let high = state.hash_one(call).to_le_bytes();
    let low = state.hash_one(!call).to_le_bytes();
    let mut bytes = [0u8; 10];
    bytes[..8].copy_from_slice(&high);
    bytes[8..].copy_from_slice(&low[..2]);
    bytes
}

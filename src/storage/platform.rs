//! The browser's clock and secure random source, read only here (never inside core).

/// Wall time in ms since 1970 from `Date.now()` (never negative in a browser).
pub fn now_ms() -> u64 {
    let now = js_sys::Date::now();
    if now.is_finite() && now > 0.0 {
        // Truncation is intended: whole milliseconds, far below 2^53.
        now as u64
    } else {
        0
    }
}

/// Ten bytes from `crypto.getRandomValues`, for op and device ids. Falls back to
/// `Math.random` only where Web Crypto is missing (ids then stay unique by their time part
/// and 74 bits that are merely hard to guess).
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

//! How much the browser lets this app keep on the device, and whether it may clear it.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::StorageEstimate;

/// A reading of the browser's storage for this site.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StorageReport {
    /// Bytes this site uses.
    pub usage: f64,
    /// Bytes this site may use before writes fail.
    pub quota: f64,
    /// True if the browser has granted persistent storage (it will not clear it under pressure).
    pub persisted: bool,
}

/// Asks the browser for its storage estimate; `None` where the Storage API is missing
/// (older browsers, or a page that is not a secure context).
pub async fn read_storage_report() -> Option<StorageReport> {
    let navigator = leptos::prelude::window().navigator();
    if !js_sys::Reflect::has(&navigator, &JsValue::from_str("storage")).unwrap_or(false) {
        return None;
    }
    let storage = navigator.storage();
    let estimate: StorageEstimate = JsFuture::from(storage.estimate().ok()?).await.ok()?.into();
    let persisted = match storage.persisted() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .ok()
            .and_then(|value| value.as_bool())
            .unwrap_or(false),
        Err(_) => false,
    };
    Some(StorageReport {
        usage: estimate.get_usage().unwrap_or(0.0),
        quota: estimate.get_quota().unwrap_or(0.0),
        persisted,
    })
}

/// Bytes in the units a person reads: "740 KB", "1.2 MB", "9.8 GB".
pub fn format_bytes(bytes: f64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    let mut value = bytes / 1000.0;
    let mut unit = 0;
    while value >= 1000.0 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    if value < 10.0 && unit > 0 {
        format!("{value:.1} {}", UNITS[unit])
    } else {
        format!("{value:.0} {}", UNITS[unit])
    }
}

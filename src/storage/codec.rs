//! The one place where stored values are turned into what IndexedDB holds and back.
//!
//! Every record, op and meta value passes through [`encode`] and [`decode`], so encryption at
//! rest can be added here later without touching the stores. Values are JSON text in a JS
//! string: IndexedDB never sees a JS `Map` (the `serde_wasm_bindgen` trap) and keys stay
//! out-of-line, so no key path has to be found inside a value.

use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

use super::{Result, StorageError};

/// A value as IndexedDB stores it.
///
/// # Errors
/// [`StorageError::Failed`] if the value cannot be written as JSON (a non-string map key).
pub fn encode<T: Serialize>(value: &T) -> Result<JsValue> {
    serde_json::to_string(value)
        .map(|text| JsValue::from_str(&text))
        .map_err(|error| StorageError::Failed(error.to_string()))
}

/// A value read from IndexedDB.
///
/// # Errors
/// [`StorageError::Corrupt`] if the stored value is not what [`encode`] wrote for `T`.
pub fn decode<T: DeserializeOwned>(value: &JsValue) -> Result<T> {
    let text = value
        .as_string()
        .ok_or_else(|| StorageError::Corrupt("a stored value is not text".to_owned()))?;
    serde_json::from_str(&text).map_err(|error| StorageError::Corrupt(error.to_string()))
}

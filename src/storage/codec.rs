//! The one place where stored values are turned into what IndexedDB holds and back.
//!
//! Values are JSON: IndexedDB never sees a JS `Map` (the `serde_wasm_bindgen` trap) and keys
//! stay out-of-line, so no key path has to be found inside a value.
//!
//! - [`encode`] / [`decode`]: JSON text in a JS string, for what may stay in clear (the
//!   device's clock, the pull cursor, the wrapped key).
//! - [`seal`] / [`open`]: the JSON sealed under the device's data key, stored as bytes
//!   (`Uint8Array`), for everything about a child, the outbox and the session. [`open`] also
//!   reads a value written in clear by a version before encryption at rest, until
//!   the store's migration has sealed it in place ([`is_sealed`]).

use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};

use super::crypto::{CryptoError, DataKey};
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
    // Read as bytes, as `open` reads a sealed value: one deserializer per stored type.
    serde_json::from_slice(text.as_bytes())
        .map_err(|error| StorageError::Corrupt(error.to_string()))
}

/// `value` sealed under `key`, as IndexedDB stores it.
///
/// # Errors
/// [`StorageError::Failed`] if it cannot be written as JSON or sealed.
pub async fn seal<T: Serialize>(key: &DataKey, value: &T) -> Result<JsValue> {
    let json =
        serde_json::to_vec(value).map_err(|error| StorageError::Failed(error.to_string()))?;
    let sealed = key.seal(&json).await.map_err(crypto_error)?;
    Ok(js_sys::Uint8Array::from(sealed.as_slice()).into())
}

/// A value [`seal`] stored (or one stored in clear before encryption at rest).
///
/// # Errors
/// [`StorageError::Corrupt`] if it does not open with `key` or is not a `T`.
pub async fn open<T: DeserializeOwned>(key: &DataKey, value: &JsValue) -> Result<T> {
    if !is_sealed(value) {
        return decode(value);
    }
    let sealed = js_sys::Uint8Array::new(value).to_vec();
    let json = key.open(&sealed).await.map_err(crypto_error)?;
    serde_json::from_slice(&json).map_err(|error| StorageError::Corrupt(error.to_string()))
}

/// Every value of `values`, in order, as [`open`] reads one; the sealed ones are opened
/// side by side.
///
/// # Errors
/// [`StorageError::Corrupt`] if any does not open with `key` or is not a `T`.
pub async fn open_all<T: DeserializeOwned>(key: &DataKey, values: &[JsValue]) -> Result<Vec<T>> {
    let sealed: Vec<Vec<u8>> = values
        .iter()
        .filter(|value| is_sealed(value))
        .map(|value| js_sys::Uint8Array::new(value).to_vec())
        .collect();
    let mut opened = key
        .open_all(&sealed)
        .await
        .map_err(crypto_error)?
        .into_iter();
    values
        .iter()
        .map(|value| {
            if !is_sealed(value) {
                return decode(value);
            }
            let json = opened
                .next()
                .ok_or_else(|| StorageError::Corrupt("a sealed value is missing".to_owned()))?;
            serde_json::from_slice(&json).map_err(|error| StorageError::Corrupt(error.to_string()))
        })
        .collect()
}

/// True if `value` was stored by [`seal`], false if it is in clear.
pub fn is_sealed(value: &JsValue) -> bool {
    value.is_instance_of::<js_sys::Uint8Array>()
}

fn crypto_error(error: CryptoError) -> StorageError {
    match error {
        CryptoError::WrongKey => StorageError::Corrupt(error.to_string()),
        CryptoError::Missing | CryptoError::Failed(_) => StorageError::Failed(error.to_string()),
    }
}

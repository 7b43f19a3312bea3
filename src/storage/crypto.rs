//! Encryption at rest, through the browser's Web Crypto (`crypto.subtle`).
//!
//! Every value about a child, and the outbox, is sealed with AES-256-GCM under the device's
//! random data key, a fresh 96-bit IV per write: what IndexedDB holds is `iv ‖ ciphertext`.
//! The data key is kept on the device only wrapped by a key derived from the member of staff's
//! PIN or passphrase (PBKDF2-SHA-256, [`PIN_ITERATIONS`], a random salt); the server holds an
//! escrow copy for recovery. The unwrapped key is a non-extractable `CryptoKey` held in memory
//! while the app is unlocked, and the raw bytes exist only for the moment of wrapping,
//! escrowing or importing.

use js_sys::{Array, Object, Reflect, Uint8Array};
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

/// PBKDF2 iterations for a PIN-derived key (OWASP's figure for PBKDF2-HMAC-SHA256).
pub const PIN_ITERATIONS: u32 = 600_000;
/// Bytes of a data key (AES-256).
pub const KEY_BYTES: usize = 32;
const IV_BYTES: usize = 12;
const SALT_BYTES: usize = 16;

/// Why Web Crypto could not do what was asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CryptoError {
    /// The browser has no Web Crypto (an insecure origin or a very old browser).
    #[error(
        "This browser cannot encrypt data (it needs a secure connection, https, and a current browser)."
    )]
    Missing,
    /// The sealed value does not open with this key: another key, or damaged data.
    #[error("a stored value does not open with this device's key")]
    WrongKey,
    /// Web Crypto refused the operation.
    #[error("encryption failed: {0}")]
    Failed(String),
}

/// A data key, unwrapped: it seals and opens stored values.
#[derive(Clone)]
pub struct DataKey(CryptoKey);

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(..)")
    }
}

/// The data key as the device stores it: sealed under the key derived from a PIN.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WrappedKey {
    /// The PBKDF2 salt.
    pub salt: Vec<u8>,
    /// The PBKDF2 iteration count it was derived with.
    pub iterations: u32,
    /// `iv ‖ AES-GCM(derived key, data key)`.
    pub sealed: Vec<u8>,
}

/// A new random data key's bytes.
///
/// # Errors
/// [`CryptoError::Missing`] without Web Crypto.
pub fn new_key_bytes() -> Result<[u8; KEY_BYTES], CryptoError> {
    let mut bytes = [0u8; KEY_BYTES];
    fill_random(&mut bytes)?;
    Ok(bytes)
}

impl DataKey {
    /// The key with these bytes, non-extractable.
    ///
    /// # Errors
    /// What Web Crypto said.
    pub async fn import(bytes: &[u8; KEY_BYTES]) -> Result<Self, CryptoError> {
        let raw = Uint8Array::from(&bytes[..]);
        let promise = subtle()?
            .import_key_with_str("raw", &raw, "AES-GCM", false, &usages())
            .map_err(failed)?;
        Ok(Self(resolve(promise).await?.unchecked_into()))
    }

    /// `plain` sealed under this key: `iv ‖ ciphertext`.
    ///
    /// # Errors
    /// What Web Crypto said.
    pub async fn seal(&self, plain: &[u8]) -> Result<Vec<u8>, CryptoError> {
        seal_with(&self.0, plain).await
    }

    /// What [`DataKey::seal`] sealed.
    ///
    /// # Errors
    /// [`CryptoError::WrongKey`] if it was sealed under another key or altered.
    pub async fn open(&self, sealed: &[u8]) -> Result<Vec<u8>, CryptoError> {
        open_with(&self.0, sealed).await
    }

    /// Opens every value of `sealed` at once (Web Crypto works on them side by side: a
    /// page of 2,000 students does not wait for 2,000 round trips in turn).
    ///
    /// # Errors
    /// [`CryptoError::WrongKey`] if any of them does not open.
    pub async fn open_all(&self, sealed: &[Vec<u8>]) -> Result<Vec<Vec<u8>>, CryptoError> {
        let subtle = subtle()?;
        let promises = Array::new();
        for value in sealed {
            if value.len() <= IV_BYTES {
                return Err(CryptoError::WrongKey);
            }
            let (iv, body) = value.split_at(IV_BYTES);
            let promise = subtle
                .decrypt_with_object_and_u8_array(&gcm(iv)?, &self.0, body)
                .map_err(failed)?;
            promises.push(&promise);
        }
        let opened = JsFuture::from(js_sys::Promise::all(&promises))
            .await
            .map_err(|_| CryptoError::WrongKey)?;
        Ok(Array::from(&opened)
            .iter()
            .map(|plain| Uint8Array::new(&plain).to_vec())
            .collect())
    }
}

/// Wraps `key` under `secret` (a PIN or passphrase) with a new salt.
///
/// # Errors
/// What Web Crypto said.
pub async fn wrap(key: &[u8; KEY_BYTES], secret: &str) -> Result<WrappedKey, CryptoError> {
    let mut salt = vec![0u8; SALT_BYTES];
    fill_random(&mut salt)?;
    let wrapping = derive(secret, &salt, PIN_ITERATIONS).await?;
    Ok(WrappedKey {
        sealed: seal_with(&wrapping, key).await?,
        salt,
        iterations: PIN_ITERATIONS,
    })
}

/// The data key inside `wrapped`, or `None` if `secret` is not the one it was wrapped with.
///
/// # Errors
/// What Web Crypto said, other than a wrong secret.
pub async fn unwrap(
    wrapped: &WrappedKey,
    secret: &str,
) -> Result<Option<[u8; KEY_BYTES]>, CryptoError> {
    let wrapping = derive(secret, &wrapped.salt, wrapped.iterations).await?;
    match open_with(&wrapping, &wrapped.sealed).await {
        Ok(bytes) => Ok(<[u8; KEY_BYTES]>::try_from(bytes.as_slice()).ok()),
        Err(CryptoError::WrongKey) => Ok(None),
        Err(other) => Err(other),
    }
}

/// The AES-GCM key PBKDF2-SHA-256 derives from `secret` and `salt`.
async fn derive(secret: &str, salt: &[u8], iterations: u32) -> Result<CryptoKey, CryptoError> {
    let subtle = subtle()?;
    let material = Uint8Array::from(secret.as_bytes());
    let base = subtle
        .import_key_with_str(
            "raw",
            &material,
            "PBKDF2",
            false,
            &Array::of1(&"deriveKey".into()),
        )
        .map_err(failed)?;
    let base: CryptoKey = resolve(base).await?.unchecked_into();
    let params = object(&[
        ("name", "PBKDF2".into()),
        ("hash", "SHA-256".into()),
        ("salt", Uint8Array::from(salt).into()),
        ("iterations", iterations.into()),
    ])?;
    let derived = object(&[("name", "AES-GCM".into()), ("length", 256.into())])?;
    let promise = subtle
        .derive_key_with_object_and_object(&params, &base, &derived, false, &usages())
        .map_err(failed)?;
    Ok(resolve(promise).await?.unchecked_into())
}

async fn seal_with(key: &CryptoKey, plain: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let mut iv = [0u8; IV_BYTES];
    fill_random(&mut iv)?;
    let params = gcm(&iv)?;
    let promise = subtle()?
        .encrypt_with_object_and_u8_array(&params, key, plain)
        .map_err(failed)?;
    let sealed = Uint8Array::new(&resolve(promise).await?);
    let mut out = Vec::with_capacity(IV_BYTES + sealed.length() as usize);
    out.extend_from_slice(&iv);
    out.extend_from_slice(&sealed.to_vec());
    Ok(out)
}

async fn open_with(key: &CryptoKey, sealed: &[u8]) -> Result<Vec<u8>, CryptoError> {
    if sealed.len() <= IV_BYTES {
        return Err(CryptoError::WrongKey);
    }
    let (iv, body) = sealed.split_at(IV_BYTES);
    let params = gcm(iv)?;
    let promise = subtle()?
        .decrypt_with_object_and_u8_array(&params, key, body)
        .map_err(failed)?;
    // AES-GCM rejects with an OperationError when the tag does not match.
    let plain = JsFuture::from(promise)
        .await
        .map_err(|_| CryptoError::WrongKey)?;
    Ok(Uint8Array::new(&plain).to_vec())
}

fn gcm(iv: &[u8]) -> Result<Object, CryptoError> {
    object(&[
        ("name", "AES-GCM".into()),
        ("iv", Uint8Array::from(iv).into()),
    ])
}

fn usages() -> Array {
    Array::of2(&"encrypt".into(), &"decrypt".into())
}

fn object(entries: &[(&str, JsValue)]) -> Result<Object, CryptoError> {
    let object = Object::new();
    for (name, value) in entries {
        Reflect::set(&object, &(*name).into(), value).map_err(failed)?;
    }
    Ok(object)
}

fn crypto() -> Result<web_sys::Crypto, CryptoError> {
    web_sys::window()
        .and_then(|window| window.crypto().ok())
        .ok_or(CryptoError::Missing)
}

fn subtle() -> Result<SubtleCrypto, CryptoError> {
    let subtle = crypto()?.subtle();
    if subtle.is_undefined() {
        return Err(CryptoError::Missing);
    }
    Ok(subtle)
}

fn fill_random(bytes: &mut [u8]) -> Result<(), CryptoError> {
    crypto()?
        .get_random_values_with_u8_array(bytes)
        .map(|_| ())
        .map_err(failed)
}

async fn resolve(promise: js_sys::Promise) -> Result<JsValue, CryptoError> {
    JsFuture::from(promise).await.map_err(failed)
}

fn failed(error: JsValue) -> CryptoError {
    let text = error
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".to_owned());
    CryptoError::Failed(text)
}

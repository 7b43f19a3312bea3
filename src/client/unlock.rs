//! Locking and unlocking the device's data: the PIN chosen after an online sign-in, the PIN
//! at every opening, wrong PINs, and recovering the data key from the server's escrow.
//!
//! The order of each step keeps the data readable whatever stops it half-way: the wrapped
//! key is stored before anything is sealed under it, and the session after.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::device_lock::LockPhase;
use super::sign_in::{SignedIn, begin_session};
use super::transport::ApiTransport;
use crate::api::{ApiError, KeyEscrow};
use crate::storage::crypto::{self, DataKey, KEY_BYTES};
use crate::storage::lock::{LockRecord, MAX_PIN_FAILURES};
use crate::storage::{IndexedDbStore, LocalStore, StorageError, platform};

/// Why a PIN did not unlock the device, in words for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnlockRefusal {
    /// Wrong; `tries_left` before the key is erased, and the wait before the next try.
    Wrong { tries_left: u32, wait_ms: u64 },
    /// Too soon after the last wrong PIN.
    TooSoon { wait_ms: u64 },
    /// The wrapped key is erased: sign in online.
    Erased,
    /// Storage or Web Crypto failed.
    Failed(String),
}

impl std::fmt::Display for UnlockRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Wrong {
                tries_left,
                wait_ms,
            } => {
                write!(f, "That PIN is not right. {tries_left} tries left")?;
                if *wait_ms > 0 {
                    write!(
                        f,
                        "; wait {} seconds before the next",
                        wait_ms.div_ceil(1_000)
                    )?;
                }
                f.write_str(".")
            }
            Self::TooSoon { wait_ms } => write!(
                f,
                "Wait {} seconds before trying again.",
                wait_ms.div_ceil(1_000)
            ),
            Self::Erased => write!(
                f,
                "After {MAX_PIN_FAILURES} wrong PINs this device's key was erased. Sign in with your password (online) to open your data again; nothing waiting to sync is lost."
            ),
            Self::Failed(text) => f.write_str(text),
        }
    }
}

/// Where a locked device stands, read from what it keeps in clear: signed out, a session
/// left in clear by a version before encryption (choose a PIN to seal it), locked under a
/// member of staff's PIN, or their wrapped key erased by too many wrong PINs.
///
/// # Errors
/// The storage error in words.
pub async fn lock_status(store: &IndexedDbStore) -> Result<LockPhase, String> {
    match store.lock_record().await.map_err(|e| e.to_string())? {
        Some(record) if record.wrapped.is_some() => {
            Ok(LockPhase::Locked(record.staff.display_name))
        }
        Some(record) => Ok(LockPhase::Recover {
            name: record.staff.display_name,
            erased: true,
        }),
        None => match store.session().await {
            Ok(Some(session)) => Ok(LockPhase::ChoosePin(SignedIn {
                session,
                escrowed_key: None,
            })),
            // A sealed session with no lock cannot be opened by anyone: treat as signed out.
            Ok(None) | Err(StorageError::Locked | StorageError::Corrupt(_)) => {
                Ok(LockPhase::SignedOut)
            }
            Err(error) => Err(error.to_string()),
        },
    }
}

/// After a sign-in: wraps the device's data key under `pin` and opens the device. The key is
/// the server's escrow copy when it has one (the data already on the device opens with it),
/// else a new one, which the server is sent for escrow.
///
/// # Errors
/// What stopped it, in words; the device stays locked then.
pub async fn choose_pin(
    store: &IndexedDbStore,
    transport: &impl ApiTransport,
    signed_in: &SignedIn,
    pin: &str,
) -> Result<(), String> {
    let escrowed = match &signed_in.escrowed_key {
        Some(text) => Some(key_from_text(text)?),
        None => None,
    };
    let mut bytes = match escrowed {
        Some(bytes) => bytes,
        None => {
            // Data sealed under a key the server holds no copy of opens for nobody: start
            // empty, but never over changes still waiting to sync.
            if store
                .lock_record()
                .await
                .map_err(|e| e.to_string())?
                .is_some()
            {
                let waiting = store.pending_count().await.map_err(|e| e.to_string())?;
                if waiting > 0 {
                    return Err(format!(
                        "The server holds no recovery copy of this device's key, so its data cannot be opened without your PIN, and {waiting} changes are waiting to sync. Unlock with your PIN instead, or ask your IT lead."
                    ));
                }
                store.wipe().await.map_err(|e| e.to_string())?;
            }
            crypto::new_key_bytes().map_err(|e| e.to_string())?
        }
    };
    let outcome = seal_under(store, transport, signed_in, pin, &bytes, escrowed.is_some()).await;
    bytes.fill(0);
    outcome
}

async fn seal_under(
    store: &IndexedDbStore,
    transport: &impl ApiTransport,
    signed_in: &SignedIn,
    pin: &str,
    bytes: &[u8; KEY_BYTES],
    escrowed: bool,
) -> Result<(), String> {
    let wrapped = crypto::wrap(bytes, pin).await.map_err(|e| e.to_string())?;
    let key = DataKey::import(bytes).await.map_err(|e| e.to_string())?;
    let mut record = LockRecord::new(signed_in.session.staff.clone(), wrapped);
    record.escrowed = escrowed;
    store
        .set_lock_record(&record)
        .await
        .map_err(|e| e.to_string())?;
    store.unlock(key);
    begin_session(store, &signed_in.session).await?;
    store.seal_in_place().await.map_err(|e| e.to_string())?;
    if !escrowed {
        store
            .set_escrow_pending(Some(bytes))
            .await
            .map_err(|e| e.to_string())?;
        escrow_if_pending(store, transport).await;
    }
    Ok(())
}

/// Sends the server the data key if it still waits for escrow (after a PIN chosen offline,
/// or a server that did not answer); quietly tries again at the next unlock otherwise.
pub async fn escrow_if_pending(store: &IndexedDbStore, transport: &impl ApiTransport) {
    let (Ok(Some(mut bytes)), Ok(Some(session))) =
        (store.escrow_pending().await, store.session().await)
    else {
        return;
    };
    let escrow = KeyEscrow {
        key: URL_SAFE_NO_PAD.encode(bytes),
    };
    bytes.fill(0);
    let sent = transport.escrow_key(&session.token, &escrow).await;
    if sent.is_ok() || matches!(sent, Err(ApiError::Refused { status: 400, .. })) {
        let _ = store.set_escrow_pending(None).await;
        if let Ok(Some(mut record)) = store.lock_record().await {
            record.escrowed = sent.is_ok();
            let _ = store.set_lock_record(&record).await;
        }
    }
}

/// Opens the device with `pin`.
///
/// # Errors
/// Why not ([`UnlockRefusal`]); a wrong PIN is counted before this returns.
pub async fn unlock_with_pin(store: &IndexedDbStore, pin: &str) -> Result<(), UnlockRefusal> {
    let failed = |error: StorageError| UnlockRefusal::Failed(error.to_string());
    let record = store.lock_record().await.map_err(failed)?;
    let Some(record) = record else {
        return Err(UnlockRefusal::Erased);
    };
    let Some(wrapped) = &record.wrapped else {
        return Err(UnlockRefusal::Erased);
    };
    let now = platform::now_ms();
    let wait_ms = record.wait_ms(now);
    if wait_ms > 0 {
        return Err(UnlockRefusal::TooSoon { wait_ms });
    }
    let unwrapped = crypto::unwrap(wrapped, pin)
        .await
        .map_err(|e| UnlockRefusal::Failed(e.to_string()))?;
    let Some(mut bytes) = unwrapped else {
        let after = record.after_wrong_pin(now);
        store.set_lock_record(&after).await.map_err(failed)?;
        return Err(if after.wrapped.is_none() {
            UnlockRefusal::Erased
        } else {
            UnlockRefusal::Wrong {
                tries_left: after.tries_left(),
                wait_ms: after.wait_ms(now),
            }
        });
    };
    let key = DataKey::import(&bytes).await;
    bytes.fill(0);
    store.unlock(key.map_err(|e| UnlockRefusal::Failed(e.to_string()))?);
    if record.failures > 0 {
        let cleared = LockRecord {
            failures: 0,
            last_failure_ms: 0,
            ..record
        };
        store.set_lock_record(&cleared).await.map_err(failed)?;
    }
    // A database from before encryption, unlocked for the first time since, is sealed now.
    store.seal_in_place().await.map_err(failed)?;
    Ok(())
}

fn key_from_text(text: &str) -> Result<[u8; KEY_BYTES], String> {
    URL_SAFE_NO_PAD
        .decode(text)
        .ok()
        .and_then(|bytes| <[u8; KEY_BYTES]>::try_from(bytes.as_slice()).ok())
        .ok_or_else(|| "The server sent a recovery key this app cannot read.".to_owned())
}

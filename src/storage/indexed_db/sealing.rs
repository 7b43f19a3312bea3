//! Sealing in place what a version before encryption at rest stored in clear: records, the
//! outbox and the sealed meta values. It runs once the data key exists (the first unlock
//! after the upgrade), and again harmlessly on every later unlock: it finds nothing to do.

use wasm_bindgen::JsValue;

use super::super::codec::{is_sealed, seal};
use super::super::{Result, StorageError};
use super::{IndexedDbStore, MAX_REDOS, META, OUTBOX, RECORDS, SEALED_META, generation, idb_error};

/// Where a value in clear was found.
struct Clear {
    store: &'static str,
    key: JsValue,
    value: JsValue,
}

impl IndexedDbStore {
    /// Seals every value still stored in clear that must not be, and returns how many.
    /// Each value keeps its key, so the outbox keeps its order; an op waiting to be pushed
    /// is the same op afterwards.
    ///
    /// # Errors
    /// [`StorageError::Locked`] without the data key; a storage error (nothing is lost: what
    /// was not sealed stays readable in clear and is sealed on the next unlock).
    pub async fn seal_in_place(&self) -> Result<usize> {
        let key = self.data_key()?;
        for _ in 0..MAX_REDOS {
            let (generation, found) = self
                .read(&[RECORDS, OUTBOX, META], async |tx| {
                    let mut found = Vec::new();
                    for store in [RECORDS, OUTBOX] {
                        let values = tx.store(store).map_err(idb_error)?;
                        let keys = values.get_all_keys(None, None).await.map_err(idb_error)?;
                        let all = values.get_all(None, None).await.map_err(idb_error)?;
                        found.extend(keys.into_iter().zip(all).filter_map(|(key, value)| {
                            (!is_sealed(&value)).then_some(Clear { store, key, value })
                        }));
                    }
                    let meta = tx.store(META).map_err(idb_error)?;
                    for name in SEALED_META {
                        let key = JsValue::from_str(name);
                        if let Some(value) = meta.get(key.clone()).await.map_err(idb_error)?
                            && !value.is_undefined()
                            && !is_sealed(&value)
                        {
                            found.push(Clear {
                                store: META,
                                key,
                                value,
                            });
                        }
                    }
                    Ok((generation(&meta).await?, found))
                })
                .await?;
            if found.is_empty() {
                return Ok(0);
            }
            let mut sealed = Vec::with_capacity(found.len());
            for clear in &found {
                // The stored JSON text is sealed as it is, so it reads back as the same value.
                let text = clear.value.as_string().ok_or_else(|| {
                    StorageError::Corrupt("a stored value is neither text nor sealed".to_owned())
                })?;
                let parsed: serde_json::Value = serde_json::from_str(&text)
                    .map_err(|error| StorageError::Corrupt(error.to_string()))?;
                sealed.push(seal(&key, &parsed).await?);
            }
            let count = found.len();
            let written = self
                .write_at(generation, &[RECORDS, OUTBOX, META], async |tx| {
                    for (clear, value) in found.iter().zip(&sealed) {
                        tx.store(clear.store)
                            .map_err(idb_error)?
                            .put(value, Some(&clear.key))
                            .await
                            .map_err(idb_error)?;
                    }
                    Ok(())
                })
                .await?;
            if written.is_some() {
                return Ok(count);
            }
        }
        Err(StorageError::NotSaved)
    }
}

/// The meta key of a data key waiting to be escrowed (sealed under itself).
const KEY_ESCROW_PENDING: &str = "escrow_pending";

impl IndexedDbStore {
    /// Keeps the data key's bytes, sealed under the key itself, until the server has its
    /// escrow copy (`None`: forgets them).
    ///
    /// # Errors
    /// [`StorageError::Locked`] without the data key; a storage error.
    pub async fn set_escrow_pending(&self, bytes: Option<&[u8; 32]>) -> Result<()> {
        let sealed = match bytes {
            Some(bytes) => Some(seal(&self.data_key()?, &bytes.to_vec()).await?),
            None => None,
        };
        self.write(&[META], async |tx| {
            let meta = tx.store(META).map_err(idb_error)?;
            let key = JsValue::from_str(KEY_ESCROW_PENDING);
            match &sealed {
                Some(value) => meta.put(value, Some(&key)).await.map(|_| ()),
                None => meta.delete(key).await,
            }
            .map_err(idb_error)
        })
        .await
    }

    /// The data key's bytes if they still wait to be escrowed.
    ///
    /// # Errors
    /// [`StorageError::Locked`] without the data key; a storage error.
    pub async fn escrow_pending(&self) -> Result<Option<[u8; 32]>> {
        let key = self.data_key()?;
        let stored = self
            .read(&[META], async |tx| {
                let meta = tx.store(META).map_err(idb_error)?;
                super::get_raw(&meta, KEY_ESCROW_PENDING).await
            })
            .await?;
        let Some(stored) = stored else {
            return Ok(None);
        };
        let bytes: Vec<u8> = super::super::codec::open(&key, &stored).await?;
        <[u8; 32]>::try_from(bytes.as_slice())
            .map(Some)
            .map_err(|_| StorageError::Corrupt("the key waiting for escrow".to_owned()))
    }
}

//! [`LocalStore`] over IndexedDB: sealed values are read in one transaction and opened after
//! it, sealed before a write transaction begins, and a change that depends on what it read
//! is written only if nothing else was written in between (see the parent module).

use std::collections::BTreeMap;

use mentor_core::{DeviceId, Edit, EntityKind, Op, OpResult, RecordState, SCHEMA_VERSION};
use rexie::{KeyRange, Transaction};
use wasm_bindgen::JsValue;

use super::super::codec::{open, open_all, seal};
use super::super::{
    DeviceMeta, LocalStore, MAX_REJECTED_KEPT, PendingOp, PullPage, RejectedOp, Result, Session,
    StorageError, acknowledged, observe_changes, overlay, owned_by, platform, record_key,
};
use super::{
    IndexedDbStore, KEY_AWAITING_PULL, KEY_CURSOR, KEY_DEVICE, KEY_REJECTED, KEY_SCHEMA_VERSION,
    KEY_SESSION, MAX_REDOS, META, OUTBOX, RECORDS, STORES, device, generation, get, get_raw,
    idb_error, put, seq_key,
};

/// The outbox as stored, and the meta lists beside it, read in one transaction.
struct Stored {
    generation: u64,
    outbox: Vec<JsValue>,
    awaiting: Option<JsValue>,
    rejected: Option<JsValue>,
}

async fn read_stored(tx: &Transaction) -> Result<Stored> {
    let meta = tx.store(META).map_err(idb_error)?;
    let outbox = tx.store(OUTBOX).map_err(idb_error)?;
    Ok(Stored {
        generation: generation(&meta).await?,
        outbox: outbox.get_all(None, None).await.map_err(idb_error)?,
        awaiting: get_raw(&meta, KEY_AWAITING_PULL).await?,
        rejected: get_raw(&meta, KEY_REJECTED).await?,
    })
}

impl IndexedDbStore {
    async fn opened_list<T: serde::de::DeserializeOwned>(
        &self,
        value: Option<&JsValue>,
    ) -> Result<Vec<T>> {
        match value {
            Some(value) => open(&self.data_key()?, value).await,
            None => Ok(Vec::new()),
        }
    }
}

impl LocalStore for IndexedDbStore {
    async fn device_id(&self) -> Result<DeviceId> {
        self.read(&[META], async |tx| {
            let meta = tx.store(META).map_err(idb_error)?;
            Ok(device(&meta).await?.clock.device())
        })
        .await
    }

    async fn record_edits(&self, edits: Vec<Edit>) -> Result<Vec<Op>> {
        let key = self.data_key()?;
        for _ in 0..MAX_REDOS {
            let (generation, mut device, session) = self
                .read(&[META], async |tx| {
                    let meta = tx.store(META).map_err(idb_error)?;
                    Ok((
                        generation(&meta).await?,
                        device(&meta).await?,
                        get_raw(&meta, KEY_SESSION).await?,
                    ))
                })
                .await?;
            let owner = match session {
                Some(session) => Some(open::<Session>(&key, &session).await?.staff.id),
                None => None,
            };
            let mut ops = Vec::with_capacity(edits.len());
            let mut sealed = Vec::with_capacity(edits.len());
            for edit in &edits {
                let (now, random) = (platform::now_ms(), platform::random_bytes());
                let op = edit
                    .clone()
                    .stamp(&mut device.clock, device.next_seq, now, random)?;
                device.next_seq += 1;
                let pending = PendingOp {
                    op: op.clone(),
                    owner: owner.clone(),
                };
                sealed.push((seq_key(op.device_seq), seal(&key, &pending).await?));
                ops.push(op);
            }
            let written = self
                .write_at(generation, &[OUTBOX, META], async |tx| {
                    let outbox = tx.store(OUTBOX).map_err(idb_error)?;
                    let meta = tx.store(META).map_err(idb_error)?;
                    for (at, value) in &sealed {
                        outbox.put(value, Some(at)).await.map_err(idb_error)?;
                    }
                    put(&meta, KEY_DEVICE, &device).await
                })
                .await?;
            if written.is_some() {
                return Ok(ops);
            }
        }
        Err(StorageError::NotSaved)
    }

    async fn pending_ops(&self, staff: Option<&str>, limit: usize) -> Result<Vec<Op>> {
        let key = self.data_key()?;
        let stored = self.read(&[OUTBOX, META], read_stored).await?;
        let entries: Vec<PendingOp> = open_all(&key, &stored.outbox).await?;
        Ok(entries
            .into_iter()
            .filter(|pending| owned_by(pending, staff))
            .take(limit)
            .map(|pending| pending.op)
            .collect())
    }

    async fn pending_count(&self) -> Result<usize> {
        self.read(&[OUTBOX], async |tx| {
            let outbox = tx.store(OUTBOX).map_err(idb_error)?;
            let count = outbox.count(None).await.map_err(idb_error)?;
            Ok(usize::try_from(count).unwrap_or(usize::MAX))
        })
        .await
    }

    async fn acknowledge(&self, results: &[OpResult]) -> Result<()> {
        let key = self.data_key()?;
        for _ in 0..MAX_REDOS {
            let stored = self.read(&[OUTBOX, META], read_stored).await?;
            let entries: Vec<PendingOp> = open_all(&key, &stored.outbox).await?;
            let done = acknowledged(&entries, results);
            if done.removed.is_empty() {
                return Ok(());
            }
            let awaiting = if done.awaiting_pull.is_empty() {
                None
            } else {
                let mut awaiting: Vec<Op> = self.opened_list(stored.awaiting.as_ref()).await?;
                awaiting.extend(done.awaiting_pull);
                Some(seal(&key, &awaiting).await?)
            };
            let rejected = if done.rejected.is_empty() {
                None
            } else {
                let mut rejected: Vec<RejectedOp> =
                    self.opened_list(stored.rejected.as_ref()).await?;
                rejected.extend(done.rejected);
                let excess = rejected.len().saturating_sub(MAX_REJECTED_KEPT);
                rejected.drain(..excess);
                Some(seal(&key, &rejected).await?)
            };
            let written = self
                .write_at(stored.generation, &[OUTBOX, META], async |tx| {
                    let outbox = tx.store(OUTBOX).map_err(idb_error)?;
                    let meta = tx.store(META).map_err(idb_error)?;
                    for seq in &done.removed {
                        outbox.delete(seq_key(*seq)).await.map_err(idb_error)?;
                    }
                    for (name, value) in [(KEY_AWAITING_PULL, &awaiting), (KEY_REJECTED, &rejected)]
                    {
                        if let Some(value) = value {
                            meta.put(value, Some(&JsValue::from_str(name)))
                                .await
                                .map_err(idb_error)?;
                        }
                    }
                    Ok(())
                })
                .await?;
            if written.is_some() {
                return Ok(());
            }
        }
        Err(StorageError::NotSaved)
    }

    async fn apply_pull(&self, page: PullPage) -> Result<()> {
        let key = self.data_key()?;
        let mut sealed = Vec::with_capacity(page.changes.len());
        for change in &page.changes {
            let record = &change.record;
            let id = JsValue::from_str(&record_key(record.entity, record.id));
            sealed.push((id, seal(&key, record).await?));
        }
        let now = platform::now_ms();
        self.write(&[RECORDS, META], async |tx| {
            let records = tx.store(RECORDS).map_err(idb_error)?;
            let meta = tx.store(META).map_err(idb_error)?;
            if page.reset {
                records.clear().await.map_err(idb_error)?;
            }
            for (id, value) in &sealed {
                records.put(value, Some(id)).await.map_err(idb_error)?;
            }
            let mut device = device(&meta).await?;
            observe_changes(&mut device.clock, &page.changes, now)?;
            put(&meta, KEY_DEVICE, &device).await?;
            put(&meta, KEY_CURSOR, &page.cursor).await?;
            if page.complete {
                meta.delete(JsValue::from_str(KEY_AWAITING_PULL))
                    .await
                    .map_err(idb_error)?;
            }
            Ok(())
        })
        .await
    }

    async fn view(&self, entity: EntityKind) -> Result<Vec<RecordState>> {
        let mut views = self.views(&[entity]).await?;
        Ok(views.remove(&entity).unwrap_or_default())
    }

    async fn views(&self, kinds: &[EntityKind]) -> Result<BTreeMap<EntityKind, Vec<RecordState>>> {
        let key = self.data_key()?;
        let (stored, confirmed) = self
            .read(&[RECORDS, OUTBOX, META], async |tx| {
                let records = tx.store(RECORDS).map_err(idb_error)?;
                let mut confirmed = Vec::with_capacity(kinds.len());
                for &entity in kinds {
                    // Every key of this kind starts with "entity/"; '0' is the character after '/'.
                    let lower = JsValue::from_str(&format!("{}/", entity.as_str()));
                    let upper = JsValue::from_str(&format!("{}0", entity.as_str()));
                    let range = KeyRange::bound(&lower, &upper, Some(false), Some(true))
                        .map_err(|error| idb_error(error.into()))?;
                    let values = records
                        .get_all(Some(range), None)
                        .await
                        .map_err(idb_error)?;
                    confirmed.push((entity, values));
                }
                Ok((read_stored(tx).await?, confirmed))
            })
            .await?;
        let awaiting: Vec<Op> = self.opened_list(stored.awaiting.as_ref()).await?;
        let outbox: Vec<PendingOp> = open_all(&key, &stored.outbox).await?;
        let mut views = BTreeMap::new();
        for (entity, values) in confirmed {
            let records: Vec<RecordState> = open_all(&key, &values).await?;
            let pending = awaiting
                .iter()
                .chain(outbox.iter().map(|pending| &pending.op));
            views.insert(entity, overlay(entity, records, pending));
        }
        Ok(views)
    }

    async fn cursor(&self) -> Result<u64> {
        self.read(&[META], async |tx| {
            let meta = tx.store(META).map_err(idb_error)?;
            Ok(get(&meta, KEY_CURSOR).await?.unwrap_or(0))
        })
        .await
    }

    async fn session(&self) -> Result<Option<Session>> {
        let stored = self
            .read(&[META], async |tx| {
                let meta = tx.store(META).map_err(idb_error)?;
                get_raw(&meta, KEY_SESSION).await
            })
            .await?;
        match stored {
            // A session stored in clear by a version before encryption reads without the key.
            Some(value) if !super::super::codec::is_sealed(&value) => {
                super::super::codec::decode(&value).map(Some)
            }
            Some(value) => open(&self.data_key()?, &value).await.map(Some),
            None => Ok(None),
        }
    }

    async fn set_session(&self, session: Option<Session>) -> Result<()> {
        let sealed = match &session {
            Some(session) => Some(seal(&self.data_key()?, session).await?),
            None => None,
        };
        self.write(&[OUTBOX, META], async |tx| {
            let outbox = tx.store(OUTBOX).map_err(idb_error)?;
            let meta = tx.store(META).map_err(idb_error)?;
            match (&session, &sealed) {
                (Some(session), Some(sealed)) => {
                    let waiting = outbox.count(None).await.map_err(idb_error)?;
                    // The list is stored only while it holds something.
                    let awaiting = get_raw(&meta, KEY_AWAITING_PULL).await?;
                    let device = device(&meta).await?;
                    let adopted =
                        device.adopt(session.device_id, waiting == 0 && awaiting.is_none());
                    if adopted != device {
                        put(&meta, KEY_DEVICE, &adopted).await?;
                    }
                    meta.put(sealed, Some(&JsValue::from_str(KEY_SESSION)))
                        .await
                        .map(|_| ())
                        .map_err(idb_error)
                }
                _ => meta
                    .delete(JsValue::from_str(KEY_SESSION))
                    .await
                    .map_err(idb_error),
            }
        })
        .await
    }

    async fn rejected(&self) -> Result<Vec<RejectedOp>> {
        let stored = self
            .read(&[META], async |tx| {
                let meta = tx.store(META).map_err(idb_error)?;
                get_raw(&meta, KEY_REJECTED).await
            })
            .await?;
        self.opened_list(stored.as_ref()).await
    }

    async fn dismiss_rejected(&self) -> Result<()> {
        self.write(&[META], async |tx| {
            let meta = tx.store(META).map_err(idb_error)?;
            meta.delete(JsValue::from_str(KEY_REJECTED))
                .await
                .map_err(idb_error)
        })
        .await
    }

    async fn wipe(&self) -> Result<()> {
        let device = DeviceMeta::fresh()?;
        self.lock();
        self.write(&STORES, async |tx| {
            for name in STORES {
                tx.store(name)
                    .map_err(idb_error)?
                    .clear()
                    .await
                    .map_err(idb_error)?;
            }
            let meta = tx.store(META).map_err(idb_error)?;
            put(&meta, KEY_DEVICE, &device).await?;
            put(&meta, KEY_SCHEMA_VERSION, &SCHEMA_VERSION).await
        })
        .await
    }
}

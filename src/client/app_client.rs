//! The app's handle on the client layer: each user action over the device's IndexedDB store
//! and the server over HTTP, with what the app does around it (the sync status, syncing
//! after a change). Pages call these through Leptos actions and resources.

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use mentor_core::records::SchoolSettings;
use mentor_core::{DeviceId, Edit, Op};
use wasm_bindgen_futures::JsFuture;

use super::devices::{revoke_device, school_devices, security_audit};
use super::edit::{save_edit, save_edits};
use super::import::{commit_import, preview_import};
use super::refused::{dismiss_refused, refused_changes};
use super::school_settings::school_settings;
use super::sign_in::{Credentials, SignedIn, already_here, device_label, sign_in};
use super::sign_out::sign_out;
use super::transport::ApiTransport;
use crate::api::{AuditEvent, DeviceSummary, ImportPreview, ImportRequest, ImportResult};
use crate::state::SyncStatus;
use crate::storage::accounts::Accounts;
use crate::storage::{IndexedDbStore, RejectedOp};
use crate::sync::{HttpTransport, SyncScheduler};

/// What to say while the device's storage is still opening.
const NOT_OPEN: &str = "This device's storage is not open yet. Try again in a moment.";

/// Every user action of the app. Cheap to copy; made from the app's context.
#[derive(Debug, Clone, Copy)]
pub struct AppClient {
    scheduler: SyncScheduler,
    status: Option<SyncStatus>,
}

impl AppClient {
    /// The client of the running app (the scheduler and the sync status are app context).
    ///
    /// # Panics
    /// Outside the app frame, which provides the scheduler.
    pub fn expect() -> Self {
        Self {
            scheduler: expect_context::<SyncScheduler>(),
            status: use_context::<SyncStatus>(),
        }
    }

    /// The client over this scheduler and status (for the app's own state, before context).
    pub(super) fn new(scheduler: SyncScheduler, status: Option<SyncStatus>) -> Self {
        Self { scheduler, status }
    }

    /// The client, if the app frame is there to provide it.
    pub fn try_use() -> Option<Self> {
        Some(Self {
            scheduler: use_context::<SyncScheduler>()?,
            status: use_context::<SyncStatus>(),
        })
    }

    /// The device's store, once opened (loaders read it; `None` while it opens).
    pub fn store(&self) -> Option<Rc<IndexedDbStore>> {
        self.scheduler.store()
    }

    /// The device's store, or why there is none yet: the error it failed to open with, or
    /// that it is still opening.
    pub(super) fn opened(&self) -> Result<Rc<IndexedDbStore>, String> {
        self.store().ok_or_else(|| {
            self.scheduler
                .open_error()
                .map_or_else(|| NOT_OPEN.to_owned(), |problem| problem.to_string())
        })
    }

    /// Signs in and asks the browser to keep this app's storage. The session is stored once
    /// a PIN is chosen ([`super::DeviceLock::choose_pin`]).
    ///
    /// # Errors
    /// What stopped it, in words.
    pub async fn sign_in(self, credentials: Credentials) -> Result<SignedIn, String> {
        let store = self.opened()?;
        let user_agent = window().navigator().user_agent().unwrap_or_default();
        let transport = HttpTransport::default();
        let signed_in =
            sign_in(&*store, &transport, &credentials, device_label(&user_agent)).await?;
        // One copy of a member of staff's data per device: theirs is already in another
        // database here, so this sign-in's token is given back.
        if let Some(holder) = Accounts::load().elsewhere(&signed_in.session.staff.id, store.name())
        {
            let _ = transport.sign_out(&signed_in.session.token).await;
            return Err(already_here(&holder.name));
        }
        let persisted = request_persistence().await;
        if let Some(status) = self.status {
            status.set_persist_refused(!persisted);
            status.update(|state| state.problem = None);
        }
        Ok(signed_in)
    }

    /// Signs out and erases everything on the device.
    ///
    /// # Errors
    /// The storage error in words.
    pub async fn sign_out(self) -> Result<(), String> {
        let Some(store) = self.store() else {
            return Ok(());
        };
        sign_out(&*store, &HttpTransport::default()).await?;
        if let Some(status) = self.status {
            status.update(|state| {
                state.pending = 0;
                state.rejected = 0;
                state.staff = None;
                state.problem = None;
                state.revision = state.revision.wrapping_add(1);
            });
        }
        Ok(())
    }

    /// Saves `edit` on the device and syncs shortly after. `Ok` means committed on the
    /// device.
    ///
    /// # Errors
    /// The storage error in words; nothing was saved then.
    pub async fn save(self, edit: Edit) -> Result<Op, String> {
        let store = self.opened()?;
        let op = save_edit(&*store, edit).await?;
        self.scheduler.edited(false).await;
        Ok(op)
    }

    /// Saves `edits` on the device in order, all in one transaction (a trip with its
    /// children and checklist, a review with its target's new status), then pages read their
    /// records again and sync follows shortly. `Ok` means every one is committed, and
    /// otherwise none is.
    ///
    /// # Errors
    /// The storage error in words; nothing was saved then.
    pub async fn save_all(self, edits: Vec<Edit>) -> Result<(), String> {
        let store = self.opened()?;
        save_edits(&*store, edits).await?;
        self.scheduler.edited(false).await;
        Ok(())
    }

    /// As [`Self::save_all`], for a page that shows its own saves at once (a register's
    /// marks, a roll call's taps, lesson mode): pages are not told to read their records
    /// again, which for a register of 200 or a trip's roll call cost more than the save.
    /// `Ok` comes as soon as the edits are committed; the counts are read again after.
    ///
    /// # Errors
    /// The storage error in words; nothing was saved then.
    pub async fn save_shown(self, edits: Vec<Edit>) -> Result<(), String> {
        let store = self.opened()?;
        let scheduler = self.scheduler;
        let outcome = save_edits(&*store, edits).await.map(drop);
        leptos::task::spawn_local(async move { scheduler.edited(true).await });
        outcome
    }

    /// Syncs at once, forgetting back-off.
    pub fn sync_now(self) {
        self.scheduler.sync_now();
    }

    /// The school's devices and which of them is this one.
    ///
    /// # Errors
    /// What stopped asking the server, in words.
    pub async fn school_devices(self) -> Result<(Vec<DeviceSummary>, DeviceId), String> {
        school_devices(&*self.opened()?, &HttpTransport::default()).await
    }

    /// Revokes `device`.
    ///
    /// # Errors
    /// What stopped it, in words.
    pub async fn revoke_device(self, device: DeviceId) -> Result<DeviceSummary, String> {
        revoke_device(&*self.opened()?, &HttpTransport::default(), device).await
    }

    /// The latest sign-in and security events, newest first.
    ///
    /// # Errors
    /// What stopped asking the server, in words.
    pub async fn security_audit(self) -> Result<Vec<AuditEvent>, String> {
        security_audit(&*self.opened()?, &HttpTransport::default()).await
    }

    /// Previews an import of the file in `request`.
    ///
    /// # Errors
    /// What stopped the preview, in words.
    pub async fn preview_import(self, request: ImportRequest) -> Result<ImportPreview, String> {
        preview_import(&*self.opened()?, &HttpTransport::default(), &request).await
    }

    /// Imports `bytes` as `preview` planned, in parts, telling `progress` (rows done, rows
    /// in all); then syncs, so the new students come to this device.
    ///
    /// # Errors
    /// What stopped the import, in words, saying how far it got.
    pub async fn import(
        self,
        bytes: Arc<[u8]>,
        preview: ImportPreview,
        skip_bad_rows: bool,
        progress: impl Fn(usize, usize),
    ) -> Result<ImportResult, String> {
        let store = self.opened()?;
        let transport = HttpTransport::default();
        let result = commit_import(
            &*store,
            &transport,
            &bytes,
            &preview,
            skip_bad_rows,
            progress,
        )
        .await?;
        self.scheduler.sync_now();
        Ok(result)
    }

    /// The school's settings on this device (the defaults while storage opens).
    pub async fn school_settings(self) -> SchoolSettings {
        match self.store() {
            Some(store) => school_settings(&*store).await,
            None => SchoolSettings::default(),
        }
    }

    /// The changes the server refused (none while storage opens).
    pub async fn refused_changes(self) -> Vec<RejectedOp> {
        match self.store() {
            Some(store) => refused_changes(&*store).await,
            None => Vec::new(),
        }
    }

    /// Forgets the refused changes once read.
    ///
    /// # Errors
    /// The storage error in words; the list stays.
    pub async fn dismiss_refused(self) -> Result<(), String> {
        dismiss_refused(&*self.opened()?).await?;
        if let Some(status) = self.status {
            status.update(|state| state.rejected = 0);
        }
        Ok(())
    }
}

/// Asks the browser to keep this app's storage; `false` if it refused or cannot say.
async fn request_persistence() -> bool {
    let navigator = window().navigator();
    if !js_sys::Reflect::has(&navigator, &"storage".into()).unwrap_or(false) {
        return false;
    }
    match navigator.storage().persist() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .ok()
            .and_then(|granted| granted.as_bool())
            .unwrap_or(false),
        Err(_) => false,
    }
}

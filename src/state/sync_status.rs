//! What the header says about saving and syncing, fed by the sync scheduler.
//!
//! The words follow one rule: "saved" means committed on this device, "synced" means
//! acknowledged by the server, and any problem is said with what to do about it.

use leptos::prelude::*;

use crate::storage::StaffSummary;

/// Why sync is stopped or failing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncProblem {
    /// Nobody has signed in on this device yet.
    NotSignedIn,
    /// The server no longer accepts the token: sign in again (the outbox is kept).
    NeedsSignIn,
    /// The app is too old for the server.
    UpdateNeeded,
    /// The server revoked this device and its data was erased.
    Wiped,
    /// The last attempt failed; it will be retried. The text is for the user.
    Failed(String),
}

/// The state the header reads.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SyncState {
    /// Ops waiting in the outbox.
    pub pending: usize,
    /// When the last complete sync finished, as "HH:MM".
    pub last_synced: Option<String>,
    /// True while a sync runs.
    pub syncing: bool,
    /// What stops sync, if anything.
    pub problem: Option<SyncProblem>,
    /// Changes the server refused, remembered on the device.
    pub rejected: usize,
    /// Who is signed in on this device, if anyone.
    pub staff: Option<StaffSummary>,
    /// Goes up whenever the device's data may have changed (an edit saved, a pull stored, a
    /// wipe); pages that show records read it to know when to read again.
    pub revision: u64,
}

/// The header's sentence for `state` when the browser is (or is not) `online`.
pub fn status_line(state: &SyncState, online: bool) -> String {
    let n = state.pending;
    let saved_here = |lead: &str| {
        if n == 0 {
            lead.to_owned()
        } else {
            format!("{lead} — {n} saved on this device")
        }
    };
    match &state.problem {
        Some(SyncProblem::UpdateNeeded) => return saved_here("Reload to update"),
        Some(SyncProblem::Wiped) => {
            return "This device was signed out by your school and its data removed".to_owned();
        }
        _ => {}
    }
    // Signing in needs the network too, so with no signal the first thing to say is that the
    // work is safe on the device.
    if !online {
        return if n == 0 {
            "Offline — working from this device".to_owned()
        } else {
            format!("Offline — {n} saved on this device")
        };
    }
    match &state.problem {
        Some(SyncProblem::NotSignedIn) => return saved_here("Sign in to sync"),
        Some(SyncProblem::NeedsSignIn) => return saved_here("Sign in again to sync"),
        _ => {}
    }
    if let Some(SyncProblem::Failed(message)) = &state.problem {
        return saved_here(message.trim_end_matches('.'));
    }
    if state.syncing && n > 0 {
        return format!("Syncing {n}…");
    }
    let line = match (n, &state.last_synced) {
        (0, Some(_)) => "All saved and synced".to_owned(),
        (0, None) => "All saved on this device".to_owned(),
        (n, Some(time)) => format!("{n} waiting to sync · last synced {time}"),
        (n, None) => format!("{n} waiting to sync"),
    };
    // A refused change was saved here but did not take effect: say so until it is seen to.
    match state.rejected {
        0 => line,
        1 => format!("{line} · 1 change refused, see Device"),
        r => format!("{line} · {r} changes refused, see Device"),
    }
}

/// The sync state as app-wide context.
#[derive(Debug, Clone, Copy)]
pub struct SyncStatus {
    state: RwSignal<SyncState>,
    persist_refused: RwSignal<bool>,
    revision: Memo<u64>,
}

impl SyncStatus {
    /// Provides an empty state; the scheduler fills it in.
    pub fn provide() -> Self {
        let state = RwSignal::new(SyncState::default());
        let status = Self {
            state,
            persist_refused: RwSignal::new(false),
            revision: Memo::new(move |_| state.with(|state| state.revision)),
        };
        provide_context(status);
        status
    }

    /// The current state (tracked).
    pub fn get(&self) -> SyncState {
        self.state.get()
    }

    /// The data revision alone (tracked): pages that show records read it, so they read again
    /// after an edit or a sync, and not when only the sync line changes.
    pub fn revision(&self) -> u64 {
        self.revision.get()
    }

    /// The member of staff signed in on this device and their role (tracked).
    pub fn signed_in(&self) -> Option<(mentor_core::EntityId, mentor_core::Role)> {
        let staff = self.state.with(|state| state.staff.clone())?;
        Some((staff.id.parse().ok()?, staff.role))
    }

    /// The member of staff signed in on this device and their role, not tracked (for an
    /// action's future).
    pub fn signed_in_untracked(&self) -> Option<(mentor_core::EntityId, mentor_core::Role)> {
        let staff = self.state.with_untracked(|state| state.staff.clone())?;
        Some((staff.id.parse().ok()?, staff.role))
    }

    /// The current state, not tracked (for code outside the reactive graph).
    pub fn state_untracked(&self) -> SyncState {
        self.state.get_untracked()
    }

    /// Changes the state.
    pub fn update(&self, change: impl FnOnce(&mut SyncState)) {
        self.state.update(change);
    }

    /// True if the browser refused persistent storage after sign-in (tracked).
    pub fn persist_refused(&self) -> bool {
        self.persist_refused.get()
    }

    /// Records the browser's answer to `navigator.storage.persist()`.
    pub fn set_persist_refused(&self, refused: bool) {
        self.persist_refused.set(refused);
    }
}

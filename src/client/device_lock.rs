//! The device's lock in the running app: what the app may show ([`LockPhase`]), and when it
//! locks — at every opening, after [`DEFAULT_IDLE_MS`] without a touch or a key, when it was
//! hidden for longer than that, on demand, and at once with quick-hide (the button, or
//! Escape on a tablet's keyboard), which also covers the screen with a neutral page.
//!
//! Only [`LockPhase::Unlocked`] shows anything about a child; locking forgets the data key
//! before the phase changes, so no page can read the store after.
//!
//! On a shared tablet each member of staff has their own database (see
//! [`crate::storage::accounts`]). Switching to another opens theirs, locked, in place of the
//! open one, which is locked first; the list of whose data the device holds follows every
//! change of lock (a PIN set: remembered; signed out or wiped: forgotten).

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::app_client::AppClient;
use super::school_settings::school_settings;
use super::sign_in::{SignedIn, begin_session};
use super::unlock::{UnlockRefusal, choose_pin, escrow_if_pending, lock_status, unlock_with_pin};
use crate::state::{SyncProblem, SyncStatus};
use crate::storage::accounts::{self, Account, Accounts};
use crate::storage::{IndexedDbStore, platform};
use crate::sync::{HttpTransport, SyncScheduler};

/// How long the app stays unlocked without a touch or a key press, unless the school sets
/// another time.
pub const DEFAULT_IDLE_MS: u64 = 5 * 60_000;
/// How often the idle time is checked.
const IDLE_CHECK_MS: u64 = 5_000;

/// What the app may show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockPhase {
    /// The device's storage is opening, or the lock is being read: show nothing.
    Opening,
    /// Nobody's data is here: the sign-in page.
    SignedOut,
    /// Signed in online: choose a PIN before anything is shown or stored.
    ChoosePin(SignedIn),
    /// Locked: the PIN of the named member of staff.
    Locked(String),
    /// The named member of staff signs in online to recover the data key from the server's
    /// escrow: `erased` after too many wrong PINs, else because they forgot their PIN.
    Recover { name: String, erased: bool },
    /// Open: the app.
    Unlocked,
}

/// The app's lock. Cheap to copy; provided as context by the app frame.
#[derive(Debug, Clone, Copy)]
pub struct DeviceLock {
    phase: RwSignal<LockPhase>,
    covered: RwSignal<bool>,
    idle_ms: RwSignal<u64>,
    last_activity: StoredValue<u64>,
    hidden_since: StoredValue<Option<u64>>,
    scheduler: SyncScheduler,
    status: SyncStatus,
}

impl DeviceLock {
    /// Reads the lock once the store is open and follows the user's activity.
    pub fn provide(scheduler: SyncScheduler, status: SyncStatus) -> Self {
        let lock = Self {
            phase: RwSignal::new(LockPhase::Opening),
            covered: RwSignal::new(false),
            idle_ms: RwSignal::new(DEFAULT_IDLE_MS),
            last_activity: StoredValue::new(platform::now_ms()),
            hidden_since: StoredValue::new(None),
            scheduler,
            status,
        };
        provide_context(lock);
        Effect::new(move |_| {
            if scheduler.is_ready() {
                lock.refresh();
            }
        });
        // A device wiped by the server while open shows the sign-in page.
        Effect::new(move |_| {
            if status.get().problem == Some(SyncProblem::Wiped) {
                lock.refresh();
            }
        });
        // The school's idle time, read again after every sync that may have changed it.
        Effect::new(move |_| {
            status.revision();
            if lock.phase.get() == LockPhase::Unlocked {
                lock.follow_school_settings();
            }
        });
        lock.follow_activity();
        lock
    }

    /// Takes the school's lock time from the synced settings (the default until set).
    fn follow_school_settings(&self) {
        let Some(store) = self.scheduler.store() else {
            return;
        };
        let idle_ms = self.idle_ms;
        spawn_local(async move {
            let minutes = school_settings(&*store).await.lock_after_minutes;
            let ms = minutes.map_or(DEFAULT_IDLE_MS, |minutes| u64::from(minutes) * 60_000);
            let _ = idle_ms.try_set(ms);
        });
    }

    /// What the app may show (tracked).
    pub fn phase(&self) -> LockPhase {
        self.phase.get()
    }

    /// What the app may show, read once (untracked).
    pub fn phase_untracked(&self) -> LockPhase {
        self.phase.get_untracked()
    }

    /// True while the neutral cover of quick-hide is up (tracked).
    pub fn is_covered(&self) -> bool {
        self.covered.get()
    }

    /// Takes the cover down; the PIN is asked next.
    pub fn uncover(&self) {
        self.covered.set(false);
    }

    /// Locks now: the key is forgotten, then the lock screen shown.
    pub fn lock(&self) {
        if let Some(store) = self.scheduler.store() {
            store.lock();
        }
        self.phase.set(LockPhase::Opening);
        self.refresh();
    }

    /// Quick-hide: locks and covers the screen with a neutral page at once.
    pub fn hide(&self) {
        self.covered.set(true);
        if self.phase.get_untracked() == LockPhase::Unlocked {
            self.lock();
        }
    }

    /// Reads where the device stands again (after sign-in, sign-out, a wipe).
    pub fn refresh(&self) {
        let lock = *self;
        let Some(store) = self.scheduler.store() else {
            return;
        };
        if store.is_unlocked() {
            self.set_unlocked();
            return;
        }
        spawn_local(async move {
            let phase = lock_status(&store).await.unwrap_or(LockPhase::SignedOut);
            note_holder(&store).await;
            if phase == LockPhase::SignedOut {
                lock.status.update(|state| {
                    if state.problem.is_none() {
                        state.problem = Some(SyncProblem::NotSignedIn);
                    }
                });
            }
            lock.phase.set(phase);
        });
    }

    /// Everyone else with data on this device, by name.
    pub fn others(&self) -> Vec<Account> {
        let accounts = Accounts::load();
        let open = self.scheduler.store().map_or_else(
            || accounts.current_database(),
            |store| store.name().to_owned(),
        );
        accounts.others(&open)
    }

    /// Opens `database`, another member of staff's data on this device, locked under their
    /// PIN. The open one is locked and closed; if it holds nobody's data any more (signed
    /// out, wiped, or a sign-in never finished) it is deleted.
    pub fn switch_to(&self, database: String) {
        let leaving = self.scheduler.store();
        if let Some(store) = &leaving {
            store.lock();
        }
        self.covered.set(false);
        self.phase.set(LockPhase::Opening);
        self.scheduler.switch_to(database);
        if let Some(store) = leaving
            && !Accounts::load().holds(store.name())
        {
            spawn_local(async move {
                if store.is_empty().await {
                    store.close_connection();
                    let _ = IndexedDbStore::delete_database(store.name()).await;
                }
            });
        }
    }

    /// "Sign in as someone else": a new, empty database for a member of staff who has no
    /// data on this device yet, and the sign-in page.
    pub fn add_someone(&self) {
        self.switch_to(accounts::new_database());
    }

    /// "Forgot your PIN?": the sign-in page, to recover the key with the password.
    pub fn forgot_pin(&self) {
        if let LockPhase::Locked(name) = self.phase.get_untracked() {
            self.phase.set(LockPhase::Recover {
                name,
                erased: false,
            });
        }
    }

    /// Back from "Forgot your PIN?" to the PIN.
    pub fn back_to_pin(&self) {
        if let LockPhase::Recover {
            name,
            erased: false,
        } = self.phase.get_untracked()
        {
            self.phase.set(LockPhase::Locked(name));
        }
    }

    /// After an online sign-in: the PIN is chosen next; unlocked (an expired session signed
    /// in again), the new session is simply stored.
    pub fn signed_in(&self, signed_in: SignedIn) {
        let Some(store) = self.scheduler.store().filter(|store| store.is_unlocked()) else {
            self.phase.set(LockPhase::ChoosePin(signed_in));
            return;
        };
        let scheduler = self.scheduler;
        spawn_local(async move {
            if begin_session(&*store, &signed_in.session).await.is_ok() {
                scheduler.sync_now();
            }
        });
    }

    /// Chooses `pin` for the signed-in member of staff and opens the app.
    ///
    /// # Errors
    /// What stopped it, in words.
    pub async fn choose_pin(self, signed_in: SignedIn, pin: String) -> Result<(), String> {
        let store = self.store()?;
        choose_pin(&store, &HttpTransport::default(), &signed_in, &pin).await?;
        self.set_unlocked();
        Ok(())
    }

    /// Opens the app with `pin`.
    ///
    /// # Errors
    /// Why not; after the last wrong PIN the phase becomes [`LockPhase::Recover`].
    pub async fn unlock(self, pin: String) -> Result<(), UnlockRefusal> {
        let store = self.store().map_err(UnlockRefusal::Failed)?;
        match unlock_with_pin(&store, &pin).await {
            Ok(()) => {
                self.set_unlocked();
                escrow_if_pending(&store, &HttpTransport::default()).await;
                Ok(())
            }
            Err(UnlockRefusal::Erased) => {
                self.refresh();
                Err(UnlockRefusal::Erased)
            }
            Err(other) => Err(other),
        }
    }

    fn set_unlocked(&self) {
        self.last_activity.set_value(platform::now_ms());
        self.covered.set(false);
        self.phase.set(LockPhase::Unlocked);
        self.scheduler.sync_now();
        if let Some(store) = self.scheduler.store() {
            spawn_local(async move { note_holder(&store).await });
        }
    }

    fn store(&self) -> Result<std::rc::Rc<crate::storage::IndexedDbStore>, String> {
        AppClient::new(self.scheduler, Some(self.status)).opened()
    }

    fn is_idle(&self, now: u64, since: u64) -> bool {
        now.saturating_sub(since) >= self.idle_ms.get_untracked()
    }

    /// Touches and keys keep the app open; Escape hides it; idle time and time hidden lock it.
    fn follow_activity(&self) {
        let lock = *self;
        let touched = move || lock.last_activity.set_value(platform::now_ms());
        let pointer = window_event_listener(ev::pointerdown, move |_| touched());
        let keys = window_event_listener(ev::keydown, move |event| {
            touched();
            if event.key() == "Escape" {
                lock.hide();
            }
        });
        let visibility = window_event_listener_untyped("visibilitychange", move |_| {
            let now = platform::now_ms();
            if document().hidden() {
                lock.hidden_since.set_value(Some(now));
            } else if let Some(since) = lock.hidden_since.get_value()
                && lock.is_idle(now, since)
                && lock.phase.get_untracked() == LockPhase::Unlocked
            {
                lock.lock();
            }
        });
        let check = set_interval_with_handle(
            move || {
                let now = platform::now_ms();
                if lock.phase.get_untracked() == LockPhase::Unlocked
                    && lock.is_idle(now, lock.last_activity.get_value())
                {
                    lock.lock();
                }
            },
            std::time::Duration::from_millis(IDLE_CHECK_MS),
        )
        .ok();
        on_cleanup(move || {
            pointer.remove();
            keys.remove();
            visibility.remove();
            if let Some(check) = check {
                check.clear();
            }
        });
    }
}

/// Brings the device's list of whose data it holds in step with `store`: its PIN's owner is
/// remembered (their name as it now is); a store that holds nothing is forgotten. A store
/// that cannot be read, or holds only a session from before PINs, is left as listed.
async fn note_holder(store: &IndexedDbStore) {
    let mut accounts = Accounts::load();
    match store.lock_record().await {
        Ok(Some(record)) => accounts.remember(Account {
            database: store.name().to_owned(),
            staff: record.staff.id,
            name: record.staff.display_name,
        }),
        Ok(None) if store.is_empty().await => accounts.forget(store.name()),
        _ => return,
    }
    accounts.save();
}

//! When the app syncs, and what it tells the user.
//!
//! Triggers: start-up, the window's `online` event, the page becoming visible, a timer
//! ([`PERIOD_MS`]), [`AFTER_WRITE_MS`] after a local write, and "Sync now". Failures that may
//! clear by themselves back off exponentially with jitter: up to [`UNREACHABLE_MAX_MS`] while
//! the browser says it is online but the server does not answer (a mentor back in signal must
//! not wait minutes), up to [`MAX_BACKOFF_MS`] when the server answers that it is busy or
//! failing. Problems the user must act on (sign in again, reload to update) wait for that
//! action. Only one tab syncs at a time: the sync runs inside the Web Lock [`LOCK_NAME`] if
//! the browser has Web Locks, and under a lease in `localStorage` where it has not
//! ([`super::push_lease`]).
//!
//! A run never holds sync up: each request ends by its deadline, and the `online` event and
//! "Sync now" abandon a run in flight (begun on a connection that may be gone) and start again
//! at once. Abandoning is safe because every push and pull may be sent again.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::client::{HttpTransport, SyncClient, SyncError, SyncReport};
use super::push_lease;
use crate::deadline::Cancel;
use crate::state::{SyncProblem, SyncState, SyncStatus};
use crate::storage::accounts::Accounts;
use crate::storage::{IndexedDbStore, LocalStore, StorageError, platform};

/// The Web Lock that lets one tab sync at a time.
pub const LOCK_NAME: &str = "progress-mentor-sync";
/// How often the app syncs while open and healthy.
pub const PERIOD_MS: u64 = 60_000;
/// How soon after a local write it syncs (several quick taps go out together).
pub const AFTER_WRITE_MS: u64 = 2_000;
/// The longest wait after repeated failures of a server that answers (busy, failing).
pub const MAX_BACKOFF_MS: u64 = 300_000;
/// The longest wait while the browser is online but the server does not answer.
pub const UNREACHABLE_MAX_MS: u64 = 15_000;
/// How soon to look again when another tab holds the sync lock.
pub const LOCK_BUSY_MS: u64 = 5_000;
const FIRST_BACKOFF_MS: u64 = 2_000;

/// The wait before retry number `failures` (1 for the first): doubling from 2 s, capped at
/// `max_ms`, and spread over the upper half of that by `jitter` in `[0, 1)` so tabs and
/// devices that failed together do not retry together.
pub fn backoff_ms(failures: u32, jitter: f64, max_ms: u64) -> u64 {
    let doublings = failures.saturating_sub(1).min(20);
    let ceiling = FIRST_BACKOFF_MS.saturating_mul(1 << doublings).min(max_ms);
    let jitter = if jitter.is_finite() {
        jitter.clamp(0.0, 1.0)
    } else {
        0.5
    };
    // Truncation is intended: whole milliseconds of a value below MAX_BACKOFF_MS.
    let spread = (ceiling as f64 / 2.0 * jitter) as u64;
    ceiling / 2 + spread
}

struct Inner {
    store: Rc<IndexedDbStore>,
    /// This tab's id, for the sync lease of browsers without Web Locks.
    tab: String,
    client: SyncClient,
    status: SyncStatus,
    /// True once another member of staff's store has taken this one's place: nothing of this
    /// one runs or reports any more.
    retired: Cell<bool>,
    running: Cell<bool>,
    again: Cell<bool>,
    failures: Cell<u32>,
    /// Abandons the run in flight, if one is.
    run_cancel: RefCell<Option<Cancel>>,
    /// The next scheduled run: when (ms since 1970) and its timer.
    timer: RefCell<Option<(u64, TimeoutHandle)>>,
}

/// The app's handle on its local data and its sync. Cheap to copy; provided as context.
#[derive(Debug, Clone, Copy)]
pub struct SyncScheduler {
    inner: StoredValue<Option<Rc<Inner>>, LocalStorage>,
    status: SyncStatus,
    /// Why the device's storage could not be opened, if it could not.
    open_error: RwSignal<Option<StorageError>>,
    /// True once the device's storage is open.
    ready: RwSignal<bool>,
}

impl std::fmt::Debug for Inner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inner")
            .field("running", &self.running.get())
            .finish_non_exhaustive()
    }
}

impl SyncScheduler {
    /// Opens the database of the member of staff who last used the device and starts
    /// syncing; provides itself as context.
    pub fn provide(status: SyncStatus) -> Self {
        let scheduler = Self {
            inner: StoredValue::new_local(None),
            status,
            open_error: RwSignal::new(None),
            ready: RwSignal::new(false),
        };
        provide_context(scheduler);
        // The listeners live as long as the page (the app frame is never unmounted) and
        // reach whichever store is open.
        let on_online = window_event_listener_untyped("online", move |_| {
            if let Some(inner) = scheduler.current() {
                restart(&inner);
            }
        });
        let on_visible = window_event_listener_untyped("visibilitychange", move |_| {
            if !document().hidden()
                && let Some(inner) = scheduler.current()
            {
                schedule(&inner, 0);
            }
        });
        on_cleanup(move || {
            on_online.remove();
            on_visible.remove();
        });
        scheduler.open(Accounts::load().current_database());
        scheduler
    }

    /// Puts the store of `database` (another member of staff's data on a shared device) in
    /// place of the open one. The open one is locked and closed first, and a run in flight
    /// on it abandoned; its waiting changes stay in it until its owner unlocks it again.
    pub fn switch_to(&self, database: String) {
        if let Some(inner) = self.current() {
            retire(&inner);
        }
        self.inner.set_value(None);
        self.ready.set(false);
        self.open_error.set(None);
        self.status.update(|state| {
            *state = SyncState {
                revision: state.revision.wrapping_add(1),
                ..SyncState::default()
            };
        });
        let mut accounts = Accounts::load();
        accounts.current = Some(database.clone());
        accounts.save();
        self.open(database);
    }

    fn open(&self, database: String) {
        let scheduler = *self;
        spawn_local(async move {
            match IndexedDbStore::open(&database).await {
                Ok(store) => scheduler.start(Rc::new(store)),
                Err(error) => scheduler.open_error.set(Some(error)),
            }
        });
    }

    fn start(&self, store: Rc<IndexedDbStore>) {
        let tab: String = platform::random_bytes()
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect();
        let inner = Rc::new(Inner {
            store,
            tab,
            client: SyncClient::new(),
            status: self.status,
            retired: Cell::new(false),
            running: Cell::new(false),
            again: Cell::new(false),
            failures: Cell::new(0),
            run_cancel: RefCell::new(None),
            timer: RefCell::new(None),
        });
        self.inner.set_value(Some(inner.clone()));
        self.ready.set(true);
        schedule(&inner, 0);
    }

    /// The device's local data, once opened.
    pub fn store(&self) -> Option<Rc<IndexedDbStore>> {
        self.inner
            .try_with_value(|inner| inner.as_ref().map(|inner| inner.store.clone()))
            .flatten()
    }

    /// True once the device's storage is open (tracked).
    pub fn is_ready(&self) -> bool {
        self.ready.get()
    }

    /// Why the device's storage could not be opened (tracked).
    pub fn open_error(&self) -> Option<StorageError> {
        self.open_error.get()
    }

    /// After an edit was saved on the device: reads the counts again and syncs shortly
    /// after. With `shown`, the page that saved it shows it already, so pages do not read
    /// their records again (a register of 200 read again after every tap slowed the next
    /// tap); otherwise the data revision goes up and they do.
    pub async fn edited(&self, shown: bool) {
        if let Some(inner) = self.current() {
            refresh_counts(&inner, !shown).await;
            schedule(&inner, AFTER_WRITE_MS);
        }
    }

    /// Syncs at once (after sign-in, or when the user asks), forgetting back-off and
    /// abandoning a run in flight.
    pub fn sync_now(&self) {
        if let Some(inner) = self.current() {
            restart(&inner);
        }
    }

    fn current(&self) -> Option<Rc<Inner>> {
        self.inner.try_get_value().flatten()
    }
}

/// Starts a fresh run at once with no back-off; a run in flight is abandoned and followed by
/// the fresh one as soon as it has let go.
fn restart(inner: &Rc<Inner>) {
    inner.failures.set(0);
    if inner.running.get() {
        inner.again.set(true);
        if let Some(cancel) = inner.run_cancel.borrow().as_ref() {
            cancel.cancel();
        }
    } else {
        schedule(inner, 0);
    }
}

/// Stops everything of a store that another has replaced: its timer, the run in flight, its
/// key and its connection.
fn retire(inner: &Inner) {
    inner.retired.set(true);
    if let Some((_, handle)) = inner.timer.take() {
        handle.clear();
    }
    if let Some(cancel) = inner.run_cancel.borrow().as_ref() {
        cancel.cancel();
    }
    inner.store.lock();
    inner.store.close_connection();
}

/// Makes sure a run happens within `delay_ms`, keeping an earlier one if already scheduled.
fn schedule(inner: &Rc<Inner>, delay_ms: u64) {
    if inner.retired.get() {
        return;
    }
    let due = platform::now_ms().saturating_add(delay_ms);
    let mut timer = inner.timer.borrow_mut();
    if timer.as_ref().is_some_and(|(at, _)| *at <= due) {
        return;
    }
    if let Some((_, handle)) = timer.take() {
        handle.clear();
    }
    let run = {
        let inner = inner.clone();
        move || {
            inner.timer.replace(None);
            start_run(&inner);
        }
    };
    // Setting a timeout on the window fails only without a window, where nothing can sync.
    if let Ok(handle) = set_timeout_with_handle(run, Duration::from_millis(delay_ms)) {
        *timer = Some((due, handle));
    }
}

fn start_run(inner: &Rc<Inner>) {
    // Locked, the device can neither read its outbox nor store what it pulls; unlocking
    // syncs at once.
    if inner.retired.get() || !inner.store.is_unlocked() {
        return;
    }
    if inner.running.replace(true) {
        inner.again.set(true);
        return;
    }
    inner.status.update(|state| state.syncing = true);
    let cancel = Cancel::new();
    inner.run_cancel.replace(Some(cancel.clone()));
    let inner = inner.clone();
    spawn_local(async move {
        let outcome = with_sync_lock(inner.clone(), cancel.clone()).await;
        inner.run_cancel.replace(None);
        if inner.retired.get() {
            // Another member of staff's store is open now: this run's news is not theirs.
            inner.running.set(false);
            return;
        }
        // The timer's quiet syncs (nothing sent, nothing received) leave pages alone. Anything
        // else may have changed the records: a failed run may have stored some pages first,
        // and another tab's run is not seen from here.
        let data_changed = match &outcome {
            Some(Ok(report)) => report.pushed > 0 || report.pulled > 0 || report.reset,
            Some(Err(_)) | None => true,
        };
        refresh_counts(&inner, data_changed).await;
        let next = match outcome {
            // Another tab is syncing; look again soon.
            None => LOCK_BUSY_MS,
            // Abandoned for a fresh run (`again` is set): its failure says nothing.
            Some(_) if cancel.is_cancelled() => 0,
            Some(result) => settle(&inner, result),
        };
        inner.running.set(false);
        inner.status.update(|state| state.syncing = false);
        let next = if inner.again.replace(false) { 0 } else { next };
        if !needs_user(&inner) {
            schedule(&inner, next);
        }
    });
}

/// True if sync waits for the user (sign in, reload) rather than for a timer.
fn needs_user(inner: &Inner) -> bool {
    matches!(
        inner.status.state_untracked().problem,
        Some(SyncProblem::NeedsSignIn | SyncProblem::UpdateNeeded | SyncProblem::Wiped)
    )
}

/// Records the result in the status; returns when to run next.
fn settle(inner: &Inner, result: Result<SyncReport, SyncError>) -> u64 {
    match result {
        Ok(_) => {
            inner.failures.set(0);
            let time = chrono::Local::now().format("%H:%M").to_string();
            inner.status.update(|state| {
                state.problem = None;
                state.last_synced = Some(time);
            });
            PERIOD_MS
        }
        Err(error) => {
            let problem = match &error {
                SyncError::NotSignedIn => SyncProblem::NotSignedIn,
                SyncError::NeedsSignIn => SyncProblem::NeedsSignIn,
                SyncError::Wiped => SyncProblem::Wiped,
                SyncError::UpdateNeeded(_) => SyncProblem::UpdateNeeded,
                SyncError::Unreachable(_) | SyncError::Retry(_) | SyncError::Storage(_) => {
                    SyncProblem::Failed(error.to_string())
                }
            };
            inner.status.update(|state| state.problem = Some(problem));
            if !error.is_transient() {
                return PERIOD_MS;
            }
            let failures = inner.failures.get().saturating_add(1);
            inner.failures.set(failures);
            let max_ms = match error {
                // With no network the `online` event restarts sync; the period is a fallback
                // for browsers that miss it.
                SyncError::Unreachable(_) if !window().navigator().on_line() => PERIOD_MS,
                SyncError::Unreachable(_) => UNREACHABLE_MAX_MS,
                _ => MAX_BACKOFF_MS,
            };
            backoff_ms(failures, js_sys::Math::random(), max_ms)
        }
    }
}

/// Reads the counts and the session into the status; moves the data revision on (so pages
/// read their records again) when `data_changed` or someone else is signed in.
async fn refresh_counts(inner: &Inner, data_changed: bool) {
    let pending = inner.store.pending_count().await;
    let rejected = inner.store.rejected().await;
    let session = inner.store.session().await;
    inner.status.update(|state| {
        if let Ok(pending) = pending {
            state.pending = pending;
        }
        if let Ok(rejected) = rejected {
            state.rejected = rejected.len();
        }
        let mut changed = data_changed;
        if let Ok(session) = session {
            let staff = session.map(|session| session.staff);
            changed |= staff != state.staff;
            state.staff = staff;
        }
        if changed {
            state.revision = state.revision.wrapping_add(1);
        }
    });
}

async fn run_sync(inner: &Inner, cancel: Cancel) -> Result<SyncReport, SyncError> {
    inner
        .client
        .sync(inner.store.as_ref(), &HttpTransport { cancel })
        .await
}

/// Runs one sync inside the Web Lock; `None` if another tab holds it. Without Web Locks
/// (older browsers, insecure contexts) under the `localStorage` lease instead.
async fn with_sync_lock(inner: Rc<Inner>, cancel: Cancel) -> Option<Result<SyncReport, SyncError>> {
    let Some((locks, request)) = lock_manager() else {
        if !push_lease::take(&inner.tab) {
            return None;
        }
        let outcome = run_sync(&inner, cancel).await;
        push_lease::give_back(&inner.tab);
        return Some(outcome);
    };
    let result = Rc::new(RefCell::new(None));
    let slot = result.clone();
    let callback = Closure::once_into_js(move |lock: JsValue| -> js_sys::Promise {
        if lock.is_null() || lock.is_undefined() {
            return js_sys::Promise::resolve(&JsValue::FALSE);
        }
        wasm_bindgen_futures::future_to_promise(async move {
            let outcome = run_sync(&inner, cancel).await;
            slot.replace(Some(outcome));
            Ok(JsValue::TRUE)
        })
    });
    let options = js_sys::Object::new();
    // Setting a property on a fresh plain object cannot fail.
    let _ = js_sys::Reflect::set(&options, &"ifAvailable".into(), &JsValue::TRUE);
    let promise = request.call3(&locks, &LOCK_NAME.into(), &options, &callback);
    match promise.map(JsCast::unchecked_into::<js_sys::Promise>) {
        Ok(promise) => {
            // A rejected lock request (rare) falls back to the result slot: empty means
            // the sync did not run and the next period tries again.
            let _ = JsFuture::from(promise).await;
            result.take()
        }
        Err(_) => None,
    }
}

/// `navigator.locks` and its `request` method, where the browser has them.
fn lock_manager() -> Option<(JsValue, js_sys::Function)> {
    let navigator = window().navigator();
    let locks = js_sys::Reflect::get(&navigator, &"locks".into()).ok()?;
    if locks.is_undefined() || locks.is_null() {
        return None;
    }
    let request = js_sys::Reflect::get(&locks, &"request".into()).ok()?;
    request
        .dyn_into::<js_sys::Function>()
        .ok()
        .map(|request| (locks, request))
}

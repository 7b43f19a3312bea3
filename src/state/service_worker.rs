//! The service worker that keeps the app shell on the device, seen from the page.
//!
//! The worker (`public/sw.js`) precaches the shell; a new version installs in the background
//! and *waits*. The page never swaps versions under a mentor's fingers: it shows
//! "Reload to update" and only on that tap tells the waiting worker to take over, then reloads
//! once the new worker controls the page.

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// Where the build puts the worker; it must sit at the root to control every page.
const WORKER_URL: &str = "/sw.js";

/// The state of the offline shell, as signals.
#[derive(Debug, Clone, Copy)]
pub struct OfflineShell {
    /// A service worker controls this page, so the shell opens with no signal.
    offline_ready: RwSignal<bool>,
    /// A newer version is installed and waiting for "Reload to update".
    update_ready: RwSignal<bool>,
    /// Why offline use could not be set up, in words.
    problem: RwSignal<Option<String>>,
}

impl OfflineShell {
    /// Registers the worker and follows its life cycle.
    pub fn provide() -> Self {
        let shell = Self {
            offline_ready: RwSignal::new(false),
            update_ready: RwSignal::new(false),
            problem: RwSignal::new(None),
        };
        provide_context(shell);
        match container() {
            Some(container) => {
                shell.offline_ready.set(container.controller().is_some());
                spawn_local(shell.register(container));
            }
            None => shell.problem.set(Some(
                "This browser cannot keep the app for offline use. Use an up-to-date Chrome, Edge, Safari or Firefox."
                    .to_owned(),
            )),
        }
        shell
    }

    pub fn is_offline_ready(&self) -> bool {
        self.offline_ready.get()
    }

    pub fn is_update_ready(&self) -> bool {
        self.update_ready.get()
    }

    pub fn problem(&self) -> Option<String> {
        self.problem.get()
    }

    /// Hands over to the waiting version; the page reloads when it has taken control.
    pub fn apply_update(&self) {
        let Some(container) = container() else { return };
        spawn_local(async move {
            if let Some(registration) = current_registration(&container).await
                && let Some(waiting) = registration.waiting()
            {
                let message = js_sys::Object::new();
                // Setting a plain string key on a fresh object cannot fail.
                let _ = js_sys::Reflect::set(&message, &"type".into(), &"SKIP_WAITING".into());
                let _ = waiting.post_message(&message);
            }
        });
    }

    /// Asks the browser to look for a new version now.
    pub fn check_for_update(&self) {
        let Some(container) = container() else { return };
        spawn_local(async move {
            if let Some(registration) = current_registration(&container).await
                && let Ok(promise) = registration.update()
            {
                // A failed check (offline) is retried by the browser on the next navigation.
                let _ = JsFuture::from(promise).await;
            }
        });
    }

    async fn register(self, container: ServiceWorkerContainer) {
        let registration = match JsFuture::from(container.register(WORKER_URL)).await {
            Ok(value) => value.unchecked_into::<ServiceWorkerRegistration>(),
            Err(_) => {
                self.problem.set(Some(
                    "Offline use could not be set up. Reload the app while online.".to_owned(),
                ));
                return;
            }
        };
        self.follow_controller(&container);
        if registration.waiting().is_some() && container.controller().is_some() {
            self.update_ready.set(true);
        }
        self.follow_updates(&registration, container);
    }

    fn follow_controller(self, container: &ServiceWorkerContainer) {
        let reloading = Rc::new(Cell::new(false));
        let watched = container.clone();
        let on_controller_change = Closure::<dyn FnMut()>::new(move || {
            self.offline_ready.set(watched.controller().is_some());
            // The first install claims the page too; only a version swap the user asked for
            // (a worker was waiting) reloads it.
            if self.update_ready.get_untracked() && !reloading.replace(true) {
                let _ = window().location().reload();
            }
        });
        container.set_oncontrollerchange(Some(on_controller_change.as_ref().unchecked_ref()));
        // The handler lives as long as the page.
        on_controller_change.forget();
    }

    fn follow_updates(
        self,
        registration: &ServiceWorkerRegistration,
        container: ServiceWorkerContainer,
    ) {
        let watched = registration.clone();
        let on_update_found = Closure::<dyn FnMut()>::new(move || {
            let Some(installing) = watched.installing() else {
                return;
            };
            let worker = installing.clone();
            let container = container.clone();
            let on_state_change = Closure::<dyn FnMut()>::new(move || {
                // "installed" with a controller present means a new version is waiting; without
                // one it is the first install, which activates by itself.
                if worker.state() == ServiceWorkerState::Installed
                    && container.controller().is_some()
                {
                    self.update_ready.set(true);
                }
            });
            installing.set_onstatechange(Some(on_state_change.as_ref().unchecked_ref()));
            // Kept alive by the worker object it is attached to for the page's life.
            on_state_change.forget();
        });
        registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
        on_update_found.forget();
    }
}

/// The page's service worker container, if the browser has one (secure contexts only).
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = window().navigator();
    js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker"))
        .unwrap_or(false)
        .then(|| navigator.service_worker())
}

async fn current_registration(
    container: &ServiceWorkerContainer,
) -> Option<ServiceWorkerRegistration> {
    let value = JsFuture::from(container.get_registration()).await.ok()?;
    value.dyn_into::<ServiceWorkerRegistration>().ok()
}

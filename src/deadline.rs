//! Requests that always end.
//!
//! A `fetch` has no timeout of its own: a request sent just as the connection drops (on a
//! coach, leaving school Wi-Fi) can wait for minutes, and while it waits nothing else syncs.
//! Every API request therefore carries a [`Deadline`], an abort signal that fires after
//! [`REQUEST_TIMEOUT_MS`] or as soon as its owner's [`Cancel`] fires, whichever is first. Both
//! end the request with a network error, which the caller treats like any lost connection:
//! the sync protocol makes every request safe to send again.

use std::time::Duration;

use leptos::prelude::{TimeoutHandle, set_timeout_with_handle};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{AbortController, AbortSignal};

/// How long one request may take before the server counts as not reachable: far more than a
/// 500-op push or a pull page needs on slow Wi-Fi, far less than a mentor would wait.
pub const REQUEST_TIMEOUT_MS: u64 = 30_000;

/// A switch that abandons every request made under it (a whole sync run, for instance).
#[derive(Debug, Clone)]
pub struct Cancel {
    controller: Option<AbortController>,
}

impl Cancel {
    /// A switch not yet thrown. (Where the browser has no `AbortController`, from before
    /// 2019, it does nothing and requests run to their end.)
    pub fn new() -> Self {
        Self {
            controller: AbortController::new().ok(),
        }
    }

    /// Abandons every request made under this switch, now and later.
    pub fn cancel(&self) {
        if let Some(controller) = &self.controller {
            controller.abort();
        }
    }

    /// True once [`Cancel::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.signal().is_some_and(|signal| signal.aborted())
    }

    fn signal(&self) -> Option<AbortSignal> {
        self.controller.as_ref().map(AbortController::signal)
    }
}

impl Default for Cancel {
    fn default() -> Self {
        Self::new()
    }
}

/// One request's abort signal; dropping it (when the request is over) stops its timer.
pub struct Deadline {
    controller: Option<AbortController>,
    timer: Option<TimeoutHandle>,
    /// The parent's signal and the listener that passes its abort on.
    parent: Option<(AbortSignal, Closure<dyn FnMut()>)>,
}

impl std::fmt::Debug for Deadline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Deadline").finish_non_exhaustive()
    }
}

impl Deadline {
    /// A signal that fires after [`REQUEST_TIMEOUT_MS`], or when `parent` is cancelled.
    pub fn new(parent: Option<&Cancel>) -> Self {
        let Ok(controller) = AbortController::new() else {
            return Self {
                controller: None,
                timer: None,
                parent: None,
            };
        };
        let timer = {
            let controller = controller.clone();
            set_timeout_with_handle(
                move || controller.abort(),
                Duration::from_millis(REQUEST_TIMEOUT_MS),
            )
            .ok()
        };
        let parent = parent.and_then(Cancel::signal).map(|signal| {
            if signal.aborted() {
                controller.abort();
            }
            let on_abort = {
                let controller = controller.clone();
                Closure::<dyn FnMut()>::new(move || controller.abort())
            };
            // Adding a listener to a live signal cannot fail; if it did, the timer still ends
            // the request.
            let _ =
                signal.add_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
            (signal, on_abort)
        });
        Self {
            controller: Some(controller),
            timer,
            parent,
        }
    }

    /// The signal to give the request.
    pub fn signal(&self) -> Option<AbortSignal> {
        self.controller.as_ref().map(AbortController::signal)
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let Some(timer) = self.timer.take() {
            timer.clear();
        }
        if let Some((signal, on_abort)) = self.parent.take() {
            let _ = signal
                .remove_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
        }
    }
}

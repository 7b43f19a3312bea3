//! Whether the browser believes it is online, kept current from `online`/`offline` events.
//!
//! `navigator.onLine == true` only means "some network", not "the server answers"; the sync
//! status that arrives with the sync engine says the latter. This drives the header and decides
//! when to try the server again.

use leptos::ev;
use leptos::prelude::*;

/// The browser's online state as a signal.
#[derive(Debug, Clone, Copy)]
pub struct Connectivity {
    online: RwSignal<bool>,
}

impl Connectivity {
    /// Reads the current state and follows the window's `online`/`offline` events.
    pub fn provide() -> Self {
        let online = RwSignal::new(navigator_on_line());
        // The listeners live as long as the page: the app frame is never unmounted.
        let on = window_event_listener(ev::online, move |_| online.set(true));
        let off = window_event_listener(ev::offline, move |_| online.set(false));
        on_cleanup(move || {
            on.remove();
            off.remove();
        });
        let connectivity = Self { online };
        provide_context(connectivity);
        connectivity
    }

    /// True while the browser reports a network connection.
    pub fn is_online(&self) -> bool {
        self.online.get()
    }
}

fn navigator_on_line() -> bool {
    window().navigator().on_line()
}

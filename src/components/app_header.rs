use leptos::prelude::*;
use mentor_core::PRODUCT_NAME;

use super::ConnectionStatus;
use crate::client::{DeviceLock, LockPhase};

/// The top bar: the product's name, always visible the state of the device's connection,
/// and, while unlocked, "Lock" and quick-hide ("Hide", or Escape), which covers the screen
/// with a neutral page at once.
#[component]
pub fn AppHeader() -> impl IntoView {
    let lock = use_context::<DeviceLock>();
    let unlocked = move || lock.is_some_and(|lock| lock.phase() == LockPhase::Unlocked);
    view! {
        <header class="app-header">
            <p class="app-name">{PRODUCT_NAME}</p>
            <ConnectionStatus/>
            <Show when=unlocked>
                <div class="lock-controls">
                    <button type="button" class="button secondary" on:click=move |_| {
                        if let Some(lock) = lock { lock.lock(); }
                    }>"Lock"</button>
                    <button type="button" class="button secondary quick-hide"
                        aria-label="Hide the screen now (Escape)"
                        on:click=move |_| {
                            if let Some(lock) = lock { lock.hide(); }
                        }>"Hide"</button>
                </div>
            </Show>
        </header>
    }
}

use leptos::prelude::*;

use crate::state::SyncStatus;

/// A warning, shown where the mentor lands, when the browser refused to protect this app's
/// storage from automatic clearing after sign-in.
#[component]
pub fn PersistWarning() -> impl IntoView {
    let sync = use_context::<SyncStatus>();
    let refused = move || sync.is_some_and(|sync| sync.persist_refused());
    view! {
        <Show when=refused>
            <section class="card persist-warning" role="alert">
                <h2>"Data on this device is not protected"</h2>
                <p>
                    "The browser may clear what is saved here if the device runs low on space or the app is not opened for a while. "
                    "Install the app to the Home Screen, and sync before closing it."
                </p>
            </section>
        </Show>
    }
}

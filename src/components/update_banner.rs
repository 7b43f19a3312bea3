use leptos::prelude::*;

use crate::state::OfflineShell;

/// Shown when a new version has been downloaded: the mentor chooses when to reload, so a note
/// being typed is never interrupted.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let shell = expect_context::<OfflineShell>();
    view! {
        <Show when=move || shell.is_update_ready()>
            <section class="update-banner" role="region" aria-label="Update available">
                <p>"A new version of Progress Mentor is ready."</p>
                <button type="button" class="button" on:click=move |_| shell.apply_update()>
                    "Reload to update"
                </button>
            </section>
        </Show>
    }
}

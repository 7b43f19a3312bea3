use leptos::prelude::*;

use crate::client::DeviceLock;

/// Quick-hide's cover: a plain page that says nothing about the app's contents. Going back
/// needs the PIN.
#[component]
pub fn NeutralCover() -> impl IntoView {
    let lock = expect_context::<DeviceLock>();
    view! {
        <div class="page neutral-cover">
            <h1>"Notes"</h1>
            <button type="button" class="button secondary" on:click=move |_| lock.uncover()>
                "Continue"
            </button>
        </div>
    }
}

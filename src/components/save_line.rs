use leptos::prelude::*;

use crate::client::SaveState;

/// The line under a form that says what its last save did: a live region that is always
/// there, so screen readers announce it when it changes.
pub fn save_line(state: impl Into<Signal<SaveState>>) -> impl IntoView {
    let state = state.into();
    view! {
        <p
            class="form-note"
            class:saved=move || matches!(state.get(), SaveState::Saved(_))
            class:form-error=move || matches!(state.get(), SaveState::Failed(_))
            role="status"
        >
            {move || state.get().line()}
        </p>
    }
}

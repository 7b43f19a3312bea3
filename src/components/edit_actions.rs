use leptos::prelude::*;

/// The buttons under an item's edit form: Save (submits the form), Cancel (closes it) and
/// Remove.
pub fn edit_actions(editing: RwSignal<bool>, remove: impl Fn() + 'static) -> impl IntoView {
    view! {
        <div class="form-actions">
            <button class="button" type="submit">"Save"</button>
            <button class="button secondary" type="button" on:click=move |_| editing.set(false)>
                "Cancel"
            </button>
            <button class="button danger" type="button" on:click=move |_| remove()>
                "Remove"
            </button>
        </div>
    }
}

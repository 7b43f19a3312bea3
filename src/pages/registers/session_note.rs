//! A register's note on what the session covered ("Column addition with exchange"), an
//! intervention session's short note: typed on the register page and saved on the device;
//! the programme's page lists each session with it.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use mentor_core::EntityId;

use super::register_data::RegisterData;
use crate::client::registers::register_note;
use crate::client::{SaveAction, SaveState};
use crate::components::save_line;

/// The register's "Session note" box and its "Save note".
#[component]
pub fn SessionNote(id: EntityId, data: RwSignal<RegisterData>) -> impl IntoView {
    let stored = move || {
        data.with(|data| {
            data.register
                .as_ref()
                .and_then(|register| register.note.clone())
                .unwrap_or_default()
        })
    };
    // As typed; the stored note until the person types.
    let text = RwSignal::new(stored());
    let typing = RwSignal::new(false);
    Effect::new(move |_| {
        let note = stored();
        if !typing.get_untracked() {
            text.set(note);
        }
    });
    let saving = SaveAction::new();
    let save = move |ev: SubmitEvent| {
        ev.prevent_default();
        if saving.is_saving_untracked() {
            return;
        }
        match register_note(id, &text.get_untracked()) {
            Ok(edit) => saving.save(edit, move || {
                let _ = typing.try_set(false);
            }),
            Err(problem) => saving.set(SaveState::Failed(problem)),
        }
    };
    view! {
        <form class="session-note" aria-label="Session note" on:submit=save novalidate>
            <div class="field">
                <label for="register-note">"What the session covered (optional)"</label>
                <input id="register-note" type="text" maxlength="500" prop:value=move || text.get()
                    on:input=move |ev| {
                        typing.set(true);
                        text.set(event_target_value(&ev));
                    }/>
            </div>
            <button type="submit" class="button secondary" disabled=move || saving.is_saving()>"Save note"</button>
            {save_line(saving.signal())}
        </form>
    }
}

use leptos::prelude::*;

use mentor_core::kinds::DEFAULT_NOTE_TAGS;

use crate::client::{AppClient, SaveAction, SaveState, note_tags_edit, settings_exist};
use crate::components::save_line;
use crate::state::SyncStatus;

/// The administrator's choice of the tags a lesson note offers on every device of the
/// school, in the order the tag sheet shows them.
#[component]
pub fn NoteTagsSetting() -> impl IntoView {
    let client = AppClient::expect();
    let status = expect_context::<SyncStatus>();
    let settings = LocalResource::new(move || {
        status.revision();
        client.school_settings()
    });
    let typed = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(settings) = settings.get() {
            typed.set(settings.note_tags().join("\n"));
        }
    });
    let save = SaveAction::new();
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if save.is_saving_untracked() {
            return;
        }
        let exists = settings
            .get_untracked()
            .is_some_and(|settings| settings_exist(&settings));
        match note_tags_edit(&typed.get_untracked(), exists) {
            Ok(edit) => save.save(edit, || {}),
            Err(text) => save.set(SaveState::Failed(text)),
        }
    };
    view! {
        <section class="card" aria-labelledby="note-tags-heading">
            <h2 id="note-tags-heading">"Lesson note tags"</h2>
            <p>{format!(
                "The quick tags every device offers in a lesson, one per line, in order. Leave it empty for the {} defaults. A tag mentioning wellbeing always reminds staff to tell the DSL.",
                DEFAULT_NOTE_TAGS.len()
            )}</p>
            <form class="field" on:submit=on_submit novalidate>
                <label for="note-tags">"Tags, one per line"</label>
                <textarea id="note-tags" rows="8"
                    prop:value=move || typed.get()
                    on:input=move |ev| typed.set(event_target_value(&ev))></textarea>
                <button class="button" type="submit" disabled=move || save.is_saving()>"Save tags"</button>
                {save_line(save.signal())}
            </form>
        </section>
    }
}

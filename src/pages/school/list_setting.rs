use leptos::prelude::*;

use mentor_core::records::SchoolSettings;

use crate::client::{
    AppClient, SaveAction, SaveState, SchoolList, school_list_edit, settings_exist,
};
use crate::components::save_line;
use crate::state::SyncStatus;

/// What the School page says about one of the school's lists.
#[derive(Debug, Clone, Copy)]
pub struct ListWords {
    pub heading: &'static str,
    /// The id of the heading, and (with `-field`) of the text box.
    pub id: &'static str,
    /// What the list is for, and what leaving it empty means.
    pub intro: &'static str,
    /// The text box's label ("Tags, one per line").
    pub label: &'static str,
    /// The save button.
    pub save: &'static str,
    /// The list as the device has it now (the defaults until set).
    pub current: fn(&SchoolSettings) -> Vec<String>,
}

/// The administrator's choice of one of the school's lists (the tags a lesson note offers,
/// the topics a mentoring session offers) for every device of the school, in order.
#[component]
pub fn ListSetting(list: SchoolList, words: ListWords) -> impl IntoView {
    let client = AppClient::expect();
    let status = expect_context::<SyncStatus>();
    let settings = LocalResource::new(move || {
        status.revision();
        client.school_settings()
    });
    let typed = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(settings) = settings.get() {
            typed.set((words.current)(&settings).join("\n"));
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
        match school_list_edit(list, &typed.get_untracked(), exists) {
            Ok(edit) => save.save(edit, || {}),
            Err(text) => save.set(SaveState::Failed(text)),
        }
    };
    let heading_id = format!("{}-heading", words.id);
    let labelled_by = heading_id.clone();
    let field_id = format!("{}-field", words.id);
    let label_for = field_id.clone();
    view! {
        <section class="card" aria-labelledby=labelled_by>
            <h2 id=heading_id>{words.heading}</h2>
            <p>{words.intro}</p>
            <form class="field" on:submit=on_submit novalidate>
                <label for=label_for>{words.label}</label>
                <textarea id=field_id rows="8"
                    prop:value=move || typed.get()
                    on:input=move |ev| typed.set(event_target_value(&ev))></textarea>
                <button class="button" type="submit" disabled=move || save.is_saving()>{words.save}</button>
                {save_line(save.signal())}
            </form>
        </section>
    }
}

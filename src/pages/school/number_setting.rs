use leptos::prelude::*;
use mentor_core::Edit;
use mentor_core::records::SchoolSettings;

use crate::client::{AppClient, SaveAction, SaveState, settings_exist};
use crate::components::save_line;
use crate::state::SyncStatus;

/// What one whole-number school setting says and does.
#[derive(Clone, Copy)]
pub struct NumberSettingWords {
    pub heading: &'static str,
    pub heading_id: &'static str,
    pub label: &'static str,
    pub input_id: &'static str,
    /// The button's words, different for each setting on the page.
    pub button: &'static str,
}

/// A whole-number setting of the school's settings record, for the administrator: its
/// current value (or `default` until chosen), and a form that saves `edit(value, exists)`.
#[component]
pub fn NumberSetting(
    words: NumberSettingWords,
    /// The sentence above the field.
    text: String,
    current: fn(&SchoolSettings) -> Option<i64>,
    default: i64,
    range: (i64, i64),
    edit: fn(i64, bool) -> Result<Edit, String>,
) -> impl IntoView {
    let client = AppClient::expect();
    let status = expect_context::<SyncStatus>();
    let settings = LocalResource::new(move || {
        status.revision();
        client.school_settings()
    });
    let typed = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(settings) = settings.get() {
            typed.set(current(&settings).unwrap_or(default).to_string());
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
        let chosen = typed.get_untracked().trim().parse::<i64>().unwrap_or(0);
        match edit(chosen, exists) {
            Ok(edit) => save.save(edit, || {}),
            Err(text) => save.set(SaveState::Failed(text)),
        }
    };
    let (least, most) = range;
    view! {
        <section class="card" aria-labelledby=words.heading_id>
            <h2 id=words.heading_id>{words.heading}</h2>
            <p>{text}</p>
            <form class="field" on:submit=on_submit novalidate>
                <label for=words.input_id>{words.label}</label>
                <input id=words.input_id type="number" inputmode="numeric"
                    min=least max=most required
                    prop:value=move || typed.get()
                    on:input=move |ev| typed.set(event_target_value(&ev))/>
                <button class="button" type="submit" disabled=move || save.is_saving()>{words.button}</button>
                {save_line(save.signal())}
            </form>
        </section>
    }
}

use leptos::prelude::*;

use mentor_core::kinds::LOCK_AFTER_MINUTES;

use crate::client::{AppClient, DEFAULT_IDLE_MS, SaveAction, lock_after_edit, settings_exist};
use crate::components::save_line;
use crate::state::SyncStatus;

/// The administrator's choice of how long the app stays open without a touch on every
/// device of the school, before it asks for the PIN again.
#[component]
pub fn LockSetting() -> impl IntoView {
    let client = AppClient::expect();
    let status = expect_context::<SyncStatus>();
    let settings = LocalResource::new(move || {
        status.revision();
        client.school_settings()
    });
    let default_minutes = DEFAULT_IDLE_MS / 60_000;
    let minutes = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(settings) = settings.get() {
            let current = settings
                .lock_after_minutes
                .map_or(default_minutes, u64::from);
            minutes.set(current.to_string());
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
        let chosen = minutes.get_untracked().trim().parse::<i64>().unwrap_or(0);
        match lock_after_edit(chosen, exists) {
            Ok(edit) => save.save(edit, || {}),
            Err(text) => save.set(crate::client::SaveState::Failed(text)),
        }
    };
    let (least, most) = LOCK_AFTER_MINUTES;
    view! {
        <section class="card" aria-labelledby="lock-setting-heading">
            <h2 id="lock-setting-heading">"Locking"</h2>
            <p>{format!(
                "Every device of the school locks after this many minutes without a touch, and asks for the PIN again ({least} to {most}; {default_minutes} until you choose)."
            )}</p>
            <form class="field" on:submit=on_submit novalidate>
                <label for="lock-after-minutes">"Lock after (minutes)"</label>
                <input id="lock-after-minutes" type="number" inputmode="numeric"
                    min=least max=most required
                    prop:value=move || minutes.get()
                    on:input=move |ev| minutes.set(event_target_value(&ev))/>
                <button class="button" type="submit" disabled=move || save.is_saving()>"Save"</button>
                {save_line(save.signal())}
            </form>
        </section>
    }
}

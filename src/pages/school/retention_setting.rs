use leptos::prelude::*;

use mentor_core::kinds::SAFEGUARDING_YEARS;

use crate::client::{AppClient, SaveAction, SaveState, retention_edit, settings_exist};
use crate::components::save_line;
use crate::state::SyncStatus;

/// Years the history of a deleted safeguarding-relevant record is kept before the server
/// purges it, when the school has not chosen.
const DEFAULT_YEARS: u16 = 7;

/// The administrator's choice of how long the server keeps the history of deleted records
/// about students (their profiles, notes, visits): the school's retention policy.
#[component]
pub fn RetentionSetting() -> impl IntoView {
    let client = AppClient::expect();
    let status = expect_context::<SyncStatus>();
    let settings = LocalResource::new(move || {
        status.revision();
        client.school_settings()
    });
    let years = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(settings) = settings.get() {
            years.set(
                settings
                    .safeguarding_years
                    .unwrap_or(DEFAULT_YEARS)
                    .to_string(),
            );
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
        let chosen = years.get_untracked().trim().parse::<i64>().unwrap_or(0);
        match retention_edit(chosen, exists) {
            Ok(edit) => save.save(edit, || {}),
            Err(text) => save.set(SaveState::Failed(text)),
        }
    };
    let (least, most) = SAFEGUARDING_YEARS;
    view! {
        <section class="card" aria-labelledby="retention-heading">
            <h2 id="retention-heading">"Keeping records"</h2>
            <p>{format!(
                "When a record about a student is removed (a Passport item, a medical note, a lesson note, a visit), the server keeps what it said for this many years after, then erases it for good ({least} to {most}; {DEFAULT_YEARS} until you choose). The school's organisation (staff, groups) is kept one year."
            )}</p>
            <form class="field" on:submit=on_submit novalidate>
                <label for="retention-years">"Keep removed records about students (years)"</label>
                <input id="retention-years" type="number" inputmode="numeric"
                    min=least max=most required
                    prop:value=move || years.get()
                    on:input=move |ev| years.set(event_target_value(&ev))/>
                <button class="button" type="submit" disabled=move || save.is_saving()>"Save"</button>
                {save_line(save.signal())}
            </form>
        </section>
    }
}

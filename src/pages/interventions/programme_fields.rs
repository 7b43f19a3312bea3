//! The fields a programme is set up with and may change later: its name, lead, planned
//! sessions and start day. One component for the set-up form and "Edit programme", told
//! apart by the prefix of their ids.

use leptos::prelude::*;
use mentor_core::EntityId;

use crate::client::interventions::ProgrammeForm;

#[component]
pub fn ProgrammeFields(
    form: RwSignal<ProgrammeForm>,
    /// Who may lead it, by name.
    staff: Signal<Vec<(EntityId, String)>>,
    /// Starts each field's id: two forms may be on one page.
    prefix: &'static str,
) -> impl IntoView {
    let id = move |name: &str| format!("{prefix}-{name}");
    let text = move |get: fn(&ProgrammeForm) -> &String| move || form.with(|f| get(f).clone());
    view! {
        <div class="field">
            <label for=id("name")>"Programme name"</label>
            <input id=id("name") type="text" prop:value=text(|f| &f.name)
                on:input=move |ev| form.update(|f| f.name = event_target_value(&ev))/>
        </div>
        <div class="field">
            <label for=id("lead")>"Lead"</label>
            <select id=id("lead") prop:value=text(|f| &f.lead)
                on:change=move |ev| form.update(|f| f.lead = event_target_value(&ev))>
                <option value="">"Choose who leads it"</option>
                {move || staff.get().into_iter().map(|(id, name)| view! {
                    <option value=id.to_string()>{name}</option>
                }).collect_view()}
            </select>
        </div>
        <div class="field">
            <label for=id("sessions")>"Planned sessions"</label>
            <input id=id("sessions") type="number" inputmode="numeric" min="1" max="200"
                prop:value=text(|f| &f.planned_sessions)
                on:input=move |ev| form.update(|f| f.planned_sessions = event_target_value(&ev))/>
        </div>
        <div class="field">
            <label for=id("start")>"Starts on"</label>
            <input id=id("start") type="date" prop:value=text(|f| &f.starts_on)
                on:input=move |ev| form.update(|f| f.starts_on = event_target_value(&ev))/>
        </div>
    }
}

//! A trip's incident log: what happened, to which children, and what was done, newest
//! first. An entry is never changed once saved (a correction is another entry), so the form
//! says so before saving.

use std::collections::BTreeSet;

use leptos::prelude::*;
use mentor_core::EntityId;

use super::trip_data::TripData;
use crate::client::trips::{IncidentForm, log_incident};
use crate::client::{AppClient, LocalAction, SaveState, new_id};
use crate::components::save_line;
use crate::pages::day_and_time;
use crate::state::SyncStatus;
use crate::storage::platform;

#[component]
pub fn Incidents(id: EntityId, data: RwSignal<TripData>) -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let client = AppClient::expect();
    let what = RwSignal::new(String::new());
    let action = RwSignal::new(String::new());
    let children = RwSignal::new(BTreeSet::<EntityId>::new());
    let state = RwSignal::new(SaveState::Idle);
    let saving = LocalAction::new(move |edit: &mentor_core::Edit| {
        let edit = edit.clone();
        async move {
            match client.save(edit).await {
                Ok(_) => {
                    let _ = what.try_set(String::new());
                    let _ = action.try_set(String::new());
                    let _ = children.try_set(BTreeSet::new());
                    let _ = state.try_set(SaveState::Saved(Some(
                        "Incident logged. Saved on this device.".to_owned(),
                    )));
                }
                Err(error) => {
                    let _ = state.try_set(SaveState::Failed(error));
                }
            }
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some((me, _)) = status.signed_in_untracked() else {
            return;
        };
        let form = IncidentForm {
            children: children.get_untracked().into_iter().collect(),
            what_happened: what.get_untracked(),
            action_taken: action.get_untracked(),
        };
        let edit =
            new_id().and_then(|incident| log_incident(incident, id, me, platform::now_ms(), &form));
        match edit {
            Ok(edit) => {
                state.set(SaveState::Saving);
                saving.dispatch(edit);
            }
            Err(problem) => state.set(SaveState::Failed(problem)),
        }
    };
    let touched = move || state.set(SaveState::Idle);
    view! {
        <section class="card" aria-labelledby="incidents-heading">
            <h2 id="incidents-heading">"Incidents"</h2>
            <ul class="incident-list">
                {move || data.with(|data| data.incidents.iter().map(|view| view! {
                    <li class="incident">
                        <p class="incident-when">{format!("{} · logged by {}", day_and_time(view.incident.happened_at), view.recorded_by)}</p>
                        {(!view.children.is_empty()).then(|| view! { <p class="incident-who">{view.children.join(", ")}</p> })}
                        <p><strong>"What happened: "</strong>{view.incident.what_happened.clone()}</p>
                        <p><strong>"Action taken: "</strong>{view.incident.action_taken.clone()}</p>
                    </li>
                }).collect_view())}
            </ul>
            <form class="incident-form" on:submit=on_submit novalidate>
                <h3>"Log an incident"</h3>
                <fieldset class="pick-list incident-children">
                    <legend>"Children involved"</legend>
                    {move || data.with(|data| data.children.iter().map(|child| {
                        let child_id = child.id;
                        view! {
                            <label class="pick">
                                <input type="checkbox" prop:checked=move || children.with(|set| set.contains(&child_id))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        children.update(|set| { if on { set.insert(child_id); } else { set.remove(&child_id); } });
                                        touched();
                                    }/>
                                {child.name.clone()}
                            </label>
                        }
                    }).collect_view())}
                </fieldset>
                <div class="field">
                    <label for="incident-what">"What happened"</label>
                    <textarea id="incident-what" prop:value=move || what.get()
                        on:input=move |ev| { what.set(event_target_value(&ev)); touched(); }></textarea>
                </div>
                <div class="field">
                    <label for="incident-action">"Action taken"</label>
                    <textarea id="incident-action" prop:value=move || action.get()
                        on:input=move |ev| { action.set(event_target_value(&ev)); touched(); }></textarea>
                </div>
                <p class="hint">"An incident cannot be changed once logged; to correct one, log another."</p>
                <button type="submit" class="button" disabled=move || state.get().is_saving()>"Log incident"</button>
                {save_line(state)}
            </form>
        </section>
    }
}

//! The coordinator's form that sets up a placement.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::placement_data::PlacementsData;
use crate::client::placements::{PlacementForm, new_placement};
use crate::client::{SaveAction, SaveState};
use crate::components::{TextField, save_line};

#[component]
pub fn NewPlacement(data: RwSignal<PlacementsData>) -> impl IntoView {
    let student = RwSignal::new(String::new());
    let visitor = RwSignal::new(String::new());
    let employer = RwSignal::new(String::new());
    let address = RwSignal::new(String::new());
    let supervisor_name = RwSignal::new(String::new());
    let supervisor_phone = RwSignal::new(String::new());
    let supervisor_email = RwSignal::new(String::new());
    let starts_on = RwSignal::new(String::new());
    let ends_on = RwSignal::new(String::new());
    let hours = RwSignal::new(String::new());
    let saving = SaveAction::new();
    let navigate = use_navigate();
    let touched = move || saving.touch();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(id) = saving.new_id() else { return };
        let form = PlacementForm {
            student: student.get_untracked().parse().ok(),
            visitor: visitor.get_untracked().parse().ok(),
            employer: employer.get_untracked(),
            address: address.get_untracked(),
            supervisor_name: supervisor_name.get_untracked(),
            supervisor_phone: supervisor_phone.get_untracked(),
            supervisor_email: supervisor_email.get_untracked(),
            starts_on: starts_on.get_untracked(),
            ends_on: ends_on.get_untracked(),
            hours: hours.get_untracked(),
        };
        match new_placement(id, &form) {
            Ok(edit) => {
                let navigate = navigate.clone();
                saving.save(edit, move || {
                    navigate(&format!("/placements/{id}"), Default::default())
                });
            }
            Err(problem) => saving.set(SaveState::Failed(problem)),
        }
    };
    let date = move |label: &'static str, id: &'static str, value: RwSignal<String>| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input id=id type="date" prop:value=move || value.get()
                    on:input=move |ev| { value.set(event_target_value(&ev)); touched(); }/>
            </div>
        }
    };
    view! {
        <form class="card new-placement" aria-labelledby="new-placement-heading" on:submit=on_submit novalidate>
            <h2 id="new-placement-heading">"New placement"</h2>
            <div class="field">
                <label for="placement-learner">"Learner"</label>
                <select id="placement-learner" prop:value=move || student.get()
                    on:change=move |ev| { student.set(event_target_value(&ev)); touched(); }>
                    <option value="">"Choose a learner"</option>
                    {move || data.with(|data| data.students.clone()).into_iter()
                        .map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="placement-visitor">"Visiting member of staff"</label>
                <select id="placement-visitor" prop:value=move || visitor.get()
                    on:change=move |ev| { visitor.set(event_target_value(&ev)); touched(); }>
                    <option value="">"Choose who visits"</option>
                    {move || data.with(|data| data.staff.clone()).into_iter()
                        .map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                </select>
            </div>
            <TextField label="Employer" id="placement-employer" value=employer on_touch=touched/>
            <TextField label="Workplace address" id="placement-address" value=address on_touch=touched/>
            <TextField label="Supervisor (optional)" id="placement-supervisor" value=supervisor_name on_touch=touched/>
            <TextField label="Supervisor's phone (optional)" id="placement-phone" value=supervisor_phone on_touch=touched/>
            <TextField label="Supervisor's email (optional)" id="placement-email" value=supervisor_email on_touch=touched/>
            {date("First day", "placement-starts", starts_on)}
            {date("Last day", "placement-ends", ends_on)}
            <TextField label="Days and hours (optional)" id="placement-hours" value=hours on_touch=touched/>
            <button class="button" type="submit" disabled=move || saving.is_saving()>"Add placement"</button>
            {save_line(saving.signal())}
        </form>
    }
}

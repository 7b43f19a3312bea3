//! The organiser's form that sets up a trip: its name, destination and days, who leads it
//! and who else goes, the number to ring in an emergency, and the children (whole teaching
//! groups at a time). The school's checklist comes with it. Nothing is saved until every
//! field is right; the trip then opens.

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use mentor_core::EntityId;

use super::trip_data::TripsOverview;
use crate::client::trips::{TripForm, new_trip};
use crate::client::{AppClient, LocalAction, SaveState, new_id};
use crate::components::{TextField, save_line};

#[component]
pub fn NewTrip(data: RwSignal<TripsOverview>) -> impl IntoView {
    let client = AppClient::expect();
    let name = RwSignal::new(String::new());
    let destination = RwSignal::new(String::new());
    let starts_on = RwSignal::new(String::new());
    let ends_on = RwSignal::new(String::new());
    let leader = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let staff = RwSignal::new(BTreeSet::<EntityId>::new());
    let groups = RwSignal::new(BTreeSet::<EntityId>::new());
    let state = RwSignal::new(SaveState::Idle);
    let touched = move || state.set(SaveState::Idle);
    let navigate = use_navigate();
    let saving = LocalAction::new(move |request: &(EntityId, Vec<mentor_core::Edit>)| {
        let (id, edits) = request.clone();
        let navigate = navigate.clone();
        async move {
            match client.save_all(edits).await {
                Ok(()) => {
                    let _ = state.try_set(SaveState::Saved(None));
                    navigate(&format!("/trips/{id}"), Default::default());
                }
                Err(error) => {
                    let _ = state.try_set(SaveState::Failed(error));
                }
            }
        }
    });
    let children = move || {
        let chosen = groups.get_untracked();
        let mut children = Vec::new();
        data.with_untracked(|data| {
            for group in data
                .groups
                .iter()
                .filter(|group| chosen.contains(&group.id))
            {
                for child in &group.students {
                    if !children.contains(child) {
                        children.push(*child);
                    }
                }
            }
        });
        children
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = TripForm {
            name: name.get_untracked(),
            destination: destination.get_untracked(),
            starts_on: starts_on.get_untracked(),
            ends_on: ends_on.get_untracked(),
            leader: leader.get_untracked().parse().ok(),
            emergency_phone: phone.get_untracked(),
            staff: staff.get_untracked().into_iter().collect(),
            children: children(),
        };
        let checks = data.with_untracked(|data| data.checks.clone());
        let ids: Result<Vec<EntityId>, String> = (0..=checks.len()).map(|_| new_id()).collect();
        let outcome = ids.and_then(|ids| {
            let (id, check_ids) = ids.split_first().ok_or("No id for the trip.")?;
            Ok((*id, new_trip(*id, &form, &checks, check_ids)?))
        });
        match outcome {
            Ok(request) => {
                state.set(SaveState::Saving);
                saving.dispatch(request);
            }
            Err(problem) => state.set(SaveState::Failed(problem)),
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
    let toggle = move |set: RwSignal<BTreeSet<EntityId>>, id: EntityId, on: bool| {
        set.update(|set| {
            if on {
                set.insert(id);
            } else {
                set.remove(&id);
            }
        });
        touched();
    };
    view! {
        <form class="card new-trip" aria-labelledby="new-trip-heading" on:submit=on_submit novalidate>
            <h2 id="new-trip-heading">"New trip"</h2>
            <TextField label="Trip name" id="trip-name" value=name on_touch=touched/>
            <TextField label="Destination" id="trip-destination" value=destination on_touch=touched/>
            {date("First day", "trip-starts", starts_on)}
            {date("Last day", "trip-ends", ends_on)}
            <div class="field">
                <label for="trip-leader">"Trip leader"</label>
                <select id="trip-leader" prop:value=move || leader.get()
                    on:change=move |ev| { leader.set(event_target_value(&ev)); touched(); }>
                    <option value="">"Choose who leads"</option>
                    {move || data.with(|data| data.staff.clone()).into_iter()
                        .map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                </select>
            </div>
            <TextField label="Emergency phone number" id="trip-phone" value=phone on_touch=touched/>
            <fieldset class="pick-list">
                <legend>"Other staff going"</legend>
                {move || data.with(|data| data.staff.clone()).into_iter().map(|(id, who)| view! {
                    <label class="pick">
                        <input type="checkbox" prop:checked=move || staff.with(|set| set.contains(&id))
                            on:change=move |ev| toggle(staff, id, event_target_checked(&ev))/>
                        {who}
                    </label>
                }).collect_view()}
            </fieldset>
            <fieldset class="pick-list">
                <legend>"Children going: whole groups"</legend>
                {move || data.with(|data| data.groups.clone()).into_iter().map(|group| {
                    let id = group.id;
                    view! {
                        <label class="pick">
                            <input type="checkbox" prop:checked=move || groups.with(|set| set.contains(&id))
                                on:change=move |ev| toggle(groups, id, event_target_checked(&ev))/>
                            {format!("{} ({} children)", group.name, group.students.len())}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <button class="button" type="submit" disabled=move || state.get().is_saving()>"Add trip"</button>
            {save_line(state)}
        </form>
    }
}

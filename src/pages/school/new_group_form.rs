//! Creating a teaching group on the Groups page: a name, and optionally its subject and year.
//! Saved on this device and synced like any edit; the page then shows the new group, ready
//! for its staff and students.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use mentor_core::ids::EntityId;

use super::roster::create_group;
use crate::client::{SaveAction, SaveState, typed};

/// The form; `on_created` gets the new group's id once the edit is on its way to the device.
#[component]
pub fn NewGroupForm(change: SaveAction, on_created: Callback<EntityId>) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let subject = RwSignal::new(String::new());
    let year = RwSignal::new(String::new());
    let busy = move || change.is_saving();
    let create = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(group_name) = typed(&name.get_untracked()) else {
            change.set(SaveState::Failed("Give the group a name first.".to_owned()));
            return;
        };
        let Some(id) = change.new_id() else {
            return;
        };
        let subject_text = typed(&subject.get_untracked());
        let edit = create_group(
            id,
            &group_name,
            subject_text.as_deref(),
            year.get_untracked().parse().ok(),
        );
        change.save_saying(edit, format!("Created {group_name}. Saved on this device."));
        for field in [name, subject, year] {
            field.set(String::new());
        }
        on_created.run(id);
    };

    view! {
        <form class="card school-section school-new-group" aria-labelledby="new-group-heading" on:submit=create novalidate>
            <h2 id="new-group-heading">"New group"</h2>
            <div class="field">
                <label for="new-group-name">"Group name"</label>
                <input
                    type="text"
                    id="new-group-name"
                    autocomplete="off"
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
            </div>
            <div class="field">
                <label for="new-group-subject">"Subject (optional)"</label>
                <input
                    type="text"
                    id="new-group-subject"
                    autocomplete="off"
                    prop:value=move || subject.get()
                    on:input=move |ev| subject.set(event_target_value(&ev))
                />
            </div>
            <div class="field">
                <label for="new-group-year">"Year group (optional)"</label>
                <select
                    id="new-group-year"
                    prop:value=move || year.get()
                    on:change=move |ev| year.set(event_target_value(&ev))
                >
                    <option value="" selected=move || year.with(String::is_empty)>"Mixed or none"</option>
                    {(7..=13u8)
                        .map(|n| {
                            let value = n.to_string();
                            view! {
                                <option value=value.clone() selected=move || year.with(|y| *y == value)>
                                    {format!("Year {n}")}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <button class="button" type="submit" disabled=busy>"Create group"</button>
        </form>
    }
}

//! The trip's children by group, on the trip's page: each child's trip-pack page, their
//! group (any of the trip's staff may move them) and their consent or exclusion note ("No
//! photographs", any of the trip's staff may write it). Organisers — those who see every
//! student — also add a child or a whole group after the set-up (late consent) and take one
//! off the trip.

use leptos::prelude::*;
use leptos_router::components::A;
use mentor_core::{Edit, EntityId, EntityKind};

use super::trip_data::{Traveller, TripData, in_group};
use crate::client::trips::{add_child, add_children, move_child, note_child, remove_child};
use crate::client::{AppClient, LocalAction};
use crate::state::SyncStatus;

#[component]
pub fn Groups(id: EntityId, data: RwSignal<TripData>) -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let client = AppClient::expect();
    let problem = RwSignal::new(None::<String>);
    let organiser = Memo::new(move |_| {
        status
            .signed_in()
            .is_some_and(|(_, role)| role.may_create(EntityKind::TripMember))
    });
    // Each change is one edit, or several saved together (a whole group added).
    let saving = LocalAction::new(move |edits: &Result<Vec<Edit>, String>| {
        let edits = edits.clone();
        async move {
            let outcome = match edits {
                Ok(edits) => client.save_all(edits).await,
                Err(error) => Err(error),
            };
            let _ = problem.try_set(outcome.err());
        }
    });
    let save_all = Callback::new(move |edits: Result<Vec<Edit>, String>| saving.dispatch(edits));
    let save =
        Callback::new(move |edit: Result<Edit, String>| save_all.run(edit.map(|edit| vec![edit])));
    // The child whose note is open, and the note as typed: kept here, so a sync that draws
    // the list again loses neither.
    let editing = RwSignal::new(None::<EntityId>);
    let draft = RwSignal::new(String::new());
    view! {
        <section class="card" aria-labelledby="groups-heading">
            <h2 id="groups-heading">"Children and groups"</h2>
            {move || problem.get().map(|problem| view! { <p class="form-error" role="alert">{problem}</p> })}
            {move || data.with(|data| {
                let staff_ids: Vec<EntityId> = data.staff.iter().map(|(id, _)| *id).collect();
                let ungrouped: Vec<_> = data.children.iter()
                    .filter(|child| child.member.with_staff_id.is_none_or(|staff| !staff_ids.contains(&staff)))
                    .cloned()
                    .collect();
                let mut groups: Vec<(String, Vec<_>)> = data.staff.iter().map(|(staff_id, staff_name)| {
                    let members = in_group(&data.children, *staff_id);
                    let children = data.children.iter().filter(|child| members.contains(&child.id)).cloned().collect();
                    (format!("{staff_name}'s group"), children)
                }).collect();
                if !ungrouped.is_empty() {
                    groups.push(("Not in a group yet".to_owned(), ungrouped));
                }
                groups.into_iter().map(|(title, children)| {
                    let staff = data.staff.clone();
                    view! {
                        <h3>{format!("{title} ({})", children.len())}</h3>
                        <ul class="traveller-list">
                            {children.into_iter().map(|child| view! {
                                <TravellerLine trip=id child staff=staff.clone() organiser editing draft save/>
                            }).collect_view()}
                        </ul>
                    }
                }).collect_view()
            })}
            <Show when=move || organiser.get()>
                <AddChild trip=id data save/>
                <AddGroup trip=id data save_all/>
            </Show>
        </section>
    }
}

/// One child: their pack page, group, note, and for organisers "Remove from the trip".
#[component]
fn TravellerLine(
    trip: EntityId,
    child: Traveller,
    staff: Vec<(EntityId, String)>,
    organiser: Memo<bool>,
    editing: RwSignal<Option<EntityId>>,
    draft: RwSignal<String>,
    save: Callback<Result<Edit, String>>,
) -> impl IntoView {
    let child_id = child.id;
    let select_id = format!("group-{child_id}");
    let note_id = format!("note-{child_id}");
    let current = child.member.with_staff_id;
    let saved_note = child.member.note.clone().unwrap_or_default();
    let open = move || editing.get() == Some(child_id);
    let name = child.name.clone();
    let group_label = format!("Group of {}", child.name);
    let note_for = format!(" for {}", child.name);
    let pack = format!("/trips/{trip}/pack/{child_id}");
    view! {
        <li class="traveller">
            <A href=pack attr:class="traveller-name">{child.name.clone()}</A>
            <span class="traveller-form">{child.year_and_form.clone()}</span>
            {child.member.note.clone().map(|note| view! { <span class="traveller-note">{note}</span> })}
            <label class="sr-only" for=select_id.clone()>{group_label}</label>
            <select id=select_id on:change=move |ev| {
                if let Ok(staff) = event_target_value(&ev).parse::<EntityId>() {
                    save.run(Ok(move_child(trip, child_id, staff)));
                }
            }>
                {staff.iter().map(|(option, name)| view! {
                    <option value=option.to_string() selected=Some(*option) == current>{name.clone()}</option>
                }).collect_view()}
            </select>
            <button type="button" class="button secondary" aria-expanded=move || open().to_string()
                on:click=move |_| {
                    if editing.get_untracked() == Some(child_id) {
                        editing.set(None);
                    } else {
                        draft.set(saved_note.clone());
                        editing.set(Some(child_id));
                    }
                }>
                "Note"<span class="sr-only">{note_for}</span>
            </button>
            <Show when=open>
                <form class="traveller-edit" on:submit=move |ev| {
                    ev.prevent_default();
                    save.run(note_child(trip, child_id, &draft.get_untracked()));
                    editing.set(None);
                }>
                    <div class="field">
                        <label for=note_id.clone()>{format!("Consent or exclusion note for {name}")}</label>
                        <input id=note_id.clone() type="text" maxlength="300" prop:value=move || draft.get()
                            on:input=move |ev| draft.set(event_target_value(&ev))/>
                    </div>
                    <button type="submit" class="button">"Save note"</button>
                    <Show when=move || organiser.get()>
                        <button type="button" class="button secondary"
                            on:click=move |_| save.run(Ok(remove_child(trip, child_id)))>
                            "Remove from the trip"
                        </button>
                    </Show>
                </form>
            </Show>
        </li>
    }
}

/// An organiser adds a child after the set-up, into the leader's group.
#[component]
fn AddChild(
    trip: EntityId,
    data: RwSignal<TripData>,
    save: Callback<Result<Edit, String>>,
) -> impl IntoView {
    let chosen = RwSignal::new(String::new());
    // (id, "name, year and form"), by family name.
    let options = Memo::new(move |_| {
        data.with(|data| {
            let mut options: Vec<_> = data
                .not_going
                .iter()
                .map(|student| {
                    (
                        student.sort_key(),
                        student.id,
                        student.shown_name(),
                        student.year_and_form(),
                    )
                })
                .collect();
            options.sort_unstable();
            options
                .into_iter()
                .map(|(_, id, name, form)| (id, format!("{name}, {form}")))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <form class="add-child" on:submit=move |ev| {
            ev.prevent_default();
            let leader = data.with_untracked(|data| data.trip.as_ref().map(|trip| trip.leader_id));
            match (chosen.get_untracked().parse::<EntityId>(), leader) {
                (Ok(child), Some(leader)) => {
                    save.run(Ok(add_child(trip, child, leader)));
                    chosen.set(String::new());
                }
                _ => save.run(Err("Choose the child to add.".to_owned())),
            }
        }>
            <div class="field">
                <label for="add-child">"Add a child"</label>
                <select id="add-child" prop:value=move || chosen.get()
                    on:change=move |ev| chosen.set(event_target_value(&ev))>
                    <option value="">"Choose a child"</option>
                    {move || options.get().into_iter().map(|(id, label)| view! {
                        <option value=id.to_string()>{label}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button secondary">"Add to the trip"</button>
        </form>
    }
}

/// An organiser adds the children of a teaching group who are not yet going, all at once,
/// into the leader's group.
#[component]
fn AddGroup(
    trip: EntityId,
    data: RwSignal<TripData>,
    save_all: Callback<Result<Vec<Edit>, String>>,
) -> impl IntoView {
    let chosen = RwSignal::new(String::new());
    view! {
        <Show when=move || data.with(|data| !data.groups.is_empty())>
            <form class="add-child" aria-label="Add a group" on:submit=move |ev| {
                ev.prevent_default();
                let picked = data.with_untracked(|data| {
                    let leader = data.trip.as_ref()?.leader_id;
                    let group = data.groups.iter().find(|group| group.id.to_string() == chosen.get_untracked())?;
                    Some(add_children(trip, &group.students, leader))
                });
                match picked {
                    Some(edits) => {
                        save_all.run(Ok(edits));
                        chosen.set(String::new());
                    }
                    None => save_all.run(Err("Choose the group to add.".to_owned())),
                }
            }>
                <div class="field">
                    <label for="add-group">"Add a group's children"</label>
                    <select id="add-group" prop:value=move || chosen.get()
                        on:change=move |ev| chosen.set(event_target_value(&ev))>
                        <option value="">"Choose a group"</option>
                        {move || data.with(|data| data.groups.iter().map(|group| {
                            let label = format!("{} ({} not going)", group.name, group.students.len());
                            view! { <option value=group.id.to_string()>{label}</option> }
                        }).collect_view())}
                    </select>
                </div>
                <button type="submit" class="button secondary">"Add the group"</button>
            </form>
        </Show>
    }
}

//! The `/trips/:trip/roll-calls/:id` page, made for a phone with no signal: the whole trip's
//! count in large type ("31 of 32"), your own group's count, one tile per child to tap when
//! found (tap again to take it back), and the missing list with each child's group leader,
//! where a missing child can be accounted for ("with parent", "sent home", or otherwise with
//! a note). "Complete" only when nobody is missing; a completed roll call takes no taps until
//! it is re-opened to correct a mark. Each tap is saved on the device at once
//! and the tile changes as soon as it is committed.

use leptos::prelude::*;
use leptos_router::components::A;
use mentor_core::EntityId;
use mentor_core::records::RollCallMark;

use super::trip_data::{RollCallView, Traveller, TripData, in_group};
use super::{route_id, use_trip};
use crate::client::trips::{
    RollCallPlace, Standing, complete_roll_call, mark_child, reopen_roll_call,
};
use crate::client::{AppClient, LocalAction, download_text, print_page};
use crate::pages::clock_time;
use crate::pages::csv_text::push_row;
use crate::state::SyncStatus;
use crate::storage::platform;

const NOT_ON_DEVICE: &str = "This roll call is not on this device. A roll call reaches the \
     trip's staff when their devices sync.";

#[component]
pub fn RollCallPage() -> impl IntoView {
    let trip = route_id("trip");
    let roll_call = route_id("id");
    view! {
        <div class="page roll-call-page">
            {move || trip.get().map(|trip| view! {
                <A href=format!("/trips/{trip}") attr:class="back-link">"Back to the trip"</A>
            })}
            {move || match (trip.get(), roll_call.get()) {
                (Some(trip), Some(id)) => view! { <RollCall trip id/> }.into_any(),
                _ => view! { <h1>"Roll call"</h1><p>{NOT_ON_DEVICE}</p> }.into_any(),
            }}
        </div>
    }
}

/// A mark to save, and how the roll call shows it once saved.
#[derive(Debug, Clone)]
struct Marking {
    child: EntityId,
    standing: Standing,
    note: String,
}

#[component]
fn RollCall(trip: EntityId, id: EntityId) -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let client = AppClient::expect();
    let (data, loaded) = use_trip(trip);
    let problem = RwSignal::new(None::<String>);
    let everyone = RwSignal::new(false);
    let accounting = RwSignal::new(None::<EntityId>);
    let me = move || status.signed_in_untracked().map(|(me, _)| me);
    let view_of = move || data.with(|data| data.roll_call(id).cloned());

    let save_mark = LocalAction::new(move |marking: &Marking| {
        let marking = marking.clone();
        async move {
            let Some(by) = me() else { return };
            let place = RollCallPlace {
                roll_call: id,
                trip,
                by,
                now: platform::now_ms(),
            };
            let marked = data.with_untracked(|data| {
                data.roll_call(id)
                    .is_some_and(|view| view.marks.contains_key(&marking.child))
            });
            let edit = match mark_child(
                place,
                marking.child,
                marked,
                marking.standing,
                &marking.note,
            ) {
                Ok(edit) => edit,
                Err(error) => {
                    let _ = problem.try_set(Some(error));
                    return;
                }
            };
            match client.save_shown(vec![edit]).await {
                Ok(()) => {
                    let mark = RollCallMark {
                        roll_call_id: id,
                        trip_id: trip,
                        student_id: marking.child,
                        status: marking.standing.as_str().to_owned(),
                        note: crate::client::typed(&marking.note),
                        marked_by: by,
                        marked_at: i64::try_from(place.now).unwrap_or(i64::MAX),
                    };
                    let _ = data.try_update(|data| data.apply(id, vec![mark]));
                    let _ = problem.try_set(None);
                    let _ = accounting.try_set(None);
                }
                Err(error) => {
                    let _ = problem.try_set(Some(error));
                }
            }
        }
    });
    let save = Callback::new(move |marking: Marking| save_mark.dispatch(marking));
    // Complete (true) or re-open (false).
    let complete = LocalAction::new(move |done: &bool| {
        let done = *done;
        async move {
            let Some(by) = me() else { return };
            let missing = data.with_untracked(|data| missing(data, id).len());
            let edit = if done {
                complete_roll_call(id, by, platform::now_ms(), missing)
            } else {
                Ok(reopen_roll_call(id))
            };
            let outcome = match edit {
                Ok(edit) => client.save(edit).await.map(|_| ()),
                Err(error) => Err(error),
            };
            let _ = problem.try_set(outcome.err());
        }
    });
    let completed =
        Memo::new(move |_| view_of().is_some_and(|view| view.roll_call.completed_at.is_some()));
    let download = move |_| {
        let (name, text) = data.with_untracked(|data| roll_call_csv(data, id));
        if let Err(error) = download_text(&name, "text/csv;charset=utf-8", &text) {
            problem.set(Some(error));
        }
    };

    // Your group, if you have one on this trip; everyone otherwise.
    let mine = Memo::new(move |_| {
        let me = status.signed_in().map(|(me, _)| me);
        data.with(|data| {
            let group = in_group(&data.children, me?);
            (!group.is_empty()).then_some(group)
        })
    });
    let counts = Memo::new(move |_| {
        data.with(|data| {
            let view = data.roll_call(id)?;
            let settled = |children: &mut dyn Iterator<Item = &Traveller>| {
                children
                    .filter(|child| view.standing(child.id).is_settled())
                    .count()
            };
            let total = (settled(&mut data.children.iter()), data.children.len());
            let group = mine.get().map(|group| {
                let mut in_mine = data
                    .children
                    .iter()
                    .filter(|child| group.contains(&child.id));
                (settled(&mut in_mine), group.len())
            });
            Some((total, group))
        })
    });
    let shown = move || {
        let group = (!everyone.get()).then(|| mine.get()).flatten();
        data.with(|data| {
            data.children
                .iter()
                .filter(|child| group.as_ref().is_none_or(|group| group.contains(&child.id)))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    // Each tile with its standing: a tile is drawn again only when its child's standing
    // changes, so a tap or a sync does not rebuild the other tiles under the finger.
    let tiles = move || {
        let view = view_of();
        shown()
            .into_iter()
            .map(|child| {
                let standing = view
                    .as_ref()
                    .map_or(Standing::Missing, |view| view.standing(child.id));
                (child, standing)
            })
            .collect::<Vec<_>>()
    };
    let missing_now = Memo::new(move |_| data.with(|data| missing(data, id)));
    let heading = move || {
        view_of().map_or_else(
            || "Roll call".to_owned(),
            |view| format!("{} roll call", view.roll_call.name),
        )
    };
    view! {
        <h1>{heading}</h1>
        {move || data.with(|data| data.trip.as_ref().map(|trip| view! { <p class="roll-call-trip">{trip.name.clone()}</p> }))}
        {move || (loaded.get() && view_of().is_none()).then(|| view! { <p>{NOT_ON_DEVICE}</p> })}
        {move || view_of().map(|view| view! {
            <p class="roll-call-state">{match view.roll_call.completed_at {
                Some(at) => format!("Completed by {} at {}", view.completed_by, clock_time(at)),
                None => format!("Opened at {}", clock_time(view.roll_call.opened_at)),
            }}</p>
        })}
        <Show when=move || view_of().is_some()>
            <div class="roll-call-count" role="status" aria-label="Found">
                {move || counts.get().map(|((found, total), group)| view! {
                    <span class="count-big">{format!("{found} of {total}")}</span>
                    <span class="count-words">" found or accounted for"</span>
                    {group.map(|(found, total)| view! { <span class="count-group">{format!("Your group: {found} of {total}")}</span> })}
                })}
            </div>
            <Show when=move || mine.get().is_some()>
                <div class="roll-call-scope" role="group" aria-label="Show">
                    <button type="button" class="button secondary" aria-pressed=move || (!everyone.get()).to_string()
                        on:click=move |_| everyone.set(false)>"My group"</button>
                    <button type="button" class="button secondary" aria-pressed=move || everyone.get().to_string()
                        on:click=move |_| everyone.set(true)>"Everyone"</button>
                </div>
            </Show>
            {move || problem.get().map(|problem| view! { <p class="form-error" role="alert">{problem}</p> })}
            <ul class="roll-call-tiles" aria-label="Children">
                <For each=tiles key=|tile: &(Traveller, Standing)| (tile.0.id, tile.1) let((child, standing))>
                    <RollCallTile child standing completed save/>
                </For>
            </ul>
            <section class="card missing-list" aria-labelledby="missing-heading">
                <h2 id="missing-heading">"Missing"</h2>
                <Show when=move || missing_now.with(Vec::is_empty)>
                    <p>"Nobody is missing."</p>
                </Show>
                <ul>
                    <For each=move || missing_now.get() key=|child: &Traveller| child.id let:child>
                        <MissingChild child accounting save/>
                    </For>
                </ul>
            </section>
            <div class="roll-call-tools">
                <Show when=move || !completed.get()
                    fallback=move || view! {
                        <button type="button" class="button secondary" on:click=move |_| { complete.dispatch(false); }
                            disabled=move || complete.pending().get()>
                            "Re-open to correct"
                        </button>
                    }>
                    <button type="button" class="button" on:click=move |_| { complete.dispatch(true); }
                        disabled=move || complete.pending().get()>
                        "Complete roll call"
                    </button>
                </Show>
                <button type="button" class="button secondary" on:click=download>"Download CSV"</button>
                <button type="button" class="button secondary" on:click=move |_| print_page()>"Print"</button>
            </div>
        </Show>
    }
}

/// One child's tile: tap when found, tap again to take it back.
#[component]
fn RollCallTile(
    child: Traveller,
    standing: Standing,
    completed: Memo<bool>,
    save: Callback<Marking>,
) -> impl IntoView {
    let child_id = child.id;
    let next = if standing == Standing::Found {
        Standing::Missing
    } else {
        Standing::Found
    };
    view! {
        <li>
            <button type="button" class=format!("tile standing-{}", standing.as_str())
                aria-pressed=(standing == Standing::Found).to_string()
                disabled=move || completed.get()
                on:click=move |_| save.run(Marking { child: child_id, standing: next, note: String::new() })>
                // Read as "Grace Jarrow: Found".
                <span class="tile-name">{child.name}<span class="sr-only">":"</span></span>
                <span class="tile-standing">{standing.label()}</span>
            </button>
        </li>
    }
}

/// A missing child: name and group leader, and a form to account for them.
#[component]
fn MissingChild(
    child: Traveller,
    accounting: RwSignal<Option<EntityId>>,
    save: Callback<Marking>,
) -> impl IntoView {
    let id = child.id;
    let standing = RwSignal::new(Standing::WithParent.as_str().to_owned());
    let note = RwSignal::new(String::new());
    let select_id = format!("account-{id}");
    let note_id = format!("account-note-{id}");
    let name = child.name.clone();
    view! {
        <li class="missing-child">
            <span class="missing-name">{child.name.clone()}</span>
            <span class="missing-group">{format!("Group: {}", child.group_leader)}</span>
            <button type="button" class="button secondary" aria-expanded=move || (accounting.get() == Some(id)).to_string()
                on:click=move |_| accounting.update(|open| *open = if *open == Some(id) { None } else { Some(id) })>
                {format!("Account for {}", child.name)}
            </button>
            <Show when=move || accounting.get() == Some(id)>
                <form class="account-form" on:submit=move |ev| {
                    ev.prevent_default();
                    let chosen = Standing::from_stored(&standing.get_untracked());
                    save.run(Marking { child: id, standing: chosen, note: note.get_untracked() });
                }>
                    <div class="field">
                        <label for=select_id.clone()>{format!("Where is {name}?")}</label>
                        <select id=select_id.clone() prop:value=move || standing.get()
                            on:change=move |ev| standing.set(event_target_value(&ev))>
                            {Standing::ACCOUNTED.iter().map(|option| view! {
                                <option value=option.as_str()>{option.label()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for=note_id.clone()>"Note"</label>
                        <input id=note_id.clone() type="text" prop:value=move || note.get()
                            on:input=move |ev| note.set(event_target_value(&ev))/>
                    </div>
                    <button type="submit" class="button">"Save"</button>
                </form>
            </Show>
        </li>
    }
}

/// The children of the trip still missing in roll call `id` (neither found nor accounted for).
fn missing(data: &TripData, id: EntityId) -> Vec<Traveller> {
    let Some(view) = data.roll_call(id) else {
        return Vec::new();
    };
    data.children
        .iter()
        .filter(|child| !view.standing(child.id).is_settled())
        .cloned()
        .collect()
}

/// The roll call as CSV: its file name and text, one row per child.
fn roll_call_csv(data: &TripData, id: EntityId) -> (String, String) {
    let mut out = String::new();
    push_row(
        &mut out,
        [
            "Child",
            "Year and form",
            "Group",
            "Standing",
            "Note",
            "Marked at",
        ]
        .map(str::to_owned),
    );
    let Some(view): Option<&RollCallView> = data.roll_call(id) else {
        return ("roll-call.csv".to_owned(), out);
    };
    for child in &data.children {
        let mark = view.marks.get(&child.id);
        push_row(
            &mut out,
            [
                child.name.clone(),
                child.year_and_form.clone(),
                child.group_leader.clone(),
                view.standing(child.id).label().to_owned(),
                mark.and_then(|mark| mark.note.clone()).unwrap_or_default(),
                mark.map(|mark| clock_time(mark.marked_at))
                    .unwrap_or_default(),
            ],
        );
    }
    let name: String = view
        .roll_call
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    (format!("roll-call-{name}.csv"), out)
}

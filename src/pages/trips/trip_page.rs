//! The `/trips/:id` page: the trip at a glance (where, when, who leads, the emergency number
//! to tap), its roll calls (open one at a checkpoint, or go back to one), the children by
//! group with their consent notes and trip-pack pages, the checklist and the incident log.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use mentor_core::EntityId;
use mentor_core::entity::roll_call_id;
use mentor_core::kinds::CHECKPOINTS;

use super::checklist::Checklist;
use super::groups::Groups;
use super::incidents::Incidents;
use super::trip_data::TripData;
use super::{NOT_ON_DEVICE, route_id, trip_days, use_trip};
use crate::client::trips::open_roll_call;
use crate::client::{AppClient, LocalAction};
use crate::pages::{clock_time, phone_link};
use crate::state::SyncStatus;
use crate::storage::platform;

#[component]
pub fn TripPage() -> impl IntoView {
    let trip = route_id("id");
    view! {
        <div class="page trip-page">
            <A href="/trips" attr:class="back-link">"Back to trips"</A>
            {move || match trip.get() {
                Some(id) => view! { <TripView id/> }.into_any(),
                None => view! { <h1>"Trip"</h1><p>{NOT_ON_DEVICE}</p> }.into_any(),
            }}
        </div>
    }
}

#[component]
fn TripView(id: EntityId) -> impl IntoView {
    let (data, loaded) = use_trip(id);
    let heading = move || {
        data.with(|data| {
            data.trip
                .as_ref()
                .map_or_else(|| "Trip".to_owned(), |trip| trip.name.clone())
        })
    };
    // Only whether the trip is here decides what is drawn: each section reads the data
    // itself, so a sync or a save does not build them again (and lose what is being typed).
    let shown = Memo::new(move |_| (loaded.get(), data.with(|data| data.trip.is_some())));
    view! {
        <h1>{heading}</h1>
        {move || match shown.get() {
            (false, _) => view! { <p>"Reading the trip…"</p> }.into_any(),
            (true, false) => view! { <p>{NOT_ON_DEVICE}</p> }.into_any(),
            (true, true) => view! {
                <Summary data/>
                <RollCalls id data/>
                <Groups id data/>
                <Checklist trip=id data/>
                <Incidents id data/>
            }
            .into_any(),
        }}
    }
}

/// Where, when, who leads, and the number to ring.
#[component]
fn Summary(data: RwSignal<TripData>) -> impl IntoView {
    move || {
        data.with(|data| {
            let trip = data.trip.clone()?;
            Some(view! {
                <section class="card trip-summary" aria-label="Trip">
                    <dl>
                        <dt>"Where"</dt><dd>{trip.destination.clone()}</dd>
                        <dt>"When"</dt><dd>{trip_days(&trip.starts_on, &trip.ends_on)}</dd>
                        <dt>"Leader"</dt><dd>{data.leader.clone()}</dd>
                        <dt>"Staff"</dt><dd>{data.staff.iter().map(|(_, name)| name.clone()).collect::<Vec<_>>().join(", ")}</dd>
                    </dl>
                    <a class="button emergency" href=phone_link(&trip.emergency_phone)>
                        {format!("Emergency: call {}", trip.emergency_phone)}
                    </a>
                </section>
            })
        })
    }
}

/// The roll calls taken so far, and a button for each usual checkpoint not yet taken.
#[component]
fn RollCalls(id: EntityId, data: RwSignal<TripData>) -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let client = AppClient::expect();
    let problem = RwSignal::new(None::<String>);
    let other = RwSignal::new(String::new());
    let navigate = use_navigate();
    let open = LocalAction::new(move |name: &String| {
        let name = name.clone();
        let navigate = navigate.clone();
        async move {
            let Some((me, _)) = status.signed_in_untracked() else {
                return;
            };
            let taken = name.trim().to_owned();
            let existing = roll_call_id(id, &taken);
            if data.with_untracked(|data| data.roll_call(existing).is_some()) {
                navigate(
                    &format!("/trips/{id}/roll-calls/{existing}"),
                    Default::default(),
                );
                return;
            }
            let outcome = match open_roll_call(id, &name, me, platform::now_ms()) {
                Ok(edit) => client.save(edit).await.map(|_| ()),
                Err(error) => Err(error),
            };
            match outcome {
                Ok(()) => navigate(
                    &format!("/trips/{id}/roll-calls/{existing}"),
                    Default::default(),
                ),
                Err(error) => {
                    let _ = problem.try_set(Some(error));
                }
            }
        }
    });
    view! {
        <section class="card" aria-labelledby="roll-calls-heading">
            <h2 id="roll-calls-heading">"Roll calls"</h2>
            <div class="checkpoints">
                {CHECKPOINTS.iter().map(|name| {
                    let name = (*name).to_owned();
                    let label = name.clone();
                    view! {
                        <button type="button" class="button" on:click=move |_| { open.dispatch(name.clone()); }>
                            {label}
                        </button>
                    }
                }).collect_view()}
            </div>
            <form class="other-checkpoint" on:submit=move |ev| { ev.prevent_default(); open.dispatch(other.get_untracked()); }>
                <div class="field">
                    <label for="checkpoint-name">"Another checkpoint"</label>
                    <input id="checkpoint-name" type="text" prop:value=move || other.get()
                        on:input=move |ev| { other.set(event_target_value(&ev)); problem.set(None); }/>
                </div>
                <button type="submit" class="button secondary">"Start roll call"</button>
            </form>
            {move || problem.get().map(|problem| view! { <p class="form-error" role="alert">{problem}</p> })}
            <ul class="roll-call-list">
                {move || {
                    let lines: Vec<(EntityId, String, String)> = data.with(|data| {
                        let total = data.children.len();
                        data.roll_calls.iter().map(|view| {
                            let found = data.children.iter().filter(|child| view.standing(child.id).is_settled()).count();
                            let state = match view.roll_call.completed_at {
                                Some(at) => format!("Complete at {}", clock_time(at)),
                                None => format!("Opened at {}", clock_time(view.roll_call.opened_at)),
                            };
                            (view.id, view.roll_call.name.clone(), format!("{found} of {total} · {state}"))
                        }).collect()
                    });
                    lines.into_iter().map(|(roll_call, name, line)| view! {
                        <li>
                            <A href=format!("/trips/{id}/roll-calls/{roll_call}") attr:class="roll-call-line">
                                <span class="roll-call-name">{name}</span>
                                <span>{line}</span>
                            </A>
                        </li>
                    }).collect_view()
                }}
            </ul>
        </section>
    }
}

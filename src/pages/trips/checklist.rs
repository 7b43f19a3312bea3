//! A trip's risk-assessment checklist: each item ticked with who and when, or unticked;
//! any of the trip's staff may add an item.

use leptos::prelude::*;
use mentor_core::{Edit, EntityId, EntityKind};
use serde_json::json;

use super::trip_data::TripData;
use crate::client::trips::tick_check;
use crate::client::{AppClient, LocalAction, new_id, typed};
use crate::pages::day_and_time;
use crate::state::SyncStatus;
use crate::storage::platform;

#[component]
pub fn Checklist(trip: EntityId, data: RwSignal<TripData>) -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let client = AppClient::expect();
    let problem = RwSignal::new(None::<String>);
    let added = RwSignal::new(String::new());
    let saving = LocalAction::new(move |edit: &Edit| {
        let edit = edit.clone();
        async move {
            let outcome = client.save(edit).await;
            let _ = problem.try_set(outcome.err());
        }
    });
    let tick = move |id: EntityId, done: bool| {
        let Some((me, _)) = status.signed_in_untracked() else {
            return;
        };
        saving.dispatch(tick_check(id, done.then(|| (me, platform::now_ms()))));
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(text) = typed(&added.get_untracked()) else {
            problem.set(Some("Write the item to add.".to_owned()));
            return;
        };
        let position = data.with_untracked(|data| {
            data.checks
                .iter()
                .map(|view| view.check.position + 1)
                .max()
                .unwrap_or(0)
        });
        let id = match new_id() {
            Ok(id) => id,
            Err(error) => {
                problem.set(Some(error));
                return;
            }
        };
        let fields = [
            ("trip_id".to_owned(), json!(trip.to_string())),
            ("text".to_owned(), json!(text)),
            ("position".to_owned(), json!(position)),
        ];
        let edit = Edit::create(EntityKind::TripCheck, id, fields.into());
        match edit.validate() {
            Ok(()) => {
                added.set(String::new());
                saving.dispatch(edit);
            }
            Err(error) => problem.set(Some(error.to_string())),
        }
    };
    view! {
        <section class="card" aria-labelledby="checklist-heading">
            <h2 id="checklist-heading">"Risk-assessment checklist"</h2>
            <ul class="checklist">
                {move || data.with(|data| data.checks.iter().map(|view| {
                    let id = view.id;
                    let done = view.check.done_at.is_some();
                    let box_id = format!("check-{id}");
                    let who = view.check.done_at.map(|at| format!("Done by {} · {}", view.done_by, day_and_time(at)));
                    view! {
                        <li class="check-item">
                            <input id=box_id.clone() type="checkbox" prop:checked=done
                                on:change=move |ev| tick(id, event_target_checked(&ev))/>
                            <label for=box_id>{view.check.text.clone()}</label>
                            {who.map(|who| view! { <span class="check-who">{who}</span> })}
                        </li>
                    }
                }).collect_view())}
            </ul>
            <form class="add-check" on:submit=add>
                <div class="field">
                    <label for="check-new">"Add an item"</label>
                    <input id="check-new" type="text" prop:value=move || added.get()
                        on:input=move |ev| { added.set(event_target_value(&ev)); problem.set(None); }/>
                </div>
                <button type="submit" class="button secondary">"Add item"</button>
            </form>
            {move || problem.get().map(|problem| view! { <p class="form-error" role="alert">{problem}</p> })}
        </section>
    }
}

//! On Today: the signed-in member of staff's open follow-up actions, soonest due first, each
//! with "Done"; an action leaves the list once done.

use leptos::prelude::*;
use leptos_router::components::A;
use mentor_core::EntityId;

use crate::client::placements::complete_follow_up;
use crate::client::{AppClient, SaveAction};
use crate::components::save_line;
use crate::pages::{FollowUpView, day_words, load_placements};
use crate::state::SyncStatus;
use crate::storage::platform;

#[component]
pub fn MyFollowUps() -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let client = AppClient::expect();
    let me = Memo::new(move |_| {
        status
            .get()
            .staff
            .and_then(|staff| staff.id.parse::<EntityId>().ok())
    });
    let read = LocalResource::new(move || {
        status.revision();
        let store = client.store();
        let me = me.get();
        async move {
            let Some(store) = store else {
                return Vec::new();
            };
            load_placements(&*store)
                .await
                .map(|data| {
                    data.follow_ups
                        .into_iter()
                        .filter(|view| {
                            Some(view.action.owner_id) == me && view.action.done_at.is_none()
                        })
                        .collect()
                })
                .unwrap_or_default()
        }
    });
    let open = RwSignal::new(Vec::<FollowUpView>::new());
    Effect::new(move |_| {
        if let Some(read) = read.get() {
            open.set(read);
        }
    });
    let saving = SaveAction::new();
    view! {
        <Show when=move || !open.with(Vec::is_empty)>
            <section class="card" aria-labelledby="follow-ups-today-heading">
                <h2 id="follow-ups-today-heading">"Follow-up actions"</h2>
                <ul class="follow-up-list">
                    {move || open.get().into_iter().map(|view| {
                        let id = view.id;
                        view! {
                            <li>
                                <span>{format!("{} · {} · due {}", view.action.text, view.learner, day_words(&view.action.due_on))}</span>
                                <A href=format!("/visits/{}", view.action.visit_id)>"The visit"</A>
                                <button type="button" class="button secondary" on:click=move |_| saving.save(complete_follow_up(id, platform::now_ms()), || {})>
                                    "Done"
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {save_line(saving.signal())}
            </section>
        </Show>
    }
}

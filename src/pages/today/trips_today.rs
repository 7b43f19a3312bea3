//! On Today: the trips running today that this device holds, each a tap from its roll calls
//! and trip pack.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::client::AppClient;
use crate::pages::{load_trips, today};
use crate::state::SyncStatus;

#[component]
pub fn TripsToday() -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let client = AppClient::expect();
    let read = LocalResource::new(move || {
        status.revision();
        let store = client.store();
        async move {
            let Some(store) = store else {
                return Vec::new();
            };
            let today = today();
            load_trips(&*store)
                .await
                .map(|overview| {
                    overview
                        .trips
                        .into_iter()
                        .filter(|line| line.trip.starts_on <= today && today <= line.trip.ends_on)
                        .collect()
                })
                .unwrap_or_default()
        }
    });
    let trips = RwSignal::new(Vec::new());
    Effect::new(move |_| {
        if let Some(read) = read.get() {
            trips.set(read);
        }
    });
    view! {
        <Show when=move || !trips.with(Vec::is_empty)>
            <section class="card" aria-labelledby="trips-today-heading">
                <h2 id="trips-today-heading">"Trips today"</h2>
                <ul class="trip-list">
                    {move || trips.get().into_iter().map(|line| view! {
                        <li>
                            <A href=format!("/trips/{}", line.id) attr:class="trip-line">
                                <span class="trip-name">{line.trip.name.clone()}</span>
                                <span class="trip-who">{format!("{} · {} children", line.trip.destination, line.children)}</span>
                            </A>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        </Show>
    }
}

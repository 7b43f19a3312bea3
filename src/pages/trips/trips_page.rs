//! The `/trips` page: the trips on this device (those the signed-in member of staff is on;
//! every trip for those who see every student), soonest first, and for those who organise
//! trips the form that sets up a new one.

use leptos::prelude::*;
use leptos_router::components::A;
use mentor_core::EntityKind;

use super::new_trip::NewTrip;
use super::trip_data::{TripsOverview, load_trips};
use super::trip_days;
use crate::client::AppClient;
use crate::state::SyncStatus;

#[component]
pub fn TripsPage() -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let client = AppClient::expect();
    let organiser = Memo::new(move |_| {
        status
            .signed_in()
            .is_some_and(|(_, role)| role.may_create(EntityKind::Trip))
    });
    let read = LocalResource::new(move || {
        status.revision();
        let store = client.store();
        async move {
            match store {
                Some(store) => load_trips(&*store).await.map(Some),
                None => Ok(None),
            }
        }
    });
    let data = RwSignal::new(TripsOverview::default());
    Effect::new(move |_| {
        if let Some(Ok(Some(read))) = read.get() {
            data.set(read);
        }
    });
    let load_error = move || match read.get() {
        Some(Err(error)) => Some(error),
        _ => None,
    };
    view! {
        <div class="page trips-page">
            <A href="/registers" attr:class="back-link">"Back to registers"</A>
            <h1>"Trips"</h1>
            {move || load_error().map(|error| view! { <p role="alert">{error}</p> })}
            <section class="card" aria-labelledby="trips-list-heading">
                <h2 id="trips-list-heading">"Trips on this device"</h2>
                {move || {
                    let trips = data.with(|data| data.trips.clone());
                    if trips.is_empty() {
                        return view! { <p>"No trips yet. A trip reaches its staff when their devices sync."</p> }.into_any();
                    }
                    view! {
                        <ul class="trip-list">
                            {trips.into_iter().map(|line| view! {
                                <li>
                                    <A href=format!("/trips/{}", line.id) attr:class="trip-line">
                                        <span class="trip-name">{line.trip.name.clone()}</span>
                                        <span class="trip-when">{trip_days(&line.trip.starts_on, &line.trip.ends_on)}</span>
                                        <span class="trip-who">{format!("Led by {} · {} children", line.leader, line.children)}</span>
                                    </A>
                                </li>
                            }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
            </section>
            <Show when=move || organiser.get()>
                <NewTrip data/>
            </Show>
        </div>
    }
}

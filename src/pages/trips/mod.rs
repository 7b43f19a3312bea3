//! School trips: the trips list and a new trip's set-up, the trip's page (groups, roll
//! calls, checklist, incidents), the roll call taken with no signal, and each child's page of
//! the trip pack (medical details and emergency contacts).

mod checklist;
mod groups;
mod incidents;
mod new_trip;
mod pack_page;
mod roll_call_page;
mod trip_data;
mod trip_page;
mod trip_read;
mod trips_page;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use mentor_core::EntityId;

pub use pack_page::PackPage;
pub use roll_call_page::RollCallPage;
pub use trip_data::load_trips;
pub use trip_page::TripPage;
pub use trips_page::TripsPage;

use crate::client::AppClient;
use crate::state::SyncStatus;
use trip_data::{TripData, load_trip};

/// Said where a trip is not on this device.
const NOT_ON_DEVICE: &str = "This trip is not on this device. A trip reaches its staff \
     when their devices sync.";

/// The id in the route's `name` parameter, if it is one.
fn route_id(name: &'static str) -> Memo<Option<EntityId>> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get(name).and_then(|id| id.parse().ok()))
}

/// Trip `id` read from the device, again after every edit or sync; the last read is kept
/// while the next is under way, so nothing blinks. The flag is true once it has been read.
fn use_trip(id: EntityId) -> (RwSignal<TripData>, RwSignal<bool>) {
    let status = expect_context::<SyncStatus>();
    let client = AppClient::expect();
    let read = LocalResource::new(move || {
        status.revision();
        let store = client.store();
        async move {
            match store {
                Some(store) => load_trip(&*store, id).await.map(Some),
                None => Ok(None),
            }
        }
    });
    let data = RwSignal::new(TripData::default());
    let loaded = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(Ok(Some(read))) = read.get() {
            data.set(read);
            loaded.set(true);
        }
    });
    (data, loaded)
}

/// A trip's days in words: "Wed 2 Dec 2026", or "Wed 2 Dec 2026 to Fri 4 Dec 2026".
fn trip_days(starts_on: &str, ends_on: &str) -> String {
    let day = |date: &str| crate::pages::day_words(date);
    if starts_on == ends_on {
        day(starts_on)
    } else {
        format!("{} to {}", day(starts_on), day(ends_on))
    }
}

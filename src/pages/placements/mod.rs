//! Work-experience placements: the coordinator's list and set-up, a mentor's visits, the
//! visit log on a phone with no signal, and follow-up actions (also on Today).

mod csv;
mod new_placement;
mod placement_data;
mod placement_page;
mod placements_page;
mod visit_form;
mod visit_page;

use leptos::prelude::*;

pub use placement_data::{FollowUpView, PlacementsData, load_placements};
pub use placement_page::PlacementPage;
pub use placements_page::PlacementsPage;
pub use visit_page::VisitPage;

use crate::client::AppClient;
use crate::state::SyncStatus;

/// The placements on the device, read again after every edit or sync; the last read is kept
/// while the next is under way, so nothing blinks.
fn use_placements() -> (RwSignal<PlacementsData>, RwSignal<bool>) {
    let status = expect_context::<SyncStatus>();
    let client = AppClient::expect();
    let read = LocalResource::new(move || {
        status.revision();
        let store = client.store();
        async move {
            match store {
                Some(store) => load_placements(&*store).await.map(Some),
                None => Ok(None),
            }
        }
    });
    let data = RwSignal::new(PlacementsData::default());
    let loaded = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(Ok(Some(read))) = read.get() {
            data.set(read);
            loaded.set(true);
        }
    });
    (data, loaded)
}

/// "planned", "active"… in words.
pub fn status_words(status: &str) -> &'static str {
    match status {
        "planned" => "Planned",
        "active" => "On placement",
        "completed" => "Completed",
        "ended_early" => "Ended early",
        _ => "Unknown",
    }
}

//! The administrator's tracking scales on the School page: each scale with its levels,
//! lowest first, and "Add a scale". Every device of the school offers them after its next
//! sync; mentors record students' levels on them from the profile.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use mentor_core::EntityKind;
use mentor_core::records::{self, TrackingScale};

use crate::client::tracking::new_scale;
use crate::client::{AppClient, SaveAction, SaveState};
use crate::components::save_line;
use crate::state::SyncStatus;
use crate::storage::LocalStore;

/// The school's scales on this device, by name.
async fn school_scales(store: &impl LocalStore) -> Vec<(mentor_core::EntityId, TrackingScale)> {
    let Ok(stored) = store.view(EntityKind::TrackingScale).await else {
        return Vec::new();
    };
    let mut scales: Vec<_> = records::live(&stored).collect();
    scales.sort_by(|a: &(_, TrackingScale), b| (&a.1.name, a.0).cmp(&(&b.1.name, b.0)));
    scales
}

#[component]
pub fn TrackingScales() -> impl IntoView {
    let client = AppClient::expect();
    let status = expect_context::<SyncStatus>();
    let scales = LocalResource::new(move || {
        status.revision();
        let store = client.store();
        async move {
            match store {
                Some(store) => school_scales(&*store).await,
                None => Vec::new(),
            }
        }
    });
    let name = RwSignal::new(String::new());
    let points = RwSignal::new(String::new());
    let saving = SaveAction::new();
    let add = move |ev: SubmitEvent| {
        ev.prevent_default();
        if saving.is_saving_untracked() {
            return;
        }
        let Some(id) = saving.new_id() else { return };
        match new_scale(id, &name.get_untracked(), &points.get_untracked()) {
            Ok(edit) => saving.save(edit, move || {
                let _ = name.try_set(String::new());
                let _ = points.try_set(String::new());
            }),
            Err(problem) => saving.set(SaveState::Failed(problem)),
        }
    };
    view! {
        <section class="card" aria-labelledby="tracking-scales-heading">
            <h2 id="tracking-scales-heading">"Tracking scales"</h2>
            <p>"The school's scales (effort descriptors, progress levels, any ordered list). Mentors record each student's level on them, per subject, from the student's profile."</p>
            <ul class="scale-list">
                {move || scales.get().unwrap_or_default().into_iter().map(|(_, scale)| view! {
                    <li><strong>{scale.name}</strong>": "{scale.points.join(" · ")}</li>
                }).collect_view()}
            </ul>
            <form aria-label="Add a scale" on:submit=add novalidate>
                <div class="field">
                    <label for="scale-name">"Scale name"</label>
                    <input id="scale-name" type="text" prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="scale-points">"Levels, lowest first, one per line"</label>
                    <textarea id="scale-points" rows="5" prop:value=move || points.get()
                        on:input=move |ev| points.set(event_target_value(&ev))></textarea>
                </div>
                <button class="button" type="submit" disabled=move || saving.is_saving()>"Add scale"</button>
                {save_line(saving.signal())}
            </form>
        </section>
    }
}

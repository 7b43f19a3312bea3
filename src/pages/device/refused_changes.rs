use leptos::prelude::*;

use crate::state::SyncStatus;
use crate::storage::LocalStore;
use crate::sync::SyncScheduler;

/// Changes the server refused, with its reasons: a saved change that did not take effect is
/// never dropped silently.
#[component]
pub fn RefusedChanges() -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let scheduler = expect_context::<SyncScheduler>();
    let refused = LocalResource::new(move || {
        status.revision();
        let store = scheduler.store();
        async move {
            match store {
                Some(store) => store.rejected().await.unwrap_or_default(),
                None => Vec::new(),
            }
        }
    });
    let dismiss = move || {
        let Some(store) = scheduler.store() else {
            return;
        };
        leptos::task::spawn_local(async move {
            // A failure leaves the list shown; the user can try again.
            if store.dismiss_rejected().await.is_ok() {
                refused.refetch();
                status.update(|state| state.rejected = 0);
            }
        });
    };
    move || {
        let list = refused.get().unwrap_or_default();
        (!list.is_empty()).then(|| {
            view! {
                <section class="card refused-changes" aria-labelledby="device-refused-heading">
                    <h2 id="device-refused-heading">"Changes the server refused"</h2>
                    <p>"These changes were saved on this device but not accepted by the server, so they are not shown any more."</p>
                    <ul aria-label="Refused changes">
                        {list
                            .into_iter()
                            .map(|change| {
                                view! { <li>{format!("A change to {}: {}", change.entity.label_with_article(), change.reason)}</li> }
                            })
                            .collect_view()}
                    </ul>
                    <button type="button" class="button secondary" on:click=move |_| dismiss()>
                        "I have read these"
                    </button>
                </section>
            }
        })
    }
}

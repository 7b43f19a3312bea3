use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::state::SyncStatus;
use crate::storage::LocalStore;
use crate::sync::SyncScheduler;

/// Who is signed in on this device, and signing out.
///
/// Signing out keeps changes that have not synced yet: they go to the server the next time
/// the same person signs in on this device.
#[component]
pub fn SignedInAs() -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let scheduler = expect_context::<SyncScheduler>();
    let problem = RwSignal::new(None::<String>);
    let sign_out = move |_| {
        let Some(store) = scheduler.store() else {
            return;
        };
        leptos::task::spawn_local(async move {
            if let Ok(Some(session)) = store.session().await {
                // Offline, the token stays valid on the server until an admin revokes the
                // device; the device forgets it either way.
                let _ = api::sign_out(&session.token).await;
            }
            match store.set_session(None).await {
                Ok(()) => scheduler.sync_now(),
                Err(error) => problem.set(Some(error.to_string())),
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="device-staff-heading">
            <h2 id="device-staff-heading">"Signed in"</h2>
            {move || match status.get().staff {
                Some(staff) => view! {
                    <p>{format!("Signed in as {} ({})", staff.display_name, staff.role.label())}</p>
                    <button type="button" class="button secondary" on:click=sign_out>"Sign out"</button>
                }
                    .into_any(),
                None => view! {
                    <p>"Nobody is signed in on this device. " <A href="/sign-in">"Sign in"</A></p>
                }
                    .into_any(),
            }}
            {move || problem.get().map(|text| view! { <p class="form-error" role="alert">{text}</p> })}
        </section>
    }
}

use leptos::prelude::*;
use leptos_router::components::A;

use crate::client::{AppClient, LocalAction};
use crate::state::SyncStatus;

/// Who is signed in on this device, and signing out.
///
/// Signing out keeps changes that have not synced yet: they go to the server the next time
/// the same person signs in on this device.
#[component]
pub fn SignedInAs() -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let client = AppClient::expect();
    let sign_out = LocalAction::new(move |_: &()| client.sign_out());
    let problem = move || sign_out.value().get().and_then(Result::err);
    view! {
        <section class="card" aria-labelledby="device-staff-heading">
            <h2 id="device-staff-heading">"Signed in"</h2>
            {move || match status.get().staff {
                Some(staff) => view! {
                    <p>{format!("Signed in as {} ({})", staff.display_name, staff.role.label())}</p>
                    <button type="button" class="button secondary" on:click=move |_| {
                        sign_out.dispatch(());
                    }>"Sign out"</button>
                }
                    .into_any(),
                None => view! {
                    <p>"Nobody is signed in on this device. " <A href="/sign-in">"Sign in"</A></p>
                }
                    .into_any(),
            }}
            {move || problem().map(|text| view! { <p class="form-error" role="alert">{text}</p> })}
        </section>
    }
}

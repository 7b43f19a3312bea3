use leptos::prelude::*;
use leptos_router::components::A;

use crate::client::{AppClient, DeviceLock, LocalAction};
use crate::state::{Connectivity, SyncStatus};

/// Who is signed in on this device, and signing out, which erases the device's data.
///
/// Changes not yet synced would be lost with it: the card says how many, offers to sync
/// first, and signing out offline with changes waiting needs a second, explicit confirmation.
#[component]
pub fn SignedInAs() -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let connectivity = expect_context::<Connectivity>();
    let lock = expect_context::<DeviceLock>();
    let client = AppClient::expect();
    let confirming = RwSignal::new(false);
    let sign_out = LocalAction::new(move |_: &()| async move {
        let result = client.sign_out().await;
        if result.is_ok() {
            lock.refresh();
        }
        result
    });
    let problem = move || sign_out.value().get().and_then(Result::err);
    let waiting = move || status.get().pending;
    let on_sign_out = move |_| {
        if waiting() == 0 || confirming.get_untracked() {
            sign_out.dispatch(());
        } else {
            confirming.set(true);
        }
    };
    view! {
        <section class="card" aria-labelledby="device-staff-heading">
            <h2 id="device-staff-heading">"Signed in"</h2>
            {move || match status.get().staff {
                Some(staff) => view! {
                    <p>{format!("Signed in as {} ({})", staff.display_name, staff.role.label())}</p>
                    <p>"Signing out erases everything this app keeps on this device."</p>
                    <Show when=move || { waiting() > 0 }>
                        <p role="status">{move || waiting_sentence(waiting(), connectivity.is_online())}</p>
                        <button type="button" class="button" on:click=move |_| client.sync_now()>
                            "Sync now"
                        </button>
                    </Show>
                    <Show when=move || { confirming.get() && waiting() > 0 }>
                        <p class="form-error" role="alert">{move || format!(
                            "Signing out now erases {} that the server does not have. Press \"Sign out and erase\" again to do it anyway.",
                            changes(waiting())
                        )}</p>
                    </Show>
                    <button type="button" class="button secondary" on:click=on_sign_out>
                        {move || if waiting() > 0 { "Sign out and erase" } else { "Sign out" }}
                    </button>
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

fn changes(n: usize) -> String {
    if n == 1 {
        "1 change".to_owned()
    } else {
        format!("{n} changes")
    }
}

fn waiting_sentence(n: usize, online: bool) -> String {
    let lead = format!(
        "{} saved on this device {} not reached the server yet.",
        changes(n),
        if n == 1 { "has" } else { "have" }
    );
    if online {
        format!("{lead} Sync before signing out.")
    } else {
        format!("{lead} You are offline: sync when you have a connection, before signing out.")
    }
}

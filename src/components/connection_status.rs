use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::client::AppClient;
use crate::state::sync_status::status_line;
use crate::state::{Connectivity, SyncProblem, SyncStatus};

/// The header's status slot: what is saved on the device, what is synced, and any problem in
/// words, with a way to sign in when that is what sync needs and "Sync now" whenever there is
/// something to send or the last attempt failed.
#[component]
pub fn ConnectionStatus() -> impl IntoView {
    let connectivity = expect_context::<Connectivity>();
    let sync = use_context::<SyncStatus>();
    let client = AppClient::try_use();
    let text = move || {
        let online = connectivity.is_online();
        match sync {
            Some(sync) => status_line(&sync.get(), online),
            None if online => "Online".to_owned(),
            None => "Offline — working from this device".to_owned(),
        }
    };
    let needs_sign_in = move || {
        sync.and_then(|sync| sync.get().problem)
            .is_some_and(|problem| {
                matches!(
                    problem,
                    SyncProblem::NotSignedIn | SyncProblem::NeedsSignIn | SyncProblem::Wiped
                )
            })
    };
    // Offered only where pressing it can help: online, signed in, and either work waiting or
    // a failed attempt. It also cuts short a sync that is taking long.
    let can_sync_now = move || {
        let Some(sync) = sync else { return false };
        let state = sync.get();
        let waiting = state.pending > 0 || matches!(state.problem, Some(SyncProblem::Failed(_)));
        let blocked = matches!(
            state.problem,
            Some(
                SyncProblem::NotSignedIn
                    | SyncProblem::NeedsSignIn
                    | SyncProblem::UpdateNeeded
                    | SyncProblem::Wiped
            )
        );
        client.is_some() && connectivity.is_online() && waiting && !blocked
    };
    let sync_now = move |_| {
        if let Some(client) = client {
            client.sync_now();
        }
    };
    // A revoked device has just been erased: take the user straight to sign-in.
    let navigate = use_navigate();
    Effect::new(move |_| {
        let wiped = sync.is_some_and(|sync| sync.get().problem == Some(SyncProblem::Wiped));
        if wiped {
            navigate("/sign-in", Default::default());
        }
    });
    view! {
        <div class="sync-state">
            <p
                class="connection-status"
                class:offline=move || !connectivity.is_online()
                role="status"
            >
                {text}
                <Show when=needs_sign_in>
                    " · "
                    <A href="/sign-in">"Sign in"</A>
                </Show>
            </p>
            // Always in the header, hidden while idle, so the header never changes height.
            <button
                type="button"
                class="sync-now"
                class:idle=move || !can_sync_now()
                disabled=move || !can_sync_now()
                on:click=sync_now
            >
                "Sync now"
            </button>
        </div>
    }
}

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::state::sync_status::status_line;
use crate::state::{Connectivity, SyncProblem, SyncStatus};

/// The header's status slot: what is saved on the device, what is synced, and any problem in
/// words, with a way to sign in when that is what sync needs.
#[component]
pub fn ConnectionStatus() -> impl IntoView {
    let connectivity = expect_context::<Connectivity>();
    let sync = use_context::<SyncStatus>();
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
    // A revoked device has just been erased: take the user straight to sign-in.
    let navigate = use_navigate();
    Effect::new(move |_| {
        let wiped = sync.is_some_and(|sync| sync.get().problem == Some(SyncProblem::Wiped));
        if wiped {
            navigate("/sign-in", Default::default());
        }
    });
    view! {
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
    }
}

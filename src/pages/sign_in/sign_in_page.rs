use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::client::{AppClient, Credentials, DeviceLock, LocalAction, LockPhase};
use crate::pages::OtherStaff;

/// Sign in with email and password; a PIN is chosen next, and the token and who signed in are
/// then kept on the device, sealed. Also the way back in after a forgotten PIN or too many
/// wrong ones: the server's copy of the device's key comes with the sign-in.
#[component]
pub fn SignInPage() -> impl IntoView {
    let client = AppClient::try_use();
    let lock = use_context::<DeviceLock>();
    let navigate = use_navigate();
    // Signed out on a shared device: the others with data here can open theirs.
    let signed_out = lock.is_some_and(|lock| lock.phase_untracked() == LockPhase::SignedOut);
    let recovering = move || match lock.map(|lock| lock.phase()) {
        Some(LockPhase::Recover { name, erased }) => Some((name, erased)),
        _ => None,
    };
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let sign_in = LocalAction::new(move |credentials: &Credentials| {
        let credentials = credentials.clone();
        async move {
            match client {
                Some(client) => client.sign_in(credentials).await,
                None => Err("The app is still starting. Try again in a moment.".to_owned()),
            }
        }
    });
    let busy = sign_in.pending();
    // The last attempt's failure, cleared while the next one runs.
    let error = move || {
        if busy.get() {
            return None;
        }
        sign_in.value().get().and_then(Result::err)
    };
    Effect::new(move |_| {
        if let Some(Ok(signed_in)) = sign_in.value().get() {
            password.set(String::new());
            if let Some(lock) = lock {
                lock.signed_in(signed_in);
            }
            navigate("/", Default::default());
        }
    });

    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        sign_in.dispatch(Credentials {
            email: email.get_untracked(),
            password: password.get_untracked(),
        });
    };

    view! {
        <div class="page sign-in-page">
            <h1>"Sign in"</h1>
            {move || match recovering() {
                Some((name, true)) => view! {
                    <p role="alert">{format!(
                        "Too many wrong PINs: this device's key was erased. {name}, sign in with your password while online to open your data again. Nothing waiting to sync is lost."
                    )}</p>
                }.into_any(),
                Some((name, false)) => view! {
                    <p>{format!("{name}, sign in with your password while online, then choose a new PIN.")}</p>
                    <button type="button" class="button secondary" on:click=move |_| {
                        if let Some(lock) = lock { lock.back_to_pin(); }
                    }>"Back to the PIN"</button>
                }.into_any(),
                None => view! {
                    <p>"Sign in once on this device while online. After that the app opens with no signal, with your PIN."</p>
                }.into_any(),
            }}
            <form class="card sign-in-form" on:submit=on_submit novalidate>
                <p>
                    <label for="sign-in-email">"Email"</label>
                    <br/>
                    <input
                        id="sign-in-email"
                        type="email"
                        name="email"
                        autocomplete="username"
                        required
                        prop:value=move || email.get()
                        on:input=move |ev| email.set(event_target_value(&ev))
                    />
                </p>
                <p>
                    <label for="sign-in-password">"Password"</label>
                    <br/>
                    <input
                        id="sign-in-password"
                        type="password"
                        name="password"
                        autocomplete="current-password"
                        required
                        prop:value=move || password.get()
                        on:input=move |ev| password.set(event_target_value(&ev))
                    />
                </p>
                <Show when=move || error().is_some()>
                    <p class="form-error" role="alert">{error}</p>
                </Show>
                <button class="button" type="submit" disabled=move || busy.get()>
                    {move || if busy.get() { "Signing in…" } else { "Sign in" }}
                </button>
            </form>
            <Show when=move || signed_out>
                <OtherStaff/>
            </Show>
        </div>
    }
}

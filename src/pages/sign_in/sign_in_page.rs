use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::client::{AppClient, Credentials, LocalAction};

/// Sign in with email and password; the token and who signed in are kept on the device.
#[component]
pub fn SignInPage() -> impl IntoView {
    let client = AppClient::try_use();
    let navigate = use_navigate();
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
        if let Some(Ok(())) = sign_in.value().get() {
            password.set(String::new());
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
            <p>"Sign in once on this device while online. After that the app opens with no signal."</p>
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
        </div>
    }
}

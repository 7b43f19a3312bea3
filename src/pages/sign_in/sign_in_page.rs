use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use wasm_bindgen_futures::JsFuture;

use crate::api::{self, ApiError, SignInRequest};
use crate::state::SyncStatus;
use crate::storage::{LocalStore, Session};
use crate::sync::SyncScheduler;

/// A name for this device in the staff member's list of devices, from the browser's
/// description of itself: "iPad", "Android phone or tablet", "Windows computer"…
pub fn device_label(user_agent: &str) -> String {
    let kind = [
        ("iPad", "iPad"),
        ("iPhone", "iPhone"),
        ("Android", "Android phone or tablet"),
        ("CrOS", "Chromebook"),
        ("Windows", "Windows computer"),
        ("Macintosh", "Mac"),
        ("Linux", "Linux computer"),
    ]
    .iter()
    .find(|(needle, _)| user_agent.contains(needle))
    .map_or("Web browser", |(_, label)| label);
    kind.to_owned()
}

/// What to tell the user when sign-in fails.
fn sign_in_error(error: &ApiError) -> String {
    match error {
        ApiError::Unreachable => {
            "The server cannot be reached. Signing in on a device for the first time needs a connection; try again when you are online.".to_owned()
        }
        // The server's message is written for the user (wrong password, too many attempts).
        ApiError::Refused { message, .. } => message.clone(),
        other => other.to_string(),
    }
}

/// Asks the browser to keep this app's storage; `false` if it refused or cannot say.
async fn request_persistence() -> bool {
    let navigator = window().navigator();
    if !js_sys::Reflect::has(&navigator, &"storage".into()).unwrap_or(false) {
        return false;
    }
    match navigator.storage().persist() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .ok()
            .and_then(|granted| granted.as_bool())
            .unwrap_or(false),
        Err(_) => false,
    }
}

/// Sign in with email and password; the token and who signed in are kept on the device.
#[component]
pub fn SignInPage() -> impl IntoView {
    let scheduler = use_context::<SyncScheduler>();
    let status = use_context::<SyncStatus>();
    let navigate = use_navigate();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let Some(scheduler) = scheduler else {
            error.set(Some(
                "The app is still starting. Try again in a moment.".to_owned(),
            ));
            return;
        };
        let Some(store) = scheduler.store() else {
            let text = scheduler.open_error().map_or_else(
                || "The app is still opening its storage. Try again in a moment.".to_owned(),
                |problem| problem.to_string(),
            );
            error.set(Some(text));
            return;
        };
        busy.set(true);
        error.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            let outcome = async {
                let device_id = store.device_id().await.map_err(|e| e.to_string())?;
                let user_agent = window().navigator().user_agent().unwrap_or_default();
                let request = SignInRequest {
                    email: email.get_untracked().trim().to_owned(),
                    password: password.get_untracked(),
                    device_id,
                    device_label: device_label(&user_agent),
                };
                let response = api::sign_in(&request)
                    .await
                    .map_err(|e| sign_in_error(&e))?;
                let session = Session {
                    token: response.token,
                    device_id: response.device_id,
                    staff: response.staff,
                };
                store
                    .set_session(Some(session))
                    .await
                    .map_err(|e| e.to_string())
            }
            .await;
            busy.set(false);
            match outcome {
                Ok(()) => {
                    password.set(String::new());
                    let persisted = request_persistence().await;
                    if let Some(status) = status {
                        status.set_persist_refused(!persisted);
                        status.update(|state| state.problem = None);
                    }
                    scheduler.sync_now();
                    navigate("/", Default::default());
                }
                Err(text) => error.set(Some(text)),
            }
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
                <Show when=move || error.get().is_some()>
                    <p class="form-error" role="alert">{move || error.get()}</p>
                </Show>
                <button class="button" type="submit" disabled=move || busy.get()>
                    {move || if busy.get() { "Signing in…" } else { "Sign in" }}
                </button>
            </form>
        </div>
    }
}

use leptos::prelude::*;

use super::other_staff::OtherStaff;
use crate::client::{DeviceLock, LocalAction, UnlockRefusal};

/// The lock screen: whose device this is and their PIN; nothing about a child.
#[component]
pub fn UnlockPage(name: String) -> impl IntoView {
    let lock = expect_context::<DeviceLock>();
    let pin = RwSignal::new(String::new());
    let unlock = LocalAction::new(move |pin: &String| {
        let pin = pin.clone();
        async move { lock.unlock(pin).await }
    });
    let busy = unlock.pending();
    let problem = move || {
        if busy.get() {
            return None;
        }
        unlock
            .value()
            .get()
            .and_then(Result::err)
            .map(|refusal: UnlockRefusal| refusal.to_string())
    };
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        unlock.dispatch(pin.get_untracked());
        pin.set(String::new());
    };
    view! {
        <div class="page pin-page">
            <h1>"Unlock"</h1>
            <p>{format!("Locked. {name}, enter your PIN.")}</p>
            <form class="card pin-form" on:submit=on_submit novalidate>
                <p>
                    <label for="unlock-pin">"PIN"</label>
                    <input id="unlock-pin" type="password" autocomplete="current-password"
                        inputmode="numeric" required autofocus
                        prop:value=move || pin.get()
                        on:input=move |ev| pin.set(event_target_value(&ev))/>
                </p>
                <Show when=move || problem().is_some()>
                    <p class="form-error" role="alert">{problem}</p>
                </Show>
                <button class="button" type="submit" disabled=move || busy.get()>
                    {move || if busy.get() { "Unlocking…" } else { "Unlock" }}
                </button>
            </form>
            <button type="button" class="button secondary" on:click=move |_| lock.forgot_pin()>
                "Forgot your PIN?"
            </button>
            <OtherStaff offer_sign_in=true/>
        </div>
    }
}

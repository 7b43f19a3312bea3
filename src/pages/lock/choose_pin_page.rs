use leptos::prelude::*;

use crate::client::{DeviceLock, LocalAction, SignedIn};
use crate::storage::lock::{MIN_PASSPHRASE_CHARS, MIN_PIN_DIGITS, check_new_pin};

/// After signing in: the PIN (or passphrase) that opens this device's data from now on.
#[component]
pub fn ChoosePinPage(signed_in: SignedIn) -> impl IntoView {
    let lock = expect_context::<DeviceLock>();
    let pin = RwSignal::new(String::new());
    let repeated = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let name = signed_in.session.staff.display_name.clone();
    let choose = LocalAction::new(move |pin: &String| {
        let (pin, signed_in) = (pin.clone(), signed_in.clone());
        async move { lock.choose_pin(signed_in, pin).await }
    });
    let busy = choose.pending();
    Effect::new(move |_| {
        if let Some(Err(text)) = choose.value().get() {
            problem.set(Some(text));
        }
    });
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let chosen = pin.get_untracked();
        match check_new_pin(&chosen, &repeated.get_untracked()) {
            Ok(()) => {
                problem.set(None);
                pin.set(String::new());
                repeated.set(String::new());
                choose.dispatch(chosen);
            }
            Err(text) => problem.set(Some(text)),
        }
    };
    view! {
        <div class="page pin-page">
            <h1>"Choose a PIN"</h1>
            <p>{format!(
                "{name}, the app keeps your students' information on this device encrypted. Choose a PIN of at least {MIN_PIN_DIGITS} digits, or a passphrase of at least {MIN_PASSPHRASE_CHARS} characters: you will need it each time the app opens or locks."
            )}</p>
            <form class="card pin-form" on:submit=on_submit novalidate>
                <p>
                    <label for="new-pin">"New PIN"</label>
                    <input id="new-pin" type="password" autocomplete="new-password"
                        inputmode="numeric" required
                        prop:value=move || pin.get()
                        on:input=move |ev| pin.set(event_target_value(&ev))/>
                </p>
                <p>
                    <label for="new-pin-again">"PIN again"</label>
                    <input id="new-pin-again" type="password" autocomplete="new-password"
                        inputmode="numeric" required
                        prop:value=move || repeated.get()
                        on:input=move |ev| repeated.set(event_target_value(&ev))/>
                </p>
                <Show when=move || problem.get().is_some()>
                    <p class="form-error" role="alert">{move || problem.get()}</p>
                </Show>
                <button class="button" type="submit" disabled=move || busy.get()>
                    {move || if busy.get() { "Securing this device…" } else { "Set PIN" }}
                </button>
            </form>
        </div>
    }
}

use leptos::prelude::*;

use super::choose_pin_page::ChoosePinPage;
use super::neutral_cover::NeutralCover;
use super::unlock_page::UnlockPage;
use crate::client::{DeviceLock, LockPhase};
use crate::pages::SignInPage;

/// The page for the device's lock phase, in place of every route until it is unlocked.
#[component]
pub fn LockGate() -> impl IntoView {
    let lock = expect_context::<DeviceLock>();
    move || {
        if lock.is_covered() {
            return view! { <NeutralCover/> }.into_any();
        }
        match lock.phase() {
            LockPhase::Opening | LockPhase::Unlocked => view! {
                <div class="page"><p class="muted">"Opening…"</p></div>
            }
            .into_any(),
            LockPhase::SignedOut | LockPhase::Recover { .. } => view! { <SignInPage/> }.into_any(),
            LockPhase::ChoosePin(signed_in) => {
                view! { <ChoosePinPage signed_in=signed_in/> }.into_any()
            }
            LockPhase::Locked(name) => view! { <UnlockPage name=name/> }.into_any(),
        }
    }
}

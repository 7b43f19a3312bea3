use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::client::DeviceLock;

/// Everyone else with their own data on this device (a shared tablet), to switch to: their
/// data opens with their PIN, and the data now open stays locked under its owner's. With
/// `offer_sign_in`, also a way in for someone with no data here yet. Names of staff only;
/// nothing about a child.
#[component]
pub fn OtherStaff(
    /// Offer "Sign in as someone else" (the lock screen; the sign-in page is that already).
    #[prop(optional)]
    offer_sign_in: bool,
) -> impl IntoView {
    let lock = expect_context::<DeviceLock>();
    let navigate = use_navigate();
    let others = lock.others();
    if others.is_empty() && !offer_sign_in {
        return ().into_any();
    }
    let buttons = others
        .into_iter()
        .map(|account| {
            let navigate = navigate.clone();
            let database = account.database;
            let switch = move |_| {
                lock.switch_to(database.clone());
                // The next person starts from Today, not from the last one's page.
                navigate("/", Default::default());
            };
            view! {
                <li>
                    <button type="button" class="button secondary" on:click=switch>
                        {account.name}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="other-staff" aria-labelledby="other-staff-heading">
            <h2 id="other-staff-heading">"Someone else?"</h2>
            <p class="muted">"Each member of staff keeps their own data on this device, behind their own PIN."</p>
            <ul class="other-staff-list">{buttons}</ul>
            <Show when=move || offer_sign_in>
                <button type="button" class="button secondary" on:click=move |_| lock.add_someone()>
                    "Sign in as someone else"
                </button>
            </Show>
        </section>
    }
    .into_any()
}

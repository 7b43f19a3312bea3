use leptos::prelude::*;
use leptos_router::components::A;

use crate::pages::arranges_school;
use crate::state::SyncStatus;

/// The app's main navigation: a bottom bar on a phone, within reach of a thumb, and a side rail
/// on a tablet (the switch is in the stylesheet). "School" is shown to admins and SENCOs only.
#[component]
pub fn MainNav() -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let arranges_school = Memo::new(move |_| {
        status
            .get()
            .staff
            .is_some_and(|staff| arranges_school(staff.role))
    });
    view! {
        <nav class="main-nav" aria-label="Main">
            <A href="/" exact=true>
                <span class="nav-icon" aria-hidden="true">"◎"</span>
                <span class="nav-label">"Today"</span>
            </A>
            <A href="/students">
                <span class="nav-icon" aria-hidden="true">"☰"</span>
                <span class="nav-label">"Students"</span>
            </A>
            <A href="/lessons">
                <span class="nav-icon" aria-hidden="true">"✎"</span>
                <span class="nav-label">"Lessons"</span>
            </A>
            <A href="/registers">
                <span class="nav-icon" aria-hidden="true">"✓"</span>
                <span class="nav-label">"Registers"</span>
            </A>
            <A href="/placements">
                <span class="nav-icon" aria-hidden="true">"⌂"</span>
                <span class="nav-label">"Visits"</span>
            </A>
            <Show when=move || arranges_school.get()>
                <A href="/school">
                    <span class="nav-icon" aria-hidden="true">"▦"</span>
                    <span class="nav-label">"School"</span>
                </A>
            </Show>
            <A href="/device">
                <span class="nav-icon" aria-hidden="true">"▣"</span>
                <span class="nav-label">"Device"</span>
            </A>
        </nav>
    }
}

use leptos::prelude::*;
use leptos_router::components::A;

/// The app's main navigation: a bottom bar on a phone, within reach of a thumb, and a side rail
/// on a tablet (the switch is in the stylesheet).
#[component]
pub fn MainNav() -> impl IntoView {
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
            <A href="/device">
                <span class="nav-icon" aria-hidden="true">"▣"</span>
                <span class="nav-label">"Device"</span>
            </A>
        </nav>
    }
}

use leptos::prelude::*;
use leptos_router::components::A;

/// Any address the app does not know.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <div class="page not-found-page">
            <h1>"Page not found"</h1>
            <p>"This address is not part of Progress Mentor."</p>
            <A href="/">"Back to Today"</A>
        </div>
    }
}

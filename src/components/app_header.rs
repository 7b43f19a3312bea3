use leptos::prelude::*;
use mentor_core::PRODUCT_NAME;

use super::ConnectionStatus;

/// The top bar: the product's name and, always visible, the state of the device's connection.
#[component]
pub fn AppHeader() -> impl IntoView {
    view! {
        <header class="app-header">
            <p class="app-name">{PRODUCT_NAME}</p>
            <ConnectionStatus/>
        </header>
    }
}

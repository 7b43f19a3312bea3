use leptos::prelude::*;

use crate::client::{AppClient, LocalAction};
use crate::state::SyncStatus;

/// Changes the server refused, with its reasons and what each wrote (with a button to copy
/// it), until the user says they have read them: a saved change that did not take effect is
/// never dropped silently, and the words typed into it are not lost with it.
#[component]
pub fn RefusedChanges() -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let client = AppClient::expect();
    let refused = LocalResource::new(move || {
        status.revision();
        client.refused_changes()
    });
    // A failure leaves the list shown; the user can try again.
    let dismiss = LocalAction::new(move |_: &()| async move {
        if client.dismiss_refused().await.is_ok() {
            refused.refetch();
        }
    });
    move || {
        let list = refused.get().unwrap_or_default();
        (!list.is_empty()).then(|| {
            view! {
                <section class="card refused-changes" aria-labelledby="device-refused-heading">
                    <h2 id="device-refused-heading">"Changes the server refused"</h2>
                    <p>"These changes were saved on this device but not accepted by the server, so they are not shown any more."</p>
                    <ul aria-label="Refused changes">
                        {list
                            .into_iter()
                            .map(|change| {
                                let written = change.written();
                                let copied = RwSignal::new(None::<&'static str>);
                                let to_copy = written.clone();
                                view! {
                                    <li>
                                        <p>{format!("A change to {}: {}", change.entity.label_with_article(), change.reason)}</p>
                                        <Show when={
                                            let written = written.clone();
                                            move || !written.is_empty()
                                        }>
                                            <pre class="refused-text">{written.clone()}</pre>
                                            <button type="button" class="button secondary" on:click={
                                                let to_copy = to_copy.clone();
                                                move |_| copy_text(to_copy.clone(), copied)
                                            }>"Copy what was written"</button>
                                            <span role="status">{move || copied.get()}</span>
                                        </Show>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                    <button type="button" class="button secondary" on:click=move |_| {
                        dismiss.dispatch(());
                    }>
                        "I have read these"
                    </button>
                </section>
            }
        })
    }
}

/// Puts `text` on the clipboard and says in `said` whether the browser let it.
fn copy_text(text: String, said: RwSignal<Option<&'static str>>) {
    leptos::task::spawn_local(async move {
        let promise =
            web_sys::window().map(|window| window.navigator().clipboard().write_text(&text));
        let copied = match promise {
            Some(promise) => wasm_bindgen_futures::JsFuture::from(promise).await.is_ok(),
            None => false,
        };
        let _ = said.try_set(Some(if copied {
            " Copied."
        } else {
            " This browser did not allow copying: select the text and copy it."
        }));
    });
}

//! "Tag order": which quick tags this device offers first on the tag sheet, kept in
//! `localStorage` (a preference, not personal data). Each tag moves up one place at a tap;
//! "School's order" goes back to the order the school set.

use leptos::prelude::*;

use crate::client::{LessonPreferences, move_up, ordered_tags};

fn keep(order: Vec<String>) {
    LessonPreferences {
        tag_order: order,
        ..LessonPreferences::load()
    }
    .store();
}

/// The button that opens the tag order, and the list to change it. `tags` are the school's,
/// `order` this device's preference (written back to `localStorage` on every change).
#[component]
pub fn TagOrder(tags: Signal<Vec<String>>, order: RwSignal<Vec<String>>) -> impl IntoView {
    let open = RwSignal::new(false);
    let shown = Memo::new(move |_| tags.with(|tags| order.with(|order| ordered_tags(tags, order))));
    let set = move |new: Vec<String>| {
        keep(new.clone());
        order.set(new);
    };
    view! {
        <button
            type="button"
            class="button secondary"
            aria-expanded=move || open.get().to_string()
            aria-controls="tag-order"
            on:click=move |_| open.update(|open| *open = !*open)
        >
            "Tag order"
        </button>
        <Show when=move || open.get()>
            <section id="tag-order" class="tag-order" aria-labelledby="tag-order-heading">
                <h2 id="tag-order-heading">"Tag order on this device"</h2>
                <ol>
                    {move || shown.get().into_iter().enumerate().map(|(at, tag)| {
                        let label = format!("Move {tag} up");
                        let name = tag.clone();
                        view! {
                            <li>
                                <span>{tag}</span>
                                <button type="button" class="button secondary" aria-label=label disabled=at == 0
                                    on:click=move |_| set(move_up(&shown.get_untracked(), &name))>
                                    "Up"
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ol>
                <button type="button" class="button secondary" on:click=move |_| set(Vec::new())>
                    "School's order"
                </button>
            </section>
        </Show>
    }
}

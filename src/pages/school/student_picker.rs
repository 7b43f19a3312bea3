//! Finding a student to add to a caseload or a group: a search box over the students not
//! already there, each with its own Add button.

use leptos::prelude::*;
use mentor_core::ids::EntityId;

use crate::pages::StudentDetails;

/// How many matches are listed at once; typing narrows them.
const SHOWN: usize = 20;

fn matches(student: &StudentDetails, query: &str) -> bool {
    if query.is_empty() {
        return true;
    }
    let haystack = format!(
        "{} {} {} {} {}",
        student.shown_name(),
        student.given_name,
        student.family_name,
        student.year_and_form(),
        student.upn
    )
    .to_lowercase();
    query
        .split_whitespace()
        .all(|word| haystack.contains(&word.to_lowercase()))
}

/// A searchable list of `candidates`; choosing one calls `on_add` with its id.
#[component]
pub fn StudentPicker(
    /// The students that may be added (those not already there).
    #[prop(into)]
    candidates: Signal<Vec<StudentDetails>>,
    on_add: Callback<EntityId>,
    /// Makes the search box's id unique on the page.
    id: &'static str,
    /// True while an edit is being saved.
    #[prop(into)]
    busy: Signal<bool>,
) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let found = Memo::new(move |_| {
        let query = query.get();
        let query = query.trim();
        candidates.with(|all| {
            let hits: Vec<StudentDetails> =
                all.iter().filter(|s| matches(s, query)).cloned().collect();
            hits
        })
    });
    view! {
        <div class="field">
            <label for=id>"Find a student to add"</label>
            <input
                type="search"
                id=id
                autocomplete="off"
                placeholder="Name, year, form or UPN"
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))
            />
        </div>
        <p class="form-note">
            {move || {
                let total = found.with(Vec::len);
                match total {
                    0 => "No students match.".to_owned(),
                    n if n > SHOWN => format!("Showing {SHOWN} of {n} students. Type to narrow the list."),
                    1 => "1 student matches.".to_owned(),
                    n => format!("{n} students match."),
                }
            }}
        </p>
        <ul class="row-list school-list" aria-label="Students to add">
            <For
                each=move || found.get().into_iter().take(SHOWN)
                key=|student| student.id
                let(student)
            >
                <li class="school-row">
                    <span class="school-row-text">
                        <span class="row-title">{student.shown_name()}</span>
                        " "
                        <span class="row-detail">{student.year_and_form()}</span>
                    </span>
                    <button
                        class="button secondary"
                        type="button"
                        disabled=move || busy.get()
                        on:click=move |_| on_add.run(student.id)
                    >
                        "Add"
                        <span class="school-sr-only">{format!(" {}", student.shown_name())}</span>
                    </button>
                </li>
            </For>
        </ul>
    }
}

//! The mark sheet: opened by tapping a student in an open register. "Present", "Absent" and
//! "Excused" save at once; "Late" and "Left early" ask for the time (now, to start with)
//! first. A note is optional and kept with whichever mark is saved.

use leptos::prelude::*;
use mentor_core::entity::FieldType;
use mentor_core::kinds::MARK_NOTE;

use super::register_data::MarkRow;
use super::{mark_phrase, time_now};
use crate::client::registers::{Mark, MarkDraft};

/// The sheet for `row`'s student.
#[component]
pub fn MarkSheet(
    row: MarkRow,
    on_mark: Callback<MarkDraft>,
    on_close: Callback<()>,
) -> impl IntoView {
    let name = row.student.shown_name();
    let current = mark_phrase(&row);
    let existing = row.mark.clone();
    let timed = RwSignal::new(None::<Mark>);
    let at_time = RwSignal::new(
        existing
            .as_ref()
            .and_then(|mark| mark.at_time.clone())
            .unwrap_or_else(time_now),
    );
    let note = RwSignal::new(existing.and_then(|mark| mark.note).unwrap_or_default());
    let max_note = match MARK_NOTE {
        FieldType::Text { max_chars } => max_chars,
        _ => 200,
    };
    let choose = move |mark: Mark| {
        if mark.time_label().is_some() {
            timed.set(Some(mark));
        } else {
            on_mark.run(MarkDraft {
                mark,
                at_time: String::new(),
                note: note.get_untracked(),
            });
        }
    };
    let save_timed = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(mark) = timed.get_untracked() {
            on_mark.run(MarkDraft {
                mark,
                at_time: at_time.get_untracked(),
                note: note.get_untracked(),
            });
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.stop_propagation();
            on_close.run(());
        }
    };
    view! {
        <div class="sheet mark-sheet" role="dialog" aria-modal="true" aria-labelledby="mark-sheet-heading" on:keydown=on_key>
            <h2 id="mark-sheet-heading">{format!("Mark {name}")}</h2>
            <p class="mark-now">{format!("Now: {current}")}</p>
            <div class="mark-choices" role="group" aria-label="Mark">
                {Mark::ALL
                    .into_iter()
                    .map(|mark| view! {
                        <button
                            type="button"
                            class=format!("mark-choice mark-{}", mark.as_str())
                            aria-pressed=move || (timed.get() == Some(mark)).to_string()
                            on:click=move |_| choose(mark)
                        >
                            {mark.label()}
                        </button>
                    })
                    .collect_view()}
            </div>
            <form class="mark-form" on:submit=save_timed novalidate>
                <Show when=move || timed.get().is_some()>
                    <div class="field">
                        <label for="mark-time">{move || timed.get().and_then(Mark::time_label).unwrap_or_default()}</label>
                        <input id="mark-time" type="time" required prop:value=move || at_time.get()
                            on:input=move |ev| at_time.set(event_target_value(&ev))/>
                    </div>
                </Show>
                <div class="field">
                    <label for="mark-note">"Note (optional)"</label>
                    <input id="mark-note" type="text" maxlength=max_note.to_string() prop:value=move || note.get()
                        on:input=move |ev| note.set(event_target_value(&ev))/>
                </div>
                <div class="sheet-actions">
                    <Show when=move || timed.get().is_some()>
                        <button type="submit" class="button">"Save mark"</button>
                    </Show>
                    <button type="button" class="button secondary" on:click=move |_| on_close.run(())>"Cancel"</button>
                </div>
            </form>
        </div>
    }
}

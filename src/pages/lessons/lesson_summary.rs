//! A lesson's summary, per student: tags, strategies and whether they helped, text. The
//! author marks items for the teacher's attention, changes or removes their own notes; the
//! group's teacher reads it on their own device after sync; it prints cleanly.

use leptos::prelude::*;
use mentor_core::EntityId;

use super::helped_words;
use super::lesson_data::{LessonData, NoteView, Tile};
use crate::client::lessons::{change_note, for_teacher, remove_note};
use crate::client::print_page;
use crate::client::{SaveAction, SaveState};
use crate::components::save_line;
use crate::pages::clock_time;

/// The summary of the lesson in `data`, for `me`.
#[component]
pub fn LessonSummary(data: RwSignal<LessonData>, me: Signal<Option<EntityId>>) -> impl IntoView {
    let saving = SaveAction::new();
    let reached = move || {
        data.with(|data| {
            data.tiles
                .iter()
                .filter(|tile| !tile.notes.is_empty())
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let not_reached = move || {
        data.with(|data| {
            data.tiles
                .iter()
                .filter(|tile| tile.notes.is_empty())
                .map(|tile| tile.student.shown_name())
                .collect::<Vec<_>>()
        })
    };
    let totals = move || {
        data.with(|data| {
            let students = data
                .tiles
                .iter()
                .filter(|tile| !tile.notes.is_empty())
                .count();
            let notes: usize = data.tiles.iter().map(|tile| tile.notes.len()).sum();
            let attention = data
                .tiles
                .iter()
                .flat_map(|tile| &tile.notes)
                .filter(|note| note.note.for_teacher == Some(true))
                .count();
            format!(
                "{notes} notes about {students} students; {attention} for the teacher's attention."
            )
        })
    };
    let print = move |_| print_page();
    view! {
        <section class="card lesson-summary" aria-labelledby="summary-heading">
            <div class="summary-head">
                <h2 id="summary-heading">"Lesson summary"</h2>
                <button type="button" class="button secondary no-print" on:click=print>"Print"</button>
            </div>
            <p>{totals}</p>
            {save_line(saving.signal())}
            <For each=reached key=|tile: &Tile| (tile.student.id, tile.notes.clone()) let:tile>
                <StudentNotes tile me saving tags=data.with_untracked(|data| data.tags.clone())/>
            </For>
            <Show when=move || !not_reached().is_empty()>
                <h3>"Not reached"</h3>
                <p>{move || not_reached().join(", ")}</p>
            </Show>
        </section>
    }
}

#[component]
fn StudentNotes(
    tile: Tile,
    me: Signal<Option<EntityId>>,
    saving: SaveAction,
    tags: Vec<String>,
) -> impl IntoView {
    let name = tile.student.shown_name();
    view! {
        <article class="summary-student">
            <h3>{name}</h3>
            <ul class="note-list">
                {tile
                    .notes
                    .into_iter()
                    .map(|note| view! { <NoteItem note me saving tags=tags.clone()/> })
                    .collect_view()}
            </ul>
        </article>
    }
}

/// One note, with its author's controls.
#[component]
pub fn NoteItem(
    note: NoteView,
    me: Signal<Option<EntityId>>,
    saving: SaveAction,
    tags: Vec<String>,
) -> impl IntoView {
    let id = note.id;
    let mine = move || me.get() == Some(note.note.author_id);
    let marked = note.note.for_teacher == Some(true);
    let editing = RwSignal::new(false);
    let chosen = RwSignal::new(note.note.tags.clone());
    let text = RwSignal::new(note.note.text.clone().unwrap_or_default());
    let line = note_line(&note);
    let save_changes = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match change_note(id, &chosen.get_untracked(), &text.get_untracked()) {
            Ok(edit) => saving.save(edit, move || {
                let _ = editing.try_set(false);
            }),
            Err(problem) => saving.set(SaveState::Failed(problem)),
        }
    };
    view! {
        <li class="note-item" class:for-teacher=marked>
            <p class="note-line">{line}</p>
            {marked.then(|| view! { <p class="attention">"For the teacher's attention"</p> })}
            <Show when=move || mine() && !editing.get()>
                <div class="note-actions no-print">
                    <label class="check">
                        <input type="checkbox" prop:checked=marked
                            on:change=move |ev| saving.save(for_teacher(id, event_target_checked(&ev)), || {})/>
                        "For the teacher's attention"
                    </label>
                    <button type="button" class="button secondary" on:click=move |_| editing.set(true)>"Edit"</button>
                    <button type="button" class="button secondary" on:click=move |_| saving.save(remove_note(id), || {})>"Delete"</button>
                </div>
            </Show>
            <Show when=move || editing.get()>
                <form class="note-form no-print" on:submit=save_changes novalidate>
                    <fieldset class="tag-choices">
                        <legend>"Tags"</legend>
                        {tags.iter().map(|tag| {
                            let (value, label, shown) = (tag.clone(), tag.clone(), tag.clone());
                            view! {
                                <label class="check">
                                    <input type="checkbox" prop:checked=move || chosen.with(|tags| tags.contains(&shown))
                                        on:change=move |_| chosen.update(|tags| {
                                            if let Some(at) = tags.iter().position(|t| *t == value) {
                                                tags.remove(at);
                                            } else {
                                                tags.push(value.clone());
                                            }
                                        })/>
                                    {label}
                                </label>
                            }
                        }).collect_view()}
                    </fieldset>
                    <div class="field">
                        <label for=format!("note-text-{id}")>"One line"</label>
                        <input id=format!("note-text-{id}") type="text" maxlength="200" prop:value=move || text.get()
                            on:input=move |ev| text.set(event_target_value(&ev))/>
                    </div>
                    <div class="sheet-actions">
                        <button type="submit" class="button">"Save changes"</button>
                        <button type="button" class="button secondary" on:click=move |_| editing.set(false)>"Cancel"</button>
                    </div>
                </form>
            </Show>
        </li>
    }
}

/// "14:05 · Needed a prompt, Praise · Chunked instructions: helped · engagement 4/5 · text · by Kit Lanyon".
pub fn note_line(note: &NoteView) -> String {
    let mut parts = vec![clock_time(note.note.recorded_at), note.note.tags.join(", ")];
    if let Some(strategy) = &note.strategy {
        let helped = note
            .note
            .strategy_helped
            .as_deref()
            .map(helped_words)
            .unwrap_or_default();
        parts.push(if helped.is_empty() {
            strategy.clone()
        } else {
            format!("{strategy}: {helped}")
        });
    }
    if let Some(engagement) = note.note.engagement {
        parts.push(format!("engagement {engagement}/5"));
    }
    if let Some(text) = &note.note.text {
        parts.push(text.clone());
    }
    if !note.author.is_empty() {
        parts.push(format!("by {}", note.author));
    }
    parts.join(" · ")
}

//! The Learning Passport on a student's profile: lists of short texts (needs, what helps, what
//! doesn't help) and the student's own words, each item editable on its own by whoever may.

use leptos::ev::SubmitEvent;
use leptos::html::Textarea;
use std::collections::BTreeMap;

use leptos::prelude::*;
use mentor_core::entity::{EntityKind, passport_voice_id};
use mentor_core::ids::EntityId;
use mentor_core::op::Edit;
use serde_json::json;

use super::profile_data::{PassportItem, fields};
use crate::client::{SaveAction, SaveState, typed};
use crate::components::{edit_actions, save_line};

/// The words of one passport list.
#[derive(Debug, Clone, Copy)]
pub struct ListWords {
    /// The list's heading ("What helps me").
    pub heading: &'static str,
    /// The heading's element id (unique on the page).
    pub heading_id: &'static str,
    /// One item, in a sentence ("strategy").
    pub noun: &'static str,
    /// What to say when the list is empty.
    pub empty: &'static str,
}

/// Focuses `input` whenever `editing` turns on and the field is on the page.
fn focus_when_editing(editing: RwSignal<bool>, input: NodeRef<Textarea>) {
    Effect::new(move |_| {
        if editing.get()
            && let Some(element) = input.get()
        {
            let _ = element.focus();
        }
    });
}

/// One passport list: its items, each with an edit form for those who may change them, and a
/// form to add one.
#[component]
pub fn PassportList(
    student: EntityId,
    kind: EntityKind,
    words: ListWords,
    #[prop(into)] items: Signal<Vec<PassportItem>>,
    #[prop(into)] editable: Signal<bool>,
) -> impl IntoView {
    let saving = SaveAction::new();
    let draft = RwSignal::new(String::new());
    let noun = words.noun;
    let add = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(text) = typed(&draft.get_untracked()) else {
            saving.set(SaveState::Failed(format!("Write the {noun} first.")));
            return;
        };
        let Some(id) = saving.new_id() else {
            return;
        };
        let edit = Edit::create(
            kind,
            id,
            fields([
                ("text", json!(text)),
                ("student_id", json!(student.to_string())),
            ]),
        );
        saving.save(edit, move || {
            let _ = draft.try_set(String::new());
        });
    };

    view! {
        <section class="passport-list" aria-labelledby=words.heading_id>
            <h3 id=words.heading_id>{words.heading}</h3>
            <Show
                when=move || !items.with(Vec::is_empty)
                fallback=move || view! { <p class="empty">{words.empty}</p> }
            >
                <ul class="passport-items">
                    <For each=move || items.get() key=|item| item.id let:item>
                        <ItemRow id=item.id kind noun items editable saving/>
                    </For>
                </ul>
            </Show>
            <Show when=move || editable.get()>
                <form class="add-item" on:submit=add novalidate>
                    <label class="field">
                        <span class="field-label">{format!("New {noun}")}</span>
                        <textarea
                            rows="2"
                            prop:value=move || draft.get()
                            on:input=move |ev| {
                                draft.set(event_target_value(&ev));
                                if !saving.is_saving_untracked() {
                                    saving.set(SaveState::Idle);
                                }
                            }
                        ></textarea>
                    </label>
                    <button class="button" type="submit">{format!("Add {noun}")}</button>
                </form>
            </Show>
            {save_line(saving.signal())}
        </section>
    }
}

/// One item of a passport list. What a sync brings is shown at once unless the item is being
/// edited: the edit form keeps its own copy, so a sync never overwrites what is being typed.
#[component]
fn ItemRow(
    id: EntityId,
    kind: EntityKind,
    noun: &'static str,
    items: Signal<Vec<PassportItem>>,
    editable: Signal<bool>,
    saving: SaveAction,
) -> impl IntoView {
    let text = Memo::new(move |_| {
        items.with(|items| {
            items
                .iter()
                .find(|item| item.id == id)
                .map(|item| item.text.clone())
                .unwrap_or_default()
        })
    });
    let editing = RwSignal::new(false);
    let draft = RwSignal::new(String::new());
    let input = NodeRef::<Textarea>::new();
    focus_when_editing(editing, input);

    let save = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(new_text) = typed(&draft.get_untracked()) else {
            saving.set(SaveState::Failed(format!(
                "Write the {noun}, or remove it."
            )));
            return;
        };
        let changes = if new_text == text.get_untracked() {
            BTreeMap::new()
        } else {
            fields([("text", json!(new_text))])
        };
        saving.save_changes(kind, id, changes, editing);
    };
    let remove = move || saving.remove(kind, id, editing);

    view! {
        <li class="passport-item">
            <Show
                when=move || editing.get()
                fallback=move || {
                    view! {
                        <p class="item-text">{move || text.get()}</p>
                        <Show when=move || editable.get()>
                            <button
                                class="button secondary small"
                                type="button"
                                aria-label=move || format!("Edit {noun}: {}", text.get())
                                on:click=move |_| {
                                    draft.set(text.get_untracked());
                                    editing.set(true);
                                }
                            >
                                "Edit"
                            </button>
                        </Show>
                    }
                }
            >
                <form class="edit-item" on:submit=save novalidate>
                    <label class="field">
                        <span class="field-label">{format!("Edit {noun}")}</span>
                        <textarea
                            rows="3"
                            node_ref=input
                            prop:value=move || draft.get()
                            on:input=move |ev| draft.set(event_target_value(&ev))
                        ></textarea>
                    </label>
                    {edit_actions(editing, remove)}
                </form>
            </Show>
        </li>
    }
}

/// "In my words": one statement per student, in their own words.
#[component]
pub fn PassportVoice(
    student: EntityId,
    #[prop(into)] voice: Signal<Option<PassportItem>>,
    #[prop(into)] editable: Signal<bool>,
) -> impl IntoView {
    let saving = SaveAction::new();
    let editing = RwSignal::new(false);
    let draft = RwSignal::new(String::new());
    let input = NodeRef::<Textarea>::new();
    focus_when_editing(editing, input);
    let text = Memo::new(move |_| voice.with(|voice| voice.as_ref().map(|v| v.text.clone())));

    let save = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(new_text) = typed(&draft.get_untracked()) else {
            saving.set(SaveState::Failed(
                "Write something first, or cancel.".to_owned(),
            ));
            return;
        };
        let edit = match text.get_untracked() {
            Some(old) if old == new_text => {
                editing.set(false);
                saving.set(SaveState::NothingChanged);
                return;
            }
            Some(_) => Edit::update(
                EntityKind::PassportVoice,
                passport_voice_id(student),
                fields([("text", json!(new_text))]),
            ),
            None => Edit::create(
                EntityKind::PassportVoice,
                passport_voice_id(student),
                fields([
                    ("text", json!(new_text)),
                    ("student_id", json!(student.to_string())),
                ]),
            ),
        };
        saving.save(edit, move || {
            let _ = editing.try_set(false);
        });
    };

    view! {
        <section class="passport-list passport-voice" aria-labelledby="passport-voice-heading">
            <h3 id="passport-voice-heading">"In my words"</h3>
            <Show
                when=move || editing.get()
                fallback=move || {
                    view! {
                        {move || match text.get() {
                            Some(words) => view! { <p class="voice-text">{words}</p> }.into_any(),
                            None => view! { <p class="empty">"Nothing written yet."</p> }.into_any(),
                        }}
                        <Show when=move || editable.get()>
                            <button
                                class="button secondary small"
                                type="button"
                                aria-label=move || {
                                    if text.with(Option::is_some) { "Edit In my words" } else { "Write In my words" }
                                }
                                on:click=move |_| {
                                    draft.set(text.get_untracked().unwrap_or_default());
                                    editing.set(true);
                                }
                            >
                                {move || if text.with(Option::is_some) { "Edit" } else { "Write" }}
                            </button>
                        </Show>
                    }
                }
            >
                <form class="edit-item" on:submit=save novalidate>
                    <label class="field">
                        <span class="field-label">"In my words"</span>
                        <textarea
                            rows="4"
                            node_ref=input
                            prop:value=move || draft.get()
                            on:input=move |ev| draft.set(event_target_value(&ev))
                        ></textarea>
                    </label>
                    <div class="form-actions">
                        <button class="button" type="submit">"Save"</button>
                        <button class="button secondary" type="button" on:click=move |_| editing.set(false)>
                            "Cancel"
                        </button>
                    </div>
                </form>
            </Show>
            {save_line(saving.signal())}
        </section>
    }
}

//! Medical notes and emergency contacts on a student's profile, behind one tap: closed every
//! time the page opens, so they are not read at a glance across a classroom. The SENCO and
//! administrators may add and change them; everyone else reads. Contacts are their own
//! module (`profile_contacts.rs`).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use mentor_core::entity::{EntityKind, MEDICAL_KINDS, SEVERITIES};
use mentor_core::ids::EntityId;
use mentor_core::op::Edit;
use serde_json::{Value, json};

use super::profile_contacts::Contacts;
use super::profile_data::{EmergencyContact, MedicalNote, fields};
use crate::client::{SaveAction, SaveState, typed};
use crate::components::{edit_actions, save_line};

/// A medical note's kind in words.
pub fn kind_label(kind: &str) -> &'static str {
    match kind {
        "condition" => "Condition",
        "medication" => "Medication",
        "allergy" => "Allergy",
        "dietary" => "Dietary",
        _ => "Note",
    }
}

/// A severity in words.
pub fn severity_label(severity: &str) -> &'static str {
    match severity {
        "mild" => "Mild",
        "moderate" => "Moderate",
        "severe" => "Severe",
        "life_threatening" => "Life-threatening",
        _ => "Severity not recorded",
    }
}

/// The severity choices of a select, "not recorded" first.
fn severity_options(selected: RwSignal<String>) -> impl IntoView {
    view! {
        <option value="" selected=move || selected.with(String::is_empty)>"Not recorded"</option>
        {SEVERITIES
            .iter()
            .map(|severity| {
                view! {
                    <option value=*severity selected=move || selected.get() == *severity>
                        {severity_label(severity)}
                    </option>
                }
            })
            .collect_view()}
    }
}

/// The medical and emergency section: a heading and one button that shows or hides it all.
#[component]
pub fn MedicalSection(
    student: EntityId,
    #[prop(into)] notes: Signal<Vec<MedicalNote>>,
    #[prop(into)] contacts: Signal<Vec<EmergencyContact>>,
    #[prop(into)] editable: Signal<bool>,
) -> impl IntoView {
    // Closed whenever the page (re)opens: this component is made afresh for each student.
    let open = RwSignal::new(false);
    view! {
        <section class="card medical-section" aria-labelledby="medical-heading">
            <h2 id="medical-heading">"Medical and emergency"</h2>
            <button
                class="button secondary disclosure"
                type="button"
                aria-expanded=move || open.get().to_string()
                aria-controls="medical-details"
                on:click=move |_| open.update(|open| *open = !*open)
            >
                {move || {
                    if open.get() {
                        "Hide medical and emergency details"
                    } else {
                        "Show medical and emergency details"
                    }
                }}
            </button>
            <div id="medical-details" class="medical-details" hidden=move || !open.get()>
                <Show when=move || open.get()>
                    <MedicalNotes student notes editable/>
                    <Contacts student contacts editable/>
                </Show>
            </div>
        </section>
    }
}

#[component]
fn MedicalNotes(
    student: EntityId,
    notes: Signal<Vec<MedicalNote>>,
    editable: Signal<bool>,
) -> impl IntoView {
    let saving = SaveAction::new();
    let kind = RwSignal::new(MEDICAL_KINDS[0].to_owned());
    let text = RwSignal::new(String::new());
    let severity = RwSignal::new(String::new());
    let add = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(note) = typed(&text.get_untracked()) else {
            saving.set(SaveState::Failed("Write the note first.".to_owned()));
            return;
        };
        let Some(id) = saving.new_id() else {
            return;
        };
        let mut values = fields([
            ("kind", json!(kind.get_untracked())),
            ("text", json!(note)),
            ("student_id", json!(student.to_string())),
        ]);
        let chosen = severity.get_untracked();
        if !chosen.is_empty() {
            values.insert("severity".to_owned(), json!(chosen));
        }
        saving.save(
            Edit::create(EntityKind::MedicalNote, id, values),
            move || {
                let _ = text.try_set(String::new());
                let _ = severity.try_set(String::new());
            },
        );
    };

    view! {
        <section class="medical-notes" aria-labelledby="medical-notes-heading">
            <h3 id="medical-notes-heading">"Medical notes"</h3>
            <Show
                when=move || !notes.with(Vec::is_empty)
                fallback=|| view! { <p class="empty">"No medical notes."</p> }
            >
                <ul class="medical-list">
                    <For each=move || notes.get() key=|note| note.id let:note>
                        <NoteRow id=note.id notes editable saving/>
                    </For>
                </ul>
            </Show>
            <Show when=move || editable.get()>
                <form class="add-item" aria-label="Add a medical note" on:submit=add novalidate>
                    <div class="field">
                        <label class="field-label" for="new-medical-kind">"Kind"</label>
                        <select id="new-medical-kind"
                            prop:value=move || kind.get()
                            on:change=move |ev| kind.set(event_target_value(&ev))
                        >
                            {MEDICAL_KINDS
                                .iter()
                                .map(|kind| view! { <option value=*kind>{kind_label(kind)}</option> })
                                .collect_view()}
                        </select>
                    </div>
                    <label class="field">
                        <span class="field-label">"Note"</span>
                        <textarea
                            rows="2"
                            prop:value=move || text.get()
                            on:input=move |ev| text.set(event_target_value(&ev))
                        ></textarea>
                    </label>
                    <div class="field">
                        <label class="field-label" for="new-medical-severity">"Severity"</label>
                        <select id="new-medical-severity"
                            prop:value=move || severity.get()
                            on:change=move |ev| severity.set(event_target_value(&ev))
                        >
                            {severity_options(severity)}
                        </select>
                    </div>
                    <button class="button" type="submit">"Add medical note"</button>
                </form>
            </Show>
            {save_line(saving.signal())}
        </section>
    }
}

/// One medical note; life-threatening ones stand out.
#[component]
fn NoteRow(
    id: EntityId,
    notes: Signal<Vec<MedicalNote>>,
    editable: Signal<bool>,
    saving: SaveAction,
) -> impl IntoView {
    let note =
        Memo::new(move |_| notes.with(|notes| notes.iter().find(|note| note.id == id).cloned()));
    let field = move |read: fn(&MedicalNote) -> String| {
        move || note.with(|note| note.as_ref().map(read).unwrap_or_default())
    };
    let text = field(|note| note.text.clone());
    let severity = field(|note| note.severity.clone());
    let kind = field(|note| note.kind.clone());
    let severity_id = format!("severity-{id}");
    let editing = RwSignal::new(false);
    let draft_text = RwSignal::new(String::new());
    let draft_severity = RwSignal::new(String::new());

    let save = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(new_text) = typed(&draft_text.get_untracked()) else {
            saving.set(SaveState::Failed(
                "Write the note, or remove it.".to_owned(),
            ));
            return;
        };
        let mut changes = fields([]);
        if new_text != text() {
            changes.insert("text".to_owned(), json!(new_text));
        }
        let new_severity = draft_severity.get_untracked();
        if new_severity != severity() {
            let value = if new_severity.is_empty() {
                Value::Null
            } else {
                json!(new_severity)
            };
            changes.insert("severity".to_owned(), value);
        }
        saving.save_changes(EntityKind::MedicalNote, id, changes, editing);
    };
    let remove = move || saving.remove(EntityKind::MedicalNote, id, editing);

    view! {
        <li class="medical-note" class:life-threatening=move || severity() == "life_threatening">
            <p class="medical-kind">
                <span>{move || kind_label(&kind())}</span>
                " · "
                <strong class="severity">{move || severity_label(&severity())}</strong>
            </p>
            <Show
                when=move || editing.get()
                fallback=move || {
                    view! {
                        <p class="item-text">{text}</p>
                        <Show when=move || editable.get()>
                            <button
                                class="button secondary small"
                                type="button"
                                aria-label=move || format!("Edit medical note: {}", text())
                                on:click=move |_| {
                                    draft_text.set(text());
                                    draft_severity.set(severity());
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
                        <span class="field-label">"Medical note"</span>
                        <textarea
                            rows="3"
                            prop:value=move || draft_text.get()
                            on:input=move |ev| draft_text.set(event_target_value(&ev))
                        ></textarea>
                    </label>
                    <div class="field">
                        <label class="field-label" for=severity_id.clone()>"Severity"</label>
                        <select id=severity_id.clone()
                            prop:value=move || draft_severity.get()
                            on:change=move |ev| draft_severity.set(event_target_value(&ev))
                        >
                            {severity_options(draft_severity)}
                        </select>
                    </div>
                    {edit_actions(editing, remove)}
                </form>
            </Show>
        </li>
    }
}

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use mentor_core::entity::EntityKind;
use mentor_core::ids::EntityId;
use mentor_core::op::Edit;
use serde_json::Value;

use super::student_details::StudentDetails;
use crate::components::TextField;
use crate::state::SyncStatus;
use crate::storage::LocalStore;
use crate::sync::SyncScheduler;

/// The form's fields, as typed.
#[derive(Debug, Clone, Copy)]
struct DetailsForm {
    given_name: RwSignal<String>,
    family_name: RwSignal<String>,
    preferred_name: RwSignal<String>,
    year_group: RwSignal<String>,
    form_group: RwSignal<String>,
    upn: RwSignal<String>,
}

impl DetailsForm {
    fn new() -> Self {
        Self {
            given_name: RwSignal::new(String::new()),
            family_name: RwSignal::new(String::new()),
            preferred_name: RwSignal::new(String::new()),
            year_group: RwSignal::new(String::new()),
            form_group: RwSignal::new(String::new()),
            upn: RwSignal::new(String::new()),
        }
    }

    fn fill(&self, student: &StudentDetails) {
        self.given_name.set(student.given_name.clone());
        self.family_name.set(student.family_name.clone());
        self.preferred_name.set(student.preferred_name.clone());
        self.year_group.set(
            student
                .year_group
                .map(|year| year.to_string())
                .unwrap_or_default(),
        );
        self.form_group.set(student.form_group.clone());
        self.upn.set(student.upn.clone());
    }

    /// The fields that differ from `saved`, as an op's field map; a cleared optional field
    /// becomes `null`. Core validates the values when the edit is saved.
    fn changes_from(&self, saved: &StudentDetails) -> BTreeMap<String, Value> {
        let mut changes = BTreeMap::new();
        let mut text = |field: &str, typed: RwSignal<String>, before: &str| {
            let typed = typed.get_untracked().trim().to_owned();
            if typed != before {
                let value = if typed.is_empty() {
                    Value::Null
                } else {
                    Value::String(typed)
                };
                changes.insert(field.to_owned(), value);
            }
        };
        text("given_name", self.given_name, &saved.given_name);
        text("family_name", self.family_name, &saved.family_name);
        text("preferred_name", self.preferred_name, &saved.preferred_name);
        text("form_group", self.form_group, &saved.form_group);
        text("upn", self.upn, &saved.upn.to_uppercase());
        let year = self.year_group.get_untracked().parse::<u8>().ok();
        if year != saved.year_group {
            changes.insert(
                "year_group".to_owned(),
                year.map_or(Value::Null, Value::from),
            );
        }
        changes
    }
}

/// What the last save did, for the line under the form.
#[derive(Debug, Clone, PartialEq, Eq)]
enum SaveState {
    Idle,
    Saving,
    Saved,
    NothingChanged,
    Failed(String),
}

/// One student's details, editable; saved on the device at once and synced after.
#[component]
pub fn StudentPage() -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let scheduler = expect_context::<SyncScheduler>();
    let params = use_params_map();
    let student_id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<EntityId>().ok())
    };

    let student = LocalResource::new(move || {
        status.revision();
        let id = student_id();
        let store = scheduler.store();
        async move {
            let (Some(id), Some(store)) = (id, store) else {
                return Ok(None);
            };
            let records = store
                .view(EntityKind::Student)
                .await
                .map_err(|error| error.to_string())?;
            Ok::<_, String>(
                records
                    .iter()
                    .find(|record| record.id == id)
                    .and_then(StudentDetails::from_record),
            )
        }
    });

    let form = DetailsForm::new();
    let dirty = RwSignal::new(false);
    let save_state = RwSignal::new(SaveState::Idle);
    let loaded = RwSignal::new(None::<StudentDetails>);
    // Show the latest saved values, unless the user is part-way through typing: a sync never
    // overwrites what is being typed.
    Effect::new(move |_| {
        if let Some(Ok(Some(details))) = student.get() {
            if !dirty.get_untracked() {
                form.fill(&details);
            }
            loaded.set(Some(details));
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(saved) = loaded.get_untracked() else {
            return;
        };
        let changes = form.changes_from(&saved);
        if changes.is_empty() {
            save_state.set(SaveState::NothingChanged);
            return;
        }
        save_state.set(SaveState::Saving);
        leptos::task::spawn_local(async move {
            let edit = Edit::update(EntityKind::Student, saved.id, changes);
            match scheduler.record_edit(edit).await {
                Ok(_) => {
                    dirty.set(false);
                    save_state.set(SaveState::Saved);
                }
                Err(error) => save_state.set(SaveState::Failed(error.to_string())),
            }
        });
    };
    let touched = move || {
        dirty.set(true);
        if save_state.get_untracked() != SaveState::Saving {
            save_state.set(SaveState::Idle);
        }
    };

    let heading = move || {
        loaded
            .get()
            .map(|details| details.shown_name())
            .unwrap_or_else(|| "Student".to_owned())
    };
    let missing = move || matches!(student.get(), Some(Ok(None)));
    let load_error = move || match student.get() {
        Some(Err(error)) => Some(error),
        _ => None,
    };

    view! {
        <div class="page student-page">
            <A href="/students" attr:class="back-link">"Back to students"</A>
            <h1>{heading}</h1>
            <Show when=missing>
                <p>"This student is not on this device. They may not be on your caseload or in your groups."</p>
            </Show>
            {move || load_error().map(|error| view! { <p role="alert">{error}</p> })}
            <Show when=move || loaded.get().is_some()>
                <form class="card details-form" aria-label="Student details" on:submit=on_submit novalidate>
                    <h2>"Details"</h2>
                    <TextField label="Preferred name" id="student-preferred-name" value=form.preferred_name on_touch=touched/>
                    <TextField label="Given name" id="student-given-name" value=form.given_name on_touch=touched/>
                    <TextField label="Family name" id="student-family-name" value=form.family_name on_touch=touched/>
                    <div class="field">
                        <label for="student-year-group">"Year group"</label>
                        <select
                            id="student-year-group"
                            prop:value=move || form.year_group.get()
                            on:change=move |ev| {
                                form.year_group.set(event_target_value(&ev));
                                touched();
                            }
                        >
                            {(7..=13u8)
                                .map(|year| {
                                    view! { <option value=year.to_string()>{format!("Year {year}")}</option> }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <TextField label="Form group" id="student-form-group" value=form.form_group on_touch=touched/>
                    <TextField label="UPN" id="student-upn" value=form.upn on_touch=touched/>
                    <button class="button" type="submit" disabled=move || save_state.get() == SaveState::Saving>
                        "Save changes"
                    </button>
                    {move || match save_state.get() {
                        SaveState::Idle => None,
                        SaveState::Saving => Some(view! { <p class="form-note" role="status">"Saving…"</p> }.into_any()),
                        SaveState::Saved => Some(view! { <p class="form-note saved" role="status">"Saved on this device"</p> }.into_any()),
                        SaveState::NothingChanged => Some(view! { <p class="form-note" role="status">"Nothing has changed."</p> }.into_any()),
                        SaveState::Failed(error) => Some(view! { <p class="form-error" role="alert">{error}</p> }.into_any()),
                    }}
                </form>
            </Show>
        </div>
    }
}

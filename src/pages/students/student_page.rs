//! A student's profile: who they are, their Learning Passport first, medical and emergency
//! details behind one tap, and (for the SENCO and administrators) the details form.
//!
//! What each person may change follows their role (see [`Permissions`]); the server enforces
//! the same rules, so this only keeps the page from offering what would be refused.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use mentor_core::entity::EntityKind;
use mentor_core::ids::EntityId;
use mentor_core::op::Edit;
use serde_json::Value;

use super::profile_data::{Permissions, Profile, load_profile};
use super::profile_medical::MedicalSection;
use super::profile_notes::NotesSection;
use super::profile_passport::{ListWords, PassportList, PassportVoice};
use super::profile_sessions::SessionsSection;
use super::profile_targets::TargetsSection;
use super::profile_tracking::TrackingSection;
use super::student_details::StudentDetails;
use crate::client::{AppClient, SaveAction, SaveState};
use crate::components::{TextField, save_line};
use crate::state::SyncStatus;

/// The form's fields, as typed.
#[derive(Debug, Clone, Copy)]
struct DetailsForm {
    given_name: RwSignal<String>,
    family_name: RwSignal<String>,
    preferred_name: RwSignal<String>,
    year_group: RwSignal<String>,
    form_group: RwSignal<String>,
    upn: RwSignal<String>,
    pronouns: RwSignal<String>,
    send_status: RwSignal<String>,
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
            pronouns: RwSignal::new(String::new()),
            send_status: RwSignal::new(String::new()),
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
        self.pronouns.set(student.pronouns.clone());
        self.send_status.set(student.send_status.clone());
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
        text("pronouns", self.pronouns, &saved.pronouns);
        text("send_status", self.send_status, &saved.send_status);
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

/// The `/students/:id` page: one student's profile, made afresh for each student so that
/// nothing (an open medical section, a half-typed edit) carries over to the next.
#[component]
pub fn StudentPage() -> impl IntoView {
    let params = use_params_map();
    let student_id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<EntityId>().ok())
    });
    view! {
        <div class="page student-page">
            <A href="/students" attr:class="back-link">"Back to students"</A>
            {move || match student_id.get() {
                Some(id) => view! { <StudentProfile id/> }.into_any(),
                None => view! {
                    <h1>"Student"</h1>
                    <p>{NOT_ON_DEVICE}</p>
                }
                    .into_any(),
            }}
        </div>
    }
}

const NOT_ON_DEVICE: &str =
    "This student is not on this device. They may not be on your caseload or in your groups.";

/// One student's profile, read again after every edit or sync.
#[component]
fn StudentProfile(id: EntityId) -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let client = AppClient::expect();
    let profile = LocalResource::new(move || {
        status.revision();
        let store = client.store();
        async move {
            match store {
                Some(store) => load_profile(&*store, id).await.map(Some),
                None => Ok(None),
            }
        }
    });
    // The last profile read, kept while the next read is under way so nothing blinks.
    let current = RwSignal::new(None::<Profile>);
    Effect::new(move |_| {
        if let Some(Ok(Some(read))) = profile.get() {
            current.set(Some(read));
        }
    });
    let details = Memo::new(move |_| {
        current.with(|profile| profile.as_ref().and_then(|profile| profile.student.clone()))
    });
    let needs = part_of(current, |profile| profile.needs.clone());
    let score_names = part_of(current, |profile| profile.score_names.clone());
    let strategies = part_of(current, |profile| profile.strategies.clone());
    let unhelpful = part_of(current, |profile| profile.unhelpful.clone());
    let medical = part_of(current, |profile| profile.medical.clone());
    let contacts = part_of(current, |profile| profile.contacts.clone());
    let targets = part_of(current, |profile| profile.targets.clone());
    let sessions = part_of(current, |profile| profile.sessions.clone());
    let tracking = part_of(current, |profile| profile.tracking.clone());
    let scales = part_of(current, |profile| profile.scales.clone());
    let staff = part_of(current, |profile| profile.staff.clone());
    let name = Signal::derive(move || {
        details.with(|details| {
            details
                .as_ref()
                .map(StudentDetails::shown_name)
                .unwrap_or_default()
        })
    });
    let notes = part_of(current, |profile| profile.notes.clone());
    let voice = Memo::new(move |_| {
        current.with(|profile| profile.as_ref().and_then(|profile| profile.voice.clone()))
    });
    let permissions = Memo::new(move |_| {
        status
            .get()
            .staff
            .map(|staff| Permissions::for_role(staff.role))
            .unwrap_or_default()
    });
    let may_edit_passport = Signal::derive(move || permissions.get().passport);
    let senco = Signal::derive(move || permissions.get().senco);
    let may_write_progress = Signal::derive(move || permissions.get().progress);

    let missing =
        move || current.with(|profile| profile.as_ref().is_some_and(|p| p.student.is_none()));
    let load_error = move || match profile.get() {
        Some(Err(error)) => Some(error),
        _ => None,
    };
    let heading = move || {
        details
            .get()
            .map(|details| details.shown_name())
            .unwrap_or_else(|| "Student".to_owned())
    };

    view! {
        <div class="profile-header">
            <Show when=move || details.with(Option::is_some)>
                <span class="avatar" aria-hidden="true">
                    {move || details.get().map(|details| details.initials())}
                </span>
            </Show>
            <div class="profile-who">
                <h1>{heading}</h1>
                {move || {
                    details
                        .get()
                        .map(|details| {
                            let pronouns = (!details.pronouns.is_empty())
                                .then(|| view! { <p class="pronouns">{details.pronouns.clone()}</p> });
                            let upn = if details.upn.is_empty() {
                                "Not recorded".to_owned()
                            } else {
                                details.upn.clone()
                            };
                            let send = details.send_status_label().unwrap_or("Not recorded");
                            view! {
                                {pronouns}
                                <p class="year-form">{details.year_and_form()}</p>
                                <dl class="facts profile-facts">
                                    <dt>"UPN"</dt>
                                    <dd>{upn}</dd>
                                    <dt>"SEND status"</dt>
                                    <dd>{send}</dd>
                                </dl>
                            }
                        })
                }}
            </div>
        </div>
        <Show when=missing>
            <p>{NOT_ON_DEVICE}</p>
        </Show>
        {move || load_error().map(|error| view! { <p role="alert">{error}</p> })}
        <Show when=move || details.with(Option::is_some)>
            <section class="card passport" aria-labelledby="passport-heading">
                <h2 id="passport-heading">"Learning Passport"</h2>
                <PassportList
                    student=id
                    kind=EntityKind::PassportNeed
                    words=ListWords {
                        heading: "Needs",
                        heading_id: "passport-needs-heading",
                        noun: "need",
                        empty: "No needs recorded.",
                    }
                    items=needs
                    editable=senco
                />
                <PassportList
                    student=id
                    kind=EntityKind::PassportStrategy
                    words=ListWords {
                        heading: "What helps me",
                        heading_id: "passport-strategies-heading",
                        noun: "strategy",
                        empty: "Nothing recorded yet.",
                    }
                    items=strategies
                    editable=may_edit_passport
                />
                <PassportList
                    student=id
                    kind=EntityKind::PassportUnhelpful
                    words=ListWords {
                        heading: "What doesn't help",
                        heading_id: "passport-unhelpful-heading",
                        noun: "thing that doesn't help",
                        empty: "Nothing recorded yet.",
                    }
                    items=unhelpful
                    editable=may_edit_passport
                />
                <PassportVoice student=id voice editable=may_edit_passport/>
            </section>
            <p class="profile-links"><A href=format!("/students/{id}/report")>"Progress report"</A></p>
            <SessionsSection student=id name sessions staff editable=may_write_progress/>
            <TargetsSection student=id targets strategies score_names editable=may_write_progress/>
            <TrackingSection student=id tracking scales editable=may_write_progress/>
            <NotesSection notes strategies/>
            <MedicalSection student=id notes=medical contacts editable=senco/>
            <Show when=move || senco.get()>
                <DetailsEditor details/>
            </Show>
        </Show>
    }
}

/// One part of the profile as a memo: it changes only when that part does.
fn part_of<T>(current: RwSignal<Option<Profile>>, read: fn(&Profile) -> Vec<T>) -> Memo<Vec<T>>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    Memo::new(move |_| current.with(|profile| profile.as_ref().map(read).unwrap_or_default()))
}

/// The student's details, editable by the SENCO and administrators; saved on the device at
/// once and synced after.
#[component]
fn DetailsEditor(details: Memo<Option<StudentDetails>>) -> impl IntoView {
    let form = DetailsForm::new();
    let dirty = RwSignal::new(false);
    let saving = SaveAction::new();
    // Show the latest saved values, unless the user is part-way through typing: a sync never
    // overwrites what is being typed.
    Effect::new(move |_| {
        if let Some(saved) = details.get()
            && !dirty.get_untracked()
        {
            form.fill(&saved);
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(saved) = details.get_untracked() else {
            return;
        };
        let changes = form.changes_from(&saved);
        if changes.is_empty() {
            saving.set(SaveState::NothingChanged);
            return;
        }
        let edit = Edit::update(EntityKind::Student, saved.id, changes);
        saving.save(edit, move || {
            let _ = dirty.try_set(false);
        });
    };
    let touched = move || {
        dirty.set(true);
        saving.touch();
    };

    view! {
        <form class="card details-form" aria-label="Student details" on:submit=on_submit novalidate>
            <h2>"Details"</h2>
            <TextField label="Preferred name" id="student-preferred-name" value=form.preferred_name on_touch=touched/>
            <TextField label="Given name" id="student-given-name" value=form.given_name on_touch=touched/>
            <TextField label="Family name" id="student-family-name" value=form.family_name on_touch=touched/>
            <TextField label="Pronouns" id="student-pronouns" value=form.pronouns on_touch=touched/>
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
            <div class="field">
                <label for="student-send-status">"SEND status"</label>
                <select
                    id="student-send-status"
                    prop:value=move || form.send_status.get()
                    on:change=move |ev| {
                        form.send_status.set(event_target_value(&ev));
                        touched();
                    }
                >
                    <option value="">"Not recorded"</option>
                    <option value="none">"None"</option>
                    <option value="sen_support">"SEN support"</option>
                    <option value="ehcp">"EHCP"</option>
                </select>
            </div>
            <button class="button" type="submit" disabled=move || saving.is_saving()>
                "Save changes"
            </button>
            {save_line(saving.signal())}
        </form>
    }
}

//! Caseloads, for admins and SENCOs: choose a mentor, see the students on their caseload,
//! take one off or add more. Saved on this device and synced like any edit; a mentor's
//! device gains or loses the student at its next sync.

use leptos::prelude::*;
use leptos_router::components::A;
use mentor_core::ids::EntityId;
use mentor_core::role::Role;

use super::roster::{SchoolRoster, add_to_caseload, remove_from_caseload};
use super::school_page::{SYNC_NOTE, SchoolGate};
use super::student_picker::StudentPicker;
use crate::client::{AppClient, SaveAction, SaveState};
use crate::components::save_line;
use crate::state::SyncStatus;

/// The school's roster as this device holds it, read again after every edit or sync.
pub(super) fn roster_resource() -> LocalResource<Result<SchoolRoster, String>> {
    let status = expect_context::<SyncStatus>();
    let client = AppClient::expect();
    LocalResource::new(move || {
        status.revision();
        let store = client.store();
        async move {
            match store {
                Some(store) => SchoolRoster::load(&*store).await,
                None => Ok(SchoolRoster::default()),
            }
        }
    })
}

/// Choose a mentor; their caseload, with removing and adding students.
#[component]
pub fn CaseloadsPage() -> impl IntoView {
    let roster = roster_resource();
    let loaded = Memo::new(move |_| match roster.get() {
        Some(Ok(roster)) => roster,
        _ => SchoolRoster::default(),
    });
    let load_error = move || match roster.get() {
        Some(Err(error)) => Some(view! { <p class="form-error" role="alert">{error}</p> }),
        _ => None,
    };
    let mentor = RwSignal::new(None::<EntityId>);
    let change = SaveAction::new();
    let busy = Signal::derive(move || change.is_saving());

    let mentors = Memo::new(move |_| {
        loaded.with(|roster| {
            roster
                .staff
                .iter()
                .filter(|member| member.role == Some(Role::Mentor))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let mentor_name = move || {
        let id = mentor.get()?;
        mentors.with(|all| all.iter().find(|m| m.id == id).map(|m| m.name.clone()))
    };
    let caseload = Memo::new(move |_| match mentor.get() {
        Some(id) => loaded.with(|roster| roster.caseload(id)),
        None => Vec::new(),
    });
    let candidates = Signal::derive(move || {
        let on_it = caseload.get();
        loaded.with(|roster| {
            roster
                .students
                .iter()
                .filter(|student| !on_it.iter().any(|s| s.id == student.id))
                .cloned()
                .collect::<Vec<_>>()
        })
    });

    let remove = move |student: EntityId, name: String| {
        let Some(mentor_id) = mentor.get_untracked() else {
            return;
        };
        let who = mentor_name().unwrap_or_default();
        change.save_saying(
            remove_from_caseload(mentor_id, student),
            format!("Removed {name} from {who}'s caseload. Saved on this device."),
        );
    };
    let add = Callback::new(move |student: EntityId| {
        let Some(mentor_id) = mentor.get_untracked() else {
            return;
        };
        let who = mentor_name().unwrap_or_default();
        let name = loaded.with_untracked(|roster| {
            roster
                .students
                .iter()
                .find(|s| s.id == student)
                .map(|s| s.shown_name())
                .unwrap_or_default()
        });
        change.save_saying(
            add_to_caseload(mentor_id, student),
            format!("Added {name} to {who}'s caseload. Saved on this device."),
        );
    });

    view! {
        <div class="page school-page">
            <A href="/school" attr:class="back-link">"Back to School"</A>
            <h1>"Caseloads"</h1>
            <SchoolGate admin_only=false>
                <p class="school-note">{SYNC_NOTE}</p>
                {load_error}
                <div class="field school-choice">
                    <label for="caseload-mentor">"Mentor"</label>
                    <select
                        id="caseload-mentor"
                        on:change=move |ev| {
                            mentor.set(event_target_value(&ev).parse().ok());
                            change.set(SaveState::Idle);
                        }
                    >
                        <option value="" selected=move || mentor.get().is_none()>"Choose a mentor"</option>
                        <For each=move || mentors.get() key=|m| (m.id, m.name.clone()) let(member)>
                            <option value=member.id.to_string() selected=move || mentor.get() == Some(member.id)>
                                {member.name.clone()}
                            </option>
                        </For>
                    </select>
                </div>
                {save_line(change.signal())}
                <Show when=move || mentor.get().is_some()>
                    <section class="card school-section" aria-labelledby="caseload-heading">
                        <h2 id="caseload-heading">
                            {move || format!("{}'s caseload", mentor_name().unwrap_or_default())}
                        </h2>
                        <p class="list-count">
                            {move || match caseload.with(Vec::len) {
                                0 => "No students yet.".to_owned(),
                                1 => "1 student".to_owned(),
                                n => format!("{n} students"),
                            }}
                        </p>
                        <ul class="row-list school-list" aria-label="Caseload">
                            <For each=move || caseload.get() key=|s| s.id let(student)>
                                {
                                    let name = student.shown_name();
                                    let label = name.clone();
                                    view! {
                                        <li class="school-row">
                                            <span class="school-row-text">
                                                <span class="row-title">{name.clone()}</span>
                                                " "
                                                <span class="row-detail">{student.year_and_form()}</span>
                                            </span>
                                            <button
                                                class="button secondary"
                                                type="button"
                                                disabled=move || busy.get()
                                                on:click=move |_| remove(student.id, name.clone())
                                            >
                                                "Remove"
                                                <span class="sr-only">{format!(" {label}")}</span>
                                            </button>
                                        </li>
                                    }
                                }
                            </For>
                        </ul>
                    </section>
                    <section class="card school-section" aria-labelledby="caseload-add-heading">
                        <h2 id="caseload-add-heading">"Add students"</h2>
                        <StudentPicker candidates=candidates on_add=add id="caseload-find" busy=busy/>
                    </section>
                </Show>
            </SchoolGate>
        </div>
    }
}

//! A student's mentoring sessions on their profile, the newest first: when, who held it,
//! how long, the topics, what was discussed, what the student said in their own words, the
//! next session, and the actions agreed, each with its owner, due day and "Done" for those
//! who may write (the student's mentors, the SENCO and the administrator). "Record a
//! session" opens the form. The device shows what the server let it pull; it decides
//! nothing about who sees what.

use std::collections::BTreeMap;

use leptos::prelude::*;
use mentor_core::ids::EntityId;
use mentor_core::merge::RecordState;
use mentor_core::records::{self, MentoringAction, MentoringSession};

use super::profile_session_form::NewSession;
use crate::client::SaveAction;
use crate::client::mentoring::complete_action;
use crate::components::save_line;
use crate::pages::{day_words, today};

/// An action as the profile shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionView {
    pub id: EntityId,
    pub action: MentoringAction,
    /// The owner's name ("the student" when it is theirs).
    pub owner: String,
}

/// A session as the profile shows it, with its actions, soonest due first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionView {
    pub id: EntityId,
    pub session: MentoringSession,
    /// The name of who held it.
    pub held_by: String,
    /// The other students of a small-group session whose records are on this device.
    pub with: Vec<String>,
    pub actions: Vec<ActionView>,
}

/// The name of `owner` of an action about `student`: "The student" when it is theirs, the
/// member of staff's name otherwise.
pub fn owner_name(
    owner: EntityId,
    student: EntityId,
    staff: &BTreeMap<EntityId, String>,
) -> String {
    if owner == student {
        "The student".to_owned()
    } else {
        staff
            .get(&owner)
            .cloned()
            .unwrap_or_else(|| "A member of staff".to_owned())
    }
}

/// `student`'s sessions (the newest first) with their actions, from the device's records;
/// `student_name` names a small group's others that are on the device.
pub fn student_sessions(
    sessions: &[RecordState],
    actions: &[RecordState],
    staff: &BTreeMap<EntityId, String>,
    student_name: impl Fn(EntityId) -> Option<String>,
    student: EntityId,
) -> Vec<SessionView> {
    let mut actions: Vec<(EntityId, MentoringAction)> = records::live(actions)
        .filter(|(_, action): &(EntityId, MentoringAction)| action.student_id == student)
        .collect();
    actions.sort_by(|a, b| (&a.1.due_on, a.0).cmp(&(&b.1.due_on, b.0)));
    let (mine, others): (Vec<_>, Vec<_>) = records::live(sessions)
        .partition(|(_, session): &(EntityId, MentoringSession)| session.student_id == student);
    let with = |occasion: Option<EntityId>| -> Vec<String> {
        let Some(occasion) = occasion else {
            return Vec::new();
        };
        let mut names: Vec<String> = others
            .iter()
            .filter(|(_, other)| other.occasion_id == Some(occasion))
            .filter_map(|(_, other)| student_name(other.student_id))
            .collect();
        names.sort();
        names
    };
    let mut views: Vec<SessionView> = mine
        .into_iter()
        .map(|(id, session)| SessionView {
            id,
            held_by: staff
                .get(&session.held_by)
                .cloned()
                .unwrap_or_else(|| "A member of staff".to_owned()),
            with: with(session.occasion_id),
            actions: actions
                .iter()
                .filter(|(_, action)| action.session_id == id)
                .map(|(action_id, action)| ActionView {
                    id: *action_id,
                    owner: owner_name(action.owner_id, student, staff),
                    action: action.clone(),
                })
                .collect(),
            session,
        })
        .collect();
    views.sort_by(|a, b| (&b.session.held_on, b.id).cmp(&(&a.session.held_on, a.id)));
    views
}

/// The profile's "Mentoring sessions" section.
#[component]
pub fn SessionsSection(
    student: EntityId,
    sessions: Memo<Vec<SessionView>>,
    /// The student's name.
    name: Signal<String>,
    staff: Memo<Vec<(EntityId, String)>>,
    editable: Signal<bool>,
) -> impl IntoView {
    let recording = RwSignal::new(false);
    view! {
        <section class="card sessions-section" aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">"Mentoring sessions"</h2>
            <Show when=move || editable.get()>
                <Show
                    when=move || recording.get()
                    fallback=move || view! {
                        <button type="button" class="button" on:click=move |_| recording.set(true)>"Record a session"</button>
                    }
                >
                    <NewSession student name staff recording/>
                </Show>
            </Show>
            <Show when=move || sessions.with(Vec::is_empty)>
                <p>"No sessions recorded yet."</p>
            </Show>
            <ul class="session-list">
                <For each=move || sessions.get() key=|view| (view.id, view.actions.iter().filter(|a| a.action.done_on.is_some()).count()) let:view>
                    <SessionItem view editable/>
                </For>
            </ul>
        </section>
    }
}

#[component]
fn SessionItem(view: SessionView, editable: Signal<bool>) -> impl IntoView {
    let SessionView {
        session,
        held_by,
        with,
        actions,
        ..
    } = view;
    let heading = format!(
        "{} · {} minutes · {held_by}",
        day_words(&session.held_on),
        session.minutes
    );
    let group = match (session.occasion_id, with.is_empty()) {
        (None, _) => None,
        (Some(_), true) => Some("Small group".to_owned()),
        (Some(_), false) => Some(format!("Small group, with {}", with.join(", "))),
    };
    let saving = SaveAction::new();
    let actions_view = actions
        .into_iter()
        .map(|view| {
            let id = view.id;
            let done = view.action.done_on.clone();
            let line = format!(
                "{} · {} · due {}",
                view.action.text,
                view.owner,
                day_words(&view.action.due_on)
            );
            view! {
                <li class="session-action">
                    <span>{line}</span>
                    {match done {
                        Some(day) => view! { <span class="done">{format!("Done {}", day_words(&day))}</span> }.into_any(),
                        None => view! {
                            <Show when=move || editable.get()>
                                <button type="button" class="button secondary"
                                    aria-label=format!("Done: {}", view.action.text)
                                    on:click=move |_| saving.save(complete_action(id, &today()), || {})>
                                    "Done"
                                </button>
                            </Show>
                        }.into_any(),
                    }}
                </li>
            }
        })
        .collect_view();
    view! {
        <li class="session">
            <h3>{heading}</h3>
            {group.map(|group| view! { <p class="session-group-line">{group}</p> })}
            <dl class="facts">
                <dt>"Topics"</dt><dd>{session.topics.join(", ")}</dd>
                {session.discussed.clone().map(|text| view! { <dt>"Discussed"</dt><dd>{text}</dd> })}
                {session.student_words.clone().map(|text| view! { <dt>"In their words"</dt><dd class="student-words">{text}</dd> })}
                {session.next_on.clone().map(|day| view! { <dt>"Next session"</dt><dd>{day_words(&day)}</dd> })}
            </dl>
            <ul class="session-actions" aria-label="Actions">{actions_view}</ul>
            {save_line(saving.signal())}
        </li>
    }
}

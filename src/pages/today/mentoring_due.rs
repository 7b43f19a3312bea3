//! On Today, for the signed-in member of staff: the mentoring sessions due (their latest
//! session with a student named a next session on or before today) and the open actions
//! agreed in their sessions or given to them, soonest due first, each with "Done".

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::components::A;
use mentor_core::records::{self, MentoringAction, MentoringSession};
use mentor_core::{EntityId, EntityKind};

use crate::client::mentoring::complete_action;
use crate::client::{AppClient, SaveAction};
use crate::components::save_line;
use crate::pages::{StudentDetails, day_words, today};
use crate::state::SyncStatus;
use crate::storage::LocalStore;

/// A session due with a student.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SessionDue {
    student: EntityId,
    name: String,
    next_on: String,
}

/// An open action: its student, what, whose, when due.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ActionDue {
    id: EntityId,
    student: EntityId,
    line: String,
    due_on: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct MentoringDue {
    sessions: Vec<SessionDue>,
    actions: Vec<ActionDue>,
}

/// What is due for `me` by `today`, from the device's records.
async fn mentoring_due(store: &impl LocalStore, me: EntityId, today: &str) -> MentoringDue {
    let kinds = [
        EntityKind::MentoringSession,
        EntityKind::MentoringAction,
        EntityKind::Student,
        EntityKind::Staff,
    ];
    let Ok(mut views) = store.views(&kinds).await else {
        return MentoringDue::default();
    };
    let mut view = |kind| views.remove(&kind).unwrap_or_default();
    let (sessions, actions, students, staff) = (
        view(EntityKind::MentoringSession),
        view(EntityKind::MentoringAction),
        view(EntityKind::Student),
        view(EntityKind::Staff),
    );
    let name = |student: EntityId| {
        students
            .iter()
            .find(|record| record.id == student)
            .and_then(StudentDetails::from_record)
            .map(|details| details.shown_name())
    };
    let sessions: Vec<(EntityId, MentoringSession)> = records::live(&sessions).collect();
    // My latest session with each student.
    let mut latest: BTreeMap<EntityId, &MentoringSession> = BTreeMap::new();
    for (_, session) in sessions.iter().filter(|(_, s)| s.held_by == me) {
        let entry = latest.entry(session.student_id).or_insert(session);
        if session.held_on > entry.held_on {
            *entry = session;
        }
    }
    let mut due: Vec<SessionDue> = latest
        .into_values()
        .filter_map(|session| {
            let next_on = session.next_on.clone()?;
            (next_on.as_str() <= today).then_some(())?;
            Some(SessionDue {
                student: session.student_id,
                name: name(session.student_id)?,
                next_on,
            })
        })
        .collect();
    due.sort_by(|a, b| (&a.next_on, &a.name).cmp(&(&b.next_on, &b.name)));

    let mine: Vec<EntityId> = sessions
        .iter()
        .filter(|(_, session)| session.held_by == me)
        .map(|(id, _)| *id)
        .collect();
    let names: BTreeMap<EntityId, String> = records::live(&staff)
        .map(|(id, staff): (EntityId, records::Staff)| (id, staff.display_name))
        .collect();
    let mut open: Vec<ActionDue> = records::live(&actions)
        .filter(|(_, action): &(EntityId, MentoringAction)| {
            action.done_on.is_none() && (action.owner_id == me || mine.contains(&action.session_id))
        })
        .filter_map(|(id, action)| {
            let student = name(action.student_id)?;
            let owner = if action.owner_id == action.student_id {
                student.clone()
            } else if action.owner_id == me {
                "you".to_owned()
            } else {
                names.get(&action.owner_id).cloned().unwrap_or_default()
            };
            Some(ActionDue {
                id,
                student: action.student_id,
                line: format!("{student}: {} ({owner})", action.text),
                due_on: action.due_on,
            })
        })
        .collect();
    open.sort_by(|a, b| (&a.due_on, &a.line).cmp(&(&b.due_on, &b.line)));
    MentoringDue {
        sessions: due,
        actions: open,
    }
}

#[component]
pub fn MentoringToday() -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let client = AppClient::expect();
    let read = LocalResource::new(move || {
        status.revision();
        let store = client.store();
        let me = status.signed_in().map(|(me, _)| me);
        async move {
            match (store, me) {
                (Some(store), Some(me)) => mentoring_due(&*store, me, &today()).await,
                _ => MentoringDue::default(),
            }
        }
    });
    let due = RwSignal::new(MentoringDue::default());
    Effect::new(move |_| {
        if let Some(read) = read.get() {
            due.set(read);
        }
    });
    let saving = SaveAction::new();
    let anything = move || due.with(|due| !due.sessions.is_empty() || !due.actions.is_empty());
    view! {
        <Show when=anything>
            <section class="card" aria-labelledby="mentoring-today-heading">
                <h2 id="mentoring-today-heading">"Mentoring"</h2>
                <Show when=move || due.with(|due| !due.sessions.is_empty())>
                    <h3>"Sessions due"</h3>
                    <ul class="follow-up-list" aria-label="Sessions due">
                        {move || due.get().sessions.into_iter().map(|due| view! {
                            <li>
                                <A href=format!("/students/{}", due.student)>
                                    {format!("{} (due {})", due.name, day_words(&due.next_on))}
                                </A>
                            </li>
                        }).collect_view()}
                    </ul>
                </Show>
                <Show when=move || due.with(|due| !due.actions.is_empty())>
                    <h3>"Actions"</h3>
                    <ul class="follow-up-list" aria-label="Mentoring actions">
                        {move || due.get().actions.into_iter().map(|action| {
                            let id = action.id;
                            view! {
                                <li>
                                    <span>{format!("{} · due {}", action.line, day_words(&action.due_on))}</span>
                                    <A href=format!("/students/{}", action.student)>"Profile"</A>
                                    <button type="button" class="button secondary"
                                        aria-label=format!("Done: {}", action.line)
                                        on:click=move |_| saving.save(complete_action(id, &today()), || {})>
                                        "Done"
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </Show>
                {save_line(saving.signal())}
            </section>
        </Show>
    }
}

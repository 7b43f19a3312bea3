//! The `/lessons` page: start a lesson from one of your groups, and the lessons on this
//! device (yours, and for a teacher the lessons supported in their groups), newest first.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use mentor_core::EntityId;

use super::lesson_data::{LessonsOverview, load_overview};
use crate::client::lessons::{LessonStart, start_lesson};
use crate::client::{AppClient, LessonPreferences, SaveAction, SaveState};
use crate::components::{TextField, save_line};
use crate::pages::day_and_time;
use crate::state::SyncStatus;
use crate::storage::platform;

/// The lessons page.
#[component]
pub fn LessonsPage() -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let client = AppClient::expect();
    let me = Memo::new(move |_| status.signed_in());
    let overview = LocalResource::new(move || {
        status.revision();
        let store = client.store();
        let me = me.get();
        async move {
            let every = me.is_some_and(|(_, role)| role.sees_every_student());
            match store {
                Some(store) => load_overview(&*store, me.map(|(id, _)| id), every).await,
                None => Ok(LessonsOverview::default()),
            }
        }
    });
    let current = RwSignal::new(LessonsOverview::default());
    Effect::new(move |_| {
        if let Some(Ok(read)) = overview.get() {
            current.set(read);
        }
    });
    view! {
        <div class="page lessons-page">
            <h1>"Lessons"</h1>
            <StartLesson current me/>
            <section class="card" aria-labelledby="lessons-list-heading">
                <h2 id="lessons-list-heading">"Lessons on this device"</h2>
                {move || {
                    let lessons = current.with(|overview| overview.lessons.clone());
                    if lessons.is_empty() {
                        return view! { <p>"No lessons yet."</p> }.into_any();
                    }
                    view! {
                        <ul class="lesson-list">
                            {lessons
                                .into_iter()
                                .map(|line| {
                                    let subject = line.lesson.subject.clone().unwrap_or_default();
                                    let notes = match line.notes {
                                        1 => "1 note".to_owned(),
                                        n => format!("{n} notes"),
                                    };
                                    let state = if line.lesson.ended_at.is_some() { "" } else { " · in progress" };
                                    view! {
                                        <li>
                                            <A href=format!("/lessons/{}", line.id) attr:class="lesson-link">
                                                <span class="lesson-group">{line.group.clone()}</span>
                                                <span class="lesson-meta">
                                                    {format!(
                                                        "{} · {subject} · {notes} · {}{state}",
                                                        day_and_time(line.lesson.started_at),
                                                        line.author,
                                                    )}
                                                </span>
                                            </A>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
            </section>
        </div>
    }
}

/// The form that starts a lesson: the group (the last one used is chosen), then optional
/// subject (the group's, to start with), room and period.
#[component]
fn StartLesson(
    current: RwSignal<LessonsOverview>,
    me: Memo<Option<(EntityId, mentor_core::Role)>>,
) -> impl IntoView {
    let preferences = LessonPreferences::load();
    let group = RwSignal::new(preferences.last_group.unwrap_or_default());
    let subject = RwSignal::new(String::new());
    let room = RwSignal::new(String::new());
    let period = RwSignal::new(String::new());
    let saving = SaveAction::new();
    let navigate = use_navigate();
    // The group's subject, once the groups are read, unless one was typed.
    let subject_of = move |id: &str| {
        current.with(|overview| {
            overview
                .groups
                .iter()
                .find(|choice| choice.id.to_string() == id)
                .map(|choice| choice.subject.clone())
        })
    };
    Effect::new(move |_| {
        let chosen = group.get();
        if let Some(found) = subject_of(&chosen) {
            subject.set(found);
        } else if let Some(first) = current.with(|overview| overview.groups.first().cloned())
            && chosen.is_empty()
        {
            group.set(first.id.to_string());
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some((author, _)) = me.get_untracked() else {
            saving.set(SaveState::Failed("Sign in again to start a lesson.".into()));
            return;
        };
        let Some(id) = saving.new_id() else { return };
        let start = LessonStart {
            group: group.get_untracked().parse().ok(),
            subject: subject.get_untracked(),
            room: room.get_untracked(),
            period: period.get_untracked(),
        };
        match start_lesson(id, &start, author, platform::now_ms()) {
            Ok(edit) => {
                LessonPreferences {
                    last_group: Some(group.get_untracked()),
                    ..LessonPreferences::load()
                }
                .store();
                let navigate = navigate.clone();
                saving.save(edit, move || {
                    navigate(&format!("/lessons/{id}"), Default::default())
                });
            }
            Err(problem) => saving.set(SaveState::Failed(problem)),
        }
    };
    let touched = move || saving.touch();
    view! {
        <form class="card start-lesson" aria-labelledby="start-lesson-heading" on:submit=on_submit novalidate>
            <h2 id="start-lesson-heading">"Start a lesson"</h2>
            <div class="field">
                <label for="lesson-group">"Group"</label>
                <select
                    id="lesson-group"
                    prop:value=move || group.get()
                    on:change=move |ev| group.set(event_target_value(&ev))
                >
                    {move || {
                        current
                            .with(|overview| overview.groups.clone())
                            .into_iter()
                            .map(|choice| {
                                view! { <option value=choice.id.to_string()>{choice.name}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            <TextField label="Subject (optional)" id="lesson-subject" value=subject on_touch=touched/>
            <TextField label="Room (optional)" id="lesson-room" value=room on_touch=touched/>
            <TextField label="Period (optional)" id="lesson-period" value=period on_touch=touched/>
            <button class="button" type="submit" disabled=move || saving.is_saving()>
                "Start lesson"
            </button>
            {save_line(saving.signal())}
        </form>
    }
}

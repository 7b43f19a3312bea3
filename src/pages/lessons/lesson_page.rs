//! The `/lessons/:id` page: lesson mode for its supporter while the lesson runs, and its
//! summary once ended (or for anyone else who may read it: the group's teacher).

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use mentor_core::EntityId;

use super::lesson_data::{LessonData, load_lesson};
use super::lesson_mode::LessonMode;
use super::lesson_summary::LessonSummary;
use crate::client::AppClient;
use crate::pages::clock_time;
use crate::state::SyncStatus;

const NOT_ON_DEVICE: &str = "This lesson is not on this device. Lessons reach the staff of \
     their group and the students' mentors when their devices sync.";

/// The lesson page.
#[component]
pub fn LessonPage() -> impl IntoView {
    let params = use_params_map();
    let lesson_id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<EntityId>().ok())
    });
    view! {
        <div class="page lesson-page">
            <A href="/lessons" attr:class="back-link">"Back to lessons"</A>
            {move || match lesson_id.get() {
                Some(id) => view! { <Lesson id/> }.into_any(),
                None => view! { <h1>"Lesson"</h1><p>{NOT_ON_DEVICE}</p> }.into_any(),
            }}
        </div>
    }
}

/// Which screen a lesson shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Screen {
    Reading,
    Missing,
    /// Running, and this device's user supports it.
    Running,
    Summary,
}

#[component]
fn Lesson(id: EntityId) -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let client = AppClient::expect();
    let me = Memo::new(move |_| status.signed_in());
    // Set once the screen is known. Lesson mode reads the store once and then shows its own
    // saves itself: reading every note again after each sync cost seconds per note with
    // 50,000 on the device (`cargo xtask bench capture`). Another supporter's notes in the
    // same lesson show when it is opened again, and in the summary.
    let running = RwSignal::new(false);
    let read = LocalResource::new(move || {
        if !running.get() {
            status.revision();
        }
        let store = client.store();
        let me = me.get().map(|(id, _)| id);
        async move {
            match store {
                Some(store) => load_lesson(&*store, id, me).await.map(Some),
                None => Ok(None),
            }
        }
    });
    let data = RwSignal::new(LessonData::default());
    let loaded = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(Ok(Some(lesson))) = read.get() {
            data.set(lesson);
            loaded.set(true);
        }
    });
    let screen = Memo::new(move |_| {
        if !loaded.get() {
            return Screen::Reading;
        }
        data.with(|data| match &data.lesson {
            None => Screen::Missing,
            Some(lesson)
                if lesson.ended_at.is_none()
                    && me.get().map(|(id, _)| id) == Some(lesson.author_id) =>
            {
                Screen::Running
            }
            Some(_) => Screen::Summary,
        })
    });
    Effect::new(move |_| running.set(screen.get() == Screen::Running));
    let heading = move || {
        data.with(|data| {
            let Some(lesson) = &data.lesson else {
                return "Lesson".to_owned();
            };
            match &lesson.subject {
                Some(subject) => format!("{} · {subject}", data.group),
                None => data.group.clone(),
            }
        })
    };
    let when = move || {
        data.with(|data| {
            data.lesson.as_ref().map(|lesson| {
                let place = [lesson.room.as_deref(), lesson.period.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" · ");
                let ended = lesson
                    .ended_at
                    .map(|end| format!(" to {}", clock_time(end)))
                    .unwrap_or_default();
                let started = format!("{}{ended}", clock_time(lesson.started_at));
                if place.is_empty() {
                    started
                } else {
                    format!("{started} · {place}")
                }
            })
        })
    };
    let load_error = move || match read.get() {
        Some(Err(error)) => Some(error),
        _ => None,
    };
    view! {
        <h1>{heading}</h1>
        <p class="lesson-when">{when}</p>
        {move || load_error().map(|error| view! { <p role="alert">{error}</p> })}
        {move || match screen.get() {
            Screen::Reading => ().into_any(),
            Screen::Missing => view! { <p>{NOT_ON_DEVICE}</p> }.into_any(),
            Screen::Running => {
                let Some((me_id, _)) = me.get_untracked() else { return ().into_any() };
                let name = status.state_untracked().staff.map(|staff| staff.display_name).unwrap_or_default();
                view! { <LessonMode lesson_id=id data me=me_id me_name=name/> }.into_any()
            }
            Screen::Summary => view! { <LessonSummary data me=Signal::derive(move || me.get().map(|(id, _)| id))/> }.into_any(),
        }}
    }
}

use leptos::prelude::*;
use leptos_router::components::{A, Outlet};
use leptos_router::hooks::use_params_map;
use mentor_core::entity::EntityKind;

use super::student_details::{StudentDetails, students_for_list};
use crate::state::SyncStatus;
use crate::storage::LocalStore;
use crate::sync::SyncScheduler;

/// Every student this device holds, as large rows a thumb can hit, beside the chosen student
/// (the route's outlet). A phone shows one pane at a time; a tablet shows both.
#[component]
pub fn StudentsPage() -> impl IntoView {
    let params = use_params_map();
    let chosen = move || params.read().get("id").is_some();
    let status = expect_context::<SyncStatus>();
    let scheduler = expect_context::<SyncScheduler>();
    let signed_in = move || status.get().staff.is_some();
    // Reading the revision reads the records again after every edit or sync.
    let students = LocalResource::new(move || {
        status.revision();
        let store = scheduler.store();
        async move {
            match store {
                Some(store) => store
                    .view(EntityKind::Student)
                    .await
                    .map(|records| students_for_list(&records))
                    .map_err(|error| error.to_string()),
                None => Ok(Vec::new()),
            }
        }
    });

    view! {
        <div class="students-layout" class:has-student=chosen>
        <div class="page students-page">
            <h1>"Students"</h1>
            <Show
                when=signed_in
                fallback=|| {
                    view! {
                        <p>"Sign in to see your students. " <A href="/sign-in">"Sign in"</A></p>
                    }
                }
            >
                {move || {
                    students
                        .get()
                        .map(|answer| match answer {
                            Ok(list) if list.is_empty() => {
                                view! {
                                    <p class="empty">
                                        "No students on this device yet. They arrive with the next sync."
                                    </p>
                                }
                                    .into_any()
                            }
                            Ok(list) => student_list(list).into_any(),
                            Err(error) => view! { <p role="alert">{error}</p> }.into_any(),
                        })
                }}
            </Show>
        </div>
        <div class="student-pane">
            <Outlet/>
        </div>
        </div>
    }
}

/// The second pane on a tablet before a student is chosen.
#[component]
pub fn NoStudentChosen() -> impl IntoView {
    view! {
        <div class="page no-student-chosen">
            <p>"Choose a student to see their Learning Passport."</p>
        </div>
    }
}

fn student_list(students: Vec<StudentDetails>) -> impl IntoView {
    let count = match students.len() {
        1 => "1 student".to_owned(),
        n => format!("{n} students"),
    };
    view! {
        <p class="list-count">{count}</p>
        <ul class="row-list" aria-label="Students">
            {students
                .into_iter()
                .map(|student| {
                    view! {
                        <li>
                            <A href=format!("/students/{}", student.id)>
                                <span class="row-title">{student.shown_name()}</span>
                                " "
                                <span class="row-detail">{student.year_and_form()}</span>
                            </A>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

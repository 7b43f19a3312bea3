use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_location, use_navigate, use_params_map, use_query_map};
use mentor_core::entity::EntityKind;
use mentor_core::ids::EntityId;

use super::list_view::{FilterChoices, FilterPanel, Row, SearchBox, StudentRows, change_query};
use super::search::{ListQuery, PAGE_SIZE, Roster, Search};
use crate::client::AppClient;
use crate::state::SyncStatus;
use crate::storage::{IndexedDbStore, LocalStore};

/// Every student this device holds, searchable and filterable with no signal, as large rows a
/// thumb can hit, beside the chosen student (the route's outlet). A phone shows one pane at a
/// time; a tablet shows both.
///
/// The search text and filters live in this component (it stays mounted while the outlet
/// changes student) and are mirrored into the URL query, so they survive going to a student
/// and back, the "Back to students" link, and a reload.
#[component]
pub fn StudentsPage() -> impl IntoView {
    let params = use_params_map();
    let chosen_id = Memo::new(move |_| params.read().get("id"));
    let chosen = move || chosen_id.read().is_some();
    let status = expect_context::<SyncStatus>();
    let client = AppClient::expect();
    // Who is looking: their staff id (for "My caseload") and whether they see every student.
    let viewer = Memo::new(move |_| {
        status.get().staff.map_or((None, false), |staff| {
            (
                staff.id.parse::<EntityId>().ok(),
                staff.role.sees_every_student(),
            )
        })
    });
    // Reading the revision reads the records again after every edit or sync.
    let roster = LocalResource::new(move || {
        status.revision();
        load_roster(client.store())
    });
    let loaded = Memo::new(move |_| roster.get().and_then(Result::ok));
    // What the page shows, through a memo so a new roster with students in it (every sync)
    // does not rebuild the search box.
    let state = Memo::new(move |_| RosterState::of(roster.get()));

    let query = RwSignal::new(
        use_query_map().with_untracked(|params| ListQuery::from_params(|key| params.get(key))),
    );
    keep_query_in_url(query);
    let limit = RwSignal::new(PAGE_SIZE);

    let choices = Memo::new(move |_| {
        let (me, sees_everyone) = viewer.get();
        loaded
            .read()
            .as_ref()
            .map_or_else(FilterChoices::default, |roster| FilterChoices {
                years: roster.years().to_vec(),
                groups: roster.groups().to_vec(),
                caseloads: roster.caseload_choices(me, sees_everyone),
            })
    });
    let applied = Memo::new(move |_| {
        let (me, sees_everyone) = viewer.get();
        let filters = query.read().filters;
        loaded
            .read()
            .as_ref()
            .map_or(filters, |roster| roster.usable(filters, me, sees_everyone))
    });
    // The positions of the matching students in the roster, and how many there are in all.
    let found = Memo::new(move |_| {
        let Some(roster) = loaded.get() else {
            return (Vec::new(), 0);
        };
        let search = Search::new(&query.read().text);
        let found = roster.find(&search, &applied.read(), viewer.get().0);
        (found, roster.len())
    });
    let rows = Memo::new(move |_| {
        let Some(roster) = loaded.get() else {
            return Vec::new();
        };
        found
            .read()
            .0
            .iter()
            .take(limit.get())
            .filter_map(|&index| roster.entries().get(index as usize))
            .map(|entry| Row::new(&entry.student))
            .collect::<Vec<_>>()
    });
    let narrowed =
        move || !Search::new(&query.read().text).is_empty() || applied.read().active_count() > 0;
    let count = move || {
        let (ref found, total) = *found.read();
        let students = if total == 1 { "student" } else { "students" };
        if narrowed() {
            format!("{} of {total} {students}", found.len())
        } else {
            format!("{total} {students}")
        }
    };
    let hidden = move || found.read().0.len().saturating_sub(limit.get());
    let clear = move |_| change_query(query, limit, |query| *query = ListQuery::default());

    let list = move || {
        view! {
            <SearchBox query limit/>
            <FilterPanel query limit choices applied/>
            <p class="list-count" role="status">{count}</p>
            <Show when=move || { found.read().0.is_empty() }>
                <div class="empty student-list-empty">
                    <p>"No students match your search and filters."</p>
                    <button type="button" class="button secondary" on:click=clear>
                        "Clear search and filters"
                    </button>
                </div>
            </Show>
            <StudentRows rows chosen=chosen_id/>
            <Show when=move || { hidden() > 0 }>
                <div class="show-more">
                    <p>{move || format!("Showing the first {} matches.", limit.get())}</p>
                    <button
                        type="button"
                        class="button secondary"
                        on:click=move |_| limit.update(|limit| *limit += PAGE_SIZE)
                    >
                        {move || format!("Show {} more", hidden().min(PAGE_SIZE))}
                    </button>
                </div>
            </Show>
        }
    };

    view! {
        <div class="students-layout" class:has-student=chosen>
            <div class="page students-page">
                <h1>"Students"</h1>
                // Each branch is built once per change of state, never per keystroke, so
                    // the search box keeps its focus while the list changes under it.
                    {move || match state.get() {
                        RosterState::Loading => ().into_any(),
                        RosterState::Failed(error) => {
                            view! { <p role="alert">{error}</p> }.into_any()
                        }
                        RosterState::Empty => {
                            view! {
                                <p class="empty">
                                    "No students on this device yet. They arrive with the next sync."
                                </p>
                            }
                                .into_any()
                        }
                        RosterState::Ready => list().into_any(),
                    }}
            </div>
            // The app shows routes only to an unlocked device (see `LockGate`): signed out,
            // a profile's address shows the sign-in page and nothing about the student.
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

#[derive(Debug, Clone, PartialEq)]
enum RosterState {
    Loading,
    Failed(String),
    Empty,
    Ready,
}

impl RosterState {
    fn of(roster: Option<Result<Arc<Roster>, String>>) -> Self {
        match roster {
            None => RosterState::Loading,
            Some(Err(error)) => RosterState::Failed(error),
            Some(Ok(roster)) if roster.is_empty() => RosterState::Empty,
            Some(Ok(_)) => RosterState::Ready,
        }
    }
}

/// Reads the students and what filters them (groups, memberships, caseloads, staff names) from
/// the device, and builds the roster once for every keystroke that follows.
async fn load_roster(store: Option<Rc<IndexedDbStore>>) -> Result<Arc<Roster>, String> {
    let Some(store) = store else {
        return Ok(Arc::default());
    };
    let mut views = store
        .views(&[
            EntityKind::Student,
            EntityKind::TeachingGroup,
            EntityKind::GroupMembership,
            EntityKind::CaseloadAssignment,
            EntityKind::Staff,
        ])
        .await
        .map_err(|error| error.to_string())?;
    let mut view = |kind| views.remove(&kind).unwrap_or_default();
    let students = view(EntityKind::Student);
    let groups = view(EntityKind::TeachingGroup);
    let memberships = view(EntityKind::GroupMembership);
    let assignments = view(EntityKind::CaseloadAssignment);
    let staff = view(EntityKind::Staff);
    Ok(Arc::new(Roster::from_records(
        &students,
        &groups,
        &memberships,
        &assignments,
        &staff,
    )))
}

/// Keeps the URL query equal to `query` while a students page is shown: typing and filtering
/// replace the history entry (no entry per keystroke), and a link that drops the query
/// ("Back to students", a student's row) gets it back.
fn keep_query_in_url(query: RwSignal<ListQuery>) {
    let location = use_location();
    let navigate = use_navigate();
    Effect::new(move |_| {
        let wanted = query.get();
        let path = location.pathname.get();
        // The effect may run once more as the app leaves the students pages.
        if !(path == "/students" || path.starts_with("/students/")) {
            return;
        }
        let in_url = location
            .query
            .with(|params| ListQuery::from_params(|key| params.get(key)));
        if in_url != wanted {
            navigate(
                &format!("{path}{}", wanted.to_query_string()),
                NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..NavigateOptions::default()
                },
            );
        }
    });
}

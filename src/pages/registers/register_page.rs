//! The `/registers/:id` page: the counts at the top, "Mark all present", each student as a
//! row to tap for an exception, "Complete register" and "Re-open register"; once complete,
//! "Print" and "Download CSV". A save changes the rows as soon as IndexedDB commits; the read
//! after the save's revision bump brings the same marks.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use mentor_core::records::RegisterMark;
use mentor_core::{Edit, EntityId};

use super::mark_sheet::MarkSheet;
use super::register_csv::{file_name, register_csv};
use super::register_data::{MarkRow, RegisterData, load_register};
use super::session_note::SessionNote;
use super::{date_words, mark_phrase};
use crate::client::registers::{
    MarkDraft, MarkPlace, complete_register, mark_all_present, mark_as_saved, mark_student,
    reopen_register,
};
use crate::client::{AppClient, LocalAction, download_text, print_page};
use crate::pages::clock_time;
use crate::state::SyncStatus;
use crate::storage::platform;

const NOT_ON_DEVICE: &str = "This register is not on this device. Registers reach the staff \
     of their group when their devices sync.";

/// The register page.
#[component]
pub fn RegisterPage() -> impl IntoView {
    let params = use_params_map();
    let register_id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<EntityId>().ok())
    });
    view! {
        <div class="page register-page">
            <A href="/registers" attr:class="back-link">"Back to registers"</A>
            {move || match register_id.get() {
                Some(id) => view! { <Register id/> }.into_any(),
                None => view! { <h1>"Register"</h1><p>{NOT_ON_DEVICE}</p> }.into_any(),
            }}
        </div>
    }
}

/// Marks to save, and how the rows show them once saved.
struct Marking {
    edits: Vec<Edit>,
    marks: Vec<RegisterMark>,
}

#[component]
fn Register(id: EntityId) -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let client = AppClient::expect();
    let me = Memo::new(move |_| status.signed_in());
    let read = LocalResource::new(move || {
        status.revision();
        let store = client.store();
        async move {
            match store {
                Some(store) => load_register(&*store, id).await.map(Some),
                None => Ok(None),
            }
        }
    });
    let data = RwSignal::new(RegisterData::default());
    let loaded = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let sheet_for = RwSignal::new(None::<MarkRow>);
    Effect::new(move |_| match read.get() {
        Some(Ok(Some(register))) => {
            data.set(register);
            loaded.set(true);
        }
        Some(Err(error)) => problem.set(Some(error)),
        _ => {}
    });
    let me_name = move || {
        status
            .state_untracked()
            .staff
            .map(|staff| staff.display_name)
            .unwrap_or_default()
    };

    let save_marks = LocalAction::new(move |marking: &Marking| {
        let edits = marking.edits.clone();
        let marks = marking.marks.clone();
        async move {
            match client.save_shown(edits).await {
                Ok(()) => {
                    let by = me_name();
                    let _ = data.try_update(|data| data.apply(marks, &by));
                    let _ = problem.try_set(None);
                }
                Err(error) => {
                    let _ = problem.try_set(Some(error));
                }
            }
        }
    });
    let set_complete = LocalAction::new(move |complete: &bool| {
        let complete = *complete;
        async move {
            let Some((me_id, _)) = me.get_untracked() else {
                return;
            };
            let now = platform::now_ms();
            let edit = if complete {
                complete_register(id, me_id, now)
            } else {
                reopen_register(id)
            };
            match client.save(edit).await {
                Ok(_) => {
                    let by = me_name();
                    let _ = data.try_update(|data| {
                        if let Some(register) = &mut data.register {
                            register.completed_at =
                                complete.then(|| i64::try_from(now).unwrap_or(i64::MAX));
                            register.completed_by = complete.then_some(me_id);
                        }
                        data.completed_by = if complete { by } else { String::new() };
                    });
                    let _ = problem.try_set(None);
                }
                Err(error) => {
                    let _ = problem.try_set(Some(error));
                }
            }
        }
    });

    let place = move || {
        let (by, _) = me.get_untracked()?;
        let group =
            data.with_untracked(|data| data.register.as_ref().map(|register| register.group_id))?;
        Some(MarkPlace {
            register: id,
            group,
            by,
            now: platform::now_ms(),
        })
    };
    let all_present = move |_| {
        let Some(place) = place() else { return };
        let unmarked = data.with_untracked(RegisterData::unmarked);
        let edits = mark_all_present(place, &unmarked, &Default::default());
        let present = MarkDraft::plain(crate::client::registers::Mark::Present);
        let marks = unmarked
            .iter()
            .map(|student| mark_as_saved(place, *student, &present))
            .collect();
        save_marks.dispatch(Marking { edits, marks });
    };
    let mark_one = move |row: MarkRow, draft: MarkDraft| {
        let Some(place) = place() else { return };
        match mark_student(place, row.student.id, row.mark.is_some(), &draft) {
            Ok(edit) => {
                sheet_for.set(None);
                let mark = mark_as_saved(place, row.student.id, &draft);
                save_marks.dispatch(Marking {
                    edits: vec![edit],
                    marks: vec![mark],
                });
            }
            Err(error) => problem.set(Some(error)),
        }
    };
    let download = move |_| {
        let (name, text) = data.with_untracked(|data| (file_name(data), register_csv(data)));
        if let Err(error) = download_text(&name, "text/csv;charset=utf-8", &text) {
            problem.set(Some(error));
        }
    };

    let complete = Memo::new(move |_| {
        data.with(|data| {
            data.register
                .as_ref()
                .is_some_and(|register| register.is_complete())
        })
    });
    let heading = move || {
        data.with(|data| match &data.register {
            Some(register) => format!("{} · {}", data.group, register.session),
            None => "Register".to_owned(),
        })
    };
    let when = move || {
        data.with(|data| {
            let register = data.register.as_ref()?;
            let state = match register.completed_at {
                Some(at) => format!("Completed by {} at {}", data.completed_by, clock_time(at)),
                None => "Open".to_owned(),
            };
            Some(format!("{} · {state}", date_words(&register.date)))
        })
    };
    let counts = move || data.with(RegisterData::counts);
    view! {
        <h1>{heading}</h1>
        <p class="register-when">{when}</p>
        <Show when=move || loaded.get() && data.with(|data| data.register.is_none())>
            <p>{NOT_ON_DEVICE}</p>
        </Show>
        <Show when=move || data.with(|data| data.register.is_some())>
            <ul class="register-counts" aria-label="Counts">
                <li><span class="count-number">{move || counts().present}</span>" present"</li>
                <li><span class="count-number">{move || counts().absent}</span>" absent"</li>
                <li><span class="count-number">{move || counts().late}</span>" late"</li>
                <li><span class="count-number">{move || counts().unmarked}</span>" unmarked"</li>
                <Show when=move || counts().excused + counts().left_early != 0>
                    <li class="count-other">
                        {move || format!("{} excused, {} left early", counts().excused, counts().left_early)}
                    </li>
                </Show>
            </ul>
            <div class="register-tools">
                <Show when=move || !complete.get()>
                    <button type="button" class="button" on:click=all_present
                        disabled=move || save_marks.pending().get() || counts().unmarked == 0>
                        "Mark all present"
                    </button>
                    <button type="button" class="button secondary" on:click=move |_| set_complete.dispatch(true)
                        disabled=move || set_complete.pending().get()>
                        "Complete register"
                    </button>
                </Show>
                <Show when=move || complete.get()>
                    <button type="button" class="button secondary" on:click=move |_| set_complete.dispatch(false)
                        disabled=move || set_complete.pending().get()>
                        "Re-open register"
                    </button>
                </Show>
                <button type="button" class="button secondary" on:click=download>"Download CSV"</button>
                <button type="button" class="button secondary" on:click=move |_| print_page()>"Print"</button>
            </div>
            {move || problem.get().map(|problem| view! { <p class="form-error" role="alert">{problem}</p> })}
            <SessionNote id data/>
            <ul class="register-rows" aria-label="Students in this register">
                <For
                    each=move || data.with(|data| data.rows.clone())
                    key=|row| (row.student.id, row.mark.clone(), row.marked_by.clone())
                    let:row
                >
                    <RegisterRow row complete open=Callback::new(move |row| sheet_for.set(Some(row)))/>
                </For>
            </ul>
            <RegisterPrintTable data/>
        </Show>
        {move || sheet_for.get().map(|row| {
            let marked = row.clone();
            view! {
                <MarkSheet
                    row
                    on_mark=Callback::new(move |draft: MarkDraft| mark_one(marked.clone(), draft))
                    on_close=Callback::new(move |()| sheet_for.set(None))
                />
            }
        })}
    }
}

/// One student: a button to mark them while the register is open, plain text once complete.
/// Its name is its text, "Jamie Ingleby: Late, arrived at 09:12", so what is read out is
/// what is shown; the note follows, outside the button.
#[component]
fn RegisterRow(row: MarkRow, complete: Memo<bool>, open: Callback<MarkRow>) -> impl IntoView {
    let name = row.student.shown_name();
    let phrase = mark_phrase(&row);
    let state = row
        .mark
        .as_ref()
        .map_or("unmarked".to_owned(), |mark| mark.mark.clone());
    let note = row.mark.as_ref().and_then(|mark| mark.note.clone());
    let body = move || {
        view! {
            <span class="row-name">{name.clone()}</span>
            ": "
            <span class="row-mark">{phrase.clone()}</span>
        }
    };
    view! {
        <li class=format!("register-row mark-{state}")>
            {move || if complete.get() {
                view! { <div class="row-body">{body()}</div> }.into_any()
            } else {
                let row = row.clone();
                view! {
                    <button type="button" class="row-body" on:click=move |_| open.run(row.clone())>
                        {body()}
                    </button>
                }
                .into_any()
            }}
            {note.map(|note| view! { <p class="row-note">{note}</p> })}
        </li>
    }
}

/// The register as a table, shown only when printing: student, mark, time, who marked it and
/// the note.
#[component]
fn RegisterPrintTable(data: RwSignal<RegisterData>) -> impl IntoView {
    view! {
        <table class="register-print">
            <thead>
                <tr><th>"Student"</th><th>"Mark"</th><th>"Time"</th><th>"Marked by"</th><th>"Note"</th></tr>
            </thead>
            <tbody>
                {move || data.with(|data| {
                    data.rows
                        .iter()
                        .map(|row| {
                            let mark = row.mark.as_ref();
                            view! {
                                <tr>
                                    <td>{row.student.shown_name()}</td>
                                    <td>{mark.map_or("Not marked", |mark| super::mark_words(&mark.mark)).to_owned()}</td>
                                    <td>{mark.and_then(|mark| mark.at_time.clone())}</td>
                                    <td>{row.marked_by.clone()}</td>
                                    <td>{mark.and_then(|mark| mark.note.clone())}</td>
                                </tr>
                            }
                        })
                        .collect_view()
                })}
            </tbody>
        </table>
    }
}

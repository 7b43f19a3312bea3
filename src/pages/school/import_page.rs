//! Importing students from the school's MIS, for an administrator, online.
//!
//! Choose a CSV export; the server previews what it would change (it reads the file, maps its
//! columns and checks every row against the school's students). Columns can be mapped by
//! hand, which previews again. Import stays disabled while any row is bad; the server writes
//! the file whole or not at all, and the new students arrive on devices with the next sync.

use std::collections::BTreeMap;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use super::csv_file::{
    MAX_FILE_BYTES, clear_file_input, data_rows, read_chosen_file, with_separators,
};
use super::school_page::SchoolGate;
use crate::api::{self, ImportPreview, ImportRequest, ImportResult};
use crate::state::Connectivity;
use crate::storage::LocalStore;
use crate::sync::SyncScheduler;

/// The student fields a column can fill, as the server names them, with their labels.
const FIELDS: [(&str, &str); 7] = [
    ("upn", "UPN"),
    ("family_name", "Family name"),
    ("given_name", "Given name"),
    ("preferred_name", "Preferred name"),
    ("year_group", "Year group"),
    ("form_group", "Form group"),
    ("send_status", "SEND status"),
];

fn field_label(field: &str) -> &str {
    FIELDS
        .iter()
        .find(|(name, _)| *name == field)
        .map_or(field, |(_, label)| label)
}

/// Where a file is in its journey, for the progress line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Idle,
    Reading,
    Checking(usize),
    Importing(usize),
}

impl Stage {
    fn busy(self) -> bool {
        self != Stage::Idle
    }
}

/// The signed-in admin's token, or what stops asking the server.
async fn session_token(scheduler: SyncScheduler) -> Result<String, String> {
    let store = scheduler.store().ok_or_else(|| {
        "This device's storage is not open yet. Try again in a moment.".to_owned()
    })?;
    match store.session().await {
        Ok(Some(session)) => Ok(session.token),
        Ok(None) => Err("Sign in to import students.".to_owned()),
        Err(error) => Err(error.to_string()),
    }
}

/// The file as the API wants it, kept between previews.
#[derive(Debug, Clone, Default)]
struct LoadedFile {
    csv: String,
    rows: usize,
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let connectivity = expect_context::<Connectivity>();
    let online = Memo::new(move |_| connectivity.is_online());
    view! {
        <div class="page school-page import-page">
            <A href="/school" attr:class="back-link">"Back to School"</A>
            <h1>"Import students"</h1>
            <SchoolGate admin_only=true>
                <Show
                    when=move || online.get()
                    fallback=|| {
                        view! {
                            <p class="card school-offline" role="status">
                                "Importing needs a connection. Connect this device to the internet, then try again."
                            </p>
                        }
                    }
                >
                    <ImportForm/>
                </Show>
            </SchoolGate>
        </div>
    }
}

/// Choosing a file, its preview and the import.
#[component]
fn ImportForm() -> impl IntoView {
    let scheduler = expect_context::<SyncScheduler>();
    let file = StoredValue::new(None::<LoadedFile>);
    let file_name = RwSignal::new(None::<String>);
    let mapping = RwSignal::new(BTreeMap::<String, Option<String>>::new());
    let preview = RwSignal::new(None::<ImportPreview>);
    let stage = RwSignal::new(Stage::Idle);
    let error = RwSignal::new(None::<String>);
    let imported = RwSignal::new(None::<ImportResult>);
    // A later preview supersedes an earlier one still on its way.
    let generation = StoredValue::new(0_u32);
    let input_ref = NodeRef::<html::Input>::new();

    let request = move || {
        file.with_value(|file| {
            file.as_ref().map(|file| {
                (
                    ImportRequest {
                        csv: file.csv.clone(),
                        mapping: mapping.get_untracked(),
                    },
                    file.rows,
                )
            })
        })
    };

    let run_preview = move || {
        let Some((body, rows)) = request() else {
            return;
        };
        generation.update_value(|n| *n = n.wrapping_add(1));
        let mine = generation.get_value();
        stage.set(Stage::Checking(rows));
        error.set(None);
        spawn_local(async move {
            let answer = match session_token(scheduler).await {
                Ok(token) => api::preview_student_import(&token, &body)
                    .await
                    .map_err(|e| e.to_string()),
                Err(e) => Err(e),
            };
            if generation.try_get_value() != Some(mine) {
                return;
            }
            stage.set(Stage::Idle);
            match answer {
                Ok(answer) => preview.set(Some(answer)),
                Err(e) => {
                    preview.set(None);
                    error.set(Some(e));
                }
            }
        });
    };

    let on_file = move |ev: leptos::ev::Event| {
        generation.update_value(|n| *n = n.wrapping_add(1));
        let mine = generation.get_value();
        file.set_value(None);
        file_name.set(None);
        preview.set(None);
        imported.set(None);
        error.set(None);
        mapping.set(BTreeMap::new());
        stage.set(Stage::Reading);
        spawn_local(async move {
            let chosen = read_chosen_file(&ev).await;
            if generation.try_get_value() != Some(mine) {
                return;
            }
            stage.set(Stage::Idle);
            match chosen {
                Ok(Some(chosen)) if chosen.bytes.len() > MAX_FILE_BYTES => {
                    error.set(Some(format!(
                        "{} is too large to import in one go (the limit is 750 KB). Export the students in smaller batches, for example a year group at a time.",
                        chosen.name
                    )));
                }
                Ok(Some(chosen)) => {
                    file_name.set(Some(chosen.name));
                    file.set_value(Some(LoadedFile {
                        rows: data_rows(&chosen.bytes),
                        csv: STANDARD.encode(&chosen.bytes),
                    }));
                    run_preview();
                }
                Ok(None) => {}
                Err(e) => error.set(Some(e)),
            }
        });
    };

    let remap = move |header: String, field: String| {
        let field = (!field.is_empty()).then_some(field);
        mapping.update(|mapping| {
            mapping.insert(header, field);
        });
        imported.set(None);
        run_preview();
    };

    let blocked_reason = Memo::new(move |_| {
        preview.with(|preview| {
            let preview = preview.as_ref()?;
            if let Some(file_error) = &preview.file_error {
                return Some(format!("Nothing can be imported yet: {file_error}"));
            }
            match preview.bad_rows.len() {
                0 => None,
                1 => Some("Import is not possible while 1 row has problems. Correct it in the MIS or the file, then choose the file again.".to_owned()),
                n => Some(format!("Import is not possible while {n} rows have problems. Correct them in the MIS or the file, then choose the file again.")),
            }
        })
    });
    let can_import = move || {
        preview.with(Option::is_some) && blocked_reason.get().is_none() && !stage.get().busy()
    };

    let commit = move |_| {
        let Some((body, rows)) = request() else {
            return;
        };
        generation.update_value(|n| *n = n.wrapping_add(1));
        let mine = generation.get_value();
        stage.set(Stage::Importing(rows));
        error.set(None);
        spawn_local(async move {
            let answer = match session_token(scheduler).await {
                Ok(token) => api::commit_student_import(&token, &body)
                    .await
                    .map_err(|e| e.to_string()),
                Err(e) => Err(e),
            };
            if generation.try_get_value() != Some(mine) {
                return;
            }
            stage.set(Stage::Idle);
            match answer {
                Ok(result) => {
                    imported.set(Some(result));
                    preview.set(None);
                    file.set_value(None);
                    file_name.set(None);
                    mapping.set(BTreeMap::new());
                    if let Some(input) = input_ref.get_untracked() {
                        clear_file_input(&input.into());
                    }
                    // The new students come to this device (and others) with the next pull.
                    scheduler.sync_now();
                }
                Err(e) => {
                    error.set(Some(e));
                    run_preview();
                }
            }
        });
    };

    view! {
        <p>
            "Choose a CSV export of your students from the MIS (SIMS, Arbor or Bromcom). You will see what it changes before anything is imported."
        </p>
        <div class="field">
            <label for="import-file">"CSV file from the MIS"</label>
            <input
                type="file"
                id="import-file"
                class="import-file"
                accept=".csv,text/csv"
                node_ref=input_ref
                on:change=on_file
                disabled=move || stage.get().busy()
            />
        </div>
        {move || progress_line(stage.get())}
        {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
        {move || {
            imported
                .get()
                .map(|result| {
                    view! {
                        <p class="form-note saved import-done" role="status">
                            {format!(
                                "Imported: {} created, {} updated, {} unchanged. The students reach devices with the next sync.",
                                with_separators(result.created),
                                with_separators(result.updated),
                                with_separators(result.unchanged),
                            )}
                        </p>
                    }
                })
        }}
        {move || {
            preview
                .get()
                .map(|answer| {
                    let name = file_name.get().unwrap_or_default();
                    view! {
                        <section class="card school-section" aria-labelledby="import-columns-heading">
                            <h2 id="import-columns-heading">{format!("Columns in {name}")}</h2>
                            {column_list(answer.clone(), remap, stage)}
                        </section>
                        <section class="card school-section" aria-labelledby="import-preview-heading">
                            <h2 id="import-preview-heading">"What the import will do"</h2>
                            {preview_summary(answer)}
                        </section>
                    }
                })
        }}
        <Show when=move || preview.with(Option::is_some)>
            <div class="import-actions">
                <button
                    class="button"
                    type="button"
                    disabled=move || !can_import()
                    aria-describedby="import-blocked"
                    on:click=commit
                >
                    "Import"
                </button>
                <p class="form-note" id="import-blocked">
                    {move || blocked_reason.get().unwrap_or_default()}
                </p>
            </div>
        </Show>
    }
}

/// "Checking 5,000 rows…" with a progress bar, while a stage runs.
fn progress_line(stage: Stage) -> Option<impl IntoView> {
    let (step, text) = match stage {
        Stage::Idle => return None,
        Stage::Reading => (1, "Reading the file…".to_owned()),
        Stage::Checking(rows) => (2, format!("Checking {} rows…", with_separators(rows))),
        Stage::Importing(rows) => (3, format!("Importing {} rows…", with_separators(rows))),
    };
    Some(view! {
        <div class="import-progress" role="status">
            <progress max="3" value=step aria-label="Import progress"></progress>
            <p>{text}</p>
        </div>
    })
}

/// Each column of the file and the field it fills, with a choice to change it.
fn column_list(
    answer: ImportPreview,
    remap: impl Fn(String, String) + Copy + 'static,
    stage: RwSignal<Stage>,
) -> impl IntoView {
    let rows = answer
        .columns
        .iter()
        .enumerate()
        .map(|(index, column)| {
            let id = format!("import-column-{index}");
            let header = column.header.clone();
            let current = column.field.clone().unwrap_or_default();
            let note = match &column.field {
                Some(field) => format!("Imported as {}", field_label(field)),
                None => "Not imported".to_owned(),
            };
            let options = FIELDS
                .iter()
                .map(|(value, label)| {
                    let selected = *value == current;
                    view! { <option value=*value selected=selected>{*label}</option> }
                })
                .collect_view();
            view! {
                <li class="import-column">
                    <label for=id.clone()>{header.clone()}</label>
                    <select
                        id=id
                        disabled=move || stage.get().busy()
                        on:change=move |ev| remap(header.clone(), event_target_value(&ev))
                    >
                        <option value="" selected=current.is_empty()>"Don't import"</option>
                        {options}
                    </select>
                    <span class="row-detail">{note}</span>
                </li>
            }
        })
        .collect_view();
    let left_out = (!answer.not_imported.is_empty()).then(|| {
        let fields: Vec<&str> = answer.not_imported.iter().map(|f| field_label(f)).collect();
        view! {
            <p class="form-note">
                {format!("Not stored by this server yet, so left out: {}.", fields.join(", "))}
            </p>
        }
    });
    view! {
        <p class="form-note">"Columns are matched by their usual MIS names. Choose a field for any other column you want imported."</p>
        <ul class="import-columns" aria-label="Columns">{rows}</ul>
        {left_out}
    }
}

/// The counts, every bad row, and the first rows that will change.
fn preview_summary(answer: ImportPreview) -> impl IntoView {
    let counts = format!(
        "{} to create, {} to update, {} unchanged",
        with_separators(answer.create),
        with_separators(answer.update),
        with_separators(answer.unchanged)
    );
    let file_error = answer
        .file_error
        .clone()
        .map(|e| view! { <p class="form-error">{e}</p> });
    let bad = (!answer.bad_rows.is_empty()).then(|| {
        let heading = match answer.bad_rows.len() {
            1 => "1 row cannot be imported".to_owned(),
            n => format!("{} rows cannot be imported", with_separators(n)),
        };
        let items = answer
            .bad_rows
            .iter()
            .map(|row| view! { <li>{format!("Line {}: {}", row.line, row.reason)}</li> })
            .collect_view();
        view! {
            <h3 id="import-bad-heading">{heading}</h3>
            <ul class="import-bad-rows" aria-labelledby="import-bad-heading">{items}</ul>
        }
    });
    let changing: Vec<_> = answer
        .rows
        .iter()
        .filter(|row| row.action != "unchanged")
        .collect();
    let changes = (!changing.is_empty()).then(|| {
        let items = changing
            .iter()
            .map(|row| {
                let action = if row.action == "create" {
                    "New"
                } else {
                    "Update"
                };
                let fields: Vec<&str> = row.changes.iter().map(|f| field_label(f)).collect();
                let detail = if row.action == "update" && !fields.is_empty() {
                    format!(" ({})", fields.join(", "))
                } else {
                    String::new()
                };
                view! {
                    <li>{format!("{action}: {} · {}{detail}", row.name, row.upn)}</li>
                }
            })
            .collect_view();
        view! {
            <h3 id="import-rows-heading">"Students that change"</h3>
            <ul class="import-rows" aria-labelledby="import-rows-heading">{items}</ul>
        }
    });
    view! {
        <p class="import-counts">{counts}</p>
        {file_error}
        {bad}
        {changes}
    }
}

//! Importing students from the school's MIS, for an administrator, online.
//!
//! Choose a CSV export; the server previews what it would change (it reads the file, maps its
//! columns and checks every row against the school's students). Columns can be mapped by
//! hand, which previews again. Import stays disabled while any row is bad, unless the admin
//! chooses to import the good rows and have the others listed. The import is sent in parts
//! of 500 rows (`import_commit.rs`), so progress counts rows. The new students arrive on
//! devices with the next sync.

use std::collections::BTreeMap;
use std::sync::Arc;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;

use super::csv_file::{
    MAX_FILE_BYTES, clear_file_input, data_rows, read_chosen_file, with_separators,
};
use super::import_columns::ImportColumns;
use super::import_done::ImportDone;
use super::import_progress::{ImportProgress, Stage};
use super::import_summary::ImportSummary;
use super::import_targets::rows_word;
use super::school_page::SchoolGate;
use crate::api::{ImportPreview, ImportRequest, ImportResult};
use crate::client::{AppClient, LocalAction};
use crate::state::Connectivity;

/// The file as chosen, and as the preview wants it, kept between previews.
#[derive(Debug, Clone, Default)]
struct LoadedFile {
    bytes: Arc<[u8]>,
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
    let client = AppClient::expect();
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

    let preview_file = LocalAction::new(move |(body, mine): &(ImportRequest, u32)| {
        let (body, mine) = (body.clone(), *mine);
        async move {
            let answer = client.preview_import(body).await;
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
        }
    });
    let run_preview = move || {
        let Some((body, rows)) = file.with_value(|file| {
            file.as_ref().map(|file| {
                let body = ImportRequest {
                    csv: file.csv.clone(),
                    mapping: mapping.get_untracked(),
                    ..ImportRequest::default()
                };
                (body, file.rows)
            })
        }) else {
            return;
        };
        generation.update_value(|n| *n = n.wrapping_add(1));
        let mine = generation.get_value();
        stage.set(Stage::Checking(rows));
        error.set(None);
        preview_file.dispatch((body, mine));
    };

    let read_file = LocalAction::new(move |(ev, mine): &(leptos::ev::Event, u32)| {
        let (ev, mine) = (ev.clone(), *mine);
        async move {
            let chosen = read_chosen_file(&ev).await;
            if generation.try_get_value() != Some(mine) {
                return;
            }
            stage.set(Stage::Idle);
            match chosen {
                Ok(Some(chosen)) if chosen.bytes.len() > MAX_FILE_BYTES => {
                    error.set(Some(format!(
                        "{} is too large to import (the limit is 10 MB). Export the students in smaller batches, for example a year group at a time.",
                        chosen.name
                    )));
                }
                Ok(Some(chosen)) => {
                    file_name.set(Some(chosen.name));
                    file.set_value(Some(LoadedFile {
                        rows: data_rows(&chosen.bytes),
                        csv: STANDARD.encode(&chosen.bytes),
                        bytes: chosen.bytes.into(),
                    }));
                    run_preview();
                }
                Ok(None) => {}
                Err(e) => error.set(Some(e)),
            }
        }
    });
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
        read_file.dispatch((ev, mine));
    };

    let remap = Callback::new(move |(header, field): (String, String)| {
        let field = (!field.is_empty()).then_some(field);
        mapping.update(|mapping| {
            mapping.insert(header, field);
        });
        imported.set(None);
        run_preview();
    });

    let blocked_reason = Memo::new(move |_| {
        preview.with(|preview| {
            let preview = preview.as_ref()?;
            if let Some(file_error) = &preview.file_error {
                return Some(format!("Nothing can be imported yet: {file_error}"));
            }
            let good = preview.good_rows();
            let or_skip = if good > 0 {
                " Or import the good rows now and correct the others later."
            } else {
                ""
            };
            match preview.bad_rows.len() {
                0 => None,
                1 => Some(format!("Import is not possible while 1 row has problems. Correct it in the MIS or the file, then choose the file again.{or_skip}")),
                n => Some(format!("Import is not possible while {n} rows have problems. Correct them in the MIS or the file, then choose the file again.{or_skip}")),
            }
        })
    });
    let can_import = move || {
        preview.with(Option::is_some) && blocked_reason.get().is_none() && !stage.get().busy()
    };
    // "Import the 8 good rows and list the 2 others", offered only when some rows are bad,
    // some are good and nothing is wrong with the file as a whole.
    let good_rows_label = Memo::new(move |_| {
        preview.with(|preview| {
            let preview = preview.as_ref()?;
            let (good, bad) = (preview.good_rows(), preview.bad_rows.len());
            (preview.file_error.is_none() && good > 0 && bad > 0).then(|| {
                format!(
                    "Import the {} good {} and list the {} {}",
                    with_separators(good),
                    rows_word(good),
                    with_separators(bad),
                    if bad == 1 { "other" } else { "others" },
                )
            })
        })
    });

    let import = LocalAction::new(
        move |(bytes, planned, skip_bad_rows, mine): &(Arc<[u8]>, ImportPreview, bool, u32)| {
            let (bytes, planned, skip_bad_rows, mine) =
                (Arc::clone(bytes), planned.clone(), *skip_bad_rows, *mine);
            async move {
                let progress = move |done, total| {
                    if generation.try_get_value() == Some(mine) {
                        stage.set(Stage::Importing { done, total });
                    }
                };
                // The client syncs after the import, so the new students come to this
                // device (and others) with the next pull.
                let answer = client.import(bytes, planned, skip_bad_rows, progress).await;
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
                    }
                    Err(e) => {
                        // Previewing again shows what is left to import (rows already
                        // written are now unchanged); it clears the error line, so say why
                        // after it.
                        run_preview();
                        error.set(Some(e));
                    }
                }
            }
        },
    );
    let commit = move |skip_bad_rows: bool| {
        let Some(bytes) = file.with_value(|file| file.as_ref().map(|file| Arc::clone(&file.bytes)))
        else {
            return;
        };
        let Some(planned) = preview.get_untracked() else {
            return;
        };
        generation.update_value(|n| *n = n.wrapping_add(1));
        let mine = generation.get_value();
        stage.set(Stage::Importing {
            done: 0,
            total: planned.good_rows(),
        });
        error.set(None);
        import.dispatch((bytes, planned, skip_bad_rows, mine));
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
        <ImportProgress stage=stage/>
        {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
        {move || imported.get().map(|result| view! { <ImportDone result=result/> })}
        {move || {
            preview
                .get()
                .map(|answer| {
                    let name = file_name.get().unwrap_or_default();
                    view! {
                        <section class="card school-section" aria-labelledby="import-columns-heading">
                            <h2 id="import-columns-heading">{format!("Columns in {name}")}</h2>
                            <ImportColumns
                                answer=answer.clone()
                                on_remap=remap
                                busy=Signal::derive(move || stage.get().busy())
                            />
                        </section>
                        <section class="card school-section" aria-labelledby="import-preview-heading">
                            <h2 id="import-preview-heading">"What the import will do"</h2>
                            <ImportSummary answer=answer/>
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
                    on:click=move |_| commit(false)
                >
                    "Import"
                </button>
                {move || {
                    good_rows_label
                        .get()
                        .map(|label| {
                            view! {
                                <button
                                    class="button secondary"
                                    type="button"
                                    disabled=move || stage.get().busy()
                                    on:click=move |_| commit(true)
                                >
                                    {label}
                                </button>
                            }
                        })
                }}
                <p class="form-note" id="import-blocked">
                    {move || blocked_reason.get().unwrap_or_default()}
                </p>
            </div>
        </Show>
    }
}

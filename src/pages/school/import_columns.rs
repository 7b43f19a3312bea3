//! The columns of the chosen file, what each is imported as (a choice per column, which
//! previews again), and every column left out.

use leptos::prelude::*;
use mentor_core::import_api::ImportPreview;

use super::import_targets::{TARGETS, is_whole_name, target_label};

/// Each column of the file and the field it fills, with a choice to change it.
#[component]
pub fn ImportColumns(
    /// The server's preview of the file.
    answer: ImportPreview,
    /// Called with (header, target) when the admin chooses; an empty target leaves it out.
    on_remap: Callback<(String, String)>,
    /// True while the file is read, checked or imported.
    #[prop(into)]
    busy: Signal<bool>,
) -> impl IntoView {
    let rows = answer
        .columns
        .iter()
        .enumerate()
        .map(|(index, column)| {
            let id = format!("import-column-{index}");
            let header = column.header.clone();
            let current = column.field.clone().unwrap_or_default();
            let left_out = answer.not_imported.contains(&column.header);
            let note = match (&column.field, left_out) {
                (Some(field), true) if is_whole_name(field) => {
                    "Not imported (the separate family and given name columns are used)".to_owned()
                }
                (Some(_), true) => "Not imported (this server does not store it yet)".to_owned(),
                (Some(field), false) if is_whole_name(field) => {
                    "Split into family name and given name".to_owned()
                }
                (Some(field), false) => format!("Imported as {}", target_label(field)),
                (None, _) => "Not imported".to_owned(),
            };
            let options = TARGETS
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
                        disabled=move || busy.get()
                        on:change=move |ev| on_remap.run((header.clone(), event_target_value(&ev)))
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
        view! {
            <p class="form-note import-not-imported">
                {format!("Not imported: {}.", answer.not_imported.join(", "))}
            </p>
        }
    });
    view! {
        <p class="form-note">
            "Columns are matched by their usual SIMS, Arbor and Bromcom names. Choose a field for any other column you want imported. A column of whole names can be read as Surname, Forename or as Forename Surname."
        </p>
        <ul class="import-columns" aria-label="Columns">{rows}</ul>
        {left_out}
    }
}

//! What the import will do: the counts, every bad row, the names whose split is a guess, and
//! the first rows that change, with the family and given names a combined column gives.

use leptos::prelude::*;
use mentor_core::import_api::{ImportAction, ImportPreview, NAME_SURNAME_FIRST, NameGuess};

use super::csv_file::with_separators;
use super::import_targets::{is_whole_name, rows_word, target_label};

/// The counts, every bad row, and the first rows that will change.
#[component]
pub fn ImportSummary(
    /// The server's preview of the file.
    answer: ImportPreview,
) -> impl IntoView {
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
    let split_rule = whole_name_rule(&answer);
    let shows_split = split_rule.is_some();
    let bad = (!answer.bad_rows.is_empty()).then(|| {
        let count = answer.bad_rows.len();
        let heading = format!(
            "{} {} cannot be imported",
            with_separators(count),
            rows_word(count)
        );
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
    let guesses = (!answer.ambiguous_names.is_empty()).then(|| guess_list(&answer.ambiguous_names));
    let changing: Vec<_> = answer
        .rows
        .iter()
        .filter(|row| row.action != ImportAction::Unchanged)
        .collect();
    let changes = (!changing.is_empty()).then(|| {
        let items = changing
            .iter()
            .map(|row| {
                let action = if row.action == ImportAction::Create {
                    "New"
                } else {
                    "Update"
                };
                let mut details: Vec<String> = Vec::new();
                if row.action == ImportAction::Update && !row.changes.is_empty() {
                    let fields: Vec<&str> = row.changes.iter().map(|f| target_label(f)).collect();
                    details.push(fields.join(", "));
                }
                if shows_split {
                    details.push(format!(
                        "family name {}, given name {}",
                        row.family_name, row.given_name
                    ));
                }
                let detail = if details.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", details.join("; "))
                };
                view! { <li>{format!("{action}: {} · {}{detail}", row.name, row.upn)}</li> }
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
        {split_rule.map(|rule| view! { <p class="form-note">{rule}</p> })}
        {bad}
        {guesses}
        {changes}
    }
}

/// How the names of a combined column in use are split, in a sentence.
fn whole_name_rule(answer: &ImportPreview) -> Option<String> {
    let column = answer.columns.iter().find(|column| {
        column.field.as_deref().is_some_and(is_whole_name)
            && !answer.not_imported.contains(&column.header)
    })?;
    let header = &column.header;
    Some(if column.field.as_deref() == Some(NAME_SURNAME_FIRST) {
        format!(
            "Names in \u{201c}{header}\u{201d} are read as Surname, Forename: the family name is everything before the comma."
        )
    } else {
        format!(
            "Names in \u{201c}{header}\u{201d} are read as Forename Surname: the last word is the family name, with any van, von, de, de la, di, le, du, bin or al just before it."
        )
    })
}

/// The "Forename Surname" names the rule had to guess at, for the admin to check.
fn guess_list(guesses: &[NameGuess]) -> impl IntoView + use<> {
    let heading = match guesses.len() {
        1 => "1 name to check".to_owned(),
        n => format!("{} names to check", with_separators(n)),
    };
    let items = guesses
        .iter()
        .map(|guess| {
            view! {
                <li>
                    {format!(
                        "Line {}: \u{201c}{}\u{201d} will be given name {}, family name {}.",
                        guess.line,
                        guess.name,
                        guess.given_name,
                        guess.family_name,
                    )}
                </li>
            }
        })
        .collect_view();
    view! {
        <h3 id="import-guess-heading">{heading}</h3>
        <p class="form-note">
            "If a family name has more than one word, correct it in the MIS or export the surname and forename as separate columns."
        </p>
        <ul class="import-rows" aria-labelledby="import-guess-heading">{items}</ul>
    }
}

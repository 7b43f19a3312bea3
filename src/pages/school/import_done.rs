//! What a committed import wrote, and the rows it left out when the admin chose to import
//! only the good ones, so they can be corrected in the MIS.

use leptos::prelude::*;
use mentor_core::import_api::ImportResult;

use super::csv_file::with_separators;
use super::import_targets::rows_word;

/// "Imported: …" and, after an import of the good rows, every row left out with its reason.
#[component]
pub fn ImportDone(
    /// The server's answer to the commit.
    result: ImportResult,
) -> impl IntoView {
    let skipped = result.skipped.len();
    let left_out = if skipped == 0 {
        String::new()
    } else {
        format!(
            " {} {} not imported; {} listed below.",
            with_separators(skipped),
            if skipped == 1 { "row was" } else { "rows were" },
            if skipped == 1 { "it is" } else { "they are" },
        )
    };
    let summary = format!(
        "Imported: {} created, {} updated, {} unchanged.{left_out} The students reach devices with the next sync.",
        with_separators(result.created),
        with_separators(result.updated),
        with_separators(result.unchanged),
    );
    let list = (skipped > 0).then(|| {
        let items = result
            .skipped
            .iter()
            .map(|row| view! { <li>{format!("Line {}: {}", row.line, row.reason)}</li> })
            .collect_view();
        view! {
            <section class="card school-section" aria-labelledby="import-skipped-heading">
                <h2 id="import-skipped-heading">
                    {format!("{} {} not imported", with_separators(skipped), rows_word(skipped))}
                </h2>
                <p class="form-note">
                    "Correct these in the MIS, export the file again and import it whole: students already imported are matched by UPN and are not created twice."
                </p>
                <ul class="import-bad-rows" aria-labelledby="import-skipped-heading">{items}</ul>
            </section>
        }
    });
    view! {
        <p class="form-note saved import-done" role="status">{summary}</p>
        {list}
    }
}

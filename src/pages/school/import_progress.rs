//! Where a file is in its journey (reading, checking, importing), with a progress bar: by
//! stage until the import starts, then by rows as the server writes them.

use leptos::prelude::*;

use super::csv_file::with_separators;

/// The stage of the chosen file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Idle,
    Reading,
    Checking(usize),
    /// Rows written so far, of the rows to import.
    Importing {
        done: usize,
        total: usize,
    },
}

impl Stage {
    /// True while the file is read, checked or imported: choices wait.
    pub fn busy(self) -> bool {
        self != Stage::Idle
    }
}

/// "Checking 5,000 rows…" or "Imported 3,000 of 10,000 rows…" with a progress bar, while a
/// stage runs.
#[component]
pub fn ImportProgress(
    /// The stage to show; nothing while idle.
    #[prop(into)]
    stage: Signal<Stage>,
) -> impl IntoView {
    let text = move || match stage.get() {
        Stage::Idle => String::new(),
        Stage::Reading => "Reading the file…".to_owned(),
        Stage::Checking(rows) => format!("Checking {} rows…", with_separators(rows)),
        Stage::Importing { done, total } => format!(
            "Imported {} of {} rows…",
            with_separators(done),
            with_separators(total)
        ),
    };
    // Reading and checking are answered whole, so their bar only says "working"; the import
    // fills it by rows. The region stays in place while the stage runs, so each change of
    // its text is announced.
    let rows = move || match stage.get() {
        Stage::Importing { done, total } => Some((done, total.max(1))),
        _ => None,
    };
    view! {
        <Show when=move || stage.get().busy()>
            <div class="import-progress" role="status">
                <progress
                    max=move || rows().map(|(_, total)| total)
                    value=move || rows().map(|(done, _)| done)
                    aria-label="Import progress"
                ></progress>
                <p>{text}</p>
            </div>
        </Show>
    }
}

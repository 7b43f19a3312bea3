//! Where a file is in its journey (reading, checking, importing), with a progress bar.

use leptos::prelude::*;

use super::csv_file::with_separators;

/// The stage of the chosen file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Idle,
    Reading,
    Checking(usize),
    Importing(usize),
}

impl Stage {
    /// True while the file is read, checked or imported: choices wait.
    pub fn busy(self) -> bool {
        self != Stage::Idle
    }
}

/// "Checking 5,000 rows…" with a progress bar, while a stage runs.
#[component]
pub fn ImportProgress(
    /// The stage to show; nothing while idle.
    #[prop(into)]
    stage: Signal<Stage>,
) -> impl IntoView {
    move || {
        let (step, text) = match stage.get() {
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
}

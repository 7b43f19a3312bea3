//! "Edit programme" on a programme's page, for the SENCO and the administrator: its name,
//! lead, planned sessions and start day. Its group and measure stay as set up, so the
//! scores already recorded keep their meaning.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use mentor_core::{EntityId, EntityKind};

use super::intervention_data::ProgrammeView;
use super::programme_fields::ProgrammeFields;
use crate::client::interventions::{ProgrammeForm, programme_changes, programme_form};
use crate::client::{SaveAction, SaveState};
use crate::components::save_line;
use crate::state::SyncStatus;

#[component]
pub fn EditProgramme(
    view_of: Memo<Option<ProgrammeView>>,
    staff: Memo<Vec<(EntityId, String)>>,
) -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let may_edit = Memo::new(move |_| {
        status
            .get()
            .staff
            .is_some_and(|staff| staff.role.may_update(EntityKind::Intervention))
    });
    let editing = RwSignal::new(false);
    let saving = SaveAction::new();
    let form = RwSignal::new(ProgrammeForm::default());
    let open = move |_| {
        if let Some(view) = view_of.get_untracked() {
            form.set(programme_form(&view.programme));
            editing.set(true);
        }
    };
    let save = move |ev: SubmitEvent| {
        ev.prevent_default();
        if saving.is_saving_untracked() {
            return;
        }
        let Some(view) = view_of.get_untracked() else {
            return;
        };
        match form.with_untracked(|form| programme_changes(&view.programme, form)) {
            Ok(changes) => {
                saving.save_changes(EntityKind::Intervention, view.id, changes, editing);
            }
            Err(problem) => saving.set(SaveState::Failed(problem)),
        }
    };
    view! {
        <Show when=move || may_edit.get()>
            <Show
                when=move || editing.get()
                fallback=move || view! {
                    <button type="button" class="button secondary" on:click=open>"Edit programme"</button>
                    {save_line(saving.signal())}
                }
            >
                <form class="card" aria-label="Edit the programme" on:submit=save novalidate>
                    <p class="form-note">"The group and the measure stay as set up, so the scores keep their meaning."</p>
                    <ProgrammeFields form staff=staff.into() prefix="edit-programme"/>
                    <div class="form-actions">
                        <button type="submit" class="button" disabled=move || saving.is_saving()>"Save changes"</button>
                        <button type="button" class="button secondary" on:click=move |_| editing.set(false)>"Cancel"</button>
                    </div>
                    {save_line(saving.signal())}
                </form>
            </Show>
        </Show>
    }
}

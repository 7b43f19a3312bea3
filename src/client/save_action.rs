//! A form's saves as a Leptos action: each save (one edit, or several made together) goes
//! through [`AppClient::save_all`] in one transaction, the
//! action's `pending` is "Saving…", and the outcome is the form's [`SaveState`].

use std::rc::Rc;

use leptos::prelude::*;
use std::collections::BTreeMap;

use mentor_core::{Edit, EntityId, EntityKind};
use serde_json::Value;

use super::app_client::AppClient;
use super::local_action::LocalAction;
use super::save_state::SaveState;

/// The edits to save together, what to say once they are saved, and what the form does
/// then.
struct SaveRequest {
    edits: Vec<Edit>,
    saved: Option<String>,
    then: Rc<dyn Fn()>,
}

/// The saves of one form. Cheap to copy.
#[derive(Clone, Copy)]
pub struct SaveAction {
    action: LocalAction<SaveRequest, ()>,
    /// The last outcome, or what the form said itself (a field to fill in, nothing changed).
    outcome: RwSignal<SaveState>,
}

impl std::fmt::Debug for SaveRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SaveRequest")
            .field("edits", &self.edits)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for SaveAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SaveAction")
            .field("outcome", &self.outcome)
            .finish_non_exhaustive()
    }
}

impl SaveAction {
    /// A form's saves, through the app's client.
    pub fn new() -> Self {
        let client = AppClient::expect();
        let outcome = RwSignal::new(SaveState::Idle);
        let action = LocalAction::new(move |request: &SaveRequest| {
            let edits = request.edits.clone();
            let saved = request.saved.clone();
            let then = Rc::clone(&request.then);
            async move {
                // The form may be gone by the time the device answers.
                match client.save_all(edits).await {
                    Ok(_) => {
                        let _ = outcome.try_set(SaveState::Saved(saved));
                        then();
                    }
                    Err(error) => {
                        let _ = outcome.try_set(SaveState::Failed(error));
                    }
                }
            }
        });
        Self { action, outcome }
    }

    /// Saves `edit`; the line then says "Saved on this device" and the form runs `then`.
    pub fn save(&self, edit: Edit, then: impl Fn() + 'static) {
        self.dispatch(edit, None, then);
    }

    /// Saves `edit`; the line then says `saved` ("Added … Saved on this device.").
    pub fn save_saying(&self, edit: Edit, saved: String) {
        self.dispatch(edit, Some(saved), || {});
    }

    /// Saves `edits` together: all of them, or (with the error on the line) none.
    pub fn save_together(&self, edits: Vec<Edit>, then: impl Fn() + 'static) {
        self.action.dispatch(SaveRequest {
            edits,
            saved: None,
            then: Rc::new(then),
        });
    }

    fn dispatch(&self, edit: Edit, saved: Option<String>, then: impl Fn() + 'static) {
        self.action.dispatch(SaveRequest {
            edits: vec![edit],
            saved,
            then: Rc::new(then),
        });
    }

    /// A new record's id, or `None` once the form's line says why there is none (only if the
    /// device's clock is far in the future).
    pub fn new_id(&self) -> Option<EntityId> {
        super::edit::new_id()
            .map_err(|error| self.set(SaveState::Failed(error)))
            .ok()
    }

    /// Saves what an edit form changed in record `id` of `kind` and closes the form once it is
    /// saved; with no changes, closes it at once and says nothing changed.
    pub fn save_changes(
        &self,
        kind: EntityKind,
        id: EntityId,
        changes: BTreeMap<String, Value>,
        editing: RwSignal<bool>,
    ) {
        if changes.is_empty() {
            editing.set(false);
            self.set(SaveState::NothingChanged);
            return;
        }
        self.save(Edit::update(kind, id, changes), move || {
            let _ = editing.try_set(false);
        });
    }

    /// Removes record `id` of `kind` and closes its edit form once that is saved.
    pub fn remove(&self, kind: EntityKind, id: EntityId, editing: RwSignal<bool>) {
        self.save(Edit::delete(kind, id), move || {
            let _ = editing.try_set(false);
        });
    }

    /// What the form's line says (tracked): "Saving…" while the action is pending.
    pub fn state(&self) -> SaveState {
        if self.action.pending().get() {
            SaveState::Saving
        } else {
            self.outcome.get()
        }
    }

    /// True while an edit is being written (tracked).
    pub fn is_saving(&self) -> bool {
        self.action.pending().get()
    }

    /// True while an edit is being written (not tracked, for event handlers).
    pub fn is_saving_untracked(&self) -> bool {
        self.action.pending().get_untracked()
    }

    /// The form was changed: its line goes back to saying nothing, unless a save is under way.
    pub fn touch(&self) {
        if !self.is_saving_untracked() {
            self.set(SaveState::Idle);
        }
    }

    /// What the form says itself: a field to fill in, nothing changed, or back to idle.
    pub fn set(&self, state: SaveState) {
        self.outcome.set(state);
    }

    /// The state as a signal, for [`crate::components::save_line`].
    pub fn signal(self) -> Signal<SaveState> {
        Signal::derive(move || self.state())
    }
}

impl Default for SaveAction {
    fn default() -> Self {
        Self::new()
    }
}

//! What the last save of a form did; every form shows it with
//! [`crate::components::save_line`].

/// The state of a form's last save.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum SaveState {
    /// Nothing saved since the form was opened or last touched.
    #[default]
    Idle,
    /// The edit is being written to the device.
    Saving,
    /// Committed on the device. The text says what was done ("Added … to …'s caseload.
    /// Saved on this device."); `None` says only "Saved on this device".
    Saved(Option<String>),
    /// The form holds what is already saved.
    NothingChanged,
    /// Not saved, and why, in words for the user.
    Failed(String),
}

impl SaveState {
    /// True while the edit is being written (the form's buttons wait).
    pub fn is_saving(&self) -> bool {
        *self == SaveState::Saving
    }

    /// The words of the line under the form.
    pub fn line(&self) -> String {
        match self {
            SaveState::Idle => String::new(),
            SaveState::Saving => "Saving…".to_owned(),
            SaveState::Saved(None) => "Saved on this device".to_owned(),
            SaveState::Saved(Some(text)) => text.clone(),
            SaveState::NothingChanged => "Nothing has changed.".to_owned(),
            SaveState::Failed(reason) => reason.clone(),
        }
    }
}

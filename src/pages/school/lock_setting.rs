use leptos::prelude::*;

use mentor_core::kinds::LOCK_AFTER_MINUTES;

use super::number_setting::{NumberSetting, NumberSettingWords};
use crate::client::{DEFAULT_IDLE_MS, lock_after_edit};

/// The administrator's choice of how long the app stays open without a touch on every
/// device of the school, before it asks for the PIN again.
#[component]
pub fn LockSetting() -> impl IntoView {
    let default = i64::try_from(DEFAULT_IDLE_MS / 60_000).unwrap_or(5);
    let (least, most) = LOCK_AFTER_MINUTES;
    view! {
        <NumberSetting
            words=NumberSettingWords {
                heading: "Locking",
                heading_id: "lock-setting-heading",
                label: "Lock after (minutes)",
                button: "Save",
                input_id: "lock-after-minutes",
            }
            text=format!(
                "Every device of the school locks after this many minutes without a touch, and asks for the PIN again ({least} to {most}; {default} until you choose)."
            )
            current=|settings| settings.lock_after_minutes.map(i64::from)
            default
            range=LOCK_AFTER_MINUTES
            edit=lock_after_edit
        />
    }
}

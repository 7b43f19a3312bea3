use leptos::prelude::*;

use mentor_core::kinds::SAFEGUARDING_YEARS;

use super::number_setting::{NumberSetting, NumberSettingWords};
use crate::client::retention_edit;

/// Years the history of a deleted safeguarding-relevant record is kept before the server
/// purges it, when the school has not chosen.
const DEFAULT_YEARS: i64 = 7;

/// The administrator's choice of how long the server keeps the history of deleted records
/// about students (their profiles, notes, visits): the school's retention policy.
#[component]
pub fn RetentionSetting() -> impl IntoView {
    let (least, most) = SAFEGUARDING_YEARS;
    view! {
        <NumberSetting
            words=NumberSettingWords {
                heading: "Keeping records",
                heading_id: "retention-heading",
                label: "Keep removed records about students (years)",
                button: "Save retention period",
                input_id: "retention-years",
            }
            text=format!(
                "When a record about a student is removed (a Passport item, a medical note, a lesson note, a visit), the server keeps what it said for this many years after, then erases it for good ({least} to {most}; {DEFAULT_YEARS} until you choose). The school's organisation (staff, groups) is kept one year."
            )
            current=|settings| settings.safeguarding_years.map(i64::from)
            default=DEFAULT_YEARS
            range=SAFEGUARDING_YEARS
            edit=retention_edit
        />
    }
}

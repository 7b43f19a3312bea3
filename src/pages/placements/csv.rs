//! The coordinator's CSV of every placement, downloaded from the device.

use super::placement_data::PlacementView;
use super::status_words;
use crate::pages::csv_text::push_row;

/// Every placement, one row each, with a header row.
pub fn placements_csv(placements: &[PlacementView]) -> String {
    let mut out = String::new();
    let header = [
        "Learner",
        "Employer",
        "Address",
        "Supervisor",
        "Supervisor phone",
        "First day",
        "Last day",
        "Status",
        "Missing checks",
        "Visiting",
    ];
    push_row(&mut out, header.map(str::to_owned));
    for view in placements {
        let p = &view.placement;
        push_row(
            &mut out,
            [
                view.learner.clone(),
                p.employer.clone(),
                p.address.clone(),
                p.supervisor_name.clone().unwrap_or_default(),
                p.supervisor_phone.clone().unwrap_or_default(),
                p.starts_on.clone(),
                p.ends_on.clone(),
                status_words(&p.status).to_owned(),
                p.missing_checks().join("; "),
                view.visitor.clone(),
            ],
        );
    }
    out
}

//! School administration: importing students from the MIS (admin, online) and arranging
//! caseloads and teaching groups (admin and SENCO, saved on the device and synced).
//!
//! The screens are for admins and SENCOs only; that check is for the screen, the server
//! refuses everyone else's import calls and rejects their caseload and group ops.

mod caseloads_page;
mod csv_file;
mod groups_page;
mod import_columns;
mod import_done;
mod import_page;
mod import_progress;
mod import_summary;
mod import_targets;
mod list_setting;
mod lock_setting;
mod new_group_form;
mod number_setting;
mod retention_setting;
mod roster;
mod school_page;
mod student_picker;
mod tracking_scales;

pub use caseloads_page::CaseloadsPage;
pub use groups_page::GroupsPage;
pub use import_page::ImportPage;
pub use school_page::{SchoolPage, arranges_school};

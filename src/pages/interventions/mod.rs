//! Intervention programmes: the list and set-up, and each programme's page with its
//! students' scores, attendance and the group's change.

mod intervention_data;
mod intervention_page;
mod interventions_page;
mod programme_edit;
mod programme_fields;

pub use intervention_data::{ProgrammeView, load_interventions};
pub use intervention_page::InterventionPage;
pub use interventions_page::InterventionsPage;

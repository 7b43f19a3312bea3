//! Students: the list of the students this member of staff may see, and each student's details.
//!
//! What is listed is what the server sent this device: the server decides who may see whom.

mod list_perf;
mod list_view;
mod profile_contacts;
mod profile_data;
mod profile_medical;
mod profile_notes;
mod profile_passport;
mod profile_session_form;
mod profile_session_group;
mod profile_sessions;
mod profile_targets;
mod profile_tracking;
mod report_data;
mod report_page;
mod search;
mod student_details;
mod student_page;
mod students_page;

pub use profile_data::{MedicalSheet, load_medical_sheet};
pub use profile_medical::{kind_label, severity_label};
pub use report_page::ReportPage;
pub use student_details::StudentDetails;
pub use student_page::StudentPage;
pub use students_page::{NoStudentChosen, StudentsPage};

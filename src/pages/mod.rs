//! One folder per workflow; each route's component in a file named after it.

mod csv_text;
mod device;
mod interventions;
mod lessons;
mod links;
mod lock;
mod moments;
mod not_found;
mod ordering;
mod placements;
mod registers;
mod school;
mod sign_in;
mod students;
mod today;
mod trips;

pub use device::DevicePage;
pub use interventions::{InterventionPage, InterventionsPage, ProgrammeView, load_interventions};
pub use lessons::{LessonPage, LessonsPage, NoteView, WELLBEING_REMINDER, note_line, note_view};
pub use links::{maps_link, phone_link};
pub use lock::{LockGate, OtherStaff};
pub use moments::{clock_time, day_and_time, day_of, day_words, days_before, today};
pub use not_found::NotFoundPage;
pub use placements::{FollowUpView, PlacementPage, PlacementsPage, VisitPage, load_placements};
pub use registers::{RegisterPage, RegistersPage};
pub use school::{CaseloadsPage, GroupsPage, ImportPage, SchoolPage, arranges_school};
pub use sign_in::{PersistWarning, SignInPage};
pub use students::{NoStudentChosen, ReportPage, StudentDetails, StudentPage, StudentsPage};
pub use today::{TodayPage, long_date};
pub use trips::{PackPage, RollCallPage, TripPage, TripsPage, load_trips};

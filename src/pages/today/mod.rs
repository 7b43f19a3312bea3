//! The Today page: where a mentor lands, with what this device is ready to do.

mod follow_ups;
mod mentoring_due;
mod targets_due;
mod today_page;
mod trips_today;

pub use today_page::{TodayPage, long_date};

use chrono::{Local, NaiveDate};
use leptos::prelude::*;

use super::follow_ups::MyFollowUps;
use super::mentoring_due::MentoringToday;
use super::targets_due::TargetsDue;
use super::trips_today::TripsToday;
use crate::pages::PersistWarning;
use crate::state::device_storage::read_storage_report;
use crate::state::{Connectivity, OfflineShell};

/// A date as UK schools write it: "Monday 23 November 2026".
pub fn long_date(date: NaiveDate) -> String {
    date.format("%A %-d %B %Y").to_string()
}

/// Today: the date, and whether this device is ready to work with no signal.
#[component]
pub fn TodayPage() -> impl IntoView {
    let shell = expect_context::<OfflineShell>();
    let connectivity = expect_context::<Connectivity>();
    let storage = LocalResource::new(read_storage_report);
    let today = long_date(Local::now().date_naive());

    let offline_line = move || {
        if let Some(problem) = shell.problem() {
            problem
        } else if shell.is_offline_ready() {
            "Ready to work offline".to_owned()
        } else {
            "Preparing offline use…".to_owned()
        }
    };
    let connection_line = move || {
        if connectivity.is_online() {
            "Connected to the network"
        } else {
            "No connection — everything you open here still works"
        }
    };
    let storage_line = move || {
        storage.get().map(|report| match report {
            Some(report) if report.persisted => {
                "Storage on this device is protected from automatic clearing".to_owned()
            }
            Some(_) => "The browser may clear this app's storage if the device runs low on space"
                .to_owned(),
            None => "This browser does not report its storage".to_owned(),
        })
    };

    view! {
        <div class="page today-page">
            <h1>"Today"</h1>
            <p class="page-date">{today}</p>
            <PersistWarning/>
            <TripsToday/>
            <MyFollowUps/>
            <MentoringToday/>
            <TargetsDue/>
            <section class="card" aria-labelledby="today-device-heading">
                <h2 id="today-device-heading">"This device"</h2>
                <ul class="status-list">
                    <li class="status-item" class:good=move || shell.is_offline_ready()>{offline_line}</li>
                    <li class="status-item" class:good=move || connectivity.is_online()>{connection_line}</li>
                    <li class="status-item">{storage_line}</li>
                </ul>
            </section>
        </div>
    }
}

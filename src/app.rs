//! The app frame and its routes.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

use crate::client::{DeviceLock, LockPhase};
use crate::components::{AppHeader, MainNav, UpdateBanner};
use crate::pages::{
    CaseloadsPage, DevicePage, GroupsPage, ImportPage, InterventionPage, InterventionsPage,
    LessonPage, LessonsPage, LockGate, NoStudentChosen, NotFoundPage, PackPage, PlacementPage,
    PlacementsPage, RegisterPage, RegistersPage, ReportPage, RollCallPage, SchoolPage, SignInPage,
    StudentPage, StudentsPage, TodayPage, TripPage, TripsPage, VisitPage,
};
use crate::state::{Connectivity, OfflineShell, SyncStatus};
use crate::sync::SyncScheduler;

/// The whole app: app-wide state, the frame and the page for the current route. Every route
/// needs an unlocked device: until then [`LockGate`] stands in for all of them.
#[component]
pub fn App() -> impl IntoView {
    Connectivity::provide();
    OfflineShell::provide();
    let status = SyncStatus::provide();
    let scheduler = SyncScheduler::provide(status);
    let lock = DeviceLock::provide(scheduler, status);
    let unlocked = move || lock.phase() == LockPhase::Unlocked && !lock.is_covered();
    view! {
        <Router>
            <div class="app-frame">
                <AppHeader/>
                <Show when=unlocked fallback=|| view! {
                    <main class="app-main" id="main">
                        <UpdateBanner/>
                        <LockGate/>
                    </main>
                }>
                <MainNav/>
                <main class="app-main" id="main">
                    <UpdateBanner/>
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("/") view=TodayPage/>
                        // The list stays beside the chosen student on a tablet; a phone
                        // shows one or the other.
                        <ParentRoute path=path!("/students") view=StudentsPage>
                            <Route path=path!("") view=NoStudentChosen/>
                            <Route path=path!(":id") view=StudentPage/>
                        </ParentRoute>
                        <Route path=path!("/students/:id/report") view=ReportPage/>
                        <Route path=path!("/lessons") view=LessonsPage/>
                        <Route path=path!("/lessons/:id") view=LessonPage/>
                        <Route path=path!("/placements") view=PlacementsPage/>
                        <Route path=path!("/placements/:id") view=PlacementPage/>
                        <Route path=path!("/visits/:id") view=VisitPage/>
                        <Route path=path!("/registers") view=RegistersPage/>
                        <Route path=path!("/registers/:id") view=RegisterPage/>
                        <Route path=path!("/interventions") view=InterventionsPage/>
                        <Route path=path!("/interventions/:id") view=InterventionPage/>
                        <Route path=path!("/trips") view=TripsPage/>
                        <Route path=path!("/trips/:id") view=TripPage/>
                        <Route path=path!("/trips/:trip/roll-calls/:id") view=RollCallPage/>
                        <Route path=path!("/trips/:trip/pack/:id") view=PackPage/>
                        <Route path=path!("/device") view=DevicePage/>
                        <Route path=path!("/school") view=SchoolPage/>
                        <Route path=path!("/school/import") view=ImportPage/>
                        <Route path=path!("/school/caseloads") view=CaseloadsPage/>
                        <Route path=path!("/school/groups") view=GroupsPage/>
                        // Unlocked, signing in again renews an expired session.
                        <Route path=path!("/sign-in") view=SignInPage/>
                    </Routes>
                </main>
                </Show>
            </div>
        </Router>
    }
}

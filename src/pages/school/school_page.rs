//! The School section's front page: what an admin or SENCO can arrange for the whole school.

use leptos::prelude::*;
use leptos_router::components::A;

use mentor_core::records::SchoolSettings;
use mentor_core::{EntityKind, Role};

use super::list_setting::{ListSetting, ListWords};
use super::lock_setting::LockSetting;
use super::retention_setting::RetentionSetting;
use super::tracking_scales::TrackingScales;
use crate::client::{MENTORING_TOPICS_LIST, NOTE_TAGS_LIST, SCORE_NAMES_LIST};
use crate::state::SyncStatus;

/// Said on every screen that changes caseloads or groups.
pub(super) const SYNC_NOTE: &str = "Changes are saved on this device and synced. They reach mentors' and teachers' devices at their next sync.";

const NOTE_TAGS_INTRO: &str = "The quick tags every device offers in a lesson, one per line, in order. Leave it empty for the defaults. A tag mentioning wellbeing always reminds staff to tell the DSL.";

const MENTORING_TOPICS_INTRO: &str = "The topics a mentor ticks when recording a mentoring session, one per line, in order. Leave it empty for the defaults.";

const SCORE_NAMES_INTRO: &str = "What the five points of a target review's score are called, from −2 to +2, one per line, lowest first. Leave it empty for the defaults.";

/// True if `role` may use the School screens: it writes groups and caseloads (the
/// administrator and the SENCO).
pub fn arranges_school(role: Role) -> bool {
    role.may_create(EntityKind::GroupMembership) && role.may_create(EntityKind::CaseloadAssignment)
}

/// Shows `children` only to an admin (and, unless `admin_only`, a SENCO); says why to
/// anyone else. The server enforces the same rule.
#[component]
pub fn SchoolGate(admin_only: bool, children: ChildrenFn) -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let role = Memo::new(move |_| status.get().staff.map(|staff| staff.role));
    let allowed = move || {
        role.get().is_some_and(|role| {
            if admin_only {
                role.manages_school()
            } else {
                arranges_school(role)
            }
        })
    };
    let refusal = move || {
        if role.get().is_none() {
            view! { <p>"Sign in to use the School screens. " <A href="/sign-in">"Sign in"</A></p> }
                .into_any()
        } else if admin_only {
            view! { <p>"Only an administrator can do this."</p> }.into_any()
        } else {
            view! { <p>"Only an administrator or the SENCO can arrange caseloads and groups."</p> }
                .into_any()
        }
    };
    view! { <Show when=allowed fallback=refusal>{children()}</Show> }
}

/// Links to the School screens this member of staff may use.
#[component]
pub fn SchoolPage() -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let is_admin = Memo::new(move |_| {
        status
            .get()
            .staff
            .is_some_and(|staff| staff.role.manages_school())
    });
    view! {
        <div class="page school-page">
            <h1>"School"</h1>
            <SchoolGate admin_only=false>
                <ul class="row-list school-links" aria-label="School">
                    <Show when=move || is_admin.get()>
                        <li>
                            <A href="/school/import">
                                <span class="row-title">"Import students"</span>
                                <span class="row-detail">"From a CSV export of the MIS (SIMS, Arbor, Bromcom)"</span>
                            </A>
                        </li>
                    </Show>
                    <li>
                        <A href="/school/caseloads">
                            <span class="row-title">"Caseloads"</span>
                            <span class="row-detail">"Which students each mentor supports"</span>
                        </A>
                    </li>
                    <li>
                        <A href="/school/groups">
                            <span class="row-title">"Groups"</span>
                            <span class="row-detail">"Staff and students in each teaching group"</span>
                        </A>
                    </li>
                </ul>
                <Show when=move || is_admin.get()>
                    <LockSetting/>
                    <ListSetting list=NOTE_TAGS_LIST words=ListWords {
                        heading: "Lesson note tags",
                        id: "note-tags",
                        intro: NOTE_TAGS_INTRO,
                        label: "Tags, one per line",
                        save: "Save tags",
                        current: SchoolSettings::note_tags,
                    }/>
                    <ListSetting list=MENTORING_TOPICS_LIST words=ListWords {
                        heading: "Mentoring topics",
                        id: "mentoring-topics",
                        intro: MENTORING_TOPICS_INTRO,
                        label: "Topics, one per line",
                        save: "Save topics",
                        current: SchoolSettings::mentoring_topics,
                    }/>
                    <ListSetting list=SCORE_NAMES_LIST words=ListWords {
                        heading: "Target review scores",
                        id: "score-names",
                        intro: SCORE_NAMES_INTRO,
                        label: "Names, one per line",
                        save: "Save names",
                        current: SchoolSettings::score_names,
                    }/>
                    <TrackingScales/>
                    <RetentionSetting/>
                </Show>
            </SchoolGate>
        </div>
    }
}

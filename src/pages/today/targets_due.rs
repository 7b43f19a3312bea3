//! On Today: the targets the signed-in member of staff set whose review date has come and
//! that have no review since, each a tap from the student's profile, where "Review" is.

use leptos::prelude::*;
use leptos_router::components::A;
use mentor_core::records::{self, Target, TargetReview};
use mentor_core::{EntityId, EntityKind};

use crate::client::AppClient;
use crate::pages::{StudentDetails, day_words, today};
use crate::state::SyncStatus;
use crate::storage::LocalStore;

/// A target due for review: whose, what, and since when.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Due {
    student: EntityId,
    name: String,
    text: String,
    review_on: String,
}

/// The targets `me` set that are open or carried on, due by `today`, and not reviewed on or
/// after their review date; the longest overdue first.
async fn targets_due(store: &impl LocalStore, me: EntityId, today: &str) -> Vec<Due> {
    let kinds = [
        EntityKind::Target,
        EntityKind::TargetReview,
        EntityKind::Student,
    ];
    let Ok(mut views) = store.views(&kinds).await else {
        return Vec::new();
    };
    let mut view = |kind| views.remove(&kind).unwrap_or_default();
    let (targets, reviews, students) = (
        view(EntityKind::Target),
        view(EntityKind::TargetReview),
        view(EntityKind::Student),
    );
    let reviews: Vec<(EntityId, TargetReview)> = records::live(&reviews).collect();
    let mut due: Vec<Due> = records::live(&targets)
        .filter(|(id, target): &(EntityId, Target)| {
            target.set_by == me
                && matches!(target.status.as_str(), "open" | "carried_on")
                && target.review_on.as_str() <= today
                && !reviews.iter().any(|(_, review)| {
                    review.target_id == *id && review.reviewed_on >= target.review_on
                })
        })
        .filter_map(|(_, target)| {
            let name = students
                .iter()
                .find(|record| record.id == target.student_id)
                .and_then(StudentDetails::from_record)?
                .shown_name();
            Some(Due {
                student: target.student_id,
                name,
                text: target.text,
                review_on: target.review_on,
            })
        })
        .collect();
    due.sort_by(|a, b| (&a.review_on, &a.name).cmp(&(&b.review_on, &b.name)));
    due
}

#[component]
pub fn TargetsDue() -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let client = AppClient::expect();
    let read = LocalResource::new(move || {
        status.revision();
        let store = client.store();
        let me = status.signed_in().map(|(me, _)| me);
        async move {
            match (store, me) {
                (Some(store), Some(me)) => targets_due(&*store, me, &today()).await,
                _ => Vec::new(),
            }
        }
    });
    let due = RwSignal::new(Vec::new());
    Effect::new(move |_| {
        if let Some(read) = read.get() {
            due.set(read);
        }
    });
    view! {
        <Show when=move || !due.with(Vec::is_empty)>
            <section class="card" aria-labelledby="targets-due-heading">
                <h2 id="targets-due-heading">"Targets to review"</h2>
                <ul class="follow-up-list">
                    {move || due.get().into_iter().map(|due| view! {
                        <li>
                            <A href=format!("/students/{}", due.student)>
                                {format!("{}: {} (review from {})", due.name, due.text, day_words(&due.review_on))}
                            </A>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        </Show>
    }
}

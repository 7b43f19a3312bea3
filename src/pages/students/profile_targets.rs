//! A student's targets on their profile: each with its area, start and review dates,
//! success criteria, the Passport strategy it works through, and its reviews with their
//! scores; "Set a target" and "Review" for those who may (the student's mentors, the SENCO
//! and the administrator). The device shows what the server let it pull; it decides nothing
//! about who sees what.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use mentor_core::ids::EntityId;
use mentor_core::kinds::{REVIEW_OUTCOMES, REVIEW_SCORE, TARGET_AREAS};
use mentor_core::merge::RecordState;
use mentor_core::records::{self, Target, TargetReview};

use super::profile_data::PassportItem;
use crate::client::targets::{ReviewForm, TargetForm, new_target, review_target, score_words};
use crate::client::{SaveAction, SaveState};
use crate::components::save_line;
use crate::pages::{day_words, today};
use crate::state::SyncStatus;

/// A target as the profile shows it, with its reviews, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetView {
    pub id: EntityId,
    pub target: Target,
    pub reviews: Vec<TargetReview>,
}

/// `student`'s targets (the newest set first) with their reviews, from the device's records.
pub fn student_targets(
    targets: &[RecordState],
    reviews: &[RecordState],
    student: EntityId,
) -> Vec<TargetView> {
    let mut reviews: Vec<(EntityId, TargetReview)> = records::live(reviews)
        .filter(|(_, review): &(EntityId, TargetReview)| review.student_id == student)
        .collect();
    reviews.sort_by(|a, b| (&a.1.reviewed_on, a.0).cmp(&(&b.1.reviewed_on, b.0)));
    let mut views: Vec<TargetView> = records::live(targets)
        .filter(|(_, target): &(EntityId, Target)| target.student_id == student)
        .map(|(id, target)| TargetView {
            id,
            reviews: reviews
                .iter()
                .filter(|(_, review)| review.target_id == id)
                .map(|(_, review)| review.clone())
                .collect(),
            target,
        })
        .collect();
    views.sort_by(|a, b| (&b.target.starts_on, b.id).cmp(&(&a.target.starts_on, a.id)));
    views
}

pub(super) fn area_words(area: &str) -> &'static str {
    match area {
        "academic" => "Academic",
        "attendance" => "Attendance",
        "behaviour" => "Behaviour",
        "wellbeing" => "Wellbeing",
        _ => "Independence",
    }
}

pub(super) fn status_words(status: &str) -> &'static str {
    match status {
        "carried_on" => "Carried on",
        "met" => "Met",
        "dropped" => "Dropped",
        _ => "Open",
    }
}

/// The profile's "Targets" section.
#[component]
pub fn TargetsSection(
    student: EntityId,
    targets: Memo<Vec<TargetView>>,
    strategies: Memo<Vec<PassportItem>>,
    score_names: Memo<Vec<String>>,
    editable: Signal<bool>,
) -> impl IntoView {
    view! {
        <section class="card targets-section" aria-labelledby="targets-heading">
            <h2 id="targets-heading">"Targets"</h2>
            <Show when=move || targets.with(Vec::is_empty)>
                <p>"No targets set yet."</p>
            </Show>
            <ul class="target-list">
                <For each=move || targets.get() key=|view| (view.id, view.target.status.clone(), view.reviews.len()) let:view>
                    <TargetItem view strategies score_names editable/>
                </For>
            </ul>
            <Show when=move || editable.get()>
                <NewTarget student strategies/>
            </Show>
        </section>
    }
}

#[component]
fn TargetItem(
    view: TargetView,
    strategies: Memo<Vec<PassportItem>>,
    score_names: Memo<Vec<String>>,
    editable: Signal<bool>,
) -> impl IntoView {
    let names = score_names.get_untracked();
    let TargetView {
        id,
        target,
        reviews,
    } = view;
    let strategy = target.strategy_id.and_then(|strategy| {
        strategies.with_untracked(|items| {
            items
                .iter()
                .find(|item| item.id == strategy)
                .map(|item| item.text.clone())
        })
    });
    let open = matches!(target.status.as_str(), "open" | "carried_on");
    let heading = target.text.clone();
    let reviews_view = reviews
        .iter()
        .map(|review| {
            let outcome = status_words(&review.outcome);
            let comment = review
                .comment
                .clone()
                .map(|comment| format!(" — {comment}"))
                .unwrap_or_default();
            view! {
                <li>{format!("{}: {} ({outcome}){comment}", day_words(&review.reviewed_on), score_words(i64::from(review.score), &names))}</li>
            }
        })
        .collect_view();
    view! {
        <li class="target">
            <h3>{heading}</h3>
            <dl class="facts">
                <dt>"Area"</dt><dd>{area_words(&target.area)}</dd>
                <dt>"Status"</dt><dd>{status_words(&target.status)}</dd>
                <dt>"Started"</dt><dd>{day_words(&target.starts_on)}</dd>
                <dt>"Review on"</dt><dd>{day_words(&target.review_on)}</dd>
                {target.success_criteria.clone().map(|text| view! { <dt>"Success looks like"</dt><dd>{text}</dd> })}
                {strategy.map(|text| view! { <dt>"Strategy"</dt><dd>{text}</dd> })}
                {target.ehcp_outcome.clone().map(|text| view! { <dt>"EHCP outcome"</dt><dd>{text}</dd> })}
            </dl>
            <Show when=move || !reviews.is_empty()>
                <h4>"Reviews"</h4>
            </Show>
            <ul class="target-reviews">{reviews_view}</ul>
            <Show when=move || editable.get() && open>
                <ReviewTarget id target=target.clone() score_names/>
            </Show>
        </li>
    }
}

#[component]
fn ReviewTarget(id: EntityId, target: Target, score_names: Memo<Vec<String>>) -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let saving = SaveAction::new();
    let opened = RwSignal::new(false);
    let form = RwSignal::new(ReviewForm {
        reviewed_on: today(),
        outcome: "carried_on".to_owned(),
        ..ReviewForm::default()
    });
    let target = StoredValue::new(target);
    let field = move |name: &'static str| format!("review-{name}-{id}");
    let save = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some((me, _)) = status.signed_in_untracked() else {
            return;
        };
        let Some(review) = saving.new_id() else {
            return;
        };
        let edits = target.with_value(|target| {
            form.with_untracked(|form| review_target(review, id, target, me, form))
        });
        match edits {
            Ok(edits) => saving.save_together(edits, move || {
                let _ = opened.try_set(false);
            }),
            Err(problem) => saving.set(SaveState::Failed(problem)),
        }
    };
    let scores = move || {
        let names = score_names.get();
        (REVIEW_SCORE.0..=REVIEW_SCORE.1)
            .rev()
            .map(|score| view! { <option value=score.to_string()>{score_words(score, &names)}</option> })
            .collect_view()
    };
    let outcomes = REVIEW_OUTCOMES.iter().map(|outcome| {
        view! { <option value=*outcome>{status_words(outcome)}</option> }
    });
    view! {
        <Show
            when=move || opened.get()
            fallback=move || view! {
                <button type="button" class="button secondary" on:click=move |_| opened.set(true)>"Review"</button>
            }
        >
            <form class="review-form" aria-label="Review target" on:submit=save novalidate>
                <div class="field">
                    <label for=field("day")>"Reviewed on"</label>
                    <input id=field("day") type="date" prop:value=move || form.with(|f| f.reviewed_on.clone())
                        on:input=move |ev| form.update(|f| f.reviewed_on = event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for=field("score")>"Score"</label>
                    <select id=field("score") prop:value=move || form.with(|f| f.score.clone())
                        on:change=move |ev| form.update(|f| f.score = event_target_value(&ev))>
                        <option value="">"Choose a score"</option>
                        {scores}
                    </select>
                </div>
                <div class="field">
                    <label for=field("comment")>"Comment (optional)"</label>
                    <input id=field("comment") type="text" prop:value=move || form.with(|f| f.comment.clone())
                        on:input=move |ev| form.update(|f| f.comment = event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for=field("outcome")>"The target is"</label>
                    <select id=field("outcome") prop:value=move || form.with(|f| f.outcome.clone())
                        on:change=move |ev| form.update(|f| f.outcome = event_target_value(&ev))>
                        {outcomes.clone().collect_view()}
                    </select>
                </div>
                <Show when=move || form.with(|f| f.outcome == "carried_on")>
                    <div class="field">
                        <label for=field("next")>"Next review (optional)"</label>
                        <input id=field("next") type="date" prop:value=move || form.with(|f| f.next_review_on.clone())
                            on:input=move |ev| form.update(|f| f.next_review_on = event_target_value(&ev))/>
                    </div>
                </Show>
                <button type="submit" class="button">"Save review"</button>
            </form>
        </Show>
        {save_line(saving.signal())}
    }
}

#[component]
fn NewTarget(student: EntityId, strategies: Memo<Vec<PassportItem>>) -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let saving = SaveAction::new();
    let blank = move || TargetForm {
        area: "academic".to_owned(),
        starts_on: today(),
        ..TargetForm::default()
    };
    let form = RwSignal::new(blank());
    let save = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some((me, _)) = status.signed_in_untracked() else {
            return;
        };
        let Some(id) = saving.new_id() else { return };
        match form.with_untracked(|form| new_target(id, student, me, form)) {
            Ok(edit) => saving.save(edit, move || {
                let _ = form.try_set(blank());
            }),
            Err(problem) => saving.set(SaveState::Failed(problem)),
        }
    };
    let text = |get: fn(&TargetForm) -> &String| move || form.with(|f| get(f).clone());
    view! {
        <form class="new-target" aria-label="Set a target" on:submit=save novalidate>
            <h3>"Set a target"</h3>
            <div class="field">
                <label for="target-text">"Target"</label>
                <textarea id="target-text" rows="2" prop:value=text(|f| &f.text)
                    on:input=move |ev| form.update(|f| f.text = event_target_value(&ev))></textarea>
            </div>
            <div class="field">
                <label for="target-area">"Area"</label>
                <select id="target-area" prop:value=text(|f| &f.area)
                    on:change=move |ev| form.update(|f| f.area = event_target_value(&ev))>
                    {TARGET_AREAS.iter().map(|area| view! { <option value=*area>{area_words(area)}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="target-start">"Start"</label>
                <input id="target-start" type="date" prop:value=text(|f| &f.starts_on)
                    on:input=move |ev| form.update(|f| f.starts_on = event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="target-review">"Review on"</label>
                <input id="target-review" type="date" prop:value=text(|f| &f.review_on)
                    on:input=move |ev| form.update(|f| f.review_on = event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="target-criteria">"Success looks like (optional)"</label>
                <input id="target-criteria" type="text" prop:value=text(|f| &f.success_criteria)
                    on:input=move |ev| form.update(|f| f.success_criteria = event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="target-strategy">"Passport strategy (optional)"</label>
                <select id="target-strategy"
                    prop:value=move || form.with(|f| f.strategy.map(|id| id.to_string()).unwrap_or_default())
                    on:change=move |ev| form.update(|f| f.strategy = event_target_value(&ev).parse().ok())>
                    <option value="">"None"</option>
                    {move || strategies.get().into_iter().map(|item| view! {
                        <option value=item.id.to_string()>{item.text}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="target-ehcp">"EHCP outcome (optional)"</label>
                <input id="target-ehcp" type="text" prop:value=text(|f| &f.ehcp_outcome)
                    on:input=move |ev| form.update(|f| f.ehcp_outcome = event_target_value(&ev))/>
            </div>
            <button type="submit" class="button">"Set target"</button>
            {save_line(saving.signal())}
        </form>
    }
}

//! The `/visits/:id` page: the visit log on a phone, with no signal. Start the visit (time
//! stamped), answer the checklist, note concerns (with the safeguarding reminder), add
//! follow-up actions with an owner and a due date, let the supervisor type their name, and
//! finish (time stamped). Every save is one op, so nothing is saved half.

use chrono::{Local, NaiveTime, TimeZone};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use mentor_core::EntityId;

use super::placement_data::{PlacementsData, VisitView};
use super::use_placements;
use super::visit_form::{PARAGRAPHS, QUESTIONS, VisitForm, rating_choice};
use crate::client::placements::{
    FollowUpForm, add_follow_up, complete_follow_up, save_visit, start_visit,
};
use crate::client::{SaveAction, SaveState};
use crate::components::save_line;
use crate::pages::WELLBEING_REMINDER;
use crate::pages::{clock_time, day_words, today};
use crate::pages::{maps_link, phone_link};
use crate::state::SyncStatus;
use crate::storage::platform;

#[component]
pub fn VisitPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<EntityId>().ok())
    });
    let (data, loaded) = use_placements();
    let found = Memo::new(move |_| {
        let id = id.get()?;
        data.with(|data| data.visits.iter().find(|view| view.id == id).cloned())
    });
    // The log is made once per visit, so a sync never resets what is being typed.
    let shown = Memo::new(move |_| found.with(|view| view.as_ref().map(|view| view.id)));
    view! {
        <div class="page visit-page">
            <A href="/placements" attr:class="back-link">"Back to placements"</A>
            {move || match shown.get() {
                Some(id) => view! { <VisitLog id found data/> }.into_any(),
                None if loaded.get() => view! {
                    <h1>"Visit"</h1>
                    <p>"This visit is not on this device."</p>
                }.into_any(),
                None => ().into_any(),
            }}
        </div>
    }
}

/// The moment at `time` ("14:05", local) on the local day of `day_of`.
fn at_time(day_of: i64, time: &str) -> Option<i64> {
    let day = Local.timestamp_millis_opt(day_of).single()?.date_naive();
    let time = NaiveTime::parse_from_str(time, "%H:%M").ok()?;
    Some(
        Local
            .from_local_datetime(&day.and_time(time))
            .single()?
            .timestamp_millis(),
    )
}

#[component]
fn VisitLog(
    id: EntityId,
    found: Memo<Option<VisitView>>,
    data: RwSignal<PlacementsData>,
) -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let me = Memo::new(move |_| status.signed_in());
    let form = VisitForm::new();
    let dirty = RwSignal::new(false);
    let saving = SaveAction::new();
    let started_time = RwSignal::new(String::new());
    let finished_time = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(view) = found.get() {
            if !dirty.get_untracked() {
                form.fill(&view.visit);
            }
            started_time.set(view.visit.started_at.map(clock_time).unwrap_or_default());
        }
    });
    let touched = move || {
        dirty.set(true);
        saving.touch();
    };
    let visit = move || found.get();
    let started = move || found.with(|v| v.as_ref().and_then(|v| v.visit.started_at));
    let finished = move || found.with(|v| v.as_ref().and_then(|v| v.visit.finished_at));
    let save = move |finish: bool| {
        let Some(view) = found.get_untracked() else {
            return;
        };
        let mut changes = form.changes_from(&view.visit);
        let mut started_at = view.visit.started_at;
        if let Some(start) = view.visit.started_at
            && let Some(typed) = at_time(start, &started_time.get_untracked())
            && clock_time(typed) != clock_time(start)
        {
            started_at = Some(typed);
            changes.insert("started_at".to_owned(), serde_json::json!(typed));
        }
        let finished_at = finish.then(|| {
            let typed = finished_time.get_untracked();
            started_at
                .and_then(|start| at_time(start, &typed))
                .unwrap_or_else(|| i64::try_from(platform::now_ms()).unwrap_or(i64::MAX))
        });
        match save_visit(id, started_at, changes, finished_at) {
            Ok(Some(edit)) => saving.save(edit, move || {
                let _ = dirty.try_set(false);
            }),
            Ok(None) => saving.set(SaveState::NothingChanged),
            Err(problem) => saving.set(SaveState::Failed(problem)),
        }
    };
    let start = move |_| saving.save(start_visit(id, platform::now_ms()), || {});
    let concerned = move || !form.paragraphs[4].get().trim().is_empty();

    view! {
        {move || visit().map(|view| {
            let (employer, address, phone) = view.placement.as_ref().map_or_else(Default::default, |p| {
                (p.employer.clone(), p.address.clone(), p.supervisor_phone.clone().unwrap_or_default())
            });
            view! {
                <h1>{format!("Visit: {} at {employer}", view.learner)}</h1>
                <p class="visit-when">{format!("Planned for {}", day_words(&view.visit.planned_on))}</p>
                <p class="visit-contact">
                    {(!address.is_empty()).then(|| view! { <a href=maps_link(&address) target="_blank" rel="noopener">{format!("Map: {address}")}</a> })}
                    {(!phone.is_empty()).then(|| view! { <a href=phone_link(&phone)>{format!("Call {phone}")}</a> })}
                </p>
            }
        })}
        <Show when=move || started().is_none()>
            <button type="button" class="button" on:click=start>"Start visit"</button>
        </Show>
        <Show when=move || started().is_some()>
            <form class="card visit-log" aria-labelledby="visit-log-heading" novalidate
                on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); save(false); }>
                <h2 id="visit-log-heading">"Visit log"</h2>
                <div class="field">
                    <label for="visit-started">"Started at"</label>
                    <input id="visit-started" type="time" prop:value=move || started_time.get()
                        on:input=move |ev| { started_time.set(event_target_value(&ev)); touched(); }/>
                </div>
                <fieldset class="tag-choices">
                    <legend>"Checklist"</legend>
                    {QUESTIONS.iter().zip(form.answers).map(|((_, question), answer)| view! {
                        <label class="check">
                            <input type="checkbox" prop:checked=move || answer.get()
                                on:change=move |ev| { answer.set(event_target_checked(&ev)); touched(); }/>
                            {*question}
                        </label>
                    }).collect_view()}
                </fieldset>
                {rating_choice("Wellbeing rating, 1 low to 5 high", "wellbeing-rating", form.wellbeing_rating, touched)}
                {rating_choice("Employer's rating, 1 low to 5 high", "employer-rating", form.employer_rating, touched)}
                {PARAGRAPHS.iter().zip(form.paragraphs).map(|((field, label), text)| {
                    let id = format!("visit-{field}");
                    view! {
                        <div class="field">
                            <label for=id.clone()>{*label}</label>
                            <textarea id=id rows="3" maxlength="500" prop:value=move || text.get()
                                on:input=move |ev| { text.set(event_target_value(&ev)); touched(); }></textarea>
                        </div>
                    }
                }).collect_view()}
                <Show when=concerned>
                    <p class="wellbeing-reminder" role="alert">{WELLBEING_REMINDER}</p>
                </Show>
                <div class="field">
                    <label for="visit-acknowledged">"Supervisor's name, as acknowledgement (optional)"</label>
                    <input id="visit-acknowledged" type="text" prop:value=move || form.acknowledged_by.get()
                        on:input=move |ev| { form.acknowledged_by.set(event_target_value(&ev)); touched(); }/>
                </div>
                <Show when=move || finished().is_none()>
                    <div class="field">
                        <label for="visit-finished">"Finished at (now, unless you give a time)"</label>
                        <input id="visit-finished" type="time" prop:value=move || finished_time.get()
                            on:input=move |ev| { finished_time.set(event_target_value(&ev)); touched(); }/>
                    </div>
                </Show>
                <div class="sheet-actions">
                    <button type="submit" class="button secondary" disabled=move || saving.is_saving()>"Save"</button>
                    <Show when=move || finished().is_none()>
                        <button type="button" class="button" disabled=move || saving.is_saving() on:click=move |_| save(true)>"Finish visit"</button>
                    </Show>
                </div>
                {move || finished().map(|at| view! { <p class="good">{format!("Finished at {}", clock_time(at))}</p> })}
                {save_line(saving.signal())}
            </form>
            <FollowUps id found data me=Signal::derive(move || me.get().map(|(id, _)| id))/>
        </Show>
    }
}

/// The visit's follow-up actions, and the form that adds one.
#[component]
fn FollowUps(
    id: EntityId,
    found: Memo<Option<VisitView>>,
    data: RwSignal<PlacementsData>,
    me: Signal<Option<EntityId>>,
) -> impl IntoView {
    let saving = SaveAction::new();
    let text = RwSignal::new(String::new());
    let owner = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    Effect::new(move |_| {
        if owner.get_untracked().is_empty()
            && let Some(me) = me.get()
        {
            owner.set(me.to_string());
        }
    });
    let actions = move || {
        data.with(|data| {
            data.follow_ups
                .iter()
                .filter(|a| a.action.visit_id == id)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(student) = found.with_untracked(|v| v.as_ref().map(|v| v.visit.student_id)) else {
            return;
        };
        let Some(action) = saving.new_id() else {
            return;
        };
        let form = FollowUpForm {
            text: text.get_untracked(),
            owner: owner.get_untracked().parse().ok(),
            due_on: due.get_untracked(),
        };
        match add_follow_up(action, id, student, &form, &today()) {
            Ok(edit) => saving.save(edit, move || {
                text.set(String::new());
                due.set(String::new());
            }),
            Err(problem) => saving.set(SaveState::Failed(problem)),
        }
    };
    view! {
        <section class="card" aria-labelledby="follow-ups-heading">
            <h2 id="follow-ups-heading">"Follow-up actions"</h2>
            <ul class="follow-up-list">
                {move || actions().into_iter().map(|a| {
                    let done = a.action.done_at.is_some();
                    view! {
                        <li>
                            {format!("{} · {} · due {}", a.action.text, a.owner, day_words(&a.action.due_on))}
                            {done.then_some(" · done")}
                            {(!done).then(|| view! {
                                <button type="button" class="button secondary" on:click=move |_| saving.save(complete_follow_up(a.id, platform::now_ms()), || {})>
                                    "Mark done"
                                </button>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <form class="add-follow-up" aria-label="Add a follow-up action" on:submit=add novalidate>
                <div class="field">
                    <label for="follow-up-text">"Action"</label>
                    <input id="follow-up-text" type="text" maxlength="200" prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="follow-up-owner">"Who will do it"</label>
                    <select id="follow-up-owner" prop:value=move || owner.get() on:change=move |ev| owner.set(event_target_value(&ev))>
                        <option value="">"Choose someone"</option>
                        {move || data.with(|data| data.staff.clone()).into_iter()
                            .map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="follow-up-due">"Due"</label>
                    <input id="follow-up-due" type="date" prop:value=move || due.get() on:input=move |ev| due.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="button secondary" disabled=move || saving.is_saving()>"Add action"</button>
                {save_line(saving.signal())}
            </form>
        </section>
    }
}

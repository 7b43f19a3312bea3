//! The `/placements/:id` page: the placement (employer, supervisor, days), its checks and
//! status, its visits (and planning the next), and the learner's summary: visits, ratings
//! over time as a small chart, actions. Prints cleanly.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use mentor_core::kinds::{PLACEMENT_CHECKS, PLACEMENT_STATUSES};
use mentor_core::{EntityId, EntityKind};

use super::placement_data::{PlacementView, PlacementsData, VisitView};
use super::{status_words, use_placements};
use crate::client::placements::{plan_visit, record_check, set_status};
use crate::client::print_page;
use crate::client::{SaveAction, SaveState};
use crate::components::save_line;
use crate::pages::{day_words, today};
use crate::pages::{maps_link, phone_link};
use crate::state::SyncStatus;

#[component]
pub fn PlacementPage() -> impl IntoView {
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
        data.with(|data| data.placements.iter().find(|view| view.id == id).cloned())
    });
    view! {
        <div class="page placement-page">
            <A href="/placements" attr:class="back-link no-print">"Back to placements"</A>
            {move || match found.get() {
                Some(view) => view! { <PlacementDetail view data/> }.into_any(),
                None if loaded.get() => view! {
                    <h1>"Placement"</h1>
                    <p>"This placement is not on this device. Placements reach the learner's mentors, the visiting member of staff and the coordinator."</p>
                }.into_any(),
                None => ().into_any(),
            }}
        </div>
    }
}

#[component]
fn PlacementDetail(view: PlacementView, data: RwSignal<PlacementsData>) -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let me = Memo::new(move |_| status.signed_in());
    let may_update = move || {
        me.get()
            .is_some_and(|(_, role)| role.may_update(EntityKind::Placement))
    };
    let may_override = move || {
        me.get()
            .is_some_and(|(_, role)| role.may_write_field(EntityKind::Placement, "override_reason"))
    };
    let saving = SaveAction::new();
    let p = view.placement.clone();
    let id = view.id;
    let visits = move || {
        data.with(|data| {
            data.visits
                .iter()
                .filter(|v| v.visit.placement_id == id)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let actions = move || {
        data.with(|data| {
            let visits: Vec<EntityId> = data
                .visits
                .iter()
                .filter(|v| v.visit.placement_id == id)
                .map(|v| v.id)
                .collect();
            data.follow_ups
                .iter()
                .filter(|a| visits.contains(&a.action.visit_id))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let staff_name = move |id: Option<EntityId>| {
        data.with(|data| {
            id.and_then(|id| {
                data.staff
                    .iter()
                    .find(|(s, _)| *s == id)
                    .map(|(_, n)| n.clone())
            })
            .unwrap_or_default()
        })
    };
    let checks = PLACEMENT_CHECKS.map(|(prefix, what)| {
        let (on, by) = match prefix {
            "check_risk" => (p.check_risk_on.clone(), p.check_risk_by),
            "check_insurance" => (p.check_insurance_on.clone(), p.check_insurance_by),
            _ => (p.check_consent_on.clone(), p.check_consent_by),
        };
        let record = move |_| {
            if let Some((me, _)) = me.get_untracked() {
                saving.save(record_check(id, prefix, me, &today()), || {});
            }
        };
        let done = on.as_ref().map(|on| format!("Done {} by {}", day_words(on), staff_name(by)));
        view! {
            <li class="check-line">
                <span>{what}</span>
                {match done {
                    Some(done) => view! { <span class="good">{done}</span> }.into_any(),
                    None => view! {
                        <span class="missing">"Not yet"</span>
                        <Show when=may_update>
                            <button type="button" class="button secondary no-print" on:click=record>"Record as done today"</button>
                        </Show>
                    }.into_any(),
                }}
            </li>
        }
    });
    let chosen_status = RwSignal::new(p.status.clone());
    let reason = RwSignal::new(String::new());
    let stored = StoredValue::new(p.clone());
    let save_status = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let refused = stored.with_value(|stored| {
            set_status(
                id,
                stored,
                &chosen_status.get_untracked(),
                &reason.get_untracked(),
            )
        });
        match refused {
            Ok(edit) => saving.save(edit, || {}),
            Err(problem) => saving.set(SaveState::Failed(problem)),
        }
    };
    let plan_day = RwSignal::new(String::new());
    let plan = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(visit) = saving.new_id() else { return };
        let planned = stored
            .with_value(|p| plan_visit(visit, id, p, p.visitor_id, &plan_day.get_untracked()));
        match planned {
            Ok(edit) => saving.save(edit, move || plan_day.set(String::new())),
            Err(problem) => saving.set(SaveState::Failed(problem)),
        }
    };
    let print = move |_| print_page();
    let supervisor = p
        .supervisor_name
        .clone()
        .unwrap_or_else(|| "Not recorded".to_owned());
    view! {
        <h1>{format!("{} at {}", view.learner, p.employer)}</h1>
        <button type="button" class="button secondary no-print" on:click=print>"Print summary"</button>
        <section class="card" aria-labelledby="placement-facts-heading">
            <h2 id="placement-facts-heading">"Placement"</h2>
            <dl class="facts">
                <dt>"Status"</dt><dd>{status_words(&p.status)}</dd>
                <dt>"Days"</dt><dd>{format!("{} to {}", day_words(&p.starts_on), day_words(&p.ends_on))}</dd>
                <dt>"Hours"</dt><dd>{p.hours.clone().unwrap_or_else(|| "Not recorded".to_owned())}</dd>
                <dt>"Address"</dt><dd><a href=maps_link(&p.address) target="_blank" rel="noopener">{p.address.clone()}</a></dd>
                <dt>"Supervisor"</dt><dd>{supervisor}</dd>
                {p.supervisor_phone.clone().map(|phone| view! { <dt>"Phone"</dt><dd><a href=phone_link(&phone)>{phone.clone()}</a></dd> })}
                {p.supervisor_email.clone().map(|email| view! { <dt>"Email"</dt><dd><a href=format!("mailto:{email}")>{email.clone()}</a></dd> })}
                <dt>"Visits"</dt><dd>{view.visitor.clone()}</dd>
                {p.override_reason.clone().map(|reason| view! { <dt>"Started without every check"</dt><dd>{reason}</dd> })}
            </dl>
        </section>
        <section class="card" aria-labelledby="checks-heading">
            <h2 id="checks-heading">"Pre-placement checks"</h2>
            <ul class="check-list">{checks.into_iter().collect_view()}</ul>
            <Show when=may_update>
                <form class="status-form no-print" on:submit=save_status novalidate>
                    <div class="field">
                        <label for="placement-status">"Status"</label>
                        <select id="placement-status" prop:value=move || chosen_status.get()
                            on:change=move |ev| chosen_status.set(event_target_value(&ev))>
                            {PLACEMENT_STATUSES.iter().map(|s| view! { <option value=*s>{status_words(s)}</option> }).collect_view()}
                        </select>
                    </div>
                    <Show when=may_override>
                        <div class="field">
                            <label for="placement-override">"Reason to start with a check missing (coordinator)"</label>
                            <input id="placement-override" type="text" prop:value=move || reason.get()
                                on:input=move |ev| reason.set(event_target_value(&ev))/>
                        </div>
                    </Show>
                    <button type="submit" class="button">"Save status"</button>
                </form>
            </Show>
            {save_line(saving.signal())}
        </section>
        <section class="card" aria-labelledby="visits-heading">
            <h2 id="visits-heading">"Visits"</h2>
            <RatingsChart visits=Signal::derive(visits)/>
            <ul class="visit-list">
                {move || visits().into_iter().map(|v| {
                    let state = match (v.visit.started_at, v.visit.finished_at) {
                        (_, Some(_)) => "Done",
                        (Some(_), None) => "Started",
                        _ => "Planned",
                    };
                    view! {
                        <li><A href=format!("/visits/{}", v.id)>{format!("{} · {state} · {}", day_words(&v.visit.planned_on), v.visitor)}</A></li>
                    }
                }).collect_view()}
            </ul>
            <Show when=may_update>
                <form class="plan-visit no-print" on:submit=plan novalidate>
                    <div class="field">
                        <label for="plan-visit-day">"Plan a visit on"</label>
                        <input id="plan-visit-day" type="date" prop:value=move || plan_day.get()
                            on:input=move |ev| plan_day.set(event_target_value(&ev))/>
                    </div>
                    <button type="submit" class="button secondary">"Plan visit"</button>
                </form>
            </Show>
        </section>
        <section class="card" aria-labelledby="actions-heading">
            <h2 id="actions-heading">"Follow-up actions"</h2>
            {move || {
                let actions = actions();
                if actions.is_empty() {
                    return view! { <p>"None yet."</p> }.into_any();
                }
                view! {
                    <ul>{actions.into_iter().map(|a| view! {
                        <li>{format!("{} · {} · due {}{}", a.action.text, a.owner, day_words(&a.action.due_on), if a.action.done_at.is_some() { " · done" } else { "" })}</li>
                    }).collect_view()}</ul>
                }.into_any()
            }}
        </section>
    }
}

/// Wellbeing and the employer's rating at each finished visit, 1 to 5, as two lines of dots.
#[component]
fn RatingsChart(visits: Signal<Vec<VisitView>>) -> impl IntoView {
    move || {
        let rated: Vec<(Option<u8>, Option<u8>)> = visits
            .get()
            .into_iter()
            .filter(|v| v.visit.finished_at.is_some())
            .map(|v| (v.visit.wellbeing_rating, v.visit.employer_rating))
            .collect();
        if rated.is_empty() {
            return ().into_any();
        }
        let words = rated
            .iter()
            .enumerate()
            .map(|(n, (wellbeing, employer))| {
                let show = |r: &Option<u8>| {
                    r.map_or_else(|| "not rated".to_owned(), |r| format!("{r} of 5"))
                };
                format!(
                    "visit {}: wellbeing {}, employer {}",
                    n + 1,
                    show(wellbeing),
                    show(employer)
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        let step = 100.0 / rated.len() as f64;
        let dots = rated
            .iter()
            .enumerate()
            .flat_map(|(n, (wellbeing, employer))| {
                let x = step * (n as f64 + 0.5);
                [(wellbeing, "dot-wellbeing"), (employer, "dot-employer")]
                    .into_iter()
                    .filter_map(move |(rating, class)| {
                        let y = 44.0 - f64::from((*rating)?) * 8.0;
                        Some(view! { <circle class=class cx=format!("{x:.1}") cy=format!("{y:.1}") r="3"/> })
                    })
            })
            .collect_view();
        view! {
            <figure class="ratings-chart">
                <svg viewBox="0 0 100 48" role="img" aria-label=format!("Ratings over time: {words}")>
                    <line class="axis" x1="0" y1="44" x2="100" y2="44"/>
                    {dots}
                </svg>
                <figcaption>"Ratings at each visit, 1 to 5: wellbeing (filled) and the employer's (outlined)."</figcaption>
            </figure>
        }
        .into_any()
    }
}

//! The `/placements` page: the signed-in member of staff's visits (overdue first, then
//! upcoming), the placements of their learners, and for the coordinator every placement with
//! the ones that need attention (a check missing, a visit overdue), the CSV and a new one.

use leptos::prelude::*;
use leptos_router::components::A;
use mentor_core::EntityKind;

use super::csv::placements_csv;
use super::new_placement::NewPlacement;
use super::placement_data::{PlacementView, PlacementsData, VisitView};
use super::{status_words, use_placements};
use crate::client::download_text;
use crate::pages::{day_words, today};
use crate::pages::{maps_link, phone_link};
use crate::state::SyncStatus;

#[component]
pub fn PlacementsPage() -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let me = Memo::new(move |_| status.signed_in());
    let coordinator = Memo::new(move |_| {
        me.get()
            .is_some_and(|(_, role)| role.may_create(EntityKind::Placement))
    });
    let (data, loaded) = use_placements();
    let download_problem = RwSignal::new(None::<String>);
    let today = today();
    let my_visits = {
        let today = today.clone();
        move || {
            let me = me.get().map(|(id, _)| id);
            data.with(|data| {
                data.visits
                    .iter()
                    .filter(|view| {
                        Some(view.visit.visitor_id) == me && view.visit.finished_at.is_none()
                    })
                    .cloned()
                    .map(|view| (view.visit.planned_on < today, view))
                    .collect::<Vec<_>>()
            })
        }
    };
    let attention = {
        let today = today.clone();
        move || data.with(|data| needing_attention(data, &today))
    };
    view! {
        <div class="page placements-page">
            <h1>"Placements"</h1>
            <section class="card" aria-labelledby="my-visits-heading">
                <h2 id="my-visits-heading">"My visits"</h2>
                {move || {
                    let visits = my_visits();
                    if visits.is_empty() {
                        return view! { <p>"No visits planned for you."</p> }.into_any();
                    }
                    view! {
                        <ul class="visit-list">
                            {visits.into_iter().map(|(overdue, view)| view! { <VisitLine view overdue/> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
            </section>
            <Show when=move || coordinator.get()>
                <section class="card" aria-labelledby="attention-heading">
                    <h2 id="attention-heading">"Needs attention"</h2>
                    {
                        let attention = attention.clone();
                        move || {
                            let lines = attention();
                            if lines.is_empty() {
                                return view! { <p>"Every placement has its checks and no visit is overdue."</p> }.into_any();
                            }
                            view! { <ul>{lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul> }.into_any()
                        }
                    }
                </section>
            </Show>
            <section class="card" aria-labelledby="placements-heading">
                <h2 id="placements-heading">"Placements"</h2>
                <Show when=move || coordinator.get()>
                    <button type="button" class="button secondary" disabled=move || !loaded.get() on:click=move |_| {
                        let csv = data.with_untracked(|data| placements_csv(&data.placements));
                        download_problem.set(download_text("placements.csv", "text/csv", &csv).err());
                    }>
                        "Download CSV"
                    </button>
                    {move || download_problem.get().map(|problem| view! { <p class="form-error" role="alert">{problem}</p> })}
                </Show>
                {move || {
                    let placements = data.with(|data| data.placements.clone());
                    if placements.is_empty() {
                        return view! { <p>"No placements on this device."</p> }.into_any();
                    }
                    view! {
                        <ul class="placement-list">
                            {placements.into_iter().map(|view| view! { <PlacementLine view/> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
            </section>
            <Show when=move || coordinator.get()>
                <NewPlacement data/>
            </Show>
        </div>
    }
}

/// One of my visits: whom, where (a maps link), the supervisor's phone (a call link).
#[component]
fn VisitLine(view: VisitView, overdue: bool) -> impl IntoView {
    let (employer, address, phone) = view.placement.as_ref().map_or_else(Default::default, |p| {
        (
            p.employer.clone(),
            p.address.clone(),
            p.supervisor_phone.clone().unwrap_or_default(),
        )
    });
    let when = day_words(&view.visit.planned_on);
    let started = view.visit.started_at.is_some();
    view! {
        <li class="visit-line" class:overdue=overdue>
            <A href=format!("/visits/{}", view.id) attr:class="visit-link">
                {format!("{} at {employer}", view.learner)}
            </A>
            <span class="visit-when">
                {when}
                {overdue.then(|| view! { <strong class="overdue-badge">" · Overdue"</strong> })}
                {started.then_some(" · Started")}
            </span>
            <span class="visit-contact">
                {(!address.is_empty()).then(|| view! { <a href=maps_link(&address) target="_blank" rel="noopener">{format!("Map: {address}")}</a> })}
                {(!phone.is_empty()).then(|| view! { <a href=phone_link(&phone)>{format!("Call {phone}")}</a> })}
            </span>
        </li>
    }
}

#[component]
fn PlacementLine(view: PlacementView) -> impl IntoView {
    let missing = view.placement.missing_checks().len();
    let detail = format!(
        "{} · {} to {} · {}{}",
        status_words(&view.placement.status),
        day_words(&view.placement.starts_on),
        day_words(&view.placement.ends_on),
        if view.visitor.is_empty() {
            String::new()
        } else {
            format!("visits: {}", view.visitor)
        },
        match missing {
            0 => String::new(),
            1 => " · 1 check missing".to_owned(),
            n => format!(" · {n} checks missing"),
        }
    );
    view! {
        <li>
            <A href=format!("/placements/{}", view.id) attr:class="placement-link">
                <span class="row-title">{format!("{} at {}", view.learner, view.placement.employer)}</span>
                <span class="row-detail">{detail}</span>
            </A>
        </li>
    }
}

/// Placements with a check missing, and visits overdue, in words.
fn needing_attention(data: &PlacementsData, today: &str) -> Vec<String> {
    let mut lines: Vec<String> = data
        .placements
        .iter()
        .filter(|view| matches!(view.placement.status.as_str(), "planned" | "active"))
        .filter_map(|view| {
            let missing = view.placement.missing_checks();
            (!missing.is_empty()).then(|| {
                format!(
                    "{} at {}: missing {}",
                    view.learner,
                    view.placement.employer,
                    missing.join("; ")
                )
            })
        })
        .collect();
    lines.extend(
        data.visits
            .iter()
            .filter(|view| {
                view.visit.finished_at.is_none() && view.visit.planned_on.as_str() < today
            })
            .map(|view| {
                format!(
                    "{}: visit planned {} by {} is overdue",
                    view.learner,
                    day_words(&view.visit.planned_on),
                    view.visitor
                )
            }),
    );
    lines
}

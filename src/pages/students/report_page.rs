//! `/students/:id/report`: a student's progress report for a chosen period, gathered on the
//! device, offline, from what it holds; the mentor writes the summary paragraph (saved and
//! synced like any record). It prints cleanly for a Personal Progress Day or an annual
//! review (the print stylesheet leaves out the navigation, the period and the buttons) and
//! downloads as CSV rows for the MIS.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use mentor_core::ids::EntityId;

use super::profile_data::{Permissions, load_profile};
use super::profile_tracking::ScaleChart;
use super::report_data::{Report, build_report, report_csv};
use crate::client::interventions::measure_words;
use crate::client::summaries::{SummaryPlace, summary_edit};
use crate::client::targets::score_words;
use crate::client::{AppClient, SaveAction, SaveState, download_text, new_id, print_page};
use crate::components::save_line;
use crate::pages::{day_words, days_before, load_interventions, today};
use crate::state::SyncStatus;

/// The period a report covers until another is chosen: the last twelve weeks.
const DEFAULT_DAYS: u64 = 84;

#[component]
pub fn ReportPage() -> impl IntoView {
    let params = use_params_map();
    let student = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<EntityId>().ok())
    };
    view! {
        <div class="page report-page">
            {move || student().map(|id| view! {
                <A href=format!("/students/{id}") attr:class="back-link">"Back to the profile"</A>
                <StudentReport id/>
            })}
        </div>
    }
}

#[component]
fn StudentReport(id: EntityId) -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let client = AppClient::expect();
    let to = RwSignal::new(today());
    let from = RwSignal::new(days_before(&today(), DEFAULT_DAYS));
    let profile = LocalResource::new(move || {
        status.revision();
        let store = client.store();
        async move {
            let store = store?;
            let profile = load_profile(&*store, id).await.ok()?;
            let programmes = load_interventions(&*store)
                .await
                .map(|data| data.programmes)
                .unwrap_or_default();
            Some((profile, programmes))
        }
    });
    let report = Memo::new(move |_| {
        profile
            .get()
            .flatten()
            .filter(|(profile, _)| profile.student.is_some())
            .map(|(profile, programmes)| {
                build_report(&profile, &programmes, &from.get(), &to.get())
            })
    });
    let may_write = Memo::new(move |_| {
        status
            .get()
            .staff
            .is_some_and(|staff| Permissions::for_role(staff.role).progress)
    });
    let problem = RwSignal::new(None::<String>);
    let download = move |_| {
        let Some(report) = report.get_untracked() else {
            return;
        };
        let name = format!(
            "progress-{}-{}-{}.csv",
            report.name.replace(' ', "-"),
            report.from,
            report.to
        );
        problem.set(download_text(&name, "text/csv;charset=utf-8", &report_csv(&report)).err());
    };
    view! {
        <Show
            when=move || report.with(Option::is_some)
            fallback=|| view! { <h1>"Progress report"</h1><p>"Reading this device…"</p> }
        >
            <h1>{move || report.with(|r| r.as_ref().map(|r| format!("Progress report: {}", r.name)))}</h1>
            <p class="report-who">{move || report.with(|r| r.as_ref().map(|r| {
                format!("{} · {} to {}", r.year_and_form, day_words(&r.from), day_words(&r.to))
            }))}</p>
            <form class="report-period no-print" aria-label="Period" on:submit=|ev: SubmitEvent| ev.prevent_default()>
                <div class="field">
                    <label for="report-from">"From"</label>
                    <input id="report-from" type="date" prop:value=move || from.get()
                        on:change=move |ev| from.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="report-to">"To"</label>
                    <input id="report-to" type="date" prop:value=move || to.get()
                        on:change=move |ev| to.set(event_target_value(&ev))/>
                </div>
            </form>
            <div class="form-actions no-print">
                <button type="button" class="button secondary" on:click=move |_| print_page()>"Print"</button>
                <button type="button" class="button secondary" on:click=download>"Download CSV"</button>
            </div>
            {move || problem.get().map(|problem| view! { <p class="form-error" role="alert">{problem}</p> })}
            <SummaryEditor id report may_write/>
            {move || report.get().map(|report| view! { <ReportBody report/> })}
        </Show>
    }
}

#[component]
fn ReportBody(report: Report) -> impl IntoView {
    let targets = report.targets.iter().map(|target| {
        let reviews = target.reviews.iter().map(|review| {
            let comment = review.comment.clone().map(|c| format!(" — {c}")).unwrap_or_default();
            view! { <li>{format!("{}: {}{comment}", day_words(&review.reviewed_on), score_words(i64::from(review.score), &report.score_names))}</li> }
        }).collect_view();
        view! {
            <li>
                <strong>{target.text.clone()}</strong>
                {format!(" ({}, from {}; {})", target.area, day_words(&target.starts_on), target.status)}
                <ul>{reviews}</ul>
            </li>
        }
    }).collect_view();
    let topics: Vec<String> = report
        .topics
        .iter()
        .map(|(topic, n)| format!("{topic} ({n})"))
        .collect();
    let words = report
        .words
        .iter()
        .map(|(day, said)| {
            view! {
                <li><q>{said.clone()}</q>{format!(" ({})", day_words(day))}</li>
            }
        })
        .collect_view();
    let actions = report
        .actions
        .iter()
        .map(|(action, owner)| {
            let state = action.done_on.as_ref().map_or_else(
                || format!("due {}", day_words(&action.due_on)),
                |day| format!("done {}", day_words(day)),
            );
            view! { <li>{format!("{} · {owner} · {state}", action.text)}</li> }
        })
        .collect_view();
    let charts = report
        .tracking
        .iter()
        .cloned()
        .map(|view| view! { <ScaleChart view/> })
        .collect_view();
    let helps = report
        .strategies
        .iter()
        .map(|strategy| {
            let used = if strategy.used == 0 {
                String::new()
            } else {
                format!(
                    " — helped in {} of {} lessons noted",
                    strategy.helped, strategy.used
                )
            };
            view! { <li>{format!("{}{used}", strategy.text)}</li> }
        })
        .collect_view();
    let interventions = report
        .interventions
        .iter()
        .map(|view| {
            let score =
                |score: Option<i64>| view.score(score).unwrap_or_else(|| "not yet".to_owned());
            let attended = view.outcome.attendance_percent().map_or_else(
                || "no sessions yet".to_owned(),
                |percent| {
                    format!(
                        "attended {} of {} sessions ({percent}%)",
                        view.outcome.attended, view.outcome.held
                    )
                },
            );
            view! {
                <li><strong>{view.name.clone()}</strong>{format!(
                    ": {} entry {}, exit {}; {attended}",
                    measure_words(&view.measure),
                    score(view.outcome.entry),
                    score(view.outcome.exit)
                )}</li>
            }
        })
        .collect_view();
    let none = |empty: bool, words: &'static str| empty.then(|| view! { <p>{words}</p> });
    view! {
        <section class="card report-section" aria-labelledby="report-targets-heading">
            <h2 id="report-targets-heading">"Targets"</h2>
            {none(report.targets.is_empty(), "No targets in this period.")}
            <ul class="report-list">{targets}</ul>
        </section>
        <section class="card report-section" aria-labelledby="report-mentoring-heading">
            <h2 id="report-mentoring-heading">"Mentoring"</h2>
            <p>{format!("{} sessions, {} minutes in all.", report.sessions, report.minutes)}
                {(!topics.is_empty()).then(|| format!(" Topics: {}.", topics.join(", ")))}</p>
            <ul class="report-list" aria-label="Actions agreed">{actions}</ul>
        </section>
        <section class="card report-section" aria-labelledby="report-words-heading">
            <h2 id="report-words-heading">"In their own words"</h2>
            {report.voice.clone().map(|voice| view! { <p><q>{voice}</q>" (Learning Passport)"</p> })}
            {none(report.words.is_empty() && report.voice.is_none(), "Nothing recorded in their words in this period.")}
            <ul class="report-list">{words}</ul>
        </section>
        <section class="card report-section" aria-labelledby="report-tracking-heading">
            <h2 id="report-tracking-heading">"Tracking"</h2>
            {none(report.tracking.is_empty(), "No levels recorded in this period.")}
            <div class="scale-charts">{charts}</div>
        </section>
        <section class="card report-section" aria-labelledby="report-interventions-heading">
            <h2 id="report-interventions-heading">"Interventions"</h2>
            {none(report.interventions.is_empty(), "No intervention programmes.")}
            <ul class="report-list">{interventions}</ul>
        </section>
        <section class="card report-section" aria-labelledby="report-helps-heading">
            <h2 id="report-helps-heading">"What helps"</h2>
            {none(report.strategies.is_empty(), "No strategies in the Learning Passport yet.")}
            <ul class="report-list">{helps}</ul>
        </section>
    }
}

/// The summary paragraph for the period shown: as written, with a form to write or change it
/// for those who may (printed without the form). Made once for the page, so a sync that
/// brings other records never resets what is being typed; a summary saved (here or on
/// another device) replaces the text in the box.
#[component]
fn SummaryEditor(
    id: EntityId,
    report: Memo<Option<Report>>,
    may_write: Memo<bool>,
) -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let saving = SaveAction::new();
    let saved =
        Memo::new(move |_| report.with(|report| report.as_ref().and_then(|r| r.summary.clone())));
    let typed_text = RwSignal::new(String::new());
    Effect::new(move |_| {
        typed_text.set(saved.with(|saved| {
            saved
                .as_ref()
                .map(|(_, s)| s.text.clone())
                .unwrap_or_default()
        }));
    });
    let save = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some((me, _)) = status.signed_in_untracked() else {
            return;
        };
        let Some(place) = report.with_untracked(|report| {
            report.as_ref().map(|r| SummaryPlace {
                student: id,
                from: r.from.clone(),
                to: r.to.clone(),
            })
        }) else {
            return;
        };
        let existing = saved.with_untracked(|saved| saved.as_ref().map(|(summary, _)| *summary));
        match summary_edit(existing, new_id, &place, me, &typed_text.get_untracked()) {
            Ok(edit) => saving.save(edit, || {}),
            Err(problem) => saving.set(SaveState::Failed(problem)),
        }
    };
    view! {
        <section class="card report-section" aria-labelledby="report-summary-heading">
            <h2 id="report-summary-heading">"Summary"</h2>
            {move || saved.get().map(|(_, summary)| view! { <p class="report-summary">{summary.text}</p> })}
            <Show when=move || may_write.get()>
                <form class="no-print" aria-label="Summary" on:submit=save novalidate>
                    <div class="field">
                        <label for="report-summary">"Summary paragraph"</label>
                        <textarea id="report-summary" rows="5" prop:value=move || typed_text.get()
                            on:input=move |ev| typed_text.set(event_target_value(&ev))></textarea>
                    </div>
                    <button type="submit" class="button">"Save summary"</button>
                    {save_line(saving.signal())}
                </form>
            </Show>
        </section>
    }
}

//! `/interventions/:id`: one programme — its lead, measure and sessions held of those
//! planned; each student's entry and exit scores (editable by those who may), change and
//! share of sessions attended; the group's median change and how many improved, drawn as a
//! chart of each student's entry and exit.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use mentor_core::{EntityId, EntityKind};

use super::intervention_data::{ProgrammeView, StudentRow};
use super::interventions_page::interventions_signal;
use super::programme_edit::EditProgramme;
use crate::client::interventions::{
    group_result, measure_change_words, measure_words, record_scores, score_box, written_score,
};
use crate::client::{SaveAction, SaveState};
use crate::components::save_line;
use crate::pages::day_words;
use crate::state::SyncStatus;

#[component]
pub fn InterventionPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<EntityId>().ok())
    };
    let data = interventions_signal();
    let view_of = Memo::new(move |_| {
        let id = id()?;
        data.with(|data| data.programmes.iter().find(|view| view.id == id).cloned())
    });
    let staff = Memo::new(move |_| data.with(|data| data.staff.clone()));
    view! {
        <div class="page intervention-page">
            <A href="/interventions" attr:class="back-link">"Back to programmes"</A>
            <Show
                when=move || view_of.with(Option::is_some)
                fallback=|| view! {
                    <h1>"Intervention programme"</h1>
                    <p>"This programme is not on this device."</p>
                }
            >
                <Programme view_of staff/>
            </Show>
        </div>
    }
}

/// The programme's page, read again after every save or sync; a row's typed scores stay as
/// typed while other rows save.
#[component]
fn Programme(
    view_of: Memo<Option<ProgrammeView>>,
    staff: Memo<Vec<(EntityId, String)>>,
) -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let may_record = Memo::new(move |_| {
        status
            .get()
            .staff
            .is_some_and(|staff| staff.role.may_create(EntityKind::InterventionScore))
    });
    let read = move |words: fn(&ProgrammeView) -> String| {
        move || view_of.with(|view| view.as_ref().map(words).unwrap_or_default())
    };
    let summary = read(|view| {
        let outcomes: Vec<_> = view.rows.iter().map(|row| row.outcome.clone()).collect();
        let result = group_result(&outcomes);
        match result.median_change {
            Some(median) => format!(
                "Median change: {}. {} of {} improved.",
                measure_change_words(&view.programme.measure, median),
                result.improved,
                result.measured
            ),
            None => "No student has both an entry and an exit score yet.".to_owned(),
        }
    });
    let measure = read(|view| {
        let programme = &view.programme;
        match &view.scale {
            Some(scale) => format!("{} ({})", measure_words(&programme.measure), scale.name),
            None => format!(
                "{} from {} to {}",
                measure_words(&programme.measure),
                written_score(&programme.measure, programme.measure_min),
                written_score(&programme.measure, programme.measure_max)
            ),
        }
    });
    let students = move || {
        view_of.with(|view| {
            view.as_ref()
                .map(|view| view.rows.iter().map(|row| row.id).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    view! {
        <h1>{read(|view| view.programme.name.clone())}</h1>
        <dl class="facts">
            <dt>"Lead"</dt><dd>{read(|view| view.lead.clone())}</dd>
            <dt>"Group"</dt><dd>{read(|view| view.group.clone())}</dd>
            <dt>"Measure"</dt><dd>{measure}</dd>
            <dt>"Started"</dt><dd>{read(|view| day_words(&view.programme.starts_on))}</dd>
            <dt>"Sessions"</dt><dd>{read(|view| format!("{} held of {} planned", view.held, view.programme.planned_sessions))}</dd>
        </dl>
        <EditProgramme view_of staff/>
        <section class="card" aria-labelledby="result-heading">
            <h2 id="result-heading">"The group"</h2>
            <p class="group-result">{summary}</p>
            {move || view_of.get().map(|view| view! { <OutcomeChart view/> })}
        </section>
        <section class="card" aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">"Sessions"</h2>
            {move || {
                let sessions = view_of.with(|view| view.as_ref().map(|view| view.sessions.clone()).unwrap_or_default());
                if sessions.is_empty() {
                    return view! { <p>"No sessions yet: each register of the group from the start day is one."</p> }.into_any();
                }
                view! {
                    <ul class="row-list" aria-label="Sessions held">
                        {sessions.into_iter().map(|held| {
                            let title = format!("{} · {}", day_words(&held.date), held.session);
                            let note = held.note.unwrap_or_else(|| "No note".to_owned());
                            view! {
                                <li>
                                    <A href=format!("/registers/{}", held.register)>
                                        <span class="row-title">{title}</span>
                                        <span class="row-detail">{note}</span>
                                    </A>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section class="card" aria-labelledby="students-heading">
            <h2 id="students-heading">"Students"</h2>
            <ul class="score-rows">
                <For each=students key=|id| *id let:student>
                    <ScoreRow view_of student may_record/>
                </For>
            </ul>
        </section>
    }
}

#[component]
fn ScoreRow(
    view_of: Memo<Option<ProgrammeView>>,
    student: EntityId,
    may_record: Memo<bool>,
) -> impl IntoView {
    let row = Memo::new(move |_| {
        view_of.with(|view| {
            view.as_ref()
                .and_then(|view| view.rows.iter().find(|row| row.id == student).cloned())
        })
    });
    let saving = SaveAction::new();
    let measure = StoredValue::new(view_of.with_untracked(|view| {
        view.as_ref()
            .map(|view| view.programme.measure.clone())
            .unwrap_or_default()
    }));
    let shown = |score: Option<i64>| {
        score
            .map(|n| measure.with_value(|measure| written_score(measure, n)))
            .unwrap_or_default()
    };
    let first = row.get_untracked();
    let entry = RwSignal::new(shown(first.as_ref().and_then(|row| row.outcome.entry)));
    let exit = RwSignal::new(shown(first.as_ref().and_then(|row| row.outcome.exit)));
    let name = first.map(|row| row.name).unwrap_or_default();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let recorded = row.with_untracked(|row| row.as_ref().is_some_and(|row| row.recorded));
        let edit = view_of.with_untracked(|view| {
            let view = view
                .as_ref()
                .ok_or("This programme is not on this device.")?;
            record_scores(
                view.id,
                &view.programme,
                student,
                &entry.get_untracked(),
                &exit.get_untracked(),
                recorded,
            )
        });
        match edit {
            Ok(edit) => saving.save(edit, || {}),
            Err(problem) => saving.set(SaveState::Failed(problem)),
        }
    };
    let line = move || {
        row.with(|row| {
            let Some(row) = row else { return String::new() };
            let attendance = match row.outcome.attendance_percent() {
                Some(percent) => format!(
                    "Attended {} of {} sessions ({percent}%)",
                    row.outcome.attended, row.outcome.held
                ),
                None => "No sessions held yet".to_owned(),
            };
            let change = row.outcome.change().map_or_else(
                || "Change not known yet".to_owned(),
                |change| {
                    let words = measure.with_value(|m| measure_change_words(m, change as f64));
                    format!("Change {words}")
                },
            );
            format!("{attendance}. {change}.")
        })
    };
    let field = move |name: &str| format!("{name}-{student}");
    let label = format!("Scores for {name}");
    let (noun, mode) = measure.with_value(|measure| score_box(measure));
    let (entry_label, exit_label) = (format!("Entry {noun}"), format!("Exit {noun}"));
    view! {
        <li class="score-row">
            <h3>{name}</h3>
            <p>{line}</p>
            <Show when=move || may_record.get()>
                <form class="score-form" aria-label=label.clone() on:submit=save novalidate>
                    <div class="field">
                        <label for=field("entry")>{entry_label.clone()}</label>
                        <input id=field("entry") type="text" inputmode=mode prop:value=move || entry.get()
                            on:input=move |ev| entry.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for=field("exit")>{exit_label.clone()}</label>
                        <input id=field("exit") type="text" inputmode=mode prop:value=move || exit.get()
                            on:input=move |ev| exit.set(event_target_value(&ev))/>
                    </div>
                    <button type="submit" class="button secondary">"Save scores"</button>
                    {save_line(saving.signal())}
                </form>
            </Show>
        </li>
    }
}

const WIDTH: f64 = 320.0;
const ROW: f64 = 28.0;
const LEFT: f64 = 8.0;

/// Each student's entry (hollow) and exit (filled) on the measure's range, one line each.
#[component]
fn OutcomeChart(view: ProgrammeView) -> impl IntoView {
    let (least, most) = (
        view.programme.measure_min as f64,
        view.programme.measure_max as f64,
    );
    let x = move |score: i64| {
        LEFT + (WIDTH - 2.0 * LEFT) * ((score as f64 - least) / (most - least)).clamp(0.0, 1.0)
    };
    let measured: Vec<&StudentRow> = view
        .rows
        .iter()
        .filter(|row| row.outcome.entry.is_some())
        .collect();
    let height = ROW * measured.len().max(1) as f64;
    let measure = view.programme.measure.as_str();
    let score = |n: i64| written_score(measure, n);
    let words: Vec<String> = measured
        .iter()
        .map(|row| match (row.outcome.entry, row.outcome.exit) {
            (Some(entry), Some(exit)) => {
                format!("{}: {} to {}", row.name, score(entry), score(exit))
            }
            (Some(entry), None) => format!("{}: {}, no exit score yet", row.name, score(entry)),
            _ => String::new(),
        })
        .collect();
    let lines = measured
        .iter()
        .enumerate()
        .map(|(n, row)| {
            let y = ROW * n as f64 + ROW / 2.0;
            let entry = row.outcome.entry.unwrap_or_default();
            let exit = row.outcome.exit;
            view! {
                <g>
                    {exit.map(|exit| view! { <line x1=format!("{:.1}", x(entry)) x2=format!("{:.1}", x(exit)) y1=format!("{y:.1}") y2=format!("{y:.1}")/> })}
                    <circle class="entry" cx=format!("{:.1}", x(entry)) cy=format!("{y:.1}") r="6"/>
                    {exit.map(|exit| view! { <circle class="exit" cx=format!("{:.1}", x(exit)) cy=format!("{y:.1}") r="6"/> })}
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="outcome-chart">
            <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-label=format!("Entry and exit scores. {}", words.join("; "))>
                {lines}
            </svg>
            <figcaption>{format!("Hollow: entry; filled: exit. From {} (left) to {} (right).", score(view.programme.measure_min), score(view.programme.measure_max))}</figcaption>
        </figure>
    }
}

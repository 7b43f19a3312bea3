//! A student's levels on the school's tracking scales, on their profile: one small chart per
//! scale and subject, oldest to newest, and "Record a level" for those who may write (the
//! student's mentors, the SENCO and the administrator). The device shows what the server let
//! it pull; it decides nothing about who sees what.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use mentor_core::ids::EntityId;
use mentor_core::merge::RecordState;
use mentor_core::records::{self, TrackingScale, TrackingValue};

use crate::client::tracking::{LevelForm, record_level};
use crate::client::{SaveAction, SaveState};
use crate::components::save_line;
use crate::pages::{day_words, today};
use crate::state::SyncStatus;

/// A student's levels on one scale in one subject, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackingView {
    pub scale: TrackingScale,
    pub subject: String,
    /// Day (`YYYY-MM-DD`) and level (1 = lowest).
    pub levels: Vec<(String, u8)>,
}

impl TrackingView {
    /// The levels in words, for those who cannot see the chart: "Good on Tue 1 Dec 2026, …".
    pub fn words(&self) -> String {
        let levels: Vec<String> = self
            .levels
            .iter()
            .map(|(day, level)| format!("{} on {}", self.scale.label(*level), day_words(day)))
            .collect();
        format!(
            "{}, {}: {}",
            self.scale.name,
            self.subject,
            levels.join(", ")
        )
    }
}

/// `student`'s levels grouped by scale (by name) and subject.
pub fn student_tracking(
    values: &[RecordState],
    scales: &[(EntityId, TrackingScale)],
    student: EntityId,
) -> Vec<TrackingView> {
    let mut values: Vec<TrackingValue> = records::live(values)
        .map(|(_, value): (EntityId, TrackingValue)| value)
        .filter(|value| value.student_id == student)
        .collect();
    values.sort_by(|a, b| a.recorded_on.cmp(&b.recorded_on));
    let mut views: Vec<TrackingView> = Vec::new();
    for (id, scale) in scales {
        let mut subjects: Vec<&str> = values
            .iter()
            .filter(|value| value.scale_id == *id)
            .map(|value| value.subject.as_str())
            .collect();
        subjects.sort_unstable();
        subjects.dedup();
        for subject in subjects {
            views.push(TrackingView {
                scale: scale.clone(),
                subject: subject.to_owned(),
                levels: values
                    .iter()
                    .filter(|value| value.scale_id == *id && value.subject == subject)
                    .map(|value| (value.recorded_on.clone(), value.level))
                    .collect(),
            });
        }
    }
    views
}

const WIDTH: f64 = 320.0;
const HEIGHT: f64 = 120.0;
const MARGIN: f64 = 12.0;

/// One scale in one subject as a line over time, its lowest and highest labels beside it.
#[component]
pub fn ScaleChart(view: TrackingView) -> impl IntoView {
    let top = view.scale.points.len().max(2);
    let count = view.levels.len();
    let x = move |n: usize| {
        if count < 2 {
            WIDTH / 2.0
        } else {
            MARGIN + (WIDTH - 2.0 * MARGIN) * n as f64 / (count - 1) as f64
        }
    };
    let y = move |level: u8| {
        let share = (f64::from(level) - 1.0) / (top - 1) as f64;
        HEIGHT - MARGIN - (HEIGHT - 2.0 * MARGIN) * share.clamp(0.0, 1.0)
    };
    let line: Vec<String> = view
        .levels
        .iter()
        .enumerate()
        .map(|(n, (_, level))| format!("{:.1},{:.1}", x(n), y(*level)))
        .collect();
    let dots = view
        .levels
        .iter()
        .enumerate()
        .map(|(n, (_, level))| view! { <circle cx=format!("{:.1}", x(n)) cy=format!("{:.1}", y(*level)) r="4"/> })
        .collect_view();
    let lowest = view.scale.label(1);
    let highest = view.scale.points.last().cloned().unwrap_or_default();
    let latest = view
        .levels
        .last()
        .map(|(day, level)| format!("Latest: {} ({})", view.scale.label(*level), day_words(day)))
        .unwrap_or_default();
    view! {
        <figure class="scale-chart">
            <figcaption>{format!("{} · {}", view.scale.name, view.subject)}</figcaption>
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=view.words()>
                <line class="axis" x1="0" y1=format!("{:.1}", y(1)) x2=WIDTH.to_string() y2=format!("{:.1}", y(1))/>
                <polyline points=line.join(" ")/>
                {dots}
            </svg>
            <p class="scale-range">{format!("{lowest} (lowest) to {highest} (highest). {latest}")}</p>
        </figure>
    }
}

/// The profile's "Tracking" section.
#[component]
pub fn TrackingSection(
    student: EntityId,
    tracking: Memo<Vec<TrackingView>>,
    scales: Memo<Vec<(EntityId, TrackingScale)>>,
    editable: Signal<bool>,
) -> impl IntoView {
    let shown =
        move || !tracking.with(Vec::is_empty) || (editable.get() && !scales.with(Vec::is_empty));
    view! {
        <Show when=shown>
            <section class="card tracking-section" aria-labelledby="tracking-heading">
                <h2 id="tracking-heading">"Tracking"</h2>
                <Show when=move || tracking.with(Vec::is_empty)>
                    <p>"No levels recorded yet."</p>
                </Show>
                <div class="scale-charts">
                    {move || tracking.get().into_iter().map(|view| view! { <ScaleChart view/> }).collect_view()}
                </div>
                <Show when=move || editable.get()>
                    <RecordLevel student scales/>
                </Show>
            </section>
        </Show>
    }
}

#[component]
fn RecordLevel(student: EntityId, scales: Memo<Vec<(EntityId, TrackingScale)>>) -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let saving = SaveAction::new();
    let scale = RwSignal::new(String::new());
    let form = RwSignal::new(LevelForm {
        recorded_on: today(),
        ..LevelForm::default()
    });
    let chosen = move || {
        let wanted: Option<EntityId> = scale.get().parse().ok();
        scales.with(|scales| scales.iter().find(|(id, _)| Some(*id) == wanted).cloned())
    };
    let save = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some((me, _)) = status.signed_in_untracked() else {
            return;
        };
        let Some((scale_id, on)) = chosen() else {
            saving.set(SaveState::Failed("Choose a scale.".to_owned()));
            return;
        };
        let Some(id) = saving.new_id() else { return };
        match form.with_untracked(|form| record_level(id, scale_id, &on, student, me, form)) {
            Ok(edit) => saving.save(edit, move || {
                let _ = form.try_update(|form| form.level.clear());
            }),
            Err(problem) => saving.set(SaveState::Failed(problem)),
        }
    };
    let text = |get: fn(&LevelForm) -> &String| move || form.with(|f| get(f).clone());
    view! {
        <form class="record-level" aria-label="Record a level" on:submit=save novalidate>
            <h3>"Record a level"</h3>
            <div class="field">
                <label for="level-scale">"Scale"</label>
                <select id="level-scale" prop:value=move || scale.get()
                    on:change=move |ev| {
                        scale.set(event_target_value(&ev));
                        form.update(|f| f.level.clear());
                    }>
                    <option value="">"Choose a scale"</option>
                    {move || scales.get().into_iter().map(|(id, scale)| view! {
                        <option value=id.to_string()>{scale.name}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="level-subject">"Subject"</label>
                <input id="level-subject" type="text" prop:value=text(|f| &f.subject)
                    on:input=move |ev| form.update(|f| f.subject = event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="level-day">"Day"</label>
                <input id="level-day" type="date" prop:value=text(|f| &f.recorded_on)
                    on:input=move |ev| form.update(|f| f.recorded_on = event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="level-level">"Level"</label>
                <select id="level-level" prop:value=text(|f| &f.level)
                    on:change=move |ev| form.update(|f| f.level = event_target_value(&ev))>
                    <option value="">"Choose a level"</option>
                    {move || chosen().map(|(_, scale)| scale.points.into_iter().enumerate().map(|(n, label)| view! {
                        <option value=(n + 1).to_string()>{label}</option>
                    }).collect_view())}
                </select>
            </div>
            <button type="submit" class="button">"Record level"</button>
            {save_line(saving.signal())}
        </form>
    }
}

//! On a student's profile: their recent lesson notes, newest first and filterable by tag,
//! and "what helps": for each Passport strategy, how often notes of the last six weeks say it
//! was used and whether it helped, drawn as a small chart, as evidence for the annual review.

use leptos::prelude::*;

use super::profile_data::PassportItem;
use crate::pages::{NoteView, note_line};
use crate::storage::platform;

/// How far back "what helps" counts: six weeks.
const WINDOW_MS: i64 = 42 * 24 * 60 * 60 * 1000;

/// How many notes "Recent notes" shows.
const SHOWN: usize = 20;

/// How often one strategy was used in the window, and how it went.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StrategyUse {
    pub used: usize,
    pub helped: usize,
    pub partly: usize,
    pub not_helped: usize,
}

/// Each strategy with its use in the six weeks to `now` (milliseconds since 1970).
pub fn what_helps(
    strategies: &[PassportItem],
    notes: &[NoteView],
    now: i64,
) -> Vec<(String, StrategyUse)> {
    strategies
        .iter()
        .map(|strategy| {
            let mut tally = StrategyUse::default();
            let uses = notes.iter().filter(|note| {
                note.note.strategy_id == Some(strategy.id)
                    && now - note.note.recorded_at <= WINDOW_MS
            });
            for note in uses {
                tally.used += 1;
                match note.note.strategy_helped.as_deref() {
                    Some("yes") => tally.helped += 1,
                    Some("partly") => tally.partly += 1,
                    Some("no") => tally.not_helped += 1,
                    _ => {}
                }
            }
            (strategy.text.clone(), tally)
        })
        .collect()
}

/// The student's recent notes and what helps them.
#[component]
pub fn NotesSection(
    notes: Memo<Vec<NoteView>>,
    strategies: Memo<Vec<PassportItem>>,
) -> impl IntoView {
    let tag = RwSignal::new(String::new());
    let tags = Memo::new(move |_| {
        let mut tags: Vec<String> = Vec::new();
        notes.with(|notes| {
            for note in notes {
                for tag in &note.note.tags {
                    if !tags.contains(tag) {
                        tags.push(tag.clone());
                    }
                }
            }
        });
        tags
    });
    let shown = move || {
        let tag = tag.get();
        notes.with(|notes| {
            notes
                .iter()
                .filter(|note| tag.is_empty() || note.note.tags.contains(&tag))
                .take(SHOWN)
                .map(note_line)
                .collect::<Vec<_>>()
        })
    };
    let helps = Memo::new(move |_| {
        let now = i64::try_from(platform::now_ms()).unwrap_or(i64::MAX);
        notes.with(|notes| strategies.with(|strategies| what_helps(strategies, notes, now)))
    });
    view! {
        <section class="card notes-section" aria-labelledby="notes-heading">
            <h2 id="notes-heading">"Recent notes"</h2>
            <div class="field">
                <label for="notes-tag">"Tag"</label>
                <select id="notes-tag" prop:value=move || tag.get() on:change=move |ev| tag.set(event_target_value(&ev))>
                    <option value="">"All tags"</option>
                    {move || tags.get().into_iter().map(|tag| view! { <option value=tag.clone()>{tag.clone()}</option> }).collect_view()}
                </select>
            </div>
            {move || {
                let lines = shown();
                if lines.is_empty() {
                    view! { <p>"No lesson notes yet."</p> }.into_any()
                } else {
                    view! {
                        <ul class="note-list recent-notes">
                            {lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }
            }}
            <h2 id="what-helps-heading">"What helps: the last six weeks"</h2>
            {move || {
                let rows = helps.get();
                if rows.is_empty() {
                    return view! { <p>"No strategies in the Learning Passport yet."</p> }.into_any();
                }
                view! { <HelpsChart rows/> }.into_any()
            }}
        </section>
    }
}

/// One bar per strategy: its length how often it was used, split into helped, partly and
/// not, with the same figures in words beside it.
#[component]
fn HelpsChart(rows: Vec<(String, StrategyUse)>) -> impl IntoView {
    let most = rows
        .iter()
        .map(|(_, tally)| tally.used)
        .max()
        .unwrap_or(0)
        .max(1);
    view! {
        <ul class="what-helps" aria-labelledby="what-helps-heading">
            {rows
                .into_iter()
                .map(|(strategy, tally)| {
                    let unknown = tally.used - tally.helped - tally.partly - tally.not_helped;
                    let words = format!(
                        "Used {} {}: helped {}, partly {}, did not help {}{}",
                        tally.used,
                        if tally.used == 1 { "time" } else { "times" },
                        tally.helped,
                        tally.partly,
                        tally.not_helped,
                        if unknown > 0 { format!(", not said {unknown}") } else { String::new() },
                    );
                    let mut x = 0.0;
                    let bars = [
                        (tally.helped, "bar-helped"),
                        (tally.partly, "bar-partly"),
                        (tally.not_helped, "bar-no"),
                        (unknown, "bar-unknown"),
                    ]
                    .into_iter()
                    .filter(|(count, _)| *count > 0)
                    .map(|(count, class)| {
                        let width = 100.0 * count as f64 / most as f64;
                        let at = x;
                        x += width;
                        view! { <rect class=class x=format!("{at:.1}") y="0" width=format!("{width:.1}") height="12"/> }
                    })
                    .collect_view();
                    view! {
                        <li>
                            <span class="strategy-text">{strategy}</span>
                            <svg class="helps-bar" viewBox="0 0 100 12" preserveAspectRatio="none" role="img" aria-label=words.clone()>
                                <rect class="bar-track" x="0" y="0" width="100" height="12"/>
                                {bars}
                            </svg>
                            <span class="helps-words">{words}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mentor_core::EntityId;
    use mentor_core::records::LessonNote;

    fn id(n: u8) -> EntityId {
        EntityId::from_time_and_random(1_750_000_000_000, [n; 10]).unwrap()
    }

    fn used(strategy: EntityId, at: i64, helped: Option<&str>) -> NoteView {
        NoteView {
            id: id(9),
            note: LessonNote {
                lesson_id: id(1),
                group_id: id(2),
                student_id: id(3),
                author_id: id(4),
                recorded_at: at,
                tags: vec!["Used a strategy".into()],
                text: None,
                engagement: None,
                strategy_id: Some(strategy),
                strategy_helped: helped.map(str::to_owned),
                for_teacher: None,
            },
            author: String::new(),
            strategy: None,
        }
    }

    #[test]
    fn what_helps_counts_uses_in_the_last_six_weeks_by_outcome() {
        let now = 1_760_000_000_000;
        let (chunking, timer) = (id(5), id(6));
        let strategies = [
            PassportItem {
                id: chunking,
                text: "Chunked instructions".into(),
            },
            PassportItem {
                id: timer,
                text: "A visual timer".into(),
            },
        ];
        let notes = [
            used(chunking, now - 1_000, Some("yes")),
            used(chunking, now - 2_000, Some("partly")),
            used(chunking, now - 3_000, None),
            // Seven weeks ago: outside the window.
            used(chunking, now - 49 * 24 * 60 * 60 * 1000, Some("yes")),
            used(timer, now - 1_000, Some("no")),
        ];
        let rows = what_helps(&strategies, &notes, now);
        assert_eq!(rows[0].0, "Chunked instructions");
        assert_eq!(
            rows[0].1,
            StrategyUse {
                used: 3,
                helped: 1,
                partly: 1,
                not_helped: 0
            }
        );
        assert_eq!(
            rows[1].1,
            StrategyUse {
                used: 1,
                helped: 0,
                partly: 0,
                not_helped: 1
            }
        );
    }
}

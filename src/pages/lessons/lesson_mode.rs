//! Lesson mode: the group's students as large tiles. Tap a tile, then a tag, and the note is
//! saved; each tile shows this lesson's note count and last tag, so the supporter sees whom
//! they have not reached. "Select several" records one note for each chosen student. After
//! each save, "Undo" stays for a few seconds.

use std::collections::BTreeSet;

use leptos::prelude::*;
use mentor_core::{Edit, EntityId};

use super::WELLBEING_REMINDER;
use super::lesson_data::{LessonData, NoteView, Tile};
use super::seating::{Seating, SeatingTools};
use super::tag_order::TagOrder;
use super::tag_sheet::TagSheet;
use crate::client::lessons::{NoteDraft, NotePlace, end_lesson, record_note, remove_note};
use crate::client::{AppClient, LessonPreferences, LocalAction, ordered_tags};
use crate::storage::platform;

/// How long "Undo" stays after a save.
const UNDO_MS: u64 = 8_000;

/// What the line at the bottom says after a save: what was saved, with "Undo".
#[derive(Debug, Clone, PartialEq, Eq)]
struct Saved {
    text: String,
    notes: Vec<EntityId>,
    wellbeing: bool,
    /// Which save this is, so an older timer does not hide a newer line.
    serial: u64,
}

/// The notes to save (with how each shows on its tile) and what to say once saved.
struct Recording {
    notes: Vec<(NoteView, Edit)>,
    text: String,
    wellbeing: bool,
}

/// Lesson mode for `lesson_id`, whose data is `data`, for its author `me`.
#[component]
pub fn LessonMode(
    lesson_id: EntityId,
    data: RwSignal<LessonData>,
    me: EntityId,
    me_name: String,
) -> impl IntoView {
    let client = AppClient::expect();
    let selecting = RwSignal::new(false);
    let selected = RwSignal::new(BTreeSet::<EntityId>::new());
    let sheet_for = RwSignal::new(Vec::<EntityId>::new());
    let saved = RwSignal::new(None::<Saved>);
    let problem = RwSignal::new(None::<String>);
    let serial = StoredValue::new(0u64);
    let preferences = LessonPreferences::load();
    let large = RwSignal::new(preferences.large_tiles);
    let tag_order = RwSignal::new(preferences.tag_order);
    let me_name = StoredValue::new(me_name);
    let seating = Seating::new();

    let save = LocalAction::new(move |recording: &Recording| {
        let edits: Vec<Edit> = recording
            .notes
            .iter()
            .map(|(_, edit)| edit.clone())
            .collect();
        let views: Vec<NoteView> = recording
            .notes
            .iter()
            .map(|(view, _)| view.clone())
            .collect();
        let (text, wellbeing) = (recording.text.clone(), recording.wellbeing);
        async move {
            match client.save_shown(edits).await {
                Ok(()) => {
                    let notes: Vec<EntityId> = views.iter().map(|view| view.id).collect();
                    let _ = data.try_update(|data| add_notes(data, views));
                    serial.update_value(|n| *n += 1);
                    let serial = serial.get_value();
                    let _ = saved.try_set(Some(Saved {
                        text,
                        notes,
                        wellbeing,
                        serial,
                    }));
                    let _ = problem.try_set(None);
                    set_timeout(
                        move || {
                            let _ = saved.try_update(|line| {
                                if line
                                    .as_ref()
                                    .is_some_and(|line| line.serial == serial && !line.wellbeing)
                                {
                                    *line = None;
                                }
                            });
                        },
                        std::time::Duration::from_millis(UNDO_MS),
                    );
                }
                Err(error) => {
                    let _ = problem.try_set(Some(error));
                }
            }
        }
    });
    let undo = LocalAction::new(move |notes: &Vec<EntityId>| {
        let notes = notes.clone();
        async move {
            let edits = notes.iter().map(|id| remove_note(*id)).collect();
            match client.save_shown(edits).await {
                Ok(()) => {
                    let _ = data.try_update(|data| {
                        for tile in &mut data.tiles {
                            tile.notes.retain(|note| !notes.contains(&note.id));
                        }
                    });
                    let _ = saved.try_set(None);
                }
                Err(error) => {
                    let _ = problem.try_set(Some(error));
                }
            }
        }
    });
    let finish = LocalAction::new(move |(): &()| async move {
        let now = platform::now_ms();
        match client.save_shown(vec![end_lesson(lesson_id, now)]).await {
            // The summary takes over at once; it reads the store again itself.
            Ok(()) => {
                let ended = i64::try_from(now).ok();
                let _ = data.try_update(|data| {
                    if let Some(lesson) = &mut data.lesson {
                        lesson.ended_at = ended;
                    }
                });
            }
            Err(error) => {
                let _ = problem.try_set(Some(error));
            }
        }
    });

    let record = move |students: Vec<EntityId>, draft: NoteDraft| {
        let Some(lesson) = data.with_untracked(|data| data.lesson.clone()) else {
            return;
        };
        let place = NotePlace {
            lesson: lesson_id,
            group: lesson.group_id,
            author: me,
            now: platform::now_ms(),
        };
        let mut notes = Vec::new();
        let mut names = Vec::new();
        for student in students {
            let id = match crate::client::new_id() {
                Ok(id) => id,
                Err(error) => return problem.set(Some(error)),
            };
            let edit = match record_note(id, place, student, &draft) {
                Ok(edit) => edit,
                Err(error) => return problem.set(Some(error)),
            };
            if let Ok(note) = edit_as_note(&edit) {
                let view = NoteView {
                    id,
                    note,
                    author: me_name.get_value(),
                    strategy: None,
                };
                notes.push((view, edit));
            }
            names.push(data.with_untracked(|data| shown_name(data, student)));
        }
        let wellbeing = draft
            .tags
            .iter()
            .any(|tag| mentor_core::kinds::is_wellbeing_tag(tag));
        let text = format!(
            "Saved “{}” for {}.",
            draft.tags.join(", "),
            names.join(", ")
        );
        sheet_for.set(Vec::new());
        selected.set(BTreeSet::new());
        selecting.set(false);
        save.dispatch(Recording {
            notes,
            text,
            wellbeing,
        });
    };
    let open = move |student: EntityId| {
        if seating.arranging.get_untracked() {
            seating.tap(student);
        } else if selecting.get_untracked() {
            selected.update(|chosen| {
                if !chosen.remove(&student) {
                    chosen.insert(student);
                }
            });
        } else {
            sheet_for.set(vec![student]);
        }
    };
    let toggle_large = move |_| {
        large.update(|large| *large = !*large);
        LessonPreferences {
            large_tiles: large.get_untracked(),
            ..LessonPreferences::load()
        }
        .store();
    };

    view! {
        <div class="lesson-tools">
            <button
                type="button"
                class="button secondary"
                aria-pressed=move || selecting.get().to_string()
                on:click=move |_| {
                    selecting.update(|on| *on = !*on);
                    selected.set(BTreeSet::new());
                }
            >
                "Select several"
            </button>
            <Show when=move || selecting.get() && !selected.with(BTreeSet::is_empty)>
                <button
                    type="button"
                    class="button"
                    on:click=move |_| sheet_for.set(selected.get_untracked().into_iter().collect())
                >
                    {move || format!("Note for {} selected", selected.with(BTreeSet::len))}
                </button>
            </Show>
            <button type="button" class="button secondary" aria-pressed=move || large.get().to_string() on:click=toggle_large>
                "Large tiles"
            </button>
            <button type="button" class="button secondary" on:click=move |_| finish.dispatch(())>
                "End lesson"
            </button>
            <TagOrder tags=Signal::derive(move || data.with(|data| data.tags.clone())) order=tag_order/>
            <SeatingTools seating data/>
        </div>
        <ul class="tiles" class:large=move || large.get() style=move || seating.grid_style(data) aria-label="Students in this lesson">
            <For
                each=move || seating.shown(data)
                key=|tile| (tile.student.id, tile.notes.len(), tile.last_tag().map(str::to_owned))
                let:tile
            >
                <StudentTile tile open selected selecting seating/>
            </For>
        </ul>
        {move || {
            let students = sheet_for.get();
            (!students.is_empty()).then(|| {
                let tiles: Vec<Tile> = data.with_untracked(|data| {
                    data.tiles.iter().filter(|tile| students.contains(&tile.student.id)).cloned().collect()
                });
                let tags = data.with_untracked(|data| {
                    tag_order.with_untracked(|order| ordered_tags(&data.tags, order))
                });
                view! {
                    <TagSheet
                        tiles
                        tags
                        on_record=Callback::new(move |draft: NoteDraft| record(students.clone(), draft))
                        on_close=Callback::new(move |()| sheet_for.set(Vec::new()))
                    />
                }
            })
        }}
        <div class="saved-line" role="status">
            {move || saved.get().map(|line| {
                let notes = line.notes.clone();
                view! {
                    <p>{line.text.clone()}</p>
                    <Show when=move || line.wellbeing>
                        <p class="wellbeing-reminder" role="alert">{WELLBEING_REMINDER}</p>
                    </Show>
                    <button type="button" class="button secondary" on:click=move |_| undo.dispatch(notes.clone())>
                        "Undo"
                    </button>
                    <button type="button" class="button secondary" on:click=move |_| saved.set(None)>
                        "Dismiss"
                    </button>
                }
            })}
            {move || problem.get().map(|problem| view! { <p class="form-error" role="alert">{problem}</p> })}
        </div>
    }
}

/// One student's tile: their name, badges, and this lesson's count and last tag.
#[component]
fn StudentTile(
    tile: Tile,
    open: impl Fn(EntityId) + Copy + 'static,
    selected: RwSignal<BTreeSet<EntityId>>,
    selecting: RwSignal<bool>,
    seating: Seating,
) -> impl IntoView {
    let id = tile.student.id;
    let name = tile.student.shown_name();
    let count = tile.notes.len();
    let reached = count > 0;
    let last = tile.last_tag().unwrap_or_default().to_owned();
    let send = match tile.student.send_status.as_str() {
        "ehcp" => Some("EHCP"),
        "sen_support" => Some("SEN support"),
        _ => None,
    };
    // The accessible name is the tile's own text, in reading order, with the count in words:
    // "Ayla Ashdown EHCP, 1 note, last On task".
    let in_words = match count {
        0 => ", no notes yet".to_owned(),
        1 => ", 1 note, last".to_owned(),
        n => format!(", {n} notes, last"),
    };
    view! {
        <li>
            <button
                type="button"
                class="tile"
                class:reached=reached
                aria-pressed=move || {
                    if seating.arranging.get() {
                        Some((seating.picked.get() == Some(id)).to_string())
                    } else {
                        selecting.get().then(|| selected.with(|chosen| chosen.contains(&id)).to_string())
                    }
                }
                on:click=move |_| open(id)
            >
                <span class="tile-name">{name}</span>
                <span class="tile-badges">
                    {send.map(|badge| view! { <span class="badge">{badge}</span> })}
                    {tile.on_my_caseload.then(|| view! { <span class="badge caseload">"Caseload"</span> })}
                </span>
                <span class="tile-count" aria-hidden="true">{count}</span>
                <span class="sr-only">{in_words}</span>
                <span class="tile-last">{last}</span>
            </button>
        </li>
    }
}

/// Adds saved notes to their students' tiles, so the tiles change at once.
fn add_notes(data: &mut LessonData, notes: Vec<NoteView>) {
    for note in notes {
        if let Some(tile) = data
            .tiles
            .iter_mut()
            .find(|tile| tile.student.id == note.note.student_id)
        {
            tile.notes.push(note);
        }
    }
}

fn shown_name(data: &LessonData, student: EntityId) -> String {
    data.tiles
        .iter()
        .find(|tile| tile.student.id == student)
        .map(|tile| tile.student.shown_name())
        .unwrap_or_default()
}

/// A new note's edit read back as the note it makes.
fn edit_as_note(edit: &Edit) -> Result<mentor_core::records::LessonNote, serde_json::Error> {
    let values = serde_json::Value::Object(edit.fields.clone().into_iter().collect());
    serde_json::from_value(values)
}

//! The seating plan in lesson mode: tiles laid out as the group sits, arranged once per group
//! (tap one student, then another, to swap their seats) and shared with the group's staff.
//! Alphabetical or seated is this device's preference.

use leptos::prelude::*;
use mentor_core::EntityId;
use mentor_core::kinds::SEAT_COLUMNS;

use super::lesson_data::{LessonData, Tile};
use crate::client::lessons::seating_plan;
use crate::client::{LessonPreferences, SaveAction, SaveState};
use crate::components::save_line;

/// Columns until a plan says otherwise.
const DEFAULT_COLUMNS: u8 = 6;

/// The seating state of one lesson screen. Cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct Seating {
    /// Tiles as the group sits, rather than alphabetical.
    pub seated: RwSignal<bool>,
    /// Swapping seats.
    pub arranging: RwSignal<bool>,
    /// The student tapped first in a swap.
    pub picked: RwSignal<Option<EntityId>>,
    /// The seat order being arranged.
    order: RwSignal<Vec<EntityId>>,
    columns: RwSignal<u8>,
}

impl Seating {
    pub fn new() -> Self {
        Self {
            seated: RwSignal::new(LessonPreferences::load().seated),
            arranging: RwSignal::new(false),
            picked: RwSignal::new(None),
            order: RwSignal::new(Vec::new()),
            columns: RwSignal::new(DEFAULT_COLUMNS),
        }
    }

    /// The tiles in the order they are shown (tracked).
    pub fn shown(&self, data: RwSignal<LessonData>) -> Vec<Tile> {
        data.with(|data| {
            if !self.seated.get() {
                return data.tiles.clone();
            }
            if self.arranging.get() {
                return self.order.with(|order| seat_order(&data.tiles, order));
            }
            let seats = data
                .plan
                .as_ref()
                .map(|plan| plan.seats.as_slice())
                .unwrap_or_default();
            seat_order(&data.tiles, seats)
        })
    }

    /// The grid's columns, when seated (tracked).
    pub fn grid_style(&self, data: RwSignal<LessonData>) -> Option<String> {
        self.seated.get().then(|| {
            let columns = if self.arranging.get() {
                self.columns.get()
            } else {
                data.with(|data| {
                    data.plan
                        .as_ref()
                        .map_or(DEFAULT_COLUMNS, |plan| plan.columns)
                })
            };
            format!("grid-template-columns: repeat({columns}, minmax(0, 1fr))")
        })
    }

    /// A tap on `student` while arranging: the first picks them, the second swaps the two.
    pub fn tap(&self, student: EntityId) {
        match self.picked.get_untracked() {
            None => self.picked.set(Some(student)),
            Some(first) if first == student => self.picked.set(None),
            Some(first) => {
                self.order.update(|order| {
                    let at = |id| order.iter().position(|seat| *seat == id);
                    if let (Some(a), Some(b)) = (at(first), at(student)) {
                        order.swap(a, b);
                    }
                });
                self.picked.set(None);
            }
        }
    }

    fn start_arranging(&self, data: RwSignal<LessonData>) {
        let order: Vec<EntityId> = self
            .shown(data)
            .iter()
            .map(|tile| tile.student.id)
            .collect();
        let columns = data.with_untracked(|data| {
            data.plan
                .as_ref()
                .map_or(DEFAULT_COLUMNS, |plan| plan.columns)
        });
        self.order.set(order);
        self.columns.set(columns);
        self.picked.set(None);
        self.arranging.set(true);
    }
}

/// `tiles` in the order of `seats`; students without a seat (new to the group) after them,
/// in their own order.
pub fn seat_order(tiles: &[Tile], seats: &[EntityId]) -> Vec<Tile> {
    let mut shown: Vec<Tile> = seats
        .iter()
        .filter_map(|seat| tiles.iter().find(|tile| tile.student.id == *seat).cloned())
        .collect();
    shown.extend(
        tiles
            .iter()
            .filter(|tile| !seats.contains(&tile.student.id))
            .cloned(),
    );
    shown
}

/// The layout controls: alphabetical or seated, and arranging the plan.
#[component]
pub fn SeatingTools(seating: Seating, data: RwSignal<LessonData>) -> impl IntoView {
    let saving = SaveAction::new();
    let toggle = move |_| {
        seating.seated.update(|seated| *seated = !*seated);
        seating.arranging.set(false);
        LessonPreferences {
            seated: seating.seated.get_untracked(),
            ..LessonPreferences::load()
        }
        .store();
    };
    let save = move |_| {
        let Some(group) =
            data.with_untracked(|data| data.lesson.as_ref().map(|lesson| lesson.group_id))
        else {
            return;
        };
        let exists = data.with_untracked(|data| data.plan.is_some());
        let order = seating.order.get_untracked();
        match seating_plan(group, seating.columns.get_untracked(), &order, exists) {
            Ok(edit) => saving.save(edit, move || {
                let _ = seating.arranging.try_set(false);
            }),
            Err(problem) => saving.set(SaveState::Failed(problem)),
        }
    };
    let (least, most) = SEAT_COLUMNS;
    view! {
        <button type="button" class="button secondary" aria-pressed=move || seating.seated.get().to_string() on:click=toggle>
            "Seating plan"
        </button>
        <Show when=move || seating.seated.get() && !seating.arranging.get()>
            <button type="button" class="button secondary" on:click=move |_| seating.start_arranging(data)>
                "Arrange seats"
            </button>
        </Show>
        <Show when=move || seating.arranging.get()>
            <p class="arrange-hint">"Tap a student, then the student to swap seats with."</p>
            <label class="check" for="seat-columns">"Seats in a row"</label>
            <select id="seat-columns" prop:value=move || seating.columns.get().to_string()
                on:change=move |ev| {
                    if let Ok(columns) = event_target_value(&ev).parse() {
                        seating.columns.set(columns);
                    }
                }>
                {(least..=most).map(|n| view! { <option value=n.to_string()>{n.to_string()}</option> }).collect_view()}
            </select>
            <button type="button" class="button" on:click=save>"Save seating plan"</button>
            <button type="button" class="button secondary" on:click=move |_| seating.arranging.set(false)>"Cancel"</button>
        </Show>
        {save_line(saving.signal())}
    }
}

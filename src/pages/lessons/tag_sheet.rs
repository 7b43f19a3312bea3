//! The tag sheet: opened by tapping a tile (or "Note for N selected"). Tapping a quick tag
//! saves a note at once; "More" adds tags, a line of text, an engagement rating and, for one
//! student, the Passport strategy used and whether it helped.

use leptos::prelude::*;
use mentor_core::EntityId;
use mentor_core::kinds::{ENGAGEMENT, HELPED, is_wellbeing_tag};

use super::lesson_data::Tile;
use super::{WELLBEING_REMINDER, helped_words};
use crate::client::lessons::NoteDraft;

/// The sheet for `tiles` (one student or several) offering the school's `tags`.
#[component]
pub fn TagSheet(
    tiles: Vec<Tile>,
    tags: Vec<String>,
    on_record: Callback<NoteDraft>,
    on_close: Callback<()>,
) -> impl IntoView {
    let heading = match tiles.as_slice() {
        [one] => format!("Note for {}", one.student.shown_name()),
        many => format!("Note for {} students", many.len()),
    };
    let strategies: Vec<(EntityId, String)> = match tiles.as_slice() {
        [one] => one.strategies.clone(),
        _ => Vec::new(),
    };
    let more = RwSignal::new(false);
    let chosen = RwSignal::new(Vec::<String>::new());
    let text = RwSignal::new(String::new());
    let engagement = RwSignal::new(None::<u8>);
    let strategy = RwSignal::new(String::new());
    let helped = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<&'static str>);
    let wellbeing = move || chosen.with(|tags| tags.iter().any(|tag| is_wellbeing_tag(tag)));

    let quick = tags.clone();
    let save_more = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let tags = chosen.get_untracked();
        if tags.is_empty() {
            problem.set(Some("Choose at least one tag."));
            return;
        }
        on_record.run(NoteDraft {
            tags,
            text: text.get_untracked(),
            engagement: engagement.get_untracked(),
            strategy: strategy.get_untracked().parse().ok(),
            helped: Some(helped.get_untracked()).filter(|helped| !helped.is_empty()),
        });
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.stop_propagation();
            on_close.run(());
        }
    };
    view! {
        <div class="sheet" role="dialog" aria-modal="true" aria-labelledby="tag-sheet-heading" on:keydown=on_key>
            <h2 id="tag-sheet-heading">{heading}</h2>
            <Show when=move || !more.get()>
                <div class="quick-tags" role="group" aria-label="Save with one tag">
                    {quick
                        .iter()
                        .map(|tag| {
                            let tag = tag.clone();
                            let label = tag.clone();
                            view! {
                                <button type="button" class="tag" on:click=move |_| on_record.run(NoteDraft::tag(&tag))>
                                    {label}
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
                <div class="sheet-actions">
                    <button type="button" class="button secondary" on:click=move |_| more.set(true)>"More…"</button>
                    <button type="button" class="button secondary" on:click=move |_| on_close.run(())>"Cancel"</button>
                </div>
            </Show>
            <Show when=move || more.get()>
                <form class="note-form" on:submit=save_more novalidate>
                    <fieldset class="tag-choices">
                        <legend>"Tags"</legend>
                        {tags
                            .iter()
                            .map(|tag| {
                                let (value, label) = (tag.clone(), tag.clone());
                                let checked = {
                                    let tag = tag.clone();
                                    move || chosen.with(|tags| tags.contains(&tag))
                                };
                                view! {
                                    <label class="check">
                                        <input
                                            type="checkbox"
                                            prop:checked=checked
                                            on:change=move |_| {
                                                problem.set(None);
                                                chosen.update(|tags| {
                                                    if let Some(at) = tags.iter().position(|t| *t == value) {
                                                        tags.remove(at);
                                                    } else {
                                                        tags.push(value.clone());
                                                    }
                                                });
                                            }
                                        />
                                        {label}
                                    </label>
                                }
                            })
                            .collect_view()}
                    </fieldset>
                    <Show when=wellbeing>
                        <p class="wellbeing-reminder" role="alert">{WELLBEING_REMINDER}</p>
                    </Show>
                    <div class="field">
                        <label for="note-text">"One line (optional)"</label>
                        <input id="note-text" type="text" maxlength="200" prop:value=move || text.get()
                            on:input=move |ev| text.set(event_target_value(&ev))/>
                    </div>
                    <fieldset class="engagement">
                        <legend>"Engagement (optional), 1 low to 5 high"</legend>
                        {(ENGAGEMENT.0..=ENGAGEMENT.1)
                            .map(|level| {
                                let level = u8::try_from(level).unwrap_or(1);
                                view! {
                                    <label class="check">
                                        <input type="radio" name="engagement"
                                            prop:checked=move || engagement.get() == Some(level)
                                            on:change=move |_| engagement.set(Some(level))/>
                                        {level.to_string()}
                                    </label>
                                }
                            })
                            .collect_view()}
                    </fieldset>
                    {(!strategies.is_empty()).then(|| view! {
                        <div class="field">
                            <label for="note-strategy">"Strategy used (optional)"</label>
                            <select id="note-strategy" prop:value=move || strategy.get()
                                on:change=move |ev| strategy.set(event_target_value(&ev))>
                                <option value="">"None"</option>
                                {strategies
                                    .iter()
                                    .map(|(id, text)| view! { <option value=id.to_string()>{text.clone()}</option> })
                                    .collect_view()}
                            </select>
                        </div>
                        <Show when=move || !strategy.get().is_empty()>
                            <fieldset class="helped">
                                <legend>"Did it help?"</legend>
                                {HELPED
                                    .iter()
                                    .map(|word| {
                                        let word = *word;
                                        view! {
                                            <label class="check">
                                                <input type="radio" name="helped"
                                                    prop:checked=move || helped.get() == word
                                                    on:change=move |_| helped.set(word.to_owned())/>
                                                {helped_label(word)}
                                            </label>
                                        }
                                    })
                                    .collect_view()}
                            </fieldset>
                        </Show>
                    })}
                    {move || problem.get().map(|problem| view! { <p class="form-error" role="alert">{problem}</p> })}
                    <div class="sheet-actions">
                        <button type="submit" class="button">"Save note"</button>
                        <button type="button" class="button secondary" on:click=move |_| on_close.run(())>"Cancel"</button>
                    </div>
                </form>
            </Show>
        </div>
    }
}

/// "Yes", "Partly", "No".
fn helped_label(word: &str) -> &'static str {
    match helped_words(word) {
        "helped" => "Yes",
        "helped partly" => "Partly",
        _ => "No",
    }
}

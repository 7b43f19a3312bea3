//! The students list's parts: the search box, the filters, and the rows.

use leptos::prelude::*;
use mentor_core::ids::EntityId;

use super::list_perf::Pass;
use super::search::{CaseloadFilter, Choice, Filters, ListQuery, PAGE_SIZE, SendFilter};
use super::student_details::StudentDetails;

/// Changes what the list is asked for, as one filtering pass: back to the first page of rows,
/// and timed as `student-search` (see `list_perf`).
pub fn change_query(
    query: RwSignal<ListQuery>,
    limit: RwSignal<usize>,
    change: impl FnOnce(&mut ListQuery),
) {
    let pass = Pass::start();
    query.update(change);
    limit.set(PAGE_SIZE);
    pass.finish();
}

/// The search box. Its text is the query's, as typed.
#[component]
pub fn SearchBox(query: RwSignal<ListQuery>, limit: RwSignal<usize>) -> impl IntoView {
    view! {
        <div class="student-search">
            <label for="student-search">"Search students"</label>
            <input
                id="student-search"
                type="search"
                autocomplete="off"
                spellcheck="false"
                enterkeyhint="search"
                aria-describedby="student-search-hint"
                prop:value=move || query.read().text.clone()
                on:input=move |event| {
                    let text = event_target_value(&event);
                    change_query(query, limit, |query| query.text = text);
                }
            />
            <p class="field-hint" id="student-search-hint">"Any part of a name, a UPN or a form"</p>
        </div>
    }
}

/// What the filter selects offer, from the roster on the device.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FilterChoices {
    pub years: Vec<u8>,
    pub groups: Vec<Choice<EntityId>>,
    pub caseloads: Vec<Choice<CaseloadFilter>>,
}

/// The filters, behind a "Filters" disclosure that says how many are set. `applied` is what
/// the list applies (the query's filters less any the device cannot apply).
#[component]
pub fn FilterPanel(
    query: RwSignal<ListQuery>,
    limit: RwSignal<usize>,
    choices: Memo<FilterChoices>,
    applied: Memo<Filters>,
) -> impl IntoView {
    let active = move || applied.read().active_count();
    // Open at first when filters came with the URL, so what narrows the list is in view.
    let open_at_start = applied.get_untracked().active_count() > 0;
    let set = move |change: Box<dyn FnOnce(&mut Filters)>| {
        change_query(query, limit, |query| change(&mut query.filters));
    };
    let year_choices = move || {
        choices
            .read()
            .years
            .iter()
            .map(|year| Choice {
                value: year.to_string(),
                label: format!("Year {year}"),
            })
            .collect::<Vec<_>>()
    };
    let group_choices = move || {
        choices
            .read()
            .groups
            .iter()
            .map(|group| Choice {
                value: group.value.to_string(),
                label: group.label.clone(),
            })
            .collect::<Vec<_>>()
    };
    let send_choices = || {
        SendFilter::EVERY[1..]
            .iter()
            .map(|send| Choice {
                value: send.value().to_owned(),
                label: send.label().to_owned(),
            })
            .collect::<Vec<_>>()
    };
    let caseload_choices = move || {
        choices
            .read()
            .caseloads
            .iter()
            .map(|choice| Choice {
                value: choice.value.value(),
                label: choice.label.clone(),
            })
            .collect::<Vec<_>>()
    };
    view! {
        <details class="student-filters" open=open_at_start>
            <summary>
                "Filters"
                " "
                <Show when=move || { active() > 0 }>
                    <span class="filter-count">{move || format!("{} active", active())}</span>
                </Show>
            </summary>
            <div class="filter-grid">
                <FilterSelect
                    id="filter-year"
                    label="Year"
                    choices=Signal::derive(year_choices)
                    selected=Signal::derive(move || {
                        applied.read().year.map(|year| year.to_string()).unwrap_or_default()
                    })
                    on_change=move |value: String| {
                        set(Box::new(move |filters| filters.year = value.parse().ok()))
                    }
                />
                <Show when=move || !choices.read().groups.is_empty()>
                    <FilterSelect
                        id="filter-group"
                        label="Group"
                        choices=Signal::derive(group_choices)
                        selected=Signal::derive(move || {
                            applied.read().group.map(|group| group.to_string()).unwrap_or_default()
                        })
                        on_change=move |value: String| {
                            set(Box::new(move |filters| filters.group = value.parse().ok()))
                        }
                    />
                </Show>
                <FilterSelect
                    id="filter-send"
                    label="SEND"
                    choices=Signal::derive(send_choices)
                    selected=Signal::derive(move || applied.read().send.value().to_owned())
                    on_change=move |value: String| {
                        set(Box::new(move |filters| filters.send = SendFilter::parse(&value)))
                    }
                />
                <Show when=move || !choices.read().caseloads.is_empty()>
                    <FilterSelect
                        id="filter-caseload"
                        label="Caseload"
                        choices=Signal::derive(caseload_choices)
                        selected=Signal::derive(move || applied.read().caseload.value())
                        on_change=move |value: String| {
                            set(
                                Box::new(move |filters| {
                                    filters.caseload = CaseloadFilter::parse(&value);
                                }),
                            )
                        }
                    />
                </Show>
            </div>
            <Show when=move || { active() > 0 }>
                <button
                    type="button"
                    class="button secondary clear-filters"
                    on:click=move |_| set(Box::new(|filters| *filters = Filters::default()))
                >
                    "Clear filters"
                </button>
            </Show>
        </details>
    }
}

/// A labelled select whose first option is "All" (value "").
#[component]
fn FilterSelect(
    id: &'static str,
    label: &'static str,
    #[prop(into)] choices: Signal<Vec<Choice<String>>>,
    #[prop(into)] selected: Signal<String>,
    on_change: impl Fn(String) + 'static,
) -> impl IntoView {
    view! {
        <div class="filter-field">
            <label for=id>{label}</label>
            <select id=id on:change=move |event| on_change(event_target_value(&event))>
                <option value="" prop:selected=move || selected.read().is_empty()>
                    "All"
                </option>
                {move || {
                    choices
                        .get()
                        .into_iter()
                        .map(|choice| {
                            let value = choice.value.clone();
                            view! {
                                <option
                                    value=choice.value
                                    prop:selected=move || *selected.read() == value
                                >
                                    {choice.label}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

/// One row of the list, as shown; it is also the row's key, so a student whose name or form
/// changes after a sync gets a fresh row.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Row {
    pub id: String,
    pub name: String,
    pub detail: String,
    pub initials: String,
    pub badge: Option<&'static str>,
}

impl Row {
    pub fn new(student: &StudentDetails) -> Self {
        Self {
            id: student.id.to_string(),
            name: student.shown_name(),
            detail: student.year_and_form(),
            initials: student.initials(),
            badge: match student.send_status.as_str() {
                "sen_support" | "ehcp" => student.send_status_label(),
                _ => None,
            },
        }
    }
}

/// The rows. The whole row is the link; its accessible name is the shown name then
/// "Year N · form" (the avatar is decorative and the SEND badge sits beside the link, read
/// after it), and the chosen student's row is `aria-current="page"`.
#[component]
pub fn StudentRows(rows: Memo<Vec<Row>>, chosen: Memo<Option<String>>) -> impl IntoView {
    view! {
        <ul class="row-list student-rows" aria-label="Students">
            <For each=move || rows.get() key=Row::clone let:row>
                {
                    let id = row.id.clone();
                    let current = move || {
                        (chosen.read().as_deref() == Some(id.as_str())).then_some("page")
                    };
                    view! {
                        <li class="student-row" class:has-badge=row.badge.is_some()>
                            <a class="student-link" href=format!("/students/{}", row.id) aria-current=current>
                                <span class="student-avatar" aria-hidden="true">{row.initials}</span>
                                <span class="row-text">
                                    <span class="row-title">{row.name}</span>
                                    " "
                                    <span class="row-detail">{row.detail}</span>
                                </span>
                            </a>
                            {row.badge.map(|badge| view! { <span class="send-badge">{badge}</span> })}
                        </li>
                    }
                }
            </For>
        </ul>
    }
}

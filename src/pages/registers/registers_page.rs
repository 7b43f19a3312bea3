//! The `/registers` page: open a register for one of your groups, a date and a session, and
//! the registers on this device, newest first. Opening one that is already here (same group,
//! date and session) goes to it instead of making a second.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use mentor_core::{EntityId, Role};

use super::date_words;
use super::register_data::{RegistersOverview, load_overview};
use crate::client::registers::{RegisterOpening, open_register};
use crate::client::{AppClient, SaveAction, SaveState};
use crate::components::{TextField, save_line};
use crate::pages::today;
use crate::state::SyncStatus;
use crate::storage::platform;

/// The registers page.
#[component]
pub fn RegistersPage() -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let client = AppClient::expect();
    let me = Memo::new(move |_| status.signed_in());
    let overview = LocalResource::new(move || {
        status.revision();
        let store = client.store();
        let me = me.get();
        async move {
            let every = me.is_some_and(|(_, role)| role.sees_every_student());
            match store {
                Some(store) => load_overview(&*store, me.map(|(id, _)| id), every).await,
                None => Ok(RegistersOverview::default()),
            }
        }
    });
    let current = RwSignal::new(RegistersOverview::default());
    Effect::new(move |_| {
        if let Some(Ok(read)) = overview.get() {
            current.set(read);
        }
    });
    let load_error = move || match overview.get() {
        Some(Err(error)) => Some(error),
        _ => None,
    };
    view! {
        <div class="page registers-page">
            <h1>"Registers"</h1>
            {move || load_error().map(|error| view! { <p role="alert">{error}</p> })}
            <p class="trips-link">
                <A href="/trips" attr:class="button secondary">"Trips: roll calls and trip packs"</A>
                <A href="/interventions" attr:class="button secondary">"Intervention programmes"</A>
            </p>
            <OpenRegister current me/>
            <section class="card" aria-labelledby="registers-list-heading">
                <h2 id="registers-list-heading">"Registers on this device"</h2>
                {move || {
                    let registers = current.with(|overview| overview.registers.clone());
                    if registers.is_empty() {
                        return view! { <p>"No registers yet."</p> }.into_any();
                    }
                    view! {
                        <ul class="register-list">
                            {registers
                                .into_iter()
                                .map(|line| {
                                    let state = if line.register.is_complete() { "complete" } else { "open" };
                                    let counts = line.counts;
                                    view! {
                                        <li>
                                            <A href=format!("/registers/{}", line.id) attr:class="register-link">
                                                <span class="register-name">
                                                    {format!("{} · {}", line.group, line.register.session)}
                                                </span>
                                                <span class="register-meta">
                                                    {format!(
                                                        "{} · {} present, {} absent, {} late, {} unmarked · {state}",
                                                        date_words(&line.register.date),
                                                        counts.present,
                                                        counts.absent,
                                                        counts.late,
                                                        counts.unmarked,
                                                    )}
                                                </span>
                                            </A>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
            </section>
        </div>
    }
}

/// The form that opens a register: the group, the date (today to start with) and the
/// session.
#[component]
fn OpenRegister(
    current: RwSignal<RegistersOverview>,
    me: Memo<Option<(EntityId, Role)>>,
) -> impl IntoView {
    let group = RwSignal::new(String::new());
    let date = RwSignal::new(today());
    let session = RwSignal::new(String::new());
    let saving = SaveAction::new();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if group.with(String::is_empty)
            && let Some(first) = current.with(|overview| overview.groups.first().cloned())
        {
            group.set(first.id.to_string());
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some((opened_by, _)) = me.get_untracked() else {
            saving.set(SaveState::Failed(
                "Sign in again to open a register.".into(),
            ));
            return;
        };
        let opening = RegisterOpening {
            group: group.get_untracked().parse().ok(),
            date: date.get_untracked(),
            session: session.get_untracked(),
        };
        if let Some(group) = opening.group
            && let Some(existing) = current.with_untracked(|overview| {
                overview.existing(group, opening.date.trim(), &opening.session)
            })
        {
            navigate(&format!("/registers/{existing}"), Default::default());
            return;
        }
        let Some(id) = saving.new_id() else { return };
        match open_register(id, &opening, opened_by, platform::now_ms()) {
            Ok(edit) => {
                let navigate = navigate.clone();
                saving.save(edit, move || {
                    navigate(&format!("/registers/{id}"), Default::default());
                });
            }
            Err(problem) => saving.set(SaveState::Failed(problem)),
        }
    };
    let touched = move || saving.touch();
    view! {
        <form class="card open-register" aria-labelledby="open-register-heading" on:submit=on_submit novalidate>
            <h2 id="open-register-heading">"Open a register"</h2>
            <div class="field">
                <label for="register-group">"Group"</label>
                <select
                    id="register-group"
                    prop:value=move || group.get()
                    on:change=move |ev| group.set(event_target_value(&ev))
                >
                    {move || {
                        current
                            .with(|overview| overview.groups.clone())
                            .into_iter()
                            .map(|choice| view! { <option value=choice.id.to_string()>{choice.name}</option> })
                            .collect_view()
                    }}
                </select>
            </div>
            <div class="field">
                <label for="register-date">"Date"</label>
                <input
                    id="register-date"
                    type="date"
                    required
                    prop:value=move || date.get()
                    on:input=move |ev| {
                        date.set(event_target_value(&ev));
                        touched();
                    }
                />
            </div>
            <TextField label="Session (AM, PM, P3, a club)" id="register-session" value=session on_touch=touched/>
            <button class="button" type="submit" disabled=move || saving.is_saving()>
                "Open register"
            </button>
            {save_line(saving.signal())}
        </form>
    }
}

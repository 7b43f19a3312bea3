//! `/interventions`: the intervention programmes on this device, each a link to its page,
//! and, for the SENCO and the administrator, "Set up a programme" for a teaching group made
//! for it on the Groups page (its students, and its lead on its staff).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use mentor_core::EntityKind;
use mentor_core::kinds::MEASURES;

use super::intervention_data::{InterventionsData, load_interventions};
use super::programme_fields::ProgrammeFields;
use crate::client::interventions::{
    ProgrammeForm, measure_defaults, measure_words, new_programme, score_box,
};
use crate::client::{AppClient, SaveAction, SaveState};
use crate::components::save_line;
use crate::pages::today;
use crate::state::SyncStatus;

/// Reads the programmes again after every edit or sync, keeping the last read meanwhile.
pub(super) fn interventions_signal() -> RwSignal<InterventionsData> {
    let status = expect_context::<SyncStatus>();
    let client = AppClient::expect();
    let read = LocalResource::new(move || {
        status.revision();
        let store = client.store();
        async move {
            match store {
                Some(store) => load_interventions(&*store).await.ok(),
                None => None,
            }
        }
    });
    let data = RwSignal::new(InterventionsData::default());
    Effect::new(move |_| {
        if let Some(Some(read)) = read.get() {
            data.set(read);
        }
    });
    data
}

#[component]
pub fn InterventionsPage() -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let data = interventions_signal();
    let coordinates = move || {
        status
            .get()
            .staff
            .is_some_and(|staff| staff.role.may_create(EntityKind::Intervention))
    };
    view! {
        <div class="page interventions-page">
            <A href="/registers" attr:class="back-link">"Back to registers"</A>
            <h1>"Intervention programmes"</h1>
            <p>"Each session is a register of the programme's group: take it from Registers."</p>
            <section class="card" aria-labelledby="programmes-heading">
                <h2 id="programmes-heading">"Programmes on this device"</h2>
                <Show when=move || data.with(|d| d.programmes.is_empty())>
                    <p>"No programmes yet."</p>
                </Show>
                <ul class="row-list">
                    {move || data.get().programmes.into_iter().map(|view| view! {
                        <li>
                            <A href=format!("/interventions/{}", view.id)>
                                <span class="row-title">{view.programme.name.clone()}</span>
                                <span class="row-detail">{format!(
                                    "Led by {} · {} of {} sessions · {} students",
                                    view.lead, view.held, view.programme.planned_sessions, view.rows.len()
                                )}</span>
                            </A>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
            <Show when=coordinates>
                <SetUpProgramme data/>
            </Show>
        </div>
    }
}

/// A range box's label ("Lowest score", "Lowest reading age (years:months)") and keyboard.
fn range_box(form: RwSignal<ProgrammeForm>, end: &str) -> (String, &'static str) {
    let (noun, mode) = form.with(|f| score_box(&f.measure));
    (format!("{end} {noun}"), mode)
}

#[component]
fn SetUpProgramme(data: RwSignal<InterventionsData>) -> impl IntoView {
    let saving = SaveAction::new();
    let blank = || ProgrammeForm {
        planned_sessions: "6".to_owned(),
        measure: "standardised".to_owned(),
        measure_min: "70".to_owned(),
        measure_max: "140".to_owned(),
        starts_on: today(),
        ..ProgrammeForm::default()
    };
    let form = RwSignal::new(blank());
    let save = move |ev: SubmitEvent| {
        ev.prevent_default();
        if saving.is_saving_untracked() {
            return;
        }
        let Some(id) = saving.new_id() else { return };
        let made = data.with_untracked(|data| {
            form.with_untracked(|form| new_programme(id, form, &data.scales))
        });
        match made {
            Ok(edit) => saving.save(edit, move || {
                let _ = form.try_set(blank());
            }),
            Err(problem) => saving.set(SaveState::Failed(problem)),
        }
    };
    let text = move |get: fn(&ProgrammeForm) -> &String| move || form.with(|f| get(f).clone());
    let on_scale = move || form.with(|f| f.measure == "scale");
    let options = |list: Vec<(mentor_core::EntityId, String)>| {
        list.into_iter()
            .map(|(id, name)| view! { <option value=id.to_string()>{name}</option> })
            .collect_view()
    };
    view! {
        <section class="card" aria-labelledby="set-up-heading">
            <h2 id="set-up-heading">"Set up a programme"</h2>
            <p>"First make a group for it on the Groups page, with its students and its lead."</p>
            <form aria-label="Set up a programme" on:submit=save novalidate>
                <div class="field">
                    <label for="programme-group">"Group"</label>
                    <select id="programme-group" prop:value=text(|f| &f.group)
                        on:change=move |ev| {
                            let group = event_target_value(&ev);
                            let name = data.with_untracked(|d| d.groups.iter().find(|(id, _)| id.to_string() == group).map(|(_, name)| name.clone()));
                            form.update(|f| {
                                if f.name.is_empty() {
                                    f.name = name.unwrap_or_default();
                                }
                                f.group = group;
                            });
                        }>
                        <option value="">"Choose a group"</option>
                        {move || options(data.get().groups)}
                    </select>
                </div>
                <ProgrammeFields form staff=Signal::derive(move || data.with(|data| data.staff.clone())) prefix="programme"/>
                <div class="field">
                    <label for="programme-measure">"Entry and exit measure"</label>
                    <select id="programme-measure" prop:value=text(|f| &f.measure)
                        on:change=move |ev| form.update(|f| {
                            f.measure = event_target_value(&ev);
                            (f.measure_min, f.measure_max) = measure_defaults(&f.measure);
                        })>
                        {MEASURES.iter().map(|measure| view! { <option value=*measure>{measure_words(measure)}</option> }).collect_view()}
                    </select>
                </div>
                <Show
                    when=on_scale
                    fallback=move || view! {
                        <div class="field">
                            <label for="programme-min">{move || range_box(form, "Lowest").0}</label>
                            <input id="programme-min" type="text" inputmode=move || range_box(form, "Lowest").1 prop:value=text(|f| &f.measure_min)
                                on:input=move |ev| form.update(|f| f.measure_min = event_target_value(&ev))/>
                        </div>
                        <div class="field">
                            <label for="programme-max">{move || range_box(form, "Highest").0}</label>
                            <input id="programme-max" type="text" inputmode=move || range_box(form, "Highest").1 prop:value=text(|f| &f.measure_max)
                                on:input=move |ev| form.update(|f| f.measure_max = event_target_value(&ev))/>
                        </div>
                    }
                >
                    <div class="field">
                        <label for="programme-scale">"Scale"</label>
                        <select id="programme-scale" prop:value=text(|f| &f.scale)
                            on:change=move |ev| form.update(|f| f.scale = event_target_value(&ev))>
                            <option value="">"Choose a scale"</option>
                            {move || data.get().scales.into_iter().map(|(id, scale)| view! {
                                <option value=id.to_string()>{scale.name}</option>
                            }).collect_view()}
                        </select>
                    </div>
                </Show>
                <button type="submit" class="button" disabled=move || saving.is_saving()>"Set up programme"</button>
                {save_line(saving.signal())}
            </form>
        </section>
    }
}

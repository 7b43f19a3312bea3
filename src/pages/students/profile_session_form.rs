//! "Record a session": the day, how long, the school's topics to tick, what was discussed,
//! what the student said in their own words, the actions agreed (each with what, whose — the
//! student's or a member of staff's — and by when) and the next session. The session and
//! its actions are saved together, or nothing is, and the first thing to put right is said
//! beside "Save session".

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use mentor_core::ids::EntityId;

use super::profile_data::load_other_students;
use super::profile_session_group::GroupMembers;
use crate::client::mentoring::{ActionForm, OWNER_THE_STUDENT, SessionForm, new_session};
use crate::client::{AppClient, SaveAction, SaveState, new_id};
use crate::components::save_line;
use crate::pages::today;
use crate::state::SyncStatus;

/// Action rows the form starts with; "Add an action" adds more.
const FIRST_ACTION_ROWS: usize = 2;

#[component]
pub fn NewSession(
    student: EntityId,
    /// The student's name, for a small group's "Agreed with".
    name: Signal<String>,
    staff: Memo<Vec<(EntityId, String)>>,
    recording: RwSignal<bool>,
) -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let client = AppClient::expect();
    // Who may join a small group: read once, when the form opens.
    let read_others = LocalResource::new(move || {
        let store = client.store();
        async move {
            match store {
                Some(store) => load_other_students(&*store, student)
                    .await
                    .unwrap_or_default(),
                None => Vec::new(),
            }
        }
    });
    let others = Memo::new(move |_| read_others.get().unwrap_or_default());
    let topics =
        LocalResource::new(
            move || async move { client.school_settings().await.mentoring_topics() },
        );
    let saving = SaveAction::new();
    let form = RwSignal::new(SessionForm {
        held_on: today(),
        minutes: "20".to_owned(),
        actions: vec![ActionForm::default(); FIRST_ACTION_ROWS],
        ..SessionForm::default()
    });
    let save = move |ev: SubmitEvent| {
        ev.prevent_default();
        if saving.is_saving_untracked() {
            return;
        }
        let Some((me, _)) = status.signed_in_untracked() else {
            return;
        };
        let Some(id) = saving.new_id() else { return };
        match form.with_untracked(|form| new_session(id, student, me, form, new_id)) {
            Ok(edits) => saving.save_together(edits, move || {
                let _ = recording.try_set(false);
            }),
            Err(problem) => saving.set(SaveState::Failed(problem)),
        }
    };
    let text = |get: fn(&SessionForm) -> &String| move || form.with(|f| get(f).clone());
    let topic_boxes = move || {
        topics
            .get()
            .unwrap_or_default()
            .into_iter()
            .enumerate()
            .map(|(n, topic)| {
                let id = format!("session-topic-{n}");
                let label = topic.clone();
                let ticked = StoredValue::new(topic);
                view! {
                    <div class="check">
                        <input type="checkbox" id=id.clone()
                            prop:checked=move || ticked.with_value(|topic| form.with(|f| f.topics.contains(topic)))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                let topic = ticked.get_value();
                                form.update(|f| {
                                    f.topics.retain(|t| *t != topic);
                                    if on {
                                        f.topics.push(topic);
                                    }
                                });
                            }/>
                        <label for=id>{label}</label>
                    </div>
                }
            })
            .collect_view()
    };
    view! {
        <form class="new-session" aria-label="Record a session" on:submit=save novalidate>
            <h3>"Record a session"</h3>
            <div class="field">
                <label for="session-day">"Day"</label>
                <input id="session-day" type="date" prop:value=text(|f| &f.held_on)
                    on:input=move |ev| form.update(|f| f.held_on = event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="session-minutes">"Minutes"</label>
                <input id="session-minutes" type="number" inputmode="numeric" min="5" max="240"
                    prop:value=text(|f| &f.minutes)
                    on:input=move |ev| form.update(|f| f.minutes = event_target_value(&ev))/>
            </div>
            <fieldset class="session-topics">
                <legend>"Topics"</legend>
                {topic_boxes}
            </fieldset>
            <div class="field">
                <label for="session-discussed">"What was discussed (optional)"</label>
                <textarea id="session-discussed" rows="3" prop:value=text(|f| &f.discussed)
                    on:input=move |ev| form.update(|f| f.discussed = event_target_value(&ev))></textarea>
            </div>
            <div class="field">
                <label for="session-words">"What the student said, in their words (optional)"</label>
                <textarea id="session-words" rows="2" prop:value=text(|f| &f.student_words)
                    on:input=move |ev| form.update(|f| f.student_words = event_target_value(&ev))></textarea>
            </div>
            <GroupMembers form others/>
            <fieldset class="session-action-rows">
                <legend>"Actions agreed"</legend>
                {move || (0..form.with(|f| f.actions.len())).map(|n| view! {
                    <ActionRow n form name staff others/>
                }).collect_view()}
                <button type="button" class="button secondary"
                    on:click=move |_| form.update(|f| f.actions.push(ActionForm::default()))>
                    "Add an action"
                </button>
            </fieldset>
            <div class="field">
                <label for="session-next">"Next session (optional)"</label>
                <input id="session-next" type="date" prop:value=text(|f| &f.next_on)
                    on:input=move |ev| form.update(|f| f.next_on = event_target_value(&ev))/>
            </div>
            <div class="form-actions">
                <button type="submit" class="button" disabled=move || saving.is_saving()>"Save session"</button>
                <button type="button" class="button secondary" on:click=move |_| recording.set(false)>"Cancel"</button>
            </div>
            {save_line(saving.signal())}
        </form>
    }
}

/// Action row `n`: what, whose, by when; in a small group, with whom.
#[component]
fn ActionRow(
    n: usize,
    form: RwSignal<SessionForm>,
    name: Signal<String>,
    staff: Memo<Vec<(EntityId, String)>>,
    others: Memo<Vec<(EntityId, String)>>,
) -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let which = n + 1;
    let field = move |name: &str| format!("action-{name}-{n}");
    let get = move |read: fn(&ActionForm) -> String| {
        move || form.with(|f| f.actions.get(n).map(read).unwrap_or_default())
    };
    let set = move |write: fn(&mut ActionForm, String), value: String| {
        form.update(|f| {
            if let Some(action) = f.actions.get_mut(n) {
                write(action, value);
            }
        });
    };
    let me = status.signed_in_untracked().map(|(me, _)| me);
    let owners = move || {
        let mut staff = staff.get();
        // The signed-in member of staff first: most actions are theirs or the student's.
        staff.sort_by_key(|(id, _)| Some(*id) != me);
        staff
            .into_iter()
            .map(|(id, name)| {
                let name = if Some(id) == me {
                    format!("Me ({name})")
                } else {
                    name
                };
                view! { <option value=id.to_string()>{name}</option> }
            })
            .collect_view()
    };
    let in_group = move || form.with(|f| !f.others.is_empty());
    let agreed_with = move || {
        let chosen: Vec<EntityId> = form.with(|f| f.others.iter().map(|o| o.student).collect());
        others.with(|others| {
            others
                .iter()
                .filter(|(id, _)| chosen.contains(id))
                .map(|(id, name)| view! { <option value=id.to_string()>{name.clone()}</option> })
                .collect_view()
        })
    };
    view! {
        <div class="action-row">
            <Show when=in_group>
                <div class="field">
                    <label for=field("student")>{format!("Action {which} agreed with")}</label>
                    <select id=field("student") prop:value=get(|a| a.student.clone())
                        on:change=move |ev| set(|a, v| a.student = v, event_target_value(&ev))>
                        <option value="">{move || name.get()}</option>
                        {agreed_with}
                    </select>
                </div>
            </Show>
            <div class="field">
                <label for=field("text")>{format!("Action {which}")}</label>
                <input id=field("text") type="text" prop:value=get(|a| a.text.clone())
                    on:input=move |ev| set(|a, v| a.text = v, event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for=field("owner")>{format!("Who does action {which}")}</label>
                <select id=field("owner") prop:value=get(|a| a.owner.clone())
                    on:change=move |ev| set(|a, v| a.owner = v, event_target_value(&ev))>
                    <option value="">"Choose who"</option>
                    <option value=OWNER_THE_STUDENT>"The student"</option>
                    {owners}
                </select>
            </div>
            <div class="field">
                <label for=field("due")>{format!("Action {which} due")}</label>
                <input id=field("due") type="date" prop:value=get(|a| a.due_on.clone())
                    on:input=move |ev| set(|a, v| a.due_on = v, event_target_value(&ev))/>
            </div>
        </div>
    }
}

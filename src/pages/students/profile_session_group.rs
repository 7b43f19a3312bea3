//! The small-group part of "Record a session": add the other students who were there (from
//! the students on this device) and write what each said in their own words. Each student
//! gets their own session record, so a teacher of one never receives another's words.

use leptos::prelude::*;
use mentor_core::ids::EntityId;

use crate::client::mentoring::{GroupMember, SessionForm};

/// The "Small group" fieldset of the session form.
#[component]
pub fn GroupMembers(
    form: RwSignal<SessionForm>,
    others: Memo<Vec<(EntityId, String)>>,
) -> impl IntoView {
    let name_of = move |student: EntityId| {
        others.with(|others| {
            others
                .iter()
                .find(|(id, _)| *id == student)
                .map(|(_, name)| name.clone())
                .unwrap_or_default()
        })
    };
    let choices = move || {
        let chosen: Vec<EntityId> = form.with(|f| f.others.iter().map(|o| o.student).collect());
        others
            .get()
            .into_iter()
            .filter(|(id, _)| !chosen.contains(id))
            .map(|(id, name)| view! { <option value=id.to_string()>{name}</option> })
            .collect_view()
    };
    let add = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        if let Ok(student) = value.parse::<EntityId>() {
            form.update(|f| {
                if !f.others.iter().any(|other| other.student == student) {
                    f.others.push(GroupMember {
                        student,
                        words: String::new(),
                    });
                }
            });
        }
    };
    let member = move |student: EntityId| {
        let name = name_of(student);
        let label = format!("What {name} said, in their words (optional)");
        let words_id = format!("session-words-{student}");
        let words = move || {
            form.with(|f| {
                f.others
                    .iter()
                    .find(|other| other.student == student)
                    .map(|other| other.words.clone())
                    .unwrap_or_default()
            })
        };
        view! {
            <li class="group-member">
                <div class="field">
                    <label for=words_id.clone()>{label}</label>
                    <textarea id=words_id rows="2" prop:value=words
                        on:input=move |ev| {
                            let text = event_target_value(&ev);
                            form.update(|f| {
                                if let Some(other) = f.others.iter_mut().find(|o| o.student == student) {
                                    other.words = text;
                                }
                            });
                        }></textarea>
                </div>
                <button type="button" class="button secondary"
                    on:click=move |_| form.update(|f| {
                        f.others.retain(|other| other.student != student);
                        let gone = student.to_string();
                        for action in &mut f.actions {
                            if action.student == gone {
                                action.student.clear();
                            }
                        }
                    })>
                    {format!("Remove {name}")}
                </button>
            </li>
        }
    };
    view! {
        <fieldset class="session-group">
            <legend>"Small group (optional)"</legend>
            <ul class="group-members" aria-label="Also in this session">
                <For
                    each=move || form.with(|f| f.others.iter().map(|o| o.student).collect::<Vec<_>>())
                    key=|student| *student
                    children=member
                />
            </ul>
            <div class="field">
                <label for="session-add-student">"Add a student to this session"</label>
                <select id="session-add-student" prop:value=String::new on:change=add>
                    <option value="">"Choose a student"</option>
                    {choices}
                </select>
            </div>
        </fieldset>
    }
}

//! Teaching groups, for admins and SENCOs: create a group, or choose one, see its staff and
//! students, add or remove either. A teacher's or mentor's device sees a group's students through its
//! membership, so the change reaches them at their next sync.

use leptos::prelude::*;
use leptos_router::components::A;
use mentor_core::ids::EntityId;
use mentor_core::role::Role;

use super::caseloads_page::roster_resource;
use super::new_group_form::NewGroupForm;
use super::roster::{SchoolRoster, add_to_group, remove_from_group};
use super::school_page::{SYNC_NOTE, SchoolGate};
use super::student_picker::StudentPicker;
use crate::client::{SaveAction, SaveState};
use crate::components::save_line;

/// The role as the lists show it.
fn role_label(role: Option<Role>) -> &'static str {
    role.map_or("Staff", Role::label)
}

/// A member's row with its Remove button.
fn member_row(
    title: String,
    detail: String,
    busy: Signal<bool>,
    on_remove: impl Fn() + 'static,
) -> impl IntoView {
    let label = format!(" {title}");
    view! {
        <li class="school-row">
            <span class="school-row-text">
                <span class="row-title">{title}</span>
                " "
                <span class="row-detail">{detail}</span>
            </span>
            <button
                class="button secondary"
                type="button"
                disabled=move || busy.get()
                on:click=move |_| on_remove()
            >
                "Remove"
                <span class="sr-only">{label}</span>
            </button>
        </li>
    }
}

/// Choose a group; its staff and students, with adding and removing.
#[component]
pub fn GroupsPage() -> impl IntoView {
    let roster = roster_resource();
    let loaded = Memo::new(move |_| match roster.get() {
        Some(Ok(roster)) => roster,
        _ => SchoolRoster::default(),
    });
    let load_error = move || match roster.get() {
        Some(Err(error)) => Some(view! { <p class="form-error" role="alert">{error}</p> }),
        _ => None,
    };
    let group = RwSignal::new(None::<EntityId>);
    let staff_to_add = RwSignal::new(String::new());
    let change = SaveAction::new();
    let busy = Signal::derive(move || change.is_saving());

    let group_name = move || {
        let id = group.get()?;
        loaded.with(|r| r.groups.iter().find(|g| g.id == id).map(|g| g.name.clone()))
    };
    let members = Memo::new(move |_| match group.get() {
        Some(id) => loaded.with(|roster| roster.group_members(id)),
        None => (Vec::new(), Vec::new()),
    });
    let staff_candidates = Memo::new(move |_| {
        let (in_group, _) = members.get();
        loaded.with(|roster| {
            roster
                .staff
                .iter()
                .filter(|s| !in_group.iter().any(|m| m.id == s.id))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let student_candidates = Signal::derive(move || {
        let (_, in_group) = members.get();
        loaded.with(|roster| {
            roster
                .students
                .iter()
                .filter(|s| !in_group.iter().any(|m| m.id == s.id))
                .cloned()
                .collect::<Vec<_>>()
        })
    });

    let remove = move |member: EntityId, name: String| {
        let Some(group_id) = group.get_untracked() else {
            return;
        };
        let from = group_name().unwrap_or_default();
        change.save_saying(
            remove_from_group(group_id, member),
            format!("Removed {name} from {from}. Saved on this device."),
        );
    };
    let add = move |member: EntityId, is_staff: bool| {
        let Some(group_id) = group.get_untracked() else {
            return;
        };
        let to = group_name().unwrap_or_default();
        let name = loaded.with_untracked(|roster| {
            let staff = roster.staff.iter().find(|s| s.id == member);
            staff.map(|s| s.name.clone()).or_else(|| {
                roster
                    .students
                    .iter()
                    .find(|s| s.id == member)
                    .map(|s| s.shown_name())
            })
        });
        change.save_saying(
            add_to_group(group_id, member, is_staff),
            format!(
                "Added {} to {to}. Saved on this device.",
                name.unwrap_or_default()
            ),
        );
    };
    let add_student = Callback::new(move |student: EntityId| add(student, false));
    let add_staff = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Ok(member) = staff_to_add.get_untracked().parse::<EntityId>() {
            staff_to_add.set(String::new());
            add(member, true);
        }
    };

    view! {
        <div class="page school-page">
            <A href="/school" attr:class="back-link">"Back to School"</A>
            <h1>"Groups"</h1>
            <SchoolGate admin_only=false>
                <p class="school-note">{SYNC_NOTE}</p>
                {load_error}
                <div class="field school-choice">
                    <label for="group-choice">"Group"</label>
                    <select
                        id="group-choice"
                        on:change=move |ev| {
                            group.set(event_target_value(&ev).parse().ok());
                            change.set(SaveState::Idle);
                        }
                    >
                        <option value="" selected=move || group.get().is_none()>"Choose a group"</option>
                        <For each=move || loaded.with(|r| r.groups.clone()) key=|g| (g.id, g.name.clone()) let(item)>
                            <option value=item.id.to_string() selected=move || group.get() == Some(item.id)>
                                {item.name.clone()}
                            </option>
                        </For>
                    </select>
                </div>
                {save_line(change.signal())}
                <Show when=move || group.get().is_some()>
                    <section class="card school-section" aria-labelledby="group-staff-heading">
                        <h2 id="group-staff-heading">"Staff"</h2>
                        <ul class="row-list school-list" aria-label="Staff in the group">
                            <For each=move || members.get().0 key=|s| s.id let(member)>
                                {
                                    let name = member.name.clone();
                                    member_row(
                                        member.name.clone(),
                                        role_label(member.role).to_owned(),
                                        busy,
                                        move || remove(member.id, name.clone()),
                                    )
                                }
                            </For>
                        </ul>
                        <Show when=move || members.with(|m| m.0.is_empty())>
                            <p class="form-note">"No staff in this group yet."</p>
                        </Show>
                        <form class="school-add-staff" on:submit=add_staff>
                            <div class="field">
                                <label for="group-add-staff">"Member of staff to add"</label>
                                <select
                                    id="group-add-staff"
                                    on:change=move |ev| staff_to_add.set(event_target_value(&ev))
                                    prop:value=move || staff_to_add.get()
                                >
                                    <option value="">"Choose a member of staff"</option>
                                    <For each=move || staff_candidates.get() key=|s| s.id let(member)>
                                        <option value=member.id.to_string()>
                                            {format!("{} ({})", member.name, role_label(member.role))}
                                        </option>
                                    </For>
                                </select>
                            </div>
                            <button
                                class="button"
                                type="submit"
                                disabled=move || busy.get() || staff_to_add.get().is_empty()
                            >
                                "Add to group"
                            </button>
                        </form>
                    </section>
                    <section class="card school-section" aria-labelledby="group-students-heading">
                        <h2 id="group-students-heading">"Students"</h2>
                        <ul class="row-list school-list" aria-label="Students in the group">
                            <For each=move || members.get().1 key=|s| s.id let(student)>
                                {
                                    let name = student.shown_name();
                                    member_row(
                                        student.shown_name(),
                                        student.year_and_form(),
                                        busy,
                                        move || remove(student.id, name.clone()),
                                    )
                                }
                            </For>
                        </ul>
                        <Show when=move || members.with(|m| m.1.is_empty())>
                            <p class="form-note">"No students in this group yet."</p>
                        </Show>
                        <h3>"Add students"</h3>
                        <StudentPicker candidates=student_candidates on_add=add_student id="group-find" busy=busy/>
                    </section>
                </Show>
                <NewGroupForm change on_created=Callback::new(move |id| group.set(Some(id)))/>
            </SchoolGate>
        </div>
    }
}

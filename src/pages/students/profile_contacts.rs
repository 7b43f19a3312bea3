//! Emergency contacts on a student's profile, in the order to call them, each number ready to
//! dial. The SENCO and administrators add them, change any of their details in place and
//! remove them; everyone else reads.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use mentor_core::entity::EntityKind;
use mentor_core::ids::EntityId;
use mentor_core::op::Edit;
use serde_json::{Value, json};

use super::profile_data::{EmergencyContact, fields};
use crate::client::{SaveAction, SaveState, typed};
use crate::components::{edit_actions, save_line};
use crate::pages::phone_link;

/// What a contact must have, said the same way when adding and when editing.
const CONTACT_NEEDS: &str = "A contact needs a name, a relationship and a phone number.";

/// The fields of a contact as typed in a form, kept apart from the stored contact so a sync
/// never overwrites what is being typed.
#[derive(Debug, Clone, Copy)]
struct ContactDraft {
    name: RwSignal<String>,
    relationship: RwSignal<String>,
    phone: RwSignal<String>,
    other_phone: RwSignal<String>,
    priority: RwSignal<String>,
}

/// A contact's fields as checked: blank optional text is `None`.
struct TypedContact {
    name: String,
    relationship: String,
    phone: String,
    other_phone: Option<String>,
    priority: u8,
}

impl ContactDraft {
    fn new() -> Self {
        Self {
            name: RwSignal::new(String::new()),
            relationship: RwSignal::new(String::new()),
            phone: RwSignal::new(String::new()),
            other_phone: RwSignal::new(String::new()),
            priority: RwSignal::new("1".to_owned()),
        }
    }

    /// Fills the form with `contact` as stored.
    fn load(self, contact: &EmergencyContact) {
        self.name.set(contact.name.clone());
        self.relationship.set(contact.relationship.clone());
        self.phone.set(contact.phone_primary.clone());
        self.other_phone.set(contact.phone_secondary.clone());
        self.priority.set(contact.priority.to_string());
    }

    /// Empties the text fields after an add (the order to call stays as chosen).
    fn clear(self) {
        for field in [self.name, self.relationship, self.phone, self.other_phone] {
            let _ = field.try_set(String::new());
        }
    }

    /// The fields trimmed, or `None` when a required one is blank.
    fn typed(self) -> Option<TypedContact> {
        Some(TypedContact {
            name: typed(&self.name.get_untracked())?,
            relationship: typed(&self.relationship.get_untracked())?,
            phone: typed(&self.phone.get_untracked())?,
            other_phone: typed(&self.other_phone.get_untracked()),
            priority: self.priority.get_untracked().parse().unwrap_or(1),
        })
    }
}

/// The labelled fields of a contact form; `id` keeps the select's label unique on the page.
fn contact_fields(draft: ContactDraft, id: String) -> impl IntoView {
    let text_field = |label: &'static str, value: RwSignal<String>, kind: &'static str| {
        view! {
            <label class="field">
                <span class="field-label">{label}</span>
                <input
                    type=kind
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
            </label>
        }
    };
    let priority = draft.priority;
    view! {
        {text_field("Name", draft.name, "text")}
        {text_field("Relationship", draft.relationship, "text")}
        {text_field("Phone", draft.phone, "tel")}
        {text_field("Other phone (optional)", draft.other_phone, "tel")}
        <div class="field">
            <label class="field-label" for=id.clone()>"Order to call"</label>
            <select id=id
                prop:value=move || priority.get()
                on:change=move |ev| priority.set(event_target_value(&ev))
            >
                // `selected` as well as the select's value: the value is set before the
                // options exist, so an edit would otherwise open on "1".
                {(1..=9u8)
                    .map(|n| {
                        let value = n.to_string();
                        view! {
                            <option value=value.clone() selected=move || priority.with(|p| *p == value)>
                                {n.to_string()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// The emergency contacts of a student, and a form to add one.
#[component]
pub fn Contacts(
    student: EntityId,
    contacts: Signal<Vec<EmergencyContact>>,
    editable: Signal<bool>,
) -> impl IntoView {
    let saving = SaveAction::new();
    let draft = ContactDraft::new();
    let add = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(contact) = draft.typed() else {
            saving.set(SaveState::Failed(CONTACT_NEEDS.to_owned()));
            return;
        };
        let Some(id) = saving.new_id() else {
            return;
        };
        let mut values = fields([
            ("name", json!(contact.name)),
            ("relationship", json!(contact.relationship)),
            ("phone_primary", json!(contact.phone)),
            ("priority", json!(contact.priority)),
            ("student_id", json!(student.to_string())),
        ]);
        if let Some(other) = contact.other_phone {
            values.insert("phone_secondary".to_owned(), json!(other));
        }
        saving.save(
            Edit::create(EntityKind::EmergencyContact, id, values),
            move || draft.clear(),
        );
    };

    view! {
        <section class="contacts" aria-labelledby="contacts-heading">
            <h3 id="contacts-heading">"Emergency contacts"</h3>
            <Show
                when=move || !contacts.with(Vec::is_empty)
                fallback=|| view! { <p class="empty">"No emergency contacts."</p> }
            >
                <ol class="contact-list">
                    <For each=move || contacts.get() key=|contact| contact.id let:contact>
                        <ContactRow id=contact.id contacts editable saving/>
                    </For>
                </ol>
            </Show>
            <Show when=move || editable.get()>
                <form class="add-item" aria-label="Add an emergency contact" on:submit=add novalidate>
                    {contact_fields(draft, "new-contact-priority".to_owned())}
                    <button class="button" type="submit">"Add contact"</button>
                </form>
            </Show>
            {save_line(saving.signal())}
        </section>
    }
}

/// The fields of an update: only what differs from `before`. Clearing the other phone
/// removes it.
fn changed_fields(
    before: &EmergencyContact,
    after: TypedContact,
) -> std::collections::BTreeMap<String, Value> {
    let mut changes = fields([]);
    let mut text = |field: &str, old: &str, new: String| {
        if old != new {
            changes.insert(field.to_owned(), json!(new));
        }
    };
    text("name", &before.name, after.name);
    text("relationship", &before.relationship, after.relationship);
    text("phone_primary", &before.phone_primary, after.phone);
    match after.other_phone {
        Some(other) if other != before.phone_secondary => {
            changes.insert("phone_secondary".to_owned(), json!(other));
        }
        None if !before.phone_secondary.is_empty() => {
            changes.insert("phone_secondary".to_owned(), Value::Null);
        }
        _ => {}
    }
    if u64::from(after.priority) != before.priority {
        changes.insert("priority".to_owned(), json!(after.priority));
    }
    changes
}

/// One contact: its name, relationship and numbers, and for those who may, an edit form in
/// place of them.
#[component]
fn ContactRow(
    id: EntityId,
    contacts: Signal<Vec<EmergencyContact>>,
    editable: Signal<bool>,
    saving: SaveAction,
) -> impl IntoView {
    let contact = Memo::new(move |_| {
        contacts.with(|contacts| contacts.iter().find(|contact| contact.id == id).cloned())
    });
    let field = move |read: fn(&EmergencyContact) -> String| {
        move || contact.with(|contact| contact.as_ref().map(read).unwrap_or_default())
    };
    let name = field(|contact| contact.name.clone());
    let relationship = field(|contact| contact.relationship.clone());
    let phone = field(|contact| contact.phone_primary.clone());
    let other_phone = field(|contact| contact.phone_secondary.clone());
    let editing = RwSignal::new(false);
    let draft = ContactDraft::new();

    let save = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(after) = draft.typed() else {
            saving.set(SaveState::Failed(CONTACT_NEEDS.to_owned()));
            return;
        };
        let Some(before) = contact.get_untracked() else {
            return;
        };
        let changes = changed_fields(&before, after);
        saving.save_changes(EntityKind::EmergencyContact, id, changes, editing);
    };
    let remove = move || saving.remove(EntityKind::EmergencyContact, id, editing);

    view! {
        <li class="contact">
            <Show
                when=move || editing.get()
                fallback=move || {
                    view! {
                        <p class="contact-name">
                            <strong>{name}</strong>
                            " · "
                            {relationship}
                        </p>
                        <p class="contact-phones">
                            <a class="phone" href=move || phone_link(&phone())>{phone}</a>
                            {move || {
                                let other = other_phone();
                                (!other.is_empty())
                                    .then(|| {
                                        view! {
                                            <a class="phone" href=phone_link(&other)>{other.clone()}</a>
                                        }
                                    })
                            }}
                        </p>
                        <Show when=move || editable.get()>
                            <div class="form-actions">
                                <button
                                    class="button secondary small"
                                    type="button"
                                    aria-label=move || format!("Edit contact: {}", name())
                                    on:click=move |_| {
                                        if let Some(contact) = contact.get_untracked() {
                                            draft.load(&contact);
                                            editing.set(true);
                                        }
                                    }
                                >
                                    "Edit"
                                </button>
                                <button
                                    class="button secondary small"
                                    type="button"
                                    aria-label=move || format!("Remove contact: {}", name())
                                    on:click=move |_| remove()
                                >
                                    "Remove"
                                </button>
                            </div>
                        </Show>
                    }
                }
            >
                <form
                    class="edit-item"
                    aria-label=move || format!("Edit contact: {}", name())
                    on:submit=save
                    novalidate
                >
                    {contact_fields(draft, format!("contact-priority-{id}"))}
                    {edit_actions(editing, remove)}
                </form>
            </Show>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored() -> EmergencyContact {
        EmergencyContact {
            id: EntityId::from_time_and_random(1, [3; 10]).unwrap(),
            name: "Tamsin Orchard".to_owned(),
            relationship: "Aunt".to_owned(),
            phone_primary: "07700 900111".to_owned(),
            phone_secondary: "01632 960222".to_owned(),
            priority: 2,
        }
    }

    fn typed_as(contact: &EmergencyContact) -> TypedContact {
        TypedContact {
            name: contact.name.clone(),
            relationship: contact.relationship.clone(),
            phone: contact.phone_primary.clone(),
            other_phone: Some(contact.phone_secondary.clone()),
            priority: 2,
        }
    }

    #[test]
    fn an_update_carries_only_what_changed() {
        let before = stored();
        let after = TypedContact {
            phone: "07700 900333".to_owned(),
            ..typed_as(&before)
        };
        assert_eq!(
            changed_fields(&before, after),
            fields([("phone_primary", json!("07700 900333"))])
        );
        assert!(changed_fields(&before, typed_as(&before)).is_empty());
    }

    #[test]
    fn clearing_the_other_phone_removes_it_and_the_order_is_a_number() {
        let before = stored();
        let after = TypedContact {
            other_phone: None,
            priority: 1,
            ..typed_as(&before)
        };
        assert_eq!(
            changed_fields(&before, after),
            fields([("phone_secondary", Value::Null), ("priority", json!(1))])
        );
    }
}

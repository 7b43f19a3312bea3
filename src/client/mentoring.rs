//! The edits of mentoring: recording a session with the actions agreed in it, and marking an
//! action done. Each check a person could get wrong is made here, with a sentence for the
//! form, before anything is saved; a session and its actions are saved together
//! (`AppClient::save_all`), so none is saved without the others.

use std::collections::BTreeMap;

use mentor_core::kinds::SESSION_MINUTES;
use mentor_core::validation::is_date;
use mentor_core::{Edit, EntityId, EntityKind};
use serde_json::json;

use super::edit::typed;

/// A session, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionForm {
    pub held_on: String,
    /// Minutes, as typed.
    pub minutes: String,
    /// The topics ticked, in the school's order.
    pub topics: Vec<String>,
    pub discussed: String,
    pub student_words: String,
    pub next_on: String,
    /// The other students of a small-group session, each with their own words.
    pub others: Vec<GroupMember>,
    pub actions: Vec<ActionForm>,
}

/// Another student in a small-group session, and what they said in their own words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupMember {
    pub student: EntityId,
    pub words: String,
}

/// An action's owner when it is the student it is agreed with.
pub const OWNER_THE_STUDENT: &str = "student";

/// An action, as typed: what, whose ([`OWNER_THE_STUDENT`] or a member of staff's id; empty
/// until chosen), by when, and, in a small group, which student it is agreed with (empty for
/// the student whose profile the form is on).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActionForm {
    pub text: String,
    pub owner: String,
    pub due_on: String,
    pub student: String,
}

impl ActionForm {
    fn is_blank(&self) -> bool {
        typed(&self.text).is_none() && self.owner.is_empty()
    }
}

/// The edits that record session `id` with `student`, held by `by`: one session record for
/// each student in it (a small group's share its `occasion_id`, the first record's id, so
/// what one student said reaches only those who see that student), and each action typed
/// (blank action rows are left out) in the session of the student it is agreed with. Other
/// ids come from `new_id`.
///
/// # Errors
/// The first thing to put right, in words: no date, minutes out of range, no topic, an
/// action with no words, no owner or no due date, a next session before this one.
pub fn new_session(
    id: EntityId,
    student: EntityId,
    by: EntityId,
    form: &SessionForm,
    mut new_id: impl FnMut() -> Result<EntityId, String>,
) -> Result<Vec<Edit>, String> {
    if !is_date(&form.held_on) {
        return Err("Enter the day of the session.".to_owned());
    }
    let (least, most) = SESSION_MINUTES;
    let minutes: i64 = form
        .minutes
        .trim()
        .parse()
        .ok()
        .filter(|minutes| (least..=most).contains(minutes))
        .ok_or_else(|| format!("Enter how long it took: {least} to {most} minutes."))?;
    if form.topics.is_empty() {
        return Err("Tick at least one topic.".to_owned());
    }
    let next_on = typed(&form.next_on);
    if let Some(next) = &next_on
        && (!is_date(next) || *next <= form.held_on)
    {
        return Err("The next session must be after this one.".to_owned());
    }
    let occasion = (!form.others.is_empty()).then_some(id);
    let mut attending = vec![(student, id, form.student_words.as_str())];
    for other in &form.others {
        attending.push((other.student, new_id()?, other.words.as_str()));
    }
    let mut edits = Vec::new();
    for (student, id, words) in &attending {
        let mut fields = BTreeMap::new();
        fields.insert("student_id".to_owned(), json!(student.to_string()));
        fields.insert("held_on".to_owned(), json!(form.held_on));
        fields.insert("held_by".to_owned(), json!(by.to_string()));
        fields.insert("minutes".to_owned(), json!(minutes));
        fields.insert("topics".to_owned(), json!(form.topics));
        for (name, text) in [
            ("discussed", form.discussed.as_str()),
            ("student_words", words),
        ] {
            if let Some(text) = typed(text) {
                fields.insert(name.to_owned(), json!(text));
            }
        }
        if let Some(next) = &next_on {
            fields.insert("next_on".to_owned(), json!(next));
        }
        if let Some(occasion) = occasion {
            fields.insert("occasion_id".to_owned(), json!(occasion.to_string()));
        }
        let session = Edit::create(EntityKind::MentoringSession, *id, fields);
        session.validate().map_err(|error| error.to_string())?;
        edits.push(session);
    }
    for (n, action) in form.actions.iter().enumerate() {
        if action.is_blank() {
            continue;
        }
        let which = n + 1;
        let text = typed(&action.text).ok_or(format!("Write what action {which} is."))?;
        let (student, session) = match action.student.parse::<EntityId>() {
            Ok(chosen) => attending
                .iter()
                .find(|(student, ..)| *student == chosen)
                .map(|(student, session, _)| (*student, *session))
                .ok_or(format!("Choose who action {which} is agreed with."))?,
            Err(_) => (student, id),
        };
        let owner = if action.owner == OWNER_THE_STUDENT {
            student
        } else {
            action
                .owner
                .parse()
                .map_err(|_| format!("Choose who owns action {which}."))?
        };
        if !is_date(&action.due_on) {
            return Err(format!("Enter when action {which} is due."));
        }
        if action.due_on < form.held_on {
            return Err(format!("Action {which} cannot be due before the session."));
        }
        let mut fields = BTreeMap::new();
        fields.insert("session_id".to_owned(), json!(session.to_string()));
        fields.insert("student_id".to_owned(), json!(student.to_string()));
        fields.insert("text".to_owned(), json!(text));
        fields.insert("owner_id".to_owned(), json!(owner.to_string()));
        fields.insert("due_on".to_owned(), json!(action.due_on));
        let edit = Edit::create(EntityKind::MentoringAction, new_id()?, fields);
        edit.validate()
            .map_err(|error| format!("Action {which}: {error}"))?;
        edits.push(edit);
    }
    Ok(edits)
}

/// The edit that records action `id` done on `day`.
pub fn complete_action(id: EntityId, day: &str) -> Edit {
    Edit::update(
        EntityKind::MentoringAction,
        id,
        [("done_on".to_owned(), json!(day))].into(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u8) -> EntityId {
        EntityId::from_time_and_random(u64::from(n), [n; 10]).unwrap()
    }

    fn form() -> SessionForm {
        SessionForm {
            held_on: "2026-12-01".to_owned(),
            minutes: "20".to_owned(),
            topics: vec!["Homework".to_owned()],
            student_words: "I forget what the homework is".to_owned(),
            next_on: "2026-12-15".to_owned(),
            actions: vec![
                ActionForm {
                    text: "Write homework in the planner".to_owned(),
                    owner: id(2).to_string(),
                    due_on: "2026-12-08".to_owned(),
                    student: String::new(),
                },
                ActionForm::default(),
            ],
            ..SessionForm::default()
        }
    }

    fn ids() -> impl FnMut() -> Result<EntityId, String> {
        let mut next = 10;
        move || {
            next += 1;
            Ok(id(next))
        }
    }

    #[test]
    fn a_small_group_session_is_one_record_per_student_each_with_their_own_words() {
        let mut group = form();
        group.others = vec![
            GroupMember {
                student: id(4),
                words: "I want to do my homework at lunch".to_owned(),
            },
            GroupMember {
                student: id(5),
                words: String::new(),
            },
        ];
        group.actions[1] = ActionForm {
            text: "Bring the planner to each lesson".to_owned(),
            owner: OWNER_THE_STUDENT.to_owned(),
            due_on: "2026-12-04".to_owned(),
            student: id(4).to_string(),
        };
        let edits = new_session(id(1), id(2), id(3), &group, ids()).unwrap();
        let sessions: Vec<&Edit> = edits
            .iter()
            .filter(|edit| edit.entity == EntityKind::MentoringSession)
            .collect();
        assert_eq!(sessions.len(), 3);
        let occasion = json!(id(1).to_string());
        assert!(sessions.iter().all(|s| s.fields["occasion_id"] == occasion));
        assert_eq!(
            sessions[0].fields["student_words"],
            json!("I forget what the homework is")
        );
        assert_eq!(
            sessions[1].fields["student_words"],
            json!("I want to do my homework at lunch")
        );
        assert_eq!(sessions[1].fields["student_id"], json!(id(4).to_string()));
        assert!(!sessions[2].fields.contains_key("student_words"));
        // The second action is agreed with the second student, in their session, theirs to do.
        let action = &edits[4];
        assert_eq!(action.entity, EntityKind::MentoringAction);
        assert_eq!(
            action.fields["session_id"],
            json!(sessions[1].entity_id.to_string())
        );
        assert_eq!(action.fields["student_id"], json!(id(4).to_string()));
        assert_eq!(action.fields["owner_id"], json!(id(4).to_string()));
        // An action agreed with a student no longer in the group is named, not saved.
        group.others.remove(0);
        assert_eq!(
            new_session(id(1), id(2), id(3), &group, ids()).unwrap_err(),
            "Choose who action 2 is agreed with."
        );
    }

    #[test]
    fn a_session_is_saved_with_its_actions_and_blank_action_rows_are_left_out() {
        let edits = new_session(id(1), id(2), id(3), &form(), ids()).unwrap();
        assert_eq!(edits.len(), 2);
        assert_eq!(edits[0].entity, EntityKind::MentoringSession);
        assert_eq!(edits[0].fields["topics"], json!(["Homework"]));
        assert!(!edits[0].fields.contains_key("occasion_id"));
        assert_eq!(edits[1].entity, EntityKind::MentoringAction);
        assert_eq!(edits[1].fields["session_id"], json!(id(1).to_string()));
        assert_eq!(edits[1].fields["owner_id"], json!(id(2).to_string()));
    }

    /// A change that spoils the form, and what the form then says.
    type Case = (fn(&mut SessionForm), &'static str);

    #[test]
    fn each_mistake_is_named_before_anything_is_saved() {
        let cases: [Case; 6] = [
            (|f| f.held_on.clear(), "Enter the day of the session."),
            (
                |f| f.minutes = "0".to_owned(),
                "Enter how long it took: 5 to 240 minutes.",
            ),
            (|f| f.topics.clear(), "Tick at least one topic."),
            (
                |f| f.next_on = "2026-11-30".to_owned(),
                "The next session must be after this one.",
            ),
            (|f| f.actions[0].owner.clear(), "Choose who owns action 1."),
            (
                |f| f.actions[1].text = "Bring a pen".to_owned(),
                "Choose who owns action 2.",
            ),
        ];
        for (spoil, said) in cases {
            let mut form = form();
            spoil(&mut form);
            assert_eq!(
                new_session(id(1), id(2), id(3), &form, ids()).unwrap_err(),
                said
            );
        }
        let mut early = form();
        early.actions[0].due_on = "2026-11-01".to_owned();
        assert_eq!(
            new_session(id(1), id(2), id(3), &early, ids()).unwrap_err(),
            "Action 1 cannot be due before the session."
        );
    }
}

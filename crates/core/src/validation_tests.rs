//! Tests of validation and its messages.

use super::*;
use crate::entity::{caseload_assignment_id, group_membership_id, passport_voice_id};
use serde_json::json;

fn id(n: u8) -> EntityId {
    EntityId::from_time_and_random(1_700_000_000_000, [n; 10]).unwrap()
}

fn map(value: Value) -> BTreeMap<String, Value> {
    serde_json::from_value(value).unwrap()
}

fn student(kind: OpKind, fields: Value) -> Result<(), ValidationError> {
    check_edit(EntityKind::Student, id(1), kind, &map(fields))
}

fn message(result: Result<(), ValidationError>) -> String {
    result.unwrap_err().to_string()
}

#[test]
fn a_complete_student_is_valid() {
    let fields = json!({
        "given_name": "Tamsin", "family_name": "Oakridge", "preferred_name": "Tam",
        "year_group": 9, "form_group": "9RW", "upn": "J938412324017"
    });
    assert_eq!(student(OpKind::Create, fields), Ok(()));
}

#[test]
fn messages_say_which_field_is_wrong_and_why() {
    let base = json!({"given_name": "Tamsin", "family_name": "Oakridge", "year_group": 9});
    let with = |field: &str, value: Value| {
        let mut fields = base.clone();
        fields[field] = value;
        student(OpKind::Create, fields)
    };
    assert_eq!(
        message(with("year_group", json!(15))),
        "year_group must be 7 to 13, got 15"
    );
    assert_eq!(
        message(with("year_group", json!("ten"))),
        "year_group must be a whole number, got \"ten\""
    );
    assert_eq!(
        message(with("nickname", json!("T"))),
        "a student has no field called \"nickname\""
    );
    assert_eq!(
        message(with("given_name", json!("  "))),
        "given_name must not be blank"
    );
    assert_eq!(
        message(with("given_name", json!(" Tamsin"))),
        "given_name must not start or end with a space"
    );
    assert_eq!(
        message(with("family_name", json!("x".repeat(101)))),
        "family_name must be at most 100 characters, got 101"
    );
    assert_eq!(
        message(with("form_group", json!("9R\nW"))),
        "form_group must be one line of text without tabs or line breaks"
    );
    assert_eq!(
        message(with("given_name", json!(7))),
        "given_name must be text, got 7"
    );
    assert_eq!(
        message(student(
            OpKind::Create,
            json!({"given_name": "Tamsin", "year_group": 9})
        )),
        "a new student needs family_name"
    );
}

#[test]
fn upns_are_checked_for_shape_and_check_letter() {
    assert_eq!(check_upn("J938412324017"), Ok(()));
    // A temporary UPN ends with a letter, which counts in the check.
    assert_eq!(check_upn("M93841232401K"), Ok(()));
    assert_eq!(
        check_upn("A938412324017").unwrap_err().to_string(),
        "upn A938412324017 has the wrong check letter (it should be J); check it was copied correctly"
    );
    for bad in [
        "J93841232401",
        "j938412324017",
        "J93841232401I",
        "J9384123X4017",
        "J938412324017 ",
    ] {
        assert!(
            matches!(check_upn(bad), Err(ValidationError::UpnShape { .. })),
            "{bad} should have the wrong shape"
        );
    }
    assert!(message(check_upn("12")).starts_with("upn must be 13 characters"));
}

#[test]
fn updates_clear_optional_fields_but_not_required_ones() {
    assert_eq!(
        student(OpKind::Update, json!({"preferred_name": null})),
        Ok(())
    );
    assert_eq!(
        message(student(OpKind::Update, json!({"family_name": null}))),
        "family_name cannot be left empty"
    );
    assert_eq!(
        message(student(OpKind::Update, json!({}))),
        "an update must change at least one field"
    );
    assert_eq!(
        message(student(OpKind::Delete, json!({"year_group": 8}))),
        "a delete must not carry any fields"
    );
    assert_eq!(student(OpKind::Delete, json!({})), Ok(()));
}

#[test]
fn staff_need_a_known_role_and_an_email() {
    let staff = |fields: Value| check_edit(EntityKind::Staff, id(2), OpKind::Create, &map(fields));
    let ok = json!({"display_name": "Mr R. Pennant", "email": "r.pennant@hollowmere.example", "role": "mentor"});
    assert_eq!(staff(ok.clone()), Ok(()));
    let mut bad = ok.clone();
    bad["role"] = json!("head");
    assert_eq!(
        message(staff(bad)),
        "role must be one of mentor, teacher, senco, dsl, admin, got \"head\""
    );
    for email in [
        "r.pennant",
        "@hollowmere.example",
        "r@localhost",
        "r p@x.example",
        "r@x..example",
    ] {
        let mut bad = ok.clone();
        bad["email"] = json!(email);
        assert!(
            matches!(staff(bad), Err(ValidationError::Email { .. })),
            "{email} should be refused"
        );
    }
}

#[test]
fn memberships_need_a_derived_id_and_never_change_their_keys() {
    let (group, member) = (id(3), id(4));
    let fields = map(json!({
        "group_id": group.to_string(), "member_id": member.to_string(), "member_kind": "student"
    }));
    let right = group_membership_id(group, member);
    let kind = EntityKind::GroupMembership;
    assert_eq!(check_edit(kind, right, OpKind::Create, &fields), Ok(()));
    assert_eq!(
        message(check_edit(kind, id(9), OpKind::Create, &fields)),
        "this group membership's id does not match what it links; it must be made from them"
    );
    assert_eq!(
        message(check_edit(
            kind,
            right,
            OpKind::Update,
            &map(json!({"member_kind": "staff"}))
        )),
        "the member_kind of a group membership cannot be changed; remove the group membership and add a new one"
    );
    assert_eq!(
        message(check_edit(
            kind,
            right,
            OpKind::Create,
            &map(
                json!({"group_id": "7X", "member_id": member.to_string(), "member_kind": "student"})
            )
        )),
        "group_id must be a record id, got \"7X\""
    );
    assert_eq!(
        check_edit(kind, right, OpKind::Delete, &BTreeMap::new()),
        Ok(())
    );
}

#[test]
fn caseload_assignments_are_keyed_by_mentor_and_student() {
    let (mentor, pupil) = (id(5), id(6));
    let fields = map(json!({"mentor_id": mentor.to_string(), "student_id": pupil.to_string()}));
    let kind = EntityKind::CaseloadAssignment;
    assert_eq!(
        check_edit(
            kind,
            caseload_assignment_id(mentor, pupil),
            OpKind::Create,
            &fields
        ),
        Ok(())
    );
    assert!(
        check_edit(
            kind,
            caseload_assignment_id(pupil, mentor),
            OpKind::Create,
            &fields
        )
        .is_err()
    );
}

#[test]
fn teaching_groups_take_an_optional_year() {
    let group = |fields: Value| {
        check_edit(
            EntityKind::TeachingGroup,
            id(7),
            OpKind::Create,
            &map(fields),
        )
    };
    assert_eq!(
        group(json!({"name": "8Y/Sc2", "subject": "Science", "year_group": 8})),
        Ok(())
    );
    assert_eq!(group(json!({"name": "Homework club"})), Ok(()));
    assert_eq!(
        message(group(json!({"name": "Homework club", "year_group": 6}))),
        "year_group must be 7 to 13, got 6"
    );
}

#[test]
fn students_take_pronouns_and_a_send_status() {
    assert_eq!(
        student(
            OpKind::Update,
            json!({"pronouns": "they/them", "send_status": "sen_support"})
        ),
        Ok(())
    );
    for status in ["none", "sen_support", "ehcp"] {
        assert_eq!(
            student(OpKind::Update, json!({"send_status": status})),
            Ok(())
        );
    }
    assert_eq!(
        message(student(OpKind::Update, json!({"send_status": "EHCP"}))),
        "send_status must be one of none, sen_support, ehcp, got \"EHCP\""
    );
    assert_eq!(
        student(
            OpKind::Update,
            json!({"send_status": null, "pronouns": null})
        ),
        Ok(())
    );
    assert_eq!(
        message(student(OpKind::Update, json!({"pronouns": "x".repeat(41)}))),
        "pronouns must be at most 40 characters, got 41"
    );
}

fn profile(kind: EntityKind, fields: Value) -> Result<(), ValidationError> {
    check_edit(kind, id(8), OpKind::Create, &map(fields))
}

#[test]
fn passport_items_need_text_within_their_limit_and_a_student() {
    let pupil = id(6).to_string();
    for (kind, max) in [
        (EntityKind::PassportNeed, 200),
        (EntityKind::PassportStrategy, 300),
        (EntityKind::PassportUnhelpful, 300),
    ] {
        let text = "w".repeat(max);
        assert_eq!(
            profile(kind, json!({"text": text, "student_id": pupil})),
            Ok(()),
            "{kind}"
        );
        let long = "w".repeat(max + 1);
        assert_eq!(
            message(profile(kind, json!({"text": long, "student_id": pupil}))),
            format!("text must be at most {max} characters, got {}", max + 1)
        );
        assert_eq!(
            message(profile(kind, json!({"student_id": pupil}))),
            format!("a new {} needs text", kind.label())
        );
        assert_eq!(
            message(profile(kind, json!({"text": "Seat near the door"}))),
            format!("a new {} needs student_id", kind.label())
        );
        assert_eq!(
            message(check_edit(
                kind,
                id(8),
                OpKind::Update,
                &map(json!({"student_id": id(7).to_string()}))
            )),
            format!(
                "the student_id of {} cannot be changed; remove the {} and add a new one",
                kind.label_with_article(),
                kind.label()
            )
        );
        assert_eq!(
            message(check_edit(
                kind,
                id(8),
                OpKind::Update,
                &map(json!({"text": null}))
            )),
            "text cannot be left empty"
        );
        assert_eq!(
            check_edit(kind, id(8), OpKind::Delete, &map(json!({}))),
            Ok(())
        );
    }
}

#[test]
fn a_students_words_live_at_the_id_made_from_the_student() {
    let pupil = id(6);
    let fields = map(
        json!({"text": "I like to know what is coming next.", "student_id": pupil.to_string()}),
    );
    let kind = EntityKind::PassportVoice;
    assert_eq!(
        check_edit(kind, passport_voice_id(pupil), OpKind::Create, &fields),
        Ok(())
    );
    assert_eq!(
        message(check_edit(kind, id(8), OpKind::Create, &fields)),
        "this \"in my words\" statement's id does not match what it links; it must be made from them"
    );
    let mut long = fields.clone();
    long.insert("text".into(), json!("w".repeat(1001)));
    assert_eq!(
        message(check_edit(
            kind,
            passport_voice_id(pupil),
            OpKind::Create,
            &long
        )),
        "text must be at most 1000 characters, got 1001"
    );
}

#[test]
fn medical_notes_take_a_kind_and_an_optional_severity() {
    let pupil = id(6).to_string();
    let note = |extra: Value| {
        let mut fields = json!({"kind": "allergy", "text": "Peanuts", "student_id": pupil});
        if let (Some(fields), Some(extra)) = (fields.as_object_mut(), extra.as_object()) {
            fields.extend(extra.clone());
        }
        profile(EntityKind::MedicalNote, fields)
    };
    assert_eq!(note(json!({})), Ok(()));
    for severity in ["mild", "moderate", "severe", "life_threatening"] {
        assert_eq!(note(json!({"severity": severity})), Ok(()));
    }
    for kind in ["condition", "medication", "allergy", "dietary"] {
        assert_eq!(note(json!({"kind": kind})), Ok(()));
    }
    assert_eq!(
        message(note(json!({"severity": "fatal"}))),
        "severity must be one of mild, moderate, severe, life_threatening, got \"fatal\""
    );
    assert_eq!(
        message(note(json!({"kind": "injury"}))),
        "kind must be one of condition, medication, allergy, dietary, got \"injury\""
    );
    assert_eq!(
        message(note(json!({"text": " "}))),
        "text must not be blank"
    );
    assert_eq!(
        message(profile(
            EntityKind::MedicalNote,
            json!({"kind": "allergy", "student_id": pupil})
        )),
        "a new medical note needs text"
    );
}

#[test]
fn emergency_contacts_need_a_dialable_phone_and_a_priority_of_1_to_9() {
    let pupil = id(6).to_string();
    let contact = |field: &str, value: Value| {
        let mut fields = json!({
            "name": "Morwenna Testwell", "relationship": "Aunt",
            "phone_primary": "01632 960123", "priority": 1, "student_id": pupil
        });
        fields[field] = value;
        profile(EntityKind::EmergencyContact, fields)
    };
    for phone in [
        "01632 960123",
        "01632960123",
        "+44 7700 900123",
        "+447700900123",
        "123456789012345",
    ] {
        assert_eq!(contact("phone_primary", json!(phone)), Ok(()), "{phone}");
        assert_eq!(contact("phone_secondary", json!(phone)), Ok(()), "{phone}");
    }
    for phone in [
        "016329601",
        "163 296",
        "1234567890123456",
        "01632-960123",
        "(01632) 960123",
        "01632  960123",
        "+ 447700900123",
        "++447700900123",
        "07700 90012x",
        "",
    ] {
        assert!(
            matches!(
                contact("phone_primary", json!(phone)),
                Err(ValidationError::Phone {
                    field: "phone_primary",
                    ..
                })
            ),
            "{phone} should be refused"
        );
    }
    assert_eq!(
        message(contact("phone_secondary", json!("999"))),
        "phone_secondary must be a phone number of 10 to 15 digits (spaces and a leading + allowed), such as 01632 960123 or +44 7700 900123, got \"999\""
    );
    assert_eq!(
        message(contact("phone_primary", json!(1632960123))),
        "phone_primary must be text, got 1632960123"
    );
    assert_eq!(contact("priority", json!(9)), Ok(()));
    assert_eq!(
        message(contact("priority", json!(0))),
        "priority must be 1 to 9, got 0"
    );
    assert_eq!(
        message(contact("priority", json!(10))),
        "priority must be 1 to 9, got 10"
    );
    assert_eq!(
        message(contact("priority", json!(1.5))),
        "priority must be a whole number, got 1.5"
    );
    assert_eq!(
        message(contact("relationship", json!(null))),
        "a new emergency contact needs relationship"
    );
    assert_eq!(
        message(check_edit(
            EntityKind::EmergencyContact,
            id(8),
            OpKind::Create,
            &map(json!({"nickname": "M"}))
        )),
        "an emergency contact has no field called \"nickname\""
    );
}

#[test]
fn a_new_record_of_a_random_id_kind_cannot_take_a_derived_id() {
    let pupil = id(6);
    let fields = map(json!({"text": "Movement breaks", "student_id": pupil.to_string()}));
    let kind = EntityKind::PassportStrategy;
    assert_eq!(check_edit(kind, id(7), OpKind::Create, &fields), Ok(()));
    assert_eq!(
        message(check_edit(
            kind,
            passport_voice_id(pupil),
            OpKind::Create,
            &fields
        )),
        "a new Learning Passport strategy needs an id the app makes for new records (a UUIDv7), not one derived from other records"
    );
    // Updates and deletes name an existing record, whatever its id.
    let text = map(json!({"text": "Short breaks"}));
    let derived = passport_voice_id(pupil);
    assert_eq!(check_edit(kind, derived, OpKind::Update, &text), Ok(()));
}

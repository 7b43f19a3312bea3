//! Tests of the entity catalogue.

use super::*;

#[test]
fn kinds_serialize_in_snake_case_and_parse_back() {
    for kind in EntityKind::ALL {
        let json = serde_json::to_value(kind).unwrap();
        assert_eq!(json, kind.as_str());
        assert_eq!(kind.as_str().parse::<EntityKind>().unwrap(), kind);
    }
    assert_eq!(
        serde_json::to_string(&EntityKind::TeachingGroup).unwrap(),
        "\"teaching_group\""
    );
    let err = "homework_excuse".parse::<EntityKind>().unwrap_err();
    assert!(
        err.to_string()
            .contains("\"homework_excuse\" is not a kind of record")
    );
}

#[test]
fn catalogue_has_the_agreed_fields() {
    let names =
        |kind: EntityKind| -> Vec<&str> { kind.fields().iter().map(|spec| spec.name).collect() };
    assert_eq!(
        names(EntityKind::Student),
        [
            "given_name",
            "family_name",
            "preferred_name",
            "pronouns",
            "year_group",
            "form_group",
            "upn",
            "send_status"
        ]
    );
    assert_eq!(names(EntityKind::Staff), ["display_name", "email", "role"]);
    assert_eq!(
        names(EntityKind::TeachingGroup),
        ["name", "subject", "year_group"]
    );
    assert!(EntityKind::GroupMembership.has_derived_id());
    assert!(EntityKind::CaseloadAssignment.has_derived_id());
    assert!(!EntityKind::Student.has_derived_id());
    assert!(EntityKind::PassportVoice.has_derived_id());
    assert!(!EntityKind::PassportStrategy.has_derived_id());
    assert_eq!(
        EntityKind::Student
            .field("send_status")
            .map(|spec| spec.value),
        Some(FieldType::Choice(&["none", "sen_support", "ehcp"]))
    );
    assert_eq!(
        names(EntityKind::EmergencyContact),
        [
            "name",
            "relationship",
            "phone_primary",
            "phone_secondary",
            "priority",
            "student_id"
        ]
    );
    assert_eq!(
        names(EntityKind::MedicalNote),
        ["kind", "text", "severity", "student_id"]
    );
}

#[test]
fn every_kind_linked_to_a_student_names_it_by_a_key() {
    for kind in EntityKind::ALL {
        if let Some(name) = kind.student_field() {
            let spec = kind.field(name).unwrap();
            assert_eq!(spec.presence, Presence::Key, "{kind}");
            assert_eq!(spec.value, FieldType::Reference, "{kind}");
            assert_eq!(kind.merge_kind(), MergeKind::FieldLww, "{kind}");
        }
        assert!(kind.label_with_article().ends_with(kind.label()), "{kind}");
    }
    assert_eq!(EntityKind::Student.student_field(), None);
    assert_eq!(
        EntityKind::CaseloadAssignment.student_field(),
        Some("student_id")
    );
    assert_eq!(EntityKind::GroupMembership.student_field(), None);
    assert_eq!(
        serde_json::to_value(EntityKind::PassportUnhelpful).unwrap(),
        "passport_unhelpful"
    );
}

#[test]
fn passport_voice_ids_are_deterministic_per_student() {
    let a = EntityId::from_time_and_random(1, [1; 10]).unwrap();
    let b = EntityId::from_time_and_random(1, [2; 10]).unwrap();
    assert_eq!(passport_voice_id(a), passport_voice_id(a));
    assert_eq!(passport_voice_id(a).as_uuid().get_version_num(), 5);
    assert_ne!(passport_voice_id(a), passport_voice_id(b));
    assert_ne!(passport_voice_id(a), a);
}

#[test]
fn derived_ids_depend_on_both_sides_of_the_pair() {
    let a = EntityId::from_time_and_random(1, [1; 10]).unwrap();
    let b = EntityId::from_time_and_random(1, [2; 10]).unwrap();
    assert_eq!(group_membership_id(a, b), group_membership_id(a, b));
    assert_ne!(group_membership_id(a, b), group_membership_id(b, a));
    assert_ne!(group_membership_id(a, b), caseload_assignment_id(a, b));
}

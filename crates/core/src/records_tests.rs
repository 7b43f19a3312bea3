//! Tests of the typed records.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::*;
use crate::entity::FieldType;
use crate::{DeviceId, HlcClock, Op, OpId, OpKind, SCHEMA_VERSION};

fn id(n: u8) -> EntityId {
    EntityId::from_time_and_random(1, [n; 10]).unwrap()
}

/// A valid value for a field of this type.
fn sample(value: FieldType) -> Value {
    match value {
        FieldType::Text { .. } => json!("Sample text"),
        FieldType::YearGroup => json!(9),
        FieldType::Upn => json!("J938412324017"),
        FieldType::Email => json!("someone@school.example"),
        FieldType::Choice(words) => json!(words[0]),
        FieldType::Reference => json!(id(7).to_string()),
        FieldType::Phone => json!("01632 960001"),
        FieldType::WholeNumber { min, .. } => json!(min),
        FieldType::Flag => json!(true),
        FieldType::Labels { .. } => json!(["Sample label"]),
        FieldType::References { .. } => json!([id(8).to_string()]),
        FieldType::Date => json!("2026-09-07"),
        FieldType::TimeOfDay => json!("09:05"),
    }
}

fn record(kind: EntityKind, fields: BTreeMap<String, Value>) -> RecordState {
    let device = DeviceId::from_time_and_random(1, [1; 10]).unwrap();
    let op = Op {
        op_id: OpId::from_time_and_random(1, [3; 10]).unwrap(),
        device_id: device,
        device_seq: 1,
        hlc: HlcClock::new(device).tick(1).unwrap(),
        schema_version: SCHEMA_VERSION,
        entity: kind,
        entity_id: id(2),
        kind: OpKind::Create,
        fields,
    };
    crate::merge::apply(None, &op).unwrap().state
}

fn full(kind: EntityKind) -> BTreeMap<String, Value> {
    kind.fields()
        .iter()
        .map(|spec| (spec.name.to_owned(), sample(spec.value)))
        .collect()
}

#[test]
fn every_typed_struct_has_exactly_its_kinds_declared_fields() {
    for kind in EntityKind::ALL {
        let mut declared: Vec<String> = kind.fields().iter().map(|f| f.name.to_owned()).collect();
        declared.sort();
        let mut typed = kind.typed_field_names(&record(kind, full(kind))).unwrap();
        typed.sort();
        assert_eq!(typed, declared, "{kind}");
    }
}

#[test]
fn optional_fields_may_be_missing_and_required_ones_may_not() {
    let mut fields = full(EntityKind::EmergencyContact);
    fields.remove("phone_secondary");
    let contact: EmergencyContact = record(EntityKind::EmergencyContact, fields.clone())
        .read()
        .unwrap();
    assert_eq!(contact.phone_secondary, None);
    assert_eq!(contact.priority, 1);
    assert_eq!(contact.student_id, id(7));

    fields.remove("name");
    let err = record(EntityKind::EmergencyContact, fields)
        .read::<EmergencyContact>()
        .unwrap_err();
    assert!(err.to_string().contains("missing field `name`"), "{err}");
}

#[test]
fn a_record_is_read_only_as_its_own_kind() {
    let staff = record(EntityKind::Staff, full(EntityKind::Staff));
    assert_eq!(staff.read::<Staff>().unwrap().role, Role::Mentor);
    let err = staff.read::<Student>().unwrap_err();
    assert_eq!(
        err,
        ReadError::OtherKind {
            id: id(2),
            found: EntityKind::Staff,
            wanted: EntityKind::Student
        }
    );
}

#[test]
fn a_typed_record_is_written_as_a_create_of_its_set_fields() {
    let strategy = PassportStrategy(PassportItem {
        text: "Sit near the front".to_owned(),
        student_id: id(7),
    });
    let new = EntityId::from_time_and_random(5, [5; 10]).unwrap();
    let edit = crate::Edit::create_record(new, &strategy);
    assert_eq!(edit.entity, EntityKind::PassportStrategy);
    assert_eq!(edit.kind, OpKind::Create);
    assert_eq!(
        Value::Object(edit.fields.clone().into_iter().collect()),
        json!({"text": "Sit near the front", "student_id": id(7).to_string()})
    );
    edit.validate().unwrap();

    let contact = EmergencyContact {
        name: "Parent One".to_owned(),
        relationship: "Mother".to_owned(),
        phone_primary: "01632 960001".to_owned(),
        phone_secondary: None,
        priority: 1,
        student_id: id(7),
    };
    let edit = crate::Edit::create_record(new, &contact);
    assert!(!edit.fields.contains_key("phone_secondary"));
    edit.validate().unwrap();
}

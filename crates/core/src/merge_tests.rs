//! Unit and property tests of the merge rules.

use super::*;
use crate::ids::{DeviceId, OpId};
use proptest::prelude::*;
use serde_json::json;

fn device(n: u8) -> DeviceId {
    DeviceId::from_time_and_random(1_700_000_000_000, [n; 10]).unwrap()
}

fn student() -> EntityId {
    EntityId::from_time_and_random(1_700_000_000_000, [0xaa; 10]).unwrap()
}

fn op(n: u8, millis: u64, kind: OpKind, fields: Value) -> Op {
    let hlc = Hlc::new(millis, 0, device(n)).unwrap();
    let mut random = [n; 10];
    random[..8].copy_from_slice(&millis.to_be_bytes());
    Op {
        op_id: OpId::from_time_and_random(millis, random).unwrap(),
        device_id: device(n),
        device_seq: millis,
        hlc,
        schema_version: crate::SCHEMA_VERSION,
        entity: EntityKind::Student,
        entity_id: student(),
        kind,
        fields: serde_json::from_value(fields).unwrap(),
    }
}

fn fold(ops: &[&Op]) -> (Option<RecordState>, Vec<HistoryEntry>) {
    let mut state = None;
    let mut history = Vec::new();
    for op in ops {
        let applied = apply(state.take(), op).unwrap();
        history.extend(applied.overwritten);
        state = Some(applied.state);
    }
    (state, history)
}

fn losers(history: &[HistoryEntry]) -> Vec<(String, Value, Hlc)> {
    let mut out: Vec<_> = history
        .iter()
        .map(|entry| (entry.field.clone(), entry.value.clone(), entry.hlc))
        .collect();
    out.sort_by(|a, b| (&a.0, a.2).cmp(&(&b.0, b.2)));
    out
}

#[test]
fn a_create_makes_the_record() {
    let create = op(1, 100, OpKind::Create, json!({"given_name": "Ines"}));
    let applied = apply(None, &create).unwrap();
    assert!(applied.changed);
    assert!(applied.overwritten.is_empty());
    assert_eq!(applied.state.value("given_name"), Some(&json!("Ines")));
    assert_eq!(applied.state.created, create.hlc);
    assert!(!applied.state.is_deleted());
}

#[test]
fn concurrent_writes_to_one_field_keep_the_later_and_the_loser_in_history() {
    let create = op(1, 100, OpKind::Create, json!({"form_group": "8K"}));
    let first = op(1, 200, OpKind::Update, json!({"form_group": "8L"}));
    let second = op(2, 300, OpKind::Update, json!({"form_group": "8M"}));
    for order in [[&create, &first, &second], [&create, &second, &first]] {
        let (state, history) = fold(&order);
        let state = state.unwrap();
        assert_eq!(state.value("form_group"), Some(&json!("8M")));
        assert_eq!(state.fields["form_group"].hlc, second.hlc);
        assert_eq!(
            losers(&history),
            vec![
                ("form_group".into(), json!("8K"), create.hlc),
                ("form_group".into(), json!("8L"), first.hlc),
            ]
        );
    }
    // The late, older write arrives: it loses at once and says what beat it.
    let (state, _) = fold(&[&create, &second]);
    let applied = apply(state, &first).unwrap();
    assert!(!applied.changed);
    assert_eq!(applied.overwritten[0].value, json!("8L"));
    assert_eq!(applied.overwritten[0].superseded_by, second.hlc);
}

#[test]
fn the_same_millisecond_on_two_devices_is_ordered_by_device_id() {
    let create = op(3, 100, OpKind::Create, json!({"given_name": "Ines"}));
    let a = op(1, 500, OpKind::Update, json!({"preferred_name": "Bo"}));
    let b = op(2, 500, OpKind::Update, json!({"preferred_name": "Cy"}));
    let winner = if a.hlc > b.hlc { "Bo" } else { "Cy" };
    for order in [[&create, &a, &b], [&create, &b, &a]] {
        let (state, history) = fold(&order);
        assert_eq!(state.unwrap().value("preferred_name"), Some(&json!(winner)));
        assert_eq!(history.len(), 1);
    }
}

#[test]
fn writes_to_different_fields_both_survive() {
    let create = op(1, 100, OpKind::Create, json!({"given_name": "Ines"}));
    let a = op(1, 200, OpKind::Update, json!({"form_group": "9B"}));
    let b = op(2, 150, OpKind::Update, json!({"preferred_name": "Nessa"}));
    let (state, history) = fold(&[&create, &a, &b]);
    let state = state.unwrap();
    assert_eq!(state.value("form_group"), Some(&json!("9B")));
    assert_eq!(state.value("preferred_name"), Some(&json!("Nessa")));
    assert!(history.is_empty());
}

/// Every field a new student needs, and a form group, written at `millis` by device `n`.
fn whole_student(n: u8, millis: u64, kind: OpKind) -> Op {
    op(
        n,
        millis,
        kind,
        json!({"given_name": "Ines", "family_name": "Arkwright", "year_group": 8, "form_group": "7A"}),
    )
}

#[test]
fn a_delete_erases_every_value_written_before_it_whatever_the_order() {
    let create = whole_student(1, 100, OpKind::Create);
    let delete = op(2, 200, OpKind::Delete, json!({}));
    let older_edit = op(3, 150, OpKind::Update, json!({"form_group": "7C"}));
    let (state, history) = fold(&[&create, &delete, &older_edit]);
    let state = state.unwrap();
    assert!(state.is_deleted());
    assert!(state.fields.is_empty(), "{state:?}");
    assert_eq!(state.deleted, Some(delete.hlc));
    // Every value is in the history (the server's), once.
    assert_eq!(history.len(), 5, "{history:?}");
    let (other, other_history) = fold(&[&create, &older_edit, &delete]);
    assert_eq!(other.unwrap(), state);
    assert_eq!(losers(&other_history), losers(&history));
}

#[test]
fn a_later_create_revives_a_record_and_a_later_edit_alone_does_not() {
    let create = whole_student(1, 100, OpKind::Create);
    let delete = op(2, 200, OpKind::Delete, json!({}));
    let later_edit = op(3, 250, OpKind::Update, json!({"form_group": "7D"}));
    let (state, _) = fold(&[&create, &delete, &later_edit]);
    let state = state.unwrap();
    assert!(
        state.is_deleted(),
        "an edit alone would make a partial record"
    );
    assert_eq!(state.value("given_name"), None);
    assert_eq!(fold(&[&create, &later_edit, &delete]).0.unwrap(), state);

    let mut again = whole_student(4, 300, OpKind::Create);
    again.fields.remove("form_group");
    let (revived, _) = fold(&[&create, &delete, &later_edit, &again]);
    let revived = revived.unwrap();
    assert!(!revived.is_deleted());
    assert_eq!(revived.deleted, Some(delete.hlc));
    assert_eq!(revived.value("form_group"), Some(&json!("7D")));
    assert_eq!(
        fold(&[&create, &again, &later_edit, &delete]).0.unwrap(),
        revived
    );
}

#[test]
fn a_change_to_a_record_never_created_makes_no_partial_record() {
    let delete = op(1, 100, OpKind::Delete, json!({}));
    let update = op(2, 200, OpKind::Update, json!({"form_group": "7C"}));
    for change in [&delete, &update] {
        let err = apply(None, change).unwrap_err();
        assert_eq!(
            err,
            MergeError::NotCreated {
                kind: EntityKind::Student
            }
        );
        assert_eq!(
            err.to_string(),
            "this student is not on the server, so it cannot be changed"
        );
    }
}

#[test]
fn deletes_keep_the_newest_and_the_created_stamp_the_oldest() {
    let create = op(3, 200, OpKind::Create, json!({"given_name": "Ines"}));
    let old = op(1, 100, OpKind::Delete, json!({}));
    let new = op(2, 300, OpKind::Delete, json!({}));
    let (state, history) = fold(&[&create, &new, &old]);
    let state = state.unwrap();
    assert!(state.is_deleted());
    assert_eq!(state.deleted, Some(new.hlc));
    assert_eq!(state.created, old.hlc);
    assert_eq!(
        losers(&history),
        [("given_name".to_owned(), json!("Ines"), create.hlc)]
    );
}

#[test]
fn a_create_over_a_record_never_changes_its_key_fields() {
    let strategy = |n: u8, millis: u64, pupil: &str| {
        let mut create = op(
            n,
            millis,
            OpKind::Create,
            json!({"text": "Movement breaks"}),
        );
        create.entity = EntityKind::PassportStrategy;
        create.fields.insert("student_id".into(), json!(pupil));
        create
    };
    let (first, second) = (strategy(1, 100, "first"), strategy(2, 200, "second"));
    let stored = apply(None, &first).unwrap().state;
    let err = apply(Some(stored.clone()), &second).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the student_id of a Learning Passport strategy cannot be changed; remove the Learning Passport strategy and add a new one"
    );
    // The same key again (a re-add after a removal, say) is an ordinary create.
    let again = strategy(2, 300, "first");
    let revived = apply(Some(stored), &again).unwrap();
    assert_eq!(revived.state.value("student_id"), Some(&json!("first")));
}

#[test]
fn reapplying_an_op_changes_nothing() {
    let create = op(1, 100, OpKind::Create, json!({"given_name": "Ines"}));
    let (state, _) = fold(&[&create]);
    let again = apply(state.clone(), &create).unwrap();
    assert!(!again.changed);
    assert!(again.overwritten.is_empty());
    assert_eq!(Some(again.state), state);
}

#[test]
fn append_only_records_are_created_once() {
    let note = op(1, 100, OpKind::Create, json!({"text": "Settled well"}));
    let copy = op(2, 50, OpKind::Create, json!({"text": "Settled well"}));
    let other = op(2, 150, OpKind::Create, json!({"text": "Left early"}));
    let first = apply_as(MergeKind::AppendOnly, None, &note).unwrap();
    assert!(first.changed && !first.duplicate);

    let dup = apply_as(MergeKind::AppendOnly, Some(first.state.clone()), &note).unwrap();
    assert!(dup.duplicate && !dup.changed);
    // An identical copy with an earlier stamp keeps the earlier one, whatever the order.
    let earlier = apply_as(MergeKind::AppendOnly, Some(first.state.clone()), &copy).unwrap();
    assert!(earlier.duplicate && earlier.changed);
    assert_eq!(
        earlier.state,
        apply_as(MergeKind::AppendOnly, None, &copy).unwrap().state
    );

    let err = apply_as(MergeKind::AppendOnly, Some(first.state.clone()), &other).unwrap_err();
    assert_eq!(
        err.to_string(),
        "this student was already recorded with different details and cannot be changed"
    );
    let edit = op(1, 200, OpKind::Update, json!({"text": "Changed"}));
    assert!(matches!(
        apply_as(MergeKind::AppendOnly, Some(first.state), &edit),
        Err(MergeError::AppendOnlyChange { .. })
    ));
}

#[test]
fn an_op_for_another_kind_of_record_is_refused() {
    let create = op(1, 100, OpKind::Create, json!({"given_name": "Ines"}));
    let (state, _) = fold(&[&create]);
    let mut wrong = op(2, 200, OpKind::Update, json!({"name": "7X/Ma1"}));
    wrong.entity = EntityKind::TeachingGroup;
    let err = apply(state, &wrong).unwrap_err();
    assert!(
        err.to_string()
            .ends_with("is a student, not a teaching group")
    );
}

#[test]
fn record_state_round_trips_through_json() {
    let create = op(
        1,
        100,
        OpKind::Create,
        json!({"given_name": "Ines", "upn": null}),
    );
    let delete = op(2, 200, OpKind::Delete, json!({}));
    let state = fold(&[&create, &delete]).0.unwrap();
    let json = serde_json::to_value(&state).unwrap();
    assert_eq!(json["entity"], "student");
    assert_eq!(json["fields"], json!({}), "a tombstone keeps no values");
    assert_eq!(serde_json::from_value::<RecordState>(json).unwrap(), state);
    assert_eq!(state.latest(), delete.hlc);
}

fn arb_op() -> impl Strategy<Value = Op> {
    let kind = prop_oneof![
        1 => Just(OpKind::Delete),
        2 => Just(OpKind::Create),
        5 => Just(OpKind::Update),
    ];
    let value = prop_oneof![Just(json!("A")), Just(json!("B")), Just(Value::Null)];
    let fields = proptest::collection::btree_map(
        prop_oneof![Just("given_name"), Just("form_group"), Just("upn")],
        value,
        1..3,
    );
    (1u8..4, 0u64..20, kind, fields).prop_map(|(n, millis, kind, fields)| {
        let fields = if kind == OpKind::Delete {
            json!({})
        } else {
            json!(fields)
        };
        op(n, millis, kind, fields)
    })
}

proptest! {
    #[test]
    fn any_order_gives_the_same_record_and_the_same_losers(
        ops in proptest::collection::vec(arb_op(), 1..12)
            .prop_map(|mut ops| { ops.dedup_by_key(|op| (op.hlc, op.device_id)); ops })
            .prop_filter("one op per stamp", |ops| {
                let mut stamps: Vec<_> = ops.iter().map(|op| op.hlc).collect();
                stamps.sort();
                stamps.windows(2).all(|pair| pair[0] != pair[1])
            }),
        seed in any::<u64>(),
    ) {
        // A record exists once created, so every order starts with a create.
        let create = op(0, 0, OpKind::Create, json!({"given_name": "A"}));
        let forward: Vec<&Op> = std::iter::once(&create).chain(&ops).collect();
        let mut shuffled = forward.clone();
        // A cheap deterministic shuffle from the seed.
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            let j = usize::try_from(state % (i as u64 + 1)).unwrap();
            shuffled.swap(i, j);
        }
        let first_create = shuffled.iter().position(|op| op.kind == OpKind::Create);
        shuffled.swap(0, first_create.unwrap_or(0));
        let (a, history_a) = fold(&forward);
        let (b, history_b) = fold(&shuffled);
        prop_assert_eq!(a, b);
        prop_assert_eq!(losers(&history_a), losers(&history_b));
    }
}

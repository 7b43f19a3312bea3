//! The device's storage, in headless Chromium: IndexedDB and the in-memory store must keep the
//! same promises, so every behaviour runs against both from one test body.

#![cfg(target_arch = "wasm32")]
// A failed unwrap is a failed test here; clippy does not see `#[wasm_bindgen_test]` as a test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::BTreeMap;

use mentor_core::{DeviceId, Edit, EntityId, EntityKind, Hlc, OpResult, Outcome, RecordState};
use progress_mentor::storage::{LocalStore, MemoryStore, StorageError};
use serde_json::json;
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn views_reads_several_kinds_in_one_go(store: &impl LocalStore) {
    store
        .apply_pull(page(
            vec![confirmed_student(id(1), "Ada", "9B", 1_000)],
            1,
            true,
        ))
        .await
        .unwrap();
    store.record_edit(rename(id(1), "Adaeze")).await.unwrap();
    store
        .record_edit(create_student(id(2), "Bea"))
        .await
        .unwrap();
    let views = store
        .views(&[EntityKind::Student, EntityKind::Staff])
        .await
        .unwrap();
    assert_eq!(
        views.len(),
        2,
        "one entry per kind asked for, even an empty one"
    );
    assert!(views[&EntityKind::Staff].is_empty());
    let students = &views[&EntityKind::Student];
    assert_eq!(students.len(), 2);
    assert_eq!(
        students,
        &store.view(EntityKind::Student).await.unwrap(),
        "the same as reading the kind alone"
    );
    assert_eq!(
        given_name(&students[0]),
        "Adaeze",
        "pending edits are on top"
    );
}

async fn outbox_keeps_device_seq_order(store: &impl LocalStore) {
    let mut made = Vec::new();
    for n in 0..5 {
        made.push(
            store
                .record_edit(create_student(id(n), "Tamsin"))
                .await
                .unwrap(),
        );
    }
    let seqs: Vec<u64> = made.iter().map(|op| op.device_seq).collect();
    assert_eq!(seqs, vec![1, 2, 3, 4, 5]);
    assert!(made.windows(2).all(|pair| pair[0].hlc < pair[1].hlc));
    let pending = store.pending_ops(None, 10).await.unwrap();
    assert_eq!(pending, made);
    assert_eq!(
        store.pending_ops(None, 2).await.unwrap(),
        made[..2].to_vec()
    );
    assert_eq!(store.pending_count().await.unwrap(), 5);
}

async fn acknowledge_removes_exactly_the_acknowledged(store: &impl LocalStore) {
    let mut made = Vec::new();
    for n in 0..4 {
        made.push(
            store
                .record_edit(create_student(id(n), "Amara"))
                .await
                .unwrap(),
        );
    }
    let rejected = OpResult {
        op_id: made[2].op_id,
        outcome: Outcome::Rejected {
            reason: "year_group must be 7 to 13".to_owned(),
        },
        capped_hlc: None,
    };
    store
        .acknowledge(&[applied(made[0].op_id), rejected])
        .await
        .unwrap();
    let left = store.pending_ops(None, 10).await.unwrap();
    assert_eq!(left, vec![made[1].clone(), made[3].clone()]);
    let remembered = store.rejected().await.unwrap();
    assert_eq!(remembered.len(), 1);
    assert_eq!(remembered[0].op_id, made[2].op_id);
    assert_eq!(remembered[0].reason, "year_group must be 7 to 13");
    // Unknown op ids change nothing.
    store.acknowledge(&[applied(made[0].op_id)]).await.unwrap();
    assert_eq!(store.pending_count().await.unwrap(), 2);
    // Once read, the refusals can be dismissed; the outbox is untouched.
    store.dismiss_rejected().await.unwrap();
    assert!(store.rejected().await.unwrap().is_empty());
    assert_eq!(store.pending_count().await.unwrap(), 2);
}

async fn view_is_confirmed_with_pending_on_top(store: &impl LocalStore) {
    let (older, newer) = (id(1), id(2));
    // Edited here before the pull brings a later edit made elsewhere: that one must win.
    store.record_edit(rename(newer, "Pri")).await.unwrap();
    store
        .apply_pull(page(
            vec![
                confirmed_student(older, "Tamsin", "9A", 1_000),
                confirmed_student(newer, "Priya", "9B", 9_000_000_000_000),
            ],
            1,
            true,
        ))
        .await
        .unwrap();
    // Edited after the pull: the clock has moved past everything pulled, so this wins.
    let edit_older = store.record_edit(rename(older, "Tammy")).await.unwrap();
    let fresh = id(3);
    store
        .record_edit(create_student(fresh, "Noah"))
        .await
        .unwrap();

    let view = store.view(EntityKind::Student).await.unwrap();
    let by_id: BTreeMap<EntityId, &RecordState> = view.iter().map(|r| (r.id, r)).collect();
    assert_eq!(by_id.len(), 3);
    assert_eq!(
        given_name(by_id[&older]),
        "Tammy",
        "pending wins when newer"
    );
    assert_eq!(by_id[&older].value("form_group"), Some(&json!("9A")));
    assert_eq!(
        given_name(by_id[&newer]),
        "Priya",
        "confirmed wins when its stamp is newer"
    );
    assert_eq!(given_name(by_id[&fresh]), "Noah");
    assert!(
        store
            .view(EntityKind::TeachingGroup)
            .await
            .unwrap()
            .is_empty()
    );

    // An acknowledged op stays visible until a complete pull brings its effect.
    store
        .acknowledge(&[applied(edit_older.op_id)])
        .await
        .unwrap();
    let view = store.view(EntityKind::Student).await.unwrap();
    assert!(
        view.iter()
            .any(|r| r.id == older && given_name(r) == "Tammy")
    );

    let delete = store
        .record_edit(Edit::delete(EntityKind::Student, fresh))
        .await
        .unwrap();
    assert!(delete.hlc > edit_older.hlc);
    let view = store.view(EntityKind::Student).await.unwrap();
    assert!(
        view.iter().all(|r| r.id != fresh),
        "deleted records are not shown"
    );
}

async fn apply_pull_is_atomic_with_the_cursor(store: &impl LocalStore) {
    store
        .apply_pull(page(
            vec![confirmed_student(id(1), "Ellis", "7C", 5_000)],
            1,
            false,
        ))
        .await
        .unwrap();
    assert_eq!(store.cursor().await.unwrap(), 1);

    // The second record carries a stamp the clock cannot move past: the whole page fails,
    // and neither the first record nor the cursor is stored.
    let mut impossible = confirmed_student(id(3), "Zed", "7C", mentor_core::ids::MAX_UNIX_MILLIS);
    let last = Hlc::new(mentor_core::ids::MAX_UNIX_MILLIS, u16::MAX, server_device()).unwrap();
    for field in impossible.fields.values_mut() {
        field.hlc = last;
    }
    let bad = page(
        vec![confirmed_student(id(2), "Rowan", "7C", 6_000), impossible],
        2,
        true,
    );
    let error = store.apply_pull(bad).await.unwrap_err();
    assert!(matches!(error, StorageError::Clock(_)), "{error:?}");
    assert_eq!(store.cursor().await.unwrap(), 1);
    let view = store.view(EntityKind::Student).await.unwrap();
    assert_eq!(view.len(), 1, "{view:?}");

    // A reset replaces every confirmed record.
    let mut reset = page(vec![confirmed_student(id(4), "Kai", "8D", 7_000)], 10, true);
    reset.reset = true;
    store.apply_pull(reset).await.unwrap();
    let view = store.view(EntityKind::Student).await.unwrap();
    assert_eq!(view.iter().map(|r| r.id).collect::<Vec<_>>(), vec![id(4)]);
    assert_eq!(store.cursor().await.unwrap(), 10);
}

async fn ops_wait_for_their_author(store: &impl LocalStore) {
    let device = store.device_id().await.unwrap();
    store
        .set_session(Some(session("staff-a", device)))
        .await
        .unwrap();
    let by_a = store
        .record_edit(create_student(id(1), "Ada"))
        .await
        .unwrap();
    store
        .set_session(Some(session("staff-b", device)))
        .await
        .unwrap();
    let by_b = store
        .record_edit(create_student(id(2), "Bea"))
        .await
        .unwrap();
    assert_eq!(
        store.pending_ops(Some("staff-b"), 10).await.unwrap(),
        vec![by_b]
    );
    assert_eq!(
        store.pending_ops(Some("staff-a"), 10).await.unwrap(),
        vec![by_a]
    );
    assert!(store.pending_ops(None, 10).await.unwrap().is_empty());
    // Signing out keeps the outbox.
    store.set_session(None).await.unwrap();
    assert_eq!(store.session().await.unwrap(), None);
    assert_eq!(store.pending_count().await.unwrap(), 2);
}

async fn a_new_device_id_is_adopted_only_with_nothing_pending(store: &impl LocalStore) {
    let issued = DeviceId::from_time_and_random(1_700_000_000_000, [0x42; 10]).unwrap();
    store
        .set_session(Some(session("staff-a", issued)))
        .await
        .unwrap();
    assert_eq!(store.device_id().await.unwrap(), issued);
    let op = store
        .record_edit(create_student(id(1), "Ada"))
        .await
        .unwrap();
    assert_eq!(op.device_id, issued);
    let other = DeviceId::from_time_and_random(1_700_000_000_000, [0x43; 10]).unwrap();
    store
        .set_session(Some(session("staff-a", other)))
        .await
        .unwrap();
    assert_eq!(
        store.device_id().await.unwrap(),
        issued,
        "pending ops keep the old id"
    );
}

async fn wipe_empties_everything(store: &impl LocalStore) {
    let before = store.device_id().await.unwrap();
    store
        .set_session(Some(session("staff-a", before)))
        .await
        .unwrap();
    store
        .record_edit(create_student(id(1), "Ada"))
        .await
        .unwrap();
    store
        .apply_pull(page(vec![confirmed_student(id(2), "Bo", "9A", 5)], 1, true))
        .await
        .unwrap();
    store.wipe().await.unwrap();
    assert_eq!(store.pending_count().await.unwrap(), 0);
    // IndexedDB forgets the data key with the data: there is nothing left to open.
    let view = store.view(EntityKind::Student).await;
    assert!(
        view == Err(StorageError::Locked) || view.is_ok_and(|view| view.is_empty()),
        "nothing to see after a wipe"
    );
    assert_eq!(store.cursor().await.unwrap(), 0);
    assert_eq!(store.session().await.unwrap(), None);
    assert_ne!(store.device_id().await.unwrap(), before);
}

async fn an_invalid_edit_is_not_saved(store: &impl LocalStore) {
    let bad = Edit::create(
        EntityKind::Student,
        id(1),
        fields(json!({"given_name": "Ada", "family_name": "Oakridge", "year_group": 15})),
    );
    let error = store.record_edit(bad).await.unwrap_err();
    assert_eq!(error.to_string(), "year_group must be 7 to 13, got 15");
    assert_eq!(store.pending_count().await.unwrap(), 0);
    let op = store
        .record_edit(create_student(id(1), "Ada"))
        .await
        .unwrap();
    assert_eq!(op.device_seq, 1, "a refused edit uses no sequence number");
}

async fn several_edits_are_saved_all_or_none(store: &impl LocalStore) {
    let bad = Edit::create(
        EntityKind::Student,
        id(3),
        fields(json!({"given_name": "Cy", "family_name": "Oakridge", "year_group": 15})),
    );
    let edits = vec![
        create_student(id(1), "Ada"),
        create_student(id(2), "Bo"),
        bad,
    ];
    let error = store.record_edits(edits).await.unwrap_err();
    assert_eq!(error.to_string(), "year_group must be 7 to 13, got 15");
    assert_eq!(
        store.pending_count().await.unwrap(),
        0,
        "none of the three is saved"
    );
    let edits = vec![create_student(id(1), "Ada"), create_student(id(2), "Bo")];
    let ops = store.record_edits(edits).await.unwrap();
    let seqs: Vec<u64> = ops.iter().map(|op| op.device_seq).collect();
    assert_eq!(seqs, [1, 2], "the refused batch used no sequence number");
    let pending = store.pending_ops(None, 10).await.unwrap();
    assert_eq!(pending, ops);
    let students = store.view(EntityKind::Student).await.unwrap();
    assert_eq!(students.len(), 2);
}

macro_rules! against_both {
    ($($name:ident),* $(,)?) => {
        mod indexed_db {
            use super::*;
            $(
                #[wasm_bindgen_test]
                async fn $name() {
                    let store = open_unlocked(&unique_name(stringify!($name)), &key_bytes()).await;
                    super::$name(&store).await;
                    store.close();
                }
            )*
        }
        mod memory {
            use super::*;
            $(
                #[wasm_bindgen_test]
                async fn $name() {
                    super::$name(&MemoryStore::new().unwrap()).await;
                }
            )*
        }
    };
}

against_both!(
    outbox_keeps_device_seq_order,
    acknowledge_removes_exactly_the_acknowledged,
    view_is_confirmed_with_pending_on_top,
    apply_pull_is_atomic_with_the_cursor,
    ops_wait_for_their_author,
    a_new_device_id_is_adopted_only_with_nothing_pending,
    wipe_empties_everything,
    an_invalid_edit_is_not_saved,
    several_edits_are_saved_all_or_none,
    views_reads_several_kinds_in_one_go,
);

// ---- IndexedDB only ----

#[wasm_bindgen_test]
async fn an_edit_survives_closing_and_reopening() {
    let name = unique_name("reopen");
    let key = key_bytes();
    let store = open_unlocked(&name, &key).await;
    let device = store.device_id().await.unwrap();
    let first = store
        .record_edit(create_student(id(1), "Ada"))
        .await
        .unwrap();
    store.close();

    let store = open_unlocked(&name, &key).await;
    assert_eq!(
        store.device_id().await.unwrap(),
        device,
        "the device id is kept"
    );
    assert_eq!(
        store.pending_ops(None, 10).await.unwrap(),
        vec![first.clone()]
    );
    let second = store.record_edit(rename(id(1), "Adaeze")).await.unwrap();
    assert_eq!(second.device_seq, 2, "numbering continues");
    assert!(second.hlc > first.hlc, "the clock continues");
    let view = store.view(EntityKind::Student).await.unwrap();
    assert_eq!(given_name(&view[0]), "Adaeze");
    store.close();
}

#[wasm_bindgen_test]
async fn a_dropped_connection_is_reopened_not_read_as_empty() {
    let store = open_unlocked(&unique_name("dropped"), &key_bytes()).await;
    let op = store
        .record_edit(create_student(id(1), "Ada"))
        .await
        .unwrap();
    store.close_connection();
    assert_eq!(store.pending_ops(None, 10).await.unwrap(), vec![op]);
    store.close_connection();
    let next = store.record_edit(rename(id(1), "Adaeze")).await.unwrap();
    assert_eq!(next.device_seq, 2);
    store.close();
}

#[wasm_bindgen_test]
fn quota_error_says_the_change_was_not_saved() {
    let text = StorageError::QuotaExceeded.to_string();
    assert!(text.contains("out of storage space"));
    assert!(text.contains("not saved"));
}

//! The sync engine through the reference server and model devices: one behaviour per test.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: a panic is a failure report.

mod support;

use mentor_core::engine::SyncError;
use mentor_core::protocol::{MAX_PUSH_OPS, ProtocolError};
use mentor_core::testing::{ReferenceServer, SimDevice};
use mentor_core::{Edit, EntityKind, Outcome, PushRequest};
use serde_json::json;
use support::*;

fn sync(device: &mut SimDevice, server: &mut ReferenceServer, now: u64) {
    while let Some(request) = device.next_push(50) {
        let response = server.push(&request, now).unwrap();
        assert!(device.receive_push(&response));
    }
    loop {
        let response = server.pull(&device.pull_request(50)).unwrap();
        let more = response.has_more;
        device.receive_pull(response, now).unwrap();
        if !more {
            break;
        }
    }
}

#[test]
fn a_pushed_create_is_applied_and_pulled_by_another_device() {
    let mut server = ReferenceServer::new(MAX_AHEAD_MS);
    let mut tablet = SimDevice::new(device_id(1), 0);
    let mut phone = SimDevice::new(device_id(2), 0);
    tablet
        .edit(new_student(1, "Odile", "Brackwater", 8), START_MS)
        .unwrap();
    let request = tablet.next_push(10).unwrap();
    let response = server.push(&request, START_MS).unwrap();
    assert_eq!(response.results[0].outcome, Outcome::Applied);
    assert!(tablet.receive_push(&response));
    assert_eq!(server.last_seq(), 1);

    sync(&mut phone, &mut server, START_MS + 1000);
    let seen = &phone.view()[&student_id(1)];
    assert_eq!(seen.value("given_name"), Some(&json!("Odile")));
    assert_eq!(phone.view(), server.records());
    // Nothing new: an empty page that keeps the cursor.
    let again = server.pull(&phone.pull_request(10)).unwrap();
    assert!(again.changes.is_empty() && !again.has_more);
    assert_eq!(again.cursor, 1);
}

#[test]
fn a_push_whose_reply_was_lost_is_resent_and_answered_duplicate() {
    let mut server = ReferenceServer::new(MAX_AHEAD_MS);
    let mut tablet = SimDevice::new(device_id(1), 0);
    tablet
        .edit(new_student(1, "Odile", "Brackwater", 8), START_MS)
        .unwrap();
    let first = tablet.next_push(10).unwrap();
    let _lost = server.push(&first, START_MS).unwrap();
    tablet
        .edit(update_student(1, json!({"form_group": "8Q"})), START_MS + 5)
        .unwrap();
    // The retry is the same batch, not the batch plus the new edit.
    let retry = tablet.next_push(10).unwrap();
    assert_eq!(retry, first);
    let response = server.push(&retry, START_MS + 10).unwrap();
    assert_eq!(response.results[0].outcome, Outcome::Duplicate);
    assert!(tablet.receive_push(&response));
    assert_eq!(server.stored_ops().len(), 1);
    assert_eq!(server.last_seq(), 1);
    assert_eq!(tablet.pending(), 1);
}

#[test]
fn a_bad_op_is_rejected_stored_and_does_not_block_the_queue() {
    let mut server = ReferenceServer::new(MAX_AHEAD_MS);
    let mut tablet = SimDevice::new(device_id(1), 0);
    tablet
        .edit(new_student(1, "Odile", "Brackwater", 8), START_MS)
        .unwrap();
    let bad = tablet
        .edit_unchecked(update_student(1, json!({"year_group": 15})), START_MS + 1)
        .unwrap();
    tablet
        .edit(update_student(1, json!({"year_group": 9})), START_MS + 2)
        .unwrap();
    let request = tablet.next_push(10).unwrap();
    let response = server.push(&request, START_MS + 3).unwrap();
    let reason = "year_group must be 7 to 13, got 15".to_owned();
    assert_eq!(
        response.results[1].outcome,
        Outcome::Rejected {
            reason: reason.clone()
        }
    );
    assert_eq!(response.results[2].outcome, Outcome::Applied);
    assert!(server.stored_ops().contains_key(&bad));
    // Resent after a lost reply, the rejection is repeated, not hidden as a duplicate.
    let again = server.push(&request, START_MS + 4).unwrap();
    assert_eq!(again.results[1].outcome, Outcome::Rejected { reason });
    assert_eq!(again.results[2].outcome, Outcome::Duplicate);
    assert!(tablet.receive_push(&again));
    sync(&mut tablet, &mut server, START_MS + 5);
    assert_eq!(
        tablet.view()[&student_id(1)].value("year_group"),
        Some(&json!(9))
    );
}

#[test]
fn a_device_whose_clock_is_a_month_ahead_is_capped_and_told() {
    let mut server = ReferenceServer::new(MAX_AHEAD_MS);
    let mut fast = SimDevice::new(device_id(1), i64::try_from(30 * DAY_MS).unwrap());
    let mut right = SimDevice::new(device_id(2), 0);
    fast.edit(new_student(1, "Odile", "Brackwater", 8), START_MS)
        .unwrap();
    let response = server.push(&fast.next_push(10).unwrap(), START_MS).unwrap();
    assert_eq!(response.capped_count(), 1);
    let capped = response.results[0].capped_hlc.unwrap();
    assert_eq!(capped.millis(), START_MS + MAX_AHEAD_MS);
    assert_eq!(capped.device(), device_id(1));
    assert!(fast.receive_push(&response));

    // A correct device that edits once the window has passed wins, as it should.
    sync(&mut right, &mut server, START_MS + 2 * MINUTE_MS);
    right
        .edit(
            update_student(1, json!({"given_name": "Odette"})),
            START_MS + 2 * MINUTE_MS,
        )
        .unwrap();
    sync(&mut right, &mut server, START_MS + 2 * MINUTE_MS);
    let record = &server.records()[&student_id(1)];
    assert_eq!(record.value("given_name"), Some(&json!("Odette")));
    // And seeing the fast device's record did not drag its clock a month ahead.
    assert!(right.clock().last().millis() <= START_MS + 2 * MINUTE_MS + MAX_AHEAD_MS);
}

#[test]
fn an_edit_made_after_seeing_a_value_wins_even_on_a_slow_clock() {
    let mut server = ReferenceServer::new(MAX_AHEAD_MS);
    let mut ahead = SimDevice::new(device_id(1), 50_000);
    let mut behind = SimDevice::new(device_id(2), -5 * 60_000);
    ahead
        .edit(new_student(1, "Odile", "Brackwater", 8), START_MS)
        .unwrap();
    sync(&mut ahead, &mut server, START_MS);
    sync(&mut behind, &mut server, START_MS + 10);
    behind
        .edit(
            update_student(1, json!({"family_name": "Brookwater"})),
            START_MS + 20,
        )
        .unwrap();
    sync(&mut behind, &mut server, START_MS + 30);
    let record = &server.records()[&student_id(1)];
    assert_eq!(record.value("family_name"), Some(&json!("Brookwater")));
    assert_eq!(server.history().len(), 1);
    assert_eq!(server.history()[0].value, json!("Brackwater"));
}

#[test]
fn ops_pushed_by_another_device_are_rejected() {
    let mut server = ReferenceServer::new(MAX_AHEAD_MS);
    let mut tablet = SimDevice::new(device_id(1), 0);
    tablet
        .edit(new_student(1, "Odile", "Brackwater", 8), START_MS)
        .unwrap();
    let mut request = tablet.next_push(10).unwrap();
    request.device_id = device_id(2);
    let response = server.push(&request, START_MS).unwrap();
    assert!(matches!(
        &response.results[0].outcome,
        Outcome::Rejected { reason } if reason.contains("made on another device")
    ));
    assert!(server.records().is_empty());
}

#[test]
fn ops_from_a_newer_app_are_kept_but_not_applied() {
    let mut server = ReferenceServer::new(MAX_AHEAD_MS);
    let mut tablet = SimDevice::new(device_id(1), 0);
    tablet
        .edit(new_student(1, "Odile", "Brackwater", 8), START_MS)
        .unwrap();
    let mut request = tablet.next_push(10).unwrap();
    request.ops[0].schema_version = mentor_core::SCHEMA_VERSION + 1;
    let response = server.push(&request, START_MS).unwrap();
    assert!(matches!(
        response.results[0].outcome,
        Outcome::Deferred { .. }
    ));
    assert_eq!(server.stored_ops().len(), 1);
    assert!(server.records().is_empty());
}

#[test]
fn an_oversized_or_outdated_push_is_refused_whole() {
    let mut server = ReferenceServer::new(MAX_AHEAD_MS);
    let mut tablet = SimDevice::new(device_id(1), 0);
    for n in 0..=MAX_PUSH_OPS {
        tablet
            .edit(
                Edit::delete(EntityKind::Student, student_id(n % 200)),
                START_MS,
            )
            .unwrap();
    }
    let request = tablet.next_push(MAX_PUSH_OPS + 1).unwrap();
    let err = server.push(&request, START_MS).unwrap_err();
    assert!(matches!(
        err,
        SyncError::Protocol(ProtocolError::BatchTooLarge {
            sent: 501,
            max: 500
        })
    ));
    let old = PushRequest {
        schema_version: 0,
        ops: request.ops[..1].to_vec(),
        ..request
    };
    assert!(server.push(&old, START_MS).is_err());
    assert!(server.stored_ops().is_empty());
}

#[test]
fn pulls_page_through_changes_and_never_skip_a_record_changed_between_pages() {
    let mut server = ReferenceServer::new(MAX_AHEAD_MS);
    let mut tablet = SimDevice::new(device_id(1), 0);
    let mut phone = SimDevice::new(device_id(2), 0);
    let names = ["Aurel", "Bryony", "Caspian", "Delphine", "Emrys"];
    for (n, name) in names.iter().enumerate() {
        tablet
            .edit(new_student(n, name, "Marchbank", 10), START_MS)
            .unwrap();
    }
    sync(&mut tablet, &mut server, START_MS);

    let first = server.pull(&phone.pull_request(2)).unwrap();
    assert_eq!(first.changes.len(), 2);
    assert!(first.has_more);
    assert_eq!(first.cursor, 2);
    phone.receive_pull(first, START_MS).unwrap();
    // The first record changes after the phone has read it: it comes again, later.
    tablet
        .edit(
            update_student(0, json!({"form_group": "10M"})),
            START_MS + 1,
        )
        .unwrap();
    sync(&mut tablet, &mut server, START_MS + 1);
    let mut pages = 1;
    loop {
        let page = server.pull(&phone.pull_request(2)).unwrap();
        assert!(page.changes.len() <= 2);
        let more = page.has_more;
        phone.receive_pull(page, START_MS + 2).unwrap();
        pages += 1;
        if !more {
            break;
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(phone.view(), server.records());
}

#[test]
fn the_view_shows_pending_edits_on_top_until_the_server_has_them() {
    let mut server = ReferenceServer::new(MAX_AHEAD_MS);
    let mut tablet = SimDevice::new(device_id(1), 0);
    tablet
        .edit(new_student(1, "Odile", "Brackwater", 8), START_MS)
        .unwrap();
    sync(&mut tablet, &mut server, START_MS);
    tablet
        .edit(
            update_student(1, json!({"preferred_name": "Odi"})),
            START_MS + 1,
        )
        .unwrap();
    assert_eq!(
        tablet.view()[&student_id(1)].value("preferred_name"),
        Some(&json!("Odi"))
    );
    assert_eq!(
        tablet.confirmed()[&student_id(1)].value("preferred_name"),
        None
    );
    // Acknowledged but not yet pulled: still shown, never blinking out.
    let response = server
        .push(&tablet.next_push(10).unwrap(), START_MS + 2)
        .unwrap();
    assert!(tablet.receive_push(&response));
    assert_eq!(
        tablet.view()[&student_id(1)].value("preferred_name"),
        Some(&json!("Odi"))
    );
    sync(&mut tablet, &mut server, START_MS + 3);
    assert_eq!(tablet.view(), server.records());
}

#[test]
fn two_mentors_adding_the_same_student_to_a_group_offline_make_one_membership() {
    let mut server = ReferenceServer::new(MAX_AHEAD_MS);
    let group = student_id(90);
    let member = student_id(1);
    let id = mentor_core::entity::group_membership_id(group, member);
    let membership = || {
        Edit::create(
            EntityKind::GroupMembership,
            id,
            fields(json!({
                "group_id": group.to_string(),
                "member_id": member.to_string(),
                "member_kind": "student"
            })),
        )
    };
    let mut tablet = SimDevice::new(device_id(1), 0);
    let mut phone = SimDevice::new(device_id(2), 3_000);
    tablet.edit(membership(), START_MS).unwrap();
    phone.edit(membership(), START_MS).unwrap();
    // The phone removes the student again; the tablet's add was earlier, so the removal holds.
    phone
        .edit(Edit::delete(EntityKind::GroupMembership, id), START_MS + 10)
        .unwrap();
    sync(&mut tablet, &mut server, START_MS + 20);
    sync(&mut phone, &mut server, START_MS + 20);
    sync(&mut tablet, &mut server, START_MS + 20);
    assert_eq!(server.records().len(), 1);
    assert!(server.records()[&id].is_deleted());
    assert_eq!(tablet.view(), phone.view());
}

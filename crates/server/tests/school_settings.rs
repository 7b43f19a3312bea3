//! The school's settings: one record under a fixed id, written by the administrator, pulled
//! by every member of staff whatever their scope.

// An integration-test crate: its helpers are test code too, where a panic is the failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::BTreeMap;

use mentor_core::{Edit, EntityKind, Outcome};
use mentor_server::store::Role;
use serde_json::json;
use support::*;

fn lock_after(minutes: u32) -> Edit {
    Edit::create(
        EntityKind::SchoolSettings,
        EntityKind::SchoolSettings.school_record_id(),
        fields(json!({ "lock_after_minutes": minutes })),
    )
}

#[tokio::test]
async fn the_administrator_sets_the_lock_time_and_every_member_of_staff_receives_it() {
    let mut fx = fixture();
    let mut admin = fx
        .session("Odile Farrant", "odile@school.example", Role::Admin)
        .await;
    let mut teacher = fx
        .session("Perrin Hale", "perrin@school.example", Role::Teacher)
        .await;
    let op = admin.op(lock_after(2));
    let answer = fx.push(&admin, vec![op]).await;
    assert_eq!(answer.results[0].outcome, Outcome::Applied);

    // A teacher with no students at all still receives it.
    let mut pulled = BTreeMap::new();
    fx.pull_all(&teacher, 0, &mut pulled).await;
    let settings = pulled
        .get(&EntityKind::SchoolSettings.school_record_id())
        .expect("the teacher's pull carries the school's settings");
    assert_eq!(settings.value("lock_after_minutes"), Some(&json!(2)));

    // Only the administrator writes it.
    let refused = teacher.op(Edit::update(
        EntityKind::SchoolSettings,
        EntityKind::SchoolSettings.school_record_id(),
        fields(json!({ "lock_after_minutes": 30 })),
    ));
    let answer = fx.push(&teacher, vec![refused]).await;
    assert!(
        matches!(&answer.results[0].outcome, Outcome::Rejected { reason } if reason.contains("administrator")),
        "{:?}",
        answer.results[0].outcome
    );

    // Outside 1–30 minutes is refused by the validation device and server share.
    let too_long = Edit::update(
        EntityKind::SchoolSettings,
        EntityKind::SchoolSettings.school_record_id(),
        fields(json!({ "lock_after_minutes": 45 })),
    );
    assert!(too_long.validate().is_err());
}

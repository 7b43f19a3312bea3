//! Tests of the SQLite store: opening, migrating, and writes that must be all or nothing.

use super::*;

#[test]
fn creates_and_migrates_a_new_database_and_reopens_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open_in(dir.path()).unwrap();
    assert_eq!(store.schema_level().unwrap(), MIGRATIONS.len() as i64);
    store.check().unwrap();
    drop(store);
    let again = SqliteStore::open_in(dir.path()).unwrap();
    assert_eq!(again.schema_level().unwrap(), MIGRATIONS.len() as i64);
}

#[test]
fn staff_emails_are_unique_whatever_their_case_and_the_record_syncs() {
    use crate::store::{NewStaff, Role};
    use mentor_core::PullRequest;

    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open_in(dir.path()).unwrap();
    let staff = |email: &str, n: u8| NewStaff {
        id: EntityId::from_time_and_random(1_750_000_000_000, [n; 10]).unwrap(),
        display_name: "Pat Example".into(),
        email: email.into(),
        role: Role::Admin,
        password_hash: "$argon2id$not-checked-here".into(),
    };
    store
        .add_staff(&staff("Pat@School.example", 1), 1_750_000_000_000)
        .unwrap();
    let err = store
        .add_staff(&staff("pat@school.EXAMPLE", 2), 1_750_000_000_001)
        .unwrap_err();
    assert!(matches!(err, StoreError::EmailTaken(_)), "{err:?}");
    assert_eq!(store.staff_count().unwrap(), 1);
    let found = store
        .staff_for_sign_in(" PAT@school.example ")
        .unwrap()
        .unwrap();
    assert_eq!(found.staff.role, Role::Admin);

    let device = DeviceId::from_time_and_random(1, [9; 10]).unwrap();
    store
        .register_device(device, found.staff.id, "Desk", "hash", 5)
        .unwrap();
    let TokenCheck::Valid(signed_in) = store.authenticate("hash", 6).unwrap() else {
        panic!("token not accepted");
    };
    // A session unused for longer than the idle limit must sign in again.
    let idle = 6 + mentor_core::auth_api::TOKEN_IDLE_LIMIT_MS + 1;
    assert!(matches!(
        store.authenticate("hash", idle).unwrap(),
        TokenCheck::Expired
    ));
    let pull = PullRequest {
        schema_version: mentor_core::SCHEMA_VERSION,
        cursor: 0,
        limit: 0,
    };
    let page = store.pull(&signed_in, &pull, 1_000).unwrap();
    assert_eq!(page.changes.len(), 1);
    assert_eq!(page.changes[0].record.entity, EntityKind::Staff);
    assert_eq!(page.cursor, 1);
}

#[test]
fn pushes_written_all_at_once_leave_nothing_behind_when_one_op_fails() {
    use mentor_core::{Edit, HlcClock, SCHEMA_VERSION};

    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open_in(dir.path()).unwrap();
    let device = DeviceId::from_time_and_random(1, [7; 10]).unwrap();
    let mut clock = HlcClock::new(device);
    let mut op = |seq: u64| {
        let id = EntityId::from_time_and_random(1_750_000_000_000, [seq as u8; 10]).unwrap();
        let fields = serde_json::from_value(json!({
            "given_name": "Quinn", "family_name": format!("Import {seq}"), "year_group": 9
        }))
        .unwrap();
        Edit::create(EntityKind::Student, id, fields)
            .stamp(&mut clock, seq, 1_750_000_000_000 + seq, [seq as u8; 10])
            .unwrap()
    };
    let good = PushRequest {
        device_id: device,
        schema_version: SCHEMA_VERSION,
        ops: vec![op(1), op(2)],
    };
    let mut broken = op(3);
    broken.fields.insert("year_group".into(), json!(15));
    let bad = PushRequest {
        device_id: device,
        schema_version: SCHEMA_VERSION,
        ops: vec![broken],
    };
    let count = |store: &SqliteStore| -> i64 {
        store
            .conn()
            .unwrap()
            .query_row("SELECT COUNT(*) FROM ops", [], |row| row.get(0))
            .unwrap()
    };

    let err = store
        .push_all_as_server(&[good.clone(), bad], 1_750_000_000_100)
        .unwrap_err();
    assert!(matches!(err, StoreError::NotAllApplied { .. }), "{err:?}");
    assert_eq!(count(&store), 0, "the first push must be rolled back too");

    store
        .push_all_as_server(&[good], 1_750_000_000_200)
        .unwrap();
    assert_eq!(count(&store), 2);
}

#[test]
fn a_file_that_is_not_a_database_is_reported_as_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(DATABASE_FILE), vec![0x42; 4096]).unwrap();
    let err = SqliteStore::open_in(dir.path()).err().unwrap();
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err:?}");
    assert!(err.to_string().contains("Restore it from a backup"));
}

#[test]
fn a_database_from_a_newer_release_is_refused_not_downgraded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let err = SqliteStore::open(&path).err().unwrap();
    assert!(
        matches!(err, StoreError::TooNew { found: 99, .. }),
        "{err:?}"
    );
}

#[test]
fn backup_produces_a_database_at_the_same_level() {
    let dir = tempfile::tempdir().unwrap();
    let _store = SqliteStore::open_in(dir.path()).unwrap();
    let target = dir.path().join("copy.sqlite3");
    backup(dir.path(), &target).unwrap();
    let copy = SqliteStore::open(&target).unwrap();
    assert_eq!(copy.schema_level().unwrap(), MIGRATIONS.len() as i64);
}

#[test]
fn ops_stored_before_digests_are_still_told_from_other_ops_under_their_id() {
    use mentor_core::{Edit, HlcClock, SCHEMA_VERSION};

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    let device = DeviceId::from_time_and_random(1, [7; 10]).unwrap();
    let id = EntityId::from_time_and_random(1_750_000_000_000, [1; 10]).unwrap();
    let fields = serde_json::from_value(json!({
        "given_name": "Quinn", "family_name": "Older", "year_group": 9
    }))
    .unwrap();
    let op = Edit::create(EntityKind::Student, id, fields)
        .stamp(&mut HlcClock::new(device), 1, 1_750_000_000_000, [1; 10])
        .unwrap();
    {
        // A database at level 2, holding the op as that release stored it.
        let conn = Connection::open(&path).unwrap();
        for sql in &MIGRATIONS[..2] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 2).unwrap();
        conn.execute(
            "INSERT INTO ops (op_id, device_id, device_seq, hlc, schema_version, entity,
                entity_id, kind, fields, outcome, reason, capped_hlc, received_at)
             VALUES (?1, ?2, 1, ?3, ?4, 'student', ?5, 'create', ?6, 'applied', NULL, NULL, 5)",
            rusqlite::params![
                op.op_id.to_string(),
                device.to_string(),
                op.hlc.encode(),
                SCHEMA_VERSION,
                id.to_string(),
                serde_json::to_string(&op.fields).unwrap(),
            ],
        )
        .unwrap();
    }
    let store = SqliteStore::open(&path).unwrap();
    let push = |op: &mentor_core::Op| {
        let request = PushRequest {
            device_id: device,
            schema_version: SCHEMA_VERSION,
            ops: vec![op.clone()],
        };
        store
            .push_as_server(&request, 1_750_000_000_100)
            .unwrap()
            .results[0]
            .outcome
            .clone()
    };
    assert_eq!(push(&op), Outcome::Duplicate);
    let mut altered = op.clone();
    altered.fields.insert("given_name".into(), json!("Quincy"));
    assert!(
        matches!(push(&altered), Outcome::Rejected { reason } if reason.contains("already used"))
    );
}

#[test]
fn upgrading_revokes_devices_no_one_may_hold_and_dates_existing_tokens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    let conn = Connection::open(&path).unwrap();
    for sql in &MIGRATIONS[..4] {
        conn.execute_batch(sql).unwrap();
    }
    conn.pragma_update(None, "user_version", 4).unwrap();
    conn.execute_batch(
        "INSERT INTO staff (id, display_name, email, role, password_hash, active) VALUES
            ('s-kept', 'Quill Ashdown', 'quill@school.example', 'mentor', 'x', 1),
            ('s-gone', 'Wren Calloway', 'wren@school.example', 'mentor', 'x', 0);
         INSERT INTO devices (id, staff_id, token_hash, label, created_at, last_seen_at) VALUES
            ('d-kept', 's-kept', 'h1', 'Phone', 10, 20),
            ('d-gone', 's-gone', 'h2', 'Phone', 11, 21),
            ('00000000-0000-7000-8000-5e4ee4000001', 's-kept', 'h3', 'Server', 12, NULL);",
    )
    .unwrap();
    drop(conn);

    let store = SqliteStore::open(&path).unwrap();
    let conn = store.conn().unwrap();
    let row = |id: &str| -> (Option<i64>, Option<i64>) {
        conn.query_row(
            "SELECT revoked_at, token_issued_at FROM devices WHERE id = ?1",
            [id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .unwrap()
    };
    assert_eq!(row("d-kept"), (None, Some(10)));
    assert_eq!(row("d-gone"), (Some(21), Some(11)));
    assert_eq!(
        row(&crate::server_writes::SERVER_DEVICE.to_string()),
        (Some(12), Some(12))
    );
}

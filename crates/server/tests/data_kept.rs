//! Data kept on purpose only, through the router and a real SQLite file: a deleted record
//! keeps no values (on the server or in a pull), the database, its journal and its backups are
//! readable by the server's user only, and the history of deleted records is purged when the
//! kind's retention period ends (the same purge erases records an older release deleted).

// An integration-test crate: its helpers are test code too, where a panic is the failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use mentor_core::{Edit, EntityId, EntityKind, Outcome, PushResponse};
use mentor_server::store::{DATABASE_FILE, Role};
use serde_json::json;
use support::*;

const DAY_MS: u64 = 86_400_000;

fn assert_applied(response: &PushResponse) {
    assert!(
        response
            .results
            .iter()
            .all(|result| result.outcome == Outcome::Applied),
        "{response:?}"
    );
}

fn database(fx: &Fixture) -> rusqlite::Connection {
    rusqlite::Connection::open(fx.dir.path().join(DATABASE_FILE)).unwrap()
}

/// Every text the table holds in `column` for the record `id`, joined.
fn stored_text(fx: &Fixture, table: &str, column: &str, id: EntityId) -> String {
    let db = database(fx);
    let mut select = db
        .prepare(&format!(
            "SELECT {column} FROM {table} WHERE entity_id = ?1"
        ))
        .unwrap();
    let rows: Vec<String> = select
        .query_map([id.to_string()], |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    rows.join("\n")
}

fn history_rows(fx: &Fixture, id: EntityId) -> i64 {
    database(fx)
        .query_row(
            "SELECT COUNT(*) FROM history WHERE entity_id = ?1",
            [id.to_string()],
            |row| row.get(0),
        )
        .unwrap()
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// A student with a medical note that was changed once and then removed.
async fn removed_note(fx: &mut Fixture) -> (Session, EntityId, EntityId) {
    let mut admin = fx
        .session("Hollis Vantreight", "hollis@school.example", Role::Admin)
        .await;
    let (pupil, note) = (new_id(1), new_id(2));
    let ops = vec![
        admin.op(student(pupil, "Marisol")),
        admin.op(Edit::create(
            EntityKind::MedicalNote,
            note,
            fields(json!({"kind": "allergy", "text": "Peanuts", "student_id": pupil.to_string()})),
        )),
        admin.op(Edit::update(
            EntityKind::MedicalNote,
            note,
            fields(json!({"text": "Peanuts and sesame", "severity": "severe"})),
        )),
        admin.op(Edit::delete(EntityKind::MedicalNote, note)),
    ];
    assert_applied(&fx.push(&admin, ops).await);
    (admin, pupil, note)
}

#[tokio::test]
async fn a_deleted_record_keeps_no_values_on_the_server_or_in_a_pull() {
    let mut fx = fixture();
    let (admin, pupil, note) = removed_note(&mut fx).await;

    for (table, column) in [("records", "state"), ("ops", "fields")] {
        let text = stored_text(&fx, table, column, note);
        assert!(!text.is_empty(), "nothing in {table}");
        assert!(!text.contains("Peanuts"), "{table} keeps: {text}");
        assert!(!text.contains("allergy"), "{table} keeps: {text}");
    }
    let mut seen = BTreeMap::new();
    fx.pull_all(&admin, 0, &mut seen).await;
    let tombstone = &seen[&note];
    assert!(tombstone.is_deleted());
    // Only its link to the student stays, so the devices that saw it are told.
    let names: Vec<&str> = tombstone.fields.keys().map(String::as_str).collect();
    assert_eq!(names, ["student_id"], "{tombstone:?}");
    assert_eq!(
        tombstone.value("student_id"),
        Some(&json!(pupil.to_string()))
    );
    // The history keeps the values for the retention period, on the server only.
    assert!(history_rows(&fx, note) > 0);
}

#[tokio::test]
async fn the_database_its_journal_and_backups_are_private() {
    let mut fx = fixture();
    removed_note(&mut fx).await;
    let db = fx.dir.path().join(DATABASE_FILE);
    for suffix in ["", "-wal", "-shm"] {
        let path = db.with_file_name(format!("{DATABASE_FILE}{suffix}"));
        assert_eq!(mode(&path), 0o600, "{}", path.display());
    }
    let target = fx.dir.path().join("copy.sqlite3");
    mentor_server::store::backup(fx.dir.path(), &target).unwrap();
    assert_eq!(mode(&target), 0o600);

    let open = tempfile::tempdir().unwrap();
    std::fs::set_permissions(open.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    mentor_server::data_dir::check(open.path()).unwrap();
    assert_eq!(mode(open.path()), 0o700);
    let store = mentor_server::SqliteStore::open_in(open.path()).unwrap();
    drop(store);
    assert_eq!(mode(&open.path().join(DATABASE_FILE)), 0o600);
}

#[tokio::test]
async fn history_of_deleted_records_is_purged_when_its_retention_ends() {
    let mut fx = fixture();
    let (mut admin, pupil, note) = removed_note(&mut fx).await;
    // A live record's history is kept, and a removed teaching group's for a shorter time.
    let form = new_id(3);
    let ops = vec![
        admin.op(Edit::update(
            EntityKind::Student,
            pupil,
            fields(json!({"given_name": "Marisa"})),
        )),
        admin.op(group(form, "10R")),
        admin.op(Edit::delete(EntityKind::TeachingGroup, form)),
    ];
    assert_applied(&fx.push(&admin, ops).await);
    let kept_before = [history_rows(&fx, note), history_rows(&fx, form)];
    assert!(kept_before.iter().all(|rows| *rows > 0), "{kept_before:?}");

    let year = 365 * DAY_MS + DAY_MS / 4;
    fx.store.purge_expired(NOW + year - DAY_MS).unwrap();
    assert_eq!(
        [history_rows(&fx, note), history_rows(&fx, form)],
        kept_before
    );

    fx.store.purge_expired(NOW + year + DAY_MS).unwrap();
    assert_eq!(
        history_rows(&fx, form),
        0,
        "a teaching group is kept a year"
    );
    assert_eq!(history_rows(&fx, note), kept_before[0]);

    fx.store.purge_expired(NOW + 7 * year - DAY_MS).unwrap();
    assert_eq!(history_rows(&fx, note), kept_before[0]);
    fx.store.purge_expired(NOW + 7 * year + DAY_MS).unwrap();
    assert_eq!(
        history_rows(&fx, note),
        0,
        "a medical note is kept seven years"
    );
    assert_eq!(
        history_rows(&fx, pupil),
        1,
        "a live student's history stays"
    );
}

#[tokio::test]
async fn records_deleted_by_an_older_release_are_erased_by_the_purge() {
    let mut fx = fixture();
    let (admin, _, note) = removed_note(&mut fx).await;
    // The tombstone as an older release stored it: every value kept beside the delete.
    let db = database(&fx);
    let (state, seq): (String, i64) = db
        .query_row(
            "SELECT state, seq FROM records WHERE entity_id = ?1",
            [note.to_string()],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .unwrap();
    let mut old: serde_json::Value = serde_json::from_str(&state).unwrap();
    old["fields"]["text"] = json!({"value": "Peanuts", "hlc": old["created"]});
    db.execute(
        "UPDATE records SET state = ?1 WHERE entity_id = ?2",
        [old.to_string(), note.to_string()],
    )
    .unwrap();
    let history_before = history_rows(&fx, note);

    let purged = fx.store.purge_expired(NOW).unwrap();
    assert_eq!(purged.erased_records, 1, "{purged:?}");
    let text = stored_text(&fx, "records", "state", note);
    assert!(!text.contains("Peanuts"), "{text}");
    assert_eq!(history_rows(&fx, note), history_before + 1);
    let new_seq: i64 = database(&fx)
        .query_row(
            "SELECT seq FROM records WHERE entity_id = ?1",
            [note.to_string()],
            |row| row.get(0),
        )
        .unwrap();
    assert!(new_seq > seq, "devices are sent the erased record");
    let mut seen = BTreeMap::new();
    fx.pull_all(&admin, 0, &mut seen).await;
    assert_eq!(seen[&note].value("text"), None);
}

#[tokio::test]
async fn a_school_that_keeps_safeguarding_history_longer_has_it_kept_longer() {
    let mut fx = fixture();
    let (mut admin, _, note) = removed_note(&mut fx).await;
    let settings = EntityKind::SchoolSettings;
    let ops = vec![admin.op(Edit::create(
        settings,
        settings.school_record_id(),
        fields(json!({"safeguarding_years": 10})),
    ))];
    assert_applied(&fx.push(&admin, ops).await);
    let kept = history_rows(&fx, note);
    assert!(kept > 0);

    let year = 365 * DAY_MS + DAY_MS / 4;
    fx.store.purge_expired(NOW + 7 * year + DAY_MS).unwrap();
    assert_eq!(
        history_rows(&fx, note),
        kept,
        "kept past the default seven years"
    );
    fx.store.purge_expired(NOW + 10 * year + DAY_MS).unwrap();
    assert_eq!(history_rows(&fx, note), 0, "purged after the school's ten");

    // Outside what a school may set is refused, in words.
    let refused = Edit::update(
        settings,
        settings.school_record_id(),
        fields(json!({"safeguarding_years": 0})),
    );
    assert_eq!(
        refused.validate().unwrap_err().to_string(),
        "safeguarding_years must be 1 to 50, got 0"
    );
}

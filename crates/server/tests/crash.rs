//! The real binary, killed with SIGKILL in the middle of pushes and restarted on the same
//! data directory: retried batches store every op exactly once.

// An integration-test crate: its helpers are test code too, where a panic is the failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use mentor_core::{
    DeviceId, Edit, EntityId, EntityKind, HlcClock, Outcome, PullResponse, PushRequest,
    PushResponse, SCHEMA_VERSION,
};
use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_mentor-server");
const NOW: u64 = 1_750_000_000_000;
const BATCHES: usize = 30;
const OPS_PER_BATCH: usize = 200;

struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(data_dir: &Path) -> (Running, String) {
    let mut child = Command::new(BIN)
        .args(["--data-dir", data_dir.to_str().unwrap()])
        .args(["--addr", "127.0.0.1:0", "--dist", "/nonexistent"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let running = Running(child);
    let mut first_line = String::new();
    BufReader::new(stdout).read_line(&mut first_line).unwrap();
    let url = first_line
        .trim()
        .strip_prefix("Progress Mentor is running at ")
        .unwrap_or_else(|| panic!("unexpected first line: {first_line}"))
        .trim_end_matches('/')
        .to_owned();
    (running, url)
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

fn post(url: &str, token: Option<&str>, body: &Value) -> Result<(u16, Value), ureq::Error> {
    let mut request = agent().post(url).content_type("application/json");
    if let Some(token) = token {
        request = request.header("Authorization", &format!("Bearer {token}"));
    }
    let mut response = request.send(body.to_string())?;
    let status = response.status().as_u16();
    let text = response.body_mut().read_to_string()?;
    Ok((status, serde_json::from_str(&text).unwrap_or(Value::Null)))
}

fn batches(device: DeviceId) -> Vec<PushRequest> {
    let mut clock = HlcClock::new(device);
    let mut seq = 0u64;
    (0..BATCHES)
        .map(|_| PushRequest {
            device_id: device,
            schema_version: SCHEMA_VERSION,
            ops: (0..OPS_PER_BATCH)
                .map(|_| {
                    seq += 1;
                    let mut random = [0u8; 10];
                    random[..8].copy_from_slice(&seq.to_be_bytes());
                    let id = EntityId::from_time_and_random(NOW, random).unwrap();
                    let fields = serde_json::from_value(json!({
                        "given_name": "Crash", "family_name": format!("Test {seq}"), "year_group": 10
                    }))
                    .unwrap();
                    Edit::create(EntityKind::Student, id, fields)
                        .stamp(&mut clock, seq, NOW + seq, random)
                        .unwrap()
                })
                .collect(),
        })
        .collect()
}

#[test]
fn a_server_killed_mid_push_stores_every_retried_op_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let added = Command::new(BIN)
        .args([
            "--data-dir",
            data,
            "add-staff",
            "--email",
            "crash@school.example",
        ])
        .args(["--name", "Cass Crash", "--role", "admin"])
        .env("MENTOR_STAFF_PASSWORD", "a crash test password")
        .output()
        .unwrap();
    assert!(added.status.success(), "{added:?}");

    let (server, base) = start(dir.path());
    let device = DeviceId::from_time_and_random(NOW, [7; 10]).unwrap();
    let (status, body) = post(
        &format!("{base}/api/v1/auth/sign-in"),
        None,
        &json!({"email": "crash@school.example", "password": "a crash test password",
                "device_id": device.to_string(), "device_label": "Crash tablet"}),
    )
    .unwrap();
    assert_eq!(status, 200, "{body}");
    let token = body["token"].as_str().unwrap().to_owned();
    let batches = Arc::new(batches(device));

    // Push from a thread; kill the server once a few batches are acknowledged.
    let acknowledged = Arc::new(AtomicUsize::new(0));
    let pusher = {
        let (batches, acknowledged) = (batches.clone(), acknowledged.clone());
        let (url, token) = (format!("{base}/api/v1/sync/push"), token.clone());
        std::thread::spawn(move || {
            for batch in batches.iter() {
                let body = serde_json::to_value(batch).unwrap();
                match post(&url, Some(&token), &body) {
                    Ok((200, _)) => acknowledged.fetch_add(1, Ordering::SeqCst),
                    _ => return,
                };
            }
        })
    };
    let deadline = Instant::now() + Duration::from_secs(120);
    while acknowledged.load(Ordering::SeqCst) < 3 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
    drop(server); // SIGKILL, then wait
    pusher.join().unwrap();
    let before_kill = acknowledged.load(Ordering::SeqCst);
    assert!(before_kill >= 3, "pushes did not get through in time");
    assert!(before_kill < BATCHES, "the kill came after every batch");

    // Restart on the same data; the device's token survives. Retry every batch as sent.
    let (_server, base) = start(dir.path());
    for (index, batch) in batches.iter().enumerate() {
        let (status, body) = post(
            &format!("{base}/api/v1/sync/push"),
            Some(&token),
            &serde_json::to_value(batch).unwrap(),
        )
        .unwrap();
        assert_eq!(status, 200, "{body}");
        let response: PushResponse = serde_json::from_value(body).unwrap();
        assert_eq!(response.results.len(), OPS_PER_BATCH);
        for result in &response.results {
            if index < before_kill {
                assert_eq!(result.outcome, Outcome::Duplicate);
            } else {
                assert!(
                    matches!(result.outcome, Outcome::Applied | Outcome::Duplicate),
                    "{result:?}"
                );
            }
        }
    }

    let mut records = BTreeMap::new();
    let mut cursor = 0;
    let mut last_seq = 0;
    loop {
        let (status, body) = post(
            &format!("{base}/api/v1/sync/pull"),
            Some(&token),
            &json!({"schema_version": SCHEMA_VERSION, "cursor": cursor, "limit": 0}),
        )
        .unwrap();
        assert_eq!(status, 200, "{body}");
        let page: PullResponse = serde_json::from_value(body).unwrap();
        for change in page.changes {
            assert!(change.seq > last_seq);
            last_seq = change.seq;
            assert!(records.insert(change.record.id, change.record).is_none());
        }
        cursor = page.cursor;
        if !page.has_more {
            break;
        }
    }
    let students = records
        .values()
        .filter(|record| record.entity == EntityKind::Student)
        .count();
    assert_eq!(students, BATCHES * OPS_PER_BATCH);

    let db = rusqlite::Connection::open(dir.path().join("progress-mentor.sqlite3")).unwrap();
    let (ops, distinct): (i64, i64) = db
        .query_row(
            "SELECT COUNT(*), COUNT(DISTINCT op_id) FROM ops",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .unwrap();
    // Every pushed op once, plus the staff record `add-staff` wrote.
    assert_eq!(ops, (BATCHES * OPS_PER_BATCH + 1) as i64);
    assert_eq!(ops, distinct);
}

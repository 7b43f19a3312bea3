//! `cargo xtask bench sync`: how fast the real release server takes in and hands out ops.
//!
//! Each scenario gets its own server on a free port and a fresh data directory, so every pull
//! from cursor 0 brings exactly the scenario's students (plus the admin's own staff record).
//! Request times are measured on the wire, from sending a request to having read its reply:
//! this xtask is a debug build, and its own JSON work would otherwise be charged to the server.
//! Bodies are therefore serialized before the clock starts and replies parsed after.
//!
//! A benchmark prints figures; missing a target is not a failure. Only something broken is:
//! an op not `applied`, or a pull that does not bring back every student pushed.

mod report;
mod server;

use report::{Ingest, Report, RoundTrip, Timing, render};
use server::{BenchServer, Client};

use crate::dist::thousands;
use crate::workspace::{Workspace, probe, run};
use anyhow::{Context, Result, bail, ensure};
use mentor_core::auth_api::MAX_ACTIVE_DEVICES;
use mentor_core::protocol::{MAX_PULL_CHANGES, MAX_PUSH_OPS};
use mentor_core::{
    DeviceId, Edit, EntityId, EntityKind, HlcClock, Outcome, PullRequest, PullResponse,
    PushRequest, PushResponse, SCHEMA_VERSION,
};
use serde_json::json;
use std::collections::HashSet;
use std::path::Path;
use std::process::Command;
use std::sync::Barrier;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

const ROUND_TRIP_SIZES: [usize; 2] = [1_000, 10_000];
const INGEST_DEVICES: u8 = 20;
const INGEST_OPS_PER_DEVICE: usize = 1_000;
const INGEST_BATCH: usize = 500;
const PASSWORD: &str = "a benchmark password, not a secret";
/// Bench accounts: a member of staff keeps at most `MAX_ACTIVE_DEVICES` sessions, so the
/// ingest's devices are shared out among this many admins.
const BENCH_ACCOUNTS: u8 = INGEST_DEVICES.div_ceil(MAX_ACTIVE_DEVICES as u8);

/// The account device `index` signs in as (device 0, the round trip's, shares the first).
fn bench_email(index: u8) -> String {
    format!(
        "bench-{}@school.example",
        index.saturating_sub(1) / MAX_ACTIVE_DEVICES as u8
    )
}

pub fn sync(ws: &Workspace) -> Result<()> {
    run(&mut ws.cargo(&["build", "--release", "-p", "mentor-server"]))
        .context("building mentor-server failed; the compiler's message above says why")?;
    let binary = ws.server_binary()?;
    let round_trips = ROUND_TRIP_SIZES
        .iter()
        .map(|&ops| round_trip(&binary, ops))
        .collect::<Result<Vec<_>>>()?;
    let ingest = concurrent_ingest(&binary)?;
    let report = Report {
        when: probe(Command::new("date").arg("+%F %H:%M %Z"))
            .map_or_else(|| "date unknown".to_owned(), |d| d.trim().to_owned()),
        cores: std::thread::available_parallelism().map_or(0, usize::from),
        round_trips,
        ingest,
    };
    print!("\n{}", render(&report));
    Ok(())
}

fn round_trip(binary: &Path, ops: usize) -> Result<RoundTrip> {
    println!("bench sync: one device, {} students", thousands(ops as u64));
    let server = BenchServer::start(binary, &format!("round-trip-{ops}"))?;
    let device = device_id(0)?;
    let client = Client::sign_in(&server.base, device, &bench_email(0))?;
    let (bodies, students) = student_batches(device, 0, ops, MAX_PUSH_OPS)?;
    let mut push = Timing::default();
    let replies = bodies
        .iter()
        .map(|body| client.post("/api/v1/sync/push", body, &mut push))
        .collect::<Result<Vec<_>>>()?;
    check_all_applied(&replies, ops)?;
    let (pull, pulled) = pull_everything(&client)?;
    let missing = students.iter().filter(|id| !pulled.contains(*id)).count();
    ensure!(
        missing == 0 && pulled.len() == ops,
        "the pull brought {} students for {ops} pushed ({missing} missing)",
        pulled.len()
    );
    Ok(RoundTrip {
        ops,
        push,
        pull,
        peak_kib: server.peak_memory_kib(),
    })
}

/// Pulls pages of [`MAX_PULL_CHANGES`] from cursor 0 until there are no more; returns the
/// ids of the students seen.
fn pull_everything(client: &Client) -> Result<(Timing, HashSet<EntityId>)> {
    let mut timing = Timing::default();
    let mut students = HashSet::new();
    let mut cursor = 0;
    loop {
        let request = PullRequest {
            schema_version: SCHEMA_VERSION,
            cursor,
            limit: MAX_PULL_CHANGES,
        };
        let body = serde_json::to_string(&request).context("cannot encode a pull")?;
        let reply = client.post("/api/v1/sync/pull", &body, &mut timing)?;
        let page: PullResponse =
            serde_json::from_str(&reply).context("the server's pull reply is not a page")?;
        for change in page.changes {
            if change.record.entity == EntityKind::Student {
                ensure!(
                    students.insert(change.record.id),
                    "student {} came twice in one pull",
                    change.record.id
                );
            }
        }
        cursor = page.cursor;
        if !page.has_more {
            return Ok((timing, students));
        }
    }
}

fn concurrent_ingest(binary: &Path) -> Result<Ingest> {
    let devices = usize::from(INGEST_DEVICES);
    println!("bench sync: {devices} devices pushing at once");
    let server = BenchServer::start(binary, "ingest")?;
    let pushers = (1..=INGEST_DEVICES)
        .map(|index| {
            let device = device_id(index)?;
            let client = Client::sign_in(&server.base, device, &bench_email(index))?;
            let (bodies, _) = student_batches(device, index, INGEST_OPS_PER_DEVICE, INGEST_BATCH)?;
            Ok((client, bodies))
        })
        .collect::<Result<Vec<_>>>()?;
    // Sign-ins hash a password (argon2, ~19 MiB each): shown apart from the pushes.
    let sign_in_peak_kib = server.peak_memory_kib();
    let start = Barrier::new(devices + 1);
    let (wall, outcomes) = std::thread::scope(|scope| {
        let handles: Vec<_> = pushers
            .iter()
            .map(|(client, bodies)| {
                let start = &start;
                scope.spawn(move || {
                    start.wait();
                    let mut timing = Timing::default();
                    let replies = bodies
                        .iter()
                        .map(|body| client.post("/api/v1/sync/push", body, &mut timing))
                        .collect::<Result<Vec<_>>>();
                    replies.map(|replies| (timing, replies))
                })
            })
            .collect();
        start.wait();
        let began = Instant::now();
        let outcomes: Vec<_> = handles.into_iter().map(|h| h.join()).collect();
        (began.elapsed(), outcomes)
    });
    let mut push = Timing::default();
    for outcome in outcomes {
        let Ok(outcome) = outcome else {
            bail!("a pushing thread panicked; its message is above")
        };
        let (timing, replies) = outcome?;
        check_all_applied(&replies, INGEST_OPS_PER_DEVICE)?;
        push = push.merge(timing);
    }
    Ok(Ingest {
        devices,
        ops: devices * INGEST_OPS_PER_DEVICE,
        wall,
        push,
        sign_in_peak_kib,
        peak_kib: server.peak_memory_kib(),
    })
}

/// Fails unless the push replies hold `expected` results, every one `applied`.
fn check_all_applied(replies: &[String], expected: usize) -> Result<()> {
    let mut results = 0;
    for reply in replies {
        let response: PushResponse =
            serde_json::from_str(reply).context("the server's push reply is not a result list")?;
        results += response.results.len();
        if let Some(other) = response
            .results
            .iter()
            .find(|result| result.outcome != Outcome::Applied)
        {
            bail!("op {} was not applied: {:?}", other.op_id, other.outcome);
        }
    }
    ensure!(
        results == expected,
        "{results} push results for {expected} ops"
    );
    Ok(())
}

/// Random bytes for an id, unique per (device, seq) in one server. uuid overwrites the high
/// nibble of byte 0 and the top two bits of byte 2 (version and variant), so those stay 0.
fn id_random(device_index: u8, seq: u64) -> [u8; 10] {
    let mut random = [0; 10];
    random[1] = device_index;
    random[3..].copy_from_slice(&seq.to_be_bytes()[1..]);
    random
}

fn now_ms() -> Result<u64> {
    let since_epoch = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .context("the system clock is before 1970; set it and rerun")?;
    u64::try_from(since_epoch.as_millis()).context("the system clock is far in the future")
}

fn device_id(index: u8) -> Result<DeviceId> {
    DeviceId::from_time_and_random(now_ms()?, id_random(index, 0))
        .context("cannot make a device id")
}

/// Creates of `count` distinct students by `device`, as push bodies of at most `batch` ops,
/// and the students' ids.
fn student_batches(
    device: DeviceId,
    index: u8,
    count: usize,
    batch: usize,
) -> Result<(Vec<String>, Vec<EntityId>)> {
    let mut clock = HlcClock::new(device);
    let mut ops = Vec::with_capacity(count);
    for seq in 1..=count as u64 {
        let now = now_ms()?;
        let random = id_random(index, seq);
        let id = EntityId::from_time_and_random(now, random).context("cannot make an id")?;
        let fields = serde_json::from_value(json!({
            "given_name": "Bench",
            "family_name": format!("Student {index}-{seq}"),
            "year_group": 7 + seq % 7,
        }))
        .context("cannot build student fields")?;
        let op = Edit::create(EntityKind::Student, id, fields)
            .stamp(&mut clock, seq, now, random)
            .context("a generated student failed validation")?;
        ops.push(op);
    }
    let ids = ops.iter().map(|op| op.entity_id).collect();
    let bodies = ops
        .chunks(batch)
        .map(|chunk| {
            let request = PushRequest {
                device_id: device,
                schema_version: SCHEMA_VERSION,
                ops: chunk.to_vec(),
            };
            serde_json::to_string(&request).context("cannot encode a push")
        })
        .collect::<Result<Vec<_>>>()?;
    Ok((bodies, ids))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_differ_by_device_and_seq_after_uuid_sets_its_bits() {
        let ids: HashSet<EntityId> = (0..3u8)
            .flat_map(|device| (0..1_000u64).map(move |seq| id_random(device, seq)))
            .map(|random| EntityId::from_time_and_random(1_750_000_000_000, random).unwrap())
            .collect();
        assert_eq!(ids.len(), 3_000);
    }
}

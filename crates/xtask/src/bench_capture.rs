//! `cargo xtask bench capture`: tap-to-saved latency of a lesson note on the classroom
//! tablet, with 2,000 and with 50,000 notes already on the device (encrypted, as always).
//!
//! For each size: the release server with the demo school, given that many notes by the
//! study-support group's learning mentor (pushed through the API as their other device, in
//! lessons of 30); then the Playwright script `e2e/bench/capture.bench.ts` signs that mentor
//! in on the built app, waits for the notes to sync onto the device, starts a lesson and
//! records 200 one-tag notes, timing in the page from the tag's tap to the note committed in
//! IndexedDB and its tile updated. The same run prints a raw IndexedDB put (one small value,
//! one transaction, no encryption) as the floor.

use anyhow::{Context, Result, ensure};
use mentor_core::protocol::PushRequest;
use mentor_core::{Edit, EntityId, EntityKind, HlcClock, Op, SCHEMA_VERSION};
use serde_json::{Value, json};

use crate::bench_import::Admin;
use crate::bench_search::{in_the_app_with, render};
use crate::dist::thousands;
use crate::workspace::Workspace;

const SIZES: [usize; 2] = [2_000, 50_000];
const LEARNING_MENTOR: &str = "kit.lanyon@northfield.example";
const GROUP: &str = "Study Support Base";
/// Ops per push: well under the server's 1 MiB body limit.
const BATCH: usize = 400;

pub fn capture(ws: &Workspace) -> Result<()> {
    let mut lines = Vec::new();
    for notes in SIZES {
        let out = in_the_app_with(ws, "capture", |base| {
            seed_notes(base, notes)?;
            Ok(format!("{} lesson notes added", thousands(notes as u64)))
        })?;
        let text = std::fs::read_to_string(&out)
            .with_context(|| format!("the Playwright script wrote no {}", out.display()))?;
        let value: Value = serde_json::from_str(&text).context("the capture report is not JSON")?;
        lines.push(format!(
            "{} notes on the device ({} records stored sealed)\n  tap to saved:     {}\n  raw IndexedDB put: {}",
            thousands(notes as u64),
            thousands(value["records"].as_u64().unwrap_or(0)),
            render(&numbers(&value["durations"])?),
            render(&numbers(&value["floor"])?),
        ));
    }
    println!();
    println!(
        "lesson note capture, tap to committed and the tile updated (target: p95 under 16 ms)"
    );
    for line in lines {
        println!("{line}");
    }
    Ok(())
}

fn numbers(value: &Value) -> Result<Vec<f64>> {
    value
        .as_array()
        .context("the capture report lacks a list of durations")?
        .iter()
        .map(|d| d.as_f64().context("a duration is not a number"))
        .collect()
}

/// Gives the study-support group `count` notes by its learning mentor, in lessons of 30.
fn seed_notes(base: &str, count: usize) -> Result<()> {
    let mentor = Admin::sign_in_as(base, LEARNING_MENTOR)?;
    let (group, students) = group_and_students(&mentor)?;
    ensure!(!students.is_empty(), "the {GROUP} group has no students");
    let author: EntityId = mentor
        .staff_id
        .parse()
        .context("the sign-in named no staff id")?;
    let mut clock = HlcClock::new(mentor.device);
    let start = now_ms()?.saturating_sub(count as u64 * 60_000);
    let mut ops = Vec::with_capacity(count + count / students.len() + 1);
    let mut seq = 0u64;
    let mut stamp = |edit: Edit, at: u64| -> Result<()> {
        seq += 1;
        let random = random_for(seq);
        ops.push(
            edit.stamp(&mut clock, seq, at, random)
                .context("a generated note failed validation")?,
        );
        Ok(())
    };
    let mut lesson = None;
    for n in 0..count {
        let at = start + n as u64 * 60_000;
        if n % students.len() == 0 {
            let id = EntityId::from_time_and_random(at, random_for(u64::MAX - n as u64))
                .context("no id")?;
            let fields = json!({"group_id": group.to_string(), "author_id": author.to_string(), "started_at": at});
            stamp(
                Edit::create(EntityKind::Lesson, id, serde_json::from_value(fields)?),
                at,
            )?;
            lesson = Some(id);
        }
        let lesson = lesson.context("no lesson")?;
        let student = students[n % students.len()];
        let id = EntityId::from_time_and_random(at, random_for(n as u64 + 1)).context("no id")?;
        let fields = json!({
            "lesson_id": lesson.to_string(), "group_id": group.to_string(),
            "student_id": student.to_string(), "author_id": author.to_string(),
            "recorded_at": at, "tags": ["On task"], "text": "Settled quickly and started the task"
        });
        stamp(
            Edit::create(EntityKind::LessonNote, id, serde_json::from_value(fields)?),
            at,
        )?;
    }
    push_in_batches(&mentor, &ops)
}

/// Pushes `ops` as `who`'s device, a batch at a time, each op applied or an error.
pub(crate) fn push_in_batches(who: &Admin, ops: &[Op]) -> Result<()> {
    for chunk in ops.chunks(BATCH) {
        let request = PushRequest {
            device_id: who.device,
            schema_version: SCHEMA_VERSION,
            ops: chunk.to_vec(),
        };
        let (_, reply) = who.post("/api/v1/sync/push", &serde_json::to_string(&request)?)?;
        let applied = reply.matches("\"applied\"").count();
        ensure!(
            applied == chunk.len(),
            "{applied} of {} ops applied: {reply}",
            chunk.len()
        );
    }
    Ok(())
}

/// The study-support group's id and its students' ids, from what the mentor pulls.
fn group_and_students(mentor: &Admin) -> Result<(EntityId, Vec<EntityId>)> {
    let mut records = Vec::new();
    let mut cursor = 0;
    loop {
        let body = json!({"schema_version": SCHEMA_VERSION, "cursor": cursor, "limit": 0});
        let (_, reply) = mentor.post("/api/v1/sync/pull", &body.to_string())?;
        let page: Value = serde_json::from_str(&reply).context("the pull reply is not JSON")?;
        for change in page["changes"].as_array().into_iter().flatten() {
            records.push(change["record"].clone());
        }
        cursor = page["cursor"]
            .as_u64()
            .context("the pull reply has no cursor")?;
        if page["has_more"] != json!(true) {
            break;
        }
    }
    let value =
        |record: &Value, field: &str| record["fields"][field]["value"].as_str().map(str::to_owned);
    let group = records
        .iter()
        .find(|r| r["entity"] == "teaching_group" && value(r, "name").as_deref() == Some(GROUP))
        .and_then(|r| r["id"].as_str()?.parse::<EntityId>().ok())
        .with_context(|| format!("the mentor's pull has no {GROUP} group"))?;
    let students = records
        .iter()
        .filter(|r| r["entity"] == "group_membership" && r["deleted"].is_null())
        .filter(|r| value(r, "group_id") == Some(group.to_string()))
        .filter(|r| value(r, "member_kind").as_deref() == Some("student"))
        .filter_map(|r| value(r, "member_id")?.parse().ok())
        .collect();
    Ok((group, students))
}

/// Random bytes for the `n`th id: unique per `n`, clear of the bits UUIDs overwrite.
pub(crate) fn random_for(n: u64) -> [u8; 10] {
    let mut random = [0; 10];
    random[3..].copy_from_slice(&n.to_be_bytes()[1..]);
    random
}

pub(crate) fn now_ms() -> Result<u64> {
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .context("the system clock is before 1970")?;
    u64::try_from(since.as_millis()).context("the system clock is far in the future")
}

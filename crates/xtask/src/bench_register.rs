//! `cargo xtask bench register`: a year-group assembly's register of 200 students on a
//! phone, and a trip's roll call, timed in the page with the device's store encrypted (as
//! always once a PIN is set).
//!
//! The release server with the demo school, given 140 more students and a group of 200
//! ("Year group assembly", the study-support group's learning mentor on its staff) through
//! the API; then the Playwright script `e2e/bench/register.bench.ts` signs that mentor in on
//! the built app, opens the group's register and re-opens it from the list (each timed from
//! the tap to all 200 rows on screen), marks 200 students one tap at a time (timed from the
//! mark's tap to its row showing it, which the page does once IndexedDB has committed), and
//! taps 64 children found on the demo trip's roll call (timed the same way).

use anyhow::{Context, Result};
use mentor_core::entity::group_membership_id;
use mentor_core::{Edit, EntityId, EntityKind, HlcClock, SCHEMA_VERSION};
use serde_json::{Value, json};

use crate::bench_capture::{now_ms, push_in_batches, random_for};
use crate::bench_import::Admin;
use crate::bench_search::{in_the_app_with, render};
use crate::workspace::Workspace;

const LEARNING_MENTOR: &str = "kit.lanyon@northfield.example";
const ADMIN: &str = "sam.okaforlind@northfield.example";
/// The demo school's 60 students and this many more.
const MORE_STUDENTS: usize = 140;
const GROUP: &str = "Year group assembly";

pub fn register(ws: &Workspace) -> Result<()> {
    let out = in_the_app_with(ws, "register", |base| {
        seed_assembly(base)?;
        Ok(format!("{MORE_STUDENTS} students and a group of 200 added"))
    })?;
    let text = std::fs::read_to_string(&out)
        .with_context(|| format!("the Playwright script wrote no {}", out.display()))?;
    let value: Value = serde_json::from_str(&text).context("the register report is not JSON")?;
    println!();
    println!("a 200-student register on a phone, the device's store encrypted");
    println!(
        "  open a new register to 200 rows (target under 100 ms): {}",
        render(&numbers(&value["open_new"])?)
    );
    println!(
        "  re-open it from the list to 200 rows (target under 100 ms): {}",
        render(&numbers(&value["reopen"])?)
    );
    println!(
        "  mark one student, tap to row updated (target: p95 under 16 ms): {}",
        render(&numbers(&value["marks"])?)
    );
    println!(
        "a 32-child roll call: tap to tile updated: {}",
        render(&numbers(&value["roll_call"])?)
    );
    Ok(())
}

fn numbers(value: &Value) -> Result<Vec<f64>> {
    value
        .as_array()
        .context("the register report lacks a list of durations")?
        .iter()
        .map(|d| d.as_f64().context("a duration is not a number"))
        .collect()
}

/// Adds 140 students and a group of every student with the learning mentor on its staff,
/// pushed by the administrator.
fn seed_assembly(base: &str) -> Result<()> {
    let admin = Admin::sign_in_as(base, ADMIN)?;
    let mentor = Admin::sign_in_as(base, LEARNING_MENTOR)?;
    let students = student_ids(&admin)?;
    let mentor_id: EntityId = mentor.staff_id.parse().context("no staff id")?;
    let mut clock = HlcClock::new(admin.device);
    let now = now_ms()?;
    let mut ops = Vec::new();
    let mut seq = 0u64;
    let mut stamp = |edit: Edit| -> Result<()> {
        seq += 1;
        ops.push(
            edit.stamp(&mut clock, seq, now, random_for(seq))
                .context("a generated record failed validation")?,
        );
        Ok(())
    };
    let mut all = students;
    for n in 0..MORE_STUDENTS {
        let id = EntityId::from_time_and_random(now, random_for(1_000_000 + n as u64))
            .context("no id")?;
        let given = ["Alex", "Bea", "Cai", "Dara", "Eli", "Fen", "Gus"][n % 7];
        let fields = json!({
            "given_name": given,
            "family_name": format!("Benchley{n:03}"), "year_group": 9
        });
        stamp(Edit::create(
            EntityKind::Student,
            id,
            serde_json::from_value(fields)?,
        ))?;
        all.push(id);
    }
    let group = EntityId::from_time_and_random(now, random_for(2_000_000)).context("no id")?;
    stamp(Edit::create(
        EntityKind::TeachingGroup,
        group,
        serde_json::from_value(json!({"name": GROUP}))?,
    ))?;
    let members = all
        .iter()
        .map(|student| (*student, "student"))
        .chain([(mentor_id, "staff")]);
    for (member, kind) in members {
        let fields = json!({
            "group_id": group.to_string(), "member_id": member.to_string(), "member_kind": kind
        });
        stamp(Edit::create(
            EntityKind::GroupMembership,
            group_membership_id(group, member),
            serde_json::from_value(fields)?,
        ))?;
    }
    push_in_batches(&admin, &ops)
}

/// Every student's id, from what the administrator pulls.
fn student_ids(admin: &Admin) -> Result<Vec<EntityId>> {
    let mut ids = Vec::new();
    let mut cursor = 0;
    loop {
        let body = json!({"schema_version": SCHEMA_VERSION, "cursor": cursor, "limit": 0});
        let (_, reply) = admin.post("/api/v1/sync/pull", &body.to_string())?;
        let page: Value = serde_json::from_str(&reply).context("the pull reply is not JSON")?;
        for change in page["changes"].as_array().into_iter().flatten() {
            let record = &change["record"];
            if record["entity"] == "student" && record["deleted"].is_null() {
                ids.extend(
                    record["id"]
                        .as_str()
                        .and_then(|id| id.parse::<EntityId>().ok()),
                );
            }
        }
        cursor = page["cursor"]
            .as_u64()
            .context("the pull reply has no cursor")?;
        if page["has_more"] != json!(true) {
            return Ok(ids);
        }
    }
}

//! `cargo xtask bench unlock`: from the PIN to the first screen with data, with 2,000 students
//! on the device.
//!
//! The same set-up as `bench search` (release server, demo school, 2,000 imported students,
//! the built app in Chromium); the script `e2e/bench/unlock.bench.ts` signs the admin in,
//! waits for the whole school to sync, opens Students, then reloads (the app opens locked) and
//! times, in the page, pressing "Unlock" to the first student on screen: the PIN's key
//! derivation, unwrapping the data key, and opening the sealed records the page reads.

use anyhow::{Context, Result};
use serde_json::Value;

use crate::bench_search::{in_the_app, render};
use crate::dist::thousands;
use crate::workspace::Workspace;

const STUDENTS: usize = 2_000;

pub fn unlock(ws: &Workspace) -> Result<()> {
    let out = in_the_app(ws, "unlock", STUDENTS)?;
    let text = std::fs::read_to_string(&out)
        .with_context(|| format!("the Playwright script wrote no {}", out.display()))?;
    let value: Value = serde_json::from_str(&text).context("the unlock report is not JSON")?;
    let durations = value["durations"]
        .as_array()
        .context("the unlock report has no durations")?
        .iter()
        .map(|d| d.as_f64().context("a duration is not a number"))
        .collect::<Result<Vec<_>>>()?;
    println!();
    println!(
        "unlock to the Students list, {} students ({} records stored sealed on the device)",
        thousands((STUDENTS + 60) as u64),
        thousands(value["records"].as_u64().unwrap_or(0))
    );
    println!("{}", render(&durations));
    Ok(())
}

//! `cargo xtask bench search`: how long the Students page takes to filter 2,000 students on
//! the device, measured in the page.
//!
//! The release server (with the demo school) serves a copy of the freshly built app; 2,000
//! invented students are imported through the API as the demo admin; then a Playwright script
//! (`e2e/bench/`) signs the admin in on the app, waits for the whole school to sync, and types
//! searches into the Students page. The page records a `performance.measure` named
//! `student-search` for each filtering pass (the filter and the list update); the script
//! writes their durations to a file this task reads and summarises.

use std::path::Path;

use anyhow::{Context, Result, ensure};
use serde_json::Value;

use crate::bench_import::{Admin, DemoServer, import_students};
use crate::dist::{self, thousands};
use crate::tools::{self, Needs};
use crate::workspace::{Workspace, run, status};

const STUDENTS: usize = 2_000;

pub fn search(ws: &Workspace) -> Result<()> {
    let out = in_the_app(ws, "search", STUDENTS)?;
    let report = read_report(&out)?;
    println!();
    println!(
        "student search, {} students on the device ({} characters typed in {} searches)",
        thousands((STUDENTS + 60) as u64),
        report.keystrokes,
        report.searches
    );
    println!("{}", render(&report.durations));
    Ok(())
}

struct SearchReport {
    searches: usize,
    keystrokes: u64,
    durations: Vec<f64>,
}

fn read_report(path: &Path) -> Result<SearchReport> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("the Playwright script wrote no {}", path.display()))?;
    let value: Value = serde_json::from_str(&text).context("the search report is not JSON")?;
    let durations = value["durations"]
        .as_array()
        .context("the search report has no durations")?
        .iter()
        .map(|d| d.as_f64().context("a duration is not a number"))
        .collect::<Result<Vec<_>>>()?;
    Ok(SearchReport {
        searches: value["searches"].as_array().map_or(0, Vec::len),
        keystrokes: value["keystrokes"].as_u64().unwrap_or(0),
        durations,
    })
}

/// Builds the app and the release server, starts the demo school with `students` more
/// students imported, and runs the Playwright script `e2e/bench/{name}.bench.ts` against it.
/// Returns the file the script wrote its figures to.
pub fn in_the_app(ws: &Workspace, name: &str, students: usize) -> Result<std::path::PathBuf> {
    in_the_app_with(ws, name, |base| {
        let admin = Admin::sign_in(base)?;
        import_students(&admin, students)?;
        Ok(format!("imported {} students", thousands(students as u64)))
    })
}

/// Like [`in_the_app`], with the demo school first given what `seed` puts in it (through the
/// API, at the server's address); `seed` says what it did.
pub fn in_the_app_with(
    ws: &Workspace,
    name: &str,
    seed: impl FnOnce(&str) -> Result<String>,
) -> Result<std::path::PathBuf> {
    tools::setup(ws, Needs::Browser)?;
    dist::build(ws)?;
    run(&mut ws.cargo(&["build", "--release", "-p", "mentor-server"]))
        .context("building mentor-server failed; the compiler's message above says why")?;
    let server = DemoServer::start(&ws.server_binary()?, Some(&ws.path("dist")), name)?;
    let seeded = seed(&server.base)?;
    println!(
        "bench {name}: {seeded} into {}; timing in Chromium",
        server.base
    );
    let out = server.data_dir.join(format!("{name}.json"));
    let e2e = ws.path("e2e");
    let finished = status(
        ws.command(e2e.join("node_modules/.bin/playwright"))
            .args(["test", "--config", "bench/playwright.config.ts"])
            .arg(format!("{name}.bench.ts"))
            .current_dir(&e2e)
            .env("PM_SERVER_URL", &server.base)
            .env("PM_BENCH_OUT", &out),
    )?;
    ensure!(
        finished.success(),
        "the {name} benchmark's Playwright script failed; its output above says why"
    );
    // The server stops when dropped; the figures file is read after.
    let kept = std::env::temp_dir().join(format!("progress-mentor-bench-{name}.json"));
    std::fs::copy(&out, &kept)
        .with_context(|| format!("the Playwright script wrote no {}", out.display()))?;
    Ok(kept)
}

/// "count N  p50 x ms  p95 y ms  max z ms".
pub fn render(durations: &[f64]) -> String {
    let mut sorted = durations.to_vec();
    sorted.sort_by(f64::total_cmp);
    format!(
        "count {}  p50 {:.1} ms  p95 {:.1} ms  max {:.1} ms",
        sorted.len(),
        percentile(&sorted, 50),
        percentile(&sorted, 95),
        sorted.last().copied().unwrap_or(0.0)
    )
}

/// The nearest-rank percentile of sorted values (0 for none).
fn percentile(sorted: &[f64], p: usize) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = (p * sorted.len()).div_ceil(100).max(1);
    sorted[rank.min(sorted.len()) - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank() {
        let values: Vec<f64> = (1..=20).map(f64::from).collect();
        assert_eq!(percentile(&values, 50), 10.0);
        assert_eq!(percentile(&values, 95), 19.0);
        assert_eq!(percentile(&[3.0], 95), 3.0);
        assert_eq!(percentile(&[], 50), 0.0);
        assert_eq!(
            render(&[2.0, 1.0, 4.0, 3.0]),
            "count 4  p50 2.0 ms  p95 4.0 ms  max 4.0 ms"
        );
    }
}

//! `cargo xtask test`: every check the project has, in the order CI runs them.
//!
//! A failing step does not stop the run (only the browser tests wait for the build they
//! need), so one run reports everything that is wrong. Each step is timed and counted, and
//! the run ends with a table and one plain `N passed, N failed` line.

use crate::summary::{Counts, Step, parse_cargo_test, parse_playwright, render, total};
use crate::tools::{self, CHROMEDRIVER, Needs, WASM_TARGET};
use crate::workspace::{Workspace, run, run_tee, status};
use crate::{dist, guard};
use anyhow::{Context, Result, bail};
use std::process::{Command, ExitCode};
use std::time::Instant;

pub fn test(ws: &Workspace) -> Result<ExitCode> {
    let mut pipeline = Pipeline::default();
    // Every later step needs some of the tools, so a failed set-up ends the run (with a table).
    if pipeline.step("setup", || {
        tools::setup(ws, Needs::Browser).map(|()| Counts::default())
    }) {
        run_checks(ws, &mut pipeline);
    }
    println!("\n{}", render(&pipeline.steps));
    Ok(if total(&pipeline.steps).failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The finished steps so far.
#[derive(Default)]
struct Pipeline {
    steps: Vec<Step>,
}

impl Pipeline {
    /// Runs and times one step; an error counts as one failure and its message is kept for
    /// the summary. Returns whether the step passed.
    fn step(&mut self, name: &'static str, body: impl FnOnce() -> Result<Counts>) -> bool {
        println!("\n==> {name}");
        let started = Instant::now();
        let (counts, note) = match body() {
            Ok(counts) => (counts, None),
            Err(err) => {
                eprintln!("{name}: {err:#}");
                (Counts::FAIL, Some(format!("{err:#}")))
            }
        };
        self.steps.push(Step {
            name,
            counts,
            elapsed: started.elapsed(),
            note,
        });
        counts.failed == 0
    }
}

fn run_checks(ws: &Workspace, pipeline: &mut Pipeline) {
    pipeline.step("fmt", || {
        static_check(ws.cargo(&["fmt", "--all", "--check"]))
    });
    pipeline.step("guard (mentor-core)", || {
        guard::check(ws).map(|()| Counts::PASS)
    });
    pipeline.step("clippy native", || {
        static_check(ws.cargo(&[
            "clippy",
            "--workspace",
            "--exclude",
            "progress-mentor",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))
    });
    pipeline.step("clippy wasm32", || {
        static_check(ws.cargo(&[
            "clippy",
            "--target",
            WASM_TARGET,
            "-p",
            "progress-mentor",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))?;
        // Core's library only: its dev-dependencies (proptest) are native test tools.
        static_check(ws.cargo(&[
            "clippy",
            "--target",
            WASM_TARGET,
            "-p",
            "mentor-core",
            "--lib",
            "--",
            "-D",
            "warnings",
        ]))
    });
    pipeline.step("cargo test", || {
        cargo_test(ws.cargo(&["test", "--workspace", "--exclude", "progress-mentor"]))
    });
    // The app's pure modules (search, CSV reading) have unit tests beside them; its browser
    // tests live in `tests/` and run in the next step.
    pipeline.step("app native tests", || {
        cargo_test(ws.cargo(&["test", "-p", "progress-mentor", "--lib"]))
    });
    pipeline.step("wasm browser tests", || {
        let mut command = ws.cargo(&["test", "--target", WASM_TARGET, "-p", "progress-mentor"]);
        command
            .env("CHROMEDRIVER", CHROMEDRIVER)
            .env("WASM_BINDGEN_TEST_TIMEOUT", "60");
        cargo_test(command)
    });
    let built = pipeline.step("build dist + server", || {
        dist::build(ws)?;
        run(&mut ws.cargo(&["build", "--release", "-p", "mentor-server"]))?;
        Ok(Counts::default())
    });
    if built {
        pipeline.step("playwright e2e", || playwright(ws));
    } else {
        pipeline.step("playwright e2e", || {
            bail!("not run: it needs the build, which failed")
        });
    }
}

/// fmt and clippy: one check each, passed or failed.
fn static_check(mut command: Command) -> Result<Counts> {
    run(&mut command)?;
    Ok(Counts::PASS)
}

fn cargo_test(mut command: Command) -> Result<Counts> {
    let (status, output) = run_tee(&mut command)?;
    Ok(parse_cargo_test(&output).at_least_one_failure_unless(status.success()))
}

fn playwright(ws: &Workspace) -> Result<Counts> {
    let e2e = ws.path("e2e");
    let report = e2e.join("playwright-report/results.json");
    // A report left from an earlier run must not be mistaken for this one's.
    if report.exists() {
        std::fs::remove_file(&report)
            .with_context(|| format!("cannot remove the old report {}", report.display()))?;
    }
    let finished = status(
        ws.command("npx")
            .args(["playwright", "test"])
            .current_dir(&e2e)
            .env("PM_SERVER_BIN", ws.server_binary()?)
            .env("PM_DIST", ws.path("dist"))
            .env("CI", "1"),
    )?;
    let text = std::fs::read_to_string(&report).with_context(|| {
        format!(
            "Playwright wrote no report at {}: check that e2e/playwright.config.ts has the JSON reporter \
             with outputFile 'playwright-report/results.json', and read Playwright's output above",
            report.display()
        )
    })?;
    Ok(parse_playwright(&text)?.at_least_one_failure_unless(finished.success()))
}

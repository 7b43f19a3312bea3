//! Counting what `cargo xtask test` ran: test-runner output parsing and the final table.

use anyhow::{Context, Result};
use std::time::Duration;

/// Test counts for one step (or the whole run).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub passed: u64,
    pub failed: u64,
    pub skipped: u64,
}

impl Counts {
    pub const PASS: Self = Self {
        passed: 1,
        failed: 0,
        skipped: 0,
    };
    pub const FAIL: Self = Self {
        passed: 0,
        failed: 1,
        skipped: 0,
    };

    /// A step whose command failed counts at least one failure, even if no test reported one
    /// (a compile error, a crashed runner).
    pub fn at_least_one_failure_unless(self, succeeded: bool) -> Self {
        if succeeded || self.failed > 0 {
            self
        } else {
            Self { failed: 1, ..self }
        }
    }

    fn add(self, other: Self) -> Self {
        Self {
            passed: self.passed + other.passed,
            failed: self.failed + other.failed,
            skipped: self.skipped + other.skipped,
        }
    }
}

/// One finished step of the pipeline.
pub struct Step {
    pub name: &'static str,
    pub counts: Counts,
    pub elapsed: Duration,
    /// Why it failed or was not run, if it did not simply pass.
    pub note: Option<String>,
}

/// Sums every `test result: ok. 12 passed; 0 failed; 1 ignored; …` line (libtest and
/// wasm-bindgen-test-runner print the same format; `FAILED.` instead of `ok.` on failure).
pub fn parse_cargo_test(output: &str) -> Counts {
    let mut total = Counts::default();
    for line in output.lines() {
        let Some(rest) = line.trim().strip_prefix("test result: ") else {
            continue;
        };
        for part in rest.split(';') {
            let mut words = part.split_whitespace().rev();
            let (Some(label), Some(number)) = (words.next(), words.next()) else {
                continue;
            };
            let Ok(n) = number.parse::<u64>() else {
                continue;
            };
            match label {
                "passed" => total.passed += n,
                "failed" => total.failed += n,
                "ignored" => total.skipped += n,
                _ => {}
            }
        }
    }
    total
}

/// Counts from Playwright's JSON report: flaky tests passed on retry, so they count as passed.
pub fn parse_playwright(report: &str) -> Result<Counts> {
    let json: serde_json::Value =
        serde_json::from_str(report).context("the Playwright report is not valid JSON")?;
    let stats = json
        .get("stats")
        .context("the Playwright report has no `stats` object; is the JSON reporter configured?")?;
    let count = |key: &str| {
        stats
            .get(key)
            .and_then(serde_json::Value::as_u64)
            .unwrap_or(0)
    };
    Ok(Counts {
        passed: count("expected") + count("flaky"),
        failed: count("unexpected"),
        skipped: count("skipped"),
    })
}

pub fn total(steps: &[Step]) -> Counts {
    steps
        .iter()
        .fold(Counts::default(), |sum, step| sum.add(step.counts))
}

/// The per-step table, then the final `N passed, N failed` line (which CI logs end with).
pub fn render(steps: &[Step]) -> String {
    let mut out = format!(
        "{:<22} {:<7} {:>7} {:>7} {:>8} {:>9}\n",
        "step", "result", "passed", "failed", "skipped", "time"
    );
    for step in steps {
        let result = if step.counts.failed > 0 {
            "FAILED"
        } else {
            "ok"
        };
        out.push_str(&format!(
            "{:<22} {:<7} {:>7} {:>7} {:>8} {:>8.1}s\n",
            step.name,
            result,
            step.counts.passed,
            step.counts.failed,
            step.counts.skipped,
            step.elapsed.as_secs_f64()
        ));
    }
    for step in steps {
        if let Some(note) = &step.note {
            out.push_str(&format!("{}: {note}\n", step.name));
        }
    }
    let all = total(steps);
    if all.skipped > 0 {
        out.push_str(&format!("{} skipped\n", all.skipped));
    }
    out.push_str(&format!("{} passed, {} failed\n", all.passed, all.failed));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_every_result_line_including_failures() {
        let output = "\
running 3 tests
test a ... ok
test result: ok. 3 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s

running 2 tests
test result: FAILED. 1 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.20s

   Doc-tests mentor_core
test result: ok. 0 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s
";
        assert_eq!(
            parse_cargo_test(output),
            Counts {
                passed: 4,
                failed: 1,
                skipped: 1
            }
        );
        assert_eq!(
            parse_cargo_test("error[E0425]: cannot find value"),
            Counts::default()
        );
    }

    #[test]
    fn a_failed_command_counts_a_failure_even_without_test_results() {
        assert_eq!(
            Counts::default().at_least_one_failure_unless(false),
            Counts::FAIL
        );
        let reported = Counts {
            passed: 2,
            failed: 3,
            skipped: 0,
        };
        assert_eq!(reported.at_least_one_failure_unless(false), reported);
        assert_eq!(Counts::PASS.at_least_one_failure_unless(true), Counts::PASS);
    }

    #[test]
    fn reads_playwright_stats() {
        let report = r#"{"config":{},"suites":[],"stats":{"startTime":"2026-11-23T10:00:00.000Z","duration":1234.5,"expected":7,"skipped":1,"unexpected":2,"flaky":1}}"#;
        assert_eq!(
            parse_playwright(report).unwrap(),
            Counts {
                passed: 8,
                failed: 2,
                skipped: 1
            }
        );
        assert!(parse_playwright(r#"{"suites":[]}"#).is_err());
        assert!(parse_playwright("not json").is_err());
    }

    #[test]
    fn ends_with_the_plain_totals_line() {
        let steps = [
            Step {
                name: "fmt",
                counts: Counts::PASS,
                elapsed: Duration::from_millis(1500),
                note: None,
            },
            Step {
                name: "cargo test",
                counts: Counts {
                    passed: 40,
                    failed: 2,
                    skipped: 0,
                },
                elapsed: Duration::from_secs(30),
                note: None,
            },
            Step {
                name: "playwright",
                counts: Counts::FAIL,
                elapsed: Duration::ZERO,
                note: Some("not run: the build failed".to_owned()),
            },
        ];
        let table = render(&steps);
        assert!(table.ends_with("\n41 passed, 3 failed\n"), "{table}");
        assert!(
            table.contains("playwright: not run: the build failed"),
            "{table}"
        );
        assert!(
            table
                .lines()
                .any(|l| l.starts_with("cargo test") && l.contains("FAILED"))
        );
    }
}

//! The sync benchmark's figures and how they are printed beside the targets.

use std::time::Duration;

use super::INGEST_BATCH;
use crate::dist::thousands;

pub(super) const TARGET_OPS_PER_SECOND: f64 = 5_000.0;
pub(super) const TARGET_P95_PUSH: Duration = Duration::from_millis(50);
pub(super) const TARGET_MEMORY_MB: f64 = 100.0;

/// Request times of one kind of request, plus time spent waiting out `429`s.
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct Timing {
    pub(super) latencies: Vec<Duration>,
    pub(super) waited: Duration,
    pub(super) refused: u32,
}

impl Timing {
    pub(super) fn total(&self) -> Duration {
        self.latencies.iter().sum::<Duration>() + self.waited
    }

    pub(super) fn percentile(&self, percent: u32) -> Duration {
        let mut sorted = self.latencies.clone();
        sorted.sort_unstable();
        percentile(&sorted, percent)
    }

    pub(super) fn merge(mut self, other: Timing) -> Timing {
        self.latencies.extend(other.latencies);
        self.waited += other.waited;
        self.refused += other.refused;
        self
    }
}

/// The nearest-rank percentile of `sorted` (zero for no samples).
pub(super) fn percentile(sorted: &[Duration], percent: u32) -> Duration {
    let rank = (sorted.len() * percent as usize).div_ceil(100).max(1);
    sorted.get(rank - 1).copied().unwrap_or_default()
}

/// One device creates `ops` students, pushes them all, then pulls everything from cursor 0.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct RoundTrip {
    pub(super) ops: usize,
    pub(super) push: Timing,
    pub(super) pull: Timing,
    pub(super) peak_kib: Option<u64>,
}

/// Many devices pushing at the same time.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Ingest {
    pub(super) devices: usize,
    pub(super) ops: usize,
    pub(super) wall: Duration,
    pub(super) push: Timing,
    pub(super) sign_in_peak_kib: Option<u64>,
    pub(super) peak_kib: Option<u64>,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Report {
    pub(super) when: String,
    pub(super) cores: usize,
    pub(super) round_trips: Vec<RoundTrip>,
    pub(super) ingest: Ingest,
}

pub(super) fn per_second(count: usize, time: Duration) -> f64 {
    count as f64 / time.as_secs_f64().max(1e-9)
}

pub(super) fn ms(time: Duration) -> String {
    format!("{:.1}", time.as_secs_f64() * 1000.0)
}

pub(super) fn rate(value: f64) -> String {
    thousands(value.round() as u64)
}

pub(super) fn mb(kib: Option<u64>) -> String {
    kib.map_or_else(
        || "unknown".to_owned(),
        |k| format!("{:.1}", k as f64 / 1024.0),
    )
}

pub(super) fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "NOT met" }
}

pub(super) fn render(report: &Report) -> String {
    let mut out = format!(
        "Progress Mentor sync benchmark (release server, {}, {} cores)\n\
         Request times are on the wire: request sent to reply read.\n\n",
        report.when, report.cores
    );
    out.push_str(&render_round_trips(&report.round_trips));
    out.push_str(&render_ingest(&report.ingest));
    out.push_str(&render_targets(report));
    out
}

pub(super) fn render_round_trips(round_trips: &[RoundTrip]) -> String {
    let mut out = "One device: push N student creates, then pull from cursor 0\n".to_owned();
    let mut row = |name: &str, cell: &dyn Fn(&RoundTrip) -> String| {
        out.push_str(&format!("  {name:<31}"));
        for round_trip in round_trips {
            out.push_str(&format!(" {:>14}", cell(round_trip)));
        }
        out.push('\n');
    };
    row("ops", &|r| thousands(r.ops as u64));
    row("push total (s)", &|r| {
        format!("{:.3}", r.push.total().as_secs_f64())
    });
    row("push ops/s", &|r| rate(per_second(r.ops, r.push.total())));
    row("pull total (s)", &|r| {
        format!("{:.3}", r.pull.total().as_secs_f64())
    });
    row("pull changes/s", &|r| {
        rate(per_second(r.ops, r.pull.total()))
    });
    row("end to end ops/s", &|r| rate(end_to_end(r)));
    row("push p50 / p95 (ms)", &|r| p50_p95(&r.push));
    row("pull p50 / p95 (ms)", &|r| p50_p95(&r.pull));
    row("requests refused (429)", &|r| {
        (r.push.refused + r.pull.refused).to_string()
    });
    row("server peak memory (MB)", &|r| mb(r.peak_kib));
    out.push('\n');
    out
}

pub(super) fn render_ingest(ingest: &Ingest) -> String {
    let line = |name: &str, value: String| format!("  {name:<31} {value:>14}\n");
    [
        format!(
            "{} devices pushing at once ({} ops each, batches of {INGEST_BATCH})\n",
            ingest.devices,
            thousands((ingest.ops / ingest.devices.max(1)) as u64)
        ),
        line("ops", thousands(ingest.ops as u64)),
        line("wall time (s)", format!("{:.3}", ingest.wall.as_secs_f64())),
        line("ops/s", rate(per_second(ingest.ops, ingest.wall))),
        line("push p50 / p95 (ms)", p50_p95(&ingest.push)),
        line("requests refused (429)", ingest.push.refused.to_string()),
        line(
            "server peak after sign-ins (MB)",
            mb(ingest.sign_in_peak_kib),
        ),
        line("server peak memory (MB)", mb(ingest.peak_kib)),
        "\n".to_owned(),
    ]
    .concat()
}

pub(super) fn render_targets(report: &Report) -> String {
    let slowest = report
        .round_trips
        .iter()
        .map(end_to_end)
        .fold(f64::INFINITY, f64::min);
    let worst_p95 = report
        .round_trips
        .iter()
        .map(|r| r.push.percentile(95))
        .max()
        .unwrap_or_default();
    let ingest_p95 = report.ingest.push.percentile(95);
    let peak = report
        .round_trips
        .iter()
        .map(|r| r.peak_kib)
        .chain([report.ingest.peak_kib])
        .max()
        .flatten();
    let peak_mb = peak.map(|k| k as f64 / 1024.0);
    let line = |target: &str, figure: String, met: bool| {
        format!("  {target:<34} {figure:>18}  {}\n", verdict(met))
    };
    [
        "Targets\n".to_owned(),
        line(
            "≥ 5,000 ops/s end to end",
            format!("slowest {}", rate(slowest)),
            slowest >= TARGET_OPS_PER_SECOND,
        ),
        line(
            "p95 push < 50 ms (one device)",
            format!("worst {} ms", ms(worst_p95)),
            worst_p95 < TARGET_P95_PUSH,
        ),
        line(
            "p95 push < 50 ms (devices at once)",
            format!("{} ms", ms(ingest_p95)),
            ingest_p95 < TARGET_P95_PUSH,
        ),
        line(
            "server memory < 100 MB",
            format!("peak {} MB", mb(peak)),
            peak_mb.is_some_and(|mb| mb < TARGET_MEMORY_MB),
        ),
    ]
    .concat()
}

pub(super) fn end_to_end(round_trip: &RoundTrip) -> f64 {
    per_second(
        round_trip.ops,
        round_trip.push.total() + round_trip.pull.total(),
    )
}

pub(super) fn p50_p95(timing: &Timing) -> String {
    format!(
        "{} / {}",
        ms(timing.percentile(50)),
        ms(timing.percentile(95))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn millis(values: &[u64]) -> Vec<Duration> {
        values.iter().map(|&v| Duration::from_millis(v)).collect()
    }

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let sorted = millis(&(1..=20).collect::<Vec<_>>());
        assert_eq!(percentile(&sorted, 50), Duration::from_millis(10));
        assert_eq!(percentile(&sorted, 95), Duration::from_millis(19));
        assert_eq!(percentile(&sorted, 100), Duration::from_millis(20));
        assert_eq!(percentile(&sorted, 0), Duration::from_millis(1));
        assert_eq!(percentile(&millis(&[7]), 95), Duration::from_millis(7));
        assert_eq!(percentile(&[], 95), Duration::ZERO);
        let unsorted = Timing {
            latencies: millis(&[30, 10, 20]),
            ..Timing::default()
        };
        assert_eq!(unsorted.percentile(50), Duration::from_millis(20));
    }

    #[test]
    fn totals_include_time_waiting_out_refusals() {
        let a = Timing {
            latencies: millis(&[10, 20]),
            waited: Duration::from_secs(1),
            refused: 1,
        };
        let merged = a.merge(Timing {
            latencies: millis(&[30]),
            ..Timing::default()
        });
        assert_eq!(merged.total(), Duration::from_millis(1_060));
        assert_eq!(merged.latencies.len(), 3);
        assert_eq!(merged.refused, 1);
    }

    fn sample_report(push_ms: u64, peak_kib: u64) -> Report {
        let timing = |ms: u64, n: usize| Timing {
            latencies: vec![Duration::from_millis(ms); n],
            ..Timing::default()
        };
        Report {
            when: "2026-11-23 11:30 UTC".to_owned(),
            cores: 2,
            round_trips: vec![RoundTrip {
                ops: 10_000,
                push: timing(push_ms, 20),
                pull: timing(25, 21),
                peak_kib: Some(peak_kib),
            }],
            ingest: Ingest {
                devices: 20,
                ops: 20_000,
                wall: Duration::from_secs(2),
                push: timing(120, 40),
                sign_in_peak_kib: Some(peak_kib / 4),
                peak_kib: Some(peak_kib / 2),
            },
        }
    }

    /// The report with runs of spaces squeezed to one, so tests do not pin column widths.
    fn squeezed(report: &Report) -> String {
        render(report)
            .lines()
            .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn the_report_shows_figures_beside_targets() {
        // Push 20 × 40 ms + pull 21 × 25 ms = 1.325 s for 10,000 ops.
        let text = squeezed(&sample_report(40, 40 * 1024));
        assert!(
            text.starts_with(
                "Progress Mentor sync benchmark (release server, 2026-11-23 11:30 UTC, 2 cores)\n"
            ),
            "{text}"
        );
        for expected in [
            "\npush total (s) 0.800\n",
            "\npush ops/s 12,500\n",
            "\npull changes/s 19,048\n",
            "\nend to end ops/s 7,547\n",
            "\npush p50 / p95 (ms) 40.0 / 40.0\n",
            "\n20 devices pushing at once (1,000 ops each, batches of 500)\nops 20,000\n",
            "\nops/s 10,000\n",
            "\nserver peak after sign-ins (MB) 10.0\n",
            "\n≥ 5,000 ops/s end to end slowest 7,547 met\n",
            "\np95 push < 50 ms (one device) worst 40.0 ms met\n",
            "\np95 push < 50 ms (devices at once) 120.0 ms NOT met\n",
            "\nserver memory < 100 MB peak 40.0 MB met",
        ] {
            assert!(text.contains(expected), "{expected:?} not in\n{text}");
        }
    }

    #[test]
    fn missed_targets_say_so() {
        // Push 20 × 400 ms + pull 0.525 s = 8.525 s for 10,000 ops.
        let text = squeezed(&sample_report(400, 200 * 1024));
        for expected in [
            "end to end slowest 1,173 NOT met\n",
            "(one device) worst 400.0 ms NOT met\n",
            "server memory < 100 MB peak 200.0 MB NOT met",
        ] {
            assert!(text.contains(expected), "{expected:?} not in\n{text}");
        }
    }
}

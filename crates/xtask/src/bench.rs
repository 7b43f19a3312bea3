//! `cargo xtask bench size`: what a first visit downloads, raw and as the server sends it.
//!
//! The app shell is the wasm, JS and CSS; the service worker is listed on its own because the
//! browser fetches it separately and it does not block the first paint.
//!
//! With `--detail` it also asks twiggy, when installed, what the wasm is made of: the largest
//! functions and the generic functions with the most copies. It reads wasm-bindgen's output
//! before wasm-opt, the last stage that still carries function names.

use crate::compress;
use crate::dist::{self, thousands};
use crate::workspace::{Workspace, probe, status};
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

/// Raw, gzip and brotli bytes of a group of files.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Sizes {
    raw: u64,
    gzip: u64,
    brotli: u64,
}

impl Sizes {
    fn add(self, other: Self) -> Self {
        Self {
            raw: self.raw + other.raw,
            gzip: self.gzip + other.gzip,
            brotli: self.brotli + other.brotli,
        }
    }
}

/// Which row of the table a dist file belongs to, if any.
fn group(file: &str) -> Option<&'static str> {
    if file == "sw.js" {
        return Some("service worker");
    }
    match file.rsplit_once('.')?.1 {
        "wasm" => Some("wasm"),
        "js" | "mjs" => Some("js"),
        "css" => Some("css"),
        _ => None,
    }
}

const SHELL_GROUPS: [&str; 3] = ["wasm", "js", "css"];

pub fn size(ws: &Workspace, detail: bool) -> Result<()> {
    dist::build(ws)?;
    let dist_dir = ws.path("dist");
    let mut rows: Vec<(&str, Sizes)> = SHELL_GROUPS
        .iter()
        .chain(["service worker"].iter())
        .map(|name| (*name, Sizes::default()))
        .collect();
    for file in dist::list_files(&dist_dir)? {
        let Some(name) = group(&file) else { continue };
        let sizes = measure(&dist_dir.join(&file))?;
        for (row, total) in &mut rows {
            if *row == name {
                *total = total.add(sizes);
            }
        }
    }
    let date = probe(ws.command("date").arg("+%F"))
        .map(|d| d.trim().to_owned())
        .unwrap_or_else(|| "date unknown".to_owned());
    print!("\n{}", render(&date, &rows));
    if detail {
        print_detail(ws)?;
    }
    Ok(())
}

/// How many rows twiggy prints for each question.
const DETAIL_ROWS: &str = "30";

/// Twiggy's largest items and most-copied generics, or a hint when twiggy is missing.
fn print_detail(ws: &Workspace) -> Result<()> {
    if probe(ws.command("twiggy").arg("--version")).is_none() {
        println!("\n(no detail: twiggy is not installed; `cargo install twiggy` adds it)");
        return Ok(());
    }
    let wasm = named_wasm(&ws.target_dir()?)?;
    println!("\nLargest items in {} (before wasm-opt)", wasm.display());
    status(
        ws.command("twiggy")
            .args(["top", "-n", DETAIL_ROWS])
            .arg(&wasm),
    )?;
    println!("\nGeneric functions with the most bytes in copies");
    status(
        ws.command("twiggy")
            .args(["monos", "-m", DETAIL_ROWS, "-n", "0"])
            .arg(&wasm),
    )?;
    Ok(())
}

/// The app's wasm with its function names: wasm-bindgen's output in Trunk's staging directory,
/// or, failing that, the compiler's own output (which also holds wasm-bindgen's metadata).
fn named_wasm(target_dir: &Path) -> Result<PathBuf> {
    let candidates = [
        target_dir.join("wasm-bindgen/release/progress-mentor_bg.wasm"),
        target_dir.join("wasm32-unknown-unknown/wasm-release/progress-mentor.wasm"),
    ];
    candidates
        .iter()
        .find(|path| path.is_file())
        .cloned()
        .with_context(|| {
            format!(
                "no wasm with names to inspect: looked for {} and {}",
                candidates[0].display(),
                candidates[1].display()
            )
        })
}

fn measure(path: &Path) -> Result<Sizes> {
    let data = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(Sizes {
        raw: data.len() as u64,
        gzip: compress::gzip(&data)?.len() as u64,
        brotli: compress::brotli(&data)?.len() as u64,
    })
}

fn render(date: &str, rows: &[(&str, Sizes)]) -> String {
    let line = |name: &str, s: Sizes| {
        format!(
            "{name:<16} {:>11} {:>11} {:>11}\n",
            thousands(s.raw),
            thousands(s.gzip),
            thousands(s.brotli)
        )
    };
    let mut out = format!("Progress Mentor bundle size (release, {date})\n");
    out.push_str(&format!(
        "{:<16} {:>11} {:>11} {:>11}\n",
        "", "raw", "gzip", "brotli"
    ));
    let mut shell = Sizes::default();
    for (name, sizes) in rows.iter().filter(|(name, _)| SHELL_GROUPS.contains(name)) {
        out.push_str(&line(name, *sizes));
        shell = shell.add(*sizes);
    }
    out.push_str(&line("total (shell)", shell));
    for (name, sizes) in rows.iter().filter(|(name, _)| !SHELL_GROUPS.contains(name)) {
        out.push_str(&line(name, *sizes));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_files_and_keeps_the_worker_out_of_the_shell_total() {
        assert_eq!(group("progress-mentor-1a2b_bg.wasm"), Some("wasm"));
        assert_eq!(group("progress-mentor-1a2b.js"), Some("js"));
        assert_eq!(group("sw.js"), Some("service worker"));
        assert_eq!(group("sw.js.br"), None);
        assert_eq!(group("index.html"), None);

        let s = |raw| Sizes {
            raw,
            gzip: raw / 2,
            brotli: raw / 4,
        };
        let table = render(
            "2026-11-23",
            &[
                ("wasm", s(300_000)),
                ("js", s(36_000)),
                ("css", s(4_000)),
                ("service worker", s(2_000)),
            ],
        );
        assert!(table.starts_with("Progress Mentor bundle size (release, 2026-11-23)\n"));
        assert!(
            table.contains("total (shell)        340,000     170,000      85,000\n"),
            "{table}"
        );
        assert!(
            table.ends_with("service worker         2,000       1,000         500\n"),
            "{table}"
        );
    }
}

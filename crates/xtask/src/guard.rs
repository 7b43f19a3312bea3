//! The dependency guard: mentor-core is shared by the browser app and the server, so it must
//! not pull in either side's runtime (UI, browser bindings, async runtime, web server, SQL).
//! Checked for the native and the wasm target, since target-specific dependencies differ.

use crate::tools::WASM_TARGET;
use crate::workspace::{Workspace, describe};
use anyhow::{Context, Result, bail};

const GUARDED_CRATE: &str = "mentor-core";

/// Packages mentor-core must never depend on; `leptos_*` is matched as a prefix.
const FORBIDDEN: &[&str] = &[
    "leptos",
    "web-sys",
    "wasm-bindgen",
    "tokio",
    "axum",
    "sqlx",
    "rusqlite",
];

fn is_forbidden(package: &str) -> bool {
    FORBIDDEN.contains(&package) || package.starts_with("leptos_")
}

/// The forbidden package names in `cargo tree --prefix none --format {p}` output, each once.
pub fn forbidden_in(tree: &str) -> Vec<String> {
    let mut found: Vec<String> = tree
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| is_forbidden(name))
        .map(str::to_owned)
        .collect();
    found.sort();
    found.dedup();
    found
}

pub fn check(ws: &Workspace) -> Result<()> {
    let mut problems = Vec::new();
    for target in [None, Some(WASM_TARGET)] {
        let mut command = ws.cargo(&[
            "tree",
            "-p",
            GUARDED_CRATE,
            "-e",
            "normal,build",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ]);
        let target_args: Vec<&str> = target.map(|t| vec!["--target", t]).unwrap_or_default();
        command.args(&target_args);
        println!("$ {}", describe(&command));
        let output = command
            .output()
            .with_context(|| format!("could not start `{}`", describe(&command)))?;
        if !output.status.success() {
            bail!(
                "`{}` failed: {}",
                describe(&command),
                String::from_utf8_lossy(&output.stderr).trim()
            );
        }
        let tree = String::from_utf8_lossy(&output.stdout);
        for package in forbidden_in(&tree) {
            let why = ["cargo tree -p", GUARDED_CRATE, "-i", &package]
                .into_iter()
                .chain(target_args.iter().copied())
                .collect::<Vec<_>>()
                .join(" ");
            problems.push(format!(
                "{GUARDED_CRATE} depends on `{package}` ({}); see why with `{why}`",
                target.unwrap_or("native")
            ));
        }
    }
    if problems.is_empty() {
        println!(
            "{GUARDED_CRATE} depends on none of: {}, leptos_*",
            FORBIDDEN.join(", ")
        );
        return Ok(());
    }
    for problem in &problems {
        eprintln!("guard: {problem}");
    }
    bail!(
        "{GUARDED_CRATE} must stay free of UI, browser, server and database crates: \
         move the code that needs them into the app or the server"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clean_core_passes() {
        let tree = "mentor-core v0.1.0 (/work/main/crates/core)\nserde v1.0.228\nserde_derive v1.0.228 (proc-macro)\nproc-macro2 v1.0.103\nserde v1.0.228 (*)\n";
        assert!(forbidden_in(tree).is_empty());
    }

    #[test]
    fn names_each_forbidden_package_once() {
        let tree = "mentor-core v0.1.0 (/work/main/crates/core)\ntokio v1.48.0\nleptos_reactive v0.8.2\nwasm-bindgen v0.2.130\nwasm-bindgen-shared v0.2.130\ntokio v1.48.0 (*)\njs-sys v0.3.80\n";
        assert_eq!(
            forbidden_in(tree),
            ["leptos_reactive", "tokio", "wasm-bindgen"]
        );
    }

    #[test]
    fn matches_whole_names_not_lookalikes() {
        assert!(forbidden_in("leptosish v1.0.0\ntokio-util v0.7.0\naxum-core v0.5.0\n").is_empty());
        assert_eq!(forbidden_in("leptos v0.8.0\n"), ["leptos"]);
    }
}

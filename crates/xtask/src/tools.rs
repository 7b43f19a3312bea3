//! `cargo xtask setup`: installs the tools the other tasks need, skipping what is already
//! there at the right version, so a second run is quick and a fresh CI machine still works.
//!
//! Why these pins: Trunk 0.22 needs a newer rustc than 1.95; the wasm-bindgen CLI must equal
//! Cargo.lock's wasm-bindgen exactly; Debian's binaryen (108) produces broken wasm for Rust 1.95
//! output, so wasm-opt comes from npm's binaryen 132; Chromium and chromedriver come from apt
//! because Playwright's own browser download is not reachable.

use crate::pins;
use crate::workspace::{BINARYEN_VERSION, Workspace, probe, run};
use anyhow::{Context, Result, bail};
use std::path::Path;
use std::time::SystemTime;

pub const TRUNK_VERSION: &str = "0.21.14";
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// What the task at hand needs installed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// Everything to build the PWA.
    Build,
    /// The build tools plus a browser and the e2e packages.
    Browser,
}

pub fn setup(ws: &Workspace, needs: Needs) -> Result<()> {
    wasm_target(ws)?;
    trunk(ws)?;
    let wasm_bindgen = pins::wasm_bindgen_version(&ws.root)?;
    wasm_bindgen_cli(ws, &wasm_bindgen)?;
    pins::check_trunk_pin(&ws.root, "wasm_bindgen", &wasm_bindgen)?;
    wasm_opt(ws)?;
    pins::check_trunk_pin(&ws.root, "wasm_opt", &format!("version_{BINARYEN_VERSION}"))?;
    if needs == Needs::Browser {
        chromium(ws)?;
        e2e_packages(ws)?;
    }
    Ok(())
}

/// Whether a `--version` output names exactly `version` (so 0.21.14 does not match 0.21.140).
pub fn names_version(output: &str, version: &str) -> bool {
    output
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
        .any(|word| word == version)
}

fn wasm_target(ws: &Workspace) -> Result<()> {
    let installed = probe(ws.command("rustup").args(["target", "list", "--installed"])).context(
        "`rustup target list --installed` failed: this project needs rustup (https://rustup.rs)",
    )?;
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        println!("{WASM_TARGET} target: ok");
        return Ok(());
    }
    println!("{WASM_TARGET} target: installing");
    run(ws.command("rustup").args(["target", "add", WASM_TARGET]))
        .context("could not add the wasm target; check the network and rerun `cargo xtask setup`")
}

fn trunk(ws: &Workspace) -> Result<()> {
    let installed = || probe(ws.command("trunk").arg("--version"));
    if installed().is_some_and(|out| names_version(&out, TRUNK_VERSION)) {
        println!("trunk {TRUNK_VERSION}: ok");
        return Ok(());
    }
    println!("trunk {TRUNK_VERSION}: installing (cargo install, about 8 minutes)");
    run(&mut ws.cargo(&["install", "trunk", "--version", TRUNK_VERSION, "--locked"]))
        .context("installing Trunk failed; check the network and rerun `cargo xtask setup`")?;
    verify("trunk", TRUNK_VERSION, installed(), |out| {
        names_version(out, TRUNK_VERSION)
    })
}

fn wasm_bindgen_cli(ws: &Workspace, version: &str) -> Result<()> {
    let installed = || {
        let cli = probe(ws.command("wasm-bindgen").arg("--version"))?;
        let runner = probe(ws.command("wasm-bindgen-test-runner").arg("--version"))?;
        Some(format!("{cli}{runner}"))
    };
    let matches = |out: &str| {
        out.lines()
            .all(|line| line.trim().is_empty() || names_version(line, version))
    };
    if installed().is_some_and(|out| matches(&out)) {
        println!("wasm-bindgen-cli {version}: ok");
        return Ok(());
    }
    println!("wasm-bindgen-cli {version}: installing (cargo install, about 5 minutes)");
    // No --locked: the CLI's own lock file names a yanked crate and would fail.
    run(&mut ws.cargo(&["install", "wasm-bindgen-cli", "--version", version])).context(
        "installing wasm-bindgen-cli failed; check the network and rerun `cargo xtask setup`",
    )?;
    verify("wasm-bindgen", version, installed(), matches)
}

fn wasm_opt(ws: &Workspace) -> Result<()> {
    let prefix = ws.binaryen_prefix();
    let wasm_opt = prefix.join("node_modules/.bin/wasm-opt");
    let installed = || probe(ws.command(&wasm_opt).arg("--version"));
    if installed().is_some_and(|out| names_version(&out, BINARYEN_VERSION)) {
        println!("wasm-opt (binaryen {BINARYEN_VERSION}): ok");
        return Ok(());
    }
    println!(
        "wasm-opt (binaryen {BINARYEN_VERSION}): installing into {}",
        prefix.display()
    );
    if probe(ws.command("npm").arg("--version")).is_none() {
        bail!("npm is not installed: install Node.js 20 or newer (it brings npm), then rerun");
    }
    std::fs::create_dir_all(&prefix)
        .with_context(|| format!("cannot create {}; check its permissions", prefix.display()))?;
    let package = format!("binaryen@{BINARYEN_VERSION}");
    run(ws
        .command("npm")
        .args([
            "install",
            "--no-save",
            "--no-audit",
            "--no-fund",
            "--prefix",
        ])
        .arg(&prefix)
        .arg(&package))
    .with_context(|| format!("installing npm {package} failed; check the network and rerun"))?;
    verify("wasm-opt", BINARYEN_VERSION, installed(), |out| {
        names_version(out, BINARYEN_VERSION)
    })
}

/// Checks a freshly installed tool, so a stale copy earlier on PATH is reported, not used.
fn verify(
    tool: &str,
    version: &str,
    found: Option<String>,
    accept: impl Fn(&str) -> bool,
) -> Result<()> {
    match found {
        Some(out) if accept(&out) => Ok(()),
        Some(out) => bail!(
            "after installing, `{tool} --version` says `{}`, not {version}: another {tool} earlier on PATH? \
             Remove it or put ~/.cargo/bin first",
            out.trim()
        ),
        None => bail!(
            "{tool} {version} was installed but does not run: check that ~/.cargo/bin is on PATH and rerun"
        ),
    }
}

fn chromium(ws: &Workspace) -> Result<()> {
    if Path::new(CHROMIUM).is_file() && Path::new(CHROMEDRIVER).is_file() {
        println!("chromium + chromedriver: ok");
        return Ok(());
    }
    println!("chromium + chromedriver: installing with apt-get");
    let is_root = probe(ws.command("id").arg("-u")).is_some_and(|uid| uid.trim() == "0");
    let apt_get = |args: &[&str]| {
        let mut command = if is_root {
            ws.command("apt-get")
        } else {
            let mut sudo = ws.command("sudo");
            sudo.arg("apt-get");
            sudo
        };
        command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        command
    };
    if !is_root && probe(ws.command("sudo").arg("--version")).is_none() {
        bail!(
            "Chromium is missing and installing it needs root: run `apt-get install -y chromium chromium-driver` \
             as root (or install sudo), so that {CHROMIUM} and {CHROMEDRIVER} exist"
        );
    }
    let hint = "installing Chromium failed: on a non-Debian system install Chromium and a matching chromedriver \
                so that /usr/bin/chromium and /usr/bin/chromedriver exist";
    run(&mut apt_get(&["update"])).context(hint)?;
    run(&mut apt_get(&[
        "install",
        "-y",
        "chromium",
        "chromium-driver",
    ]))
    .context(hint)?;
    if !(Path::new(CHROMIUM).is_file() && Path::new(CHROMEDRIVER).is_file()) {
        bail!("apt-get finished but {CHROMIUM} or {CHROMEDRIVER} is still missing; {hint}");
    }
    Ok(())
}

fn e2e_packages(ws: &Workspace) -> Result<()> {
    let e2e = ws.path("e2e");
    if !npm_ci_needed(&e2e)? {
        println!("e2e npm packages: ok");
        return Ok(());
    }
    println!("e2e npm packages: installing (npm ci)");
    run(ws
        .command("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(&e2e))
    .context("`npm ci` in e2e/ failed: check the network, and that package.json and package-lock.json agree")
}

/// Whether e2e/node_modules is missing or older than e2e/package-lock.json (npm writes
/// node_modules/.package-lock.json on every install).
fn npm_ci_needed(e2e: &Path) -> Result<bool> {
    let lock = e2e.join("package-lock.json");
    let lock_time = modified(&lock).with_context(|| {
        format!(
            "{} is missing: run `npm install` in e2e/ once and commit the lock file",
            lock.display()
        )
    })?;
    let installed = e2e.join("node_modules/.package-lock.json");
    Ok(!modified(&installed).is_ok_and(|installed_time| installed_time >= lock_time))
}

fn modified(path: &Path) -> Result<SystemTime> {
    Ok(std::fs::metadata(path)?.modified()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn npm_ci_runs_when_node_modules_is_missing_or_older_than_the_lock() {
        let e2e = std::env::temp_dir().join(format!("xtask-e2e-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&e2e);
        std::fs::create_dir_all(e2e.join("node_modules")).unwrap();
        assert!(npm_ci_needed(&e2e).is_err(), "no lock file is an error");

        let lock = e2e.join("package-lock.json");
        let installed = e2e.join("node_modules/.package-lock.json");
        std::fs::write(&lock, "{}").unwrap();
        assert!(npm_ci_needed(&e2e).unwrap(), "never installed");

        std::fs::write(&installed, "{}").unwrap();
        let set_mtime = |path: &Path, secs: u64| {
            let time = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(secs);
            std::fs::File::options()
                .write(true)
                .open(path)
                .unwrap()
                .set_modified(time)
                .unwrap();
        };
        set_mtime(&lock, 1_000);
        set_mtime(&installed, 2_000);
        assert!(
            !npm_ci_needed(&e2e).unwrap(),
            "installed after the lock changed"
        );
        set_mtime(&lock, 3_000);
        assert!(
            npm_ci_needed(&e2e).unwrap(),
            "lock changed since the install"
        );
        std::fs::remove_dir_all(&e2e).unwrap();
    }

    #[test]
    fn version_must_match_a_whole_word() {
        assert!(names_version("trunk 0.21.14\n", "0.21.14"));
        assert!(!names_version("trunk 0.21.140", "0.21.14"));
        assert!(!names_version("trunk 0.22.0", "0.21.14"));
        assert!(names_version("wasm-opt version 132 (version_132)", "132"));
        assert!(!names_version("wasm-opt version 108", "132"));
    }
}

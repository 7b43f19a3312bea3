//! Where the repository is, and how child processes are started from it.
//!
//! Every child runs in the repository root with a `PATH` that puts the pinned wasm-opt and
//! cargo's install directory first, so tools installed by `setup` are found even when the
//! developer's shell has not picked them up (and an older wasm-opt elsewhere is not).

use anyhow::{Context, Result, bail};
use std::ffi::{OsStr, OsString};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};

/// The binaryen release whose `wasm-opt` Trunk.toml pins (`version_132`).
pub const BINARYEN_VERSION: &str = "132";

/// The repository and the environment its tasks run in.
pub struct Workspace {
    pub root: PathBuf,
    /// `$XDG_CACHE_HOME/progress-mentor` (or `~/.cache/progress-mentor`).
    pub cache: PathBuf,
    search_path: OsString,
}

impl Workspace {
    pub fn locate() -> Result<Self> {
        // xtask always lives at crates/xtask, so the root is two levels up.
        let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let root = manifest_dir
            .join("../..")
            .canonicalize()
            .with_context(|| {
                format!(
                    "cannot find the repository root above {}; run xtask through `cargo xtask` from a checkout",
                    manifest_dir.display()
                )
            })?;
        if !root.join("Cargo.lock").is_file() {
            bail!(
                "no Cargo.lock in {}: run `cargo generate-lockfile` there, or run `cargo xtask` from the repository",
                root.display()
            );
        }
        let home = std::env::var_os("HOME").filter(|h| !h.is_empty());
        let cache_home = match std::env::var_os("XDG_CACHE_HOME").filter(|c| !c.is_empty()) {
            Some(dir) => PathBuf::from(dir),
            None => match &home {
                Some(home) => Path::new(home).join(".cache"),
                None => {
                    bail!("neither XDG_CACHE_HOME nor HOME is set: set one so tools can be cached")
                }
            },
        };
        let cargo_home = match (std::env::var_os("CARGO_HOME"), &home) {
            (Some(dir), _) if !dir.is_empty() => PathBuf::from(dir),
            (_, Some(home)) => Path::new(home).join(".cargo"),
            _ => bail!(
                "neither CARGO_HOME nor HOME is set: set one so cargo-installed tools are found"
            ),
        };
        let cache = cache_home.join("progress-mentor");
        let mut dirs = vec![binaryen_bin(&cache), cargo_home.join("bin")];
        dirs.extend(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        ));
        let search_path = std::env::join_paths(dirs)
            .context("a PATH entry contains ':'; remove it from PATH and rerun")?;
        Ok(Self {
            root,
            cache,
            search_path,
        })
    }

    /// A path inside the repository.
    pub fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    /// Cargo's target directory (honours `CARGO_TARGET_DIR` and `build.target-dir`).
    pub fn target_dir(&self) -> Result<PathBuf> {
        let mut command = self.cargo(&["metadata", "--format-version", "1", "--no-deps"]);
        let output = command
            .stderr(Stdio::inherit())
            .output()
            .with_context(|| not_started(&command))?;
        if !output.status.success() {
            bail!("`{}` failed; see its message above", describe(&command));
        }
        let metadata: serde_json::Value = serde_json::from_slice(&output.stdout)
            .context("`cargo metadata` printed something other than JSON")?;
        let dir = metadata
            .get("target_directory")
            .and_then(serde_json::Value::as_str)
            .context("`cargo metadata` did not report a target_directory")?;
        Ok(PathBuf::from(dir))
    }

    /// The release server binary `cargo build --release -p mentor-server` produces.
    pub fn server_binary(&self) -> Result<PathBuf> {
        Ok(self.target_dir()?.join("release").join("mentor-server"))
    }

    /// `npm`'s prefix for the pinned binaryen.
    pub fn binaryen_prefix(&self) -> PathBuf {
        self.cache.join(format!("binaryen-{BINARYEN_VERSION}"))
    }

    /// `program`, started in the repository root with the tool `PATH`.
    pub fn command(&self, program: impl AsRef<OsStr>) -> Command {
        let mut command = Command::new(program);
        command
            .current_dir(&self.root)
            .env("PATH", &self.search_path);
        command
    }

    pub fn cargo(&self, args: &[&str]) -> Command {
        let mut command = self.command("cargo");
        command.args(args);
        command
    }
}

fn binaryen_bin(cache: &Path) -> PathBuf {
    cache
        .join(format!("binaryen-{BINARYEN_VERSION}"))
        .join("node_modules")
        .join(".bin")
}

/// The command line as a developer would type it (for logs and error messages).
pub fn describe(command: &Command) -> String {
    std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(|part| part.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Runs `command` with inherited stdio and returns how it ended.
pub fn status(command: &mut Command) -> Result<ExitStatus> {
    println!("$ {}", describe(command));
    command.status().with_context(|| not_started(command))
}

/// Runs `command` with inherited stdio and fails unless it succeeds.
pub fn run(command: &mut Command) -> Result<()> {
    let status = status(command)?;
    if !status.success() {
        bail!(
            "`{}` failed ({status}); see its output above",
            describe(command)
        );
    }
    Ok(())
}

/// Runs `command` quietly and returns its stdout, or `None` if it is missing or fails.
/// Used for version probes, where "not there" and "broken" both mean "install it".
pub fn probe(command: &mut Command) -> Option<String> {
    let output = command.stdin(Stdio::null()).output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Runs `command`, echoing its stdout line by line as it arrives while keeping a copy to parse.
/// Stderr (cargo's progress) goes straight to the terminal.
pub fn run_tee(command: &mut Command) -> Result<(ExitStatus, String)> {
    println!("$ {}", describe(command));
    let mut child = command
        .stdout(Stdio::piped())
        .spawn()
        .with_context(|| not_started(command))?;
    let mut captured = String::new();
    if let Some(stdout) = child.stdout.take() {
        let mut reader = BufReader::new(stdout);
        let mut line = Vec::new();
        let mut terminal = std::io::stdout();
        loop {
            line.clear();
            let read = reader
                .read_until(b'\n', &mut line)
                .context("reading a child's output failed")?;
            if read == 0 {
                break;
            }
            // The echo is best effort: a closed terminal must not stop the run.
            let _ = terminal.write_all(&line).and_then(|()| terminal.flush());
            captured.push_str(&String::from_utf8_lossy(&line));
        }
    }
    let status = child
        .wait()
        .with_context(|| format!("waiting for `{}` failed", describe(command)))?;
    Ok((status, captured))
}

fn not_started(command: &Command) -> String {
    format!(
        "could not start `{}`: is `{}` installed and on PATH? `cargo xtask setup` installs the project's tools",
        describe(command),
        command.get_program().to_string_lossy()
    )
}

//! `cargo xtask …`: the one entry point for every project task, and the one CI calls
//! (`.ci/run` is `cargo xtask test`). Each task installs what it needs first.

mod bench;
mod bench_capture;
mod bench_import;
mod bench_register;
mod bench_search;
mod bench_sync;
mod bench_unlock;
mod compress;
mod dist;
mod guard;
mod pins;
mod summary;
mod test;
mod tools;
mod workspace;

use anyhow::{Context, Result, bail};
use std::process::ExitCode;
use tools::Needs;
use workspace::{Workspace, run, status};

const USAGE: &str = "\
Usage: cargo xtask <task>

Tasks:
  setup               install the build tools (skips what is present); `test` also
                      installs Chromium, chromedriver and the e2e npm packages
  build               build the PWA into dist/ (release) and finish it for offline use
  run [-- <args>]     build, then serve dist/ with mentor-server, data in ./data,
                      seeding the demo school on first start
                      (<args> go to the server, e.g. --addr 0.0.0.0:8080)
  test                every check CI runs: fmt, dependency guard, clippy (native and
                      wasm32), unit tests, browser tests, Playwright end-to-end tests
  bench size          build, then print the bundle size (raw, gzip, brotli);
                      `bench size --detail` also lists the largest functions and
                      generics (needs twiggy: `cargo install twiggy`)
  bench sync          build the server, then time pushes and pulls against it
  bench import        build the server, then time previewing and importing a
                      5,000-student MIS export (and importing it again)
  bench search        build the app and server, import 2,000 students, then time
                      the Students page's search in Chromium (in-page measures)
  bench unlock        the same set-up, then time unlocking with the PIN to the first
                      screen with data (in-page measures)
  bench capture       the demo school with 2,000 and then 50,000 lesson notes: time a
                      lesson note from the tag's tap to committed and its tile updated,
                      beside a raw IndexedDB put (in-page measures)
  bench register      the demo school with a 200-student group: time opening its
                      register and each mark's tap, and a trip roll call's taps, on a
                      phone (in-page measures)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match dispatch(&args) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("\nerror: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn dispatch(args: &[&str]) -> Result<ExitCode> {
    let ws = Workspace::locate()?;
    match args {
        [] | ["help" | "-h" | "--help"] => {
            print!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        ["setup"] => {
            tools::setup(&ws, Needs::Build)?;
            Ok(ExitCode::SUCCESS)
        }
        ["build"] => {
            tools::setup(&ws, Needs::Build)?;
            dist::build(&ws)?;
            Ok(ExitCode::SUCCESS)
        }
        ["run", rest @ ..] => serve(&ws, rest.strip_prefix(&["--"]).unwrap_or(rest)),
        ["test"] => test::test(&ws),
        ["bench", "size", rest @ ..] => {
            let detail = match rest {
                [] => false,
                ["--detail"] => true,
                _ => bail!("`bench size` takes only `--detail`"),
            };
            tools::setup(&ws, Needs::Build)?;
            bench::size(&ws, detail)?;
            Ok(ExitCode::SUCCESS)
        }
        ["bench", "sync"] => {
            bench_sync::sync(&ws)?;
            Ok(ExitCode::SUCCESS)
        }
        ["bench", "import"] => {
            bench_import::import(&ws)?;
            Ok(ExitCode::SUCCESS)
        }
        ["bench", "search"] => {
            bench_search::search(&ws)?;
            Ok(ExitCode::SUCCESS)
        }
        ["bench", "unlock"] => {
            bench_unlock::unlock(&ws)?;
            Ok(ExitCode::SUCCESS)
        }
        ["bench", "capture"] => {
            bench_capture::capture(&ws)?;
            Ok(ExitCode::SUCCESS)
        }
        ["bench", "register"] => {
            bench_register::register(&ws)?;
            Ok(ExitCode::SUCCESS)
        }
        ["bench", ..] => bail!(
            "unknown benchmark: there are `bench size`, `bench sync`, `bench import`, `bench search`, `bench unlock`, `bench capture` and `bench register`"
        ),
        [task, ..] => bail!("unknown task `{task}`\n\n{USAGE}"),
    }
}

/// Builds everything, then runs the server in the foreground and exits with its exit code.
fn serve(ws: &Workspace, server_args: &[&str]) -> Result<ExitCode> {
    tools::setup(ws, Needs::Build)?;
    dist::build(ws)?;
    run(&mut ws.cargo(&["build", "--release", "-p", "mentor-server"]))
        .context("building mentor-server failed; the compiler's message above says why")?;
    let data = ws.path("data");
    std::fs::create_dir_all(&data)
        .with_context(|| format!("cannot create {}; check its permissions", data.display()))?;
    let exit = status(
        ws.command(ws.server_binary()?)
            .args(["--dist", "dist", "--data-dir", "data", "--demo"])
            .args(server_args),
    )?;
    // A server stopped by a signal has no code; report that as a failure.
    let code = exit
        .code()
        .and_then(|code| u8::try_from(code).ok())
        .unwrap_or(1);
    Ok(ExitCode::from(code))
}

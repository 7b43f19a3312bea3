//! `cargo xtask bench import`: how fast the release server previews and imports an MIS
//! export of 5,000 students, and how long importing the same file again (which writes nothing)
//! takes.
//!
//! The server runs on loopback with a fresh data directory and the demo school, and the file
//! goes through the API as the demo admin would send it. Times are on the wire, from sending
//! the request (already serialized) to having read the reply. Also the helpers the search
//! benchmark shares: the demo server, the admin's client and the invented CSV.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, bail, ensure};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use mentor_core::DeviceId;
use mentor_core::validation::upn_check_letter;
use serde_json::{Value, json};

use crate::dist::thousands;
use crate::workspace::{Workspace, run};

const IMPORT_ROWS: usize = 5_000;
pub(crate) const ADMIN_EMAIL: &str = "sam.okaforlind@northfield.example";
pub(crate) const ADMIN_PASSWORD: &str = "demo-password-1";

pub fn import(ws: &Workspace) -> Result<()> {
    run(&mut ws.cargo(&["build", "--release", "-p", "mentor-server"]))
        .context("building mentor-server failed; the compiler's message above says why")?;
    let server = DemoServer::start(&ws.server_binary()?, None, "import")?;
    let admin = Admin::sign_in(&server.base)?;
    let csv = students_csv(IMPORT_ROWS);
    println!(
        "bench import: {} students, {} KiB of CSV, against {}",
        thousands(IMPORT_ROWS as u64),
        csv.len() / 1024,
        server.base
    );
    let body = import_body(&csv);

    let (preview_time, preview) = admin.post("/api/v1/import/students/preview", &body)?;
    let preview: Value = serde_json::from_str(&preview).context("the preview is not JSON")?;
    let bad = preview["bad_rows"].as_array().map_or(0, Vec::len);
    ensure!(
        preview["file_error"].is_null() && bad == 0,
        "the generated file has problems: {} {bad} bad rows, first {}",
        preview["file_error"],
        preview["bad_rows"][0]
    );
    ensure!(
        preview["create"] == json!(IMPORT_ROWS),
        "the preview would create {} students, not {IMPORT_ROWS}",
        preview["create"]
    );

    let (commit_time, first) = commit(&admin, &body)?;
    ensure!(
        first == (IMPORT_ROWS, 0, 0),
        "the import created, updated, left {first:?}"
    );
    let (again_time, second) = commit(&admin, &body)?;
    ensure!(
        second == (0, 0, IMPORT_ROWS),
        "importing the same file again created, updated, left {second:?}"
    );

    println!();
    for (label, time) in [
        ("preview", preview_time),
        ("commit (new students)", commit_time),
        ("commit again (no changes)", again_time),
    ] {
        println!(
            "{label:<27} {:>8.0} ms  {:>8.0} rows/s",
            time.as_secs_f64() * 1000.0,
            rows_per_second(IMPORT_ROWS, time)
        );
    }
    Ok(())
}

fn rows_per_second(rows: usize, time: Duration) -> f64 {
    rows as f64 / time.as_secs_f64().max(1e-9)
}

/// Commits `body` and returns the time and (created, updated, unchanged).
fn commit(admin: &Admin, body: &str) -> Result<(Duration, (usize, usize, usize))> {
    let (time, reply) = admin.post("/api/v1/import/students/commit", body)?;
    let reply: Value = serde_json::from_str(&reply).context("the commit reply is not JSON")?;
    let count = |name: &str| {
        reply[name]
            .as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .with_context(|| format!("the commit reply has no {name}: {reply}"))
    };
    Ok((
        time,
        (count("created")?, count("updated")?, count("unchanged")?),
    ))
}

/// Imports `count` invented students as the admin; fails unless every one is created.
pub(crate) fn import_students(admin: &Admin, count: usize) -> Result<()> {
    let body = import_body(&students_csv(count));
    let (_, created) = commit(admin, &body)?;
    ensure!(
        created == (count, 0, 0),
        "the import created, updated, left {created:?}"
    );
    Ok(())
}

/// The import request: the file as base64, no mapping (the SIMS headers are recognised).
fn import_body(csv: &str) -> String {
    json!({"csv": STANDARD.encode(csv.as_bytes()), "mapping": {}}).to_string()
}

const GIVEN: [&str; 40] = [
    "Amelia", "Oliver", "Isla", "Noah", "Ava", "Jack", "Mia", "Leo", "Freya", "Harry", "Ivy",
    "Oscar", "Grace", "Arthur", "Sophia", "Muhammad", "Ella", "George", "Evie", "Theo", "Poppy",
    "Jacob", "Lily", "Alfie", "Rosie", "Ethan", "Daisy", "Zain", "Aisha", "Reuben", "Maya",
    "Callum", "Niamh", "Kai", "Zara", "Rhys", "Layla", "Finley", "Hannah", "Jamal",
];

const FAMILY: [&str; 50] = [
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel",
    "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall",
    "Thomas", "Clarke", "Jackson", "Wood", "Harris", "Edwards", "Turner", "Martin", "Cooper",
    "Hill", "Ward", "Hughes", "Moore", "Clark", "King", "Harrison", "Lewis", "Baker", "Lee",
    "Allen", "Morris", "Khan", "Scott", "Watson", "Davis", "Parker", "James", "Bennett", "Young",
    "Phillips", "Begum", "Shaw",
];

/// An invented SIMS-style export of `count` students in Years 7 to 11, forms A to F, with
/// valid UPNs (a made-up LA and school number, distinct from the demo school's).
pub(crate) fn students_csv(count: usize) -> String {
    let mut csv = String::from(
        "UPN,Legal Surname,Legal Forename,Preferred Forename,Year,Reg Group,SEN Status\n",
    );
    for n in 0..count {
        let rest = format!("9365015{:02}{:03}", 20 + n / 1000, n % 1000);
        let letter = upn_check_letter(&rest).unwrap_or('A');
        let given = GIVEN[n % GIVEN.len()];
        let family = FAMILY[(n / GIVEN.len() + n * 7) % FAMILY.len()];
        let preferred = if n % 23 == 0 { &given[..3] } else { "" };
        let year = 7 + n % 5;
        let form = char::from(b'A' + u8::try_from((n / 5) % 6).unwrap_or(0));
        let sen = match n % 40 {
            0 => "E",
            n if n % 7 == 0 => "K",
            _ => "N",
        };
        csv.push_str(&format!(
            "{letter}{rest},{family},{given},{preferred},{year},{year}{form},{sen}\n"
        ));
    }
    csv
}

/// A demo account (the admin, unless another is named) signed in on a new device.
pub(crate) struct Admin {
    agent: ureq::Agent,
    base: String,
    token: String,
    /// The device it signed in on.
    pub(crate) device: DeviceId,
    /// The signed-in member of staff's id.
    pub(crate) staff_id: String,
}

impl Admin {
    pub(crate) fn sign_in(base: &str) -> Result<Self> {
        Self::sign_in_as(base, ADMIN_EMAIL)
    }

    /// Signs the demo account `email` in on a new device.
    pub(crate) fn sign_in_as(base: &str, email: &str) -> Result<Self> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(300)))
            .build()
            .into();
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .context("the system clock is before 1970")?;
        let ms = u64::try_from(nanos.as_millis()).context("the clock is far in the future")?;
        let mut random = [0u8; 10];
        random[2..].copy_from_slice(&u64::from(nanos.subsec_nanos()).to_be_bytes());
        let device = DeviceId::from_time_and_random(ms, random).context("no device id")?;
        let body = json!({"email": email, "password": ADMIN_PASSWORD,
            "device_id": device.to_string(), "device_label": "Bench import"});
        let mut admin = Self {
            agent,
            base: base.to_owned(),
            token: String::new(),
            device,
            staff_id: String::new(),
        };
        let (_, reply) = admin.post("/api/v1/auth/sign-in", &body.to_string())?;
        let reply: Value = serde_json::from_str(&reply)
            .with_context(|| format!("the sign-in reply is not JSON: {reply}"))?;
        admin.token = reply["token"]
            .as_str()
            .with_context(|| format!("the sign-in reply has no token: {reply}"))?
            .to_owned();
        admin.staff_id = reply["staff"]["id"].as_str().unwrap_or_default().to_owned();
        Ok(admin)
    }

    /// POSTs `body` and returns the time to the end of the reply and the `200` reply's text.
    pub(crate) fn post(&self, path: &str, body: &str) -> Result<(Duration, String)> {
        let url = format!("{}{path}", self.base);
        let mut request = self.agent.post(&url).content_type("application/json");
        if !self.token.is_empty() {
            request = request.header("Authorization", &format!("Bearer {}", self.token));
        }
        let started = Instant::now();
        let mut response = request
            .send(body)
            .with_context(|| format!("no answer from {url}; did the server stop?"))?;
        let text = response
            .body_mut()
            .with_config()
            .limit(64 << 20)
            .read_to_string()
            .with_context(|| format!("cannot read the reply from {url}"))?;
        let time = started.elapsed();
        let status = response.status().as_u16();
        ensure!(status == 200, "{path} answered {status}: {text}");
        Ok((time, text))
    }
}

/// The release server with `--demo` on a free loopback port and a fresh data directory,
/// serving a copy of `dist` if given (so rebuilding the app meanwhile changes nothing under
/// it); killed and its directory removed on drop.
pub(crate) struct DemoServer {
    child: Child,
    // Kept open: the server must not get a broken pipe when it prints the demo sign-ins.
    _stdout: BufReader<ChildStdout>,
    pub(crate) base: String,
    pub(crate) data_dir: PathBuf,
}

impl DemoServer {
    pub(crate) fn start(binary: &Path, dist: Option<&Path>, label: &str) -> Result<Self> {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let data_dir = std::env::temp_dir().join(format!(
            "mentor-bench-{label}-{}-{nanos}",
            std::process::id()
        ));
        std::fs::create_dir_all(&data_dir)
            .with_context(|| format!("cannot create {}", data_dir.display()))?;
        let log = std::fs::File::create(data_dir.join("server.log"))
            .context("cannot create the server's log file")?;
        let served = data_dir.join("dist");
        if let Some(dist) = dist {
            copy_dir(dist, &served)?;
        }
        let mut child = Command::new(binary)
            .arg("--data-dir")
            .arg(&data_dir)
            .args(["--addr", "127.0.0.1:0", "--demo", "--dist"])
            .arg(&served)
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .with_context(|| format!("cannot start {}", binary.display()))?;
        let Some(stdout) = child.stdout.take() else {
            bail!("the server's stdout was not captured")
        };
        let mut server = Self {
            child,
            _stdout: BufReader::new(stdout),
            base: String::new(),
            data_dir,
        };
        let mut first_line = String::new();
        server
            ._stdout
            .read_line(&mut first_line)
            .context("cannot read the server's first line")?;
        let Some(url) = first_line
            .trim()
            .strip_prefix("Progress Mentor is running at ")
        else {
            let log = std::fs::read_to_string(server.data_dir.join("server.log"));
            bail!(
                "the server did not start: {}",
                log.unwrap_or_default().trim()
            );
        };
        server.base = url.trim_end_matches('/').to_owned();
        Ok(server)
    }
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to).with_context(|| format!("cannot create {}", to.display()))?;
    let entries =
        std::fs::read_dir(from).with_context(|| format!("cannot read {}", from.display()))?;
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot read {}", from.display()))?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)
                .with_context(|| format!("cannot copy {}", entry.path().display()))?;
        }
    }
    Ok(())
}

impl Drop for DemoServer {
    fn drop(&mut self) {
        // Best effort: the process may already have exited, and a leftover directory in the
        // temp dir does no harm.
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.data_dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mentor_core::validation::check_upn;
    use std::collections::HashSet;

    #[test]
    fn the_invented_file_has_distinct_valid_upns() {
        let csv = students_csv(5_000);
        let upns: HashSet<&str> = csv
            .lines()
            .skip(1)
            .map(|line| line.split(',').next().unwrap_or_default())
            .collect();
        assert_eq!(upns.len(), 5_000);
        for upn in upns {
            check_upn(upn).unwrap();
        }
    }
}

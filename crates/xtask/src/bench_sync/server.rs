//! The release server the benchmark runs against, and the HTTP client of one device.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, bail, ensure};
use mentor_core::DeviceId;
use serde_json::json;

use super::report::Timing;
use super::{BENCH_ACCOUNTS, PASSWORD};

/// A signed-in device.
pub(super) struct Client {
    pub(super) agent: ureq::Agent,
    pub(super) base: String,
    pub(super) token: String,
}

impl Client {
    pub(super) fn sign_in(base: &str, device: DeviceId, email: &str) -> Result<Self> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(120)))
            .build()
            .into();
        let body = json!({"email": email, "password": PASSWORD,
            "device_id": device.to_string(), "device_label": "Bench device"});
        let reply = send(
            &agent,
            &format!("{base}/api/v1/auth/sign-in"),
            None,
            &body.to_string(),
        )?;
        ensure!(
            reply.status == 200,
            "sign-in failed ({}): {}",
            reply.status,
            reply.text
        );
        let token = serde_json::from_str::<serde_json::Value>(&reply.text)
            .ok()
            .and_then(|value| value["token"].as_str().map(str::to_owned))
            .with_context(|| format!("the sign-in reply has no token: {}", reply.text))?;
        Ok(Self {
            agent,
            base: base.to_owned(),
            token,
        })
    }

    /// POSTs `body` to `path` and returns the `200` reply's text; waits out `429`s.
    pub(super) fn post(&self, path: &str, body: &str, timing: &mut Timing) -> Result<String> {
        let url = format!("{}{path}", self.base);
        loop {
            let started = Instant::now();
            let reply = send(&self.agent, &url, Some(&self.token), body)?;
            let latency = started.elapsed();
            match reply.status {
                200 => {
                    timing.latencies.push(latency);
                    return Ok(reply.text);
                }
                429 => {
                    let wait = Duration::from_secs(reply.retry_after.unwrap_or(1));
                    std::thread::sleep(wait);
                    timing.waited += latency + wait;
                    timing.refused += 1;
                }
                status => bail!("{path} answered {status}: {}", reply.text),
            }
        }
    }
}

pub(super) struct Reply {
    pub(super) status: u16,
    pub(super) retry_after: Option<u64>,
    pub(super) text: String,
}

pub(super) fn send(
    agent: &ureq::Agent,
    url: &str,
    token: Option<&str>,
    body: &str,
) -> Result<Reply> {
    let mut request = agent.post(url).content_type("application/json");
    if let Some(token) = token {
        request = request.header("Authorization", &format!("Bearer {token}"));
    }
    let mut response = request
        .send(body)
        .with_context(|| format!("no answer from {url}; did the server stop?"))?;
    let retry_after = response
        .headers()
        .get("retry-after")
        .and_then(|value| value.to_str().ok()?.parse().ok());
    let text = response
        .body_mut()
        .with_config()
        .limit(64 << 20)
        .read_to_string()
        .with_context(|| format!("cannot read the reply from {url}"))?;
    Ok(Reply {
        status: response.status().as_u16(),
        retry_after,
        text,
    })
}

/// The release server on a free port with a fresh data directory and one admin; killed and
/// its directory removed on drop.
pub(super) struct BenchServer {
    pub(super) child: Child,
    // Kept open: the server must not get a broken pipe if it prints again.
    pub(super) _stdout: BufReader<ChildStdout>,
    pub(super) base: String,
    pub(super) data_dir: TempDir,
}

impl BenchServer {
    pub(super) fn start(binary: &Path, label: &str) -> Result<Self> {
        let data_dir = TempDir::new(label)?;
        add_staff(binary, &data_dir.0)?;
        let log = std::fs::File::create(data_dir.0.join("server.log"))
            .context("cannot create the server's log file")?;
        let mut child = Command::new(binary)
            .arg("--data-dir")
            .arg(&data_dir.0)
            .args(["--addr", "127.0.0.1:0", "--dist"])
            .arg(data_dir.0.join("no-dist"))
            .env_remove("MENTOR_DEMO")
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
            let log = std::fs::read_to_string(server.data_dir.0.join("server.log"));
            bail!(
                "the server did not start: {}",
                log.unwrap_or_default().trim()
            );
        };
        server.base = url.trim_end_matches('/').to_owned();
        Ok(server)
    }

    /// The server's peak resident memory so far (`VmHWM`; Linux only).
    pub(super) fn peak_memory_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        vm_hwm_kib(&status)
    }
}

impl Drop for BenchServer {
    fn drop(&mut self) {
        // Best effort: the process may already have exited.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(super) fn add_staff(binary: &Path, data_dir: &Path) -> Result<()> {
    for account in 0..BENCH_ACCOUNTS {
        let output = Command::new(binary)
            .arg("--data-dir")
            .arg(data_dir)
            .arg("add-staff")
            .args(["--email", &format!("bench-{account}@school.example")])
            .args(["--name", &format!("Bench Admin {account}")])
            .args(["--role", "admin"])
            .env("MENTOR_STAFF_PASSWORD", PASSWORD)
            .output()
            .with_context(|| format!("cannot run {} add-staff", binary.display()))?;
        ensure!(
            output.status.success(),
            "add-staff failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(())
}

/// The `VmHWM` line of `/proc/<pid>/status`, in KiB.
pub(super) fn vm_hwm_kib(status: &str) -> Option<u64> {
    let line = status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?;
    line.trim().strip_suffix("kB")?.trim().parse().ok()
}

/// A directory under the system temp dir, removed on drop.
pub(super) struct TempDir(PathBuf);

impl TempDir {
    pub(super) fn new(label: &str) -> Result<Self> {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let name = format!("mentor-bench-sync-{}-{label}-{nanos}", std::process::id());
        let path = std::env::temp_dir().join(name);
        std::fs::create_dir_all(&path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        Ok(Self(path))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        // Best effort: a leftover directory in the temp dir does no harm.
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_peak_memory_from_proc_status() {
        let status = "Name:\tmentor-server\nVmPeak:\t  900000 kB\nVmHWM:\t   23456 kB\n";
        assert_eq!(vm_hwm_kib(status), Some(23_456));
        assert_eq!(vm_hwm_kib("Name:\tx\n"), None);
    }
}

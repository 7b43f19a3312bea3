//! The real `mentor-server` binary: start-up, the database file it creates, and the one clear
//! line it prints for each kind of bad start.

// An integration-test crate: its helpers are test code too, where a panic is the failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_mentor-server");

fn run_to_exit(data_dir: &Path, addr: &str) -> Output {
    Command::new(BIN)
        .args([
            "--data-dir",
            data_dir.to_str().unwrap(),
            "--addr",
            addr,
            "--dist",
            "/nonexistent",
        ])
        .env_remove("MENTOR_LOG")
        .output()
        .unwrap()
}

/// Exit status 1 and exactly one line on stderr that contains `needle`; no panic trace.
fn assert_one_clear_line(output: &Output, needle: &str) {
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<_> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "expected one line, got: {stderr}");
    assert!(lines[0].starts_with("mentor-server: "), "{stderr}");
    assert!(
        lines[0].contains(needle),
        "expected {needle:?} in: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn missing_data_directory() {
    let dir = tempfile::tempdir().unwrap();
    let output = run_to_exit(&dir.path().join("absent"), "127.0.0.1:0");
    assert_one_clear_line(&output, "does not exist");
    assert_one_clear_line(&output, "--data-dir");
}

#[test]
fn data_directory_that_is_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("data");
    std::fs::write(&file, b"").unwrap();
    assert_one_clear_line(&run_to_exit(&file, "127.0.0.1:0"), "is not a directory");
}

#[test]
fn unwritable_data_directory() {
    assert_one_clear_line(
        &run_to_exit(Path::new("/proc"), "127.0.0.1:0"),
        "is not writable",
    );
}

#[test]
fn corrupt_database_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("progress-mentor.sqlite3"),
        b"this is a spreadsheet, not a database".repeat(200),
    )
    .unwrap();
    let output = run_to_exit(dir.path(), "127.0.0.1:0");
    assert_one_clear_line(&output, "is not a valid Progress Mentor database");
    assert_one_clear_line(&output, "Restore it from a backup");
}

#[test]
fn port_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    assert_one_clear_line(&run_to_exit(dir.path(), &addr), "already in use");
}

struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn starts_creates_the_database_and_answers_over_tcp() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(BIN)
        .args([
            "--data-dir",
            dir.path().to_str().unwrap(),
            "--addr",
            "127.0.0.1:0",
            "--dist",
            "/nonexistent",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let running = Running(child);

    let mut first_line = String::new();
    BufReader::new(stdout).read_line(&mut first_line).unwrap();
    let url = first_line
        .trim()
        .strip_prefix("Progress Mentor is running at http://")
        .unwrap_or_else(|| panic!("unexpected first line: {first_line}"));
    let host_port = url.trim_end_matches('/');

    let mut stream = TcpStream::connect(host_port).unwrap();
    write!(
        stream,
        "GET /api/health HTTP/1.1\r\nHost: {host_port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    assert!(
        reply.contains(&format!(
            "\"schema_version\":{}",
            mentor_core::SCHEMA_VERSION
        )),
        "{reply}"
    );

    assert!(dir.path().join("progress-mentor.sqlite3").is_file());
    drop(running);
}

#[test]
fn backup_command_copies_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let level = {
        use mentor_server::Store;
        let store = mentor_server::SqliteStore::open_in(dir.path()).unwrap();
        store.schema_level().unwrap()
    };
    let target = dir.path().join("backup.sqlite3");
    let output = Command::new(BIN)
        .args([
            "--data-dir",
            dir.path().to_str().unwrap(),
            "backup",
            target.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let copy = mentor_server::SqliteStore::open(&target).unwrap();
    use mentor_server::Store;
    assert_eq!(copy.schema_level().unwrap(), level);
}

fn add_staff(data_dir: &Path, password: &str) -> Output {
    Command::new(BIN)
        .args(["--data-dir", data_dir.to_str().unwrap(), "add-staff"])
        .args([
            "--email",
            "q.ashdown@hollowmere.example",
            "--name",
            "Quill Ashdown",
        ])
        .args(["--role", "mentor"])
        .env("MENTOR_STAFF_PASSWORD", password)
        .output()
        .unwrap()
}

#[test]
fn add_staff_refuses_short_and_common_passwords_with_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    for short in ["", "x", "eleven char"] {
        assert_one_clear_line(
            &add_staff(dir.path(), short),
            "the password is too short: use at least 12 characters",
        );
    }
    assert_one_clear_line(
        &add_staff(dir.path(), "Password1234"),
        "the password is one of the most common passwords",
    );
    let added = add_staff(dir.path(), "heron lantern quietly");
    assert!(added.status.success(), "{added:?}");
}

//! `cargo xtask build`: the release PWA in `dist/`, finished for offline use.
//!
//! Trunk builds the app; then the service worker learns exactly which files to precache and a
//! build id that changes whenever any of them does (so an installed app updates), and every
//! text-like file gets `.br` and `.gz` siblings for the server to send as they are.

use crate::compress;
use crate::workspace::{Workspace, run};
use anyhow::{Context, Result, bail};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The service worker's placeholders, as JS literals (quotes and brackets included).
const BUILD_ID_PLACEHOLDER: &str = "\"__PM_BUILD_ID__\"";
const PRECACHE_PLACEHOLDER: &str = "[\"__PM_PRECACHE_URLS__\"]";
const SERVICE_WORKER: &str = "sw.js";
const COMPRESSED_EXTENSIONS: &[&str] = &[
    "html",
    "js",
    "mjs",
    "css",
    "wasm",
    "json",
    "webmanifest",
    "svg",
    "txt",
    "map",
];

pub fn build(ws: &Workspace) -> Result<()> {
    run(ws
        .command("trunk")
        .args(["build", "--release", "--offline"]))
    .context("the Trunk build failed; the compiler's or Trunk's message above says why")?;
    finish(&ws.path("dist"))
}

/// Rewrites the service worker's placeholders and writes precompressed siblings.
pub fn finish(dist: &Path) -> Result<()> {
    for stale in list_files(dist)?.iter().filter(|file| is_compressed(file)) {
        let path = dist.join(stale);
        std::fs::remove_file(&path)
            .with_context(|| format!("cannot remove stale {}", path.display()))?;
    }
    let files = list_files(dist)?;
    let precached: Vec<&str> = files
        .iter()
        .map(String::as_str)
        .filter(|file| is_precached(file))
        .collect();
    let mut contents = Vec::with_capacity(precached.len());
    for file in &precached {
        contents.push((*file, read(&dist.join(file))?));
    }
    let id = build_id(
        contents
            .iter()
            .map(|(file, bytes)| (*file, bytes.as_slice())),
    );

    let sw_path = dist.join(SERVICE_WORKER);
    let sw = std::fs::read_to_string(&sw_path).with_context(|| {
        format!(
            "cannot read {}: Trunk must copy public/sw.js to dist/sw.js (e.g. `<link data-trunk rel=\"copy-file\" href=\"public/sw.js\">` in index.html)",
            sw_path.display()
        )
    })?;
    let sw = fill_placeholders(&sw, &id, &precache_urls(&precached))?;
    std::fs::write(&sw_path, sw).with_context(|| format!("cannot write {}", sw_path.display()))?;

    for file in files.iter().filter(|file| wants_compression(file)) {
        let path = dist.join(file);
        let data = read(&path)?;
        write(&sibling(&path, "br"), &compress::brotli(&data)?)?;
        write(&sibling(&path, "gz"), &compress::gzip(&data)?)?;
    }
    print_listing(dist, &files, &id)
}

/// Every file under `dir` as a `/`-separated relative path, sorted.
pub fn list_files(dir: &Path) -> Result<Vec<String>> {
    let mut files = Vec::new();
    let mut pending = vec![PathBuf::new()];
    while let Some(relative) = pending.pop() {
        let absolute = dir.join(&relative);
        let entries = std::fs::read_dir(&absolute).with_context(|| {
            format!(
                "cannot list {}: run `cargo xtask build` to create it",
                absolute.display()
            )
        })?;
        for entry in entries {
            let entry = entry.with_context(|| format!("cannot list {}", absolute.display()))?;
            let path = relative.join(entry.file_name());
            if entry.file_type()?.is_dir() {
                pending.push(path);
            } else {
                let parts: Vec<_> = path
                    .components()
                    .map(|part| part.as_os_str().to_string_lossy().into_owned())
                    .collect();
                files.push(parts.join("/"));
            }
        }
    }
    files.sort();
    Ok(files)
}

fn is_compressed(file: &str) -> bool {
    file.ends_with(".br") || file.ends_with(".gz")
}

/// Whether the service worker should precache `file` (a path relative to dist).
pub fn is_precached(file: &str) -> bool {
    file != SERVICE_WORKER
        && !is_compressed(file)
        && !file.split('/').any(|part| part.starts_with('.'))
}

fn wants_compression(file: &str) -> bool {
    file.rsplit_once('.')
        .is_some_and(|(_, ext)| COMPRESSED_EXTENSIONS.contains(&ext))
}

/// `/` (the app shell's entry) first, then every precached file as an absolute URL path.
pub fn precache_urls(precached: &[&str]) -> Vec<String> {
    std::iter::once("/".to_owned())
        .chain(precached.iter().map(|file| format!("/{file}")))
        .collect()
}

/// The first 16 hex digits of a sha256 over each file's path and bytes, in order.
pub fn build_id<'a>(files: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> String {
    let mut hasher = Sha256::new();
    for (path, bytes) in files {
        hasher.update(path.as_bytes());
        hasher.update(bytes);
    }
    hasher
        .finalize()
        .iter()
        .take(8)
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The service worker with its build id and precache list filled in.
pub fn fill_placeholders(sw: &str, build_id: &str, urls: &[String]) -> Result<String> {
    for placeholder in [BUILD_ID_PLACEHOLDER, PRECACHE_PLACEHOLDER] {
        if !sw.contains(placeholder) {
            bail!(
                "dist/sw.js lacks the placeholder {placeholder}: public/sw.js must contain it verbatim \
                 and Trunk must copy the file unchanged (copy-file, not rel=\"js\", which minifies it)"
            );
        }
    }
    let id = serde_json::to_string(build_id).context("cannot encode the build id")?;
    let urls = serde_json::to_string(urls).context("cannot encode the precache list")?;
    Ok(sw
        .replace(BUILD_ID_PLACEHOLDER, &id)
        .replace(PRECACHE_PLACEHOLDER, &urls))
}

fn sibling(path: &Path, extension: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(extension);
    PathBuf::from(name)
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

fn write(path: &Path, data: &[u8]) -> Result<()> {
    std::fs::write(path, data).with_context(|| format!("cannot write {}", path.display()))
}

fn size(path: &Path) -> Option<u64> {
    std::fs::metadata(path).ok().map(|meta| meta.len())
}

fn print_listing(dist: &Path, files: &[String], build_id: &str) -> Result<()> {
    println!("dist/ (build {build_id})");
    println!(
        "{:<44} {:>11} {:>11} {:>11}",
        "file", "raw", "brotli", "gzip"
    );
    for file in files {
        let path = dist.join(file);
        let raw = size(&path).with_context(|| format!("{} vanished", path.display()))?;
        let column = |ext| size(&sibling(&path, ext)).map_or_else(|| "-".to_owned(), thousands);
        println!(
            "{file:<44} {:>11} {:>11} {:>11}",
            thousands(raw),
            column("br"),
            column("gz")
        );
    }
    Ok(())
}

/// `1234567` → `1,234,567`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precaches_the_app_but_not_the_worker_encodings_or_dotfiles() {
        let files = [
            ".well-known/x.json",
            "icons/.DS_Store",
            "icons/icon-192.png",
            "index.html",
            "index.html.br",
            "manifest.webmanifest",
            "progress-mentor-1a2b_bg.wasm",
            "progress-mentor-1a2b_bg.wasm.gz",
            "sw.js",
        ];
        let precached: Vec<&str> = files.into_iter().filter(|f| is_precached(f)).collect();
        assert_eq!(
            precache_urls(&precached),
            [
                "/",
                "/icons/icon-192.png",
                "/index.html",
                "/manifest.webmanifest",
                "/progress-mentor-1a2b_bg.wasm",
            ]
        );
    }

    #[test]
    fn fills_both_placeholders_with_json() {
        let sw = r#"const BUILD_ID = "__PM_BUILD_ID__";
const PRECACHE = ["__PM_PRECACHE_URLS__"];"#;
        let urls = ["/".to_owned(), "/index.html".to_owned()];
        let filled = fill_placeholders(sw, "0123456789abcdef", &urls).unwrap();
        assert_eq!(
            filled,
            r#"const BUILD_ID = "0123456789abcdef";
const PRECACHE = ["/","/index.html"];"#
        );
    }

    #[test]
    fn a_missing_placeholder_is_an_error_naming_it() {
        let err = fill_placeholders("const PRECACHE = [\"__PM_PRECACHE_URLS__\"];", "x", &[])
            .unwrap_err()
            .to_string();
        assert!(err.contains("__PM_BUILD_ID__"), "{err}");
        let err = fill_placeholders("const ID = \"__PM_BUILD_ID__\";", "x", &[])
            .unwrap_err()
            .to_string();
        assert!(err.contains("__PM_PRECACHE_URLS__"), "{err}");
    }

    #[test]
    fn build_id_is_16_hex_digits_and_changes_with_any_file() {
        let a = build_id([("index.html", b"<html>".as_slice())]);
        assert_eq!(a.len(), 16);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, build_id([("index.html", b"<html >".as_slice())]));
        assert_ne!(a, build_id([("other.html", b"<html>".as_slice())]));
    }

    #[test]
    fn compresses_text_like_files_only() {
        assert!(wants_compression("app_bg.wasm"));
        assert!(wants_compression("manifest.webmanifest"));
        assert!(!wants_compression("icons/icon-192.png"));
        assert!(!wants_compression("index.html.br"));
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(312_345), "312,345");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn finish_rewrites_the_worker_and_writes_siblings() {
        let dist = std::env::temp_dir().join(format!("xtask-dist-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dist);
        std::fs::create_dir_all(dist.join("icons")).unwrap();
        std::fs::write(dist.join("index.html"), "<!doctype html>").unwrap();
        std::fs::write(dist.join("icons/icon.png"), [0u8, 1, 2]).unwrap();
        std::fs::write(dist.join("stale.js.br"), "old").unwrap();
        std::fs::write(
            dist.join("sw.js"),
            "const ID = \"__PM_BUILD_ID__\"; const URLS = [\"__PM_PRECACHE_URLS__\"];",
        )
        .unwrap();

        finish(&dist).unwrap();

        let sw = std::fs::read_to_string(dist.join("sw.js")).unwrap();
        assert!(
            sw.contains(r#"const URLS = ["/","/icons/icon.png","/index.html"];"#),
            "{sw}"
        );
        assert!(!sw.contains("__PM_"), "{sw}");
        assert!(dist.join("index.html.br").is_file());
        assert!(dist.join("index.html.gz").is_file());
        assert!(dist.join("sw.js.br").is_file());
        assert!(!dist.join("icons/icon.png.gz").exists());
        assert!(!dist.join("stale.js.br").exists());
        std::fs::remove_dir_all(&dist).unwrap();
    }
}

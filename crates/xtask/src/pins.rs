//! The tool versions the repository pins, read from Cargo.lock and Trunk.toml.
//!
//! Both files are parsed by hand: only a few simple `key = "value"` lines matter, and a TOML
//! parser would be one more dependency to build before any task can start.

use anyhow::{Context, Result, bail};
use std::path::Path;

/// Every version of `package` recorded in a Cargo.lock.
pub fn locked_versions(lock: &str, package: &str) -> Vec<String> {
    let mut versions = Vec::new();
    let mut current_name: Option<String> = None;
    for line in lock.lines().map(str::trim) {
        if line == "[[package]]" {
            current_name = None;
        } else if let Some(name) = string_value(line, "name") {
            current_name = Some(name);
        } else if let Some(version) = string_value(line, "version")
            && current_name.as_deref() == Some(package)
        {
            versions.push(version);
        }
    }
    versions
}

/// The value of `key` in Trunk.toml's `[tools]` table, if set.
pub fn trunk_tool_pin(trunk_toml: &str, key: &str) -> Option<String> {
    let mut in_tools = false;
    for line in trunk_toml.lines() {
        let line = line.split('#').next().unwrap_or_default().trim();
        if line.starts_with('[') {
            in_tools = line == "[tools]";
        } else if in_tools && let Some(value) = string_value(line, key) {
            return Some(value);
        }
    }
    None
}

/// `key = "value"` → `value`.
fn string_value(line: &str, key: &str) -> Option<String> {
    let (left, right) = line.split_once('=')?;
    if left.trim() != key {
        return None;
    }
    let value = right.trim().strip_prefix('"')?.strip_suffix('"')?;
    Some(value.to_owned())
}

/// The one wasm-bindgen version in Cargo.lock; the CLI must match it exactly.
pub fn wasm_bindgen_version(root: &Path) -> Result<String> {
    let path = root.join("Cargo.lock");
    let lock = std::fs::read_to_string(&path).with_context(|| {
        format!(
            "cannot read {}: run `cargo generate-lockfile`",
            path.display()
        )
    })?;
    let versions = locked_versions(&lock, "wasm-bindgen");
    match versions.as_slice() {
        [version] => Ok(version.clone()),
        [] => bail!(
            "Cargo.lock has no wasm-bindgen package: the app must depend on wasm-bindgen; run `cargo generate-lockfile`"
        ),
        many => bail!(
            "Cargo.lock has several wasm-bindgen versions ({}): the CLI can match only one; run `cargo update -p wasm-bindgen` to unify them",
            many.join(", ")
        ),
    }
}

/// Fails unless Trunk.toml pins `key` to `expected` under `[tools]`.
pub fn check_trunk_pin(root: &Path, key: &str, expected: &str) -> Result<()> {
    let path = root.join("Trunk.toml");
    let text = std::fs::read_to_string(&path).with_context(|| {
        format!(
            "cannot read {}: it must exist and pin `{key} = \"{expected}\"` under [tools]",
            path.display()
        )
    })?;
    match trunk_tool_pin(&text, key) {
        Some(pinned) if pinned == expected => Ok(()),
        Some(pinned) => bail!(
            "Trunk.toml pins {key} = \"{pinned}\" but this project needs \"{expected}\" \
             (Cargo.lock / the installed tool): set `{key} = \"{expected}\"` under [tools] in Trunk.toml"
        ),
        None => bail!(
            "Trunk.toml does not pin {key}: add `{key} = \"{expected}\"` under [tools], \
             otherwise Trunk tries to download its own copy and fails offline"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCK: &str = r#"
version = 4

[[package]]
name = "wasm-bindgen-macro"
version = "0.2.999"

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"
dependencies = [
 "wasm-bindgen-macro",
]

[[package]]
name = "brotli"
version = "8.0.4"

[[package]]
name = "brotli"
version = "9.1.1"
"#;

    #[test]
    fn finds_the_locked_version_of_exactly_that_package() {
        assert_eq!(locked_versions(LOCK, "wasm-bindgen"), ["0.2.130"]);
        assert_eq!(locked_versions(LOCK, "brotli"), ["8.0.4", "9.1.1"]);
        assert!(locked_versions(LOCK, "wasm").is_empty());
    }

    #[test]
    fn reads_pins_only_from_the_tools_table() {
        let trunk = r#"
[build]
wasm_bindgen = "0.0.1"

[tools]
# the CLI installed by `cargo xtask setup`
wasm_bindgen = "0.2.130"   # must match Cargo.lock
wasm_opt = "version_132"

[serve]
wasm_opt = "version_1"
"#;
        assert_eq!(
            trunk_tool_pin(trunk, "wasm_bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(
            trunk_tool_pin(trunk, "wasm_opt").as_deref(),
            Some("version_132")
        );
        assert_eq!(trunk_tool_pin(trunk, "sass"), None);
        assert_eq!(
            trunk_tool_pin("[build]\nwasm_opt = \"version_132\"", "wasm_opt"),
            None
        );
    }
}

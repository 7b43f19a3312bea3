//! Checks on the data directory before anything is opened, so a bad path gives one clear
//! sentence instead of a database error; and the one way the server makes its files there
//! (and its backups) readable by its own user only: the directory 0700, the database, its
//! journals and backups 0600, whatever the process's umask.

use std::io::Write;
use std::path::{Path, PathBuf};

#[cfg(unix)]
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};

#[derive(Debug, thiserror::Error)]
pub enum DataDirError {
    #[error(
        "the data directory {0} does not exist. Create it (mkdir -p {0}) or choose another with --data-dir."
    )]
    Missing(PathBuf),
    #[error("the data directory {0} is not a directory. Choose a directory with --data-dir.")]
    NotADirectory(PathBuf),
    #[error(
        "the data directory {path} is not writable ({detail}). Give the server's user write access to it, or choose another with --data-dir."
    )]
    NotWritable { path: PathBuf, detail: String },
    #[error(
        "the data directory {path} could not be made private to the server's user ({detail}). Make the server's user its owner, or choose another with --data-dir."
    )]
    NotPrivate { path: PathBuf, detail: String },
}

/// The mode of a file only the server's user may read or write.
#[cfg(unix)]
const PRIVATE_FILE: u32 = 0o600;

/// The mode of the data directory: only the server's user may list or enter it.
#[cfg(unix)]
const PRIVATE_DIR: u32 = 0o700;

/// Creates `path` empty if it does not exist, private to the server's user, and makes it
/// private if it does; nothing in it is changed. SQLite gives a database's journals the
/// database file's own mode, so making the database this way first makes them private too.
///
/// # Errors
/// The file cannot be created or its mode set.
pub fn create_private_file(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    options.mode(PRIVATE_FILE);
    options.open(path)?;
    make_private(path)
}

/// Makes an existing file private to the server's user (a no-op if it does not exist).
///
/// # Errors
/// Its mode cannot be set.
pub fn make_private(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    match std::fs::set_permissions(path, std::fs::Permissions::from_mode(PRIVATE_FILE)) {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
        other => other?,
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Makes the data directory private to the server's user, if it is not already.
fn make_dir_private(dir: &Path, meta: &std::fs::Metadata) -> Result<(), DataDirError> {
    #[cfg(unix)]
    if meta.permissions().mode() & 0o777 != PRIVATE_DIR {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(PRIVATE_DIR)).map_err(
            |err| DataDirError::NotPrivate {
                path: dir.to_owned(),
                detail: err.to_string(),
            },
        )?;
    }
    #[cfg(not(unix))]
    let _ = (dir, meta);
    Ok(())
}

/// Proves `dir` exists, is a directory, and that this process can create files in it, and
/// makes it private to the server's user (0700).
pub fn check(dir: &Path) -> Result<(), DataDirError> {
    let meta = match std::fs::metadata(dir) {
        Ok(meta) => meta,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            return Err(DataDirError::Missing(dir.to_owned()));
        }
        Err(err) => {
            return Err(DataDirError::NotWritable {
                path: dir.to_owned(),
                detail: err.to_string(),
            });
        }
    };
    if !meta.is_dir() {
        return Err(DataDirError::NotADirectory(dir.to_owned()));
    }
    // Permission bits do not tell the whole story (read-only mounts, root, ACLs): try it.
    let probe = dir.join(".write-check");
    let written = std::fs::File::create(&probe).and_then(|mut file| {
        file.write_all(b"ok")?;
        file.sync_all()
    });
    let _ = std::fs::remove_file(&probe);
    written.map_err(|err| DataDirError::NotWritable {
        path: dir.to_owned(),
        detail: err.to_string(),
    })?;
    make_dir_private(dir, &meta)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_a_writable_directory_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        check(dir.path()).unwrap();
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn reports_missing_file_and_unwritable_paths() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope");
        assert!(matches!(check(&missing), Err(DataDirError::Missing(_))));

        let file = dir.path().join("file");
        std::fs::write(&file, b"x").unwrap();
        assert!(matches!(check(&file), Err(DataDirError::NotADirectory(_))));

        // /proc refuses new files even to root, which permission bits would not show.
        assert!(matches!(
            check(Path::new("/proc")),
            Err(DataDirError::NotWritable { .. })
        ));
    }
}

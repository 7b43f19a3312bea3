//! Checks on the data directory before anything is opened, so a bad path gives one clear
//! sentence instead of a database error.

use std::io::Write;
use std::path::{Path, PathBuf};

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
}

/// Proves `dir` exists, is a directory, and that this process can create files in it.
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
    })
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

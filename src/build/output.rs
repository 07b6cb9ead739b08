//! Atomic output: every file of a build is written into a fresh temporary folder beside
//! `out/<period>/`, which then replaces the old folder by rename. A build that fails —
//! or is killed — before the swap leaves the previous outputs complete and untouched.

use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

/// Writes a file's contents into it.
pub type WriteFn<'a> = dyn Fn(&mut dyn Write) -> std::io::Result<()> + Send + Sync + 'a;

/// The contents of one output file.
pub enum Content<'a> {
    /// Made in memory.
    Bytes(Vec<u8>),
    /// Written straight into the file, for outputs too large to hold twice in memory.
    Stream(Box<WriteFn<'a>>),
}

/// Writes `files` (name, contents), in parallel, as the new contents of `dir`.
pub fn replace_dir(dir: &Path, files: &[(String, Content)]) -> std::io::Result<()> {
    let parent = dir.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)?;
    let name = dir
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.moi-"))
        .tempdir_in(parent)?;
    files.par_iter().try_for_each(|(rel, content)| {
        let write_one = || -> std::io::Result<()> {
            let file = std::fs::File::create(staging.path().join(rel))?;
            let mut w = std::io::BufWriter::new(file);
            match content {
                Content::Bytes(bytes) => w.write_all(bytes)?,
                Content::Stream(write) => write(&mut w)?,
            }
            w.into_inner().map_err(|e| e.into_error())?.sync_all()
        };
        // Name the file in the error: several are written at once.
        write_one().map_err(|e| std::io::Error::new(e.kind(), format!("{rel}: {e}")))
    })?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(staging.path(), std::fs::Permissions::from_mode(0o755))?;
    }
    let staged: PathBuf = staging.keep();
    if dir.exists() {
        let old = tempfile::Builder::new()
            .prefix(&format!(".{name}.cu-"))
            .tempdir_in(parent)?
            .keep();
        std::fs::remove_dir(&old)?;
        std::fs::rename(dir, &old)?;
        if let Err(e) = std::fs::rename(&staged, dir) {
            // Put the previous outputs back before reporting the failure.
            let _ = std::fs::rename(&old, dir);
            return Err(e);
        }
        std::fs::remove_dir_all(&old)?;
    } else {
        std::fs::rename(&staged, dir)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_folder_whole() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let out = tmp.path().join("out/2024");
        replace_dir(
            &out,
            &[
                ("a.md".into(), Content::Bytes(b"one".to_vec())),
                (
                    "b.md".into(),
                    Content::Stream(Box::new(|w| w.write_all(b"x"))),
                ),
            ],
        )
        .expect("first");
        assert_eq!(std::fs::read(out.join("b.md")).expect("b"), b"x");
        replace_dir(&out, &[("a.md".into(), Content::Bytes(b"two".to_vec()))]).expect("second");
        assert_eq!(std::fs::read(out.join("a.md")).expect("a"), b"two");
        assert!(!out.join("b.md").exists());
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path().join("out"))
            .expect("dir")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    }
}

//! Atomic output: every file of a build is written into a fresh temporary folder beside
//! `out/<period>/`, which then replaces the old folder by rename. A build that fails —
//! or is killed — before the swap leaves the previous outputs complete and untouched.

use std::io::Write;
use std::path::{Path, PathBuf};

/// A new set of outputs for `dir`, written into a fresh folder beside it. Files may be
/// written from several threads at once; [`Staging::commit`] swaps the folder in, and a
/// staging dropped without it (a failed build) is removed. Make it under [`lock`].
pub struct Staging {
    dir: PathBuf,
    folder: tempfile::TempDir,
}

impl Staging {
    /// Starts the new outputs of `dir`.
    pub fn new(dir: &Path) -> std::io::Result<Self> {
        let (parent, name) = parent_and_name(dir);
        std::fs::create_dir_all(parent)?;
        let folder = tempfile::Builder::new()
            .prefix(&format!(".{name}.moi-"))
            .tempdir_in(parent)?;
        Ok(Self {
            dir: dir.to_path_buf(),
            folder,
        })
    }

    /// Writes the file `rel` with `write` and flushes it to disk; an error names the file.
    pub fn write(
        &self,
        rel: &str,
        write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        let write_one = || -> std::io::Result<()> {
            let file = std::fs::File::create(self.folder.path().join(rel))?;
            // A large buffer: tong-hop.json is streamed in small pieces, tens of megabytes
            // at national scale, and every 8 KiB would otherwise be a system call.
            let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
            write(&mut w)?;
            // On disk before the swap, so that a power cut after it cannot leave empty
            // outputs in place of the old ones; each writer syncs its own file.
            w.into_inner().map_err(|e| e.into_error())?.sync_data()
        };
        // Name the file in the error: several are written at once.
        write_one().map_err(|e| std::io::Error::new(e.kind(), format!("{rel}: {e}")))
    }

    /// Puts the new outputs in place of the old ones and removes what killed builds left.
    pub fn commit(self) -> std::io::Result<()> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(self.folder.path(), std::fs::Permissions::from_mode(0o755))?;
        }
        let (parent, name) = parent_and_name(&self.dir);
        let staged: PathBuf = self.folder.keep();
        if self.dir.exists() {
            swap(&staged, &self.dir, parent, &name)?;
        } else {
            std::fs::rename(&staged, &self.dir)?;
        }
        remove_leftovers(parent, &name);
        Ok(())
    }
}

/// Puts `staged` in place of `dir`. On Linux one atomic exchange does it, so that at every
/// instant `dir` holds either the complete old outputs or the complete new ones; the old
/// ones end up in `staged` and are removed.
#[cfg(target_os = "linux")]
fn swap(staged: &Path, dir: &Path, parent: &Path, name: &str) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    match renameat_with(CWD, staged, CWD, dir, RenameFlags::EXCHANGE) {
        Ok(()) => std::fs::remove_dir_all(staged),
        // A file system without the exchange (some network shares): two renames.
        Err(_) => swap_by_renames(staged, dir, parent, name),
    }
}

/// See the Linux version; elsewhere the swap takes two renames.
#[cfg(not(target_os = "linux"))]
fn swap(staged: &Path, dir: &Path, parent: &Path, name: &str) -> std::io::Result<()> {
    swap_by_renames(staged, dir, parent, name)
}

/// The old folder aside, then the new one in. A crash between the two leaves `dir`
/// missing and the old folder aside, which [`restore_aside`] puts back on the next build.
fn swap_by_renames(staged: &Path, dir: &Path, parent: &Path, name: &str) -> std::io::Result<()> {
    let old = tempfile::Builder::new()
        .prefix(&format!(".{name}.cu-"))
        .tempdir_in(parent)?
        .keep();
    std::fs::remove_dir(&old)?;
    std::fs::rename(dir, &old)?;
    if let Err(e) = std::fs::rename(staged, dir) {
        // Put the previous outputs back before reporting the failure.
        let _ = std::fs::rename(&old, dir);
        return Err(e);
    }
    std::fs::remove_dir_all(&old)
}

/// Takes the lock of `dir` (the file `.<name>.lock` beside it), waiting for another build
/// of the same period to finish: two builds never stage, swap or clean up at once. The
/// lock lasts as long as the returned file is open.
pub fn lock(dir: &Path) -> std::io::Result<std::fs::File> {
    let (parent, name) = parent_and_name(dir);
    std::fs::create_dir_all(parent)?;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(parent.join(format!(".{name}.lock")))?;
    file.lock()?;
    Ok(file)
}

/// After a crash between the two renames of [`swap_by_renames`], moves the previous
/// outputs (the newest set aside) back into `dir`; called under [`lock`] before a build,
/// so that they stay if it fails.
pub fn recover(dir: &Path) -> std::io::Result<()> {
    if dir.exists() {
        return Ok(());
    }
    let (parent, name) = parent_and_name(dir);
    let prefix = format!(".{name}.cu-");
    let newest = leftovers(parent, &prefix)
        .into_iter()
        .max_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
    match newest {
        Some(old) => std::fs::rename(old, dir),
        None => Ok(()),
    }
}

/// Removes staging and set-aside folders that a killed build left beside `dir`.
fn remove_leftovers(parent: &Path, name: &str) {
    for prefix in [format!(".{name}.moi-"), format!(".{name}.cu-")] {
        for path in leftovers(parent, &prefix) {
            // Best effort: a folder that cannot be removed now is tried again next build.
            let _ = std::fs::remove_dir_all(path);
        }
    }
}

/// The folder holding `dir`, and `dir`'s name, which names its staging, set-aside and
/// lock files beside it.
fn parent_and_name(dir: &Path) -> (&Path, String) {
    let parent = dir.parent().unwrap_or(Path::new("."));
    let name = dir
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    (parent, name)
}

/// Folders in `parent` whose names start with `prefix`, sorted.
fn leftovers(parent: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(parent)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names in `dir`.
    fn names_in(dir: &Path) -> Vec<std::ffi::OsString> {
        std::fs::read_dir(dir)
            .expect("dir")
            .flatten()
            .map(|e| e.file_name())
            .collect()
    }

    fn replace_dir(dir: &Path, files: &[(&str, &[u8])]) -> std::io::Result<()> {
        let staging = Staging::new(dir)?;
        for (rel, bytes) in files {
            staging.write(rel, |w| w.write_all(bytes))?;
        }
        staging.commit()
    }

    #[test]
    fn a_failed_build_leaves_the_old_outputs_and_no_staging() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let out = tmp.path().join("out/2024");
        replace_dir(&out, &[("a.md", b"one")]).expect("first");
        let staging = Staging::new(&out).expect("staging");
        staging
            .write("a.md", |w| w.write_all(b"two"))
            .expect("write");
        let err = staging
            .write("b.md", |_| Err(std::io::Error::other("hỏng")))
            .expect_err("fails");
        assert!(err.to_string().starts_with("b.md: "), "{err}");
        drop(staging);
        assert_eq!(std::fs::read(out.join("a.md")).expect("a"), b"one");
        let names = names_in(&tmp.path().join("out"));
        assert_eq!(names, ["2024"]);
    }

    #[test]
    fn replaces_the_folder_whole() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let out = tmp.path().join("out/2024");
        replace_dir(&out, &[("a.md", b"one"), ("b.md", b"x")]).expect("first");
        assert_eq!(std::fs::read(out.join("b.md")).expect("b"), b"x");
        replace_dir(&out, &[("a.md", b"two")]).expect("second");
        assert_eq!(std::fs::read(out.join("a.md")).expect("a"), b"two");
        assert!(!out.join("b.md").exists());
        let leftovers = names_in(&tmp.path().join("out"));
        assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    }

    #[test]
    fn a_killed_build_leaves_nothing_behind_after_the_next() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let out = tmp.path().join("out/2024");
        replace_dir(&out, &[("a.md", b"one")]).expect("first");
        // A build killed while writing, and one killed between the two renames.
        std::fs::create_dir(tmp.path().join("out/.2024.moi-x")).expect("staging");
        std::fs::rename(&out, tmp.path().join("out/.2024.cu-y")).expect("aside");
        recover(&out).expect("recover");
        assert_eq!(std::fs::read(out.join("a.md")).expect("a"), b"one");
        replace_dir(&out, &[("a.md", b"two")]).expect("next");
        assert_eq!(std::fs::read(out.join("a.md")).expect("a"), b"two");
        let names = names_in(&tmp.path().join("out"));
        assert_eq!(names, ["2024"]);
    }
}

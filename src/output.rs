//! Stage 6: write the built site to disk, all or nothing, touching only what changed.
//!
//! Files go to a staging folder next to the output folder; only when every file is written is
//! the staging folder swapped in. A failure (a full disk, Ctrl-C) leaves the previous output
//! exactly as it was; stale staging folders of interrupted builds are removed the next time.
//!
//! A file whose bytes did not change is hard-linked from the previous output instead of
//! written, so it keeps its modification time (rsync and other upload tools skip it) and costs
//! no write. The previous output is removed in the background once the new one is in place.

use std::io;
use std::path::{Path, PathBuf};

use crate::render::OutputFile;

/// What a write did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteStats {
    pub files: usize,
    pub bytes: u64,
    /// Files whose bytes changed (or are new), and so were written.
    pub written: usize,
}

/// Removal of the previous output, running in the background; dropping it waits for it.
pub struct Cleanup(Option<std::thread::JoinHandle<()>>);

impl Cleanup {
    /// Wait until the previous output is removed.
    pub fn wait(mut self) {
        if let Some(h) = self.0.take() {
            let _ = h.join();
        }
    }
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        if let Some(h) = self.0.take() {
            let _ = h.join();
        }
    }
}

fn staging_name(out: &Path, tag: &str) -> PathBuf {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    out.with_file_name(format!(".{name}.{tag}-{}", std::process::id()))
}

/// Remove staging and backup folders left by interrupted builds of `out`.
pub fn clean_stale(out: &Path) {
    let Some(parent) = out.parent().map(|p| if p.as_os_str().is_empty() { Path::new(".") } else { p }) else { return };
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let Ok(entries) = std::fs::read_dir(parent) else { return };
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        if n.starts_with(&format!(".{name}.staging-")) || n.starts_with(&format!(".{name}.old-")) {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// Check that a path from the renderer stays inside the output folder.
fn safe_relative(path: &str) -> Option<&Path> {
    let p = Path::new(path);
    let ok = !path.is_empty() && p.components().all(|c| matches!(c, std::path::Component::Normal(_)));
    ok.then_some(p)
}

/// Write `files` as the new content of `out`, replacing it only when all were written.
pub fn write_site(out: &Path, files: &[OutputFile]) -> io::Result<WriteStats> {
    let (stats, cleanup) = write_site_deferred(out, files)?;
    cleanup.wait();
    Ok(stats)
}

/// Like [`write_site`], but returns as soon as the new output is in place; the previous one is
/// removed in the background (the [`Cleanup`] waits for that when dropped).
pub fn write_site_deferred(out: &Path, files: &[OutputFile]) -> io::Result<(WriteStats, Cleanup)> {
    clean_stale(out);
    let staging = staging_name(out, "staging");
    let stats = match write_all(&staging, out, files) {
        Ok(s) => s,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    let cleanup = swap_in(&staging, out)?;
    Ok((stats, cleanup))
}

fn write_all(dir: &Path, previous: &Path, files: &[OutputFile]) -> io::Result<WriteStats> {
    std::fs::create_dir_all(dir)?;
    let mut stats = WriteStats::default();
    let mut made: std::collections::HashSet<PathBuf> = std::collections::HashSet::new();
    for f in files {
        let rel = safe_relative(&f.path).ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("refusing to write outside the output folder: {}", f.path),
            )
        })?;
        let path = dir.join(rel);
        if let Some(parent) = path.parent()
            && !made.contains(parent)
        {
            std::fs::create_dir_all(parent)?;
            made.insert(parent.to_path_buf());
        }
        let old = previous.join(rel);
        let unchanged = std::fs::metadata(&old).is_ok_and(|m| m.is_file() && m.len() == f.bytes.len() as u64)
            && std::fs::read(&old).is_ok_and(|b| b == f.bytes);
        if !(unchanged && std::fs::hard_link(&old, &path).is_ok()) {
            std::fs::write(&path, &f.bytes)?;
            stats.written += 1;
        }
        stats.files += 1;
        stats.bytes += f.bytes.len() as u64;
    }
    Ok(stats)
}

/// Replace `out` by `staging`: rename the old one aside, rename the new one in, and remove the
/// old one in the background.
fn swap_in(staging: &Path, out: &Path) -> io::Result<Cleanup> {
    if out.exists() {
        let old = staging_name(out, "old");
        std::fs::rename(out, &old)?;
        if let Err(e) = std::fs::rename(staging, out) {
            let _ = std::fs::rename(&old, out);
            return Err(e);
        }
        let handle = std::thread::spawn(move || {
            let _ = std::fs::remove_dir_all(&old);
        });
        Ok(Cleanup(Some(handle)))
    } else {
        std::fs::rename(staging, out)?;
        Ok(Cleanup(None))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, s: &str) -> OutputFile {
        OutputFile { path: path.into(), bytes: s.as_bytes().to_vec() }
    }

    #[test]
    fn replaces_the_output_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_site(&out, &[file("a/index.html", "1"), file("b.txt", "2")]).unwrap();
        write_site(&out, &[file("a/index.html", "3")]).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("a/index.html")).unwrap(), "3");
        assert!(!out.join("b.txt").exists(), "files of the old build are gone");
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    }

    #[test]
    fn a_failed_write_leaves_the_old_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_site(&out, &[file("index.html", "old")]).unwrap();
        let err = write_site(&out, &[file("index.html", "new"), file("../escape.html", "x")]);
        assert!(err.is_err());
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "old");
        assert!(!tmp.path().join("escape.html").exists());
    }

    #[test]
    fn unchanged_files_keep_their_inode_and_are_not_rewritten() {
        use std::os::unix::fs::MetadataExt;
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_site(&out, &[file("same.html", "same"), file("changed.html", "v1")]).unwrap();
        let same_ino = std::fs::metadata(out.join("same.html")).unwrap().ino();
        let changed_ino = std::fs::metadata(out.join("changed.html")).unwrap().ino();
        let stats = write_site(&out, &[file("same.html", "same"), file("changed.html", "v2")]).unwrap();
        assert_eq!((stats.files, stats.written), (2, 1));
        assert_eq!(std::fs::metadata(out.join("same.html")).unwrap().ino(), same_ino);
        assert_ne!(std::fs::metadata(out.join("changed.html")).unwrap().ino(), changed_ino);
        assert_eq!(std::fs::read_to_string(out.join("changed.html")).unwrap(), "v2");
    }

    #[test]
    fn stale_staging_folders_are_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        std::fs::create_dir_all(tmp.path().join(".public.staging-999/x")).unwrap();
        write_site(&out, &[file("index.html", "1")]).unwrap();
        assert!(!tmp.path().join(".public.staging-999").exists());
    }
}

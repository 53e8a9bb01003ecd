//! Stage 6: write the built site to disk, all or nothing.
//!
//! Files go to a staging folder next to the output folder; only when every file is written is
//! the staging folder swapped in. A failure (a full disk, Ctrl-C) leaves the previous output
//! exactly as it was; stale staging folders of interrupted builds are removed the next time.

use std::io;
use std::path::{Path, PathBuf};

use crate::render::OutputFile;

/// What a write did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteStats {
    pub files: usize,
    pub bytes: u64,
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
    clean_stale(out);
    let staging = staging_name(out, "staging");
    let result = write_all(&staging, files);
    let stats = match result {
        Ok(s) => s,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    swap_in(&staging, out)?;
    Ok(stats)
}

fn write_all(dir: &Path, files: &[OutputFile]) -> io::Result<WriteStats> {
    std::fs::create_dir_all(dir)?;
    let mut stats = WriteStats::default();
    for f in files {
        let rel = safe_relative(&f.path).ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("refusing to write outside the output folder: {}", f.path),
            )
        })?;
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, &f.bytes)?;
        stats.files += 1;
        stats.bytes += f.bytes.len() as u64;
    }
    Ok(stats)
}

/// Replace `out` by `staging`: rename the old one aside, rename the new one in, delete the old.
fn swap_in(staging: &Path, out: &Path) -> io::Result<()> {
    if out.exists() {
        let old = staging_name(out, "old");
        std::fs::rename(out, &old)?;
        if let Err(e) = std::fs::rename(staging, out) {
            let _ = std::fs::rename(&old, out);
            return Err(e);
        }
        let _ = std::fs::remove_dir_all(&old);
    } else {
        std::fs::rename(staging, out)?;
    }
    Ok(())
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
    fn stale_staging_folders_are_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        std::fs::create_dir_all(tmp.path().join(".public.staging-999/x")).unwrap();
        write_site(&out, &[file("index.html", "1")]).unwrap();
        assert!(!tmp.path().join(".public.staging-999").exists());
    }
}

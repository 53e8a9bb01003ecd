//! Stage 6: write the built site to disk, all or nothing, touching only what changed.
//!
//! Files go to a staging folder next to the output folder; only when every file is written is
//! the staging folder swapped in. A failure (a full disk, Ctrl-C) leaves the previous output
//! exactly as it was; stale staging folders of interrupted builds are removed the next time.
//!
//! A file whose bytes did not change is hard-linked from the previous output instead of
//! written, so it keeps its modification time (rsync and other upload tools skip it) and costs
//! no write. Deleting a tree of thousands of files is slow on many disks, so the replaced output
//! is kept as `.public.old-*` and removed by the next build, in the background while that build
//! writes its files.

use std::collections::HashSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use crate::sink::OutputFile;

/// What a write did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteStats {
    pub files: usize,
    pub bytes: u64,
    /// Files whose bytes changed (or are new), and so were written.
    pub written: usize,
}

fn staging_name(out: &Path, tag: &str) -> PathBuf {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    out.with_file_name(format!(".{name}.{tag}-{}", std::process::id()))
}

/// The folders next to `out` left by earlier builds: `(interrupted staging, replaced copies)`.
fn leftovers(out: &Path) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let (mut staging, mut old) = (Vec::new(), Vec::new());
    for e in std::fs::read_dir(parent).into_iter().flatten().flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        if n.starts_with(&format!(".{name}.staging-")) {
            staging.push(e.path());
        } else if n.starts_with(&format!(".{name}.old-")) {
            old.push(e.path());
        }
    }
    (staging, old)
}

/// Check that a path from the renderer stays inside the output folder.
fn safe_relative(path: &str) -> Option<&Path> {
    let p = Path::new(path);
    let ok = !path.is_empty() && p.components().all(|c| matches!(c, std::path::Component::Normal(_)));
    ok.then_some(p)
}

/// Write `files` as the new content of `out`, replacing it only when all were written. The
/// replaced copy is kept next to it until the next build.
pub fn write_site(out: &Path, files: &[OutputFile]) -> io::Result<WriteStats> {
    let writer = SiteWriter::new(out)?;
    for f in files {
        writer.write(f)?;
    }
    writer.finish()
}

/// Update an existing output folder in place with `files` (an incremental rebuild): each file
/// whose bytes changed is written beside its old version and renamed over it, so a reader
/// never sees half a file. Files with the same bytes are not touched.
pub fn update_in_place(out: &Path, files: &[OutputFile]) -> io::Result<WriteStats> {
    let mut stats = WriteStats::default();
    for f in files {
        let rel = safe_relative(&f.path).ok_or_else(|| outside(&f.path))?;
        let path = out.join(rel);
        stats.files += 1;
        stats.bytes += f.bytes.len() as u64;
        if std::fs::read(&path).is_ok_and(|b| b == f.bytes) {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let tmp = temp_beside(&path);
        std::fs::write(&tmp, &f.bytes)?;
        std::fs::rename(&tmp, &path)?;
        stats.written += 1;
    }
    Ok(stats)
}

/// `dir/name` → `dir/.name.gongkai-tmp`: where a file is written before it replaces `path`.
fn temp_beside(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.gongkai-tmp"))
}

/// Takes files for [`update_in_place`], one at a time, from several threads.
pub struct InPlace {
    out: PathBuf,
    stats: Mutex<WriteStats>,
}

impl InPlace {
    pub fn new(out: &Path) -> Self {
        InPlace { out: out.to_path_buf(), stats: Mutex::new(WriteStats::default()) }
    }

    pub fn stats(&self) -> WriteStats {
        *self.stats.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn add(&self, s: WriteStats) {
        let mut t = self.stats.lock().unwrap_or_else(|p| p.into_inner());
        t.files += s.files;
        t.bytes += s.bytes;
        t.written += s.written;
    }
}

impl InPlace {
    /// The length of the file at `path` in the output, if it is there.
    pub fn len(&self, path: &str) -> Option<u64> {
        let rel = safe_relative(path)?;
        std::fs::metadata(self.out.join(rel)).ok().filter(|m| m.is_file()).map(|m| m.len())
    }

    /// The bytes in `range` of the file at `path` in the output.
    pub fn read_range(&self, path: &str, range: std::ops::Range<u64>) -> io::Result<Vec<u8>> {
        use std::os::unix::fs::FileExt;
        let rel = safe_relative(path).ok_or_else(|| outside(path))?;
        let mut bytes = vec![0; usize::try_from(range.end - range.start).map_err(io::Error::other)?];
        std::fs::File::open(self.out.join(rel))?.read_exact_at(&mut bytes, range.start)?;
        Ok(bytes)
    }

    /// Replace byte ranges of the file at `path` (in order, not overlapping). When every range
    /// keeps its length the new bytes are written over the old; otherwise a new file is made
    /// (the rest copied from the old file by the kernel) and then replaces the old.
    pub fn splice(&self, path: &str, edits: &[(std::ops::Range<u64>, &[u8])]) -> io::Result<()> {
        use std::io::{Read, Seek, SeekFrom};
        let rel = safe_relative(path).ok_or_else(|| outside(path))?;
        let target = self.out.join(rel);
        if edits.iter().all(|(range, bytes)| range.end - range.start == bytes.len() as u64) {
            // Nothing moves (a value edited into one as long): write the new bytes over the
            // old, a few kilobytes, rather than copy hundreds of megabytes.
            use std::os::unix::fs::FileExt;
            let file = std::fs::OpenOptions::new().write(true).open(&target)?;
            for (range, bytes) in edits {
                file.write_all_at(bytes, range.start)?;
            }
            self.add(WriteStats { files: 1, bytes: file.metadata()?.len(), written: 1 });
            return Ok(());
        }
        let tmp = temp_beside(&target);
        let mut old = std::fs::File::open(&target)?;
        let mut new = std::fs::File::create(&tmp)?;
        let mut pos = 0;
        for (range, bytes) in edits {
            old.seek(SeekFrom::Start(pos))?;
            io::copy(&mut (&old).take(range.start.saturating_sub(pos)), &mut new)?;
            new.write_all(bytes)?;
            pos = range.end;
        }
        old.seek(SeekFrom::Start(pos))?;
        io::copy(&mut old, &mut new)?;
        new.flush()?;
        let len = new.metadata()?.len();
        drop(new);
        std::fs::rename(&tmp, &target)?;
        self.add(WriteStats { files: 1, bytes: len, written: 1 });
        Ok(())
    }

    /// Count a file left as it was.
    pub fn kept(&self, len: u64) {
        self.add(WriteStats { files: 1, bytes: len, written: 0 });
    }
}

/// The error for a file that would land outside the output folder, in the user's language.
fn outside(path: &str) -> io::Error {
    let message = crate::msg!(crate::messages::render::WRITE_OUTSIDE_OUTPUT, path = path);
    io::Error::new(io::ErrorKind::InvalidInput, message.to_string())
}

impl crate::sink::Sink for InPlace {
    fn file(&self, file: OutputFile) -> io::Result<()> {
        let s = update_in_place(&self.out, std::slice::from_ref(&file))?;
        self.add(s);
        Ok(())
    }

    fn stream(&self, path: &str, fill: &dyn Fn(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
        let rel = safe_relative(path).ok_or_else(|| outside(path))?;
        let target = self.out.join(rel);
        let tmp = temp_beside(&target);
        let mut w = io::BufWriter::with_capacity(1 << 20, std::fs::File::create(&tmp)?);
        fill(&mut w)?;
        w.flush()?;
        drop(w);
        let len = std::fs::metadata(&tmp)?.len();
        let same =
            std::fs::metadata(&target).is_ok_and(|m| m.len() == len) && same_bytes(&tmp, &target).unwrap_or(false);
        if same {
            std::fs::remove_file(&tmp)?;
        } else {
            std::fs::rename(&tmp, &target)?;
        }
        self.add(WriteStats { files: 1, bytes: len, written: usize::from(!same) });
        Ok(())
    }
}

/// Writes a site file by file into a staging folder; [`SiteWriter::finish`] swaps it in.
/// Dropped without `finish` (an error, Ctrl-C), it removes the staging folder and the previous
/// output stays as it was.
pub struct SiteWriter {
    out: PathBuf,
    staging: PathBuf,
    /// Folders already created in the staging folder.
    made: Mutex<HashSet<PathBuf>>,
    /// Whether there is a previous output to compare with; a first build skips looking for
    /// 337,000 old files that are not there.
    previous: bool,
    files: AtomicUsize,
    bytes: AtomicU64,
    written: AtomicUsize,
    remover: Option<std::thread::JoinHandle<()>>,
    finished: bool,
}

impl SiteWriter {
    /// Start writing a new version of `out`. Folders left by earlier builds are removed
    /// meanwhile, in the background.
    pub fn new(out: &Path) -> io::Result<SiteWriter> {
        let (staging_left, old_copies) = leftovers(out);
        // Interrupted builds are rare; replaced copies are removed while this build writes.
        for dir in staging_left {
            let _ = std::fs::remove_dir_all(dir);
        }
        let remover = std::thread::spawn(move || {
            for dir in old_copies {
                let _ = std::fs::remove_dir_all(dir);
            }
        });
        let staging = unique_name(out, "staging");
        let previous = out.is_dir();
        std::fs::create_dir_all(&staging)?;
        Ok(SiteWriter {
            out: out.to_path_buf(),
            staging,
            made: Default::default(),
            previous,
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            written: AtomicUsize::new(0),
            remover: Some(remover),
            finished: false,
        })
    }

    /// The staging path of `path`, with its folder created; and the same file in the previous
    /// output.
    fn prepare(&self, path: &str) -> io::Result<(PathBuf, PathBuf)> {
        let rel = safe_relative(path).ok_or_else(|| outside(path))?;
        let staged = self.staging.join(rel);
        if let Some(parent) = staged.parent() {
            let known = self.made.lock().unwrap_or_else(|p| p.into_inner()).contains(parent);
            if !known {
                std::fs::create_dir_all(parent)?;
                self.made.lock().unwrap_or_else(|p| p.into_inner()).insert(parent.to_path_buf());
            }
        }
        Ok((staged, self.out.join(rel)))
    }

    fn count(&self, bytes: u64, written: bool) {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
        if written {
            self.written.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Write one file, or hard-link it from the previous output when its bytes are the same.
    /// Safe to call from several threads.
    pub fn write(&self, f: &OutputFile) -> io::Result<()> {
        let (staged, old) = self.prepare(&f.path)?;
        let unchanged = self.previous
            && std::fs::metadata(&old).is_ok_and(|m| m.is_file() && m.len() == f.bytes.len() as u64)
            && std::fs::read(&old).is_ok_and(|b| b == f.bytes);
        let linked = unchanged && link(&old, &staged).is_ok();
        if !linked {
            std::fs::write(&staged, &f.bytes)?;
        }
        self.count(f.bytes.len() as u64, !linked);
        Ok(())
    }

    /// Write a large file piece by piece; when it turns out the same as in the previous output,
    /// the old file is linked in its place, as [`SiteWriter::write`] does. The fresh copy stays
    /// (and counts as written) if the old one cannot be linked in.
    pub fn write_stream(&self, path: &str, fill: &dyn Fn(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
        let (staged, old) = self.prepare(path)?;
        let mut w = io::BufWriter::with_capacity(1 << 20, std::fs::File::create(&staged)?);
        fill(&mut w)?;
        w.flush()?;
        drop(w);
        let len = std::fs::metadata(&staged)?.len();
        let linked = self.previous
            && std::fs::metadata(&old).is_ok_and(|m| m.is_file() && m.len() == len)
            && same_bytes(&staged, &old).unwrap_or(false)
            && link_over(&old, &staged);
        self.count(len, !linked);
        Ok(())
    }

    /// Swap the new site in.
    pub fn finish(mut self) -> io::Result<WriteStats> {
        if let Some(r) = self.remover.take() {
            let _ = r.join();
        }
        swap_in(&self.staging, &self.out)?;
        self.finished = true;
        Ok(WriteStats {
            files: self.files.load(Ordering::Relaxed),
            bytes: self.bytes.load(Ordering::Relaxed),
            written: self.written.load(Ordering::Relaxed),
        })
    }
}

impl crate::sink::Sink for SiteWriter {
    fn file(&self, file: OutputFile) -> io::Result<()> {
        self.write(&file)
    }

    fn stream(&self, path: &str, fill: &dyn Fn(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
        self.write_stream(path, fill)
    }
}

/// Hard-link `old` at `new` (which must not exist). A test can make it fail (`LINKS_FAIL`).
fn link(old: &Path, new: &Path) -> io::Result<()> {
    #[cfg(test)]
    if tests::LINKS_FAIL.with(std::cell::Cell::get) {
        return Err(io::Error::other("hard link made to fail by a test"));
    }
    std::fs::hard_link(old, new)
}

/// Put `old` in the place of `staged`, a file with the same bytes: linked beside it under a
/// temporary name, then renamed over it, so `staged` is never missing. Whether it was done; if
/// not, `staged` is as it was.
fn link_over(old: &Path, staged: &Path) -> bool {
    let tmp = temp_beside(staged);
    if link(old, &tmp).is_err() {
        return false;
    }
    if std::fs::rename(&tmp, staged).is_err() {
        let _ = std::fs::remove_file(&tmp);
        return false;
    }
    true
}

/// Whether two files hold the same bytes, read a block at a time.
fn same_bytes(a: &Path, b: &Path) -> io::Result<bool> {
    use std::io::Read;
    let (mut a, mut b) = (io::BufReader::new(std::fs::File::open(a)?), io::BufReader::new(std::fs::File::open(b)?));
    let (mut x, mut y) = (vec![0u8; 1 << 16], vec![0u8; 1 << 16]);
    loop {
        let n = a.read(&mut x)?;
        if n == 0 {
            return Ok(b.read(&mut y[..1])? == 0);
        }
        b.read_exact(&mut y[..n])?;
        if x[..n] != y[..n] {
            return Ok(false);
        }
    }
}

impl Drop for SiteWriter {
    fn drop(&mut self) {
        if !self.finished {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
        if let Some(r) = self.remover.take() {
            let _ = r.join();
        }
    }
}

/// Swap two paths atomically (Linux `renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let a = std::ffi::CString::new(a.as_os_str().as_bytes())?;
    let b = std::ffi::CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: two valid NUL-terminated paths; the call only renames.
    let r = unsafe { libc::renameat2(libc::AT_FDCWD, a.as_ptr(), libc::AT_FDCWD, b.as_ptr(), libc::RENAME_EXCHANGE) };
    if r == 0 { Ok(()) } else { Err(io::Error::last_os_error()) }
}

/// Elsewhere there is no atomic exchange; the caller renames twice.
#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::new(io::ErrorKind::Unsupported, "no atomic exchange"))
}

/// A fresh name for a folder next to `out`: `.public.<tag>-<pid>-<n>`.
fn unique_name(out: &Path, tag: &str) -> PathBuf {
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    staging_name(out, &format!("{tag}-{n}"))
}

/// Replace `out` by `staging` with two renames; the old one is kept aside for the next build
/// to remove.
fn swap_in(staging: &Path, out: &Path) -> io::Result<()> {
    if out.exists() {
        let old = unique_name(out, "old");
        // One atomic exchange where the system has it: no moment without `public/`.
        if exchange(staging, out).is_ok() {
            return std::fs::rename(staging, &old);
        }
        std::fs::rename(out, &old)?;
        if let Err(e) = std::fs::rename(staging, out) {
            let _ = std::fs::rename(&old, out);
            return Err(e);
        }
    } else {
        std::fs::rename(staging, out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;

//! Where the files of a built site go: the [`Sink`] seam between making files and putting them
//! somewhere. Rendering hands each file to a sink as soon as it is made; the sinks decide where
//! it goes — a staging folder that replaces `public/` when complete ([`crate::output::SiteWriter`]),
//! files replaced in place ([`crate::output::InPlace`]), memory for the preview ([`Collect`]) —
//! and adapters stack on them: a progress bar ([`crate::progress::Progress`]) or a switch that
//! stops a build at its first failure ([`Stoppable`]). The same rendering code therefore builds
//! to disk, to memory, or through a progress bar. (ripgrep's `Sink` in `searcher/src/sink.rs` is
//! the model for this layout.)

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative path with `/` separators, e.g. `en/regions/yuncheng/index.html`.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Where rendered files go. Called from several threads at once.
pub trait Sink: Sync {
    /// Take one file.
    fn file(&self, file: OutputFile) -> std::io::Result<()>;
    /// Take a large file that `fill` writes piece by piece (`all.csv`, `all.json`).
    fn stream(&self, path: &str, fill: &dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()>) -> std::io::Result<()>;
}

/// A sink that refuses every file once `stop` is set: the whole-site downloads of a full
/// build stop when a page beside them has failed.
pub struct Stoppable<'a> {
    pub inner: &'a dyn Sink,
    pub stop: &'a std::sync::atomic::AtomicBool,
}

impl Stoppable<'_> {
    fn check(&self) -> std::io::Result<()> {
        if self.stop.load(std::sync::atomic::Ordering::Relaxed) {
            return Err(std::io::Error::other("stopped: another part of the build failed"));
        }
        Ok(())
    }
}

impl Sink for Stoppable<'_> {
    fn file(&self, file: OutputFile) -> std::io::Result<()> {
        self.check()?;
        self.inner.file(file)
    }

    fn stream(&self, path: &str, fill: &dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()>) -> std::io::Result<()> {
        self.check()?;
        self.inner.stream(path, &|w| fill(&mut StoppableWrite { inner: w, stop: self }))
    }
}

/// The writer of a [`Stoppable`] stream: refuses the next write once the build has failed.
struct StoppableWrite<'a, 'b> {
    inner: &'a mut dyn std::io::Write,
    stop: &'a Stoppable<'b>,
}

impl std::io::Write for StoppableWrite<'_, '_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.stop.check()?;
        self.inner.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// A sink that keeps every file in memory.
#[derive(Default)]
pub struct Collect(std::sync::Mutex<Vec<OutputFile>>);

impl Collect {
    /// The files, sorted by path.
    pub fn into_files(self) -> Vec<OutputFile> {
        let mut files = self.0.into_inner().unwrap_or_else(|p| p.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

impl Sink for Collect {
    fn file(&self, mut file: OutputFile) -> std::io::Result<()> {
        // A page is rendered into a buffer with room to spare; kept for the whole preview,
        // the spare room would double what a national site holds in memory.
        if file.bytes.capacity() - file.bytes.len() > file.bytes.len() / 8 {
            file.bytes = file.bytes.as_slice().to_vec();
        }
        self.0.lock().unwrap_or_else(|p| p.into_inner()).push(file);
        Ok(())
    }

    fn stream(&self, path: &str, fill: &dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()>) -> std::io::Result<()> {
        let mut bytes = Vec::new();
        fill(&mut bytes)?;
        self.file(OutputFile { path: path.to_string(), bytes })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};

    fn file(path: &str) -> OutputFile {
        OutputFile { path: path.into(), bytes: b"x".to_vec() }
    }

    #[test]
    fn a_stoppable_sink_refuses_files_and_writes_once_stopped() {
        let (inner, stop) = (Collect::default(), AtomicBool::new(false));
        let sink = Stoppable { inner: &inner, stop: &stop };
        assert!(sink.file(file("a")).is_ok());
        // A stream stopped half-way: the write after the stop is refused.
        let streamed = sink.stream("big", &|w| {
            w.write_all(b"first")?;
            stop.store(true, Ordering::Relaxed);
            w.write_all(b"second")
        });
        assert!(streamed.is_err());
        assert!(sink.file(file("b")).is_err());
        let paths: Vec<String> = inner.into_files().into_iter().map(|f| f.path).collect();
        assert_eq!(paths, ["a"]);
    }
}

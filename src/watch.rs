//! Watching the site's files for changes (notify 8 with notify-debouncer-full).
//!
//! Folders are watched, not single files, so an editor's save through a temporary file and a
//! rename is seen. Editor swap, backup and temporary files are ignored. A burst of events
//! (a "save all", a `git checkout`) arrives as one batch.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify_debouncer_full::notify::{self, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer, new_debouncer_opt};

use crate::messages::{Message, cli, serve as m};
use crate::msg;

/// How long the watcher waits for a burst of events to end.
pub const DEBOUNCE: Duration = Duration::from_millis(50);

/// A running watcher; dropping it stops watching.
pub struct Watcher {
    _inner: Box<dyn std::any::Any + Send>,
    changes: mpsc::Receiver<Result<Vec<PathBuf>, String>>,
    root: PathBuf,
    poll: bool,
    dirs: Vec<PathBuf>,
}

/// How often the watcher looks for a `themes/` (or `content/`) folder created after it started.
const NEW_FOLDER_CHECK: Duration = Duration::from_secs(2);

impl Watcher {
    /// Wait for the next batch of changed paths (`Err` for a watching problem; `None` when the
    /// watcher is gone). A folder to watch created meanwhile is watched from then on and
    /// reported as a change.
    pub fn next_change(&mut self) -> Option<Result<Vec<PathBuf>, String>> {
        loop {
            match self.changes.recv_timeout(NEW_FOLDER_CHECK) {
                Ok(change) => return Some(change),
                Err(mpsc::RecvTimeoutError::Disconnected) => return None,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    let now = watched_dirs(&self.root);
                    if now != self.dirs {
                        let added: Vec<PathBuf> = now.iter().filter(|d| !self.dirs.contains(d)).cloned().collect();
                        match watch(&self.root, self.poll) {
                            Ok(w) => *self = w,
                            Err(e) => return Some(Err(e.to_string())),
                        }
                        if !added.is_empty() {
                            return Some(Ok(added));
                        }
                    }
                }
            }
        }
    }
}

impl Watcher {
    /// The loop of `build --watch` and `serve`: call `on_change` with each batch of changed
    /// paths and a short description of it (the one path, relative to the root, or "N files
    /// changed" in the user's language), and `on_error` with each watching problem, until the
    /// watcher is gone.
    pub fn each_change(mut self, mut on_change: impl FnMut(&[PathBuf], &str), on_error: impl Fn(&str)) {
        while let Some(change) = self.next_change() {
            match change {
                Ok(paths) => {
                    let what = match paths.as_slice() {
                        [one] => one.strip_prefix(&self.root).unwrap_or(one).display().to_string(),
                        many => msg!(cli::FILES_CHANGED, n = many.len()).to_string(),
                    };
                    on_change(&paths, &what);
                }
                Err(e) => on_error(&e),
            }
        }
    }
}

/// `root` made absolute where it can be: file events carry absolute paths.
pub fn absolute(root: &Path) -> PathBuf {
    root.canonicalize().unwrap_or_else(|_| root.to_path_buf())
}

/// Is this a path whose change should trigger a rebuild?
pub fn is_relevant(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    !crate::content::is_ignored_file(&name)
}

fn handler(tx: mpsc::Sender<Result<Vec<PathBuf>, String>>) -> impl FnMut(DebounceEventResult) + Send + 'static {
    move |result: DebounceEventResult| {
        let msg = match result {
            Ok(events) => {
                let mut paths: Vec<PathBuf> = events
                    .iter()
                    .filter(|e| !matches!(e.kind, notify::EventKind::Access(_)))
                    .flat_map(|e| e.paths.iter().cloned())
                    .filter(|p| is_relevant(p))
                    .collect();
                paths.sort();
                paths.dedup();
                if paths.is_empty() {
                    return;
                }
                Ok(paths)
            }
            Err(errors) => Err(errors.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; ")),
        };
        let _ = tx.send(msg);
    }
}

/// The folders of a site that are watched: `content/` and `themes/` (when it exists).
pub fn watched_dirs(root: &Path) -> Vec<PathBuf> {
    ["content", "themes"].iter().map(|d| root.join(d)).filter(|p| p.is_dir()).collect()
}

/// Start watching the site under `root`. `poll` uses polling instead of OS events (network
/// drives, some containers).
pub fn watch(root: &Path, poll: bool) -> Result<Watcher, Message> {
    let (tx, rx) = mpsc::channel();
    let dirs = watched_dirs(root);
    let explain = |e: notify::Error| -> Message {
        if matches!(e.kind, notify::ErrorKind::MaxFilesWatch) {
            msg!(m::WATCH_LIMIT)
        } else {
            msg!(m::WATCH_CANNOT, error = e)
        }
    };
    if poll {
        let config =
            notify::Config::default().with_poll_interval(Duration::from_millis(300)).with_compare_contents(false);
        let mut d = new_debouncer_opt::<_, notify::PollWatcher, notify_debouncer_full::NoCache>(
            DEBOUNCE,
            None,
            handler(tx),
            notify_debouncer_full::NoCache,
            config,
        )
        .map_err(explain)?;
        for dir in &dirs {
            d.watch(dir, RecursiveMode::Recursive).map_err(explain)?;
        }
        Ok(Watcher { _inner: Box::new(d), changes: rx, root: root.to_path_buf(), poll, dirs })
    } else {
        let mut d = new_debouncer(DEBOUNCE, None, handler(tx)).map_err(explain)?;
        for dir in &dirs {
            d.watch(dir, RecursiveMode::Recursive).map_err(explain)?;
        }
        Ok(Watcher { _inner: Box::new(d), changes: rx, root: root.to_path_buf(), poll, dirs })
    }
}

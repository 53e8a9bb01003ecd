//! `gongkai serve`: build the site into memory, serve it over HTTP, rebuild on every change and
//! reload open pages. The user's `public/` is never touched. A failed rebuild keeps the last
//! good site and shows the error on every page until the next good build.

mod http;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;

use tokio::sync::broadcast;

use crate::render::OutputFile;

/// Options of `gongkai serve`.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub interface: IpAddr,
    pub port: u16,
    pub poll: bool,
    pub open: bool,
}

/// What the server serves right now.
#[derive(Default)]
pub struct Snapshot {
    pub files: HashMap<String, Arc<Vec<u8>>>,
    /// The last build's error report, while the last build failed.
    pub error: Option<String>,
}

/// Messages to the pages' reload script.
#[derive(Debug, Clone, PartialEq)]
pub enum Signal {
    Reload,
    Error(String),
    /// The server is stopping: reload streams end so that shutdown does not wait for them.
    Shutdown,
}

/// Shared between the HTTP server and the rebuild loop.
pub struct Live {
    pub snapshot: RwLock<Arc<Snapshot>>,
    pub signals: broadcast::Sender<Signal>,
    /// The model and theme of the last good build, for incremental rebuilds.
    last: Mutex<Option<(crate::model::Site, crate::render::Theme)>>,
}

impl Live {
    pub fn new() -> Arc<Live> {
        Arc::new(Live {
            snapshot: RwLock::new(Arc::new(Snapshot::default())),
            signals: broadcast::channel(16).0,
            last: Mutex::new(None),
        })
    }

    pub fn current(&self) -> Arc<Snapshot> {
        match self.snapshot.read() {
            Ok(s) => s.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    fn set(&self, snap: Snapshot) {
        match self.snapshot.write() {
            Ok(mut s) => *s = Arc::new(snap),
            Err(poisoned) => *poisoned.into_inner() = Arc::new(snap),
        }
    }

    /// Rebuild after `changed` files: only the pages a commentary edit affects when that is
    /// all that changed and the last build was good, else everything. Returns the line to print.
    pub fn rebuild_after(&self, root: &Path, changed: &[PathBuf], reason: &str) -> String {
        match self.incremental(root, changed, reason) {
            Some(line) => line,
            None => self.rebuild(root, reason),
        }
    }

    /// Re-render just the pages that show the changed commentary files.
    fn incremental(&self, root: &Path, changed: &[PathBuf], reason: &str) -> Option<String> {
        let start = Instant::now();
        if self.current().error.is_some() || changed.is_empty() {
            return None;
        }
        let rels: Vec<PathBuf> = changed.iter().map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf()).collect();
        let commentary_only = rels.iter().all(|r| {
            r.extension().is_some_and(|e| e == "md")
                && (r.starts_with("content/regions") || r.starts_with("content/indicators"))
        });
        if !commentary_only {
            return None;
        }
        let mut guard = self.last.lock().ok()?;
        let (site, theme) = guard.as_mut()?;
        let mut sel = crate::render::Selection::default();
        for rel in &rels {
            let c =
                if root.join(rel).is_file() { Some(crate::content::load_commentary(root, rel).ok()?) } else { None };
            let of = site.set_commentary(rel, c.as_ref());
            match of {
                Some(crate::model::CommentaryOf::Region(r)) => {
                    sel.regions.insert(r);
                    sel.home = true;
                }
                Some(crate::model::CommentaryOf::RegionIndicator(r, _)) => {
                    sel.regions.insert(r);
                }
                Some(crate::model::CommentaryOf::Indicator(i)) => {
                    for r in site.regions.iter().filter(|r| r.series.iter().any(|s| s.indicator == i)) {
                        sel.regions.insert(r.id.clone());
                    }
                    sel.indicators.insert(i);
                }
                None => {
                    // Not a commentary file of this site: the model may be half updated, so
                    // forget it; the full rebuild reports the problem.
                    *guard = None;
                    return None;
                }
            }
        }
        let files = match crate::render::render_selected(site, theme, root, &sel) {
            Ok(f) => f,
            Err(_) => {
                *guard = None;
                return None;
            }
        };
        drop(guard);
        let pages = files.len();
        let mut all = self.current().files.clone();
        for f in files {
            all.insert(f.path, Arc::new(f.bytes));
        }
        self.set(Snapshot { files: all, error: None });
        let _ = self.signals.send(Signal::Reload);
        Some(format!("{reason}: re-rendered {pages} pages in {} ms", start.elapsed().as_millis()))
    }

    /// Rebuild from `root`: on success serve the new files and reload pages; on failure keep
    /// the old files and show the error. Returns the line to print.
    pub fn rebuild(&self, root: &Path, reason: &str) -> String {
        let start = Instant::now();
        match crate::pipeline::build(root) {
            Ok(built) => {
                let pages = built.files.iter().filter(|f| f.path.ends_with(".html")).count();
                let files: HashMap<String, Arc<Vec<u8>>> =
                    built.files.into_iter().map(|f: OutputFile| (f.path, Arc::new(f.bytes))).collect();
                if let Ok(mut last) = self.last.lock() {
                    *last = Some((built.site, built.theme));
                }
                self.set(Snapshot { files, error: None });
                let _ = self.signals.send(Signal::Reload);
                let warnings = built.warnings.warning_count();
                let w =
                    if warnings > 0 { format!(", {warnings} warnings (run `gongkai check`)") } else { String::new() };
                format!("{reason}: built {pages} pages in {} ms{w}", start.elapsed().as_millis())
            }
            Err(diags) => {
                let report = diags.to_string();
                let old = self.current();
                self.set(Snapshot { files: old.files.clone(), error: Some(report.clone()) });
                let _ = self.signals.send(Signal::Error(report.clone()));
                format!("{reason}: build failed, still serving the last good site\n{report}")
            }
        }
    }
}

fn relative(root: &Path, p: &Path) -> String {
    p.strip_prefix(root).unwrap_or(p).display().to_string()
}

/// Run the preview server until Ctrl-C.
pub fn run(mut opts: Options) -> std::process::ExitCode {
    // File events carry absolute paths; compare them with an absolute root.
    if let Ok(abs) = opts.root.canonicalize() {
        opts.root = abs;
    }
    let live = Live::new();
    println!("{}", live.rebuild(&opts.root, "initial build"));
    if live.current().files.is_empty() {
        eprintln!("error: the site could not be built; fix the errors above and run `gongkai serve` again");
        return std::process::ExitCode::from(1);
    }
    if !opts.interface.is_loopback() {
        eprintln!(
            "warning: serving on {} — the preview can be reached by other computers on the network",
            opts.interface
        );
    }
    let mut watcher = match crate::watch::watch(&opts.root, opts.poll) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: {e}");
            return std::process::ExitCode::from(1);
        }
    };
    // The rebuild loop runs on its own thread; builds are CPU work, not async.
    let loop_live = live.clone();
    let root = opts.root.clone();
    std::thread::spawn(move || {
        while let Some(change) = watcher.next_change() {
            match change {
                Ok(paths) => {
                    let what = match paths.as_slice() {
                        [one] => relative(&root, one),
                        many => format!("{} files changed", many.len()),
                    };
                    println!("{}", loop_live.rebuild_after(&root, &paths, &what));
                }
                Err(e) => eprintln!("warning: file watching: {e}"),
            }
        }
    });
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the server: {e}");
            return std::process::ExitCode::from(1);
        }
    };
    runtime.block_on(async move {
        let listener = match http::bind(opts.interface, opts.port).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("error: {e}");
                return std::process::ExitCode::from(1);
            }
        };
        let addr: SocketAddr = listener.local_addr().unwrap_or(SocketAddr::new(opts.interface, opts.port));
        let url = format!("http://{addr}/");
        if opts.port != 0 && addr.port() != opts.port {
            println!("port {} is in use; using {} instead", opts.port, addr.port());
        }
        println!("serving at {url} (Ctrl-C to stop)");
        if opts.open {
            open_browser(&url);
        }
        match http::serve(listener, live).await {
            Ok(()) => {
                println!("stopped");
                std::process::ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: the server stopped: {e}");
                std::process::ExitCode::from(1)
            }
        }
    })
}

fn open_browser(url: &str) {
    let cmd = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(cmd).arg(url).spawn().is_err() {
        eprintln!("note: could not open a browser; open {url} yourself");
    }
}

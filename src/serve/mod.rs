//! `gongkai serve`: build the site into memory, serve it over HTTP, rebuild on every change and
//! reload open pages. The user's `public/` is never touched. A failed rebuild keeps the last
//! good site and shows the error on every page until the next good build.
//!
//! A small site is rendered whole, up front. A large one (a province's or a nation's counties)
//! is loaded and checked whole, but each page is rendered when it is first opened, with the
//! other pages of its region or indicator; a change then only forgets what was rendered. A
//! change to commentary or inside one region's folder is applied to the kept model in place
//! ([`crate::build::BuiltSite::update`], as `build --watch` does); anything else loads the
//! site again.

mod http;

use std::collections::{HashMap, HashSet};
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;

use tokio::sync::broadcast;

use crate::build::{BuiltSite, Change, NotApplied, Output};
use crate::messages::{Message, cli, serve as m};
use crate::msg;
use crate::render::Part;

/// Options of `gongkai serve`.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub interface: IpAddr,
    pub port: u16,
    pub poll: bool,
    pub open: bool,
    pub render: Render,
}

/// When the preview renders pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Render {
    /// Every page up front for a site of up to 5,000 files, else each page when it is opened.
    Auto,
    /// Every page up front, held in memory.
    All,
    /// Each page when it is first opened (with the other pages of its region or indicator).
    OnDemand,
}

/// Past this many files, `Render::Auto` renders pages when they are opened.
pub const ON_DEMAND_ABOVE: u64 = 5_000;

/// Past this many bytes, the pages rendered on demand are forgotten and rendered again when
/// next opened.
const CACHE_LIMIT: usize = 512 << 20;

/// What the server serves right now.
#[derive(Default)]
pub struct Snapshot {
    /// Every file of the site, when every page is rendered up front.
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

/// The answer to a request for a file of the site.
pub enum Found {
    File(Arc<Vec<u8>>),
    Missing,
    /// Rendering the page failed (a template problem): the report.
    Failed(String),
}

/// Files rendered on demand since the last change.
#[derive(Default)]
struct Cache {
    files: HashMap<String, Arc<Vec<u8>>>,
    parts: HashSet<Part>,
    bytes: usize,
}

/// Shared between the HTTP server and the rebuild loop.
pub struct Live {
    pub snapshot: RwLock<Arc<Snapshot>>,
    pub signals: broadcast::Sender<Signal>,
    root: PathBuf,
    render: Render,
    /// Whether pages are rendered when opened (decided by the first good build).
    on_demand: AtomicBool,
    /// The model, theme and assessments of the last good build.
    built: RwLock<Option<BuiltSite>>,
    cache: Mutex<Cache>,
    /// A change that could not be applied in place because its files had errors: when the
    /// next change is the same, it is tried in place again.
    failed: Mutex<Option<Change>>,
}

fn read<T>(l: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    l.read().unwrap_or_else(|p| p.into_inner())
}

fn write<T>(l: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    l.write().unwrap_or_else(|p| p.into_inner())
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Live {
    pub fn new(root: &Path, render: Render) -> Arc<Live> {
        Arc::new(Live {
            snapshot: RwLock::new(Arc::new(Snapshot::default())),
            signals: broadcast::channel(16).0,
            root: root.to_path_buf(),
            render,
            on_demand: AtomicBool::new(render == Render::OnDemand),
            built: RwLock::new(None),
            cache: Mutex::new(Cache::default()),
            failed: Mutex::new(None),
        })
    }

    pub fn current(&self) -> Arc<Snapshot> {
        read(&self.snapshot).clone()
    }

    fn set(&self, snap: Snapshot) {
        *write(&self.snapshot) = Arc::new(snap);
    }

    fn on_demand(&self) -> bool {
        self.on_demand.load(Ordering::Relaxed)
    }

    /// Is there a site to serve?
    pub fn has_site(&self) -> bool {
        read(&self.built).is_some()
    }

    /// The file at `path` if that takes no rendering; `None` when it must be rendered.
    pub fn find_ready(&self, path: &str) -> Option<Found> {
        if let Some(bytes) = self.current().files.get(path) {
            return Some(Found::File(bytes.clone()));
        }
        if !self.on_demand() {
            return Some(Found::Missing);
        }
        lock(&self.cache).files.get(path).map(|b| Found::File(b.clone()))
    }

    /// The file at `path` (an output path such as `regions/yuncheng/index.html`), rendered if
    /// need be.
    pub fn find(&self, path: &str) -> Found {
        if let Some(bytes) = self.current().files.get(path) {
            return Found::File(bytes.clone());
        }
        if !self.on_demand() {
            return Found::Missing;
        }
        if let Some(bytes) = lock(&self.cache).files.get(path) {
            return Found::File(bytes.clone());
        }
        // Rendering holds the model for reading, so a change cannot slip in between rendering
        // and caching.
        let built = read(&self.built);
        let Some(b) = built.as_ref() else { return Found::Missing };
        let Some(part) = crate::render::inventory::part_of(&b.site, path) else { return Found::Missing };
        if lock(&self.cache).parts.contains(&part) {
            return Found::Missing;
        }
        let files = match b.render_part(&self.root, part) {
            Ok(f) => f,
            Err(d) => return Found::Failed(self.report(d)),
        };
        let mut cache = lock(&self.cache);
        let mut found = Found::Missing;
        // The whole-site downloads are large and made again on each request.
        let keep = !matches!(part, Part::AllCsv | Part::AllJson);
        if keep && cache.bytes > CACHE_LIMIT {
            *cache = Cache::default();
        }
        for f in files {
            let bytes = Arc::new(f.bytes);
            if f.path == path {
                found = Found::File(bytes.clone());
            }
            if keep {
                cache.bytes += bytes.len();
                cache.files.insert(f.path, bytes);
            }
        }
        if keep {
            cache.parts.insert(part);
        }
        found
    }

    /// Rebuild after `changed` files: in place when the change allows it and the last build
    /// was good, else everything. Returns the line to print.
    pub fn rebuild_after(&self, changed: &[PathBuf], reason: &str) -> String {
        let change = crate::build::classify(&self.root, changed);
        match self.in_place(&change, reason) {
            Some(line) => line,
            None => self.rebuild(reason),
        }
    }

    /// Apply a change to the kept site and re-render what it touched (or, on demand, forget
    /// what was rendered). `None` when everything must be built again.
    fn in_place(&self, change: &Change, reason: &str) -> Option<String> {
        let start = Instant::now();
        if self.current().error.is_some() && lock(&self.failed).as_ref() != Some(change) {
            return None;
        }
        let mut guard = write(&self.built);
        let built = guard.as_mut()?;
        let sink = crate::sink::Collect::default();
        let output = if self.on_demand() { Output::Nothing } else { Output::Memory(&sink) };
        let updated = match built.update(&self.root, change, output, &|_| {}) {
            Ok(u) => u,
            Err(NotApplied::Everything(why)) => {
                println!("{}", msg!(m::SERVE_REBUILDING, reason = reason).arg_message("why", why.message()));
                return None;
            }
            Err(NotApplied::Invalid(d)) => {
                *lock(&self.failed) = Some(change.clone());
                return Some(self.show_error(reason, d));
            }
        };
        *lock(&self.failed) = None;
        if self.on_demand() {
            *lock(&self.cache) = Cache::default();
            drop(guard);
            self.set(Snapshot::default());
            let _ = self.signals.send(Signal::Reload);
            return Some(
                msg!(m::SERVE_UPDATED_ON_DEMAND, reason = reason, ms = start.elapsed().as_millis()).to_string(),
            );
        }
        drop(guard);
        let mut all = self.current().files.clone();
        for f in sink.into_files() {
            all.insert(f.path, Arc::new(f.bytes));
        }
        self.set(Snapshot { files: all, error: None });
        let _ = self.signals.send(Signal::Reload);
        let ms = start.elapsed().as_millis();
        Some(msg!(m::SERVE_RERENDERED, reason = reason, n = updated.pages.files, ms = ms).to_string())
    }

    /// Keep serving the last good site, with `diags` shown over every page.
    /// The problems as shown on the page and in the console, their YAML paths turned into
    /// lines and columns: the one place the preview shows problems.
    fn report(&self, mut diags: crate::diagnostics::Diagnostics) -> String {
        crate::content::spans::resolve(&mut diags, &self.root);
        diags.to_string()
    }

    fn show_error(&self, reason: &str, diags: crate::diagnostics::Diagnostics) -> String {
        let report = self.report(diags);
        let old = self.current();
        self.set(Snapshot { files: old.files.clone(), error: Some(report.clone()) });
        let _ = self.signals.send(Signal::Error(report.clone()));
        msg!(m::SERVE_BUILD_FAILED, reason = reason, report = report).to_string()
    }

    /// Build everything again: on success serve the new site and reload pages; on failure keep
    /// the old one and show the error. Returns the line to print.
    pub fn rebuild(&self, reason: &str) -> String {
        let start = Instant::now();
        let (built, warnings) = match BuiltSite::load(&self.root) {
            Ok(p) => p,
            Err(d) => return self.show_error(reason, d),
        };
        if self.render == Render::Auto {
            let files = crate::render::inventory::count(&built.site, built.theme.assets.len());
            self.on_demand.store(files > ON_DEMAND_ABOVE, Ordering::Relaxed);
        }
        // On demand, the front pages are rendered now so that a template mistake shows at once.
        let rendered =
            if self.on_demand() { built.render_part(&self.root, Part::Home) } else { built.render_all(&self.root) };
        let files = match rendered {
            Ok(f) => f,
            Err(d) => return self.show_error(reason, d),
        };
        let mut guard = write(&self.built);
        *guard = Some(built);
        *lock(&self.failed) = None;
        let done = if self.on_demand() {
            let mut cache = Cache::default();
            for f in files {
                cache.bytes += f.bytes.len();
                cache.files.insert(f.path, Arc::new(f.bytes));
            }
            cache.parts.insert(Part::Home);
            *lock(&self.cache) = cache;
            self.set(Snapshot::default());
            msg!(m::SERVE_LOADED)
        } else {
            let pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
            self.set(Snapshot { files: files.into_iter().map(|f| (f.path, Arc::new(f.bytes))).collect(), error: None });
            msg!(m::SERVE_BUILT, pages = pages)
        };
        drop(guard);
        let _ = self.signals.send(Signal::Reload);
        let warnings = match warnings.warning_count() {
            0 => String::new(),
            n => msg!(m::SERVE_WARNINGS, n = n).to_string(),
        };
        done.arg("reason", reason).arg("ms", start.elapsed().as_millis()).arg("warnings", warnings).to_string()
    }
}

/// Run the preview server until Ctrl-C.
pub fn run(mut opts: Options) -> std::process::ExitCode {
    // File events carry absolute paths; compare them with an absolute root.
    opts.root = crate::watch::absolute(&opts.root);
    let live = Live::new(&opts.root, opts.render);
    println!("{}", live.rebuild(&msg!(m::SERVE_INITIAL_BUILD).to_string()));
    if !live.has_site() {
        eprintln!("{}", error_line(msg!(m::SERVE_CANNOT_BUILD)));
        return std::process::ExitCode::from(1);
    }
    if !opts.interface.is_loopback() {
        eprintln!("{}", warning_line(msg!(m::SERVE_EXPOSED, address = opts.interface)));
    }
    let watcher = match crate::watch::watch(&opts.root, opts.poll) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("{}", error_line(e));
            return std::process::ExitCode::from(1);
        }
    };
    // The rebuild loop runs on its own thread; builds are CPU work, not async.
    let loop_live = live.clone();
    std::thread::spawn(move || {
        watcher.each_change(
            |paths, what| println!("{}", loop_live.rebuild_after(paths, what)),
            |e| eprintln!("{}", warning_line(msg!(cli::WATCH_WARNING, error = e))),
        )
    });
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{}", error_line(msg!(m::SERVE_CANNOT_START, error = e)));
            return std::process::ExitCode::from(1);
        }
    };
    runtime.block_on(async move {
        let listener = match http::bind(opts.interface, opts.port).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("{}", error_line(e));
                return std::process::ExitCode::from(1);
            }
        };
        let addr: SocketAddr = listener.local_addr().unwrap_or(SocketAddr::new(opts.interface, opts.port));
        let url = format!("http://{addr}/");
        if opts.port != 0 && addr.port() != opts.port {
            println!("{}", msg!(m::SERVE_PORT_IN_USE, port = opts.port, other = addr.port()));
        }
        println!("{}", msg!(m::SERVE_SERVING, url = &url));
        if opts.open {
            open_browser(&url);
        }
        match http::serve(listener, live).await {
            Ok(()) => {
                println!("{}", msg!(m::SERVE_STOPPED));
                std::process::ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{}", error_line(msg!(m::SERVE_SERVER_STOPPED, error = e)));
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
        eprintln!("{}", msg!(m::SERVE_NO_BROWSER, url = url));
    }
}

/// `error: …` on the console, in the user's language.
fn error_line(error: Message) -> Message {
    Message::new(&cli::ERROR_LINE).arg_message("error", error)
}

/// `warning: …` on the console, in the user's language.
fn warning_line(warning: Message) -> Message {
    Message::new(&m::SERVE_WARNING_LINE).arg_message("warning", warning)
}

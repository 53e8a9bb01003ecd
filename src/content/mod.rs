//! Stage 1: read every file under `content/` into raw structs, with locations for errors.
//! Nothing is cross-checked here; see `model` for that.

pub mod csv;
pub mod de;
pub mod markdown;
pub mod plan;
pub mod raw;
pub mod source;
pub mod spans;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::messages::{Entry, Message, content as m};
use crate::msg;
use de::{RawValue, Text};
use markdown::RawMarkdown;
use raw::*;

/// A parsed file with its id (file or folder name) and where it came from.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    pub id: String,
    pub file: PathBuf,
    pub value: T,
}

/// A field of an observation, for pointing at it in an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Indicator,
    Scope,
    Period,
    Value,
}

/// One observation as written, from YAML or CSV. A national site holds 1.8 million of them
/// while its model is built, so a record is kept small: the names are shared by the values of
/// one `data.yaml` entry (or one CSV file), and where it is written is a few numbers, made into a
/// [`Location`] only for an error ([`DataRecord::at`]).
#[derive(Debug, Clone, PartialEq)]
pub struct DataRecord {
    /// Shared by every record of the file.
    pub file: std::sync::Arc<Path>,
    /// Where the value is written.
    pub written: Written,
    pub indicator: std::sync::Arc<str>,
    pub scope: Option<std::sync::Arc<str>>,
    pub period: String,
    pub value: RawValue,
    pub note: Option<Text>,
    pub source: Option<Text>,
    pub sample: bool,
    /// When the value was made public, as written, and where: shared by the values of one
    /// `data.yaml` entry, and a pointer wide where there is none (1.8 million records at
    /// national scale: inline, it cost 300 MB at the peak).
    pub released: Option<std::sync::Arc<(String, Location)>>,
}

/// Where a [`DataRecord`] is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// The `value` of `data.yaml`'s entry `[i]`.
    Entry(u32),
    /// A value of the `values` of `data.yaml`'s entry `[i]`, under the record's period.
    InSeries(u32),
    /// A row of `data.csv`: its line, and the columns of its indicator, scope, period and value
    /// cells.
    Csv { line: u32, columns: [u32; 4] },
}

impl DataRecord {
    /// Where the record is: its `data.yaml` entry's value (`[3].value`, `[3].values.2023`), or its
    /// CSV line.
    pub fn location(&self) -> Location {
        match self.written {
            Written::Entry(i) => Location::YamlPath(format!("[{i}].value")),
            Written::InSeries(i) => Location::YamlPath(format!("[{i}].values.{}", self.period)),
            Written::Csv { line, .. } => Location::Position { line: line as usize, column: 1 },
        }
    }

    /// The index of its `data.yaml` entry; `None` for a CSV row.
    pub fn entry(&self) -> Option<usize> {
        match self.written {
            Written::Entry(i) | Written::InSeries(i) => Some(i as usize),
            Written::Csv { .. } => None,
        }
    }

    /// Where one field of the observation is written.
    pub fn at(&self, field: Field) -> Location {
        let yaml = Location::YamlPath;
        match self.written {
            Written::Csv { line, columns } => {
                let i = match field {
                    Field::Indicator => 0,
                    Field::Scope => 1,
                    Field::Period => 2,
                    Field::Value => 3,
                };
                Location::Position { line: line as usize, column: columns[i] as usize }
            }
            Written::Entry(i) | Written::InSeries(i) => match field {
                Field::Indicator => yaml(format!("[{i}].indicator")),
                Field::Scope => yaml(format!("[{i}].scope")),
                // In a series the period is the key of its value.
                Field::Period if matches!(self.written, Written::InSeries(_)) => {
                    yaml(format!("[{i}].values.{}@key", self.period))
                }
                Field::Period => yaml(format!("[{i}].period")),
                Field::Value => self.location(),
            },
        }
    }
}

/// A Markdown file `<stem>.<lang>.md`.
#[derive(Debug, Clone)]
pub struct Commentary {
    pub file: PathBuf,
    pub stem: String,
    pub lang: String,
    pub md: RawMarkdown,
}

/// The files of one region folder.
#[derive(Debug, Clone, Default)]
pub struct RawRegionDir {
    pub id: String,
    pub dir: PathBuf,
    pub region: Option<Loaded<RawRegion>>,
    pub data: Vec<DataRecord>,
    pub tasks: Vec<RawTask>,
    pub tasks_file: Option<PathBuf>,
    pub commentary: Vec<Commentary>,
    /// The plan's text (`plan.zh.md`) and its English outline (`plan.en.md`), as written: the model
    /// reads it into blocks when it checks the quotes (kept whole here, a national site's
    /// parsed plans took a third of a gigabyte while the model was being built).
    pub plan_texts: Vec<plan::PlanSource>,
}

/// Files that exist but could not be read. References to what they define are not reported
/// again: the file's own error says what is wrong.
#[derive(Debug, Clone, Default)]
pub struct Broken {
    pub indicators: std::collections::HashSet<String>,
    pub regions: std::collections::HashSet<String>,
    pub categories: bool,
    pub scopes: bool,
    pub site: bool,
}

/// Everything under `content/`, as written.
#[derive(Debug, Clone, Default)]
pub struct RawContent {
    pub broken: Broken,
    pub site: Option<Loaded<RawSite>>,
    pub categories: Option<Loaded<RawCategories>>,
    pub scopes: Option<Loaded<RawScopes>>,
    pub indicators: Vec<Loaded<RawIndicator>>,
    pub indicator_commentary: Vec<Commentary>,
    pub regions: Vec<RawRegionDir>,
    pub pages: Vec<Commentary>,
    pub files_read: usize,
}

/// The folder under the site root that holds the content.
pub const CONTENT_DIR: &str = "content";

/// Files that editors and operating systems leave behind; never content, never a reason to rebuild.
pub fn is_ignored_file(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('~')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".swo")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || name.ends_with(".orig")
        || name == "4913"
        || name == "Thumbs.db"
        || name == "desktop.ini"
}

/// Read all content under `root/content`.
pub fn load(root: &Path) -> (RawContent, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut raw = RawContent::default();
    let content = root.join(CONTENT_DIR);
    let rel = |name: &str| Path::new(CONTENT_DIR).join(name);
    if !content.is_dir() {
        diags.push(
            Diagnostic::error(CONTENT_DIR, Location::File, msg!(m::NO_CONTENT_FOLDER, root = root.display()))
                .with_hint(msg!(m::NO_CONTENT_FOLDER_HINT)),
        );
        return (raw, diags);
    }
    let guard = Guard::new(&content);

    raw.site = read_yaml(root, &rel("site.yaml"), "site", &m::HOLDS_SITE, true, &guard, &mut diags);
    raw.categories =
        read_yaml(root, &rel("categories.yaml"), "categories", &m::HOLDS_CATEGORIES, true, &guard, &mut diags);
    raw.scopes = read_yaml(root, &rel("scopes.yaml"), "scopes", &m::HOLDS_SCOPES, false, &guard, &mut diags);
    raw.files_read +=
        [raw.site.is_some(), raw.categories.is_some(), raw.scopes.is_some()].iter().filter(|b| **b).count();
    let exists = |name: &str| root.join(rel(name)).is_file();
    raw.broken.site = raw.site.is_none() && exists("site.yaml");
    raw.broken.categories = raw.categories.is_none() && exists("categories.yaml");
    raw.broken.scopes = raw.scopes.is_none() && exists("scopes.yaml");

    // Indicators.
    for (name, path) in list_dir(root, &rel("indicators"), &guard, &mut diags, false) {
        if let Some(id) = name.strip_suffix(".yaml") {
            match read_yaml(root, &path, id, &m::HOLDS_INDICATOR, true, &guard, &mut diags) {
                Some(ind) => raw.indicators.push(ind),
                None => {
                    raw.broken.indicators.insert(id.to_string());
                }
            }
            raw.files_read += 1;
        } else if name.ends_with(".md") {
            raw.files_read += 1;
            if let Some(c) = read_commentary(root, &path, &name, &mut diags) {
                raw.indicator_commentary.push(c);
            }
        } else {
            diags.push(ignored(&path));
        }
    }

    // Pages.
    for (name, path) in list_dir(root, &rel("pages"), &guard, &mut diags, false) {
        if name.ends_with(".md") {
            raw.files_read += 1;
            if let Some(c) = read_commentary(root, &path, &name, &mut diags) {
                raw.pages.push(c);
            }
        } else {
            diags.push(ignored(&path));
        }
    }

    // Regions, in parallel: at national scale they are thousands of folders.
    let region_dirs: Vec<(String, PathBuf)> = list_dir(root, &rel("regions"), &guard, &mut diags, true);
    let loaded: Vec<(RawRegionDir, Diagnostics, usize)> =
        region_dirs.into_par_iter().map(|(id, dir)| load_region(root, id, dir, &guard)).collect();
    for (region, d, files) in loaded {
        diags.extend(d);
        raw.files_read += files;
        if region.region.is_none() {
            raw.broken.regions.insert(region.id.clone());
        }
        raw.regions.push(region);
    }

    if let Ok(entries) = std::fs::read_dir(&content) {
        let known = ["site.yaml", "categories.yaml", "scopes.yaml", "indicators", "regions", "pages"];
        let mut names: Vec<String> = entries.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        for name in names.iter().filter(|n| !is_ignored_file(n) && !known.contains(&n.as_str())) {
            diags.push(ignored(&rel(name)));
        }
    }
    (raw, diags)
}

/// Read one region's folder (`content/regions/<id>/`) on its own, for an incremental rebuild.
pub fn load_region_dir(root: &Path, id: &str) -> (RawRegionDir, Diagnostics) {
    let content = root.join(CONTENT_DIR);
    let guard = Guard::new(&content);
    let dir = Path::new(CONTENT_DIR).join("regions").join(id);
    let (region, diags, _) = load_region(root, id.to_string(), dir, &guard);
    (region, diags)
}

fn ignored(path: &Path) -> Diagnostic {
    Diagnostic::warning(path, Location::File, msg!(m::FILE_IGNORED)).with_hint(msg!(m::FILE_IGNORED_HINT))
}

fn load_region(root: &Path, id: String, dir: PathBuf, guard: &Guard) -> (RawRegionDir, Diagnostics, usize) {
    let mut diags = Diagnostics::new();
    let mut files = 0;
    let mut region = RawRegionDir { id: id.clone(), dir: dir.clone(), ..Default::default() };
    let region_file = dir.join("region.yaml");
    if root.join(&region_file).is_file() {
        region.region = read_yaml(root, &region_file, &id, &m::HOLDS_REGION, true, guard, &mut diags);
        files += 1;
    } else {
        diags.push(
            Diagnostic::error(&dir, Location::File, msg!(m::NO_REGION_YAML, id = &id))
                .with_hint(msg!(m::NO_REGION_YAML_HINT)),
        );
    }
    for (name, path) in list_dir(root, &dir, guard, &mut diags, false) {
        match name.as_str() {
            "region.yaml" => {}
            "data.yaml" => {
                files += 1;
                let entries: Option<Loaded<Vec<RawDataEntry>>> =
                    read_yaml(root, &path, &id, &m::HOLDS_OBSERVATIONS, true, guard, &mut diags);
                if let Some(entries) = entries {
                    flatten_data(&path, entries.value, &mut region.data, &mut diags);
                }
            }
            "data.csv" => {
                files += 1;
                match source::read_csv_text(root, &path) {
                    Ok((text, note)) => {
                        if let Some(note) = note {
                            diags.push(note);
                        }
                        csv::parse_csv(&path, &text, &mut region.data, &mut diags)
                    }
                    Err(d) => diags.push(d),
                }
            }
            "tasks.yaml" => {
                files += 1;
                let tasks: Option<Loaded<Vec<RawTask>>> =
                    read_yaml(root, &path, &id, &m::HOLDS_TASKS, true, guard, &mut diags);
                region.tasks = tasks.map(|t| t.value).unwrap_or_default();
                region.tasks_file = Some(path);
            }
            // The plan's text and its English outline; no other language is read (the page of
            // every language shows the Chinese text).
            // A later plan's text (`plan.<key>.zh.md`): its place is kept, but it is not read yet.
            n if n.starts_with("plan.") && n.ends_with(".md") && n.matches('.').count() > 2 => {
                diags.push(
                    Diagnostic::warning(&path, Location::File, msg!(m::PLAN_SUCCESSOR_NOT_READ, name = n))
                        .with_hint(msg!(m::PLAN_SUCCESSOR_NOT_READ_HINT)),
                );
            }
            n if n.starts_with("plan.") && n.ends_with(".md") && n.matches('.').count() == 2 => {
                let lang = &n["plan.".len()..n.len() - ".md".len()];
                if lang != "zh" && lang != "en" {
                    diags.push(
                        Diagnostic::warning(&path, Location::File, msg!(m::PLAN_OTHER_LANGUAGE, name = n))
                            .with_hint(msg!(m::PLAN_OTHER_LANGUAGE_HINT)),
                    );
                    continue;
                }
                files += 1;
                match source::read_text(root, &path) {
                    Ok(text) => region.plan_texts.push(plan::PlanSource {
                        file: path.clone(),
                        lang: lang.to_string(),
                        text: std::sync::Arc::from(text.strip_prefix('\u{feff}').unwrap_or(&text)),
                    }),
                    Err(d) => diags.push(d),
                }
            }
            n if n.ends_with(".md") => {
                files += 1;
                if let Some(c) = read_commentary(root, &path, n, &mut diags) {
                    region.commentary.push(c);
                }
            }
            _ => diags.push(ignored(&path)),
        }
    }
    // Kept until the model is built: without the room a growing vector leaves.
    region.data.shrink_to_fit();
    (region, diags, files)
}

/// A region's observations from the texts of its `data.csv` and `data.yaml` (`None`: no such
/// file), as loading reads them from disk: for checking content not yet written
/// (`gongkai import` checks the site with its changes before it writes them).
pub fn region_data(dir: &Path, csv_text: Option<&str>, yaml_text: Option<&str>) -> (Vec<DataRecord>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut data = Vec::new();
    if let Some(text) = csv_text {
        csv::parse_csv(&dir.join("data.csv"), text, &mut data, &mut diags);
    }
    if let Some(text) = yaml_text {
        let path = dir.join("data.yaml");
        match source::parse_yaml::<Vec<RawDataEntry>>(&path, text, &m::HOLDS_OBSERVATIONS) {
            Ok(entries) => flatten_data(&path, entries, &mut data, &mut diags),
            Err(d) => diags.push(d),
        }
    }
    (data, diags)
}

/// Turn `data.yaml` entries into one record per observation.
fn flatten_data(file: &Path, entries: Vec<RawDataEntry>, out: &mut Vec<DataRecord>, diags: &mut Diagnostics) {
    let shared: std::sync::Arc<Path> = file.into();
    for (i, e) in entries.into_iter().enumerate() {
        let at = |field: &str| Location::YamlPath(format!("[{i}]{field}"));
        let released = e.released.as_ref().map(|d| std::sync::Arc::new((d.0.clone(), at(".released"))));
        let indicator: std::sync::Arc<str> = e.indicator.as_str().into();
        let scope: Option<std::sync::Arc<str>> = e.scope.as_deref().map(Into::into);
        let n = u32::try_from(i).unwrap_or(u32::MAX);
        let record = |period: String, value: RawValue, written: Written| DataRecord {
            file: shared.clone(),
            written,
            indicator: indicator.clone(),
            scope: scope.clone(),
            period,
            value,
            note: e.note.clone(),
            source: e.source.clone(),
            sample: e.sample.unwrap_or(false),
            released: released.clone(),
        };
        match (&e.period, &e.value, &e.values) {
            (Some(p), Some(v), None) => out.push(record(p.0.clone(), v.clone(), Written::Entry(n))),
            (None, None, Some(values)) => {
                if values.0.is_empty() {
                    diags.push(
                        Diagnostic::error(file, at(".values"), msg!(m::VALUES_EMPTY))
                            .with_hint(msg!(m::VALUES_EMPTY_HINT)),
                    );
                }
                for (period, v) in &values.0 {
                    out.push(record(period.clone(), v.clone(), Written::InSeries(n)));
                }
            }
            (_, _, Some(_)) => diags.push(
                Diagnostic::error(file, at(""), msg!(m::VALUES_AND_PERIOD)).with_hint(msg!(m::VALUES_AND_PERIOD_HINT)),
            ),
            (Some(_), None, None) => diags.push(
                Diagnostic::error(file, at(""), msg!(m::MISSING_FIELD, field = "value"))
                    .with_hint(msg!(m::VALUE_MISSING_HINT)),
            ),
            (None, Some(_), None) => diags.push(
                Diagnostic::error(file, at(""), msg!(m::MISSING_FIELD, field = "period"))
                    .with_hint(msg!(m::PERIOD_MISSING_HINT)),
            ),
            (None, None, None) => diags
                .push(Diagnostic::error(file, at(""), msg!(m::ENTRY_NO_VALUE)).with_hint(msg!(m::ENTRY_NO_VALUE_HINT))),
        }
    }
}

/// Read one commentary file (`<stem>.<lang>.md`) on its own, for an incremental rebuild.
pub fn load_commentary(root: &Path, rel: &Path) -> Result<Commentary, Diagnostics> {
    let mut diags = Diagnostics::new();
    let name = rel.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    match read_commentary(root, rel, &name, &mut diags) {
        Some(c) if !diags.has_errors() => Ok(c),
        _ => Err(diags),
    }
}

fn read_commentary(root: &Path, path: &Path, name: &str, diags: &mut Diagnostics) -> Option<Commentary> {
    let base = name.strip_suffix(".md").unwrap_or(name);
    let Some((stem, lang)) = base.rsplit_once('.') else {
        diags.push(
            Diagnostic::error(path, Location::File, msg!(m::COMMENTARY_NO_LANGUAGE))
                .with_hint(msg!(m::COMMENTARY_NO_LANGUAGE_HINT, base = base)),
        );
        return None;
    };
    let text = source::read_text(root, path).map_err(|d| diags.push(d)).ok()?;
    let md = markdown::parse_markdown(path, &text).map_err(|d| diags.push(d)).ok()?;
    Some(Commentary { file: path.to_path_buf(), stem: stem.to_string(), lang: lang.to_string(), md })
}

/// Read and parse one YAML file; `expected` says what it should hold (`m::HOLDS_*`). `None`
/// (with a diagnostic) if it is missing while required, unreadable or invalid.
fn read_yaml<T: serde::de::DeserializeOwned>(
    root: &Path,
    rel: &Path,
    id: &str,
    expected: &'static Entry,
    required: bool,
    guard: &Guard,
    diags: &mut Diagnostics,
) -> Option<Loaded<T>> {
    let full = root.join(rel);
    if !full.exists() {
        if required {
            diags.push(
                Diagnostic::error(rel, Location::File, msg!(m::FILE_MISSING))
                    .with_hint(Message::new(&m::FILE_MISSING_HINT).arg_message("expected", Message::new(expected))),
            );
        }
        return None;
    }
    if let Err(d) = guard.check(&full, rel) {
        diags.push(d);
        return None;
    }
    let text = source::read_text(root, rel).map_err(|d| diags.push(d)).ok()?;
    let value = source::parse_yaml(rel, &text, expected).map_err(|d| diags.push(d)).ok()?;
    Some(Loaded { id: id.to_string(), file: rel.to_path_buf(), value })
}

/// Entries of a folder, sorted by name, skipping editor leftovers; `dirs` selects folders
/// instead of files. A missing folder is no entries.
fn list_dir(root: &Path, rel: &Path, guard: &Guard, diags: &mut Diagnostics, dirs: bool) -> Vec<(String, PathBuf)> {
    let Ok(read) = std::fs::read_dir(root.join(rel)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for entry in read.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_ignored_file(&name) {
            continue;
        }
        let path = rel.join(&name);
        if let Err(d) = guard.check(&entry.path(), &path) {
            diags.push(d);
            continue;
        }
        let is_dir = entry.path().is_dir();
        if is_dir == dirs {
            out.push((name, path));
        } else if is_dir {
            diags.push(
                Diagnostic::warning(&path, Location::File, msg!(m::FOLDER_IGNORED))
                    .with_hint(msg!(m::FOLDER_IGNORED_HINT)),
            );
        } else {
            diags.push(ignored(&path));
        }
    }
    out.sort();
    out
}

/// Refuses symbolic links that lead outside `content/`.
struct Guard {
    content: Option<PathBuf>,
}

impl Guard {
    fn new(content: &Path) -> Self {
        Guard { content: content.canonicalize().ok() }
    }

    fn check(&self, full: &Path, rel: &Path) -> Result<(), Diagnostic> {
        let is_link = std::fs::symlink_metadata(full).map(|m| m.file_type().is_symlink()).unwrap_or(false);
        if !is_link {
            return Ok(());
        }
        let inside = match (&self.content, full.canonicalize()) {
            (Some(content), Ok(target)) => target.starts_with(content),
            _ => false,
        };
        if inside {
            Ok(())
        } else {
            Err(Diagnostic::error(rel, Location::File, msg!(m::SYMLINK_OUTSIDE))
                .with_hint(msg!(m::SYMLINK_OUTSIDE_HINT)))
        }
    }
}

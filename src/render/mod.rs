//! Stages 4–5: turn the validated site into files — HTML pages in every language, charts,
//! downloads, sitemap. Pages are rendered in parallel; charts are drawn once per series and
//! shared by the languages.

pub mod bulk;
mod data;
mod json;
pub mod links;
mod localize;
pub mod markdown;
mod pages;
pub mod theme;
pub mod view;

use std::path::Path;

use rayon::prelude::*;

use crate::assess::{Evaluations, evaluate};
use crate::diagnostics::Diagnostics;
use crate::model::Site;
use crate::sink::{Collect, OutputFile, Sink};
pub use bulk::{Download, Layouts};
pub use theme::Theme;

/// Why rendering stopped.
#[derive(Debug)]
pub enum RenderError {
    /// A template or content problem, for the user.
    Content(Diagnostics),
    /// The sink could not take a file (a full disk, say).
    Write(std::io::Error),
}

impl From<Diagnostics> for RenderError {
    fn from(d: Diagnostics) -> Self {
        RenderError::Content(d)
    }
}

impl From<std::io::Error> for RenderError {
    fn from(e: std::io::Error) -> Self {
        RenderError::Write(e)
    }
}

/// Render the whole site into memory.
pub fn render(site: &Site, root: &Path) -> Result<Vec<OutputFile>, Diagnostics> {
    let theme = Theme::load(root, &site.config.theme, &site.config.languages)?;
    render_with(site, &theme, root)
}

/// Render the whole site with a theme already loaded, into memory, sorted by path.
pub fn render_with(site: &Site, theme: &Theme, root: &Path) -> Result<Vec<OutputFile>, Diagnostics> {
    let sink = Collect::default();
    match render_streaming(site, theme, root, &sink) {
        Ok(_) => Ok(sink.into_files()),
        Err(RenderError::Content(d)) => Err(d),
        // Collecting in memory does not fail.
        Err(RenderError::Write(e)) => Err(one_error(&e)),
    }
}

fn one_error(e: &std::io::Error) -> Diagnostics {
    let mut d = Diagnostics::new();
    d.push(crate::diagnostics::Diagnostic::error(
        Path::new("public"),
        crate::diagnostics::Location::File,
        format!("cannot write the site: {e}"),
    ));
    d
}

/// Render the whole site with a theme, handing each file to `sink` as soon as it is made (from
/// several threads), so a large site is never held in memory whole: every page, chart and
/// download of a region goes out together, then the indicators, then the whole-site files.
pub fn render_streaming(site: &Site, theme: &Theme, root: &Path, sink: &dyn Sink) -> Result<Layouts, RenderError> {
    render_streaming_with(site, theme, &evaluate(site), root, sink)
}

/// [`render_streaming`] with the assessments already made.
pub fn render_streaming_with(
    site: &Site,
    theme: &Theme,
    evals: &Evaluations,
    root: &Path,
    sink: &dyn Sink,
) -> Result<Layouts, RenderError> {
    let ctx = pages::Ctx::new(site, theme, evals, root);
    let layouts = ctx.render_streaming(sink)?;
    for (path, bytes) in &theme.assets {
        sink.file(OutputFile { path: format!("static/{path}"), bytes: bytes.clone() })?;
    }
    Ok(layouts)
}

/// Which pages to render again after a small change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// The home page in every language.
    pub home: bool,
    /// Every page of these regions (region, tasks, region × indicator), by id.
    pub regions: std::collections::BTreeSet<String>,
    /// These indicators' pages, by id.
    pub indicators: std::collections::BTreeSet<String>,
}

/// The files that change when one region's own files change (its data, tasks, targets or
/// commentary, not its name or place): its pages and CSV, its parent's pages (they compare
/// their children), the pages of `indicators` (those whose values or targets changed in the
/// region) and the home page, with the assessments already made. The whole-site downloads
/// change too; [`render_bulk_downloads`] makes them, separately, as they take longer.
pub fn render_region_update(
    site: &Site,
    theme: &Theme,
    evals: &Evaluations,
    root: &Path,
    region: usize,
    indicators: &std::collections::BTreeSet<String>,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let r = &site.regions[region];
    let mut sel = Selection { home: true, ..Default::default() };
    sel.regions.insert(r.id.clone());
    if let Some(p) = &r.parent {
        sel.regions.insert(p.clone());
    }
    sel.indicators.extend(indicators.iter().cloned());
    let mut files = render_selected_with(site, theme, evals, root, &sel)?;
    files.push(data::region_csv(site, r));
    Ok(files)
}

/// The downloads that gather every region: each indicator's CSV, `all.csv`, `all.json`; with
/// where each region's rows went in them.
pub fn render_bulk_downloads(site: &Site, sink: &dyn Sink) -> std::io::Result<Layouts> {
    bulk_downloads(site, sink, false)
}

/// [`render_bulk_downloads`], and every region's CSV made from the rows written into
/// `all.csv` (the same bytes after the header), so that a full build formats each row once less.
pub(crate) fn render_bulk_downloads_and_region_csvs(site: &Site, sink: &dyn Sink) -> std::io::Result<Layouts> {
    bulk_downloads(site, sink, true)
}

fn bulk_downloads(site: &Site, sink: &dyn Sink, region_csvs: bool) -> std::io::Result<Layouts> {
    let written: std::io::Result<Vec<(Download, bulk::Layout)>> = bulk::downloads(site)
        .into_par_iter()
        // One task per file, so that all.csv and all.json go to different threads.
        .with_max_len(1)
        .map(|d| {
            let region_csvs = region_csvs && d == Download::AllCsv;
            stream_download(site, &d, sink, region_csvs).map(|layout| (d, layout))
        })
        .collect();
    Ok(Layouts(written?.into_iter().collect()))
}

/// Write one whole-site download to `sink`, and say where each region's rows went. `all.csv`
/// and `all.json` are streamed; an indicator's CSV is small enough to be made in memory.
/// With `region_csvs`, each region's CSV is handed to `sink` too, from the rows of `all.csv`.
pub(crate) fn stream_download(
    site: &Site,
    download: &Download,
    sink: &dyn Sink,
    region_csvs: bool,
) -> std::io::Result<bulk::Layout> {
    if let Download::Indicator(_) = download {
        let mut bytes = Vec::with_capacity(64 * 1024);
        let layout = bulk::write(site, download, &mut bytes)?;
        sink.file(OutputFile { path: download.path(), bytes })?;
        return Ok(layout);
    }
    let layout = std::sync::Mutex::new(bulk::Layout::default());
    let head = if region_csvs { data::csv_head() } else { Vec::new() };
    sink.stream(&download.path(), &|w| {
        let l = bulk::write_with(site, download, w, &mut |i, _, rows| {
            if !region_csvs {
                return Ok(());
            }
            let mut bytes = Vec::with_capacity(head.len() + rows.len());
            bytes.extend_from_slice(&head);
            bytes.extend_from_slice(rows);
            sink.file(OutputFile { path: links::path::region_csv(&site.regions[i].id), bytes })
        })?;
        *layout.lock().unwrap_or_else(|p| p.into_inner()) = l;
        Ok(())
    })?;
    Ok(layout.into_inner().unwrap_or_else(|p| p.into_inner()))
}

/// One whole-site download, in memory.
pub(crate) fn download_file(site: &Site, download: &Download) -> OutputFile {
    let mut bytes = Vec::new();
    // Writing into memory does not fail.
    let _ = bulk::write(site, download, &mut bytes);
    OutputFile { path: download.path(), bytes }
}

/// Render only the pages in `sel` (for an incremental rebuild).
pub fn render_selected(
    site: &Site,
    theme: &Theme,
    root: &Path,
    sel: &Selection,
) -> Result<Vec<OutputFile>, Diagnostics> {
    render_selected_with(site, theme, &evaluate(site), root, sel)
}

/// [`render_selected`] with the assessments already made.
pub fn render_selected_with(
    site: &Site,
    theme: &Theme,
    evals: &Evaluations,
    root: &Path,
    sel: &Selection,
) -> Result<Vec<OutputFile>, Diagnostics> {
    pages::Ctx::new(site, theme, evals, root).render_selected(sel)
}

/// A part of the site that is rendered as a whole, for a preview that renders pages only when
/// they are asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// Home, the lists of regions and indicators, the 404 page, the free pages.
    Front,
    /// A region's pages and CSV, by index.
    Region(usize),
    /// An indicator's pages and CSV, by index.
    Indicator(usize),
    /// The sitemap and robots.txt.
    SiteFiles,
    /// The theme's static files.
    Assets,
    /// `data/all.csv`.
    AllCsv,
    /// `data/all.json`.
    AllJson,
}

/// The unit that renders the file at `path` (an output path such as
/// `en/regions/yuncheng/cmi/index.html`). `None` when no unit could.
pub fn unit_of(site: &Site, path: &str) -> Option<Unit> {
    let inner = site
        .config
        .languages
        .iter()
        .filter(|l| l.as_str() != site.default_language())
        .find_map(|l| path.strip_prefix(l.as_str()).and_then(|p| p.strip_prefix('/')))
        .unwrap_or(path);
    let parts: Vec<&str> = inner.split('/').collect();
    let region = |id: &str| site.region_index(id).map(Unit::Region);
    let indicator = |id: &str| site.indicators.iter().position(|i| i.id == id).map(Unit::Indicator);
    match parts.as_slice() {
        ["regions", "index.html"] | ["indicators", "index.html"] => Some(Unit::Front),
        ["regions", id, ..] => region(id),
        ["indicators", id, ..] => indicator(id),
        ["data", "regions", file] if inner == path => region(file.strip_suffix(".csv")?),
        ["data", "indicators", file] if inner == path => indicator(file.strip_suffix(".csv")?),
        ["data", "all.csv"] if inner == path => Some(Unit::AllCsv),
        ["data", "all.json"] if inner == path => Some(Unit::AllJson),
        ["static", ..] if inner == path => Some(Unit::Assets),
        [file] if inner == path && (file.starts_with("sitemap") || *file == "robots.txt") => Some(Unit::SiteFiles),
        _ => Some(Unit::Front),
    }
}

/// Render one unit of the site.
pub fn render_unit(
    site: &Site,
    theme: &Theme,
    evals: &Evaluations,
    root: &Path,
    unit: Unit,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let ctx = || pages::Ctx::new(site, theme, evals, root);
    match unit {
        Unit::Front => ctx().front_files(),
        Unit::Region(i) => ctx().region_files(i),
        Unit::Indicator(i) => ctx().indicator_files(&site.indicators[i]),
        Unit::SiteFiles => Ok(ctx().site_files()),
        Unit::Assets => Ok(theme
            .assets
            .iter()
            .map(|(path, bytes)| OutputFile { path: format!("static/{path}"), bytes: bytes.clone() })
            .collect()),
        Unit::AllCsv => Ok(vec![download_file(site, &Download::AllCsv)]),
        Unit::AllJson => Ok(vec![download_file(site, &Download::AllJson)]),
    }
}

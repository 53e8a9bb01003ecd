//! Stages 4–5: turn the validated site into files — HTML pages in every language, charts,
//! downloads, sitemap — and hand each to a [`Sink`] as soon as it is made.
//!
//! The doors: [`render_site`] (a full build, streamed), [`render_all`] (the same into memory),
//! [`render_parts`] and [`render_part`] (what a change touched, or what the preview was asked
//! for) and [`bulk_downloads`] (the whole-site downloads alone). Each takes an [`Input`]: the
//! checked site, its theme and assessments.
//!
//! Inside: [`inventory`] says which pages a site has; `page/` builds each kind of page;
//! `charts.rs` maps the model to charts; `sitemap.rs`, `data.rs`, `task_data.rs`, `bulk.rs` and
//! `json.rs` make the other files; `theme.rs`, `localize.rs` and `view.rs` are the templates and languages.
//! Pages are rendered in parallel; charts are drawn once per series and shared by the languages.

pub mod bulk;
mod charts;
mod data;
pub mod dates;
pub mod inventory;
mod json;
mod localize;
pub mod markdown;
mod page;
mod sitemap;
mod task_data;
pub mod theme;
pub mod view;

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use crate::assess::Evaluations;
use crate::diagnostics::Diagnostics;
use crate::model::Site;
use crate::sink::{Collect, OutputFile, Sink, Stoppable};
pub use bulk::{Download, Layouts};
pub use inventory::{Part, Selection};
use page::{Rendered, Renderer};
pub use theme::Theme;

/// What rendering needs: the checked site, its theme and assessments, and the site's folder
/// (template errors name files under it).
#[derive(Clone, Copy)]
pub struct Input<'a> {
    pub site: &'a Site,
    pub theme: &'a Theme,
    pub evals: &'a Evaluations,
    pub root: &'a Path,
}

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

/// The whole site, in memory, sorted by path.
pub fn render_all(input: Input) -> Result<Vec<OutputFile>, Diagnostics> {
    let sink = Collect::default();
    match render_site(input, &sink) {
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
        crate::msg!(crate::messages::render::RENDER_CANNOT_WRITE, error = e),
    ));
    d
}

/// The build schedule: render every page, chart and download, handing each file to `sink` as
/// soon as it is made (from several threads), so a large site is never held in memory whole.
///
/// Two sides run at once, and the first error on either stops the other (a broken template is
/// reported at once, not after every other page of a national site):
/// 1. the regions in parallel, each writing its pages (every language) — then the indicators;
/// 2. the files made in one piece: `all.csv` (each region's CSV is cut from its rows as they are
///    written), `all.json`, the indicators' CSVs, `tasks.csv` and `tasks.json` (each region's
///    task files cut from them likewise), then the home page, lists, free pages and
///    404 page, then the sitemap and `robots.txt`; these start at once, beside the region pages,
///    so that at the end of a national build no core waits for one long file with the other idle.
///
/// Last, the theme's static files. Returns where each region's rows went in the downloads.
pub fn render_site(input: Input, sink: &dyn Sink) -> Result<Layouts, RenderError> {
    let renderer = Renderer::new(input);
    let site = input.site;
    let failed = AtomicBool::new(false);
    let stopped = || failed.load(Ordering::Relaxed);
    // Marks the build as failed when `r` is an error, so that the other side stops.
    let noting = |r: Result<_, RenderError>| {
        if r.is_err() {
            failed.store(true, Ordering::Relaxed);
        }
        r
    };
    let send = |sink: &dyn Sink, pages: Vec<Rendered>| -> Result<(), RenderError> {
        for p in pages {
            sink.file(p?)?;
        }
        Ok(())
    };
    let regions_then_indicators = || -> Result<(), RenderError> {
        let regions = site.regions.par_iter().enumerate();
        regions.try_for_each(|(i, _)| {
            if stopped() {
                return Ok(());
            }
            send(sink, renderer.region_pages(i))?;
            plan_text_file(site, i).map_or(Ok(()), |f| sink.file(f)).map_err(RenderError::from)
        })?;
        let indicators = site.indicators.par_iter();
        indicators.try_for_each(|ind| if stopped() { Ok(()) } else { send(sink, renderer.indicator_pages(ind)) })
    };
    let files_in_one_piece = || -> Result<Layouts, RenderError> {
        let sink = Stoppable { inner: sink, stop: &failed };
        let layouts = downloads(site, &sink, true)?;
        send(&sink, renderer.home_pages())?;
        send(&sink, renderer.front_pages())?;
        sitemap::files(site, &renderer.dates).into_iter().try_for_each(|f| sink.file(f))?;
        Ok(layouts)
    };
    let (pages, layouts) =
        rayon::join(|| noting(regions_then_indicators().map(|_| Layouts::default())), || noting(files_in_one_piece()));
    // The side that failed first has the error to report; the other may only have stopped.
    pages?;
    let layouts = layouts?;
    for f in assets(input.theme) {
        sink.file(f)?;
    }
    Ok(layouts)
}

fn assets(theme: &Theme) -> Vec<OutputFile> {
    theme
        .assets
        .iter()
        .map(|(file, bytes)| OutputFile { path: crate::routes::asset(file), bytes: bytes.clone() })
        .collect()
}

/// The files of the parts in `sel`, but the downloads that gather regions (`all.csv`,
/// `all.json`, the indicators' CSVs, `tasks.csv`, `tasks.json`): an update brings those up to
/// date on its own, beside the pages ([`bulk_downloads`], or spliced on disk), and must not
/// write them twice.
pub fn render_parts(input: Input, sel: &Selection) -> Result<Vec<OutputFile>, Diagnostics> {
    let renderer = Renderer::new(input);
    let parts: Vec<Part> = sel.parts.iter().copied().filter(|p| !p.gathers_regions()).collect();
    let rendered: Vec<Result<Vec<OutputFile>, Diagnostics>> =
        parts.par_iter().map(|&part| part_files(&renderer, input, part, false)).collect();
    Ok(page::collect(rendered)?.into_iter().flatten().collect())
}

/// The files of one part of the site.
pub fn render_part(input: Input, part: Part) -> Result<Vec<OutputFile>, Diagnostics> {
    part_files(&Renderer::new(input), input, part, true)
}

/// The files of `part`; an indicator's CSV only `with_downloads`.
fn part_files(
    renderer: &Renderer,
    input: Input,
    part: Part,
    with_downloads: bool,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let site = input.site;
    Ok(match part {
        Part::Home => page::collect(renderer.home_pages())?,
        Part::Front => page::collect(renderer.front_pages())?,
        Part::Region(i) => {
            let mut files = page::collect(renderer.region_pages(i))?;
            files.push(data::region_csv(site, &site.regions[i]));
            files.extend(plan_text_file(site, i));
            files.extend(bulk::region_files(site, &site.regions[i]));
            files
        }
        Part::Indicator(i) => {
            let ind = &site.indicators[i];
            let mut files = page::collect(renderer.indicator_pages(ind))?;
            if with_downloads {
                files.push(download_file(site, &Download::Indicator(ind.id.clone())));
            }
            files
        }
        Part::SiteFiles => sitemap::files(site, &renderer.dates),
        Part::Assets => assets(input.theme),
        Part::AllCsv => vec![download_file(site, &Download::AllCsv)],
        Part::AllJson => vec![download_file(site, &Download::AllJson)],
        Part::TasksCsv => vec![download_file(site, &Download::TasksCsv)],
        Part::TasksJson => vec![download_file(site, &Download::TasksJson)],
    })
}

/// A region's plan text as transcribed, for download, when it has one.
fn plan_text_file(site: &Site, region: usize) -> Option<OutputFile> {
    let r = &site.regions[region];
    let text = r.plan_text.as_ref()?;
    Some(OutputFile { path: crate::routes::plan_text(&r.id), bytes: text.source().as_bytes().to_vec() })
}

/// The downloads that gather every region: each indicator's CSV, `all.csv`, `all.json`,
/// `tasks.csv`, `tasks.json`; with where each region's rows went in them.
pub fn bulk_downloads(site: &Site, sink: &dyn Sink) -> std::io::Result<Layouts> {
    downloads(site, sink, false)
}

/// [`bulk_downloads`]; with `region_files`, every region's CSV and task files too, made from
/// its rows written into `all.csv`, `tasks.csv` and `tasks.json` (the same bytes between the
/// same head and tail), so that a full build formats each row once less.
fn downloads(site: &Site, sink: &dyn Sink, region_files: bool) -> std::io::Result<Layouts> {
    let written: std::io::Result<Vec<(Download, bulk::Layout)>> = bulk::downloads(site)
        .into_par_iter()
        // One task per file, so that all.csv and all.json go to different threads.
        .with_max_len(1)
        .map(|d| stream_download(site, &d, sink, region_files).map(|layout| (d, layout)))
        .collect();
    Ok(Layouts(written?.into_iter().collect()))
}

/// Write one whole-site download to `sink`, and say where each region's rows went. `all.csv`
/// and `all.json` are streamed; an indicator's CSV is small enough to be made in memory.
/// With `region_files`, each region's own file of the download (its CSV from `all.csv`, its
/// tasks' files from `tasks.csv` and `tasks.json`) is handed to `sink` too, cut from its rows.
pub(crate) fn stream_download(
    site: &Site,
    download: &Download,
    sink: &dyn Sink,
    region_files: bool,
) -> std::io::Result<bulk::Layout> {
    if let Download::Indicator(_) = download {
        let mut bytes = Vec::with_capacity(64 * 1024);
        let layout = bulk::write(site, download, &mut bytes)?;
        sink.file(OutputFile { path: download.path(), bytes })?;
        return Ok(layout);
    }
    let layout = std::sync::Mutex::new(bulk::Layout::default());
    let region_files = region_files && download.has_region_files();
    let pieces = if region_files { download.pieces(site) } else { Vec::new() };
    sink.stream(&download.path(), &|w| {
        let l = bulk::write_with(site, download, w, &mut |i, _, rows| {
            if !region_files {
                return Ok(());
            }
            match download.cut_region_file(&site.regions[i], &pieces, rows) {
                Some(f) => sink.file(f),
                None => Ok(()),
            }
        })?;
        *layout.lock().unwrap_or_else(|p| p.into_inner()) = l;
        Ok(())
    })?;
    Ok(layout.into_inner().unwrap_or_else(|p| p.into_inner()))
}

/// One whole-site download, in memory.
fn download_file(site: &Site, download: &Download) -> OutputFile {
    let mut bytes = Vec::new();
    // Writing into memory does not fail.
    let _ = bulk::write(site, download, &mut bytes);
    OutputFile { path: download.path(), bytes }
}

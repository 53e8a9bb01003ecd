//! Stages 4–5: turn the validated site into files — HTML pages in every language, charts,
//! downloads, sitemap. Pages are rendered in parallel; charts are drawn once per series and
//! shared by the languages.

mod data;
pub mod links;
pub mod markdown;
mod pages;
pub mod theme;
pub mod view;

use std::path::Path;

use rayon::prelude::*;

use crate::assess::{self, Assessment};
use crate::diagnostics::Diagnostics;
use crate::model::Site;
pub use theme::Theme;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative path with `/` separators, e.g. `en/regions/yuncheng/index.html`.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The assessment of every series: `[region][series]`.
pub struct Evaluations {
    pub regions: Vec<Vec<SeriesEval>>,
}

/// A series' status against each of its targets, and the headline one.
pub struct SeriesEval {
    /// Index into the region's targets.
    pub headline: Option<usize>,
    pub status: Assessment,
    /// One per entry of `series.targets`.
    pub per_target: Vec<Assessment>,
}

/// Assess every series of every region.
pub fn evaluate(site: &Site) -> Evaluations {
    let settings = site.config.progress;
    let regions = site
        .regions
        .par_iter()
        .map(|r| {
            r.series
                .iter()
                .map(|s| {
                    let decimals = site.indicator(&s.indicator).map_or(1, |i| i.decimals);
                    let headline = assess::headline_target(s, &r.targets, settings.as_of);
                    SeriesEval {
                        headline,
                        status: assess::series_status(s, &r.targets, decimals, &settings),
                        per_target: s
                            .targets
                            .iter()
                            .map(|&t| assess::assess(s, &r.targets[t], decimals, &settings))
                            .collect(),
                    }
                })
                .collect()
        })
        .collect();
    Evaluations { regions }
}

/// Render the whole site into memory.
pub fn render(site: &Site, root: &Path) -> Result<Vec<OutputFile>, Diagnostics> {
    let theme = Theme::load(root, &site.config.theme, &site.config.languages)?;
    render_with(site, &theme, root)
}

/// Render the whole site with a theme already loaded.
pub fn render_with(site: &Site, theme: &Theme, root: &Path) -> Result<Vec<OutputFile>, Diagnostics> {
    let evals = evaluate(site);
    let ctx = pages::Ctx::new(site, theme, &evals, root);
    let mut files = ctx.render_all()?;
    files.extend(data::downloads(site));
    for (path, bytes) in &theme.assets {
        files.push(OutputFile { path: format!("static/{path}"), bytes: bytes.clone() });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Render the whole site with a theme, handing files to `sink` in batches: pages of a few
/// regions at a time, then downloads and assets. Used to write large sites without holding
/// them in memory.
pub fn render_streaming(
    site: &Site,
    theme: &Theme,
    root: &Path,
    sink: &mut dyn FnMut(Vec<OutputFile>) -> Result<(), Diagnostics>,
) -> Result<(), Diagnostics> {
    let evals = evaluate(site);
    let ctx = pages::Ctx::new(site, theme, &evals, root);
    ctx.render_streaming(sink)?;
    sink(data::downloads(site))?;
    sink(
        theme
            .assets
            .iter()
            .map(|(path, bytes)| OutputFile { path: format!("static/{path}"), bytes: bytes.clone() })
            .collect(),
    )
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

/// Render only the pages in `sel` (for an incremental rebuild).
pub fn render_selected(
    site: &Site,
    theme: &Theme,
    root: &Path,
    sel: &Selection,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let evals = evaluate(site);
    let ctx = pages::Ctx::new(site, theme, &evals, root);
    ctx.render_selected(sel)
}

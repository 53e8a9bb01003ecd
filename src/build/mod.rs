//! The one build path, used by every command: load the content, check it, load the theme,
//! assess, render, write — and, for `build --watch` and `serve`, apply a change in place.
//!
//! [`BuiltSite`] is a good build's model, theme and assessments, kept between changes.
//! [`BuiltSite::load`] is the only place that goes from files to a site ready to render;
//! [`write_site`] the only full build to disk; [`BuiltSite::update`] (in `update.rs`) the only
//! in-place update, whether its files go to disk or to memory. Problems leave this module as
//! typed values; the commands on top turn their YAML paths into lines and columns when they
//! show them (`content::spans::resolve`, once in `cli` and once in `serve`).

mod change;
mod update;

use std::path::Path;

use crate::assess::Evaluations;
use crate::diagnostics::Diagnostics;
use crate::model::Site;
use crate::output::{SiteWriter, WriteStats};
use crate::render::{Input, Layouts, RenderError, Theme};
use crate::sink::OutputFile;
pub use change::{Change, classify};
pub use update::{DownloadUpdate, NotApplied, Output, Updated, Why, splice_downloads};

/// A good build's model, theme and assessments, and where each region's rows went in the
/// whole-site downloads it wrote.
pub struct BuiltSite {
    pub site: Site,
    pub theme: Theme,
    pub evals: Evaluations,
    pub downloads: Layouts,
}

/// Read, check and cross-reference the content under `root`. With `strict` warnings count as
/// errors. The site is returned only when there is no error; the problems either way.
pub fn load_site(root: &Path, strict: bool) -> (Option<Site>, Diagnostics) {
    let (raw, mut diags) = crate::content::load(root);
    let (site, more) = crate::model::build(raw);
    diags.extend(more);
    if strict {
        diags.promote_warnings();
    }
    let site = if diags.has_errors() { None } else { site };
    (site, diags)
}

impl BuiltSite {
    /// A checked site with its theme, assessed.
    pub fn new(site: Site, theme: Theme) -> BuiltSite {
        let evals = crate::assess::evaluate(&site);
        BuiltSite { site, theme, evals, downloads: Layouts::default() }
    }

    /// Load, check and prepare the site under `root`: everything but rendering. The warnings
    /// on success; the problems on failure.
    pub fn load(root: &Path) -> Result<(BuiltSite, Diagnostics), Diagnostics> {
        BuiltSite::load_checked(root, false)
    }

    /// [`BuiltSite::load`]; with `strict`, warnings count as errors. The one place that goes
    /// from files to a site ready to render: content, model, theme, assessments.
    fn load_checked(root: &Path, strict: bool) -> Result<(BuiltSite, Diagnostics), Diagnostics> {
        let (site, mut diags) = load_site(root, strict);
        let Some(site) = site else { return Err(diags) };
        match Theme::load(root, &site.config.theme, &site.config.languages) {
            Ok(theme) => Ok((BuiltSite::new(site, theme), diags)),
            Err(d) => {
                diags.extend(d);
                Err(diags)
            }
        }
    }

    /// What rendering needs.
    pub fn input<'a>(&'a self, root: &'a Path) -> Input<'a> {
        Input { site: &self.site, theme: &self.theme, evals: &self.evals, root }
    }

    /// Every file of the site, into memory, sorted by path.
    pub fn render_all(&self, root: &Path) -> Result<Vec<OutputFile>, Diagnostics> {
        crate::render::render_all(self.input(root))
    }

    /// One part of the site (for a preview that renders pages when they are opened).
    pub fn render_part(&self, root: &Path, part: crate::render::Part) -> Result<Vec<OutputFile>, Diagnostics> {
        crate::render::render_part(self.input(root), part)
    }
}

/// A site built into memory, with the warnings found on the way.
pub struct Built {
    pub site: BuiltSite,
    pub files: Vec<OutputFile>,
    pub warnings: Diagnostics,
}

/// Check and render the site under `root` into memory.
pub fn build_in_memory(root: &Path) -> Result<Built, Diagnostics> {
    let (site, warnings) = BuiltSite::load(root)?;
    let files = site.render_all(root)?;
    Ok(Built { site, files, warnings })
}

/// `check`: load and check the site; with `strict`, also render it in memory and run the
/// publishing checks (links, languages, data). The site when there is no error, and every
/// problem found.
pub fn check(root: &Path, strict: bool) -> (Option<Site>, Diagnostics) {
    if !strict {
        return load_site(root, false);
    }
    let (built, mut diags) = match BuiltSite::load_checked(root, true) {
        Ok(b) => b,
        Err(d) => return (None, d),
    };
    let more = match built.render_all(root) {
        Ok(files) => crate::publish::check(root, &built.site, &files),
        Err(d) => d,
    };
    let ok = !more.has_errors();
    diags.extend(more);
    (ok.then_some(built.site), diags)
}

/// Why a full build did not write the site.
#[derive(Debug)]
pub enum BuildError {
    /// Content or template problems.
    Content(Diagnostics),
    /// The output folder could not be written.
    Write(std::io::Error),
}

/// A finished full build.
pub struct Written {
    pub site: BuiltSite,
    pub stats: WriteStats,
    pub warnings: Diagnostics,
}

/// `build`: check, render and write the site under `root` into `out`, all or nothing: pages go
/// to a staging folder as they are rendered (through a progress bar when `progress`), which
/// replaces `out` only when the whole build succeeded.
pub fn write_site(root: &Path, out: &Path, progress: bool) -> Result<Written, (BuildError, Diagnostics)> {
    let (mut built, warnings) = match BuiltSite::load(root) {
        Ok(b) => b,
        Err(d) => return Err((BuildError::Content(d), Diagnostics::new())),
    };
    let writer = match SiteWriter::new(out) {
        Ok(w) => w,
        Err(e) => return Err((BuildError::Write(e), warnings)),
    };
    let assets: Vec<String> = built.theme.assets.keys().cloned().collect();
    let bar = crate::progress::Progress::new(
        &writer,
        crate::render::inventory::count(&built.site, assets.len()),
        progress && crate::progress::Progress::wanted(),
    );
    let rendered = crate::render::render_site(built.input(root), &bar);
    bar.finish();
    match rendered {
        Ok(layouts) => built.downloads = layouts,
        Err(RenderError::Write(e)) => return Err((BuildError::Write(e), warnings)),
        Err(RenderError::Content(d)) => return Err((BuildError::Content(d), warnings)),
    }
    match writer.finish() {
        Ok(stats) => Ok(Written { site: built, stats, warnings }),
        Err(e) => Err((BuildError::Write(e), warnings)),
    }
}

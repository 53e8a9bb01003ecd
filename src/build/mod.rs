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
pub use crate::publish::Gate;
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

/// `check`: load and check the site; with a `gate` (`--strict`, `--publish`), also render it in
/// memory and run the publishing checks (links, languages, data; and the gate's rules). The
/// site when there is no error, and every problem found.
pub fn check(root: &Path, gate: Option<Gate>) -> (Option<Site>, Diagnostics) {
    let Some(gate) = gate else { return load_site(root, false) };
    match checked_files(root, gate) {
        Ok((built, _, diags)) => (Some(built.site), diags),
        Err(d) => (None, d),
    }
}

/// [`check`], keeping what was rendered: the site, its files and the warnings and notes, or
/// every problem.
fn checked_files(root: &Path, gate: Gate) -> Result<(BuiltSite, Vec<OutputFile>, Diagnostics), Diagnostics> {
    let (built, mut diags) = BuiltSite::load_checked(root, true)?;
    let (files, more) = match built.render_all(root) {
        Ok(files) => {
            let more = crate::publish::check(root, &built.site, &files, gate);
            (files, more)
        }
        Err(d) => (Vec::new(), d),
    };
    diags.extend(more);
    if diags.has_errors() { Err(diags) } else { Ok((built, files, diags)) }
}

/// `build --publish`: the gate of `check --publish` on the site rendered in memory, then, only
/// when it passes, those very files written to `out` all or nothing.
pub fn publish_site(root: &Path, out: &Path, today: crate::model::Date) -> Result<Written, (BuildError, Diagnostics)> {
    let (site, files, warnings) = match checked_files(root, Gate::Publish(today)) {
        Ok(b) => b,
        Err(d) => return Err((BuildError::Content(d), Diagnostics::new())),
    };
    match crate::output::write_site(out, &files) {
        Ok(stats) => Ok(Written { site, stats, warnings }),
        Err(e) => Err((BuildError::Write(e), warnings)),
    }
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

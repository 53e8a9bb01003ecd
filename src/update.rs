//! Small changes to a built site, for `build --watch` and `serve`: what a batch of changed files
//! touches, and the model, theme and assessments kept between builds so that a change inside
//! one region costs that region, not the whole site.

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostics;
use crate::model::{CommentaryOf, Region, RegionUpdate, Site, StructuralChange};
use rayon::prelude::*;

use crate::render::bulk::{self, Download, Layout};
use crate::render::{Evaluations, Layouts, OutputFile, Selection, Theme, Unit};

/// What a batch of changed files (absolute paths under the site root) asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Only commentary files changed (paths relative to the root).
    Commentary(Vec<PathBuf>),
    /// Only files directly inside one region's folder changed.
    Region(String),
    /// Anything else: configuration, indicators, the theme, several regions, a new region.
    Everything,
}

/// Sort a batch of changed paths into a [`Change`].
pub fn classify(root: &Path, paths: &[PathBuf]) -> Change {
    if paths.is_empty() {
        return Change::Everything;
    }
    let rels: Vec<PathBuf> = paths.iter().map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf()).collect();
    let commentary = rels.iter().all(|r| {
        r.extension().is_some_and(|e| e == "md")
            && (r.starts_with("content/regions") || r.starts_with("content/indicators"))
    });
    if commentary {
        return Change::Commentary(rels);
    }
    match region_of(root, paths) {
        Some(id) => Change::Region(id),
        None => Change::Everything,
    }
}

/// The region whose folder holds every changed file, if there is one such region.
fn region_of(root: &Path, paths: &[PathBuf]) -> Option<String> {
    let regions = root.join(crate::content::CONTENT_DIR).join("regions");
    let mut id: Option<String> = None;
    for p in paths {
        let rel = p.strip_prefix(&regions).ok()?;
        let mut parts = rel.components();
        let first = parts.next()?.as_os_str().to_string_lossy().into_owned();
        // A file directly in the region's folder (region.yaml, data, tasks, commentary).
        if parts.count() != 1 || id.as_ref().is_some_and(|i| *i != first) {
            return None;
        }
        id = Some(first);
    }
    id
}

/// What an applied change touched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Touched {
    /// These pages show the changed commentary.
    Pages(Selection),
    /// This region (by index) was read again: its pages, its parent's, the pages of the
    /// indicators whose values or targets changed in it, the home page and the whole-site
    /// downloads.
    Region(usize, std::collections::BTreeSet<String>),
}

/// Why a change could not be applied in place.
#[derive(Debug)]
pub enum NotApplied {
    /// The changed files have errors; the kept site is unchanged.
    Invalid(Diagnostics),
    /// The change reaches beyond what can be updated in place: build everything again.
    Everything(Rebuild),
}

/// Why a change is not applied in place but the whole site is built again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rebuild {
    /// Files outside a single region's folder changed: configuration, indicators, the theme,
    /// several regions.
    BeyondOneRegion,
    /// A changed commentary file is not one the built site can take in place (not a commentary
    /// file of its own, or unreadable, or with a date that is not one): the full build reports it.
    Commentary,
    /// A change in one region's folder reaches beyond the region.
    Region(StructuralChange),
}

impl std::fmt::Display for Rebuild {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Rebuild::BeyondOneRegion => write!(f, "the change reaches beyond one region's folder"),
            Rebuild::Commentary => write!(f, "the commentary cannot be updated in place"),
            Rebuild::Region(why) => why.fmt(f),
        }
    }
}

/// A good build's model, theme and assessments, and where each region's rows went in the
/// whole-site downloads it wrote.
pub struct Prepared {
    pub site: Site,
    pub theme: Theme,
    pub evals: Evaluations,
    pub downloads: Layouts,
}

impl Prepared {
    pub fn new(site: Site, theme: Theme) -> Prepared {
        let evals = crate::render::evaluate(&site);
        Prepared { site, theme, evals, downloads: Layouts::default() }
    }

    /// Load, check and prepare the site under `root`: everything but rendering. On failure,
    /// the problems (locations resolved).
    pub fn load(root: &Path) -> Result<(Prepared, Diagnostics), Diagnostics> {
        let (site, diags) = crate::pipeline::load(root, false);
        let Some(site) = site else { return Err(diags) };
        match Theme::load(root, &site.config.theme, &site.config.languages) {
            Ok(theme) => Ok((Prepared::new(site, theme), diags)),
            Err(mut d) => {
                d.resolve(root);
                Err(d)
            }
        }
    }

    /// Apply `change` to the kept site. On error the site may be partly changed only when
    /// [`NotApplied::Everything`] is returned (the caller then rebuilds it all).
    pub fn apply(&mut self, root: &Path, change: &Change) -> Result<Touched, NotApplied> {
        match change {
            Change::Commentary(rels) => self.set_commentary(root, rels),
            Change::Region(id) => self.replace_region(root, id),
            Change::Everything => Err(NotApplied::Everything(Rebuild::BeyondOneRegion)),
        }
    }

    fn set_commentary(&mut self, root: &Path, rels: &[PathBuf]) -> Result<Touched, NotApplied> {
        let mut sel = Selection::default();
        for rel in rels {
            let c = if root.join(rel).is_file() {
                Some(
                    crate::content::load_commentary(root, rel)
                        .map_err(|_| NotApplied::Everything(Rebuild::Commentary))?,
                )
            } else {
                None
            };
            match self.site.set_commentary(rel, c.as_ref()) {
                Some(CommentaryOf::Region(r)) => {
                    sel.regions.insert(r);
                    sel.home = true;
                }
                Some(CommentaryOf::RegionIndicator(r, _)) => {
                    sel.regions.insert(r);
                }
                Some(CommentaryOf::Indicator(i)) => {
                    for r in self.site.regions.iter().filter(|r| r.series.iter().any(|s| s.indicator == i)) {
                        sel.regions.insert(r.id.clone());
                    }
                    sel.indicators.insert(i);
                }
                // Not a commentary file of this site: the full build reports the problem.
                None => return Err(NotApplied::Everything(Rebuild::Commentary)),
            }
        }
        Ok(Touched::Pages(sel))
    }

    fn replace_region(&mut self, root: &Path, id: &str) -> Result<Touched, NotApplied> {
        let (raw, mut diags) = crate::content::load_region_dir(root, id);
        if diags.has_errors() {
            diags.resolve(root);
            return Err(NotApplied::Invalid(diags));
        }
        let before = self.site.region_index(id).map(|i| self.site.regions[i].clone());
        match crate::model::replace_region(&mut self.site, &raw) {
            Ok(index) => {
                let after = &self.site.regions[index];
                self.evals.regions[index] = crate::render::evaluate_region(&self.site, after);
                let changed = before.map_or_else(Default::default, |b| changed_indicators(&b, after));
                Ok(Touched::Region(index, changed))
            }
            Err(RegionUpdate::Invalid(mut d)) => {
                d.resolve(root);
                Err(NotApplied::Invalid(d))
            }
            Err(RegionUpdate::Structural(why)) => Err(NotApplied::Everything(Rebuild::Region(why))),
        }
    }

    /// The pages (and region CSV) that `touched` changed. The whole-site downloads are left to
    /// [`update_downloads`] (splicing into files on disk) or [`crate::render::render_bulk_downloads`]
    /// (making them whole), as they take longer.
    pub fn render_touched(&self, root: &Path, touched: &Touched) -> Result<Vec<OutputFile>, Diagnostics> {
        let (site, theme, evals) = (&self.site, &self.theme, &self.evals);
        match touched {
            Touched::Pages(sel) => crate::render::render_selected_with(site, theme, evals, root, sel),
            Touched::Region(i, indicators) => {
                crate::render::render_region_update(site, theme, evals, root, *i, indicators)
            }
        }
    }

    /// Each indicator's CSV, `all.csv` and `all.json`, to `sink`.
    pub fn bulk_downloads(&mut self, sink: &dyn crate::render::Sink) -> std::io::Result<()> {
        self.downloads = crate::render::render_bulk_downloads(&self.site, sink)?;
        Ok(())
    }

    /// See [`update_downloads`].
    pub fn update_downloads(
        &mut self,
        sink: &crate::output::InPlace,
        region: usize,
    ) -> std::io::Result<DownloadUpdate> {
        update_downloads(&self.site, &mut self.downloads, sink, region)
    }

    /// The unit holding the file at `path`, and that unit rendered.
    pub fn render_path(&self, root: &Path, path: &str) -> Option<Result<Vec<OutputFile>, Diagnostics>> {
        let unit: Unit = crate::render::unit_of(&self.site, path)?;
        Some(crate::render::render_unit(&self.site, &self.theme, &self.evals, root, unit))
    }

    /// Every page of the site, into memory, sorted by path.
    pub fn render_all(&self, root: &Path) -> Result<Vec<OutputFile>, Diagnostics> {
        crate::render::render_with(&self.site, &self.theme, root)
    }
}

/// Bring the whole-site downloads in an output folder up to date after the region at
/// `region` of `site` changed (`layouts`: where each region's rows are in them, updated too):
/// its new rows are spliced into each file written before, in place of its old ones (a file
/// where they are the same is left alone). A file whose layout is not known, or whose length
/// is not the one written, is written whole.
pub fn update_downloads(
    site: &Site,
    layouts: &mut Layouts,
    sink: &crate::output::InPlace,
    region: usize,
) -> std::io::Result<DownloadUpdate> {
    let known = &layouts.0;
    let update = |d: Download| -> std::io::Result<(Download, Option<Layout>, How)> {
        let path = d.path();
        let layout = known.get(&d).filter(|l| sink.len(&path) == Some(l.len()));
        let splice = match layout {
            Some(l) => bulk::plan(site, &d, l, region, &mut |r| sink.read_range(&path, r))?.map(|s| (l, s)),
            None => None,
        };
        let Some((layout, splice)) = splice else {
            let layout = crate::render::stream_download(site, &d, sink, false)?;
            return Ok((d, Some(layout), How::Whole));
        };
        if splice.edits.is_empty() {
            sink.kept(layout.len());
            return Ok((d, None, How::Kept));
        }
        sink.splice(&path, &splice.ranges().collect::<Vec<_>>())?;
        let mut layout = layout.clone();
        layout.apply(&splice);
        Ok((d, Some(layout), How::Spliced))
    };
    // One task per file, so that all.csv and all.json go to different threads.
    let updated: std::io::Result<Vec<_>> = bulk::downloads(site).into_par_iter().with_max_len(1).map(update).collect();
    match updated {
        Ok(updated) => {
            let mut done = DownloadUpdate::default();
            for (d, layout, how) in updated {
                match how {
                    How::Kept => done.kept += 1,
                    How::Spliced => done.spliced += 1,
                    How::Whole => done.whole += 1,
                }
                if let Some(layout) = layout {
                    layouts.0.insert(d, layout);
                }
            }
            Ok(done)
        }
        Err(e) => {
            // Some files may have changed, others not: trust no layout.
            *layouts = Layouts::default();
            Err(e)
        }
    }
}

/// What [`Prepared::update_downloads`] did with each whole-site download.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DownloadUpdate {
    /// Files whose bytes for the region were the same: left alone.
    pub kept: usize,
    /// Files into which the region's new rows were spliced.
    pub spliced: usize,
    /// Files written whole (no layout known, or a comma of another region would move).
    pub whole: usize,
}

enum How {
    Kept,
    Spliced,
    Whole,
}

/// The indicators whose series or targets differ between two versions of a region: only
/// their pages show the region's values.
fn changed_indicators(before: &Region, after: &Region) -> std::collections::BTreeSet<String> {
    // A series and the targets it refers to, as the bytes of their JSON form.
    let of = |r: &Region, id: &str| -> Vec<u8> {
        let mut bytes = Vec::new();
        for s in r.series.iter().filter(|s| s.indicator == id) {
            let targets: Vec<_> = s.targets.iter().filter_map(|&t| r.targets.get(t)).collect();
            // Serialising plain data into memory does not fail.
            let _ = serde_json::to_writer(&mut bytes, &(s, targets));
        }
        bytes
    };
    let ids: std::collections::BTreeSet<&str> =
        before.series.iter().chain(&after.series).map(|s| s.indicator.as_str()).collect();
    ids.into_iter().filter(|id| of(before, id) != of(after, id)).map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_changes() {
        let root = Path::new("/site");
        let p = |s: &str| root.join(s);
        assert_eq!(
            classify(root, &[p("content/regions/yaan/cmi.zh.md")]),
            Change::Commentary(vec![PathBuf::from("content/regions/yaan/cmi.zh.md")])
        );
        assert_eq!(classify(root, &[p("content/regions/yaan/data.yaml")]), Change::Region("yaan".into()));
        assert_eq!(
            classify(root, &[p("content/regions/yaan/data.yaml"), p("content/regions/yaan/region.yaml")]),
            Change::Region("yaan".into())
        );
        assert_eq!(
            classify(root, &[p("content/regions/yaan/data.yaml"), p("content/regions/kaizhou/data.yaml")]),
            Change::Everything
        );
        assert_eq!(classify(root, &[p("content/site.yaml")]), Change::Everything);
        assert_eq!(classify(root, &[p("content/indicators/cmi.yaml")]), Change::Everything);
        assert_eq!(classify(root, &[p("content/regions/yaan/sub/x.yaml")]), Change::Everything);
        assert_eq!(classify(root, &[]), Change::Everything);
    }
}

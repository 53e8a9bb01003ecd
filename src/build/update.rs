//! Small changes to a built site, for `build --watch` and `serve`: a change inside one region
//! costs that region, not the whole site. Written once for both: [`BuiltSite::update`] applies
//! the change to the kept model, works out which parts of the site show what changed
//! ([`crate::render::inventory`]), renders them and hands them to an [`Output`] — files replaced
//! in place on disk (with the region's rows spliced into the whole-site downloads), memory (the
//! preview), or nothing (a preview that renders pages when they are opened).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::{BuiltSite, Change};
use crate::diagnostics::Diagnostics;
use crate::messages::{Message, render as m};
use crate::model::{CommentaryOf, Region, RegionUpdate, Site, StructuralChange};
use crate::msg;
use crate::output::{InPlace, WriteStats};
use crate::render::Layouts;
use crate::render::bulk::{self, Download, Layout};
use crate::render::inventory::{self, Part, RegionChange, Selection};
use crate::sink::Collect;

/// Past this many regions touched by a change, an update on disk builds everything: an
/// indicator's commentary shows on its page in every region, at national scale most of the
/// site, better streamed by a full build than gathered in memory.
const IN_PLACE_MAX_REGIONS: usize = 64;

/// Where an update's files go.
pub enum Output<'a> {
    /// Replace the files in this built site folder, in place.
    Disk(&'a Path),
    /// Into memory: the pages touched and the whole-site downloads, made again.
    Memory(&'a Collect),
    /// Nowhere: only the model changes (the preview renders pages when they are opened).
    Nothing,
}

/// Why a change could not be applied in place.
#[derive(Debug)]
pub enum NotApplied {
    /// The changed files have errors; the kept site is unchanged.
    Invalid(Diagnostics),
    /// The change reaches beyond what can be updated in place: build everything again.
    Everything(Why),
}

/// Why a change needs the whole site built again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// Configuration, indicators, the theme or several regions changed.
    Beyond,
    /// A changed commentary file could not be read again, or is not one of this site's.
    Commentary,
    /// The change inside one region's folder reaches beyond it: a new or removed region, its
    /// place, its name, or the reporting year derived from every region's data.
    Region(StructuralChange),
    /// The region's set of pages changed (a page appears or disappears).
    Pages,
    /// More regions' pages show the change than an in-place update is worth.
    TooManyRegions(usize),
    /// Writing or rendering in place failed; a full build reports it.
    Failed,
}

impl Why {
    /// The reason as a message, to show in either language.
    pub fn message(&self) -> Message {
        match self {
            Why::Beyond => msg!(m::WHY_BEYOND),
            Why::Commentary => msg!(m::WHY_COMMENTARY),
            // The model says what changed, in the user's language.
            Why::Region(why) => why.message(),
            Why::Pages => msg!(m::WHY_PAGES),
            Why::TooManyRegions(n) => msg!(m::WHY_TOO_MANY_REGIONS, n = n),
            Why::Failed => msg!(m::WHY_FAILED),
        }
    }
}

/// In the user's interface language.
impl std::fmt::Display for Why {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.message())
    }
}

/// What an update did.
#[derive(Debug, Clone, Default)]
pub struct Updated {
    /// The files rendered, and those among them whose bytes changed (on disk).
    pub pages: WriteStats,
    /// When the pages were written, from the start of the update.
    pub pages_after: Duration,
    /// What became of the whole-site downloads on disk, when the change reached them.
    pub downloads: Option<DownloadUpdate>,
}

/// What an applied change touched: the parts to render again, and the region whose rows
/// changed in the whole-site downloads.
struct Touched {
    selection: Selection,
    region: Option<usize>,
}

impl BuiltSite {
    /// Apply `change` to the kept site and bring `output` up to date. On
    /// [`NotApplied::Everything`] the kept site may be partly changed: the caller builds
    /// everything again. `pages_done` is called as soon as the pages are written, before the
    /// downloads (which take longer).
    pub fn update(
        &mut self,
        root: &Path,
        change: &Change,
        output: Output,
        pages_done: &dyn Fn(&Updated),
    ) -> Result<Updated, NotApplied> {
        let start = Instant::now();
        let touched = self.apply(root, change)?;
        let regions = touched.selection.regions().count();
        match output {
            Output::Nothing => Ok(Updated::default()),
            Output::Memory(sink) => {
                let input = self.input(root);
                let (pages, downloads) = rayon::join(
                    || crate::render::render_parts(input, &touched.selection),
                    || match touched.region {
                        Some(_) => crate::render::bulk_downloads(&self.site, sink).map(|_| ()),
                        None => Ok(()),
                    },
                );
                let pages = pages.map_err(NotApplied::Invalid)?;
                downloads.map_err(|_| NotApplied::Everything(Why::Failed))?;
                let n = pages.len();
                for f in pages {
                    let _ = crate::sink::Sink::file(sink, f);
                }
                Ok(Updated { pages: WriteStats { files: n, written: n, ..Default::default() }, ..Default::default() })
            }
            Output::Disk(_) if regions > IN_PLACE_MAX_REGIONS => {
                Err(NotApplied::Everything(Why::TooManyRegions(regions)))
            }
            Output::Disk(out) => self.write_in_place(root, out, &touched, start, pages_done),
        }
    }

    /// Render the touched parts into `out`, in place, while the region's rows are spliced
    /// into the whole-site downloads: the one is mostly the kernel copying files, the other
    /// rendering.
    fn write_in_place(
        &mut self,
        root: &Path,
        out: &Path,
        touched: &Touched,
        start: Instant,
        pages_done: &dyn Fn(&Updated),
    ) -> Result<Updated, NotApplied> {
        let failed = |_| NotApplied::Everything(Why::Failed);
        let sink = InPlace::new(out);
        let BuiltSite { site, theme, evals, downloads } = self;
        let site: &Site = site;
        let input = crate::render::Input { site, theme, evals, root };
        let (pages, spliced) = std::thread::scope(|scope| {
            let sink = &sink;
            let spliced =
                touched.region.map(|region| scope.spawn(move || splice_downloads(site, downloads, sink, region)));
            let pages = crate::render::render_parts(input, &touched.selection)
                .map_err(|_| NotApplied::Everything(Why::Failed))
                .and_then(|files| crate::output::update_in_place(out, &files).map_err(failed))
                .map(|pages| Updated { pages, pages_after: start.elapsed(), downloads: None });
            if let Ok(p) = &pages {
                pages_done(p);
            }
            let spliced = spliced.map(|s| s.join().unwrap_or_else(|_| Err(std::io::Error::other("stopped"))));
            (pages, spliced)
        });
        let mut pages = pages?;
        pages.downloads = spliced.transpose().map_err(failed)?;
        Ok(pages)
    }

    /// Apply `change` to the kept model: what it touched, or why it cannot be done in place.
    fn apply(&mut self, root: &Path, change: &Change) -> Result<Touched, NotApplied> {
        match change {
            Change::Commentary(rels) => self.set_commentary(root, rels),
            Change::Region(id) => self.replace_region(root, id),
            Change::Everything => Err(NotApplied::Everything(Why::Beyond)),
        }
    }

    fn set_commentary(&mut self, root: &Path, rels: &[PathBuf]) -> Result<Touched, NotApplied> {
        let mut selection = Selection::default();
        for rel in rels {
            let c = if root.join(rel).is_file() {
                Some(crate::content::load_commentary(root, rel).map_err(|_| NotApplied::Everything(Why::Commentary))?)
            } else {
                None
            };
            let of = self.site.set_commentary(rel, c.as_ref());
            // A commentary's date can move its pages' dates, which the sitemap gives.
            selection.insert(Part::SiteFiles);
            let site = &self.site;
            let region = |id: &str| site.region_index(id).map(Part::Region);
            match of {
                // The home page lists recent commentary.
                Some(CommentaryOf::Region(r)) => selection.parts.extend(region(&r).into_iter().chain([Part::Home])),
                Some(CommentaryOf::RegionIndicator(r, _)) => selection.parts.extend(region(&r)),
                Some(CommentaryOf::Indicator(i)) => {
                    selection.parts.extend(inventory::showing_indicator_commentary(&self.site, &i).parts)
                }
                // Not a commentary file of this site: the full build reports the problem.
                None => return Err(NotApplied::Everything(Why::Commentary)),
            }
        }
        Ok(Touched { selection, region: None })
    }

    fn replace_region(&mut self, root: &Path, id: &str) -> Result<Touched, NotApplied> {
        let (raw, diags) = crate::content::load_region_dir(root, id);
        if diags.has_errors() {
            return Err(NotApplied::Invalid(diags));
        }
        let Some(before) = self.site.region_index(id).map(|i| self.site.regions[i].clone()) else {
            return Err(NotApplied::Everything(Why::Region(StructuralChange::NewRegion(id.to_string()))));
        };
        match crate::model::replace_region(&mut self.site, &raw) {
            Ok(index) => {
                let after = &self.site.regions[index];
                if inventory::region_pages(&before) != inventory::region_pages(after) {
                    return Err(NotApplied::Everything(Why::Pages));
                }
                self.evals.regions[index] = crate::assess::evaluate_region(&self.site, after);
                let change = RegionChange {
                    indicators: changed_indicators(&before, after),
                    counts: before.series.len() != after.series.len()
                        || before.tasks.len() != after.tasks.len()
                        || before.plan.as_ref().map(|p| &p.issued) != after.plan.as_ref().map(|p| &p.issued),
                };
                Ok(Touched { selection: inventory::showing_region(&self.site, index, &change), region: Some(index) })
            }
            Err(RegionUpdate::Invalid(d)) => Err(NotApplied::Invalid(d)),
            Err(RegionUpdate::Structural(why)) => Err(NotApplied::Everything(Why::Region(why))),
        }
    }
}

/// Bring the whole-site downloads in an output folder up to date after the region at
/// `region` of `site` changed (`layouts`: where each region's rows are in them, updated too):
/// its new rows are spliced into each file written before, in place of its old ones (a file
/// where they are the same is left alone). A file whose layout is not known, or whose length
/// is not the one written, is written whole.
pub fn splice_downloads(
    site: &Site,
    layouts: &mut Layouts,
    sink: &InPlace,
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

/// What an update did with each whole-site download on disk.
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
fn changed_indicators(before: &Region, after: &Region) -> BTreeSet<String> {
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
    let ids: BTreeSet<&str> = before.series.iter().chain(&after.series).map(|s| s.indicator.as_str()).collect();
    ids.into_iter().filter(|id| of(before, id) != of(after, id)).map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn why_a_change_rebuilds_everything_is_said_in_either_language() {
        assert_eq!(Why::Beyond.message().en(), "the change reaches beyond one region's folder");
        assert_eq!(Why::Beyond.message().zh(), "改动超出了单个地区的文件夹");
        assert_eq!(Why::TooManyRegions(70).message().en(), "the change shows on the pages of 70 regions");
        assert_eq!(Why::TooManyRegions(70).message().zh(), "改动涉及 70 个地区的页面");
    }
}

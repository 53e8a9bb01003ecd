//! Which pages and files a given site has, and which of them show what: the route table
//! ([`crate::routes`]) applied to the model.
//!
//! The site is made in [`Part`]s, each rendered as a whole (a region's pages and CSV, say).
//! A full build renders every part; the preview renders a part when one of its files is first
//! asked for ([`part_of`]); an in-place update renders the parts a change reaches
//! ([`Selection`]). The sitemap, the progress bar and `check --strict` read the same lists, so
//! a new kind of page is added here once and every one of them knows it.

use std::collections::BTreeSet;

use crate::model::{Region, Site};
use crate::routes::{self, Route};

/// A part of the site that is rendered as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    /// The home page in every language.
    Home,
    /// The lists of regions and indicators, the 404 page and the free pages.
    Front,
    /// A region's pages (its page, its tasks, one per indicator), its CSV and its tasks' files,
    /// by index.
    Region(usize),
    /// An indicator's page and CSV, by index.
    Indicator(usize),
    /// The sitemap and `robots.txt`.
    SiteFiles,
    /// The theme's static files.
    Assets,
    /// `data/all.csv`.
    AllCsv,
    /// `data/all.json`.
    AllJson,
    /// `data/tasks.csv`.
    TasksCsv,
    /// `data/tasks.json`.
    TasksJson,
}

impl Part {
    /// Whether the part is a download that gathers every region (`all.csv`, `all.json`,
    /// `tasks.csv`, `tasks.json`): an update brings those up to date on its own, beside the
    /// pages, and does not render them as a part.
    pub fn gathers_regions(self) -> bool {
        matches!(self, Part::AllCsv | Part::AllJson | Part::TasksCsv | Part::TasksJson)
    }
}

/// Every part of a site, in the order a full build starts them.
pub fn parts(site: &Site) -> Vec<Part> {
    let mut parts: Vec<Part> = (0..site.regions.len()).map(Part::Region).collect();
    parts.extend((0..site.indicators.len()).map(Part::Indicator));
    parts.extend([Part::Home, Part::Front, Part::SiteFiles, Part::Assets, Part::AllCsv, Part::AllJson]);
    parts.extend([Part::TasksCsv, Part::TasksJson]);
    parts
}

/// The pages of one region, in the order they are listed: its page, its tasks (when it has
/// any), then one per indicator it has values or targets for.
pub fn region_pages(region: &Region) -> Vec<Route<'_>> {
    let mut pages = vec![Route::Region(&region.id)];
    if region.plan_text.is_some() {
        pages.push(Route::Plan(&region.id));
    }
    if !region.tasks.is_empty() {
        pages.push(Route::Tasks(&region.id));
    }
    let mut seen = BTreeSet::new();
    for s in &region.series {
        if seen.insert(s.indicator.as_str()) {
            pages.push(Route::Series(&region.id, &s.indicator));
        }
    }
    pages
}

/// The routes of one part (pages once, whatever the languages). `assets`: the theme's static
/// files.
pub fn routes_of<'s>(site: &'s Site, part: Part, assets: &'s [String]) -> Vec<Route<'s>> {
    match part {
        Part::Home => vec![Route::Home],
        Part::Front => {
            let mut r = vec![Route::Regions, Route::Indicators, Route::NotFound];
            r.extend(site.pages.iter().map(|p| Route::Page(&p.slug)));
            r
        }
        Part::Region(i) => {
            let region = &site.regions[i];
            let mut r = region_pages(region);
            r.push(Route::RegionCsv(&region.id));
            if region.plan_text.is_some() {
                r.push(Route::PlanText(&region.id));
            }
            if !region.tasks.is_empty() {
                r.extend([Route::RegionTasksCsv(&region.id), Route::RegionTasksJson(&region.id)]);
            }
            r
        }
        Part::Indicator(i) => {
            let id = site.indicators[i].id.as_str();
            vec![Route::Indicator(id), Route::IndicatorCsv(id)]
        }
        Part::SiteFiles => {
            let mut r = vec![Route::Sitemap, Route::Robots];
            r.extend((1..=sitemap_parts(site, page_count(site))).map(Route::SitemapPart));
            r
        }
        Part::Assets => assets.iter().map(|a| Route::Asset(a)).collect(),
        Part::AllCsv => vec![Route::AllCsv],
        Part::AllJson => vec![Route::AllJson],
        Part::TasksCsv => vec![Route::TasksCsv],
        Part::TasksJson => vec![Route::TasksJson],
    }
}

/// Every page of the site (made in every language), in the sitemap's order: home, the lists,
/// each region's pages, each indicator's, the free pages, then the 404 page.
pub fn pages(site: &Site) -> Vec<Route<'_>> {
    let mut pages = vec![Route::Home, Route::Regions, Route::Indicators];
    for r in &site.regions {
        pages.extend(region_pages(r));
    }
    pages.extend(site.indicators.iter().map(|i| Route::Indicator(&i.id)));
    pages.extend(site.pages.iter().map(|p| Route::Page(&p.slug)));
    pages.push(Route::NotFound);
    pages
}

/// How many pages one sitemap file lists: the protocol allows 50,000 addresses per file, and
/// each page is there in every language; a larger site gets an index of parts.
pub fn sitemap_per_file(site: &Site) -> usize {
    const PER_FILE: usize = 50_000;
    (PER_FILE / site.config.languages.len().max(1)).max(1)
}

/// How many parts the sitemap of a site with `pages` pages (404 page included) has: 0 when it
/// is one file.
fn sitemap_parts(site: &Site, pages: usize) -> usize {
    let n = pages.saturating_sub(1).div_ceil(sitemap_per_file(site));
    if n <= 1 { 0 } else { n }
}

fn page_count(site: &Site) -> usize {
    let per_region: usize = site.regions.iter().map(|r| region_pages(r).len()).sum();
    4 + per_region + site.indicators.len() + site.pages.len()
}

/// The output path of `route` in the language `lang` (shared files have one path).
pub fn path_in(site: &Site, route: &Route, lang: &str) -> String {
    if route.is_page() {
        format!("{}{}", routes::lang_prefix(lang, site.default_language()), route.path())
    } else {
        route.path()
    }
}

/// Every file a full build writes, by output path.
pub fn paths(site: &Site, assets: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for part in parts(site) {
        for route in routes_of(site, part, assets) {
            if route.is_page() {
                out.extend(site.config.languages.iter().map(|l| path_in(site, &route, l)));
            } else {
                out.push(route.path());
            }
        }
    }
    out
}

/// How many files a full build writes (the progress bar's length).
pub fn count(site: &Site, assets: usize) -> u64 {
    let langs = site.config.languages.len();
    let plan_texts = site.regions.iter().filter(|r| r.plan_text.is_some()).count();
    let task_files = 2 * site.regions.iter().filter(|r| !r.tasks.is_empty()).count();
    // all.csv, all.json, tasks.csv, tasks.json; the sitemap and robots.txt.
    let shared = site.regions.len()
        + plan_texts
        + task_files
        + site.indicators.len()
        + 4
        + 2
        + sitemap_parts(site, page_count(site));
    (page_count(site) * langs + shared + assets) as u64
}

/// The part that renders the file at `path` (an output path such as
/// `en/regions/yuncheng/cmi/index.html`). `None` when no part makes it.
pub fn part_of(site: &Site, path: &str) -> Option<Part> {
    let (_, inner) = routes::split_language(path, &site.config.languages, site.default_language());
    let region = |id: &str| site.region_index(id).map(Part::Region);
    let indicator = |id: &str| site.indicator_index(id).map(Part::Indicator);
    match routes::parse(inner, inner.len() == path.len())? {
        Route::Home => Some(Part::Home),
        Route::Regions | Route::Indicators | Route::NotFound | Route::Page(_) => Some(Part::Front),
        Route::Region(id)
        | Route::Tasks(id)
        | Route::Series(id, _)
        | Route::Plan(id)
        | Route::RegionCsv(id)
        | Route::PlanText(id)
        | Route::RegionTasksCsv(id)
        | Route::RegionTasksJson(id) => region(id),
        Route::Indicator(id) | Route::IndicatorCsv(id) => indicator(id),
        Route::AllCsv => Some(Part::AllCsv),
        Route::AllJson => Some(Part::AllJson),
        Route::TasksCsv => Some(Part::TasksCsv),
        Route::TasksJson => Some(Part::TasksJson),
        Route::Sitemap | Route::SitemapPart(_) | Route::Robots => Some(Part::SiteFiles),
        Route::Asset(_) => Some(Part::Assets),
    }
}

/// The parts to render again after a small change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub parts: BTreeSet<Part>,
}

impl Selection {
    pub fn insert(&mut self, part: Part) {
        self.parts.insert(part);
    }

    /// The regions the selection renders, by index.
    pub fn regions(&self) -> impl Iterator<Item = usize> + '_ {
        self.parts.iter().filter_map(|p| if let Part::Region(i) = p { Some(*i) } else { None })
    }
}

/// What changed in one region's own files, as far as other pages care.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegionChange {
    /// The indicators whose series or targets changed in the region.
    pub indicators: BTreeSet<String>,
    /// Whether the number of its series or tasks, or its plan's date, changed (the list of
    /// regions counts them, and is dated by the plans).
    pub counts: bool,
}

/// The parts that show region `index`'s own files, after `change`. Each kind of page that
/// shows another region's data says so here:
/// - the region's own pages and CSV;
/// - its parent's pages: a region compares its subordinate regions, indicator by indicator;
/// - the pages of the indicators whose values or targets changed: they compare regions;
/// - the home page: each plan's status counts, its number of tasks, recent updates;
/// - the list of regions, when the region's number of series or tasks changed (or its plan's
///   date, which dates the list);
/// - the sitemap: each page's `lastmod` is its date, which the region's dates move;
/// - nothing else (breadcrumbs and lists show names, and a change of name is a full build).
pub fn showing_region(site: &Site, index: usize, change: &RegionChange) -> Selection {
    let mut sel = Selection::default();
    sel.insert(Part::Region(index));
    if let Some(p) = site.regions[index].parent.as_deref().and_then(|p| site.region_index(p)) {
        sel.insert(Part::Region(p));
    }
    for id in &change.indicators {
        if let Some(i) = site.indicator_index(id) {
            sel.insert(Part::Indicator(i));
        }
    }
    sel.insert(Part::Home);
    sel.insert(Part::SiteFiles);
    if change.counts {
        sel.insert(Part::Front);
    }
    sel
}

/// The parts that show an indicator's commentary: its page, and its page in every region
/// that has it.
pub fn showing_indicator_commentary(site: &Site, id: &str) -> Selection {
    let mut sel = Selection::default();
    if let Some(i) = site.indicator_index(id) {
        sel.insert(Part::Indicator(i));
    }
    for (i, r) in site.regions.iter().enumerate() {
        if r.series.iter().any(|s| s.indicator == id) {
            sel.insert(Part::Region(i));
        }
    }
    sel
}

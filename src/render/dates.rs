//! Each page's date: the newest date of what it shows, never the build's clock or a date typed
//! once for the whole site (an inspector takes a made-up date for "伪造发稿日期", and an undated
//! page for one never updated: research users.md §1.4). The dates content carries:
//!
//! - an observation's `released` (when its value was made public);
//! - a task's `updated` (its progress note);
//! - a commentary file's front-matter `updated`;
//! - a plan's `issued`.
//!
//! A page shows and labels (`PubDate`) its date, and the sitemap gives it as `lastmod`; a page
//! with none of them shows no date. A page and its translations share one date: the newest of
//! what any of them shows. What each kind of page counts is in docs/content-format.md ("Dates").
//!
//! Each page's date is read off what it shows (its region's few series, its children's); the
//! pages that gather every region share one pass over the site, made when first needed.

use std::sync::OnceLock;

use rayon::prelude::*;

use crate::model::{Date, Localized, Region, Series, Site};
use crate::routes::Route;

/// Past this many regions' series, an indicator's page lists only the top-level regions (and
/// so its date is theirs).
pub(crate) const INDICATOR_TABLE_LIMIT: usize = 300;

/// The dates of a site's pages. A region's pages read theirs off the region (and its
/// children's series); the pages that gather every region (home page, list of regions,
/// indicators' pages) share a pass over the whole site, made the first time one of them asks, so
/// that the preview rendering one region's pages on demand never makes it.
#[derive(Debug, Default)]
pub struct PageDates {
    whole: OnceLock<Whole>,
}

/// The dates only a pass over every region gives.
#[derive(Debug, Default)]
struct Whole {
    /// Per indicator: the date of its page.
    indicators: Vec<Option<Date>>,
    /// The home page: the newest of every region's page.
    home: Option<Date>,
    /// The list of regions: the newest plan among them.
    region_list: Option<Date>,
}

/// The newest `updated` of a commentary in any language.
fn commentary(l: &Localized) -> Option<Date> {
    l.values().filter_map(|m| m.updated).max()
}

fn issued(r: &Region) -> Option<Date> {
    r.plan.as_ref().and_then(|p| p.issued.as_ref()).and_then(|d| d.given()).copied()
}

fn tasks(r: &Region) -> Option<Date> {
    r.tasks.iter().filter_map(|t| t.updated).max()
}

/// The newest `released` of a series.
fn released(s: &Series) -> Option<Date> {
    s.observations.iter().filter_map(|o| o.released).max()
}

/// A region's page: its values, tasks, commentary and plan.
fn region(r: &Region) -> Option<Date> {
    let values = r.series.iter().filter_map(released).max();
    [values, tasks(r), commentary(&r.commentary), issued(r)].into_iter().flatten().max()
}

impl Whole {
    fn new(site: &Site) -> Whole {
        let home = site.regions.par_iter().map(region).max().flatten();
        let mut per_indicator = vec![(None, None, 0usize); site.indicators.len()];
        for r in &site.regions {
            for s in &r.series {
                if let Some(i) = site.indicator_index(&s.indicator) {
                    let d = released(s);
                    let (all, top, n): &mut (Option<Date>, Option<Date>, usize) = &mut per_indicator[i];
                    *all = (*all).max(d);
                    if r.depth == 0 {
                        *top = (*top).max(d);
                    }
                    *n += 1;
                }
            }
        }
        let indicators = site
            .indicators
            .iter()
            .zip(per_indicator)
            .map(|(ind, (all, top, n))| {
                let shown = if n > INDICATOR_TABLE_LIMIT { top } else { all };
                shown.max(commentary(&ind.commentary))
            })
            .collect();
        Whole { indicators, home, region_list: site.regions.iter().filter_map(issued).max() }
    }
}

impl PageDates {
    pub fn new() -> PageDates {
        PageDates::default()
    }

    fn whole(&self, site: &Site) -> &Whole {
        self.whole.get_or_init(|| Whole::new(site))
    }

    /// The date of the page at `route` of `site` (always the same site for one `PageDates`);
    /// `None` for a page with nothing dated on it, and for files that are not pages.
    pub fn of(&self, site: &Site, route: &Route) -> Option<Date> {
        match *route {
            Route::Home => self.whole(site).home,
            Route::Regions => self.whole(site).region_list,
            Route::Region(id) => region(site.region(id)?),
            Route::Tasks(id) => {
                let r = site.region(id)?;
                tasks(r).max(issued(r))
            }
            Route::Plan(id) => issued(site.region(id)?),
            Route::Series(region, indicator) => series_page(site, site.region(region)?, indicator),
            Route::Indicator(id) => self.whole(site).indicators.get(site.indicator_index(id)?).copied().flatten(),
            Route::Page(slug) => commentary(&site.pages.iter().find(|p| p.slug == slug)?.versions),
            _ => None,
        }
    }
}

/// One indicator in one region: its series' values, their targets' plan, the commentary on
/// the indicator (here and everywhere), and the subordinate regions' values it compares.
pub fn series_page(site: &Site, r: &Region, indicator: &str) -> Option<Date> {
    let own = r.series.iter().filter(|s| s.indicator == indicator);
    let children = r.children.iter().filter_map(|c| site.region(c));
    let compared = children.flat_map(|c| c.series.iter().filter(|s| s.indicator == indicator));
    series_page_of(site, r, indicator, own, compared)
}

/// [`series_page`] for a caller that has already found the region's series of the indicator
/// (`own`) and its subordinate regions' (`compared`), as the series page's renderer has.
pub fn series_page_of<'s>(
    site: &Site,
    r: &Region,
    indicator: &str,
    own: impl Iterator<Item = &'s Series>,
    compared: impl Iterator<Item = &'s Series>,
) -> Option<Date> {
    let mut date = None;
    let mut targets = false;
    for s in own {
        date = date.max(released(s));
        targets |= !s.targets.is_empty();
    }
    if targets {
        date = date.max(issued(r));
    }
    date = date.max(r.indicator_commentary.get(indicator).and_then(commentary));
    date = date.max(site.indicator(indicator).and_then(|i| commentary(&i.commentary)));
    compared.filter_map(released).max().max(date)
}

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
//! [`PageDates::new`] walks the observations once per build; each page's date is then read off
//! what it shows (its region's few series, its children's), with no pass over the whole site.

use rayon::prelude::*;

use crate::model::{Date, Localized, Region, Site};
use crate::routes::Route;

/// Past this many regions' series, an indicator's page lists only the top-level regions (and
/// so its date is theirs).
pub(crate) const INDICATOR_TABLE_LIMIT: usize = 300;

/// The dates of a site's pages, worked out once.
#[derive(Debug, Clone, Default)]
pub struct PageDates {
    /// Per region, per series: its newest `released`.
    series: Vec<Vec<Option<Date>>>,
    /// Per region: the date of its page.
    regions: Vec<Option<Date>>,
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

impl PageDates {
    pub fn new(site: &Site) -> PageDates {
        let series: Vec<Vec<Option<Date>>> = site
            .regions
            .par_iter()
            .map(|r| r.series.iter().map(|s| s.observations.iter().filter_map(|o| o.released).max()).collect())
            .collect();
        let regions: Vec<Option<Date>> = site
            .regions
            .iter()
            .zip(&series)
            .map(|(r, s)| {
                let values = s.iter().flatten().max().copied();
                [values, tasks(r), commentary(&r.commentary), issued(r)].into_iter().flatten().max()
            })
            .collect();
        let mut per_indicator = vec![(None, None, 0usize); site.indicators.len()];
        for (r, dates) in site.regions.iter().zip(&series) {
            for (s, &d) in r.series.iter().zip(dates) {
                if let Some(i) = site.indicator_index(&s.indicator) {
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
        PageDates {
            home: regions.iter().flatten().max().copied(),
            region_list: site.regions.iter().filter_map(issued).max(),
            series,
            regions,
            indicators,
        }
    }

    /// The date of the page at `route`; `None` for a page with nothing dated on it, and for
    /// files that are not pages.
    pub fn of(&self, site: &Site, route: &Route) -> Option<Date> {
        match *route {
            Route::Home => self.home,
            Route::Regions => self.region_list,
            Route::Region(id) => self.regions.get(site.region_index(id)?).copied().flatten(),
            Route::Tasks(id) => {
                let r = site.region(id)?;
                tasks(r).max(issued(r))
            }
            Route::Plan(id) => issued(site.region(id)?),
            Route::Series(region, indicator) => self.series_page(site, site.region_index(region)?, indicator),
            Route::Indicator(id) => self.indicators.get(site.indicator_index(id)?).copied().flatten(),
            Route::Page(slug) => commentary(&site.pages.iter().find(|p| p.slug == slug)?.versions),
            _ => None,
        }
    }

    /// One indicator in one region: its series' values, their targets' plan, the commentary on
    /// the indicator (here and everywhere), and the subordinate regions' values it compares.
    pub fn series_page(&self, site: &Site, ri: usize, indicator: &str) -> Option<Date> {
        let r = &site.regions[ri];
        let mut date = None;
        let mut targets = false;
        for (s, d) in r.series.iter().zip(&self.series[ri]) {
            if s.indicator == indicator {
                date = date.max(*d);
                targets |= !s.targets.is_empty();
            }
        }
        if targets {
            date = date.max(issued(r));
        }
        date = date.max(r.indicator_commentary.get(indicator).and_then(commentary));
        date = date.max(site.indicator(indicator).and_then(|i| commentary(&i.commentary)));
        for c in r.children.iter().filter_map(|c| site.region_index(c)) {
            for (s, d) in site.regions[c].series.iter().zip(&self.series[c]) {
                if s.indicator == indicator {
                    date = date.max(*d);
                }
            }
        }
        date
    }
}

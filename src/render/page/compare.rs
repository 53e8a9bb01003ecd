//! What several kinds of page show: comparisons of regions on one indicator, breadcrumbs,
//! status and task counts, an indicator's description.

use serde_json::Value as Json;

use super::Renderer;
use crate::assess::StatusCounts;
use crate::chart;
use crate::model::{Indicator, Region, Series};
use crate::render::charts::Charts;
use crate::render::json::obj;
use crate::render::view::{Lang, escape};
use crate::routes::{self, rel};
use crate::vocab::{Direction, WorkState};

impl Renderer<'_> {
    pub(super) fn region_crumbs(&self, lang: &Lang, region: &Region, link_self: bool) -> Vec<(String, Option<String>)> {
        let mut chain = Vec::new();
        let mut cur = region.parent.as_deref().and_then(|p| self.site.region(p));
        while let Some(r) = cur {
            chain.push((lang.html(&r.name), Some(routes::region(&r.id))));
            cur = r.parent.as_deref().and_then(|p| self.site.region(p));
            if chain.len() > 16 {
                break;
            }
        }
        chain.reverse();
        let mut crumbs = vec![(escape(lang.t("regions")), Some(routes::regions()))];
        crumbs.extend(chain);
        crumbs.push((lang.html(&region.name), link_self.then(|| routes::region(&region.id))));
        crumbs
    }

    pub(super) fn status_counts(&self, index: usize) -> StatusCounts {
        let mut c = StatusCounts::default();
        for e in &self.evals.regions[index] {
            c.add(e.status.status);
        }
        c
    }

    pub(super) fn counts_json(&self, lang: &Lang, c: &StatusCounts) -> Json {
        let items: Vec<Json> = [
            ("achieved", c.achieved),
            ("on_track", c.on_track),
            ("needs_acceleration", c.needs_acceleration),
            ("off_track", c.off_track),
            ("missed", c.missed),
            ("not_assessable", c.not_assessable),
            ("monitored", c.monitored),
        ]
        .iter()
        .map(|(k, n)| obj!({"key": *k, "label": lang.t(&format!("status_{k}")), "count": *n}))
        .collect();
        obj!({"items": items, "total": c.total()})
    }

    /// Every (region, series) of `ind` in the regions `among` (indices), in that order.
    pub(super) fn entries_of(&self, ind: &Indicator, among: impl Iterator<Item = usize>) -> Vec<(usize, usize)> {
        let mut entries = Vec::new();
        for ri in among {
            for (si, s) in self.site.regions[ri].series.iter().enumerate() {
                if s.indicator == ind.id {
                    entries.push((ri, si));
                }
            }
        }
        entries
    }

    /// Table rows comparing `entries` (regions' series of `ind`), best latest value first.
    pub(super) fn comparison_rows(
        &self,
        lang: &Lang,
        ind: &Indicator,
        entries: &[(usize, usize)],
        full: &str,
    ) -> Vec<Json> {
        let to = |p: &str| rel(full, &format!("{}{p}", self.prefix(lang.code)));
        let mut rows: Vec<(Option<f64>, Json)> = entries
            .iter()
            .map(|&(ri, si)| {
                let r = &self.site.regions[ri];
                let s = &r.series[si];
                let e = &self.evals.regions[ri][si];
                let target = e.headline.map(|h| &r.targets[h]);
                let latest = s.latest();
                let sort = latest.and_then(|o| o.value.number());
                (
                    sort,
                    obj!({
                        "region_html": lang.html(&r.name),
                        "href": to(&routes::series(&r.id, &ind.id)),
                        "scope_html": s.scope.as_ref().and_then(|sc| self.site.scope(sc)).map(|sc| lang.html(&sc.name)),
                        "scope_note_html": scope_note(r, s).map(|n| lang.html(n)),
                        "latest": latest.map(|o| obj!({"value": lang.value(ind, &o.value), "period": o.period.to_string(), "sample": o.sample, "period_html": self.period_html(lang, o)})),
                        "target": target.map(|t| lang.target_short(ind, t)),
                        "status": lang.status(e.status.status),
                        "children": r.children.len(),
                    }),
                )
            })
            .collect();
        // Sorted by latest value, best first; rows without a value last.
        let lower_better = ind.direction == Direction::Decrease;
        rows.sort_by(|a, b| match (a.0, b.0) {
            (Some(x), Some(y)) => {
                if lower_better {
                    x.total_cmp(&y)
                } else {
                    y.total_cmp(&x)
                }
            }
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
        rows.into_iter().map(|(_, j)| j).collect()
    }

    /// The legend of a comparison chart: one label per line drawn.
    pub(super) fn legend(&self, lang: &Lang, chart: Option<&(Charts, Vec<(usize, usize)>)>) -> Vec<Json> {
        chart
            .map(|(_, lines)| {
                lines
                    .iter()
                    .enumerate()
                    .map(|(n, &(ri, si))| {
                        let r = &self.site.regions[ri];
                        let scope = r.series[si]
                            .scope
                            .as_ref()
                            .and_then(|sc| self.site.scope(sc))
                            .map(|sc| lang.plain(&sc.name).to_string());
                        // A scope with a note carries its mark here; the table gives the note.
                        let mark = if scope_note(r, &r.series[si]).is_some() { lang.t("scope_note_mark") } else { "" };
                        let label = match scope {
                            Some(sc) => format!("{} · {sc}{mark}", lang.plain(&r.name)),
                            None => lang.plain(&r.name).to_string(),
                        };
                        obj!({"label": label, "color": chart::PALETTE[n % chart::PALETTE.len()]})
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    pub(super) fn indicator_json(&self, lang: &Lang, ind: &Indicator, full: &str) -> Json {
        let unit = ind.unit.label(lang.code, lang.default).0;
        obj!({
            "id": &ind.id,
            "name_html": lang.html(&ind.name),
            "short_name_html": lang.opt_html(&ind.short_name),
            "href": rel(full, &format!("{}{}", self.prefix(lang.code), routes::indicator(&ind.id))),
            "category_html": self.site.category(&ind.category).map(|c| lang.html(&c.name)),
            "kind": lang.t(ind.kind.as_str()),
            "unit": unit,
            "decimals": ind.decimals,
            "direction": lang.direction(ind.direction),
            "direction_key": ind.direction.as_str(),
            "description_html": lang.opt_html(&ind.description),
            "formula_html": lang.opt_html(&ind.formula),
            "source_html": lang.opt_html(&ind.source),
            "frequency": lang.t(ind.frequency.as_str()),
            "commentary_html": self.indicator_md.get(&(ind.id.clone(), lang.code.to_string())).cloned().flatten(),
        })
    }
}

/// Why a series without values has none: its targets' reason, else the region's.
pub(super) fn no_data_reason<'r>(region: &'r Region, s: &Series) -> Option<&'r crate::model::Text> {
    if !s.observations.is_empty() {
        return None;
    }
    s.targets.iter().find_map(|&t| region.targets[t].no_data.as_ref()).or(region.no_data.as_ref())
}

/// The remark on a series' scope (`scope_note` of its targets): shown wherever the scope is.
pub(super) fn scope_note<'r>(region: &'r Region, s: &Series) -> Option<&'r crate::model::Text> {
    s.scope.as_ref()?;
    s.targets.iter().find_map(|&t| region.targets[t].scope_note.as_ref())
}

pub(super) fn task_counts(lang: &Lang, region: &Region) -> Json {
    let keys = ["done", "in_progress", "not_started", "delayed", "not_reported"];
    let items: Vec<Json> = keys
        .iter()
        .map(|k| {
            let n = region.tasks.iter().filter(|t| t.status.map_or("not_reported", WorkState::as_str) == *k).count();
            obj!({"key": *k, "label": lang.t(&format!("task_{k}")), "count": n})
        })
        .collect();
    obj!({"items": items, "total": region.tasks.len()})
}

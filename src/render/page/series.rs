//! One indicator in one region: the trend chart, each scope against its targets, the data
//! table, commentary, and the comparison with the region's subordinate regions.

use serde_json::Value as Json;

use super::compare::{no_data_reason, scope_note};
use super::{Rendered, Renderer};
use crate::assess::SeriesEval;
use crate::chart;
use crate::model::{Indicator, Period, Region, Series, TargetValue};
use crate::render::charts::{Charts, chart_description};
use crate::render::json::obj;
use crate::render::view::{Lang, escape};
use crate::routes::{self, rel};
use crate::vocab::TargetKind;

/// What a region × indicator page shows beyond the series themselves, drawn once for every
/// language.
pub(super) struct SeriesView<'s> {
    pub(super) ind: &'s Indicator,
    /// Indices of the indicator's series (one per scope) in the region.
    pub(super) idx: Vec<usize>,
    pub(super) svg: Option<Charts>,
    pub(super) children: Comparison,
    /// The page's date (the same in every language).
    pub(super) date: Option<crate::model::Date>,
}

/// Some regions' series of one indicator, and the chart comparing them (with the lines drawn).
pub(super) type Comparison = (Vec<(usize, usize)>, Option<(Charts, Vec<(usize, usize)>)>);

impl Renderer<'_> {
    pub(super) fn series_page(
        &self,
        lang: &Lang,
        region: &Region,
        view: &SeriesView,
        evals: &[SeriesEval],
        plan_page: Option<&super::plan::PlanLink>,
    ) -> Rendered {
        let SeriesView { ind, idx, svg, children, date } = view;
        let (ind, svg) = (*ind, svg.as_ref());
        let page_path = routes::series(&region.id, &ind.id);
        let full = format!("{}{page_path}", self.prefix(lang.code));
        let to = |p: &str| rel(&full, &format!("{}{p}", self.prefix(lang.code)));
        let series: Vec<&Series> = idx.iter().map(|&i| &region.series[i]).collect();
        let has_scopes = series.iter().any(|s| s.scope.is_some());
        // Without a scope, a series stands for "all" when others on the page have one.
        let scope_name = |s: &Series| match &s.scope {
            Some(sc) => self.site.scope(sc).map(|sc| lang.html(&sc.name)),
            None if has_scopes => Some(escape(lang.t("all_scopes"))),
            None => None,
        };
        // A scope's note is given once under its heading; elsewhere on the page (the table's
        // columns, the chart's legend) the scope carries a mark that links to it.
        let note_id = |s: &Series| {
            let n = series.iter().position(|x| std::ptr::eq(*x, s))?;
            scope_note(region, s).map(|_| format!("scope-note-{}", n + 1))
        };
        // The table shows the series that have values.
        let with_data: Vec<&Series> = series.iter().copied().filter(|s| !s.observations.is_empty()).collect();
        // The data table: one row per period, one column per scope.
        let mut periods: Vec<Period> = series.iter().flat_map(|s| s.observations.iter().map(|o| o.period)).collect();
        periods.sort();
        periods.dedup();
        // Each row's cells come as one piece of HTML: the table is most of a page's cells, and
        // four lookups a cell in the template were a tenth of rendering a national site.
        let sample_tag = escape(lang.t("sample_tag"));
        let released = self.released_html(lang);
        let rows: Vec<Json> = periods
            .iter()
            .map(|p| {
                let mut cells = String::with_capacity(48 * with_data.len());
                for s in &with_data {
                    cells.push_str("<td class=\"num\">");
                    match s.observations.iter().find(|o| o.period == *p) {
                        Some(o) => {
                            cells.push_str(&escape(&lang.value(ind, &o.value)));
                            if o.sample {
                                cells.push_str(" <span class=\"sample-tag\">");
                                cells.push_str(&sample_tag);
                                cells.push_str("</span>");
                            }
                            if let Some(d) = o.released {
                                cells.push_str("<span class=\"released\">");
                                released(&mut cells, d);
                                cells.push_str("</span>");
                            }
                            if let Some(note) = lang.opt_html(&o.note) {
                                cells.push_str("<span class=\"cell-note\">");
                                cells.push_str(&note);
                                cells.push_str("</span>");
                            }
                        }
                        None => cells.push_str("<span class=\"none\">—</span>"),
                    }
                    cells.push_str("</td>");
                }
                obj!({"period": p.to_string(), "cells_html": cells})
            })
            .collect();
        let scopes: Vec<Json> = series
            .iter()
            .zip(idx)
            .enumerate()
            .map(|(n, (s, &i))| {
                let e = &evals[i];
                let targets: Vec<Json> = s
                    .targets
                    .iter()
                    .zip(&e.per_target)
                    .map(|(&t, a)| {
                        let target = &region.targets[t];
                        obj!({
                            "short": lang.target_short(ind, target),
                            "text_html": lang.html(&target.text),
                            "wording": lang.wording(&target.text),
                            "note_html": lang.opt_html(&target.note),
                            "scope_note_html": lang.opt_html(&target.scope_note),
                            "attribute_html": lang.opt_html(&target.attribute),
                            "schedule_html": lang.opt_html(&target.schedule),
                            "status": lang.status(a.status),
                            "explanation": lang.explain(ind, s, Some(target), a),
                            "plan_link_html": plan_page.map(|p| super::plan::link_html(" ", "plan-link", &p.href_html, target.anchor.as_deref(), &p.label_html, "")),
                            "plan_href": plan_page.map(|p| super::plan::plan_href(&p.href, target)),
                        })
                    })
                    .collect();
                let drawn = s.observations.iter().any(|o| o.value.number().is_some())
                    || s.targets.iter().any(|&t| {
                        matches!(region.targets[t].value, Some(TargetValue::Number(_)))
                            && region.targets[t].kind == TargetKind::Level
                    });
                obj!({
                    "name_html": scope_name(s),
                    "scope_note_html": scope_note(region, s).map(|n| lang.html(n)),
                    "scope_note_id": note_id(s),
                    "in_chart": drawn,
                    "color": chart::PALETTE[n % chart::PALETTE.len()],
                    "status": lang.status(e.status.status),
                    "explanation": lang.explain(ind, s, e.headline.map(|h| &region.targets[h]), &e.status),
                    "latest": s.latest().map(|o| obj!({"value": lang.value(ind, &o.value), "period": o.period.to_string(), "period_html": self.period_html(lang, o)})),
                    "targets": targets,
                })
            })
            .collect();
        let chart_html = svg.map(|svg| {
            let desc = chart_description(lang, ind, region, &series);
            svg.html(&format!("{} — {}", lang.plain(&region.name), lang.plain(&ind.name)), &desc)
        });
        let sample = series.iter().any(|s| s.has_sample());
        let mut crumbs = self.region_crumbs(lang, region, true);
        crumbs.push((lang.html(&ind.name), None));
        let label = super::PageLabel {
            kind: routes::PageKind::Series,
            date: *date,
            description: ind.description.as_ref().map(|d| lang.plain(d).to_string()),
        };
        let meta = self.meta(
            lang,
            &page_path,
            &format!("{} · {}", lang.plain(&ind.name), lang.plain(&region.name)),
            crumbs,
            sample,
            label,
        );
        let body = obj!({
            "region": obj!({"name_html": lang.html(&region.name), "href": to(&routes::region(&region.id))}),
            "indicator": self.indicator_json(lang, ind, &full),
            "chart": chart_html.map(|svg| obj!({"svg": svg})),
            "scopes": scopes,
            "rows": rows,
            "has_scopes": has_scopes,
            "columns": with_data.iter().map(|s| obj!({"name_html": scope_name(s), "scope_note_id": note_id(s)})).collect::<Vec<_>>(),
            "commentary_html": region.indicator_commentary.get(&ind.id).and_then(|c| self.markdown(lang, c)),
            "no_data_html": series.iter().find_map(|s| no_data_reason(region, s)).map(|t| lang.html(t)),
            "indicator_csv": rel(&full, &routes::indicator_csv(&ind.id)),
            "children": (!children.0.is_empty()).then(|| {
                let legend = self.legend(lang, children.1.as_ref());
                let chart = children.1.as_ref().map(|(svg, _)| obj!({"svg": svg.html(
                    &format!("{} — {}", lang.plain(&ind.name), lang.t("children_comparison")),
                    &format!("{}: {}", lang.t("children_comparison"), legend.len()),
                )}));
                obj!({
                    "rows": self.comparison_rows(lang, ind, &children.0, &full),
                    "legend": legend,
                    "chart": chart,
                })
            }),
            "region_csv": rel(&full, &routes::region_csv(&region.id)),
        });
        self.render(lang, "series.html", &page_path, meta, body)
    }
}

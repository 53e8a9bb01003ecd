//! An indicator across regions (comparison table and chart) and the list of indicators.

use serde_json::Value as Json;

use super::{Rendered, Renderer};
use crate::model::Indicator;
use crate::render::charts::{Charts, comparison_chart};
use crate::render::json::obj;
use crate::render::view::{Lang, escape};
use crate::routes::{self, rel};

impl Renderer<'_> {
    pub(crate) fn indicator_pages(&self, ind: &Indicator) -> Vec<Rendered> {
        let mut entries = self.entries_of(ind, 0..self.site.regions.len());
        // A national site would list thousands of regions: the page then compares the
        // top-level regions, and each region's page compares its own children.
        let top_level_only = entries.len() > INDICATOR_TABLE_LIMIT;
        if top_level_only {
            entries.retain(|&(ri, _)| self.site.regions[ri].depth == 0);
        }
        let svg = comparison_chart(ind, self.site, &entries);
        self.langs().map(|lang| self.indicator_page(&lang, ind, &entries, top_level_only, svg.as_ref())).collect()
    }

    pub(crate) fn indicator_page(
        &self,
        lang: &Lang,
        ind: &Indicator,
        entries: &[(usize, usize)],
        top_level_only: bool,
        chart: Option<&(Charts, Vec<(usize, usize)>)>,
    ) -> Rendered {
        let page_path = routes::indicator(&ind.id);
        let full = format!("{}{page_path}", self.prefix(lang.code));
        let rows = self.comparison_rows(lang, ind, entries, &full);
        let legend = self.legend(lang, chart);
        let sample = entries.iter().any(|&(ri, si)| self.site.regions[ri].series[si].has_sample());
        let crumbs = vec![(escape(lang.t("indicators")), Some(routes::indicators())), (lang.html(&ind.name), None)];
        let label = self.label(routes::Route::Indicator(&ind.id), ind.description.as_ref().map(|d| lang.plain(d)));
        let meta = self.meta(lang, &page_path, lang.plain(&ind.name), crumbs, sample, label);
        let chart_html = chart.map(|(svg, _)| {
            svg.html(lang.plain(&ind.name), &format!("{}: {}", lang.t("regions_reporting"), legend.len()))
        });
        let body = obj!({
            "indicator": self.indicator_json(lang, ind, &full),
            "chart": chart_html.map(|svg| obj!({"svg": svg})),
            "legend": legend,
            "rows": rows,
            "top_level_only": top_level_only,
            "csv": rel(&full, &routes::indicator_csv(&ind.id)),
        });
        self.render(lang, "indicator.html", &page_path, meta, body)
    }

    pub(crate) fn indicators_page(&self, lang: &Lang) -> Rendered {
        let page_path = routes::indicators();
        let full = format!("{}{page_path}", self.prefix(lang.code));
        let categories: Vec<Json> = self
            .site
            .categories
            .iter()
            .map(|c| {
                let items: Vec<Json> = self
                    .site
                    .indicators
                    .iter()
                    .filter(|i| i.category == c.id)
                    .map(|i| {
                        let regions = self.site.regions.iter().filter(|r| r.series.iter().any(|s| s.indicator == i.id)).count();
                        obj!({"name_html": lang.html(&i.name), "href": rel(&full, &format!("{}{}", self.prefix(lang.code), routes::indicator(&i.id))), "kind": lang.t(i.kind.as_str()), "regions": regions, "direction": lang.direction(i.direction)})
                    })
                    .collect();
                obj!({"name_html": lang.html(&c.name), "indicators": items})
            })
            .filter(|c| c["indicators"].as_array().is_some_and(|a| !a.is_empty()))
            .collect();
        let label = self.label(routes::Route::Indicators, None);
        let meta =
            self.meta(lang, &page_path, lang.t("indicators"), vec![(escape(lang.t("indicators")), None)], false, label);
        self.render(lang, "indicators.html", &page_path, meta, obj!({"categories": categories}))
    }
}

/// Past this many rows, an indicator's page lists only the top-level regions.
use crate::render::dates::INDICATOR_TABLE_LIMIT;

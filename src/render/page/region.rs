//! A region's page (its indicators by category, status counts, subordinate regions) and its
//! key tasks page; and the group of every page of one region, drawn once for all languages.

use std::collections::BTreeMap;

use serde_json::Value as Json;

use super::compare::{no_data_reason, scope_note, task_counts};
use super::series::SeriesView;
use super::{Rendered, Renderer};
use crate::assess::SeriesEval;
use crate::model::{Region, Series};
use crate::render::charts::{comparison_chart, series_chart, sparkline};
use crate::render::json::obj;
use crate::render::view::{Lang, escape};
use crate::routes::{self, Route, rel};

impl Renderer<'_> {
    pub(crate) fn region_pages(&self, index: usize) -> Vec<Rendered> {
        let region = &self.site.regions[index];
        let evals = &self.evals.regions[index];
        let mut out = Vec::new();
        // Charts are drawn once per indicator and shared by the languages.
        let mut by_indicator: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, s) in region.series.iter().enumerate() {
            by_indicator.entry(s.indicator.as_str()).or_default().push(i);
        }
        let children: Vec<usize> = region.children.iter().filter_map(|c| self.site.region_index(c)).collect();
        let charts: Vec<SeriesView> = by_indicator
            .into_iter()
            .filter_map(|(ind_id, idx)| {
                let ind = self.site.indicator(ind_id)?;
                let svg = series_chart(ind, region, &idx);
                // This region's children on the same indicator, compared in one chart.
                let entries = self.entries_of(ind, children.iter().copied());
                let chart = comparison_chart(ind, self.site, &entries);
                let own = idx.iter().map(|&i| &region.series[i]);
                let compared = entries.iter().map(|&(ri, si)| &self.site.regions[ri].series[si]);
                let date = crate::render::dates::series_page_of(self.site, region, ind_id, own, compared);
                Some(SeriesView { ind, idx, svg, children: (entries, chart), date })
            })
            .collect();
        let sparks: Vec<Option<String>> = region
            .series
            .iter()
            .map(|s| self.site.indicator(&s.indicator).and_then(|ind| sparkline(ind, region, s)))
            .collect();
        for lang in self.langs() {
            out.push(self.region_page(&lang, index, evals, &sparks));
            if let Some(plan) = &region.plan_text {
                out.push(self.plan_page(&lang, region, plan.blocks()));
            }
            if !region.tasks.is_empty() {
                out.push(self.tasks_page(&lang, region));
            }
            // The way from a series page to the plan's page: the same for all of the region's
            // (they are one folder deep in it), so worked out once.
            let plan_link = charts.first().and_then(|v| {
                let full = format!("{}{}", self.prefix(lang.code), routes::series(&region.id, &v.ind.id));
                self.plan_link(&lang, region, &full)
            });
            for view in &charts {
                out.push(self.series_page(&lang, region, view, evals, plan_link.as_ref()));
            }
        }
        out
    }

    pub(crate) fn region_page(
        &self,
        lang: &Lang,
        index: usize,
        evals: &[SeriesEval],
        sparks: &[Option<String>],
    ) -> Rendered {
        let region = &self.site.regions[index];
        let page_path = routes::region(&region.id);
        let full = format!("{}{page_path}", self.prefix(lang.code));
        let plan_page = self.plan_link(lang, region, &full);
        let to = |p: &str| rel(&full, &format!("{}{p}", self.prefix(lang.code)));
        let shared = |p: &str| rel(&full, p);
        let mut categories: Vec<Json> = Vec::new();
        for cat in &self.site.categories {
            let rows: Vec<Json> = region
                .series
                .iter()
                .enumerate()
                .filter(|(_, s)| self.site.indicator(&s.indicator).is_some_and(|i| i.category == cat.id))
                .filter_map(|(i, s)| {
                    let ind = self.site.indicator(&s.indicator)?;
                    let e = &evals[i];
                    // The plan's words for the row's targets, each once (a plan's row often sets
                    // several years' targets in one sentence).
                    let mut wordings: Vec<&crate::model::Text> = Vec::new();
                    for &t in &s.targets {
                        if !wordings.contains(&&region.targets[t].text) {
                            wordings.push(&region.targets[t].text);
                        }
                    }
                    Some(obj!({
                        "indicator_html": lang.html(&ind.name),
                        "scope_html": s.scope.as_ref().and_then(|sc| self.site.scope(sc)).map(|sc| lang.html(&sc.name)),
                        "scope_note_html": scope_note(region, s).map(|n| lang.html(n)),
                        "wordings": wordings.into_iter().map(|w| lang.wording(w)).collect::<Vec<_>>(),
                        "href": to(&routes::series(&region.id, &ind.id)),
                        "latest": s.latest().map(|o| obj!({"value": lang.value(ind, &o.value), "period": o.period.to_string(), "sample": o.sample, "period_html": self.period_html(lang, o)})),
                        "targets": s.targets.iter().map(|&t| {
                            let short = lang.target_short(ind, &region.targets[t]);
                            let href = plan_page.as_ref().map(|p| super::plan::plan_href(&p.href, &region.targets[t]));
                            // The target as the row shows it: a link to the plan's words, else plain.
                            let short_html = escape(&short);
                            let html = match &plan_page {
                                Some(p) => super::plan::link_html("", "target", &p.href_html, region.targets[t].anchor.as_deref(), &short_html, ""),
                                None => format!("<span class=\"target\">{short_html}</span>"),
                            };
                            obj!({"short": short, "html": html, "text": lang.plain(&region.targets[t].text), "text_html": lang.html(&region.targets[t].text), "plan_href": href})
                        }).collect::<Vec<_>>(),
                        "status": lang.status(e.status.status),
                        "sparkline": sparks[i].as_ref().map(|svg| obj!({"svg": svg})),
                        "no_data_html": no_data_reason(region, s).map(|t| lang.html(t)),
                        "sample": s.has_sample(),
                    }))
                })
                .collect();
            if !rows.is_empty() {
                categories.push(obj!({"name_html": lang.html(&cat.name), "rows": rows}));
            }
        }
        let children: Vec<Json> = region
            .children
            .iter()
            .filter_map(|c| self.site.region(c))
            .map(|c| obj!({"name_html": lang.html(&c.name), "href": to(&routes::region(&c.id)), "level": lang.t(&format!("level_{}", c.level)), "plan_html": c.plan.as_ref().map(|p| lang.html(&p.title))}))
            .collect();
        let sample = region.series.iter().any(Series::has_sample) || region.tasks.iter().any(|t| t.sample);
        let counts = self.status_counts(index);
        let label = self.label(Route::Region(&region.id), region.plan.as_ref().map(|p| lang.plain(&p.title)));
        let meta = self.meta(
            lang,
            &page_path,
            lang.plain(&region.name),
            self.region_crumbs(lang, region, false),
            sample,
            label,
        );
        let body = obj!({
            "region": obj!({
                "id": &region.id,
                "name_html": lang.html(&region.name),
                "level": lang.t(&format!("level_{}", region.level)),
                "plan": region.plan.as_ref().map(|p| plan_facts(lang, p)),
                "commentary_html": self.markdown(lang, &region.commentary),
                "csv": shared(&routes::region_csv(&region.id)),
                "tasks_href": (!region.tasks.is_empty()).then(|| to(&routes::tasks(&region.id))),
                "plan_text_href": region.plan_text.is_some().then(|| to(&routes::plan(&region.id))),
                "task_counts": task_counts(lang, region),
            }),
            "summary": self.counts_json(lang, &counts),
            "categories": categories,
            "children": children,
        });
        self.render(lang, "region.html", &page_path, meta, body)
    }

    pub(crate) fn tasks_page(&self, lang: &Lang, region: &Region) -> Rendered {
        let page_path = routes::tasks(&region.id);
        let full = format!("{}{page_path}", self.prefix(lang.code));
        let plan_page = self.plan_link(lang, region, &full);
        let mut sections: Vec<(Option<String>, Vec<Json>)> = Vec::new();
        for (i, t) in region.tasks.iter().enumerate() {
            let plan_href = plan_page.as_ref().and_then(|p| t.anchor.as_ref().map(|a| routes::with_anchor(&p.href, a)));
            // Rows of one numbered task share its title: their details tell them apart.
            let shares_title = |j: usize| region.tasks.get(j).is_some_and(|o| o.title == t.title);
            let repeated = (i > 0 && shares_title(i - 1)) || shares_title(i + 1);
            let section = t.section.as_ref().map(|s| lang.html(s));
            let task = obj!({
                "id": &t.id,
                "number": t.number.clone(),
                "title_html": lang.html(&t.title),
                "detail_html": lang.opt_html(&t.detail),
                "lead_html": t.lead.iter().map(|u| lang.html(u)).collect::<Vec<_>>(),
                "partners_html": t.partners.iter().map(|u| lang.html(u)).collect::<Vec<_>>(),
                "responsible_html": t.responsible.iter().map(|u| lang.html(u)).collect::<Vec<_>>(),
                "deadline": t.deadline.as_ref().map(|d| lang.deadline(d)),
                "deadline_text_html": lang.opt_html(&t.deadline_text),
                "status": lang.task_status(t.status),
                "progress_html": lang.opt_html(&t.progress),
                "updated": t.updated.map(|d| d.to_string()),
                "sample": t.sample,
                "show_detail": repeated,
                "plan_ref_html": plan_page.as_ref().zip(t.anchor.as_ref()).map(|(p, a)| {
                    super::plan::link_html("<p class=\"plan-ref\">", "plan-link", &p.href_html, Some(a), &p.label_html, "</p>")
                }),
                "plan_href": plan_href,
            });
            match sections.last_mut() {
                Some((s, tasks)) if *s == section => tasks.push(task),
                _ => sections.push((section, vec![task])),
            }
        }
        let sections: Vec<Json> =
            sections.into_iter().map(|(s, tasks)| obj!({"title_html": s, "tasks": tasks})).collect();
        let sample = region.tasks.iter().any(|t| t.sample);
        let mut crumbs = self.region_crumbs(lang, region, true);
        crumbs.push((escape(lang.t("tasks")), None));
        let label = self.label(Route::Tasks(&region.id), region.plan.as_ref().map(|p| lang.plain(&p.title)));
        let title = format!("{} · {}", lang.t("tasks"), lang.plain(&region.name));
        let meta = self.meta(lang, &page_path, &title, crumbs, sample, label);
        let body = obj!({
            "region": obj!({
                "name_html": lang.html(&region.name),
                "plan_html": region.plan.as_ref().map(|p| lang.html(&p.title)),
                "tasks_csv": rel(&full, &routes::region_tasks_csv(&region.id)),
                "tasks_json": rel(&full, &routes::region_tasks_json(&region.id)),
            }),
            "counts": task_counts(lang, region),
            "sections": sections,
        });
        self.render(lang, "tasks.html", &page_path, meta, body)
    }
}

/// A plan's notice for the region page: each field as `{html, stated}` (`stated: false` shows
/// 原文未载), `null` where the content does not record it.
fn plan_facts(lang: &Lang, p: &crate::model::Plan) -> Json {
    use crate::model::Stated;
    let fact = |given: Option<String>| match given {
        Some(html) => obj!({"html": html, "stated": true}),
        None => obj!({"html": escape(lang.t("not_stated")), "stated": false}),
    };
    let horizon = p.horizon.as_ref().map(|h| match h {
        Stated::NotStated => fact(None),
        Stated::Given(h) => {
            let years = match (h.from, h.to) {
                (Some(f), Some(t)) => lang.tf("horizon_years", &[("from", &f.to_string()), ("to", &t.to_string())]),
                (Some(f), None) => lang.tf("horizon_from", &[("from", &f.to_string())]),
                (None, Some(t)) => lang.tf("horizon_to", &[("to", &t.to_string())]),
                (None, None) => lang.t("horizon_years_not_stated").to_string(),
            };
            let source = lang.tf("horizon_source", &[("source", lang.plain(&h.source))]);
            fact(Some(format!("{} <span class=\"horizon-source\">{}</span>", escape(&years), escape(&source))))
        }
    });
    obj!({
        "title_html": lang.html(&p.title),
        "number": p.number.as_ref().map(|n| fact(n.given().map(|n| escape(n)))),
        "issuer": p.issuer.as_ref().map(|i| fact(i.given().map(|i| lang.html(i)))),
        "issued": p.issued.as_ref().map(|d| fact(d.given().map(|d| format!("<time datetime=\"{d}\">{d}</time>")))),
        "url": p.url.clone(),
        "horizon": horizon,
    })
}

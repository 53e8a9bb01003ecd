//! Building each page's context and rendering it with the theme's templates.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use rayon::prelude::*;
use serde_json::{Value as Json, json};

use super::json::obj;

use super::links::{self, path, rel};
use super::markdown::to_html;
use super::view::{Lang, escape, html_lang};
use super::{Theme, data};
use crate::assess::StatusCounts;
use crate::assess::{Evaluations, SeriesEval};
use crate::chart;
use crate::diagnostics::Diagnostics;
use crate::model::{Indicator, Localized, Period, Region, Series, Site, TargetValue, Value};
use crate::sink::{OutputFile, Sink, Stoppable};
use crate::vocab::{Direction, Frequency, Kind, TargetKind, WorkState};

pub struct Ctx<'a> {
    pub site: &'a Site,
    pub theme: &'a Theme,
    pub evals: &'a Evaluations,
    pub root: &'a Path,
    /// The interface strings of each language, converted for Tera once.
    strings: BTreeMap<String, Json>,
    /// Indicator commentary rendered once per (indicator, language): it shows on every page
    /// of the indicator.
    indicator_md: std::collections::HashMap<(String, String), Option<String>>,
}

/// Bytes set aside for a page before rendering it: a series page at national scale is about
/// 18 KB.
const PAGE_CAPACITY: usize = 32 * 1024;

/// A rendered page before it becomes bytes.
type Page = Result<OutputFile, Diagnostics>;

impl<'a> Ctx<'a> {
    pub fn new(site: &'a Site, theme: &'a Theme, evals: &'a Evaluations, root: &'a Path) -> Self {
        let strings = theme.strings.iter().map(|(l, m)| (l.clone(), json!(m))).collect();
        let mut ctx = Ctx { site, theme, evals, root, strings, indicator_md: Default::default() };
        let rendered: Vec<((String, String), Option<String>)> = site
            .indicators
            .par_iter()
            .flat_map_iter(|ind| {
                let ctx = &ctx;
                ctx.langs()
                    .map(move |lang| ((ind.id.clone(), lang.code.to_string()), ctx.markdown(&lang, &ind.commentary)))
            })
            .collect();
        ctx.indicator_md = rendered.into_iter().collect();
        ctx
    }

    fn langs(&self) -> impl Iterator<Item = Lang<'_>> {
        self.site.config.languages.iter().map(|code| Lang::new(self.site, code, &self.theme.strings[code]))
    }

    fn prefix(&self, lang: &str) -> String {
        links::lang_prefix(lang, self.site.default_language())
    }

    /// Render every page, chart and download, handing each file to `sink` as soon as it is
    /// made. Regions are rendered in parallel; each writes its own pages and data file, so
    /// memory holds only the pages in flight. Stops at the first error.
    ///
    /// The files that are made in one piece (the lists of regions, the sitemap, `all.json`,
    /// `all.csv`) start at once, beside the region pages, so that at the end of a national
    /// build no core waits for one long file with the other idle.
    pub fn render_streaming(&self, sink: &dyn Sink) -> Result<super::Layouts, super::RenderError> {
        // The first error on either side stops the other: a broken template is reported at
        // once, not after every other page of a national site.
        let failed = std::sync::atomic::AtomicBool::new(false);
        let stopped = || failed.load(std::sync::atomic::Ordering::Relaxed);
        // Marks the build as failed when `r` is an error, so that the other side stops.
        fn noting<T>(
            failed: &std::sync::atomic::AtomicBool,
            r: Result<T, super::RenderError>,
        ) -> Result<T, super::RenderError> {
            if r.is_err() {
                failed.store(true, std::sync::atomic::Ordering::Relaxed);
            }
            r
        }
        let send = |sink: &dyn Sink, pages: Vec<Page>| -> Result<(), super::RenderError> {
            for p in pages {
                sink.file(p?)?;
            }
            Ok(())
        };
        let pages_of_regions_and_indicators = || -> Result<(), super::RenderError> {
            let regions = self.site.regions.par_iter().enumerate();
            regions.try_for_each(|(i, r)| if stopped() { Ok(()) } else { send(sink, self.region_pages(i, r)) })?;
            let indicators = self.site.indicators.par_iter();
            indicators.try_for_each(|ind| if stopped() { Ok(()) } else { send(sink, self.indicator_pages(ind)) })
        };
        let files_in_one_piece = || -> Result<super::Layouts, super::RenderError> {
            let sink = Stoppable { inner: sink, stop: &failed };
            // Each region's CSV is made from the rows written into `all.csv`.
            let layouts = super::render_bulk_downloads_and_region_csvs(self.site, &sink)?;
            send(&sink, self.front_pages())?;
            self.site_files().into_iter().try_for_each(|f| Sink::file(&sink, f))?;
            Ok(layouts)
        };
        let (pages, layouts) = rayon::join(
            || noting(&failed, pages_of_regions_and_indicators()),
            || noting(&failed, files_in_one_piece()),
        );
        // The side that failed first has the error to report; the other may only have stopped.
        pages?;
        layouts
    }

    /// The pages outside regions and indicators, in every language: home, the lists of regions
    /// and indicators, the 404 page and the free pages.
    pub fn front_pages(&self) -> Vec<Page> {
        let mut pages = Vec::new();
        for lang in self.langs() {
            pages.push(self.home(&lang));
            pages.push(self.regions_page(&lang));
            pages.push(self.indicators_page(&lang));
            pages.push(self.not_found(&lang));
            for p in &self.site.pages {
                pages.push(self.free_page(&lang, p));
            }
        }
        pages
    }

    /// Every page of one region in every language, and its CSV.
    pub fn region_files(&self, index: usize) -> Result<Vec<OutputFile>, Diagnostics> {
        let r = &self.site.regions[index];
        let mut files = collect(self.region_pages(index, r))?;
        files.push(data::region_csv(self.site, r));
        Ok(files)
    }

    /// Every page of one indicator in every language, and its CSV.
    pub fn indicator_files(&self, ind: &Indicator) -> Result<Vec<OutputFile>, Diagnostics> {
        let mut files = collect(self.indicator_pages(ind))?;
        files.push(super::download_file(self.site, &super::Download::Indicator(ind.id.clone())));
        Ok(files)
    }

    /// The sitemap (with its parts) and `robots.txt`.
    pub fn site_files(&self) -> Vec<OutputFile> {
        let mut files = self.sitemaps();
        files.push(OutputFile {
            path: "robots.txt".into(),
            bytes: format!("User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n", self.site.config.base_url).into_bytes(),
        });
        files
    }

    /// Render the front pages and collect them (or their errors).
    pub fn front_files(&self) -> Result<Vec<OutputFile>, Diagnostics> {
        collect(self.front_pages())
    }

    /// Render only the selected pages.
    pub fn render_selected(&self, sel: &super::Selection) -> Result<Vec<OutputFile>, Diagnostics> {
        let mut jobs: Vec<Page> = Vec::new();
        if sel.home {
            for lang in self.langs() {
                jobs.push(self.home(&lang));
            }
        }
        let regions: Vec<(usize, &Region)> =
            self.site.regions.iter().enumerate().filter(|(_, r)| sel.regions.contains(&r.id)).collect();
        let per_region: Vec<Vec<Page>> = regions.par_iter().map(|(i, r)| self.region_pages(*i, r)).collect();
        jobs.extend(per_region.into_iter().flatten());
        for ind in self.site.indicators.iter().filter(|i| sel.indicators.contains(&i.id)) {
            jobs.extend(self.indicator_pages(ind));
        }
        collect(jobs)
    }

    /// Render `template` for the page at `page_path` (inside the language folder).
    fn render(&self, lang: &Lang, template: &str, page_path: &str, meta: Json, mut body: Json) -> Page {
        let full = format!("{}{page_path}", self.prefix(lang.code));
        if let Json::Object(map) = &mut body {
            map.insert("page".into(), meta);
            // Templates compiled with the strings written in no longer read `t`.
            if self.theme.needs_strings(lang.code) {
                map.insert("t".into(), self.strings.get(lang.code).cloned().unwrap_or_default());
            }
        }
        let context = tera::Context::from_value(body)
            .map_err(|e| one(super::theme::template_error(self.root, &self.site.config.theme, &e)))?;
        // Sized for a typical page, so that the page is not copied as it grows.
        let mut bytes = Vec::with_capacity(PAGE_CAPACITY);
        self.theme
            .tera_for(lang.code)
            .render_to(template, &context, &mut bytes)
            .map_err(|e| one(super::theme::template_error(self.root, &self.site.config.theme, &e)))?;
        Ok(OutputFile { path: full, bytes })
    }

    /// What every page's template gets as `page`.
    fn meta(
        &self,
        lang: &Lang,
        page_path: &str,
        title: &str,
        crumbs: Vec<(String, Option<String>)>,
        sample: bool,
    ) -> Json {
        let full = format!("{}{page_path}", self.prefix(lang.code));
        let to = |p: &str| rel(&full, &format!("{}{p}", self.prefix(lang.code)));
        let base = &self.site.config.base_url;
        let alternates: Vec<Json> = self
            .site
            .config
            .languages
            .iter()
            .map(|l| obj!({"hreflang": html_lang(l), "href": links::absolute(base, &format!("{}{page_path}", self.prefix(l)))}))
            .collect();
        let switch: Vec<Json> = self
            .langs()
            .map(|l| obj!({"lang": l.code, "html_lang": html_lang(l.code), "label": l.t("lang_name"), "href": rel(&full, &format!("{}{page_path}", self.prefix(l.code))), "current": l.code == lang.code}))
            .collect();
        let mut nav = vec![
            obj!({"label": lang.t("home"), "href": to(&path::home()), "current": page_path == path::home()}),
            obj!({"label": lang.t("regions"), "href": to(&path::regions()), "current": page_path.starts_with("regions/")}),
            obj!({"label": lang.t("indicators"), "href": to(&path::indicators()), "current": page_path.starts_with("indicators/")}),
        ];
        for p in &self.site.pages {
            let title = page_title(lang, &p.versions, &p.slug);
            nav.push(
                obj!({"label": title, "href": to(&path::page(&p.slug)), "current": page_path == path::page(&p.slug)}),
            );
        }
        let mut breadcrumbs = vec![obj!({"label_html": escape(lang.t("home")), "href": to(&path::home())})];
        for (label, p) in crumbs {
            breadcrumbs.push(obj!({"label_html": label, "href": p.map(|p| to(&p))}));
        }
        obj!({
            "lang": lang.code,
            "html_lang": html_lang(lang.code),
            "title": title,
            "site_title_html": lang.html(&self.site.config.title),
            "site_title": lang.plain(&self.site.config.title),
            "root": rel(&full, ""),
            "home": to(&path::home()),
            "canonical": links::absolute(base, &full),
            "alternates": alternates,
            "switch": switch,
            "nav": nav,
            "breadcrumbs": breadcrumbs,
            "updated": self.site.config.updated.map(|d| d.to_string()),
            "sample": sample,
            "css": rel(&full, "static/style.css"),
            "js": rel(&full, "static/site.js"),
            "all_csv": rel(&full, path::ALL_CSV),
            "all_json": rel(&full, path::ALL_JSON),
        })
    }

    fn markdown(&self, lang: &Lang, loc: &Localized) -> Option<String> {
        let (md, fallback) = match loc.get(lang.code) {
            Some(m) => (m, false),
            None => (loc.get(lang.default).or_else(|| loc.values().next())?, true),
        };
        let html = to_html(&md.body, self.site.config.allow_html);
        Some(if fallback {
            format!(
                "<p class=\"untranslated\">({})</p><div lang=\"{}\">{html}</div>",
                escape(lang.t("not_translated")),
                html_lang(lang.default)
            )
        } else {
            html
        })
    }

    // ----------------------------------------------------------------- regions

    fn region_pages(&self, index: usize, region: &Region) -> Vec<Page> {
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
                Some(SeriesView { ind, idx, svg, children: (entries, chart) })
            })
            .collect();
        let sparks: Vec<Option<String>> = region
            .series
            .iter()
            .map(|s| self.site.indicator(&s.indicator).and_then(|ind| sparkline(ind, region, s)))
            .collect();
        for lang in self.langs() {
            out.push(self.region_page(&lang, region, evals, &sparks));
            if !region.tasks.is_empty() {
                out.push(self.tasks_page(&lang, region));
            }
            for view in &charts {
                out.push(self.series_page(&lang, region, view, evals));
            }
        }
        out
    }

    fn region_crumbs(&self, lang: &Lang, region: &Region, link_self: bool) -> Vec<(String, Option<String>)> {
        let mut chain = Vec::new();
        let mut cur = region.parent.as_deref().and_then(|p| self.site.region(p));
        while let Some(r) = cur {
            chain.push((lang.html(&r.name), Some(path::region(&r.id))));
            cur = r.parent.as_deref().and_then(|p| self.site.region(p));
            if chain.len() > 16 {
                break;
            }
        }
        chain.reverse();
        let mut crumbs = vec![(escape(lang.t("regions")), Some(path::regions()))];
        crumbs.extend(chain);
        crumbs.push((lang.html(&region.name), link_self.then(|| path::region(&region.id))));
        crumbs
    }

    fn status_counts(&self, index: usize) -> StatusCounts {
        let mut c = StatusCounts::default();
        for e in &self.evals.regions[index] {
            c.add(e.status.status);
        }
        c
    }

    fn counts_json(&self, lang: &Lang, c: &StatusCounts) -> Json {
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

    fn region_page(&self, lang: &Lang, region: &Region, evals: &[SeriesEval], sparks: &[Option<String>]) -> Page {
        let page_path = path::region(&region.id);
        let full = format!("{}{page_path}", self.prefix(lang.code));
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
                    Some(obj!({
                        "indicator_html": lang.html(&ind.name),
                        "scope_html": s.scope.as_ref().and_then(|sc| self.site.scope(sc)).map(|sc| lang.html(&sc.name)),
                        "href": to(&path::series(&region.id, &ind.id)),
                        "latest": s.latest().map(|o| obj!({"value": lang.value(ind, &o.value), "period": o.period.to_string(), "sample": o.sample})),
                        "targets": s.targets.iter().map(|&t| obj!({"short": lang.target_short(ind, &region.targets[t]), "text": lang.plain(&region.targets[t].text), "text_html": lang.html(&region.targets[t].text)})).collect::<Vec<_>>(),
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
            .map(|c| obj!({"name_html": lang.html(&c.name), "href": to(&path::region(&c.id)), "level": lang.t(&format!("level_{}", c.level)), "plan_html": c.plan.as_ref().map(|p| lang.html(&p.title))}))
            .collect();
        let sample = region.series.iter().any(Series::has_sample) || region.tasks.iter().any(|t| t.sample);
        let index = self.site.regions.iter().position(|r| r.id == region.id).unwrap_or(0);
        let counts = self.status_counts(index);
        let meta =
            self.meta(lang, &page_path, lang.plain(&region.name), self.region_crumbs(lang, region, false), sample);
        let body = obj!({
            "region": obj!({
                "id": &region.id,
                "name_html": lang.html(&region.name),
                "level": lang.t(&format!("level_{}", region.level)),
                "plan": region.plan.as_ref().map(|p| obj!({
                    "title_html": lang.html(&p.title),
                    "number": p.number.clone(),
                    "issuer_html": lang.opt_html(&p.issuer),
                    "issued": p.issued.map(|d| d.to_string()),
                    "url": p.url.clone(),
                    "horizon": p.horizon.clone(),
                })),
                "commentary_html": self.markdown(lang, &region.commentary),
                "csv": shared(&path::region_csv(&region.id)),
                "tasks_href": (!region.tasks.is_empty()).then(|| to(&path::tasks(&region.id))),
                "task_counts": task_counts(lang, region),
            }),
            "summary": self.counts_json(lang, &counts),
            "categories": categories,
            "children": children,
        });
        self.render(lang, "region.html", &page_path, meta, body)
    }

    fn series_page(&self, lang: &Lang, region: &Region, view: &SeriesView, evals: &[SeriesEval]) -> Page {
        let SeriesView { ind, idx, svg, children } = view;
        let (ind, svg) = (*ind, svg.as_ref());
        let page_path = path::series(&region.id, &ind.id);
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
        // The table shows the series that have values.
        let with_data: Vec<&Series> = series.iter().copied().filter(|s| !s.observations.is_empty()).collect();
        // The data table: one row per period, one column per scope.
        let mut periods: Vec<Period> = series.iter().flat_map(|s| s.observations.iter().map(|o| o.period)).collect();
        periods.sort();
        periods.dedup();
        // Each row's cells come as one piece of HTML: the table is most of a page's cells, and
        // four lookups a cell in the template were a tenth of rendering a national site.
        let sample_tag = escape(lang.t("sample_tag"));
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
                            "note_html": lang.opt_html(&target.note),
                            "status": lang.status(a.status),
                            "explanation": lang.explain(ind, s, Some(target), a),
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
                    "in_chart": drawn,
                    "color": chart::PALETTE[n % chart::PALETTE.len()],
                    "status": lang.status(e.status.status),
                    "explanation": lang.explain(ind, s, e.headline.map(|h| &region.targets[h]), &e.status),
                    "latest": s.latest().map(|o| obj!({"value": lang.value(ind, &o.value), "period": o.period.to_string()})),
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
        let meta = self.meta(
            lang,
            &page_path,
            &format!("{} · {}", lang.plain(&ind.name), lang.plain(&region.name)),
            crumbs,
            sample,
        );
        let body = obj!({
            "region": obj!({"name_html": lang.html(&region.name), "href": to(&path::region(&region.id))}),
            "indicator": self.indicator_json(lang, ind, &full),
            "chart": chart_html.map(|svg| obj!({"svg": svg})),
            "scopes": scopes,
            "rows": rows,
            "has_scopes": has_scopes,
            "columns": with_data.iter().map(|s| obj!({"name_html": scope_name(s)})).collect::<Vec<_>>(),
            "commentary_html": region.indicator_commentary.get(&ind.id).and_then(|c| self.markdown(lang, c)),
            "no_data_html": series.iter().find_map(|s| no_data_reason(region, s)).map(|t| lang.html(t)),
            "indicator_csv": rel(&full, &path::indicator_csv(&ind.id)),
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
            "region_csv": rel(&full, &path::region_csv(&region.id)),
        });
        self.render(lang, "series.html", &page_path, meta, body)
    }

    fn indicator_json(&self, lang: &Lang, ind: &Indicator, full: &str) -> Json {
        let unit = ind.unit.label(lang.code, lang.default).0;
        obj!({
            "id": &ind.id,
            "name_html": lang.html(&ind.name),
            "short_name_html": lang.opt_html(&ind.short_name),
            "href": rel(full, &format!("{}{}", self.prefix(lang.code), path::indicator(&ind.id))),
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

    fn tasks_page(&self, lang: &Lang, region: &Region) -> Page {
        let page_path = path::tasks(&region.id);
        let mut sections: Vec<(Option<String>, Vec<Json>)> = Vec::new();
        for (i, t) in region.tasks.iter().enumerate() {
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
                "deadline": t.deadline.as_ref().map(|d| lang.deadline(d)),
                "deadline_text_html": lang.opt_html(&t.deadline_text),
                "status": lang.task_status(t.status),
                "progress_html": lang.opt_html(&t.progress),
                "updated": t.updated.map(|d| d.to_string()),
                "sample": t.sample,
                "show_detail": repeated,
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
        let meta =
            self.meta(lang, &page_path, &format!("{} · {}", lang.t("tasks"), lang.plain(&region.name)), crumbs, sample);
        let body = obj!({
            "region": obj!({"name_html": lang.html(&region.name), "plan_html": region.plan.as_ref().map(|p| lang.html(&p.title))}),
            "counts": task_counts(lang, region),
            "sections": sections,
        });
        self.render(lang, "tasks.html", &page_path, meta, body)
    }

    // -------------------------------------------------------------- indicators

    /// Every (region, series) of `ind` in the regions `among` (indices), in that order.
    fn entries_of(&self, ind: &Indicator, among: impl Iterator<Item = usize>) -> Vec<(usize, usize)> {
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

    fn indicator_pages(&self, ind: &Indicator) -> Vec<Page> {
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

    /// Table rows comparing `entries` (regions' series of `ind`), best latest value first.
    fn comparison_rows(&self, lang: &Lang, ind: &Indicator, entries: &[(usize, usize)], full: &str) -> Vec<Json> {
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
                        "href": to(&path::series(&r.id, &ind.id)),
                        "scope_html": s.scope.as_ref().and_then(|sc| self.site.scope(sc)).map(|sc| lang.html(&sc.name)),
                        "latest": latest.map(|o| obj!({"value": lang.value(ind, &o.value), "period": o.period.to_string(), "sample": o.sample})),
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
    fn legend(&self, lang: &Lang, chart: Option<&(Charts, Vec<(usize, usize)>)>) -> Vec<Json> {
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
                        let label = match scope {
                            Some(sc) => format!("{} · {sc}", lang.plain(&r.name)),
                            None => lang.plain(&r.name).to_string(),
                        };
                        obj!({"label": label, "color": chart::PALETTE[n % chart::PALETTE.len()]})
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    fn indicator_page(
        &self,
        lang: &Lang,
        ind: &Indicator,
        entries: &[(usize, usize)],
        top_level_only: bool,
        chart: Option<&(Charts, Vec<(usize, usize)>)>,
    ) -> Page {
        let page_path = path::indicator(&ind.id);
        let full = format!("{}{page_path}", self.prefix(lang.code));
        let rows = self.comparison_rows(lang, ind, entries, &full);
        let legend = self.legend(lang, chart);
        let sample = entries.iter().any(|&(ri, si)| self.site.regions[ri].series[si].has_sample());
        let crumbs = vec![(escape(lang.t("indicators")), Some(path::indicators())), (lang.html(&ind.name), None)];
        let meta = self.meta(lang, &page_path, lang.plain(&ind.name), crumbs, sample);
        let chart_html = chart.map(|(svg, _)| {
            svg.html(lang.plain(&ind.name), &format!("{}: {}", lang.t("regions_reporting"), legend.len()))
        });
        let body = obj!({
            "indicator": self.indicator_json(lang, ind, &full),
            "chart": chart_html.map(|svg| obj!({"svg": svg})),
            "legend": legend,
            "rows": rows,
            "top_level_only": top_level_only,
            "csv": rel(&full, &path::indicator_csv(&ind.id)),
        });
        self.render(lang, "indicator.html", &page_path, meta, body)
    }

    fn indicators_page(&self, lang: &Lang) -> Page {
        let page_path = path::indicators();
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
                        obj!({"name_html": lang.html(&i.name), "href": rel(&full, &format!("{}{}", self.prefix(lang.code), path::indicator(&i.id))), "kind": lang.t(i.kind.as_str()), "regions": regions, "direction": lang.direction(i.direction)})
                    })
                    .collect();
                obj!({"name_html": lang.html(&c.name), "indicators": items})
            })
            .filter(|c| c["indicators"].as_array().is_some_and(|a| !a.is_empty()))
            .collect();
        let meta = self.meta(lang, &page_path, lang.t("indicators"), vec![(escape(lang.t("indicators")), None)], false);
        self.render(lang, "indicators.html", &page_path, meta, obj!({"categories": categories}))
    }

    // ------------------------------------------------------------------- other

    fn home(&self, lang: &Lang) -> Page {
        let page_path = path::home();
        let full = format!("{}{page_path}", self.prefix(lang.code));
        let to = |p: &str| rel(&full, &format!("{}{p}", self.prefix(lang.code)));
        // Top-level regions, each with the plans in it (itself and below). A national site
        // would list thousands: then only the top-level regions' plans, and how many more each
        // holds (they are on its page).
        let has_plan = |r: &Region| r.plan.is_some() && (!r.series.is_empty() || !r.tasks.is_empty());
        let top_level_only = self.site.regions.iter().filter(|r| has_plan(r)).count() > HOME_PLAN_LIMIT;
        let mut groups: Vec<Json> = Vec::new();
        // (name, plans, plans not listed, link to the top-level region)
        let mut current: Option<(String, Vec<Json>, usize, String)> = None;
        let group = |(name, plans, more, href): (String, Vec<Json>, usize, String)| {
            let more_html = (more > 0).then(|| escape(&lang.tf("home_more_plans", &[("n", &more.to_string())])));
            obj!({"name_html": name, "plans": plans, "more_html": more_html, "href": href})
        };
        for (i, r) in self.site.regions.iter().enumerate() {
            if r.depth == 0 {
                if let Some(g) = current.take() {
                    groups.push(group(g));
                }
                current = Some((lang.html(&r.name), Vec::new(), 0, to(&path::region(&r.id))));
            }
            let Some((_, plans, more, _)) = current.as_mut() else { continue };
            if top_level_only && r.depth > 0 && has_plan(r) {
                *more += 1;
                continue;
            }
            if let Some(plan) = &r.plan
                && has_plan(r)
            {
                plans.push(obj!({
                    "region_html": lang.html(&r.name),
                    "href": to(&path::region(&r.id)),
                    "title_html": lang.html(&plan.title),
                    "number": plan.number.clone(),
                    "issued": plan.issued.map(|d| d.to_string()),
                    "summary": self.counts_json(lang, &self.status_counts(i)),
                    "tasks": r.tasks.len(),
                }));
            }
        }
        if let Some(g) = current.take() {
            groups.push(group(g));
        }
        let groups: Vec<Json> = groups
            .into_iter()
            .filter(|g| g["plans"].as_array().is_some_and(|p| !p.is_empty()) || !g["more_html"].is_null())
            .collect();
        // Recently updated: task progress notes and commentary with a date.
        // A national site has about a hundred thousand tasks: sort light entries, then make
        // only the eight shown.
        let mut dated: Vec<(crate::model::Date, String, &Region, Option<&crate::model::Task>)> = Vec::new();
        for r in &self.site.regions {
            for t in &r.tasks {
                if let Some(d) = t.updated {
                    dated.push((d, format!("{} · {}", lang.html(&r.name), lang.html(&t.title)), r, Some(t)));
                }
            }
            if let Some(d) = r.commentary.values().filter_map(|m| m.updated).max() {
                dated.push((d, lang.html(&r.name), r, None));
            }
        }
        dated.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        dated.truncate(8);
        let recent: Vec<Json> = dated
            .into_iter()
            .map(|(d, label, r, task)| match task {
                Some(t) => obj!({"date": d.to_string(), "label_html": label, "href": to(&path::tasks(&r.id)), "sample": t.sample}),
                None => obj!({"date": d.to_string(), "label_html": label, "href": to(&path::region(&r.id)), "sample": false}),
            })
            .collect();
        let sample = self
            .site
            .regions
            .iter()
            .any(|r| r.series.iter().any(Series::has_sample) || r.tasks.iter().any(|t| t.sample));
        let meta = self.meta(lang, &page_path, lang.plain(&self.site.config.title), vec![], sample);
        let about = self
            .site
            .pages
            .first()
            .map(|p| obj!({"href": to(&path::page(&p.slug)), "title": page_title(lang, &p.versions, &p.slug)}));
        let body = obj!({
            "description_html": lang.opt_html(&self.site.config.description),
            "groups": groups,
            "top_level_only": top_level_only,
            "recent": recent,
            "about": about,
        });
        self.render(lang, "home.html", &page_path, meta, body)
    }

    fn regions_page(&self, lang: &Lang) -> Page {
        let page_path = path::regions();
        let full = format!("{}{page_path}", self.prefix(lang.code));
        let to = |p: &str| rel(&full, &format!("{}{p}", self.prefix(lang.code)));
        // A national site has thousands of regions: then only the top two levels are listed,
        // each with how many regions are below it (its page lists them).
        let top_levels_only = self.site.regions.len() > REGIONS_LIST_LIMIT;
        let mut regions: Vec<Json> = Vec::new();
        // Regions come in tree order: a region's subordinates follow it.
        let mut hidden: Vec<usize> = Vec::new();
        for r in &self.site.regions {
            if top_levels_only && r.depth > REGIONS_LIST_DEPTH {
                if let Some(n) = hidden.last_mut() {
                    *n += 1;
                }
                continue;
            }
            hidden.push(0);
            regions.push(obj!({
                "name_html": lang.html(&r.name),
                "href": to(&path::region(&r.id)),
                "depth": r.depth,
                "level": lang.t(&format!("level_{}", r.level)),
                "plan_html": r.plan.as_ref().map(|p| lang.html(&p.title)),
                "indicators": r.series.len(),
                "tasks": r.tasks.len(),
            }));
        }
        for (entry, n) in regions.iter_mut().zip(hidden) {
            if let (Json::Object(m), true) = (entry, n > 0) {
                m.insert("more_html".into(), Json::String(escape(&lang.tf("regions_more", &[("n", &n.to_string())]))));
            }
        }
        let meta = self.meta(lang, &page_path, lang.t("regions"), vec![(escape(lang.t("regions")), None)], false);
        self.render(
            lang,
            "regions.html",
            &page_path,
            meta,
            obj!({"regions": regions, "top_levels_only": top_levels_only}),
        )
    }

    fn free_page(&self, lang: &Lang, p: &crate::model::Page) -> Page {
        let page_path = path::page(&p.slug);
        let title = page_title(lang, &p.versions, &p.slug);
        let meta = self.meta(lang, &page_path, &title, vec![(escape(&title), None)], false);
        self.render(
            lang,
            "page.html",
            &page_path,
            meta,
            obj!({"title": title, "content_html": self.markdown(lang, &p.versions)}),
        )
    }

    fn not_found(&self, lang: &Lang) -> Page {
        // Served for any missing address, at any depth: links are absolute from base_url.
        let page_path = "404.html";
        let mut meta = self.meta(lang, page_path, lang.t("page_not_found"), vec![], false);
        let base = self.site.config.base_url.clone();
        let base_path = if base.starts_with("http") {
            base.splitn(4, '/').nth(3).map(|p| format!("/{p}")).unwrap_or_else(|| "/".into())
        } else {
            base
        };
        let prefix = self.prefix(lang.code);
        if let Json::Object(m) = &mut meta {
            m.insert("css".into(), Json::String(format!("{base_path}static/style.css")));
            m.insert("js".into(), Json::String(format!("{base_path}static/site.js")));
            m.insert("home".into(), Json::String(format!("{base_path}{prefix}")));
            m.insert("nav".into(), Json::Array(Vec::new()));
            m.insert("breadcrumbs".into(), Json::Array(Vec::new()));
            let switch: Vec<Json> = self.langs().map(|l| obj!({"lang": l.code, "html_lang": html_lang(l.code), "label": l.t("lang_name"), "href": format!("{base_path}{}", self.prefix(l.code)), "current": l.code == lang.code})).collect();
            m.insert("switch".into(), Json::Array(switch));
        }
        self.render(lang, "404.html", page_path, meta, obj!({}))
    }

    /// `sitemap.xml`, split into several files under an index when the site is large.
    fn sitemaps(&self) -> Vec<OutputFile> {
        let base = &self.site.config.base_url;
        let mut paths: Vec<String> = vec![path::home(), path::regions(), path::indicators()];
        for r in &self.site.regions {
            paths.push(path::region(&r.id));
            if !r.tasks.is_empty() {
                paths.push(path::tasks(&r.id));
            }
            let mut seen = std::collections::BTreeSet::new();
            for s in &r.series {
                if seen.insert(&s.indicator) {
                    paths.push(path::series(&r.id, &s.indicator));
                }
            }
        }
        paths.extend(self.site.indicators.iter().map(|i| path::indicator(&i.id)));
        paths.extend(self.site.pages.iter().map(|p| path::page(&p.slug)));
        // The sitemap protocol allows 50,000 addresses per file; a larger site gets an index.
        const PER_FILE: usize = 50_000;
        let langs = &self.site.config.languages;
        let per_file = (PER_FILE / langs.len().max(1)).max(1);
        let chunks: Vec<&[String]> = paths.chunks(per_file).collect();
        if chunks.len() <= 1 {
            return vec![OutputFile { path: "sitemap.xml".into(), bytes: self.urlset(&paths).into_bytes() }];
        }
        let mut index = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        let mut files = Vec::new();
        for (n, chunk) in chunks.iter().enumerate() {
            let name = format!("sitemap-{}.xml", n + 1);
            let _ = writeln!(index, "  <sitemap><loc>{}</loc></sitemap>", escape(&format!("{base}{name}")));
            files.push(OutputFile { path: name, bytes: self.urlset(chunk).into_bytes() });
        }
        index.push_str("</sitemapindex>\n");
        files.push(OutputFile { path: "sitemap.xml".into(), bytes: index.into_bytes() });
        files
    }

    /// One sitemap file: every language version of `paths`, each with its alternates.
    fn urlset(&self, paths: &[String]) -> String {
        let base = &self.site.config.base_url;
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
        );
        let langs = &self.site.config.languages;
        for p in paths {
            for l in langs {
                let _ = write!(
                    xml,
                    "  <url>\n    <loc>{}</loc>\n",
                    escape(&links::absolute(base, &format!("{}{p}", self.prefix(l))))
                );
                for alt in langs {
                    let _ = writeln!(
                        xml,
                        "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                        html_lang(alt),
                        escape(&links::absolute(base, &format!("{}{p}", self.prefix(alt))))
                    );
                }
                if let Some(d) = self.site.config.updated {
                    let _ = writeln!(xml, "    <lastmod>{d}</lastmod>");
                }
                xml.push_str("  </url>\n");
            }
        }
        xml.push_str("</urlset>\n");
        xml
    }
}

/// What a region × indicator page shows beyond the series themselves, drawn once for every
/// language.
struct SeriesView<'s> {
    ind: &'s Indicator,
    /// Indices of the indicator's series (one per scope) in the region.
    idx: Vec<usize>,
    svg: Option<Charts>,
    children: Comparison,
}

/// Some regions' series of one indicator, and the chart comparing them (with the lines drawn).
type Comparison = (Vec<(usize, usize)>, Option<(Charts, Vec<(usize, usize)>)>);

/// Past this many rows, an indicator's page lists only the top-level regions.
const INDICATOR_TABLE_LIMIT: usize = 300;

/// Past this many plans, the home page lists only the top-level regions' plans.
const HOME_PLAN_LIMIT: usize = 300;
/// Past this many regions the list of regions shows only those down to
/// [`REGIONS_LIST_DEPTH`] (provinces and prefectures in a national site).
const REGIONS_LIST_LIMIT: usize = 300;
const REGIONS_LIST_DEPTH: usize = 1;

/// The pages of a batch, or every error among them.
fn collect(pages: Vec<Page>) -> Result<Vec<OutputFile>, Diagnostics> {
    let mut files = Vec::with_capacity(pages.len());
    let mut diags = Diagnostics::new();
    for p in pages {
        match p {
            Ok(f) => files.push(f),
            Err(d) => diags.extend(d),
        }
    }
    if diags.has_errors() { Err(diags) } else { Ok(files) }
}

/// Why a series without values has none: its targets' reason, else the region's.
fn no_data_reason<'r>(region: &'r Region, s: &Series) -> Option<&'r crate::model::Text> {
    if !s.observations.is_empty() {
        return None;
    }
    s.targets.iter().find_map(|&t| region.targets[t].no_data.as_ref()).or(region.no_data.as_ref())
}

fn one(d: crate::diagnostics::Diagnostic) -> Diagnostics {
    let mut ds = Diagnostics::new();
    ds.push(d);
    ds
}

fn page_title(lang: &Lang, versions: &Localized, slug: &str) -> String {
    versions
        .get(lang.code)
        .or_else(|| versions.get(lang.default))
        .or_else(|| versions.values().next())
        .and_then(|m| m.title.clone())
        .unwrap_or_else(|| slug.to_string())
}

fn task_counts(lang: &Lang, region: &Region) -> Json {
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

/// A chart drawn twice: for wide screens, and narrower so its text stays readable on phones.
pub struct Charts {
    wide: String,
    narrow: String,
}

impl Charts {
    fn draw(mut spec: chart::ChartSpec) -> Charts {
        spec.width = 720;
        spec.height = 360;
        let wide = chart::line_chart(&spec);
        spec.width = 320;
        spec.height = 240;
        Charts { wide, narrow: chart::line_chart(&spec) }
    }

    /// Both charts with a title and description in the page's language; CSS shows one.
    fn html(&self, title: &str, desc: &str) -> String {
        format!(
            "<div class=\"chart-wide\">{}</div><div class=\"chart-narrow\">{}</div>",
            with_title(&self.wide, title, desc),
            with_title(&self.narrow, title, desc)
        )
    }
}

/// Insert a `<title>` and `<desc>` (in the page's language) into a shared SVG.
fn with_title(svg: &str, title: &str, desc: &str) -> String {
    match svg.find('>') {
        Some(i) => {
            format!("{}><title>{}</title><desc>{}</desc>{}", &svg[..i], escape(title), escape(desc), &svg[i + 1..])
        }
        None => svg.to_string(),
    }
}

fn chart_description(lang: &Lang, ind: &Indicator, region: &Region, series: &[&Series]) -> String {
    series
        .iter()
        .filter_map(|s| {
            let latest = s.latest()?;
            let name = lang.plain(&ind.name);
            let latest_s = lang.value(ind, &latest.value);
            let target =
                s.targets.iter().map(|&t| lang.target_short(ind, &region.targets[t])).collect::<Vec<_>>().join("; ");
            Some(if target.is_empty() {
                lang.tf(
                    "chart_desc_no_target",
                    &[("indicator", name), ("latest", &latest_s), ("period", &latest.period.to_string())],
                )
            } else {
                lang.tf(
                    "chart_desc",
                    &[
                        ("indicator", name),
                        ("latest", &latest_s),
                        ("period", &latest.period.to_string()),
                        ("target", &target),
                    ],
                )
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The x-axis: every period from the first to the last value or target year, so gaps show.
fn axis(freq: Frequency, first: Option<Period>, last: Option<Period>, target_years: &[i32]) -> Vec<Period> {
    let end_of = |y: i32| match freq {
        Frequency::Yearly => Period::Year(y),
        Frequency::Quarterly => Period::Quarter(y, 4),
        Frequency::Monthly => Period::Month(y, 12),
    };
    let start_of = |y: i32| match freq {
        Frequency::Yearly => Period::Year(y),
        Frequency::Quarterly => Period::Quarter(y, 1),
        Frequency::Monthly => Period::Month(y, 1),
    };
    let min_year = target_years.iter().min().copied();
    let max_year = target_years.iter().max().copied();
    let start = match (first, min_year) {
        (Some(f), Some(y)) => f.min(start_of(y)),
        (Some(f), None) => f,
        (None, Some(y)) => start_of(y),
        (None, None) => return Vec::new(),
    };
    let end = match (last, max_year) {
        (Some(l), Some(y)) => l.max(end_of(y)),
        (Some(l), None) => l,
        (None, Some(y)) => end_of(y),
        (None, None) => return Vec::new(),
    };
    let mut out = vec![start];
    let mut p = start;
    while p < end && out.len() < 400 {
        p = p.next();
        out.push(p);
    }
    out
}

/// The trend chart of one indicator in one region: a line per scope, each target as a level.
fn series_chart(ind: &Indicator, region: &Region, idx: &[usize]) -> Option<Charts> {
    if ind.kind == Kind::Qualitative {
        return None;
    }
    let series: Vec<&Series> = idx.iter().map(|&i| &region.series[i]).collect();
    let first = series.iter().filter_map(|s| s.observations.first()).map(|o| o.period).min();
    let last = series.iter().filter_map(|s| s.observations.last()).map(|o| o.period).max();
    first?;
    let years: Vec<i32> =
        series.iter().flat_map(|s| s.targets.iter().filter_map(|&t| region.targets[t].year)).collect();
    let labels = axis(ind.frequency, first, last, &years);
    let lines: Vec<chart::Line> = series
        .iter()
        .map(|s| chart::Line {
            values: labels
                .iter()
                .map(|p| s.observations.iter().find(|o| o.period == *p).and_then(|o| o.value.number()))
                .collect(),
        })
        .collect();
    let mut targets = Vec::new();
    for (n, s) in series.iter().enumerate() {
        for &t in &s.targets {
            let target = &region.targets[t];
            let (Some(TargetValue::Number(v)), TargetKind::Level) = (target.value, target.kind) else { continue };
            let at = target.year.and_then(|y| labels.iter().rposition(|p| p.year() == y));
            let label = target.year.map(|y| y.to_string()).unwrap_or_default();
            targets.push(chart::TargetMark { at, value: v, upper: target.upper, label, line: n });
        }
    }
    let spec = chart::ChartSpec {
        labels: labels.iter().map(Period::to_string).collect(),
        lines,
        targets,
        decimals: ind.decimals,
        lower_is_better: series.first().is_some_and(|s| s.direction == Direction::Decrease),
        width: 720,
        height: 360,
    };
    Some(Charts::draw(spec))
}

fn sparkline(ind: &Indicator, region: &Region, s: &Series) -> Option<String> {
    if ind.kind == Kind::Qualitative || s.observations.len() < 2 {
        return None;
    }
    let labels =
        axis(ind.frequency, s.observations.first().map(|o| o.period), s.observations.last().map(|o| o.period), &[]);
    let values: Vec<Option<f64>> =
        labels.iter().map(|p| s.observations.iter().find(|o| o.period == *p).and_then(|o| o.value.number())).collect();
    let target = s.targets.iter().rev().find_map(|&t| match (region.targets[t].value, region.targets[t].kind) {
        (Some(TargetValue::Number(v)), TargetKind::Level) => Some(v),
        _ => None,
    });
    Some(chart::sparkline(&values, target, s.direction == Direction::Decrease))
}

/// One chart comparing regions (up to the palette's size of lines), with the lines drawn.
fn comparison_chart(ind: &Indicator, site: &Site, entries: &[(usize, usize)]) -> Option<(Charts, Vec<(usize, usize)>)> {
    if ind.kind == Kind::Qualitative {
        return None;
    }
    let chosen: Vec<(usize, usize)> = entries
        .iter()
        .copied()
        .filter(|&(ri, si)| {
            site.regions[ri].series[si].observations.iter().any(|o| matches!(o.value, Value::Number(_)))
        })
        .take(chart::PALETTE.len())
        .collect();
    if chosen.is_empty() {
        return None;
    }
    let obs = |&(ri, si): &(usize, usize)| &site.regions[ri].series[si].observations;
    let first = chosen.iter().filter_map(|e| obs(e).first()).map(|o| o.period).min();
    let last = chosen.iter().filter_map(|e| obs(e).last()).map(|o| o.period).max();
    let labels = axis(ind.frequency, first, last, &[]);
    let lines = chosen
        .iter()
        .map(|e| chart::Line {
            values: labels
                .iter()
                .map(|p| obs(e).iter().find(|o| o.period == *p).and_then(|o| o.value.number()))
                .collect(),
        })
        .collect();
    let spec = chart::ChartSpec {
        labels: labels.iter().map(Period::to_string).collect(),
        lines,
        targets: Vec::new(),
        decimals: ind.decimals,
        lower_is_better: ind.direction == Direction::Decrease,
        width: 720,
        height: 360,
    };
    Some((Charts::draw(spec), chosen))
}

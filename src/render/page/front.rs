//! The pages outside regions and indicators: home, the list of regions, free pages, 404.

use serde_json::Value as Json;

use super::{Rendered, Renderer, page_title};
use crate::model::{Region, Series};
use crate::render::json::obj;
use crate::render::view::{Lang, escape, html_lang};
use crate::routes::{self, rel};

impl Renderer<'_> {
    /// The home page in every language.
    pub(crate) fn home_pages(&self) -> Vec<Rendered> {
        self.langs().map(|lang| self.home(&lang)).collect()
    }

    /// The pages outside regions and indicators but the home page, in every language: the
    /// lists of regions and indicators, the 404 page and the free pages.
    pub(crate) fn front_pages(&self) -> Vec<Rendered> {
        let mut pages = Vec::new();
        for lang in self.langs() {
            pages.push(self.regions_page(&lang));
            pages.push(self.indicators_page(&lang));
            pages.push(self.not_found(&lang));
            for p in &self.site.pages {
                pages.push(self.free_page(&lang, p));
            }
        }
        pages
    }

    pub(crate) fn home(&self, lang: &Lang) -> Rendered {
        let page_path = routes::home();
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
                current = Some((lang.html(&r.name), Vec::new(), 0, to(&routes::region(&r.id))));
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
                    "href": to(&routes::region(&r.id)),
                    "title_html": lang.html(&plan.title),
                    "number": plan.number.as_ref().and_then(|n| n.given().cloned()),
                    "issued": plan.issued.as_ref().and_then(|d| d.given()).map(|d| d.to_string()),
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
                Some(t) => obj!({"date": d.to_string(), "label_html": label, "href": to(&routes::tasks(&r.id)), "sample": t.sample}),
                None => obj!({"date": d.to_string(), "label_html": label, "href": to(&routes::region(&r.id)), "sample": false}),
            })
            .collect();
        let sample = self
            .site
            .regions
            .iter()
            .any(|r| r.series.iter().any(Series::has_sample) || r.tasks.iter().any(|t| t.sample));
        let label = self.label(routes::Route::Home, self.site.config.description.as_ref().map(|d| lang.plain(d)));
        let meta = self.meta(lang, &page_path, lang.plain(&self.site.config.title), vec![], sample, label);
        let about = self
            .site
            .pages
            .first()
            .map(|p| obj!({"href": to(&routes::page(&p.slug)), "title": page_title(lang, &p.versions, &p.slug)}));
        let body = obj!({
            "description_html": lang.opt_html(&self.site.config.description),
            "groups": groups,
            "top_level_only": top_level_only,
            "recent": recent,
            "about": about,
        });
        self.render(lang, "home.html", &page_path, meta, body)
    }

    pub(crate) fn regions_page(&self, lang: &Lang) -> Rendered {
        let page_path = routes::regions();
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
                "href": to(&routes::region(&r.id)),
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
        let label = self.label(routes::Route::Regions, None);
        let meta =
            self.meta(lang, &page_path, lang.t("regions"), vec![(escape(lang.t("regions")), None)], false, label);
        self.render(
            lang,
            "regions.html",
            &page_path,
            meta,
            obj!({"regions": regions, "top_levels_only": top_levels_only}),
        )
    }

    pub(crate) fn free_page(&self, lang: &Lang, p: &crate::model::Page) -> Rendered {
        let page_path = routes::page(&p.slug);
        let title = page_title(lang, &p.versions, &p.slug);
        let label = self.label(routes::Route::Page(&p.slug), None);
        let meta = self.meta(lang, &page_path, &title, vec![(escape(&title), None)], false, label);
        self.render(
            lang,
            "page.html",
            &page_path,
            meta,
            obj!({"title": title, "content_html": self.markdown(lang, &p.versions)}),
        )
    }

    pub(crate) fn not_found(&self, lang: &Lang) -> Rendered {
        // Served for any missing address, at any depth: links are absolute from base_url.
        let page_path = routes::NOT_FOUND;
        let label = self.label(routes::Route::NotFound, None);
        let mut meta = self.meta(lang, page_path, lang.t("page_not_found"), vec![], false, label);
        let base = self.site.config.base_url.clone();
        let base_path = if base.starts_with("http") {
            base.splitn(4, '/').nth(3).map(|p| format!("/{p}")).unwrap_or_else(|| "/".into())
        } else {
            base
        };
        let prefix = self.prefix(lang.code);
        if let Json::Object(m) = &mut meta {
            m.insert("css".into(), Json::String(format!("{base_path}{}", routes::STYLE)));
            m.insert("js".into(), Json::String(format!("{base_path}{}", routes::SCRIPT)));
            m.insert("home".into(), Json::String(format!("{base_path}{prefix}")));
            m.insert("root".into(), Json::String(base_path.clone()));
            m.insert("nav".into(), Json::Array(Vec::new()));
            m.insert("breadcrumbs".into(), Json::Array(Vec::new()));
            let switch: Vec<Json> = self.langs().map(|l| obj!({"lang": l.code, "html_lang": html_lang(l.code), "label": l.t("lang_name"), "href": format!("{base_path}{}", self.prefix(l.code)), "current": l.code == lang.code})).collect();
            m.insert("switch".into(), Json::Array(switch));
        }
        self.render(lang, "404.html", page_path, meta, obj!({}))
    }
}

/// Past this many plans, the home page lists only the top-level regions' plans.
const HOME_PLAN_LIMIT: usize = 300;

/// Past this many regions the list of regions shows only those down to
/// [`REGIONS_LIST_DEPTH`] (provinces and prefectures in a national site).
const REGIONS_LIST_LIMIT: usize = 300;

const REGIONS_LIST_DEPTH: usize = 1;

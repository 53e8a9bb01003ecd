//! Page contexts: what each kind of page shows, handed to the theme's templates.
//!
//! [`Renderer`] holds what every page needs (the site, theme, assessments, the interface
//! strings) and renders one page: [`Renderer::render`] with [`Renderer::meta`], the part every
//! template gets as `page`. Each kind of page has its own file: `front.rs` (home, list of
//! regions, free pages, 404), `region.rs` (a region's page and its tasks), `series.rs` (one
//! indicator in one region), `indicator.rs` (an indicator across regions and the list of
//! indicators); `compare.rs` holds what several of them show (comparisons, crumbs, counts);
//! `marks.rs` what every page carries for a government host (identity footer, page labels).
//! Which pages exist and in what order they are made is not decided here but in
//! [`crate::render`] (the schedule) and [`crate::render::inventory`] (the site's pages).
//!
//! The contexts are untyped JSON built with `obj!` (typed contexts were measured at 2–3% of a
//! national build); the keys each template receives are documented in `docs/themes.md`.

mod compare;
mod front;
mod indicator;
mod marks;
mod plan;
mod region;
mod series;

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use serde_json::{Value as Json, json};

use crate::assess::Evaluations;
use crate::diagnostics::Diagnostics;
use crate::model::{Date, Localized, Observation, Site};
use crate::render::Theme;
use crate::render::json::obj;
use crate::render::markdown::to_html;
use crate::render::view::{Lang, escape, escape_into, html_lang};
use crate::routes::{self, rel};
use crate::sink::OutputFile;
pub(crate) use marks::PageLabel;

/// What every page needs, and the rendering of one page.
pub struct Renderer<'a> {
    pub site: &'a Site,
    pub theme: &'a Theme,
    pub evals: &'a Evaluations,
    pub root: &'a Path,
    /// The interface strings of each language, converted for Tera once.
    strings: BTreeMap<String, Json>,
    /// Indicator commentary rendered once per (indicator, language): it shows on every page
    /// of the indicator.
    indicator_md: std::collections::HashMap<(String, String), Option<String>>,
    /// The identity footer and the site's page labels, by language, made once.
    marks: BTreeMap<String, marks::SiteMarks>,
    /// Every page's date (what needs every region is worked out once, when first asked).
    pub(crate) dates: crate::render::dates::PageDates,
}

/// Bytes set aside for a page before rendering it: a series page at national scale is about
/// 18 KB.
pub(crate) const PAGE_CAPACITY: usize = 32 * 1024;

/// A rendered page before it becomes bytes.
pub(crate) type Rendered = Result<OutputFile, Diagnostics>;

impl<'a> Renderer<'a> {
    pub(crate) fn new(input: crate::render::Input<'a>) -> Self {
        let crate::render::Input { site, theme, evals, root } = input;
        let strings = theme.strings.iter().map(|(l, m)| (l.clone(), json!(m))).collect();
        let mut ctx = Renderer {
            site,
            theme,
            evals,
            root,
            strings,
            indicator_md: Default::default(),
            marks: BTreeMap::new(),
            dates: crate::render::dates::PageDates::new(),
        };
        ctx.marks = ctx.langs().map(|l| (l.code.to_string(), marks::SiteMarks::new(&site.config, &l))).collect();
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

    pub(crate) fn langs(&self) -> impl Iterator<Item = Lang<'_>> {
        self.site.config.languages.iter().map(|code| Lang::new(self.site, code, &self.theme.strings[code]))
    }

    pub(crate) fn prefix(&self, lang: &str) -> String {
        routes::lang_prefix(lang, self.site.default_language())
    }

    /// Render `template` for the page at `page_path` (inside the language folder).
    pub(crate) fn render(&self, lang: &Lang, template: &str, page_path: &str, meta: Json, mut body: Json) -> Rendered {
        let full = format!("{}{page_path}", self.prefix(lang.code));
        if let Json::Object(map) = &mut body {
            map.insert("page".into(), meta);
            // Templates compiled with the strings written in no longer read `t`.
            if self.theme.needs_strings(lang.code) {
                map.insert("t".into(), self.strings.get(lang.code).cloned().unwrap_or_default());
            }
        }
        let context = tera::Context::from_value(body)
            .map_err(|e| one(crate::render::theme::template_error(self.root, &self.site.config.theme, &e)))?;
        // Sized for a typical page, so that the page is not copied as it grows.
        let mut bytes = Vec::with_capacity(PAGE_CAPACITY);
        self.theme
            .tera_for(lang.code)
            .render_to(template, &context, &mut bytes)
            .map_err(|e| one(crate::render::theme::template_error(self.root, &self.site.config.theme, &e)))?;
        Ok(OutputFile { path: full, bytes })
    }

    /// What every page's template gets as `page`: `label` is its column, date and description.
    pub(crate) fn meta(
        &self,
        lang: &Lang,
        page_path: &str,
        title: &str,
        crumbs: Vec<(String, Option<String>)>,
        sample: bool,
        label: PageLabel,
    ) -> Json {
        let full = format!("{}{page_path}", self.prefix(lang.code));
        let to = |p: &str| rel(&full, &format!("{}{p}", self.prefix(lang.code)));
        let base = &self.site.config.base_url;
        let date = label.date.map(|d| d.to_string());
        let root = rel(&full, "");
        let alternates: Vec<Json> = self
            .site
            .config
            .languages
            .iter()
            .map(|l| obj!({"hreflang": html_lang(l), "href": routes::absolute(base, &format!("{}{page_path}", self.prefix(l)))}))
            .collect();
        let switch: Vec<Json> = self
            .langs()
            .map(|l| obj!({"lang": l.code, "html_lang": html_lang(l.code), "label": l.t("lang_name"), "href": rel(&full, &format!("{}{page_path}", self.prefix(l.code))), "current": l.code == lang.code}))
            .collect();
        let mut nav = vec![
            obj!({"label": lang.t("home"), "href": to(&routes::home()), "current": page_path == routes::home()}),
            obj!({"label": lang.t("regions"), "href": to(&routes::regions()), "current": routes::in_regions(page_path)}),
            obj!({"label": lang.t("indicators"), "href": to(&routes::indicators()), "current": routes::in_indicators(page_path)}),
        ];
        for p in &self.site.pages {
            let title = page_title(lang, &p.versions, &p.slug);
            nav.push(
                obj!({"label": title, "href": to(&routes::page(&p.slug)), "current": page_path == routes::page(&p.slug)}),
            );
        }
        let mut breadcrumbs = vec![obj!({"label_html": escape(lang.t("home")), "href": to(&routes::home())})];
        for (label, p) in crumbs {
            breadcrumbs.push(obj!({"label_html": label, "href": p.map(|p| to(&p))}));
        }
        obj!({
            "lang": lang.code,
            "html_lang": html_lang(lang.code),
            "title": title,
            "site_title_html": lang.html(&self.site.config.title),
            "site_title": lang.plain(&self.site.config.title),
            "root": root.clone(),
            "home": to(&routes::home()),
            "canonical": routes::absolute(base, &full),
            "alternates": alternates,
            "switch": switch,
            "nav": nav,
            "breadcrumbs": breadcrumbs,
            "updated": date.clone(),
            "identity_html": self.marks.get(lang.code).map(|m| m.identity_html(&root)),
            "labels_html": self.marks.get(lang.code).map(|m| {
                let url = base.starts_with("http").then(|| routes::absolute(base, &full));
                marks::labels_html(m, lang, &label, date.as_deref(), title, url.as_deref())
            }),
            "sample": sample,
            "css": rel(&full, routes::STYLE),
            "js": rel(&full, routes::SCRIPT),
            "all_csv": rel(&full, routes::ALL_CSV),
            "all_json": rel(&full, routes::ALL_JSON),
            "tasks_csv": rel(&full, routes::TASKS_CSV),
            "tasks_json": rel(&full, routes::TASKS_JSON),
        })
    }

    /// The label of the page at `route`: its kind's column, its date, and `description`.
    pub(crate) fn label(&self, route: routes::Route, description: Option<&str>) -> PageLabel {
        PageLabel {
            kind: route.kind().unwrap_or(routes::PageKind::NotFound),
            date: self.dates.of(self.site, &route),
            description: description.map(str::to_string),
        }
    }

    /// A value's period as its pages show it, with its release date where it has one
    /// (`released_paren`), as HTML: `2023<span class="released">（2025-03-01发布）</span>`. One
    /// string, so that a table row's template looks one value up, not three.
    pub(crate) fn period_html(&self, lang: &Lang, o: &Observation) -> String {
        let mut html = String::with_capacity(64);
        escape_into(&mut html, &o.period.to_string());
        if let Some(d) = o.released {
            html.push_str("<span class=\"released\">");
            self.released_html(lang)(&mut html, d);
            html.push_str("</span>");
        }
        html
    }

    /// A value's release date as its pages show it ("（2025-03-01发布）"), as HTML, for the pages
    /// that show it for each value: split once per language, with the date (digits and dashes,
    /// nothing to escape) written in.
    pub(crate) fn released_html(&self, lang: &Lang) -> impl Fn(&mut String, Date) + '_ {
        let blank = self.marks.get(lang.code).map(|m| &m.released);
        let fallback = blank.is_none().then(|| lang.blank("released_paren", "date"));
        move |out: &mut String, date: Date| {
            if let Some(b) = blank.or(fallback.as_ref()) {
                b.push_html_with(out, |o| date.push_to(o));
            }
        }
    }

    pub(crate) fn markdown(&self, lang: &Lang, loc: &Localized) -> Option<String> {
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
}

/// The pages (or files) of a batch, or every error among them.
pub(crate) fn collect<T>(items: Vec<Result<T, Diagnostics>>) -> Result<Vec<T>, Diagnostics> {
    let mut files = Vec::with_capacity(items.len());
    let mut diags = Diagnostics::new();
    for item in items {
        match item {
            Ok(f) => files.push(f),
            Err(d) => diags.extend(d),
        }
    }
    if diags.has_errors() { Err(diags) } else { Ok(files) }
}

pub(crate) fn one(d: crate::diagnostics::Diagnostic) -> Diagnostics {
    let mut ds = Diagnostics::new();
    ds.push(d);
    ds
}

pub(crate) fn page_title(lang: &Lang, versions: &Localized, slug: &str) -> String {
    versions
        .get(lang.code)
        .or_else(|| versions.get(lang.default))
        .or_else(|| versions.values().next())
        .and_then(|m| m.title.clone())
        .unwrap_or_else(|| slug.to_string())
}

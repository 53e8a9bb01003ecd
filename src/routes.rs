//! Where every page and file of a built site lives: the one route table.
//!
//! Every output path is made here ([`Route::path`] and the builders below), read back here
//! ([`parse`]: which page or file a path is), and the names the site's folders take are
//! reserved here ([`RESERVED_TOP`], [`RESERVED_IN_REGION`]) so that content can never collide
//! with them: the model refuses an indicator id or page slug that would. Rendering, the
//! sitemap, `check --strict`, the progress bar and the preview's on-demand rendering all go
//! through this module; no other file of `src/` spells an output path (a test checks).
//!
//! Pages live in a language folder (`""` for the default language, `"en/"` otherwise); data
//! downloads, theme files, the sitemap and `robots.txt` are shared by all languages. Links are
//! relative and name `index.html` explicitly, so the site works from a domain root, from a
//! sub-folder, and opened straight from disk. Canonical and alternate links use `base_url`.
//!
//! This is a leaf: it knows ids as strings, not the model. Which pages a given site has is
//! worked out over the model in [`crate::render::inventory`].

/// A page or file of the site, by what it shows. Ids are the content's ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Route<'a> {
    /// `index.html`: the home page.
    Home,
    /// `regions/index.html`: the list of regions.
    Regions,
    /// `regions/<region>/index.html`: a region's page.
    Region(&'a str),
    /// `regions/<region>/tasks/index.html`: a region's key tasks.
    Tasks(&'a str),
    /// `regions/<region>/<indicator>/index.html`: one indicator in one region.
    Series(&'a str, &'a str),
    /// `regions/<region>/plan/index.html`: the text of the region's plan.
    Plan(&'a str),
    /// `indicators/index.html`: the list of indicators.
    Indicators,
    /// `indicators/<indicator>/index.html`: an indicator across regions.
    Indicator(&'a str),
    /// `<slug>/index.html`: a free page (`content/pages/<slug>.<lang>.md`).
    Page(&'a str),
    /// `404.html`: served for any missing address.
    NotFound,
    /// `data/regions/<region>.csv`.
    RegionCsv(&'a str),
    /// `data/indicators/<indicator>.csv`.
    IndicatorCsv(&'a str),
    /// `data/plans/<region>.zh.md`: the plan's text as transcribed.
    PlanText(&'a str),
    /// `data/all.csv`.
    AllCsv,
    /// `data/all.json`.
    AllJson,
    /// `data/tasks.csv`: every region's key tasks.
    TasksCsv,
    /// `data/tasks.json`.
    TasksJson,
    /// `data/tasks/<region>.csv`: one region's key tasks.
    RegionTasksCsv(&'a str),
    /// `data/tasks/<region>.json`.
    RegionTasksJson(&'a str),
    /// `sitemap.xml`: the sitemap, or the index of its parts.
    Sitemap,
    /// `sitemap-<n>.xml`: one part of a large site's sitemap, from 1.
    SitemapPart(usize),
    /// `robots.txt`.
    Robots,
    /// `static/<file>`: a file of the theme's `static/` folder.
    Asset(&'a str),
}

/// The kinds of page, each rendered by its own template and file of `src/render/page/`.
/// Tests iterate [`PageKind::ALL`], so a new kind cannot be skipped by them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageKind {
    Home,
    Regions,
    Region,
    Tasks,
    Series,
    Plan,
    Indicators,
    Indicator,
    Page,
    NotFound,
}

impl PageKind {
    pub const ALL: [PageKind; 10] = [
        PageKind::Home,
        PageKind::Regions,
        PageKind::Region,
        PageKind::Tasks,
        PageKind::Series,
        PageKind::Plan,
        PageKind::Indicators,
        PageKind::Indicator,
        PageKind::Page,
        PageKind::NotFound,
    ];
}

impl Route<'_> {
    /// The output path: inside the language folder for a page, from the site's root otherwise.
    pub fn path(&self) -> String {
        match *self {
            Route::Home => home(),
            Route::Regions => regions(),
            Route::Region(id) => region(id),
            Route::Tasks(id) => tasks(id),
            Route::Series(r, i) => series(r, i),
            Route::Plan(r) => plan(r),
            Route::PlanText(r) => plan_text(r),
            Route::Indicators => indicators(),
            Route::Indicator(id) => indicator(id),
            Route::Page(slug) => page(slug),
            Route::NotFound => NOT_FOUND.into(),
            Route::RegionCsv(id) => region_csv(id),
            Route::IndicatorCsv(id) => indicator_csv(id),
            Route::AllCsv => ALL_CSV.into(),
            Route::AllJson => ALL_JSON.into(),
            Route::TasksCsv => TASKS_CSV.into(),
            Route::TasksJson => TASKS_JSON.into(),
            Route::RegionTasksCsv(id) => region_tasks_csv(id),
            Route::RegionTasksJson(id) => region_tasks_json(id),
            Route::Sitemap => SITEMAP.into(),
            Route::SitemapPart(n) => sitemap_part(n),
            Route::Robots => ROBOTS.into(),
            Route::Asset(file) => asset(file),
        }
    }

    /// The kind of page, or `None` for a file shared by every language.
    pub fn kind(&self) -> Option<PageKind> {
        Some(match self {
            Route::Home => PageKind::Home,
            Route::Regions => PageKind::Regions,
            Route::Region(_) => PageKind::Region,
            Route::Tasks(_) => PageKind::Tasks,
            Route::Series(..) => PageKind::Series,
            Route::Plan(_) => PageKind::Plan,
            Route::Indicators => PageKind::Indicators,
            Route::Indicator(_) => PageKind::Indicator,
            Route::Page(_) => PageKind::Page,
            Route::NotFound => PageKind::NotFound,
            _ => return None,
        })
    }

    /// Whether the file is a page, made once in every language.
    pub fn is_page(&self) -> bool {
        self.kind().is_some()
    }
}

/// Names the folders at the top of the site take (and the names the next features will take:
/// `search`, `changes`, `feed.xml`, `units`, `overview`). A free page's slug or a language code
/// may not be one of them.
pub const RESERVED_TOP: &[&str] = &[
    REGIONS_DIR,
    INDICATORS_DIR,
    DATA_DIR,
    ASSETS_DIR,
    "charts",
    "404",
    "sitemap",
    "robots",
    "search",
    "changes",
    "feed",
    "feed.xml",
    "units",
    "overview",
];

/// Names taken inside a region's folder besides its indicators' pages (`tasks`, and those the
/// next features will take: the plan's text, units, an overview, embeds). An indicator id may
/// not be one of them.
pub const RESERVED_IN_REGION: &[&str] = &[TASKS_DIR, PLAN_DIR, "units", "overview", "embed"];

const REGIONS_DIR: &str = "regions";
const INDICATORS_DIR: &str = "indicators";
const DATA_DIR: &str = "data";
/// The site's folder of theme files, named as the theme's own folder of them.
pub const ASSETS_DIR: &str = "static";
const TASKS_DIR: &str = "tasks";
const PLAN_DIR: &str = "plan";
const PLANS_DIR: &str = "plans";
const INDEX: &str = "index.html";

pub const NOT_FOUND: &str = "404.html";
pub const SITEMAP: &str = "sitemap.xml";
pub const ROBOTS: &str = "robots.txt";
pub const ALL_CSV: &str = "data/all.csv";
pub const ALL_JSON: &str = "data/all.json";
/// Every region's key tasks; a region's own are in `data/tasks/` ([`region_tasks_csv`]). No
/// content id names a file at the top of `data/`, and region ids are slugs (no `.`), so
/// neither can collide with a region's file.
pub const TASKS_CSV: &str = "data/tasks.csv";
pub const TASKS_JSON: &str = "data/tasks.json";
/// The theme's style sheet and script, under [`asset`].
pub const STYLE: &str = "static/style.css";
pub const SCRIPT: &str = "static/site.js";
/// The emblem beside the public-security record number, and the 党政机关网站标识's image (the
/// default theme's are neutral placeholders; a site puts the official images in its theme).
pub const POLICE_EMBLEM: &str = "static/police.svg";
pub const BADGE: &str = "static/badge.svg";

pub fn home() -> String {
    INDEX.into()
}
pub fn regions() -> String {
    format!("{REGIONS_DIR}/{INDEX}")
}
pub fn region(id: &str) -> String {
    format!("{REGIONS_DIR}/{id}/{INDEX}")
}
pub fn series(region: &str, indicator: &str) -> String {
    format!("{REGIONS_DIR}/{region}/{indicator}/{INDEX}")
}
pub fn tasks(region: &str) -> String {
    format!("{REGIONS_DIR}/{region}/{TASKS_DIR}/{INDEX}")
}
pub fn plan(region: &str) -> String {
    format!("{REGIONS_DIR}/{region}/{PLAN_DIR}/{INDEX}")
}
/// The plan's text as transcribed, shared by all languages.
pub fn plan_text(region: &str) -> String {
    format!("{DATA_DIR}/{PLANS_DIR}/{region}.zh.md")
}
pub fn indicators() -> String {
    format!("{INDICATORS_DIR}/{INDEX}")
}
pub fn indicator(id: &str) -> String {
    format!("{INDICATORS_DIR}/{id}/{INDEX}")
}
pub fn page(slug: &str) -> String {
    format!("{slug}/{INDEX}")
}
/// Shared by all languages.
pub fn region_csv(region: &str) -> String {
    format!("{DATA_DIR}/{REGIONS_DIR}/{region}.csv")
}
pub fn indicator_csv(indicator: &str) -> String {
    format!("{DATA_DIR}/{INDICATORS_DIR}/{indicator}.csv")
}
/// A region's key tasks, shared by all languages.
pub fn region_tasks_csv(region: &str) -> String {
    format!("{DATA_DIR}/{TASKS_DIR}/{region}.csv")
}
pub fn region_tasks_json(region: &str) -> String {
    format!("{DATA_DIR}/{TASKS_DIR}/{region}.json")
}
pub fn sitemap_part(n: usize) -> String {
    format!("sitemap-{n}.xml")
}
/// A file of the theme's `static/` folder (`file` relative to it).
pub fn asset(file: &str) -> String {
    format!("{ASSETS_DIR}/{file}")
}

/// Whether a page (an output path) is in the regions' part of the site, for the navigation.
pub fn in_regions(page_path: &str) -> bool {
    page_path.strip_prefix(REGIONS_DIR).is_some_and(|p| p.starts_with('/'))
}
/// Whether a page (an output path) is in the indicators' part of the site.
pub fn in_indicators(page_path: &str) -> bool {
    page_path.strip_prefix(INDICATORS_DIR).is_some_and(|p| p.starts_with('/'))
}

/// The file a folder's address serves (`regions/a` → `regions/a/index.html`); `""` is the
/// site's root.
pub fn folder_index(folder: &str) -> String {
    if folder.is_empty() { INDEX.into() } else { format!("{folder}/{INDEX}") }
}

/// The language of an output path and the path inside its language folder. Paths outside
/// every other language's folder are the default language's (and the shared files).
pub fn split_language<'p>(path: &'p str, languages: &'p [String], default: &'p str) -> (&'p str, &'p str) {
    languages
        .iter()
        .filter(|l| l.as_str() != default)
        .find_map(|l| path.strip_prefix(l.as_str()).and_then(|p| p.strip_prefix('/')).map(|p| (l.as_str(), p)))
        .unwrap_or((default, path))
}

/// Which page or file the output path `inner` (inside a language folder, or a shared file) is.
/// `shared` says whether `inner` is the whole path (the default language, where shared files
/// live too). `None` for a path no route makes.
pub fn parse(inner: &str, shared: bool) -> Option<Route<'_>> {
    let parts: Vec<&str> = inner.split('/').collect();
    Some(match parts.as_slice() {
        [INDEX] => Route::Home,
        [NOT_FOUND] => Route::NotFound,
        [REGIONS_DIR, INDEX] => Route::Regions,
        [INDICATORS_DIR, INDEX] => Route::Indicators,
        [REGIONS_DIR, id, INDEX] => Route::Region(id),
        [REGIONS_DIR, id, TASKS_DIR, INDEX] => Route::Tasks(id),
        [REGIONS_DIR, id, PLAN_DIR, INDEX] => Route::Plan(id),
        [REGIONS_DIR, id, ind, INDEX] => Route::Series(id, ind),
        [INDICATORS_DIR, id, INDEX] => Route::Indicator(id),
        [DATA_DIR, REGIONS_DIR, file] if shared => Route::RegionCsv(file.strip_suffix(".csv")?),
        [DATA_DIR, INDICATORS_DIR, file] if shared => Route::IndicatorCsv(file.strip_suffix(".csv")?),
        [DATA_DIR, PLANS_DIR, file] if shared => Route::PlanText(file.strip_suffix(".zh.md")?),
        [DATA_DIR, "all.csv"] if shared => Route::AllCsv,
        [DATA_DIR, "all.json"] if shared => Route::AllJson,
        [DATA_DIR, "tasks.csv"] if shared => Route::TasksCsv,
        [DATA_DIR, "tasks.json"] if shared => Route::TasksJson,
        [DATA_DIR, TASKS_DIR, file] if shared => match file.strip_suffix(".csv") {
            Some(id) => Route::RegionTasksCsv(id),
            None => Route::RegionTasksJson(file.strip_suffix(".json")?),
        },
        [SITEMAP] if shared => Route::Sitemap,
        [ROBOTS] if shared => Route::Robots,
        [file] if shared && file.starts_with("sitemap-") => {
            Route::SitemapPart(file.strip_prefix("sitemap-")?.strip_suffix(".xml")?.parse().ok()?)
        }
        [ASSETS_DIR, ..] if shared => Route::Asset(inner.strip_prefix(ASSETS_DIR)?.strip_prefix('/')?),
        [slug, INDEX] => Route::Page(slug),
        _ => return None,
    })
}

/// The folder prefix of a language's pages: `""` for the default language, `"en/"` otherwise.
pub fn lang_prefix(lang: &str, default: &str) -> String {
    if lang == default { String::new() } else { format!("{lang}/") }
}

/// The relative link from the page written at `from` to the file at `to` (both output paths):
/// the shortest `../` path, so links work from a domain root, a sub-folder or the disk.
pub fn rel(from: &str, to: &str) -> String {
    // The folders of `from` and of `to`, each with its last `/` (empty when there is none).
    let from_dir = &from.as_bytes()[..from.rfind('/').map_or(0, |i| i + 1)];
    let to_dir = &to.as_bytes()[..to.rfind('/').map_or(0, |i| i + 1)];
    // The folders both start with: up to the last `/` before they differ.
    let mut common = 0;
    for (i, (a, b)) in from_dir.iter().zip(to_dir).enumerate() {
        if a != b {
            break;
        }
        if *a == b'/' {
            common = i + 1;
        }
    }
    let ups = from_dir[common..].iter().filter(|&&b| b == b'/').count();
    let rest = &to[common..];
    let mut s = String::with_capacity(3 * ups + rest.len());
    for _ in 0..ups {
        s.push_str("../");
    }
    s.push_str(rest);
    if s.is_empty() { "./".to_string() } else { s }
}

/// The public URL of an output path: `base_url` + path, `index.html` dropped.
/// `page#anchor`: a place on a page (a target's or task's place in the plan's text), made
/// without `fmt`: a national site makes hundreds of thousands.
pub fn with_anchor(page: &str, anchor: &str) -> String {
    let mut href = String::with_capacity(page.len() + 1 + anchor.len());
    for piece in [page, "#", anchor] {
        href.push_str(piece);
    }
    href
}

pub fn absolute(base_url: &str, path: &str) -> String {
    let path = path.strip_suffix("index.html").unwrap_or(path);
    format!("{base_url}{path}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_is_read_back_from_its_path() {
        let routes = [
            Route::Home,
            Route::Regions,
            Route::Region("yaan"),
            Route::Tasks("yaan"),
            Route::Series("yaan", "cmi"),
            Route::Plan("yaan"),
            Route::PlanText("yaan"),
            Route::Indicators,
            Route::Indicator("cmi"),
            Route::Page("about"),
            Route::NotFound,
            Route::RegionCsv("yaan"),
            Route::IndicatorCsv("cmi"),
            Route::AllCsv,
            Route::AllJson,
            Route::TasksCsv,
            Route::TasksJson,
            Route::RegionTasksCsv("yaan"),
            Route::RegionTasksJson("yaan"),
            Route::Sitemap,
            Route::SitemapPart(3),
            Route::Robots,
            Route::Asset("style.css"),
        ];
        for r in routes {
            assert_eq!(parse(&r.path(), true), Some(r), "{}", r.path());
            // Only pages are in a language folder.
            assert_eq!(parse(&r.path(), false).is_some(), r.is_page(), "{}", r.path());
        }
        // The published contract: these addresses must never move.
        assert_eq!(Route::Series("yaan", "cmi").path(), "regions/yaan/cmi/index.html");
        assert_eq!(Route::Tasks("yaan").path(), "regions/yaan/tasks/index.html");
        assert_eq!(Route::RegionCsv("yaan").path(), "data/regions/yaan.csv");
        assert_eq!(Route::TasksCsv.path(), "data/tasks.csv");
        assert_eq!(Route::RegionTasksJson("yaan").path(), "data/tasks/yaan.json");
        assert_eq!(parse("data/tasks/yaan.xml", true), None);
        assert_eq!(Route::Page("about").path(), "about/index.html");
        assert_eq!(parse("regions/a/b/c/index.html", true), None);
    }

    #[test]
    fn languages_are_split_off() {
        let langs = ["zh".to_string(), "en".to_string()];
        assert_eq!(split_language("en/regions/index.html", &langs, "zh"), ("en", "regions/index.html"));
        assert_eq!(split_language("regions/index.html", &langs, "zh"), ("zh", "regions/index.html"));
        assert_eq!(split_language("english/index.html", &langs, "zh"), ("zh", "english/index.html"));
    }

    #[test]
    fn reserved_names_cover_every_folder() {
        for r in [Route::Regions, Route::Indicators, Route::AllCsv, Route::TasksCsv, Route::Asset("x")] {
            let top = r.path().split('/').next().map(str::to_string).unwrap_or_default();
            assert!(RESERVED_TOP.contains(&top.as_str()), "{top}");
        }
        assert!(RESERVED_IN_REGION.contains(&"tasks"));
    }

    #[test]
    fn relative_links() {
        assert_eq!(rel("index.html", "regions/index.html"), "regions/index.html");
        assert_eq!(rel("regions/a/index.html", "static/style.css"), "../../static/style.css");
        assert_eq!(rel("en/regions/a/x/index.html", "en/index.html"), "../../../index.html");
        assert_eq!(rel("regions/a/index.html", "regions/a/cmi/index.html"), "cmi/index.html");
        assert_eq!(rel("regions/a/index.html", "regions/b/index.html"), "../b/index.html");
        assert_eq!(rel("regions/a/index.html", "en/regions/a/index.html"), "../../en/regions/a/index.html");
        assert_eq!(rel("index.html", "index.html"), "index.html");
        assert_eq!(rel("regions/index.html", ""), "../");
    }

    /// The first, plainer version of [`rel`] (vectors of parts), kept to check the faster one.
    fn rel_by_vectors(from: &str, to: &str) -> String {
        let from_dir: Vec<&str> =
            from.split('/').collect::<Vec<_>>().split_last().map_or(Vec::new(), |(_, d)| d.to_vec());
        let to_parts: Vec<&str> = to.split('/').collect();
        let (to_dir, file) = to_parts.split_last().map_or((&[][..], ""), |(f, d)| (d, *f));
        let common = from_dir.iter().zip(to_dir).take_while(|(a, b)| a == b).count();
        let mut s = "../".repeat(from_dir.len() - common);
        for part in &to_dir[common..] {
            s.push_str(part);
            s.push('/');
        }
        s.push_str(file);
        if s.is_empty() { "./".to_string() } else { s }
    }

    #[test]
    fn relative_links_agree_with_the_plain_version() {
        let paths = [
            "",
            "/",
            "index.html",
            "/index.html",
            "a",
            "a/",
            "a//b",
            "regions/index.html",
            "regions/a/index.html",
            "regions/a/cmi/index.html",
            "regions/b/index.html",
            "en/regions/a/x/index.html",
            "en/index.html",
            "static/style.css",
            "data/all.csv",
            "regions/a/tasks/index.html",
            "regions/ab/index.html",
        ];
        for from in paths {
            for to in paths {
                assert_eq!(rel(from, to), rel_by_vectors(from, to), "rel({from:?}, {to:?})");
            }
        }
    }

    #[test]
    fn absolute_urls() {
        assert_eq!(absolute("https://x.gov.cn/gk/", "en/regions/a/index.html"), "https://x.gov.cn/gk/en/regions/a/");
        assert_eq!(absolute("/", "index.html"), "/");
    }
}

//! What a government host reads off every page (issue 21): the page labels (`<meta
//! name="SiteName">` …, Open Graph), each page's own date (the newest of what it shows, never
//! the build's), and the sitemap's `lastmod` equal to it.
//!
//! The site is `tests/fixtures/base/` with `good-publish/` (an https address and the identity
//! marks) and `dated/` (values with `released`, commentary with `updated`) laid over it. Its
//! page dates are worked out by hand below.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use gongkai::routes::{self, PageKind};

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The dated fixture site's files, by path.
fn built() -> BTreeMap<String, String> {
    let dir = tempfile::tempdir().unwrap();
    for layer in ["base", "good-publish", "dated"] {
        common::copy_dir(&fixtures().join(layer), dir.path());
    }
    let built = gongkai::build::build_in_memory(dir.path()).unwrap_or_else(|d| panic!("{d}"));
    built.files.into_iter().map(|f| (f.path, String::from_utf8(f.bytes).unwrap())).collect()
}

/// Each page's date, by hand: the newest `released`, `updated` or `issued` it shows.
const DATES: &[(&str, Option<&str>)] = &[
    // Every region's page: the newest is cmi's 2024Q2 value, released 2024-08-10.
    ("index.html", Some("2024-08-10")),
    // The plans listed: the city's, issued 2023-05-23.
    ("regions/index.html", Some("2023-05-23")),
    // Values 2024-08-10 > tasks 2024-06-30 = commentary 2024-06-30 > plan 2023-05-23.
    ("regions/city/index.html", Some("2024-08-10")),
    // Task t01 updated 2024-06-30 > the plan.
    ("regions/city/tasks/index.html", Some("2024-06-30")),
    ("regions/city/plan/index.html", Some("2023-05-23")),
    // Region commentary 2024-09-01 > values 2024-08-10 > indicator commentary 2024-07-01.
    ("regions/city/cmi/index.html", Some("2024-09-01")),
    ("regions/city/appointment-rate/index.html", Some("2024-03-15")),
    // The CSV's `released` column: 2024-05-30 (the 2023 secondary value has none).
    ("regions/city/average-length-of-stay/index.html", Some("2024-05-30")),
    // The 2024 value has no release date; the 2023 one 2024-02-01.
    ("regions/city/president-responsibility/index.html", Some("2024-02-01")),
    // No plan, values or tasks; its commentary has no date: no date, none made up.
    ("regions/prov/index.html", None),
    ("indicators/index.html", None),
    ("indicators/cmi/index.html", Some("2024-08-10")),
    ("indicators/appointment-rate/index.html", Some("2024-03-15")),
    ("indicators/average-length-of-stay/index.html", Some("2024-05-30")),
    ("indicators/president-responsibility/index.html", Some("2024-02-01")),
    ("about/index.html", Some("2024-01-10")),
    ("404.html", None),
];

/// The `content` of `<meta {attr}="{name}" …>`, unescaped as far as the tests need.
fn meta<'a>(html: &'a str, attr: &str, name: &str) -> Option<&'a str> {
    let tag = format!("<meta {attr}=\"{name}\" content=\"");
    let start = html.find(&tag)? + tag.len();
    Some(&html[start..start + html[start..].find('"')?])
}

/// The labels a page must carry with a value.
const LABELS: &[&str] = &[
    "SiteName",
    "SiteDomain",
    "SiteIDCode",
    "ColumnName",
    "ColumnType",
    "ArticleTitle",
    "ContentSource",
    "Keywords",
    "Description",
    "description",
];
const OPEN_GRAPH: &[&str] = &["og:type", "og:site_name", "og:title", "og:description", "og:url"];

#[test]
fn every_page_of_every_kind_carries_every_label_and_its_own_date() {
    let files = built();
    let mut kinds = BTreeSet::new();
    let mut pages = 0;
    let langs = ["zh".to_string(), "en".to_string()];
    for (path, html) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let (lang, inner) = routes::split_language(path, &langs, "zh");
        let route = routes::parse(inner, false).unwrap_or_else(|| panic!("{path} is no page"));
        let kind = route.kind().unwrap();
        kinds.insert(kind);
        pages += 1;
        for name in LABELS {
            let value = meta(html, "name", name).unwrap_or_else(|| panic!("{path}: no <meta name=\"{name}\">"));
            assert!(!value.trim().is_empty(), "{path}: {name} is empty");
        }
        for name in OPEN_GRAPH {
            let value = meta(html, "property", name).unwrap_or_else(|| panic!("{path}: no {name}"));
            assert!(!value.trim().is_empty(), "{path}: {name} is empty");
        }
        assert_eq!(meta(html, "name", "SiteDomain"), Some("wjw.example.gov.cn"), "{path}");
        assert_eq!(meta(html, "name", "SiteIDCode"), Some("1408000001"), "{path}");
        let source = if lang == "zh" { "示例市卫生健康委员会" } else { "Demo City Health Commission" };
        assert_eq!(meta(html, "name", "ContentSource"), Some(source), "{path}");
        let column_type = match kind {
            PageKind::Home | PageKind::NotFound => "首页",
            PageKind::Plan | PageKind::Tasks => "政策文件",
            PageKind::Page => "概况信息",
            _ => "数据发布",
        };
        assert_eq!(meta(html, "name", "ColumnType"), Some(column_type), "{path}");
        // The page's date, as worked out by hand, in both languages: labelled, shown, never
        // the build's.
        let expected = DATES.iter().find(|(p, _)| *p == inner).unwrap_or_else(|| panic!("no date for {inner}")).1;
        assert_eq!(meta(html, "name", "PubDate"), expected, "{path}");
        match expected {
            Some(d) => {
                assert!(html.contains(&format!("<time datetime=\"{d}\">{d}</time>")), "{path} does not show {d}")
            }
            None => assert!(!html.contains("<time datetime=\"2024-12-31\">"), "{path} shows site.yaml's date"),
        }
        // The keywords are the page's title's parts; the site's name is SiteName's alone (the
        // home page's title is the site's name).
        let title = meta(html, "name", "ArticleTitle").unwrap();
        let site = meta(html, "name", "SiteName").unwrap();
        assert_eq!(meta(html, "name", "Keywords"), Some(title.replace(" · ", ",").as_str()), "{path}");
        let description = meta(html, "name", "Description").unwrap();
        if title != site {
            assert!(!description.contains(site), "{path}: the description repeats the site's name");
        }
        assert_eq!(meta(html, "name", "description"), Some(description), "{path}");
        assert_eq!(meta(html, "property", "og:description"), Some(description), "{path}");
        let og_url = meta(html, "property", "og:url").unwrap();
        assert!(og_url.starts_with("https://wjw.example.gov.cn/gongkai/"), "{path}: {og_url}");
    }
    assert_eq!(kinds.len(), PageKind::ALL.len(), "a page of every kind: {kinds:?}");
    assert_eq!(pages, DATES.len() * 2, "every page is in the table of dates");
    // A value's release date is shown with it.
    let series = &files["regions/city/cmi/index.html"];
    assert!(series.contains("（2024-08-10发布）"), "no release date on the cmi page");
    assert!(files["en/regions/city/cmi/index.html"].contains("(released 2024-08-10)"));
    // And in the downloads.
    assert!(files["data/all.csv"].lines().any(|l| l.contains(",2024Q2,") && l.ends_with(",2024-08-10")));
    assert!(files["data/all.json"].contains("\"released\":\"2024-08-10\""));
}

#[test]
fn the_sitemap_gives_each_page_its_own_date() {
    let files = built();
    let sitemap = &files["sitemap.xml"];
    let mut seen = 0;
    for url in sitemap.split("<url>").skip(1) {
        let loc = url.split("<loc>").nth(1).and_then(|l| l.split("</loc>").next()).unwrap();
        let path = loc.strip_prefix("https://wjw.example.gov.cn/gongkai/").unwrap_or_else(|| panic!("{loc}"));
        let inner = path.strip_prefix("en/").unwrap_or(path);
        let inner =
            if inner.is_empty() || inner.ends_with('/') { format!("{inner}index.html") } else { inner.to_string() };
        let expected = DATES.iter().find(|(p, _)| *p == inner).unwrap_or_else(|| panic!("no date for {inner}")).1;
        let lastmod = url.split("<lastmod>").nth(1).and_then(|l| l.split("</lastmod>").next());
        assert_eq!(lastmod, expected, "{loc}");
        // And the page says the same.
        let page = files.get(&format!("{}{inner}", if path.starts_with("en/") { "en/" } else { "" })).unwrap();
        assert_eq!(meta(page, "name", "PubDate"), expected, "{loc}");
        seen += 1;
    }
    assert_eq!(seen, (DATES.len() - 1) * 2, "every page but 404, in both languages");
}

/// Without an absolute base_url the items that need one are left out, not invented; the rest
/// stay.
#[test]
fn without_an_absolute_address_there_is_no_domain_and_no_og_url() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&fixtures().join("base"), dir.path());
    let built = gongkai::build::build_in_memory(dir.path()).unwrap_or_else(|d| panic!("{d}"));
    let home = built.files.iter().find(|f| f.path == "index.html").unwrap();
    let html = String::from_utf8_lossy(&home.bytes);
    assert!(meta(&html, "name", "SiteDomain").is_none());
    assert!(meta(&html, "property", "og:url").is_none());
    assert!(meta(&html, "name", "SiteIDCode").is_none(), "no site_code written, none shown");
    assert_eq!(meta(&html, "name", "ColumnType"), Some("首页"));
    // No identity written: the footer has none of its marks.
    assert!(!html.contains("beian"));
}

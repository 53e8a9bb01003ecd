//! Integration tests over the built bundled site: every page exists in both languages, every
//! internal link and asset resolves, the numbers in region tables equal the input, sample
//! banners appear exactly where sample data does, and task pages show units and deadlines as the
//! content gives them.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The bundled site, built once for this file's tests.
fn site() -> &'static Path {
    common::built_bundled_site()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn html_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            html_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "html") {
            out.push(p);
        }
    }
}

/// Every `href="…"` and `src="…"` value of a page, except canonical and alternate links,
/// which are full addresses from `base_url` by design.
fn references(html: &str) -> Vec<String> {
    let html: String = html
        .lines()
        .filter(|l| !l.contains("<link rel=\"canonical\"") && !l.contains("<link rel=\"alternate\""))
        .collect();
    let html = html.as_str();
    let mut refs = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            let after = &rest[i + attr.len()..];
            let end = after.find('"').unwrap_or(after.len());
            refs.push(after[..end].replace("&amp;", "&"));
            rest = &after[end..];
        }
    }
    refs
}

fn region_ids() -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(root().join("content/regions"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    ids
}

fn yaml(path: &Path) -> serde_yaml::Value {
    serde_yaml::from_str(&read(path)).unwrap()
}

#[test]
fn every_page_exists_in_both_languages() {
    let site = site();
    let mut expected = vec!["index.html".to_string(), "regions/index.html".into(), "indicators/index.html".into()];
    for id in region_ids() {
        expected.push(format!("regions/{id}/index.html"));
        if root().join(format!("content/regions/{id}/tasks.yaml")).exists() {
            expected.push(format!("regions/{id}/tasks/index.html"));
        }
    }
    for e in std::fs::read_dir(root().join("content/indicators")).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if let Some(id) = name.strip_suffix(".yaml") {
            expected.push(format!("indicators/{id}/index.html"));
        }
    }
    for page in &expected {
        assert!(site.join(page).is_file(), "missing {page}");
        assert!(site.join("en").join(page).is_file(), "missing en/{page}");
        let zh = read(&site.join(page));
        let en = read(&site.join("en").join(page));
        assert!(zh.contains("<html lang=\"zh-CN\">"), "{page}");
        assert!(en.contains("<html lang=\"en\">"), "en/{page}");
        assert!(zh.contains("hreflang=\"en\""), "{page} links its English version");
    }
    for f in
        ["404.html", "en/404.html", "sitemap.xml", "robots.txt", "data/all.csv", "data/all.json", "static/style.css"]
    {
        assert!(site.join(f).is_file(), "missing {f}");
    }
}

#[test]
fn every_internal_link_and_asset_resolves() {
    let site = site();
    let mut pages = Vec::new();
    html_files(site, &mut pages);
    assert!(pages.len() > 100, "only {} pages", pages.len());
    let mut broken = Vec::new();
    let mut checked = 0;
    for page in pages.iter().filter(|p| !p.ends_with("404.html")) {
        let html = read(page);
        for r in references(&html) {
            if r.starts_with("http://") || r.starts_with("https://") || r.starts_with("mailto:") || r.starts_with('#') {
                continue;
            }
            assert!(!r.starts_with('/'), "{}: absolute link {r} breaks opening from disk", page.display());
            let target = r.split('#').next().unwrap_or("");
            let resolved = page.parent().unwrap().join(target);
            checked += 1;
            if !resolved.is_file() {
                broken.push(format!("{} -> {r}", page.strip_prefix(site).unwrap().display()));
            }
        }
    }
    assert!(checked > 1000, "only {checked} links checked");
    assert!(
        broken.is_empty(),
        "{} broken links, e.g.:\n{}",
        broken.len(),
        broken.iter().take(20).cloned().collect::<Vec<_>>().join("\n")
    );
}

/// Latest numeric value of every series, read straight from the content files.
type SeriesKey = (String, Option<String>);

fn latest_values(region: &str) -> BTreeMap<SeriesKey, (String, f64)> {
    let mut series: BTreeMap<SeriesKey, Vec<(String, f64)>> = BTreeMap::new();
    let dir = root().join("content/regions").join(region);
    if dir.join("data.yaml").exists() {
        for e in yaml(&dir.join("data.yaml")).as_sequence().unwrap() {
            let ind = e["indicator"].as_str().unwrap().to_string();
            let scope = e.get("scope").and_then(|s| s.as_str()).map(String::from);
            let key = (ind, scope);
            if let Some(values) = e.get("values").and_then(|v| v.as_mapping()) {
                for (p, v) in values {
                    if let Some(n) = v.as_f64() {
                        let p = p.as_i64().map(|y| y.to_string()).or(p.as_str().map(String::from)).unwrap();
                        series.entry(key.clone()).or_default().push((p, n));
                    }
                }
            } else if let Some(n) = e["value"].as_f64() {
                let p = &e["period"];
                let p = p.as_i64().map(|y| y.to_string()).or(p.as_str().map(String::from)).unwrap();
                series.entry(key).or_default().push((p, n));
            }
        }
    }
    if dir.join("data.csv").exists() {
        for line in read(&dir.join("data.csv")).lines().skip(1).filter(|l| !l.is_empty()) {
            let f: Vec<&str> = line.split(',').collect();
            if let Ok(n) = f[3].parse::<f64>() {
                let scope = (!f[1].is_empty()).then(|| f[1].to_string());
                series.entry((f[0].to_string(), scope)).or_default().push((f[2].to_string(), n));
            }
        }
    }
    series
        .into_iter()
        .map(|(k, mut v)| {
            v.sort_by(|a, b| a.0.cmp(&b.0));
            (k, v.pop().unwrap())
        })
        .collect()
}

fn leading_number(s: &str) -> Option<f64> {
    let t: String = s.trim().chars().take_while(|c| c.is_ascii_digit() || *c == '.' || *c == '-').collect();
    t.parse().ok()
}

#[test]
fn region_tables_show_exactly_the_input_values() {
    let site = site();
    let mut compared = 0;
    for region in region_ids() {
        let latest = latest_values(&region);
        for lang in ["", "en/"] {
            let html = read(&site.join(format!("{lang}regions/{region}/index.html")));
            let rows: Vec<&str> = html.split("<tr>").skip(1).collect();
            for ((ind, scope), (period, value)) in &latest {
                let link = format!("href=\"{ind}/index.html\"");
                let scope_name = scope.as_ref().map(|s| {
                    let scopes = yaml(&root().join("content/scopes.yaml"));
                    let name = &scopes[s.as_str()]["name"];
                    name[if lang.is_empty() { "zh" } else { "en" }].as_str().unwrap().to_string()
                });
                let row = rows
                    .iter()
                    .find(|r| {
                        r.contains(&link)
                            && scope_name
                                .as_ref()
                                .is_none_or(|n| r.contains(&format!("<span class=\"scope\">{n}</span>")))
                            && (scope.is_some() || !r.contains("class=\"scope\""))
                    })
                    .unwrap_or_else(|| panic!("{lang}regions/{region}: no row for {ind} {scope:?}"));
                let cell =
                    row.split("<span class=\"value\">").nth(1).unwrap_or_else(|| panic!("{region} {ind}: no value"));
                let shown = leading_number(cell).unwrap();
                assert_eq!(
                    shown, *value,
                    "{lang}regions/{region} {ind} {scope:?}: page shows {shown}, input says {value}"
                );
                assert!(
                    row.contains(&format!("<span class=\"period\">{period}</span>")),
                    "{region} {ind}: period {period}"
                );
                compared += 1;
            }
        }
    }
    assert!(compared > 100, "only {compared} values compared");
}

const BANNER: &str = "class=\"sample-banner\"";

/// Whether a page of each kind should carry the sample banner, from the input: a page that
/// shows a sample value or task does, a page that shows none does not. The match has a line
/// for every kind of page of the route table, so a new kind cannot skip this test.
/// Each task page shows 牵头单位 for a task with `lead`, 责任单位 for one with `responsible`, and says
/// that the plan sets no deadline where the task has neither `deadline` nor `deadline_text`.
#[test]
fn task_pages_show_units_and_deadlines_as_the_content_says() {
    let mut without_deadline = 0;
    for r in region_ids() {
        let file = root().join(format!("content/regions/{r}/tasks.yaml"));
        if !file.exists() {
            continue;
        }
        let tasks = yaml(&file).as_sequence().cloned().unwrap_or_default();
        let has =
            |t: &serde_yaml::Value, k: &str| t.get(k).is_some_and(|v| v.as_sequence().is_none_or(|s| !s.is_empty()));
        let count = |k: &str| tasks.iter().filter(|t| has(t, k)).count();
        let undated = tasks.iter().filter(|t| !has(t, "deadline") && !has(t, "deadline_text")).count();
        without_deadline += undated;
        let zh = read(&site().join(format!("regions/{r}/tasks/index.html")));
        let en = read(&site().join(format!("en/regions/{r}/tasks/index.html")));
        assert_eq!(zh.matches("<dt>牵头单位</dt>").count(), count("lead"), "{r}: lead units");
        assert_eq!(zh.matches("<dt>责任单位</dt>").count(), count("responsible"), "{r}: responsible units");
        assert_eq!(en.matches("<dt>Responsible units</dt>").count(), count("responsible"), "{r}: en");
        assert_eq!(zh.matches("方案未规定时限").count(), undated, "{r}: tasks without a deadline");
        assert_eq!(en.matches("No deadline set in the plan").count(), undated, "{r}: en");
        assert_eq!(zh.matches("<dt>完成时限</dt>").count(), tasks.len(), "{r}: every task says its deadline");
    }
    assert!(without_deadline > 80, "{without_deadline} tasks without a deadline in their plan");
}

#[test]
fn sample_banners_appear_exactly_where_sample_data_does() {
    use gongkai::routes::{PageKind, Route};
    let site = site();
    let mut reader = csv::Reader::from_path(site.join("data/all.csv")).unwrap();
    // Series (region, indicator) with a sample value, from the download.
    let mut sample_series = BTreeSet::new();
    for rec in reader.records() {
        let f = rec.unwrap();
        if &f[0] == "observation" && &f[11] == "true" {
            sample_series.insert((f[1].to_string(), f[4].to_string()));
        }
    }
    assert!(!sample_series.is_empty(), "the bundled content has sample data");
    // Regions with a sample task, from the YAML.
    let sample_tasks: BTreeSet<String> = region_ids()
        .into_iter()
        .filter(|r| {
            let tasks = root().join(format!("content/regions/{r}/tasks.yaml"));
            tasks.exists()
                && yaml(&tasks)
                    .as_sequence()
                    .unwrap()
                    .iter()
                    .any(|t| t.get("sample").and_then(|s| s.as_bool()) == Some(true))
        })
        .collect();
    let langs = ["zh".to_string(), "en".to_string()];
    let mut pages = Vec::new();
    html_files(site, &mut pages);
    let mut seen = BTreeSet::new();
    for page in &pages {
        let path = page.strip_prefix(site).unwrap().to_string_lossy().replace('\\', "/");
        let (_, inner) = gongkai::routes::split_language(&path, &langs, "zh");
        let route =
            gongkai::routes::parse(inner, false).unwrap_or_else(|| panic!("{path} is no page of the route table"));
        let kind = route.kind().expect("an HTML file is a page");
        seen.insert(kind);
        let expected = match (kind, route) {
            (PageKind::Home, _) => true,
            // The plan's own text shows no data.
            (PageKind::Regions | PageKind::Indicators | PageKind::Page | PageKind::NotFound | PageKind::Plan, _) => {
                false
            }
            (PageKind::Region, Route::Region(r)) => {
                sample_series.iter().any(|(sr, _)| sr == r) || sample_tasks.contains(r)
            }
            (PageKind::Tasks, Route::Tasks(r)) => sample_tasks.contains(r),
            (PageKind::Series, Route::Series(r, i)) => sample_series.contains(&(r.to_string(), i.to_string())),
            (PageKind::Indicator, Route::Indicator(i)) => sample_series.iter().any(|(_, si)| si == i),
            (kind, route) => panic!("{kind:?} and {route:?} do not go together"),
        };
        assert_eq!(read(page).contains(BANNER), expected, "{path}");
    }
    assert_eq!(seen.len(), PageKind::ALL.len(), "the bundled site has a page of every kind: {seen:?}");
    assert!(read(&site.join("en/index.html")).contains("Sample data"));
}

/// The route table's list of the site's files is what a build writes, both ways.
#[test]
fn the_route_table_lists_exactly_the_files_a_build_writes() {
    let site_dir = site();
    let built = gongkai::build::build_in_memory(&root()).unwrap_or_else(|d| panic!("{d}"));
    let assets: Vec<String> = built.site.theme.assets.keys().cloned().collect();
    let listed = gongkai::render::inventory::paths(&built.site.site, &assets);
    let listed_set: BTreeSet<String> = listed.iter().cloned().collect();
    assert_eq!(listed.len(), listed_set.len(), "no file is listed twice");
    let mut written = Vec::new();
    files(site_dir, site_dir, &mut written);
    let written: BTreeSet<String> = written.into_iter().map(|(p, _)| p.to_string_lossy().replace('\\', "/")).collect();
    let missing: Vec<_> = listed_set.difference(&written).collect();
    let unlisted: Vec<_> = written.difference(&listed_set).collect();
    assert!(
        missing.is_empty() && unlisted.is_empty(),
        "listed, not written: {missing:?}\nwritten, not listed: {unlisted:?}"
    );
    assert_eq!(gongkai::render::inventory::count(&built.site.site, assets.len()), written.len() as u64);
    // Every file is found again by the preview's on-demand rendering, in the part that makes it.
    let mut by_part: BTreeMap<gongkai::render::Part, Vec<&String>> = BTreeMap::new();
    for path in &written {
        let part = gongkai::render::inventory::part_of(&built.site.site, path).unwrap_or_else(|| panic!("{path}"));
        by_part.entry(part).or_default().push(path);
    }
    for (part, paths) in by_part {
        let files = built.site.render_part(&root(), part).unwrap_or_else(|d| panic!("{d}"));
        for path in paths {
            assert!(files.iter().any(|f| &f.path == path), "{path} is not made by {part:?}");
        }
    }
}

#[test]
fn downloads_are_excel_friendly_and_complete() {
    let site = site();
    let bytes = std::fs::read(site.join("data/all.csv")).unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 BOM for Excel");
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(site.join("data/all.json")).unwrap()).unwrap();
    let observations = json["observations"].as_array().unwrap().len();
    let csv_obs = String::from_utf8_lossy(&bytes).lines().filter(|l| l.starts_with("observation,")).count();
    assert_eq!(observations, csv_obs);
    let targets = json["targets"].as_array().unwrap().len();
    let expected_targets: usize = region_ids()
        .iter()
        .map(|r| {
            yaml(&root().join(format!("content/regions/{r}/region.yaml")))["targets"]
                .as_sequence()
                .map_or(0, |s| s.len())
        })
        .sum();
    assert_eq!(targets, expected_targets);
}

#[test]
fn building_twice_gives_identical_output() {
    let a = site();
    let dir = tempfile::tempdir().unwrap();
    let b = dir.path().join("public");
    let status = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "en")
        .args(["build", "--root"])
        .arg(root())
        .arg("--output")
        .arg(&b)
        .status()
        .unwrap();
    assert!(status.success());
    let mut fa = Vec::new();
    let mut fb = Vec::new();
    files(a, a, &mut fa);
    files(&b, &b, &mut fb);
    assert_eq!(fa.len(), fb.len());
    for ((pa, ba), (pb, bb)) in fa.iter().zip(&fb) {
        assert_eq!(pa, pb);
        assert!(ba == bb, "{} differs between builds", pa.display());
    }
}

fn files(base: &Path, dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let p = e.path();
        if p.is_dir() {
            files(base, &p, out);
        } else {
            out.push((p.strip_prefix(base).unwrap().to_path_buf(), std::fs::read(&p).unwrap()));
        }
    }
}

/// Issue 18 §3: a field of a plan's notice the content records as `not_stated` shows 原文未载
/// (never a guess such as "忻州市"), and a horizon says where it comes from, with no year the
/// plan does not state.
#[test]
fn plan_notices_say_what_the_document_does_not_state() {
    for region in region_ids() {
        let raw = yaml(&root().join("content/regions").join(&region).join("region.yaml"));
        let Some(plan) = raw.get("plan") else { continue };
        let page = read(&site().join("regions").join(&region).join("index.html"));
        let en = read(&site().join("en/regions").join(&region).join("index.html"));
        let facts = page.split("<dl class=\"facts\">").nth(1).and_then(|s| s.split("</dl>").next()).unwrap_or("");
        let not_stated = ["number", "issuer", "issued", "horizon"]
            .iter()
            .filter(|f| plan.get(**f).and_then(|v| v.as_str()) == Some("not_stated"))
            .count();
        assert_eq!(facts.matches("原文未载</dd>").count(), not_stated, "{region}: {facts}");
        assert_eq!(en.matches("Not stated in the document</dd>").count(), not_stated, "{region}");
        if let Some(h) = plan.get("horizon").filter(|h| h.is_mapping()) {
            let source = h["source"]["zh"].as_str().unwrap_or_default();
            assert!(facts.contains(&format!("（依据：{source}）")), "{region}: the horizon's source");
            for end in ["from", "to"] {
                if let Some(year) = h.get(end).and_then(|y| y.as_i64()) {
                    assert!(facts.contains(&year.to_string()), "{region}: {end} {year}");
                }
            }
            if h.get("from").is_none() && h.get("to").is_none() {
                assert!(facts.contains("原文未载明起止年份"), "{region}: a horizon without years says so");
            }
        }
    }
    let xinzhou = read(&site().join("regions/xinzhou/index.html"));
    assert!(!xinzhou.contains("<dd>忻州市</dd>"), "the issuer is not guessed");
}

/// Text as the site escapes it in HTML.
fn escaped(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

/// A text field of the input in one language (`{zh: .., en: ..}`; a plain string is Chinese).
fn text_in(v: &serde_yaml::Value, lang: &str) -> Option<String> {
    v.get(lang).and_then(|s| s.as_str()).or_else(|| if lang == "zh" { v.as_str() } else { None }).map(String::from)
}

/// The page without its commentary (Markdown prose may name a scope in its own sentences).
fn without_commentary(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    loop {
        let next = [("<section class=\"commentary", "</section>"), ("<div class=\"prose\">", "</div>")]
            .iter()
            .filter_map(|(open, close)| rest.find(open).map(|i| (i, *close)))
            .min();
        let Some((i, close)) = next else { break };
        out.push_str(&rest[..i]);
        rest = rest[i..].find(close).map_or("", |j| &rest[i + j + close.len()..]);
    }
    out.push_str(rest);
    out
}

/// Issue 18: 雅安's pilot-hospital scopes are the site's reading of "分别" (the plan does not
/// name the hospitals). Every page that shows such a scope shows the targets' `scope_note` in
/// its language, and each place the scope is named carries the note or its mark (up to the end
/// of the cell, item or paragraph): region rows, the series page's headings, columns, legend and
/// target cards, the indicator pages' comparisons.
#[test]
fn every_page_showing_an_inferred_scope_shows_its_note() {
    let region = yaml(&root().join("content/regions/yaan/region.yaml"));
    let scopes = yaml(&root().join("content/scopes.yaml"));
    let noted: Vec<&serde_yaml::Value> =
        region["targets"].as_sequence().unwrap().iter().filter(|t| t.get("scope_note").is_some()).collect();
    assert_eq!(noted.len(), 6, "雅安's six pilot-hospital targets have a scope note");
    let mut pages = Vec::new();
    html_files(site(), &mut pages);
    let mut showing = BTreeSet::new();
    for (lang, mark) in [("zh", "※"), ("en", "*")] {
        let names: BTreeSet<String> = noted
            .iter()
            .map(|t| escaped(&text_in(&scopes[t["scope"].as_str().unwrap()]["name"], lang).unwrap()))
            .collect();
        let notes: BTreeSet<String> =
            noted.iter().map(|t| escaped(&text_in(&t["scope_note"], lang).unwrap())).collect();
        for page in pages.iter().filter(|p| p.strip_prefix(site()).unwrap().starts_with("en") == (lang == "en")) {
            let html = without_commentary(&read(page));
            for name in &names {
                for (i, _) in html.match_indices(name.as_str()) {
                    showing.insert(page.strip_prefix(site()).unwrap().to_path_buf());
                    let after = &html[i + name.len()..];
                    let end = ["</th>", "</li>", "</p>"].iter().filter_map(|e| after.find(e)).min().unwrap();
                    let element = &after[..end];
                    assert!(
                        element.contains("class=\"scope-note\"")
                            || element.contains("note-mark")
                            || element.starts_with(mark),
                        "{}: `{name}` without its note: {}",
                        page.display(),
                        &after[..end.min(300)]
                    );
                    assert!(notes.iter().any(|n| html.contains(n.as_str())), "{}: no scope note", page.display());
                }
            }
        }
    }
    // 雅安's page and its three series pages, the three indicators' pages; in both languages.
    assert_eq!(showing.len(), 14, "{showing:?}");
}

/// Issue 18: a target's wording is the plan's Chinese. English pages show it as written (marked
/// `lang="zh-CN"`) with the site's translation labelled as such, on the series page and in the
/// region page's rows; the region pages show it in every language (not only in a `title`).
#[test]
fn the_plans_wording_is_shown_in_chinese_with_the_translation_marked() {
    let mut checked = 0;
    for r in region_ids() {
        let file = yaml(&root().join(format!("content/regions/{r}/region.yaml")));
        let Some(targets) = file.get("targets").and_then(|t| t.as_sequence()) else { continue };
        let region_zh = read(&site().join(format!("regions/{r}/index.html")));
        let region_en = read(&site().join(format!("en/regions/{r}/index.html")));
        assert!(!region_zh.contains(" title=\""), "{r}: the wording is on the page, not in a title");
        for t in targets {
            let zh = escaped(&text_in(&t["text"], "zh").unwrap());
            let en = escaped(&text_in(&t["text"], "en").unwrap());
            let original = format!("<span lang=\"zh-CN\">{zh}</span>");
            let series = |lang: &str| {
                let prefix = if lang == "en" { "en/" } else { "" };
                read(&site().join(format!("{prefix}regions/{r}/{}/index.html", t["indicator"].as_str().unwrap())))
            };
            let series_en = series("en");
            assert!(series_en.contains(&original), "{r}: en series page without the Chinese {zh}");
            assert!(
                series_en.contains(&format!("Translation (by the site): </span>{en}")),
                "{r}: en series page without the labelled translation {en}"
            );
            assert!(series("zh").contains(&format!("方案原文：</span>{zh}")), "{r}: zh series page: {zh}");
            let row_zh = region_zh.find(&format!("<p>{zh}</p>"));
            let row_en = region_en.find(&format!("<p>{original}<span class=\"translation\">{en}</span></p>"));
            assert!(row_zh.is_some(), "{r}: zh region page without {zh}");
            assert!(row_en.is_some(), "{r}: en region page without {zh} and {en}");
            for (page, at) in [(&region_zh, row_zh), (&region_en, row_en)] {
                let before = &page[..at.unwrap_or(0)];
                let details = before.rfind("<details class=\"row-wording\">").unwrap_or(0);
                assert!(
                    before.rfind("</details>").is_none_or(|end| end < details),
                    "{r}: {zh} outside its row's wording"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 300, "{checked} targets");
    let en = read(&site().join("en/regions/yaan/index.html"));
    assert!(en.contains("<summary>The plan&#39;s wording, with the site&#39;s translation</summary>"));
}

//! The bundled plans' own words, checked without gongkai's loader: every target's quote (read
//! from `region.yaml` with serde_yaml) is in its plan's text (`plan.zh.md`, read here as plain
//! text), and every target of a region with a plan text links, on the built site, to an
//! element of that region's plan page that exists. The English plan pages show the site's
//! English headings (`plan.en.md`) beside the Chinese text, which keeps its language.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn yaml(path: &Path) -> serde_yaml::Value {
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The plan's text as a reader checks a quote against it: no whitespace, the editor's
/// corrections read (`{~~extracted~>reading~~}` → reading), no Markdown marks.
fn plain(md: &str) -> (String, Vec<Vec<String>>) {
    let mut text = String::new();
    let mut rest = md;
    while let Some(i) = rest.find("{~~") {
        text.push_str(&rest[..i]);
        let after = &rest[i + 3..];
        let end = after.find("~~}").expect("a closed correction");
        text.push_str(after[..end].split_once("~>").expect("a substitution").1);
        rest = &after[end + 3..];
    }
    text.push_str(rest);
    // Table rows, cell by cell, for quotes that join an annex row's cells with `：`.
    let rows: Vec<Vec<String>> = text
        .lines()
        .filter(|l| l.trim_start().starts_with('|'))
        .map(|l| l.split('|').map(|c| c.chars().filter(|c| !c.is_whitespace()).collect()).collect())
        .collect();
    let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    (flat, rows)
}

fn found(quote: &str, flat: &str, rows: &[Vec<String>]) -> bool {
    quote
        .split('…')
        .map(|p| p.chars().filter(|c| !c.is_whitespace()).collect::<String>())
        .filter(|p| !p.is_empty())
        .all(|p| {
            flat.contains(&p)
                || rows.iter().any(|row| {
                    let parts: Vec<&str> = p.split('：').filter(|s| !s.is_empty()).collect();
                    let mut from = 0;
                    parts.len() > 1
                        && parts.iter().all(|part| match row[from..].iter().position(|c| c.contains(part)) {
                            Some(i) => {
                                from += i + 1;
                                true
                            }
                            None => false,
                        })
                })
        })
}

#[test]
fn every_bundled_quote_is_in_its_plan() {
    let regions = root().join("content/regions");
    let mut checked = 0;
    let mut missing = Vec::new();
    let mut with_text = 0;
    for e in std::fs::read_dir(&regions).unwrap().flatten() {
        let plan = e.path().join("plan.zh.md");
        let region = yaml(&e.path().join("region.yaml"));
        let targets = region["targets"].as_sequence().cloned().unwrap_or_default();
        if !plan.exists() {
            assert!(
                targets.is_empty() || region["plan"].is_null(),
                "{} quotes a plan without its text",
                e.path().display()
            );
            continue;
        }
        with_text += 1;
        let (flat, rows) = plain(&std::fs::read_to_string(&plan).unwrap());
        for t in &targets {
            let quote = t["text"]["zh"].as_str().or_else(|| t["text"].as_str()).expect("a Chinese quote");
            checked += 1;
            if !found(quote, &flat, &rows) {
                missing.push(format!("{}: {quote}", e.path().display()));
            }
        }
    }
    assert_eq!(with_text, 5, "the five bundled plans carry their text");
    assert!(checked > 300, "{checked} quotes");
    assert!(missing.is_empty(), "quotes not in their plan:\n{}", missing.join("\n"));
}

#[test]
fn every_target_links_to_an_existing_place_of_its_plan() {
    let out = common::built_bundled_site();
    let mut links = 0;
    for region in ["yuncheng", "yaan", "kaizhou", "xinzhou", "weixi"] {
        let plan = std::fs::read_to_string(out.join(format!("regions/{region}/plan/index.html"))).unwrap();
        let ids: BTreeSet<&str> = plan.split(" id=\"").skip(1).filter_map(|s| s.split('"').next()).collect();
        let targets = yaml(&root().join(format!("content/regions/{region}/region.yaml")))["targets"]
            .as_sequence()
            .map_or(0, |t| t.len());
        // Every target is shown on its series page with a link to where the plan says it.
        let mut on_pages = 0;
        for e in std::fs::read_dir(out.join(format!("regions/{region}"))).unwrap().flatten() {
            let page = e.path().join("index.html");
            if !e.path().is_dir() || ["plan", "tasks"].contains(&e.file_name().to_str().unwrap_or("")) {
                continue;
            }
            let html = std::fs::read_to_string(&page).unwrap();
            for href in html.split("class=\"plan-link\" href=\"").skip(1).filter_map(|s| s.split('"').next()) {
                on_pages += 1;
                let anchor = href.split_once('#').map(|(_, a)| a).unwrap_or_else(|| panic!("{href}: no anchor"));
                assert!(ids.contains(anchor), "{}: #{anchor} is not on the plan page", page.display());
                links += 1;
            }
        }
        assert_eq!(on_pages, targets, "{region}: one link per target");
    }
    assert!(links > 300, "{links} links");
}

/// Every task of a region with a plan text links to an existing place of it: its `text` (a
/// checked quote), or its detail or title where the plan has them word for word.
#[test]
fn every_task_links_to_an_existing_place_of_its_plan() {
    let out = common::built_bundled_site();
    for region in ["yuncheng", "yaan", "kaizhou", "xinzhou", "weixi"] {
        let plan = std::fs::read_to_string(out.join(format!("regions/{region}/plan/index.html"))).unwrap();
        let ids: BTreeSet<&str> = plan.split(" id=\"").skip(1).filter_map(|s| s.split('"').next()).collect();
        let tasks = std::fs::read_to_string(out.join(format!("regions/{region}/tasks/index.html"))).unwrap();
        let n = yaml(&root().join(format!("content/regions/{region}/tasks.yaml"))).as_sequence().map_or(0, |t| t.len());
        let hrefs: Vec<&str> =
            tasks.split("class=\"plan-link\" href=\"").skip(1).filter_map(|s| s.split('"').next()).collect();
        assert_eq!(hrefs.len(), n, "{region}: one link per task");
        for href in hrefs {
            let anchor = href.split_once('#').map(|(_, a)| a).unwrap_or_else(|| panic!("{href}: no anchor"));
            assert!(ids.contains(anchor), "{region}: #{anchor} is not on the plan page");
        }
    }
}

/// The English page of each bundled plan shows every heading of its `plan.en.md` under the
/// Chinese heading with that anchor and first in the table of contents, the Chinese still
/// marked as Chinese; the Chinese page shows none of them.
#[test]
fn the_english_plan_pages_show_the_site_s_english_headings() {
    let out = common::built_bundled_site();
    let escape = |s: &str| {
        s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
    };
    let mut headings = 0;
    for region in ["yuncheng", "yaan", "kaizhou", "xinzhou", "weixi"] {
        let en = std::fs::read_to_string(out.join(format!("en/regions/{region}/plan/index.html"))).unwrap();
        let zh = std::fs::read_to_string(out.join(format!("regions/{region}/plan/index.html"))).unwrap();
        assert!(en.contains("<article class=\"plan-text\" lang=\"zh-CN\">"), "{region}: the text is marked as Chinese");
        assert!(en.contains("are the site&#39;s own translation"), "{region}: the note says whose the headings are");
        assert!(!zh.contains("heading-en") && !zh.contains("toc-zh"), "{region}: the Chinese page is as it was");
        let outline = std::fs::read_to_string(root().join(format!("content/regions/{region}/plan.en.md"))).unwrap();
        for line in outline.lines().filter(|l| l.starts_with('#')) {
            let (text, anchor) = line.trim_start_matches('#').trim().rsplit_once(" {#").expect("an anchor");
            let anchor = anchor.trim_end_matches('}');
            let text = escape(text);
            let heading = en
                .split(&format!(" id=\"{anchor}\">"))
                .nth(1)
                .and_then(|rest| rest.split("</h").next())
                .unwrap_or_else(|| panic!("{region}: no heading #{anchor}"));
            assert!(
                heading.ends_with(&format!(" <span class=\"heading-en\" lang=\"en\">{text}</span>")),
                "{region} #{anchor}: {heading}"
            );
            assert!(
                en.contains(&format!("<a href=\"#{anchor}\">{text} <span class=\"toc-zh\" lang=\"zh-CN\">")),
                "{region} #{anchor}: not in the contents"
            );
            headings += 1;
        }
    }
    // The Chinese heading of one, as a reader sees it.
    let weixi = std::fs::read_to_string(out.join("en/regions/weixi/plan/index.html")).unwrap();
    assert!(weixi.contains(
        "<h2 id=\"s1\">一、总体要求 <span class=\"heading-en\" lang=\"en\">I. General requirements</span></h2>"
    ));
    assert!(headings > 60, "{headings} English headings");
}

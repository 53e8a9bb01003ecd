//! The checks a publisher runs before uploading (`gongkai check --strict`), on the site
//! rendered in memory: internal links, every page in every language, and every target with
//! data or a reason why there is none; and the gate of `check --publish` and `build --publish`
//! (`gate.rs`): no sample values, no placeholders, no empty pages, the identity marks.

mod gate;

pub use gate::today;

use std::collections::HashSet;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::messages::render as m;
use crate::model::Site;
use crate::msg;
use crate::sink::OutputFile;

/// What is checked before publishing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    /// `--strict`: links, languages, data.
    Strict,
    /// `--publish`: those, and the gate's rules, with staleness measured at this date.
    Publish(crate::model::Date),
}

/// Run every publishing check of `gate` on the files of the site under `root`.
pub fn check(root: &Path, site: &Site, files: &[OutputFile], gate: Gate) -> Diagnostics {
    let mut diags = Diagnostics::new();
    if let Gate::Publish(today) = gate {
        diags.extend(gate::check(root, site, today));
    }
    targets_have_data(site, &mut diags);
    let paths: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    every_language(site, &paths, &mut diags);
    links(root, site, files, &paths, &mut diags);
    diags
}

fn targets_have_data(site: &Site, diags: &mut Diagnostics) {
    for r in &site.regions {
        for s in &r.series {
            if !s.observations.is_empty() || r.no_data.is_some() {
                continue;
            }
            for &t in &s.targets {
                let target = &r.targets[t];
                if target.value.is_some() && target.no_data.is_none() {
                    diags.push(
                        Diagnostic::error(
                            r.dir.join("region.yaml"),
                            Location::YamlPath(format!("targets[{t}]")),
                            msg!(m::TARGET_WITHOUT_DATA, indicator = &target.indicator),
                        )
                        .with_hint(msg!(m::TARGET_WITHOUT_DATA_HINT)),
                    );
                }
            }
        }
    }
}

/// Every page of the route table, in every language, was rendered.
fn every_language(site: &Site, paths: &HashSet<&str>, diags: &mut Diagnostics) {
    for page in crate::render::inventory::pages(site) {
        for l in &site.config.languages {
            let path = crate::render::inventory::path_in(site, &page, l);
            if !paths.contains(path.as_str()) {
                let p = page.path();
                diags.push(Diagnostic::error(
                    "public",
                    Location::File,
                    msg!(m::PAGE_WITHOUT_LANGUAGE, page = p, lang = l),
                ));
            }
        }
    }
}

/// Resolve `href` against the folder of `page`; `None` when it climbs out of the site.
fn resolve(page: &str, href: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for seg in href.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut joined = parts.join("/");
    if href.ends_with('/') || joined.is_empty() {
        joined = crate::routes::folder_index(&joined);
    }
    Some(joined)
}

/// Every `href` and `src` value of an HTML page, skipping `<link rel="canonical|alternate">`,
/// which point at the published address.
fn references(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for (i, _) in html.match_indices(" href=\"").chain(html.match_indices(" src=\"")) {
        let tag_start = html[..i].rfind('<').unwrap_or(0);
        let tag = &html[tag_start..i];
        if tag.starts_with("<link") && (tag.contains("rel=\"canonical\"") || tag.contains("rel=\"alternate\"")) {
            continue;
        }
        let start = i + html[i..].find('"').map_or(0, |q| q + 1);
        let end = start + html[start..].find('"').unwrap_or(0);
        out.push(&html[start..end]);
    }
    out
}

fn links(root: &Path, site: &Site, files: &[OutputFile], paths: &HashSet<&str>, diags: &mut Diagnostics) {
    let mut reported = HashSet::new();
    for f in files
        .iter()
        .filter(|f| f.path.ends_with(".html") && f.path.rsplit('/').next() != Some(crate::routes::NOT_FOUND))
    {
        let html = String::from_utf8_lossy(&f.bytes);
        for href in references(&html) {
            let href = href.replace("&amp;", "&");
            if href.is_empty()
                || href.starts_with('#')
                || href.contains("://")
                || href.starts_with("mailto:")
                || href.starts_with("tel:")
                || href.starts_with('/')
            {
                continue;
            }
            let target = href.split(['#', '?']).next().unwrap_or("");
            let ok = resolve(&f.path, target).is_some_and(|p| paths.contains(p.as_str()));
            if !ok && reported.insert((f.path.clone(), href.clone())) {
                diags.push(broken_link(root, site, &f.path, &href));
            }
        }
    }
}

/// A broken link, located in the commentary file that contains it when there is one (its path
/// is relative to `root`).
fn broken_link(root: &Path, site: &Site, page: &str, href: &str) -> Diagnostic {
    let markdown = site
        .regions
        .iter()
        .flat_map(|r| r.commentary.values().chain(r.indicator_commentary.values().flat_map(|m| m.values())))
        .chain(site.indicators.iter().flat_map(|i| i.commentary.values()))
        .chain(site.pages.iter().flat_map(|p| p.versions.values()));
    for md in markdown {
        if let Some(pos) = md.body.find(href) {
            // The body starts after the front matter; count lines in the file itself.
            let line_in_body = md.body[..pos].matches('\n').count();
            let (line, column) = match std::fs::read_to_string(root.join(&md.file)) {
                Ok(full) if full.ends_with(&md.body) => {
                    let before = &full[..full.len() - md.body.len() + pos];
                    (before.matches('\n').count() + 1, before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1)
                }
                _ => (line_in_body + 1, 1),
            };
            return Diagnostic::error(
                &md.file,
                Location::Position { line, column },
                msg!(m::LINK_NOWHERE_ON, href = href, page = page),
            )
            .with_hint(msg!(m::LINK_RELATIVE_HINT, example = crate::routes::page("methodology")));
        }
    }
    Diagnostic::error(Path::new("public").join(page), Location::File, msg!(m::LINK_NOWHERE, href = href))
        .with_hint(msg!(m::LINK_FROM_TEMPLATE_HINT))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_links() {
        assert_eq!(resolve("regions/a/index.html", "../b/index.html").as_deref(), Some("regions/b/index.html"));
        assert_eq!(resolve("regions/a/index.html", "cmi/").as_deref(), Some("regions/a/cmi/index.html"));
        assert_eq!(resolve("index.html", "../x.html"), None);
        assert_eq!(resolve("en/index.html", "../").as_deref(), Some("index.html"));
    }

    #[test]
    fn skips_canonical_and_alternate_links() {
        let html = r#"<link rel="canonical" href="/x/"><link rel="alternate" hreflang="en" href="/en/x/"><link rel="stylesheet" href="s.css"><a class="a" href="b.html">b</a><img src="i.png">"#;
        assert_eq!(references(html), vec!["s.css", "b.html", "i.png"]);
    }
}

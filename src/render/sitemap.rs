//! `sitemap.xml` (split into parts under an index for a large site) and `robots.txt`: every
//! page of [`crate::render::inventory::pages`] in every language, with its alternates and, where
//! it has one, its own date as `lastmod` ([`PageDates`]).

use std::fmt::Write as _;

use crate::model::{Date, Site};
use crate::render::dates::PageDates;
use crate::render::inventory;
use crate::render::view::{escape, html_lang};
use crate::routes::{self, Route};
use crate::sink::OutputFile;

fn prefix(site: &Site, lang: &str) -> String {
    routes::lang_prefix(lang, site.default_language())
}

/// The sitemap (with its parts) and `robots.txt`.
pub(crate) fn files(site: &Site, dates: &PageDates) -> Vec<OutputFile> {
    let mut files = sitemaps(site, dates);
    files.push(OutputFile {
        path: routes::ROBOTS.into(),
        bytes: format!("User-agent: *\nAllow: /\nSitemap: {}{}\n", site.config.base_url, routes::SITEMAP).into_bytes(),
    });
    files
}

/// `sitemap.xml`, split into several files under an index when the site is large.
fn sitemaps(site: &Site, dates: &PageDates) -> Vec<OutputFile> {
    let base = &site.config.base_url;
    // Every page but the 404 page, which is no address of its own.
    let paths: Vec<(String, Option<Date>)> = inventory::pages(site)
        .into_iter()
        .filter(|r| *r != Route::NotFound)
        .map(|r| (r.path(), dates.of(site, &r)))
        .collect();
    let chunks: Vec<&[(String, Option<Date>)]> = paths.chunks(inventory::sitemap_per_file(site)).collect();
    if chunks.len() <= 1 {
        return vec![OutputFile { path: routes::SITEMAP.into(), bytes: urlset(site, &paths).into_bytes() }];
    }
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut files = Vec::new();
    for (n, chunk) in chunks.iter().enumerate() {
        let name = routes::sitemap_part(n + 1);
        let _ = writeln!(index, "  <sitemap><loc>{}</loc></sitemap>", escape(&format!("{base}{name}")));
        files.push(OutputFile { path: name, bytes: urlset(site, chunk).into_bytes() });
    }
    index.push_str("</sitemapindex>\n");
    files.push(OutputFile { path: routes::SITEMAP.into(), bytes: index.into_bytes() });
    files
}

/// One sitemap file: every language version of `paths`, each with its alternates.
fn urlset(site: &Site, paths: &[(String, Option<Date>)]) -> String {
    let base = &site.config.base_url;
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    let langs = &site.config.languages;
    for (p, date) in paths {
        for l in langs {
            let _ = write!(
                xml,
                "  <url>\n    <loc>{}</loc>\n",
                escape(&routes::absolute(base, &format!("{}{p}", prefix(site, l))))
            );
            for alt in langs {
                let _ = writeln!(
                    xml,
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    html_lang(alt),
                    escape(&routes::absolute(base, &format!("{}{p}", prefix(site, alt))))
                );
            }
            if let Some(d) = date {
                let _ = writeln!(xml, "    <lastmod>{d}</lastmod>");
            }
            xml.push_str("  </url>\n");
        }
    }
    xml.push_str("</urlset>\n");
    xml
}

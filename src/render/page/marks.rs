//! What a government host requires of every page: the identity footer (主办单位, contacts,
//! ICP备案, 公安备案, 网站标识码, 党政机关网站标识, free lines) and the page labels (`<meta
//! name="SiteName">`, `ColumnName`, `PubDate`, …) that portal search and the inspection crawlers
//! read (research: users.md §1.2–1.3; the table of columns is in docs/themes.md).
//!
//! Everything here comes from `site.yaml` and the page's own facts; an item whose source is
//! missing is left out, never made up: `SiteDomain` and `og:url` only with an absolute
//! `base_url`, `PubDate` only for a page with a date. The parts that are the same on every page
//! are made once per language ([`SiteMarks`]); a page adds its column, title and date.

use serde_json::Value as Json;

use crate::model::{Date, SiteConfig};
use crate::render::json::obj;
use crate::render::view::Lang;
use crate::routes::PageKind;

/// The ministry's record system, where an ICP number is looked up.
pub const ICP_RECORD_SYSTEM: &str = "https://beian.miit.gov.cn/";
/// The public-security record page of a site, by its record number's digits.
pub const POLICE_RECORD_PAGE: &str = "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=";

/// The parts of every page's marks and labels that depend only on the site and the language.
#[derive(Debug, Clone)]
pub(crate) struct SiteMarks {
    /// The footer's identity block, as the template gets it (`page.identity`).
    pub identity: Json,
    pub site_name: String,
    pub site_domain: Option<String>,
    pub site_code: Option<String>,
    pub content_source: String,
}

impl SiteMarks {
    pub(crate) fn new(config: &SiteConfig, lang: &Lang) -> SiteMarks {
        let reg = &config.registration;
        let publisher = config.publisher.as_ref();
        let identity = obj!({
            "publisher": publisher.map(|p| lang.plain(&p.name).to_string()),
            "address": publisher.and_then(|p| p.address.as_ref()).map(|a| lang.plain(a).to_string()),
            "phone": publisher.and_then(|p| p.phone.clone()),
            "email": publisher.and_then(|p| p.email.clone()),
            "icp": reg.icp.clone(),
            "icp_href": reg.icp.as_ref().map(|_| ICP_RECORD_SYSTEM),
            "police": reg.police.clone(),
            "police_href": reg.police_code.as_ref().map(|c| format!("{POLICE_RECORD_PAGE}{c}")),
            "police_img": crate::routes::POLICE_EMBLEM,
            "site_code": reg.site_code.clone(),
            "badge_href": reg.badge.clone(),
            "badge_img": crate::routes::BADGE,
            "lines": config.footer.iter().map(|l| lang.plain(l).to_string()).collect::<Vec<_>>(),
        });
        let site_name = lang.plain(&config.title).to_string();
        SiteMarks {
            identity,
            content_source: publisher.map(|p| lang.plain(&p.name).to_string()).unwrap_or_else(|| site_name.clone()),
            site_name,
            site_domain: config.domain().map(str::to_string),
            site_code: reg.site_code.clone(),
        }
    }
}

/// The column (栏目) a kind of page belongs to, and its `ColumnType` from the platforms' list
/// (首页, 概况信息, 政策文件, 数据发布, …): the nav section's name in the page's language, and
/// the type in Chinese, as the crawlers read it. 404 belongs to no column: the home page's.
pub(crate) fn column(kind: PageKind) -> (&'static str, &'static str) {
    match kind {
        PageKind::Home | PageKind::NotFound => ("home", "首页"),
        PageKind::Regions | PageKind::Region | PageKind::Series => ("regions", "数据发布"),
        // A plan's text, and its key tasks with their progress.
        PageKind::Tasks | PageKind::Plan => ("regions", "政策文件"),
        PageKind::Indicators | PageKind::Indicator => ("indicators", "数据发布"),
        PageKind::Page => ("", "概况信息"),
    }
}

/// What one page adds to the site's labels.
pub(crate) struct PageLabel {
    pub kind: PageKind,
    /// The page's date: the newest of what it shows; `None` when nothing on it has one.
    pub date: Option<Date>,
    /// A sentence on what the page shows (`Description`, `og:description`).
    pub description: Option<String>,
}

/// The page's labels, as the template gets them (`page.labels`): every `<meta>` value, plain
/// text (the template escapes it).
pub(crate) fn labels(marks: &SiteMarks, lang: &Lang, label: &PageLabel, title: &str, url: Option<String>) -> Json {
    let (key, column_type) = column(label.kind);
    // A free page is a column of its own.
    let column_name = if key.is_empty() { title } else { lang.t(key) };
    let description = label.description.clone().unwrap_or_else(|| {
        if title == marks.site_name { title.to_string() } else { format!("{title} · {}", marks.site_name) }
    });
    // The page's own names first (its title's parts), then the site's.
    let mut keywords: Vec<&str> = title.split(" · ").filter(|k| !k.is_empty()).collect();
    if !keywords.contains(&marks.site_name.as_str()) {
        keywords.push(&marks.site_name);
    }
    obj!({
        "site_name": marks.site_name.clone(),
        "site_domain": marks.site_domain.clone(),
        "site_code": marks.site_code.clone(),
        "column_name": column_name.to_string(),
        "column_type": column_type,
        "article_title": title.to_string(),
        "pub_date": label.date.map(|d| d.to_string()),
        "content_source": marks.content_source.clone(),
        "keywords": keywords.join(","),
        "description": description,
        "url": url,
    })
}

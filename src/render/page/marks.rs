//! What a government host requires of every page: the identity footer (主办单位, contacts,
//! ICP备案, 公安备案, 网站标识码, 党政机关网站标识, free lines) and the page labels (`<meta
//! name="SiteName">`, `ColumnName`, `PubDate`, …) that portal search and the inspection crawlers
//! read (research: users.md §1.2–1.3; the table of columns is in docs/themes.md).
//!
//! Everything here comes from `site.yaml` and the page's own facts; an item whose source is
//! missing is left out, never made up: `SiteDomain` and `og:url` only with an absolute
//! `base_url`, `PubDate` only for a page with a date. The parts that are the same on every page
//! are made once per language ([`SiteMarks`]); a page adds its column, title and date.

use std::fmt::Write as _;

use crate::model::{Date, SiteConfig};
use crate::render::view::{Blank, Lang, escape, escape_into};
use crate::routes::PageKind;

/// The ministry's record system, where an ICP number is looked up.
pub const ICP_RECORD_SYSTEM: &str = "https://beian.miit.gov.cn/";
/// The public-security record page of a site, by its record number's digits.
pub const POLICE_RECORD_PAGE: &str = "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=";

/// The parts of every page's marks and labels that depend only on the site and the language,
/// escaped once.
#[derive(Debug, Clone)]
pub(crate) struct SiteMarks {
    /// The footer's identity block as HTML (`page.identity_html`), made once, in the pieces
    /// between which the page's way to the site root goes (the emblems' addresses).
    identity_parts: Vec<String>,
    /// The site's title, escaped (`SiteName`, `og:site_name`).
    site_name_html: String,
    site_domain_html: Option<String>,
    site_code_html: Option<String>,
    content_source_html: String,
    /// The columns' names (`ColumnName`) by the key of their interface string.
    columns_html: Vec<(&'static str, String)>,
    /// A value's release date as its pages show it ("（{date}发布）"), split once.
    pub released: Blank,
}

/// Where a page's way to the site root goes in [`SiteMarks`]'s identity block.
const ROOT: &str = "\u{0}root\u{0}";

impl SiteMarks {
    pub(crate) fn new(config: &SiteConfig, lang: &Lang) -> SiteMarks {
        let site_name = lang.plain(&config.title);
        let content_source = config.publisher.as_ref().map(|p| lang.plain(&p.name)).unwrap_or(site_name);
        SiteMarks {
            identity_parts: identity_html(config, lang).split(ROOT).map(str::to_string).collect(),
            site_name_html: escape(site_name),
            site_domain_html: config.domain().map(escape),
            site_code_html: config.registration.site_code.as_deref().map(escape),
            content_source_html: escape(content_source),
            columns_html: COLUMNS.iter().map(|&key| (key, escape(lang.t(key)))).collect(),
            released: lang.blank("released_paren", "date"),
        }
    }

    /// The identity block for a page whose way to the site root is `root`; empty without marks.
    pub(crate) fn identity_html(&self, root: &str) -> String {
        let len = self.identity_parts.iter().map(String::len).sum::<usize>() + root.len() * self.identity_parts.len();
        let mut html = String::with_capacity(len);
        for (i, part) in self.identity_parts.iter().enumerate() {
            if i > 0 {
                html.push_str(root);
            }
            html.push_str(part);
        }
        html
    }
}

/// The identity footer (主办单位 and contacts; 网站标识码, ICP备案, 公安备案; free lines; the
/// 党政机关网站标识), each item only when `site.yaml` gives it; empty when it gives none. Written
/// here rather than in the template: it is the same on every page of a language, so it is made
/// once, and a page of 300,000 pays for one copy.
fn identity_html(config: &SiteConfig, lang: &Lang) -> String {
    let reg = &config.registration;
    let publisher = config.publisher.as_ref();
    let t = |key: &str| escape(lang.t(key));
    let labelled = |key: &str, value: &str| format!("{}{}{value}", t(key), t("label_sep"));
    let mut html = String::new();
    let mut line: Vec<String> = Vec::new();
    if let Some(p) = publisher {
        line.push(format!("<span>{}</span>", labelled("publisher", &escape(lang.plain(&p.name)))));
        if let Some(a) = &p.address {
            line.push(format!("<span>{}</span>", labelled("address", &escape(lang.plain(a)))));
        }
        if let Some(phone) = &p.phone {
            let link = format!("<a href=\"tel:{}\">{}</a>", escape(&phone.replace(' ', "")), escape(phone));
            line.push(format!("<span>{}</span>", labelled("phone", &link)));
        }
        if let Some(email) = &p.email {
            let link = format!("<a href=\"mailto:{0}\">{0}</a>", escape(email));
            line.push(format!("<span>{}</span>", labelled("email", &link)));
        }
    }
    if !line.is_empty() {
        let _ = writeln!(html, "<p class=\"publisher\">{}</p>", line.join(" "));
    }
    line.clear();
    if let Some(code) = &reg.site_code {
        line.push(format!("<span>{}</span>", labelled("site_code", &escape(code))));
    }
    if let Some(icp) = &reg.icp {
        line.push(format!("<span><a href=\"{ICP_RECORD_SYSTEM}\" rel=\"noopener\">{}</a></span>", escape(icp)));
    }
    if let Some(police) = &reg.police {
        let href = reg.police_code.as_ref().map(|c| format!("{POLICE_RECORD_PAGE}{c}")).unwrap_or_default();
        line.push(format!(
            "<span><a class=\"police\" href=\"{}\" rel=\"noopener\"><img src=\"{ROOT}{}\" alt=\"\" width=\"16\" height=\"16\">{}</a></span>",
            escape(&href),
            crate::routes::POLICE_EMBLEM,
            escape(police)
        ));
    }
    if !line.is_empty() {
        let _ = writeln!(html, "<p class=\"marks\">{}</p>", line.join(" "));
    }
    for l in &config.footer {
        let _ = writeln!(html, "<p class=\"footer-line\">{}</p>", escape(lang.plain(l)));
    }
    if let Some(badge) = &reg.badge {
        let _ = writeln!(
            html,
            "<p class=\"badge\"><a href=\"{}\" rel=\"noopener\"><img src=\"{ROOT}{}\" alt=\"{}\" width=\"55\" height=\"66\"></a></p>",
            escape(badge),
            crate::routes::BADGE,
            t("badge_alt")
        );
    }
    if html.is_empty() { html } else { format!("<div class=\"identity\">\n{html}</div>") }
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

/// The keys of the columns' names that [`column`] gives.
const COLUMNS: [&str; 3] = ["home", "regions", "indicators"];

/// What one page adds to the site's labels.
pub(crate) struct PageLabel {
    pub kind: PageKind,
    /// The page's date: the newest of what it shows; `None` when nothing on it has one.
    pub date: Option<Date>,
    /// A sentence on what the page shows (`Description`, `og:description`).
    pub description: Option<String>,
}

/// The page's labels as HTML (`page.labels_html`): every `<meta>` a government host asks for,
/// its value escaped, left out where its source is missing. Written here rather than in the
/// template, in one string, from the site's parts escaped once ([`SiteMarks`]): a page of
/// 300,000 pays for one allocation and the page's own title, not for a map of eleven values
/// and their look-ups.
pub(crate) fn labels_html(
    marks: &SiteMarks,
    lang: &Lang,
    label: &PageLabel,
    date: Option<&str>,
    title: &str,
    url: Option<&str>,
) -> String {
    let (key, column_type) = column(label.kind);
    let title_html = escape(title);
    // A free page is a column of its own.
    let column_html = if key.is_empty() {
        title_html.clone()
    } else {
        let name = marks.columns_html.iter().find(|(k, _)| *k == key);
        name.map_or_else(|| escape(lang.t(key)), |(_, n)| n.clone())
    };
    // Without a sentence of its own, a page is described by its title: `SiteName` and
    // `og:site_name` carry the site's name, and repeating it in three descriptions and the
    // keywords cost a national site about 70 MB.
    let description = match &label.description {
        Some(d) => escape(d),
        None => title_html.clone(),
    };
    // The page's own names: its title's parts.
    let mut keywords = String::with_capacity(title_html.len());
    for k in title.split(" · ").filter(|k| !k.is_empty()) {
        if !keywords.is_empty() {
            keywords.push(',');
        }
        escape_into(&mut keywords, k);
    }
    let site_name = &marks.site_name_html;
    let mut h = String::with_capacity(640 + 3 * description.len() + 2 * title_html.len() + keywords.len());
    let meta = |h: &mut String, name: &str, value_html: &str| push_meta(h, "name", name, value_html);
    meta(&mut h, "description", &description);
    meta(&mut h, "SiteName", site_name);
    if let Some(d) = &marks.site_domain_html {
        meta(&mut h, "SiteDomain", d);
    }
    if let Some(c) = &marks.site_code_html {
        meta(&mut h, "SiteIDCode", c);
    }
    meta(&mut h, "ColumnName", &column_html);
    meta(&mut h, "ColumnType", column_type);
    meta(&mut h, "ArticleTitle", &title_html);
    if let Some(d) = date {
        meta(&mut h, "PubDate", d);
    }
    meta(&mut h, "ContentSource", &marks.content_source_html);
    meta(&mut h, "Keywords", &keywords);
    meta(&mut h, "Description", &description);
    let property = |h: &mut String, name: &str, value_html: &str| push_meta(h, "property", name, value_html);
    property(&mut h, "og:type", "website");
    property(&mut h, "og:site_name", site_name);
    property(&mut h, "og:title", &title_html);
    property(&mut h, "og:description", &description);
    if let Some(u) = url {
        property(&mut h, "og:url", &escape(u));
    }
    h
}

/// `<meta {attr}="{name}" content="{value_html}">` and a line break.
fn push_meta(h: &mut String, attr: &str, name: &str, value_html: &str) {
    for piece in ["<meta ", attr, "=\"", name, "\" content=\"", value_html, "\">\n"] {
        h.push_str(piece);
    }
}

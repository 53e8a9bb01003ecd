//! The text of a region's plan ("方案原文"): the site's transcription with a table of contents,
//! every numbered part and annex row at its anchor (targets link there), the editor's
//! corrections shown as such. The English page says there is no official translation and shows
//! the Chinese text, with the site's own English for its headings where the plan has an outline
//! (`plan.en.md`): in the table of contents first, the Chinese after it, and below each heading.

use std::fmt::Write as _;

use serde_json::Value as Json;

use super::{Rendered, Renderer};
use crate::model::Region;
use crate::model::plan::{PlanBlock, PlanBlockKind, PlanSpan};
use crate::render::json::obj;
use crate::render::view::{Lang, escape, escape_into, needs_escape};
use crate::routes::{self, rel};

impl Renderer<'_> {
    /// The way from the page at `full` to its region's plan page, `None` without a plan text:
    /// worked out once per page (once for all of a region's series pages, which are one folder
    /// deep in it like its tasks page), then [`plan_href`] and [`link_html`] for each target.
    pub(crate) fn plan_link(&self, lang: &Lang, region: &Region, full: &str) -> Option<PlanLink> {
        region.plan_text.as_ref()?;
        let href = rel(full, &format!("{}{}", self.prefix(lang.code), routes::plan(&region.id)));
        Some(PlanLink { href_html: escape(&href), href, label_html: escape(lang.t("plan_text_link")) })
    }

    /// The plan's page in `lang`, from its text's blocks (read when the model was built).
    pub(crate) fn plan_page(&self, lang: &Lang, region: &Region, blocks: &[PlanBlock]) -> Rendered {
        let page_path = routes::plan(&region.id);
        let full = format!("{}{page_path}", self.prefix(lang.code));
        // A plan's text seldom holds a character that HTML escapes (its quotation marks are
        // the full-width ones): when the whole file holds none, its pieces (spans and anchors,
        // all from the file or made of letters, digits and `-`) are copied as they are.
        let clean = region.plan_text.as_ref().is_some_and(|p| !needs_escape(p.source()));
        let text_into = |html: &mut String, t: &str| {
            if clean {
                html.push_str(t);
            } else {
                escape_into(html, t);
            }
        };
        // A block's spans as HTML, written at the end of `html`.
        let spans = |html: &mut String, spans: &[PlanSpan]| {
            for s in spans {
                match s {
                    PlanSpan::Text(t) => text_into(html, t),
                    PlanSpan::Correction { extracted, reading } => {
                        html.push_str("<ins class=\"correction\">");
                        text_into(html, reading);
                        html.push_str("</ins><span class=\"correction-note\">");
                        escape_into(html, &lang.tf("plan_correction", &[("extracted", extracted)]));
                        html.push_str("</span>");
                    }
                }
            }
        };
        // The site's English for the headings (`plan.en.md`), on the English page only.
        let outline = region.plan_text.as_ref().map(|p| &p.outline).filter(|o| lang.code == "en" && !o.is_empty());
        let english = |anchor: &Option<String>| -> Option<String> {
            outline.and_then(|o| o.get(anchor.as_deref()?)).map(|h| escape(h))
        };
        let id = |html: &mut String, a: &Option<String>| {
            if let Some(a) = a {
                html.push_str(" id=\"");
                text_into(html, a);
                html.push('"');
            }
        };
        // The text is written out here, block by block, as one piece of HTML: a plan is a few
        // hundred blocks, and a template loop over them cost a tenth of a national build.
        let mut toc: Vec<Json> = Vec::new();
        let mut html = String::with_capacity(blocks.len() * 160);
        let table_label = escape(lang.t("plan_table"));
        for b in blocks {
            match &b.kind {
                PlanBlockKind::Heading { level, text } => {
                    let en = english(&b.anchor);
                    let h = (*level).clamp(2, 6);
                    let _ = write!(html, "<h{h}");
                    id(&mut html, &b.anchor);
                    html.push('>');
                    let inner = html.len();
                    spans(&mut html, text);
                    if b.anchor.is_some() && *level <= 3 {
                        toc.push(obj!({"anchor": b.anchor.clone(), "html": html[inner..].to_string(), "en_html": en.clone(), "level": *level}));
                    }
                    if let Some(en) = en {
                        let _ = write!(html, " <span class=\"heading-en\" lang=\"en\">{en}</span>");
                    }
                    let _ = writeln!(html, "</h{h}>");
                }
                PlanBlockKind::Paragraph(text) => {
                    html.push_str("<p");
                    id(&mut html, &b.anchor);
                    html.push('>');
                    spans(&mut html, text);
                    html.push_str("</p>\n");
                }
                PlanBlockKind::Table { header, rows } => {
                    let _ = write!(
                        html,
                        "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{table_label}\"><table>\n<thead><tr>"
                    );
                    for c in header {
                        html.push_str("<th scope=\"col\">");
                        spans(&mut html, c);
                        html.push_str("</th>");
                    }
                    html.push_str("</tr></thead>\n<tbody>");
                    for r in rows {
                        html.push_str("<tr");
                        id(&mut html, &r.anchor);
                        html.push('>');
                        for c in &r.cells {
                            html.push_str("<td>");
                            spans(&mut html, c);
                            html.push_str("</td>");
                        }
                        html.push_str("</tr>\n");
                    }
                    html.push_str("</tbody></table></div>\n");
                }
            }
        }
        let mut crumbs = self.region_crumbs(lang, region, true);
        crumbs.push((escape(lang.t("plan_text")), None));
        let title = format!("{} · {}", lang.t("plan_text"), lang.plain(&region.name));
        let label = self.label(routes::Route::Plan(&region.id), region.plan.as_ref().map(|p| lang.plain(&p.title)));
        let meta = self.meta(lang, &page_path, &title, crumbs, false, label);
        let body = obj!({
            "region": obj!({"name_html": lang.html(&region.name), "href": rel(&full, &format!("{}{}", self.prefix(lang.code), routes::region(&region.id)))}),
            "plan_title_html": region.plan.as_ref().map(|p| lang.html(&p.title)),
            "translation_missing": lang.code != "zh",
            "headings_translated": outline.is_some(),
            "toc": toc,
            "text_html": html,
            "download": rel(&full, &routes::plan_text(&region.id)),
        });
        self.render(lang, "plan.html", &page_path, meta, body)
    }
}

/// The way from a page to its region's plan page ([`Renderer::plan_link`]): its address, the
/// same as HTML, and the label of the links to it ("见方案原文").
pub(crate) struct PlanLink {
    pub href: String,
    pub href_html: String,
    pub label_html: String,
}

/// The link to where `target`'s quote is on the plan page at `page` (the page itself when the
/// quote's place has no anchor).
pub(crate) fn plan_href(page: &str, target: &crate::model::Target) -> String {
    match &target.anchor {
        Some(a) => routes::with_anchor(page, a),
        None => page.to_string(),
    }
}

/// A link to the plan's text as a template writes it: `before`, `<a class="{class}"
/// href="{page}#{anchor}">`, the label (HTML), `</a>` and `after` (what the built-in templates
/// put around it: a space, a paragraph). `page_html` is the page's way to the plan's page,
/// escaped once for all its links. Made here once, not assembled by the template from a
/// condition and two look-ups for each of a page's hundreds of targets.
pub(crate) fn link_html(
    before: &str,
    class: &str,
    page_html: &str,
    anchor: Option<&str>,
    label_html: &str,
    after: &str,
) -> String {
    let anchor = anchor.unwrap_or_default();
    let mut out = String::with_capacity(
        before.len() + class.len() + page_html.len() + anchor.len() + label_html.len() + after.len() + 27,
    );
    out.push_str(before);
    out.push_str("<a class=\"");
    out.push_str(class);
    out.push_str("\" href=\"");
    out.push_str(page_html);
    if !anchor.is_empty() {
        // An anchor is letters, digits and `-` (the plan's numbering, or a `{#id}` the content
        // checks so), nothing to escape.
        debug_assert!(!needs_escape(anchor), "{anchor}");
        out.push('#');
        out.push_str(anchor);
    }
    out.push_str("\">");
    out.push_str(label_html);
    out.push_str("</a>");
    out.push_str(after);
    out
}

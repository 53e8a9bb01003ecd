//! Commentary Markdown to HTML (pulldown-cmark: tables, footnotes, strikethrough).
//!
//! Raw HTML is shown as text unless the site allows it; allowed HTML is still cleaned by
//! ammonia (no scripts, event handlers or `javascript:` URLs). Link and image addresses with a
//! scheme other than http, https and mailto are dropped either way.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, html};

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    match lower.find(':') {
        // A colon before any slash, ? or # is a scheme.
        Some(i) if !lower[..i].contains(['/', '?', '#']) => ["http", "https", "mailto"].contains(&&lower[..i]),
        _ => true,
    }
}

/// Render Markdown to HTML.
pub fn to_html(markdown: &str, allow_html: bool) -> String {
    let events = Parser::new_ext(markdown, options()).map(|event| match event {
        Event::Html(s) | Event::InlineHtml(s) if !allow_html => Event::Text(s),
        Event::Start(Tag::Link { link_type, dest_url, title, id }) if !safe_url(&dest_url) => {
            Event::Start(Tag::Link { link_type, dest_url: CowStr::Borrowed("#"), title, id })
        }
        Event::Start(Tag::Image { link_type, dest_url, title, id }) if !safe_url(&dest_url) => {
            Event::Start(Tag::Image { link_type, dest_url: CowStr::Borrowed(""), title, id })
        }
        other => other,
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    if allow_html {
        ammonia::Builder::default().add_generic_attributes(["id", "class", "lang"]).clean(&out).to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_tables_footnotes_strikethrough() {
        let html = to_html("| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1] ~~old~~\n\n[^1]: Note.\n", false);
        assert!(html.contains("<table>"));
        assert!(html.contains("<del>old</del>"));
        assert!(html.contains("footnote-definition"));
    }

    #[test]
    fn escapes_raw_html_unless_allowed() {
        let html = to_html("Hi <script>alert(1)</script> <b>x</b>", false);
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;"));
        let allowed = to_html("Hi <b onclick=\"x()\">x</b><script>alert(1)</script>", true);
        assert!(allowed.contains("<b>x</b>"));
        assert!(!allowed.contains("script") && !allowed.contains("onclick"));
    }

    #[test]
    fn drops_dangerous_urls() {
        let html = to_html(
            "[a](javascript:alert(1)) [b](JavaScript:x) [c](https://ok.example/) [d](../x/index.html) ![i](data:text/html,x)",
            false,
        );
        assert!(!html.to_lowercase().contains("javascript:"));
        assert!(!html.contains("data:"));
        assert!(html.contains("https://ok.example/"));
        assert!(html.contains("../x/index.html"));
    }
}

//! Commentary Markdown: front matter and body never panic, and with raw HTML off no tag from
//! the input survives as markup.
#![no_main]

use std::path::Path;

use gongkai::content::markdown::parse_markdown;
use gongkai::render::markdown::to_html;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(md) = parse_markdown(Path::new("a.md"), text) else { return };
    let html = to_html(&md.body, false);
    let lower = html.to_lowercase();
    assert!(!lower.contains("<script"), "raw HTML escaped: {text:?}");
    assert!(!lower.contains("javascript:") || !lower.contains("href=\"javascript:"), "{text:?}");
    let cleaned = to_html(&md.body, true);
    assert!(!cleaned.to_lowercase().contains("<script"), "allowed HTML is still cleaned: {text:?}");
});

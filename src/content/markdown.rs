//! Markdown commentary files: optional YAML front matter, then the body.

use std::path::Path;

use super::raw::RawFrontMatter;
use super::source::yaml_error;
use crate::diagnostics::{Diagnostic, Location};
use crate::messages::content as m;
use crate::msg;

/// A Markdown file as read: front matter and body (not yet rendered).
#[derive(Debug, Clone, PartialEq)]
pub struct RawMarkdown {
    pub front: RawFrontMatter,
    pub body: String,
    /// Line and column of the `updated:` value in the front matter, for errors about it.
    pub updated_at: Option<(usize, usize)>,
}

/// The deepest nesting of block quotes accepted: real commentary never needs more than a few.
pub const MAX_QUOTE_DEPTH: usize = 16;

/// Refuse Markdown nested absurdly deep (a "quote bomb" makes pages no browser can show).
fn check_depth(rel: &Path, text: &str) -> Result<(), Diagnostic> {
    for (n, line) in text.lines().enumerate() {
        let depth = line.chars().filter(|c| !c.is_whitespace()).take_while(|c| *c == '>').count();
        if depth > MAX_QUOTE_DEPTH {
            return Err(Diagnostic::error(
                rel,
                Location::Position { line: n + 1, column: 1 },
                msg!(m::QUOTES_TOO_DEEP, depth = depth, max = MAX_QUOTE_DEPTH),
            )
            .with_hint(msg!(m::QUOTES_TOO_DEEP_HINT)));
        }
    }
    Ok(())
}

/// Split off and parse the front matter (`---` lines at the very top).
pub fn parse_markdown(rel: &Path, text: &str) -> Result<RawMarkdown, Diagnostic> {
    check_depth(rel, text)?;
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Ok(RawMarkdown { front: RawFrontMatter::default(), body: text.to_string(), updated_at: None });
    }
    let mut front_len = first.len();
    let mut yaml = String::new();
    let mut closed = false;
    for line in lines {
        front_len += line.len();
        if line.trim_end() == "---" || line.trim_end() == "..." {
            closed = true;
            break;
        }
        yaml.push_str(line);
    }
    if !closed {
        return Err(Diagnostic::error(rel, Location::Position { line: 1, column: 1 }, msg!(m::FRONT_MATTER_UNCLOSED))
            .with_hint(msg!(m::FRONT_MATTER_UNCLOSED_HINT)));
    }
    let front = if super::source::is_blank_yaml(&yaml) {
        RawFrontMatter::default()
    } else {
        serde_yaml::from_str(&yaml).map_err(|e| {
            let mut d = yaml_error(rel, &yaml, &e);
            // The YAML starts on line 2 of the file.
            if let Location::Position { line, column } = d.location {
                d.location = Location::Position { line: line + 1, column };
            }
            d
        })?
    };
    // The front matter starts on line 2.
    let updated_at = yaml.lines().enumerate().find_map(|(n, l)| {
        let rest = l.strip_prefix("updated:")?;
        Some((n + 2, "updated:".len() + 1 + rest.len() - rest.trim_start().len()))
    });
    Ok(RawMarkdown { front, body: text[front_len..].to_string(), updated_at })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_front_matter_and_body() {
        let md = parse_markdown(Path::new("a.md"), "---\ntitle: 运城\nupdated: 2024-06-30\n---\n正文\n").unwrap();
        assert_eq!(md.front.title.as_deref(), Some("运城"));
        assert_eq!(md.front.updated.unwrap().0, "2024-06-30");
        assert_eq!(md.body, "正文\n");
    }

    #[test]
    fn crlf_front_matter_works() {
        let md = parse_markdown(Path::new("a.md"), "---\r\ntitle: A\r\n---\r\nbody\r\n").unwrap();
        assert_eq!(md.front.title.as_deref(), Some("A"));
        assert_eq!(md.body, "body\r\n");
    }

    #[test]
    fn no_front_matter_is_fine() {
        let md = parse_markdown(Path::new("a.md"), "# Title\n").unwrap();
        assert_eq!(md.front.title, None);
        assert_eq!(md.body, "# Title\n");
    }

    #[test]
    fn quote_bombs_are_refused_but_real_quotes_pass() {
        let bomb = format!("intro\n{}deep\n", "> ".repeat(10_000));
        let d = parse_markdown(Path::new("a.md"), &bomb).unwrap_err();
        assert_eq!(d.position(), Some((2, 1)));
        assert!(d.message.contains("10000 deep"), "{}", d.message);
        assert_eq!(d.message.zh(), "引用嵌套了 10000 层，最多允许 16 层");
        assert!(parse_markdown(Path::new("a.md"), "> a\n> > b\n>>> c\n").is_ok());
    }

    #[test]
    fn bad_front_matter_is_located_in_the_file() {
        let d = parse_markdown(Path::new("a.md"), "---\ntitle: A\ntitel: B\n---\nx").unwrap_err();
        assert_eq!(d.position(), Some((3, 1)));
        assert!(d.hint.unwrap().contains("`title`"));
        let d = parse_markdown(Path::new("a.md"), "---\ntitle: A\n").unwrap_err();
        assert!(d.message.contains("not closed"));
        assert!(d.message.zh().contains("没有结束"));
    }
}

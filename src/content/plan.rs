//! A plan's own text (`content/regions/<id>/plan.<lang>.md`), read into blocks: headings,
//! paragraphs and tables, each with its line, and the editor's corrections in it.
//!
//! The format is a small subset of Markdown that gongkai reads itself (a plan's numbered items
//! must stay paragraphs, not become lists): blocks separated by a blank line; `#`…`######`
//! headings; pipe tables (`| a | b |`, the `|---|` row under the header); anything else a
//! paragraph (its lines joined). A heading, paragraph or table row may end with ` {#id}`, an
//! anchor of its own. An editor's correction of a garbled extraction is written in
//! CriticMarkup's substitution syntax, the extracted text first: `{~~16 2~>1∶2~~}`.
//!
//! A plan may also have an English outline, `plan.en.md` ([`parse_outline`]): its headings
//! only, each naming the anchor of the Chinese heading it translates. There is no official
//! translation of a plan; the outline is the site's own, to find one's way in the Chinese text.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::messages::content as m;
use crate::msg;

/// A piece of a block's text, borrowed from the file's text where it is written whole (a
/// national site reads 3,000 plans twice: as owned pieces they were most of the cost).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Span<'a> {
    Text(Cow<'a, str>),
    /// The editor's reading of a garbled extraction, and what the extraction had.
    Correction {
        extracted: Cow<'a, str>,
        reading: Cow<'a, str>,
    },
}

/// A block's (or cell's) spans, read as a slice: most are one piece of text, kept in place
/// rather than in an allocation of its own (a national site's plans have hundreds of
/// thousands of blocks and cells). Its own type rather than a small-vector crate's: the model
/// keeps the blocks beside the text they borrow from, which needs a type covariant in `'a`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Spans<'a> {
    One(Span<'a>),
    Many(Vec<Span<'a>>),
}

impl Default for Spans<'_> {
    fn default() -> Self {
        Spans::Many(Vec::new())
    }
}

impl<'a> std::ops::Deref for Spans<'a> {
    type Target = [Span<'a>];

    fn deref(&self) -> &[Span<'a>] {
        match self {
            Spans::One(s) => std::slice::from_ref(s),
            Spans::Many(v) => v,
        }
    }
}

impl<'a> Spans<'a> {
    fn push(&mut self, span: Span<'a>) {
        match self {
            Spans::Many(v) if v.is_empty() => *self = Spans::One(span),
            Spans::Many(v) => v.push(span),
            Spans::One(_) => {
                if let Spans::One(first) = std::mem::take(self) {
                    *self = Spans::Many(vec![first, span]);
                }
            }
        }
    }

    /// The same spans, owning their text.
    fn into_owned(self) -> Spans<'static> {
        match self {
            Spans::One(s) => Spans::One(s.into_owned()),
            Spans::Many(v) => Spans::Many(v.into_iter().map(Span::into_owned).collect()),
        }
    }
}

impl Span<'_> {
    /// The same span, owning its text.
    fn into_owned(self) -> Span<'static> {
        match self {
            Span::Text(t) => Span::Text(Cow::Owned(t.into_owned())),
            Span::Correction { extracted, reading } => Span::Correction {
                extracted: Cow::Owned(extracted.into_owned()),
                reading: Cow::Owned(reading.into_owned()),
            },
        }
    }
}

/// One block of a plan's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawBlock<'a> {
    /// The line it starts on (from 1).
    pub line: usize,
    pub kind: RawBlockKind<'a>,
    /// An anchor written with `{#id}`.
    pub anchor: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawBlockKind<'a> {
    Heading {
        level: u8,
        text: Spans<'a>,
    },
    Paragraph(Spans<'a>),
    /// A table: its header cells, then its rows.
    Table {
        header: Vec<Spans<'a>>,
        rows: Vec<RawRow<'a>>,
    },
}

/// One row of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRow<'a> {
    pub line: usize,
    pub cells: Vec<Spans<'a>>,
    pub anchor: Option<String>,
}

/// A plan's text file, not yet read into blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanSource {
    pub file: PathBuf,
    pub lang: String,
    /// Shared with the model's [`crate::model::plan::PlanText`], not copied: a national site's
    /// plans are 40 MB.
    pub text: std::sync::Arc<str>,
}

/// A plan's text in one language, as read (its pieces borrowed from the file's text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawPlanText<'a> {
    pub file: PathBuf,
    pub lang: String,
    pub blocks: Vec<RawBlock<'a>>,
}

/// Read a plan text. Problems (an unclosed correction, a table row with a stray `|`) are
/// reported with their line and column; the rest of the text is still read.
pub fn parse_plan_text<'a>(file: &Path, lang: &str, text: &'a str, diags: &mut Diagnostics) -> RawPlanText<'a> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut blocks = Vec::new();
    let mut current: Vec<(usize, &str)> = Vec::new();
    // Line by line as `str::lines` reads (a `\r` before `\n` goes with the trimming), the line
    // ends found with one vectorised search: a national site reads 3,000 plans twice.
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
    let mut start = 0;
    for (i, end) in ends.enumerate() {
        if start >= text.len() {
            break;
        }
        let line = &text[start..end];
        start = end + 1;
        if line.trim().is_empty() {
            if !current.is_empty() {
                blocks.push(block(file, &current, diags));
                current.clear();
            }
        } else {
            current.push((i + 1, line.trim_end()));
        }
    }
    if !current.is_empty() {
        blocks.push(block(file, &current, diags));
    }
    RawPlanText { file: file.to_path_buf(), lang: lang.to_string(), blocks }
}

fn block<'a>(file: &Path, lines: &[(usize, &'a str)], diags: &mut Diagnostics) -> RawBlock<'a> {
    let (line, first) = lines[0];
    if first.starts_with('|') {
        return table(file, lines, diags);
    }
    let hashes = first.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && first[hashes..].starts_with(' ') {
        let (text, anchor) = split_anchor(first[hashes..].trim());
        // Columns count from the line's start: the `#`s and the space before the text.
        let before = &first[..first.len() - first[hashes..].trim_start().len()];
        let mut spans = spans(file, line, before, text, diags);
        // A heading is one line; more lines after it are a paragraph of their own.
        let heading = RawBlock {
            line,
            kind: RawBlockKind::Heading { level: hashes as u8, text: std::mem::take(&mut spans) },
            anchor,
        };
        if lines.len() > 1 {
            diags.push(
                Diagnostic::error(
                    file,
                    Location::Position { line: lines[1].0, column: 1 },
                    msg!(m::PLAN_HEADING_ONE_LINE),
                )
                .with_hint(msg!(m::PLAN_HEADING_ONE_LINE_HINT)),
            );
        }
        return heading;
    }
    // A paragraph: its lines joined (a plan's Chinese text has no spaces between lines); one
    // line, the usual case, is borrowed as it is.
    if let [(_, only)] = lines {
        let (text, anchor) = split_anchor(only.trim());
        return RawBlock { line, kind: RawBlockKind::Paragraph(spans(file, line, "", text, diags)), anchor };
    }
    let joined: String = lines.iter().map(|(_, l)| l.trim()).collect::<Vec<_>>().join("");
    let (text, anchor) = split_anchor(&joined);
    let spans = spans(file, line, "", text, diags).into_owned();
    RawBlock { line, kind: RawBlockKind::Paragraph(spans), anchor }
}

fn table<'a>(file: &Path, lines: &[(usize, &'a str)], diags: &mut Diagnostics) -> RawBlock<'a> {
    let mut header = Vec::new();
    let mut rows = Vec::new();
    for (n, &(line, text)) in lines.iter().enumerate() {
        let (text, anchor) = split_anchor(text.trim());
        if !text.starts_with('|') || !text.ends_with('|') || text.len() < 2 {
            diags.push(
                Diagnostic::error(file, Location::Position { line, column: 1 }, msg!(m::PLAN_TABLE_ROW))
                    .with_hint(msg!(m::PLAN_TABLE_ROW_HINT)),
            );
            continue;
        }
        let cells = split_cells(&text[1..text.len() - 1]);
        // The row under the header: `|---|:---:|`.
        if n == 1 && cells.iter().all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' '))) {
            continue;
        }
        let cells: Vec<Spans> = cells
            .into_iter()
            .map(|c| match c {
                Cow::Borrowed(c) => {
                    // Where the cell is in the line, for columns: it is a piece of it.
                    let at = c.as_ptr() as usize - text.as_ptr() as usize;
                    spans(file, line, &text[..at], c, diags)
                }
                Cow::Owned(c) => {
                    let at = text.find(c.as_str()).unwrap_or(0);
                    spans(file, line, &text[..at], &c, diags).into_owned()
                }
            })
            .collect();
        if n == 0 {
            header = cells;
        } else {
            rows.push(RawRow { line, cells, anchor });
        }
    }
    RawBlock { line: lines[0].0, kind: RawBlockKind::Table { header, rows }, anchor: None }
}

/// The cells of a table row between its outer `|`s, trimmed; `\|` is a `|` in a cell (only
/// such a cell is a copy).
fn split_cells(inner: &str) -> Vec<Cow<'_, str>> {
    if !inner.contains("\\|") {
        return inner.split('|').map(|c| Cow::Borrowed(c.trim())).collect();
    }
    let mut cells = vec![String::new()];
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '|' => cells.push(String::new()),
            c => {
                // `\|` is a `|` inside a cell.
                let c = if c == '\\' && chars.peek() == Some(&'|') { chars.next().unwrap_or(c) } else { c };
                if let Some(s) = cells.last_mut() {
                    s.push(c);
                }
            }
        }
    }
    cells.into_iter().map(|c| Cow::Owned(c.trim().to_string())).collect()
}

/// `text {#id}` → (`text`, `id`).
fn split_anchor(text: &str) -> (&str, Option<String>) {
    if let Some(rest) = text.strip_suffix('}')
        && let Some(i) = rest.rfind("{#")
    {
        let id = &rest[i + 2..];
        if !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
            return (text[..i].trim_end(), Some(id.to_string()));
        }
    }
    (text, None)
}

/// The text of one block with its corrections: `{~~extracted~>reading~~}`. `before`: the line
/// before `text`, for columns.
fn spans<'t>(file: &Path, line: usize, before: &str, text: &'t str, diags: &mut Diagnostics) -> Spans<'t> {
    // Most blocks have no correction: one vectorised search for `{` says so.
    if memchr::memchr(b'{', text.as_bytes()).is_none() {
        return if text.is_empty() { Spans::default() } else { Spans::One(Span::Text(Cow::Borrowed(text))) };
    }
    let mut out = Spans::default();
    let mut rest = text;
    while let Some(i) = rest.find("{~~") {
        if i > 0 {
            out.push(Span::Text(Cow::Borrowed(&rest[..i])));
        }
        let after = &rest[i + 3..];
        let parsed = after.find("~~}").and_then(|end| {
            let inner = &after[..end];
            inner.split_once("~>").map(|(a, b)| (a, b, end))
        });
        match parsed {
            Some((extracted, reading, end)) => {
                out.push(Span::Correction { extracted: Cow::Borrowed(extracted), reading: Cow::Borrowed(reading) });
                rest = &after[end + 3..];
            }
            None => {
                let column = text.len() - rest.len() + i;
                let column = before.chars().count() + text[..column].chars().count() + 1;
                diags.push(
                    Diagnostic::error(file, Location::Position { line, column }, msg!(m::PLAN_BAD_CORRECTION))
                        .with_hint(msg!(m::PLAN_BAD_CORRECTION_HINT)),
                );
                out.push(Span::Text(Cow::Borrowed(&rest[i..])));
                rest = "";
            }
        }
    }
    if !rest.is_empty() {
        out.push(Span::Text(Cow::Borrowed(rest)));
    }
    out
}

/// One heading of a plan's English outline (`plan.en.md`): the anchor of the heading of
/// `plan.zh.md` it translates, and its English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawOutlineHeading {
    pub line: usize,
    /// The column of its `{#`.
    pub column: usize,
    pub anchor: String,
    pub text: String,
}

/// A plan's English outline (`plan.en.md`), as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawOutline {
    pub file: PathBuf,
    pub headings: Vec<RawOutlineHeading>,
}

/// Read a plan's English outline: headings only, each ending with the `{#anchor}` of the
/// heading of `plan.zh.md` it translates; blank lines between them. Text that is not a heading
/// (a run of such lines is reported once), a heading without an anchor or without words, and
/// an anchor given twice are reported with line and column; the good headings are kept.
pub fn parse_outline(file: &Path, text: &str, diags: &mut Diagnostics) -> RawOutline {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out: Vec<RawOutlineHeading> = Vec::new();
    let mut in_body = false;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let l = raw.trim_end();
        if l.trim().is_empty() {
            in_body = false;
            continue;
        }
        let hashes = l.bytes().take_while(|&b| b == b'#').count();
        if !(1..=6).contains(&hashes) || !l[hashes..].starts_with(' ') {
            if !in_body {
                let column = l.chars().take_while(|c| c.is_whitespace()).count() + 1;
                diags.push(
                    Diagnostic::error(file, Location::Position { line, column }, msg!(m::PLAN_OUTLINE_BODY))
                        .with_hint(msg!(m::PLAN_OUTLINE_BODY_HINT)),
                );
            }
            in_body = true;
            continue;
        }
        in_body = false;
        let (heading, anchor) = split_anchor(l[hashes..].trim());
        let Some(anchor) = anchor else {
            diags.push(
                Diagnostic::error(
                    file,
                    Location::Position { line, column: l.chars().count() + 1 },
                    msg!(m::PLAN_OUTLINE_NO_ANCHOR),
                )
                .with_hint(msg!(m::PLAN_OUTLINE_NO_ANCHOR_HINT)),
            );
            continue;
        };
        let column = l.rfind("{#").map_or(1, |at| l[..at].chars().count() + 1);
        if heading.is_empty() {
            diags.push(
                Diagnostic::error(file, Location::Position { line, column }, msg!(m::PLAN_OUTLINE_EMPTY))
                    .with_hint(msg!(m::PLAN_OUTLINE_NO_ANCHOR_HINT)),
            );
            continue;
        }
        if let Some(first) = out.iter().find(|h| h.anchor == anchor) {
            diags.push(
                Diagnostic::error(
                    file,
                    Location::Position { line, column },
                    msg!(m::PLAN_OUTLINE_DUPLICATE, anchor = &anchor),
                )
                .with_hint(msg!(m::PLAN_OUTLINE_DUPLICATE_HINT, line = first.line)),
            );
            continue;
        }
        out.push(RawOutlineHeading { line, column, anchor, text: heading.to_string() });
    }
    RawOutline { file: file.to_path_buf(), headings: out }
}

/// A block's text as the plan reads: corrections by the editor's reading (borrowed when the
/// block is one piece of text, as most are).
pub fn reading<'s>(spans: &'s [Span]) -> Cow<'s, str> {
    let piece = |s: &'s Span| -> &'s str {
        match s {
            Span::Text(t) => t,
            Span::Correction { reading, .. } => reading,
        }
    };
    match spans {
        [] => Cow::Borrowed(""),
        [only] => Cow::Borrowed(piece(only)),
        _ => Cow::Owned(spans.iter().map(piece).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (RawPlanText<'_>, Diagnostics) {
        let mut d = Diagnostics::new();
        (parse_plan_text(Path::new("plan.zh.md"), "zh", text, &mut d), d)
    }

    #[test]
    fn blocks_start_on_their_lines_whatever_the_line_ends() {
        // CRLF, blank lines of spaces, and a last line without a line break: each block's line
        // is where it starts, counted as an editor counts them.
        let lines = |text: &str| -> Vec<usize> { parse(text).0.blocks.iter().map(|b| b.line).collect() };
        assert_eq!(lines("# 方案\r\n\r\n一、总体\r\n要求\r\n \r\n二、任务"), vec![1, 3, 6]);
        assert_eq!(lines("\n\n# 方案\n"), vec![3]);
        assert_eq!(lines("# 方案"), vec![1]);
        assert_eq!(lines(""), Vec::<usize>::new());
        assert_eq!(lines("\n"), Vec::<usize>::new());
        // A CR before the line break is not part of the block's text.
        let (p, _) = parse("一、总体\r\n要求\r\n");
        assert_eq!(p.blocks[0].kind, RawBlockKind::Paragraph(Spans::One(Span::Text("一、总体要求".into()))));
    }

    #[test]
    fn reads_headings_paragraphs_tables_and_corrections() {
        let (p, d) = parse(
            "# 方案\n\n## 一、总体要求\n\n1.逐步使医护比\n达到{~~16 2~>1∶2~~}左右。\n\n| 序号 | 指标 |\n|---|---|\n| 20 | 床位\\|张 |\n| | 无号 | {#row-x}\n",
        );
        assert!(d.is_empty(), "{d}");
        assert_eq!(p.blocks.len(), 4);
        assert!(matches!(&p.blocks[1].kind, RawBlockKind::Heading { level: 2, .. }));
        let RawBlockKind::Paragraph(spans) = &p.blocks[2].kind else { panic!("a paragraph") };
        assert_eq!(reading(spans), "1.逐步使医护比达到1∶2左右。");
        assert!(spans.contains(&Span::Correction { extracted: "16 2".into(), reading: "1∶2".into() }));
        let RawBlockKind::Table { header, rows } = &p.blocks[3].kind else { panic!("a table") };
        assert_eq!(header.len(), 2);
        assert_eq!(rows.len(), 2);
        assert_eq!(reading(&rows[0].cells[1]), "床位|张");
        assert_eq!(rows[1].anchor.as_deref(), Some("row-x"));
        assert_eq!(rows[1].line, 11);
    }

    fn outline(text: &str) -> (RawOutline, Vec<(usize, usize, String)>) {
        let mut d = Diagnostics::new();
        let o = parse_outline(Path::new("plan.en.md"), text, &mut d);
        let errors = d
            .iter()
            .map(|e| match e.location {
                Location::Position { line, column } => (line, column, e.message.en()),
                _ => panic!("located: {e:?}"),
            })
            .collect();
        (o, errors)
    }

    #[test]
    fn an_outline_is_headings_with_anchors() {
        let (o, errors) =
            outline("\u{feff}# The plan {#plan}\n\n\n## I. General requirements {#s1}\r\n### (1) Goals {#s1-1}\n");
        assert!(errors.is_empty(), "{errors:?}");
        let got: Vec<(usize, usize, &str, &str)> =
            o.headings.iter().map(|h| (h.line, h.column, h.anchor.as_str(), h.text.as_str())).collect();
        assert_eq!(
            got,
            [(1, 12, "plan", "The plan"), (4, 28, "s1", "I. General requirements"), (5, 15, "s1-1", "(1) Goals")]
        );
    }

    #[test]
    fn body_text_in_an_outline_is_an_error_once_per_paragraph() {
        let (o, errors) = outline(
            "## I. Goals {#s1}\n\nBy 2025, all hospitals\nshall reach the standard.\n\n  | a | b |\n#No space {#s2}\n",
        );
        assert_eq!(o.headings.len(), 1);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!((errors[0].0, errors[0].1), (3, 1));
        assert!(errors[0].2.contains("holds the headings only"), "{}", errors[0].2);
        assert_eq!((errors[1].0, errors[1].1), (6, 3));
    }

    #[test]
    fn an_outline_heading_needs_an_anchor_and_words() {
        let (o, errors) = outline("## I. Goals\n\n## II. Tasks {#S2}\n\n## {#s3}\n");
        assert!(o.headings.is_empty());
        let places: Vec<(usize, usize)> = errors.iter().map(|e| (e.0, e.1)).collect();
        assert_eq!(places, [(1, 12), (3, 19), (5, 4)]);
        assert!(errors[0].2.contains("does not say which heading"), "{}", errors[0].2);
        assert!(errors[1].2.contains("does not say which heading"), "{}", errors[1].2);
        assert!(errors[2].2.contains("no words"), "{}", errors[2].2);
    }

    #[test]
    fn an_anchor_given_twice_in_an_outline_is_an_error() {
        let mut d = Diagnostics::new();
        let o = parse_outline(Path::new("plan.en.md"), "## I. Goals {#s1}\n\n## I. Aims {#s1}\n", &mut d);
        assert_eq!(o.headings.len(), 1);
        assert_eq!(o.headings[0].text, "I. Goals");
        let e = d.iter().next().expect("an error");
        assert_eq!(e.location, Location::Position { line: 3, column: 12 });
        assert!(e.message.en().contains("`s1` has a second English heading"), "{}", e.message.en());
        assert!(e.hint.as_ref().is_some_and(|h| h.en().contains("line 1")));
    }

    #[test]
    fn an_unclosed_correction_is_located() {
        let (_, d) = parse("第一段。\n\n医护比达到{~~16 2~>1∶2左右。\n");
        let e = d.iter().next().expect("an error");
        assert_eq!(e.location, Location::Position { line: 3, column: 6 });
        assert!(e.message.en().contains("correction"), "{}", e.message.en());
    }
}

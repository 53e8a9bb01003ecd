//! A plan's own text, checked: every heading, numbered item and annex row gets a stable anchor
//! from the plan's own numbering, and each target's quote is looked up in it.
//!
//! Anchors come from the numbering, never from counters, so they survive corrections of the
//! transcription: `一、` → `s1`; `（三）` under it → `s1-3`; `2.` under that → `s1-3-2`; `（1）`
//! under that → `s1-3-2-1`; `附件1` → `a1`, and a numbered part inside an annex is prefixed with
//! it (`a2-s1`); a row of an annex table whose first cell is its number → `a1-r20`. A block can
//! name its own anchor with `{#id}`. Two blocks with one anchor are an error.
//!
//! A quote is found when each of its passages (split at `……`) occurs in one block of the text
//! after all whitespace is removed and corrections are read as the editor's reading; in an annex
//! row, the parts a quote joins with `：` (`三级医院（个）：2025年2个`) are found in the row's cells,
//! in order. The target links to where its first passage is: an annex row before anything else,
//! else the block its `plan_ref` names, else the first block that has it; a block without an
//! anchor links by the nearest anchor before it (the part of the plan it is in). What a target
//! takes over from a table's other columns (`attribute`: 指标属性, `schedule`: 按年调度) must be a
//! cell of the row its quote is from.
//!
//! A plan's English outline (`plan.en.md`, the site's own English for its headings) names
//! headings by these anchors; [`build_outline`] checks that each is a heading's.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::content::plan::{RawBlockKind, RawOutline, RawPlanText, reading};
use crate::diagnostics::{Diagnostic, Diagnostics, Location, suggest};
use crate::messages::model as m;
use crate::msg;

/// A region's plan text as the site keeps it: the file as written. Its blocks and anchors
/// ([`Anchored`]) are worked out when needed — to check the quotes while the model is built, to
/// render the plan's page — and not kept: held for a national site's 3,000 plans, their small
/// pieces took half a gigabyte.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PlanText {
    pub file: PathBuf,
    /// The file's text, also offered for download as it is.
    #[serde(skip)]
    pub source: std::sync::Arc<str>,
    /// The English outline (`plan.en.md`): the site's own English for headings of the text, by
    /// their anchors; empty without one (then it costs nothing).
    pub outline: BTreeMap<String, String>,
}

impl PlanText {
    /// The text read into blocks with their anchors (it was checked when the model was built).
    pub fn anchored(&self) -> Anchored {
        let mut ignored = Diagnostics::new();
        let raw = crate::content::plan::parse_plan_text(&self.file, "zh", &self.source, &mut ignored);
        build_plan_text(raw, Use::Page, &mut ignored)
    }
}

/// A plan's text with its anchors: in blocks to be shown, or in passages to be searched for
/// quotes (each made only for the [`Use`] it is read for).
#[derive(Debug, Clone)]
pub struct Anchored {
    pub file: PathBuf,
    /// The blocks to show, with their spans (for [`Use::Page`]).
    pub blocks: Vec<PlanBlock>,
    /// Every searchable piece (a heading, a paragraph, a table row), normalised (for
    /// [`Use::Quotes`]).
    passages: Vec<Passage>,
    /// The passages' texts joined by `\n` (they hold no whitespace), searched at once with a
    /// vectorised substring search (each passage knows where it is in it).
    all: String,
}

/// What a plan's text is read for: its quotes checked (the model), or its page shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    Quotes,
    Page,
}

#[derive(Debug, Clone)]
pub struct PlanBlock {
    pub line: usize,
    pub anchor: Option<String>,
    pub kind: PlanBlockKind,
}

#[derive(Debug, Clone)]
pub enum PlanBlockKind {
    Heading { level: u8, text: Vec<PlanSpan> },
    Paragraph(Vec<PlanSpan>),
    Table { header: Vec<Vec<PlanSpan>>, rows: Vec<PlanRow> },
}

#[derive(Debug, Clone)]
pub struct PlanRow {
    pub line: usize,
    pub anchor: Option<String>,
    pub cells: Vec<Vec<PlanSpan>>,
}

/// Text, or the editor's correction of a garbled extraction: the spans as the content read
/// them, moved into the blocks, not copied.
pub use crate::content::plan::Span as PlanSpan;

#[derive(Debug, Clone)]
struct Passage {
    /// Where its normalised text is in [`Anchored::all`].
    text: std::ops::Range<usize>,
    /// The nearest anchor at or before it: where a quote in an unnumbered paragraph links.
    section: Option<String>,
    /// The cells of a table row, normalised: where each is in [`Anchored::all`].
    cells: Option<Vec<std::ops::Range<usize>>>,
    anchor: Option<String>,
    annex: bool,
    heading: bool,
}

/// Whitespace removed: the extraction's line breaks and spaces are not the plan's.
pub fn normalize(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Where a numbered part is, as the plan's numbering says.
#[derive(Default)]
struct Numbering {
    annex: Option<u32>,
    levels: [Option<u32>; 4],
}

impl Numbering {
    /// The anchor of a heading or paragraph starting with `text`, moving the numbering on.
    fn anchor(&mut self, text: &str) -> Option<String> {
        let t = text.trim_start();
        if let Some(n) = annex_number(t) {
            self.annex = Some(n);
            self.levels = [None; 4];
            return Some(format!("a{n}"));
        }
        let (level, n) = numbered(t)?;
        self.levels[level] = Some(n);
        for l in &mut self.levels[level + 1..] {
            *l = None;
        }
        let parts: Vec<String> = self.levels[..=level].iter().flatten().map(u32::to_string).collect();
        let prefix = self.annex.map(|a| format!("a{a}-")).unwrap_or_default();
        Some(format!("{prefix}s{}", parts.join("-")))
    }
}

/// `附件1`, `附件 2`, `附件三` at the start of a heading or paragraph (not `附件：1．…`, the list
/// of annexes).
fn annex_number(t: &str) -> Option<u32> {
    let rest = t.strip_prefix("附件")?.trim_start();
    // A plan with a single annex may call it just 附件.
    if rest.is_empty() {
        return Some(1);
    }
    let (n, after) = leading_number(rest).or_else(|| chinese_number(rest))?;
    (after.trim().is_empty() || after.starts_with(['：', ':', ' ', '\u{3000}'])).then_some(n)
}

/// The level (0 = `一、`, 1 = `（一）`, 2 = `1.`, 3 = `（1）`) and number of a numbered part.
fn numbered(t: &str) -> Option<(usize, u32)> {
    if let Some(rest) = t.strip_prefix(['（', '(']) {
        if let Some((n, after)) = chinese_number(rest)
            && after.starts_with(['）', ')'])
        {
            return Some((1, n));
        }
        if let Some((n, after)) = leading_number(rest)
            && after.starts_with(['）', ')'])
        {
            return Some((3, n));
        }
        return None;
    }
    if let Some((n, after)) = chinese_number(t)
        && after.starts_with('、')
    {
        return Some((0, n));
    }
    if let Some((n, after)) = leading_number(t)
        && after.starts_with(['.', '．', '、', '﹒'])
        && !after[after.chars().next().map_or(0, char::len_utf8)..].starts_with(|c: char| c.is_ascii_digit())
    {
        return Some((2, n));
    }
    None
}

fn leading_number(s: &str) -> Option<(u32, &str)> {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    (end > 0 && end <= 4).then(|| s[..end].parse().ok().map(|n| (n, &s[end..]))).flatten()
}

/// A Chinese numeral from 一 to 九十九 at the start of `s`.
fn chinese_number(s: &str) -> Option<(u32, &str)> {
    let digit = |c: char| "一二三四五六七八九".find(c).map(|i| i as u32 / 3 + 1);
    let mut chars = s.char_indices().peekable();
    let mut value = 0;
    let mut end = 0;
    let mut tens = false;
    while let Some(&(i, c)) = chars.peek() {
        if c == '十' && !tens {
            value = if value == 0 { 10 } else { value * 10 };
            tens = true;
        } else if let Some(d) = digit(c) {
            if value % 10 != 0 || (value > 0 && !tens) {
                break;
            }
            value += d;
        } else {
            break;
        }
        end = i + c.len_utf8();
        chars.next();
    }
    (value > 0).then_some((value, &s[end..]))
}

/// Check a region's plan text and give its blocks their anchors; keep what `usage` needs.
pub fn build_plan_text(raw: RawPlanText, usage: Use, diags: &mut Diagnostics) -> Anchored {
    let (quotes, page) = (usage == Use::Quotes, usage == Use::Page);
    let RawPlanText { file, blocks: raw_blocks, .. } = raw;
    let mut numbering = Numbering::default();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut blocks = Vec::new();
    let mut passages = Vec::new();
    // The passages' normalised texts, one after the other, each followed by `\n`.
    let mut all = String::new();
    let mut section: Option<String> = None;
    let mut claim = |anchor: Option<String>, line: usize, diags: &mut Diagnostics| -> Option<String> {
        let a = anchor?;
        if let Some(&first) = seen.get(&a) {
            diags.push(
                Diagnostic::error(
                    &file,
                    Location::Position { line, column: 1 },
                    msg!(m::PLAN_DUPLICATE_ANCHOR, anchor = &a),
                )
                .with_hint(msg!(m::PLAN_DUPLICATE_ANCHOR_HINT, line = first)),
            );
            return None;
        }
        seen.insert(a.clone(), line);
        Some(a)
    };
    for b in raw_blocks {
        let (level, spans) = match b.kind {
            RawBlockKind::Heading { level, text } => (Some(level), text),
            RawBlockKind::Paragraph(text) => (None, text),
            RawBlockKind::Table { header, rows } => {
                let mut out = Vec::new();
                for r in rows {
                    let first = r.cells.first().map(|c| reading(c)).unwrap_or_default();
                    let derived = match (numbering.annex, first.trim().parse::<u32>()) {
                        (Some(a), Ok(n)) => Some(format!("a{a}-r{n}")),
                        _ => None,
                    };
                    let anchor = claim(r.anchor.or(derived), r.line, diags);
                    if quotes {
                        let start = all.len();
                        let cells: Vec<std::ops::Range<usize>> =
                            r.cells.iter().map(|c| push_normalized(&mut all, c)).collect();
                        let text = start..all.len();
                        all.push('\n');
                        passages.push(Passage {
                            text,
                            section: anchor.clone().or_else(|| section.clone()),
                            cells: Some(cells),
                            anchor: anchor.clone(),
                            annex: numbering.annex.is_some(),
                            heading: false,
                        });
                    }
                    if page {
                        out.push(PlanRow { line: r.line, anchor, cells: r.cells });
                    }
                }
                if page {
                    blocks.push(PlanBlock {
                        line: b.line,
                        anchor: None,
                        kind: PlanBlockKind::Table { header, rows: out },
                    });
                }
                continue;
            }
        };
        let derived = numbering.anchor(&reading(&spans));
        let anchor = claim(b.anchor.or(derived), b.line, diags);
        if anchor.is_some() {
            section = anchor.clone();
        }
        if quotes {
            let text = push_normalized(&mut all, &spans);
            all.push('\n');
            passages.push(Passage {
                text,
                section: section.clone(),
                cells: None,
                anchor: anchor.clone(),
                annex: false,
                heading: level.is_some(),
            });
        }
        if page {
            let kind = match level {
                Some(level) => PlanBlockKind::Heading { level, text: spans },
                None => PlanBlockKind::Paragraph(spans),
            };
            blocks.push(PlanBlock { line: b.line, anchor, kind });
        }
    }
    Anchored { file, blocks, passages, all }
}

/// `spans` as read (the editor's corrections as their reading), whitespace removed, at the end
/// of `all`: where it went.
fn push_normalized(all: &mut String, spans: &[PlanSpan]) -> std::ops::Range<usize> {
    let start = all.len();
    for s in spans {
        let t = match s {
            PlanSpan::Text(t) => t,
            PlanSpan::Correction { reading, .. } => reading,
        };
        all.extend(t.chars().filter(|c| !c.is_whitespace()));
    }
    start..all.len()
}

/// Check a plan's English outline against its text: each anchor must be a heading's. The
/// English of the headings that are, by anchor.
pub fn build_outline(text: &Anchored, outline: &RawOutline, diags: &mut Diagnostics) -> BTreeMap<String, String> {
    let headings: Vec<&str> = text.passages.iter().filter(|p| p.heading).filter_map(|p| p.anchor.as_deref()).collect();
    let mut out = BTreeMap::new();
    for h in &outline.headings {
        if headings.contains(&h.anchor.as_str()) {
            out.insert(h.anchor.clone(), h.text.clone());
            continue;
        }
        let hint = suggest(&h.anchor, headings.iter().copied())
            .unwrap_or_else(|| msg!(m::PLAN_OUTLINE_UNKNOWN_ANCHOR_HINT, file = text.file.display()));
        diags.push(
            Diagnostic::error(
                &outline.file,
                Location::Position { line: h.line, column: h.column },
                msg!(m::PLAN_OUTLINE_UNKNOWN_ANCHOR, anchor = &h.anchor),
            )
            .with_hint(hint),
        );
    }
    out
}

/// Where a quote was found, or the passage it was not found in and the nearest text.
pub enum Found {
    /// The anchor of the block (or row) the quote's first passage is in, when it has one.
    At(Option<String>),
    /// A passage of the quote (as written) is nowhere in the text; the nearest block's text.
    Missing { passage: String, nearest: Option<String> },
    /// `plan_ref` names no anchor of the text.
    UnknownRef,
}

impl Anchored {
    /// Whether `anchor` is one of the text's anchors.
    pub fn has_anchor(&self, anchor: &str) -> bool {
        // Every block or row with an anchor is a passage.
        self.passages.iter().any(|p| p.anchor.as_deref() == Some(anchor))
    }

    /// The cells of the table row with this anchor (normalised), `None` when it is no row's.
    pub fn row_cells(&self, anchor: &str) -> Option<Vec<&str>> {
        let row = self.passages.iter().find(|p| p.anchor.as_deref() == Some(anchor))?;
        Some(row.cells.as_ref()?.iter().map(|c| &self.all[c.clone()]).collect())
    }

    /// A passage's normalised text.
    fn text(&self, p: &Passage) -> &str {
        &self.all[p.text.clone()]
    }

    /// Look `quote` up (see the module's rule); `plan_ref` is the target's own choice of block.
    pub fn find(&self, quote: &str, plan_ref: Option<&str>) -> Found {
        if let Some(r) = plan_ref
            && !self.has_anchor(r)
        {
            return Found::UnknownRef;
        }
        let mut first: Option<Option<String>> = None;
        for passage in quote.split('…').map(normalize).filter(|p| !p.is_empty()) {
            // One search over the whole text (a plan's passages are thousands of short strings,
            // and a search per passage cost a national build a tenth more CPU); an annex row's
            // cells only where that finds nothing.
            let mut hits: Vec<&Passage> = Vec::new();
            for at in self.occurrences(&passage) {
                let i = self.passages.partition_point(|p| p.text.start <= at) - 1;
                if hits.last().is_none_or(|h| !std::ptr::eq(*h, &self.passages[i])) {
                    hits.push(&self.passages[i]);
                }
            }
            if hits.is_empty() && passage.contains('：') {
                hits = self.passages.iter().filter(|p| p.cells.is_some() && self.row_matches(p, &passage)).collect();
            }
            if hits.is_empty() {
                return Found::Missing { passage, nearest: self.nearest(quote) };
            }
            if first.is_none() {
                let chosen = hits
                    .iter()
                    .find(|p| p.annex && p.cells.is_some())
                    .or_else(|| plan_ref.and_then(|r| hits.iter().find(|p| p.anchor.as_deref() == Some(r))))
                    .unwrap_or(&hits[0]);
                // A block without an anchor of its own: the part of the plan it is in.
                first = Some(
                    chosen.anchor.clone().or_else(|| plan_ref.map(str::to_string)).or_else(|| chosen.section.clone()),
                );
            }
        }
        Found::At(first.flatten())
    }

    /// Where `passage` starts in `all`, in order.
    fn occurrences<'p>(&'p self, passage: &'p str) -> impl Iterator<Item = usize> + 'p {
        memchr::memmem::find_iter(self.all.as_bytes(), passage.as_bytes())
    }

    /// The block whose text shares the most pairs of characters with `quote` (bounded: one pass
    /// over the text), cut to a readable length.
    fn nearest(&self, quote: &str) -> Option<String> {
        let q: Vec<char> = normalize(quote).chars().take(200).collect();
        let pairs: std::collections::HashSet<(char, char)> = q.windows(2).map(|w| (w[0], w[1])).collect();
        if pairs.is_empty() {
            return None;
        }
        let best = self
            .passages
            .iter()
            .map(|p| {
                let chars: Vec<char> = self.text(p).chars().collect();
                let shared = chars.windows(2).filter(|w| pairs.contains(&(w[0], w[1]))).count();
                (shared, p)
            })
            .filter(|(n, _)| *n > 0)
            .max_by_key(|(n, _)| *n)?;
        Some(self.text(best.1).chars().take(q.len().clamp(20, 80) + 10).collect())
    }

    /// Whether the table row `row` holds `passage`: the parts it joins with `：` are in its
    /// cells, in order.
    fn row_matches(&self, row: &Passage, passage: &str) -> bool {
        if self.text(row).contains(passage) {
            return true;
        }
        let Some(cells) = &row.cells else { return false };
        let parts: Vec<&str> = passage.split('：').filter(|p| !p.is_empty()).collect();
        if parts.len() < 2 {
            return false;
        }
        let mut from = 0;
        for part in parts {
            match cells[from..].iter().position(|c| self.all[c.clone()].contains(part)) {
                Some(i) => from += i + 1,
                None => return false,
            }
        }
        true
    }
}

/// Look a quote (a target's or task's `text.zh`) up in the plan's text; its anchor, or a
/// problem reported at the quote's owner (`path`: `targets[3]`, `[5]`) in `file`.
pub(crate) fn check_quote(
    plan: &Anchored,
    quote: &str,
    plan_ref: Option<&str>,
    path: &str,
    file: &std::path::Path,
    diags: &mut Diagnostics,
) -> Option<String> {
    let plan_file = plan.file.display();
    match plan.find(quote, plan_ref) {
        Found::At(anchor) => anchor,
        Found::Missing { passage, nearest } => {
            let hint = match nearest {
                Some(n) => msg!(m::PLAN_QUOTE_NEAREST, file = &plan_file, nearest = n),
                None => msg!(m::PLAN_QUOTE_NO_NEAREST, file = &plan_file),
            };
            diags.push(
                Diagnostic::error(
                    file,
                    Location::YamlPath(format!("{path}.text")),
                    msg!(m::PLAN_QUOTE_MISSING, passage = passage),
                )
                .with_hint(hint),
            );
            None
        }
        Found::UnknownRef => {
            let anchor = plan_ref.unwrap_or_default();
            diags.push(
                Diagnostic::error(
                    file,
                    Location::YamlPath(format!("{path}.plan_ref")),
                    msg!(m::PLAN_REF_UNKNOWN, anchor = anchor),
                )
                .with_hint(msg!(m::PLAN_REF_UNKNOWN_HINT, file = &plan_file)),
            );
            None
        }
    }
}

/// A target's columns of the plan's table (`attribute`: 指标属性, `schedule`: 按年调度) are cells
/// of the row its quote is from, as written; a problem is reported at the field.
pub(crate) fn check_table_columns(
    plan: &Anchored,
    target: &crate::model::Target,
    path: &str,
    file: &std::path::Path,
    diags: &mut Diagnostics,
) {
    // A quote not found was reported already.
    let Some(anchor) = &target.anchor else { return };
    for (field, value) in [("attribute", &target.attribute), ("schedule", &target.schedule)] {
        let Some(zh) = value.as_ref().and_then(|v| v.get("zh")) else { continue };
        let at = Location::YamlPath(format!("{path}.{field}"));
        match plan.row_cells(anchor) {
            Some(cells) if cells.iter().any(|c| *c == normalize(zh)) => {}
            Some(cells) => {
                let cells = cells.iter().filter(|c| !c.is_empty()).map(|c| format!("`{c}`")).collect::<Vec<_>>();
                diags.push(
                    Diagnostic::error(
                        file,
                        at,
                        msg!(m::PLAN_CELL_NOT_IN_ROW, field = field, value = zh, anchor = anchor),
                    )
                    .with_hint(msg!(m::PLAN_CELL_NOT_IN_ROW_HINT, cells = cells.join(" "))),
                );
            }
            None => diags.push(
                Diagnostic::error(file, at, msg!(m::PLAN_CELL_NOT_A_ROW, field = field, anchor = anchor))
                    .with_hint(msg!(m::PLAN_CELL_NOT_A_ROW_HINT, field = field)),
            ),
        }
    }
}

#[cfg(test)]
mod tests;

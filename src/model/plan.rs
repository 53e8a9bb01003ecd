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

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasherDefault;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::content::plan::{RawBlock, RawBlockKind, RawOutline, RawPlanText, Spans, reading};
use crate::diagnostics::{Diagnostic, Diagnostics, Location, suggest};
use crate::messages::model as m;
use crate::msg;

mod bytes;
use bytes::{Identity, fnv1a, may_hold_whitespace};
mod numbering;
use numbering::{Numbering, push_number};
mod quotes;
mod search;
#[cfg(test)]
use numbering::{chinese_number, numbered};
pub(crate) use quotes::{check_quote, check_table_columns};
use search::{CharSet, GramIndex, Search};

/// A region's plan text as the site keeps it: the file as written, and its blocks with their
/// anchors for its page, read once while the quotes are checked and kept with the text they
/// borrow from (a national site's 3,000 plans: about 80 MB; as owned pieces they took half a
/// gigabyte, and reading each plan again for its page cost a tenth of the plans' share).
#[derive(Debug, Clone, serde::Serialize)]
pub struct PlanText {
    pub file: PathBuf,
    /// The file's text, with its blocks to show.
    #[serde(skip)]
    pub page: Arc<PlanPage>,
    /// The English outline (`plan.en.md`): the site's own English for headings of the text, by
    /// their anchors; empty without one (then it costs nothing).
    pub outline: BTreeMap<String, String>,
}

/// The blocks of a plan's text, borrowing from it.
pub type Blocks<'a> = Vec<PlanBlock<'a>>;

self_cell::self_cell!(
    /// A plan's text with its blocks (which borrow from it), so that both can be kept.
    pub struct PlanPage {
        owner: Arc<str>,
        #[covariant]
        dependent: Blocks,
    }
    impl {Debug}
);

impl PlanText {
    /// Read `source` (the file `file`): its blocks kept for the page, and its passages to look
    /// the quotes up in; problems of the text in `diags`.
    pub fn read(file: &Path, source: &Arc<str>, diags: &mut Diagnostics) -> (PlanText, Quotes) {
        let mut quotes = Quotes::default();
        let page = PlanPage::new(source.clone(), |text| {
            let raw = crate::content::plan::parse_plan_text(file, "zh", text, diags);
            let read = build_plan_text(raw, diags);
            quotes = read.quotes;
            read.blocks
        });
        (PlanText { file: file.to_path_buf(), page: Arc::new(page), outline: BTreeMap::new() }, quotes)
    }

    /// The text's blocks with their anchors (checked when the model was built).
    pub fn blocks(&self) -> &[PlanBlock<'_>] {
        self.page.borrow_dependent()
    }

    /// The file's text, also offered for download as it is.
    pub fn source(&self) -> &str {
        self.page.borrow_owner()
    }
}

/// A plan's text with its anchors: in blocks to be shown, and in passages to be searched for
/// quotes.
#[derive(Debug, Clone)]
pub struct Anchored<'a> {
    /// The blocks to show, with their spans.
    pub blocks: Vec<PlanBlock<'a>>,
    /// The text to look quotes up in.
    pub quotes: Quotes,
}

/// A plan's text as quotes are looked up in it: its passages, normalised, with their anchors.
#[derive(Debug, Clone)]
pub struct Quotes {
    pub file: PathBuf,
    /// Every searchable piece (a heading, a paragraph, a table row), normalised.
    passages: Vec<Passage>,
    /// The passages' texts, one after the other, each followed by `\n` (they hold no
    /// whitespace), looked up in through [`Self::grams`] (each passage knows where it is in it).
    all: String,
    /// Where in [`Self::all`] the first row of an annex's table starts (its length without
    /// one): a quote's annex row is looked for from there only.
    annex_rows_from: usize,
    /// The longest of those rows (normalised, in bytes): a longer passage is in none of them.
    annex_row_longest: usize,
    /// The characters of [`Self::all`] from [`Self::annex_rows_from`] on: a passage holding
    /// one that is not there is in no annex row, and the search there is skipped.
    annex_chars: CharSet,
    /// The passages' anchors, each once; a passage names its own and its section's by number.
    anchors: Vec<String>,
    /// Where each cell of the table rows is in [`Self::all`]; a row's passage names its own.
    cells: Vec<Range<usize>>,
    /// Where the pieces of [`Self::all`] are, to look quotes up by.
    grams: GramIndex,
}

impl Default for Quotes {
    /// A text with nothing in it.
    fn default() -> Self {
        Quotes {
            file: PathBuf::new(),
            passages: Vec::new(),
            all: String::new(),
            annex_rows_from: usize::MAX,
            annex_row_longest: 0,
            annex_chars: CharSet::default(),
            anchors: Vec::new(),
            cells: Vec::new(),
            grams: GramIndex::default(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct PlanBlock<'a> {
    pub line: usize,
    pub anchor: Option<String>,
    pub kind: PlanBlockKind<'a>,
}

#[derive(Debug, Clone)]
pub enum PlanBlockKind<'a> {
    Heading { level: u8, text: Spans<'a> },
    Paragraph(Spans<'a>),
    Table { header: Vec<Spans<'a>>, rows: Vec<PlanRow<'a>> },
}

#[derive(Debug, Clone)]
pub struct PlanRow<'a> {
    pub line: usize,
    pub anchor: Option<String>,
    pub cells: Vec<Spans<'a>>,
}

/// Text, or the editor's correction of a garbled extraction: the spans as the content read
/// them, moved into the blocks, not copied.
pub use crate::content::plan::Span as PlanSpan;

#[derive(Debug, Clone)]
struct Passage {
    /// Where its normalised text is in [`Quotes::all`].
    text: Range<usize>,
    /// The nearest anchor at or before it (in [`Quotes::anchors`]): where a quote in an
    /// unnumbered paragraph links.
    section: Option<u32>,
    /// A table row's cells, normalised: which of [`Quotes::cells`] are its.
    cells: Option<Range<u32>>,
    /// Its own anchor (in [`Quotes::anchors`]).
    anchor: Option<u32>,
    annex: bool,
    heading: bool,
}

/// Whitespace removed: the extraction's line breaks and spaces are not the plan's.
/// Most quotes have none, and are given back as they are.
pub fn normalize(s: &str) -> Cow<'_, str> {
    if may_hold_whitespace(s) && s.chars().any(char::is_whitespace) {
        Cow::Owned(s.chars().filter(|c| !c.is_whitespace()).collect())
    } else {
        Cow::Borrowed(s)
    }
}

/// Check a region's plan text and give its blocks their anchors: the blocks to show, and the
/// passages to look quotes up in.
pub fn build_plan_text<'a>(raw: RawPlanText<'a>, diags: &mut Diagnostics) -> Anchored<'a> {
    let RawPlanText { file, blocks: raw_blocks, .. } = raw;
    let mut numbering = Numbering::default();
    // The anchors claimed so far, by their hash: the number of the first with that hash in
    // `q.anchors` (a second with the same hash and another text, which FNV-1a makes all but
    // impossible, is looked for among all of them).
    let mut seen: HashMap<u64, u32, BuildHasherDefault<Identity>> = HashMap::default();
    // The line of each of `q.anchors`.
    let mut lines: Vec<usize> = Vec::new();
    let mut q = Quotes::default();
    q.passages.reserve(raw_blocks.len());
    q.all.reserve(raw_blocks.iter().map(text_len).sum::<usize>() + raw_blocks.len());
    let mut blocks = Vec::with_capacity(raw_blocks.len());
    let mut section: Option<u32> = None;
    // Two blocks with one anchor are an error; the second keeps none. A block's anchor is kept
    // for the quotes too: its number in `q.anchors`.
    let mut claim = |anchors: &mut Vec<String>,
                     anchor: Option<String>,
                     line: usize,
                     diags: &mut Diagnostics|
     -> (Option<String>, Option<u32>) {
        let Some(a) = anchor else { return (None, None) };
        let hash = fnv1a(a.as_bytes());
        let first = match seen.get(&hash) {
            Some(&i) if anchors[i as usize] == a => Some(lines[i as usize]),
            Some(_) => anchors.iter().position(|x| *x == a).map(|i| lines[i]),
            None => None,
        };
        if let Some(first) = first {
            diags.push(
                Diagnostic::error(
                    &file,
                    Location::Position { line, column: 1 },
                    msg!(m::PLAN_DUPLICATE_ANCHOR, anchor = &a),
                )
                .with_hint(msg!(m::PLAN_DUPLICATE_ANCHOR_HINT, line = first)),
            );
            return (None, None);
        }
        let number = anchors.len() as u32;
        seen.entry(hash).or_insert(number);
        anchors.push(a.clone());
        lines.push(line);
        (Some(a), Some(number))
    };
    for b in raw_blocks {
        let (level, spans) = match b.kind {
            RawBlockKind::Heading { level, text } => (Some(level), text),
            RawBlockKind::Paragraph(text) => (None, text),
            RawBlockKind::Table { header, rows } => {
                let mut kept = Vec::with_capacity(rows.len());
                for r in rows {
                    let derived = numbering.annex.and_then(|a| {
                        let first = r.cells.first().map(|c| reading(c)).unwrap_or_default();
                        let n = first.trim().parse::<u32>().ok()?;
                        let mut anchor = String::with_capacity(12);
                        anchor.push('a');
                        push_number(&mut anchor, a);
                        anchor.push_str("-r");
                        push_number(&mut anchor, n);
                        Some(anchor)
                    });
                    let (anchor, own) = claim(&mut q.anchors, r.anchor.or(derived), r.line, diags);
                    let start = q.all.len();
                    let first_cell = q.cells.len() as u32;
                    for c in &r.cells {
                        let at = push_normalized(&mut q.all, c);
                        q.cells.push(at);
                    }
                    let text = start..q.all.len();
                    q.all.push('\n');
                    let annex = numbering.annex.is_some();
                    if annex {
                        q.annex_rows_from = q.annex_rows_from.min(start);
                        q.annex_row_longest = q.annex_row_longest.max(text.len());
                    }
                    q.passages.push(Passage {
                        text,
                        section: own.or(section),
                        cells: Some(first_cell..q.cells.len() as u32),
                        anchor: own,
                        annex,
                        heading: false,
                    });
                    kept.push(PlanRow { line: r.line, anchor, cells: r.cells });
                }
                blocks.push(PlanBlock {
                    line: b.line,
                    anchor: None,
                    kind: PlanBlockKind::Table { header, rows: kept },
                });
                continue;
            }
        };
        let derived = numbering.anchor(&reading(&spans));
        let (anchor, own) = claim(&mut q.anchors, b.anchor.or(derived), b.line, diags);
        let text = push_normalized(&mut q.all, &spans);
        q.all.push('\n');
        if own.is_some() {
            section = own;
        }
        q.passages.push(Passage { text, section, cells: None, anchor: own, annex: false, heading: level.is_some() });
        let kind = match level {
            Some(level) => PlanBlockKind::Heading { level, text: spans },
            None => PlanBlockKind::Paragraph(spans),
        };
        blocks.push(PlanBlock { line: b.line, anchor, kind });
    }
    q.file = file;
    q.grams = GramIndex::of(q.all.as_bytes());
    if let Some(annex) = q.all.get(q.annex_rows_from..) {
        q.annex_chars = CharSet::of(annex);
    }
    Anchored { blocks, quotes: q }
}

/// The length of a block's text as read (its rows' ends not counted): room for it in
/// [`Quotes::all`].
fn text_len(b: &RawBlock) -> usize {
    let spans = |spans: &[PlanSpan]| -> usize {
        spans
            .iter()
            .map(|s| match s {
                PlanSpan::Text(t) => t.len(),
                PlanSpan::Correction { reading, .. } => reading.len(),
            })
            .sum()
    };
    match &b.kind {
        RawBlockKind::Heading { text, .. } | RawBlockKind::Paragraph(text) => spans(text),
        RawBlockKind::Table { rows, .. } => rows.iter().flat_map(|r| &r.cells).map(|c| spans(c) + 1).sum(),
    }
}

/// `spans` as read (the editor's corrections as their reading), whitespace removed, at the end
/// of `all`: where it went.
fn push_normalized(all: &mut String, spans: &[PlanSpan]) -> Range<usize> {
    let start = all.len();
    for s in spans {
        let t = match s {
            PlanSpan::Text(t) => t,
            PlanSpan::Correction { reading, .. } => reading,
        };
        // Most pieces have no whitespace and are copied whole; else the runs between it.
        if may_hold_whitespace(t) {
            for piece in t.split(char::is_whitespace) {
                all.push_str(piece);
            }
        } else {
            all.push_str(t);
        }
    }
    start..all.len()
}

/// Check a plan's English outline against its text: each anchor must be a heading's. The
/// English of the headings that are, by anchor.
pub fn build_outline(text: &Quotes, outline: &RawOutline, diags: &mut Diagnostics) -> BTreeMap<String, String> {
    let headings: Vec<&str> = text.passages.iter().filter(|p| p.heading).filter_map(|p| text.anchor(p)).collect();
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

impl Quotes {
    /// Whether `anchor` is one of the text's anchors.
    pub fn has_anchor(&self, anchor: &str) -> bool {
        // Every block or row with an anchor is a passage.
        self.anchors.iter().any(|a| a == anchor)
    }

    /// The cells of the table row with this anchor (normalised), `None` when it is no row's.
    pub fn row_cells(&self, anchor: &str) -> Option<Vec<&str>> {
        let row = self.passages.iter().find(|p| self.anchor(p) == Some(anchor))?;
        Some(self.cells_of(row)?.iter().map(|c| &self.all[c.clone()]).collect())
    }

    /// A passage's normalised text.
    fn text(&self, p: &Passage) -> &str {
        &self.all[p.text.clone()]
    }

    /// A passage's own anchor.
    fn anchor(&self, p: &Passage) -> Option<&str> {
        p.anchor.map(|i| self.anchors[i as usize].as_str())
    }

    /// A table row's cells (where each is in `all`); `None` for a heading or paragraph.
    fn cells_of(&self, p: &Passage) -> Option<&[Range<usize>]> {
        p.cells.as_ref().map(|c| &self.cells[c.start as usize..c.end as usize])
    }

    /// The passage `at` (a place in `all`) is in.
    fn passage_at(&self, at: usize) -> &Passage {
        &self.passages[self.passages.partition_point(|p| p.text.start <= at) - 1]
    }

    /// Look `quote` up (see the module's rule); `plan_ref` is the target's own choice of block.
    pub fn find(&self, quote: &str, plan_ref: Option<&str>) -> Found {
        let plan_ref = match plan_ref {
            Some(r) => match self.passages.iter().find(|p| self.anchor(p) == Some(r)) {
                Some(p) => Some((r, p)),
                None => return Found::UnknownRef,
            },
            None => None,
        };
        let mut first: Option<Option<String>> = None;
        for passage in quote.split('…').map(normalize).filter(|p| !p.is_empty()) {
            let search = self.grams.search(passage.as_bytes());
            let all = self.all.as_bytes();
            let found = match first {
                // The first passage: where the target links. Each search stops at its first
                // find: an annex row's (searched for among the annexes' rows only), the block
                // `plan_ref` names, or the first anywhere.
                None => self.place(&search, &passage, plan_ref),
                // The others need only be there.
                Some(_) => (search.find(all, 0..all.len()).is_some()
                    || (passage.contains('：') && self.passages.iter().any(|p| self.row_matches(p, &passage))))
                .then_some(None),
            };
            let Some(place) = found else {
                return Found::Missing { passage: passage.into_owned(), nearest: self.nearest(quote) };
            };
            first.get_or_insert(place);
        }
        Found::At(first.flatten())
    }

    /// Where the first passage of a quote is (see [`Self::find`]), the anchor it links to;
    /// `None` when it is nowhere.
    fn place(&self, search: &Search, passage: &str, plan_ref: Option<(&str, &Passage)>) -> Option<Option<String>> {
        let all = self.all.as_bytes();
        let annex_row = |p: &&Passage| p.annex && p.cells.is_some();
        let chosen = if passage.len() <= self.annex_row_longest
            && self.annex_chars.may_hold_all(passage)
            && self.annex_rows_from <= all.len()
            && let Some(p) =
                search.find_iter(all, self.annex_rows_from..all.len()).map(|at| self.passage_at(at)).find(annex_row)
        {
            p
        } else if let Some((_, p)) = plan_ref.filter(|(_, p)| search.find(all, p.text.clone()).is_some()) {
            p
        } else if let Some(at) = search.find(all, 0..all.len()) {
            self.passage_at(at)
        } else if passage.contains('：') {
            // In an annex row whose cells hold the parts `：` joins.
            let mut rows = self.passages.iter().filter(|p| self.row_matches(p, passage));
            let first = rows.next()?;
            std::iter::once(first)
                .chain(rows)
                .find(annex_row)
                .or_else(|| plan_ref.map(|(_, p)| p).filter(|p| self.row_matches(p, passage)))
                .unwrap_or(first)
        } else {
            return None;
        };
        // A block without an anchor of its own: the part of the plan it is in.
        let own = self.anchor(chosen).or(plan_ref.map(|(r, _)| r));
        Some(own.or_else(|| chosen.section.map(|i| self.anchors[i as usize].as_str())).map(str::to_string))
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
        let Some(cells) = self.cells_of(row) else { return false };
        if self.text(row).contains(passage) {
            return true;
        }
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

#[cfg(test)]
mod tests;

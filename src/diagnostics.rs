//! User-facing problems with the content: what is wrong, where, and how to fix it.
//!
//! Every stage reports problems as [`Diagnostic`]s. A diagnostic names its file and, where the
//! fault is inside a YAML file, either a line and column directly or a path (`targets[3].scope`)
//! that [`crate::content::spans::resolve`] turns into a line and column at the edge, so the hot
//! path never pays for span tracking. Messages are typed ([`Message`], from the catalogue of
//! [`crate::messages`]); the language is chosen when a problem is shown.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::messages::{Lang, Message, cli as words};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Something done that the user should know of, not a fault (a `data.csv` read as GBK):
    /// shown, never counted, and `--strict` leaves it a note.
    Note,
    Warning,
    Error,
}

/// Where a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A whole file (or a file that could not be read).
    File,
    /// A line and column (both counted from 1).
    Position { line: usize, column: usize },
    /// A path into a YAML document, e.g. `targets[3].scope`, resolved later.
    YamlPath(String),
    /// A cell of a spreadsheet: its sheet and its name (`数据`, `D7`).
    Cell { sheet: String, cell: String },
}

/// One problem.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path of the file, relative to the site root where possible.
    pub file: PathBuf,
    pub location: Location,
    pub message: Message,
    pub hint: Option<Message>,
    /// Another place the problem involves (e.g. the first of two values); the hint names it
    /// where it says `{related}`.
    pub related: Option<Box<(PathBuf, Location)>>,
}

impl Diagnostic {
    pub fn error(file: impl Into<PathBuf>, location: Location, message: impl Into<Message>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            location,
            message: message.into(),
            hint: None,
            related: None,
        }
    }

    pub fn warning(file: impl Into<PathBuf>, location: Location, message: impl Into<Message>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(file, location, message) }
    }

    pub fn note(file: impl Into<PathBuf>, location: Location, message: impl Into<Message>) -> Self {
        Diagnostic { severity: Severity::Note, ..Diagnostic::error(file, location, message) }
    }

    pub fn with_hint(mut self, hint: impl Into<Message>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Name another place; a hint mentioning `{related}` shows it as `file:line`.
    pub fn with_related(mut self, file: impl Into<PathBuf>, location: Location) -> Self {
        self.related = Some(Box::new((file.into(), location)));
        self
    }

    /// The hint in `lang`, with `{related}` filled in.
    pub fn hint_text(&self, lang: Lang) -> Option<String> {
        let hint = self.hint.as_ref()?;
        let place = match self.related.as_deref() {
            Some((file, Location::Position { line, .. })) => {
                crate::msg!(words::RELATED_LINE, file = file.display(), line = line).text(lang)
            }
            Some((file, Location::YamlPath(p))) => {
                crate::msg!(words::AT_YAML_PATH, file = file.display(), path = p).text(lang)
            }
            Some((file, Location::File)) => file.display().to_string(),
            Some((file, Location::Cell { sheet, cell })) => {
                crate::msg!(words::AT_CELL, file = file.display(), cell = format!("{sheet}!{cell}")).text(lang)
            }
            None => String::new(),
        };
        Some(hint.text(lang).replace("{related}", &place))
    }

    /// Where the problem is, in `lang`.
    pub fn place(&self, lang: Lang) -> String {
        let file = self.file.display();
        match &self.location {
            Location::Position { line, column } => {
                crate::msg!(words::AT_POSITION, file = file, line = line, column = column).text(lang)
            }
            Location::YamlPath(path) => crate::msg!(words::AT_YAML_PATH, file = file, path = path).text(lang),
            Location::File => file.to_string(),
            Location::Cell { sheet, cell } => {
                crate::msg!(words::AT_CELL, file = file, cell = format!("{sheet}!{cell}")).text(lang)
            }
        }
    }

    /// The problem as a report shows it, in `lang`: in English a first line with the message,
    /// then where, then the hint; in Chinese the place and the message as one sentence, then
    /// the hint.
    pub fn render(&self, lang: Lang) -> String {
        let label = match self.severity {
            Severity::Error => &words::LABEL_ERROR,
            Severity::Warning => &words::LABEL_WARNING,
            Severity::Note => &words::LABEL_NOTE,
        };
        let (label, hint_label) = (label.text(lang), words::LABEL_HINT.text(lang));
        let hint = self.hint_text(lang);
        match lang {
            Lang::En => {
                let mut s = format!("{label}: {}\n  --> {}", self.message.text(lang), self.place(lang));
                if let Some(h) = hint {
                    s.push_str(&format!("\n   = {hint_label}: {h}"));
                }
                s
            }
            Lang::Zh => {
                let mut s =
                    format!("{label}：{}：{}", self.place(lang), crate::messages::full_stop(&self.message.text(lang)));
                if let Some(h) = hint {
                    s.push_str(&format!("\n   {hint_label}：{}", crate::messages::full_stop(&h)));
                }
                s
            }
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `(line, column)` when known.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self.location {
            Location::Position { line, column } => Some((line, column)),
            _ => None,
        }
    }
}

/// Shown in the user's interface language.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(crate::messages::ui_lang()))
    }
}

/// The most problems kept; past this only a count is kept, so that one systematic mistake in a
/// 3,000-region site does not print a million lines.
pub const MAX_REPORTED: usize = 200;

/// A collection of problems, in the order they were found.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    dropped_errors: usize,
    dropped_warnings: usize,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        if self.items.len() < MAX_REPORTED {
            self.items.push(d);
        } else if d.is_error() {
            self.dropped_errors += 1;
        } else if d.severity == Severity::Warning {
            self.dropped_warnings += 1;
        }
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.dropped_errors += other.dropped_errors;
        self.dropped_warnings += other.dropped_warnings;
        for d in other.items {
            self.push(d);
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count() + self.dropped_errors
    }

    pub fn warning_count(&self) -> usize {
        self.items.iter().filter(|d| d.severity == Severity::Warning).count() + self.dropped_warnings
    }

    /// Keep only the problems `keep` accepts.
    pub fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.items.retain(keep);
    }

    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty() && self.dropped_errors == 0 && self.dropped_warnings == 0
    }

    /// Turn warnings into errors (`--strict`); notes stay notes.
    pub fn promote_warnings(&mut self) {
        for d in &mut self.items {
            if d.severity == Severity::Warning {
                d.severity = Severity::Error;
            }
        }
        self.dropped_errors += self.dropped_warnings;
        self.dropped_warnings = 0;
    }

    /// Problems not listed because there were too many.
    pub fn dropped(&self) -> usize {
        self.dropped_errors + self.dropped_warnings
    }

    /// Let `locate` rewrite the location of every problem and of its related place (YAML paths
    /// into lines: [`crate::content::spans::resolve`]), then sort by file and position, so the
    /// report reads top to bottom, and drop repeats of one problem at one place (one bad
    /// indicator id in a series of values).
    pub fn relocate(&mut self, mut locate: impl FnMut(&Path, &mut Location)) {
        for d in &mut self.items {
            locate(&d.file, &mut d.location);
            if let Some(related) = &mut d.related {
                let (file, loc) = &mut **related;
                locate(file, loc);
            }
        }
        self.items
            .sort_by(|a, b| (&a.file, a.position().unwrap_or((0, 0))).cmp(&(&b.file, b.position().unwrap_or((0, 0)))));
        self.items.dedup_by(|a, b| a.file == b.file && a.location == b.location && a.message == b.message);
    }
}

impl Diagnostics {
    /// Every problem as a report shows it, in `lang`, each followed by a blank line.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = String::new();
        for d in &self.items {
            out.push_str(&d.render(lang));
            out.push_str("\n\n");
        }
        if self.dropped() > 0 {
            out.push_str(&crate::msg!(words::MORE_PROBLEMS, n = self.dropped()).text(lang));
            out.push('\n');
        }
        out
    }
}

/// Shown in the user's interface language.
impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(crate::messages::ui_lang()))
    }
}

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(&str, f64)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(word, c);
        if score > 0.8 && best.is_none_or(|(_, s)| score > s) {
            best = Some((c, score));
        }
    }
    best.map(|(c, _)| c)
}

/// A hint "did you mean `x`?" or `None`, as a message of the catalogue.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<Message> {
    did_you_mean(word, candidates).map(|c| crate::msg!(words::DID_YOU_MEAN, word = c))
}

/// A hint "did you mean `x`?" or `None` (text; see [`suggest`]).
pub fn suggestion<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    did_you_mean(word, candidates).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_words_only() {
        let fields = ["name", "category", "frequency", "formula"];
        assert_eq!(did_you_mean("frequncy", fields), Some("frequency"));
        assert_eq!(did_you_mean("catgory", fields), Some("category"));
        assert_eq!(did_you_mean("zzz", fields), None);
    }

    #[test]
    fn caps_the_number_kept_but_counts_all() {
        let mut ds = Diagnostics::new();
        for i in 0..(MAX_REPORTED + 5) {
            ds.push(Diagnostic::error("a.yaml", Location::File, Message::verbatim(format!("e{i}"))));
        }
        assert_eq!(ds.iter().count(), MAX_REPORTED);
        assert_eq!(ds.error_count(), MAX_REPORTED + 5);
        assert!(ds.to_string().contains("5 more problems"));
    }
}

//! Where things are in a YAML file: a map from a value's path (`targets[3].scope`) to its line
//! and column. Built only when a problem has to be reported, by re-reading the file with
//! yaml-rust2's marked event parser (serde_yaml keeps no positions after deserializing).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostics, Location};

/// Replace the YAML paths of `diags` by line and column, reading each file concerned once, and
/// sort them by file and position. `root` is the folder the diagnostics' file paths are
/// relative to. Called once, where problems leave the build for the user.
///
/// Each file is read only as far as the last of its paths asked for (a warning about a key at
/// the top of a long file reads a few lines), and the files are read in parallel: a national
/// site with a warning in each of its 3,000 regions spent two seconds here, one file after
/// another.
pub fn resolve(diags: &mut Diagnostics, root: &Path) {
    // Every place a problem points into, by file.
    let mut wanted: BTreeMap<PathBuf, Vec<String>> = BTreeMap::new();
    for d in diags.iter() {
        let related = d.related.as_deref().map(|(file, loc)| (file, loc));
        for (file, loc) in std::iter::once((&d.file, &d.location)).chain(related) {
            if let Location::YamlPath(path) = loc {
                wanted.entry(file.clone()).or_default().push(path.clone());
            }
        }
    }
    let indexes: BTreeMap<&Path, Option<SpanIndex>> = wanted
        .par_iter()
        .map(|(file, paths)| (file.as_path(), SpanIndex::from_file_for(&root.join(file), paths)))
        .collect();
    diags.relocate(|file, loc| {
        let Location::YamlPath(path) = loc else { return };
        let index = indexes.get(file).and_then(Option::as_ref);
        if let Some((line, column)) = index.and_then(|i| i.locate(path)) {
            *loc = Location::Position { line, column };
        }
    });
}

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// Positions of every value in one YAML document.
#[derive(Debug, Default)]
pub struct SpanIndex {
    positions: HashMap<String, (usize, usize)>,
}

enum Frame {
    Mapping { key: Option<String>, path: String, keys: usize },
    Sequence { next: usize, path: String },
}

#[derive(Default)]
struct Collector {
    stack: Vec<Frame>,
    positions: HashMap<String, (usize, usize)>,
    /// The paths asked for that have their final position yet, of `wanted`.
    wanted: Vec<String>,
    found: usize,
}

impl Collector {
    /// The path of the value that starts now, or `None` when the event is a mapping key.
    fn value_path(&mut self) -> Option<String> {
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Sequence { next, path }) => {
                let p = format!("{path}[{next}]");
                *next += 1;
                Some(p)
            }
            Some(Frame::Mapping { key, path, .. }) => {
                key.take().map(|k| if path.is_empty() { k } else { format!("{path}.{k}") })
            }
        }
    }

    fn record(&mut self, path: &str, mark: Marker) {
        self.put(path.to_string(), mark, false, true);
    }

    /// Keep where `path` is (`replace`: even when it was kept before); `done`: this is where
    /// the path stays, so it counts as found.
    fn put(&mut self, path: String, mark: Marker, replace: bool, done: bool) {
        let at = (mark.line(), mark.col() + 1);
        let asked = done && !self.wanted.is_empty() && self.wanted.contains(&path);
        let kept = match self.positions.entry(path) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(at);
                true
            }
            std::collections::hash_map::Entry::Occupied(mut o) => {
                if replace {
                    o.insert(at);
                }
                replace
            }
        };
        if asked && kept {
            self.found += 1;
        }
    }

    /// Whether every path asked for has its position (never when none was asked for).
    fn has_all(&self) -> bool {
        !self.wanted.is_empty() && self.found >= self.wanted.len()
    }
}

impl MarkedEventReceiver for Collector {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(text, ..) => match self.value_path() {
                Some(path) => self.record(&path, mark),
                None => {
                    if let Some(Frame::Mapping { key, path, keys }) = self.stack.last_mut() {
                        // The key itself is found as `<path>@key`.
                        let key_path =
                            if path.is_empty() { format!("{text}@key") } else { format!("{path}.{text}@key") };
                        *key = Some(text);
                        *keys += 1;
                        // A block mapping is reported where its first key is (the parser marks
                        // it at the first colon).
                        let first = (*keys == 1).then(|| path.clone());
                        self.put(key_path, mark, false, true);
                        if let Some(path) = first {
                            self.put(path, mark, true, true);
                        }
                    }
                }
            },
            Event::Alias(_) => {
                if let Some(path) = self.value_path() {
                    self.record(&path, mark);
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                // A mapping used as a key has no useful path; give it a placeholder one.
                let path = self.value_path().unwrap_or_else(|| "?".to_string());
                // A mapping's place is final only at its first key (above).
                self.put(path.clone(), mark, false, matches!(ev, Event::SequenceStart(..)));
                let frame = if matches!(ev, Event::MappingStart(..)) {
                    Frame::Mapping { key: None, path, keys: 0 }
                } else {
                    Frame::Sequence { next: 0, path }
                };
                self.stack.push(frame);
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

impl SpanIndex {
    /// Index a YAML text. A syntax error stops the index where it is; what was read is kept.
    pub fn new(text: &str) -> Self {
        Self::indexed(text, Vec::new())
    }

    /// Index a YAML text as far as the last of `wanted` (the paths one will look up): all of
    /// it when one of them is not there (its enclosing value is looked up then) or none is
    /// asked for. The first document only.
    fn indexed(text: &str, wanted: Vec<String>) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut collector = Collector { wanted, ..Collector::default() };
        let mut parser = Parser::new_from_str(text);
        // A syntax error ends the index where it is.
        while let Ok((ev, mark)) = parser.next_token() {
            let end = matches!(ev, Event::DocumentEnd | Event::StreamEnd);
            collector.on_event(ev, mark);
            if end || collector.has_all() {
                break;
            }
        }
        SpanIndex { positions: collector.positions }
    }

    /// Index a file; `None` if it cannot be read as text.
    pub fn from_file(path: &Path) -> Option<Self> {
        Self::from_file_for(path, &[])
    }

    /// Index a file as far as the last of `wanted` ([`Self::indexed`]); `None` if it cannot
    /// be read as text.
    pub fn from_file_for(path: &Path, wanted: &[String]) -> Option<Self> {
        let bytes = std::fs::read(path).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let mut wanted = wanted.to_vec();
        wanted.sort();
        wanted.dedup();
        Some(Self::indexed(&text, wanted))
    }

    /// Line and column (from 1) of the value at `path`, or of its closest enclosing value.
    /// `path@key` names the key of a mapping entry rather than its value.
    pub fn locate(&self, path: &str) -> Option<(usize, usize)> {
        if let Some(pos) = self.positions.get(path) {
            return Some(*pos);
        }
        let mut p = path.strip_suffix("@key").unwrap_or(path);
        loop {
            if let Some(pos) = self.positions.get(p) {
                return Some(*pos);
            }
            let cut = p.rfind(['.', '['])?;
            p = &p[..cut];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "name: {zh: 运城市, en: Yuncheng}\ntargets:\n  - indicator: cmi\n    year: 2025\n  - indicator: alos\n    scope: tertiary\n";

    #[test]
    fn finds_nested_values() {
        let idx = SpanIndex::new(DOC);
        // Columns count characters, as editors do.
        assert_eq!(idx.locate("name.en"), Some((1, 21)));
        assert_eq!(idx.locate("targets[0].indicator"), Some((3, 16)));
        assert_eq!(idx.locate("targets[1].scope"), Some((6, 12)));
    }

    #[test]
    fn finds_keys() {
        let idx = SpanIndex::new("directions:\n  avg-stay: decrease\nvalues: {2021: 9.6, 2023Q5: 9}\n");
        assert_eq!(idx.locate("directions.avg-stay@key"), Some((2, 3)));
        assert_eq!(idx.locate("directions.avg-stay"), Some((2, 13)));
        assert_eq!(idx.locate("values.2023Q5@key"), Some((3, 21)));
        assert_eq!(idx.locate("values.1999@key"), Some((3, 10)));
    }

    #[test]
    fn falls_back_to_the_enclosing_value() {
        let idx = SpanIndex::new(DOC);
        assert_eq!(idx.locate("targets[1].upper"), Some((5, 5)));
    }

    #[test]
    fn reads_only_as_far_as_the_paths_asked_for() {
        let full = SpanIndex::new(DOC);
        let wanted = ["name".to_string(), "targets".to_string(), "name.en@key".to_string()];
        let part = SpanIndex::indexed(DOC, wanted.to_vec());
        for w in &wanted {
            assert_eq!(part.locate(w), full.locate(w), "{w}");
        }
        // A mapping is placed at its first key, not where it starts: found once that is read.
        assert_eq!(part.locate("name"), Some((1, 8)));
        // It stopped at the sequence's start: nothing of the targets was read.
        assert_eq!(part.locate("targets[1].scope"), part.locate("targets"));
        assert_ne!(full.locate("targets[1].scope"), full.locate("targets"));
        // A path that is not there: all of the text is read, and its enclosing value found.
        let missing = SpanIndex::indexed(DOC, vec!["targets[1].upper".to_string()]);
        assert_eq!(missing.locate("targets[1].upper"), Some((5, 5)));
        assert_eq!(missing.locate("targets[1].scope"), Some((6, 12)));
    }

    #[test]
    fn survives_a_bom_and_broken_yaml() {
        let idx = SpanIndex::new("\u{feff}a: 1\nb: [\n");
        assert_eq!(idx.locate("a"), Some((1, 4)));
    }
}

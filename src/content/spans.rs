//! Where things are in a YAML file: a map from a value's path (`targets[3].scope`) to its line
//! and column. Built only when a problem has to be reported, by re-reading the file with
//! yaml-rust2's marked event parser (serde_yaml keeps no positions after deserializing).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostics, Location};

/// Replace the YAML paths of `diags` by line and column, reading each file concerned once, and
/// sort them by file and position. `root` is the folder the diagnostics' file paths are
/// relative to. Called once, where problems leave the build for the user.
pub fn resolve(diags: &mut Diagnostics, root: &Path) {
    let mut indexes: BTreeMap<PathBuf, Option<SpanIndex>> = BTreeMap::new();
    diags.relocate(|file, loc| {
        let Location::YamlPath(path) = loc else { return };
        let index = indexes.entry(file.to_path_buf()).or_insert_with(|| SpanIndex::from_file(&root.join(file)));
        if let Some((line, column)) = index.as_ref().and_then(|i| i.locate(path)) {
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
        self.positions.entry(path.to_string()).or_insert((mark.line(), mark.col() + 1));
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
                        self.positions.entry(key_path).or_insert((mark.line(), mark.col() + 1));
                        *key = Some(text);
                        *keys += 1;
                        // A block mapping is reported where its first key is (the parser marks
                        // it at the first colon).
                        if *keys == 1 {
                            let path = path.clone();
                            self.positions.insert(path, (mark.line(), mark.col() + 1));
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
                self.record(&path, mark);
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
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut collector = Collector::default();
        let mut parser = Parser::new_from_str(text);
        let _ = parser.load(&mut collector, false);
        SpanIndex { positions: collector.positions }
    }

    /// Index a file; `None` if it cannot be read as text.
    pub fn from_file(path: &Path) -> Option<Self> {
        let bytes = std::fs::read(path).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        Some(Self::new(&text))
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
    fn survives_a_bom_and_broken_yaml() {
        let idx = SpanIndex::new("\u{feff}a: 1\nb: [\n");
        assert_eq!(idx.locate("a"), Some((1, 4)));
    }
}

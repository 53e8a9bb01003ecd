//! The mapping file (`import.yaml`): for each sheet, where its header is, which rows to skip,
//! what its columns hold, and what holds for the whole sheet (a region, an indicator, a scope,
//! a period). Everything is optional: without it the importer finds the header and reads the
//! columns by their names. The format, with examples: `docs/import.md`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::content::source;
use crate::content::spans::SpanIndex;
use crate::diagnostics::{Diagnostic, Location};
use crate::messages::import as m;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Region,
    Indicator,
    Scope,
    Period,
    Value,
    Note,
    Source,
    /// A unit column or a row number: read past.
    Ignore,
}

/// How numbers under a %-unit indicator are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PercentAs {
    /// 0.852 means 85.2%: multiplied by 100.
    Fraction,
    /// 0.5 means 0.5%: taken as written.
    Points,
}

/// The mapping of one sheet.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SheetMap {
    /// The sheet's name; the first sheet when not given.
    pub sheet: Option<String>,
    /// The header row, or its rows (a two-row header), counted from 1.
    pub header: Option<OneOrMany>,
    /// Rows to read past (a unit row, a total), counted from 1.
    #[serde(default)]
    pub skip: Vec<usize>,
    /// What columns hold, by letter (`B`) or header text (`地区`).
    #[serde(default)]
    pub columns: BTreeMap<String, Role>,
    pub region: Option<String>,
    pub indicator: Option<String>,
    pub scope: Option<String>,
    pub period: Option<String>,
    pub percent: Option<PercentAs>,
    /// Where this mapping was written, to name the line of a problem with it.
    #[serde(skip)]
    pub written: Option<Written>,
}

/// A mapping's file, its positions, and the path of this sheet's mapping in it (`sheets[1].`).
#[derive(Debug, Clone)]
pub struct Written {
    pub file: PathBuf,
    pub index: std::sync::Arc<SpanIndex>,
    pub prefix: String,
}

impl SheetMap {
    /// The place of `key` (`region`) in the mapping file, when the mapping came from one.
    pub fn place(&self, key: &str) -> Option<(&Path, Location)> {
        let w = self.written.as_ref()?;
        let at = match w.index.locate(&format!("{}{key}", w.prefix)) {
            Some((line, column)) => Location::Position { line, column },
            None => Location::File,
        };
        Some((&w.file, at))
    }
}

/// One row number or several.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(usize),
    Many(Vec<usize>),
}

impl OneOrMany {
    pub fn rows(&self) -> Vec<usize> {
        match self {
            OneOrMany::One(r) => vec![*r],
            OneOrMany::Many(r) => r.clone(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Many {
    sheets: Vec<SheetMap>,
}

/// Read a mapping file: one sheet's mapping, or `sheets:` with a list of them.
pub fn read(root: &Path, rel: &Path) -> Result<Vec<SheetMap>, Diagnostic> {
    let text = source::read_text(root, rel)?;
    let many = text.lines().any(|l| l.starts_with("sheets:"));
    let mut maps = if many {
        let m: Many = source::parse_yaml(rel, &text, &m::HOLDS_MAPPING)?;
        m.sheets
    } else {
        vec![source::parse_yaml(rel, &text, &m::HOLDS_MAPPING)?]
    };
    let index = std::sync::Arc::new(SpanIndex::new(&text));
    for (i, map) in maps.iter_mut().enumerate() {
        let prefix = if many { format!("sheets[{i}].") } else { String::new() };
        map.written = Some(Written { file: rel.to_path_buf(), index: index.clone(), prefix });
    }
    Ok(maps)
}

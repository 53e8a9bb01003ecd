//! `gongkai template`: the collection workbook of a reporting round (按年调度 / 按季调度). The
//! site knows every indicator, scope, unit, target and task of a region, so it writes the form
//! that asks for them: one row per series with the plan's targets and the values held for
//! context, input cells for the periods asked, and one row per key task with input cells for
//! its status, progress and date; `gongkai import` reads the filled workbook back exactly.
//!
//! Reading back must not depend on names a person may edit, so the workbook carries ids: a
//! very hidden first sheet ([`MARK_SHEET`], [`MARK`] in A1) says the workbook is gongkai's, and
//! each data sheet's first row (hidden) names what each column holds ([`key`]s such as
//! `gk:indicator_id`, `gk:period:2025`). Rows reordered, names edited, a sheet renamed: all
//! still import; this module is the one place that format is spelled (the importer reads it
//! with the constants below). `plan.rs` chooses what a workbook holds, `write.rs` writes it.

mod plan;
mod write;

use std::path::{Path, PathBuf};

pub use plan::{Block, Book, SeriesRow, TaskRow, periods_asked};

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::messages::template as m;
use crate::model::Period;
use crate::msg;

/// The name of the very hidden sheet that marks a workbook as gongkai's; it comes first.
pub const MARK_SHEET: &str = "_gongkai";
/// Cell A1 of [`MARK_SHEET`].
pub const MARK: &str = "gongkai-workbook";
/// The version of the format, cell B1 of [`MARK_SHEET`].
pub const VERSION: &str = "1";
/// Row 2 of [`MARK_SHEET`]: this word, then the ids of the regions the workbook covers.
pub const MARK_REGIONS: &str = "regions";
/// The prefix of every key in a data sheet's hidden first row.
pub const KEY_PREFIX: &str = "gk:";

/// What a column of a data sheet holds, as its hidden key names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    Region,
    Indicator,
    Scope,
    RegionId,
    IndicatorId,
    ScopeId,
    /// An input column for one period.
    Period(Period),
    Note,
    Source,
    TaskId,
    Status,
    Progress,
    Updated,
    /// Shown for context (unit, targets, values held, ...); not read back.
    Context(&'static str),
}

impl Key {
    /// The key as the hidden row holds it: `gk:indicator_id`, `gk:period:2025`.
    pub fn text(&self) -> String {
        let word = match self {
            Key::Region => "region",
            Key::Indicator => "indicator",
            Key::Scope => "scope",
            Key::RegionId => "region_id",
            Key::IndicatorId => "indicator_id",
            Key::ScopeId => "scope_id",
            Key::Period(p) => return format!("{KEY_PREFIX}period:{p}"),
            Key::Note => "note",
            Key::Source => "source",
            Key::TaskId => "task_id",
            Key::Status => "status",
            Key::Progress => "progress",
            Key::Updated => "updated",
            Key::Context(w) => w,
        };
        format!("{KEY_PREFIX}{word}")
    }

    /// A hidden key read back; `None` for anything that is not one of gongkai's keys.
    pub fn parse(text: &str) -> Option<Key> {
        let word = text.trim().strip_prefix(KEY_PREFIX)?;
        if let Some(p) = word.strip_prefix("period:") {
            return Period::parse(p).map(Key::Period);
        }
        Some(match word {
            "region" => Key::Region,
            "indicator" => Key::Indicator,
            "scope" => Key::Scope,
            "region_id" => Key::RegionId,
            "indicator_id" => Key::IndicatorId,
            "scope_id" => Key::ScopeId,
            "note" => Key::Note,
            "source" => Key::Source,
            "task_id" => Key::TaskId,
            "status" => Key::Status,
            "progress" => Key::Progress,
            "updated" => Key::Updated,
            "unit" => Key::Context("unit"),
            "decimals" => Key::Context("decimals"),
            "direction" => Key::Context("direction"),
            "targets" => Key::Context("targets"),
            "latest" => Key::Context("latest"),
            "number" => Key::Context("number"),
            "task" => Key::Context("task"),
            "units" => Key::Context("units"),
            "deadline" => Key::Context("deadline"),
            "now" => Key::Context("now"),
            _ => return None,
        })
    }
}

/// What the command line asked for.
#[derive(Debug, Clone)]
pub struct Options {
    /// One region's workbook; `None` with `all`.
    pub region: Option<String>,
    /// One workbook per region, into `output` as a folder.
    pub all: bool,
    /// `2025`, `2025..2026`, `2025Q1..2025Q4`, `2025-01..2025-06`.
    pub periods: Option<String>,
    pub with_children: bool,
    /// The file (or, with `all`, the folder) to write.
    pub output: Option<PathBuf>,
}

/// One workbook written.
#[derive(Debug, Clone)]
pub struct Written {
    pub file: PathBuf,
    pub regions: usize,
    pub series: usize,
    pub tasks: usize,
    /// The periods asked, per frequency, as `2025, 2025Q1–2025Q4`.
    pub periods: String,
}

/// What `gongkai template` did.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub written: Vec<Written>,
    /// `site.yaml` gives no deadline: the workbook says none is set.
    pub no_deadline: bool,
    pub warnings: Diagnostics,
}

/// Why no workbook was written.
#[derive(Debug)]
pub enum Failure {
    /// The command line asked for something impossible (exit code 2).
    Usage(Diagnostic),
    /// The content has errors (exit code 1).
    Content(Diagnostics),
    /// A file could not be written (exit code 1).
    Write(PathBuf, String),
}

/// `--periods` read: the first and last period asked, of one frequency.
pub fn parse_periods(text: &str) -> Option<(Period, Period)> {
    let (a, b) = match text.split_once("..") {
        Some((a, b)) => (Period::parse(a)?, Period::parse(b)?),
        None => {
            let p = Period::parse(text)?;
            (p, p)
        }
    };
    (a.frequency() == b.frequency() && a <= b).then_some((a, b))
}

/// Write the workbook(s) `opts` asks for, from the site under `root`.
pub fn run(root: &Path, opts: &Options) -> Result<Outcome, Failure> {
    let usage = |message, hint| {
        Failure::Usage(Diagnostic::error(Path::new("--region"), Location::File, message).with_hint(hint))
    };
    let span = match &opts.periods {
        Some(t) => Some(parse_periods(t).ok_or_else(|| {
            Failure::Usage(
                Diagnostic::error(Path::new("--periods"), Location::File, msg!(m::BAD_PERIODS, text = t))
                    .with_hint(msg!(m::BAD_PERIODS_HINT)),
            )
        })?),
        None => None,
    };
    if opts.all && opts.output.is_none() {
        return Err(usage(msg!(m::ALL_NEEDS_DIR), msg!(m::ALL_NEEDS_DIR_HINT)));
    }
    let (raw, mut diags) = crate::content::load(root);
    let (site, model_diags) = crate::model::build(raw);
    diags.extend(model_diags);
    let Some(site) = site.filter(|_| !diags.has_errors()) else {
        return Err(Failure::Content(diags));
    };
    let regions: Vec<String> = match (&opts.region, opts.all) {
        (_, true) => site.regions.iter().map(|r| r.id.clone()).collect(),
        (Some(r), false) => {
            if site.region(r).is_none() {
                let hint = crate::diagnostics::suggest(r, site.regions.iter().map(|x| x.id.as_str()))
                    .unwrap_or_else(|| msg!(m::NEED_REGION_HINT));
                return Err(usage(msg!(crate::messages::import::UNKNOWN_REGION_FLAG, region = r), hint));
            }
            vec![r.clone()]
        }
        (None, false) => return Err(usage(msg!(m::NEED_REGION), msg!(m::NEED_REGION_HINT))),
    };
    let mut written = Vec::new();
    for id in &regions {
        let book = plan::book(&site, id, opts.with_children, span);
        // With --all, a region the site asks nothing of (no series, no task) gets no workbook.
        if opts.all && book.blocks.iter().all(|b| b.series.is_empty() && b.tasks.is_empty()) {
            continue;
        }
        let file = match (&opts.output, opts.all) {
            (Some(dir), true) => dir.join(book.file_name()),
            (Some(f), false) => f.clone(),
            (None, _) => PathBuf::from(book.file_name()),
        };
        if let Some(parent) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| Failure::Write(file.clone(), e.to_string()))?;
        }
        let bytes = write::workbook(&site, &book).map_err(|e| Failure::Write(file.clone(), e.to_string()))?;
        std::fs::write(&file, bytes).map_err(|e| Failure::Write(file.clone(), e.to_string()))?;
        written.push(Written {
            file,
            regions: book.blocks.len(),
            series: book.blocks.iter().map(|b| b.series.len()).sum(),
            tasks: book.blocks.iter().map(|b| b.tasks.len()).sum(),
            periods: book.periods_text(),
        });
    }
    Ok(Outcome { written, no_deadline: site.config.collection.deadline.is_none(), warnings: diags })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_read_back_as_written() {
        let p = Period::parse("2025Q3").unwrap_or(Period::Year(2025));
        for k in [
            Key::RegionId,
            Key::IndicatorId,
            Key::ScopeId,
            Key::TaskId,
            Key::Period(p),
            Key::Note,
            Key::Updated,
            Key::Context("latest"),
        ] {
            assert_eq!(Key::parse(&k.text()), Some(k.clone()), "{}", k.text());
        }
        assert_eq!(Key::parse("gk:period:2025年"), None);
        assert_eq!(Key::parse("indicator_id"), None);
        assert_eq!(
            parse_periods("2025Q1..2025Q4").map(|(a, b)| (a.to_string(), b.to_string())),
            Some(("2025Q1".into(), "2025Q4".into()))
        );
        assert_eq!(parse_periods("2025..2025Q4"), None);
        assert_eq!(parse_periods("2026..2025"), None);
    }
}

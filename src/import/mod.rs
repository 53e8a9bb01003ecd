//! `gongkai import`: numbers from the spreadsheets their keepers use (`.xlsx`, `.xls`, `.ods`,
//! CSV in UTF-8 or GBK) into the regions' `data.csv`, without harm to hand-written content.
//!
//! The way through: read the file ([`crate::spreadsheet`]) → read each sheet into values
//! (`layout.rs`, with `mapping.rs`, `names.rs`, `values.rs`) → plan each region's changes
//! (`write.rs`): added, changed, unchanged, conflicts → check the whole site with the changed
//! files in memory → write each file atomically. Any problem anywhere and nothing is written.

mod layout;
mod mapping;
mod names;
mod progress;
pub mod values;
mod workbook;
mod write;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use layout::{Imported, Shape, Val};
pub use progress::{RegionExtra, TaskDone};
pub use values::{Counts, Norm};
pub use write::{Change, JOURNAL, RegionPlan, leftover_journal};

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::messages::import as m;
use crate::msg;
use crate::spreadsheet::{self, Format, Limits, Sheets};

/// What the command line asked for.
#[derive(Debug, Clone)]
pub struct Options {
    pub file: PathBuf,
    pub region: Option<String>,
    pub map: Option<PathBuf>,
    pub dry_run: bool,
    pub replace: bool,
    /// Drop the sample values of the regions a gongkai workbook covers (`--drop-sample`).
    pub drop_sample: bool,
}

/// What an import did, or would do.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub format: Format,
    /// Each sheet read and what it looked like.
    pub sheets: Vec<(String, Shape)>,
    pub counts: Counts,
    pub regions: Vec<RegionPlan>,
    /// Files written (none in a dry run).
    pub written: usize,
    /// Warnings of the site's check.
    pub warnings: Diagnostics,
    /// A gongkai workbook's task progress and sample values dropped, per region.
    pub extras: Vec<RegionExtra>,
}

/// Why an import wrote nothing.
#[derive(Debug)]
pub enum Failure {
    /// The command line asked for something impossible (exit code 2).
    Usage(Diagnostic),
    /// Problems in the file or the content (exit code 1); with the plan when it got that far,
    /// so that the conflicts can be shown with what else would have happened.
    Content(Diagnostics, Option<Box<Outcome>>),
    /// A file could not be written.
    Write(std::io::Error),
}

/// Import `opts.file` into the site under `root`.
pub fn run(root: &Path, opts: &Options) -> Result<Outcome, Failure> {
    let (raw, load_diags) = crate::content::load(root);
    let (site, model_diags) = crate::model::build(raw.clone());
    // What loading said, kept apart: the check below builds the model again, which says its
    // part again (a warning of the model's was shown twice).
    let loaded = load_diags.clone();
    let mut before = load_diags;
    before.extend(model_diags);
    let Some(site) = site.filter(|_| !before.has_errors()) else {
        return Err(Failure::Content(before, None));
    };
    if let Some(r) = &opts.region
        && site.region(r).is_none()
    {
        let hint = crate::diagnostics::suggest(r, site.regions.iter().map(|x| x.id.as_str()))
            .unwrap_or_else(|| msg!(m::UNKNOWN_REGION_FLAG_HINT));
        return Err(Failure::Usage(
            Diagnostic::error(&opts.file, Location::File, msg!(m::UNKNOWN_REGION_FLAG, region = r)).with_hint(hint),
        ));
    }
    let maps = match &opts.map {
        Some(p) => mapping::read(Path::new(""), p).map_err(Failure::Usage)?,
        None => vec![mapping::SheetMap::default()],
    };
    let wanted = if maps.iter().any(|m| m.sheet.is_some()) {
        Sheets::Named(maps.iter().map(|m| m.sheet.clone().unwrap_or_default()).collect())
    } else {
        Sheets::First
    };
    let read = |sheets: &Sheets| {
        spreadsheet::read(&opts.file, &opts.file, sheets, &Limits::default()).map_err(|d| {
            let mut ds = Diagnostics::new();
            ds.push(d);
            Failure::Content(ds, None)
        })
    };
    let mut book = read(&wanted)?;
    // A workbook of `gongkai template` (its very hidden mark sheet comes first): every sheet.
    let gongkai = opts.map.is_none() && workbook::is_gongkai(book.sheets.first());
    if gongkai {
        book = read(&Sheets::All)?;
    }

    let names = names::Names::new(&site);
    let cx = layout::Context { site: &site, names: &names, file: &opts.file, region: opts.region.as_deref() };
    let mut diags = Diagnostics::new();
    let mut counts = Counts::new();
    let mut by_region: BTreeMap<String, Vec<Imported>> = BTreeMap::new();
    let mut shapes = Vec::new();
    let mut seen: BTreeMap<(String, String, String, crate::model::time::Period), Location> = BTreeMap::new();
    let mut gathered: Vec<Imported> = Vec::new();
    let mut read_back = workbook::Read::default();
    if gongkai {
        read_back = workbook::read(&cx, &book, &mut counts, &mut diags);
        shapes.extend(read_back.sheets.iter().map(|s| (s.clone(), Shape::Workbook)));
        gathered = std::mem::take(&mut read_back.values);
    } else {
        for (sheet, map) in book.sheets.iter().zip(maps.iter().cycle()) {
            let (values, shape) = layout::read_sheet(&cx, sheet, map, &mut counts, &mut diags);
            shapes.push((sheet.name.clone(), shape));
            gathered.extend(values);
        }
    }
    for v in gathered {
        let k = (v.region.clone(), v.indicator.clone(), v.scope.clone().unwrap_or_default(), v.period);
        if let Some(first) = seen.get(&k) {
            let first = match first {
                Location::Cell { sheet, cell } => format!("{sheet}!{cell}"),
                _ => String::new(),
            };
            diags.push(
                Diagnostic::error(&opts.file, v.at.clone(), msg!(m::DUPLICATE_VALUE, first = first))
                    .with_hint(msg!(m::DUPLICATE_VALUE_HINT)),
            );
            continue;
        }
        seen.insert(k, v.at.clone());
        by_region.entry(v.region.clone()).or_default().push(v);
    }

    // Each region's plan. A gongkai workbook's regions: those with values, with task progress, and with
    // `--drop-sample` every region it covers.
    let drop = opts.drop_sample;
    let mut ids: Vec<String> = by_region.keys().cloned().collect();
    ids.extend(read_back.tasks.iter().map(|t| t.region.clone()));
    if drop {
        ids.extend(read_back.regions.iter().filter(|r| opts.region.as_ref().is_none_or(|o| o == *r)).cloned());
    }
    ids.sort();
    ids.dedup();
    let mut plans = Vec::new();
    let mut extras = Vec::new();
    for id in ids {
        let Some(dir) = raw.regions.iter().find(|r| r.id == id) else { continue };
        let values = by_region.remove(&id).unwrap_or_default();
        let planned = if drop { progress::without_yaml_samples(dir) } else { dir.clone() };
        let (mut plan, d) = write::plan_region(root, &planned, values, opts.replace, drop);
        diags.extend(d);
        if gongkai || drop {
            let updates: Vec<&workbook::TaskUpdate> = read_back.tasks.iter().filter(|t| t.region == id).collect();
            extras.push(progress::extend_plan(root, dir, &mut plan, &updates, drop, &mut diags));
        }
        plans.push(plan);
    }
    let mut outcome = Outcome {
        format: book.format,
        sheets: shapes,
        counts,
        regions: plans,
        written: 0,
        warnings: Diagnostics::new(),
        extras,
    };
    if diags.has_errors() {
        return Err(Failure::Content(diags, Some(Box::new(outcome))));
    }

    // The whole site checked with the new files in memory.
    let mut raw = raw;
    let changed: Vec<PathBuf> = outcome.regions.iter().flat_map(|p| p.files.iter().map(|f| f.0.clone())).collect();
    let mut load_diags = loaded;
    load_diags.retain(|d| !changed.contains(&d.file));
    for plan in &outcome.regions {
        let Some(dir) = raw.regions.iter_mut().find(|r| r.id == plan.id) else { continue };
        let text_of = |name: &str| -> Option<String> {
            let rel = dir.dir.join(name);
            match plan.files.iter().find(|(f, _)| *f == rel) {
                Some((_, t)) => Some(t.clone()),
                None => std::fs::read(root.join(&rel)).ok().and_then(|b| spreadsheet::decode(&b).ok()).map(|d| d.0),
            }
        };
        let (csv, yaml) = (text_of("data.csv"), text_of("data.yaml"));
        let (data, d) = crate::content::region_data(&dir.dir, csv.as_deref(), yaml.as_deref());
        dir.data = data;
        load_diags.extend(d);
        // Task progress written into tasks.yaml, read as loading would.
        if let Some(rel) = dir.tasks_file.clone()
            && let Some((_, text)) = plan.files.iter().find(|(f, _)| *f == rel)
        {
            match crate::content::source::parse_yaml(&rel, text, &crate::messages::content::HOLDS_TASKS) {
                Ok(tasks) => dir.tasks = tasks,
                Err(d) => load_diags.push(d),
            }
        }
    }
    let (_, model_diags) = crate::model::build(raw);
    load_diags.extend(model_diags);
    if load_diags.has_errors() {
        return Err(Failure::Content(load_diags, Some(Box::new(outcome))));
    }
    // Warnings about the file (a gongkai workbook's deleted id column) come first.
    diags.extend(load_diags);
    outcome.warnings = diags;
    if !opts.dry_run {
        outcome.written = write::write_all(root, &outcome.regions).map_err(Failure::Write)?;
    }
    Ok(outcome)
}

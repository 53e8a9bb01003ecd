//! `gongkai import`: numbers from the spreadsheets their keepers use (`.xlsx`, `.xls`, `.ods`,
//! CSV in UTF-8 or GBK) into the regions' `data.csv`, without harm to hand-written content.
//!
//! The way through: read the file ([`crate::spreadsheet`]) → read each sheet into values
//! (`layout.rs`, with `mapping.rs`, `names.rs`, `values.rs`) → plan each region's changes
//! (`write.rs`): added, changed, unchanged, conflicts → check the whole site with the changed
//! files in memory → write each file atomically. Any problem anywhere and nothing is written.

mod cell;
mod layout;
mod mapping;
mod names;
mod progress;
pub mod values;
mod workbook;
mod write;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use cell::{CellAt, Imported, Val};
pub use layout::Shape;
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

/// One region planned: its data as read, the whole region when its tasks matter, the plan.
struct Planned {
    data: write::RegionData,
    raw_dir: Option<crate::content::RawRegionDir>,
    plan: write::RegionPlan,
    diags: Diagnostics,
    extra: Option<progress::RegionExtra>,
}

/// The mapping and the workbook: every sheet of a workbook of `gongkai template` (its very
/// hidden mark sheet comes first), else the sheets the mapping names, else the first.
fn read_book(opts: &Options) -> Result<(Vec<mapping::SheetMap>, spreadsheet::Workbook, bool), Failure> {
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
    let book = read(&wanted)?;
    if opts.map.is_none() && workbook::is_gongkai(book.sheets.first()) {
        return Ok((maps, read(&Sheets::All)?, true));
    }
    Ok((maps, book, false))
}

/// A region's values without those given twice (in any sheet): each is an error at the second.
fn once_each<'a>(file: &Path, values: &[&'a Imported], diags: &mut Diagnostics) -> Vec<&'a Imported> {
    let mut first: HashMap<(&str, &str, crate::model::time::Period), &CellAt> = HashMap::with_capacity(values.len());
    let mut once = Vec::with_capacity(values.len());
    for &v in values {
        match first.entry((&*v.indicator, v.scope.as_deref().unwrap_or(""), v.period)) {
            std::collections::hash_map::Entry::Occupied(e) => diags.push(
                Diagnostic::error(file, v.at.location(), msg!(m::DUPLICATE_VALUE, first = e.get().name()))
                    .with_hint(msg!(m::DUPLICATE_VALUE_HINT)),
            ),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(&v.at);
                once.push(v);
            }
        }
    }
    once
}

/// Import `opts.file` into the site under `root`.
pub fn run(root: &Path, opts: &Options) -> Result<Outcome, Failure> {
    // The workbook is read while the site is loaded and checked: it needs nothing of the site
    // (a national workbook takes a second to read, the site two).
    let (loaded, book) = rayon::join(
        || {
            let (raw, load_diags) = crate::content::load(root);
            let dirs: HashMap<String, PathBuf> = raw.regions.iter().map(|r| (r.id.clone(), r.dir.clone())).collect();
            let (site, model_diags) = crate::model::build(raw);
            let mut before = load_diags;
            before.extend(model_diags);
            (site, before, dirs)
        },
        || read_book(opts),
    );
    let (site, before, dirs) = loaded;
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
    let (maps, book, gongkai) = book?;
    let names = names::Names::new(&site);
    let cx = layout::Context { site: &site, names: &names, file: &opts.file, region: opts.region.as_deref() };
    let mut diags = Diagnostics::new();
    let mut counts = Counts::new();
    let mut shapes = Vec::new();
    // The values read, in pieces in the order read.
    let mut all: Vec<Vec<Imported>> = Vec::new();
    let mut read_warnings = Diagnostics::new();
    let mut read_back = workbook::Read::default();
    if gongkai {
        read_back = workbook::read(&cx, &book, &mut counts, &mut diags);
        shapes.extend(read_back.sheets.iter().map(|s| (s.clone(), Shape::Workbook)));
        all = vec![std::mem::take(&mut read_back.values)];
    } else {
        for (sheet, map) in book.sheets.iter().zip(maps.iter().cycle()) {
            let (values, shape) = layout::read_sheet(&cx, sheet, map, &mut counts, &mut diags);
            shapes.push((sheet.name.clone(), shape));
            all.extend(values);
        }
    }
    for sheet in &book.sheets {
        if let Some(((row, col), count)) = sheet.blank_formulas {
            read_warnings.push(
                Diagnostic::warning(
                    &opts.file,
                    spreadsheet::at_cell(&sheet.name, row, col),
                    msg!(m::FORMULA_BLANK_RESULT, count = count),
                )
                .with_hint(msg!(m::FORMULA_BLANK_RESULT_HINT)),
            );
        }
    }
    let format = book.format;
    drop(book);

    // The values by region, in the order read (pointers to them: at 1.8 million values, not
    // copies).
    let mut by_region: HashMap<&str, Vec<&Imported>> = HashMap::new();
    for v in all.iter().flatten() {
        by_region.entry(&v.region).or_default().push(v);
    }

    // Each region's plan, the regions in parallel (each reads and plans its own files). A
    // gongkai workbook's regions: those with values, with task progress, and with
    // `--drop-sample` every region it covers; those need the region's tasks too.
    use rayon::prelude::*;
    let drop = opts.drop_sample;
    let mut ids: Vec<String> = by_region.keys().map(|k| k.to_string()).collect();
    ids.extend(read_back.tasks.iter().map(|t| t.region.clone()));
    if drop {
        ids.extend(read_back.regions.iter().filter(|r| opts.region.as_ref().is_none_or(|o| o == *r)).cloned());
    }
    ids.sort();
    ids.dedup();
    let whole = gongkai || drop;
    let work: Vec<(String, &PathBuf, Vec<&Imported>)> = ids
        .into_iter()
        .filter_map(|id| Some((id.clone(), dirs.get(&id)?, by_region.remove(id.as_str()).unwrap_or_default())))
        .collect();
    let planned: Vec<Planned> = work
        .into_par_iter()
        .map(|(id, dir, values)| {
            let mut d = Diagnostics::new();
            // The whole region (its tasks too) for a workbook's progress or `--drop-sample`;
            // else its data files only.
            let raw_dir = whole.then(|| {
                let (r, _) = crate::content::load_region_dir(root, &id);
                r
            });
            let data = match &raw_dir {
                Some(r) => {
                    let r = if drop { progress::without_yaml_samples(r) } else { r.clone() };
                    write::RegionData { id: r.id, dir: r.dir, data: r.data }
                }
                None => write::RegionData::read(root, &id, dir),
            };
            let values = once_each(&opts.file, &values, &mut d);
            let (mut plan, more) = write::plan_region(root, &data, &values, opts.replace, drop);
            d.extend(more);
            let extra = raw_dir.as_ref().map(|r| {
                let updates: Vec<&workbook::TaskUpdate> = read_back.tasks.iter().filter(|t| t.region == id).collect();
                progress::extend_plan(root, r, &mut plan, &updates, drop, &mut d)
            });
            Planned { data, raw_dir, plan, diags: d, extra }
        })
        .collect();
    std::mem::drop(by_region);
    // 1.8 million values to free: not on the way to writing.
    rayon::spawn(move || std::mem::drop(all));
    let mut plans = Vec::with_capacity(planned.len());
    let mut extras = Vec::new();
    let mut regions: HashMap<String, (write::RegionData, Option<crate::content::RawRegionDir>)> = HashMap::new();
    for p in planned {
        diags.extend(p.diags);
        extras.extend(p.extra);
        regions.insert(p.plan.id.clone(), (p.data, p.raw_dir));
        plans.push(p.plan);
    }
    let mut outcome =
        Outcome { format, sheets: shapes, counts, regions: plans, written: 0, warnings: Diagnostics::new(), extras };
    if diags.has_errors() {
        return Err(Failure::Content(diags, Some(Box::new(outcome))));
    }

    // The site checked with the new files in memory: the data of the regions changed (import
    // changes nothing else), against the site as loaded.
    let changed: Vec<PathBuf> = outcome.regions.iter().flat_map(|p| p.files.iter().map(|f| f.0.clone())).collect();
    let mut load_diags = before;
    load_diags.retain(|d| !changed.contains(&d.file));
    let checks = crate::model::RegionChecks::new(&site);
    let rechecked: Vec<Diagnostics> = outcome
        .regions
        .par_iter()
        .filter(|p| !p.files.is_empty())
        .filter_map(|plan| {
            let (region, raw_dir) = regions.get(&plan.id)?;
            let (csv, yaml) =
                (plan.text(root, &region.dir.join("data.csv")), plan.text(root, &region.dir.join("data.yaml")));
            let (records, mut d) = crate::content::region_data(&region.dir, csv.as_deref(), yaml.as_deref());
            // Task progress written into tasks.yaml: the whole region checked, as loading and
            // building would; else its data alone.
            let tasks = raw_dir.as_ref().and_then(|r| {
                let rel = r.tasks_file.clone()?;
                let (_, text) = plan.files.iter().find(|(f, _)| *f == rel)?;
                Some((r, rel, text))
            });
            match tasks {
                Some((r, rel, text)) => {
                    let mut r = r.clone();
                    r.data = records;
                    match crate::content::source::parse_yaml(&rel, text, &crate::messages::content::HOLDS_TASKS) {
                        Ok(tasks) => r.tasks = tasks,
                        Err(e) => d.push(e),
                    }
                    d.extend(checks.region(&r));
                }
                None => d.extend(checks.data(&plan.id, &records)),
            }
            Some(d)
        })
        .collect();
    for d in rechecked {
        load_diags.extend(d);
    }
    // The site as loaded is not needed any more; at national scale it takes a third of a
    // second to free, which the writing need not wait for.
    std::mem::drop(checks);
    rayon::spawn(move || std::mem::drop((site, regions)));
    if load_diags.has_errors() {
        return Err(Failure::Content(load_diags, Some(Box::new(outcome))));
    }
    // Warnings about the file (a blank formula result, a gongkai workbook's deleted id column)
    // come first.
    read_warnings.extend(diags);
    read_warnings.extend(load_diags);
    outcome.warnings = read_warnings;
    if !opts.dry_run {
        outcome.written = write::write_all(root, &outcome.regions).map_err(Failure::Write)?;
    }
    Ok(outcome)
}

//! A workbook of `gongkai template` read back. It is recognised by its very hidden first sheet
//! ([`crate::template::MARK_SHEET`]); each of its data sheets by the keys in its hidden first
//! row, not by its name, so a renamed sheet still imports. Each row is placed by its hidden ids
//! (region, indicator, scope; region, task), which win over the names shown beside them, so
//! reordered rows and edited names import the same; a deleted id column falls back to the names
//! with a warning. Values are read by the import's own rules ([`super::layout`]); task progress
//! goes to `progress.rs`. A row whose input cells are all blank is read past: an unfilled
//! workbook imports nothing.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::cell::{CellAt, Imported, Val, read_value, text_of};
use super::layout::Context;
use super::names::{Match, key};
use super::values::{self, Counts};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::messages::{Message, import as im, template as m};
use crate::model::Date;
use crate::msg;
use crate::spreadsheet::{CellValue, Format, Sheet, Workbook, at_cell};
use crate::template::{Key, MARK, MARK_REGIONS, MARK_SHEET};
use crate::vocab::WorkState;

/// A task's progress as the workbook gives it.
#[derive(Debug, Clone)]
pub struct TaskUpdate {
    pub region: String,
    pub task: String,
    pub status: Option<WorkState>,
    pub progress: Option<String>,
    pub updated: Option<Date>,
}

/// What a gongkai workbook holds.
#[derive(Debug, Clone, Default)]
pub struct Read {
    pub values: Vec<Imported>,
    pub tasks: Vec<TaskUpdate>,
    /// The regions the workbook covers (its mark sheet's list).
    pub regions: Vec<String>,
    /// The data sheets read, by name.
    pub sheets: Vec<String>,
}

/// Whether `first` (a workbook's first sheet) is the mark of a gongkai workbook.
pub fn is_gongkai(first: Option<&Sheet>) -> bool {
    first.is_some_and(|s| s.name == MARK_SHEET || matches!(s.get(0, 0), CellValue::Text(t) if t == MARK))
}

/// A cell's text, trimmed; `None` when blank.
fn cell_text(sheet: &Sheet, row: usize, col: Option<usize>) -> Option<String> {
    col.and_then(|c| text_of(sheet.get(row, c)))
}

/// Read every data sheet of a gongkai workbook.
pub fn read(cx: &Context, book: &Workbook, counts: &mut Counts, diags: &mut Diagnostics) -> Read {
    let mut out = Read::default();
    if let Some(mark) = book.sheets.first() {
        let row = mark.rows.iter().find(|r| matches!(r.first(), Some(CellValue::Text(t)) if t == MARK_REGIONS));
        out.regions = row.map(|r| r.iter().skip(1).filter_map(text_of).collect()).unwrap_or_default();
    }
    for sheet in book.sheets.iter().skip(1) {
        let keys: Vec<Option<Key>> = sheet
            .rows
            .first()
            .map(|r| r.iter().map(|c| text_of(c).and_then(|t| Key::parse(&t))).collect())
            .unwrap_or_default();
        let col = |k: &Key| keys.iter().position(|x| x.as_ref() == Some(k));
        if col(&Key::TaskId).is_some() || col(&Key::Status).is_some() {
            out.sheets.push(sheet.name.clone());
            read_tasks(cx, sheet, &keys, counts, diags, &mut out.tasks);
        } else if keys.iter().any(|k| matches!(k, Some(Key::Period(_)) | Some(Key::IndicatorId) | Some(Key::Indicator)))
        {
            out.sheets.push(sheet.name.clone());
            read_values(cx, book.format, sheet, &keys, counts, diags, &mut out.values);
        }
    }
    // In the site's order, whatever the order of the rows: data.csv gains the same lines
    // from a workbook whose rows were sorted or moved.
    let order = |v: &Imported| {
        let scope = v.scope.as_deref().and_then(|s| cx.site.scope(s)).map_or(i64::MIN, |s| s.order);
        (cx.site.region_index(&v.region), cx.site.indicator_index(&v.indicator), scope, v.scope.clone(), v.period)
    };
    out.values.sort_by_key(order);
    out
}

fn missing_column(cx: &Context, sheet: &Sheet, column: &str) -> Diagnostic {
    Diagnostic::warning(cx.file, Location::File, msg!(m::ID_COLUMN_MISSING, sheet = &sheet.name, column = column))
        .with_hint(msg!(m::ID_COLUMN_MISSING_HINT))
}

/// How a row's region, indicator, scope is found: its id in the hidden column, or, when that
/// column is gone, its name.
struct Lookup<'a> {
    id: Option<String>,
    exists: &'a dyn Fn(&str) -> bool,
    name: Option<String>,
    by_name: &'a dyn Fn(&str) -> Match,
    what: &'static crate::messages::Entry,
}

/// An id from its hidden column, or, when that column is gone, from the name shown.
fn resolve(cx: &Context, l: Lookup, at: &CellAt, diags: &mut Diagnostics) -> Option<String> {
    let Lookup { id, exists, name, by_name, what } = l;
    if let Some(id) = id {
        if exists(&id) {
            return Some(id);
        }
        diags.push(
            Diagnostic::error(
                cx.file,
                at.location(),
                Message::new(&m::UNKNOWN_ID).arg("id", &id).arg_message("what", Message::new(what)),
            )
            .with_hint(msg!(m::UNKNOWN_ID_HINT)),
        );
        return None;
    }
    let name = name?;
    match by_name(&name) {
        Match::One(id) => Some(id),
        _ => {
            diags.push(
                Diagnostic::error(cx.file, at.location(), msg!(im::UNKNOWN_NAME, name = name))
                    .with_hint(msg!(m::NO_ROW_NAME_HINT)),
            );
            None
        }
    }
}

fn read_values(
    cx: &Context,
    format: Format,
    sheet: &Sheet,
    keys: &[Option<Key>],
    counts: &mut Counts,
    diags: &mut Diagnostics,
    out: &mut Vec<Imported>,
) {
    let col = |k: &Key| keys.iter().position(|x| x.as_ref() == Some(k));
    let (region_id, indicator_id, scope_id) = (col(&Key::RegionId), col(&Key::IndicatorId), col(&Key::ScopeId));
    for (c, name) in [(region_id, "region_id"), (indicator_id, "indicator_id"), (scope_id, "scope_id")] {
        if c.is_none() {
            diags.push(missing_column(cx, sheet, name));
        }
    }
    let periods: Vec<(usize, crate::model::Period)> = keys
        .iter()
        .enumerate()
        .filter_map(|(c, k)| match k {
            Some(Key::Period(p)) => Some((c, *p)),
            _ => None,
        })
        .collect();
    let (note, source) = (col(&Key::Note), col(&Key::Source));
    let sheet_name: Arc<str> = sheet.name.as_str().into();
    for row in 2..sheet.rows.len() {
        if periods.iter().all(|(c, _)| *sheet.get(row, *c) == CellValue::Empty) {
            continue;
        }
        // The row's first cell, where a problem with its names is reported.
        let at = CellAt::new(&sheet_name, row, 0);
        let site = cx.site;
        let region = resolve(
            cx,
            Lookup {
                id: cell_text(sheet, row, region_id),
                exists: &|id| site.region(id).is_some(),
                name: cell_text(sheet, row, col(&Key::Region)),
                by_name: &|w| cx.names.region(w),
                what: &im::WHAT_REGION,
            },
            &at,
            diags,
        );
        let indicator = resolve(
            cx,
            Lookup {
                id: cell_text(sheet, row, indicator_id),
                exists: &|id| site.indicator(id).is_some(),
                name: cell_text(sheet, row, col(&Key::Indicator)),
                by_name: &|w| cx.names.indicator(w),
                what: &im::WHAT_INDICATOR,
            },
            &at,
            diags,
        );
        // A blank scope id (or, without the column, a blank scope name) is no scope.
        let scope_cell = if scope_id.is_some() { cell_text(sheet, row, scope_id) } else { None };
        let scope_name = if scope_id.is_none() { cell_text(sheet, row, col(&Key::Scope)) } else { None };
        let scope = if scope_cell.is_none() && scope_name.is_none() {
            None
        } else {
            match resolve(
                cx,
                Lookup {
                    id: scope_cell,
                    exists: &|id| site.scope(id).is_some(),
                    name: scope_name,
                    by_name: &|w| cx.names.scope(w),
                    what: &im::WHAT_SCOPE,
                },
                &at,
                diags,
            ) {
                Some(s) => Some(s),
                None => continue,
            }
        };
        let (Some(region), Some(indicator)) = (region, indicator) else {
            if cell_text(sheet, row, indicator_id).is_none() && cell_text(sheet, row, col(&Key::Indicator)).is_none() {
                diags.push(
                    Diagnostic::error(cx.file, at.location(), msg!(m::NO_ROW_NAME))
                        .with_hint(msg!(m::NO_ROW_NAME_HINT)),
                );
            }
            continue;
        };
        if cx.region.is_some_and(|only| only != region) {
            continue;
        }
        let Some(ind) = site.indicator(&indicator) else { continue };
        // Shared by the row's values.
        let (region, indicator): (Arc<str>, Arc<str>) = (region.into(), indicator.into());
        let scope: Option<Arc<str>> = scope.map(Into::into);
        let note: Option<Arc<str>> = cell_text(sheet, row, note).map(Into::into);
        let source: Option<Arc<str>> = cell_text(sheet, row, source).map(Into::into);
        for &(c, period) in &periods {
            let cell = sheet.get(row, c);
            if *cell == CellValue::Empty {
                continue;
            }
            let at = CellAt::new(&sheet_name, row, c);
            if period.frequency() != ind.frequency {
                diags.push(
                    Diagnostic::error(
                        cx.file,
                        at.location(),
                        msg!(im::WRONG_FREQUENCY, period = period, indicator = &*indicator),
                    )
                    .with_hint(msg!(im::WRONG_FREQUENCY_HINT, frequency = ind.frequency.as_str())),
                );
                continue;
            }
            let Some((value, marked)) = read_value(cell, ind, &at, cx.file, counts, diags) else { continue };
            // A percentage typed as 85.2% is 0.852 in a cell whose format says so; an .xls or
            // .ods keeps no format, so such a number under a %-unit is refused, not taken 100×.
            if let Val::Number(n) = value
                && format != Format::Xlsx
                && ind.unit.is_percent()
                && !marked
                && n != 0.0
                && n.abs() <= 1.0
            {
                let v = values::write_number(n);
                diags.push(
                    Diagnostic::error(
                        cx.file,
                        at.location(),
                        msg!(m::FRACTION_PERCENT, indicator = &*indicator, value = &v),
                    )
                    .with_hint(msg!(m::FRACTION_PERCENT_HINT, value = &v)),
                );
                continue;
            }
            out.push(Imported {
                region: region.clone(),
                indicator: indicator.clone(),
                scope: scope.clone(),
                period,
                value,
                note: note.clone(),
                source: source.clone(),
                at,
            });
        }
    }
}

/// A date as the progress column holds it: a date cell, or `2025-03-31` written as text.
fn date_of(cell: &CellValue) -> Option<Result<Date, String>> {
    match cell {
        CellValue::Empty => None,
        CellValue::Date(y, mo, d) => {
            Some(Date::parse(&format!("{y}-{mo:02}-{d:02}")).ok_or_else(|| format!("{y}-{mo:02}-{d:02}")))
        }
        other => {
            let t = text_of(other)?;
            let (half, _) = values::half_width(&t);
            let plain = half.replace(['年', '月', '.'], "-").replace('日', "");
            Some(Date::parse(&plain).ok_or(t))
        }
    }
}

fn read_tasks(
    cx: &Context,
    sheet: &Sheet,
    keys: &[Option<Key>],
    counts: &mut Counts,
    diags: &mut Diagnostics,
    out: &mut Vec<TaskUpdate>,
) {
    let col = |k: &Key| keys.iter().position(|x| x.as_ref() == Some(k));
    let (region_id, task_id) = (col(&Key::RegionId), col(&Key::TaskId));
    for (c, name) in [(region_id, "region_id"), (task_id, "task_id")] {
        if c.is_none() {
            diags.push(missing_column(cx, sheet, name));
        }
    }
    let (status_col, progress_col, updated_col) = (col(&Key::Status), col(&Key::Progress), col(&Key::Updated));
    let mut seen: BTreeMap<(String, String), CellAt> = BTreeMap::new();
    let sheet_name: Arc<str> = sheet.name.as_str().into();
    for row in 2..sheet.rows.len() {
        let inputs = [status_col, progress_col, updated_col];
        if inputs.iter().all(|c| c.is_none_or(|c| *sheet.get(row, c) == CellValue::Empty)) {
            continue;
        }
        // The row's first cell, where a problem with its names is reported.
        let at = CellAt::new(&sheet_name, row, 0);
        let site = cx.site;
        let Some(region) = resolve(
            cx,
            Lookup {
                id: cell_text(sheet, row, region_id),
                exists: &|id| site.region(id).is_some(),
                name: cell_text(sheet, row, col(&Key::Region)),
                by_name: &|w| cx.names.region(w),
                what: &im::WHAT_REGION,
            },
            &at,
            diags,
        ) else {
            continue;
        };
        if cx.region.is_some_and(|only| only != region) {
            continue;
        }
        let Some(r) = site.region(&region) else { continue };
        // The task by its id, or by its title (and number, where titles repeat).
        let task = match cell_text(sheet, row, task_id) {
            Some(id) if r.tasks.iter().any(|t| t.id == id) => Some(id),
            Some(id) => {
                diags.push(
                    Diagnostic::error(
                        cx.file,
                        at.location(),
                        Message::new(&m::UNKNOWN_ID).arg("id", &id).arg_message("what", Message::new(&m::WHAT_TASK)),
                    )
                    .with_hint(msg!(m::UNKNOWN_ID_HINT)),
                );
                continue;
            }
            None => {
                let title = cell_text(sheet, row, col(&Key::Context("task"))).map(|t| key(&t));
                let number = cell_text(sheet, row, col(&Key::Context("number")));
                let same: Vec<&crate::model::Task> = r
                    .tasks
                    .iter()
                    .filter(|t| title.as_deref().is_some_and(|k| t.title.0.values().any(|v| key(v) == k)))
                    .collect();
                let pick = if same.len() > 1 {
                    same.iter().filter(|t| t.number == number).collect()
                } else {
                    same.iter().collect::<Vec<_>>()
                };
                match pick.as_slice() {
                    [one] => Some(one.id.clone()),
                    _ => None,
                }
            }
        };
        let Some(task) = task else {
            diags.push(
                Diagnostic::error(cx.file, at.location(), msg!(m::NO_ROW_NAME)).with_hint(msg!(m::NO_ROW_NAME_HINT)),
            );
            continue;
        };
        let status = match status_col.map(|c| sheet.get(row, c)).and_then(text_of) {
            None => None,
            Some(word) => match values::state(&word, counts) {
                Some(s) => Some(s),
                None => {
                    let at = at_cell(&sheet.name, row, status_col.unwrap_or(0));
                    diags.push(
                        Diagnostic::error(cx.file, at, msg!(im::NOT_A_STATE, text = &word, indicator = &task))
                            .with_hint(msg!(im::NOT_A_STATE_HINT)),
                    );
                    continue;
                }
            },
        };
        let progress = cell_text(sheet, row, progress_col);
        let updated = match updated_col.and_then(|c| date_of(sheet.get(row, c))) {
            None => None,
            Some(Ok(d)) => Some(d),
            Some(Err(t)) => {
                let at = at_cell(&sheet.name, row, updated_col.unwrap_or(0));
                diags.push(
                    Diagnostic::error(cx.file, at, msg!(m::NOT_A_DATE_CELL, text = t))
                        .with_hint(msg!(m::NOT_A_DATE_CELL_HINT)),
                );
                continue;
            }
        };
        if updated.is_none() && (status.is_some() || progress.is_some()) {
            let at = at_cell(&sheet.name, row, updated_col.unwrap_or(0));
            diags.push(
                Diagnostic::error(cx.file, at, msg!(m::PROGRESS_WITHOUT_DATE, task = &task))
                    .with_hint(msg!(m::PROGRESS_WITHOUT_DATE_HINT)),
            );
            continue;
        }
        if let Some(first) = seen.get(&(region.clone(), task.clone())) {
            diags.push(Diagnostic::error(
                cx.file,
                at.location(),
                msg!(m::TASK_TWICE, task = &task, region = &region, first = first.name()),
            ));
            continue;
        }
        seen.insert((region.clone(), task.clone()), at);
        out.push(TaskUpdate { region, task, status, progress, updated });
    }
}

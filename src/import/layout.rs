//! One sheet read into observations. A sheet is a header (one row, or two when a merged cell
//! spans the periods below it), rows of data, and columns that are either keys of their row
//! (region, indicator, scope, period, note, source) or values (whose header says what they
//! are: a period, an indicator, a scope, or several of these). A long table is the case where
//! one column is `value` and the others are keys; a wide table the case where the headers
//! carry periods or indicators. What the mapping file says wins over what is found.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::cell::{CellAt, Imported, Val, read_value, text_of};
use super::mapping::{PercentAs, Role, SheetMap};
use super::names::{Match, Names, key};
use super::values::{self, Counts, Norm};
use crate::diagnostics::{Diagnostic, Diagnostics, Location, suggest};
use crate::messages::{Message, import as m};
use crate::model::Site;
use crate::model::time::Period;
use crate::msg;
use crate::spreadsheet::{CellValue, Sheet, at_cell, column_index, column_name};

/// What the sheet looked like, for the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Long,
    ByRegion,
    ByIndicator,
    ByPeriod,
    Fixed,
    /// A workbook of `gongkai template`, read by its hidden ids.
    Workbook,
}

/// What the importer knows while it reads a sheet.
pub struct Context<'a> {
    pub site: &'a Site,
    pub names: &'a Names,
    pub file: &'a Path,
    /// `--region`: the region of a sheet without a region column, or the only one imported.
    pub region: Option<&'a str>,
}

/// Words of a long table's header (and of key columns of a wide one), in Chinese and English.
const ROLE_WORDS: &[(&str, Role)] = &[
    ("indicator", Role::Indicator),
    ("指标", Role::Indicator),
    ("指标名称", Role::Indicator),
    ("scope", Role::Scope),
    ("范围", Role::Scope),
    ("口径", Role::Scope),
    ("period", Role::Period),
    ("期间", Role::Period),
    ("时期", Role::Period),
    ("年份", Role::Period),
    ("年度", Role::Period),
    ("year", Role::Period),
    ("value", Role::Value),
    ("数值", Role::Value),
    ("值", Role::Value),
    ("指标值", Role::Value),
    ("note", Role::Note),
    ("备注", Role::Note),
    ("说明", Role::Note),
    ("source", Role::Source),
    ("来源", Role::Source),
    ("数据来源", Role::Source),
    ("region", Role::Region),
    ("地区", Role::Region),
    ("区域", Role::Region),
    ("地区名称", Role::Region),
    ("行政区划", Role::Region),
    ("序号", Role::Ignore),
    ("no.", Role::Ignore),
    ("单位", Role::Ignore),
    ("计量单位", Role::Ignore),
    ("unit", Role::Ignore),
];

fn role_word(text: &str) -> Option<Role> {
    let k = key(text);
    ROLE_WORDS.iter().find(|(w, _)| *w == k).map(|(_, r)| *r)
}

fn is_unit_word(text: &str) -> bool {
    matches!(key(text).as_str(), "单位" | "unit" | "计量单位")
}

/// A column's header: what it holds.
#[derive(Debug, Clone, Default)]
struct Column {
    role: Option<Role>,
    indicator: Option<Arc<str>>,
    scope: Option<Arc<str>>,
    period: Option<Period>,
}

/// Find the header row(s): the first row with two or more cells of which one is a known word,
/// a period or an indicator; with a second row when the first has no period and the next has.
fn find_header(sheet: &Sheet, names: &Names) -> Vec<usize> {
    let known = |c: &CellValue| {
        values::period(c, &mut Counts::new()).is_some()
            || text_of(c).is_some_and(|t| role_word(&t).is_some() || names.indicator(&t) != Match::None)
    };
    let filled = |r: &Vec<CellValue>| r.iter().filter(|c| **c != CellValue::Empty).count();
    let periods = |r: &Vec<CellValue>| r.iter().filter(|c| values::period(c, &mut Counts::new()).is_some()).count();
    let limit = sheet.rows.len().min(50);
    let first = (0..limit)
        .find(|&r| filled(&sheet.rows[r]) >= 2 && sheet.rows[r].iter().any(known))
        .or_else(|| (0..limit).find(|&r| filled(&sheet.rows[r]) >= 2))
        .unwrap_or(0);
    let next = sheet.rows.get(first + 1);
    let row_words =
        |r: &Vec<CellValue>| r.iter().filter_map(text_of).any(|t| role_word(&t).is_some_and(|r| r != Role::Ignore));
    match (sheet.rows.get(first), next) {
        (Some(h), Some(n)) if periods(h) == 0 && periods(n) >= 2 && !row_words(n) => vec![first, first + 1],
        _ => vec![first],
    }
}

/// How many pieces a sheet's rows are read in (in parallel).
const PIECES: usize = 64;

/// A value column of an indicator with the unit `%`: (column, indicator).
type PercentColumn = (usize, Arc<str>);

/// What one piece of a sheet's rows gave.
#[derive(Default)]
struct Piece {
    out: Vec<Imported>,
    /// (column, indicator) → indices into `out` of numbers that were not marked as percent.
    plain_numbers: HashMap<PercentColumn, Vec<usize>>,
    diags: Diagnostics,
    counts: Counts,
    /// The first value cell without a region, indicator or period (one is reported per sheet).
    missing: Option<Diagnostic>,
}

/// Read one sheet. Problems go to `diags`; the values read so far are returned either way.
pub fn read_sheet(
    cx: &Context,
    sheet: &Sheet,
    map: &SheetMap,
    counts: &mut Counts,
    diags: &mut Diagnostics,
) -> (Vec<Vec<Imported>>, Shape) {
    let name = sheet.name.as_str();
    let err = |at: Location, message: Message| Diagnostic::error(cx.file, at, message);
    let header: Vec<usize> = match &map.header {
        Some(h) => h.rows().iter().map(|r| r.saturating_sub(1)).collect(),
        None => find_header(sheet, cx.names),
    };
    let last_header = header.iter().copied().max().unwrap_or(0);
    let width = sheet.width();

    // The header of each column, merged cells filled to the right in all but the last row.
    let mut columns: Vec<Column> = vec![Column::default(); width];
    let mut parts: Vec<Vec<(usize, CellValue)>> = vec![Vec::new(); width];
    for (i, &h) in header.iter().enumerate() {
        let mut carried = CellValue::Empty;
        for (col, part) in parts.iter_mut().enumerate() {
            let c = sheet.get(h, col).clone();
            let lower_filled = header[i + 1..].iter().any(|&l| *sheet.get(l, col) != CellValue::Empty);
            let c = if c == CellValue::Empty && i + 1 < header.len() && lower_filled { carried.clone() } else { c };
            carried = c.clone();
            if c != CellValue::Empty {
                part.push((h, c));
            }
        }
    }
    let mapped: HashMap<String, Role> = map.columns.iter().map(|(k, r)| (key(k), *r)).collect();
    for (col, column) in columns.iter_mut().enumerate() {
        let last_text = parts[col].last().and_then(|(_, c)| text_of(c));
        let by_map = mapped
            .get(&key(&column_name(col)))
            .filter(|_| column_index(&column_name(col)).is_some())
            .or_else(|| last_text.as_ref().and_then(|t| mapped.get(&key(t))));
        if let Some(r) = by_map {
            column.role = Some(*r);
            continue;
        }
        if parts[col].is_empty() {
            column.role = Some(Role::Ignore);
            continue;
        }
        if parts[col].len() == 1
            && let Some(r) = last_text.as_deref().and_then(role_word)
        {
            column.role = Some(r);
            continue;
        }
        for (row, c) in &parts[col] {
            if let Some(p) = values::period(c, counts) {
                column.period = Some(p);
                continue;
            }
            let Some(t) = text_of(c) else { continue };
            if is_unit_word(&t) {
                continue;
            }
            match (cx.names.indicator(&t), cx.names.scope(&t)) {
                (Match::One(id), _) => column.indicator = Some(id.into()),
                (_, Match::One(id)) => column.scope = Some(id.into()),
                _ => {
                    let hint = suggest(&t, cx.names.indicator_words.iter().map(String::as_str))
                        .unwrap_or_else(|| msg!(m::UNKNOWN_HEADER_HINT));
                    diags.push(err(at_cell(name, *row, col), msg!(m::UNKNOWN_HEADER, text = t)).with_hint(hint));
                    column.role = Some(Role::Ignore);
                }
            }
        }
    }
    let key_col = |role: Role| columns.iter().position(|c| c.role == Some(role));
    let (region_col, indicator_col, scope_col, period_col) =
        (key_col(Role::Region), key_col(Role::Indicator), key_col(Role::Scope), key_col(Role::Period));
    let (note_col, source_col) = (key_col(Role::Note), key_col(Role::Source));
    let value_cols: Vec<usize> = (0..width).filter(|&c| matches!(columns[c].role, None | Some(Role::Value))).collect();
    let shape = if key_col(Role::Value).is_some() {
        Shape::Long
    } else if region_col.is_some() {
        Shape::ByRegion
    } else if indicator_col.is_some() {
        Shape::ByIndicator
    } else if period_col.is_some() {
        Shape::ByPeriod
    } else {
        Shape::Fixed
    };

    // What holds for the whole sheet.
    // A name the mapping gives that matches nothing is an error at its line in the mapping.
    let mut fixed = |key: &str, word: &Option<String>, found: Match, what: &'static crate::messages::Entry| {
        let w = word.as_deref()?;
        match found {
            Match::One(id) => Some(id),
            _ => {
                let message = msg!(m::MAPPING_UNKNOWN_NAME, name = w);
                let d = match map.place(key) {
                    Some((file, at)) => Diagnostic::error(file, at, message),
                    None => err(Location::File, message),
                };
                diags.push(
                    d.with_hint(Message::new(&m::MAPPING_UNKNOWN_NAME_HINT).arg_message("what", Message::new(what))),
                );
                None
            }
        }
    };
    let find = |w: &Option<String>, f: &dyn Fn(&str) -> Match| w.as_deref().map_or(Match::None, f);
    let sheet_region = fixed("region", &map.region, find(&map.region, &|w| cx.names.region(w)), &m::WHAT_REGION)
        .or_else(|| cx.region.map(str::to_string));
    let sheet_indicator =
        fixed("indicator", &map.indicator, find(&map.indicator, &|w| cx.names.indicator(w)), &m::WHAT_INDICATOR);
    let sheet_scope = fixed("scope", &map.scope, find(&map.scope, &|w| cx.names.scope(w)), &m::WHAT_SCOPE);
    // Values without a region, indicator or scope then follow from that error: not reported.
    let named_but_unknown = |w: &Option<String>, id: &Option<String>| w.is_some() && id.is_none();
    let mapping_unknown = named_but_unknown(&map.region, &sheet_region)
        || named_but_unknown(&map.indicator, &sheet_indicator)
        || named_but_unknown(&map.scope, &sheet_scope);
    let sheet_period = map.period.as_deref().and_then(|p| values::period(&CellValue::Text(p.to_string()), counts));

    let shared = |id: Option<String>| id.map(Arc::<str>::from);
    let (sheet_region, sheet_indicator, sheet_scope) =
        (shared(sheet_region), shared(sheet_indicator), shared(sheet_scope));
    let sheet_name: Arc<str> = name.into();
    // The rows in pieces, read in parallel and kept in order: a national sheet has 1.8 million
    // values (the pieces are not joined into one, which would copy them).
    let first_row = last_header + 1;
    let piece_rows = sheet.rows.len().saturating_sub(first_row).div_ceil(PIECES).max(1);
    let read_rows = |rows: std::ops::Range<usize>| -> Piece {
        let mut piece = Piece { out: Vec::with_capacity(rows.len() * value_cols.len()), ..Piece::default() };
        let Piece { out, plain_numbers, diags, counts, missing } = &mut piece;
        for row in rows {
            if map.skip.contains(&(row + 1)) || sheet.rows[row].iter().all(|c| *c == CellValue::Empty) {
                continue;
            }
            let cell_text = |c: Option<usize>| c.and_then(|c| text_of(sheet.get(row, c)));
            // A unit row: its key cell says 单位, or it has no key and only short words.
            let keys = [region_col, indicator_col, scope_col, period_col];
            if keys.iter().any(|&k| cell_text(k).is_some_and(|t| is_unit_word(&t)))
                || (keys.iter().all(|&k| cell_text(k).is_none())
                    && value_cols.iter().all(|&c| match sheet.get(row, c) {
                        CellValue::Empty => true,
                        CellValue::Text(t) => t.chars().count() <= 4 && !t.chars().any(|ch| ch.is_ascii_digit()),
                        _ => false,
                    })
                    && shape != Shape::Fixed)
            {
                continue;
            }
            let resolve =
                |col: Option<usize>, find: &dyn Fn(&str) -> Match, words: &[String], diags: &mut Diagnostics| {
                    let col = col?;
                    let t = text_of(sheet.get(row, col))?;
                    match find(&t) {
                        Match::One(id) => Some(Ok(id)),
                        Match::Several(ids) => {
                            let list: Vec<String> = ids
                                .iter()
                                .map(|id| {
                                    let parent = cx
                                        .site
                                        .region(id)
                                        .and_then(|r| r.parent.as_deref())
                                        .and_then(|p| cx.site.region(p));
                                    let pname = parent.and_then(|p| p.name.get("zh")).unwrap_or("—");
                                    format!("{id}（{pname}）")
                                })
                                .collect();
                            diags.push(
                                err(at_cell(name, row, col), msg!(m::AMBIGUOUS_NAME, name = t))
                                    .with_hint(msg!(m::AMBIGUOUS_NAME_HINT, candidates = list.join("、"))),
                            );
                            Some(Err(()))
                        }
                        Match::None => {
                            let hint = suggest(&t, words.iter().map(String::as_str))
                                .unwrap_or_else(|| msg!(m::UNKNOWN_NAME_HINT));
                            diags.push(err(at_cell(name, row, col), msg!(m::UNKNOWN_NAME, name = t)).with_hint(hint));
                            Some(Err(()))
                        }
                    }
                };
            let row_region = resolve(region_col, &|w| cx.names.region(w), &cx.names.region_words, diags);
            let row_indicator = resolve(indicator_col, &|w| cx.names.indicator(w), &cx.names.indicator_words, diags);
            let row_scope = resolve(scope_col, &|w| cx.names.scope(w), &cx.names.scope_words, diags);
            if [&row_region, &row_indicator, &row_scope].iter().any(|r| matches!(r, Some(Err(())))) {
                continue;
            }
            let row_region = shared(row_region.and_then(Result::ok));
            if let (Some(only), Some(r)) = (cx.region, &row_region)
                && only != &**r
            {
                continue;
            }
            let row_indicator = shared(row_indicator.and_then(Result::ok));
            let row_scope = shared(row_scope.and_then(Result::ok));
            let row_period = match period_col {
                Some(c) if *sheet.get(row, c) != CellValue::Empty => match values::period(sheet.get(row, c), counts) {
                    Some(p) => Some(p),
                    None => {
                        let t = text_of(sheet.get(row, c)).unwrap_or_default();
                        diags.push(
                            err(at_cell(name, row, c), msg!(m::BAD_PERIOD, text = t))
                                .with_hint(msg!(m::BAD_PERIOD_HINT)),
                        );
                        continue;
                    }
                },
                _ => None,
            };
            let note = shared(cell_text(note_col));
            let source = shared(cell_text(source_col));
            for &col in &value_cols {
                let cell = sheet.get(row, col);
                if *cell == CellValue::Empty {
                    continue;
                }
                let column = &columns[col];
                let region = row_region.as_ref().or(sheet_region.as_ref());
                let indicator = row_indicator.as_ref().or(column.indicator.as_ref()).or(sheet_indicator.as_ref());
                let scope = row_scope.as_ref().or(column.scope.as_ref()).or(sheet_scope.as_ref());
                let period = row_period.or(column.period).or(sheet_period);
                let at = CellAt::new(&sheet_name, row, col);
                let (Some(region), Some(indicator), Some(period)) = (region, indicator, period) else {
                    if !mapping_unknown && missing.is_none() {
                        let what = if region.is_none() {
                            &m::WHAT_REGION
                        } else if indicator.is_none() {
                            &m::WHAT_INDICATOR
                        } else {
                            &m::WHAT_PERIOD
                        };
                        *missing = Some(
                            err(at.location(), Message::new(&m::CELL_WITHOUT).arg_message("what", Message::new(what)))
                                .with_hint(msg!(m::CELL_WITHOUT_HINT)),
                        );
                    }
                    continue;
                };
                let Some(ind) = cx.site.indicator(indicator) else { continue };
                if period.frequency() != ind.frequency {
                    diags.push(
                        err(at.location(), msg!(m::WRONG_FREQUENCY, period = period, indicator = &**indicator))
                            .with_hint(msg!(m::WRONG_FREQUENCY_HINT, frequency = ind.frequency.as_str())),
                    );
                    continue;
                }
                let Some((value, marked)) = read_value(cell, ind, &at, cx.file, counts, diags) else { continue };
                if let Val::Number(_) = value
                    && !marked
                    && ind.unit.is_percent()
                {
                    plain_numbers.entry((col, indicator.clone())).or_default().push(out.len());
                }
                out.push(Imported {
                    region: region.clone(),
                    indicator: indicator.clone(),
                    scope: scope.cloned(),
                    period,
                    value,
                    note: note.clone(),
                    source: source.clone(),
                    at,
                });
            }
        }
        piece
    };
    let ranges: Vec<std::ops::Range<usize>> = (first_row..sheet.rows.len())
        .step_by(piece_rows)
        .map(|start| start..(start + piece_rows).min(sheet.rows.len()))
        .collect();
    let pieces: Vec<Piece> = ranges.into_par_iter().map(read_rows).collect();
    let mut out: Vec<Vec<Imported>> = Vec::with_capacity(pieces.len());
    // (column, indicator) → where in `out` the numbers are that were not marked as percent.
    let mut plain_numbers: HashMap<PercentColumn, Vec<(usize, usize)>> = HashMap::new();
    let mut missing_reported = mapping_unknown;
    for (p, piece) in pieces.into_iter().enumerate() {
        diags.extend(piece.diags);
        if let Some(d) = piece.missing
            && !missing_reported
        {
            missing_reported = true;
            diags.push(d);
        }
        for (k, n) in piece.counts {
            *counts.entry(k).or_default() += n;
        }
        for (k, idx) in piece.plain_numbers {
            plain_numbers.entry(k).or_default().extend(idx.into_iter().map(|i| (p, i)));
        }
        out.push(piece.out);
    }

    // Percent columns written as fractions: never a silent 100× error.
    for ((_, indicator), idx) in plain_numbers {
        let small = idx.iter().all(|&(p, i)| matches!(out[p][i].value, Val::Number(n) if n.abs() <= 1.0));
        let some = idx.iter().any(|&(p, i)| matches!(out[p][i].value, Val::Number(n) if n != 0.0));
        if !(small && some) {
            continue;
        }
        match map.percent {
            Some(PercentAs::Points) => {}
            Some(PercentAs::Fraction) => {
                for &(p, i) in &idx {
                    if let Val::Number(n) = out[p][i].value {
                        out[p][i].value = Val::Number(values::round15(n * 100.0).0);
                        *counts.entry(Norm::PercentFraction).or_default() += 1;
                    }
                }
            }
            None => {
                let first = &out[idx[0].0][idx[0].1];
                diags.push(
                    err(
                        first.at.location(),
                        msg!(m::PERCENT_AS_FRACTION, indicator = &*indicator, value = first.value.written()),
                    )
                    .with_hint(msg!(m::PERCENT_AS_FRACTION_HINT)),
                );
            }
        }
    }
    (out, shape)
}

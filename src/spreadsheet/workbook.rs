//! Workbooks through calamine. `.xlsx`/`.xlsm` are streamed cell by cell
//! (`worksheet_cells_reader`): the sheet's declared dimension is checked before a cell is read,
//! each cell's place as it comes, a formula must come with its cached value, and each cell's
//! number format says whether it shows a percentage. `.xls` and `.ods` are read whole by calamine (it offers no streaming for them),
//! their size checked once read.

use std::path::Path;

use calamine::{Data, DataRef, Reader, Xlsx, XlsxError};

use super::{CellValue, Format, Limits, Sheet, Sheets, Workbook, at_cell, check_size};
use crate::diagnostics::{Diagnostic, Location};
use crate::messages::{Message, import as m};
use crate::msg;

fn unreadable(shown: &Path, e: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::error(shown, Location::File, msg!(m::WORKBOOK_UNREADABLE, error = e))
        .with_hint(msg!(m::WORKBOOK_UNREADABLE_HINT))
}

/// The sheets asked for, by name, or an error naming the ones the workbook has.
fn chosen(shown: &Path, names: &[String], sheets: &Sheets) -> Result<Vec<String>, Diagnostic> {
    match sheets {
        Sheets::First => names.first().map(|n| vec![n.clone()]).ok_or_else(|| unreadable(shown, "no sheet")),
        Sheets::All => Ok(names.to_vec()),
        Sheets::Named(wanted) => wanted
            .iter()
            .map(|w| {
                names.iter().find(|n| n.trim() == w.trim()).cloned().ok_or_else(|| {
                    Diagnostic::error(shown, Location::File, msg!(m::NO_SUCH_SHEET, sheet = w))
                        .with_hint(msg!(m::NO_SUCH_SHEET_HINT, sheets = names.join("、")))
                })
            })
            .collect(),
    }
}

/// Whether an Excel number format shows a percentage: a `%` outside quotes and brackets.
fn is_percent_format(code: &str) -> bool {
    let (mut quoted, mut bracket, mut escaped) = (false, false, false);
    for c in code.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            '%' if !quoted && !bracket => return true,
            _ => {}
        }
    }
    false
}

/// A date cell's year, month and day.
fn date(dt: &calamine::ExcelDateTime) -> CellValue {
    if dt.is_duration() {
        return CellValue::Number { value: dt.as_f64(), percent: false };
    }
    let (y, mo, d, ..) = dt.to_ymd_hms_milli();
    CellValue::Date(y, mo, d)
}

/// `2023-06-01` or `2023-06-01T00:00:00` as a date cell; other text as it is.
fn iso_date(s: &str) -> CellValue {
    let parts: Vec<&str> = s.get(..10).unwrap_or("").split('-').collect();
    match (parts.first().and_then(|y| y.parse().ok()), parts.get(1).and_then(|m| m.parse().ok())) {
        (Some(y), Some(mo)) if parts.len() == 3 => CellValue::Date(y, mo, parts[2].parse().unwrap_or(1)),
        _ => CellValue::Text(s.to_string()),
    }
}

/// A formula cell with no calculated value at `at` (and `count - 1` more like it).
fn formula_without_value(shown: &Path, sheet: &str, at: (usize, usize), count: usize) -> Diagnostic {
    Diagnostic::error(
        shown,
        at_cell(sheet, at.0, at.1),
        match count {
            1 => msg!(m::FORMULA_WITHOUT_VALUE),
            n => msg!(m::FORMULA_WITHOUT_VALUE_MORE, more = n - 1),
        },
    )
    .with_hint(msg!(m::FORMULA_WITHOUT_VALUE_HINT))
}

fn too_long(shown: &Path, sheet: &str, row: usize, col: usize, limits: &Limits) -> Diagnostic {
    Diagnostic::error(shown, at_cell(sheet, row, col), msg!(m::TEXT_TOO_LONG))
        .with_hint(msg!(m::TEXT_TOO_LONG_HINT, limit = limits.text_chars))
}

/// Read an `.xlsx` or `.xlsm` workbook's sheets, streaming: one pass for the values and
/// formulas (a formula without a cached value is an error: the file was written by a program
/// that does not calculate), and, only when the workbook has a percent number format, a second
/// pass for the cells' styles.
pub fn read_xlsx(path: &Path, shown: &Path, sheets: &Sheets, limits: &Limits) -> Result<Workbook, Diagnostic> {
    let mut book: Xlsx<_> = calamine::open_workbook(path).map_err(|e| match e {
        XlsxError::Password => Diagnostic::error(shown, Location::File, msg!(m::PASSWORD_PROTECTED))
            .with_hint(msg!(m::PASSWORD_PROTECTED_HINT)),
        e => unreadable(shown, e),
    })?;
    let names = book.sheet_names();
    let mut out = Vec::new();
    for name in chosen(shown, &names, sheets)? {
        let mut reader = book.worksheet_cells_reader(&name).map_err(|e| unreadable(shown, e))?;
        let dims = reader.dimensions();
        check_size(shown, &name, dims.end.0 as u64 + 1, dims.end.1 as u64 + 1, limits)?;
        let percent: Vec<bool> = reader
            .styles()
            .iter()
            .map(|s| s.number_format.as_ref().is_some_and(|f| is_percent_format(&f.format_code)))
            .collect();
        let mut sheet = Sheet { name: name.clone(), ..Sheet::default() };
        let mut cells: u64 = 0;
        // The first formula cell without a value, and how many there are.
        let mut uncalculated: Option<(usize, usize)> = None;
        let mut uncalculated_count = 0usize;
        while let Some(record) = reader.next_cell_with_formula_metadata().map_err(|e| unreadable(shown, e))? {
            let (row, col) = record.pos;
            check_size(shown, &name, row as u64 + 1, col as u64 + 1, limits)?;
            cells += 1;
            if cells > limits.cells {
                check_size(shown, &name, cells, 1, limits)?;
            }
            let (row, col) = (row as usize, col as usize);
            let value = match record.value {
                DataRef::Empty if record.formula.is_some() => {
                    uncalculated.get_or_insert((row, col));
                    uncalculated_count += 1;
                    continue;
                }
                DataRef::Empty => continue,
                DataRef::Int(i) => CellValue::Number { value: i as f64, percent: false },
                DataRef::Float(f) => CellValue::Number { value: f, percent: false },
                DataRef::String(s) | DataRef::DurationIso(s) => CellValue::Text(s),
                DataRef::SharedString(s) => CellValue::Text(s.to_string()),
                DataRef::Bool(b) => CellValue::Bool(b),
                DataRef::DateTime(dt) => date(&dt),
                DataRef::DateTimeIso(s) => iso_date(&s),
                DataRef::Error(e) => CellValue::Error(e.to_string()),
            };
            if let CellValue::Text(t) = &value
                && t.chars().count() > limits.text_chars
            {
                return Err(too_long(shown, &name, row, col, limits));
            }
            sheet.set(row, col, value);
        }
        if let Some(at) = uncalculated {
            return Err(formula_without_value(shown, &name, at, uncalculated_count));
        }
        drop(reader);
        if percent.contains(&true) {
            let mut reader = book.worksheet_cells_reader(&name).map_err(|e| unreadable(shown, e))?;
            while let Some((row, col, style)) = reader.next_style_id().map_err(|e| unreadable(shown, e))? {
                if percent.get(style).copied().unwrap_or(false)
                    && let Some(CellValue::Number { percent, .. }) =
                        sheet.rows.get_mut(row as usize).and_then(|r| r.get_mut(col as usize))
                {
                    *percent = true;
                }
            }
        }
        out.push(sheet);
    }
    Ok(Workbook { file: shown.to_path_buf(), format: Format::Xlsx, sheets: out })
}

/// Read an `.xls` or `.ods` workbook's sheets, whole.
pub fn read_dense(
    path: &Path,
    shown: &Path,
    ext: &str,
    sheets: &Sheets,
    limits: &Limits,
) -> Result<Workbook, Diagnostic> {
    let mut book = calamine::open_workbook_auto(path).map_err(|e| match e {
        calamine::Error::Xls(calamine::XlsError::Password) | calamine::Error::Ods(calamine::OdsError::Password) => {
            Diagnostic::error(shown, Location::File, Message::new(&m::PASSWORD_PROTECTED))
                .with_hint(msg!(m::PASSWORD_PROTECTED_HINT))
        }
        e => unreadable(shown, e),
    })?;
    let names = book.sheet_names();
    let mut out = Vec::new();
    for name in chosen(shown, &names, sheets)? {
        let range = book.worksheet_range(&name).map_err(|e| unreadable(shown, e))?;
        let (height, width) = range.get_size();
        let start = range.start().unwrap_or((0, 0));
        check_size(shown, &name, start.0 as u64 + height as u64, start.1 as u64 + width as u64, limits)?;
        // A formula whose cell holds no value was saved by a program that does not calculate
        // (an .ods written by a script): an error. An .xls keeps a result with every formula,
        // and a blank one is either a formula that gives "" (=IF(A1="","",A1)) or a file from
        // a program that does not calculate (xlwt): read as blank, with a warning.
        let formulas = book.worksheet_formula(&name).map_err(|e| unreadable(shown, e))?;
        let f_start = formulas.start().unwrap_or((0, 0));
        let mut uncalculated: Option<(usize, usize)> = None;
        let mut uncalculated_count = 0usize;
        let mut blank = None;
        for (r, c, formula) in formulas.used_cells() {
            let (row, col) = (f_start.0 + r as u32, f_start.1 + c as u32);
            match range.get_value((row, col)) {
                _ if formula.is_empty() => {}
                None | Some(Data::Empty) => {
                    uncalculated.get_or_insert((row as usize, col as usize));
                    uncalculated_count += 1;
                }
                Some(Data::String(s)) if s.is_empty() => {
                    let (_, n) = blank.get_or_insert(((row as usize, col as usize), 0));
                    *n += 1;
                }
                Some(_) => {}
            }
        }
        if let Some(at) = uncalculated {
            return Err(formula_without_value(shown, &name, at, uncalculated_count));
        }
        let mut sheet = Sheet { name: name.clone(), blank_formulas: blank, ..Sheet::default() };
        for (r, c, data) in range.used_cells() {
            let (row, col) = (start.0 as usize + r, start.1 as usize + c);
            let value = match data {
                Data::Empty => continue,
                Data::Int(i) => CellValue::Number { value: *i as f64, percent: false },
                Data::Float(f) => CellValue::Number { value: *f, percent: false },
                Data::String(s) | Data::DurationIso(s) => CellValue::Text(s.clone()),
                Data::Bool(b) => CellValue::Bool(*b),
                Data::DateTime(dt) => date(dt),
                Data::DateTimeIso(s) => iso_date(s),
                Data::Error(e) => CellValue::Error(e.to_string()),
            };
            if let CellValue::Text(t) = &value
                && t.chars().count() > limits.text_chars
            {
                return Err(too_long(shown, &name, row, col, limits));
            }
            sheet.set(row, col, value);
        }
        out.push(sheet);
    }
    let format = if ext == "xls" { Format::Xls } else { Format::Ods };
    Ok(Workbook { file: shown.to_path_buf(), format, sheets: out })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_formats() {
        assert!(is_percent_format("0.0%"));
        assert!(is_percent_format("0%"));
        assert!(!is_percent_format("0.00"));
        assert!(!is_percent_format("0.0\"%\""));
        assert!(!is_percent_format("General"));
    }
}

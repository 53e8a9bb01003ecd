//! Spreadsheets as the people who supply the numbers keep them: `.xlsx`/`.xlsm` (streamed, cell
//! by cell, with each cell's number format), `.xls` and `.ods` (calamine), and CSV in UTF-8
//! (with or without BOM) or GB18030/GBK, read into sheets of typed cells. Nothing here knows
//! indicators or regions: `import` gives the cells their meaning.
//!
//! Every reader checks sizes against [`Limits`] before it builds anything (an xlsx sheet's
//! declared dimension, a file's size, each cell's row and column, a text's length), so that a
//! file claiming a cell at XFD1048576 is refused instead of allocating gigabytes.

mod guard;
mod text;
mod workbook;

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Location};
use crate::messages::import as m;
use crate::msg;

pub use text::{TextEncoding, decode};

/// How far a spreadsheet may go; past any of these it is refused with a clear error. Each is at
/// least twice what the national benchmark needs (a long table of 1.5 M rows, a wide table of
/// 3,000 regions × 500 columns); `docs/import.md` lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The file's size in bytes.
    pub file_bytes: u64,
    /// Rows of one sheet.
    pub rows: u32,
    /// Columns of one sheet.
    pub columns: u32,
    /// Cells of one sheet (rows × columns of its declared area, or cells read).
    pub cells: u64,
    /// Characters of one cell's text.
    pub text_chars: usize,
    /// Bytes one part of a zip (`.xlsx`, `.ods`: a sheet's XML, the shared strings) unpacks
    /// to; all parts together may unpack to twice this.
    pub part_bytes: u64,
    /// Parts in one zip.
    pub zip_parts: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            file_bytes: 256 << 20,
            rows: 4_000_000,
            columns: 2_048,
            cells: 20_000_000,
            text_chars: 32_767,
            part_bytes: 2 << 30,
            zip_parts: 10_000,
        }
    }
}

/// What kind of file was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Xls,
    Ods,
    Csv(TextEncoding),
}

/// A cell's value as the file holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    Empty,
    /// A number; `percent` when the cell's number format shows it as a percentage (xlsx), so
    /// that 0.852 is 85.2%.
    Number {
        value: f64,
        percent: bool,
    },
    Text(String),
    Bool(bool),
    /// A date or time cell: year, month, day.
    Date(u16, u8, u8),
    /// An error cell (`#DIV/0!`), as Excel shows it.
    Error(String),
}

/// One sheet: rows of cells, each row as long as its last cell (row and column from 0).
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<CellValue>>,
    /// Formula cells whose saved result is an empty text (an `.xls` keeps a result with every
    /// formula; a program that does not calculate leaves it empty): the first, and how many.
    pub blank_formulas: Option<((usize, usize), usize)>,
}

static EMPTY: CellValue = CellValue::Empty;

impl Sheet {
    /// The cell at `row`, `col` (from 0); empty where nothing is written.
    pub fn get(&self, row: usize, col: usize) -> &CellValue {
        self.rows.get(row).and_then(|r| r.get(col)).unwrap_or(&EMPTY)
    }

    /// The widest row's length.
    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    fn set(&mut self, row: usize, col: usize, value: CellValue) {
        if self.rows.len() <= row {
            self.rows.resize_with(row + 1, Vec::new);
        }
        let r = &mut self.rows[row];
        if r.len() <= col {
            r.resize(col + 1, CellValue::Empty);
        }
        r[col] = value;
    }
}

/// A file read: its format and its sheets in the workbook's order (a CSV has one, named after
/// the file).
#[derive(Debug, Clone)]
pub struct Workbook {
    pub file: PathBuf,
    pub format: Format,
    pub sheets: Vec<Sheet>,
}

/// `D7`: a cell's name as a spreadsheet shows it (row and column from 0).
pub fn cell_name(row: usize, col: usize) -> String {
    format!("{}{}", column_name(col), row + 1)
}

/// `A`, `Z`, `AA`: a column's letters (from 0).
pub fn column_name(col: usize) -> String {
    let mut n = col + 1;
    let mut s = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        s.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// `D` → 3: a column's letters read back (from 0); `None` if they are not letters.
pub fn column_index(letters: &str) -> Option<usize> {
    if letters.is_empty() || letters.len() > 3 || !letters.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    Some(letters.to_ascii_uppercase().bytes().fold(0usize, |n, b| n * 26 + (b - b'A' + 1) as usize) - 1)
}

/// Where a cell is, for a problem: `数据!D7`.
pub fn at_cell(sheet: &str, row: usize, col: usize) -> Location {
    Location::Cell { sheet: sheet.to_string(), cell: cell_name(row, col) }
}

/// Which sheets of a workbook to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sheets {
    /// The first sheet.
    First,
    /// These sheets, by name, in this order.
    Named(Vec<String>),
    /// Every sheet, hidden ones too, in the workbook's order (a workbook of `gongkai template`).
    All,
}

/// Read a spreadsheet or CSV file, checking its size first. `shown` is the path problems name.
pub fn read(path: &Path, shown: &Path, sheets: &Sheets, limits: &Limits) -> Result<Workbook, Diagnostic> {
    let error = |message| Diagnostic::error(shown, Location::File, message);
    let meta = std::fs::metadata(path).map_err(|e| {
        error(msg!(m::CANNOT_READ, error = crate::messages::io_error(&e).text(crate::messages::ui_lang())))
    })?;
    if meta.len() > limits.file_bytes {
        return Err(error(msg!(
            m::FILE_TOO_BIG,
            mb = format!("{:.1}", meta.len() as f64 / 1_048_576.0),
            limit = limits.file_bytes >> 20
        ))
        .with_hint(msg!(m::FILE_TOO_BIG_HINT)));
    }
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    // calamine's readers may still panic on a damaged file the fuzzer has not met (see
    // vendor/calamine/PATCHES.md for the ones it met): that is a damaged file, said as one,
    // not a crash. The default panic message is held back meanwhile.
    let quiet = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| by_format(path, shown, &ext, sheets, limits)));
    std::panic::set_hook(quiet);
    read.unwrap_or_else(|_| Err(error(msg!(m::WORKBOOK_DAMAGED)).with_hint(msg!(m::WORKBOOK_UNREADABLE_HINT))))
}

/// [`read`] by the file's extension.
fn by_format(path: &Path, shown: &Path, ext: &str, sheets: &Sheets, limits: &Limits) -> Result<Workbook, Diagnostic> {
    let error = |message| Diagnostic::error(shown, Location::File, message);
    match ext {
        "xlsx" | "xlsm" => {
            guard::check_zip(path, shown, false, limits)?;
            workbook::read_xlsx(path, shown, sheets, limits)
        }
        "ods" => {
            guard::check_zip(path, shown, true, limits)?;
            workbook::read_dense(path, shown, ext, sheets, limits)
        }
        "xls" => workbook::read_dense(path, shown, ext, sheets, limits),
        "csv" | "txt" => text::read_csv(path, shown, limits),
        "et" | "ett" => Err(error(msg!(m::WPS_ET)).with_hint(msg!(m::SAVE_AS_XLSX))),
        "xlsb" => Err(error(msg!(m::UNSUPPORTED_FORMAT, ext = ext)).with_hint(msg!(m::SAVE_AS_XLSX))),
        _ => Err(error(msg!(m::UNSUPPORTED_FORMAT, ext = ext)).with_hint(msg!(m::UNSUPPORTED_FORMAT_HINT))),
    }
}

/// A sheet's declared or found size against the limits; the error names the sheet.
fn check_size(shown: &Path, sheet: &str, rows: u64, columns: u64, limits: &Limits) -> Result<(), Diagnostic> {
    if rows > limits.rows as u64 || columns > limits.columns as u64 || rows * columns > limits.cells {
        return Err(Diagnostic::error(
            shown,
            Location::File,
            msg!(m::SHEET_TOO_BIG, sheet = sheet, rows = rows, columns = columns),
        )
        .with_hint(msg!(
            m::SHEET_TOO_BIG_HINT,
            rows = limits.rows,
            columns = limits.columns,
            cells = limits.cells
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names() {
        assert_eq!(cell_name(6, 3), "D7");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(16383), "XFD");
        assert_eq!(column_index("XFD"), Some(16383));
        assert_eq!(column_index("d"), Some(3));
        assert_eq!(column_index("地区"), None);
    }
}

//! One value cell read into an imported value: a number exactly as Excel shows it, or a
//! qualitative state, with the cell it came from; a cell that holds no value of the indicator
//! is a problem named at that cell.

use std::path::Path;
use std::sync::Arc;

use super::values::{self, Counts, Norm};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::messages::{Message, import as m};
use crate::model::Indicator;
use crate::model::time::Period;
use crate::msg;
use crate::spreadsheet::{CellValue, at_cell};
use crate::vocab::{Kind, WorkState};

/// One value read, ready to be written. A national workbook has 1.8 million: the names, note
/// and source are shared by the values of a row or column, and the cell is made into a
/// [`Location`] only for a message.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub region: Arc<str>,
    pub indicator: Arc<str>,
    pub scope: Option<Arc<str>>,
    pub period: Period,
    pub value: Val,
    pub note: Option<Arc<str>>,
    pub source: Option<Arc<str>>,
    /// The cell it came from.
    pub at: CellAt,
}

/// A cell of a sheet (row and column from 0).
#[derive(Debug, Clone, PartialEq)]
pub struct CellAt {
    pub sheet: Arc<str>,
    pub row: u32,
    pub col: u32,
}

impl CellAt {
    pub fn new(sheet: &Arc<str>, row: usize, col: usize) -> CellAt {
        let n = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
        CellAt { sheet: sheet.clone(), row: n(row), col: n(col) }
    }

    pub fn location(&self) -> Location {
        at_cell(&self.sheet, self.row as usize, self.col as usize)
    }

    /// `数据!D7`.
    pub fn name(&self) -> String {
        format!("{}!{}", self.sheet, crate::spreadsheet::cell_name(self.row as usize, self.col as usize))
    }
}

/// A value: a number (to at most 15 digits) or a state.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Val {
    Number(f64),
    State(WorkState),
}

impl Val {
    /// As `data.csv` holds it.
    pub fn written(self) -> String {
        match self {
            Val::Number(n) => values::write_number(n),
            Val::State(s) => s.as_str().to_string(),
        }
    }
}

/// A value cell under `ind`; `None` (with a problem, unless it is a missing mark) when there is
/// no value. The flag says the cell itself showed a percentage.
pub(super) fn read_value(
    cell: &CellValue,
    ind: &Indicator,
    at: &CellAt,
    file: &Path,
    counts: &mut Counts,
    diags: &mut Diagnostics,
) -> Option<(Val, bool)> {
    let err = |message: Message, hint: Message| Diagnostic::error(file, at.location(), message).with_hint(hint);
    if ind.kind == Kind::Qualitative {
        let word = match cell {
            CellValue::Text(t) => t.clone(),
            CellValue::Bool(true) => "是".to_string(),
            CellValue::Bool(false) => "否".to_string(),
            other => text_of(other).unwrap_or_default(),
        };
        let (w, _) = values::half_width(&word);
        if matches!(w.trim(), "" | "—" | "——" | "-" | "/") {
            return None;
        }
        return match values::state(&word, counts) {
            Some(s) => Some((Val::State(s), false)),
            None => {
                diags.push(err(msg!(m::NOT_A_STATE, text = word, indicator = &ind.id), msg!(m::NOT_A_STATE_HINT)));
                None
            }
        };
    }
    let (n, percent) = match cell {
        CellValue::Number { value, percent } => (*value, *percent),
        CellValue::Text(t) => match values::number_text(t, counts) {
            Ok(Some(n)) => n,
            Ok(None) => return None,
            Err(_) => {
                diags
                    .push(err(msg!(m::NOT_A_NUMBER, text = t.trim(), indicator = &ind.id), msg!(m::NOT_A_NUMBER_HINT)));
                return None;
            }
        },
        CellValue::Error(e) => {
            diags.push(err(msg!(m::ERROR_CELL, error = e), msg!(m::ERROR_CELL_HINT)));
            return None;
        }
        CellValue::Date(y, mo, d) => {
            diags.push(err(msg!(m::DATE_AS_VALUE, date = format!("{y}-{mo:02}-{d:02}")), msg!(m::DATE_AS_VALUE_HINT)));
            return None;
        }
        CellValue::Bool(b) => {
            diags.push(err(msg!(m::NOT_A_NUMBER, text = b, indicator = &ind.id), msg!(m::NOT_A_NUMBER_HINT)));
            return None;
        }
        CellValue::Empty => return None,
    };
    if percent && !ind.unit.is_percent() {
        diags.push(err(msg!(m::PERCENT_NOT_PERCENT_UNIT, indicator = &ind.id), msg!(m::PERCENT_NOT_PERCENT_UNIT_HINT)));
        return None;
    }
    let (n15, rounded) = values::round15(n);
    if rounded {
        *counts.entry(Norm::Rounded).or_default() += 1;
    }
    // A percent-formatted cell holds 0.852 for 85.2%; text "85.2%" holds 85.2.
    let from_cell = matches!(cell, CellValue::Number { percent: true, .. });
    let value = if from_cell {
        *counts.entry(Norm::PercentCell).or_default() += 1;
        values::round15(n15 * 100.0).0
    } else {
        n15
    };
    Some((Val::Number(value), percent))
}

/// A cell as text, for names and notes.
pub(super) fn text_of(c: &CellValue) -> Option<String> {
    match c {
        CellValue::Empty => None,
        CellValue::Text(t) => Some(t.trim().to_string()).filter(|t| !t.is_empty()),
        CellValue::Number { value, .. } => Some(values::write_number(*value)),
        CellValue::Bool(b) => Some(b.to_string()),
        CellValue::Date(y, mo, d) => Some(format!("{y}-{mo:02}-{d:02}")),
        CellValue::Error(e) => Some(e.clone()),
    }
}

//! Cells read exactly: numbers as Excel shows them (at most 15 significant digits), with
//! full-width digits, thousands separators, a trailing `%`, `2023年` and the usual marks for a
//! missing value understood; 是/否 and 已完成/推进中/未启动 for a qualitative state; periods
//! from text, numbers and dates Excel made of them. Every change of form is counted, so the
//! summary can say what was normalised.

use std::collections::BTreeMap;

use crate::messages::{Entry, import as m};
use crate::model::time::Period;
use crate::spreadsheet::CellValue;
use crate::vocab::WorkState;

/// A kind of normalisation the importer made, counted in the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Norm {
    FullWidth,
    Thousands,
    PercentSign,
    PercentCell,
    PercentFraction,
    Missing,
    StateWord,
    ChinesePeriod,
    DatePeriod,
    Rounded,
}

impl Norm {
    /// The summary's words for it.
    pub fn entry(self) -> &'static Entry {
        match self {
            Norm::FullWidth => &m::NORM_FULL_WIDTH,
            Norm::Thousands => &m::NORM_THOUSANDS,
            Norm::PercentSign => &m::NORM_PERCENT_SIGN,
            Norm::PercentCell => &m::NORM_PERCENT_CELL,
            Norm::PercentFraction => &m::NORM_PERCENT_FRACTION,
            Norm::Missing => &m::NORM_MISSING,
            Norm::StateWord => &m::NORM_STATE_WORD,
            Norm::ChinesePeriod => &m::NORM_CHINESE_PERIOD,
            Norm::DatePeriod => &m::NORM_DATE_PERIOD,
            Norm::Rounded => &m::NORM_ROUNDED,
        }
    }
}

/// How many cells each normalisation touched.
pub type Counts = BTreeMap<Norm, usize>;

/// Full-width ASCII (`８５．２`, `％`, `，`) and the ideographic space made half-width; `true`
/// when anything changed.
pub fn half_width(s: &str) -> (String, bool) {
    let mut changed = false;
    let out = s
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => {
                changed = true;
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            '\u{3000}' => {
                changed = true;
                ' '
            }
            _ => c,
        })
        .collect();
    (out, changed)
}

/// Marks for "no value": a blank cell never deletes and these are skipped like it.
fn is_missing(s: &str) -> bool {
    matches!(s, "" | "—" | "——" | "-" | "--" | "–" | "/" | "…" | "……")
}

/// Text that is not a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotANumber;

/// A number as written in a text cell: `Ok(None)` for a missing mark, `Err` for text that is
/// not a number. `percent` is set when it ended in `%`.
pub fn number_text(s: &str, counts: &mut Counts) -> Result<Option<(f64, bool)>, NotANumber> {
    let (s, wide) = half_width(s);
    let mut t = s.trim();
    if is_missing(t) {
        if !t.is_empty() {
            *counts.entry(Norm::Missing).or_default() += 1;
        }
        return Ok(None);
    }
    let mut percent = false;
    if let Some(rest) = t.strip_suffix('%') {
        t = rest.trim_end();
        percent = true;
    }
    let plain: String;
    if t.contains(',') {
        let (int, frac) = t.split_once('.').unwrap_or((t, ""));
        let digits = int.trim_start_matches(['-', '+']);
        let groups: Vec<&str> = digits.split(',').collect();
        let grouped = !groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3)
            && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
        if !grouped {
            return Err(NotANumber);
        }
        plain = if frac.is_empty() { int.replace(',', "") } else { format!("{}.{frac}", int.replace(',', "")) };
        *counts.entry(Norm::Thousands).or_default() += 1;
        t = &plain;
    }
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E')) {
        return Err(NotANumber);
    }
    let n: f64 = t.parse().map_err(|_| NotANumber)?;
    if !n.is_finite() {
        return Err(NotANumber);
    }
    if wide {
        *counts.entry(Norm::FullWidth).or_default() += 1;
    }
    if percent {
        *counts.entry(Norm::PercentSign).or_default() += 1;
    }
    Ok(Some((n, percent)))
}

/// `v` to 15 significant digits (what Excel shows), and whether that differs from `v`.
pub fn round15(v: f64) -> (f64, bool) {
    if v == 0.0 {
        return (0.0, false);
    }
    // A number whose shortest form has at most 15 significant digits is its own rounding: most
    // are, and that is found without printing 15 digits and reading them back.
    if v.is_finite() && significant_digits(ryu::Buffer::new().format_finite(v)) <= 15 {
        return (v, false);
    }
    let r: f64 = format!("{v:.14e}").parse().unwrap_or(v);
    let r = if r == 0.0 { 0.0 } else { r };
    (r, r.to_bits() != v.to_bits() && !(r == 0.0 && v == 0.0))
}

/// The significant digits of a number written `123.45`, `0.00012` or `1.5e-7`.
fn significant_digits(s: &str) -> usize {
    let mantissa = s.split(['e', 'E']).next().unwrap_or(s);
    let digits: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
    let start = digits.iter().position(|&d| d != b'0').unwrap_or(digits.len());
    let end = digits.iter().rposition(|&d| d != b'0').map_or(start, |i| i + 1);
    end.saturating_sub(start)
}

/// A number as `data.csv` holds it: the shortest form, trailing zeros dropped.
pub fn write_number(v: f64) -> String {
    format!("{v}")
}

/// A qualitative state from its word: the content format's own words, 是/否 and the
/// Chinese state words. `None` when it is none of them.
pub fn state(s: &str, counts: &mut Counts) -> Option<WorkState> {
    let (s, _) = half_width(s);
    let t = s.trim();
    if let Some(w) = WorkState::parse(t) {
        return Some(w);
    }
    let w = match t {
        "是" | "已完成" | "完成" | "已实现" => WorkState::Done,
        "推进中" | "进行中" | "正在推进" => WorkState::InProgress,
        "否" | "未启动" | "未开始" => WorkState::NotStarted,
        "滞后" | "延期" | "已延期" => WorkState::Delayed,
        _ => return None,
    };
    *counts.entry(Norm::StateWord).or_default() += 1;
    Some(w)
}

/// A Chinese number of a quarter: 一 → 1.
fn quarter_digit(s: &str) -> Option<u8> {
    match s {
        "1" | "一" => Some(1),
        "2" | "二" => Some(2),
        "3" | "三" => Some(3),
        "4" | "四" => Some(4),
        _ => None,
    }
}

/// A period from a header or a period cell: `2021`, `2021年`, `2023Q1`, `2023年第一季度`,
/// `2023年6月`, `2023-06`, `2023/6`, `2023.06`, a year as a number, a date Excel made of
/// `2023-06` (its first day). `None` when it is not a period.
pub fn period(cell: &CellValue, counts: &mut Counts) -> Option<Period> {
    match cell {
        CellValue::Number { value, percent: false } if value.fract() == 0.0 => {
            Period::parse(&format!("{}", *value as i64))
        }
        CellValue::Date(y, mo, 1) => {
            let p = Period::parse(&format!("{y}-{mo:02}"))?;
            *counts.entry(Norm::DatePeriod).or_default() += 1;
            Some(p)
        }
        CellValue::Text(t) => period_text(t, counts),
        _ => None,
    }
}

fn period_text(t: &str, counts: &mut Counts) -> Option<Period> {
    let (s, wide) = half_width(t);
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some(p) = Period::parse(&s) {
        if wide {
            *counts.entry(Norm::FullWidth).or_default() += 1;
        }
        return Some(p);
    }
    let p = if let Some((y, rest)) = s.split_once('年') {
        let rest = rest.trim_end_matches('末').trim_end_matches('底');
        if rest.is_empty() || rest == "度" {
            Period::parse(y)
        } else if let Some(q) = rest.strip_suffix("季度") {
            let q = q.trim_start_matches('第');
            Period::parse(&format!("{y}Q{}", quarter_digit(q)?))
        } else if let Some(mo) = rest.strip_suffix('月') {
            let mo: u8 = mo.parse().ok()?;
            Period::parse(&format!("{y}-{mo:02}"))
        } else {
            Period::parse(&format!("{y}{rest}"))
        }
    } else if let Some((y, mo)) = s.split_once(['/', '.']) {
        let mo: u8 = mo.parse().ok()?;
        Period::parse(&format!("{y}-{mo:02}"))
    } else if let Some((y, mo)) = s.split_once('-').filter(|(_, mo)| mo.len() == 1) {
        Period::parse(&format!("{y}-0{mo}"))
    } else {
        None
    }?;
    *counts.entry(Norm::ChinesePeriod).or_default() += 1;
    Some(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> Result<Option<(f64, bool)>, NotANumber> {
        number_text(s, &mut Counts::new())
    }

    #[test]
    fn numbers_as_written() {
        assert_eq!(num("８５．２"), Ok(Some((85.2, false))));
        assert_eq!(num("1,234.5"), Ok(Some((1234.5, false))));
        assert_eq!(num("１，２３４"), Ok(Some((1234.0, false))));
        assert_eq!(num("85.2%"), Ok(Some((85.2, true))));
        assert_eq!(num("—"), Ok(None));
        assert_eq!(num("－"), Ok(None));
        assert_eq!(num("/"), Ok(None));
        assert_eq!(num(""), Ok(None));
        assert_eq!(num("12,34"), Err(NotANumber));
        assert_eq!(num("约85"), Err(NotANumber));
        assert_eq!(num("inf"), Err(NotANumber));
    }

    #[test]
    fn fifteen_digits() {
        assert_eq!(round15(0.1 + 0.2), (0.3, true));
        assert_eq!(round15(85.2), (85.2, false));
        // The shortest form decides where it can: these are their own rounding, or not.
        assert_eq!(round15(1e21), (1e21, false));
        assert_eq!(round15(-0.0), (0.0, false));
        assert_eq!(round15(0.000123456789012345), (0.000123456789012345, false));
        assert_eq!(round15(0.1234567890123456), (0.123456789012346, true));
        assert_eq!(round15(1234567890123456.0), (1234567890123460.0, true));
        assert_eq!(significant_digits("1000.0"), 1);
        assert_eq!(significant_digits("0.00012"), 2);
        assert_eq!(significant_digits("1.5e-7"), 2);
        assert_eq!(write_number(round15(0.852 * 100.0).0), "85.2");
        assert_eq!(write_number(1.0), "1");
        assert_eq!(write_number(1234567.0), "1234567");
    }

    #[test]
    fn periods_in_many_forms() {
        let p = |s: &str| period(&CellValue::Text(s.into()), &mut Counts::new()).map(|p| p.to_string());
        assert_eq!(p("2021年").as_deref(), Some("2021"));
        assert_eq!(p("2022").as_deref(), Some("2022"));
        assert_eq!(p("2023Q1").as_deref(), Some("2023Q1"));
        assert_eq!(p("2023年第一季度").as_deref(), Some("2023Q1"));
        assert_eq!(p("2023年6月").as_deref(), Some("2023-06"));
        assert_eq!(p("2023/6").as_deref(), Some("2023-06"));
        assert_eq!(p("２０２３年").as_deref(), Some("2023"));
        assert_eq!(p("平均住院日"), None);
        let mut c = Counts::new();
        assert_eq!(period(&CellValue::Date(2023, 6, 1), &mut c).map(|p| p.to_string()).as_deref(), Some("2023-06"));
        assert_eq!(c.get(&Norm::DatePeriod), Some(&1));
        assert_eq!(period(&CellValue::Number { value: 2021.0, percent: false }, &mut c), Period::parse("2021"));
    }

    #[test]
    fn states() {
        let mut c = Counts::new();
        assert_eq!(state("是", &mut c), Some(WorkState::Done));
        assert_eq!(state("推进中", &mut c), Some(WorkState::InProgress));
        assert_eq!(state("in_progress", &mut c), Some(WorkState::InProgress));
        assert_eq!(state("好", &mut c), None);
        assert_eq!(c.get(&Norm::StateWord), Some(&2));
    }
}

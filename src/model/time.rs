//! Periods of observations (`2023`, `2023Q2`, `2023-06`) and calendar dates (`2023-05-23`).

use std::fmt::{self, Write as _};

use serde::{Serialize, Serializer};

use crate::vocab::Frequency;

/// The period an observation is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    Year(i32),
    Quarter(i32, u8),
    Month(i32, u8),
}

/// Years outside this range are taken as typing mistakes.
pub const YEARS: std::ops::RangeInclusive<i32> = 1949..=2100;

impl Period {
    /// Parse `2023`, `2023Q2` (or `2023-Q2`) or `2023-06`.
    pub fn parse(s: &str) -> Option<Period> {
        let s = s.trim();
        let year = |y: &str| y.parse::<i32>().ok().filter(|y| y.to_string().len() == 4 && YEARS.contains(y));
        if let Some((y, q)) = s.split_once('Q').or_else(|| s.split_once("-Q")).or_else(|| s.split_once('q')) {
            let y = year(y.trim_end_matches('-'))?;
            let q: u8 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
            return Some(Period::Quarter(y, q));
        }
        if let Some((y, m)) = s.split_once('-') {
            if m.is_empty() || m.len() > 2 {
                return None;
            }
            let m: u8 = m.parse().ok().filter(|m: &u8| (1..=12).contains(m))?;
            return Some(Period::Month(year(y)?, m));
        }
        year(s).map(Period::Year)
    }

    pub fn year(self) -> i32 {
        match self {
            Period::Year(y) | Period::Quarter(y, _) | Period::Month(y, _) => y,
        }
    }

    pub fn frequency(self) -> Frequency {
        match self {
            Period::Year(_) => Frequency::Yearly,
            Period::Quarter(..) => Frequency::Quarterly,
            Period::Month(..) => Frequency::Monthly,
        }
    }

    /// The end of the period in years: 2023 → 2023.0, 2023Q2 → 2022.5, 2023-06 → 2022.5.
    /// A target year T is reached at T.0, so the time between two periods is a difference.
    pub fn end(self) -> f64 {
        match self {
            Period::Year(y) => y as f64,
            Period::Quarter(y, q) => y as f64 - 1.0 + q as f64 / 4.0,
            Period::Month(y, m) => y as f64 - 1.0 + m as f64 / 12.0,
        }
    }

    /// The next period of the same frequency.
    pub fn next(self) -> Period {
        match self {
            Period::Year(y) => Period::Year(y + 1),
            Period::Quarter(y, 4) => Period::Quarter(y + 1, 1),
            Period::Quarter(y, q) => Period::Quarter(y, q + 1),
            Period::Month(y, 12) => Period::Month(y + 1, 1),
            Period::Month(y, m) => Period::Month(y, m + 1),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y}"),
            Period::Quarter(y, q) => write!(f, "{y}Q{q}"),
            Period::Month(y, m) => write!(f, "{y}-{m:02}"),
        }
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Parse `2023-05-23` (also `2023/05/23`).
    pub fn parse(s: &str) -> Option<Date> {
        let mut parts = s.trim().split(['-', '/']);
        let year: i32 = parts.next()?.parse().ok().filter(|y| YEARS.contains(y))?;
        let month: u8 = parts.next()?.parse().ok().filter(|m| (1..=12).contains(m))?;
        let day: u8 = parts.next()?.parse().ok()?;
        if parts.next().is_some() || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }
}

impl Date {
    /// Days since 1970-01-01 (negative before), for counting days between dates.
    pub fn days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let (m, d) = (self.month as i64, self.day as i64);
        let y = self.year as i64 - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }

    /// The date `days` after 1970-01-01 (the inverse of [`Date::days`]).
    pub fn from_days(days: i64) -> Date {
        let z = days + 719468;
        let era = z.div_euclid(146097);
        let doe = z - era * 146097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }
}

impl Period {
    /// The last day of the period: 2023 → 2023-12-31, 2023Q2 → 2023-06-30, 2023-02 → 2023-02-28.
    pub fn last_day(self) -> Date {
        let (year, month) = match self {
            Period::Year(y) => (y, 12),
            Period::Quarter(y, q) => (y, q * 3),
            Period::Month(y, m) => (y, m),
        };
        Date { year, month, day: days_in_month(year, month) }
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// The date as `2023-05-23`, written on the stack: a national site prints millions of dates
    /// (every value's `released` on its pages and in the downloads, every page's date twice),
    /// and going through `fmt` and a `String` for each cost more than the rest of a CSV row.
    pub fn text(self) -> DateText {
        let mut t = DateText { bytes: [0; DateText::CAPACITY], len: 0 };
        match self.digits() {
            Some(text) => {
                t.bytes[..text.len()].copy_from_slice(&text);
                t.len = text.len() as u8;
            }
            // Outside four-digit years: the general way (at most 11 + 1 + 3 + 1 + 3 bytes).
            None => {
                let _ = write!(t, "{}-{:02}-{:02}", self.year, self.month, self.day);
            }
        }
        t
    }

    /// The date's text added to `out`, as [`Date::text`] writes it.
    pub fn push_to(self, out: &mut String) {
        match self.digits() {
            Some(text) => out.extend(text.iter().map(|&b| char::from(b))),
            None => out.push_str(self.text().as_str()),
        }
    }

    /// `YYYY-MM-DD` as ASCII, for a year of four digits.
    fn digits(self) -> Option<[u8; 10]> {
        let (y, m, d) = (self.year, self.month, self.day);
        if !(1000..=9999).contains(&y) || m > 99 || d > 99 {
            return None;
        }
        let digit = |n: u32| b'0' + (n % 10) as u8;
        let y = y as u32;
        let (m, d) = (u32::from(m), u32::from(d));
        Some([
            digit(y / 1000),
            digit(y / 100),
            digit(y / 10),
            digit(y),
            b'-',
            digit(m / 10),
            digit(m),
            b'-',
            digit(d / 10),
            digit(d),
        ])
    }
}

/// A date's text, held without allocating ([`Date::text`]).
#[derive(Clone, Copy)]
pub struct DateText {
    bytes: [u8; DateText::CAPACITY],
    len: u8,
}

impl DateText {
    const CAPACITY: usize = 24;

    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }

    pub fn as_str(&self) -> &str {
        // Only whole `str`s are ever written into `bytes` (ASCII digits and dashes, or
        // `fmt`'s output), so this never falls back.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or_default()
    }
}

impl fmt::Write for DateText {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let start = usize::from(self.len);
        let end = start + s.len();
        let room = self.bytes.get_mut(start..end).ok_or(fmt::Error)?;
        room.copy_from_slice(s.as_bytes());
        self.len = end as u8;
        Ok(())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.text().as_str())
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.text().as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_periods() {
        assert_eq!(Period::parse("2023"), Some(Period::Year(2023)));
        assert_eq!(Period::parse("2023Q2"), Some(Period::Quarter(2023, 2)));
        assert_eq!(Period::parse("2023-Q4"), Some(Period::Quarter(2023, 4)));
        assert_eq!(Period::parse("2023-06"), Some(Period::Month(2023, 6)));
        for bad in ["23", "2023Q5", "2023-13", "2023-00", "2023年", "20233", "", "2023-06-01", "Q2"] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn periods_order_and_measure_time() {
        assert!(Period::Quarter(2023, 4) < Period::Quarter(2024, 1));
        assert_eq!(Period::Year(2025).end() - Period::Year(2020).end(), 5.0);
        assert_eq!(Period::Quarter(2023, 4).end(), 2023.0);
        assert_eq!(Period::Month(2023, 12).next(), Period::Month(2024, 1));
        assert_eq!(Period::Month(2024, 3).to_string(), "2024-03");
    }

    #[test]
    fn counts_days_and_ends_periods() {
        let d = |s: &str| Date::parse(s).unwrap();
        assert_eq!(d("1970-01-01").days(), 0);
        assert_eq!(d("2024-03-01").days() - d("2024-02-28").days(), 2);
        for s in ["2000-02-29", "2023-12-31", "1999-01-01", "2100-03-01"] {
            assert_eq!(Date::from_days(d(s).days()), d(s), "{s}");
        }
        assert_eq!(Period::Year(2023).last_day(), d("2023-12-31"));
        assert_eq!(Period::Quarter(2023, 2).last_day(), d("2023-06-30"));
        assert_eq!(Period::Month(2024, 2).last_day(), d("2024-02-29"));
    }

    #[test]
    fn parses_dates() {
        assert_eq!(Date::parse("2023-05-23").map(|d| d.to_string()).as_deref(), Some("2023-05-23"));
        // Written digit by digit where the year has four; as `{}-{:02}-{:02}` otherwise.
        for (y, m, d) in
            [(2025, 12, 1), (1000, 1, 9), (9999, 10, 31), (999, 2, 3), (10000, 7, 4), (-5, 1, 1), (i32::MIN, 255, 255)]
        {
            let date = Date { year: y, month: m, day: d };
            assert_eq!(date.to_string(), format!("{y}-{m:02}-{d:02}"));
            assert_eq!(date.text().as_str(), format!("{y}-{m:02}-{d:02}"));
            let mut pushed = String::from("on ");
            date.push_to(&mut pushed);
            assert_eq!(pushed, format!("on {y}-{m:02}-{d:02}"));
            assert_eq!(serde_json::to_string(&date).ok(), Some(format!("\"{y}-{m:02}-{d:02}\"")));
        }
        assert_eq!(format!("[{:>12}]", Date { year: 2024, month: 2, day: 29 }), "[  2024-02-29]");
        assert_eq!(Date::parse("2024-02-29").map(|d| d.day), Some(29));
        assert_eq!(Date::parse("2023-02-29"), None);
        assert_eq!(Date::parse("2023-5"), None);
    }
}

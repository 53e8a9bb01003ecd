//! Units of measurement: a built-in set with bilingual labels, or a custom `{zh, en}` label.

use serde::Serialize;

use super::Text;

/// A unit: one of [`BUILTIN`] by key, or the user's own label.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    None,
    Builtin(&'static str),
    Custom(Text),
}

/// Built-in units: key, Chinese label, English label, and whether the label is written
/// straight after the number (`85.2%`) rather than after a space (`9.1 days`).
pub const BUILTIN: &[(&str, &str, &str, bool)] = &[
    ("%", "%", "%", true),
    ("count", "", "", false),
    ("days", "天", "days", false),
    ("yuan", "元", "yuan", false),
    ("10k-yuan", "万元", "10k yuan", false),
    ("score", "分", "points", false),
    ("ratio", "", "", false),
    ("level", "级", "level", false),
    ("minutes", "分钟", "minutes", false),
    ("hours", "小时", "hours", false),
    ("index", "", "", false),
    ("per-1000", "‰", "‰", true),
    ("per-10000", "每万人", "per 10,000", false),
    ("persons", "人", "persons", false),
    ("visits", "人次", "visits", false),
    ("beds", "张", "beds", false),
    ("items", "个", "items", false),
];

impl Unit {
    /// Look a built-in unit up by key.
    pub fn builtin(key: &str) -> Option<Unit> {
        BUILTIN.iter().find(|u| u.0 == key).map(|u| Unit::Builtin(u.0))
    }

    /// The label in `lang` (Chinese for any language but English), and whether it is written
    /// without a space after the number.
    pub fn label(&self, lang: &str, fallback: &str) -> (String, bool) {
        let (label, tight) = self.label_str(lang, fallback);
        (label.to_string(), tight)
    }

    /// [`Unit::label`] without a copy of the label.
    fn label_str<'a>(&'a self, lang: &str, fallback: &str) -> (&'a str, bool) {
        match self {
            Unit::None => ("", true),
            Unit::Builtin(key) => {
                let u = BUILTIN.iter().find(|u| u.0 == *key).copied().unwrap_or(("", "", "", true));
                let label = if lang == "en" { u.2 } else { u.1 };
                // Chinese labels follow the number directly.
                (label, u.3 || lang != "en")
            }
            Unit::Custom(text) => {
                let label = text.resolve(lang, fallback).0;
                // Chinese labels follow the number directly; Latin ones (DDDs/百人天) after a space.
                let tight = !label.starts_with(|c: char| c.is_ascii_alphanumeric());
                (label, tight)
            }
        }
    }

    /// True for `%`, where a change is best said in percentage points.
    pub fn is_percent(&self) -> bool {
        matches!(self, Unit::Builtin("%"))
    }
}

/// Format a number with `decimals` digits after the point and its unit.
pub fn format_value(value: f64, decimals: u8, unit: &Unit, lang: &str, fallback: &str) -> String {
    let mut number = format_keeping_digits(value, decimals);
    let (label, tight) = unit.label_str(lang, fallback);
    if !label.is_empty() {
        if !tight {
            number.push(' ');
        }
        number.push_str(label);
    }
    number
}

/// A number with `decimals` digits after the point, or more when the value has more: a figure
/// is never rounded away from what the input says (9.65 with one decimal stays 9.65). No
/// thousands separators (a chart's axis groups them: `chart::scale::format_rounded_grouped`).
pub fn format_keeping_digits(value: f64, decimals: u8) -> String {
    // Most values have no more digits than the indicator's decimals: their shortest form,
    // padded with zeros, is the answer, without formatting them exactly and reading them back.
    if value.is_finite() && value != 0.0 && value.abs() < 1e15 {
        let mut s = shortest(value);
        let frac = s.find('.').map_or(0, |dot| s.len() - dot - 1);
        if frac <= usize::from(decimals) {
            if frac == 0 && decimals > 0 {
                s.push('.');
            }
            s.extend(std::iter::repeat_n('0', usize::from(decimals) - frac));
            return s;
        }
    }
    let mut s = format!("{:.*}", decimals as usize, value);
    if s.parse::<f64>().map_or(true, |back| (back - value).abs() > 1e-9 * value.abs().max(1.0)) {
        s = format!("{value}");
    }
    if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') { s[1..].to_string() } else { s }
}

/// What `value.to_string()` gives (the shortest digits that read back as `value`), by the
/// `ryu` algorithm: several times cheaper than the standard library's for the values of a
/// national site. Up to 15 digits the shortest form is unique, so both give the same; with
/// more, two forms may be as short and the two algorithms may choose differently, so those
/// values, and those `ryu` writes with an exponent, go the standard way.
fn shortest(value: f64) -> String {
    let mut buffer = ryu::Buffer::new();
    let s = buffer.format_finite(value);
    if s.contains('e') || s.bytes().filter(u8::is_ascii_digit).count() > 15 {
        return value.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str(s.strip_suffix(".0").unwrap_or(s));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_with_units_and_decimals() {
        let pct = Unit::builtin("%").unwrap();
        assert_eq!(format_value(85.2, 1, &pct, "zh", "zh"), "85.2%");
        assert_eq!(format_value(85.0, 1, &pct, "zh", "zh"), "85.0%");
        // Never rounds away a digit the input has.
        assert_eq!(format_value(85.25, 1, &pct, "zh", "zh"), "85.25%");
        assert_eq!(format_value(9.1, 1, &Unit::builtin("days").unwrap(), "en", "zh"), "9.1 days");
        assert_eq!(format_value(9.1, 1, &Unit::builtin("days").unwrap(), "zh", "zh"), "9.1天");
        assert_eq!(format_value(1.0, 2, &Unit::builtin("index").unwrap(), "en", "zh"), "1.00");
        assert_eq!(format_keeping_digits(-0.0, 2), "0.00");
        let custom = Unit::Custom(Text::plain("台"));
        assert_eq!(format_value(3.0, 0, &custom, "en", "zh"), "3台");
        let latin = Unit::Custom(Text::plain("DDDs"));
        assert_eq!(format_value(43.0, 1, &latin, "zh", "zh"), "43.0 DDDs");
    }

    /// `ryu`'s shortest digits are the standard library's, whatever the magnitude.
    #[test]
    fn shortest_is_what_to_string_gives() {
        let mut values = vec![1.0, 0.1, 0.3, 1e14, 1e15, 1e16, 1e21, 1e-5, 1e-7, 5e-324, f64::MAX, 123456.789];
        values.extend((1..20_000).map(|i| f64::from(i) * 0.37 - 3000.0));
        values.extend((0..64).map(|e| 1.7f64.powi(e - 32)));
        // Bit patterns spread over every exponent and both signs.
        values.extend((1..200_000u64).map(|i| f64::from_bits(i.wrapping_mul(0x9E37_79B9_7F4A_7C15))));
        for v in values.into_iter().filter(|v| v.is_finite() && *v != 0.0) {
            assert_eq!(shortest(v), v.to_string(), "{v:e}");
        }
    }

    /// The shortcut for values with few digits gives what formatting with the decimals and
    /// checking the result gives.
    #[test]
    fn shortcut_agrees_with_exact_formatting() {
        let exact = |value: f64, decimals: u8| {
            let mut s = format!("{:.*}", decimals as usize, value);
            if s.parse::<f64>().map_or(true, |back| (back - value).abs() > 1e-9 * value.abs().max(1.0)) {
                s = format!("{value}");
            }
            if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') { s[1..].to_string() } else { s }
        };
        let mut values = vec![0.0, -0.0, 0.1 + 0.2, 1e14 + 0.5, 123456789.125, -0.05, 9.65, 85.25, 1e-7, 2.5e-3];
        values.extend((-2000..2000).map(|i| f64::from(i) / 8.0));
        values.extend((0..3000).map(|i| f64::from(i) * 0.01 + 0.001 * f64::from(i % 7)));
        for v in values {
            for d in 0..=4 {
                assert_eq!(format_keeping_digits(v, d), exact(v, d), "{v} with {d} decimals");
            }
        }
    }
}

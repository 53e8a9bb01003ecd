//! Writing SVG text: the root tag, coordinates ([`Px`]), path data ([`PathData`]) and the
//! escaping of labels. The small pieces every drawn element is made of, and the rules that keep
//! a chart's bytes ASCII, free of `NaN` and the same for the same input.

use std::fmt::Write as _;

use super::FONT_FAMILY;

/// Writes the root `<svg>` tag. A chart fills the width of its container; a sparkline keeps its
/// size but shrinks with a narrower container. The tag is the first one, and holds no `>`, so
/// the page may insert a `<title>` right after the first `>`.
pub(super) fn open_svg(out: &mut String, size: (f64, f64), class: &str, fluid: bool) {
    let (w, h) = (Px(size.0), Px(size.1));
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"{class}\" role=\"img\" viewBox=\"0 0 {w} {h}\" "
    );
    if fluid {
        out.push_str("width=\"100%\" style=\"height:auto;max-width:100%\"");
    } else {
        let _ = write!(out, "width=\"{w}\" height=\"{h}\" style=\"max-width:100%;height:auto\"");
    }
    let _ = write!(out, " font-family=\"{FONT_FAMILY}\">");
}

/// A label made safe for the SVG: `&`, `<`, `>` and `"` escaped; typographic symbols (Latin-1
/// signs, punctuation, arrows, mathematical operators) written as character references, so the
/// SVG stays ASCII; control characters and letters of other scripts dropped. Also returns how
/// many characters are shown.
pub(super) fn escape_label(label: &str) -> (String, usize) {
    let kept: String = label.chars().filter(|&ch| is_shown(ch)).collect();
    let kept = kept.trim();
    let mut out = String::with_capacity(kept.len() + 8);
    for ch in kept.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            ' '..='~' => out.push(ch),
            _ => {
                let _ = write!(out, "&#x{:X};", u32::from(ch));
            }
        }
    }
    (out, kept.chars().count())
}

/// Whether a label may show `ch`: printable ASCII, Latin-1 signs (`° ± × ÷`), and general
/// punctuation, arrows and mathematical operators (`– ≥ ≤ →`).
fn is_shown(ch: char) -> bool {
    matches!(ch, ' '..='~' | '\u{A0}'..='\u{BF}' | '\u{D7}' | '\u{F7}' | '\u{2000}'..='\u{2BFF}')
}

/// The printable ASCII of `label`.
pub(super) fn ascii_only(label: &str) -> String {
    label.chars().filter(|c| matches!(c, ' '..='~')).collect()
}

/// Appends ASCII `text` to `out` with `&`, `<` and `>` escaped.
pub(super) fn push_escaped(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(ch),
        }
    }
}

/// A coordinate as written in the SVG: at most one decimal, no `-0`, and `0` for anything that
/// is not a number, so that no `NaN` ever reaches the output.
#[derive(Clone, Copy)]
pub(super) struct Px(pub(super) f64);

impl std::fmt::Display for Px {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let tenths = (self.0 * 10.0).round();
        if !tenths.is_finite() || tenths == 0.0 {
            return f.write_str("0");
        }
        let tenths = tenths.clamp(-1e12, 1e12) as i64;
        // Written digit by digit into a buffer: a chart has hundreds of coordinates, and
        // `write!` of integers was a tenth of drawing one.
        let mut buf = [0u8; 16];
        let mut at = buf.len();
        let mut put = |b: u8| {
            at -= 1;
            buf[at] = b;
        };
        let mut rest = tenths.unsigned_abs();
        let part = (rest % 10) as u8;
        rest /= 10;
        if part != 0 {
            put(b'0' + part);
            put(b'.');
        }
        loop {
            put(b'0' + (rest % 10) as u8);
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        if tenths < 0 {
            put(b'-');
        }
        // Only ASCII digits, '.' and '-' were written.
        f.write_str(std::str::from_utf8(&buf[at..]).unwrap_or("0"))
    }
}

/// The `d` of a path through the points, a new subpath (`M`) after every gap.
pub(super) struct PathData<'a>(pub(super) &'a [Option<(f64, f64)>]);

impl std::fmt::Display for PathData<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut pen_down = false;
        for point in self.0 {
            match point {
                Some((x, y)) => {
                    let command = if pen_down { 'L' } else { 'M' };
                    write!(f, "{command}{} {}", Px(*x), Px(*y))?;
                    pen_down = true;
                }
                None => pen_down = false,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Coordinates: one decimal at most, never `-0` or `NaN`; the same as formatting the value
    /// rounded to tenths with `format!`.
    #[test]
    fn coordinates_have_one_decimal_at_most() {
        let reference = |v: f64| {
            let tenths = (v * 10.0).round();
            if !tenths.is_finite() || tenths == 0.0 {
                return "0".to_string();
            }
            let text = format!("{:.1}", tenths.clamp(-1e12, 1e12) / 10.0);
            text.strip_suffix(".0").map_or(text.clone(), str::to_string)
        };
        let mut values = vec![0.0, -0.0, 0.04, -0.04, 0.05, -0.05, 0.96, -0.96, 1e15, -1e15, f64::NAN];
        values.extend([f64::INFINITY, 719.95, 359.99, 12.34, -7.25, 100.0, -100.04]);
        values.extend((-3000..3000).map(|i| f64::from(i) * 0.37));
        for v in values {
            assert_eq!(Px(v).to_string(), reference(v), "{v}");
        }
        assert_eq!(Px(-0.3).to_string(), "-0.3");
        assert_eq!(Px(1234.56).to_string(), "1234.6");
    }
}

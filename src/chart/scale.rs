//! The value axis of a chart: its range and round step ([`Scale`]), and how its tick labels
//! are written ([`format_rounded_grouped`]).
//!
//! Kept apart from the drawing because it is plain arithmetic on numbers: every tick must be a
//! round number that the indicator's decimals write exactly, and that is tested here without
//! drawing a chart.

/// The smallest and the largest of `values`, if any.
pub(super) fn bounds(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    values.fold(None, |acc, v| match acc {
        None => Some((v, v)),
        Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
    })
}

/// The value axis: from `lo` to `hi` in `intervals` steps of `step`, every tick a round number
/// that `decimals` decimals write exactly.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Scale {
    pub(super) lo: f64,
    pub(super) hi: f64,
    pub(super) step: f64,
    pub(super) intervals: usize,
}

impl Scale {
    /// About five intervals covering `values`; zero is included when it is close.
    pub(super) fn new(values: impl Iterator<Item = f64>, decimals: u8) -> Scale {
        let quantum = 10f64.powi(-i32::from(decimals));
        let (mut lo, mut hi) = bounds(values).unwrap_or((0.0, 1.0));
        if hi - lo < quantum {
            // One value (or many equal ones): a range around it, but not across zero.
            let pad = (lo.abs().max(hi.abs()) * 0.1).max(quantum);
            let mid = (lo + hi) / 2.0;
            (lo, hi) = (mid - pad, mid + pad);
            if mid >= 0.0 && lo < 0.0 {
                (lo, hi) = (0.0, hi - lo);
            }
        }
        // Zero is the natural floor when the values are not far from it.
        let span = hi - lo;
        if lo > 0.0 && lo < span * 0.5 {
            lo = 0.0;
        } else if hi < 0.0 && -hi < span * 0.5 {
            hi = 0.0;
        }
        // A little room beyond the extremes, so that no point or target lies on the x axis or
        // the plot's top edge; but none across zero.
        let pad = (hi - lo) * 0.04;
        if lo != 0.0 {
            lo = if lo > 0.0 { (lo - pad).max(0.0) } else { lo - pad };
        }
        if hi != 0.0 {
            hi = if hi < 0.0 { (hi + pad).min(0.0) } else { hi + pad };
        }
        let step = nice_step((hi - lo) / 5.0, quantum);
        let (lo, hi) = ((lo / step).floor() * step, (hi / step).ceil() * step);
        let intervals = ((hi - lo) / step).round();
        if !(lo.is_finite() && hi.is_finite() && (1.0..=20.0).contains(&intervals)) {
            // Magnitudes no indicator has (beyond f64's range); still a drawable axis.
            return Scale { lo: 0.0, hi: 1.0, step: 1.0, intervals: 1 };
        }
        Scale { lo, hi: lo + step * intervals, step, intervals: intervals as usize }
    }

    /// The value of tick `i`, counted from the bottom.
    pub(super) fn tick(&self, i: usize) -> f64 {
        self.lo + self.step * i as f64
    }

    /// Where `value` lies on the axis: 0 at the bottom, 1 at the top.
    pub(super) fn fraction(&self, value: f64) -> f64 {
        (value - self.lo) / (self.hi - self.lo)
    }
}

/// The smallest round step (1, 2, 2.5 or 5 times a power of ten) of at least `raw` that is a
/// whole multiple of `quantum`, so that every tick is written exactly.
fn nice_step(raw: f64, quantum: f64) -> f64 {
    if !(raw.is_finite() && raw > quantum) {
        return quantum;
    }
    let power = 10f64.powi(raw.log10().floor() as i32);
    for factor in [1.0, 2.0, 2.5, 5.0, 10.0] {
        let step = factor * power;
        let ratio = step / quantum;
        if step >= raw * (1.0 - 1e-9) && (ratio - ratio.round()).abs() < 1e-6 {
            return step;
        }
    }
    10.0 * power
}

/// Writes `value` rounded to exactly `decimals` decimals, the thousands of an integer part of
/// five digits or more grouped with commas (`250,000.0`, but `1234.0`), never as `-0.0`. For
/// tick labels, which are round numbers: a value an indicator reports is written by
/// `model::units::format_keeping_digits` instead, which never rounds a digit away.
pub(super) fn format_rounded_grouped(value: f64, decimals: u8) -> String {
    let text = format!("{:.*}", usize::from(decimals), value);
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) if rest.bytes().any(|b| (b'1'..=b'9').contains(&b)) => ("-", rest),
        Some(rest) => ("", rest),
        None => ("", text.as_str()),
    };
    let (int, frac) = digits.split_once('.').map_or((digits, ""), |(i, f)| (i, f));
    let mut out = String::with_capacity(text.len() + int.len() / 3 + 1);
    out.push_str(sign);
    if int.len() > 4 {
        for (i, ch) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(ch);
        }
    } else {
        out.push_str(int);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_exactly() {
        assert_eq!(format_rounded_grouped(0.0, 2), "0.00");
        assert_eq!(format_rounded_grouped(-0.001, 2), "0.00");
        assert_eq!(format_rounded_grouped(-0.5, 0), "0");
        assert_eq!(format_rounded_grouped(1234.0, 0), "1234");
        assert_eq!(format_rounded_grouped(250_000.0, 0), "250,000");
        assert_eq!(format_rounded_grouped(-12_345.64, 1), "-12,345.6");
        assert_eq!(format_rounded_grouped(0.1 + 0.2, 1), "0.3");
        assert_eq!(format_rounded_grouped(1.0, 3), "1.000");
    }

    #[test]
    fn scales_are_round_and_cover_their_values() {
        let cases: [(&[f64], u8); 8] = [
            (&[0.86, 0.95, 1.0], 2),
            (&[9.8, 7.5], 1),
            (&[0.003, 0.0051, 0.008], 3),
            (&[250_000.0, 280_100.0, 300_000.0], 0),
            (&[-2.5, 3.0], 1),
            (&[42.0], 0),
            (&[0.0], 2),
            (&[-7.0, -6.0], 1),
        ];
        for (values, decimals) in cases {
            let scale = Scale::new(values.iter().copied(), decimals);
            let quantum = 10f64.powi(-i32::from(decimals));
            for v in values {
                assert!(scale.lo <= *v && *v <= scale.hi, "{v} in {scale:?}");
            }
            assert!((1..=20).contains(&scale.intervals), "{scale:?}");
            let ratio = scale.step / quantum;
            assert!((ratio - ratio.round()).abs() < 1e-6, "{scale:?}");
            assert!(scale.step >= quantum * 0.999);
        }
        // Zero is the floor of values close to it.
        assert_eq!(Scale::new([2.0, 9.0].into_iter(), 1).lo, 0.0);
    }
}

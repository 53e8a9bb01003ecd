//! The adapter around the [charts-rs] crate: the one place that builds its `LineChart` and
//! reads its SVG output. charts-rs draws the grid and the lines; its output is then cut up by
//! string slicing ([`charts_rs_body`] takes what is inside its root tag, [`first_line`] finds
//! where its grid ends and its lines begin), which depends on how charts-rs writes its SVG:
//! a new version of charts-rs (pinned `=2.3.0`, vendored with a patch, see
//! vendor/charts-rs/PATCHES.md) is checked here first.
//!
//! [charts-rs]: https://docs.rs/charts-rs/2.3.0

use charts_rs::{Box as Margin, Color, LineChart, Series, Symbol, THEME_LIGHT, YAxisConfig};

use super::layout::Frame;
use super::scale::Scale;
use super::{ChartSpec, FONT_FAMILY, GRID_COLOR, PALETTE};

/// Has charts-rs draw the grid and the lines with their points, and returns what is
/// inside its `<svg>` element (`None` when it fails). The values are handed over already mapped
/// onto `0..=1` of `scale`, in `f64`, so that the lines sit exactly where the chart module draws the
/// y labels and targets, whatever the magnitude of the values.
pub(super) fn charts_rs_body(spec: &ChartSpec, scale: &Scale, frame: &Frame) -> Option<String> {
    let n = spec.labels.len();
    let series: Vec<Series> = spec
        .lines
        .iter()
        .map(|line| {
            let data = (0..n)
                .map(|i| {
                    line.values.get(i).copied().flatten().filter(|v| v.is_finite()).map(|v| scale.fraction(v) as f32)
                })
                .collect();
            Series::new_nullable(String::new(), data)
        })
        .collect();
    // The x axis is drawn here (see `draw::draw_x_axis`); charts-rs only needs the number of slots.
    let labels = vec![String::new(); n];
    let mut chart = LineChart::new_with_theme(series, labels, THEME_LIGHT);
    let (w, h) = frame.size;
    chart.width = w as f32;
    chart.height = h as f32;
    chart.margin = Margin {
        left: frame.left as f32,
        top: frame.top as f32,
        right: (w - frame.right()) as f32,
        bottom: (h - frame.top - frame.height) as f32,
    };
    chart.background_color = Color::transparent();
    chart.font_family = FONT_FAMILY.to_string();
    chart.legend.show = Some(false);
    chart.y_axis_hidden = true;
    let y_axis = chart.y_axis_configs.first().cloned().unwrap_or_default();
    chart.y_axis_configs =
        vec![YAxisConfig { min: Some(0.0), max: Some(1.0), split_number: scale.intervals, ..y_axis }];
    chart.grid.stroke_color = GRID_COLOR.into();
    chart.x_axis.hidden = true;
    chart.x_axis.boundary_gap = Some(true);
    chart.series.colors = PALETTE.iter().map(|&c| Color::from(c)).collect();
    chart.series.stroke_width = frame.stroke as f32;
    // The points are drawn by `draw::draw_points`: charts-rs writes each coordinate with an exact
    // float formatting, which made its markers a fifth of the cost of a chart.
    chart.series.symbol = Some(Symbol::None);
    let svg = chart.svg().ok()?;
    // The elements between the root's opening tag and its closing one.
    let start = svg.find('>')? + 1;
    let end = svg.rfind("</svg>")?;
    Some(svg.get(start..end)?.trim().to_string())
}

/// Where the lines begin in what charts-rs drew: after its grid, at the first path
/// (or the group around it). The end when there is no line.
pub(super) fn first_line(body: &str) -> usize {
    match body.find("<path") {
        Some(i) if body[..i].ends_with("<g>\n") => i - 4,
        Some(i) => i,
        None => body.len(),
    }
}

#[cfg(test)]
mod tests {
    /// The vendored charts-rs writes its coordinates without `{:.1}` (vendor/charts-rs/PATCHES.md);
    /// the digits must be the ones `{:.1}` gives, less a trailing `.0`, for every exponent and
    /// sign (a spread of 260,000 bit patterns, and the ties).
    #[test]
    fn charts_rs_writes_coordinates_as_exact_formatting_would() {
        let check = |value: f32, out: &mut String| {
            out.clear();
            charts_rs::gongkai_write_float(out, value);
            let exact = format!("{value:.1}");
            assert_eq!(out, exact.strip_suffix(".0").unwrap_or(&exact), "{value:e}");
        };
        let mut out = String::new();
        let mut bits: u32 = 0;
        loop {
            let value = f32::from_bits(bits);
            if value.is_finite() {
                check(value, &mut out);
            }
            match bits.checked_add(16411) {
                Some(next) => bits = next,
                None => break,
            }
        }
        for value in [0.25, 0.35, 0.05, 0.15, 2.25, -2.25, -0.0, -0.04, 0.95, 999.95, 1e15, 3.5e14, 123.45] {
            check(value, &mut out);
        }
        for tenth in 0..20_000 {
            check(tenth as f32 / 20.0, &mut out);
            check(-(tenth as f32) / 20.0, &mut out);
        }
    }
}

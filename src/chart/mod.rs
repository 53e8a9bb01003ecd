//! Charts: the trend line of an indicator against the plan's targets, and a sparkline.
//!
//! Both are self-contained, responsive SVG strings with no language inside them: only digits,
//! years and ASCII symbols (a few typographic symbols such as `≥` are written as ASCII character
//! references). Titles, legends and explanations belong in the HTML around the chart, in the
//! page's language.
//!
//! [`line_chart`] has [charts-rs] draw the grid, the lines (a `None` value breaks a line) and
//! their points. Everything charts-rs cannot do the way a public report needs is drawn here from
//! the same scale: the y-axis labels (charts-rs writes at most one decimal and `k`/`M` suffixes,
//! where a report needs exactly the indicator's decimals); the x axis (charts-rs thins labels
//! that do not fit to every n-th by width, giving `2019-01, 2019-11, 2020-09…` for months, where
//! this keeps round steps such as every January); the target levels, bands, markers and their
//! labels; and the "lower is better" arrow. To share one scale exactly,
//! charts-rs is handed every value already mapped (in `f64`) onto `0..=1` of the value axis, with
//! its y axis fixed to `0..=1`; it never sees, and never prints, a raw value.
//!
//! The module is split by job: `scale` (the value axis and its tick labels), `layout` (where
//! the plot, the x labels and the targets' labels go), `draw` (the elements drawn here), `svg`
//! (coordinates, paths, escaping) and `charts_rs_adapter` (the one place that calls charts-rs
//! and slices its output; not named `charts_rs`, which would shadow the crate). This file holds
//! the public API, used by `render::pages`, and the order in which a chart is put together.
//!
//! [charts-rs]: https://docs.rs/charts-rs/2.3.0

mod charts_rs_adapter;
mod draw;
mod layout;
mod scale;
mod svg;
#[cfg(test)]
mod tests;

use std::fmt::Write as _;

use charts_rs_adapter::{charts_rs_body, first_line};
use draw::{draw_lower_is_better, draw_points, draw_target_labels, draw_x_axis, draw_y_labels};
use layout::{Frame, placed_targets};
use scale::{Scale, bounds, format_rounded_grouped};
use svg::{PathData, Px, open_svg};

/// Colours of the lines, in order: the Okabe–Ito palette, which colour-blind readers can tell
/// apart. Yellow, hard to see on white, comes last. The HTML legend uses the same colours.
pub const PALETTE: [&str; 8] = [
    "#0072B2", // blue
    "#D55E00", // vermillion
    "#009E73", // bluish green
    "#CC79A7", // reddish purple
    "#E69F00", // orange
    "#56B4E9", // sky blue
    "#000000", // black
    "#F0E442", // yellow
];

/// One line of a chart: e.g. one scope (tertiary hospitals) or one region.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    /// One entry per x label; `None` (or a value that is not finite) is a gap, never a zero.
    pub values: Vec<Option<f64>>,
}

/// A target, drawn as a dashed horizontal level at `value` (or a band from `value` to `upper`),
/// in the colour of the line it belongs to.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TargetMark {
    /// Index of the x label the target is due at, marked there with a diamond (a band: with a
    /// bar); `None` is a standing bound, a level across the whole chart. An index past the last
    /// label is treated as `None`.
    pub at: Option<usize>,
    /// The level, or one edge of the band.
    pub value: f64,
    /// The other edge of a band; `None` for a level.
    pub upper: Option<f64>,
    /// Written by the marker (a standing bound: at the right end), e.g. `"2025"` or `"≥1.0 2025"`.
    /// ASCII, plus typographic symbols such as `≥ ≤ ± →`; letters of other scripts are dropped.
    pub label: String,
    /// Index of the [`Line`] the target belongs to (its colour).
    pub line: usize,
}

/// Everything [`line_chart`] draws.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartSpec {
    /// The x labels, e.g. years. Only ASCII is kept (a label like `2024年` is written `2024`).
    pub labels: Vec<String>,
    /// The lines, coloured by [`PALETTE`] in order.
    pub lines: Vec<Line>,
    /// The targets, drawn under the lines.
    pub targets: Vec<TargetMark>,
    /// Decimals of every number written on the chart (at most 8).
    pub decimals: u8,
    /// The indicator improves as it falls: an arrow by the y axis points down.
    pub lower_is_better: bool,
    /// Size of the drawing (its viewBox); the SVG itself scales to the width of its container.
    pub width: u32,
    /// See `width`.
    pub height: u32,
}

impl Default for ChartSpec {
    fn default() -> Self {
        ChartSpec {
            labels: Vec::new(),
            lines: Vec::new(),
            targets: Vec::new(),
            decimals: 1,
            lower_is_better: false,
            width: 720,
            height: 360,
        }
    }
}

/// The font stack of every text: the reader's own interface font.
const FONT_FAMILY: &str = "system-ui, sans-serif";
/// Most decimals a number is written with.
const MAX_DECIMALS: u8 = 8;
/// Colour of the texts.
const TEXT_COLOR: &str = "#333333";
/// Colour of the axis labels (charts-rs's light theme uses the same grey for the x axis).
const AXIS_COLOR: &str = "#6E7079";
/// Colour of the grid lines.
const GRID_COLOR: (u8, u8, u8) = (224, 230, 242);
/// Smallest and largest drawing, so that a zero or absurd size still gives a sane chart.
const MIN_SIZE: (f64, f64) = (160.0, 100.0);
const MAX_SIZE: f64 = 4000.0;
/// Width of a character of digits and ASCII symbols, in ems: a little more than most
/// interface fonts take, so that estimated text never overflows.
const CHAR_EM: f64 = 0.66;

/// Draws the trend chart of `spec`: a complete `<svg>…</svg>` string, the same bytes for the
/// same input. It never panics; degenerate input (no labels, no values, one value, all values
/// equal) gives a chart with a sensible empty scale.
pub fn line_chart(spec: &ChartSpec) -> String {
    let decimals = spec.decimals.min(MAX_DECIMALS);
    let scale = Scale::new(domain(spec), decimals);
    let tick_labels: Vec<String> =
        (0..=scale.intervals).map(|i| format_rounded_grouped(scale.tick(i), decimals)).collect();
    let frame = Frame::new(spec, &tick_labels);
    let body = charts_rs_body(spec, &scale, &frame).unwrap_or_default();

    let mut out = String::with_capacity(body.len() + 2048);
    open_svg(&mut out, frame.size, "gk-chart", true);
    let _ = write!(out, "<rect width=\"{}\" height=\"{}\" fill=\"#FFFFFF\"/>", Px(frame.size.0), Px(frame.size.1));
    let targets = placed_targets(spec, &scale, &frame);
    // The grid, then the targets' levels, then the lines over them.
    let (grid, lines) = body.split_at(first_line(&body));
    out.push('\n');
    out.push_str(grid);
    for target in &targets {
        target.draw_level(&mut out, &frame);
    }
    out.push('\n');
    out.push_str(lines);
    out.push('\n');
    draw_points(&mut out, spec, &scale, &frame);
    draw_x_axis(&mut out, &spec.labels, &frame);
    draw_y_labels(&mut out, &scale, &frame, &tick_labels);
    draw_target_labels(&mut out, &targets, &frame);
    if spec.lower_is_better {
        draw_lower_is_better(&mut out, &frame);
    }
    out.push_str("</svg>");
    out
}

/// Draws a sparkline of `values` (about 120×32, no axes or text): the line with its gaps, the
/// last value emphasised, and `target` as a thin dashed level with the side that meets it
/// lightly shaded (below it when `lower_is_better`).
pub fn sparkline(values: &[Option<f64>], target: Option<f64>, lower_is_better: bool) -> String {
    const W: f64 = 120.0;
    const H: f64 = 32.0;
    const PAD: f64 = 4.0;
    let target = target.filter(|t| t.is_finite());
    let finite = || values.iter().filter_map(|v| v.filter(|v| v.is_finite()));
    let (lo, hi) = bounds(finite().chain(target)).unwrap_or((0.0, 1.0));
    let (lo, hi) = if hi - lo > 0.0 && (hi - lo).is_finite() { (lo, hi) } else { (lo - 1.0, lo + 1.0) };
    let step = if values.len() > 1 { (W - 2.0 * PAD) / (values.len() - 1) as f64 } else { 0.0 };
    let x = |i: usize| {
        if values.len() > 1 { PAD + step * i as f64 } else { W / 2.0 }
    };
    let y = |v: f64| PAD + (H - 2.0 * PAD) * (1.0 - (v - lo) / (hi - lo));
    let color = PALETTE[0];

    let mut out = String::with_capacity(256 + values.len() * 16);
    open_svg(&mut out, (W, H), "gk-spark", false);
    if let Some(t) = target {
        let ty = y(t);
        let (top, bottom) = if lower_is_better { (ty, H) } else { (0.0, ty) };
        let _ = write!(
            out,
            "<rect x=\"0\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#009E73\" fill-opacity=\"0.12\"/>\
             <line x1=\"0\" y1=\"{ty}\" x2=\"{W}\" y2=\"{ty}\" stroke=\"#555555\" stroke-width=\"1\" stroke-dasharray=\"3 2\"/>",
            Px(top),
            Px(W),
            Px(bottom - top),
            ty = Px(ty),
            W = Px(W),
        );
    }
    let points: Vec<Option<(f64, f64)>> =
        values.iter().enumerate().map(|(i, v)| v.filter(|v| v.is_finite()).map(|v| (x(i), y(v)))).collect();
    let _ = write!(
        out,
        "<path d=\"{}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"1.5\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>",
        PathData(&points)
    );
    // A value alone between two gaps has no line to be seen on: a dot shows it.
    for (i, point) in points.iter().enumerate() {
        let before = i > 0 && points[i - 1].is_some();
        let after = points.get(i + 1).is_some_and(Option::is_some);
        if let Some((px, py)) = point
            && !before
            && !after
        {
            let _ = write!(out, "<circle cx=\"{}\" cy=\"{}\" r=\"1.5\" fill=\"{color}\"/>", Px(*px), Px(*py));
        }
    }
    if let Some((px, py)) = points.iter().rev().find_map(|p| *p) {
        let _ = write!(
            out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"{color}\" stroke=\"#FFFFFF\" stroke-width=\"1\"/>",
            Px(px),
            Px(py)
        );
    }
    out.push_str("</svg>");
    out
}

/// Every number the value axis has to show: the values, and every target and band edge.
fn domain(spec: &ChartSpec) -> impl Iterator<Item = f64> + '_ {
    let n = spec.labels.len();
    let values = spec.lines.iter().flat_map(move |line| line.values.iter().take(n).filter_map(|v| *v));
    let targets = spec.targets.iter().flat_map(|t| std::iter::once(t.value).chain(t.upper));
    values.chain(targets).filter(|v| v.is_finite())
}

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
//! [charts-rs]: https://docs.rs/charts-rs/2.3.0

use std::fmt::Write as _;

use charts_rs::{Box as Margin, Color, LineChart, Series, Symbol, THEME_LIGHT, YAxisConfig};

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
    let tick_labels: Vec<String> = (0..=scale.intervals).map(|i| format_number(scale.tick(i), decimals)).collect();
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

/// Writes the root `<svg>` tag. A chart fills the width of its container; a sparkline keeps its
/// size but shrinks with a narrower container. The tag is the first one, and holds no `>`, so
/// the page may insert a `<title>` right after the first `>`.
fn open_svg(out: &mut String, size: (f64, f64), class: &str, fluid: bool) {
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

/// Every number the value axis has to show: the values, and every target and band edge.
fn domain(spec: &ChartSpec) -> impl Iterator<Item = f64> + '_ {
    let n = spec.labels.len();
    let values = spec.lines.iter().flat_map(move |line| line.values.iter().take(n).filter_map(|v| *v));
    let targets = spec.targets.iter().flat_map(|t| std::iter::once(t.value).chain(t.upper));
    values.chain(targets).filter(|v| v.is_finite())
}

/// The smallest and the largest of `values`, if any.
fn bounds(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    values.fold(None, |acc, v| match acc {
        None => Some((v, v)),
        Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
    })
}

/// The value axis: from `lo` to `hi` in `intervals` steps of `step`, every tick a round number
/// that `decimals` decimals write exactly.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Scale {
    lo: f64,
    hi: f64,
    step: f64,
    intervals: usize,
}

impl Scale {
    /// About five intervals covering `values`; zero is included when it is close.
    fn new(values: impl Iterator<Item = f64>, decimals: u8) -> Scale {
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
    fn tick(&self, i: usize) -> f64 {
        self.lo + self.step * i as f64
    }

    /// Where `value` lies on the axis: 0 at the bottom, 1 at the top.
    fn fraction(&self, value: f64) -> f64 {
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

/// Writes `value` with exactly `decimals` decimals, grouping the thousands of large numbers
/// (`250,000.0`), never as `-0.0`.
fn format_number(value: f64, decimals: u8) -> String {
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

/// Where the plot sits in the drawing, and the sizes of what is drawn around it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Frame {
    /// Width and height of the drawing.
    size: (f64, f64),
    /// Left edge of the plot.
    left: f64,
    /// Top edge of the plot.
    top: f64,
    /// Width of the plot.
    width: f64,
    /// Height of the plot (the x axis is below it).
    height: f64,
    /// Height of the x axis.
    x_axis: f64,
    /// Number of x slots (labels); each point sits in the middle of its slot.
    slots: usize,
    /// Font size of the axis labels.
    font: f64,
    /// Stroke width of the lines.
    stroke: f64,
    /// Whether every point gets a marker: not where points are too close for them to be told
    /// apart (then only a point alone between gaps gets one, see [`draw_points`]).
    symbols: bool,
}

impl Frame {
    fn new(spec: &ChartSpec, tick_labels: &[String]) -> Frame {
        let w = f64::from(spec.width).clamp(MIN_SIZE.0, MAX_SIZE);
        let h = f64::from(spec.height).clamp(MIN_SIZE.1, MAX_SIZE);
        // A 720-wide chart (18 px text) shrunk onto a 390 px phone still writes about 10 px text.
        let font = (w / 40.0).clamp(11.0, 22.0).round();
        let stroke = (w / 260.0).clamp(1.5, 4.0);
        let widest = tick_labels.iter().map(|l| l.len()).max().unwrap_or(1) as f64;
        let arrow = if spec.lower_is_better { font * 1.3 } else { 0.0 };
        let left = (arrow + widest * font * CHAR_EM + font * 0.6).min(w * 0.4);
        let top = font * 1.7;
        let right = font * 0.8;
        let x_axis = (font * 2.2).round();
        let bottom = font * 0.3;
        let width = (w - left - right).max(1.0);
        let slots = spec.labels.len();
        Frame {
            size: (w, h),
            left,
            top,
            width,
            height: (h - top - bottom - x_axis).max(1.0),
            x_axis,
            slots,
            font,
            stroke,
            symbols: width / slots.max(1) as f64 >= stroke * 7.0,
        }
    }

    /// Radius of the marker of a point.
    fn point_radius(&self) -> f64 {
        self.stroke * 1.4
    }

    /// Font size of the labels of the targets.
    fn label_font(&self) -> f64 {
        (self.font * 0.9).round()
    }

    /// Half the width of the marker of a target.
    fn marker_radius(&self) -> f64 {
        self.stroke * 2.6
    }

    /// The x of slot `i`: the middle of its band, as charts-rs places points with a boundary gap.
    fn x(&self, i: usize) -> f64 {
        let unit = self.width / self.slots.max(1) as f64;
        self.left + unit * (i as f64 + 0.5)
    }

    /// The y of `value` on `scale`.
    fn y(&self, scale: &Scale, value: f64) -> f64 {
        self.top + self.height * (1.0 - scale.fraction(value))
    }

    /// Right edge of the plot.
    fn right(&self) -> f64 {
        self.left + self.width
    }
}

/// Has charts-rs draw the grid and the lines with their points, and returns what is
/// inside its `<svg>` element (`None` when it fails). The values are handed over already mapped
/// onto `0..=1` of `scale`, in `f64`, so that the lines sit exactly where this module draws the
/// y labels and targets, whatever the magnitude of the values.
fn charts_rs_body(spec: &ChartSpec, scale: &Scale, frame: &Frame) -> Option<String> {
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
    // The x axis is drawn here (see `draw_x_axis`); charts-rs only needs the number of slots.
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
    // The points are drawn by `draw_points`: charts-rs writes each coordinate with an exact
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
fn first_line(body: &str) -> usize {
    match body.find("<path") {
        Some(i) if body[..i].ends_with("<g>\n") => i - 4,
        Some(i) => i,
        None => body.len(),
    }
}

/// How many slots apart the x labels are written: 1 where they all fit side by side, else a
/// round number (2, 5, 12…) so that, say, monthly labels keep their Januaries.
fn label_step(labels: &[String], frame: &Frame) -> usize {
    let widest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f64;
    let room = (widest * CHAR_EM + 0.6) * frame.font;
    let fit = ((frame.width / room).floor() as usize).max(1);
    let n = labels.len();
    if n <= fit {
        return 1;
    }
    [2, 3, 4, 5, 6, 12, 24, 60, 120].into_iter().find(|k| n.div_ceil(*k) <= fit).unwrap_or_else(|| n.div_ceil(fit))
}

/// Draws the x axis: its line along the bottom of the plot, and every `label_step`-th label
/// (ASCII only) with a tick, centred under its slot as the points are.
fn draw_x_axis(out: &mut String, labels: &[String], frame: &Frame) {
    let y = frame.top + frame.height;
    let _ = write!(
        out,
        "<g class=\"gk-x\" stroke=\"{AXIS_COLOR}\" stroke-width=\"1\"><path d=\"M{} {y}H{}",
        Px(frame.left),
        Px(frame.right()),
        y = Px(y),
    );
    let step = label_step(labels, frame);
    let tick = Px(frame.font * 0.3);
    for i in (0..labels.len()).step_by(step) {
        let _ = write!(out, "M{} {}v{tick}", Px(frame.x(i)), Px(y));
    }
    let _ = write!(out, "\"/></g>\n<g fill=\"{AXIS_COLOR}\" font-size=\"{}\" text-anchor=\"middle\">", Px(frame.font));
    let baseline = Px(y + frame.font * 1.45);
    for (i, label) in labels.iter().enumerate().step_by(step) {
        let text = ascii_only(label);
        let half = text.len() as f64 * frame.font * CHAR_EM / 2.0;
        let x = frame.x(i).min(frame.size.0 - half - 1.0).max(half + 1.0);
        let _ = write!(out, "<text x=\"{}\" y=\"{baseline}\">", Px(x));
        push_escaped(out, &text);
        out.push_str("</text>");
    }
    out.push_str("</g>\n");
}

/// Marks the points over the lines: every point, white with the line's colour around it, when
/// they are far enough apart ([`Frame::symbols`]); otherwise only the points that have no
/// neighbour to draw a line to, filled, which would not be seen without a marker.
fn draw_points(out: &mut String, spec: &ChartSpec, scale: &Scale, frame: &Frame) {
    let value = |line: &Line, i: usize| line.values.get(i).copied().flatten().filter(|v| v.is_finite());
    let radius = Px(frame.point_radius());
    for (index, line) in spec.lines.iter().enumerate() {
        let color = PALETTE[index % PALETTE.len()];
        if frame.symbols {
            let mut points = (0..frame.slots).filter_map(|i| value(line, i).map(|v| (i, v))).peekable();
            if points.peek().is_none() {
                continue;
            }
            let _ = write!(out, "<g stroke-width=\"{}\" stroke=\"{color}\" fill=\"#FFFFFF\">", Px(frame.stroke));
            for (i, v) in points {
                let _ =
                    write!(out, "<circle cx=\"{}\" cy=\"{}\" r=\"{radius}\"/>", Px(frame.x(i)), Px(frame.y(scale, v)));
            }
            out.push_str("</g>\n");
            continue;
        }
        for i in 0..frame.slots {
            let Some(v) = value(line, i) else {
                continue;
            };
            let before = i > 0 && value(line, i - 1).is_some();
            let after = i + 1 < frame.slots && value(line, i + 1).is_some();
            if before || after {
                continue;
            }
            let _ = write!(
                out,
                "<circle cx=\"{}\" cy=\"{}\" r=\"{radius}\" fill=\"{color}\"/>",
                Px(frame.x(i)),
                Px(frame.y(scale, v)),
            );
        }
    }
}

/// Writes the labels of the value axis, right-aligned left of the plot at their grid lines.
fn draw_y_labels(out: &mut String, scale: &Scale, frame: &Frame, labels: &[String]) {
    let _ = write!(out, "<g fill=\"{AXIS_COLOR}\" font-size=\"{}\" text-anchor=\"end\">", Px(frame.font));
    let x = frame.left - frame.font * 0.4;
    for (i, label) in labels.iter().enumerate() {
        let y = frame.y(scale, scale.tick(i));
        let _ = write!(out, "<text x=\"{}\" y=\"{}\" dy=\"0.35em\">{label}</text>", Px(x), Px(y));
    }
    out.push_str("</g>\n");
}

/// A target as it is drawn: its level or band, its marker and its label.
struct PlacedTarget {
    color: &'static str,
    /// y of the level; of the band's edges, top first.
    y: f64,
    band: Option<(f64, f64)>,
    /// x of the marker, for a target due at a label.
    marker: Option<f64>,
    /// The label, escaped, and where it is written: the middle of its baseline.
    label: Option<(String, f64, f64)>,
}

/// Places every target of `spec` and its label; labels are moved off each other.
fn placed_targets(spec: &ChartSpec, scale: &Scale, frame: &Frame) -> Vec<PlacedTarget> {
    let font = frame.label_font();
    let mut taken: Vec<Rect> = Vec::new();
    let mut placed = Vec::new();
    for target in &spec.targets {
        if !target.value.is_finite() {
            continue;
        }
        let color = PALETTE[target.line % PALETTE.len()];
        let y = frame.y(scale, target.value);
        let band = target.upper.filter(|u| u.is_finite()).map(|upper| {
            let (a, b) = (frame.y(scale, upper), y);
            (a.min(b), a.max(b))
        });
        let marker = target.at.filter(|&i| i < frame.slots).map(|i| frame.x(i));
        let (text, chars) = escape_label(&target.label);
        let label = (chars > 0).then(|| {
            let width = chars as f64 * font * CHAR_EM;
            let (top, bottom) = band.unwrap_or((y, y));
            let anchor = marker.unwrap_or(frame.right() - width / 2.0 - 2.0);
            let min_x = frame.left + width / 2.0;
            let max_x = frame.size.0 - width / 2.0 - 2.0;
            let x = anchor.max(min_x).min(max_x);
            // Clear of the marker, when there is one under the label.
            let clear = if marker.is_some() { frame.marker_radius() + font * 0.15 } else { font * 0.35 };
            let y = place_label(&mut taken, (x, width), font, (top - clear, bottom + clear), frame);
            (text, x, y)
        });
        placed.push(PlacedTarget { color, y, band, marker, label });
    }
    placed
}

/// A box taken by a label: left, top, right, bottom.
type Rect = (f64, f64, f64, f64);

/// The baseline of a label centred at `x` and `width` wide, by a level or band whose room
/// spans `span` (top and bottom y): above it where there is room, else below, else further out,
/// never on a label already placed if that can be helped. The box it takes is added to `taken`.
fn place_label(taken: &mut Vec<Rect>, (x, width): (f64, f64), font: f64, span: (f64, f64), frame: &Frame) -> f64 {
    let line = font * 1.2;
    let above = span.0 - font * 0.1;
    let below = span.1 + font * 0.85;
    let (top_limit, bottom_limit) = (font, frame.top + frame.height);
    let mut candidates: Vec<f64> = Vec::with_capacity(8);
    for k in 0..4 {
        candidates.push(above - line * k as f64);
        candidates.push(below + line * k as f64);
    }
    let fits = |baseline: f64| baseline >= top_limit && baseline <= bottom_limit;
    let free = |baseline: f64| {
        let rect = (x - width / 2.0, baseline - font * 0.8, x + width / 2.0, baseline + font * 0.2);
        !taken.iter().any(|t| rect.0 < t.2 && t.0 < rect.2 && rect.1 < t.3 && t.1 < rect.3)
    };
    let baseline = candidates
        .iter()
        .copied()
        .find(|&b| fits(b) && free(b))
        .or_else(|| candidates.iter().copied().find(|&b| fits(b)))
        .unwrap_or(above.clamp(top_limit, bottom_limit));
    taken.push((x - width / 2.0, baseline - font * 0.8, x + width / 2.0, baseline + font * 0.2));
    baseline
}

impl PlacedTarget {
    /// Draws the band or the dashed level across the plot, under the lines.
    fn draw_level(&self, out: &mut String, frame: &Frame) {
        let (x1, x2) = (Px(frame.left), Px(frame.right()));
        let color = self.color;
        if let Some((top, bottom)) = self.band {
            let _ = write!(
                out,
                "\n<rect class=\"gk-band\" x=\"{x1}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{color}\" fill-opacity=\"0.14\"/>",
                Px(top),
                Px(frame.width),
                Px((bottom - top).max(1.0)),
            );
            for y in [top, bottom] {
                self.dashed(out, x1, x2, y, frame.stroke * 0.5);
            }
        } else {
            self.dashed(out, x1, x2, self.y, frame.stroke * 0.6);
        }
    }

    /// One dashed level from `x1` to `x2`.
    fn dashed(&self, out: &mut String, x1: Px, x2: Px, y: f64, width: f64) {
        let _ = write!(
            out,
            "\n<line class=\"gk-target\" x1=\"{x1}\" y1=\"{y}\" x2=\"{x2}\" y2=\"{y}\" stroke=\"{}\" stroke-width=\"{}\" stroke-dasharray=\"{} {}\"/>",
            self.color,
            Px(width),
            Px(width * 6.0),
            Px(width * 4.0),
            y = Px(y),
        );
    }

    /// Draws the marker at the label the target is due at: a diamond on a level, a bar across a
    /// band.
    fn draw_marker(&self, out: &mut String, frame: &Frame) {
        let Some(x) = self.marker else {
            return;
        };
        let r = frame.marker_radius();
        let color = self.color;
        let stroke = Px(frame.stroke * 0.8);
        match self.band {
            Some((top, bottom)) => {
                let (x0, x1) = (Px(x - r), Px(x + r));
                let (t, b, xm) = (Px(top), Px(bottom), Px(x));
                let _ = write!(
                    out,
                    "\n<path class=\"gk-target-mark\" d=\"M{x0} {t}H{x1}M{xm} {t}V{b}M{x0} {b}H{x1}\" stroke=\"{color}\" stroke-width=\"{stroke}\" fill=\"none\"/>"
                );
            }
            None => {
                let (l, r_, t, b) = (Px(x - r), Px(x + r), Px(self.y - r), Px(self.y + r));
                let (xm, ym) = (Px(x), Px(self.y));
                let _ = write!(
                    out,
                    "\n<path class=\"gk-target-mark\" d=\"M{xm} {t}L{r_} {ym}L{xm} {b}L{l} {ym}Z\" fill=\"#FFFFFF\" stroke=\"{color}\" stroke-width=\"{stroke}\"/>"
                );
            }
        }
    }
}

/// Draws the markers of the targets and their labels, over the lines. A label has a white halo
/// so that it reads over a line or the grid.
fn draw_target_labels(out: &mut String, targets: &[PlacedTarget], frame: &Frame) {
    for target in targets {
        target.draw_marker(out, frame);
    }
    if targets.iter().all(|t| t.label.is_none()) {
        return;
    }
    let _ = write!(
        out,
        "\n<g fill=\"{TEXT_COLOR}\" font-size=\"{}\" text-anchor=\"middle\" stroke=\"#FFFFFF\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\">",
        Px(frame.label_font())
    );
    for (text, x, y) in targets.iter().filter_map(|t| t.label.as_ref()) {
        let _ = write!(out, "<text x=\"{}\" y=\"{}\">{text}</text>", Px(*x), Px(*y));
    }
    out.push_str("</g>\n");
}

/// Draws the sign that lower values are better: a downward arrow by the value axis, ending in a
/// check mark. Language-neutral; the page says it in words.
fn draw_lower_is_better(out: &mut String, frame: &Frame) {
    let x = frame.font * 0.55;
    let top = frame.top + frame.height * 0.1;
    let bottom = frame.top + frame.height * 0.75;
    let head = frame.font * 0.45;
    let check = frame.font * 0.4;
    let (xs, t, b) = (Px(x), Px(top), Px(bottom));
    let (hl, hr, hy) = (Px(x - head), Px(x + head), Px(bottom - head * 1.2));
    let (c0, c1, c2) = (
        (Px(x - check), Px(bottom + check * 1.6)),
        (Px(x - check * 0.2), Px(bottom + check * 2.4)),
        (Px(x + check * 1.2), Px(bottom + check * 0.9)),
    );
    let _ = write!(
        out,
        "<g class=\"gk-lower-better\" fill=\"none\" stroke=\"#555555\" stroke-width=\"{}\" stroke-linecap=\"round\" stroke-linejoin=\"round\">\
         <path d=\"M{xs} {t}V{b}M{hl} {hy}L{xs} {b}L{hr} {hy}\"/>\
         <path d=\"M{} {}L{} {}L{} {}\" stroke=\"#009E73\"/></g>",
        Px(frame.font * 0.14),
        c0.0,
        c0.1,
        c1.0,
        c1.1,
        c2.0,
        c2.1,
    );
}

/// A label made safe for the SVG: `&`, `<`, `>` and `"` escaped; typographic symbols (Latin-1
/// signs, punctuation, arrows, mathematical operators) written as character references, so the
/// SVG stays ASCII; control characters and letters of other scripts dropped. Also returns how
/// many characters are shown.
fn escape_label(label: &str) -> (String, usize) {
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
fn ascii_only(label: &str) -> String {
    label.chars().filter(|c| matches!(c, ' '..='~')).collect()
}

/// Appends ASCII `text` to `out` with `&`, `<` and `>` escaped.
fn push_escaped(out: &mut String, text: &str) {
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
struct Px(f64);

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
struct PathData<'a>(&'a [Option<(f64, f64)>]);

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

    fn years(from: i32, to: i32) -> Vec<String> {
        (from..=to).map(|y| y.to_string()).collect()
    }

    fn spec(labels: Vec<String>, lines: Vec<Vec<Option<f64>>>) -> ChartSpec {
        ChartSpec { labels, lines: lines.into_iter().map(|values| Line { values }).collect(), ..ChartSpec::default() }
    }

    fn target(at: Option<usize>, value: f64, label: &str) -> TargetMark {
        TargetMark { at, value, upper: None, label: label.to_string(), line: 0 }
    }

    /// The opening tags of every `<name …>` element in `svg`.
    fn tags<'a>(svg: &'a str, name: &str) -> Vec<&'a str> {
        let open = format!("<{name} ");
        svg.match_indices(&open).filter_map(|(i, _)| svg[i..].find('>').map(|end| &svg[i..i + end])).collect()
    }

    /// The value of attribute `name` in an opening tag.
    fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
        let key = format!(" {name}=\"");
        let start = tag.find(&key)? + key.len();
        let len = tag[start..].find('"')?;
        Some(&tag[start..start + len])
    }

    fn num(tag: &str, name: &str) -> f64 {
        attr(tag, name).and_then(|v| v.parse().ok()).unwrap_or(f64::NAN)
    }

    /// The paths charts-rs drew for line `index`: one per unbroken stretch.
    fn line_paths(svg: &str, index: usize) -> Vec<Vec<(f64, f64)>> {
        let stroke = PALETTE[index];
        tags(svg, "path")
            .into_iter()
            .filter(|t| attr(t, "stroke") == Some(stroke) && attr(t, "fill") == Some("none"))
            .filter(|t| attr(t, "class").is_none())
            .map(|t| points(attr(t, "d").unwrap_or("")))
            .collect()
    }

    /// The points of straight path data (`M x y L x y …`, spaces optional).
    fn points(d: &str) -> Vec<(f64, f64)> {
        let spaced = d.replace(['M', 'L'], " ");
        let nums: Vec<f64> = spaced.split_whitespace().filter_map(|n| n.parse().ok()).collect();
        nums.chunks(2).filter(|c| c.len() == 2).map(|c| (c[0], c[1])).collect()
    }

    /// The y labels: their text and y, top first.
    fn y_labels(svg: &str) -> Vec<(String, f64)> {
        let mut labels: Vec<(String, f64)> = svg
            .match_indices("<text ")
            .filter_map(|(i, _)| {
                let rest = &svg[i..];
                let tag = &rest[..rest.find('>')?];
                attr(tag, "dy")?;
                let text = &rest[tag.len() + 1..rest.find("</text>")?];
                Some((text.to_string(), num(tag, "y")))
            })
            .collect();
        labels.sort_by(|a, b| a.1.total_cmp(&b.1));
        labels
    }

    fn target_ys(svg: &str) -> Vec<f64> {
        tags(svg, "line").into_iter().filter(|t| attr(t, "class") == Some("gk-target")).map(|t| num(t, "y1")).collect()
    }

    fn assert_clean(svg: &str) {
        assert!(svg.starts_with("<svg "), "{svg}");
        assert!(svg.ends_with("</svg>"));
        assert_eq!(svg.matches("<svg").count(), 1, "one root, nothing nested");
        for bad in ["NaN", "inf", "Infinity"] {
            assert!(!svg.contains(bad), "{bad} in {svg}");
        }
        assert!(svg.is_ascii(), "non-ASCII in {svg}");
        for external in ["<script", "href", "url(", "@import", "<image", "<foreignObject"] {
            assert!(!svg.contains(external), "{external} in {svg}");
        }
    }

    #[test]
    fn a_gap_breaks_the_line() {
        let svg = line_chart(&spec(
            years(2019, 2024),
            vec![vec![Some(1.0), Some(2.0), None, Some(4.0), Some(5.0), Some(6.0)]],
        ));
        let paths = line_paths(&svg, 0);
        assert_eq!(paths.len(), 2, "{svg}");
        assert_eq!(paths[0].len(), 2);
        assert_eq!(paths[1].len(), 3);
        // Nothing is drawn at the gap's slot, and certainly not a zero.
        let frame_gap_x = paths[0][1].0 + (paths[1][0].0 - paths[0][1].0) / 2.0;
        assert!(paths.iter().flatten().all(|p| (p.0 - frame_gap_x).abs() > 1.0));

        let whole = line_chart(&spec(years(2019, 2021), vec![vec![Some(1.0), Some(2.0), Some(3.0)]]));
        assert_eq!(line_paths(&whole, 0).len(), 1);
    }

    #[test]
    fn a_lone_value_between_gaps_is_still_seen() {
        // Few points: charts-rs marks every point.
        let svg = line_chart(&spec(years(2019, 2023), vec![vec![Some(1.0), None, Some(2.0), None, Some(3.0)]]));
        assert_eq!(line_paths(&svg, 0).len(), 3);
        assert!(tags(&svg, "circle").len() >= 3);
        // Many points: no markers, except on a lone value.
        let mut values: Vec<Option<f64>> = (0..120).map(|i| Some(f64::from(i))).collect();
        values[50] = None;
        values[52] = None;
        let svg = line_chart(&spec((0..120).map(|i| format!("m{i}")).collect(), vec![values]));
        let dots = tags(&svg, "circle");
        assert_eq!(dots.len(), 1, "{svg}");
        assert_eq!(attr(dots[0], "fill"), Some(PALETTE[0]));
    }

    #[test]
    fn the_value_axis_reaches_a_target_above_every_value() {
        let mut s = spec(years(2019, 2025), vec![vec![Some(0.8), Some(0.85), Some(0.9), None, None, None, None]]);
        s.decimals = 2;
        s.targets = vec![target(Some(6), 1.5, "2025")];
        let svg = line_chart(&s);
        let labels = y_labels(&svg);
        let (top, bottom) = (labels[0].1, labels[labels.len() - 1].1);
        let level = target_ys(&svg)[0];
        let highest_point = line_paths(&svg, 0)[0].iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
        assert!(level >= top && level <= bottom, "{level} in {top}..{bottom}");
        assert!(level < highest_point, "target above the values");
        // The top label is a value at or above the target.
        assert!(labels[0].0.parse::<f64>().is_ok_and(|v| v >= 1.5));
    }

    #[test]
    fn the_value_axis_reaches_a_band_and_a_target_below_every_value() {
        let mut s = spec(years(2020, 2023), vec![vec![Some(-3.0), Some(5.0), None, Some(8.0)]]);
        s.targets = vec![
            TargetMark { at: Some(3), value: 12.0, upper: Some(20.0), label: "2023".into(), line: 0 },
            target(None, -10.0, ""),
        ];
        let svg = line_chart(&s);
        let labels = y_labels(&svg);
        let values: Vec<f64> = labels.iter().filter_map(|(t, _)| t.parse().ok()).collect();
        assert!(values.iter().any(|&v| v >= 20.0), "{values:?}");
        assert!(values.iter().any(|&v| v <= -10.0), "{values:?}");
        let band = tags(&svg, "rect")
            .into_iter()
            .find(|t| attr(t, "class") == Some("gk-band"))
            .map(|t| (num(t, "y"), num(t, "height")));
        let (y, height) = band.unwrap_or((f64::NAN, f64::NAN));
        assert!(y >= labels[0].1 && y + height <= labels[labels.len() - 1].1 + 0.1);
        assert!(height > 10.0);
    }

    #[test]
    fn values_are_drawn_at_their_true_positions() {
        // 0 and 10 are ticks (written "0.0" and "10.0"); 5 is half way.
        let svg = line_chart(&spec(years(2020, 2022), vec![vec![Some(0.0), Some(5.0), Some(10.0)]]));
        let labels = y_labels(&svg);
        let y_of = |text: &str| labels.iter().find(|(t, _)| t == text).map(|l| l.1).unwrap_or(f64::NAN);
        let line = &line_paths(&svg, 0)[0];
        assert!((line[0].1 - y_of("0.0")).abs() <= 0.11, "{svg}");
        assert!((line[2].1 - y_of("10.0")).abs() <= 0.11);
        assert!((line[1].1 - (y_of("0.0") + y_of("10.0")) / 2.0).abs() <= 0.11);
        // Evenly spaced in the middle of their slots, inside the plot.
        assert!(((line[1].0 - line[0].0) - (line[2].0 - line[1].0)).abs() <= 0.11);

        // Large magnitudes keep their precision (charts-rs itself works in f32).
        let svg = line_chart(&spec(years(2020, 2022), vec![vec![Some(250_000.0), Some(250_000.5), Some(250_001.0)]]));
        let line = &line_paths(&svg, 0)[0];
        assert!((line[1].1 - (line[0].1 + line[2].1) / 2.0).abs() <= 0.11);
        assert!(line[0].1 - line[2].1 > 50.0, "a small change is not flattened");
    }

    #[test]
    fn tick_labels_have_exactly_the_decimals() {
        for (decimals, values) in [
            (0, vec![Some(12.0), Some(250_000.0)]),
            (1, vec![Some(7.3), Some(9.9)]),
            (2, vec![Some(0.95), Some(1.02)]),
            (3, vec![Some(0.003), Some(0.0051)]),
            (1, vec![Some(0.003), Some(0.0051)]),
            (2, vec![Some(-4.0), Some(3.0)]),
        ] {
            let mut s = spec(years(2020, 2021), vec![values]);
            s.decimals = decimals;
            let svg = line_chart(&s);
            let labels = y_labels(&svg);
            assert!(labels.len() >= 2, "{svg}");
            let texts: Vec<&str> = labels.iter().map(|l| l.0.as_str()).collect();
            for text in &texts {
                let frac = text.split_once('.').map_or(0, |(_, f)| f.len());
                assert_eq!(frac, usize::from(decimals), "{text} in {texts:?}");
            }
            let mut unique = texts.clone();
            unique.dedup();
            assert_eq!(unique.len(), texts.len(), "distinct: {texts:?}");
        }
    }

    #[test]
    fn numbers_are_written_exactly() {
        assert_eq!(format_number(0.0, 2), "0.00");
        assert_eq!(format_number(-0.001, 2), "0.00");
        assert_eq!(format_number(-0.5, 0), "0");
        assert_eq!(format_number(1234.0, 0), "1234");
        assert_eq!(format_number(250_000.0, 0), "250,000");
        assert_eq!(format_number(-12_345.64, 1), "-12,345.6");
        assert_eq!(format_number(0.1 + 0.2, 1), "0.3");
        assert_eq!(format_number(1.0, 3), "1.000");
    }

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

    #[test]
    fn degenerate_input_never_breaks_the_svg() {
        let mut specs = vec![
            ChartSpec::default(),
            spec(vec![], vec![vec![Some(1.0)]]),
            spec(years(2020, 2022), vec![]),
            spec(years(2020, 2022), vec![vec![None, None, None]]),
            spec(vec!["2024".into()], vec![vec![Some(3.0)]]),
            spec(years(2020, 2022), vec![vec![Some(5.0), Some(5.0), Some(5.0)]]),
            spec(years(2020, 2022), vec![vec![Some(0.0), Some(0.0), None]]),
            spec(years(2020, 2021), vec![vec![Some(-5.0), Some(-5.0)]]),
            spec(years(2020, 2021), vec![vec![Some(f64::NAN), Some(f64::INFINITY)]]),
            spec(years(2020, 2021), vec![vec![Some(1e300), Some(-1e300)]]),
            spec(years(2020, 2021), vec![vec![Some(f64::MAX), Some(f64::MIN)]]),
            spec(years(2020, 2021), vec![vec![Some(1e-12), Some(3e-12)]]),
            spec(years(2020, 2021), vec![vec![Some(0.003), Some(250_000.0)]]),
            spec(years(2020, 2021), vec![vec![Some(1.0); 10]]),
            spec(years(1, 2000), vec![vec![Some(1.0); 2000]]),
        ];
        let mut odd = spec(years(2020, 2022), vec![vec![Some(1.0), None, Some(2.0)]]);
        odd.targets = vec![
            target(Some(99), 3.0, "2030"),
            target(None, f64::NAN, "nan"),
            TargetMark { at: Some(1), value: 1.0, upper: Some(f64::INFINITY), label: "<&>\"".into(), line: 42 },
        ];
        odd.decimals = 255;
        specs.push(odd);
        for (width, height) in [(0, 0), (1, 1), (u32::MAX, u32::MAX), (390, 200)] {
            let mut s = spec(years(2020, 2030), vec![vec![Some(1.5); 11]]);
            s.targets = vec![target(Some(10), 2.0, ">=2.0 2030")];
            s.width = width;
            s.height = height;
            specs.push(s);
        }
        for s in &specs {
            let svg = line_chart(s);
            assert_clean(&svg);
            assert_eq!(svg, line_chart(s), "deterministic");
        }
    }

    #[test]
    fn output_is_deterministic() {
        let mut s = spec(
            years(2018, 2025),
            vec![
                vec![Some(9.8), Some(9.5), None, Some(8.6), Some(8.3), None, None, None],
                vec![Some(10.8), None, Some(9.9), Some(9.6), Some(9.3), None, None, None],
            ],
        );
        s.targets = vec![target(Some(7), 7.5, "2025"), target(None, 11.0, "")];
        s.lower_is_better = true;
        let first = line_chart(&s);
        for _ in 0..3 {
            assert_eq!(first, line_chart(&s.clone()));
        }
    }

    #[test]
    fn the_svg_is_ascii_responsive_and_self_contained() {
        let mut s = spec(vec!["2024年".into(), "2025年".into()], vec![vec![Some(0.9), Some(1.1)]]);
        s.targets = vec![target(Some(1), 1.0, "≥1.0 2025 目标")];
        let svg = line_chart(&s);
        assert_clean(&svg);
        let root = tags(&svg, "svg")[0];
        assert_eq!(attr(root, "role"), Some("img"));
        assert_eq!(attr(root, "viewBox"), Some("0 0 720 360"));
        assert_eq!(attr(root, "width"), Some("100%"));
        assert_eq!(attr(root, "height"), None);
        assert_eq!(attr(root, "font-family"), Some("system-ui, sans-serif"));
        assert!(!root.contains("charts-rs") && !root[1..].contains('<'));
        // The symbol is kept as a character reference, the CJK is dropped.
        assert!(svg.contains(">&#x2265;1.0 2025</text>"), "{svg}");
        assert!(svg.contains(">2024</text>"));
        // charts-rs's font is never named, and no title or legend is drawn.
        assert!(!svg.contains("Roboto") && !svg.contains("<title"));
    }

    #[test]
    fn targets_lie_under_the_lines_and_over_the_grid() {
        let mut s = spec(years(2020, 2022), vec![vec![Some(1.0), Some(2.0), Some(3.0)]]);
        s.targets = vec![target(Some(2), 4.0, "2022")];
        let svg = line_chart(&s);
        let level = svg.find("gk-target").unwrap_or(usize::MAX);
        let grid = svg.find("stroke=\"#E0E6F2\"").unwrap_or(usize::MAX);
        let line = svg.find(&format!("stroke=\"{}\"", PALETTE[0])).unwrap_or(0);
        assert!(grid < level, "grid first");
        let first_path = svg.find("<path d=\"M").unwrap_or(0);
        assert!(level < first_path && level < line.max(first_path));
        // The marker is a diamond at the label's x.
        assert_eq!(svg.matches("gk-target-mark").count(), 1);
    }

    #[test]
    fn labels_of_close_targets_do_not_overlap() {
        let mut s = spec(years(2020, 2025), vec![vec![Some(70.0); 6]; 3]);
        s.targets =
            (0..3).map(|line| TargetMark { line, ..target(Some(5), 75.0 + line as f64 * 0.3, "2025") }).collect();
        let svg = line_chart(&s);
        let mut ys: Vec<f64> = svg
            .match_indices(">2025</text>")
            .filter_map(|(end, _)| {
                let start = svg[..end].rfind("<text ")?;
                Some(num(&svg[start..end], "y"))
            })
            .filter(|y| *y < 330.0)
            .collect();
        ys.sort_by(f64::total_cmp);
        assert_eq!(ys.len(), 3, "{svg}");
        let font = Frame::new(&s, &[]).label_font();
        assert!(ys.windows(2).all(|w| w[1] - w[0] >= font * 0.99), "{ys:?}");
    }

    #[test]
    fn lower_is_better_shows_an_arrow() {
        let mut s = spec(years(2020, 2021), vec![vec![Some(9.0), Some(8.0)]]);
        assert!(!line_chart(&s).contains("gk-lower-better"));
        s.lower_is_better = true;
        let svg = line_chart(&s);
        assert!(svg.contains("gk-lower-better"));
        // It stays left of the value labels.
        let arrow = &svg[svg.find("gk-lower-better").unwrap_or(0)..];
        let d = attr(&arrow[arrow.find("<path ").unwrap_or(0)..], "d").unwrap_or("");
        let x: f64 = d[1..].split(' ').next().and_then(|x| x.parse().ok()).unwrap_or(f64::NAN);
        let label_x = tags(&svg, "text")
            .into_iter()
            .filter(|t| attr(t, "dy").is_some())
            .map(|t| num(t, "x"))
            .fold(f64::INFINITY, f64::min);
        assert!(x < label_x - 30.0, "{x} vs {label_x}");
    }

    #[test]
    fn dense_x_labels_are_thinned_to_round_steps() {
        let labels: Vec<String> = (2019..=2025).flat_map(|y| (1..=12).map(move |m| format!("{y}-{m:02}"))).collect();
        let svg = line_chart(&spec(labels, vec![vec![Some(1.0); 84]]));
        let shown: Vec<&str> = svg
            .match_indices("</text>")
            .filter_map(|(end, _)| svg[..end].rsplit('>').next())
            .filter(|t| t.len() == 7)
            .collect();
        assert!(shown.len() >= 4 && shown.len() < 20, "{shown:?}");
        assert!(shown.iter().all(|t| t.ends_with("-01")), "{shown:?}");
    }

    #[test]
    fn sparklines() {
        let svg = sparkline(&[Some(0.8), Some(0.85), None, Some(0.9), Some(0.95)], Some(1.0), false);
        assert_clean(&svg);
        let root = tags(&svg, "svg")[0];
        assert_eq!(attr(root, "role"), Some("img"));
        assert_eq!(attr(root, "viewBox"), Some("0 0 120 32"));
        assert!(!svg.contains("<text"));
        let path = tags(&svg, "path")[0];
        let d = attr(path, "d").unwrap_or("");
        assert_eq!(d.matches('M').count(), 2, "a gap: {d}");
        // The last value is emphasised, and sits at the path's last point.
        let last = points(d).last().copied().unwrap_or((f64::NAN, f64::NAN));
        let emphasis =
            tags(&svg, "circle").into_iter().find(|t| attr(t, "r") == Some("3")).map(|t| (num(t, "cx"), num(t, "cy")));
        assert_eq!(emphasis, Some(last));
        // The target is a dashed level above every value (y grows downwards).
        let level = tags(&svg, "line")[0];
        assert!(attr(level, "stroke-dasharray").is_some());
        assert!(points(d).iter().all(|p| p.1 > num(level, "y1")));
        // The shading is on the side that meets the target.
        let shade = tags(&svg, "rect")[0];
        assert_eq!(num(shade, "y"), 0.0);
        let down = sparkline(&[Some(9.0), Some(8.0)], Some(7.0), true);
        let shade = tags(&down, "rect")[0];
        assert!(num(shade, "y") > 16.0);
        for degenerate in [
            sparkline(&[], None, false),
            sparkline(&[None, None], Some(1.0), true),
            sparkline(&[Some(2.0)], None, false),
            sparkline(&[Some(2.0), Some(2.0)], Some(2.0), false),
            sparkline(&[Some(f64::NAN), Some(1e308), Some(-1e308)], Some(f64::INFINITY), false),
        ] {
            assert_clean(&degenerate);
        }
        assert_eq!(
            sparkline(&[Some(1.0), Some(2.0)], Some(3.0), false),
            sparkline(&[Some(1.0), Some(2.0)], Some(3.0), false)
        );
    }

    /// Not a check: prints the time one chart takes (`cargo test --release --lib chart -- --nocapture`).
    #[test]
    fn time_per_chart() {
        let mut s = spec(
            years(2018, 2025),
            vec![
                vec![Some(9.8), Some(9.5), Some(9.1), None, Some(8.6), Some(8.3), None, None],
                vec![Some(10.8), Some(10.1), Some(9.9), Some(9.6), Some(9.3), Some(9.0), None, None],
            ],
        );
        s.targets = vec![target(Some(7), 7.5, "2025"), target(Some(7), 8.0, "2025")];
        s.lower_is_better = true;
        let runs = 2000;
        let start = std::time::Instant::now();
        let mut bytes = 0;
        for _ in 0..runs {
            bytes += line_chart(&s).len();
        }
        let chart = start.elapsed() / runs;
        let start = std::time::Instant::now();
        for _ in 0..runs {
            bytes += sparkline(&s.lines[0].values, Some(7.5), true).len();
        }
        let spark = start.elapsed() / runs;
        eprintln!("line_chart: {chart:?} per chart; sparkline: {spark:?} ({bytes} bytes)");
    }
}

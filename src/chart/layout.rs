//! Where things go on a chart, before anything is written: the [`Frame`] (the plot's place in
//! the drawing and the sizes of text, strokes and markers), how many x labels fit, and where the
//! targets and their labels sit ([`placed_targets`]) so that labels stay off each other.

use super::scale::Scale;
use super::svg::escape_label;
use super::{CHAR_EM, ChartSpec, MAX_SIZE, MIN_SIZE, PALETTE};

/// Where the plot sits in the drawing, and the sizes of what is drawn around it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Frame {
    /// Width and height of the drawing.
    pub(super) size: (f64, f64),
    /// Left edge of the plot.
    pub(super) left: f64,
    /// Top edge of the plot.
    pub(super) top: f64,
    /// Width of the plot.
    pub(super) width: f64,
    /// Height of the plot (the x axis is below it).
    pub(super) height: f64,
    /// Height of the x axis.
    pub(super) x_axis: f64,
    /// Number of x slots (labels); each point sits in the middle of its slot.
    pub(super) slots: usize,
    /// Font size of the axis labels.
    pub(super) font: f64,
    /// Stroke width of the lines.
    pub(super) stroke: f64,
    /// Whether every point gets a marker: not where points are too close for them to be told
    /// apart (then only a point alone between gaps gets one, see [`super::draw::draw_points`]).
    pub(super) symbols: bool,
}

impl Frame {
    pub(super) fn new(spec: &ChartSpec, tick_labels: &[String]) -> Frame {
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
    pub(super) fn point_radius(&self) -> f64 {
        self.stroke * 1.4
    }

    /// Font size of the labels of the targets.
    pub(super) fn label_font(&self) -> f64 {
        (self.font * 0.9).round()
    }

    /// Half the width of the marker of a target.
    pub(super) fn marker_radius(&self) -> f64 {
        self.stroke * 2.6
    }

    /// The x of slot `i`: the middle of its band, as charts-rs places points with a boundary gap.
    pub(super) fn x(&self, i: usize) -> f64 {
        let unit = self.width / self.slots.max(1) as f64;
        self.left + unit * (i as f64 + 0.5)
    }

    /// The y of `value` on `scale`.
    pub(super) fn y(&self, scale: &Scale, value: f64) -> f64 {
        self.top + self.height * (1.0 - scale.fraction(value))
    }

    /// Right edge of the plot.
    pub(super) fn right(&self) -> f64 {
        self.left + self.width
    }
}

/// How many slots apart the x labels are written: 1 where they all fit side by side, else a
/// round number (2, 5, 12…) so that, say, monthly labels keep their Januaries.
pub(super) fn label_step(labels: &[String], frame: &Frame) -> usize {
    let widest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f64;
    let room = (widest * CHAR_EM + 0.6) * frame.font;
    let fit = ((frame.width / room).floor() as usize).max(1);
    let n = labels.len();
    if n <= fit {
        return 1;
    }
    [2, 3, 4, 5, 6, 12, 24, 60, 120].into_iter().find(|k| n.div_ceil(*k) <= fit).unwrap_or_else(|| n.div_ceil(fit))
}

/// A target as it is drawn: its level or band, its marker and its label.
pub(super) struct PlacedTarget {
    pub(super) color: &'static str,
    /// y of the level; of the band's edges, top first.
    pub(super) y: f64,
    pub(super) band: Option<(f64, f64)>,
    /// x of the marker, for a target due at a label.
    pub(super) marker: Option<f64>,
    /// The label, escaped, and where it is written: the middle of its baseline.
    pub(super) label: Option<(String, f64, f64)>,
}

/// Places every target of `spec` and its label; labels are moved off each other.
pub(super) fn placed_targets(spec: &ChartSpec, scale: &Scale, frame: &Frame) -> Vec<PlacedTarget> {
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

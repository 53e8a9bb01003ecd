//! What gongkai draws itself over charts-rs's grid and lines: the x axis, the points' markers,
//! the y labels, the targets (levels, bands, markers, labels) and the "lower is better" arrow.
//! Each writes SVG elements at the places [`super::layout`] computed, on the shared [`Scale`].

use std::fmt::Write as _;

use super::layout::{Frame, PlacedTarget, label_step};
use super::scale::Scale;
use super::svg::{Px, ascii_only, push_escaped};
use super::{AXIS_COLOR, CHAR_EM, ChartSpec, Line, PALETTE, TEXT_COLOR};

/// Draws the x axis: its line along the bottom of the plot, and every `label_step`-th label
/// (ASCII only) with a tick, centred under its slot as the points are.
pub(super) fn draw_x_axis(out: &mut String, labels: &[String], frame: &Frame) {
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
pub(super) fn draw_points(out: &mut String, spec: &ChartSpec, scale: &Scale, frame: &Frame) {
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
pub(super) fn draw_y_labels(out: &mut String, scale: &Scale, frame: &Frame, labels: &[String]) {
    let _ = write!(out, "<g fill=\"{AXIS_COLOR}\" font-size=\"{}\" text-anchor=\"end\">", Px(frame.font));
    let x = frame.left - frame.font * 0.4;
    for (i, label) in labels.iter().enumerate() {
        let y = frame.y(scale, scale.tick(i));
        let _ = write!(out, "<text x=\"{}\" y=\"{}\" dy=\"0.35em\">{label}</text>", Px(x), Px(y));
    }
    out.push_str("</g>\n");
}

impl PlacedTarget {
    /// Draws the band or the dashed level across the plot, under the lines.
    pub(super) fn draw_level(&self, out: &mut String, frame: &Frame) {
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
pub(super) fn draw_target_labels(out: &mut String, targets: &[PlacedTarget], frame: &Frame) {
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
pub(super) fn draw_lower_is_better(out: &mut String, frame: &Frame) {
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

//! Tests of whole charts: [`line_chart`] and [`sparkline`] drawn from a spec and read back from
//! their SVG (lines, gaps, axes, targets, determinism, degenerate input). The tests of one part
//! (the scale, the SVG numbers, the charts-rs adapter) sit beside that part.

use super::layout::Frame;
use super::*;

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
    let svg =
        line_chart(&spec(years(2019, 2024), vec![vec![Some(1.0), Some(2.0), None, Some(4.0), Some(5.0), Some(6.0)]]));
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
    s.targets = (0..3).map(|line| TargetMark { line, ..target(Some(5), 75.0 + line as f64 * 0.3, "2025") }).collect();
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

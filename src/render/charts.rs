//! The charts of the pages, mapped from the model: a series' trend against its targets, the
//! sparkline of a region's table row, and the comparison of regions on one indicator. Each is
//! drawn twice ([`Charts`]: wide, and narrow for phones) by the model-free [`crate::chart`],
//! once for all languages; the page adds a title and description in its language.

use crate::chart;
use crate::model::{Indicator, Period, Region, Series, Site, TargetValue, Value};
use crate::render::view::{Lang, escape};
use crate::vocab::{Direction, Frequency, Kind, TargetKind};

/// A chart drawn twice: for wide screens, and narrower so its text stays readable on phones.
pub struct Charts {
    wide: String,
    narrow: String,
}

impl Charts {
    pub(crate) fn draw(mut spec: chart::ChartSpec) -> Charts {
        spec.width = 720;
        spec.height = 360;
        let wide = chart::line_chart(&spec);
        spec.width = 320;
        spec.height = 240;
        Charts { wide, narrow: chart::line_chart(&spec) }
    }

    /// Both charts with a title and description in the page's language; CSS shows one.
    pub(crate) fn html(&self, title: &str, desc: &str) -> String {
        format!(
            "<div class=\"chart-wide\">{}</div><div class=\"chart-narrow\">{}</div>",
            with_title(&self.wide, title, desc),
            with_title(&self.narrow, title, desc)
        )
    }
}

/// Insert a `<title>` and `<desc>` (in the page's language) into a shared SVG.
pub(super) fn with_title(svg: &str, title: &str, desc: &str) -> String {
    match svg.find('>') {
        Some(i) => {
            format!("{}><title>{}</title><desc>{}</desc>{}", &svg[..i], escape(title), escape(desc), &svg[i + 1..])
        }
        None => svg.to_string(),
    }
}

pub(super) fn chart_description(lang: &Lang, ind: &Indicator, region: &Region, series: &[&Series]) -> String {
    series
        .iter()
        .filter_map(|s| {
            let latest = s.latest()?;
            let name = lang.plain(&ind.name);
            let latest_s = lang.value(ind, &latest.value);
            let target =
                s.targets.iter().map(|&t| lang.target_short(ind, &region.targets[t])).collect::<Vec<_>>().join("; ");
            Some(if target.is_empty() {
                lang.tf(
                    "chart_desc_no_target",
                    &[("indicator", name), ("latest", &latest_s), ("period", &latest.period.to_string())],
                )
            } else {
                lang.tf(
                    "chart_desc",
                    &[
                        ("indicator", name),
                        ("latest", &latest_s),
                        ("period", &latest.period.to_string()),
                        ("target", &target),
                    ],
                )
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The x-axis: every period from the first to the last value or target year, so gaps show.
pub(super) fn axis(freq: Frequency, first: Option<Period>, last: Option<Period>, target_years: &[i32]) -> Vec<Period> {
    let end_of = |y: i32| match freq {
        Frequency::Yearly => Period::Year(y),
        Frequency::Quarterly => Period::Quarter(y, 4),
        Frequency::Monthly => Period::Month(y, 12),
    };
    let start_of = |y: i32| match freq {
        Frequency::Yearly => Period::Year(y),
        Frequency::Quarterly => Period::Quarter(y, 1),
        Frequency::Monthly => Period::Month(y, 1),
    };
    let min_year = target_years.iter().min().copied();
    let max_year = target_years.iter().max().copied();
    let start = match (first, min_year) {
        (Some(f), Some(y)) => f.min(start_of(y)),
        (Some(f), None) => f,
        (None, Some(y)) => start_of(y),
        (None, None) => return Vec::new(),
    };
    let end = match (last, max_year) {
        (Some(l), Some(y)) => l.max(end_of(y)),
        (Some(l), None) => l,
        (None, Some(y)) => end_of(y),
        (None, None) => return Vec::new(),
    };
    let mut out = vec![start];
    let mut p = start;
    while p < end && out.len() < 400 {
        p = p.next();
        out.push(p);
    }
    out
}

/// The trend chart of one indicator in one region: a line per scope, each target as a level.
pub(super) fn series_chart(ind: &Indicator, region: &Region, idx: &[usize]) -> Option<Charts> {
    if ind.kind == Kind::Qualitative {
        return None;
    }
    let series: Vec<&Series> = idx.iter().map(|&i| &region.series[i]).collect();
    let first = series.iter().filter_map(|s| s.observations.first()).map(|o| o.period).min();
    let last = series.iter().filter_map(|s| s.observations.last()).map(|o| o.period).max();
    first?;
    let years: Vec<i32> =
        series.iter().flat_map(|s| s.targets.iter().filter_map(|&t| region.targets[t].year)).collect();
    let labels = axis(ind.frequency, first, last, &years);
    let lines: Vec<chart::Line> = series
        .iter()
        .map(|s| chart::Line {
            values: labels
                .iter()
                .map(|p| s.observations.iter().find(|o| o.period == *p).and_then(|o| o.value.number()))
                .collect(),
        })
        .collect();
    let mut targets = Vec::new();
    for (n, s) in series.iter().enumerate() {
        for &t in &s.targets {
            let target = &region.targets[t];
            let (Some(TargetValue::Number(v)), TargetKind::Level) = (target.value, target.kind) else { continue };
            let at = target.year.and_then(|y| labels.iter().rposition(|p| p.year() == y));
            let label = target.year.map(|y| y.to_string()).unwrap_or_default();
            targets.push(chart::TargetMark { at, value: v, upper: target.upper, label, line: n });
        }
    }
    let spec = chart::ChartSpec {
        labels: labels.iter().map(Period::to_string).collect(),
        lines,
        targets,
        decimals: ind.decimals,
        lower_is_better: series.first().is_some_and(|s| s.direction == Direction::Decrease),
        width: 720,
        height: 360,
    };
    Some(Charts::draw(spec))
}

pub(super) fn sparkline(ind: &Indicator, region: &Region, s: &Series) -> Option<String> {
    if ind.kind == Kind::Qualitative || s.observations.len() < 2 {
        return None;
    }
    let labels =
        axis(ind.frequency, s.observations.first().map(|o| o.period), s.observations.last().map(|o| o.period), &[]);
    let values: Vec<Option<f64>> =
        labels.iter().map(|p| s.observations.iter().find(|o| o.period == *p).and_then(|o| o.value.number())).collect();
    let target = s.targets.iter().rev().find_map(|&t| match (region.targets[t].value, region.targets[t].kind) {
        (Some(TargetValue::Number(v)), TargetKind::Level) => Some(v),
        _ => None,
    });
    Some(chart::sparkline(&values, target, s.direction == Direction::Decrease))
}

/// One chart comparing regions (up to the palette's size of lines), with the lines drawn.
pub(super) fn comparison_chart(
    ind: &Indicator,
    site: &Site,
    entries: &[(usize, usize)],
) -> Option<(Charts, Vec<(usize, usize)>)> {
    if ind.kind == Kind::Qualitative {
        return None;
    }
    let chosen: Vec<(usize, usize)> = entries
        .iter()
        .copied()
        .filter(|&(ri, si)| {
            site.regions[ri].series[si].observations.iter().any(|o| matches!(o.value, Value::Number(_)))
        })
        .take(chart::PALETTE.len())
        .collect();
    if chosen.is_empty() {
        return None;
    }
    let obs = |&(ri, si): &(usize, usize)| &site.regions[ri].series[si].observations;
    let first = chosen.iter().filter_map(|e| obs(e).first()).map(|o| o.period).min();
    let last = chosen.iter().filter_map(|e| obs(e).last()).map(|o| o.period).max();
    let labels = axis(ind.frequency, first, last, &[]);
    let lines = chosen
        .iter()
        .map(|e| chart::Line {
            values: labels
                .iter()
                .map(|p| obs(e).iter().find(|o| o.period == *p).and_then(|o| o.value.number()))
                .collect(),
        })
        .collect();
    let spec = chart::ChartSpec {
        labels: labels.iter().map(Period::to_string).collect(),
        lines,
        targets: Vec::new(),
        decimals: ind.decimals,
        lower_is_better: ind.direction == Direction::Decrease,
        width: 720,
        height: 360,
    };
    Some((Charts::draw(spec), chosen))
}

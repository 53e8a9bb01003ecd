//! Stage 3: progress of each series against each of its targets.
//!
//! The rule (documented for users in `docs/content-format.md`, "How progress is assessed"):
//!
//! 1. No number in the target, or a `monitor` indicator → `not_assessable` / `monitored`.
//! 2. The latest value meets the target → `achieved`.
//! 3. The target year is before `as_of` → `missed`. A standing bound (no year) not met →
//!    `off_track`.
//! 4. Otherwise the pace: the compound annual growth rate (CAGR) observed from the first to the
//!    latest value, divided by the CAGR needed from the first value to the target in its year
//!    (Open SDG / Statistics Canada). `ratio ≥ on_track` → `on_track`, `≥ needs_acceleration` →
//!    `needs_acceleration`, else `off_track`. With a zero or negative value involved, the same
//!    ratio with linear rates. Fewer than two values → `not_assessable`.
//!
//! `annual_change` targets compare the latest year-on-year change in percent with the
//! required change, `annual_increase` targets the latest change in the indicator's unit.
//! Qualitative series use the latest state: `done` → achieved; before the target year
//! `in_progress` → on track and `not_started` → off track; after it, missed.
//!
//! What the plans say and the numbers alone do not:
//! - 左右 (`approx`): the level counts as met within `progress.approx_tolerance` of the
//!   number (±5% by default), for every bound; the pace is still measured against the number.
//! - A range given as a count ("1～2个") is met from its lower end up; exceeding the upper end
//!   fails it only where the content says the upper end is a limit (`upper_limit`).
//! - A target due at the plan's horizon (`due: horizon`) is "not yet due" until the horizon
//!   ends (and for ever where the plan states no end year), then met or missed.
//! - A rank (前三) needs the other regions' values: not assessed, and said so.

use rayon::prelude::*;
use serde::Serialize;

use crate::model::{Observation, ProgressSettings, Region, Series, Site, Target, TargetValue, Value};
use crate::vocab::{Bound, Direction, Status, TargetKind, WorkState};

/// The status of one series against one target, and the figures behind it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Assessment {
    pub status: Status,
    /// Why, in a form the templates turn into a sentence.
    pub reason: Reason,
    /// Observed rate ÷ required rate, when the pace was measured.
    pub ratio: Option<f64>,
}

/// Why a status was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The indicator is only monitored.
    Monitored,
    /// The target has no number.
    NoNumber,
    /// There is no value.
    NoData,
    /// One value only, so no pace can be measured.
    OneValue,
    /// The latest value meets the target.
    Met,
    /// The target year has passed without the target being met.
    YearPassed,
    /// A standing bound that the latest value does not meet.
    BoundNotMet,
    /// The pace since the first value (compound growth).
    PaceCompound,
    /// The pace since the first value (linear, as a value was zero or negative).
    PaceLinear,
    /// The first value already met the target, but the latest does not: moving away.
    MovingAway,
    /// The latest year-on-year change compared with the required change.
    AnnualChange,
    /// No two consecutive years to compute a yearly change from.
    NoAnnualChange,
    /// The state of a qualitative indicator.
    State,
    /// The latest value meets the target only within the tolerance of 左右.
    MetApprox,
    /// The latest yearly change in the indicator's unit compared with the required change.
    AnnualIncrease,
    /// A rank among other regions: the site has not their values, so does not assess it.
    Rank,
    /// The plan states a number the site does not assess (the target says why).
    NumberNotAssessed,
    /// Due at the end of the plan's horizon, which has not come.
    NotYetDue,
    /// Due at the end of the plan's horizon, which the plan does not state.
    NotYetDueNoHorizon,
}

impl Assessment {
    fn new(status: Status, reason: Reason) -> Self {
        Assessment { status, reason, ratio: None }
    }
}

/// How a value stands to a target's level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Met {
    No,
    Yes,
    /// Only within the tolerance of 左右.
    WithinTolerance,
}

/// Does `x` meet the target's level (`goal`, the target's number)? `tolerance` is the share of
/// the number a 左右 target may miss it by.
pub fn meets(x: f64, goal: f64, target: &Target, decimals: u8, tolerance: f64) -> Met {
    // Half a unit of the last shown digit absorbs float noise (a value shown as 90.0 meets 90).
    let eps = 0.5 * 10f64.powi(-(decimals as i32)) * 1e-3;
    let upper = if target.upper_limit { target.upper } else { None };
    let within = |slack_low: f64, slack_high: f64| match target.bound {
        Bound::Min => x >= goal - slack_low - eps,
        Bound::Max => x <= goal + slack_high + eps,
        Bound::Range => x >= goal - slack_low - eps && x <= upper.map_or(f64::INFINITY, |u| u + slack_high) + eps,
        Bound::Exact => {
            let shown = 0.5 * 10f64.powi(-(decimals as i32));
            x >= goal - shown.max(slack_low) - eps && x <= goal + shown.max(slack_high) + eps
        }
    };
    if within(0.0, 0.0) {
        return Met::Yes;
    }
    if target.approx {
        let high = upper.unwrap_or(goal);
        if within(tolerance * goal.abs(), tolerance * high.abs()) {
            return Met::WithinTolerance;
        }
    }
    Met::No
}

/// Assess one series against one of its targets.
pub fn assess(series: &Series, target: &Target, decimals: u8, settings: &ProgressSettings) -> Assessment {
    if series.direction == Direction::Monitor {
        return Assessment::new(Status::Monitored, Reason::Monitored);
    }
    if target.unassessed.is_some() {
        return Assessment::new(Status::NotAssessable, Reason::NumberNotAssessed);
    }
    let obs = &series.observations;
    let Some(latest) = obs.last() else {
        return match target.value {
            None => Assessment::new(Status::NotAssessable, Reason::NoNumber),
            Some(_) => Assessment::new(Status::NotAssessable, Reason::NoData),
        };
    };
    let passed = target.year.is_some_and(|y| y < settings.as_of);
    let goal = match target.value {
        None => return Assessment::new(Status::NotAssessable, Reason::NoNumber),
        Some(TargetValue::Done) => return qualitative(latest, passed),
        Some(TargetValue::Number(v)) => v,
    };
    if let Value::State(_) = latest.value {
        return qualitative(latest, passed);
    }
    match target.kind {
        TargetKind::AnnualChange | TargetKind::AnnualIncrease => {
            return annual_change(obs, goal, target, passed, settings);
        }
        TargetKind::Rank => return Assessment::new(Status::NotAssessable, Reason::Rank),
        TargetKind::Level => {}
    }
    let Some(x_t) = latest.value.number() else {
        return Assessment::new(Status::NotAssessable, Reason::NoData);
    };
    match meets(x_t, goal, target, decimals, settings.approx_tolerance) {
        Met::Yes => return Assessment::new(Status::Achieved, Reason::Met),
        Met::WithinTolerance => return Assessment::new(Status::Achieved, Reason::MetApprox),
        Met::No => {}
    }
    if passed {
        return Assessment::new(Status::Missed, Reason::YearPassed);
    }
    if target.due_at_horizon {
        let reason = if target.year.is_some() { Reason::NotYetDue } else { Reason::NotYetDueNoHorizon };
        return Assessment::new(Status::NotAssessable, reason);
    }
    let Some(year) = target.year else {
        return Assessment::new(Status::OffTrack, Reason::BoundNotMet);
    };
    let first = &obs[0];
    let (Some(x_0), t_0, t) = (first.value.number(), first.period.end(), latest.period.end()) else {
        return Assessment::new(Status::NotAssessable, Reason::NoData);
    };
    if obs.len() < 2 || t <= t_0 {
        return Assessment::new(Status::NotAssessable, Reason::OneValue);
    }
    // The level to aim at: for a band whose upper end is a limit, its nearer edge.
    let aim = match (target.bound, target.upper) {
        (Bound::Range, Some(u)) if target.upper_limit && x_t > u => u,
        _ => goal,
    };
    let big_t = year as f64;
    if big_t <= t_0 {
        return Assessment::new(Status::OffTrack, Reason::BoundNotMet);
    }
    // The first value already on the right side of the target: the series moved away from it.
    let needed_up = aim > x_0;
    if aim == x_0 || (target.bound == Bound::Min && !needed_up) || (target.bound == Bound::Max && needed_up) {
        return Assessment::new(Status::OffTrack, Reason::MovingAway);
    }
    let compound = x_0 > 0.0 && x_t > 0.0 && aim > 0.0;
    let (observed, required) = if compound {
        ((x_t / x_0).powf(1.0 / (t - t_0)) - 1.0, (aim / x_0).powf(1.0 / (big_t - t_0)) - 1.0)
    } else {
        ((x_t - x_0) / (t - t_0), (aim - x_0) / (big_t - t_0))
    };
    let ratio = observed / required;
    let reason = if compound { Reason::PaceCompound } else { Reason::PaceLinear };
    Assessment { status: pace_status(ratio, settings), reason, ratio: Some(ratio) }
}

fn pace_status(ratio: f64, settings: &ProgressSettings) -> Status {
    if ratio >= settings.on_track {
        Status::OnTrack
    } else if ratio >= settings.needs_acceleration {
        Status::NeedsAcceleration
    } else {
        Status::OffTrack
    }
}

fn qualitative(latest: &Observation, passed: bool) -> Assessment {
    let status = match latest.value {
        Value::State(WorkState::Done) => Status::Achieved,
        _ if passed => Status::Missed,
        Value::State(WorkState::InProgress) => Status::OnTrack,
        Value::State(_) => Status::OffTrack,
        Value::Number(_) => Status::NotAssessable,
    };
    Assessment::new(status, Reason::State)
}

/// `annual_change` and `annual_increase`: the latest change between two consecutive years,
/// in percent or in the indicator's unit.
fn annual_change(
    obs: &[Observation],
    required: f64,
    target: &Target,
    passed: bool,
    settings: &ProgressSettings,
) -> Assessment {
    let relative = target.kind == TargetKind::AnnualChange;
    let pair = obs.windows(2).rev().find_map(|w| {
        let (a, b) = (&w[0], &w[1]);
        let consecutive = a.period.next() == b.period || (b.period.end() - a.period.end() - 1.0).abs() < 1e-9;
        match (a.value.number(), b.value.number()) {
            (Some(x0), Some(x1)) if consecutive && (x0 != 0.0 || !relative) => Some((x0, x1)),
            _ => None,
        }
    });
    let Some((x0, x1)) = pair else {
        return Assessment::new(Status::NotAssessable, Reason::NoAnnualChange);
    };
    let change = if relative { (x1 / x0 - 1.0) * 100.0 } else { x1 - x0 };
    // A count per year given as a range (每年增加1-2个) is met from its lower end up, unless
    // its upper end is a limit.
    let ok = match target.bound {
        Bound::Max => change <= required + 1e-9,
        Bound::Range if target.upper_limit => {
            change >= required - 1e-9 && change <= target.upper.unwrap_or(f64::INFINITY) + 1e-9
        }
        _ => change >= required - 1e-9,
    };
    let ratio = if required != 0.0 {
        change / required
    } else if ok {
        1.0
    } else {
        0.0
    };
    // Over a limit, the pace towards the lower end says nothing: off track.
    let over_limit = target.bound == Bound::Range && change > target.upper.unwrap_or(f64::INFINITY);
    let status = if ok {
        if passed { Status::Achieved } else { Status::OnTrack }
    } else if passed {
        Status::Missed
    } else if over_limit {
        Status::OffTrack
    } else {
        pace_status(ratio, settings)
    };
    let reason = if relative { Reason::AnnualChange } else { Reason::AnnualIncrease };
    Assessment { status, reason, ratio: Some(ratio) }
}

/// The target that stands for a series in summaries: the first not yet due (earliest year from
/// `as_of` on), else the latest dated one, else a standing bound; targets with a number first.
pub fn headline_target(series: &Series, targets: &[Target], as_of: i32) -> Option<usize> {
    let candidates: Vec<usize> = series.targets.clone();
    let numeric: Vec<usize> = candidates.iter().copied().filter(|&i| targets[i].value.is_some()).collect();
    let pool = if numeric.is_empty() { &candidates } else { &numeric };
    let due =
        pool.iter().copied().filter(|&i| targets[i].year.is_some_and(|y| y >= as_of)).min_by_key(|&i| targets[i].year);
    due.or_else(|| pool.iter().copied().filter(|&i| targets[i].year.is_some()).max_by_key(|&i| targets[i].year))
        .or_else(|| pool.first().copied())
}

/// How many series of a region are in each status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StatusCounts {
    pub achieved: usize,
    pub on_track: usize,
    pub needs_acceleration: usize,
    pub off_track: usize,
    pub missed: usize,
    pub not_assessable: usize,
    pub monitored: usize,
}

impl StatusCounts {
    pub fn add(&mut self, s: Status) {
        *match s {
            Status::Achieved => &mut self.achieved,
            Status::OnTrack => &mut self.on_track,
            Status::NeedsAcceleration => &mut self.needs_acceleration,
            Status::OffTrack => &mut self.off_track,
            Status::Missed => &mut self.missed,
            Status::NotAssessable => &mut self.not_assessable,
            Status::Monitored => &mut self.monitored,
        } += 1;
    }

    pub fn total(&self) -> usize {
        self.achieved
            + self.on_track
            + self.needs_acceleration
            + self.off_track
            + self.missed
            + self.not_assessable
            + self.monitored
    }
}

/// The status of a series: against its headline target, or not assessable without targets.
pub fn series_status(series: &Series, targets: &[Target], decimals: u8, settings: &ProgressSettings) -> Assessment {
    match headline_target(series, targets, settings.as_of) {
        Some(i) => assess(series, &targets[i], decimals, settings),
        None if series.direction == Direction::Monitor => Assessment::new(Status::Monitored, Reason::Monitored),
        None => Assessment::new(Status::NotAssessable, Reason::NoNumber),
    }
}

// ------------------------------------------------------------ the whole site

/// The assessment of every series: `[region][series]`.
pub struct Evaluations {
    pub regions: Vec<Vec<SeriesEval>>,
}

/// A series' status against each of its targets, and the headline one.
pub struct SeriesEval {
    /// Index into the region's targets.
    pub headline: Option<usize>,
    pub status: Assessment,
    /// One per entry of `series.targets`.
    pub per_target: Vec<Assessment>,
}

/// Assess every series of every region.
pub fn evaluate(site: &Site) -> Evaluations {
    Evaluations { regions: site.regions.par_iter().map(|r| evaluate_region(site, r)).collect() }
}

/// Assess every series of one region.
pub fn evaluate_region(site: &Site, r: &Region) -> Vec<SeriesEval> {
    let settings = site.config.progress;
    r.series
        .iter()
        .map(|s| {
            let decimals = site.indicator(&s.indicator).map_or(1, |i| i.decimals);
            let headline = headline_target(s, &r.targets, settings.as_of);
            SeriesEval {
                headline,
                status: series_status(s, &r.targets, decimals, &settings),
                per_target: s.targets.iter().map(|&t| assess(s, &r.targets[t], decimals, &settings)).collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;

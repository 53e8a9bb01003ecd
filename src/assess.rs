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
//! required change. Qualitative series use the latest state: `done` → achieved; before the
//! target year `in_progress` → on track and `not_started` → off track; after it, missed.

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
}

impl Assessment {
    fn new(status: Status, reason: Reason) -> Self {
        Assessment { status, reason, ratio: None }
    }
}

/// Does `x` meet the target's level?
pub fn meets(x: f64, target: f64, upper: Option<f64>, bound: Bound, approx: bool, decimals: u8) -> bool {
    // Half a unit of the last shown digit absorbs float noise (a value shown as 90.0 meets 90).
    let eps = 0.5 * 10f64.powi(-(decimals as i32)) * 1e-3;
    match bound {
        Bound::Min => x >= target - eps,
        Bound::Max => x <= target + eps,
        Bound::Range => x >= target - eps && x <= upper.unwrap_or(f64::INFINITY) + eps,
        Bound::Exact => {
            let tolerance = if approx { 0.05 * target.abs() } else { 0.5 * 10f64.powi(-(decimals as i32)) };
            (x - target).abs() <= tolerance + eps
        }
    }
}

/// Assess one series against one of its targets.
pub fn assess(series: &Series, target: &Target, decimals: u8, settings: &ProgressSettings) -> Assessment {
    if series.direction == Direction::Monitor {
        return Assessment::new(Status::Monitored, Reason::Monitored);
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
    if target.kind == TargetKind::AnnualChange {
        return annual_change(obs, goal, target.bound, passed, settings);
    }
    let Some(x_t) = latest.value.number() else {
        return Assessment::new(Status::NotAssessable, Reason::NoData);
    };
    if meets(x_t, goal, target.upper, target.bound, target.approx, decimals) {
        return Assessment::new(Status::Achieved, Reason::Met);
    }
    if passed {
        return Assessment::new(Status::Missed, Reason::YearPassed);
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
    // The level to aim at: for a band, its nearer edge.
    let aim = match target.bound {
        Bound::Range if x_t > target.upper.unwrap_or(goal) => target.upper.unwrap_or(goal),
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

/// `annual_change`: the latest change between two consecutive years, in percent.
fn annual_change(
    obs: &[Observation],
    required: f64,
    bound: Bound,
    passed: bool,
    settings: &ProgressSettings,
) -> Assessment {
    let pair = obs.windows(2).rev().find_map(|w| {
        let (a, b) = (&w[0], &w[1]);
        let consecutive = a.period.next() == b.period || (b.period.end() - a.period.end() - 1.0).abs() < 1e-9;
        match (a.value.number(), b.value.number()) {
            (Some(x0), Some(x1)) if consecutive && x0 != 0.0 => Some((x0, x1)),
            _ => None,
        }
    });
    let Some((x0, x1)) = pair else {
        return Assessment::new(Status::NotAssessable, Reason::NoAnnualChange);
    };
    let change = (x1 / x0 - 1.0) * 100.0;
    let ok = match bound {
        Bound::Max => change <= required + 1e-9,
        _ => change >= required - 1e-9,
    };
    let ratio = if required != 0.0 {
        change / required
    } else if ok {
        1.0
    } else {
        0.0
    };
    let status = if ok {
        if passed { Status::Achieved } else { Status::OnTrack }
    } else if passed {
        Status::Missed
    } else {
        pace_status(ratio, settings)
    };
    Assessment { status, reason: Reason::AnnualChange, ratio: Some(ratio) }
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
mod tests {
    use super::*;
    use crate::model::{Period, Text};

    fn series(direction: Direction, values: &[(i32, f64)]) -> Series {
        Series {
            indicator: "x".into(),
            scope: None,
            direction,
            observations: values
                .iter()
                .map(|&(y, v)| Observation {
                    period: Period::Year(y),
                    value: Value::Number(v),
                    note: None,
                    source: None,
                    sample: true,
                })
                .collect(),
            targets: vec![0],
        }
    }

    fn target(year: Option<i32>, value: f64, bound: Bound) -> Target {
        Target {
            indicator: "x".into(),
            scope: None,
            year,
            value: Some(TargetValue::Number(value)),
            upper: None,
            bound,
            approx: false,
            kind: TargetKind::Level,
            text: Text::plain("t"),
            note: None,
            no_data: None,
            anchor: None,
        }
    }

    const AS_OF: ProgressSettings = ProgressSettings { as_of: 2024, on_track: 0.95, needs_acceleration: 0.6 };

    fn status(s: &Series, t: &Target) -> (Status, Option<f64>) {
        let a = assess(s, t, 1, &AS_OF);
        (a.status, a.ratio)
    }

    /// Hand-computed cases. Ratios: observed CAGR / required CAGR, from the first value.
    #[test]
    fn table_of_hand_computed_cases() {
        use Bound::*;
        use Direction::*;
        use Status::*;
        type Case<'a> = (&'a str, Direction, &'a [(i32, f64)], Option<i32>, f64, Bound, Status);
        let cases: &[Case] = &[
            // 50 → 60 over 2020–2023 against 70 in 2025: observed (1.2)^(1/3)-1 = 6.266%,
            // required (1.4)^(1/5)-1 = 6.961%, ratio 0.900 → needs acceleration.
            ("increasing, too slow", Increase, &[(2020, 50.0), (2023, 60.0)], Some(2025), 70.0, Min, NeedsAcceleration),
            // 50 → 63: (1.26)^(1/3)-1 = 8.01% ≥ 0.95 × 6.96% → on track.
            ("increasing, on pace", Increase, &[(2020, 50.0), (2023, 63.0)], Some(2025), 70.0, Min, OnTrack),
            // 50 → 52: 1.32% / 6.96% = 0.19 → off track.
            ("increasing, far too slow", Increase, &[(2020, 50.0), (2023, 52.0)], Some(2025), 70.0, Min, OffTrack),
            // 50 → 45: negative growth → off track.
            ("increasing, wrong way", Increase, &[(2020, 50.0), (2023, 45.0)], Some(2025), 70.0, Min, OffTrack),
            // Decreasing: 10 → 9 days (2020–2022) against ≤ 8 in 2025: observed (0.9)^(1/2)-1 =
            // -5.13%, required (0.8)^(1/5)-1 = -4.36%, ratio 1.18 → on track.
            ("decreasing, on pace", Decrease, &[(2020, 10.0), (2022, 9.0)], Some(2025), 8.0, Max, OnTrack),
            // 10 → 9.8: -1.00% / -4.36% = 0.23 → off track.
            ("decreasing, too slow", Decrease, &[(2020, 10.0), (2022, 9.8)], Some(2025), 8.0, Max, OffTrack),
            // 10 → 9.3 (2020–2022): (0.93)^(1/2)-1 = -3.56%; ratio 0.82 → needs acceleration.
            ("decreasing, slowish", Decrease, &[(2020, 10.0), (2022, 9.3)], Some(2025), 8.0, Max, NeedsAcceleration),
            ("decreasing, already met", Decrease, &[(2020, 10.0), (2023, 7.9)], Some(2025), 8.0, Max, Achieved),
            ("target already met", Increase, &[(2020, 50.0), (2021, 71.0)], Some(2025), 70.0, Min, Achieved),
            ("met exactly at the bound", Increase, &[(2020, 50.0), (2021, 70.0)], Some(2025), 70.0, Min, Achieved),
            // Target year 2023 before as_of 2024, not met.
            ("target year in the past", Increase, &[(2020, 50.0), (2024, 65.0)], Some(2023), 70.0, Min, Missed),
            ("past year but met", Increase, &[(2020, 50.0), (2024, 75.0)], Some(2023), 70.0, Min, Achieved),
            ("single data point", Increase, &[(2023, 60.0)], Some(2025), 70.0, Min, NotAssessable),
            ("no data", Increase, &[], Some(2025), 70.0, Min, NotAssessable),
            ("standing bound not met", Decrease, &[(2022, 31.0), (2023, 32.0)], None, 30.0, Max, OffTrack),
            ("standing bound met, one value", Decrease, &[(2023, 29.0)], None, 30.0, Max, Achieved),
            ("monitored indicator", Monitor, &[(2020, 5.0), (2023, 6.0)], Some(2025), 7.0, Exact, Monitored),
            // First value above the minimum already, latest below it: moving away.
            ("fell below a minimum", Increase, &[(2020, 95.0), (2023, 88.0)], Some(2025), 90.0, Min, OffTrack),
            // A zero first value: linear. 0 → 3 over 3 years = 1/yr; needed 5/5 = 1/yr → 1.0.
            ("zero start uses linear rates", Increase, &[(2020, 0.0), (2023, 3.0)], Some(2025), 5.0, Min, OnTrack),
        ];
        for (name, dir, values, year, goal, bound, expected) in cases {
            let s = series(*dir, values);
            let t = target(*year, *goal, *bound);
            assert_eq!(status(&s, &t).0, *expected, "{name}");
        }
    }

    #[test]
    fn ratios_match_hand_computation() {
        let s = series(Direction::Increase, &[(2020, 50.0), (2023, 60.0)]);
        let (_, ratio) = status(&s, &target(Some(2025), 70.0, Bound::Min));
        let expected = (1.2f64.powf(1.0 / 3.0) - 1.0) / (1.4f64.powf(1.0 / 5.0) - 1.0);
        assert!((ratio.unwrap() - expected).abs() < 1e-12);
        assert!((expected - 0.9003).abs() < 1e-3, "{expected}");
    }

    #[test]
    fn thresholds_come_from_the_settings() {
        let s = series(Direction::Increase, &[(2020, 50.0), (2023, 60.0)]);
        let lenient = ProgressSettings { as_of: 2024, on_track: 0.9, needs_acceleration: 0.5 };
        assert_eq!(assess(&s, &target(Some(2025), 70.0, Bound::Min), 1, &lenient).status, Status::OnTrack);
    }

    #[test]
    fn ranges_and_exact_targets() {
        let mut t = target(Some(2025), 30.0, Bound::Range);
        t.upper = Some(35.0);
        assert_eq!(status(&series(Direction::Range, &[(2022, 28.0), (2023, 32.0)]), &t).0, Status::Achieved);
        // Above the band, moving down into it: 40 → 37 in one year; 40 → 35 needs 3 years.
        // Observed 0.925-1 = -7.5%; required 0.875^(1/3)-1 = -4.35%; ratio 1.72 → on track.
        assert_eq!(status(&series(Direction::Range, &[(2022, 40.0), (2023, 37.0)]), &t).0, Status::OnTrack);
        let mut e = target(Some(2025), 2.0, Bound::Exact);
        assert_eq!(status(&series(Direction::Increase, &[(2023, 2.0)]), &e).0, Status::Achieved);
        e.approx = true;
        assert!(meets(2.08, 2.0, None, Bound::Exact, true, 0));
        assert!(!meets(2.2, 2.0, None, Bound::Exact, true, 0));
    }

    #[test]
    fn annual_change_targets() {
        // 每年至少提高20%: 100 → 125 is +25% → on track before the year.
        let mut t = target(Some(2025), 20.0, Bound::Min);
        t.kind = TargetKind::AnnualChange;
        assert_eq!(status(&series(Direction::Increase, &[(2022, 100.0), (2023, 125.0)]), &t).0, Status::OnTrack);
        // +15%: ratio 0.75 → needs acceleration.
        assert_eq!(
            status(&series(Direction::Increase, &[(2022, 100.0), (2023, 115.0)]), &t).0,
            Status::NeedsAcceleration
        );
        // 逐年降低10%: 100 → 88 is -12% ≤ -10% → on track; 100 → 97 is -3%, ratio 0.3 → off track.
        let mut d = target(Some(2025), -10.0, Bound::Max);
        d.kind = TargetKind::AnnualChange;
        assert_eq!(status(&series(Direction::Decrease, &[(2022, 100.0), (2023, 88.0)]), &d).0, Status::OnTrack);
        assert_eq!(status(&series(Direction::Decrease, &[(2022, 100.0), (2023, 97.0)]), &d).0, Status::OffTrack);
        // Years not consecutive: no yearly change.
        assert_eq!(status(&series(Direction::Decrease, &[(2020, 100.0), (2023, 70.0)]), &d).0, Status::NotAssessable);
    }

    #[test]
    fn qualitative_series_use_the_latest_state() {
        let mut s = series(Direction::Increase, &[]);
        let mut t = target(Some(2025), 0.0, Bound::Exact);
        t.value = Some(TargetValue::Done);
        let obs = |st| Observation {
            period: Period::Year(2023),
            value: Value::State(st),
            note: None,
            source: None,
            sample: false,
        };
        s.observations = vec![obs(WorkState::InProgress)];
        assert_eq!(status(&s, &t).0, Status::OnTrack);
        s.observations = vec![obs(WorkState::NotStarted)];
        assert_eq!(status(&s, &t).0, Status::OffTrack);
        s.observations = vec![obs(WorkState::Done)];
        assert_eq!(status(&s, &t).0, Status::Achieved);
        t.year = Some(2023);
        s.observations = vec![obs(WorkState::InProgress)];
        assert_eq!(status(&s, &t).0, Status::Missed);
    }

    #[test]
    fn words_only_targets_are_not_assessable() {
        let s = series(Direction::Increase, &[(2020, 1.0), (2023, 2.0)]);
        let mut t = target(Some(2025), 0.0, Bound::Min);
        t.value = None;
        let a = assess(&s, &t, 1, &AS_OF);
        assert_eq!((a.status, a.reason), (Status::NotAssessable, Reason::NoNumber));
    }

    #[test]
    fn headline_is_the_next_target_due() {
        let mut s = series(Direction::Increase, &[]);
        s.targets = vec![0, 1, 2];
        let ts = vec![
            target(Some(2023), 1.0, Bound::Min),
            target(Some(2025), 2.0, Bound::Min),
            target(None, 0.5, Bound::Min),
        ];
        assert_eq!(headline_target(&s, &ts, 2024), Some(1));
        assert_eq!(headline_target(&s, &ts, 2026), Some(1));
        assert_eq!(headline_target(&s, &ts, 2022), Some(0));
    }
}

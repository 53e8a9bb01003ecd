//! The assessment rules against hand-computed cases.

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
                released: None,
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
        due_at_horizon: false,
        upper_limit: false,
        ratio: None,
        unassessed: None,
        text: Text::plain("t"),
        note: None,
        scope_note: None,
        attribute: None,
        schedule: None,
        no_data: None,
        anchor: None,
    }
}

const AS_OF: ProgressSettings =
    ProgressSettings { as_of: 2024, on_track: 0.95, needs_acceleration: 0.6, approx_tolerance: 0.05 };

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
    let lenient = ProgressSettings { on_track: 0.9, needs_acceleration: 0.5, ..AS_OF };
    assert_eq!(assess(&s, &target(Some(2025), 70.0, Bound::Min), 1, &lenient).status, Status::OnTrack);
}

#[test]
fn ranges_and_exact_targets() {
    let mut t = target(Some(2025), 30.0, Bound::Range);
    t.upper = Some(35.0);
    t.upper_limit = true;
    assert_eq!(status(&series(Direction::Range, &[(2022, 28.0), (2023, 32.0)]), &t).0, Status::Achieved);
    // Above a band whose upper end is a limit, moving down into it: 40 → 37 in one year;
    // 40 → 35 needs 3 years. Observed 0.925-1 = -7.5%; required 0.875^(1/3)-1 = -4.35%;
    // ratio 1.72 → on track.
    assert_eq!(status(&series(Direction::Range, &[(2022, 40.0), (2023, 37.0)]), &t).0, Status::OnTrack);
    let mut e = target(Some(2025), 2.0, Bound::Exact);
    assert_eq!(status(&series(Direction::Increase, &[(2023, 2.0)]), &e).0, Status::Achieved);
    e.approx = true;
    assert_eq!(meets(2.08, 2.0, &e, 2, 0.05), Met::WithinTolerance);
    assert_eq!(meets(2.08, 2.0, &e, 0, 0.05), Met::Yes, "2.08 is shown as 2 with no decimals");
    assert_eq!(meets(2.2, 2.0, &e, 2, 0.05), Met::No);
}

/// A count given as a range (新增1～2个) is met from its lower end up; only `upper_limit`
/// makes exceeding the upper end a failure.
#[test]
fn range_counts_are_not_failed_above_their_upper_end() {
    let mut t = target(Some(2025), 1.0, Bound::Range);
    t.upper = Some(2.0);
    let three = series(Direction::Increase, &[(2023, 0.0), (2024, 3.0)]);
    let a = assess(&three, &t, 0, &AS_OF);
    assert_eq!((a.status, a.reason), (Status::Achieved, Reason::Met));
    t.upper_limit = true;
    // 3 > 2 with the limit: not met. 0 → 3 in one year against 2 by 2025 (linear, as the
    // first value is 0): the series passed the band, so the aim is its upper end 2: observed
    // +3/yr, required (2-0)/(2025-2023) = 1/yr, ratio 3 → on track back into the band.
    let a = assess(&three, &t, 0, &AS_OF);
    assert_eq!((a.status, a.reason), (Status::OnTrack, Reason::PaceLinear));
    assert!((a.ratio.unwrap_or(0.0) - 3.0).abs() < 1e-12);
}

/// 左右 widens min and max bounds by the tolerance (5% of the number by default): it decides
/// met or not met only; the pace is still measured against the number itself.
#[test]
fn approx_tolerance_widens_min_and_max_bounds() {
    // CMI 2.0左右 (min): 1.92 is 4% short → met within the tolerance; 1.88 is 6% short → not.
    let mut t = target(Some(2025), 2.0, Bound::Min);
    t.approx = true;
    let a = assess(&series(Direction::Increase, &[(2022, 1.5), (2023, 1.92)]), &t, 2, &AS_OF);
    assert_eq!((a.status, a.reason), (Status::Achieved, Reason::MetApprox));
    // 1.5 → 1.88 (2022–2023): observed 1.88/1.5-1 = 25.33%; required (2/1.5)^(1/3)-1 = 10.06%;
    // ratio 2.52: on track, the same ratio as without 左右.
    let a = assess(&series(Direction::Increase, &[(2022, 1.5), (2023, 1.88)]), &t, 2, &AS_OF);
    let expected = (1.88f64 / 1.5 - 1.0) / ((2.0f64 / 1.5).powf(1.0 / 3.0) - 1.0);
    assert_eq!(a.status, Status::OnTrack);
    assert!((a.ratio.unwrap_or(0.0) - expected).abs() < 1e-12 && (expected - 2.518).abs() < 1e-3, "{expected}");
    t.approx = false;
    let strict = assess(&series(Direction::Increase, &[(2022, 1.5), (2023, 1.88)]), &t, 2, &AS_OF);
    assert_eq!(strict.ratio, a.ratio);
    // A max bound of 5左右: 5.2 is 4% over → met; 5.3 (6%) → not; a tolerance of 10% from the
    // settings meets it.
    let mut m = target(None, 5.0, Bound::Max);
    m.approx = true;
    assert_eq!(meets(5.2, 5.0, &m, 1, 0.05), Met::WithinTolerance);
    assert_eq!(meets(5.3, 5.0, &m, 1, 0.05), Met::No);
    assert_eq!(meets(5.3, 5.0, &m, 1, 0.10), Met::WithinTolerance);
    assert_eq!(meets(4.9, 5.0, &m, 1, 0.05), Met::Yes);
    let wide = ProgressSettings { approx_tolerance: 0.10, ..AS_OF };
    let a = assess(&series(Direction::Decrease, &[(2023, 5.3)]), &m, 1, &wide);
    assert_eq!((a.status, a.reason), (Status::Achieved, Reason::MetApprox));
    let a = assess(&series(Direction::Decrease, &[(2023, 5.3)]), &m, 1, &AS_OF);
    assert_eq!((a.status, a.reason), (Status::OffTrack, Reason::BoundNotMet));
}

/// Due at the plan's horizon (力争通过5年努力, 逐步…达到): not yet due before its end year,
/// missed after it; for ever "not yet due" where the plan states no end year.
#[test]
fn targets_due_at_the_plans_horizon() {
    let mut t = target(Some(2025), 2.0, Bound::Min);
    t.due_at_horizon = true;
    let low = series(Direction::Increase, &[(2022, 1.0), (2023, 1.2)]);
    let a = assess(&low, &t, 1, &AS_OF);
    assert_eq!((a.status, a.reason, a.ratio), (Status::NotAssessable, Reason::NotYetDue, None));
    let met = series(Direction::Increase, &[(2023, 2.1)]);
    assert_eq!(assess(&met, &t, 1, &AS_OF).status, Status::Achieved);
    let after = ProgressSettings { as_of: 2026, ..AS_OF };
    let a = assess(&low, &t, 1, &after);
    assert_eq!((a.status, a.reason), (Status::Missed, Reason::YearPassed));
    t.year = None;
    let a = assess(&low, &t, 1, &after);
    assert_eq!((a.status, a.reason), (Status::NotAssessable, Reason::NotYetDueNoHorizon));
    // A standing bound with the same numbers is judged now.
    let mut standing = t.clone();
    standing.due_at_horizon = false;
    assert_eq!(assess(&low, &standing, 1, &AS_OF).reason, Reason::BoundNotMet);
}

/// 每年至少新增5个 and 每年增加1-2个: the latest change between consecutive years in the
/// indicator's unit.
#[test]
fn annual_increase_targets() {
    let mut t = target(None, 5.0, Bound::Min);
    t.kind = TargetKind::AnnualIncrease;
    // 40 → 46: +6 ≥ 5 → on track; 40 → 43: +3, ratio 0.6 → needs acceleration;
    // 40 → 41: +1, ratio 0.2 → off track.
    let a = assess(&series(Direction::Increase, &[(2022, 40.0), (2023, 46.0)]), &t, 0, &AS_OF);
    assert_eq!((a.status, a.reason, a.ratio), (Status::OnTrack, Reason::AnnualIncrease, Some(1.2)));
    let a = assess(&series(Direction::Increase, &[(2022, 40.0), (2023, 43.0)]), &t, 0, &AS_OF);
    assert_eq!((a.status, a.ratio), (Status::NeedsAcceleration, Some(0.6)));
    assert_eq!(status(&series(Direction::Increase, &[(2022, 40.0), (2023, 41.0)]), &t).0, Status::OffTrack);
    // From zero, unlike a percentage change: 0 → 5 is +5.
    assert_eq!(status(&series(Direction::Increase, &[(2022, 0.0), (2023, 5.0)]), &t).0, Status::OnTrack);
    // 1-2 a year, by 2025: +3 is not failed for exceeding 2.
    let mut r = target(Some(2025), 1.0, Bound::Range);
    r.kind = TargetKind::AnnualIncrease;
    r.upper = Some(2.0);
    assert_eq!(status(&series(Direction::Increase, &[(2022, 2.0), (2023, 5.0)]), &r).0, Status::OnTrack);
    r.upper_limit = true;
    // +3 over a limit of 2: not met, and off track (a pace towards the lower end means
    // nothing above the limit); +2 is within it.
    assert_eq!(status(&series(Direction::Increase, &[(2022, 2.0), (2023, 5.0)]), &r).0, Status::OffTrack);
    assert_eq!(status(&series(Direction::Increase, &[(2022, 2.0), (2023, 4.0)]), &r).0, Status::OnTrack);
    // After the year: missed.
    let after = ProgressSettings { as_of: 2026, ..AS_OF };
    assert_eq!(assess(&series(Direction::Increase, &[(2022, 2.0), (2023, 5.0)]), &r, 0, &after).status, Status::Missed);
}

/// 保持全省前三: a rank needs the other regions' values; not assessed, with its reason, and
/// never "no numeric target".
#[test]
fn ranks_are_not_assessed_and_say_why() {
    let mut t = target(None, 3.0, Bound::Max);
    t.kind = TargetKind::Rank;
    let a = assess(&series(Direction::Increase, &[(2022, 80.0), (2023, 90.0)]), &t, 1, &AS_OF);
    assert_eq!((a.status, a.reason), (Status::NotAssessable, Reason::Rank));
}

#[test]
fn annual_change_targets() {
    // 每年至少提高20%: 100 → 125 is +25% → on track before the year.
    let mut t = target(Some(2025), 20.0, Bound::Min);
    t.kind = TargetKind::AnnualChange;
    assert_eq!(status(&series(Direction::Increase, &[(2022, 100.0), (2023, 125.0)]), &t).0, Status::OnTrack);
    // +15%: ratio 0.75 → needs acceleration.
    assert_eq!(status(&series(Direction::Increase, &[(2022, 100.0), (2023, 115.0)]), &t).0, Status::NeedsAcceleration);
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
        released: None,
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
    let ts =
        vec![target(Some(2023), 1.0, Bound::Min), target(Some(2025), 2.0, Bound::Min), target(None, 0.5, Bound::Min)];
    assert_eq!(headline_target(&s, &ts, 2024), Some(1));
    assert_eq!(headline_target(&s, &ts, 2026), Some(1));
    assert_eq!(headline_target(&s, &ts, 2022), Some(0));
}

/// 医护比1∶2左右: the ratio is held as its value 2 ÷ 1 (nurses per doctor); 1.92 is 4% short
/// of 2, within 左右's 5% → met; 1.85 (7.5% short) → not, and due at the horizon (2025) it is
/// not yet due in 2024.
#[test]
fn ratios_are_assessed_by_their_value() {
    let mut t = target(Some(2025), 2.0, Bound::Min);
    t.ratio = Some((1.0, 2.0));
    t.approx = true;
    t.due_at_horizon = true;
    let a = assess(&series(Direction::Increase, &[(2023, 1.7), (2024, 1.92)]), &t, 2, &AS_OF);
    assert_eq!((a.status, a.reason), (Status::Achieved, Reason::MetApprox));
    let a = assess(&series(Direction::Increase, &[(2023, 1.7), (2024, 1.85)]), &t, 2, &AS_OF);
    assert_eq!((a.status, a.reason), (Status::NotAssessable, Reason::NotYetDue));
}

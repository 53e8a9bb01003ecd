//! A region's plan notice and its targets, each checked against the catalogue and read as the
//! plan states it: fields the document does not state (`not_stated`), the horizon with the
//! plan's words it comes from, ratios (1∶2), ranks, changes per year, targets due at the
//! horizon.

use std::path::Path;

use super::check::{Checker, at, date};
use super::*;
use crate::content::de::RawValue;
use crate::content::raw::{NOT_STATED, RawHorizon, RawPlan, RawTarget};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::messages::model as m;
use crate::msg;

/// The plan's notice: each field as given, or `not_stated` (原文未载).
pub(super) fn plan(p: &RawPlan, file: &Path, checker: &Checker, diags: &mut Diagnostics) -> Plan {
    checker.text(&p.title, file, "plan.title", diags);
    let not_stated = |s: &str| s.trim() == NOT_STATED;
    let number = p.number.as_ref().map(|n| if not_stated(n) { Stated::NotStated } else { Stated::Given(n.clone()) });
    let issuer = p.issuer.as_ref().map(|t| {
        if t.0.values().all(|v| not_stated(v)) {
            Stated::NotStated
        } else {
            checker.text(t, file, "plan.issuer", diags);
            Stated::Given(t.clone())
        }
    });
    let issued = match &p.issued {
        None => None,
        Some(d) if not_stated(&d.0) => Some(Stated::NotStated),
        Some(d) => date(d, file, at("plan.issued"), diags).map(Stated::Given),
    };
    if let Some(url) = &p.url
        && !(url.starts_with("https://") || url.starts_with("http://"))
    {
        diags.push(
            Diagnostic::error(file, at("plan.url"), msg!(m::NOT_A_WEB_ADDRESS, url = url))
                .with_hint(msg!(m::NOT_A_WEB_ADDRESS_HINT)),
        );
    }
    let horizon = match &p.horizon {
        None => None,
        Some(RawHorizon::Word(w)) if not_stated(&w.0) => Some(Stated::NotStated),
        Some(RawHorizon::Word(w)) => {
            diags.push(
                Diagnostic::error(file, at("plan.horizon"), msg!(m::HORIZON_OLD_FORM, found = &w.0))
                    .with_hint(msg!(m::HORIZON_OLD_FORM_HINT)),
            );
            None
        }
        Some(RawHorizon::Stated(h)) => {
            checker.text(&h.source, file, "plan.horizon.source", diags);
            let year = |y: Option<i64>, field: &str, diags: &mut Diagnostics| match y {
                None => None,
                Some(y) if (1949..=2100).contains(&y) => Some(y as i32),
                Some(y) => {
                    diags.push(
                        Diagnostic::error(file, at(format!("plan.horizon.{field}")), msg!(m::NOT_A_YEAR, year = y))
                            .with_hint(msg!(m::FULL_YEAR_HINT, year = 2025)),
                    );
                    None
                }
            };
            let (from, to) = (year(h.from, "from", diags), year(h.to, "to", diags));
            if let (Some(f), Some(t)) = (from, to)
                && t < f
            {
                diags.push(Diagnostic::error(
                    file,
                    at("plan.horizon.to"),
                    msg!(m::HORIZON_YEARS_OUT_OF_ORDER, from = f, to = t),
                ));
            }
            Some(Stated::Given(Horizon { from, to, source: h.source.clone() }))
        }
    };
    Plan { title: p.title.clone(), number, issuer, issued, url: p.url.clone(), horizon }
}

pub(super) fn target(
    t: &RawTarget,
    path: &str,
    file: &Path,
    checker: &Checker,
    direction_of: &dyn Fn(&Indicator) -> crate::vocab::Direction,
    diags: &mut Diagnostics,
) -> Option<Target> {
    let field = |f: &str| at(format!("{path}.{f}"));
    checker.text(&t.text, file, &format!("{path}.text"), diags);
    checker.opt_text(&t.note, file, &format!("{path}.note"), diags);
    for (value, name) in [(&t.scope_note, "scope_note"), (&t.attribute, "attribute"), (&t.schedule, "schedule")] {
        checker.opt_text(value, file, &format!("{path}.{name}"), diags);
    }
    checker.opt_text(&t.no_data, file, &format!("{path}.no_data"), diags);
    checker.opt_text(&t.unassessed, file, &format!("{path}.unassessed"), diags);
    let ind = checker.indicator(&t.indicator, file, || field("indicator"), diags)?;
    if let Some(s) = &t.scope
        && !checker.scope(s, file, || field("scope"), diags)
    {
        return None;
    }
    if t.scope_note.is_some() && t.scope.is_none() {
        diags.push(
            Diagnostic::error(file, field("scope_note"), msg!(m::SCOPE_NOTE_WITHOUT_SCOPE))
                .with_hint(msg!(m::SCOPE_NOTE_WITHOUT_SCOPE_HINT)),
        );
        return None;
    }
    let year = match t.year {
        None => None,
        Some(y) if (1949..=2100).contains(&y) => Some(y as i32),
        Some(y) => {
            let example = if (0..100).contains(&y) { 2000 + y } else { 2025 };
            diags.push(
                Diagnostic::error(file, field("year"), msg!(m::NOT_A_YEAR, year = y))
                    .with_hint(msg!(m::FULL_YEAR_HINT, year = example)),
            );
            return None;
        }
    };
    if year.is_some() && t.due.is_some() {
        diags.push(Diagnostic::error(file, field("due"), msg!(m::YEAR_AND_DUE)).with_hint(msg!(m::YEAR_AND_DUE_HINT)));
        return None;
    }
    let kind = t.kind.unwrap_or(TargetKind::Level);
    let mut ratio = None;
    let value = match (&t.value, ind.kind) {
        (None, _) => None,
        (Some(RawValue::Word(w)), Kind::Quantitative) if w.contains([':', '∶']) => match parse_ratio(w) {
            Some((a, b)) => {
                ratio = Some((a, b));
                Some(TargetValue::Number(b / a))
            }
            None => {
                diags.push(
                    Diagnostic::error(file, field("value"), msg!(m::BAD_RATIO, found = w))
                        .with_hint(msg!(m::BAD_RATIO_HINT)),
                );
                return None;
            }
        },
        (Some(RawValue::Number(n)), Kind::Quantitative) if n.is_finite() => Some(TargetValue::Number(*n)),
        (Some(RawValue::Number(_)), Kind::Quantitative) => {
            diags.push(Diagnostic::error(file, field("value"), msg!(m::NOT_FINITE)));
            return None;
        }
        (Some(RawValue::Word(w)), Kind::Quantitative) => {
            diags.push(
                Diagnostic::error(file, field("value"), msg!(m::NUMBER_EXPECTED, found = w))
                    .with_hint(msg!(m::TARGET_EXPECTED_NUMBER_HINT, id = &ind.id)),
            );
            return None;
        }
        (Some(RawValue::Word(w)), Kind::Qualitative) if w == "done" => Some(TargetValue::Done),
        (Some(v), Kind::Qualitative) => {
            let message = match v {
                RawValue::Number(n) => msg!(m::EXPECTED_DONE_FOUND_NUMBER, n = n),
                RawValue::Word(w) => msg!(m::EXPECTED_DONE_FOUND_WORD, word = w),
            };
            diags.push(
                Diagnostic::error(file, field("value"), message).with_hint(msg!(m::EXPECTED_DONE_HINT, id = &ind.id)),
            );
            return None;
        }
    };
    if kind == TargetKind::Rank
        && let Some(b) = t.bound.filter(|b| *b != Bound::Max)
    {
        diags.push(
            Diagnostic::error(file, field("bound"), msg!(m::RANK_BOUND, bound = b)).with_hint(msg!(m::RANK_BOUND_HINT)),
        );
        return None;
    }
    if kind != TargetKind::Level {
        if ind.kind == Kind::Qualitative {
            diags.push(
                Diagnostic::error(file, field("kind"), msg!(m::ANNUAL_CHANGE_QUALITATIVE, kind = kind))
                    .with_hint(msg!(m::ANNUAL_CHANGE_QUALITATIVE_HINT)),
            );
            return None;
        }
        if value.is_none() {
            diags.push(
                Diagnostic::error(file, field("value"), msg!(m::ANNUAL_CHANGE_NO_VALUE, kind = kind)).with_hint(
                    match kind {
                        TargetKind::Rank => msg!(m::RANK_NO_VALUE_HINT),
                        TargetKind::AnnualIncrease => msg!(m::ANNUAL_INCREASE_NO_VALUE_HINT),
                        _ => msg!(m::ANNUAL_CHANGE_NO_VALUE_HINT),
                    },
                ),
            );
            return None;
        }
    }
    let bound = match (t.bound, t.upper) {
        (Some(Bound::Range), None) => {
            diags.push(
                Diagnostic::error(file, field("bound"), msg!(m::RANGE_WITHOUT_UPPER))
                    .with_hint(msg!(m::RANGE_WITHOUT_UPPER_HINT)),
            );
            return None;
        }
        (Some(b), Some(_)) if b != Bound::Range => {
            diags.push(
                Diagnostic::error(file, field("upper"), msg!(m::UPPER_WITHOUT_RANGE, bound = b))
                    .with_hint(msg!(m::UPPER_WITHOUT_RANGE_HINT)),
            );
            return None;
        }
        (Some(b), _) => b,
        (None, Some(_)) => Bound::Range,
        // A rank is a place from the top: 前三 is third or better.
        (None, None) if kind == TargetKind::Rank => Bound::Max,
        (None, None) => direction_of(ind).default_bound(),
    };
    if t.upper_limit.is_some() && bound != Bound::Range {
        diags.push(
            Diagnostic::error(file, field("upper_limit"), msg!(m::UPPER_LIMIT_WITHOUT_RANGE))
                .with_hint(msg!(m::UPPER_LIMIT_WITHOUT_RANGE_HINT)),
        );
        return None;
    }
    if let Some(u) = t.upper {
        match value {
            Some(TargetValue::Number(v)) if u.is_finite() && u > v => {}
            Some(TargetValue::Number(v)) => {
                diags.push(
                    Diagnostic::error(file, field("upper"), msg!(m::UPPER_BELOW_VALUE, upper = u, value = v))
                        .with_hint(msg!(m::UPPER_BELOW_VALUE_HINT)),
                );
                return None;
            }
            _ => {
                diags.push(Diagnostic::error(file, field("upper"), msg!(m::UPPER_WITHOUT_NUMBER)));
                return None;
            }
        }
    } else if bound == Bound::Range {
        diags.push(
            Diagnostic::error(file, field("bound"), msg!(m::RANGE_WITHOUT_UPPER))
                .with_hint(msg!(m::RANGE_WITHOUT_UPPER_HINT)),
        );
        return None;
    }
    Some(Target {
        indicator: ind.id.clone(),
        scope: t.scope.clone(),
        year,
        value,
        upper: t.upper,
        bound,
        approx: t.approx.unwrap_or(false),
        kind,
        due_at_horizon: t.due.is_some(),
        upper_limit: t.upper_limit.unwrap_or(false),
        ratio,
        unassessed: t.unassessed.clone(),
        text: t.text.clone(),
        note: t.note.clone(),
        scope_note: t.scope_note.clone(),
        attribute: t.attribute.clone(),
        schedule: t.schedule.clone(),
        no_data: t.no_data.clone(),
        anchor: None,
    })
}

/// `1:2` or `1∶2` as its two terms, both positive.
fn parse_ratio(w: &str) -> Option<(f64, f64)> {
    let (a, b) = w.split_once([':', '∶'])?;
    let (a, b): (f64, f64) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
    (a.is_finite() && b.is_finite() && a > 0.0 && b > 0.0).then_some((a, b))
}

#[cfg(test)]
mod tests {
    use super::parse_ratio;

    #[test]
    fn ratios_are_read_as_written() {
        assert_eq!(parse_ratio("1:2"), Some((1.0, 2.0)));
        assert_eq!(parse_ratio("1∶2"), Some((1.0, 2.0)));
        assert_eq!(parse_ratio(" 2 : 3 "), Some((2.0, 3.0)));
        assert_eq!(parse_ratio("1:0"), None);
        assert_eq!(parse_ratio("1:x"), None);
        assert_eq!(parse_ratio("-1:2"), None);
    }
}

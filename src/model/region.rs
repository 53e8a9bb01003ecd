//! Building one region: its plan, targets, series of observations, tasks and commentary.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use super::check::{Checker, date, markdown};
use super::*;
use crate::content::de::RawValue;
use crate::content::raw::RawTarget;
use crate::content::{DataRecord, Field, RawRegionDir};
use crate::diagnostics::{Diagnostic, Diagnostics, Location, suggestion};
use crate::vocab::{Bound, Kind, TargetKind, WorkState};

fn at(path: impl Into<String>) -> Location {
    Location::YamlPath(path.into())
}

pub(crate) fn build_region(dir: &RawRegionDir, checker: &Checker) -> (Option<Region>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let Some(loaded) = &dir.region else {
        return (None, diags);
    };
    let (file, raw) = (&loaded.file, &loaded.value);
    if !is_slug(&dir.id) {
        diags.push(
            Diagnostic::error(&dir.dir, Location::File, format!("`{}` is not a valid region id", dir.id))
                .with_hint(format!("{} (rename the folder)", slug_hint(&dir.id))),
        );
    }
    checker.text(&raw.name, file, "name", &mut diags);
    if let Some(parent) = &raw.parent {
        if !is_slug(parent) {
            diags.push(
                Diagnostic::error(file, at("parent"), format!("`{parent}` is not a valid region id"))
                    .with_hint(slug_hint(parent)),
            );
        } else if parent == &dir.id {
            diags.push(
                Diagnostic::error(file, at("parent"), "a region cannot be its own parent")
                    .with_hint("remove `parent` or name the region above this one"),
            );
        } else if !checker.region_ids.contains(parent.as_str()) && !checker.broken.regions.contains(parent) {
            let hint = suggestion(parent, checker.region_ids.iter().copied())
                .unwrap_or_else(|| "regions are the folders in content/regions/".into());
            diags.push(Diagnostic::error(file, at("parent"), format!("unknown region `{parent}`")).with_hint(hint));
        }
    }
    checker.opt_text(&raw.no_data, file, "no_data", &mut diags);
    let plan = raw.plan.as_ref().map(|p| {
        checker.text(&p.title, file, "plan.title", &mut diags);
        checker.opt_text(&p.issuer, file, "plan.issuer", &mut diags);
        let issued = p.issued.as_ref().and_then(|d| date(d, file, at("plan.issued"), &mut diags));
        if let Some(url) = &p.url
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            diags.push(
                Diagnostic::error(file, at("plan.url"), format!("`{url}` is not a web address"))
                    .with_hint("write the full address, starting with https://"),
            );
        }
        Plan {
            title: p.title.clone(),
            number: p.number.clone(),
            issuer: p.issuer.clone(),
            issued,
            url: p.url.clone(),
            horizon: p.horizon.as_ref().map(|h| h.0.clone()),
        }
    });

    let mut directions = BTreeMap::new();
    for (ind, d) in raw.directions.iter().flat_map(|m| &m.0) {
        if checker.indicator(ind, file, at(format!("directions.{ind}@key")), &mut diags).is_some() {
            directions.insert(ind.clone(), *d);
        }
    }
    let direction_of = |ind: &Indicator| directions.get(&ind.id).copied().unwrap_or(ind.direction);

    let mut targets = Vec::new();
    let mut seen_targets: HashMap<(String, Option<String>, Option<i32>, TargetKind), usize> = HashMap::new();
    for (i, t) in raw.targets.iter().enumerate() {
        let path = format!("targets[{i}]");
        if let Some(target) = target(t, &path, file, checker, &direction_of, &mut diags) {
            let key = (target.indicator.clone(), target.scope.clone(), target.year, target.kind);
            if let Some(first) = seen_targets.insert(key, i) {
                diags.push(
                    Diagnostic::warning(
                        file,
                        at(&path),
                        format!(
                            "a second target for `{}` in the same year and scope (the first is targets[{first}])",
                            target.indicator
                        ),
                    )
                    .with_hint(
                        "if the plan states the same target twice, keep one; for a band use one target with `upper`",
                    ),
                );
            }
            targets.push(target);
        }
    }

    let series = series(&dir.data, &targets, checker, &direction_of, &mut diags);
    let tasks = tasks(dir, checker, &mut diags);

    let mut commentary = BTreeMap::new();
    let mut indicator_commentary: BTreeMap<String, Localized> = BTreeMap::new();
    for c in &dir.commentary {
        if !checker.commentary_language(c, &mut diags) {
            continue;
        }
        if c.stem == "index" {
            commentary.insert(c.lang.clone(), markdown(c, &mut diags));
        } else if checker.indicator_ids.contains_key(c.stem.as_str()) {
            indicator_commentary.entry(c.stem.clone()).or_default().insert(c.lang.clone(), markdown(c, &mut diags));
        } else if !checker.broken.indicators.contains(&c.stem) {
            let hint = suggestion(&c.stem, checker.indicator_ids.keys().copied()).unwrap_or_else(|| {
                "name region commentary `index.<language>.md`, or `<indicator id>.<language>.md` for one indicator"
                    .into()
            });
            diags.push(
                Diagnostic::error(&c.file, Location::File, format!("commentary for an unknown indicator `{}`", c.stem))
                    .with_hint(hint),
            );
        }
    }

    let region = Region {
        id: dir.id.clone(),
        dir: dir.dir.clone(),
        name: raw.name.clone(),
        level: raw.level,
        parent: raw.parent.clone(),
        children: Vec::new(),
        depth: 0,
        plan,
        directions,
        no_data: raw.no_data.clone(),
        targets,
        series,
        tasks,
        commentary,
        indicator_commentary,
    };
    (Some(region), diags)
}

fn target(
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
    checker.opt_text(&t.no_data, file, &format!("{path}.no_data"), diags);
    let ind = checker.indicator(&t.indicator, file, field("indicator"), diags)?;
    if let Some(s) = &t.scope
        && !checker.scope(s, file, field("scope"), diags)
    {
        return None;
    }
    let year = match t.year {
        None => None,
        Some(y) if (1949..=2100).contains(&y) => Some(y as i32),
        Some(y) => {
            let hint = if (0..100).contains(&y) {
                format!("write the full year, e.g. {}", 2000 + y)
            } else {
                "write the full year, e.g. 2025".into()
            };
            diags.push(Diagnostic::error(file, field("year"), format!("`{y}` is not a year")).with_hint(hint));
            return None;
        }
    };
    let kind = t.kind.unwrap_or(TargetKind::Level);
    let value = match (&t.value, ind.kind) {
        (None, _) => None,
        (Some(RawValue::Number(n)), Kind::Quantitative) if n.is_finite() => Some(TargetValue::Number(*n)),
        (Some(RawValue::Number(_)), Kind::Quantitative) => {
            diags.push(Diagnostic::error(file, field("value"), "the value is not a finite number"));
            return None;
        }
        (Some(RawValue::Word(w)), Kind::Quantitative) => {
            diags.push(
                Diagnostic::error(file, field("value"), format!("expected a number, found `{w}`"))
                    .with_hint(format!("`{}` is a quantitative indicator; write the target number (without its unit), or leave `value` out for a target stated only in words", ind.id)),
            );
            return None;
        }
        (Some(RawValue::Word(w)), Kind::Qualitative) if w == "done" => Some(TargetValue::Done),
        (Some(v), Kind::Qualitative) => {
            let found = match v {
                RawValue::Number(n) => format!("the number {n}"),
                RawValue::Word(w) => format!("`{w}`"),
            };
            diags.push(Diagnostic::error(file, field("value"), format!("expected `done`, found {found}")).with_hint(
                format!("`{}` is a qualitative indicator: its target is `done`, or leave `value` out", ind.id),
            ));
            return None;
        }
    };
    if kind == TargetKind::AnnualChange {
        if ind.kind == Kind::Qualitative {
            diags.push(
                Diagnostic::error(file, field("kind"), "an annual_change target needs a quantitative indicator")
                    .with_hint("use kind: level, or leave `kind` out"),
            );
            return None;
        }
        if value.is_none() {
            diags.push(
                Diagnostic::error(file, field("value"), "an annual_change target needs a value")
                    .with_hint("write the change per year in percent, e.g. `value: 20` for 每年提高20%"),
            );
            return None;
        }
    }
    let bound = match (t.bound, t.upper) {
        (Some(Bound::Range), None) => {
            diags.push(
                Diagnostic::error(file, field("bound"), "a range target needs `upper`")
                    .with_hint("write `value: 30` and `upper: 35` for 30–35"),
            );
            return None;
        }
        (Some(b), Some(_)) if b != Bound::Range => {
            diags.push(
                Diagnostic::error(file, field("upper"), format!("`upper` goes with bound: range, not bound: {b}"))
                    .with_hint("remove `upper`, or write `bound: range`"),
            );
            return None;
        }
        (Some(b), _) => b,
        (None, Some(_)) => Bound::Range,
        (None, None) => direction_of(ind).default_bound(),
    };
    if let Some(u) = t.upper {
        match value {
            Some(TargetValue::Number(v)) if u.is_finite() && u > v => {}
            Some(TargetValue::Number(v)) => {
                diags.push(
                    Diagnostic::error(
                        file,
                        field("upper"),
                        format!("`upper` ({u}) must be greater than `value` ({v})"),
                    )
                    .with_hint("a range from 30 to 35 is `value: 30` and `upper: 35`"),
                );
                return None;
            }
            _ => {
                diags.push(Diagnostic::error(file, field("upper"), "`upper` needs a number in `value`"));
                return None;
            }
        }
    } else if bound == Bound::Range {
        diags.push(
            Diagnostic::error(file, field("bound"), "a range target needs `upper`")
                .with_hint("write `value: 30` and `upper: 35` for 30–35"),
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
        text: t.text.clone(),
        note: t.note.clone(),
        no_data: t.no_data.clone(),
    })
}

/// Group observations into series, checking each, and attach targets.
fn series(
    records: &[DataRecord],
    targets: &[Target],
    checker: &Checker,
    direction_of: &dyn Fn(&Indicator) -> crate::vocab::Direction,
    diags: &mut Diagnostics,
) -> Vec<Series> {
    type Key = (usize, Option<String>);
    let mut by_key: BTreeMap<Key, Vec<(Observation, &DataRecord)>> = BTreeMap::new();
    for r in records {
        let Some(ind) = checker.indicator(&r.indicator, &r.file, r.at(Field::Indicator), diags) else { continue };
        if let Some(s) = &r.scope
            && !checker.scope(s, &r.file, r.at(Field::Scope), diags)
        {
            continue;
        }
        let Some(period) = Period::parse(&r.period) else {
            diags.push(
                Diagnostic::error(&*r.file, r.at(Field::Period), format!("`{}` is not a period", r.period))
                    .with_hint("write a year (2023), a quarter (2023Q2) or a month (2023-06)"),
            );
            continue;
        };
        if period.frequency() != ind.frequency {
            diags.push(
                Diagnostic::error(
                    &*r.file,
                    r.at(Field::Period),
                    format!(
                        "`{period}` is a {} period, but `{}` is reported {}",
                        period_noun(period),
                        ind.id,
                        ind.frequency
                    ),
                )
                .with_hint(format!(
                    "write the period as the indicator's frequency says, or change `frequency` in {}",
                    ind.file.display()
                )),
            );
            continue;
        }
        let Some(value) = value(&r.value, ind, &r.file, &r.at(Field::Value), diags) else { continue };
        let obs = Observation { period, value, note: r.note.clone(), source: r.source.clone(), sample: r.sample };
        // CSV notes are one language by design; YAML notes are checked like any text.
        if let (Some(n), Location::YamlPath(_)) = (&r.note, &r.location) {
            checker.text(n, &r.file, &yaml_field(&r.location, "note"), diags);
        }
        let idx = checker.indicator_ids[ind.id.as_str()];
        by_key.entry((idx, r.scope.clone())).or_default().push((obs, r));
    }
    for t in targets {
        let idx = checker.indicator_ids[t.indicator.as_str()];
        by_key.entry((idx, t.scope.clone())).or_default();
    }
    let mut out = Vec::with_capacity(by_key.len());
    for ((idx, scope), mut obs) in by_key {
        obs.sort_by_key(|(o, _)| o.period);
        let mut observations: Vec<Observation> = Vec::with_capacity(obs.len());
        let mut last: Option<&DataRecord> = None;
        for (o, rec) in obs {
            if let (Some(prev_obs), Some(prev)) = (observations.last(), last)
                && prev_obs.period == o.period
            {
                diags.push(
                    Diagnostic::error(
                        &*rec.file,
                        rec.location.clone(),
                        format!("a second value for `{}`{} in {}", rec.indicator, scope_label(&scope), o.period),
                    )
                    .with_hint("the first is in {related}; keep one of them")
                    .with_related(&*prev.file, prev.location.clone()),
                );
                continue;
            }
            observations.push(o);
            last = Some(rec);
        }
        let ind = &checker.indicators[idx];
        let targets = targets
            .iter()
            .enumerate()
            .filter(|(_, t)| t.indicator == ind.id && t.scope == scope)
            .map(|(i, _)| i)
            .collect();
        out.push(Series { indicator: ind.id.clone(), scope, direction: direction_of(ind), observations, targets });
    }
    out
}

fn scope_label(scope: &Option<String>) -> String {
    scope.as_ref().map(|s| format!(" (scope `{s}`)")).unwrap_or_default()
}

fn period_noun(p: Period) -> &'static str {
    match p {
        Period::Year(_) => "yearly",
        Period::Quarter(..) => "quarterly",
        Period::Month(..) => "monthly",
    }
}

fn yaml_field(loc: &Location, field: &str) -> String {
    match loc {
        Location::YamlPath(p) => format!("{}.{field}", p.split('.').next().unwrap_or(p)),
        _ => field.to_string(),
    }
}

fn value(v: &RawValue, ind: &Indicator, file: &Path, loc: &Location, diags: &mut Diagnostics) -> Option<Value> {
    let states = ["done", "in_progress", "not_started"];
    match (v, ind.kind) {
        (RawValue::Number(n), Kind::Quantitative) if n.is_finite() => Some(Value::Number(*n)),
        (RawValue::Number(_), Kind::Quantitative) => {
            diags.push(Diagnostic::error(file, loc.clone(), "the value is not a finite number"));
            None
        }
        (RawValue::Word(w), Kind::Quantitative) => {
            let d = if WorkState::parse(w).is_some() {
                Diagnostic::error(file, loc.clone(), format!("expected a number, found the status `{w}`")).with_hint(
                    format!(
                        "`{}` is quantitative: its values are numbers; statuses are for qualitative indicators",
                        ind.id
                    ),
                )
            } else {
                Diagnostic::error(file, loc.clone(), format!("expected a number, found `{w}`"))
                    .with_hint("write the number only, without its unit or thousands separators (e.g. 85.2, not 85.2%)")
            };
            diags.push(d);
            None
        }
        (RawValue::Word(w), Kind::Qualitative) => match WorkState::parse(w).filter(|s| states.contains(&s.as_str())) {
            Some(s) => Some(Value::State(s)),
            None => {
                let hint = suggestion(w, states)
                    .unwrap_or_else(|| format!("`{}` is qualitative: write done, in_progress or not_started", ind.id));
                diags.push(Diagnostic::error(file, loc.clone(), format!("`{w}` is not a status")).with_hint(hint));
                None
            }
        },
        (RawValue::Number(n), Kind::Qualitative) => {
            diags.push(
                Diagnostic::error(file, loc.clone(), format!("expected a status, found the number {n}"))
                    .with_hint(format!("`{}` is qualitative: write done, in_progress or not_started", ind.id)),
            );
            None
        }
    }
}

fn tasks(dir: &RawRegionDir, checker: &Checker, diags: &mut Diagnostics) -> Vec<Task> {
    let Some(file) = &dir.tasks_file else { return Vec::new() };
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::with_capacity(dir.tasks.len());
    for (i, t) in dir.tasks.iter().enumerate() {
        let path = format!("[{i}]");
        let field = |f: &str| at(format!("{path}.{f}"));
        if !is_slug(&t.id) {
            diags.push(
                Diagnostic::error(file, field("id"), format!("`{}` is not a valid task id", t.id))
                    .with_hint(slug_hint(&t.id)),
            );
        }
        if let Some(first) = seen.insert(t.id.as_str(), i) {
            diags.push(
                Diagnostic::error(
                    file,
                    field("id"),
                    format!("the task id `{}` is used twice (first at entry {})", t.id, first + 1),
                )
                .with_hint("each task needs its own id"),
            );
        }
        checker.text(&t.title, file, &format!("{path}.title"), diags);
        checker.opt_text(&t.section, file, &format!("{path}.section"), diags);
        checker.opt_text(&t.detail, file, &format!("{path}.detail"), diags);
        checker.opt_text(&t.progress, file, &format!("{path}.progress"), diags);
        checker.opt_text(&t.deadline_text, file, &format!("{path}.deadline_text"), diags);
        for (j, u) in t.lead.iter().enumerate() {
            checker.text(u, file, &format!("{path}.lead[{j}]"), diags);
        }
        for (j, u) in t.partners.iter().enumerate() {
            checker.text(u, file, &format!("{path}.partners[{j}]"), diags);
        }
        let deadline = t.deadline.as_ref().and_then(|d| {
            let parsed = parse_deadline(&d.0);
            if parsed.is_none() {
                diags.push(
                    Diagnostic::error(file, field("deadline"), format!("`{}` is not a deadline", d.0))
                        .with_hint("write a year (2025), a month (2023-12), a date (2023-12-31) or `ongoing`; put the plan's own words in deadline_text"),
                );
            }
            parsed
        });
        let updated = t.updated.as_ref().and_then(|d| date(d, file, field("updated"), diags));
        out.push(Task {
            id: t.id.clone(),
            number: t.number.as_ref().map(|n| n.0.clone()),
            section: t.section.clone(),
            title: t.title.clone(),
            detail: t.detail.clone(),
            lead: t.lead.clone(),
            partners: t.partners.clone(),
            deadline,
            deadline_text: t.deadline_text.clone(),
            status: t.status,
            progress: t.progress.clone(),
            updated,
            sample: t.sample.unwrap_or(false),
        });
    }
    out
}

/// `2025`, `2023-12`, `2023-12-31`, or `ongoing` (持续推进, 长期).
pub fn parse_deadline(s: &str) -> Option<Deadline> {
    let s = s.trim();
    if matches!(s, "ongoing" | "持续推进" | "长期" | "持续") {
        return Some(Deadline::Ongoing);
    }
    if let Some(d) = Date::parse(s) {
        return Some(Deadline::Date(d));
    }
    match Period::parse(s)? {
        Period::Year(y) => Some(Deadline::Year(y)),
        Period::Month(y, m) => Some(Deadline::Month(y, m)),
        Period::Quarter(..) => None,
    }
}

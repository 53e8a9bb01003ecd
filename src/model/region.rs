//! Building one region: its plan, targets, series of observations, tasks and commentary.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use super::check::{Checker, at, date, markdown, slug_error};
use super::target::{plan, target};
use super::*;
use crate::content::de::RawValue;
use crate::content::{DataRecord, Field, RawRegionDir};
use crate::diagnostics::{Diagnostic, Diagnostics, Location, suggest};
use crate::messages::{Message, model as m};
use crate::msg;
use crate::vocab::{Kind, TargetKind, WorkState};

pub(crate) fn build_region(dir: &RawRegionDir, checker: &Checker) -> (Option<Region>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let Some(loaded) = &dir.region else {
        return (None, diags);
    };
    let (file, raw) = (&loaded.file, &loaded.value);
    if !is_slug(&dir.id) {
        let hint = Message::new(&m::HINT_RENAME_FOLDER).arg_message("hint", slug_hint(&dir.id));
        diags.push(slug_error(&dir.dir, Location::File, &m::NOUN_REGION, &dir.id).with_hint(hint));
    }
    checker.text(&raw.name, file, "name", &mut diags);
    if let Some(parent) = &raw.parent {
        if !is_slug(parent) {
            diags.push(slug_error(file, at("parent"), &m::NOUN_REGION, parent));
        } else if parent == &dir.id {
            diags.push(Diagnostic::error(file, at("parent"), msg!(m::OWN_PARENT)).with_hint(msg!(m::OWN_PARENT_HINT)));
        } else if !checker.region_ids.contains(parent.as_str()) && !checker.broken.regions.contains(parent) {
            let hint =
                suggest(parent, checker.region_ids.iter().copied()).unwrap_or_else(|| msg!(m::UNKNOWN_REGION_HINT));
            diags.push(Diagnostic::error(file, at("parent"), msg!(m::UNKNOWN_REGION, id = parent)).with_hint(hint));
        }
    }
    checker.opt_text(&raw.no_data, file, "no_data", &mut diags);
    let plan = raw.plan.as_ref().map(|p| plan(p, file, checker, &mut diags));

    let mut directions = BTreeMap::new();
    for (ind, d) in raw.directions.iter().flat_map(|m| &m.0) {
        if checker.indicator(ind, file, || at(format!("directions.{ind}@key")), &mut diags).is_some() {
            directions.insert(ind.clone(), *d);
        }
    }
    let direction_of = |ind: &Indicator| directions.get(&ind.id).copied().unwrap_or(ind.direction);

    // The plan's own text: every target's quote must be in it.
    let plan_raw = dir.plan_texts.iter().find(|p| p.lang == "zh");
    let (plan_text, quotes) = plan_raw.map(|p| super::plan::PlanText::read(&p.file, &p.text, &mut diags)).unzip();
    // The site's English for its headings (`plan.en.md`), checked against it.
    let outline = match (dir.plan_texts.iter().find(|p| p.lang == "en"), &quotes) {
        (Some(en), Some(q)) => {
            let raw = crate::content::plan::parse_outline(&en.file, &en.text, &mut diags);
            super::plan::build_outline(q, &raw, &mut diags)
        }
        (Some(en), None) => {
            diags.push(
                Diagnostic::error(&en.file, Location::File, msg!(m::PLAN_OUTLINE_WITHOUT_TEXT))
                    .with_hint(msg!(m::PLAN_OUTLINE_WITHOUT_TEXT_HINT, file = dir.dir.join("plan.zh.md").display())),
            );
            BTreeMap::new()
        }
        (None, _) => BTreeMap::new(),
    };
    // Needed where the region quotes its plan: a plan only cited (a province's, named by the
    // plans below it) sets no target here and needs no text.
    let quoted = !raw.targets.is_empty() || !dir.tasks.is_empty();
    if raw.plan.is_some() && quotes.is_none() && quoted {
        diags.push(
            Diagnostic::warning(file, at("plan"), msg!(m::PLAN_TEXT_MISSING))
                .with_hint(msg!(m::PLAN_TEXT_MISSING_HINT, file = dir.dir.join("plan.zh.md").display())),
        );
    }
    let mut targets = Vec::new();
    let mut seen_targets: HashMap<(String, Option<String>, Option<i32>, TargetKind), usize> = HashMap::new();
    for (i, t) in raw.targets.iter().enumerate() {
        let path = format!("targets[{i}]");
        if let Some(mut target) = target(t, &path, file, checker, &direction_of, &mut diags) {
            // Due at the plan's horizon: its end year where the plan states one, else none.
            if target.due_at_horizon {
                match &plan {
                    Some(p) => target.year = p.horizon_end(),
                    None => diags.push(
                        Diagnostic::error(file, at(format!("{path}.due")), msg!(m::DUE_WITHOUT_PLAN))
                            .with_hint(msg!(m::DUE_WITHOUT_PLAN_HINT)),
                    ),
                }
            }
            if let Some(p) = &quotes {
                target.anchor = t
                    .text
                    .get("zh")
                    .and_then(|q| super::plan::check_quote(p, q, t.plan_ref.as_deref(), &path, file, &mut diags));
                super::plan::check_table_columns(p, &target, &path, file, &mut diags);
            }
            let key = (target.indicator.clone(), target.scope.clone(), target.year, target.kind);
            if let Some(first) = seen_targets.insert(key, i) {
                diags.push(
                    Diagnostic::warning(
                        file,
                        at(&path),
                        msg!(m::SECOND_TARGET, indicator = &target.indicator, first = first),
                    )
                    .with_hint(msg!(m::SECOND_TARGET_HINT)),
                );
            }
            targets.push(target);
        }
    }

    let series = series(&dir.data, &targets, checker, &direction_of, &mut diags);
    let tasks = tasks(dir, checker, quotes.as_ref(), &mut diags);

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
            let hint = suggest(&c.stem, checker.indicator_ids.keys().copied())
                .unwrap_or_else(|| msg!(m::REGION_COMMENTARY_NAME_HINT));
            diags.push(
                Diagnostic::error(&c.file, Location::File, msg!(m::COMMENTARY_UNKNOWN_INDICATOR, id = &c.stem))
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
        plan_text: plan_text.map(|p| super::plan::PlanText { outline, ..p }),
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

/// Group observations into series, checking each, and attach targets.
pub(super) fn series(
    records: &[DataRecord],
    targets: &[Target],
    checker: &Checker,
    direction_of: &dyn Fn(&Indicator) -> crate::vocab::Direction,
    diags: &mut Diagnostics,
) -> Vec<Series> {
    type Key = (usize, Option<std::sync::Arc<str>>);
    let mut by_key: BTreeMap<Key, Vec<(Observation, &DataRecord)>> = BTreeMap::new();
    for r in records {
        // Where a field is written is worked out only for an error.
        let Some(ind) = checker.indicator(&r.indicator, &r.file, || r.at(Field::Indicator), diags) else { continue };
        if let Some(s) = &r.scope
            && !checker.scope(s, &r.file, || r.at(Field::Scope), diags)
        {
            continue;
        }
        let Some(period) = Period::parse(&r.period) else {
            diags.push(
                Diagnostic::error(&*r.file, r.at(Field::Period), msg!(m::NOT_A_PERIOD, period = &r.period))
                    .with_hint(msg!(m::NOT_A_PERIOD_HINT)),
            );
            continue;
        };
        if period.frequency() != ind.frequency {
            let message = msg!(m::PERIOD_FREQUENCY, period = period, id = &ind.id)
                .arg_message("kind", frequency_word(period.frequency()))
                .arg_message("frequency", frequency_word(ind.frequency));
            diags.push(
                Diagnostic::error(&*r.file, r.at(Field::Period), message)
                    .with_hint(msg!(m::PERIOD_FREQUENCY_HINT, file = ind.file.display())),
            );
            continue;
        }
        let Some(value) = value(&r.value, ind, &r.file, || r.at(Field::Value), diags) else { continue };
        let released = r.released.as_deref().and_then(|(d, at)| {
            let d = date(&crate::content::de::ScalarString(d.clone()), &r.file, at.clone(), diags)?;
            // A value is made public after its period, never before: a date that says otherwise
            // is a slip, and a page must not carry it.
            if d <= period.last_day() {
                diags.push(
                    Diagnostic::error(
                        &*r.file,
                        at.clone(),
                        msg!(m::RELEASED_BEFORE_PERIOD_END, date = d, period = period, end = period.last_day()),
                    )
                    .with_hint(msg!(m::RELEASED_BEFORE_PERIOD_END_HINT)),
                );
                return None;
            }
            Some(d)
        });
        let obs =
            Observation { period, value, note: r.note.clone(), source: r.source.clone(), sample: r.sample, released };
        // CSV notes are one language by design; YAML notes are checked like any text.
        if let (Some(n), Some(entry)) = (&r.note, r.entry()) {
            checker.text(n, &r.file, &format!("[{entry}].note"), diags);
        }
        let idx = checker.indicator_ids[ind.id.as_str()];
        by_key.entry((idx, r.scope.clone())).or_default().push((obs, r));
    }
    for t in targets {
        let idx = checker.indicator_ids[t.indicator.as_str()];
        by_key.entry((idx, t.scope.as_deref().map(Into::into))).or_default();
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
                let message = match &scope {
                    Some(s) => msg!(m::SECOND_VALUE_IN_SCOPE, indicator = &rec.indicator, scope = s, period = o.period),
                    None => msg!(m::SECOND_VALUE, indicator = &rec.indicator, period = o.period),
                };
                diags.push(
                    Diagnostic::error(&*rec.file, rec.location(), message)
                        .with_hint(msg!(m::SECOND_VALUE_HINT))
                        .with_related(&*prev.file, prev.location()),
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
            .filter(|(_, t)| t.indicator == ind.id && t.scope.as_deref() == scope.as_deref())
            .map(|(i, _)| i)
            .collect();
        let scope = scope.map(|s| s.to_string());
        out.push(Series { indicator: ind.id.clone(), scope, direction: direction_of(ind), observations, targets });
    }
    out
}

/// How often something is reported, or what kind of period it is: "yearly", "quarterly", "monthly".
fn frequency_word(f: crate::vocab::Frequency) -> Message {
    use crate::vocab::Frequency;
    Message::new(match f {
        Frequency::Yearly => &m::FREQUENCY_YEARLY,
        Frequency::Quarterly => &m::FREQUENCY_QUARTERLY,
        Frequency::Monthly => &m::FREQUENCY_MONTHLY,
    })
}

/// The value as the indicator's kind takes it; `loc` says where it is, for an error (made only
/// then: a national site checks 1.8 million values).
fn value(
    v: &RawValue,
    ind: &Indicator,
    file: &Path,
    loc: impl Fn() -> Location,
    diags: &mut Diagnostics,
) -> Option<Value> {
    let states = ["done", "in_progress", "not_started"];
    match (v, ind.kind) {
        (RawValue::Number(n), Kind::Quantitative) if n.is_finite() => Some(Value::Number(*n)),
        (RawValue::Number(_), Kind::Quantitative) => {
            diags.push(Diagnostic::error(file, loc(), msg!(m::NOT_FINITE)));
            None
        }
        (RawValue::Word(w), Kind::Quantitative) => {
            let d = if WorkState::parse(w).is_some() {
                Diagnostic::error(file, loc(), msg!(m::EXPECTED_NUMBER_FOUND_STATUS, status = w))
                    .with_hint(msg!(m::EXPECTED_NUMBER_FOUND_STATUS_HINT, id = &ind.id))
            } else {
                Diagnostic::error(file, loc(), msg!(m::NUMBER_EXPECTED, found = w))
                    .with_hint(msg!(m::NUMBER_EXPECTED_HINT))
            };
            diags.push(d);
            None
        }
        (RawValue::Word(w), Kind::Qualitative) => match WorkState::parse(w).filter(|s| states.contains(&s.as_str())) {
            Some(s) => Some(Value::State(s)),
            None => {
                let hint = suggest(w, states).unwrap_or_else(|| msg!(m::STATUS_HINT, id = &ind.id));
                diags.push(Diagnostic::error(file, loc(), msg!(m::NOT_A_STATUS, word = w)).with_hint(hint));
                None
            }
        },
        (RawValue::Number(n), Kind::Qualitative) => {
            diags.push(
                Diagnostic::error(file, loc(), msg!(m::EXPECTED_STATUS_FOUND_NUMBER, n = n))
                    .with_hint(msg!(m::STATUS_HINT, id = &ind.id)),
            );
            None
        }
    }
}

fn tasks(
    dir: &RawRegionDir,
    checker: &Checker,
    quotes: Option<&super::plan::Quotes>,
    diags: &mut Diagnostics,
) -> Vec<Task> {
    let Some(file) = &dir.tasks_file else { return Vec::new() };
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::with_capacity(dir.tasks.len());
    for (i, t) in dir.tasks.iter().enumerate() {
        let path = format!("[{i}]");
        let field = |f: &str| at(format!("{path}.{f}"));
        if !is_slug(&t.id) {
            diags.push(slug_error(file, field("id"), &m::NOUN_TASK, &t.id));
        }
        if let Some(first) = seen.insert(t.id.as_str(), i) {
            diags.push(
                Diagnostic::error(file, field("id"), msg!(m::TASK_ID_TWICE, id = &t.id, first = first + 1))
                    .with_hint(msg!(m::TASK_ID_TWICE_HINT)),
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
        for (j, u) in t.responsible.iter().enumerate() {
            checker.text(u, file, &format!("{path}.responsible[{j}]"), diags);
        }
        if !t.lead.is_empty() && !t.responsible.is_empty() {
            diags.push(
                Diagnostic::error(file, field("responsible"), msg!(m::TASK_LEAD_AND_RESPONSIBLE, id = &t.id))
                    .with_hint(msg!(m::TASK_LEAD_AND_RESPONSIBLE_HINT)),
            );
        }
        let deadline = t.deadline.as_ref().and_then(|d| {
            let parsed = parse_deadline(&d.0);
            if parsed.is_none() {
                diags.push(
                    Diagnostic::error(file, field("deadline"), msg!(m::NOT_A_DEADLINE, deadline = &d.0))
                        .with_hint(msg!(m::NOT_A_DEADLINE_HINT)),
                );
            }
            parsed
        });
        let updated = t.updated.as_ref().and_then(|d| date(d, file, field("updated"), diags));
        // Where the plan says it: its `text` (a quote, checked), else its detail or title where
        // the plan has them word for word (开州's annex 2 rows), else nowhere.
        let anchor =
            quotes.and_then(|p| match t.text.as_ref().and_then(|x| x.get("zh")) {
                Some(q) => super::plan::check_quote(p, q, t.plan_ref.as_deref(), &path, file, diags),
                None => [t.detail.as_ref(), Some(&t.title)].into_iter().flatten().filter_map(|x| x.get("zh")).find_map(
                    |q| match p.find(q, t.plan_ref.as_deref()) {
                        super::plan::Found::At(a) => a,
                        _ => None,
                    },
                ),
            });
        out.push(Task {
            id: t.id.clone(),
            text: t.text.clone(),
            anchor,
            number: t.number.as_ref().map(|n| n.0.clone()),
            section: t.section.clone(),
            title: t.title.clone(),
            detail: t.detail.clone(),
            lead: t.lead.clone(),
            partners: t.partners.clone(),
            responsible: t.responsible.clone(),
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

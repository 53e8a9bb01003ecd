//! What one workbook holds: the regions (a block each), their series and tasks with the words
//! shown beside the input cells, and the periods asked per frequency. All of it comes from the
//! content as written (targets in the plan's words, values with their sample mark); nothing is
//! filled in.

use crate::messages::{Entry, template as m};
use crate::model::{Deadline, Period, Site, Value};
use crate::vocab::{Direction, Frequency, Kind, WorkState};

/// One row of a data sheet: a series (indicator and scope) of one region.
#[derive(Debug, Clone)]
pub struct SeriesRow {
    pub indicator: String,
    pub scope: Option<String>,
    pub frequency: Frequency,
    pub qualitative: bool,
    pub indicator_name: String,
    pub scope_name: String,
    pub unit: String,
    pub decimals: String,
    pub direction: String,
    pub targets: String,
    pub latest: String,
}

/// One row of the tasks sheet.
#[derive(Debug, Clone)]
pub struct TaskRow {
    pub id: String,
    pub number: String,
    pub title: String,
    pub units: String,
    pub deadline: String,
    pub now: String,
}

/// One region's part of a workbook.
#[derive(Debug, Clone)]
pub struct Block {
    pub region: String,
    pub name: String,
    pub series: Vec<SeriesRow>,
    pub tasks: Vec<TaskRow>,
}

/// A whole workbook.
#[derive(Debug, Clone)]
pub struct Book {
    /// The region it is for (the first block).
    pub region: String,
    pub blocks: Vec<Block>,
    /// The periods asked, per frequency that has series (yearly, quarterly, monthly).
    pub periods: Vec<(Frequency, Vec<Period>)>,
}

impl Book {
    /// `<region>-<first>-<last>.xlsx`.
    pub fn file_name(&self) -> String {
        let all: Vec<Period> = self.periods.iter().flat_map(|(_, p)| p.iter().copied()).collect();
        // In time, not by kind: 2024 (all of 2024) comes before 2024Q3, 2025 after it.
        let start = |p: &&Period| p.end() - 1.0 / f64::from(p.frequency().per_year());
        let first = all.iter().min_by(|a, b| start(a).total_cmp(&start(b)));
        let last = all.iter().max_by(|a, b| a.end().total_cmp(&b.end()));
        match (first, last) {
            (Some(a), Some(b)) => format!("{}-{a}-{b}.xlsx", self.region),
            _ => format!("{}.xlsx", self.region),
        }
    }

    /// `2025; 2025Q1–2025Q4`.
    pub fn periods_text(&self) -> String {
        let parts: Vec<String> = self
            .periods
            .iter()
            .filter_map(|(_, p)| match (p.first(), p.last()) {
                (Some(a), Some(b)) if a == b => Some(a.to_string()),
                (Some(a), Some(b)) => Some(format!("{a}–{b}")),
                _ => None,
            })
            .collect();
        if parts.is_empty() { "—".to_string() } else { parts.join("; ") }
    }
}

fn zh(e: &'static Entry) -> &'static str {
    e.zh
}

/// A state in the workbook's words (the drop-down's).
pub fn state_word(s: WorkState) -> &'static str {
    match s {
        WorkState::Done => zh(&m::STATE_DONE),
        WorkState::InProgress => zh(&m::STATE_IN_PROGRESS),
        WorkState::NotStarted => zh(&m::STATE_NOT_STARTED),
        WorkState::Delayed => zh(&m::STATE_DELAYED),
    }
}

/// A period as the workbook's header says it: 2025年, 2025年第1季度, 2025年6月.
pub fn period_words(p: Period) -> String {
    match p {
        Period::Year(y) => format!("{y}年"),
        Period::Quarter(y, q) => format!("{y}年第{q}季度"),
        Period::Month(y, mo) => format!("{y}年{mo}月"),
    }
}

/// The periods of `freq` from `first` to `last` (given in any frequency): those whose end falls
/// within the time they span (2025Q1..2025Q4 asks 2025 of a yearly indicator; 2025 asks
/// 2025Q1–Q4 of a quarterly one; 2025Q1 asks no yearly value).
pub fn periods_asked(freq: Frequency, first: Period, last: Period) -> Vec<Period> {
    let step = 1.0 / f64::from(first.frequency().per_year());
    let (from, to) = (first.end() - step + 1e-9, last.end() + 1e-9);
    let mut p = match freq {
        Frequency::Yearly => Period::Year(first.year() - 1),
        Frequency::Quarterly => Period::Quarter(first.year() - 1, 1),
        Frequency::Monthly => Period::Month(first.year() - 1, 1),
    };
    let mut out = Vec::new();
    while p.year() <= last.year() + 1 {
        if p.end() > from && p.end() <= to {
            out.push(p);
        }
        p = p.next();
    }
    out
}

/// The periods of `freq` in year `y`.
fn year_periods(freq: Frequency, y: i32) -> Vec<Period> {
    periods_asked(freq, Period::Year(y), Period::Year(y))
}

fn latest_words(site: &Site, region: &str, indicator: &str, scope: Option<&str>) -> String {
    let Some(series) = site
        .region(region)
        .and_then(|r| r.series.iter().find(|s| s.indicator == indicator && s.scope.as_deref() == scope))
    else {
        return zh(&m::NOTHING_HELD).to_string();
    };
    let n = series.observations.len();
    let shown: Vec<String> = series.observations[n.saturating_sub(3)..]
        .iter()
        .map(|o| {
            let v = match o.value {
                Value::Number(x) => format!("{x}"),
                Value::State(s) => state_word(s).to_string(),
            };
            let sample = if o.sample { zh(&m::SAMPLE_MARK) } else { "" };
            format!("{}：{v}{sample}", o.period)
        })
        .collect();
    if shown.is_empty() { zh(&m::NOTHING_HELD).to_string() } else { shown.join("；") }
}

fn series_row(site: &Site, region: &str, indicator: &str, scope: Option<&str>) -> Option<SeriesRow> {
    let ind = site.indicator(indicator)?;
    let r = site.region(region)?;
    let targets: Vec<String> = r
        .targets
        .iter()
        .filter(|t| t.indicator == indicator && t.scope.as_deref() == scope)
        .filter_map(|t| t.text.get("zh").map(str::to_string))
        .collect();
    let direction = match r.directions.get(indicator).copied().unwrap_or(ind.direction) {
        Direction::Increase => zh(&m::DIR_INCREASE),
        Direction::Decrease => zh(&m::DIR_DECREASE),
        Direction::Range => zh(&m::DIR_RANGE),
        Direction::Monitor => zh(&m::DIR_MONITOR),
    };
    let qualitative = ind.kind == Kind::Qualitative;
    Some(SeriesRow {
        indicator: indicator.to_string(),
        scope: scope.map(str::to_string),
        frequency: ind.frequency,
        qualitative,
        indicator_name: ind.name.resolve("zh", "zh").0.to_string(),
        scope_name: scope
            .and_then(|s| site.scope(s))
            .map(|s| s.name.resolve("zh", "zh").0.to_string())
            .unwrap_or_default(),
        unit: if qualitative { String::new() } else { ind.unit.label("zh", "zh").0 },
        decimals: if qualitative { String::new() } else { ind.decimals.to_string() },
        direction: if qualitative { String::new() } else { direction.to_string() },
        targets: if targets.is_empty() { zh(&m::NO_TARGET).to_string() } else { targets.join("；") },
        latest: latest_words(site, region, indicator, scope),
    })
}

fn deadline_words(t: &crate::model::Task) -> String {
    if let Some(words) = t.deadline_text.as_ref().and_then(|d| d.get("zh")) {
        return words.to_string();
    }
    match t.deadline {
        Some(Deadline::Year(y)) => format!("{y}年"),
        Some(Deadline::Month(y, mo)) => format!("{y}年{mo}月"),
        Some(Deadline::Date(d)) => format!("{}年{}月{}日", d.year, d.month, d.day),
        Some(Deadline::Ongoing) => zh(&m::DEADLINE_ONGOING).to_string(),
        None => zh(&m::DEADLINE_NONE).to_string(),
    }
}

fn task_row(t: &crate::model::Task) -> TaskRow {
    let names =
        |v: &[crate::model::Text]| v.iter().map(|u| u.resolve("zh", "zh").0.to_string()).collect::<Vec<_>>().join("、");
    let units = if !t.lead.is_empty() {
        let mut s = crate::msg!(m::LEAD, units = names(&t.lead)).zh();
        if !t.partners.is_empty() {
            s.push('；');
            s.push_str(&crate::msg!(m::PARTNERS, units = names(&t.partners)).zh());
        }
        s
    } else {
        names(&t.responsible)
    };
    let now = match t.status {
        None => zh(&m::NOTHING_HELD).to_string(),
        Some(s) => {
            let mut w = state_word(s).to_string();
            if t.sample {
                w.push_str(zh(&m::SAMPLE_MARK));
            }
            if let Some(d) = t.updated {
                w.push_str(&format!("，{}-{:02}-{:02}", d.year, d.month, d.day));
            }
            if let Some(p) = t.progress.as_ref().and_then(|p| p.get("zh")) {
                w.push_str(&format!("：{p}"));
            }
            w
        }
    };
    TaskRow {
        id: t.id.clone(),
        number: t.number.clone().unwrap_or_default(),
        title: t.title.resolve("zh", "zh").0.to_string(),
        units,
        deadline: deadline_words(t),
        now,
    }
}

/// The workbook of region `id`: its own block, and with `with_children` one per region below
/// it (each asked for its own series and those of `id`, the usual 调度). `span`: the periods
/// asked; by default, per frequency, from the period after the earliest latest value to the
/// one after the latest (the reporting year, `progress.as_of`, for series without values).
pub fn book(site: &Site, id: &str, with_children: bool, span: Option<(Period, Period)>) -> Book {
    let mut regions = vec![id.to_string()];
    if with_children {
        let below = |r: &crate::model::Region| {
            let mut p = r.parent.as_deref();
            while let Some(x) = p {
                if x == id {
                    return true;
                }
                p = site.region(x).and_then(|r| r.parent.as_deref());
            }
            false
        };
        regions.extend(site.regions.iter().filter(|r| below(r)).map(|r| r.id.clone()));
    }
    let own = |r: &str| -> Vec<(String, Option<String>)> {
        site.region(r)
            .map(|r| r.series.iter().map(|s| (s.indicator.clone(), s.scope.clone())).collect())
            .unwrap_or_default()
    };
    let main = own(id);
    let order = |k: &(String, Option<String>)| {
        let i = site.indicator_index(&k.0).unwrap_or(usize::MAX);
        let s = k.1.as_deref().and_then(|s| site.scope(s)).map_or(i64::MIN, |s| s.order);
        (i, s, k.1.clone())
    };
    let blocks: Vec<Block> = regions
        .iter()
        .filter_map(|r| site.region(r))
        .map(|r| {
            let mut keys = own(&r.id);
            for k in &main {
                if !keys.contains(k) {
                    keys.push(k.clone());
                }
            }
            keys.sort_by_key(order);
            Block {
                region: r.id.clone(),
                name: r.name.resolve("zh", "zh").0.to_string(),
                series: keys.iter().filter_map(|(i, s)| series_row(site, &r.id, i, s.as_deref())).collect(),
                tasks: r.tasks.iter().map(task_row).collect(),
            }
        })
        .collect();
    let mut periods = Vec::new();
    for freq in [Frequency::Yearly, Frequency::Quarterly, Frequency::Monthly] {
        let rows: Vec<(&Block, &SeriesRow)> = blocks
            .iter()
            .flat_map(|b| b.series.iter().map(move |s| (b, s)))
            .filter(|(_, s)| s.frequency == freq)
            .collect();
        if rows.is_empty() {
            continue;
        }
        let asked = match span {
            Some((a, b)) => periods_asked(freq, a, b),
            None => {
                let mut wanted: Vec<Period> = Vec::new();
                for (b, s) in rows {
                    let latest = site
                        .region(&b.region)
                        .and_then(|r| r.series.iter().find(|x| x.indicator == s.indicator && x.scope == s.scope))
                        .and_then(|x| x.latest())
                        .map(|o| o.period);
                    match latest {
                        Some(p) => wanted.push(p.next()),
                        None => wanted.extend(year_periods(freq, site.config.progress.as_of)),
                    }
                }
                match (wanted.iter().min().copied(), wanted.iter().max().copied()) {
                    (Some(a), Some(b)) => {
                        let mut out = vec![a];
                        let mut p = a;
                        while p < b && out.len() < 36 {
                            p = p.next();
                            out.push(p);
                        }
                        out
                    }
                    _ => Vec::new(),
                }
            }
        };
        if !asked.is_empty() {
            periods.push((freq, asked));
        }
    }
    Book { region: id.to_string(), blocks, periods }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        Period::parse(s).unwrap_or(Period::Year(0))
    }

    #[test]
    fn periods_asked_across_frequencies() {
        let show = |v: Vec<Period>| v.iter().map(|p| p.to_string()).collect::<Vec<_>>().join(",");
        assert_eq!(show(periods_asked(Frequency::Yearly, p("2025Q1"), p("2025Q4"))), "2025");
        assert_eq!(show(periods_asked(Frequency::Yearly, p("2025Q1"), p("2025Q2"))), "");
        assert_eq!(show(periods_asked(Frequency::Quarterly, p("2025"), p("2025"))), "2025Q1,2025Q2,2025Q3,2025Q4");
        assert_eq!(show(periods_asked(Frequency::Monthly, p("2025Q1"), p("2025Q1"))), "2025-01,2025-02,2025-03");
        assert_eq!(show(periods_asked(Frequency::Yearly, p("2025"), p("2026"))), "2025,2026");
    }
}

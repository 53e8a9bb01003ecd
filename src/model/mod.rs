//! Stage 2: the validated, cross-referenced site. Built from the raw content by [`build`];
//! every reference in it (indicator, scope, region, category) is known to exist.

mod build;
mod check;
mod config;
pub mod plan;
mod region;
mod target;
pub mod time;
pub mod units;
mod update;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use serde::Serialize;

pub use crate::content::de::Text;
pub use crate::content::raw::RawCollection;
use crate::vocab::{Bound, Direction, Frequency, Kind, Level, TargetKind, WorkState};
pub use build::build;
pub use check::name_key;
pub use region::parse_deadline;
pub use time::{Date, Period};
pub use units::Unit;
pub use update::{RegionChecks, RegionUpdate, StructuralChange, replace_region};

/// The whole site.
#[derive(Debug, Clone, Serialize)]
pub struct Site {
    pub config: SiteConfig,
    pub categories: Vec<Category>,
    pub scopes: Vec<Scope>,
    /// Sorted by category order, then id.
    pub indicators: Vec<Indicator>,
    /// In tree order: each region followed by its children, siblings by id.
    pub regions: Vec<Region>,
    pub pages: Vec<Page>,
    #[serde(skip)]
    pub(crate) index: Lookup,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Lookup {
    pub indicators: HashMap<String, usize>,
    pub regions: HashMap<String, usize>,
    pub scopes: HashMap<String, usize>,
    pub categories: HashMap<String, usize>,
}

impl Site {
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.index.indicators.get(id).map(|&i| &self.indicators[i])
    }

    pub fn region(&self, id: &str) -> Option<&Region> {
        self.index.regions.get(id).map(|&i| &self.regions[i])
    }

    /// Where the region `id` is in `regions`.
    pub fn region_index(&self, id: &str) -> Option<usize> {
        self.index.regions.get(id).copied()
    }

    /// Where the indicator `id` is in `indicators`.
    pub fn indicator_index(&self, id: &str) -> Option<usize> {
        self.index.indicators.get(id).copied()
    }

    pub fn scope(&self, id: &str) -> Option<&Scope> {
        self.index.scopes.get(id).map(|&i| &self.scopes[i])
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.index.categories.get(id).map(|&i| &self.categories[i])
    }

    /// The default language (served at `/`).
    pub fn default_language(&self) -> &str {
        &self.config.languages[0]
    }

    /// Counts for `gongkai check`.
    pub fn summary(&self) -> Summary {
        let series = self.regions.iter().flat_map(|r| &r.series);
        let commentary = self.indicators.iter().map(|i| i.commentary.len()).sum::<usize>()
            + self
                .regions
                .iter()
                .map(|r| r.commentary.len() + r.indicator_commentary.values().map(BTreeMap::len).sum::<usize>())
                .sum::<usize>()
            + self.pages.iter().map(|p| p.versions.len()).sum::<usize>();
        Summary {
            regions: self.regions.len(),
            indicators: self.indicators.len(),
            series: series.clone().count(),
            observations: series.map(|s| s.observations.len()).sum(),
            targets: self.regions.iter().map(|r| r.targets.len()).sum(),
            tasks: self.regions.iter().map(|r| r.tasks.len()).sum(),
            commentary,
            pages: self.pages.len(),
        }
    }
}

/// What `gongkai check` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub regions: usize,
    pub indicators: usize,
    pub series: usize,
    pub observations: usize,
    pub targets: usize,
    pub tasks: usize,
    pub commentary: usize,
    pub pages: usize,
}

/// `site.yaml`.
#[derive(Debug, Clone, Serialize)]
pub struct SiteConfig {
    pub title: Text,
    pub description: Option<Text>,
    /// Always ends with `/`.
    pub base_url: String,
    pub languages: Vec<String>,
    pub theme: String,
    /// Only the default of `progress.as_of`: no page shows it (a page's date is the newest of
    /// what it shows).
    pub updated: Option<Date>,
    pub allow_html: bool,
    pub progress: ProgressSettings,
    /// Where `progress.as_of` comes from.
    pub as_of_from: AsOfSource,
    /// The day the assessment is made, where `progress.as_of` (or `updated`) is a date.
    pub as_of_date: Option<Date>,
    /// Who runs the site (主办单位), shown in every page's footer and as its `ContentSource`.
    pub publisher: Option<Publisher>,
    /// The site's registration marks, shown in every page's footer.
    pub registration: Registration,
    /// Free lines of the footer ("本站支持IPv6访问").
    pub footer: Vec<Text>,
    /// The pages are shown inside a portal whose footer carries the marks: none are required.
    pub embedded_in_portal: bool,
    /// Days after a period's end by which its value is expected to be out (staleness notes).
    pub release_lag_days: u32,
    /// The reporting round's instructions (`collection:`), for `gongkai template`.
    pub collection: RawCollection,
}

impl SiteConfig {
    /// The host of an absolute `base_url` (`wjw.example.gov.cn`), for `SiteDomain`; `None`
    /// for a path (`/gongkai/`): the domain is then unknown and never guessed.
    pub fn domain(&self) -> Option<&str> {
        let rest = self.base_url.strip_prefix("https://").or_else(|| self.base_url.strip_prefix("http://"))?;
        let host = rest.split('/').next().filter(|h| !h.is_empty())?;
        Some(host)
    }
}

/// The site's publisher (主办单位) and how to reach them.
#[derive(Debug, Clone, Serialize)]
pub struct Publisher {
    pub name: Text,
    pub address: Option<Text>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// The registration marks of a site on its own host; each is shown as given, never made up.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Registration {
    /// ICP备案号 (`晋ICP备12345678号-1`), linked to the ministry's record system.
    pub icp: Option<String>,
    /// 公安机关备案号 as written (`晋公网安备 14080202000123号`) ...
    pub police: Option<String>,
    /// ... and its digits, the `recordcode` of its record page.
    pub police_code: Option<String>,
    /// 政府网站标识码 (`1408000001`), also `<meta name="SiteIDCode">`.
    pub site_code: Option<String>,
    /// The 党政机关网站标识's certificate address.
    pub badge: Option<String>,
}

/// Where the reporting year (`progress.as_of`) comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AsOfSource {
    /// `progress.as_of` in site.yaml.
    Written,
    /// The year of `updated` in site.yaml.
    Updated,
    /// The latest year any region has data for (2024 when none has): a change to one region's
    /// data can move it.
    LatestData,
}

/// How progress is assessed (see `assess`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ProgressSettings {
    /// The year the assessment is made in: a target whose year is before it has passed.
    pub as_of: i32,
    pub on_track: f64,
    pub needs_acceleration: f64,
    /// How far a 左右 ("about") target's number may be missed and the target still met, as a
    /// share of the number.
    pub approx_tolerance: f64,
}

impl Default for ProgressSettings {
    fn default() -> Self {
        ProgressSettings { as_of: 2024, on_track: 0.95, needs_acceleration: 0.6, approx_tolerance: 0.05 }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Category {
    pub id: String,
    pub name: Text,
    pub order: i64,
    pub description: Option<Text>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Scope {
    pub id: String,
    pub name: Text,
    pub order: i64,
    pub description: Option<Text>,
}

/// Commentary in each language it is written in, by language code.
pub type Localized = BTreeMap<String, Markdown>;

/// A Markdown text (not yet rendered).
#[derive(Debug, Clone, Serialize)]
pub struct Markdown {
    pub file: PathBuf,
    pub title: Option<String>,
    pub updated: Option<Date>,
    /// `placeholder: true` in the front matter: a starter's text, not to be published.
    pub placeholder: bool,
    pub body: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Indicator {
    pub id: String,
    pub file: PathBuf,
    pub name: Text,
    pub short_name: Option<Text>,
    /// Other names it goes by, for matching a spreadsheet's words (`gongkai import`); not shown.
    #[serde(skip)]
    pub aliases: Vec<String>,
    pub category: String,
    pub kind: Kind,
    pub unit: Unit,
    pub decimals: u8,
    pub direction: Direction,
    pub description: Option<Text>,
    pub formula: Option<Text>,
    pub source: Option<Text>,
    pub frequency: Frequency,
    pub commentary: Localized,
}

#[derive(Debug, Clone, Serialize)]
pub struct Region {
    pub id: String,
    pub dir: PathBuf,
    pub name: Text,
    pub level: Level,
    pub parent: Option<String>,
    pub children: Vec<String>,
    /// 0 for a top-level region.
    pub depth: usize,
    pub plan: Option<Plan>,
    /// The plan's own text (`plan.zh.md`), with anchors.
    pub plan_text: Option<plan::PlanText>,
    /// Per-region direction overrides, by indicator id.
    pub directions: BTreeMap<String, Direction>,
    /// Why targets of this region have no data yet, unless a target says otherwise.
    pub no_data: Option<Text>,
    pub targets: Vec<Target>,
    /// One per (indicator, scope) that has data or targets; in indicator order, then scope.
    pub series: Vec<Series>,
    pub tasks: Vec<Task>,
    pub commentary: Localized,
    /// Commentary on one indicator in this region, by indicator id.
    pub indicator_commentary: BTreeMap<String, Localized>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    pub title: Text,
    pub number: Option<Stated<String>>,
    pub issuer: Option<Stated<Text>>,
    pub issued: Option<Stated<Date>>,
    pub url: Option<String>,
    pub horizon: Option<Stated<Horizon>>,
}

impl Plan {
    /// The last year of the plan's horizon, where the plan states one.
    pub fn horizon_end(&self) -> Option<i32> {
        match &self.horizon {
            Some(Stated::Given(h)) => h.to,
            _ => None,
        }
    }
}

/// A field of a plan's notice: as the document gives it, or recorded as not stated there
/// (`not_stated` in the content, shown as 原文未载) — never filled in by inference.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stated<T> {
    Given(T),
    NotStated,
}

impl<T> Stated<T> {
    pub fn given(&self) -> Option<&T> {
        match self {
            Stated::Given(t) => Some(t),
            Stated::NotStated => None,
        }
    }
}

/// The years a plan covers, and the plan's words they come from. A year the plan does not
/// state is `None` (忻州's "力争通过5年努力" has no end year).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Horizon {
    pub from: Option<i32>,
    pub to: Option<i32>,
    pub source: Text,
}

/// What a target asks for.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetValue {
    Number(f64),
    Done,
}

#[derive(Debug, Clone, Serialize)]
pub struct Target {
    pub indicator: String,
    pub scope: Option<String>,
    /// `None` for a standing bound.
    pub year: Option<i32>,
    /// `None` for a target stated only in words.
    pub value: Option<TargetValue>,
    pub upper: Option<f64>,
    pub bound: Bound,
    pub approx: bool,
    pub kind: TargetKind,
    /// Due at the end of the plan's horizon (`year` is then that end, or `None` where the plan
    /// states none), not a standing bound.
    pub due_at_horizon: bool,
    /// For a range: exceeding the upper end fails the target (otherwise a count given as a
    /// range is met from its lower end up).
    pub upper_limit: bool,
    /// The number as the plan writes a ratio (`1∶2`: `(1, 2)`; `value` is then 2 ÷ 1).
    pub ratio: Option<(f64, f64)>,
    /// The plan states a number the site does not assess: why.
    pub unassessed: Option<Text>,
    pub text: Text,
    pub note: Option<Text>,
    /// A remark on the target's scope (雅安's pilot hospitals, read from the sentence before the
    /// plan's "分别"), shown wherever the scope is.
    pub scope_note: Option<Text>,
    /// The plan's table row it quotes: its 指标属性 (定性, 定量), as written.
    pub attribute: Option<Text>,
    /// The plan's table row it quotes: how often progress is collected (按年调度, 按季调度).
    pub schedule: Option<Text>,
    /// Why there is no data for this target yet.
    pub no_data: Option<Text>,
    /// Where in the plan's text its quote is (an anchor of [`Region::plan_text`]).
    pub anchor: Option<String>,
}

/// An observed value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Value {
    Number(f64),
    State(WorkState),
}

impl Value {
    pub fn number(self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(n),
            Value::State(_) => None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Observation {
    pub period: Period,
    pub value: Value,
    pub note: Option<Text>,
    pub source: Option<Text>,
    pub sample: bool,
    /// When the value was made public (`released`): the date its pages carry.
    pub released: Option<Date>,
}

/// The values of one indicator (in one scope) in one region, with the targets set for it.
#[derive(Debug, Clone, Serialize)]
pub struct Series {
    pub indicator: String,
    pub scope: Option<String>,
    /// The indicator's direction, or the region's override.
    pub direction: Direction,
    /// Sorted by period.
    pub observations: Vec<Observation>,
    /// Indices into the region's `targets`, in the order written.
    pub targets: Vec<usize>,
}

impl Series {
    pub fn has_sample(&self) -> bool {
        self.observations.iter().any(|o| o.sample)
    }

    pub fn latest(&self) -> Option<&Observation> {
        self.observations.last()
    }
}

/// When a task is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Deadline {
    Year(i32),
    Month(i32, u8),
    Date(Date),
    Ongoing,
}

#[derive(Debug, Clone, Serialize)]
pub struct Task {
    pub id: String,
    /// The plan's own words for the task, when given (checked against the plan's text).
    pub text: Option<Text>,
    /// Where in the plan's text the task is (an anchor of [`Region::plan_text`]).
    pub anchor: Option<String>,
    pub number: Option<String>,
    pub section: Option<Text>,
    pub title: Text,
    pub detail: Option<Text>,
    pub lead: Vec<Text>,
    pub partners: Vec<Text>,
    /// Units the plan lists jointly, without a lead (never together with `lead`).
    pub responsible: Vec<Text>,
    /// `None` where the plan sets no deadline: the site says so and invents none.
    pub deadline: Option<Deadline>,
    pub deadline_text: Option<Text>,
    pub status: Option<WorkState>,
    pub progress: Option<Text>,
    pub updated: Option<Date>,
    pub sample: bool,
}

/// A free page, in each language it is written in.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    pub slug: String,
    pub order: i64,
    pub versions: Localized,
}

/// Is `s` a valid id: lowercase ASCII letters, digits and hyphens, at most 64 characters.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// How to write an id, with a suggestion for turning `s` into one if an obvious one exists.
pub fn slug_hint(s: &str) -> crate::messages::Message {
    let fixed: String = s
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '_' || c == '.' || c == '/' { '-' } else { c })
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let fixed = fixed.trim_matches('-');
    if is_slug(fixed) {
        crate::msg!(crate::messages::model::SLUG_HINT_EXAMPLE, fixed = fixed)
    } else {
        crate::msg!(crate::messages::model::SLUG_HINT)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        for ok in ["cmi", "level4-surgery-share", "t01", "2023"] {
            assert!(is_slug(ok), "{ok}");
        }
        for bad in ["CMI", "a b", "..", "a/b", "a_b", "-a", "", "运城", &"a".repeat(65)] {
            assert!(!is_slug(bad), "{bad}");
        }
        assert!(slug_hint("Yun Cheng").contains("`yun-cheng`"));
        assert!(slug_hint("Yun Cheng").zh().contains("例如 `yun-cheng`"));
    }
}

/// What a commentary file is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommentaryOf {
    Region(String),
    RegionIndicator(String, String),
    Indicator(String),
}

impl Site {
    /// Replace (or, with `None`, remove) the commentary file at `rel` (relative to the site
    /// root) in an already built site, for an incremental rebuild. `None` when the path is not
    /// a valid commentary file of this site; the caller then rebuilds everything, which reports
    /// the problem.
    pub fn set_commentary(
        &mut self,
        rel: &std::path::Path,
        c: Option<&crate::content::Commentary>,
    ) -> Option<CommentaryOf> {
        let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        let name = parts.last()?;
        let (stem, lang) = name.strip_suffix(".md")?.rsplit_once('.')?;
        if !self.config.languages.iter().any(|l| l == lang) {
            return None;
        }
        if let Some(c) = c
            && (c.stem != stem || c.lang != lang)
        {
            return None;
        }
        let md = match c {
            Some(c) => {
                let mut diags = crate::diagnostics::Diagnostics::new();
                let md = check::markdown(c, &mut diags);
                if diags.has_errors() {
                    return None; // a bad date: let the full build report it
                }
                Some(md)
            }
            None => None,
        };
        let set = |map: &mut Localized| match &md {
            Some(m) => {
                map.insert(lang.to_string(), m.clone());
            }
            None => {
                map.remove(lang);
            }
        };
        match parts.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
            ["content", "indicators", _] => {
                let i = *self.index.indicators.get(stem)?;
                set(&mut self.indicators[i].commentary);
                Some(CommentaryOf::Indicator(stem.to_string()))
            }
            ["content", "regions", region, _] => {
                let r = *self.index.regions.get(*region)?;
                if stem == "index" {
                    set(&mut self.regions[r].commentary);
                    Some(CommentaryOf::Region(region.to_string()))
                } else {
                    self.index.indicators.get(stem)?;
                    let entry = self.regions[r].indicator_commentary.entry(stem.to_string()).or_default();
                    set(entry);
                    Some(CommentaryOf::RegionIndicator(region.to_string(), stem.to_string()))
                }
            }
            _ => None,
        }
    }
}

//! The files as written: one struct per file kind, mirroring `docs/content-format.md`.
//! Unknown fields are refused so a typo never drops data silently. Nothing here is checked
//! against anything else; that is the `model` stage's job.

use serde::Deserialize;

use super::de::{RawValue, ScalarString, Text, UniqueMap};
use crate::vocab::{Bound, Direction, Due, Frequency, Kind, Level, TargetKind, WorkState};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSite {
    pub title: Text,
    pub description: Option<Text>,
    pub base_url: Option<String>,
    pub languages: Option<Vec<String>>,
    pub theme: Option<String>,
    pub updated: Option<ScalarString>,
    pub allow_html: Option<bool>,
    pub progress: Option<RawProgress>,
    /// Who runs the site (主办单位) and how to reach them: the footer of every page.
    pub publisher: Option<RawPublisher>,
    /// The registration marks of a site on its own host (ICP备案, 公安备案, 网站标识码, 党政机关网站标识).
    pub registration: Option<RawRegistration>,
    /// Free lines under the marks in the footer ("本站支持IPv6访问").
    pub footer: Option<Vec<Text>>,
    /// The pages are shown inside a government portal, whose own footer carries the marks.
    pub embedded_in_portal: Option<bool>,
    /// Days after a period's end by which its value is expected (`check --publish`'s staleness note).
    pub release_lag_days: Option<i64>,
    /// Who collects the numbers and by when: the instructions of `gongkai template`'s workbook.
    pub collection: Option<RawCollection>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPublisher {
    pub name: Text,
    pub address: Option<Text>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRegistration {
    pub icp: Option<String>,
    pub police: Option<String>,
    pub site_code: Option<String>,
    /// The 党政机关网站标识's certificate address (the 编办's page for this site).
    pub badge: Option<String>,
}

/// `site.yaml`'s `collection:`: the reporting round's instructions, shown in the workbook
/// `gongkai template` writes, as written (a deadline is never made up).
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawCollection {
    /// When the filled workbook is due, in the commission's words (`2025年1月20日前`).
    pub deadline: Option<Text>,
    /// Where to send it (an address, a mailbox, a system).
    pub send_to: Option<Text>,
    /// Whom to ask (a name and a telephone number).
    pub contact: Option<Text>,
    /// Anything else the fillers should know.
    pub note: Option<Text>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProgress {
    /// A year (`2024`) or a date (`2024-12-31`).
    pub as_of: Option<ScalarString>,
    pub on_track: Option<f64>,
    pub needs_acceleration: Option<f64>,
    /// How far from its number a 左右 ("about") target may be and still be met, as a share of
    /// the number (0.05: ±5%).
    pub approx_tolerance: Option<f64>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCategory {
    pub name: Text,
    pub order: Option<i64>,
    pub description: Option<Text>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScope {
    pub name: Text,
    pub order: Option<i64>,
    pub description: Option<Text>,
}

pub type RawCategories = UniqueMap<RawCategory>;
pub type RawScopes = UniqueMap<RawScope>;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIndicator {
    pub name: Text,
    pub short_name: Option<Text>,
    /// Other names the indicator goes by (`CMI`, `病例组合指数`): `gongkai import` matches them.
    #[serde(default)]
    pub aliases: Vec<String>,
    pub category: String,
    pub kind: Kind,
    pub unit: Option<Text>,
    pub decimals: Option<u8>,
    pub direction: Direction,
    pub description: Option<Text>,
    pub formula: Option<Text>,
    pub source: Option<Text>,
    pub frequency: Option<Frequency>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRegion {
    pub name: Text,
    pub level: Level,
    pub parent: Option<String>,
    pub plan: Option<RawPlan>,
    pub directions: Option<UniqueMap<Direction>>,
    /// Why targets of this region have no data yet (a default for every target).
    pub no_data: Option<Text>,
    #[serde(default)]
    pub targets: Vec<RawTarget>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPlan {
    pub title: Text,
    pub number: Option<String>,
    pub issuer: Option<Text>,
    pub issued: Option<ScalarString>,
    pub url: Option<String>,
    pub horizon: Option<RawHorizon>,
}

/// The years a plan covers: `{from: 2023, to: 2025, source: …}` with the plan's words they come
/// from, or `not_stated` (and, of old, a bare `"2023-2025"`, which the model refuses with a hint).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum RawHorizon {
    Word(ScalarString),
    Stated(RawHorizonYears),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHorizonYears {
    pub from: Option<i64>,
    pub to: Option<i64>,
    /// Where in the plan the years come from (its words, or what of the notice says them).
    pub source: Text,
}

/// The word that records a field of a plan's notice as not stated by the document (原文未载).
pub const NOT_STATED: &str = "not_stated";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTarget {
    pub indicator: String,
    pub scope: Option<String>,
    pub year: Option<i64>,
    pub value: Option<RawValue>,
    pub upper: Option<f64>,
    pub bound: Option<Bound>,
    pub approx: Option<bool>,
    pub kind: Option<TargetKind>,
    /// `horizon`: due at the end of the plan's horizon rather than in a year of its own.
    pub due: Option<Due>,
    /// For `bound: range`: the upper end is a limit (exceeding it fails the target); by default
    /// a count given as a range ("1～2个") is met from its lower end up.
    pub upper_limit: Option<bool>,
    /// The plan states a number here that the site does not assess (yet): why, shown with
    /// "本站暂未对该数值要求作自动评估" instead of "no numeric target".
    pub unassessed: Option<Text>,
    pub text: Text,
    pub note: Option<Text>,
    /// A remark on the target's scope, shown wherever the scope is: where the site reads the
    /// scope from the plan's context rather than the plan naming it.
    pub scope_note: Option<Text>,
    /// The plan's table, column 指标属性: what it calls the indicator (定性, 定量), as written.
    pub attribute: Option<Text>,
    /// The plan's table: how often it has the target's progress collected (按年调度), as written.
    pub schedule: Option<Text>,
    /// Why there is no data for this target yet.
    pub no_data: Option<Text>,
    /// Which place of the plan's text the quote is from, when it occurs there more than once
    /// (an anchor: `s2-3`, `a1-r20`).
    pub plan_ref: Option<String>,
}

/// One entry of `data.yaml`: an observation (`period` + `value`) or a series (`values`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDataEntry {
    pub indicator: String,
    pub scope: Option<String>,
    pub period: Option<ScalarString>,
    pub value: Option<RawValue>,
    pub values: Option<UniqueMap<RawValue>>,
    pub note: Option<Text>,
    pub source: Option<Text>,
    pub sample: Option<bool>,
    /// When the value (or the series' values) was made public: `2025-03-14`.
    pub released: Option<ScalarString>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTask {
    pub id: String,
    pub number: Option<ScalarString>,
    pub section: Option<Text>,
    pub title: Text,
    pub detail: Option<Text>,
    #[serde(default)]
    pub lead: Vec<Text>,
    #[serde(default)]
    pub partners: Vec<Text>,
    /// Units the plan lists jointly, without naming a lead ("按职责分工负责"); not with `lead`.
    #[serde(default)]
    pub responsible: Vec<Text>,
    pub deadline: Option<ScalarString>,
    pub deadline_text: Option<Text>,
    pub status: Option<WorkState>,
    pub progress: Option<Text>,
    pub updated: Option<ScalarString>,
    pub sample: Option<bool>,
    /// The plan's own words for the task (verbatim Chinese), checked against its text.
    pub text: Option<Text>,
    /// Which place of the plan's text the task is (an anchor), where it is in several.
    pub plan_ref: Option<String>,
}

/// The front matter of a Markdown file.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFrontMatter {
    pub title: Option<String>,
    pub updated: Option<ScalarString>,
    pub order: Option<i64>,
    /// A starter's text waiting to be written: `check --publish` refuses it.
    pub placeholder: Option<bool>,
}

//! Localised, formatted pieces of pages: the helpers every page builder uses to turn model
//! values into escaped HTML and text in one language.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::assess::{Assessment, Reason};
use crate::model::units::format_value;
use crate::model::{Deadline, Indicator, ProgressSettings, Series, Site, Target, TargetValue, Text, Value};
use crate::vocab::{Bound, Direction, Status, TargetKind, WorkState};

/// Escape text for HTML (element content and quoted attributes).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_into(&mut out, s);
    out
}

/// Whether [`escape`] changes `s`: most text has nothing to escape. A long text is searched
/// with two vectorised searches; a short one (most of a page's values: names, links, numbers)
/// is read byte by byte, which costs less than setting those searches up.
pub fn needs_escape(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 48 {
        // The five bytes `escape` replaces are all below 64: one bit each in `SPECIAL`.
        const SPECIAL: u64 = (1 << b'&') | (1 << b'<') | (1 << b'>') | (1 << b'"') | (1 << b'\'');
        return b.iter().any(|&c| c < 64 && (SPECIAL >> c) & 1 == 1);
    }
    memchr::memchr3(b'&', b'<', b'>', b).is_some() || memchr::memchr2(b'"', b'\'', b).is_some()
}

/// [`escape`], written at the end of `out` (no string of its own).
pub fn escape_into(out: &mut String, s: &str) {
    // Text with nothing to escape is copied whole.
    if !needs_escape(s) {
        out.push_str(s);
        return;
    }
    // Else the runs between special characters whole.
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        out.push_str(entity);
        start = i + 1;
    }
    out.push_str(&s[start..]);
}

/// One language's view of the site: its code, interface strings and fallback.
pub struct Lang<'a> {
    pub code: &'a str,
    pub default: &'a str,
    pub strings: &'a BTreeMap<String, String>,
    pub settings: ProgressSettings,
    /// [`Lang::target_short`] of the targets already written, by the address of the target and
    /// of its indicator (they stay put while pages are rendered): a target is shown on its
    /// region's page, its series page, in the chart's description and in explanations, about
    /// five times per language.
    shorts: RefCell<HashMap<(*const Target, *const Indicator), String>>,
}

/// The BCP 47 tag for `<html lang>` and hreflang.
pub fn html_lang(code: &str) -> String {
    match code {
        "zh" => "zh-CN".into(),
        other => other.into(),
    }
}

impl<'a> Lang<'a> {
    pub fn new(site: &'a Site, code: &'a str, strings: &'a BTreeMap<String, String>) -> Self {
        Lang {
            code,
            default: site.default_language(),
            strings,
            settings: site.config.progress,
            shorts: RefCell::default(),
        }
    }

    /// An interface string (the key itself if the theme lacks it, so a gap is visible).
    pub fn t<'k>(&'k self, key: &'k str) -> &'k str {
        self.strings.get(key).map(String::as_str).unwrap_or(key)
    }

    /// An interface string with `{name}` placeholders filled in.
    pub fn tf(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.t(key), |name| args.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string()))
    }

    /// An interface string with its `{name}` placeholders split out once, for a string filled in
    /// for many values (a value's release date on a national site: hundreds of thousands).
    pub fn blank(&self, key: &str, name: &str) -> Blank {
        Blank::new(self.t(key), name)
    }

    /// Content text as plain (unescaped) text in this language, falling back to the default.
    pub fn plain<'t>(&self, text: &'t Text) -> &'t str {
        text.resolve(self.code, self.default).0
    }

    /// Content text as escaped HTML; a fallback is marked "not yet translated" and tagged with
    /// its own language.
    pub fn html(&self, text: &Text) -> String {
        let (s, fallback) = text.resolve(self.code, self.default);
        if fallback && !s.is_empty() {
            let lang = text.get(self.default).map(|_| self.default).unwrap_or(self.default);
            format!(
                "<span lang=\"{}\">{}</span> <span class=\"untranslated\">({})</span>",
                html_lang(lang),
                escape(s),
                escape(self.t("not_translated"))
            )
        } else {
            escape(s)
        }
    }

    pub fn opt_html(&self, text: &Option<Text>) -> Option<String> {
        text.as_ref().map(|t| self.html(t))
    }

    /// The plan's own words for a target (its `text`): the Chinese as the plan writes it, and on
    /// a page in another language, marked as Chinese, with the site's translation beside it.
    pub fn wording(&self, text: &Text) -> WordingView {
        match text.get(PLAN_LANGUAGE) {
            Some(original) if self.code != PLAN_LANGUAGE => WordingView {
                original_html: format!("<span lang=\"{}\">{}</span>", html_lang(PLAN_LANGUAGE), escape(original)),
                translation_html: text.get(self.code).map(escape),
            },
            _ => WordingView { original_html: self.html(text), translation_html: None },
        }
    }

    /// A value of an indicator, formatted with its decimals and unit.
    pub fn value(&self, ind: &Indicator, v: &Value) -> String {
        match v {
            Value::Number(n) => format_value(*n, ind.decimals, &ind.unit, self.code, self.default),
            Value::State(s) => self.state(*s),
        }
    }

    pub fn number(&self, ind: &Indicator, n: f64) -> String {
        format_value(n, ind.decimals, &ind.unit, self.code, self.default)
    }

    pub fn state(&self, s: WorkState) -> String {
        self.t(&format!("state_{}", s.as_str())).to_string()
    }

    pub fn status(&self, s: Status) -> StatusView {
        StatusView { key: s.as_str(), label: self.t(&format!("status_{}", s.as_str())).to_string() }
    }

    /// A target in a few characters: `≥ 1.00 (2025)`, `30%–35%`, `≥ 20% per year`.
    /// The same for the same target (its indicator is the target's own); worked out once.
    pub fn target_short(&self, ind: &Indicator, t: &Target) -> String {
        let key: (*const Target, *const Indicator) = (t, ind);
        if let Some(s) = self.shorts.borrow().get(&key) {
            return s.clone();
        }
        let s = self.write_target_short(ind, t);
        self.shorts.borrow_mut().insert(key, s.clone());
        s
    }

    fn write_target_short(&self, ind: &Indicator, t: &Target) -> String {
        let level = match t.value {
            None if t.unassessed.is_some() => return self.with_due(t, self.t("number_not_assessed").to_string()),
            None => return self.t("no_target").to_string(),
            Some(TargetValue::Done) => self.state(WorkState::Done),
            Some(TargetValue::Number(v)) => {
                let digits = |n: f64| crate::model::units::format_keeping_digits(n, ind.decimals);
                let shown = match (t.kind, t.ratio) {
                    (TargetKind::AnnualChange, _) => format!("{}%", digits(v)),
                    // A place and the terms of a ratio as the plan writes them: 前3名, 1∶2.
                    (TargetKind::Rank, _) => return self.with_due(t, self.tf("rank_top", &[("n", &v.to_string())])),
                    (_, Some((a, b))) => format!("{a}∶{b}"),
                    _ => self.number(ind, v),
                };
                // "About 2" (左右) says it better than "about ≥ 2".
                let mut s = match (t.bound, t.upper) {
                    (Bound::Range, Some(u)) => format!("{}–{}", self.number(ind, v), self.number(ind, u)),
                    _ if t.approx || t.ratio.is_some() => shown,
                    (Bound::Min, _) => format!("≥ {shown}"),
                    (Bound::Max, _) => format!("≤ {shown}"),
                    _ => shown,
                };
                if t.approx {
                    s = if self.code == "en" {
                        format!("{} {s}", self.t("approx"))
                    } else {
                        format!("{s}{}", self.t("approx"))
                    };
                }
                let per_year = match t.kind {
                    TargetKind::AnnualChange => Some("per_year"),
                    TargetKind::AnnualIncrease => Some("per_year_increase"),
                    _ => None,
                };
                if let Some(key) = per_year {
                    s = if self.code == "en" { format!("{s} {}", self.t(key)) } else { format!("{}{s}", self.t(key)) };
                }
                s
            }
        };
        self.with_due(t, level)
    }

    /// `level` with when it is due: its year, the plan's horizon, or standing.
    fn with_due(&self, t: &Target, level: String) -> String {
        let en = self.code == "en";
        match (t.year, t.due_at_horizon) {
            (Some(y), true) => {
                let due = self.tf("due_horizon_year", &[("year", &y.to_string())]);
                if en { format!("{level} ({due})") } else { format!("{level}（{due}）") }
            }
            (None, true) if en => format!("{level} ({})", self.t("due_horizon_unstated")),
            (None, true) => format!("{level}（{}）", self.t("due_horizon_unstated")),
            (Some(y), false) if en => format!("{level} ({y})"),
            (Some(y), false) => format!("{level}（{y}年）"),
            (None, false) if en => format!("{level} ({})", self.t("standing")),
            (None, false) => format!("{level}（{}）", self.t("standing")),
        }
    }

    /// One sentence on how a status was found.
    pub fn explain(&self, ind: &Indicator, series: &Series, target: Option<&Target>, a: &Assessment) -> String {
        let first = series.observations.first();
        let key = match a.reason {
            Reason::Monitored => "reason_monitored",
            Reason::NoNumber => "reason_no_number",
            Reason::NoData => "reason_no_data",
            Reason::OneValue => "reason_one_value",
            Reason::Met => "reason_met",
            Reason::YearPassed => "reason_year_passed",
            Reason::BoundNotMet => "reason_bound_not_met",
            Reason::PaceCompound => "reason_pace_compound",
            Reason::PaceLinear => "reason_pace_linear",
            Reason::MovingAway => "reason_moving_away",
            Reason::AnnualChange => "reason_annual_change",
            Reason::NoAnnualChange => "reason_no_annual_change",
            Reason::State => "reason_state",
            Reason::MetApprox => "reason_met_approx",
            Reason::AnnualIncrease => "reason_annual_increase",
            Reason::Rank => "reason_rank",
            Reason::NumberNotAssessed => "reason_number_not_assessed",
            Reason::NotYetDue => "reason_not_yet_due",
            Reason::NotYetDueNoHorizon => "reason_not_yet_due_no_horizon",
        };
        // Where 左右 decided met or not met, the sentence says by how much it may be missed.
        let approx_used = target.is_some_and(|t| t.approx && matches!(t.value, Some(TargetValue::Number(_))))
            && matches!(
                a.reason,
                Reason::YearPassed
                    | Reason::BoundNotMet
                    | Reason::PaceCompound
                    | Reason::PaceLinear
                    | Reason::MovingAway
                    | Reason::NotYetDue
                    | Reason::NotYetDueNoHorizon
            );
        let tolerance = || format!("{}%", (self.settings.approx_tolerance * 1000.0).round() / 10.0);
        // Only what the sentence names is worked out.
        let template =
            if approx_used { format!("{}{}", self.t(key), self.t("approx_note")) } else { self.t(key).to_string() };
        fill(&template, |name| {
            Some(match name {
                "latest" => series.latest().map(|o| self.value(ind, &o.value)).unwrap_or_default(),
                "target" => target.map(|t| self.target_short(ind, t)).unwrap_or_default(),
                "year" => target.and_then(|t| t.year).map(|y| y.to_string()).unwrap_or_default(),
                "ratio" => a.ratio.map(|r| format!("{r:.2}")).unwrap_or_default(),
                "first_period" => first.map(|o| o.period.to_string()).unwrap_or_default(),
                "first" => first.map(|o| self.value(ind, &o.value)).unwrap_or_default(),
                "on_track" => format!("{}", self.settings.on_track),
                "needs_acceleration" => format!("{}", self.settings.needs_acceleration),
                "tolerance" => tolerance(),
                "why" => {
                    target.and_then(|t| t.unassessed.as_ref()).map(|w| self.plain(w).to_string()).unwrap_or_default()
                }
                _ => return None,
            })
        })
    }

    pub fn direction(&self, d: Direction) -> &str {
        match d {
            Direction::Increase => self.t("higher_is_better"),
            Direction::Decrease => self.t("lower_is_better"),
            Direction::Range => self.t("range_is_better"),
            Direction::Monitor => self.t("monitor_only"),
        }
    }

    pub fn deadline(&self, d: &Deadline) -> String {
        match d {
            Deadline::Ongoing => self.t("ongoing").to_string(),
            Deadline::Year(y) if self.code == "en" => y.to_string(),
            Deadline::Year(y) => format!("{y}年"),
            Deadline::Month(y, m) if self.code == "en" => format!("{y}-{m:02}"),
            Deadline::Month(y, m) => format!("{y}年{m}月"),
            Deadline::Date(d) if self.code == "en" => d.to_string(),
            Deadline::Date(d) => format!("{}年{}月{}日", d.year, d.month, d.day),
        }
    }

    pub fn task_status(&self, s: Option<WorkState>) -> StatusView {
        let key = s.map_or("not_reported", |s| s.as_str());
        StatusView { key, label: self.t(&format!("task_{key}")).to_string() }
    }
}

/// The language the plans are written in: a target's `text` in it is the plan's own words,
/// checked against `plan.zh.md`; in any other language it is the site's translation.
pub const PLAN_LANGUAGE: &str = "zh";

/// A target's wording as a page shows it: `original_html` the plan's words (in a `lang` span on
/// a page in another language), `translation_html` the site's translation on such a page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WordingView {
    pub original_html: String,
    pub translation_html: Option<String>,
}

/// A status word with its label, for badges: the key selects colour and icon in CSS, the
/// label says it in words (colour is never the only carrier of meaning).
#[derive(Debug, Clone, Serialize)]
pub struct StatusView {
    pub key: &'static str,
    pub label: String,
}

/// `template` with each `{name}` replaced by `value(name)`, in one pass; a name `value` does
/// not know, or a brace that opens no name, is left as written.
/// An interface string split where one placeholder goes ([`Lang::blank`]): filling it in is
/// copying its pieces, with what [`Lang::tf`] gives (escaped).
#[derive(Debug, Clone)]
pub struct Blank {
    parts_html: Vec<String>,
}

impl Blank {
    /// `template` split where `{name}` goes (as [`fill`] reads it), each piece escaped.
    pub fn new(template: &str, name: &str) -> Blank {
        const MARK: &str = "\u{0}";
        let filled = fill(template, |n| (n == name).then(|| MARK.to_string()));
        Blank { parts_html: filled.split(MARK).map(escape).collect() }
    }

    /// The string escaped, with what `value` writes (HTML, or text with nothing to escape, such
    /// as a date) in its place, added to `out`.
    pub fn push_html_with(&self, out: &mut String, mut value: impl FnMut(&mut String)) {
        for (i, part) in self.parts_html.iter().enumerate() {
            if i > 0 {
                value(out);
            }
            out.push_str(part);
        }
    }
}

fn fill(template: &str, value: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let name = after.find('}').map(|j| &after[..j]).filter(|n| !n.is_empty() && !n.contains('{'));
        match name.and_then(|n| value(n).map(|v| (n, v))) {
            Some((n, v)) => {
                out.push_str(&v);
                rest = &after[n.len() + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::{escape, fill};

    #[test]
    fn a_blank_fills_in_as_tf_does() {
        let blank = |t: &str| super::Blank::new(t, "date");
        for t in ["（{date}发布）", "released <{date}> & {other} {date}", "{date}", "none", "{date", "{{date}}"] {
            let filled = |v: &str| fill(t, |n| (n == "date").then(|| v.to_string()));
            // A value with nothing to escape, written in as it is.
            let mut text = String::from("x");
            blank(t).push_html_with(&mut text, |o| o.push_str("2025-03-01"));
            assert_eq!(text, format!("x{}", escape(&filled("2025-03-01"))), "{t}");
            // A value escaped as it is written in.
            let mut html = String::from("x");
            blank(t).push_html_with(&mut html, |o| super::escape_into(o, "<v&>"));
            assert_eq!(html, format!("x{}", escape(&filled("<v&>"))), "{t}");
        }
    }

    #[test]
    fn placeholders_are_filled_in_one_pass() {
        let args = |n: &str| match n {
            "a" => Some("1".to_string()),
            "b" => Some("{a}".to_string()),
            _ => None,
        };
        assert_eq!(fill("x {a} y {b} z", args), "x 1 y {a} z");
        assert_eq!(fill("{unknown} {a}", args), "{unknown} 1");
        assert_eq!(fill("{ {a} {}", args), "{ 1 {}");
        assert_eq!(fill("{a", args), "{a");
        assert_eq!(fill("达到{a}%（{a}年）", args), "达到1%（1年）");
    }

    #[test]
    fn escape_replaces_markup_and_keeps_everything_else() {
        assert_eq!(escape("门诊<次>“均” & 'x' \"y\""), "门诊&lt;次&gt;“均” &amp; &#39;x&#39; &quot;y&quot;");
        assert_eq!(escape("纯文本，没有特殊字符"), "纯文本，没有特殊字符");
        assert_eq!(escape("<"), "&lt;");
        assert_eq!(escape(""), "");
    }

    #[test]
    fn needs_escape_says_exactly_when_escape_changes_the_text() {
        use super::needs_escape;
        let mut texts: Vec<String> = (0u8..128).map(|b| char::from(b).to_string()).collect();
        texts.extend(["", "纯文本", "门诊<次>", "a&b", "“均”", "x'", "../plan/#s1-3", "\"quoted\""].map(String::from));
        // Every byte below 128 at the start and end of texts on both sides of the short-text
        // path's length.
        for n in [46, 47, 48, 49, 100] {
            for b in 0u8..128 {
                let c = char::from(b);
                texts.push(format!("{c}{}", "字".repeat(n / 3)));
                texts.push(format!("{}{c}", "a".repeat(n)));
            }
        }
        // The escaping, character by character (`escape` itself copies what `needs_escape`
        // passes, so it cannot be the measure).
        let by_hand = |t: &str| -> String {
            t.chars()
                .map(|c| match c {
                    '&' => "&amp;".to_string(),
                    '<' => "&lt;".to_string(),
                    '>' => "&gt;".to_string(),
                    '"' => "&quot;".to_string(),
                    '\'' => "&#39;".to_string(),
                    c => c.to_string(),
                })
                .collect()
        };
        for t in &texts {
            let escaped = by_hand(t);
            assert_eq!(needs_escape(t), escaped != *t, "{t:?}");
            assert_eq!(escape(t), escaped, "{t:?}");
        }
    }
}

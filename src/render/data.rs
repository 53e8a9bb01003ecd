//! Downloads: the data behind the pages, in long format, as CSV (UTF-8 with BOM, so that Excel
//! opens Chinese text correctly) and JSON. One copy serves every language.

use serde_json::json;

use super::OutputFile;
use super::links::path;
use crate::model::{Region, Series, Site, Target, TargetValue, Text, Value};

/// The columns of every CSV download.
const COLUMNS: &[&str] = &[
    "record",
    "region",
    "region_name_zh",
    "region_name_en",
    "indicator",
    "indicator_name_zh",
    "indicator_name_en",
    "scope",
    "period",
    "value",
    "unit",
    "sample",
    "bound",
    "upper",
    "approx",
    "target_kind",
    "text_zh",
    "text_en",
    "note",
];

fn txt(t: &Text, lang: &str) -> String {
    t.get(lang).unwrap_or("").to_string()
}

fn unit_of(site: &Site, indicator: &str) -> String {
    site.indicator(indicator).map(|i| i.unit.label("en", "zh").0).unwrap_or_default()
}

fn observation_rows(site: &Site, r: &Region, s: &Series, out: &mut Vec<Vec<String>>) {
    let ind = site.indicator(&s.indicator);
    for o in &s.observations {
        let value = match o.value {
            Value::Number(n) => format!("{n}"),
            Value::State(st) => st.as_str().to_string(),
        };
        out.push(vec![
            "observation".into(),
            r.id.clone(),
            txt(&r.name, "zh"),
            txt(&r.name, "en"),
            s.indicator.clone(),
            ind.map(|i| txt(&i.name, "zh")).unwrap_or_default(),
            ind.map(|i| txt(&i.name, "en")).unwrap_or_default(),
            s.scope.clone().unwrap_or_default(),
            o.period.to_string(),
            value,
            unit_of(site, &s.indicator),
            o.sample.to_string(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            o.note.as_ref().map(|n| txt(n, "zh")).unwrap_or_default(),
        ]);
    }
}

fn target_row(site: &Site, r: &Region, t: &Target) -> Vec<String> {
    let ind = site.indicator(&t.indicator);
    let value = match t.value {
        Some(TargetValue::Number(n)) => format!("{n}"),
        Some(TargetValue::Done) => "done".into(),
        None => String::new(),
    };
    vec![
        "target".into(),
        r.id.clone(),
        txt(&r.name, "zh"),
        txt(&r.name, "en"),
        t.indicator.clone(),
        ind.map(|i| txt(&i.name, "zh")).unwrap_or_default(),
        ind.map(|i| txt(&i.name, "en")).unwrap_or_default(),
        t.scope.clone().unwrap_or_default(),
        t.year.map(|y| y.to_string()).unwrap_or_default(),
        value,
        unit_of(site, &t.indicator),
        "false".into(),
        t.bound.as_str().into(),
        t.upper.map(|u| format!("{u}")).unwrap_or_default(),
        t.approx.to_string(),
        t.kind.as_str().into(),
        txt(&t.text, "zh"),
        txt(&t.text, "en"),
        t.note.as_ref().map(|n| txt(n, "zh")).unwrap_or_default(),
    ]
}

/// A cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` at the start) gets a
/// leading apostrophe, unless it is a number: opening a download must never run anything.
fn defuse(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && cell.parse::<f64>().is_err();
    if risky { format!("'{cell}").into() } else { cell.into() }
}

/// JSON with `<`, `>` and `&` written as `\u003c`, `\u003e`, `\u0026`: still the same JSON, but
/// harmless even if someone pastes it into a web page. They occur only inside strings.
fn safe_json(v: &serde_json::Value) -> Vec<u8> {
    let text = serde_json::to_string_pretty(v).unwrap_or_default();
    text.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026").into_bytes()
}

fn to_csv(rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::with_capacity(rows.len() * 120 + 200));
    let _ = w.write_record(COLUMNS);
    for r in rows {
        let _ = w.write_record(r.iter().map(|c| defuse(c).into_owned()));
    }
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend(w.into_inner().unwrap_or_default());
    bytes
}

/// Every download file of the site.
pub fn downloads(site: &Site) -> Vec<OutputFile> {
    let mut files = Vec::new();
    let mut all = Vec::new();
    let mut observations = Vec::new();
    let mut targets = Vec::new();
    for r in &site.regions {
        let mut region_rows = Vec::new();
        let mut by_indicator: std::collections::BTreeMap<&str, Vec<Vec<String>>> = std::collections::BTreeMap::new();
        for s in &r.series {
            let mut rows = Vec::new();
            observation_rows(site, r, s, &mut rows);
            for &t in &s.targets {
                rows.push(target_row(site, r, &r.targets[t]));
            }
            for o in &s.observations {
                observations.push(json!({"region": r.id, "indicator": s.indicator, "scope": s.scope, "period": o.period, "value": o.value, "sample": o.sample, "note": o.note, "source": o.source}));
            }
            region_rows.extend(rows.iter().cloned());
            by_indicator.entry(s.indicator.as_str()).or_default().extend(rows);
        }
        for t in &r.targets {
            targets.push(json!({"region": r.id, "indicator": t.indicator, "scope": t.scope, "year": t.year, "value": t.value, "upper": t.upper, "bound": t.bound, "approx": t.approx, "kind": t.kind, "text": t.text}));
        }
        for (ind, rows) in by_indicator {
            files.push(OutputFile { path: path::series_csv(&r.id, ind), bytes: to_csv(&rows) });
        }
        files.push(OutputFile { path: path::region_csv(&r.id), bytes: to_csv(&region_rows) });
        all.extend(region_rows);
    }
    files.push(OutputFile { path: path::ALL_CSV.into(), bytes: to_csv(&all) });
    let json = json!({
        "title": site.config.title,
        "updated": site.config.updated,
        "note": "Values with \"sample\": true are illustrative sample data, not official statistics.",
        "regions": site.regions.iter().map(|r| json!({"id": r.id, "name": r.name, "level": r.level, "parent": r.parent, "plan": r.plan})).collect::<Vec<_>>(),
        "indicators": site.indicators.iter().map(|i| json!({"id": i.id, "name": i.name, "category": i.category, "kind": i.kind, "unit": i.unit.label("en", "zh").0, "decimals": i.decimals, "direction": i.direction, "frequency": i.frequency})).collect::<Vec<_>>(),
        "observations": observations,
        "targets": targets,
    });
    files.push(OutputFile { path: path::ALL_JSON.into(), bytes: safe_json(&json) });
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_numbers_are_not() {
        assert_eq!(defuse("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(defuse("-3.5"), "-3.5");
        assert_eq!(defuse("市卫健委"), "市卫健委");
    }

    #[test]
    fn json_escapes_markup_but_stays_the_same_json() {
        let v = serde_json::json!({"note": "<script>alert(\"x\")</script> & more"});
        let bytes = safe_json(&v);
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(!text.contains('<') && !text.contains('&'));
        assert_eq!(serde_json::from_slice::<serde_json::Value>(&bytes).unwrap(), v);
    }
}

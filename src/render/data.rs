//! Downloads: the data behind the pages, in long format, as CSV (UTF-8 with BOM, so that Excel
//! opens Chinese text correctly) and JSON. One copy serves every language.
//!
//! Each region's CSV is written with the region's pages, each indicator's CSV with the
//! indicator's pages, and the whole-site files `all.csv` and `all.json` are streamed to disk
//! row by row, so a national site never holds its data twice in memory. The key tasks'
//! downloads ([`super::task_data`]) share the helpers here: BOM, defusing, JSON escaping.

use std::cell::RefCell;
use std::io::{self, Write};

use serde::Serialize;

use crate::model::{Indicator, Observation, Region, Series, Site, Target, TargetValue, Text, Value};
use crate::routes;
use crate::sink::OutputFile;

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
    "scope_note",
    "attribute",
    "schedule",
    "released",
];

pub(super) const BOM: &[u8] = &[0xEF, 0xBB, 0xBF];

pub(super) fn txt<'t>(t: &'t Text, lang: &str) -> &'t str {
    t.get(lang).unwrap_or("")
}

/// A cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` at the start) gets a
/// leading apostrophe, unless it is a number: opening a download must never run anything.
pub(super) fn defuse(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_plain_number(cell);
    if risky { format!("'{cell}").into() } else { cell.into() }
}

/// `-3.5`, `+12`: a sign, digits, at most one decimal point. Not `-inf` or `+NaN`, which Rust
/// reads as numbers but a spreadsheet reads as a formula.
fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix(['+', '-']).unwrap_or(cell);
    let mut parts = digits.splitn(2, '.');
    let whole = parts.next().unwrap_or("");
    let fraction = parts.next();
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

/// The CSV rows of one region's series: the observations, then the targets set for it.
struct Rows<'a> {
    site: &'a Site,
    region: &'a Region,
    series: &'a Series,
    indicator: Option<&'a Indicator>,
    unit: String,
}

impl<'a> Rows<'a> {
    fn new(site: &'a Site, region: &'a Region, series: &'a Series) -> Self {
        let indicator = site.indicator(&series.indicator);
        let unit = indicator.map(|i| i.unit.label("en", "zh").0).unwrap_or_default();
        Rows { site, region, series, indicator, unit }
    }

    fn write(&self, w: &mut csv::Writer<Shared>, out: &RefCell<Vec<u8>>) -> csv::Result<()> {
        // The first columns are the same in every observation row of the series: encoded once,
        // and put in straight after what the writer has written so far.
        let head = self.observation_head()?;
        for o in &self.series.observations {
            w.flush()?;
            out.borrow_mut().extend_from_slice(&head);
            self.observation(w, o)?;
        }
        for &t in &self.series.targets {
            self.target(w, &self.region.targets[t])?;
        }
        Ok(())
    }

    /// The columns every row starts with: record, region, its names, indicator, its names, scope.
    fn head<W: Write>(
        &self,
        w: &mut csv::Writer<W>,
        record: &str,
        indicator: &str,
        scope: Option<&str>,
    ) -> csv::Result<()> {
        let name = |lang| self.indicator.map_or("", |i| txt(&i.name, lang));
        for cell in [
            record,
            &self.region.id,
            txt(&self.region.name, "zh"),
            txt(&self.region.name, "en"),
            indicator,
            name("zh"),
            name("en"),
            scope.unwrap_or(""),
        ] {
            w.write_field(defuse(cell).as_bytes())?;
        }
        Ok(())
    }

    /// The cells [`Rows::head`] writes for an observation, CSV-encoded, with the comma after them.
    fn observation_head(&self) -> csv::Result<Vec<u8>> {
        // A small buffer: the writer's default (8 KiB, zeroed) costs more than the cells.
        let mut w = csv_builder().buffer_capacity(512).from_writer(Vec::with_capacity(256));
        self.head(&mut w, "observation", &self.series.indicator, self.series.scope.as_deref())?;
        w.write_record(None::<&[u8]>)?;
        let mut bytes = w.into_inner().map_err(|e| csv::Error::from(e.into_error()))?;
        // The record ends with CRLF; the row goes on after a comma instead.
        if bytes.ends_with(b"\r\n") {
            bytes.truncate(bytes.len() - 2);
        }
        bytes.push(b',');
        Ok(bytes)
    }

    /// An observation row after its head (written by the caller, see [`Rows::write`]).
    fn observation<W: Write>(&self, w: &mut csv::Writer<W>, o: &Observation) -> csv::Result<()> {
        let value = match o.value {
            Value::Number(n) => format!("{n}"),
            Value::State(st) => st.as_str().to_string(),
        };
        let note = o.note.as_ref().map_or("", |n| txt(n, "zh"));
        let period = o.period.to_string();
        for cell in [period.as_str(), &value] {
            w.write_field(cell)?;
        }
        // A unit is free text, and may look like a formula.
        w.write_field(defuse(&self.unit).as_bytes())?;
        w.write_field(if o.sample { "true" } else { "false" })?;
        for _ in 0..6 {
            w.write_field("")?;
        }
        w.write_field(defuse(note).as_bytes())?;
        // A target's scope note and its columns of the plan's table.
        for _ in 0..3 {
            w.write_field("")?;
        }
        match o.released {
            Some(d) => w.write_field(d.text().as_bytes())?,
            None => w.write_field("")?,
        }
        w.write_record(None::<&[u8]>)
    }

    fn target<W: Write>(&self, w: &mut csv::Writer<W>, t: &Target) -> csv::Result<()> {
        let _ = self.site;
        self.head(w, "target", &t.indicator, t.scope.as_deref())?;
        let value = match t.value {
            Some(TargetValue::Number(n)) => format!("{n}"),
            Some(TargetValue::Done) => "done".into(),
            None => String::new(),
        };
        let year = t.year.map(|y| y.to_string()).unwrap_or_default();
        let upper = t.upper.map(|u| format!("{u}")).unwrap_or_default();
        w.write_field(&year)?;
        w.write_field(&value)?;
        w.write_field(defuse(&self.unit).as_bytes())?;
        for cell in ["false", t.bound.as_str(), &upper, if t.approx { "true" } else { "false" }, t.kind.as_str()] {
            w.write_field(cell)?;
        }
        fn zh(t: &Option<Text>) -> &str {
            t.as_ref().map_or("", |n| txt(n, "zh"))
        }
        for cell in
            [txt(&t.text, "zh"), txt(&t.text, "en"), zh(&t.note), zh(&t.scope_note), zh(&t.attribute), zh(&t.schedule)]
        {
            w.write_field(defuse(cell).as_bytes())?;
        }
        // A target is not released: it is the plan's.
        w.write_field("")?;
        w.write_record(None::<&[u8]>)
    }
}

/// How every CSV download is written: rows end with CRLF (what spreadsheets expect).
pub(super) fn csv_builder() -> csv::WriterBuilder {
    let mut builder = csv::WriterBuilder::new();
    builder.terminator(csv::Terminator::CRLF);
    builder
}

fn csv_writer<W: Write>(w: W) -> csv::Writer<W> {
    csv_builder().from_writer(w)
}

/// What every CSV download starts with: the BOM and the header row.
pub(super) fn csv_head() -> Vec<u8> {
    let mut bytes = BOM.to_vec();
    {
        let mut w = csv_writer(&mut bytes);
        // Writing into memory cannot fail.
        let _ = w.write_record(COLUMNS).and_then(|()| Ok(w.flush()?));
    }
    bytes
}

/// The CSV rows of one region: every series, or only one indicator's; observations then
/// targets, series by series.
pub(super) fn csv_rows(site: &Site, region: &Region, indicator: Option<&str>) -> Vec<u8> {
    let bytes = RefCell::new(Vec::with_capacity(4 * 1024));
    {
        // Flexible: an observation row's first cells go in as bytes (`Rows::write`), so the
        // writer sees fewer fields in those rows than in a target's.
        let mut w = csv_builder().flexible(true).from_writer(Shared(&bytes));
        let wanted = region.series.iter().filter(|s| indicator.is_none_or(|i| s.indicator == i));
        // Writing into memory cannot fail.
        let _ = wanted.map(|s| Rows::new(site, region, s)).try_for_each(|rows| rows.write(&mut w, &bytes));
        let _ = w.flush();
    }
    bytes.into_inner()
}

/// Writes into a buffer that others may write into too, between the CSV writer's flushes.
struct Shared<'a>(&'a RefCell<Vec<u8>>);

impl Write for Shared<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The CSV of one region: every series, observations then targets.
pub fn region_csv(site: &Site, region: &Region) -> OutputFile {
    let mut bytes = csv_head();
    bytes.extend(csv_rows(site, region, None));
    OutputFile { path: routes::region_csv(&region.id), bytes }
}

/// The pieces of `all.json` that do not come from one region: the text before the regions,
/// between the regions and the observations, between the observations and the targets, and
/// after the targets.
pub(super) fn json_pieces(site: &Site) -> [Vec<u8>; 4] {
    let mut head = b"{".to_vec();
    json_entry(&mut head, "title", &site.config.title);
    head.push(b',');
    json_entry(&mut head, "updated", &site.config.updated);
    head.push(b',');
    json_entry(
        &mut head,
        "note",
        &"Values with \"sample\": true are illustrative sample data, not official statistics.",
    );
    head.extend(b",\"regions\":[");
    let mut middle = b"],".to_vec();
    let indicators: Vec<IndicatorJson> = site
        .indicators
        .iter()
        .map(|i| IndicatorJson {
            id: &i.id,
            name: &i.name,
            category: &i.category,
            kind: &i.kind,
            unit: i.unit.label("en", "zh").0,
            decimals: i.decimals,
            direction: &i.direction,
            frequency: &i.frequency,
        })
        .collect();
    json_entry(&mut middle, "indicators", &indicators);
    middle.extend(b",\"observations\":[");
    [head, middle, b"],\"targets\":[".to_vec(), b"]}".to_vec()]
}

/// The elements one region adds to array `k` of `all.json` (0: its entry in `regions`, 1: its
/// observations, 2: its targets), each element after a comma.
pub(super) fn json_part(region: &Region, k: usize) -> Vec<u8> {
    let r = region;
    let mut out = Vec::with_capacity(4 * 1024);
    match k {
        0 => json_element(
            &mut out,
            &RegionJson { id: &r.id, name: &r.name, level: &r.level, parent: &r.parent, plan: &r.plan },
        ),
        1 => {
            for s in &r.series {
                for o in &s.observations {
                    let o = ObservationJson {
                        region: &r.id,
                        indicator: &s.indicator,
                        scope: &s.scope,
                        period: &o.period,
                        value: &o.value,
                        sample: o.sample,
                        note: &o.note,
                        source: &o.source,
                        released: o.released,
                    };
                    json_element(&mut out, &o);
                }
            }
        }
        _ => {
            for t in &r.targets {
                let t = TargetJson {
                    region: &r.id,
                    indicator: &t.indicator,
                    scope: &t.scope,
                    year: t.year,
                    value: &t.value,
                    upper: t.upper,
                    bound: &t.bound,
                    approx: t.approx,
                    kind: &t.kind,
                    text: &t.text,
                    scope_note: &t.scope_note,
                    attribute: &t.attribute,
                    schedule: &t.schedule,
                };
                json_element(&mut out, &t);
            }
        }
    }
    out
}

/// `"key":value`, as `all.json` writes it.
pub(super) fn json_entry<T: Serialize + ?Sized>(out: &mut Vec<u8>, key: &str, value: &T) {
    json_value(out, key);
    out.push(b':');
    json_value(out, value);
}

/// `,value`: one element of an array.
pub(super) fn json_element<T: Serialize>(out: &mut Vec<u8>, value: &T) {
    out.push(b',');
    json_value(out, value);
}

fn json_value<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    // Serialising plain data into memory does not fail.
    let _ = value.serialize(&mut serde_json::Serializer::with_formatter(&mut *out, SafeFormatter));
}

#[derive(Serialize)]
struct RegionJson<'a> {
    id: &'a str,
    name: &'a Text,
    level: &'a crate::vocab::Level,
    parent: &'a Option<String>,
    plan: &'a Option<crate::model::Plan>,
}

#[derive(Serialize)]
struct IndicatorJson<'a> {
    id: &'a str,
    name: &'a Text,
    category: &'a str,
    kind: &'a crate::vocab::Kind,
    unit: String,
    decimals: u8,
    direction: &'a crate::vocab::Direction,
    frequency: &'a crate::vocab::Frequency,
}

#[derive(Serialize)]
struct ObservationJson<'a> {
    region: &'a str,
    indicator: &'a str,
    scope: &'a Option<String>,
    period: &'a crate::model::Period,
    value: &'a Value,
    sample: bool,
    note: &'a Option<Text>,
    source: &'a Option<Text>,
    released: Option<crate::model::Date>,
}

#[derive(Serialize)]
struct TargetJson<'a> {
    region: &'a str,
    indicator: &'a str,
    scope: &'a Option<String>,
    year: Option<i32>,
    value: &'a Option<TargetValue>,
    upper: Option<f64>,
    bound: &'a crate::vocab::Bound,
    approx: bool,
    kind: &'a crate::vocab::TargetKind,
    text: &'a Text,
    /// Left out where the target has none (most have none: a national site's `all.json` would
    /// carry megabytes of `null`s).
    #[serde(skip_serializing_if = "Option::is_none")]
    scope_note: &'a Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    attribute: &'a Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    schedule: &'a Option<Text>,
}

/// A JSON formatter that writes `<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026`: still the same
/// JSON, but harmless even if someone pastes it into a web page. They occur only inside strings.
struct SafeFormatter;

impl serde_json::ser::Formatter for SafeFormatter {
    fn write_string_fragment<W: ?Sized + Write>(&mut self, w: &mut W, fragment: &str) -> io::Result<()> {
        let mut start = 0;
        for (i, b) in fragment.bytes().enumerate() {
            let escaped: &[u8] = match b {
                b'<' => b"\\u003c",
                b'>' => b"\\u003e",
                b'&' => b"\\u0026",
                _ => continue,
            };
            w.write_all(&fragment.as_bytes()[start..i])?;
            w.write_all(escaped)?;
            start = i + 1;
        }
        w.write_all(&fragment.as_bytes()[start..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_numbers_are_not() {
        assert_eq!(defuse("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(defuse("-3.5"), "-3.5");
        assert_eq!(defuse("+12"), "+12");
        assert_eq!(defuse("-inf"), "'-inf");
        assert_eq!(defuse("+NaN"), "'+NaN");
        assert_eq!(defuse("-1."), "'-1.");
        assert_eq!(defuse("市卫健委"), "市卫健委");
    }

    #[test]
    fn json_escapes_markup_but_stays_the_same_json() {
        let v = serde_json::json!({"note": "<script>alert(\"x\")</script> & more", "n": [1, 2.5]});
        let mut bytes = Vec::new();
        v.serialize(&mut serde_json::Serializer::with_formatter(&mut bytes, SafeFormatter)).unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(!text.contains('<') && !text.contains('&') && !text.contains('>'), "{text}");
        assert_eq!(serde_json::from_slice::<serde_json::Value>(&bytes).unwrap(), v);
    }
}

//! Integration tests of the downloads (`data/`): the region CSVs, the indicator CSVs, `all.csv`
//! and `all.json` agree with each other and with the input files, and so do the task files
//! (`tasks.csv`, `tasks.json`, `tasks/<region>.csv` and `.json`); every page's download link
//! resolves, and every CSV is Excel-friendly and formula-free.
//!
//! Expected values are computed from `content/` and from the other downloads, never from the
//! code under test. The same checks run on the bundled site and on a small site derived from
//! `gongkai init` whose texts look like spreadsheet formulas or markup.
//!
//! The last two tests reproduced bugs found while writing these tests (both fixed).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The published header of every CSV download (the download format's contract).
const COLUMNS: [&str; 23] = [
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
// Column positions used below.
const RECORD: usize = 0;
const REGION: usize = 1;
const REGION_NAME_ZH: usize = 2;
const INDICATOR: usize = 4;
const SCOPE: usize = 7;
const PERIOD: usize = 8;
const VALUE: usize = 9;
const SAMPLE: usize = 11;
const BOUND: usize = 12;
const UPPER: usize = 13;
const APPROX: usize = 14;
const TARGET_KIND: usize = 15;
const TEXT_ZH: usize = 16;
const TEXT_EN: usize = 17;
const NOTE: usize = 18;
const SCOPE_NOTE: usize = 19;
const ATTRIBUTE: usize = 20;
const SCHEDULE: usize = 21;

/// The published header of every task CSV.
const TASK_COLUMNS: [&str; 21] = [
    "region",
    "region_name_zh",
    "region_name_en",
    "task",
    "number",
    "section_zh",
    "title_zh",
    "title_en",
    "detail_zh",
    "text_zh",
    "lead_units_zh",
    "responsible_units_zh",
    "partner_units_zh",
    "deadline",
    "deadline_text_zh",
    "status",
    "progress_zh",
    "updated",
    "sample",
    "plan_anchor",
    "plan_url",
];
// Task column positions used below.
const T_REGION: usize = 0;
const T_REGION_NAME_ZH: usize = 1;
const T_TASK: usize = 3;
const T_NUMBER: usize = 4;
const T_SECTION_ZH: usize = 5;
const T_TITLE_ZH: usize = 6;
const T_TITLE_EN: usize = 7;
const T_DETAIL_ZH: usize = 8;
const T_LEAD: usize = 10;
const T_RESPONSIBLE: usize = 11;
const T_PARTNERS: usize = 12;
const T_DEADLINE: usize = 13;
const T_DEADLINE_TEXT_ZH: usize = 14;
const T_STATUS: usize = 15;
const T_PROGRESS_ZH: usize = 16;
const T_UPDATED: usize = 17;
const T_SAMPLE: usize = 18;
const T_PLAN_ANCHOR: usize = 19;
const T_PLAN_URL: usize = 20;

const BOM: char = '\u{feff}';

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run `gongkai build` on the site folder `site_root`, writing to `out`.
fn build(site_root: &Path, out: &Path) {
    let output = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "en")
        .args(["build", "--root"])
        .arg(site_root)
        .arg("--output")
        .arg(out)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "build of {} failed:\n{}",
        site_root.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The bundled site, built once into a temporary folder.
fn bundled() -> &'static Path {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &SITE
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let out = dir.path().join("public");
            build(&root(), &out);
            (dir, out)
        })
        .1
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn yaml(path: &Path) -> serde_yaml::Value {
    serde_yaml::from_str(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every file under `dir` (recursively) whose name ends with `suffix`.
fn files_under(dir: &Path, suffix: &str, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files_under(&p, suffix, out);
        } else if p.to_string_lossy().ends_with(suffix) {
            out.push(p);
        }
    }
}

/// The output path of `p` inside the site `site`, with `/` separators.
fn rel_path(site: &Path, p: &Path) -> String {
    p.strip_prefix(site).unwrap().to_string_lossy().replace('\\', "/")
}

/// A CSV download, parsed: its header and its data rows.
struct CsvFile {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

/// The text of a CSV download without its BOM (asserting that there is one, and only one).
fn csv_text(path: &Path) -> String {
    let text = read(path);
    let body =
        text.strip_prefix(BOM).unwrap_or_else(|| panic!("{}: does not start with the UTF-8 BOM", path.display()));
    assert!(!body.contains(BOM), "{}: a second BOM inside the file", path.display());
    body.to_string()
}

fn load_csv(path: &Path) -> CsvFile {
    let text = csv_text(path);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
    let mut records = reader
        .records()
        .map(|r| r.unwrap_or_else(|e| panic!("{}: {e}", path.display())).iter().map(String::from).collect::<Vec<_>>());
    let header = records.next().unwrap_or_else(|| panic!("{}: empty", path.display()));
    CsvFile { header, rows: records.collect() }
}

/// Split a CSV text (BOM removed) into its header line (with its CRLF) and the data after it.
fn split_header<'a>(text: &'a str, name: &str) -> (&'a str, &'a str) {
    let end = text.find("\r\n").unwrap_or_else(|| panic!("{name}: no CRLF after the header"));
    text.split_at(end + 2)
}

/// The first line where two texts differ, for readable failures.
fn first_difference(a: &str, b: &str) -> String {
    let (la, lb): (Vec<&str>, Vec<&str>) = (a.split("\r\n").collect(), b.split("\r\n").collect());
    for i in 0..la.len().max(lb.len()) {
        if la.get(i) != lb.get(i) {
            return format!("line {}:\n  got:      {:?}\n  expected: {:?}", i + 1, la.get(i), lb.get(i));
        }
    }
    "no line differs (line ends differ?)".into()
}

/// Regions in tree order, computed from the `parent` fields: roots by id, each followed by its
/// children (by id), depth first.
fn region_order(content: &Path) -> Vec<String> {
    let mut parents: BTreeMap<String, Option<String>> = BTreeMap::new();
    for e in std::fs::read_dir(content.join("regions")).unwrap().flatten() {
        let file = e.path().join("region.yaml");
        if file.is_file() {
            let parent = yaml(&file).get("parent").and_then(|p| p.as_str()).map(String::from);
            parents.insert(e.file_name().to_string_lossy().into_owned(), parent);
        }
    }
    let mut children: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut roots = Vec::new();
    for (id, parent) in &parents {
        match parent.as_deref().filter(|p| parents.contains_key(*p)) {
            Some(p) => children.entry(p).or_default().push(id),
            None => roots.push(id.as_str()),
        }
    }
    fn visit(id: &str, children: &BTreeMap<&str, Vec<&str>>, out: &mut Vec<String>) {
        out.push(id.to_string());
        for kid in children.get(id).into_iter().flatten() {
            visit(kid, children, out);
        }
    }
    let mut order = Vec::new();
    for r in roots {
        visit(r, &children, &mut order);
    }
    order
}

fn indicator_ids(content: &Path) -> BTreeSet<String> {
    std::fs::read_dir(content.join("indicators"))
        .unwrap()
        .flatten()
        .filter_map(|e| e.file_name().to_string_lossy().strip_suffix(".yaml").map(String::from))
        .collect()
}

/// A number as a spreadsheet reads it: optional sign, digits with an optional decimal point,
/// optional exponent. (Not `inf` or `NaN`: a spreadsheet reads those as names in a formula.)
fn is_plain_number(s: &str) -> bool {
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let digits = mantissa.chars().filter(char::is_ascii_digit).count();
    let mantissa_ok = digits > 0
        && mantissa.chars().all(|c| c.is_ascii_digit() || c == '.')
        && mantissa.chars().filter(|&c| c == '.').count() <= 1;
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && e.chars().all(|c| c.is_ascii_digit())
    });
    mantissa_ok && exponent_ok
}

/// A cell a spreadsheet would run as a formula.
fn looks_like_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_plain_number(cell)
}

/// `csv` is the CSV cell of the text `original`: the same, or defused with a leading `'`.
fn same_text(csv: &str, original: &str) -> bool {
    csv == original || (looks_like_formula(original) && csv.strip_prefix('\'') == Some(original))
}

// ---------------------------------------------------------------------------------------------
// The checks, each usable on any built site.
// ---------------------------------------------------------------------------------------------

/// Check 1: `all.csv` is the header once, then the data of every region CSV, in region order, byte
/// for byte; there is one region CSV per region and each holds only its own region's rows.
fn check_all_csv_is_region_csvs_concatenated(site: &Path, content: &Path) {
    let order = region_order(content);
    assert!(!order.is_empty());
    let mut listed = Vec::new();
    files_under(&site.join("data/regions"), "", &mut listed);
    let listed: BTreeSet<String> = listed.iter().map(|p| rel_path(site, p)).collect();
    let expected: BTreeSet<String> = order.iter().map(|id| format!("data/regions/{id}.csv")).collect();
    assert_eq!(listed, expected, "the files under data/regions/ are exactly one CSV per region");

    let all_text = csv_text(&site.join("data/all.csv"));
    let (all_header, all_body) = split_header(&all_text, "all.csv");
    assert_eq!(all_header, format!("{}\r\n", COLUMNS.join(",")), "all.csv header");
    let mut concatenated = String::new();
    for id in &order {
        let path = site.join(format!("data/regions/{id}.csv"));
        let text = csv_text(&path);
        let (header, body) = split_header(&text, &path.display().to_string());
        assert_eq!(header, all_header, "{id}.csv has the same header as all.csv");
        concatenated.push_str(body);
        for row in load_csv(&path).rows {
            assert_eq!(row[REGION], *id, "{id}.csv holds a row of another region: {row:?}");
        }
    }
    assert!(
        all_body == concatenated,
        "all.csv is not the region CSVs in region order {order:?}; first difference at data {}",
        first_difference(all_body, &concatenated)
    );
}

/// Check 2: Each indicator CSV holds exactly the rows of `all.csv` for that indicator, in the same
/// order; every indicator with a row anywhere has one; none is for an unknown indicator.
fn check_indicator_csvs_are_all_csv_filtered(site: &Path, content: &Path) -> usize {
    let all = load_csv(&site.join("data/all.csv"));
    let known = indicator_ids(content);
    let used: BTreeSet<&str> = all.rows.iter().map(|r| r[INDICATOR].as_str()).collect();
    for ind in &used {
        assert!(known.contains(*ind), "all.csv has rows for `{ind}`, which has no content/indicators/{ind}.yaml");
        assert!(site.join(format!("data/indicators/{ind}.csv")).is_file(), "no data/indicators/{ind}.csv");
    }
    let mut files = Vec::new();
    files_under(&site.join("data/indicators"), "", &mut files);
    let mut compared = 0;
    for f in &files {
        let name = rel_path(site, f);
        let id = name
            .strip_prefix("data/indicators/")
            .and_then(|n| n.strip_suffix(".csv"))
            .filter(|n| !n.contains('/'))
            .unwrap_or_else(|| panic!("unexpected file {name}"));
        assert!(known.contains(id), "{name}: no such indicator");
        let csv = load_csv(f);
        assert_eq!(csv.header, COLUMNS, "{name} header");
        let expected: Vec<&Vec<String>> = all.rows.iter().filter(|r| r[INDICATOR] == id).collect();
        let got: Vec<&Vec<String>> = csv.rows.iter().collect();
        if got != expected {
            let i = got.iter().zip(&expected).position(|(a, b)| a != b).unwrap_or(got.len().min(expected.len()));
            panic!(
                "{name}: {} rows, all.csv has {} for `{id}`; first difference at row {}:\n  got:      {:?}\n  expected: {:?}",
                got.len(),
                expected.len(),
                i + 1,
                got.get(i),
                expected.get(i)
            );
        }
        compared += got.len();
    }
    compared
}

fn json_text(v: &serde_json::Value, lang: &str) -> String {
    v.get(lang).and_then(|s| s.as_str()).unwrap_or("").to_string()
}

/// A number as the CSV writes it: Rust's `{}` for an f64.
fn json_number(v: &serde_json::Value) -> String {
    format!("{}", v.as_f64().unwrap_or_else(|| panic!("not a number: {v}")))
}

/// Check 3: `all.json` parses, escapes markup characters, lists regions in region order, and holds
/// exactly the observations (same order, same values) and targets of `all.csv`.
fn check_json_matches_csv(site: &Path, content: &Path) -> (usize, usize) {
    let raw = std::fs::read(site.join("data/all.json")).unwrap();
    for bad in [b'<', b'>', b'&'] {
        if let Some(i) = raw.iter().position(|&b| b == bad) {
            let from = i.saturating_sub(60);
            panic!(
                "all.json has a raw `{}` at byte {i}: …{}…",
                bad as char,
                String::from_utf8_lossy(&raw[from..(i + 60).min(raw.len())])
            );
        }
    }
    let json: serde_json::Value = serde_json::from_slice(&raw).expect("all.json parses as JSON");
    let regions: Vec<&str> =
        json["regions"].as_array().expect("regions").iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(regions, region_order(content), "all.json regions in region order");

    let all = load_csv(&site.join("data/all.csv"));
    for row in &all.rows {
        assert!(row[RECORD] == "observation" || row[RECORD] == "target", "all.csv: record {:?}", row[RECORD]);
    }
    let obs_rows: Vec<&Vec<String>> = all.rows.iter().filter(|r| r[RECORD] == "observation").collect();
    let target_rows: Vec<&Vec<String>> = all.rows.iter().filter(|r| r[RECORD] == "target").collect();
    let observations = json["observations"].as_array().expect("observations");
    let targets = json["targets"].as_array().expect("targets");
    assert_eq!(observations.len(), obs_rows.len(), "observations in all.json vs observation rows in all.csv");
    assert_eq!(targets.len(), target_rows.len(), "targets in all.json vs target rows in all.csv");

    for (i, (o, row)) in observations.iter().zip(&obs_rows).enumerate() {
        let value = match &o["value"] {
            serde_json::Value::Object(m) if m.contains_key("number") => json_number(&m["number"]),
            serde_json::Value::Object(m) if m.contains_key("state") => m["state"].as_str().unwrap().to_string(),
            other => panic!("observation {i}: value {other}"),
        };
        let expected = [
            o["region"].as_str().unwrap().to_string(),
            o["indicator"].as_str().unwrap().to_string(),
            o["scope"].as_str().unwrap_or("").to_string(),
            o["period"].as_str().unwrap().to_string(),
            value,
            o["sample"].as_bool().unwrap().to_string(),
        ];
        let got = [&row[REGION], &row[INDICATOR], &row[SCOPE], &row[PERIOD], &row[VALUE], &row[SAMPLE]];
        assert!(got.iter().zip(&expected).all(|(a, b)| *a == b), "observation {i}: json {expected:?}, csv {got:?}");
        let note = json_text(&o["note"], "zh");
        assert!(same_text(&row[NOTE], &note), "observation {i}: note {note:?} in json, {:?} in csv", row[NOTE]);
    }

    // Targets: the same multiset (the CSV groups them by series, the JSON by region).
    let json_targets: Vec<Vec<String>> = targets
        .iter()
        .map(|t| {
            let value = match &t["value"] {
                serde_json::Value::Null => String::new(),
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Object(m) => json_number(&m["number"]),
                other => panic!("target value {other}"),
            };
            vec![
                t["region"].as_str().unwrap().to_string(),
                t["indicator"].as_str().unwrap().to_string(),
                t["scope"].as_str().unwrap_or("").to_string(),
                t["year"].as_i64().map(|y| y.to_string()).unwrap_or_default(),
                value,
                t["bound"].as_str().unwrap().to_string(),
                if t["upper"].is_null() { String::new() } else { json_number(&t["upper"]) },
                t["approx"].as_bool().unwrap().to_string(),
                t["kind"].as_str().unwrap().to_string(),
                json_text(&t["text"], "zh"),
                json_text(&t["text"], "en"),
                json_text(&t["scope_note"], "zh"),
                json_text(&t["attribute"], "zh"),
                json_text(&t["schedule"], "zh"),
            ]
        })
        .collect();
    let mut csv_targets: Vec<Vec<String>> = target_rows
        .iter()
        .map(|r| {
            let mut v: Vec<String> = [REGION, INDICATOR, SCOPE, PERIOD, VALUE, BOUND, UPPER, APPROX, TARGET_KIND]
                .iter()
                .map(|&c| r[c].clone())
                .collect();
            for c in [TEXT_ZH, TEXT_EN, SCOPE_NOTE, ATTRIBUTE, SCHEDULE] {
                v.push(r[c].clone());
            }
            v
        })
        .collect();
    // Undo defusing where the JSON text is formula-looking, so that the two compare.
    let mut json_sorted = json_targets.clone();
    json_sorted.sort();
    for t in &mut csv_targets {
        for cell in &mut t[9..] {
            if let Some(rest) = cell.strip_prefix('\'')
                && looks_like_formula(rest)
            {
                *cell = rest.to_string();
            }
        }
    }
    csv_targets.sort();
    if csv_targets != json_sorted {
        let missing: Vec<_> = json_sorted.iter().filter(|t| !csv_targets.contains(t)).take(3).collect();
        let extra: Vec<_> = csv_targets.iter().filter(|t| !json_sorted.contains(t)).take(3).collect();
        panic!("targets differ between all.json and all.csv; only in json: {missing:?}; only in csv: {extra:?}");
    }
    (observations.len(), targets.len())
}

/// A value as written in the input: a number or a word (`done`, `in_progress`, ...).
#[derive(Debug, Clone, PartialEq)]
enum InValue {
    Number(f64),
    Word(String),
}

type ObsKey = (String, String, String, String); // region, indicator, scope, period

fn period_of(v: &serde_yaml::Value) -> String {
    v.as_i64().map(|y| y.to_string()).or_else(|| v.as_str().map(String::from)).unwrap_or_else(|| panic!("period {v:?}"))
}

fn value_of(v: &serde_yaml::Value) -> InValue {
    match v {
        serde_yaml::Value::Number(n) => InValue::Number(n.as_f64().unwrap()),
        serde_yaml::Value::String(s) => InValue::Word(s.clone()),
        other => panic!("value {other:?}"),
    }
}

/// Every observation of the input, read straight from `data.yaml` and `data.csv`.
fn input_observations(content: &Path) -> Vec<(ObsKey, InValue, bool)> {
    let mut out = Vec::new();
    for region in region_order(content) {
        let dir = content.join("regions").join(&region);
        let data_yaml = dir.join("data.yaml");
        if data_yaml.is_file() {
            for e in yaml(&data_yaml).as_sequence().expect("data.yaml is a list") {
                let indicator = e["indicator"].as_str().unwrap().to_string();
                let scope = e.get("scope").and_then(|s| s.as_str()).unwrap_or("").to_string();
                let sample = e.get("sample").and_then(|s| s.as_bool()).unwrap_or(false);
                let key = |period: String| (region.clone(), indicator.clone(), scope.clone(), period);
                if let Some(values) = e.get("values") {
                    for (p, v) in values.as_mapping().expect("values is a mapping") {
                        out.push((key(period_of(p)), value_of(v), sample));
                    }
                } else {
                    out.push((key(period_of(&e["period"])), value_of(&e["value"]), sample));
                }
            }
        }
        let data_csv = dir.join("data.csv");
        if data_csv.is_file() {
            let text = read(&data_csv);
            let text = text.strip_prefix(BOM).unwrap_or(&text);
            let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
            let header: Vec<String> = reader.headers().unwrap().iter().map(|h| h.trim().to_string()).collect();
            let col = |name: &str| header.iter().position(|h| h == name);
            for rec in reader.records() {
                let rec = rec.unwrap();
                if rec.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                let cell = |i: Option<usize>| i.and_then(|i| rec.get(i)).unwrap_or("").trim().to_string();
                let v = cell(col("value"));
                let value = v.parse::<f64>().map(InValue::Number).unwrap_or(InValue::Word(v));
                let sample = matches!(cell(col("sample")).as_str(), "true" | "yes" | "1");
                let key = (region.clone(), cell(col("indicator")), cell(col("scope")), cell(col("period")));
                out.push((key, value, sample));
            }
        }
    }
    out
}

/// Check 4: The observation rows of `all.csv` are exactly the observations of the input files.
fn check_observations_equal_input(site: &Path, content: &Path) -> usize {
    let input = input_observations(content);
    let all = load_csv(&site.join("data/all.csv"));
    let rows: Vec<&Vec<String>> = all.rows.iter().filter(|r| r[RECORD] == "observation").collect();
    assert_eq!(rows.len(), input.len(), "observation rows in all.csv vs values in content/regions/*/data.*");
    let mut expected: BTreeMap<ObsKey, (InValue, bool)> = BTreeMap::new();
    for (key, value, sample) in input {
        assert!(expected.insert(key.clone(), (value, sample)).is_none(), "input has {key:?} twice");
    }
    for r in rows {
        let key = (r[REGION].clone(), r[INDICATOR].clone(), r[SCOPE].clone(), r[PERIOD].clone());
        let (value, sample) =
            expected.remove(&key).unwrap_or_else(|| panic!("all.csv has {key:?}, the input does not"));
        match value {
            InValue::Number(n) => {
                assert_eq!(r[VALUE], format!("{n}"), "{key:?}: value");
                assert_eq!(r[VALUE].parse::<f64>().ok(), Some(n), "{key:?}: value");
            }
            InValue::Word(w) => assert_eq!(r[VALUE], w, "{key:?}: value"),
        }
        assert_eq!(r[SAMPLE], sample.to_string(), "{key:?}: sample flag");
    }
    assert!(expected.is_empty(), "not in all.csv: {:?}", expected.keys().take(5).collect::<Vec<_>>());
    all.rows.iter().filter(|r| r[RECORD] == "observation").count()
}

/// Every `href="…"` of a page that points into `data/`.
fn data_hrefs(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("href=\"") {
        let after = &rest[i + 6..];
        let end = after.find('"').unwrap_or(after.len());
        let href = after[..end].replace("&amp;", "&");
        if href.contains("data/") {
            out.push(href);
        }
        rest = &after[end..];
    }
    out
}

/// The output path a relative `href` on the page at output path `page` points to, or `None`
/// when it climbs out of the site.
fn resolve(page: &str, href: &str) -> Option<String> {
    let target = href.split(['#', '?']).next().unwrap_or("");
    let mut parts: Vec<&str> = if let Some(abs) = target.strip_prefix('/') {
        return resolve("index.html", abs);
    } else {
        page.split('/').collect()
    };
    parts.pop();
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// Check 5: Every link into `data/` resolves to a file of the output; series, region and indicator
/// pages link their own downloads; no page (and no file) uses the removed per-series CSV path.
fn check_data_links(site: &Path) -> usize {
    let mut pages = Vec::new();
    files_under(site, ".html", &mut pages);
    let mut broken = Vec::new();
    let mut checked = 0;
    for page in &pages {
        let name = rel_path(site, page);
        let html = read(page);
        let mut targets = BTreeSet::new();
        for href in data_hrefs(&html) {
            if href.starts_with("http://") || href.starts_with("https://") {
                continue;
            }
            checked += 1;
            let resolved = resolve(&name, &href);
            if let Some(t) = &resolved {
                let parts: Vec<&str> = t.split('/').collect();
                assert!(
                    !(parts.len() > 3 && parts[0] == "data" && parts[1] == "regions"),
                    "{name}: link {href} uses the removed per-series CSV path data/regions/<region>/<indicator>.csv"
                );
            }
            match resolved {
                Some(t) if site.join(&t).is_file() => {
                    targets.insert(t);
                }
                _ => broken.push(format!("{name} -> {href}")),
            }
        }
        if name.ends_with("404.html") {
            continue;
        }
        // What this page must link, from its own address.
        let path = name.strip_prefix("en/").unwrap_or(&name);
        let parts: Vec<&str> = path.split('/').collect();
        let mut expected: Vec<String> =
            ["data/all.csv", "data/all.json", "data/tasks.csv", "data/tasks.json"].map(String::from).into();
        match parts.as_slice() {
            // A region without series shows no indicator table, and so no download link.
            ["regions", region, "index.html"]
                if !load_csv(&site.join(format!("data/regions/{region}.csv"))).rows.is_empty() =>
            {
                expected.push(format!("data/regions/{region}.csv"))
            }
            ["regions", region, "plan", "index.html"] => expected.push(format!("data/plans/{region}.zh.md")),
            ["regions", region, "tasks", "index.html"] => {
                expected.push(format!("data/tasks/{region}.csv"));
                expected.push(format!("data/tasks/{region}.json"));
            }
            ["regions", region, ind, "index.html"] if *ind != "tasks" => {
                expected.push(format!("data/regions/{region}.csv"));
                expected.push(format!("data/indicators/{ind}.csv"));
            }
            ["indicators", ind, "index.html"] => expected.push(format!("data/indicators/{ind}.csv")),
            _ => {}
        }
        for e in expected {
            assert!(targets.contains(&e), "{name} does not link {e} (links {targets:?})");
        }
    }
    assert!(
        broken.is_empty(),
        "{} links into data/ do not resolve, e.g.:\n{}",
        broken.len(),
        broken.iter().take(20).cloned().collect::<Vec<_>>().join("\n")
    );
    let mut data_files = Vec::new();
    files_under(&site.join("data"), "", &mut data_files);
    for f in &data_files {
        let name = rel_path(site, f);
        assert!(name.matches('/').count() <= 2, "{name}: a file at the removed per-series path (or deeper)");
    }
    checked
}

/// Problems with a CSV file's bytes: BOM, line ends (CRLF, outside and only outside quotes).
fn line_end_problems(name: &str, bytes: &[u8]) -> Vec<String> {
    let mut problems = Vec::new();
    if !bytes.starts_with(b"\xEF\xBB\xBF") {
        problems.push(format!("{name}: no UTF-8 BOM"));
    }
    if !bytes.ends_with(b"\r\n") {
        problems.push(format!("{name}: does not end with CRLF"));
    }
    let mut quoted = false;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted && (i == 0 || bytes[i - 1] != b'\r') => {
                problems.push(format!("{name}: bare LF at byte {i}"));
                break;
            }
            b'\r' if !quoted && bytes.get(i + 1) != Some(&b'\n') => {
                problems.push(format!("{name}: bare CR at byte {i}"));
                break;
            }
            _ => {}
        }
    }
    problems
}

/// Check 6: Every CSV download: BOM once, CRLF, the header (the data columns, or the task
/// columns for the task files), as many cells a row, no formula-looking cell.
/// Returns the problems found and the number of files checked.
fn csv_hygiene_problems(site: &Path) -> (Vec<String>, usize) {
    let mut files = Vec::new();
    files_under(&site.join("data"), ".csv", &mut files);
    let mut problems = Vec::new();
    for f in &files {
        let name = rel_path(site, f);
        let columns: &[&str] =
            if name == "data/tasks.csv" || name.starts_with("data/tasks/") { &TASK_COLUMNS } else { &COLUMNS };
        let bytes = std::fs::read(f).unwrap();
        problems.extend(line_end_problems(&name, &bytes));
        let csv = load_csv(f);
        if csv.header != columns {
            problems.push(format!("{name}: header {:?}", csv.header));
        }
        for (i, row) in csv.rows.iter().enumerate() {
            if row.len() != columns.len() {
                problems.push(format!("{name} row {}: {} cells", i + 2, row.len()));
            }
            for (c, cell) in row.iter().enumerate() {
                if looks_like_formula(cell) {
                    let col = columns.get(c).unwrap_or(&"?");
                    problems.push(format!("{name} row {}, column {col}: formula-looking cell {cell:?}", i + 2));
                }
            }
        }
    }
    (problems, files.len())
}

/// A text of `tasks.yaml` in one language: `{zh: …, en: …}`, or a plain string (Chinese only).
fn yaml_text(v: Option<&serde_yaml::Value>, lang: &str) -> String {
    match v {
        Some(serde_yaml::Value::String(s)) if lang == "zh" => s.clone(),
        Some(serde_yaml::Value::Mapping(m)) => m.get(lang).and_then(|s| s.as_str()).unwrap_or("").to_string(),
        _ => String::new(),
    }
}

/// A list of units of `tasks.yaml`, in Chinese, joined as the CSV joins them.
fn yaml_units(v: Option<&serde_yaml::Value>) -> String {
    let units: Option<Vec<String>> =
        v.and_then(|u| u.as_sequence()).map(|s| s.iter().map(|u| yaml_text(Some(u), "zh")).collect());
    units.unwrap_or_default().join("、")
}

/// The tasks of every region with any, read straight from `tasks.yaml`, in region order.
fn input_tasks(content: &Path) -> Vec<(String, serde_yaml::Value)> {
    let mut out = Vec::new();
    for region in region_order(content) {
        let file = content.join("regions").join(&region).join("tasks.yaml");
        if file.is_file() {
            for t in yaml(&file).as_sequence().cloned().unwrap_or_default() {
                out.push((region.clone(), t));
            }
        }
    }
    out
}

/// The task JSON objects of one task file (after checking its frame: it parses, escapes markup
/// characters, says what `sample` means).
fn task_json(site: &Path, name: &str) -> Vec<serde_json::Value> {
    let raw = std::fs::read(site.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    for bad in [b'<', b'>', b'&'] {
        assert!(!raw.contains(&bad), "{name} has a raw `{}`", bad as char);
    }
    let json: serde_json::Value = serde_json::from_slice(&raw).unwrap_or_else(|e| panic!("{name} parses: {e}"));
    let note = json["note"].as_str().unwrap_or_else(|| panic!("{name}: a note"));
    assert!(note.contains("\"sample\": true") && note.contains("sample data"), "{name}: note {note:?}");
    assert!(json["title"].is_object(), "{name}: the site's title");
    json["tasks"].as_array().unwrap_or_else(|| panic!("{name}: tasks")).clone()
}

/// Check 7: the task files. `tasks.csv` is the header once, then each region's task CSV, in
/// region order, byte for byte; there is a CSV and a JSON file for each region with tasks and no
/// other; every row is the task of `tasks.yaml` (units joined with `、`, the deadline as
/// written or empty, the status or empty); `tasks.json` and each region's JSON hold the same
/// tasks as the CSVs, with `null` where a cell is empty. Returns the number of tasks.
fn check_task_files(site: &Path, content: &Path) -> usize {
    let input = input_tasks(content);
    let with_tasks: Vec<String> =
        region_order(content).into_iter().filter(|r| input.iter().any(|(region, _)| region == r)).collect();
    let mut listed = Vec::new();
    if site.join("data/tasks").is_dir() {
        files_under(&site.join("data/tasks"), "", &mut listed);
    }
    let listed: BTreeSet<String> = listed.iter().map(|p| rel_path(site, p)).collect();
    let expected: BTreeSet<String> =
        with_tasks.iter().flat_map(|id| [format!("data/tasks/{id}.csv"), format!("data/tasks/{id}.json")]).collect();
    assert_eq!(listed, expected, "the files under data/tasks/ are a CSV and a JSON per region with tasks");

    // tasks.csv is the regions' task CSVs, header once.
    let all_text = csv_text(&site.join("data/tasks.csv"));
    let (all_header, all_body) = split_header(&all_text, "tasks.csv");
    assert_eq!(all_header, format!("{}\r\n", TASK_COLUMNS.join(",")), "tasks.csv header");
    let mut concatenated = String::new();
    for id in &with_tasks {
        let path = site.join(format!("data/tasks/{id}.csv"));
        let text = csv_text(&path);
        let (header, body) = split_header(&text, &path.display().to_string());
        assert_eq!(header, all_header, "tasks/{id}.csv has the same header as tasks.csv");
        concatenated.push_str(body);
    }
    assert!(
        all_body == concatenated,
        "tasks.csv is not the regions' task CSVs in region order; first difference at data {}",
        first_difference(all_body, &concatenated)
    );

    // Every row is its task, as written in tasks.yaml.
    let rows = load_csv(&site.join("data/tasks.csv")).rows;
    assert_eq!(rows.len(), input.len(), "rows of tasks.csv vs tasks in content/regions/*/tasks.yaml");
    for ((region, t), row) in input.iter().zip(&rows) {
        let id = t["id"].as_str().unwrap();
        let at = format!("tasks.csv, {region} {id}");
        assert_eq!((&row[T_REGION], &row[T_TASK]), (region, &id.to_string()), "{at}: order");
        let scalar = |key: &str| match t.get(key) {
            None | Some(serde_yaml::Value::Null) => String::new(),
            Some(serde_yaml::Value::Number(n)) => n.to_string(),
            Some(serde_yaml::Value::String(s)) => s.clone(),
            Some(other) => panic!("{at}: {key} {other:?}"),
        };
        let plain = [
            (T_NUMBER, scalar("number")),
            // As written: a year, a month, a date or `ongoing`; empty where the plan sets none.
            (T_DEADLINE, scalar("deadline")),
            (T_STATUS, t.get("status").and_then(|s| s.as_str()).unwrap_or("").to_string()),
            (T_UPDATED, t.get("updated").and_then(|s| s.as_str()).unwrap_or("").to_string()),
            (T_SAMPLE, t.get("sample").and_then(|s| s.as_bool()).unwrap_or(false).to_string()),
        ];
        let texts = [
            (T_SECTION_ZH, yaml_text(t.get("section"), "zh")),
            (T_TITLE_ZH, yaml_text(t.get("title"), "zh")),
            (T_TITLE_EN, yaml_text(t.get("title"), "en")),
            (T_DETAIL_ZH, yaml_text(t.get("detail"), "zh")),
            (T_LEAD, yaml_units(t.get("lead"))),
            (T_RESPONSIBLE, yaml_units(t.get("responsible"))),
            (T_PARTNERS, yaml_units(t.get("partners"))),
            (T_DEADLINE_TEXT_ZH, yaml_text(t.get("deadline_text"), "zh")),
            (T_PROGRESS_ZH, yaml_text(t.get("progress"), "zh")),
        ];
        for (c, expected) in plain {
            assert_eq!(row[c], expected, "{at}: {}", TASK_COLUMNS[c]);
        }
        for (c, expected) in texts {
            assert!(same_text(&row[c], &expected), "{at}: {} {:?}, expected {expected:?}", TASK_COLUMNS[c], row[c]);
        }
        assert!(row[T_LEAD].is_empty() || row[T_RESPONSIBLE].is_empty(), "{at}: lead and responsible units");
        assert_eq!(row[T_PLAN_URL].is_empty(), row[T_PLAN_ANCHOR].is_empty(), "{at}: plan link and anchor");
        if !row[T_PLAN_ANCHOR].is_empty() {
            let url = &row[T_PLAN_URL];
            assert!(url.ends_with(&format!("regions/{region}/plan/#{}", row[T_PLAN_ANCHOR])), "{at}: plan_url {url}");
        }
    }

    // The JSON files hold the same tasks, whole-site and per region.
    let tasks = task_json(site, "data/tasks.json");
    assert_eq!(tasks.len(), rows.len(), "tasks in tasks.json vs rows in tasks.csv");
    for (t, row) in tasks.iter().zip(&rows) {
        let at = format!("tasks.json, {} {}", row[T_REGION], row[T_TASK]);
        let or_empty = |v: &serde_json::Value| v.as_str().map(String::from).unwrap_or_default();
        let units = |v: &serde_json::Value| {
            v.as_array()
                .unwrap_or_else(|| panic!("{at}: units are a list"))
                .iter()
                .map(|u| json_text(u, "zh"))
                .collect::<Vec<_>>()
                .join("、")
        };
        for key in [
            "number",
            "section",
            "detail",
            "text",
            "deadline",
            "deadline_text",
            "status",
            "progress",
            "updated",
            "plan_anchor",
            "plan_url",
        ] {
            assert!(
                t[key].is_null() || !t[key].as_str().is_some_and(str::is_empty),
                "{at}: {key} is null, not empty, when absent"
            );
        }
        let got = [
            or_empty(&t["region"]),
            json_text(&t["region_name"], "zh"),
            or_empty(&t["id"]),
            or_empty(&t["deadline"]),
            or_empty(&t["status"]),
            t["sample"].as_bool().unwrap().to_string(),
            or_empty(&t["plan_url"]),
        ];
        let csv = [T_REGION, T_REGION_NAME_ZH, T_TASK, T_DEADLINE, T_STATUS, T_SAMPLE, T_PLAN_URL].map(|c| &row[c]);
        for (g, c) in got.iter().zip(csv) {
            assert!(same_text(c, g), "{at}: json {got:?}, csv {csv:?}");
        }
        let json_units = [units(&t["lead"]), units(&t["responsible"]), units(&t["partners"])];
        for (u, c) in json_units.iter().zip([T_LEAD, T_RESPONSIBLE, T_PARTNERS]) {
            assert!(same_text(&row[c], u), "{at}: {} json {u:?}, csv {:?}", TASK_COLUMNS[c], row[c]);
        }
        assert!(same_text(&row[T_TITLE_ZH], &json_text(&t["title"], "zh")), "{at}: title");
    }
    let mut per_region = Vec::new();
    for id in &with_tasks {
        per_region.extend(task_json(site, &format!("data/tasks/{id}.json")));
    }
    assert!(per_region == tasks, "the regions' task JSON files are tasks.json's tasks, in region order");
    rows.len()
}

fn assert_no_problems(problems: &[String]) {
    assert!(
        problems.is_empty(),
        "{} problems, e.g.:\n{}",
        problems.len(),
        problems[..problems.len().min(20)].join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// The bundled site.
// ---------------------------------------------------------------------------------------------

fn content() -> PathBuf {
    root().join("content")
}

#[test]
fn all_csv_is_the_region_csvs_in_region_order() {
    check_all_csv_is_region_csvs_concatenated(bundled(), &content());
    assert!(load_csv(&bundled().join("data/all.csv")).rows.len() > 500, "the bundled site has hundreds of rows");
}

#[test]
fn each_indicator_csv_is_all_csv_filtered_by_indicator() {
    let compared = check_indicator_csvs_are_all_csv_filtered(bundled(), &content());
    let all = load_csv(&bundled().join("data/all.csv"));
    assert_eq!(compared, all.rows.len(), "every row of all.csv is in exactly one indicator CSV");
}

#[test]
fn all_json_parses_and_matches_all_csv() {
    let (observations, targets) = check_json_matches_csv(bundled(), &content());
    assert!(observations > 300 && targets > 200, "{observations} observations, {targets} targets");
    // Targets counted from region.yaml files.
    let from_input: usize = region_order(&content())
        .iter()
        .map(|r| {
            yaml(&content().join(format!("regions/{r}/region.yaml")))["targets"].as_sequence().map_or(0, |s| s.len())
        })
        .sum();
    assert_eq!(targets, from_input, "targets in all.json vs targets in content/regions/*/region.yaml");
}

#[test]
fn observation_rows_are_exactly_the_input_values() {
    let n = check_observations_equal_input(bundled(), &content());
    assert!(n > 300, "only {n} observations");
    assert!(
        region_order(&content()).iter().any(|r| content().join(format!("regions/{r}/data.csv")).is_file()),
        "the bundled content has a data.csv, so that both input formats are counted"
    );
}

/// The Chinese of a text field of the input (`{zh: .., en: ..}` or a plain string), `""` without.
fn input_zh(v: Option<&serde_yaml::Value>) -> String {
    v.and_then(|v| v.get("zh").and_then(|s| s.as_str()).or_else(|| v.as_str())).unwrap_or("").to_string()
}

/// The target rows of `all.csv` carry each target's scope note and its columns of the plan's
/// table (指标属性, 调度) exactly as `region.yaml` gives them.
#[test]
fn target_rows_carry_scope_notes_and_plan_table_columns_as_input() {
    type Row = [String; 7]; // region, indicator, scope, text, scope_note, attribute, schedule
    let mut expected: Vec<Row> = Vec::new();
    for region in region_order(&content()) {
        let file = yaml(&content().join(format!("regions/{region}/region.yaml")));
        for t in file["targets"].as_sequence().into_iter().flatten() {
            expected.push([
                region.clone(),
                t["indicator"].as_str().unwrap().to_string(),
                t.get("scope").and_then(|s| s.as_str()).unwrap_or("").to_string(),
                input_zh(t.get("text")),
                input_zh(t.get("scope_note")),
                input_zh(t.get("attribute")),
                input_zh(t.get("schedule")),
            ]);
        }
    }
    let all = load_csv(&bundled().join("data/all.csv"));
    let mut got: Vec<Row> = all
        .rows
        .iter()
        .filter(|r| r[RECORD] == "target")
        .map(|r| [REGION, INDICATOR, SCOPE, TEXT_ZH, SCOPE_NOTE, ATTRIBUTE, SCHEDULE].map(|c| r[c].clone()))
        .collect();
    expected.sort();
    got.sort();
    assert_eq!(got, expected);
    let filled = |c: usize| expected.iter().filter(|r| !r[c].is_empty()).count();
    // 雅安's six pilot-hospital targets; 运城's 30 annex rows; 开州's nine rows that say 调度.
    assert_eq!((filled(4), filled(5), filled(6)), (6, 30, 9), "scope notes, attributes, schedules in the input");
}

#[test]
fn every_link_into_data_resolves_and_none_uses_the_per_series_path() {
    let checked = check_data_links(bundled());
    assert!(checked > 1000, "only {checked} links into data/ checked");
}

#[test]
fn every_csv_has_bom_crlf_header_and_no_formula_cell() {
    let (problems, files) = csv_hygiene_problems(bundled());
    assert_no_problems(&problems);
    assert!(files > 100, "only {files} CSV files");
}

#[test]
fn task_files_are_the_tasks_as_written() {
    let n = check_task_files(bundled(), &content());
    assert!(n > 150, "the bundled plans have about 200 tasks: {n}");
    let rows = load_csv(&bundled().join("data/tasks.csv")).rows;
    // The cases the columns must keep apart, all in the bundled content.
    let some = |what: &str, f: &dyn Fn(&Vec<String>) -> bool| assert!(rows.iter().any(f), "no task {what}");
    some("without a deadline", &|r| r[T_DEADLINE].is_empty() && r[T_DEADLINE_TEXT_ZH].is_empty());
    some("with a year as deadline", &|r| r[T_DEADLINE] == "2025");
    some("with responsible units (no lead)", &|r| r[T_LEAD].is_empty() && r[T_RESPONSIBLE].contains('、'));
    some("with lead units (no responsible)", &|r| !r[T_LEAD].is_empty() && r[T_RESPONSIBLE].is_empty());
    some("with partner units", &|r| !r[T_PARTNERS].is_empty());
    some("without a status", &|r| r[T_STATUS].is_empty());
    some("with sample progress", &|r| r[T_SAMPLE] == "true" && !r[T_PROGRESS_ZH].is_empty());
    some("linked to its paragraph of the plan", &|r| !r[T_PLAN_URL].is_empty());
}

// ---------------------------------------------------------------------------------------------
// A small site whose texts look like formulas and markup.
// ---------------------------------------------------------------------------------------------

/// `gongkai init`, then `edit` the content, then build; returns the folder (site in `public/`).
fn derived_site(edit: impl FnOnce(&Path)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "en")
        .arg("init")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(status.status.success(), "init: {}", String::from_utf8_lossy(&status.stderr));
    edit(&dir.path().join("content"));
    build(dir.path(), &dir.path().join("public"));
    dir
}

const EVIL_NOTE: &str = "=HYPERLINK(\"http://evil\")";

/// Formula-looking notes (both input formats), region names and target texts; markup in
/// notes; a child region whose id sorts before its parent's.
fn formula_site() -> tempfile::TempDir {
    derived_site(|content| {
        let city = content.join("regions/demo-city");
        std::fs::write(
            city.join("region.yaml"),
            r#"name: {zh: "=示例市", en: "-Demo City <b>&</b>"}
level: prefecture
targets:
  - indicator: cmi
    scope: tertiary
    year: 2025
    value: 1.0
    bound: min
    text: {zh: "=到2025年CMI达到1.0以上", en: "+By 2025, CMI at least 1.0"}
    note: {zh: "@注", en: "@note"}
  - indicator: average-length-of-stay
    year: 2025
    value: 8
    text: {zh: "-到2025年平均住院日降至8天", en: "-By 2025, down to 8 days"}
"#,
        )
        .unwrap();
        // The plan's text holds the quotes as written, formula-looking start and all.
        std::fs::write(city.join("plan.zh.md"), "# =方案\n\n=到2025年CMI达到1.0以上；-到2025年平均住院日降至8天。\n")
            .unwrap();
        std::fs::write(
            city.join("data.csv"),
            "indicator,scope,period,value,note\r\n\
             average-length-of-stay,,2015,10.1,\"=HYPERLINK(\"\"http://evil\"\")\"\r\n\
             average-length-of-stay,,2016,10.0,+1 more\r\n\
             average-length-of-stay,,2017,9.9,@SUM(A1)\r\n\
             average-length-of-stay,,2018,9.8,-minus\r\n\
             average-length-of-stay,,2019,9.7,-3.5\r\n\
             average-length-of-stay,,2020,9.6,<b>A&B</b>\r\n",
        )
        .unwrap();
        std::fs::write(
            city.join("tasks.yaml"),
            r#"- id: t01
  number: "1"
  section: {zh: "@第一部分", en: "@Part one"}
  title: {zh: "=HYPERLINK(\"http://evil\")", en: "+Build"}
  detail: {zh: "<b>A&B</b>", en: "<b>A&B</b>"}
  lead: [{zh: "-市卫健委", en: "-Health Commission"}]
  partners: [{zh: 市财政局, en: Finance Bureau}]
  deadline: 2025-06
  status: in_progress
  progress: {zh: "+进展", en: "+progress"}
  updated: 2024-06-30
  sample: true
- id: t02
  title: {zh: 推行按病种分值付费, en: Introduce payment by disease-based points}
  responsible: [{zh: "=市医保局", en: Healthcare Security}, {zh: 市卫健委, en: Health Commission}]
"#,
        )
        .unwrap();
        let town = content.join("regions/aaa-town");
        std::fs::create_dir_all(&town).unwrap();
        std::fs::write(
            town.join("region.yaml"),
            "name: {zh: \"@甲镇\", en: \"=A Town\"}\nlevel: county\nparent: demo-city\ntargets: []\n",
        )
        .unwrap();
        std::fs::write(
            town.join("data.yaml"),
            "- indicator: cmi\n  scope: tertiary\n  period: 2023\n  value: 0.7\n  note: {zh: \"-零点七 <i>&</i>\", en: \"-0.7\"}\n",
        )
        .unwrap();
    })
}

#[test]
fn formula_looking_texts_are_defused_and_downloads_stay_consistent() {
    let dir = formula_site();
    let (site, content) = (dir.path().join("public"), dir.path().join("content"));
    assert_eq!(region_order(&content), ["demo-city", "aaa-town"], "tree order, not alphabetical");
    check_all_csv_is_region_csvs_concatenated(&site, &content);
    check_indicator_csvs_are_all_csv_filtered(&site, &content);
    check_json_matches_csv(&site, &content);
    check_observations_equal_input(&site, &content);
    check_data_links(&site);
    assert_eq!(check_task_files(&site, &content), 2);
    let (problems, _) = csv_hygiene_problems(&site);
    assert_no_problems(&problems);

    // The task files: formula-looking cells defused, a task without a deadline or status left
    // empty, lead and responsible units apart.
    for file in ["data/tasks.csv", "data/tasks/demo-city.csv"] {
        let rows = load_csv(&site.join(file)).rows;
        let [t01, t02] = &rows[..] else { panic!("{file}: two tasks, {rows:?}") };
        assert_eq!(t01[T_TITLE_ZH], format!("'{EVIL_NOTE}"), "{file}");
        assert_eq!((&t01[T_TITLE_EN][..], &t01[T_SECTION_ZH][..]), ("'+Build", "'@第一部分"), "{file}");
        assert_eq!((&t01[T_LEAD][..], &t01[T_RESPONSIBLE][..]), ("'-市卫健委", ""), "{file}");
        assert_eq!(
            (&t01[T_DEADLINE][..], &t01[T_STATUS][..], &t01[T_PROGRESS_ZH][..]),
            ("2025-06", "in_progress", "'+进展")
        );
        assert_eq!(t01[T_DETAIL_ZH], "<b>A&B</b>", "{file}: CSV text is kept as written");
        assert_eq!((&t02[T_LEAD][..], &t02[T_RESPONSIBLE][..]), ("", "'=市医保局、市卫健委"), "{file}");
        assert_eq!((&t02[T_DEADLINE][..], &t02[T_STATUS][..], &t02[T_SAMPLE][..]), ("", "", "false"), "{file}");
    }
    let tasks = task_json(&site, "data/tasks.json");
    assert_eq!(json_text(&tasks[0]["title"], "zh"), EVIL_NOTE, "JSON keeps the text as written");
    assert_eq!(json_text(&tasks[0]["lead"][0], "en"), "-Health Commission");
    assert!(tasks[1]["deadline"].is_null() && tasks[1]["status"].is_null(), "absent, not invented: {}", tasks[1]);
    assert_eq!(
        (tasks[1]["lead"].as_array().map(Vec::len), tasks[1]["responsible"].as_array().map(Vec::len)),
        (Some(0), Some(2))
    );

    // The defused cells keep their text after the apostrophe, in every CSV that has the row.
    for file in ["data/all.csv", "data/regions/demo-city.csv", "data/indicators/average-length-of-stay.csv"] {
        let csv = load_csv(&site.join(file));
        let notes: Vec<&str> = csv.rows.iter().map(|r| r[NOTE].as_str()).collect();
        for expected in [format!("'{EVIL_NOTE}"), "'+1 more".into(), "'@SUM(A1)".into(), "'-minus".into()] {
            assert!(notes.contains(&expected.as_str()), "{file}: no note {expected:?} in {notes:?}");
        }
        assert!(notes.contains(&"-3.5"), "{file}: a number is not defused: {notes:?}");
        assert!(notes.contains(&"<b>A&B</b>"), "{file}: CSV text is kept as written: {notes:?}");
        assert!(csv.rows.iter().all(|r| r[REGION_NAME_ZH] == "'=示例市" || r[REGION_NAME_ZH] == "'@甲镇"), "{file}");
        assert!(csv.rows.iter().any(|r| r[TEXT_EN] == "'-By 2025, down to 8 days"), "{file}: target text");
    }
    // JSON keeps the texts as written (it is not for spreadsheets), markup escaped.
    let raw = read(&site.join("data/all.json"));
    assert!(raw.contains("\\u003cb\\u003eA\\u0026B\\u003c/b\\u003e"), "markup in a note is escaped in all.json");
    let json: serde_json::Value = serde_json::from_str(&raw).unwrap();
    let notes: Vec<String> =
        json["observations"].as_array().unwrap().iter().map(|o| json_text(&o["note"], "zh")).collect();
    assert!(notes.contains(&EVIL_NOTE.to_string()) && notes.contains(&"<b>A&B</b>".to_string()), "{notes:?}");
}

/// A custom unit is free text (`unit: {zh: ..., en: ...}`), so a unit such as
/// `=HYPERLINK("http://evil","pt")` must be written `'=HYPERLINK(...)`, like every other text
/// cell. (It once reached every CSV as a live formula.)
#[test]
fn a_custom_unit_that_looks_like_a_formula_is_defused() {
    let dir = derived_site(|content| {
        let file = content.join("indicators/cmi.yaml");
        let text = read(&file).replace(
            "unit: index",
            r#"unit: {zh: '=HYPERLINK("http://evil","点")', en: '=HYPERLINK("http://evil","pt")'}"#,
        );
        assert!(text.contains("HYPERLINK"), "the starter's cmi.yaml has `unit: index`");
        std::fs::write(file, text).unwrap();
    });
    let (problems, _) = csv_hygiene_problems(&dir.path().join("public"));
    assert_no_problems(&problems);
}

/// Only plain decimal numbers are exempt from defusing: `-inf` or `+NaN`, which Rust parses as
/// floats, read as formulas in a spreadsheet (`#NAME?`), so they are written `'-inf`, `'+NaN`.
#[test]
fn words_that_rust_parses_as_floats_are_defused() {
    let dir = derived_site(|content| {
        std::fs::write(
            content.join("regions/demo-city/data.csv"),
            "indicator,scope,period,value,note\n\
             average-length-of-stay,,2018,9.9,-inf\n\
             average-length-of-stay,,2019,9.8,+NaN\n\
             average-length-of-stay,,2020,9.7,-Infinity\n",
        )
        .unwrap();
    });
    let (problems, _) = csv_hygiene_problems(&dir.path().join("public"));
    assert_no_problems(&problems);
}

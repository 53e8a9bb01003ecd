//! Nothing the plans did not say (issue 18): the bundled tasks and targets, read here with
//! serde_yaml and the plans' texts as plain text, never through gongkai's loader, carry no
//! deadline, lead unit or value the plan does not give, and Kaizhou's annex 1 is complete.
//!
//! The lists below come from the line-by-line review of the content against the plans
//! (docs of issue 18): where a plan lists the responsible units of a task jointly, without a
//! 牵头 (lead) marker, and where an annex row was missing.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_yaml::Value;

const REGIONS: [&str; 5] = ["yuncheng", "yaan", "kaizhou", "xinzhou", "weixi"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content/regions")
}

fn yaml(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn tasks(region: &str) -> Vec<Value> {
    yaml(&root().join(region).join("tasks.yaml")).as_sequence().cloned().unwrap_or_default()
}

fn targets(region: &str) -> Vec<Value> {
    yaml(&root().join(region).join("region.yaml"))["targets"].as_sequence().cloned().unwrap_or_default()
}

/// The Chinese of a text field: `{zh: .., en: ..}` or a plain string.
fn zh(v: &Value) -> Option<&str> {
    v.get("zh").and_then(Value::as_str).or_else(|| v.as_str())
}

fn id(task: &Value) -> &str {
    task["id"].as_str().unwrap_or("?")
}

fn no_space(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The tasks whose plan lists the responsible units jointly, with no lead named: 运城's
/// "（责任单位：……按照职责分工负责）", 雅安's "（……按职责分工负责）", 忻州's "（责任部门：……）", and
/// 维西's 六（三） (units without 牵头单位) and 八（一） (the units its paragraph names).
fn listed_jointly() -> Vec<(&'static str, String)> {
    let mut ids: Vec<(&str, String)> = Vec::new();
    for n in 1..=25 {
        ids.push(("yuncheng", format!("t{n:02}")));
        ids.push(("yaan", format!("t{n:02}")));
    }
    for n in 1..=26 {
        ids.push(("xinzhou", format!("t{n:02}")));
    }
    for i in ["t6-3-1", "t6-3-2", "t6-3-3", "t6-3-4", "t6-3-5", "t8-1"] {
        ids.push(("weixi", i.to_string()));
    }
    ids
}

#[test]
fn no_lead_unit_where_the_plan_lists_units_jointly() {
    let expected = listed_jointly();
    assert_eq!(expected.len(), 82, "76 tasks of the review, 6 of 维西");
    let mut wrong = Vec::new();
    for (region, task_id) in &expected {
        let all = tasks(region);
        let Some(t) = all.iter().find(|t| id(t) == task_id) else {
            wrong.push(format!("{region} {task_id}: missing"));
            continue;
        };
        let has = |k: &str| t.get(k).and_then(Value::as_sequence).is_some_and(|s| !s.is_empty());
        if has("lead") || has("partners") || !has("responsible") {
            wrong.push(format!("{region} {task_id}: not `responsible` alone"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_unit_is_named_in_its_plan() {
    let mut unnamed = Vec::new();
    let mut units = 0;
    for region in REGIONS {
        let plan = no_space(&std::fs::read_to_string(root().join(region).join("plan.zh.md")).unwrap());
        for t in tasks(region) {
            for key in ["lead", "partners", "responsible"] {
                for u in t.get(key).and_then(Value::as_sequence).into_iter().flatten() {
                    units += 1;
                    let name = zh(u).expect("a unit's Chinese name");
                    if !plan.contains(&no_space(name)) {
                        unnamed.push(format!("{region} {}: {key} {name}", id(&t)));
                    }
                }
            }
        }
    }
    assert!(units > 500, "{units} units");
    assert!(unnamed.is_empty(), "units the plan does not name:\n{}", unnamed.join("\n"));
}

/// `ongoing` (持续推进) is a deadline only where the plan says 持续推进: the task's own words
/// (title, detail, text or deadline_text) say so.
#[test]
fn ongoing_only_where_the_plan_says_so() {
    let mut invented = Vec::new();
    let mut ongoing = 0;
    for region in REGIONS {
        for t in tasks(region) {
            let deadline = t.get("deadline").and_then(Value::as_str).unwrap_or("");
            if !matches!(deadline.trim(), "ongoing" | "持续推进" | "长期" | "持续") {
                continue;
            }
            ongoing += 1;
            let says = ["title", "detail", "text", "deadline_text"]
                .iter()
                .filter_map(|k| t.get(*k).and_then(zh))
                .any(|w| w.contains("持续推进"));
            if !says {
                invented.push(format!("{region} {}", id(&t)));
            }
        }
    }
    assert!(ongoing > 0, "开州's annex 2 has 持续推进 deadlines");
    assert!(invented.is_empty(), "`ongoing` where the plan does not say 持续推进:\n{}", invented.join("\n"));
}

/// No number 100 made from 全覆盖/全部/所有/每个: such a clause has no `value` unless its
/// own words say 100.
#[test]
fn no_value_100_made_from_universal_wording() {
    let mut invented = Vec::new();
    for region in REGIONS {
        for t in targets(region) {
            let quote = zh(&t["text"]).expect("a Chinese quote");
            let universal = ["全覆盖", "全部", "所有", "每个"].iter().any(|w| quote.contains(w));
            if universal && t.get("value").and_then(Value::as_f64) == Some(100.0) && !quote.contains("100") {
                invented.push(format!("{region} {}: {quote}", t["indicator"].as_str().unwrap_or("?")));
            }
        }
    }
    assert!(invented.is_empty(), "value 100 the plan does not state:\n{}", invented.join("\n"));
}

/// A row of an annex table, its cells without whitespace (and without a ` {#anchor}`).
fn annex_rows(plan: &str, from: &str, to: &str) -> Vec<Vec<String>> {
    let start = plan.find(from).unwrap_or_else(|| panic!("no `{from}`"));
    let end = plan[start..].find(to).map_or(plan.len(), |i| start + i);
    plan[start..end]
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with('|') && !l.starts_with("|---") && !l.starts_with("| 序号"))
        .map(|l| {
            let body = &l[1..l.rfind('|').expect("a closing |")];
            body.split('|').map(no_space).collect()
        })
        .collect()
}

/// The indicator a row of 开州's annex 1 is about: its 二级指标 without the number (`13.医护比（比值）`
/// → `医护比（比值）`), or, in the row of heading 八 that has none, the 一级指标 without `八、`.
fn row_indicator(row: &[String]) -> String {
    let (second, first) = (&row[2], &row[1]);
    let cell = if second.is_empty() { first } else { second };
    let strip = cell.trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
    strip.trim_start_matches(['.', '、']).to_string()
}

/// A target quotes a row when the first part of its quote (`指标：要求`) is in the row's indicator
/// cell and the other parts are in the cells after it, in order.
fn quotes_row(quote: &str, row: &[String]) -> bool {
    let parts: Vec<&str> = quote.split('：').filter(|p| !p.is_empty()).collect();
    let Some((first, rest)) = parts.split_first() else { return false };
    if rest.is_empty() || !row_indicator(row).contains(first) {
        return false;
    }
    let mut from = 3; // the cells after 序号, 一级指标, 二级指标
    rest.iter().all(|p| match row.get(from..).and_then(|cells| cells.iter().position(|c| c.contains(p))) {
        Some(i) => {
            from += i + 1;
            true
        }
        None => false,
    })
}

#[test]
fn kaizhou_annex_1_is_complete_with_heading_eight() {
    let plan = std::fs::read_to_string(root().join("kaizhou/plan.zh.md")).unwrap();
    let rows = annex_rows(&plan, "## 附件1", "## 附件2");
    assert_eq!(rows.len(), 46, "45 numbered rows and heading 八");
    let eight = rows.iter().find(|r| r[0].is_empty()).expect("the row of heading 八");
    assert!(eight[1].starts_with("八、结合实际推进公立医院高质量发展的创新举措"), "{eight:?}");
    let quotes: Vec<(String, String)> = targets("kaizhou")
        .iter()
        .map(|t| (t["indicator"].as_str().unwrap_or("?").to_string(), no_space(zh(&t["text"]).unwrap_or(""))))
        .collect();
    let missing: Vec<String> = rows
        .iter()
        .filter(|row| !quotes.iter().any(|(_, q)| quotes_row(q, row)))
        .map(|row| format!("{} {}", row[0], row_indicator(row)))
        .collect();
    assert!(missing.is_empty(), "annex 1 rows without a target:\n{}", missing.join("\n"));
    assert!(
        quotes.iter().any(|(ind, q)| ind == "local-innovation-measures" && quotes_row(q, eight)),
        "heading 八 is the target of local-innovation-measures"
    );
}

/// The first quantity `quote` states: a number with a unit or a percentage, a ratio (1∶2), a
/// change per year (每年新增), a rank (前三). Not a year (2025年) nor a level (二级, 4级, 三甲).
fn stated_quantity(quote: &str) -> Option<String> {
    const UNITS: &str = "%个家项张人名种所次倍元分日天";
    const NUMERALS: &str = "一二三四五六七八九十0123456789";
    let chars: Vec<char> = quote.chars().collect();
    for per_year in
        ["每年增加", "每年新增", "每年至少新增", "每年至少增加", "每年提高", "每年至少提高", "每年降低", "逐年降低"]
    {
        if quote.contains(per_year) {
            return Some(per_year.to_string());
        }
    }
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        // 前三, 前3名: a rank (not 前列, not 年底前).
        if c == '前' && next.is_some_and(|n| NUMERALS.contains(n)) {
            return Some(chars[i..(i + 3).min(chars.len())].iter().collect());
        }
        if !c.is_ascii_digit() || chars.get(i.wrapping_sub(1)).is_some_and(|p| p.is_ascii_digit() || *p == '.') {
            continue;
        }
        let end = (i..chars.len()).find(|&j| !(chars[j].is_ascii_digit() || chars[j] == '.')).unwrap_or(chars.len());
        let after = chars[end..].iter().find(|c| !c.is_whitespace()).copied();
        let number: String = chars[i..end].iter().collect();
        match after {
            Some(':' | '∶' | '︰') if chars.get(end + 1).is_some_and(char::is_ascii_digit) => {
                return Some(number + "∶…");
            }
            Some(u) if UNITS.contains(u) => return Some(format!("{number}{u}")),
            _ => {}
        }
    }
    None
}

#[test]
fn the_quantity_detector_finds_what_it_should() {
    for (quote, found) in [
        ("医护比总体达到1∶2左右", Some("1∶…")),
        ("每年至少新增5个。", Some("每年新增")),
        ("保持全省前三水平", Some("前三水")),
        ("不低于总床位的5%", Some("5%")),
        ("建成3家以上互联网医院", Some("3家")),
        ("到2025年，二级以上医院", None),
        ("电子病历达到4级", None),
        ("满意度均排名全省前列", None),
        ("2023年底前完成", None),
    ] {
        let expected = found.map(|f| if f == "每年新增" { "每年至少新增".to_string() } else { f.to_string() });
        assert_eq!(stated_quantity(quote), expected, "{quote}");
    }
}

/// Issue 18: a target whose wording states a quantity never shows "方案未给出数值目标": it has a
/// `value` (a level, a change per year, a rank, a ratio), says why the site does not assess it
/// (`unassessed`), or shares its quote with a target that holds the number (开州's row 28
/// gives 8日 for all public hospitals and words only for the tertiary ones).
#[test]
fn no_stated_quantity_shows_no_numeric_target() {
    let mut wrong = Vec::new();
    for region in REGIONS {
        let all = targets(region);
        for (i, t) in all.iter().enumerate() {
            if t.get("value").is_some() || t.get("unassessed").is_some() {
                continue;
            }
            let Some(quote) = zh(&t["text"]) else { continue };
            let Some(quantity) = stated_quantity(quote) else { continue };
            let sibling_holds_it = all.iter().any(|o| zh(&o["text"]) == Some(quote) && o.get("value").is_some());
            if !sibling_holds_it {
                wrong.push(format!(
                    "{region} targets[{i}] ({}): {quantity} in {quote}",
                    t["indicator"].as_str().unwrap_or("?")
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "targets that state a quantity but show no numeric target:\n{}", wrong.join("\n"));
}

/// The columns of an annex table the site publishes with each target, as the plan writes them:
/// 运城's 指标属性 (定性/定量) as `attribute`, and 开州 annex 1's last column where it says 按年调度 or
/// 按季调度 (not a source) as `schedule`. Every target that quotes a row carries that row's cell,
/// read here from the plan's table; no other target carries one.
#[test]
fn annex_columns_are_the_cells_of_the_rows_quoted() {
    // Region, where its annex table starts and ends (the other plans have no annex table).
    let tables = [("yuncheng", "## 附件", "抄送"), ("kaizhou", "## 附件1", "## 附件2")];
    let mut wrong = Vec::new();
    let (mut attributes, mut schedules) = (0, 0);
    for region in REGIONS {
        let (rows, attribute_column) = match tables.iter().find(|(r, ..)| *r == region) {
            Some((_, from, to)) => {
                let plan = std::fs::read_to_string(root().join(region).join("plan.zh.md")).unwrap();
                let header = plan[plan.find(from).unwrap()..]
                    .lines()
                    .find(|l| l.trim_start().starts_with("| 序号"))
                    .expect("the table's header")
                    .to_string();
                let column = header.trim().trim_matches('|').split('|').position(|h| no_space(h) == "指标属性");
                (annex_rows(&plan, from, to), column)
            }
            None => (Vec::new(), None),
        };
        for (i, t) in targets(region).iter().enumerate() {
            let quote = no_space(zh(&t["text"]).unwrap_or(""));
            let quoted: Vec<&Vec<String>> = rows.iter().filter(|r| quotes_row(&quote, r)).collect();
            let given = |key: &str| t.get(key).and_then(zh).map(no_space);
            let cells = |of: &dyn Fn(&Vec<String>) -> Option<String>| {
                let found: BTreeSet<Option<String>> = quoted.iter().map(|r| of(r)).collect();
                assert!(found.len() <= 1, "{region} targets[{i}]: its rows differ: {found:?}");
                found.into_iter().next().flatten()
            };
            let attribute = cells(&|r| attribute_column.and_then(|c| r.get(c).cloned()));
            let schedule = cells(&|r| r.iter().find(|c| c.ends_with("调度")).cloned());
            for (key, plan, site) in
                [("attribute", &attribute, given("attribute")), ("schedule", &schedule, given("schedule"))]
            {
                if *plan != site {
                    wrong
                        .push(format!("{region} targets[{i}] `{key}`: the plan {plan:?}, the site {site:?} ({quote})"));
                }
            }
            attributes += usize::from(attribute.is_some());
            schedules += usize::from(schedule.is_some());
        }
    }
    assert!(wrong.is_empty(), "annex columns not as the plan writes them:\n{}", wrong.join("\n"));
    // 运城: 28 rows, rows 19 and 25 with two series each; 开州: rows 4–9, 14, 27 and heading 八.
    assert_eq!((attributes, schedules), (30, 9));
}

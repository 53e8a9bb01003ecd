//! `gongkai import` on real spreadsheets (tests/fixtures/import/, made by `make.py` with
//! openpyxl, xlwt and odfpy) into a copy of tests/fixtures/base: the data.csv written, the
//! summary, the exit codes, dry runs and conflicts, problems named by sheet and cell, and a
//! hand-written data.yaml edited on one line only.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

fn site() -> tempfile::TempDir {
    common::import_site()
}

fn import(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "en")
        .arg("--root")
        .arg(root)
        .arg("import")
        .args(args)
        .output()
        .unwrap()
}

fn text(o: &Output) -> (String, String) {
    (String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned())
}

fn data_csv(root: &Path, region: &str) -> String {
    std::fs::read_to_string(root.join("content/regions").join(region).join("data.csv")).unwrap_or_default()
}

fn check_ok(root: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "en")
        .arg("--root")
        .arg(root)
        .arg("check")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out).1);
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn a_long_table_is_imported_with_its_normalisations_counted() {
    let s = site();
    let f = fixture("long.xlsx");
    let out = import(s.path(), &[path(&f), "--region", "city"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("a long table"), "{stdout}");
    assert!(stdout.contains("1 with full-width digits"), "{stdout}");
    assert!(stdout.contains("1 with a % sign"), "{stdout}");
    assert!(stdout.contains("1 marks for a missing value"), "{stdout}");
    assert!(stdout.contains("city: 3 added, 0 changed, 0 unchanged"), "{stdout}");
    let csv = data_csv(s.path(), "city");
    assert!(csv.starts_with("\u{feff}indicator,scope,period,value,note,source,sample\r\n"), "{csv}");
    assert!(csv.contains("average-length-of-stay,secondary,2024,8.8,初步,,\r\n"), "{csv}");
    assert!(csv.contains("cmi,tertiary,2024Q3,0.97,,,\r\n"), "{csv}");
    assert!(csv.contains("appointment-rate,,2024,58.3,,,\r\n"), "{csv}");
    // The sample rows are kept as they were.
    assert!(csv.contains("average-length-of-stay,secondary,2021,9.6,,市卫健委,true\r\n"), "{csv}");
    check_ok(s.path());

    // A different value for a row data.csv holds is a conflict naming its line.
    let line = csv.lines().position(|l| l.starts_with("average-length-of-stay,secondary,2024,8.8,")).unwrap() + 1;
    let again = s.path().join("again.csv");
    std::fs::write(&again, "指标,范围,年份,数值\n平均住院日,secondary,2024,8.9\n").unwrap();
    let out = import(s.path(), &[path(&again), "--region", "city"]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(stderr.contains(&format!("city/data.csv:{line}:1")), "the conflict names line {line}: {stderr}");
    assert_eq!(data_csv(s.path(), "city"), csv);
}

#[test]
fn a_dry_run_writes_nothing() {
    let s = site();
    let before = data_csv(s.path(), "city");
    let out = import(s.path(), &[path(&fixture("long.xlsx")), "--region", "city", "--dry-run"]);
    let (stdout, _) = text(&out);
    assert!(out.status.success());
    assert!(stdout.contains("city: 3 added") && stdout.contains("Dry run: nothing written"), "{stdout}");
    assert!(stdout.contains("still sample values: appointment-rate"), "{stdout}");
    assert_eq!(data_csv(s.path(), "city"), before);
}

#[test]
fn wide_tables_by_region_by_indicator_and_with_a_merged_header() {
    let s = site();
    let out = import(s.path(), &[path(&fixture("wide-region.xlsx")), "--map", path(&fixture("wide-region.yaml"))]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("1 percent-formatted cells (×100)"), "{stdout}");
    let city = data_csv(s.path(), "city");
    assert!(
        city.contains("appointment-rate,,2024,58.3,,,") && city.contains("appointment-rate,,2025,61.2,,,"),
        "{city}"
    );
    let prov = data_csv(s.path(), "prov");
    assert!(prov.contains("appointment-rate,,2024,61,,,") && prov.contains("appointment-rate,,2025,63.5,,,"), "{prov}");

    let out = import(s.path(), &[path(&fixture("wide-indicator.xlsx")), "--region", "city"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("one row per indicator") && stdout.contains("2 state words"), "{stdout}");
    let city = data_csv(s.path(), "city");
    // The formula's cached value; the states by their words.
    assert!(city.contains("average-length-of-stay,,2025,8.6,,,"), "{city}");
    assert!(city.contains("president-responsibility,,2025,in_progress,,,"), "{city}");
    assert!(city.contains("president-responsibility,,2026,done,,,"), "{city}");

    let out = import(s.path(), &[path(&fixture("merged-header.xlsx"))]);
    let (stdout, stderr) = text(&out);
    assert!(!out.status.success(), "the 2024 values are held already: {stdout}\n{stderr}");
    assert!(stderr.contains("`appointment-rate` 2024 is 61 here; the file says 55"), "{stderr}");
    let out = import(s.path(), &[path(&fixture("merged-header.xlsx")), "--replace"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("changed appointment-rate 2024: 61 → 55"), "{stdout}");
    let prov = data_csv(s.path(), "prov");
    assert!(prov.contains("average-length-of-stay,,2025,8.8,,,"), "{prov}");
    check_ok(s.path());
}

#[test]
fn gbk_csv_xls_ods_and_a_date_made_of_a_month() {
    let s = site();
    let out = import(s.path(), &[path(&fixture("gbk.csv")), "--dry-run"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("(CSV, GB18030/GBK)"), "{stdout}");
    assert!(stdout.contains("city: 1 added") && stdout.contains("prov: 1 added"), "{stdout}");
    for f in ["long.xls", "long.ods"] {
        let out = import(s.path(), &[path(&fixture(f)), "--region", "city", "--dry-run"]);
        let (stdout, stderr) = text(&out);
        assert!(out.status.success(), "{f}: {stdout}\n{stderr}");
        assert!(stdout.contains("city: 2 added"), "{f}: {stdout}");
    }
    let out = import(s.path(), &[path(&fixture("date-period.xlsx")), "--region", "city"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("1 date cells read as months"), "{stdout}");
    assert!(data_csv(s.path(), "city").contains("monthly-visits,,2024-06,12345,,,"));
}

#[test]
fn problems_name_the_sheet_and_cell_and_nothing_is_written() {
    let s = site();
    let before = data_csv(s.path(), "city");
    let out = import(s.path(), &[path(&fixture("errors.xlsx")), "--region", "city"]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    for cell in ["数据!D1", "数据!B2", "数据!C2", "数据!A3"] {
        assert!(stderr.contains(&format!("cell {cell}")), "{cell}: {stderr}");
    }
    assert!(stderr.contains("the cell holds the error #DIV/0!"), "{stderr}");
    assert!(stderr.contains("`约8.5` is not a number"), "{stderr}");
    assert!(stderr.contains("did you mean `月门诊量`?"), "{stderr}");
    assert!(stderr.contains("Nothing imported: 4 errors."), "{stderr}");
    assert_eq!(data_csv(s.path(), "city"), before);

    // A formula saved without its value (openpyxl, some exporters) is an error at its cell.
    let out = import(s.path(), &[path(&fixture("formula-uncalculated.xlsx")), "--region", "city"]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("cell 指标!B2"), "{stderr}");
    assert!(stderr.contains("a formula without a calculated value, and so do 1 more cells"), "{stderr}");
    assert!(stderr.contains("save it again"), "{stderr}");
    assert_eq!(data_csv(s.path(), "city"), before);

    // The same in an .ods (odfpy writes no value): an error at its cell.
    let out = import(s.path(), &[path(&fixture("formula-uncalculated.ods")), "--region", "city"]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("cell 指标!B2"), "{stderr}");
    assert!(stderr.contains("a formula without a calculated value, and so do 1 more cells"), "{stderr}");
    assert_eq!(data_csv(s.path(), "city"), before);

    // An .xls keeps a result with every formula; xlwt's is blank, which a formula may truly
    // give: read as blank (nothing imported), with a warning at the first such cell.
    let out = import(s.path(), &[path(&fixture("formula-uncalculated.xls")), "--region", "city"]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("warning: the cell holds a formula whose saved result is blank (2 such cells"), "{stderr}");
    assert!(stderr.contains("cell 指标!B2"), "{stderr}");
    assert!(stdout.contains("Imported: 0 files written."), "{stdout}");
    assert_eq!(data_csv(s.path(), "city"), before);

    // A %-unit column of fractions is an error, unless the mapping says how to read it.
    let out = import(s.path(), &[path(&fixture("fractions.xlsx")), "--map", path(&fixture("fractions.yaml"))]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).1.contains("is 85.2% written as 0.852?"));
    let out = import(s.path(), &[path(&fixture("fractions.xlsx")), "--map", path(&fixture("fractions-ok.yaml"))]);
    assert!(out.status.success(), "{}", text(&out).1);
    assert!(data_csv(s.path(), "city").contains("appointment-rate,,2025,60.1,,,"));
}

#[test]
fn usage_mistakes_and_files_that_are_refused() {
    let s = site();
    let out = import(s.path(), &[path(&fixture("long.xlsx")), "--region", "nowhere"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out).1);
    let et = s.path().join("数据.et");
    std::fs::write(&et, b"not really").unwrap();
    let out = import(s.path(), &[path(&et)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).1.contains("save it as an Excel workbook (.xlsx)"), "{}", text(&out).1);
    let utf16 = s.path().join("unicode.txt");
    std::fs::write(&utf16, [0xFF, 0xFE, b'a', 0, b'\t', 0]).unwrap();
    let out = import(s.path(), &[path(&utf16)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).1.contains("Unicode (UTF-16)"), "{}", text(&out).1);
}

#[test]
fn a_hand_written_data_yaml_changes_on_one_line_only() {
    let s = site();
    let yaml = s.path().join("content/regions/prov/data.yaml");
    let hand = "# 数据来源：省卫健委 2024年统计公报（第3页）\n# 核对人：张三\n- indicator: average-length-of-stay\n  period: 2023\n  value: 9.2   # 公报原文\n  source: {zh: 省卫健委, en: Provincial Health Commission}\n\n# 预约诊疗率，逐年\n- indicator: appointment-rate\n  values: {2022: 50.5, 2023: 53.1}\n";
    std::fs::write(&yaml, hand).unwrap();
    std::fs::write(s.path().join("v.csv"), "地区,指标,年份,数值\n示例省,平均住院日,2023,9.4\n示例省,预约诊疗率,2023,53.1\n示例省,门诊患者预约诊疗率,2022,51\n").unwrap();
    let f = s.path().join("v.csv");
    let out = import(s.path(), &[path(&f)]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(stderr.contains("prov/data.yaml:5"), "the conflict names the line: {stderr}");
    assert_eq!(std::fs::read_to_string(&yaml).unwrap(), hand);
    let out = import(s.path(), &[path(&f), "--replace"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("prov: 0 added, 2 changed, 1 unchanged"), "{stdout}");
    let after = std::fs::read_to_string(&yaml).unwrap();
    let want = hand
        .replace("  value: 9.2   # 公报原文", "  value: 9.4   # 公报原文")
        .replace("{2022: 50.5, 2023: 53.1}", "{2022: 51, 2023: 53.1}");
    assert_eq!(after, want);
    assert!(!s.path().join("content/regions/prov/data.csv").exists(), "nothing new, no data.csv");
    check_ok(s.path());
}

/// A `released` column of data.csv survives an import: the dates of the rows left alone are
/// kept, and a replaced value loses the old value's date (it has not been released yet).
#[test]
fn release_dates_in_data_csv_are_kept_and_a_replaced_value_loses_its_own() {
    let s = site();
    let csv = s.path().join("content/regions/city/data.csv");
    std::fs::write(
        &csv,
        "indicator,scope,period,value,note,source,sample,released\n\
         average-length-of-stay,secondary,2021,9.6,,市卫健委,,2022-03-01\n\
         average-length-of-stay,secondary,2023,9.1,初步数据,市卫健委,,2024-03-01\n\
         average-length-of-stay,,2023,8.7,,市卫健委,,2024-05-30\n",
    )
    .unwrap();
    // The workbook has 8.8 for secondary 2024 (added) and nothing the rows above hold.
    let out = import(s.path(), &[path(&fixture("long.xlsx")), "--region", "city", "--replace"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    let written = data_csv(s.path(), "city");
    assert!(written.starts_with("\u{feff}indicator,scope,period,value,note,source,sample,released\r\n"), "{written}");
    assert!(written.contains("average-length-of-stay,secondary,2021,9.6,,市卫健委,,2022-03-01\r\n"), "{written}");
    assert!(written.contains("average-length-of-stay,,2023,8.7,,市卫健委,,2024-05-30\r\n"), "{written}");
    assert!(written.contains("average-length-of-stay,secondary,2024,8.8,初步,,,\r\n"), "{written}");
    // A new value for secondary 2023 replaces 9.1 and its date.
    let sheet = s.path().join("new.csv");
    std::fs::write(&sheet, "指标,口径,年份,数值\naverage-length-of-stay,secondary,2023,9.0\n").unwrap();
    let out = import(s.path(), &[path(&sheet), "--region", "city", "--replace"]);
    assert!(out.status.success(), "{:?}", text(&out));
    let written = data_csv(s.path(), "city");
    assert!(written.contains("average-length-of-stay,secondary,2023,9,,市卫健委,,\r\n"), "{written}");
    assert!(!written.contains("2024-03-01"), "{written}");
    check_ok(s.path());
}

/// A value of data.yaml whose entry has a release date is not replaced by editing its line: the
/// date would then be the new value's.
#[test]
fn a_dated_value_of_data_yaml_is_changed_by_hand() {
    let s = site();
    let city = s.path().join("content/regions/city");
    std::fs::remove_file(city.join("data.csv")).unwrap();
    std::fs::write(
        city.join("data.yaml"),
        "- indicator: average-length-of-stay\n  scope: secondary\n  period: 2023\n  value: 9.1\n  released: 2024-03-01\n",
    )
    .unwrap();
    let sheet = s.path().join("new.csv");
    std::fs::write(&sheet, "指标,口径,年份,数值\naverage-length-of-stay,secondary,2023,9.0\n").unwrap();
    let out = import(s.path(), &[path(&sheet), "--region", "city", "--replace"]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("content/regions/city/data.yaml:4:10"), "{stderr}");
    assert!(stderr.contains("has a release date (`released`)"), "{stderr}");
    assert!(std::fs::read_to_string(city.join("data.yaml")).unwrap().contains("value: 9.1"));
}

//! The collection workbook's round trip: `gongkai template` writes it for a copy of
//! tests/fixtures/base, `tests/fill_workbook.py` fills it with openpyxl as a person would (a
//! number, a formula, a full-width number, a drop-down state, a note, a task's progress), and
//! `gongkai import` reads it back: the built pages show exactly the digits entered and the
//! progress note; `tasks.yaml` keeps every comment. The same with the workbook saved as .xls by
//! LibreOffice; and tampered copies kept in tests/fixtures/template (rows reordered, names edited,
//! sheets renamed, the id columns deleted; made by its `make.sh`) import the same. Without python3
//! and openpyxl (or LibreOffice, for the .xls) a test says so and passes, except under CI=true,
//! where it fails.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn gongkai(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "en")
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .unwrap()
}

fn text(o: &Output) -> String {
    format!("{}\n{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

/// A copy of the base site whose tasks.yaml has comments, as hand-written files do.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base"), dir.path());
    let tasks = dir.path().join("content/regions/city/tasks.yaml");
    let body = std::fs::read_to_string(&tasks).unwrap();
    let body = body.replacen("  status: in_progress\n", "  status: in_progress   # 示例状态\n", 1);
    let body = body.replacen("- id: t02\n", "\n# —— 任务2：附件第2行\n- id: t02\n", 1);
    std::fs::write(&tasks, format!("# 示例市重点任务\n# 来源：附件2\n{body}")).unwrap();
    dir
}

/// Whether a tool the test needs is here; if not, say so, and fail under CI.
fn have(what: &str, ok: bool) -> bool {
    if !ok {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "{what} is needed under CI");
        eprintln!("skipped: {what} is not installed");
    }
    ok
}

fn have_openpyxl() -> bool {
    let ok = Command::new("python3").args(["-c", "import openpyxl"]).output().is_ok_and(|o| o.status.success());
    have("python3 with openpyxl", ok)
}

fn have_soffice() -> bool {
    let ok = Command::new("soffice").arg("--version").output().is_ok_and(|o| o.status.success());
    have("LibreOffice (soffice)", ok)
}

/// The workbook of `city` for 2025, into `dir`.
fn template(root: &Path, dir: &Path) -> PathBuf {
    let file = dir.join("city.xlsx");
    let out = gongkai(root, &["template", "--region", "city", "--periods", "2025", "-o", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out));
    file
}

/// Fill `workbook` as tests/fixtures/template/spec.json says (a number, a formula, a full-width
/// number, a state, a note, a task's progress), into `out`, the formulas' values written in as
/// a spreadsheet program would (`cache`) or not.
fn fill(workbook: &Path, out: &Path, cache: bool) {
    let spec = std::fs::read_to_string(kept("spec.json")).unwrap();
    let spec = if cache { spec } else { spec.replacen('{', "{\"cache_formulas\": false, ", 1) };
    let spec_file = out.with_extension("json");
    std::fs::write(&spec_file, spec).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fill_workbook.py");
    let o = Command::new("python3").arg(script).arg(workbook).arg(out).arg(&spec_file).output().unwrap();
    assert!(o.status.success(), "{}", text(&o));
}

fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).unwrap_or_default()
}

const CSV: &str = "content/regions/city/data.csv";
const TASKS: &str = "content/regions/city/tasks.yaml";

/// Import `file` into `root`, then check the site and build it; the built pages show exactly the
/// digits entered and the progress note.
fn import_check_build(root: &Path, file: &Path) {
    let out = gongkai(root, &["import", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("city: 5 added, 0 changed, 0 unchanged"), "{}", text(&out));
    let csv = read(root, CSV);
    for row in [
        "appointment-rate,,2025,85.2,初步数据,,\r\n",
        "average-length-of-stay,secondary,2025,8.6,,,\r\n",
        "average-length-of-stay,,2025,8.4,,,\r\n",
        "president-responsibility,,2025,in_progress,,,\r\n",
        "cmi,tertiary,2025Q1,1.02,,,\r\n",
    ] {
        assert!(csv.contains(row), "{row} not in {csv}");
    }
    let check = gongkai(root, &["check"]);
    assert!(check.status.success(), "{}", text(&check));
    let public = root.join("public");
    let build = gongkai(root, &["build", "--output", public.to_str().unwrap()]);
    assert!(build.status.success(), "{}", text(&build));
    let page = |p: &str| std::fs::read_to_string(public.join(p)).unwrap_or_default();
    assert!(page("regions/city/appointment-rate/index.html").contains("<span class=\"value big\">85.2%</span>"));
    let stay = page("regions/city/average-length-of-stay/index.html");
    assert!(stay.contains("最新值8.6天（2025）") && stay.contains("最新值8.4天（2025）"), "{stay}");
    assert!(page("regions/city/cmi/index.html").contains("1.02"));
    assert!(page("regions/city/tasks/index.html").contains("区域医疗中心主体工程已封顶"));
}

#[test]
fn a_filled_workbook_round_trips_as_xlsx_and_as_xls() {
    if !have_openpyxl() {
        return;
    }
    let s = site();
    let work = tempfile::tempdir().unwrap();
    let blank = template(s.path(), work.path());
    let filled = work.path().join("filled.xlsx");
    fill(&blank, &filled, true);
    let before = read(s.path(), TASKS);
    import_check_build(s.path(), &filled);

    // tasks.yaml: only t01's progress lines changed, its sample flag gone, every comment kept.
    let after = read(s.path(), TASKS);
    for line in before.lines().filter(|l| l.trim_start().starts_with('#')) {
        assert!(after.contains(line), "comment `{line}` lost:\n{after}");
    }
    assert!(
        after.contains(
            "  status: done   # 示例状态\n  progress: \"区域医疗中心主体工程已封顶\"\n  updated: 2025-03-31\n"
        ),
        "{after}"
    );
    assert!(!after.contains("已完成选址和可行性研究"));
    let changed: Vec<&str> = before.lines().filter(|l| !after.lines().any(|a| a == *l)).collect();
    assert_eq!(
        changed,
        [
            "  status: in_progress   # 示例状态",
            "  progress: {zh: 已完成选址和可行性研究, en: Site chosen and feasibility study done}",
            "  updated: 2024-06-30"
        ]
    );
    let t01 = &after[after.find("- id: t01").unwrap_or(0)..after.find("- id: t02").unwrap_or(0)];
    assert!(!t01.contains("sample"), "{t01}");
    assert!(after.contains("  status: done\n  sample: true\n"), "t03 untouched: {after}");

    // The same workbook saved as .xls by LibreOffice imports the same.
    if !have_soffice() {
        return;
    }
    let o = Command::new("soffice")
        .args(["--headless", "--convert-to", "xls", "--outdir"])
        .arg(work.path())
        .arg(&filled)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let xls = site();
    import_check_build(xls.path(), &work.path().join("filled.xls"));
    assert_eq!(read(xls.path(), CSV), read(s.path(), CSV));
    assert_eq!(read(xls.path(), TASKS), after);
}

#[test]
fn a_formula_saved_without_its_value_is_refused_until_a_spreadsheet_program_saves_it() {
    if !have_openpyxl() {
        return;
    }
    let s = site();
    let work = tempfile::tempdir().unwrap();
    let blank = template(s.path(), work.path());
    let raw = work.path().join("raw.xlsx");
    fill(&blank, &raw, false);
    let out = gongkai(s.path(), &["import", raw.to_str().unwrap(), "--dry-run"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("formula without a calculated value"), "{}", text(&out));
    assert!(text(&out).contains("raw.xlsx, cell 指标数据!I6"), "{}", text(&out));
    // LibreOffice calculates it on opening, and saves its value.
    if !have_soffice() {
        return;
    }
    let o = Command::new("soffice")
        .args(["--headless", "--convert-to", "xls", "--outdir"])
        .arg(work.path())
        .arg(&raw)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let out = gongkai(s.path(), &["import", work.path().join("raw.xls").to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(read(s.path(), CSV).contains("average-length-of-stay,secondary,2025,8.6,,,\r\n"));
}

/// A workbook kept in tests/fixtures/template (made by its `make.sh`).
fn kept(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/template").join(name)
}

#[test]
fn tampered_workbooks_import_by_their_ids() {
    // The kept workbooks: filled (its formula typed as a value in the tampered copies, whose rows
    // or columns move), saved as .xls by LibreOffice, rows reversed, names edited, sheets renamed,
    // id columns deleted. No python or LibreOffice needed.
    let reference = site();
    let out = gongkai(reference.path(), &["import", kept("filled.xlsx").to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(read(reference.path(), CSV).contains("average-length-of-stay,secondary,2025,8.6,,,\r\n"));
    for name in ["filled.xls", "reverse_rows.xlsx", "edit_names.xlsx", "rename_sheets.xlsx", "delete_id_columns.xlsx"] {
        let s = site();
        let out = gongkai(s.path(), &["import", kept(name).to_str().unwrap()]);
        assert!(out.status.success(), "{name}: {}", text(&out));
        assert_eq!(read(s.path(), CSV), read(reference.path(), CSV), "{name}");
        assert_eq!(read(s.path(), TASKS), read(reference.path(), TASKS), "{name}");
        let lost = text(&out).contains("has lost its hidden `indicator_id` column: rows are matched by their names");
        assert_eq!(lost, name == "delete_id_columns.xlsx", "{name}: {}", text(&out));
        if name == "rename_sheets.xlsx" {
            assert!(text(&out).contains("sheet `表2`: a gongkai collection workbook"), "{}", text(&out));
        }
    }
}

#[test]
fn an_unfilled_workbook_changes_no_file_and_drop_sample_is_shown_first() {
    let s = site();
    let work = tempfile::tempdir().unwrap();
    let blank = template(s.path(), work.path());
    let files = ["content/regions/city/data.csv", "content/regions/city/data.yaml", TASKS];
    let before: Vec<String> = files.iter().map(|f| read(s.path(), f)).collect();
    let out = gongkai(s.path(), &["import", blank.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("a gongkai collection workbook"), "{}", text(&out));
    let after: Vec<String> = files.iter().map(|f| read(s.path(), f)).collect();
    assert_eq!(before, after);

    // --drop-sample: what goes is said in the dry run, which writes nothing.
    let out = gongkai(s.path(), &["import", blank.to_str().unwrap(), "--drop-sample", "--dry-run"]);
    let said = text(&out);
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains(
            "city: 13 sample value(s) dropped (content/regions/city/data.csv, content/regions/city/data.yaml)"
        ),
        "{said}"
    );
    assert!(said.contains("city: sample progress of 2 task(s) dropped: t01, t03"), "{said}");
    let after: Vec<String> = files.iter().map(|f| read(s.path(), f)).collect();
    assert_eq!(before, after);
    let out = gongkai(s.path(), &["import", blank.to_str().unwrap(), "--drop-sample"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(!read(s.path(), CSV).contains("true"));
    let yaml = read(s.path(), "content/regions/city/data.yaml");
    assert!(yaml.starts_with("# Illustrative values") && yaml.contains("[]"), "{yaml}");
    let tasks = read(s.path(), TASKS);
    assert!(!tasks.contains("sample") && tasks.contains("# 示例市重点任务") && tasks.contains("# —— 任务2"), "{tasks}");
    let check = gongkai(s.path(), &["check"]);
    assert!(check.status.success(), "{}", text(&check));
}

/// The parts of a workbook: its sheets' XML by name.
fn parts(file: &Path) -> std::collections::BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(file).unwrap()).unwrap();
    let mut out = std::collections::BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut s = String::new();
        if std::io::Read::read_to_string(&mut f, &mut s).is_ok() {
            out.insert(f.name().unwrap_or_default().to_string(), s);
        }
    }
    out
}

#[test]
fn the_workbook_is_protected_validated_and_says_its_deadline_as_given() {
    let s = site();
    let work = tempfile::tempdir().unwrap();
    let out = gongkai(
        s.path(),
        &["template", "--region", "city", "--periods", "2025", "-o", work.path().join("a.xlsx").to_str().unwrap()],
    );
    assert!(text(&out).contains("site.yaml gives no `collection.deadline`"), "{}", text(&out));
    let p = parts(&work.path().join("a.xlsx"));
    let strings = &p["xl/sharedStrings.xml"];
    assert!(strings.contains("未规定（site.yaml 未设 collection.deadline），请向发表单位确认"), "{strings}");
    assert!(p["xl/workbook.xml"].contains("name=\"_gongkai\" sheetId=\"1\" state=\"veryHidden\""));
    let values = &p["xl/worksheets/sheet3.xml"];
    assert!(values.contains("<sheetProtection"), "protected");
    assert!(!values.contains("password"), "without a password");
    assert!(values.contains("type=\"decimal\"") && values.contains("type=\"list\""), "validated");
    assert!(values.contains("hidden=\"1\""), "ids hidden");
    assert!(p["xl/worksheets/sheet5.xml"].contains("type=\"date\""), "task dates validated");

    let site_yaml = s.path().join("content/site.yaml");
    let y = std::fs::read_to_string(&site_yaml).unwrap();
    std::fs::write(
        &site_yaml,
        format!("{y}collection:\n  deadline: 2025年1月20日前\n  send_to: 市卫生健康委规划发展科（邮箱 ghk@example.gov.cn）\n  contact: 张三 0000-1234567\n"),
    )
    .unwrap();
    let out = gongkai(s.path(), &["template", "--region", "city", "-o", work.path().join("b.xlsx").to_str().unwrap()]);
    assert!(out.status.success() && !text(&out).contains("collection.deadline"), "{}", text(&out));
    let strings = &parts(&work.path().join("b.xlsx"))["xl/sharedStrings.xml"];
    assert!(strings.contains("2025年1月20日前") && strings.contains("张三 0000-1234567"), "{strings}");
    assert!(!strings.contains("未规定（site.yaml"));
}

#[test]
fn all_writes_one_workbook_per_region_with_something_to_ask() {
    let s = site();
    let work = tempfile::tempdir().unwrap();
    let dir = work.path().join("round");
    let out = gongkai(s.path(), &["template", "--all", "-o", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out));
    let mut names: Vec<String> =
        std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    // city's series run to 2024Q2 and 2024 (2023 for some), so the next periods are asked.
    assert_eq!(names, ["city-2024-2025.xlsx"], "{}", text(&out));
    let out = gongkai(
        s.path(),
        &["template", "--region", "prov", "--with-children", "-o", work.path().join("p.xlsx").to_str().unwrap()],
    );
    assert!(text(&out).contains("2 region(s)"), "{}", text(&out));
    let out = gongkai(s.path(), &["template", "--region", "nowhere"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let out = gongkai(s.path(), &["template", "--region", "city", "--periods", "2025Q1..2025"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
}

//! Import at national scale: the synthetic national site's data (about 3,200 regions × 50
//! indicators × 10 yearly periods at 100%) in one wide workbook, one row per region and series,
//! one column per period, by Chinese names, imported with `gongkai import` into the same site
//! with its data removed; against `gongkai check` of the site that results.
//!
//! `SIZES=100 cargo bench --bench import` (sizes in percent as in the national bench; 1% by
//! default). Each size runs `RUNS` (3) alternating pairs: remove the data, import, check. The
//! goal (issue 19): import within 1.5× of check's wall time, peak memory under 1 GiB. Figures in
//! docs/performance.md.

#[path = "national/generate.rs"]
mod generate;
#[path = "national/measure.rs"]
#[allow(dead_code)]
mod measure;

use std::path::Path;
use std::process::{Command, Stdio};

use gongkai::model::Value;
use gongkai::vocab::WorkState;

fn gongkai(args: &[&str], root: &Path) -> measure::Run {
    measure::run(
        Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .env("GONGKAI_LANG", "en")
            .arg("--root")
            .arg(root)
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null()),
    )
}

/// The wide workbook of every series of the site at `root`; (rows, cells written).
fn workbook(root: &Path, out: &Path) -> (usize, usize) {
    let (site, diags) = gongkai::build::check(root, None);
    let site = site.unwrap_or_else(|| panic!("the generated site does not load:\n{diags}"));
    let years: Vec<i32> = (2015..=2024).collect();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("数据").expect("sheet name");
    let zh = |t: &gongkai::model::Text| t.get("zh").unwrap_or_default().to_string();
    sheet.write_string(0, 0, "2015—2024年各地指标数据（合成）").expect("write");
    let mut header = vec!["地区".to_string(), "指标".to_string(), "范围".to_string()];
    header.extend(years.iter().map(|y| format!("{y}年")));
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(1, c as u16, h).expect("write");
    }
    let (mut row, mut cells) = (2u32, 0usize);
    for region in &site.regions {
        for series in &region.series {
            let indicator = site.indicator(&series.indicator).expect("indicator");
            sheet.write_string(row, 0, zh(&region.name)).expect("write");
            sheet.write_string(row, 1, zh(&indicator.name)).expect("write");
            if let Some(scope) = series.scope.as_deref().and_then(|s| site.scopes.iter().find(|x| x.id == s)) {
                sheet.write_string(row, 2, zh(&scope.name)).expect("write");
            }
            for o in &series.observations {
                let Some(c) = years.iter().position(|y| o.period.to_string() == y.to_string()) else { continue };
                let col = 3 + c as u16;
                match o.value {
                    Value::Number(n) => sheet.write_number(row, col, n),
                    Value::State(s) => sheet.write_string(
                        row,
                        col,
                        match s {
                            WorkState::Done => "已完成",
                            WorkState::InProgress => "推进中",
                            _ => "未启动",
                        },
                    ),
                }
                .expect("write");
                cells += 1;
            }
            row += 1;
        }
    }
    book.save(out).expect("save workbook");
    (row as usize - 2, cells)
}

/// Remove every region's data files.
fn remove_data(root: &Path) {
    for e in std::fs::read_dir(root.join("content/regions")).expect("regions").flatten() {
        for name in ["data.yaml", "data.csv"] {
            let _ = std::fs::remove_file(e.path().join(name));
        }
    }
}

fn main() {
    // The workbook is written by a child process of this bench (`IMPORT_BENCH_WORKBOOK=root`):
    // loading the site to write it leaves this process large, and a child started from a large
    // process counts that size in its peak memory.
    if let Ok(root) = std::env::var("IMPORT_BENCH_WORKBOOK") {
        let root = Path::new(&root);
        let (rows, values) = workbook(root, &root.join("数据.xlsx"));
        println!("{rows} {values}");
        return;
    }
    let runs: usize = std::env::var("RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(3);
    println!(
        "{:>5} {:>7} {:>8} {:>9} {:>8} {:>10} {:>10} {:>8} {:>10} {:>10} {:>7}",
        "size",
        "regions",
        "rows",
        "values",
        "xlsx MB",
        "import s",
        "import MB",
        "check s",
        "check MB",
        "import/ck",
        "run"
    );
    // `GENERATE=dir`: write the first size's site (its data removed), workbook and mapping
    // into `dir` (for profiling), and stop.
    let keep = std::env::var("GENERATE").ok();
    for pct in measure::sizes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = keep.as_deref().map_or(dir.path(), Path::new);
        let counts = generate::generate(root, pct / 100.0, 42);
        let book = root.join("数据.xlsx");
        let out = Command::new(std::env::current_exe().expect("this bench"))
            .env("IMPORT_BENCH_WORKBOOK", root)
            .output()
            .expect("write the workbook");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let printed = String::from_utf8_lossy(&out.stdout);
        let mut printed = printed.split_whitespace().filter_map(|n| n.parse::<usize>().ok());
        let (rows, values) = (printed.next().unwrap_or(0), printed.next().unwrap_or(0));
        let mb = std::fs::metadata(&book).map_or(0, |m| m.len()) as f64 / 1e6;
        // The generator's %-unit indicators include some with values under 1 (its CMI-like
        // base): the mapping says they are right as written.
        let map = root.join("import.yaml");
        std::fs::write(&map, "header: 2\npercent: points\n").expect("write mapping");
        let args = ["import", book.to_str().expect("path"), "--map", map.to_str().expect("path")];
        if let Some(k) = &keep {
            remove_data(root);
            println!("{pct}%: site, 数据.xlsx and import.yaml written to {k}");
            return;
        }
        for run in 1..=runs {
            remove_data(root);
            let import = gongkai(&args, root);
            if !import.ok {
                let out = Command::new(env!("CARGO_BIN_EXE_gongkai"))
                    .env("GONGKAI_LANG", "en")
                    .arg("--root")
                    .arg(root)
                    .args(args)
                    .output()
                    .expect("run import");
                let err = String::from_utf8_lossy(&out.stderr);
                panic!("import failed at {pct}%:\n{}", err.chars().take(3000).collect::<String>());
            }
            let check = gongkai(&["check"], root);
            assert!(check.ok, "check failed at {pct}%");
            println!(
                "{:>4}% {:>7} {:>8} {:>9} {:>8.1} {:>10.2} {:>10.0} {:>8.2} {:>10.0} {:>10.2} {:>7}",
                pct,
                counts.regions,
                rows,
                values,
                mb,
                import.wall.as_secs_f64(),
                import.max_rss_mb,
                check.wall.as_secs_f64(),
                check.max_rss_mb,
                import.wall.as_secs_f64() / check.wall.as_secs_f64(),
                run
            );
        }
    }
}

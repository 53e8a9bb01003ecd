//! An incremental rebuild (one commentary file changed) must give exactly the files a full
//! rebuild gives.

mod common;
use common::copy_dir;

#[path = "../benches/national/generate.rs"]
#[allow(dead_code)]
mod generate;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use gongkai::build::{BuiltSite, Change, Output, build_in_memory, classify};
use gongkai::sink::Collect;

fn files_of(built: Vec<gongkai::sink::OutputFile>) -> BTreeMap<String, Vec<u8>> {
    built.into_iter().map(|f| (f.path, f.bytes)).collect()
}

fn full_build(root: &Path) -> BTreeMap<String, Vec<u8>> {
    files_of(build_in_memory(root).unwrap_or_else(|d| panic!("{d}")).files)
}

/// Apply the edit in place, as `serve` does, and compare with a full build of the edited
/// content.
fn check(edit_path: &str, new_text: Option<&str>) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_dir(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content"), &root.join("content"));
    let built = build_in_memory(root).unwrap_or_else(|d| panic!("{d}"));
    let mut site = built.site;
    let mut files = files_of(built.files);

    let rel = Path::new(edit_path);
    match new_text {
        Some(t) => std::fs::write(root.join(rel), t).unwrap(),
        None => std::fs::remove_file(root.join(rel)).unwrap(),
    }
    let change = classify(root, &[root.join(rel)]);
    assert!(matches!(change, Change::Commentary(_)), "{change:?}");
    let sink = Collect::default();
    site.update(root, &change, Output::Memory(&sink), &|_| {}).unwrap_or_else(|e| panic!("{e:?}"));
    let changed = sink.into_files();
    assert!(!changed.is_empty());
    for f in changed {
        files.insert(f.path, f.bytes);
    }

    let full = full_build(root);
    assert_eq!(files.len(), full.len());
    for (path, bytes) in &full {
        assert!(
            files.get(path) == Some(bytes),
            "{path} differs between incremental and full rebuild after editing {edit_path}"
        );
    }
}

#[test]
fn region_commentary_edit() {
    check(
        "content/regions/yuncheng/index.en.md",
        Some("---\ntitle: Yuncheng\nupdated: 2025-01-02\n---\nA new **note**.\n"),
    );
}

#[test]
fn region_indicator_commentary_created_and_deleted() {
    check("content/regions/yaan/average-length-of-stay.zh.md", Some("新的解读。\n"));
    check("content/regions/yaan/cmi.en.md", None);
}

#[test]
fn indicator_commentary_edit() {
    check("content/indicators/cmi.zh.md", Some("CMI 的新说明。\n"));
}

/// `build --watch` after a change inside one region's folder: update the output in place
/// (the region's files, its parent's, the indicators', the home page, then the downloads) and
/// compare every file with a full build of the edited content.
fn check_region_update(region: &str, file: &str, edit: &dyn Fn(String) -> String) {
    check_region_update_spliced(region, file, DATA_EDIT, edit);
}

/// How many whole-site downloads an edit of a region's data splices: `all.csv`, `all.json` and
/// at least one indicator's CSV.
const DATA_EDIT: std::ops::RangeFrom<usize> = 3..;

/// [`check_region_update`], where the edit splices `spliced` of the whole-site downloads.
fn check_region_update_spliced(
    region: &str,
    file: &str,
    spliced: impl std::ops::RangeBounds<usize> + std::fmt::Debug,
    edit: &dyn Fn(String) -> String,
) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_dir(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content"), &root.join("content"));
    check_region_update_at(root, region, file, spliced, edit);
}

/// [`check_region_update_spliced`] on the site under `root`.
fn check_region_update_at(
    root: &Path,
    region: &str,
    file: &str,
    spliced: impl std::ops::RangeBounds<usize> + std::fmt::Debug,
    edit: &dyn Fn(String) -> String,
) {
    let built = build_in_memory(root).unwrap_or_else(|d| panic!("{d}"));
    let out = root.join("public");
    gongkai::output::write_site(&out, &built.files).unwrap();
    // The kept model, theme and assessments, as `build --watch` and `serve` keep them.
    let mut site: BuiltSite = built.site;
    // Where each region's rows went in the whole-site downloads, as a full build records it.
    site.downloads = gongkai::render::bulk_downloads(&site.site, &gongkai::output::InPlace::new(&out)).unwrap();
    let layouts_before = site.downloads.0.clone();

    let path = root.join("content/regions").join(region).join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = edit(text.clone());
    assert_ne!(edited, text, "the edit changes the file");
    std::fs::write(&path, edited).unwrap();

    let change = classify(root, std::slice::from_ref(&path));
    assert_eq!(change, Change::Region(region.to_string()));
    let updated = site.update(root, &change, Output::Disk(&out), &|_| {}).unwrap_or_else(|e| panic!("{e:?}"));
    let stats = updated.pages;
    assert!(stats.written > 0 && stats.written < stats.files, "{stats:?}: only what changed is written");
    let done = updated.downloads.expect("the downloads were brought up to date");
    // The downloads the edit changed (for data, all.csv, all.json and at least one indicator's
    // CSV; for tasks, tasks.csv and tasks.json) were spliced, not written whole; the others
    // were left alone.
    assert_eq!(done.whole, 0, "{done:?}");
    assert!(spliced.contains(&done.spliced) && done.kept > 0, "{done:?}, expected {spliced:?} spliced");
    assert_eq!(done.spliced + done.kept, layouts_before.len());

    assert_same_as_full_build(root, &out, &format!("the in-place update after editing {file}"));
}

/// Every file in `out` is the file a full build of the content under `root` makes, and there
/// is no other.
fn assert_same_as_full_build(root: &Path, out: &Path, what: &str) {
    let full = full_build(root);
    let mut on_disk = 0;
    let mut stack = vec![out.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            if e.path().is_dir() {
                stack.push(e.path());
            } else {
                on_disk += 1;
            }
        }
    }
    assert_eq!(on_disk, full.len(), "no file left over or missing (nor temporary files)");
    for (p, bytes) in &full {
        let got = std::fs::read(out.join(p)).unwrap_or_default();
        assert!(&got == bytes, "{p} differs between {what} and a full build");
    }
}

#[test]
fn region_data_edit_updates_in_place() {
    check_region_update("yuncheng", "data.yaml", &|t| {
        // Some value becomes another: the first number after a `2023: `.
        let i = t.find("2023: ").expect("a 2023 value") + "2023: ".len();
        let end = i + t[i..].find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(0);
        format!("{}{}{}", &t[..i], "99.5", &t[end..])
    });
}

#[test]
fn region_data_edit_that_moves_every_later_byte_updates_in_place() {
    // A longer number: the downloads are made again around the region's new rows, not
    // overwritten in place.
    check_region_update("yuncheng", "data.yaml", &|t| t.replacen("2024: 61.5}", "2024: 61.54321}", 1));
}

#[test]
fn region_data_edit_that_changes_a_status_updates_in_place() {
    // DRG funding falls back below its starting point: on track becomes off track, which shows
    // on the region's, its indicator's and the home page.
    check_region_update("yuncheng", "data.yaml", &|t| t.replacen("2024: 61.5}", "2024: 20.0}", 1));
}

#[test]
fn region_target_edit_updates_in_place() {
    check_region_update("kaizhou", "region.yaml", &|t| t.replacen("year: 2025", "year: 2026", 1));
}

#[test]
fn region_tasks_edit_updates_its_task_files_and_splices_the_whole_site_ones() {
    // A status and a progress note change: tasks.csv and tasks.json are spliced, the region's
    // data/tasks/yuncheng.csv and .json rewritten with its tasks page, nothing else downloaded.
    check_region_update_spliced("yuncheng", "tasks.yaml", 2..=2, &|t| {
        t.replacen("status: in_progress", "status: delayed", 1).replacen(
            "运城市人民医院项目已完成前期工作。",
            "运城市人民医院项目已完成前期工作，=进度说明更长了。",
            1,
        )
    });
}

#[test]
fn a_task_losing_its_deadline_updates_in_place() {
    // The edit removes the first deadline of a task: the downloads say none, as a full build.
    check_region_update_spliced("kaizhou", "tasks.yaml", 2..=2, &|t| {
        let i = t.find("\n  deadline: ").expect("a deadline");
        let end = i + 1 + t[i + 1..].find('\n').unwrap();
        format!("{}{}", &t[..i], &t[end..])
    });
}

#[test]
fn a_renamed_region_needs_a_full_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_dir(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content"), &root.join("content"));
    let mut site = build_in_memory(root).unwrap_or_else(|d| panic!("{d}")).site.site;
    let path = root.join("content/regions/yuncheng/region.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("name: {zh: 运城市", "name: {zh: 运城", 1)).unwrap();
    let (raw, _) = gongkai::content::load_region_dir(root, "yuncheng");
    assert!(matches!(
        gongkai::model::replace_region(&mut site, &raw),
        Err(gongkai::model::RegionUpdate::Structural(gongkai::model::StructuralChange::NameChanged(_)))
    ));
}

/// The generated site at 1% of national scale, without `updated` in site.yaml: its reporting
/// year is the latest year any region has data for (2024).
fn national_site_without_updated(root: &Path) {
    generate::generate(root, 0.01, 42);
    let site_yaml = root.join("content/site.yaml");
    let text = std::fs::read_to_string(&site_yaml).unwrap();
    let without = text.replace("updated: 2024-12-31\n", "");
    assert_ne!(without, text, "the generator writes `updated`; the test removes it");
    std::fs::write(&site_yaml, without).unwrap();
}

#[test]
fn without_updated_a_data_edit_that_keeps_the_reporting_year_updates_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    national_site_without_updated(root);
    // A 2024 value (of a quantitative series) changes; 2024 stays the latest year.
    check_region_update_at(root, "k0000", "data.yaml", DATA_EDIT, &|t| t.replacen("2024: ", "2024: 3", 1));
}

#[test]
fn without_updated_a_data_edit_that_moves_the_reporting_year_rebuilds_everything() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    national_site_without_updated(root);
    let built = build_in_memory(root).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(built.site.site.config.progress.as_of, 2024);
    let out = root.join("public");
    gongkai::output::write_site(&out, &built.files).unwrap();
    let before = files_of(built.files);
    let mut site: BuiltSite = built.site;

    // A value for 2026, later than any: the reporting year moves, and the 2025 targets of every
    // region have passed.
    let path = root.join("content/regions/k0000/data.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    // (The first entry's release date, before 2026 ends, would make the new value an error.)
    let text = text.replacen("  released: ", "  # released: ", 1);
    std::fs::write(&path, text.replacen("  values: {", "  values: {2026: 1.5, ", 1)).unwrap();
    let change = classify(root, std::slice::from_ref(&path));
    assert_eq!(change, Change::Region("k0000".into()));
    let why = match site.update(root, &change, Output::Disk(&out), &|_| {}) {
        Err(gongkai::build::NotApplied::Everything(why)) => why,
        other => panic!("expected a full rebuild, got {other:?}"),
    };
    assert_eq!(
        why,
        gongkai::build::Why::Region(gongkai::model::StructuralChange::ReportingYearMoved { from: 2024, to: 2026 })
    );
    assert_eq!(why.message().en(), "the reporting year moves from 2024 to 2026");
    assert_eq!(why.message().zh(), "报告年份由 2024 年变为 2026 年");

    // The full rebuild, as `serve` makes it, written over the old output.
    let (rebuilt, _) = BuiltSite::load(root).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(rebuilt.site.config.progress.as_of, 2026);
    let files = rebuilt.render_all(root).unwrap_or_else(|d| panic!("{d}"));
    // Pages of regions the edit does not touch in place changed too: an in-place update would
    // have left them wrong.
    let ancestors = ["k0000", "c000", "p00"];
    let elsewhere = files.iter().filter(|f| {
        let region = f.path.split("regions/").nth(1).and_then(|p| p.split_once('/')).map(|(id, _)| id);
        region.is_some_and(|r| !ancestors.contains(&r)) && before.get(&f.path) != Some(&f.bytes)
    });
    assert!(elsewhere.count() > 0, "other regions' pages change with the reporting year");
    gongkai::output::write_site(&out, &files).unwrap();
    assert_same_as_full_build(root, &out, "the full rebuild after the reporting year moved");
}

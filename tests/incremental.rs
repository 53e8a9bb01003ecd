//! An incremental rebuild (one commentary file changed) must give exactly the files a full
//! rebuild gives.

mod common;
use common::copy_dir;

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
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_dir(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content"), &root.join("content"));
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
    // all.csv, all.json and at least one indicator's CSV changed, and were spliced, not written
    // whole; the other indicators' CSVs were left alone.
    assert_eq!(done.whole, 0, "{done:?}");
    assert!(done.spliced >= 3 && done.kept > 0, "{done:?}");
    assert_eq!(done.spliced + done.kept, layouts_before.len());

    let full = full_build(root);
    let mut on_disk = 0;
    let mut stack = vec![out.clone()];
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
        assert!(&got == bytes, "{p} differs between the in-place update and a full build after editing {file}");
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
fn a_renamed_region_needs_a_full_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_dir(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content"), &root.join("content"));
    let mut site = build_in_memory(root).unwrap_or_else(|d| panic!("{d}")).site.site;
    let path = root.join("content/regions/yuncheng/region.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("name: {zh: 运城市", "name: {zh: 运城", 1)).unwrap();
    let (raw, _) = gongkai::content::load_region_dir(root, "yuncheng");
    assert!(matches!(gongkai::model::replace_region(&mut site, &raw), Err(gongkai::model::RegionUpdate::Structural)));
}

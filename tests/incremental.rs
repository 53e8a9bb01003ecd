//! An incremental rebuild (one commentary file changed) must give exactly the files a full
//! rebuild gives.

mod common;
use common::copy_dir;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use gongkai::render::Selection;

fn files_of(built: Vec<gongkai::render::OutputFile>) -> BTreeMap<String, Vec<u8>> {
    built.into_iter().map(|f| (f.path, f.bytes)).collect()
}

/// Apply the edit incrementally and compare with a full build of the edited content.
fn check(edit_path: &str, new_text: Option<&str>) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_dir(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content"), &root.join("content"));
    let built = gongkai::pipeline::build(root).unwrap_or_else(|d| panic!("{d}"));
    let mut site = built.site;
    let theme = built.theme;
    let mut files = files_of(built.files);

    let rel = Path::new(edit_path);
    match new_text {
        Some(t) => std::fs::write(root.join(rel), t).unwrap(),
        None => std::fs::remove_file(root.join(rel)).unwrap(),
    }
    let c = new_text.map(|_| gongkai::content::load_commentary(root, rel).unwrap_or_else(|d| panic!("{d}")));
    let of = site.set_commentary(rel, c.as_ref()).expect("a commentary file of this site");
    let mut sel = Selection::default();
    match of {
        gongkai::model::CommentaryOf::Region(r) => {
            sel.regions.insert(r);
            sel.home = true;
        }
        gongkai::model::CommentaryOf::RegionIndicator(r, _) => {
            sel.regions.insert(r);
        }
        gongkai::model::CommentaryOf::Indicator(i) => {
            for r in site.regions.iter().filter(|r| r.series.iter().any(|s| s.indicator == i)) {
                sel.regions.insert(r.id.clone());
            }
            sel.indicators.insert(i);
        }
    }
    let changed = gongkai::render::render_selected(&site, &theme, root, &sel).unwrap_or_else(|d| panic!("{d}"));
    assert!(!changed.is_empty());
    for f in changed {
        files.insert(f.path, f.bytes);
    }

    let full = files_of(gongkai::pipeline::build(root).unwrap_or_else(|d| panic!("{d}")).files);
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

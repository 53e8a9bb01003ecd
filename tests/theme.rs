//! Site themes against the theme contract (docs/themes.md): a theme copied from an older gongkai
//! that reads a context field since replaced fails with an error that names the field, its
//! replacement, the template line and the contract.
//!
//! `tests/fixtures/old-theme/` is an overlay on `tests/fixtures/base/`: a site theme whose
//! `series.html` is the built-in one from before data-table rows came with their cells
//! pre-rendered (`r.cells_html`), so it still loops over `r.cells`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Build the base site with the old theme, speaking `lang`: the site's folder and the run.
fn build_old_theme(lang: &str) -> (tempfile::TempDir, std::process::Output) {
    let site = tempfile::tempdir().unwrap();
    common::copy_dir(&fixtures().join("base"), site.path());
    common::copy_dir(&fixtures().join("old-theme"), site.path());
    let out = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", lang)
        .args(["build", "--root"])
        .arg(site.path())
        .arg("--output")
        .arg(site.path().join("public"))
        .output()
        .unwrap();
    (site, out)
}

#[test]
fn an_old_series_template_names_r_cells_and_its_replacement() {
    let (site, out) = build_old_theme("en");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error: template error in `series.html`"), "{stderr}");
    assert!(stderr.contains("`r.cells` was replaced by `r.cells_html`"), "{stderr}");
    // The loop `{% for c in r.cells %}` in the old template.
    assert!(stderr.contains("--> themes/default/templates/series.html:38:58"), "{stderr}");
    assert!(
        stderr
            .contains("= hint: replace the loop `{% for c in r.cells %}…{% endfor %}` by `{{ r.cells_html | safe }}`"),
        "{stderr}"
    );
    assert!(stderr.contains("docs/themes.md"), "{stderr}");
    assert!(!site.path().join("public").exists(), "nothing is written");
}

#[test]
fn in_chinese_the_old_series_template_is_explained_in_chinese() {
    let (_site, out) = build_old_theme("zh");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("错误：themes/default/templates/series.html 第 38 行第 58 列：模板 `series.html` 有错误："),
        "{stderr}"
    );
    assert!(stderr.contains("`r.cells` 已改为 `r.cells_html`，即数据表中一行的全部单元格"), "{stderr}");
    assert!(
        stderr.contains("提示：请把循环 `{% for c in r.cells %}…{% endfor %}` 改为 `{{ r.cells_html | safe }}`（gongkai 的 docs/themes.md"),
        "{stderr}"
    );
}

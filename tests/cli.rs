//! The command line on small sites made by `gongkai init`: the starter site, theme overrides,
//! template errors, base URLs, translation fallbacks, raw HTML, exit codes.

use std::path::Path;
use std::process::{Command, Output};

fn gongkai(args: &[&str], root: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "en")
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap()
}

fn starter() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "en")
        .arg("init")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    dir
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn read(p: impl AsRef<Path>) -> String {
    std::fs::read_to_string(p.as_ref()).unwrap_or_else(|e| panic!("{}: {e}", p.as_ref().display()))
}

fn edit(path: impl AsRef<Path>, from: &str, to: &str) {
    let text = read(&path);
    assert!(text.contains(from), "{from} not in {}", path.as_ref().display());
    std::fs::write(path, text.replace(from, to)).unwrap();
}

#[test]
fn init_writes_a_starter_site_that_passes_strict_check_and_builds() {
    let dir = starter();
    let check = gongkai(&["check", "--strict"], dir.path());
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(String::from_utf8_lossy(&check.stdout).contains("1 region, 2 indicators"));
    let build = gongkai(&["build"], dir.path());
    assert!(build.status.success(), "{}", stderr(&build));
    for page in [
        "index.html",
        "en/index.html",
        "regions/demo-city/index.html",
        "regions/demo-city/cmi/index.html",
        "en/about/index.html",
    ] {
        assert!(dir.path().join("public").join(page).is_file(), "{page}");
    }
    // A second init refuses to overwrite the content.
    let again = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "en")
        .arg("init")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already has a content folder"));
}

#[test]
fn usage_errors_exit_with_2() {
    let out = Command::new(env!("CARGO_BIN_EXE_gongkai")).env("GONGKAI_LANG", "en").arg("chekc").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("check"), "clap suggests the right command: {}", stderr(&out));
}

#[test]
fn a_theme_folder_overrides_the_built_in_theme_file_by_file() {
    let dir = starter();
    let theme = dir.path().join("themes/default");
    std::fs::create_dir_all(theme.join("static")).unwrap();
    std::fs::create_dir_all(theme.join("templates")).unwrap();
    std::fs::write(theme.join("static/style.css"), "/* our own colours */ body { color: #000; }").unwrap();
    std::fs::write(
        theme.join("templates/page.html"),
        "{% extends \"base.html\" %}{% block content %}<p class=\"custom-page\">{{ title }}</p>{% endblock content %}",
    )
    .unwrap();
    let build = gongkai(&["build"], dir.path());
    assert!(build.status.success(), "{}", stderr(&build));
    let public = dir.path().join("public");
    assert!(read(public.join("static/style.css")).contains("our own colours"));
    assert!(read(public.join("about/index.html")).contains("<p class=\"custom-page\">关于本站</p>"));
    // Templates not overridden still come from the built-in theme.
    assert!(read(public.join("regions/demo-city/index.html")).contains("class=\"indicators\""));
}

#[test]
fn a_template_error_names_the_template_and_line_and_writes_nothing() {
    let dir = starter();
    let built = gongkai(&["build"], dir.path());
    assert!(built.status.success());
    let before = read(dir.path().join("public/index.html"));
    let templates = dir.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("region.html"),
        "{% extends \"base.html\" %}\n{% block content %}\n{% if %}\n{% endblock content %}\n",
    )
    .unwrap();
    let out = gongkai(&["build"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("region.html"), "{err}");
    assert!(err.contains("themes/default/templates/region.html:3:"), "{err}");
    assert_eq!(read(dir.path().join("public/index.html")), before, "public/ untouched");
}

#[test]
fn an_unknown_theme_is_an_error() {
    let dir = starter();
    edit(dir.path().join("content/site.yaml"), "theme: default", "theme: blue");
    let out = gongkai(&["build"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("there is no theme folder themes/blue"), "{}", stderr(&out));
}

#[test]
fn base_url_makes_canonical_links_and_sitemap_while_links_stay_relative() {
    let dir = starter();
    edit(dir.path().join("content/site.yaml"), "base_url: /", "base_url: https://wjw.example.gov.cn/gongkai/");
    assert!(gongkai(&["build"], dir.path()).status.success());
    let public = dir.path().join("public");
    let page = read(public.join("en/regions/demo-city/index.html"));
    assert!(
        page.contains("<link rel=\"canonical\" href=\"https://wjw.example.gov.cn/gongkai/en/regions/demo-city/\">")
    );
    assert!(page.contains("hreflang=\"zh-CN\" href=\"https://wjw.example.gov.cn/gongkai/regions/demo-city/\""));
    assert!(page.contains("href=\"../../../static/style.css\""), "assets stay relative");
    let sitemap = read(public.join("sitemap.xml"));
    assert!(sitemap.contains("<loc>https://wjw.example.gov.cn/gongkai/regions/demo-city/cmi/</loc>"));
    // The 404 page is served at any depth, so its links start from the base path.
    assert!(read(public.join("404.html")).contains("href=\"/gongkai/static/style.css\""));
}

#[test]
fn missing_english_falls_back_to_chinese_with_a_marker() {
    let dir = starter();
    edit(
        dir.path().join("content/regions/demo-city/region.yaml"),
        "name: {zh: 示例市, en: Demo City}",
        "name: {zh: 示例市}",
    );
    std::fs::remove_file(dir.path().join("content/indicators/cmi.en.md")).unwrap();
    let check = gongkai(&["check"], dir.path());
    assert!(check.status.success());
    assert!(stderr(&check).contains("`name` has no English (en) text"), "{}", stderr(&check));
    let strict = gongkai(&["check", "--strict"], dir.path());
    assert_eq!(strict.status.code(), Some(1));
    assert!(gongkai(&["build"], dir.path()).status.success());
    let en = read(dir.path().join("public/en/regions/demo-city/index.html"));
    assert!(
        en.contains("<span lang=\"zh-CN\">示例市</span> <span class=\"untranslated\">(not yet translated)</span>"),
        "region name"
    );
    let ind = read(dir.path().join("public/en/indicators/cmi/index.html"));
    assert!(ind.contains("class=\"untranslated\">(not yet translated)"), "commentary");
    assert!(ind.contains("CMI（病例组合指数）"), "Chinese commentary shown instead");
}

#[test]
fn raw_html_in_commentary_is_escaped_unless_allowed_and_never_runs_scripts() {
    let dir = starter();
    let md = dir.path().join("content/regions/demo-city/index.en.md");
    std::fs::write(&md, "Hello <b>bold</b> <script>alert(1)</script> <img src=x onerror=alert(2)>\n").unwrap();
    assert!(gongkai(&["build"], dir.path()).status.success());
    let page = read(dir.path().join("public/en/regions/demo-city/index.html"));
    assert!(page.contains("&lt;b&gt;bold&lt;/b&gt;"));
    assert!(!page.contains("<script>alert"));
    edit(dir.path().join("content/site.yaml"), "allow_html: false", "allow_html: true");
    assert!(gongkai(&["build"], dir.path()).status.success());
    let page = read(dir.path().join("public/en/regions/demo-city/index.html"));
    assert!(page.contains("<b>bold</b>"));
    assert!(!page.contains("alert(1)") && !page.contains("onerror"));
}

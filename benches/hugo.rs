//! gongkai against Hugo on the same machine, in the same run, with the same number of pages (issue 5).
//!
//! `SIZES=1,10 cargo bench --bench hugo` (sizes in percent of the national site, default 1;
//! `RUNS=N` runs per tool, default 3; `HUGO=path` picks the Hugo binary, default `hugo`;
//! `KEEP=1` keeps both sites and their output in the temporary folder).
//!
//! For each size it generates the synthetic national site (`national/generate.rs`), builds it
//! with `gongkai build`, then writes a Hugo site with one Markdown page for every HTML page
//! gongkai wrote, at the same path in the same language (zh at `/`, en under `/en/`), and builds
//! it with `hugo`. Each Hugo page carries what a gongkai region × indicator page shows: a title,
//! breadcrumbs with the parent regions, ten yearly values and two targets in the front matter, and
//! a short Markdown commentary; the layouts (`baseof`, `single`, `list`, a partial, i18n strings)
//! have the structure of gongkai's templates (header, language switch, nav, breadcrumbs, data
//! table, targets, footer) but draw no charts, so the comparison favours Hugo.
//!
//! Every run starts from an empty output folder (the previous output is deleted outside the
//! timing), so both tools write every page. Each tool builds once untimed (warm file cache; this
//! also gives the page list), then `RUNS` times, alternating gongkai and Hugo so that other load
//! on the machine falls on both alike. The table shows the median wall time and the highest peak
//! memory (`wait4` rusage) of the timed runs; the line below it every wall time, the CPU time of
//! the median run and the bytes written.

#[path = "national/generate.rs"]
mod generate;
#[path = "national/measure.rs"]
#[allow(dead_code)]
mod measure;

use measure::Run;

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::fs::File;
use std::path::Path;
use std::process::{Command, Stdio};

/// Run `cmd` with stdout discarded and stderr written to `log`.
fn run(cmd: &mut Command, log: &Path) -> Run {
    let stderr = File::create(log).expect("create log file");
    measure::run(cmd.stdout(Stdio::null()).stderr(stderr))
}

/// A build command: how to run it, how to empty its output folder first, where its errors go.
struct Tool<'a> {
    name: &'a str,
    cmd: &'a dyn Fn() -> Command,
    clean: &'a dyn Fn(),
    log: &'a Path,
}

impl Tool<'_> {
    /// One build into an empty output folder; panics with the tool's error output if it fails.
    fn once(&self) -> Run {
        (self.clean)();
        let r = run(&mut (self.cmd)(), self.log);
        if !r.ok {
            let text = std::fs::read_to_string(self.log).unwrap_or_default();
            panic!("{} failed:\n{text}", self.name);
        }
        r
    }
}

/// Several runs of one tool.
struct Timing {
    /// The run with the median wall time.
    median: Run,
    /// Every wall time, in run order.
    walls: Vec<f64>,
    /// The highest peak memory of all runs.
    peak_mb: f64,
}

fn summarise(mut all: Vec<Run>) -> Timing {
    let walls = all.iter().map(|r| r.wall.as_secs_f64()).collect();
    let peak_mb = all.iter().map(|r| r.max_rss_mb).fold(0.0, f64::max);
    all.sort_by_key(|r| r.wall);
    let median = all.swap_remove(all.len() / 2);
    Timing { median, walls, peak_mb }
}

fn remove(path: &Path) {
    if path.exists() {
        std::fs::remove_dir_all(path).expect("remove old output");
    }
}

/// The HTML pages under `dir` (paths relative to it, with `/`) and the bytes of all files.
fn html_pages(dir: &Path) -> (BTreeSet<String>, u64) {
    fn walk(dir: &Path, prefix: &str, pages: &mut BTreeSet<String>, bytes: &mut u64) {
        for e in std::fs::read_dir(dir).expect("read output folder").flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let rel = if prefix.is_empty() { name.clone() } else { format!("{prefix}/{name}") };
            let p = e.path();
            if p.is_dir() {
                walk(&p, &rel, pages, bytes);
            } else {
                *bytes += e.metadata().map_or(0, |m| m.len());
                if name.ends_with(".html") {
                    pages.insert(rel);
                }
            }
        }
    }
    let (mut pages, mut bytes) = (BTreeSet::new(), 0);
    walk(dir, "", &mut pages, &mut bytes);
    (pages, bytes)
}

/// Chinese and English names of the site, the regions and the indicators, read back from the
/// generated content, and each region's parent.
struct Names {
    site: (String, String),
    names: HashMap<String, (String, String)>,
    parents: HashMap<String, String>,
}

/// `key: {zh: …, en: …}` → (zh, en).
fn bilingual(text: &str, key: &str) -> Option<(String, String)> {
    let line = text.lines().find_map(|l| l.strip_prefix(key)?.strip_prefix(": {zh: "))?;
    let (zh, en) = line.trim_end().trim_end_matches('}').split_once(", en: ")?;
    Some((zh.to_string(), en.to_string()))
}

fn read_names(content: &Path) -> Names {
    let read = |p: &Path| std::fs::read_to_string(p).unwrap_or_default();
    let site = bilingual(&read(&content.join("site.yaml")), "title").unwrap_or_default();
    let mut names = HashMap::from([
        ("regions".to_string(), ("地区".to_string(), "Regions".to_string())),
        ("indicators".to_string(), ("指标".to_string(), "Indicators".to_string())),
        ("tasks".to_string(), ("重点任务".to_string(), "Key tasks".to_string())),
    ]);
    let mut parents = HashMap::new();
    for e in std::fs::read_dir(content.join("indicators")).expect("read indicators").flatten() {
        let file = e.file_name().to_string_lossy().into_owned();
        if let Some(id) = file.strip_suffix(".yaml")
            && let Some(n) = bilingual(&read(&e.path()), "name")
        {
            names.insert(id.to_string(), n);
        }
    }
    for e in std::fs::read_dir(content.join("regions")).expect("read regions").flatten() {
        let id = e.file_name().to_string_lossy().into_owned();
        let text = read(&e.path().join("region.yaml"));
        if let Some(n) = bilingual(&text, "name") {
            names.insert(id.clone(), n);
        }
        if let Some(p) = text.lines().find_map(|l| l.strip_prefix("parent: ")) {
            parents.insert(id, p.trim().to_string());
        }
    }
    Names { site, names, parents }
}

const LANGS: [&str; 2] = ["zh", "en"];

const CONFIG: &str = r##"baseURL = "/"
defaultContentLanguage = "zh"
defaultContentLanguageInSubdir = false
disableKinds = ["taxonomy", "term", "RSS"]

[languages.zh]
languageCode = "zh-CN"
languageName = "中文"
contentDir = "content/zh"
weight = 1
title = "SITE_ZH"
[[languages.zh.menus.main]]
name = "首页"
url = "/"
weight = 1
[[languages.zh.menus.main]]
name = "地区"
url = "/regions/"
weight = 2
[[languages.zh.menus.main]]
name = "指标"
url = "/indicators/"
weight = 3

[languages.en]
languageCode = "en"
languageName = "English"
contentDir = "content/en"
weight = 2
title = "SITE_EN"
[[languages.en.menus.main]]
name = "Home"
url = "/en/"
weight = 1
[[languages.en.menus.main]]
name = "Regions"
url = "/en/regions/"
weight = 2
[[languages.en.menus.main]]
name = "Indicators"
url = "/en/indicators/"
weight = 3
"##;

const BASEOF: &str = r##"<!DOCTYPE html>
<html lang="{{ site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
<link rel="canonical" href="{{ .RelPermalink }}">
{{- range .AllTranslations }}
<link rel="alternate" hreflang="{{ .Site.LanguageCode }}" href="{{ .RelPermalink }}">
{{- end }}
<link rel="stylesheet" href="{{ "static/style.css" | relURL }}">
<script src="{{ "static/site.js" | relURL }}" defer></script>
</head>
<body>
<a class="skip" href="#main">{{ i18n "skip_to_content" }}</a>
<header class="site-header">
  <div class="wrap header-row">
    <a class="site-title" href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
    <nav class="lang-switch" aria-label="{{ i18n "language_switch" }}">
      {{- range .AllTranslations }}
      {{ if eq .Lang $.Lang }}<span class="current" aria-current="true" lang="{{ .Site.LanguageCode }}">{{ .Language.LanguageName }}</span>{{ else }}<a href="{{ .RelPermalink }}" hreflang="{{ .Site.LanguageCode }}" lang="{{ .Site.LanguageCode }}">{{ .Language.LanguageName }}</a>{{ end }}
      {{- end }}
    </nav>
  </div>
  <nav class="main-nav" aria-label="{{ i18n "sitemap" }}">
    <ul class="wrap">
      {{- range site.Menus.main }}
      <li><a href="{{ .URL }}"{{ if $.IsMenuCurrent "main" . }} aria-current="page"{{ end }}>{{ .Name }}</a></li>
      {{- end }}
    </ul>
  </nav>
</header>
{{- with .Params.breadcrumbs }}
<nav class="breadcrumbs wrap" aria-label="{{ i18n "breadcrumb_label" }}">
  <ol>
    {{- range . }}
    <li><a href="{{ .href | relLangURL }}">{{ .name }}</a></li>
    {{- end }}
    <li><span aria-current="page">{{ $.Title }}</span></li>
  </ol>
</nav>
{{- end }}
<main id="main" class="wrap">
{{- if .Params.values }}
<p class="sample-banner" role="note"><strong>{{ i18n "sample_tag" }}</strong> {{ i18n "sample_banner" }}</p>
{{- end }}
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer">
  <div class="wrap">
    <p>{{ site.Title }} · {{ i18n "last_updated" }} <time datetime="{{ .Lastmod.Format "2006-01-02" }}">{{ .Lastmod.Format "2006-01-02" }}</time></p>
    <p><a href="{{ "data/all.csv" | relURL }}">{{ i18n "download_all_csv" }}</a> · <a href="{{ "data/all.json" | relURL }}">{{ i18n "download_all_json" }}</a></p>
  </div>
</footer>
</body>
</html>
"##;

const SERIES: &str = r##"{{- $unit := .Params.unit }}
{{- $latest := 0.0 }}{{ $year := 0 }}
{{- range .Params.values }}{{ if .value }}{{ $latest = .value }}{{ $year = .year }}{{ end }}{{ end }}
<section class="status-block" aria-labelledby="status-h">
  <h2 id="status-h" class="visually-hidden">{{ i18n "status" }}</h2>
  <p><span class="value big">{{ printf "%.1f" $latest }}{{ $unit }}</span> <span class="period">{{ $year }}</span></p>
</section>

<section aria-labelledby="data-h">
  <h2 id="data-h">{{ i18n "data_table" }}</h2>
  <div class="table-wrap">
  <table class="data">
    <thead><tr><th scope="col">{{ i18n "period" }}</th><th scope="col" class="num">{{ i18n "value" }}{{ i18n "paren_open" }}{{ $unit }}{{ i18n "paren_close" }}</th></tr></thead>
    <tbody>
      {{- range .Params.values }}
      <tr><th scope="row">{{ .year }}</th><td class="num">{{ with .value }}{{ printf "%.1f" . }}{{ $unit }} <span class="sample-tag" title="{{ i18n "sample_banner" }}">{{ i18n "sample_tag" }}</span>{{ else }}<span class="none">—</span>{{ end }}</td></tr>
      {{- end }}
    </tbody>
  </table>
  </div>
  <p><a class="download" href="{{ .RelPermalink }}data.csv" download>{{ i18n "download_csv" }}</a></p>
</section>

<section aria-labelledby="targets-h">
  <h2 id="targets-h">{{ i18n "targets" }}</h2>
  {{- range .Params.targets }}
  <div class="target-card">
    <p><strong>≥ {{ printf "%.1f" .value }}{{ $unit }}{{ i18n "paren_open" }}{{ .year }}{{ i18n "paren_close" }}</strong> {{ if ge $latest .value }}<span class="status status-achieved">{{ i18n "achieved" }}</span>{{ else }}<span class="status status-needs_acceleration">{{ i18n "needs_acceleration" }}</span>{{ end }}</p>
    <blockquote class="wording"><span class="label">{{ i18n "plan_wording" }}{{ i18n "colon" }}</span>{{ .text }}</blockquote>
  </div>
  {{- end }}
</section>
"##;

const SINGLE: &str = r##"{{ define "main" }}
<h1>{{ .Title }}</h1>
<p class="subtitle">{{ with .Params.region }}<a href="{{ .href | relLangURL }}">{{ .name }}</a> · {{ end }}<span class="direction direction-increase">{{ i18n "direction_increase" }}</span></p>
{{ partial "series.html" . }}
<section class="commentary prose" aria-label="{{ i18n "commentary" }}">{{ .Content }}</section>
{{ end }}
"##;

const LIST: &str = r##"{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ partial "series.html" . }}
{{- with .Pages }}
<section aria-labelledby="child-h">
  <h2 id="child-h">{{ i18n "contents" }}</h2>
  <div class="table-wrap">
  <table class="indicators">
    <thead><tr><th scope="col">{{ i18n "indicator" }}</th><th scope="col">{{ i18n "latest_value" }}</th><th scope="col">{{ i18n "targets" }}</th></tr></thead>
    <tbody>
    {{- range . }}
      <tr><th scope="row"><a href="{{ .RelPermalink }}">{{ .Title }}</a></th><td class="num">{{ with .Params.values }}{{ (index . (sub (len .) 1)).value }}{{ end }}</td><td>{{ range .Params.targets }}<span class="target" title="{{ .text }}">≥ {{ .value }}{{ i18n "paren_open" }}{{ .year }}{{ i18n "paren_close" }}</span>{{ end }}</td></tr>
    {{- end }}
    </tbody>
  </table>
  </div>
</section>
{{- end }}
<section class="commentary prose" aria-label="{{ i18n "commentary" }}">{{ .Content }}</section>
{{ end }}
"##;

const NOT_FOUND: &str = r##"{{ define "main" }}
<h1>{{ i18n "not_found" }}</h1>
<p><a href="{{ site.Home.RelPermalink }}">{{ i18n "home" }}</a></p>
{{ end }}
"##;

const I18N_ZH: &str = "home: 首页\nskip_to_content: 跳到正文\nlanguage_switch: 语言\nsitemap: 网站地图\nbreadcrumb_label: 当前位置\nsample_tag: 示例\nsample_banner: 示例数据：本页部分或全部数值为示例数据，仅用于演示，不是官方统计。\nlast_updated: 更新日期\ndownload_all_csv: 全站数据（CSV）\ndownload_all_json: 全站数据（JSON）\nstatus: 状态\ndata_table: 数据表\nperiod: 时期\nvalue: 数值\ndownload_csv: 下载 CSV\ntargets: 目标\nachieved: 已实现\nneeds_acceleration: 需加快\nplan_wording: 方案原文\ndirection_increase: 数值越高越好\ncommentary: 解读\ncontents: 内容\nindicator: 指标\nlatest_value: 最新值\nnot_found: 页面不存在\ncolon: ：\nparen_open: （\nparen_close: ）\n";

const I18N_EN: &str = "home: Home\nskip_to_content: Skip to content\nlanguage_switch: Language\nsitemap: Site map\nbreadcrumb_label: You are here\nsample_tag: Sample\nsample_banner: \"Sample data: some or all values on this page are illustrative, not official statistics.\"\nlast_updated: Last updated\ndownload_all_csv: All data (CSV)\ndownload_all_json: All data (JSON)\nstatus: Status\ndata_table: Data table\nperiod: Period\nvalue: Value\ndownload_csv: Download CSV\ntargets: Targets\nachieved: Achieved\nneeds_acceleration: Needs acceleration\nplan_wording: Plan wording\ndirection_increase: Higher is better\ncommentary: Commentary\ncontents: Contents\nindicator: Indicator\nlatest_value: Latest value\nnot_found: Page not found\ncolon: \": \"\nparen_open: \" (\"\nparen_close: \")\"\n";

fn write_file(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create folder");
    }
    std::fs::write(path, text).expect("write file");
}

/// Write a Hugo site under `dir` with one page per HTML page in `gongkai_pages`; returns how
/// many Markdown files it wrote.
fn write_hugo_site(dir: &Path, gongkai_pages: &BTreeSet<String>, names: &Names) -> usize {
    let config = CONFIG.replace("SITE_ZH", &names.site.0).replace("SITE_EN", &names.site.1);
    write_file(&dir.join("hugo.toml"), &config);
    for (path, text) in [
        ("layouts/_default/baseof.html", BASEOF),
        ("layouts/_default/single.html", SINGLE),
        ("layouts/_default/list.html", LIST),
        ("layouts/partials/series.html", SERIES),
        ("layouts/404.html", NOT_FOUND),
        ("i18n/zh.yaml", I18N_ZH),
        ("i18n/en.yaml", I18N_EN),
    ] {
        write_file(&dir.join(path), text);
    }

    // gongkai's page folders per language ("" is the home page). Hugo writes its own 404.html
    // per language from layouts/404.html, as gongkai does.
    let mut folders: [BTreeSet<String>; 2] = Default::default();
    for page in gongkai_pages {
        let (lang, rest) = match page.strip_prefix("en/") {
            Some(rest) => (1, rest),
            None => (0, page.as_str()),
        };
        if rest == "404.html" {
            continue;
        }
        match rest.strip_suffix("index.html") {
            Some(folder) => {
                folders[lang].insert(folder.trim_end_matches('/').to_string());
            }
            None => eprintln!("  no Hugo page for {page}"),
        }
    }
    // A folder with pages below it is a Hugo section (`_index.md`, list layout); any other
    // page is a regular page (`<folder>.md`, single layout) written to `<folder>/index.html`.
    let parents: [BTreeSet<String>; 2] = folders.each_ref().map(|set| {
        set.iter().flat_map(|f| f.match_indices('/').map(|(i, _)| f[..i].to_string()).chain([String::new()])).collect()
    });

    let all: BTreeSet<&String> = folders.iter().flatten().collect();
    let mut rng = generate::Rng::new(42);
    let mut files = 0;
    for folder in all {
        let page = Page::new(&mut rng);
        for (l, lang) in LANGS.iter().enumerate() {
            if !folders[l].contains(folder) {
                continue;
            }
            let file = if folder.is_empty() {
                "_index.md".to_string()
            } else if parents[l].contains(folder) {
                format!("{folder}/_index.md")
            } else {
                format!("{folder}.md")
            };
            write_file(&dir.join("content").join(lang).join(file), &page.markdown(folder, l, names));
            files += 1;
        }
    }
    files
}

/// The data of one page, shared by both languages: ten yearly values (2015–2024, about one gap
/// in twelve) and targets for 2023 and 2025.
struct Page {
    values: Vec<(u32, Option<f64>)>,
    targets: [(u32, f64); 2],
}

impl Page {
    fn new(rng: &mut generate::Rng) -> Page {
        let base = [0.9, 45.0, 9.5, 320.0, 12.0][rng.below(5) as usize] * (0.8 + 0.4 * rng.unit());
        let trend = base * (0.01 + 0.03 * rng.unit());
        let round = |v: f64| (v * 10.0).round() / 10.0;
        let values = (2015..=2024)
            .enumerate()
            .map(|(k, year)| {
                let gap = year != 2024 && rng.below(12) == 0;
                let v = base + trend * k as f64 + base * 0.02 * (rng.unit() - 0.5);
                (year, (!gap).then(|| round(v)))
            })
            .collect();
        let target =
            |year: u32, rng: &mut generate::Rng| round(base + trend * (year - 2015) as f64 * (0.8 + 0.4 * rng.unit()));
        Page { values, targets: [(2023, target(2023, rng)), (2025, target(2025, rng))] }
    }

    fn markdown(&self, folder: &str, lang: usize, names: &Names) -> String {
        let name = |id: &str| {
            names.names.get(id).map_or_else(|| id.to_string(), |n| if lang == 0 { n.0.clone() } else { n.1.clone() })
        };
        let segments: Vec<&str> = folder.split('/').filter(|s| !s.is_empty()).collect();
        let title = match segments.last() {
            Some(last) => name(last),
            None if lang == 0 => names.site.0.clone(),
            None => names.site.1.clone(),
        };
        // Home, then every folder above this page; a region is preceded by its parent regions.
        let mut crumbs: Vec<(String, String)> = Vec::new();
        if !segments.is_empty() {
            crumbs.push((if lang == 0 { "首页" } else { "Home" }.to_string(), "/".to_string()));
        }
        for (i, seg) in segments.iter().enumerate().take(segments.len().saturating_sub(1)) {
            crumbs.push((name(seg), format!("/{}/", segments[..=i].join("/"))));
            if i == 0 && *seg == "regions" && segments.len() > 1 {
                let mut chain = Vec::new();
                let mut id = segments[1];
                while let Some(p) = names.parents.get(id) {
                    chain.push(p.as_str());
                    id = p;
                }
                for p in chain.into_iter().rev() {
                    crumbs.push((name(p), format!("/regions/{p}/")));
                }
            }
        }
        let mut md = format!("---\ntitle: {title:?}\nlastmod: 2024-06-30\nunit: \"%\"\n");
        let mut subject = title.clone();
        if segments.len() == 3 && segments[0] == "regions" {
            let region = name(segments[1]);
            let _ = writeln!(md, "region: {{name: {region:?}, href: \"/regions/{}/\"}}", segments[1]);
            subject = if lang == 0 { format!("{region}{title}") } else { format!("{title} in {region}") };
        }
        if !crumbs.is_empty() {
            md.push_str("breadcrumbs:\n");
            for (n, href) in &crumbs {
                let _ = writeln!(md, "  - {{name: {n:?}, href: {href:?}}}");
            }
        }
        md.push_str("values:\n");
        for (year, v) in &self.values {
            match v {
                Some(v) => writeln!(md, "  - {{year: {year}, value: {v:.1}}}"),
                None => writeln!(md, "  - {{year: {year}, value: ~}}"),
            }
            .expect("write to string");
        }
        md.push_str("targets:\n");
        for (year, v) in &self.targets {
            let text = if lang == 0 { format!("到{year}年达到{v:.1}") } else { format!("{v:.1} by {year}") };
            let _ = writeln!(md, "  - {{year: {year}, value: {v:.1}, text: {text:?}}}");
        }
        md.push_str("---\n");
        if lang == 0 {
            let _ = write!(
                md,
                "{subject}的解读。**示例**数据，仅用于演示。\n\n- 2024年较上年有所变化。\n- 距2025年目标仍有差距。\n"
            );
        } else {
            let _ = write!(
                md,
                "Commentary on {subject}. **Sample** data, for illustration only.\n\n- 2024 changed from the year before.\n- Still short of the 2025 target.\n"
            );
        }
        md
    }
}

fn main() {
    let sizes = measure::sizes();
    let runs: usize = std::env::var("RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(3);
    let hugo_bin = std::env::var("HUGO").unwrap_or_else(|_| "hugo".into());
    let version = match Command::new(&hugo_bin).arg("version").output() {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout).trim().to_string(),
        _ => {
            eprintln!("`{hugo_bin} version` failed: install Hugo (apt-get install hugo) or set HUGO=path");
            return;
        }
    };
    println!("{version}");
    println!(
        "each tool: 1 untimed build, then median wall of {runs} alternating builds into an empty output folder; highest peak memory"
    );
    println!(
        "{:>5} {:>13} {:>11} {:>14} {:>11} {:>12} {:>15} {:>12}",
        "size",
        "gongkai pages",
        "hugo pages",
        "gongkai wall s",
        "hugo wall s",
        "hugo/gongkai",
        "gongkai peak MB",
        "hugo peak MB"
    );
    for pct in sizes {
        let gk_dir = tempfile::tempdir().expect("temp dir");
        let gk = gk_dir.path();
        let counts = generate::generate(gk, pct / 100.0, 42);
        let gk_public = gk.join("public");
        let gk_log = gk.join("build.log");
        let gk_clean = || {
            remove(&gk_public);
            for e in std::fs::read_dir(gk).expect("read site folder").flatten() {
                if e.file_name().to_string_lossy().starts_with(".public.old-") {
                    remove(&e.path());
                }
            }
        };
        let gk_cmd = || {
            let mut c = Command::new(env!("CARGO_BIN_EXE_gongkai"));
            c.env("GONGKAI_LANG", "en").arg("build").arg("--root").arg(gk);
            c
        };
        let gongkai = Tool { name: "gongkai build", cmd: &gk_cmd, clean: &gk_clean, log: &gk_log };
        // A first build (not timed) gives the pages the Hugo site must have.
        gongkai.once();
        let (gk_pages, gk_bytes) = html_pages(&gk_public);

        let hugo_dir = tempfile::tempdir().expect("temp dir");
        let hs = hugo_dir.path();
        let markdown = write_hugo_site(hs, &gk_pages, &read_names(&gk.join("content")));
        let hugo_public = hs.join("public");
        let hugo_log = gk.join("hugo.log");
        let hugo_clean = || remove(&hugo_public);
        let hugo_cmd = || {
            let mut c = Command::new(&hugo_bin);
            c.arg("--quiet").arg("--source").arg(hs).arg("--destination").arg(&hugo_public);
            c
        };
        let hugo = Tool { name: "hugo", cmd: &hugo_cmd, clean: &hugo_clean, log: &hugo_log };
        hugo.once();
        let (mut hugo_pages, hugo_bytes) = html_pages(&hugo_public);
        // Timed runs alternate between the tools, so that other load on the machine falls on both.
        let (mut g_runs, mut h_runs) = (Vec::new(), Vec::new());
        for _ in 0..runs.max(1) {
            g_runs.push(gongkai.once());
            h_runs.push(hugo.once());
        }
        let (g, h) = (summarise(g_runs), summarise(h_runs));
        // Hugo always writes a redirect from /zh/ to / for the default language (even with
        // `disableAliases`); it is not a rendered page, so it is not counted.
        let stubs: Vec<String> = hugo_pages
            .difference(&gk_pages)
            .filter(|p| {
                std::fs::read_to_string(hugo_public.join(p)).is_ok_and(|t| t.contains("http-equiv=\"refresh\""))
            })
            .cloned()
            .collect();
        for stub in &stubs {
            hugo_pages.remove(stub);
        }

        let (gw, hw) = (g.median.wall.as_secs_f64(), h.median.wall.as_secs_f64());
        println!(
            "{:>4}% {:>13} {:>11} {:>14.2} {:>11.2} {:>12.2} {:>15.0} {:>12.0}",
            pct,
            gk_pages.len(),
            hugo_pages.len(),
            gw,
            hw,
            hw / gw,
            g.peak_mb,
            h.peak_mb
        );
        let fmt = |w: &[f64]| w.iter().map(|s| format!("{s:.2}")).collect::<Vec<_>>().join(", ");
        eprintln!(
            "  {pct}%: {} regions, {} Markdown files for Hugo; wall s gongkai [{}], hugo [{}]; CPU s (median run) gongkai {:.2}, hugo {:.2}; written gongkai {:.1} MB, hugo {:.1} MB",
            counts.regions,
            markdown,
            fmt(&g.walls),
            fmt(&h.walls),
            g.median.cpu.as_secs_f64(),
            h.median.cpu.as_secs_f64(),
            gk_bytes as f64 / 1_048_576.0,
            hugo_bytes as f64 / 1_048_576.0,
        );
        if !stubs.is_empty() {
            eprintln!("  not counted: Hugo's redirect stubs {stubs:?}");
        }
        let only_gk: Vec<_> = gk_pages.difference(&hugo_pages).take(5).collect();
        let only_hugo: Vec<_> = hugo_pages.difference(&gk_pages).take(5).collect();
        if !only_gk.is_empty() || !only_hugo.is_empty() {
            eprintln!("  page paths differ: only gongkai {only_gk:?}, only Hugo {only_hugo:?}");
        }
        if std::env::var_os("KEEP").is_some() {
            let (g, h) = (gk_dir.keep(), hugo_dir.keep());
            eprintln!("  kept {} and {}", g.display(), h.display());
        }
    }
}

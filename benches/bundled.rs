//! Benchmark of the bundled five-plan site: load + validate, render, and a full build to disk.
//!
//! Run with `cargo bench --bench bundled`. Prints the median and the fastest of several runs.
//! Figures are recorded in docs/performance.md.

#[path = "../tests/common/mod.rs"]
mod common;
use common::copy_dir;

use std::path::Path;
use std::time::{Duration, Instant};

/// Time `f`; what it returns is dropped after the clock stops.
fn measure<T>(name: &str, runs: usize, mut f: impl FnMut() -> T) {
    drop(f()); // warm up: file cache, allocator
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            let result = f();
            let elapsed = t.elapsed();
            drop(result);
            elapsed
        })
        .collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("{name:<32} median {:>8.2} ms   min {:>8.2} ms   ({runs} runs)", ms(times[runs / 2]), ms(times[0]));
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let runs = std::env::var("RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(20);
    measure("load + validate", runs, || {
        let (site, _) = gongkai::build::load_site(root, false);
        assert!(site.is_some());
    });
    let (site, _) = gongkai::build::load_site(root, false);
    let site = site.expect("the bundled content is valid");
    let theme = gongkai::render::Theme::load(root, &site.config.theme, &site.config.languages).expect("the theme");
    let built = gongkai::build::BuiltSite::new(site, theme);
    measure("render (in memory)", runs, || {
        let files = built.render_all(root).expect("renders");
        assert!(!files.is_empty());
    });
    let out = tempfile::tempdir().expect("temp dir");
    measure("full build to disk", runs, || {
        let built = gongkai::build::build_in_memory(root).expect("builds");
        gongkai::output::write_site(&out.path().join("public"), &built.files).expect("writes");
    });
    // What a user runs: the command, a new process each time, streaming pages to disk.
    let public = out.path().join("public-cli");
    measure("`gongkai build` (the command)", runs, || {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .env("GONGKAI_LANG", "en")
            .args(["build", "--root"])
            .arg(root)
            .arg("--output")
            .arg(&public)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("runs");
        assert!(status.success());
    });

    // What `serve` does after a one-file edit, without the watcher's debounce: re-read the
    // file, re-check and re-assess, render the pages it touched (and, for data, the downloads).
    let copy = tempfile::tempdir().expect("temp dir");
    copy_dir(&root.join("content"), &copy.path().join("content"));
    let site_root = copy.path();
    let (mut built, _) = gongkai::build::BuiltSite::load(site_root).expect("loads");
    let data = site_root.join("content/regions/yuncheng/data.yaml");
    let text = std::fs::read_to_string(&data).expect("reads");
    let mut n = 0;
    measure("edit: one region's data", runs, || {
        n += 1;
        std::fs::write(&data, text.replacen("2024: 61.5}", &format!("2024: 6{}.5}}", n % 10), 1)).expect("writes");
        let change = gongkai::build::classify(site_root, std::slice::from_ref(&data));
        // As `serve` does it: the pages touched and, beside them, the downloads, into memory.
        let sink = gongkai::sink::Collect::default();
        built.update(site_root, &change, gongkai::build::Output::Memory(&sink), &|_| {}).expect("applies");
        sink.into_files()
    });
    let md = site_root.join("content/regions/yuncheng/index.zh.md");
    let md_text = std::fs::read_to_string(&md).expect("reads");
    measure("edit: one commentary file", runs, || {
        n += 1;
        std::fs::write(&md, format!("{md_text}\n编辑 {n}\n")).expect("writes");
        let change = gongkai::build::classify(site_root, std::slice::from_ref(&md));
        let sink = gongkai::sink::Collect::default();
        built.update(site_root, &change, gongkai::build::Output::Memory(&sink), &|_| {}).expect("applies");
        sink.into_files()
    });
}

//! Benchmark of the bundled five-plan site: load + validate, render, and a full build to disk.
//!
//! Run with `cargo bench --bench bundled`. Prints the median and the fastest of several runs.
//! Figures are recorded in docs/performance.md.

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
        let (site, _) = gongkai::pipeline::load(root, false);
        assert!(site.is_some());
    });
    let (site, _) = gongkai::pipeline::load(root, false);
    let site = site.expect("the bundled content is valid");
    measure("render (in memory)", runs, || {
        let files = gongkai::render::render(&site, root).expect("renders");
        assert!(!files.is_empty());
    });
    let out = tempfile::tempdir().expect("temp dir");
    measure("full build to disk", runs, || {
        let built = gongkai::pipeline::build(root).expect("builds");
        gongkai::output::write_site(&out.path().join("public"), &built.files).expect("writes");
    });
    // What a user runs: the command, a new process each time, streaming pages to disk.
    let public = out.path().join("public-cli");
    measure("`gongkai build` (the command)", runs, || {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .args(["build", "--root"])
            .arg(root)
            .arg("--output")
            .arg(&public)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("runs");
        assert!(status.success());
    });
}

//! Time from saving a file to the rebuilt page being served by `gongkai serve`, on a copy of
//! the bundled site: one commentary edit and one data edit, both applied in place.
//!
//! Run with `cargo bench --bench serve_latency`. Includes the watcher's debounce.

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "national/measure.rs"]
#[allow(dead_code)]
mod measure;
use common::copy_dir;
use measure::get;

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn measure(addr: &str, page: &str, runs: usize, mut edit: impl FnMut(usize) -> String) -> Vec<Duration> {
    (0..runs)
        .map(|i| {
            std::thread::sleep(Duration::from_millis(300)); // let the previous rebuild settle
            let marker = edit(i);
            let start = Instant::now();
            while !get(addr, page).contains(&marker) {
                assert!(start.elapsed() < Duration::from_secs(20), "edit {i} never served");
                std::thread::sleep(Duration::from_millis(2));
            }
            start.elapsed()
        })
        .collect()
}

fn report(name: &str, mut t: Vec<Duration>) {
    t.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name:<40} median {:>7.1} ms   min {:>7.1} ms   max {:>7.1} ms   ({} runs)",
        ms(t[t.len() / 2]),
        ms(t[0]),
        ms(t[t.len() - 1]),
        t.len()
    );
}

fn main() {
    let runs = std::env::var("RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(15);
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    copy_dir(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content"), &root.join("content"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "en")
        .args(["serve", "--port", "0", "--root"])
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start serve");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let addr = loop {
        let line = lines.next().expect("serve output").expect("line");
        if let Some(url) = line.strip_prefix("serving at http://") {
            break url.split('/').next().unwrap_or_default().to_string();
        }
    };
    std::thread::spawn(move || for _ in lines {});

    let md = root.join("content/regions/yuncheng/index.zh.md");
    let original = std::fs::read_to_string(&md).expect("read");
    let t = measure(&addr, "/regions/yuncheng/", runs, |i| {
        let marker = format!("LATENCY-MARKER-{i}");
        std::fs::write(&md, format!("{original}\n{marker}\n")).expect("write");
        marker
    });
    report("commentary edit -> page served", t);

    let data = root.join("content/regions/weixi/data.yaml");
    let text = std::fs::read_to_string(&data).expect("read");
    let t = measure(&addr, "/regions/weixi/", runs, |i| {
        // Change one value in a way that shows on the region page: append a note-free series.
        let marker = format!("{}", 1000 + i);
        std::fs::write(
            &data,
            format!("{text}\n- indicator: hospital-count\n  values: {{2024: {marker}}}\n  sample: true\n"),
        )
        .expect("write");
        marker
    });
    report("data edit -> page served (in place)", t);
    let _ = child.kill();
    let _ = child.wait();
}

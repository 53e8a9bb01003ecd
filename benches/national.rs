//! National scale: a synthetic site of 1% … 100% of China's ~3,200 regions × 50 indicators.
//!
//! `cargo bench --bench national` runs the 1% size (CI's smoke run).
//! `SIZES=1,10,30,100 cargo bench --bench national` runs the sizes in percent, as in
//! docs/performance.md. For each size it reports the full build (wall and CPU time, pages per
//! second, peak memory, bytes written) and the rebuild after one commentary edit and after one
//! region's data edit (`gongkai build` again, and `gongkai serve` from save to served page).
//!
//! The site has no `updated` in site.yaml, so its reporting year is the latest year of any
//! region's data: the data edits timed keep it (and are applied in place); one more, under
//! `build --watch`, adds a later year and so rebuilds everything.

#[path = "national/generate.rs"]
mod generate;
#[path = "national/measure.rs"]
mod measure;

use measure::{Run, get};

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Run the gongkai binary on the site at `root`, output discarded.
fn run_gongkai(args: &[&str], root: &Path) -> Run {
    measure::run(
        Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .env("GONGKAI_LANG", "en")
            .args(args)
            .arg("--root")
            .arg(root)
            .stdout(Stdio::null())
            .stderr(Stdio::null()),
    )
}

fn tree(dir: &Path, pages: &mut usize, bytes: &mut u64) {
    for e in std::fs::read_dir(dir).expect("read_dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            tree(&p, pages, bytes);
        } else {
            *bytes += e.metadata().map_or(0, |m| m.len());
            if p.extension().is_some_and(|x| x == "html") {
                *pages += 1;
            }
        }
    }
}

/// Start `serve`, then time save → served for a commentary edit and a data edit.
fn serve_latency(root: &Path, region: &str) -> Option<Served> {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "en")
        .args(["serve", "--port", "0", "--root"])
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut lines = BufReader::new(child.stdout.take()?).lines();
    let addr = loop {
        let line = lines.next()?.ok()?;
        if let Some(url) = line.strip_prefix("serving at http://") {
            break url.split('/').next()?.to_string();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    let page = format!("/regions/{region}/");
    // Ready: the first page is served.
    while !get(&addr, &page).contains("200 OK") {
        std::thread::sleep(Duration::from_millis(5));
    }
    let ready = started.elapsed();
    let timed = |marker: &str, edit: &dyn Fn()| -> Option<Duration> {
        std::thread::sleep(Duration::from_millis(500));
        edit();
        let start = Instant::now();
        while !get(&addr, &page).contains(marker) {
            if start.elapsed() > Duration::from_secs(300) {
                return None;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        Some(start.elapsed())
    };
    let md = root.join(format!("content/regions/{region}/index.zh.md"));
    let commentary = timed("SERVE-MARKER", &|| std::fs::write(&md, "Edited: SERVE-MARKER.\n").expect("write"));
    let data = root.join(format!("content/regions/{region}/data.yaml"));
    let text = std::fs::read_to_string(&data).ok()?;
    // Set the first 2024 value (a quantitative series, shown as latest value) to 77.7.
    let data_edit = timed("77.7", &|| {
        let start = text.find("2024: ").map_or(0, |i| i + "2024: ".len());
        let end = start + text[start..].find([',', '}']).unwrap_or(0);
        std::fs::write(&data, format!("{}77.7{}", &text[..start], &text[end..])).expect("write")
    });
    // The server's peak memory, from the kernel (Linux).
    let status = std::fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap_or_default();
    let peak_mb = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0);
    let _ = child.kill();
    let _ = child.wait();
    Some(Served { ready, commentary: commentary?, data: data_edit?, peak_mb })
}

/// `serve` on the generated site: start to first page served, save → served page for a
/// commentary and a data edit, and peak memory.
struct Served {
    ready: Duration,
    commentary: Duration,
    data: Duration,
    peak_mb: f64,
}

/// Start `build --watch`, then time, for a commentary edit and a data edit of one region, the
/// save → "pages updated" and save → "downloads updated" lines; and for a data edit that moves
/// the reporting year, save → the full rebuild's "built" line (after the line saying why).
type Watched = ((Duration, Duration), (Duration, Duration), Duration);

fn watch_latency(root: &Path, region: &str) -> Option<Watched> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "en")
        .args(["build", "--watch", "--root"])
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    let stdout = child.stdout.take()?;
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let wait_for = |prefix: &str| -> Option<()> {
        loop {
            let line = rx.recv_timeout(Duration::from_secs(600)).ok()?;
            if line.starts_with(prefix) {
                return Some(());
            }
        }
    };
    wait_for("watching")?;
    // A commentary edit changes pages only; a data edit also the whole-site downloads.
    let timed = |edit: &dyn Fn(), downloads: bool| -> Option<(Duration, Duration)> {
        std::thread::sleep(Duration::from_millis(500));
        // Lines from an earlier rebuild (an editor's save can be seen as two changes) must not
        // be taken for this edit's.
        while rx.try_recv().is_ok() {}
        edit();
        let start = Instant::now();
        wait_for("updated ")?;
        let pages = start.elapsed();
        if downloads {
            wait_for("updated the downloads")?;
        }
        Some((pages, start.elapsed()))
    };
    let md = root.join(format!("content/regions/{region}/index.zh.md"));
    let commentary = timed(&|| std::fs::write(&md, "Edited under watch.\n").expect("write"), false);
    let data = root.join(format!("content/regions/{region}/data.yaml"));
    let text = std::fs::read_to_string(&data).ok()?;
    let data_edit = timed(&|| std::fs::write(&data, text.replacen("2024: ", "2024: 3", 1)).expect("write"), true);
    // A value for 2026, later than any: the reporting year moves and every region is assessed again.
    std::thread::sleep(Duration::from_millis(500));
    while rx.try_recv().is_ok() {}
    // (The first entry's release date, before 2026 ends, would make the new value an error.)
    let later = text.replacen("  released: ", "  # released: ", 1).replacen("  values: {", "  values: {2026: 1.5, ", 1);
    std::fs::write(&data, later).expect("write");
    let start = Instant::now();
    wait_for("the reporting year moves")?;
    wait_for("built ")?;
    let year_moved = start.elapsed();
    let _ = child.kill();
    let _ = child.wait();
    // The sites measured next keep 2024 as their reporting year.
    std::fs::write(&data, &text).expect("write");
    Some((commentary?, data_edit?, year_moved))
}

fn main() {
    let sizes = measure::sizes();
    println!(
        "{:>5} {:>7} {:>9} {:>9} {:>9} {:>9} {:>10} {:>9} {:>9} {:>10} {:>10} {:>10}",
        "size",
        "regions",
        "pages",
        "gen s",
        "build s",
        "cpu s",
        "pages/s",
        "peak MB",
        "MB out",
        "md edit s",
        "data ed s",
        "serve md/data ms"
    );
    // `GENERATE=dir` only writes the site of the first size into `dir` (for profiling), and stops.
    if let Ok(out) = std::env::var("GENERATE") {
        let pct = sizes.first().copied().unwrap_or(1.0);
        let counts = generate::generate(Path::new(&out), pct / 100.0, 42);
        println!("{pct}%: {} regions, {} files written to {out}", counts.regions, counts.files);
        return;
    }
    for pct in sizes {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        let t = Instant::now();
        let counts = generate::generate(root, pct / 100.0, 42);
        let gen_time = t.elapsed();
        let site_yaml = root.join("content/site.yaml");
        let text = std::fs::read_to_string(&site_yaml).expect("read site.yaml");
        std::fs::write(&site_yaml, text.replace("updated: 2024-12-31\n", "")).expect("write site.yaml");
        let build = run_gongkai(&["build"], root);
        assert!(build.ok, "build failed at {pct}%");
        let (mut pages, mut bytes) = (0, 0);
        tree(&root.join("public"), &mut pages, &mut bytes);
        // One commentary file, then one region's data file, rebuilt with `gongkai build`.
        let region = "k0000";
        std::fs::write(root.join(format!("content/regions/{region}/index.zh.md")), "修改后的说明。\n").expect("edit");
        let md = run_gongkai(&["build"], root);
        let data = root.join(format!("content/regions/{region}/data.yaml"));
        let text = std::fs::read_to_string(&data).expect("read");
        std::fs::write(&data, text.replacen("2024: ", "2024: 1", 1)).expect("edit");
        let data_run = run_gongkai(&["build"], root);
        let watch = watch_latency(root, region);
        let serve = if std::env::var("SERVE").is_ok_and(|v| v == "0") { None } else { serve_latency(root, region) };
        println!(
            "{:>4}% {:>7} {:>9} {:>9.2} {:>9.2} {:>9.2} {:>10.0} {:>9.0} {:>9.1} {:>10.2} {:>10.2} {:>10}",
            pct,
            counts.regions,
            pages,
            gen_time.as_secs_f64(),
            build.wall.as_secs_f64(),
            build.cpu.as_secs_f64(),
            pages as f64 / build.wall.as_secs_f64(),
            build.max_rss_mb,
            bytes as f64 / 1_048_576.0,
            md.wall.as_secs_f64(),
            data_run.wall.as_secs_f64(),
            serve.as_ref().map_or("-".to_string(), |s| format!("{}/{}", s.commentary.as_millis(), s.data.as_millis())),
        );
        if let Some(s) = &serve {
            println!(
                "       serve: first page served {} ms after start; peak memory {:.0} MB",
                s.ready.as_millis(),
                s.peak_mb
            );
        }
        if let Some(((md_pages, md_all), (data_pages, data_all), year_moved)) = watch {
            println!(
                "       build --watch, one region's files: commentary edit → pages {} ms, downloads {} ms; data edit → pages {} ms, downloads {} ms",
                md_pages.as_millis(),
                md_all.as_millis(),
                data_pages.as_millis(),
                data_all.as_millis()
            );
            println!(
                "       build --watch, a data edit that moves the reporting year → whole site rebuilt in {} ms",
                year_moved.as_millis()
            );
        }
        eprintln!(
            "  {pct}%: {} series, {} observations, {} targets, {} tasks, {} commentary files, {} files generated",
            counts.series, counts.observations, counts.targets, counts.tasks, counts.commentary, counts.files
        );
    }
}

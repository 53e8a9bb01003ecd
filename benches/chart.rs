//! Benchmark of one chart: the time `chart::line_chart` and `chart::sparkline` take for a
//! typical indicator (two lines over eight years with gaps, two targets, "lower is better").
//!
//! Run with `cargo bench --bench chart`; `RUNS=n` sets how many charts of each are drawn
//! (2,000 unless told). Prints the mean time per chart. It was a unit test that printed the same
//! and checked nothing, at the cost of 4,000 charts in every `cargo test`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use gongkai::chart::{ChartSpec, Line, TargetMark, line_chart, sparkline};

/// The mean time of `runs` calls of `f`, after one call to warm up; also the bytes written.
fn per_call(runs: u32, mut f: impl FnMut() -> String) -> (Duration, usize) {
    black_box(f());
    let mut bytes = 0;
    let start = Instant::now();
    for _ in 0..runs {
        bytes += black_box(f()).len();
    }
    (start.elapsed() / runs, bytes)
}

fn main() {
    let runs: u32 = std::env::var("RUNS").ok().and_then(|r| r.parse().ok()).filter(|&r| r > 0).unwrap_or(2000);
    let target = |value: f64| TargetMark { at: Some(7), value, upper: None, label: "2025".to_string(), line: 0 };
    let spec = ChartSpec {
        labels: (2018..=2025).map(|y| y.to_string()).collect(),
        lines: vec![
            Line { values: vec![Some(9.8), Some(9.5), Some(9.1), None, Some(8.6), Some(8.3), None, None] },
            Line { values: vec![Some(10.8), Some(10.1), Some(9.9), Some(9.6), Some(9.3), Some(9.0), None, None] },
        ],
        targets: vec![target(7.5), target(8.0)],
        lower_is_better: true,
        ..ChartSpec::default()
    };
    let (chart, chart_bytes) = per_call(runs, || line_chart(black_box(&spec)));
    let (spark, spark_bytes) = per_call(runs, || sparkline(black_box(&spec.lines[0].values), Some(7.5), true));
    println!("line_chart {chart:>12?} per chart   ({} bytes each, {runs} runs)", chart_bytes / runs as usize);
    println!("sparkline  {spark:>12?} per chart   ({} bytes each, {runs} runs)", spark_bytes / runs as usize);
}

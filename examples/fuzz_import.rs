//! A deterministic fuzzer for `gongkai import`'s readers, on stable Rust (cargo-fuzz needs a
//! nightly compiler). It mutates the committed fixtures of tests/fixtures/import/ with a seeded
//! generator — bit flips, bytes set to edge values, truncations, insertions, repeated chunks,
//! and, inside a zip (`.xlsx`, `.ods`), edits to one part's XML (numbers made huge, tags cut,
//! attributes repeated) with the zip rebuilt so the change gets past the checksums — and feeds
//! each input to the spreadsheet reader and, when that reads it, to a dry-run import into a
//! copy of tests/fixtures/base, in process.
//!
//! Each input runs in a child process (fork, Linux) limited to `--max-rss-mb` of address space
//! and `--slow` seconds. A panic, a run killed for time, or an abort (an allocation refused
//! under the memory limit) is a finding: the input is written to
//! tests/fixtures/import/crashes/, where `tests/import_crashes.rs` keeps it as a regression
//! test.
//!
//! ```sh
//! RAYON_NUM_THREADS=1 cargo run --release --example fuzz_import -- --minutes 10 [--seed 1] [--slow 5] [--max-rss-mb 2048]
//! ```

use std::io::{Read, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use gongkai::spreadsheet::{self, Limits, Sheets};

/// xorshift64*: small, seeded, the same inputs on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
}

/// Values that break parsers: edges of integer widths, Excel's last row and column.
const NUMBERS: &[&str] = &[
    "0",
    "-1",
    "4294967295",
    "4294967296",
    "18446744073709551616",
    "1048576",
    "1048577",
    "16384",
    "XFD1048576",
    "XFE1",
    "A0",
    "AAAA1",
    "1e308",
    "-1e308",
    "NaN",
    "9999999999999999999999",
    "2147483648",
    "65536",
];

fn mutate_bytes(rng: &mut Rng, data: &mut Vec<u8>) {
    let rounds = 1 + rng.below(4);
    for _ in 0..rounds {
        if data.is_empty() {
            data.push(rng.next() as u8);
            continue;
        }
        let at = rng.below(data.len());
        match rng.below(7) {
            0 => data[at] ^= 1 << rng.below(8),
            1 => data[at] = [0, 0xff, 0x7f, 0x80, b'<', b'>', b'"', b',', b'\n', 0xE5][rng.below(10)],
            2 => data.truncate(at),
            3 => {
                let n = 1 + rng.below(16);
                let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
                data.splice(at..at, bytes);
            }
            4 => {
                let len = (1 + rng.below(64)).min(data.len() - at);
                let chunk = data[at..at + len].to_vec();
                for _ in 0..1 + rng.below(8) {
                    data.splice(at..at, chunk.iter().copied());
                }
            }
            5 => {
                let len = (1 + rng.below(32)).min(data.len() - at);
                data.drain(at..at + len);
            }
            _ => {
                let n = NUMBERS[rng.below(NUMBERS.len())].as_bytes();
                let end = (at + n.len()).min(data.len());
                data.splice(at..end, n.iter().copied());
            }
        }
    }
}

/// Edit a text part: replace a run of digits by an edge number, or a tag's content, or cut it.
fn mutate_xml(rng: &mut Rng, xml: &mut Vec<u8>) {
    let digits: Vec<usize> = xml.iter().enumerate().filter(|(_, b)| b.is_ascii_digit()).map(|(i, _)| i).collect();
    match rng.below(3) {
        0 if !digits.is_empty() => {
            let start = digits[rng.below(digits.len())];
            let end = xml[start..].iter().position(|b| !b.is_ascii_digit()).map_or(xml.len(), |n| start + n);
            let n = NUMBERS[rng.below(NUMBERS.len())].as_bytes();
            xml.splice(start..end, n.iter().copied());
        }
        1 => {
            // Repeat one element many times (rows, cells, shared strings).
            let opens: Vec<usize> = xml.iter().enumerate().filter(|(_, b)| **b == b'<').map(|(i, _)| i).collect();
            if opens.len() > 2 {
                let a = opens[rng.below(opens.len() - 1)];
                let b =
                    opens[(opens.iter().position(|&o| o == a).unwrap_or(0) + 1 + rng.below(4)).min(opens.len() - 1)];
                if b > a {
                    let chunk = xml[a..b].to_vec();
                    for _ in 0..1 + rng.below(200) {
                        xml.splice(a..a, chunk.iter().copied());
                    }
                }
            }
        }
        _ => mutate_bytes(rng, xml),
    }
}

/// Mutate one part of a zip and rebuild it; `None` if `data` is no zip.
fn mutate_zip(rng: &mut Rng, data: &[u8]) -> Option<Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(data)).ok()?;
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).ok()?;
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).ok()?;
        parts.push((f.name().ok()?.into_owned(), bytes));
    }
    // Sheets and shared strings most often.
    let weighty: Vec<usize> = (0..parts.len())
        .filter(|&i| {
            let n = &parts[i].0;
            n.contains("sheet") || n.contains("content.xml") || n.contains("sharedStrings") || n.contains("styles")
        })
        .collect();
    let pick = if !weighty.is_empty() && rng.below(4) > 0 {
        weighty[rng.below(weighty.len())]
    } else {
        rng.below(parts.len())
    };
    match rng.below(5) {
        0 => {
            parts.remove(pick);
        }
        _ => mutate_xml(rng, &mut parts[pick].1),
    }
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        out.start_file(name, options).ok()?;
        out.write_all(&bytes).ok()?;
    }
    Some(out.finish().ok()?.into_inner())
}

/// The peak memory of the children so far (the inputs' runs), in MB.
fn peak_rss_mb() -> u64 {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage writes into the struct it is given.
    if unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) } == 0 { usage.ru_maxrss as u64 / 1024 } else { 0 }
}

/// What one input did.
enum Outcome {
    Done {
        read: bool,
        imported: bool,
    },
    Panic,
    /// A panic in calamine, caught by `spreadsheet::read` and reported as a damaged workbook.
    CaughtPanic,
    /// The run was killed: SIGALRM past the time limit, SIGABRT when an allocation failed
    /// under the memory limit.
    Killed(i32),
}

/// Read `file`, and import it (dry run) when it reads, in a child process limited to
/// `max_rss` MB of address space and `slow` of time, so that an input that exhausts memory
/// or never ends is a finding, not the end of the run (or of the machine).
fn isolated(file: &Path, site: &Path, slow: Duration, max_rss: u64) -> Outcome {
    // SAFETY: the parent is single-threaded (it never runs the importer), so the child may
    // do anything after fork; the child leaves by _exit only.
    let pid = unsafe { libc::fork() };
    if pid == 0 {
        let limit = libc::rlimit { rlim_cur: max_rss << 20, rlim_max: max_rss << 20 };
        unsafe {
            libc::setrlimit(libc::RLIMIT_AS, &limit);
            libc::alarm(slow.as_secs().max(1) as u32);
        }
        let run = std::panic::catch_unwind(|| {
            match spreadsheet::read(file, file, &Sheets::First, &Limits::default()) {
                // `spreadsheet::read` turns a panic in calamine into this error: still a finding.
                Err(d) if d.message.en().starts_with("the workbook is damaged") => return 11,
                Err(_) => return 0,
                Ok(_) => {}
            }
            let opts = gongkai::import::Options {
                file: file.to_path_buf(),
                region: Some("city".to_string()),
                map: None,
                dry_run: true,
                replace: false,
                drop_sample: false,
            };
            if gongkai::import::run(site, &opts).is_ok() { 3 } else { 1 }
        });
        unsafe { libc::_exit(run.unwrap_or(10)) };
    }
    let mut status = 0;
    // SAFETY: waits for the child just made.
    unsafe { libc::waitpid(pid, &mut status, 0) };
    if libc::WIFEXITED(status) {
        match libc::WEXITSTATUS(status) {
            10 => Outcome::Panic,
            11 => Outcome::CaughtPanic,
            code => Outcome::Done { read: code & 1 == 1, imported: code & 2 == 2 },
        }
    } else {
        Outcome::Killed(libc::WTERMSIG(status))
    }
}

fn arg(args: &[String], name: &str, default: u64) -> u64 {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create a folder");
    for e in std::fs::read_dir(from).expect("read the base site").flatten() {
        let dst = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &dst);
        } else {
            std::fs::copy(e.path(), dst).expect("copy the base site");
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let minutes = arg(&args, "--minutes", 1);
    let seconds = arg(&args, "--seconds", minutes * 60);
    let seed = arg(&args, "--seed", 1);
    let slow = Duration::from_secs(arg(&args, "--slow", 5));
    let max_rss = arg(&args, "--max-rss-mb", 2048);
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixtures = manifest.join("tests/fixtures/import");
    let crashes = fixtures.join("crashes");
    let mut seeds: Vec<(String, Vec<u8>)> = std::fs::read_dir(&fixtures)
        .expect("tests/fixtures/import")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .filter_map(|p| {
            let ext = p.extension()?.to_str()?.to_string();
            if !["xlsx", "xls", "ods", "csv"].contains(&ext.as_str()) {
                return None;
            }
            Some((ext, std::fs::read(&p).ok()?))
        })
        .collect();
    seeds.sort();
    let work = std::env::temp_dir().join(format!("gongkai-fuzz-{}", std::process::id()));
    let site = work.join("site");
    copy_dir(&manifest.join("tests/fixtures/base"), &site);
    std::panic::set_hook(Box::new(|_| {}));

    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let end = Instant::now() + Duration::from_secs(seconds);
    let (mut tried, mut read_ok, mut imported, mut findings) = (0u64, 0u64, 0u64, 0u64);
    let mut slowest = Duration::ZERO;
    while Instant::now() < end {
        let (ext, original) = &seeds[rng.below(seeds.len())];
        let data = match (ext.as_str(), rng.below(3)) {
            ("xlsx" | "ods", 0 | 1) => mutate_zip(&mut rng, original).unwrap_or_else(|| original.clone()),
            _ => {
                let mut d = original.clone();
                mutate_bytes(&mut rng, &mut d);
                d
            }
        };
        let file = work.join(format!("input.{ext}"));
        if std::fs::write(&file, &data).is_err() {
            continue;
        }
        tried += 1;
        let start = Instant::now();
        let outcome = isolated(&file, &site, slow, max_rss);
        let took = start.elapsed();
        slowest = slowest.max(took);
        let why = match outcome {
            Outcome::Done { read, imported: done } => {
                read_ok += read as u64;
                imported += done as u64;
                None
            }
            Outcome::Panic => Some("panic".to_string()),
            Outcome::CaughtPanic => Some("panic in calamine (caught: a damaged workbook)".to_string()),
            Outcome::Killed(signal) if signal == libc::SIGALRM => Some(format!("slow (over {slow:?})")),
            Outcome::Killed(signal) => Some(format!("killed by signal {signal} (an abort: out of memory?)")),
        };
        if let Some(why) = why {
            findings += 1;
            let _ = std::fs::create_dir_all(&crashes);
            let name = format!("{:016x}.{ext}", rng.next());
            let _ = std::fs::write(crashes.join(&name), &data);
            println!("finding: {why}: tests/fixtures/import/crashes/{name}");
        }
        if tried.is_multiple_of(1000) {
            println!("{tried} inputs, {read_ok} read, {imported} imported, {findings} findings");
        }
    }
    let _ = std::fs::remove_dir_all(&work);
    println!(
        "done: {tried} inputs in {seconds} s (seed {seed}): {read_ok} read, {imported} imported (dry run), {findings} findings; slowest {slowest:?}; peak memory {} MB",
        peak_rss_mb()
    );
    if findings > 0 {
        std::process::exit(1);
    }
}

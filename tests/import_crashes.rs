//! Every input the import fuzzer (`examples/fuzz_import.rs`) found in
//! tests/fixtures/import/crashes/ is imported again (a dry run into a copy of the base site),
//! by the binary, limited to 2 GB of address space: it must end within 20 seconds with exit
//! code 0 or 1 (read, or refused with an error), never with a crash, an abort or a hang.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(20);

#[test]
fn no_input_the_fuzzer_found_crashes_hangs_or_exhausts_memory_any_more() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = tempfile::tempdir().unwrap();
    common::copy_dir(&manifest.join("tests/fixtures/base"), site.path());
    let mut failures = Vec::new();
    let mut n = 0;
    let mut files: Vec<_> = std::fs::read_dir(manifest.join("tests/fixtures/import/crashes"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e != "md"))
        .collect();
    files.sort();
    for path in files {
        n += 1;
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_gongkai"));
        cmd.env("GONGKAI_LANG", "en")
            .arg("--root")
            .arg(site.path())
            .args(["import", "--region", "city", "--dry-run"])
            .arg(&path)
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        #[cfg(target_os = "linux")]
        {
            use std::os::unix::process::CommandExt;
            // SAFETY: setrlimit is async-signal-safe; the closure allocates nothing.
            unsafe {
                cmd.pre_exec(|| {
                    let limit = libc::rlimit { rlim_cur: 2 << 30, rlim_max: 2 << 30 };
                    libc::setrlimit(libc::RLIMIT_AS, &limit);
                    Ok(())
                });
            }
        }
        let mut child = cmd.spawn().unwrap();
        let start = Instant::now();
        let status = loop {
            if let Some(s) = child.try_wait().unwrap() {
                break Some(s);
            }
            if start.elapsed() > TIMEOUT {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        let mut stderr = String::new();
        if let Some(mut e) = child.stderr.take() {
            let _ = std::io::Read::read_to_string(&mut e, &mut stderr);
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        match status.and_then(|s| s.code()) {
            Some(0 | 1) if !stderr.contains("panicked") => {}
            None if status.is_none() => failures.push(format!("{name}: still running after {TIMEOUT:?}")),
            code => failures.push(format!("{name}: exit {code:?}\n{stderr}")),
        }
    }
    assert!(failures.is_empty(), "{} of {n} inputs:\n{}", failures.len(), failures.join("\n"));
    eprintln!("{n} inputs the fuzzer found are read or refused cleanly");
}

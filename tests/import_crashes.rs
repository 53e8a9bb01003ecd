//! Every input the import fuzzer (`examples/fuzz_import.rs`) found in
//! tests/fixtures/import/crashes/ is imported again (a dry run into a copy of the base site),
//! by the binary, bounded in memory and CPU ([`common::bounded`]): it must end with exit code 0
//! or 1 (read, or refused with an error), never with a crash, an abort or a hang.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

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
            .stdout(Stdio::null());
        let out = common::bounded(&mut cmd).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        match out.status.code() {
            Some(0 | 1) if !stderr.contains("panicked") => {}
            code => failures.push(format!("{name}: exit {code:?} ({})\n{stderr}", out.status)),
        }
    }
    assert!(failures.is_empty(), "{} of {n} inputs:\n{}", failures.len(), failures.join("\n"));
    eprintln!("{n} inputs the fuzzer found are read or refused cleanly");
}

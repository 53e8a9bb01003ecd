//! `gongkai import` on broken input: every problem is an error naming the file and the sheet and
//! cell (or the file and line), in both languages, with the right exit code, and nothing is
//! written.
//!
//! Each folder in `tests/fixtures/import/bad/` is one mistake:
//!
//! - `case.yaml`: `input` (the file imported, relative to the folder: its own, or one of the
//!   workbooks beside `bad/` made by `make.py`), optional `args` (more arguments; a file of the
//!   folder named there, such as `map.yaml`, is passed with its path), `code` (the exit code,
//!   1 unless given), `cell` (`数据!B2`: the error names it) or `at` (a substring of the `-->`
//!   line), `message`, optional `hint`, `message_zh`, `hint_zh` (substrings; with
//!   `message_zh` the case runs a second time with `GONGKAI_LANG=zh`);
//! - `site/`: files laid over the site (tests/fixtures/base with an alias and a monthly
//!   indicator, see `common::import_site`) before the import.
//!
//! Files too big to commit (a 100 MB file, a zip bomb, a sheet reaching XFD1048576, a 1 MB
//! cell) are made at run time in `tests/import_hostile.rs`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    input: String,
    #[serde(default)]
    args: Vec<String>,
    code: Option<i32>,
    cell: Option<String>,
    at: Option<String>,
    message: String,
    hint: Option<String>,
    message_zh: Option<String>,
    hint_zh: Option<String>,
}

/// The diagnostic blocks of `stderr`: each starts at a line beginning with `head`.
fn blocks<'a>(stderr: &'a str, head: &str) -> Vec<&'a str> {
    let mut starts: Vec<usize> =
        stderr.match_indices(head).map(|(i, _)| i).filter(|&i| i == 0 || stderr.as_bytes()[i - 1] == b'\n').collect();
    starts.push(stderr.len());
    starts.windows(2).map(|w| &stderr[w[0]..w[1]]).collect()
}

/// Run one case in one language; the problems found, none when it passes.
fn run(dir: &Path, case: &Case, zh: bool) -> Vec<String> {
    let site = common::import_site();
    if dir.join("site").is_dir() {
        common::copy_dir(&dir.join("site"), site.path());
    }
    let before = common::tree(site.path());
    let arg = |a: &String| if dir.join(a).is_file() { dir.join(a).into_os_string() } else { a.into() };
    let out = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", if zh { "zh" } else { "en" })
        .arg("--root")
        .arg(site.path())
        .arg("import")
        .arg(dir.join(&case.input))
        .args(case.args.iter().map(arg))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut problems = Vec::new();
    let code = case.code.unwrap_or(1);
    if out.status.code() != Some(code) {
        problems.push(format!("exit code {:?}, expected {code}", out.status.code()));
    }
    if stderr.contains("panicked") {
        problems.push("a panic".to_string());
    }
    let (head, message, hint) = if zh {
        ("错误：", case.message_zh.as_deref().unwrap_or(""), case.hint_zh.as_deref())
    } else {
        ("error: ", case.message.as_str(), case.hint.as_deref())
    };
    let place = match (&case.cell, &case.at) {
        (Some(cell), _) if zh => Some(format!(" 单元格 {cell}：")),
        (Some(cell), _) => Some(format!(", cell {cell}")),
        // Chinese names line and column in words; the file is enough there.
        (None, Some(at)) if zh => Some(at.split(':').next().unwrap_or(at).to_string()),
        (None, Some(at)) => Some(at.clone()),
        (None, None) => None,
    };
    let found = blocks(&stderr, head).into_iter().find(|b| {
        b.contains(message) && place.as_deref().is_none_or(|p| b.contains(p)) && hint.is_none_or(|h| b.contains(h))
    });
    if found.is_none() {
        problems.push(format!("no error with {message:?} at {place:?} (hint {hint:?})"));
    }
    if common::tree(site.path()) != before {
        problems.push("a file of the site changed".to_string());
    }
    if !problems.is_empty() {
        problems.push(format!("stderr:\n{stderr}"));
    }
    problems
}

#[test]
fn every_broken_import_is_a_located_error_and_writes_nothing() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/bad");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root).unwrap().flatten().map(|e| e.path()).collect();
    dirs.sort();
    assert!(dirs.len() >= 20, "the cases are missing");
    let mut failures = Vec::new();
    for dir in &dirs {
        let text = std::fs::read_to_string(dir.join("case.yaml")).unwrap();
        let case: Case = serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for zh in [false, true] {
            if zh && case.message_zh.is_none() {
                continue;
            }
            let problems = run(dir, &case, zh);
            if !problems.is_empty() {
                let name = dir.file_name().unwrap_or_default().to_string_lossy();
                failures.push(format!("{name} ({}): {}", if zh { "zh" } else { "en" }, problems.join("; ")));
            }
        }
    }
    assert!(failures.is_empty(), "{} failing:\n{}", failures.len(), failures.join("\n\n"));
}

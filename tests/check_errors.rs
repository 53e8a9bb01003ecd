//! `gongkai check` on broken input: every mistake is reported as an error with the file, line and
//! column a user would look at, and never as a panic or a hang.
//!
//! `tests/fixtures/base/` is a small valid site. Each folder in `tests/fixtures/bad/` is one
//! mistake, written as the files that differ from the base (same relative paths) plus:
//!
//! - `expect.yaml` (required): `file`, optional `line` and `column`, `message` (a substring of
//!   the `error:` line), optional `hint` (a substring of the hint), optional `message_zh` and
//!   `hint_zh` (the same in Chinese: the case then runs a second time with `GONGKAI_LANG=zh`,
//!   and the `错误：` line must name the place and contain `message_zh`), `strict` (run with
//!   `--strict`), `publish` (run with `--publish`, "today" being [`TODAY`]), `errors` (the exact number of errors printed, for cases where follow-on
//!   errors would mislead), `ignore` (a known checker bug: the case is skipped and listed);
//! - `delete.txt`: paths (relative to the site root) removed from the base before the case's
//!   files are added, one per line;
//! - `generate.txt`: big files made at run time instead of committed, one per line:
//!   `large-file PATH BYTES` grows the file at PATH to BYTES by repeating its last line,
//!   `long-line PATH BYTES` appends one line of BYTES bytes of Chinese text to PATH,
//!   `nested-quotes PATH N` appends one line of N nested block quotes (`>>>…>`) to PATH;
//! - `symlink.txt`: `LINK -> TARGET` per line, a symbolic link at LINK (relative to the site
//!   root, replacing what is there) pointing to TARGET as written (unix only).
//!
//! Set `GONGKAI_RUN_IGNORED=1` to run the ignored cases too (to see whether a bug is fixed).
//!
//! `tests/fixtures/good-bom-crlf/` and `tests/fixtures/good-gbk-csv/` are overlays of the same
//! kind that must pass.

mod common;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The date `check --publish` measures staleness at (its test seam, `GONGKAI_TODAY`).
const TODAY: &str = "2025-06-30";

/// A hung checker fails its case instead of blocking the test run.
const TIMEOUT: Duration = Duration::from_secs(60);

/// The files of a case folder that are instructions, not content.
const SPECIAL: &[&str] = &["expect.yaml", "delete.txt", "generate.txt", "symlink.txt"];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    message: String,
    hint: Option<String>,
    message_zh: Option<String>,
    hint_zh: Option<String>,
    #[serde(default)]
    strict: bool,
    #[serde(default)]
    publish: bool,
    errors: Option<usize>,
    ignore: Option<String>,
}

impl Expect {
    /// The `-->` line the diagnostic must have (without its indentation), as far as given.
    fn location(&self) -> String {
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("--> {}:{l}:{c}", self.file),
            (Some(l), None) => format!("--> {}:{l}:…", self.file),
            (None, _) => format!("--> {}", self.file),
        }
    }

    /// Does a printed `-->` line name the expected place? Exactly, except that any column is
    /// accepted when `column` is left out.
    fn is_at(&self, printed: &str) -> bool {
        match (self.line, self.column) {
            (Some(l), None) => printed
                .strip_prefix(&format!("--> {}:{l}:", self.file))
                .is_some_and(|col| !col.is_empty() && col.bytes().all(|b| b.is_ascii_digit())),
            _ => printed == self.location(),
        }
    }
}

/// What one run of the binary did.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    timed_out: bool,
}

/// Run `gongkai ARGS --root ROOT` speaking English, killing it after [`TIMEOUT`].
fn gongkai(args: &[&str], root: &Path) -> Run {
    gongkai_in("en", args, root)
}

/// [`gongkai`], speaking `lang`.
fn gongkai_in(lang: &str, args: &[&str], root: &Path) -> Run {
    let logs = tempfile::tempdir().unwrap();
    let (out_path, err_path) = (logs.path().join("stdout"), logs.path().join("stderr"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", lang)
        .env("GONGKAI_TODAY", TODAY)
        .args(args)
        .arg("--root")
        .arg(root)
        .stdin(Stdio::null())
        .stdout(fs::File::create(&out_path).unwrap())
        .stderr(fs::File::create(&err_path).unwrap())
        .spawn()
        .expect("cannot start gongkai");
    let start = Instant::now();
    let (code, timed_out) = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break (status.code(), false);
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            break (None, true);
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let read = |p: &Path| String::from_utf8_lossy(&fs::read(p).unwrap_or_default()).into_owned();
    Run { code, stdout: read(&out_path), stderr: read(&err_path), timed_out }
}

/// Copy the files of `from` into `to` (creating folders), skipping the instruction files at the
/// top of a case folder.
fn overlay(from: &Path, to: &Path, top: bool) {
    for entry in fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if top && SPECIAL.iter().any(|s| name == *s) {
            continue;
        }
        let (src, dst) = (entry.path(), to.join(&name));
        if entry.file_type().unwrap().is_dir() {
            fs::create_dir_all(&dst).unwrap();
            overlay(&src, &dst, false);
        } else {
            fs::copy(&src, &dst).unwrap_or_else(|e| panic!("{} -> {}: {e}", src.display(), dst.display()));
        }
    }
}

/// The non-blank, non-comment lines of an instruction file, if it exists.
fn instructions(path: &Path) -> Vec<String> {
    let Ok(text) = fs::read_to_string(path) else { return Vec::new() };
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(String::from).collect()
}

/// A copy of the base site with the case (or good overlay) at `case` applied. `Err` explains a
/// broken case folder; `Ok(None)` means the case cannot run on this platform.
fn prepare(case: &Path) -> Result<Option<tempfile::TempDir>, String> {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    overlay(&fixtures().join("base"), root, false);
    // Delete before overlaying, so that a case may replace `city/` by `City/` even where file
    // names are case-insensitive.
    for rel in instructions(&case.join("delete.txt")) {
        let p = root.join(&rel);
        let removed = if p.is_dir() { fs::remove_dir_all(&p) } else { fs::remove_file(&p) };
        removed.map_err(|e| format!("delete.txt: {rel}: {e}"))?;
    }
    overlay(case, root, true);
    for line in instructions(&case.join("generate.txt")) {
        let words: Vec<&str> = line.split_whitespace().collect();
        let [kind, rel, bytes] = words[..] else { return Err(format!("generate.txt: cannot read `{line}`")) };
        let bytes: u64 = bytes.parse().map_err(|_| format!("generate.txt: `{bytes}` is not a number"))?;
        generate(kind, &root.join(rel), bytes).map_err(|e| format!("generate.txt: `{line}`: {e}"))?;
    }
    for line in instructions(&case.join("symlink.txt")) {
        let Some((link, target)) = line.split_once(" -> ") else {
            return Err(format!("symlink.txt: cannot read `{line}` (write `LINK -> TARGET`)"));
        };
        #[cfg(unix)]
        {
            let link = root.join(link.trim());
            if link.exists() {
                fs::remove_file(&link).map_err(|e| format!("symlink.txt: {}: {e}", link.display()))?;
            }
            std::os::unix::fs::symlink(target.trim(), &link).map_err(|e| format!("symlink.txt: {line}: {e}"))?;
        }
        #[cfg(not(unix))]
        {
            let _ = (link, target);
            return Ok(None);
        }
    }
    Ok(Some(site))
}

/// Make a big file in the copy (see the module documentation).
fn generate(kind: &str, path: &Path, bytes: u64) -> Result<(), String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut file = fs::OpenOptions::new().append(true).open(path).map_err(|e| e.to_string())?;
    let mut out = std::io::BufWriter::new(&mut file);
    let mut written = text.len() as u64;
    if !text.ends_with('\n') && !text.is_empty() {
        out.write_all(b"\n").unwrap();
        written += 1;
    }
    match kind {
        "large-file" => {
            let last = text.lines().rfind(|l| !l.trim().is_empty()).ok_or("the file has no line to repeat")?;
            let line = format!("{last}\n");
            while written < bytes {
                out.write_all(line.as_bytes()).unwrap();
                written += line.len() as u64;
            }
        }
        "long-line" => {
            let unit = "本段为测试用的超长文字，没有换行。";
            let mut n = 0;
            while n < bytes {
                out.write_all(unit.as_bytes()).unwrap();
                n += unit.len() as u64;
            }
            out.write_all(b"\n").unwrap();
        }
        "nested-quotes" => {
            out.write_all(">".repeat(bytes as usize).as_bytes()).unwrap();
            out.write_all(" 引用的引用。\n".as_bytes()).unwrap();
        }
        other => return Err(format!("unknown kind `{other}` (large-file, long-line or nested-quotes)")),
    }
    out.flush().map_err(|e| e.to_string())
}

/// One diagnostic as printed: its first line, its `-->` line and its hint.
#[derive(Debug)]
struct Printed {
    head: String,
    location: Option<String>,
    hint: Option<String>,
}

fn printed(stderr: &str) -> Vec<Printed> {
    let mut out: Vec<Printed> = Vec::new();
    for line in stderr.lines() {
        // A note starts an entry of its own too, so that its hint is not taken for the one before.
        if line.starts_with("error: ") || line.starts_with("warning: ") || line.starts_with("note: ") {
            out.push(Printed { head: line.to_string(), location: None, hint: None });
        } else if let Some(d) = out.last_mut() {
            let t = line.trim();
            if t.starts_with("--> ") && d.location.is_none() {
                d.location = Some(t.to_string());
            } else if let Some(h) = t.strip_prefix("= hint: ") {
                d.hint = Some(h.to_string());
            }
        }
    }
    out
}

/// Run one bad case; `Ok(Some(reason))` when it is skipped, `Err` with what went wrong.
fn run_case(dir: &Path) -> Result<Option<String>, String> {
    let text = fs::read_to_string(dir.join("expect.yaml")).map_err(|e| format!("expect.yaml: {e}"))?;
    let expect: Expect = serde_yaml::from_str(&text).map_err(|e| format!("expect.yaml: {e}"))?;
    if let Some(why) = &expect.ignore
        && std::env::var_os("GONGKAI_RUN_IGNORED").is_none()
    {
        return Ok(Some(format!("ignored: {why}")));
    }
    if expect.column.is_some() && expect.line.is_none() {
        return Err("expect.yaml: `column` without `line`".into());
    }
    let Some(site) = prepare(dir)? else { return Ok(Some("not supported on this platform".into())) };
    let args: &[&str] = match (expect.strict, expect.publish) {
        (_, true) => &["check", "--publish"],
        (true, false) => &["check", "--strict"],
        (false, false) => &["check"],
    };
    let run = gongkai(args, site.path());
    let mut problems = Vec::new();
    if run.timed_out {
        problems.push(format!("did not finish within {} s", TIMEOUT.as_secs()));
    } else if run.code != Some(1) {
        problems.push(format!("exit code {:?}, expected 1", run.code));
    }
    if run.stderr.contains("panicked") {
        problems.push("the checker panicked".into());
    }
    let diags = printed(&run.stderr);
    let location = expect.location();
    let found = diags.iter().any(|d| {
        d.head.starts_with("error: ")
            && d.head.contains(&expect.message)
            && d.location.as_deref().is_some_and(|l| expect.is_at(l))
            && expect.hint.as_ref().is_none_or(|h| d.hint.as_ref().is_some_and(|got| got.contains(h.as_str())))
    });
    if !found {
        let hint = expect.hint.as_deref().map(|h| format!(", hint containing {h:?}")).unwrap_or_default();
        problems.push(format!("no `error: ` line containing {:?} at `{location}`{hint}", expect.message));
    }
    if let Some(zh) = &expect.message_zh {
        let run = gongkai_in("zh", args, site.path());
        // In Chinese the place and the message are one line: `错误：文件 第 L 行第 C 列：消息。`
        let place = match (expect.line, expect.column) {
            (Some(l), Some(c)) => format!("{} 第 {l} 行第 {c} 列：", expect.file),
            (Some(l), None) => format!("{} 第 {l} 行", expect.file),
            (None, _) => format!("{}：", expect.file),
        };
        let lines: Vec<&str> = run.stderr.lines().collect();
        let found = lines.iter().enumerate().any(|(i, l)| {
            l.starts_with("错误：")
                && l.contains(&place)
                && l.contains(zh.as_str())
                && expect.hint_zh.as_ref().is_none_or(|h| {
                    lines
                        .get(i + 1)
                        .is_some_and(|next| next.trim_start().starts_with("提示：") && next.contains(h.as_str()))
                })
        });
        if !found {
            problems.push(format!(
                "in Chinese, no `错误：` line naming `{place}` and containing {zh:?} (hint {:?})\n--- stderr (zh):\n{}",
                expect.hint_zh, run.stderr
            ));
        }
    }
    let printed_errors = diags.iter().filter(|d| d.head.starts_with("error: ")).count();
    if let Some(n) = expect.errors
        && n != printed_errors
    {
        problems.push(format!("{printed_errors} errors printed, expected {n}"));
    }
    if problems.is_empty() {
        return Ok(None);
    }
    Err(format!("{}\n--- stderr:\n{}--- stdout:\n{}", problems.join("; "), run.stderr, run.stdout))
}

fn bad_cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> =
        fs::read_dir(fixtures().join("bad")).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    cases.sort();
    cases
}

#[test]
fn base_site_passes_strict_check() {
    let site = prepare(&fixtures().join("base")).unwrap().unwrap();
    let run = gongkai(&["check", "--strict"], site.path());
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.starts_with("ok:"), "{}", run.stdout);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

/// The base site with its sample flags removed, a province page that says why it is there, an
/// https address and the identity marks filled passes the publishing gate, with the one note
/// on a series whose next value is due; the base site itself does not, naming its sample files;
/// `build` without `--publish` still builds it, and `build --publish` writes nothing.
#[test]
fn the_publishing_gate_refuses_samples_and_passes_a_site_fit_to_publish() {
    let good = prepare(&fixtures().join("good-publish")).unwrap().unwrap();
    let run = gongkai(&["check", "--publish"], good.path());
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.starts_with("ok:"), "{}", run.stdout);
    assert!(!run.stderr.contains("error"), "{}", run.stderr);
    assert!(run.stderr.contains("note: series here without a value for a period that is due: 4"), "{}", run.stderr);
    assert!(run.stderr.contains("2024Q3 expected by 2025-03-29"), "{}", run.stderr);
    // The province's page and the list of indicators have nothing dated: a note, not an error.
    assert!(run.stderr.contains("note: pages that show no date, since nothing on them has one: "), "{}", run.stderr);
    assert!(run.stderr.contains("regions/prov/index.html"), "{}", run.stderr);
    let out = good.path().join("public");
    let built = gongkai(&["build", "--publish", "--output", out.to_str().unwrap()], good.path());
    assert_eq!(built.code, Some(0), "{}", built.stderr);
    assert!(out.join("index.html").is_file());

    let base = prepare(&fixtures().join("base")).unwrap().unwrap();
    let run = gongkai(&["check", "--publish"], base.path());
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    for place in [
        "content/regions/city/data.yaml:5:1",
        "content/regions/city/data.csv:2:1",
        "content/regions/city/tasks.yaml:11:1",
    ] {
        assert!(run.stderr.contains(place), "{place} not named:\n{}", run.stderr);
    }
    assert!(
        run.stderr.contains("entries with sample values (`sample: true`) in this file: 5, the first here"),
        "{}",
        run.stderr
    );
    let out = base.path().join("public");
    let refused = gongkai(&["build", "--publish", "--output", out.to_str().unwrap()], base.path());
    assert_eq!(refused.code, Some(1), "{}", refused.stderr);
    assert!(!out.exists(), "build --publish wrote a site that failed the gate");
    let built = gongkai(&["build", "--output", out.to_str().unwrap()], base.path());
    assert_eq!(built.code, Some(0), "{}", built.stderr);
}

#[test]
fn a_site_saved_with_bom_and_crlf_passes() {
    let site = prepare(&fixtures().join("good-bom-crlf")).unwrap().unwrap();
    let run = gongkai(&["check", "--strict"], site.path());
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.starts_with("ok:"), "{}", run.stdout);
}

/// `tests/fixtures/good-gbk-csv/` is the base site's `data.csv` saved as GBK, as Chinese
/// Excel's "CSV (逗号分隔)" saves it: it passes `check --strict` with a note (not a warning), and
/// builds the very site the UTF-8 file builds.
#[test]
fn a_gbk_data_csv_is_read_with_a_note_and_builds_the_same_site() {
    let site = prepare(&fixtures().join("good-gbk-csv")).unwrap().unwrap();
    let run = gongkai(&["check", "--strict"], site.path());
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.starts_with("ok:") && run.stdout.contains("0 warnings"), "{}", run.stdout);
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(all.contains("note: read as GB18030/GBK text") && all.contains("content/regions/city/data.csv"), "{all}");
    assert!(all.contains("CSV UTF-8"), "{all}");
    let zh = gongkai_in("zh", &["check", "--strict"], site.path());
    assert!(format!("{}{}", zh.stdout, zh.stderr).contains("说明："), "{}", zh.stderr);

    let base = prepare(&fixtures().join("base")).unwrap().unwrap();
    let (gbk_out, utf8_out) = (site.path().join("public"), base.path().join("public"));
    let gbk_build = gongkai(&["build", "--output", gbk_out.to_str().unwrap()], site.path());
    assert_eq!(gbk_build.code, Some(0), "{}", gbk_build.stderr);
    let utf8_build = gongkai(&["build", "--output", utf8_out.to_str().unwrap()], base.path());
    assert_eq!(utf8_build.code, Some(0), "{}", utf8_build.stderr);
    let (gbk_site, utf8_site) = (common::tree(&gbk_out), common::tree(&utf8_out));
    assert!(gbk_site.keys().any(|p| p.ends_with("all.csv")), "no all.csv in {:?}", gbk_site.keys());
    for (path, bytes) in &utf8_site {
        assert!(gbk_site.get(path) == Some(bytes), "{} differs from the UTF-8 build", path.display());
    }
    assert_eq!(gbk_site.len(), utf8_site.len());
}

#[test]
fn every_bad_case_is_reported_where_it_is() {
    let mut failures = Vec::new();
    let mut skipped = Vec::new();
    for dir in bad_cases() {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        match run_case(&dir) {
            Ok(None) => {}
            Ok(Some(why)) => skipped.push(format!("{name}: {why}")),
            Err(e) => failures.push(format!("=== {name}: {e}")),
        }
    }
    if !skipped.is_empty() {
        eprintln!("skipped {} cases:\n  {}", skipped.len(), skipped.join("\n  "));
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), bad_cases().len(), failures.join("\n"));
}

#[test]
fn there_are_enough_bad_cases() {
    let cases = bad_cases();
    assert!(cases.len() >= 45, "only {} cases in tests/fixtures/bad", cases.len());
    for dir in &cases {
        assert!(dir.join("expect.yaml").is_file(), "{} has no expect.yaml", dir.display());
    }
}

/// Ten thousand nested block quotes are valid Markdown: `check` may accept them (then `build`
/// renders them) or refuse them (see the case `generated-nested-quotes`); neither `check` nor
/// `build` may panic or hang on them.
#[test]
fn deeply_nested_quotes_neither_panic_nor_hang() {
    let site = prepare(&fixtures().join("base")).unwrap().unwrap();
    let quotes = format!("---\ntitle: 深层引用\n---\n{} 引用的引用。\n", ">".repeat(10_000));
    fs::write(site.path().join("content/regions/city/index.zh.md"), quotes).unwrap();
    let check = gongkai(&["check"], site.path());
    assert!(!check.timed_out, "check did not finish");
    assert!(matches!(check.code, Some(0 | 1)), "check: exit code {:?}\n{}", check.code, check.stderr);
    assert!(!check.stderr.contains("panicked"), "{}", check.stderr);
    let output = site.path().join("public");
    let build = gongkai(&["build", "--output", output.to_str().unwrap()], site.path());
    assert!(!build.timed_out, "build did not finish");
    assert!(matches!(build.code, Some(0 | 1)), "build: exit code {:?}\n{}", build.code, build.stderr);
    assert!(!build.stderr.contains("panicked"), "{}", build.stderr);
}

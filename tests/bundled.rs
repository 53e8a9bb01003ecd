//! The bundled content must pass `gongkai check --strict`, and the summary must count what is
//! really in the files (counted here independently, by reading the YAML and listing files).

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn yaml(path: &Path) -> serde_yaml::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn seq_len(v: &serde_yaml::Value, key: &str) -> usize {
    v.get(key).and_then(|s| s.as_sequence()).map_or(0, |s| s.len())
}

/// Counts computed from the files themselves, not through gongkai.
fn expected_counts() -> (usize, usize, usize, usize, usize) {
    let content = root().join("content");
    let regions: Vec<PathBuf> = std::fs::read_dir(content.join("regions"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    let indicators = std::fs::read_dir(content.join("indicators"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        .count();
    let (mut targets, mut tasks, mut observations) = (0, 0, 0);
    for r in &regions {
        targets += seq_len(&yaml(&r.join("region.yaml")), "targets");
        if r.join("tasks.yaml").exists() {
            tasks += yaml(&r.join("tasks.yaml")).as_sequence().map_or(0, |s| s.len());
        }
        if r.join("data.yaml").exists() {
            for entry in yaml(&r.join("data.yaml")).as_sequence().unwrap() {
                observations += entry.get("values").and_then(|v| v.as_mapping()).map_or(1, |m| m.len());
            }
        }
        if r.join("data.csv").exists() {
            let text = std::fs::read_to_string(r.join("data.csv")).unwrap();
            observations += text.lines().skip(1).filter(|l| !l.trim().is_empty()).count();
        }
    }
    (regions.len(), indicators, observations, targets, tasks)
}

fn number_before(summary: &str, word: &str) -> usize {
    let i = summary.find(&format!(" {word}")).unwrap_or_else(|| panic!("no `{word}` in {summary}"));
    summary[..i].rsplit([' ', ',']).next().unwrap().parse().unwrap()
}

#[test]
fn bundled_content_passes_strict_check_with_true_counts() {
    let out = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "en")
        .args(["check", "--strict", "--root"])
        .arg(root())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "check failed:\n{stderr}");
    let summary = stdout.lines().find(|l| l.starts_with("ok:")).unwrap_or_else(|| panic!("no summary in {stdout}"));
    let (regions, indicators, observations, targets, tasks) = expected_counts();
    assert_eq!(number_before(summary, "regions"), regions, "{summary}");
    assert_eq!(number_before(summary, "indicators"), indicators, "{summary}");
    assert_eq!(number_before(summary, "observations"), observations, "{summary}");
    assert_eq!(number_before(summary, "targets"), targets, "{summary}");
    assert_eq!(number_before(summary, "tasks"), tasks, "{summary}");
    assert!(summary.ends_with("0 warnings"), "{summary}");
}

#[test]
fn bundled_content_holds_the_five_plans_and_their_annexes() {
    let content = root().join("content/regions");
    for id in ["yuncheng", "yaan", "kaizhou", "xinzhou", "weixi"] {
        let region = yaml(&content.join(id).join("region.yaml"));
        assert!(region.get("plan").is_some(), "{id} has a plan");
        assert!(seq_len(&region, "targets") > 0, "{id} has targets");
    }
    // Kaizhou: all 87 rows of annex 2 are tasks.
    let tasks = yaml(&content.join("kaizhou/tasks.yaml"));
    assert_eq!(tasks.as_sequence().unwrap().len(), 87);
    // Every observation in the bundled content is flagged as sample data.
    for entry in std::fs::read_dir(&content).unwrap().flatten() {
        let data = entry.path().join("data.yaml");
        if data.exists() {
            for obs in yaml(&data).as_sequence().unwrap() {
                assert_eq!(obs.get("sample").and_then(|s| s.as_bool()), Some(true), "{}: {obs:?}", data.display());
            }
        }
        let csv = entry.path().join("data.csv");
        if csv.exists() {
            let text = std::fs::read_to_string(&csv).unwrap();
            for line in text.lines().skip(1).filter(|l| !l.is_empty()) {
                assert!(line.trim_end().ends_with(",true"), "{}: {line}", csv.display());
            }
        }
    }
}

/// The bundled values and task statuses are illustrative: `check --publish` refuses them,
/// naming every file that holds them, while `check --strict` (above) passes.
#[test]
fn the_bundled_content_fails_the_publishing_gate_naming_its_sample_files() {
    let out = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "en")
        .env("GONGKAI_TODAY", "2025-06-30")
        .args(["check", "--publish", "--root"])
        .arg(root())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let regions = root().join("content/regions");
    let mut named = 0;
    for r in std::fs::read_dir(&regions).unwrap().flatten() {
        for name in ["data.yaml", "data.csv", "tasks.yaml"] {
            let file = r.path().join(name);
            let Ok(text) = std::fs::read_to_string(&file) else { continue };
            let flagged = text.lines().any(|l| {
                let l = l.trim();
                l.starts_with("sample: true") || l.starts_with("- sample: true") || l.ends_with(",true")
            });
            if flagged {
                let rel = format!("content/regions/{}/{name}:", r.file_name().to_string_lossy());
                assert!(stderr.contains(&format!("--> {rel}")), "{rel} is not named:\n{stderr}");
                named += 1;
            }
        }
    }
    assert!(named >= 10, "only {named} sample files found");
}

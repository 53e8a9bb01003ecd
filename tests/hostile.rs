//! Hostile content: a script payload in every text field of a site must come out inert in
//! every file of `public/` — escaped in HTML, attributes and SVG, escaped in JSON, defused in
//! CSV. And a failed build, for any reason, leaves the previous `public/` as it was.

use std::path::{Path, PathBuf};
use std::process::Command;

const PAYLOAD: &str = "<script>alert(\"x\")</script><img src=x onerror=alert(1)>\"'><svg onload=alert(2)>";

fn gongkai(args: &[&str], root: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "en")
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap()
}

/// Append the payload to every language text (`{zh: .., en: ..}`) and free text in a YAML value.
fn poison(v: &mut serde_yaml::Value, key: Option<&str>) {
    use serde_yaml::Value;
    match v {
        Value::Mapping(m) => {
            for (k, child) in m.iter_mut() {
                poison(child, k.as_str());
            }
        }
        Value::Sequence(items) => {
            for item in items {
                poison(item, key);
            }
        }
        Value::String(s) => {
            let text_key = matches!(key, Some("zh" | "en" | "number" | "horizon" | "title"));
            if text_key {
                s.push_str(PAYLOAD);
            }
        }
        _ => {}
    }
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        if e.path().is_dir() {
            files(&e.path(), out);
        } else {
            out.push(e.path());
        }
    }
}

fn poisoned_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    assert!(
        Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .env("GONGKAI_LANG", "en")
            .arg("init")
            .arg(dir.path())
            .status()
            .unwrap()
            .success()
    );
    let mut all = Vec::new();
    files(&dir.path().join("content"), &mut all);
    for f in all {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".yaml") {
            let mut v: serde_yaml::Value = serde_yaml::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
            poison(&mut v, None);
            std::fs::write(&f, serde_yaml::to_string(&v).unwrap()).unwrap();
        } else if name.ends_with(".md") {
            let text = std::fs::read_to_string(&f).unwrap();
            // A JSON string is a valid YAML double-quoted scalar.
            let text: String = text
                .lines()
                .map(|l| match l.strip_prefix("title: ") {
                    Some(t) => format!("title: {}\n", serde_json::to_string(&format!("{t}{PAYLOAD}")).unwrap()),
                    None => format!("{l}\n"),
                })
                .collect();
            std::fs::write(
                &f,
                format!("{text}\n\n{PAYLOAD}\n\n[link](javascript:alert(3)) <a href=\"javascript:alert(4)\">x</a>\n"),
            )
            .unwrap();
        }
    }
    // The plan's text holds the (poisoned) quotes, so that they are checked and found, and the
    // payload reaches the plan's page too.
    let region = dir.path().join("content/regions/demo-city");
    let yaml: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(region.join("region.yaml")).unwrap()).unwrap();
    let quotes: Vec<String> = yaml["targets"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|t| t["text"]["zh"].as_str().map(str::to_string))
        .collect();
    assert!(!quotes.is_empty());
    let mut plan = std::fs::read_to_string(region.join("plan.zh.md")).unwrap();
    for q in quotes {
        plan.push_str(&format!("\n\n{q}\n"));
    }
    std::fs::write(region.join("plan.zh.md"), plan).unwrap();
    // Units are free text too, and a scope name, and a CSV note that looks like a formula.
    let ind = dir.path().join("content/indicators/cmi.yaml");
    let text = std::fs::read_to_string(&ind)
        .unwrap()
        .replace("unit: index", &format!("unit: {{zh: '点{0}', en: 'pt{0}'}}", PAYLOAD.replace('\'', "''")));
    std::fs::write(&ind, text).unwrap();
    std::fs::write(
        dir.path().join("content/regions/demo-city/data.csv"),
        "indicator,scope,period,value,note\naverage-length-of-stay,,2020,9.6,\"=HYPERLINK(\"\"http://evil\"\")\"\n",
    )
    .unwrap();
    dir
}

#[test]
fn a_script_in_every_field_never_survives_into_public() {
    let dir = poisoned_site();
    let out = gongkai(&["build"], dir.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut all = Vec::new();
    files(&dir.path().join("public"), &mut all);
    let mut seen_escaped = 0;
    for f in &all {
        let text = String::from_utf8_lossy(&std::fs::read(f).unwrap()).into_owned();
        let name = f.strip_prefix(dir.path()).unwrap().display().to_string();
        let lower = text.to_lowercase();
        // Escaped text may spell "onerror=", harmlessly; a live handler needs a raw tag.
        let markup = name.ends_with(".html") || name.ends_with(".xml") || name.ends_with(".svg");
        for bad in markup
            .then_some(["<script>alert", "<img src=x", "<svg onload", "href=\"javascript:", "src=\"javascript:"])
            .into_iter()
            .flatten()
        {
            for (i, _) in lower.match_indices(bad) {
                // Inside a real tag when the last `<` before it comes after the last `>`.
                let before = &lower[..i];
                let in_tag = bad.starts_with('<') || before.rfind('<') > before.rfind('>');
                if in_tag {
                    let from = before.char_indices().rev().nth(150).map_or(0, |(j, _)| j);
                    panic!("{name} contains {bad}: …{}…", &text[from..(i + 60).min(text.len())]);
                }
            }
        }
        if name.ends_with(".html") && text.contains("&lt;script&gt;alert(&quot;x&quot;)") {
            seen_escaped += 1;
        }
        if name.ends_with(".json") {
            assert!(!text.contains('<'), "{name}: raw < in JSON");
            assert!(text.contains("\\u003cscript\\u003e"), "{name}: the text is kept, escaped");
        }
        if name.ends_with(".csv") {
            let mut r = csv::Reader::from_reader(text.as_bytes());
            for rec in r.records() {
                for cell in rec.unwrap().iter() {
                    assert!(
                        !cell.starts_with('=') && !cell.starts_with('@') && !cell.starts_with('+'),
                        "{name}: formula cell {cell}"
                    );
                }
            }
        }
    }
    assert!(seen_escaped > 10, "the payload is shown as text on the pages ({seen_escaped} pages)");
}

fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut all = Vec::new();
    files(dir, &mut all);
    all.sort();
    all.into_iter().map(|p| (p.clone(), std::fs::read(&p).unwrap())).collect()
}

#[test]
fn a_content_error_or_a_template_error_leaves_public_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    assert!(
        Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .env("GONGKAI_LANG", "en")
            .arg("init")
            .arg(dir.path())
            .status()
            .unwrap()
            .success()
    );
    assert!(gongkai(&["build"], dir.path()).status.success());
    let before = snapshot(&dir.path().join("public"));

    // A content error.
    let region = dir.path().join("content/regions/demo-city/region.yaml");
    let good = std::fs::read_to_string(&region).unwrap();
    std::fs::write(&region, good.replace("indicator: cmi", "indicator: cmii")).unwrap();
    let out = gongkai(&["build"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(snapshot(&dir.path().join("public")), before, "content error");
    std::fs::write(&region, good).unwrap();

    // A template error.
    let templates = dir.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("home.html"),
        "{% extends \"base.html\" %}{% block content %}{{ missing.field }}{% endblock content %}",
    )
    .unwrap();
    let out = gongkai(&["build"], dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("home.html"));
    assert_eq!(snapshot(&dir.path().join("public")), before, "template error");
    // No staging folders are left behind.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".public"))
        .collect();
    assert!(leftovers.is_empty());
}

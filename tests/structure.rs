//! The shape of the code, checked: imports run one way along the layer table of
//! `docs/architecture.md` with no circle between files, only the route module spells output
//! paths, and every file of `src/` is readable in one sitting.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `src/`, by module path (`render::page::region`; `mod.rs` is its
/// folder's module; `lib` and `main` are the crate's roots).
fn modules() -> BTreeMap<String, PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(&src(), &mut files);
    files
        .into_iter()
        .map(|f| {
            let rel = f.strip_prefix(src()).unwrap().with_extension("");
            let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
            if parts.last().is_some_and(|p| p == "mod") {
                parts.pop();
            }
            (parts.join("::"), f)
        })
        .collect()
}

/// A file's code without its unit tests (they close each file by convention).
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    match text.find("#[cfg(test)]") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// The `use` statements of a file, each with its braces expanded into plain paths.
fn use_paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("use ") {
        let line_start = rest[..i].rfind('\n').map_or(0, |n| n + 1);
        let before = rest[line_start..i].trim();
        rest = &rest[i + 4..];
        if !(before.is_empty() || before == "pub" || before.starts_with("pub(")) {
            continue;
        }
        let Some(end) = rest.find(';') else { break };
        let stmt: String = rest[..end].chars().filter(|c| !c.is_whitespace()).collect();
        expand("", &stmt, &mut out);
        rest = &rest[end..];
    }
    out
}

fn expand(prefix: &str, s: &str, out: &mut Vec<String>) {
    match s.find('{') {
        None => out.push(format!("{prefix}{s}")),
        Some(open) => {
            let head = &s[..open];
            let inner = &s[open + 1..s.rfind('}').unwrap_or(s.len())];
            let mut depth = 0;
            let mut start = 0;
            for (i, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        expand(&format!("{prefix}{head}"), &inner[start..i], out);
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            if start < inner.len() {
                expand(&format!("{prefix}{head}"), &inner[start..], out);
            }
        }
    }
}

/// The module a `use` path names: the longest prefix that is a file of `src/`.
fn resolve(from: &str, path: &str, modules: &BTreeMap<String, PathBuf>) -> Option<String> {
    let mut segs: Vec<String> = Vec::new();
    let mut parts = path.split("::").peekable();
    match parts.peek().copied() {
        Some("crate") => {
            parts.next();
        }
        Some("super") | Some("self") => {
            // `super` is the parent of the file's module; a folder's `mod.rs` is the folder.
            segs = from.split("::").map(str::to_string).collect();
            while let Some(p) = parts.peek().copied() {
                match p {
                    "super" => {
                        segs.pop();
                    }
                    "self" => {}
                    _ => break,
                }
                parts.next();
            }
        }
        _ => return None,
    }
    let rest: Vec<&str> = parts.collect();
    let mut best = None;
    for n in 0..=rest.len() {
        let mut candidate = segs.clone();
        candidate.extend(rest[..n].iter().map(|s| s.to_string()));
        let name = candidate.join("::");
        if modules.contains_key(&name) {
            best = Some(name);
        }
    }
    best
}

/// The layer of each top-level module, from the table in `docs/architecture.md` (between
/// `<!-- layers -->` and `<!-- /layers -->`: `| floor | modules |`).
fn floors() -> BTreeMap<String, usize> {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/architecture.md")).unwrap();
    let start = doc.find("<!-- layers -->").expect("docs/architecture.md has the layer table");
    let end = doc.find("<!-- /layers -->").expect("the layer table ends");
    let mut floors = BTreeMap::new();
    for line in doc[start..end].lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let Some(floor) = cells.get(1).and_then(|c| c.parse::<usize>().ok()) else { continue };
        for m in cells.get(2).unwrap_or(&"").split(',') {
            let m = m.trim().trim_matches('`');
            if !m.is_empty() {
                floors.insert(m.to_string(), floor);
            }
        }
    }
    floors
}

fn top(module: &str) -> &str {
    module.split("::").next().unwrap_or(module)
}

/// The import graph between files: `use crate::…` and `use super::…` lines. A folder's
/// `mod.rs` is its façade: its imports of its own children are not counted.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let modules = modules();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (m, file) in &modules {
        let edges = graph.entry(m.clone()).or_default();
        let is_folder = file.ends_with("mod.rs");
        for path in use_paths(&code(file)) {
            let Some(to) = resolve(m, &path, &modules) else { continue };
            let own_child = is_folder && to.starts_with(&format!("{m}::"));
            if to != *m && !own_child {
                edges.insert(to);
            }
        }
    }
    graph
}

#[test]
fn imports_run_down_the_layer_table() {
    let floors = floors();
    let graph = graph();
    let mut problems = Vec::new();
    for m in graph.keys() {
        if !matches!(top(m), "lib" | "main") && !floors.contains_key(top(m)) {
            problems.push(format!("module `{}` is missing from the layer table", top(m)));
        }
    }
    for (from, tos) in &graph {
        let Some(&f) = floors.get(top(from)) else { continue };
        for to in tos {
            let Some(&t) = floors.get(top(to)) else { continue };
            if top(from) != top(to) && t >= f {
                problems.push(format!("{from} (floor {f}) imports {to} (floor {t})"));
            }
        }
    }
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "imports against docs/architecture.md:\n{}", problems.join("\n"));
    // The test reads something: the render façade imports the model and the sink.
    assert!(graph["render"].contains("model") && graph["render"].contains("sink"), "{:?}", graph["render"]);
}

#[test]
fn no_two_files_import_each_other_in_a_circle() {
    let graph = graph();
    // Every file from which `start` can be reached again is on a circle with it.
    let mut circles = BTreeSet::new();
    for start in graph.keys() {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<(&String, Vec<&String>)> = vec![(start, vec![start])];
        while let Some((at, trail)) = stack.pop() {
            for next in graph.get(at).into_iter().flatten() {
                if next == start {
                    let mut c: Vec<String> = trail.iter().map(|s| s.to_string()).collect();
                    c.sort();
                    circles.insert(c.join(" ↔ "));
                } else if seen.insert(next) {
                    let mut t = trail.clone();
                    t.push(next);
                    stack.push((next, t));
                }
            }
        }
    }
    assert!(circles.is_empty(), "import circles:\n{}", circles.into_iter().collect::<Vec<_>>().join("\n"));
}

#[test]
fn the_circle_finder_finds_a_circle() {
    // The parser behind the two tests above, on known input.
    let mut out = Vec::new();
    expand("", "crate::render::{Input,page::{Renderer,Rendered}}", &mut out);
    assert_eq!(out, ["crate::render::Input", "crate::render::page::Renderer", "crate::render::page::Rendered"]);
    let modules = modules();
    assert_eq!(
        resolve("render::page::region", "super::compare::x", &modules).as_deref(),
        Some("render::page::compare")
    );
    assert_eq!(resolve("render::page", "super::theme::Theme", &modules).as_deref(), Some("render::theme"));
    assert_eq!(resolve("build", "crate::render::inventory::Part", &modules).as_deref(), Some("render::inventory"));
    assert_eq!(
        use_paths("use crate::a::{b, c::d};\npub use super::e;\n// use x;"),
        ["crate::a::b", "crate::a::c::d", "super::e"]
    );
}

/// The output paths the route module owns: a string literal that spells one elsewhere in
/// `src/` is a second place that knows where a page lives.
#[test]
fn only_the_route_module_spells_output_paths() {
    let patterns = ["index.html", "\"regions/", "\"indicators/", "\"data/", "\"static/", "\"sitemap", "\"robots.txt"];
    let mut found = Vec::new();
    for (m, file) in modules() {
        // The route module, and unit tests kept in files of their own (their paths are data).
        if m == "routes" || m.ends_with("::tests") {
            continue;
        }
        for (n, line) in code(&file).lines().enumerate() {
            let t = line.trim_start();
            // Comments, and the theme's own files compiled in (theme files, not output paths).
            if t.starts_with("//") || t.contains("include_str!") || t.contains("include_bytes!") {
                continue;
            }
            for p in patterns {
                // Inside a string literal: an opening quote before it on the line.
                if let Some(i) = t.find(p)
                    && (p.starts_with('"') || t[..i].contains('"'))
                {
                    found.push(format!("{}:{}: {}", file.display(), n + 1, t));
                }
            }
        }
    }
    assert!(found.is_empty(), "output paths spelled outside src/routes.rs:\n{}", found.join("\n"));
}

#[test]
fn every_file_is_readable_in_one_sitting() {
    let mut problems = Vec::new();
    for (_, file) in modules() {
        let text = std::fs::read_to_string(&file).unwrap();
        let lines = text.lines().count();
        if lines > 700 {
            problems.push(format!("{}: {lines} lines (at most 700)", file.display()));
        } else if lines > 600 {
            let header: String = text.lines().take_while(|l| l.starts_with("//!")).collect();
            if !header.contains("one job") {
                problems.push(format!("{}: {lines} lines: its header must say why it is one job", file.display()));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// `docs/content-format.md` lists every reserved name the route table holds.
#[test]
fn the_content_format_lists_every_reserved_name() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/content-format.md")).unwrap();
    let section = &doc[doc.find("**Reserved names.**").expect("the reserved names are documented")..];
    let section = &section[..section.find("\n- **").unwrap_or(section.len())];
    for name in gongkai::routes::RESERVED_TOP.iter().chain(gongkai::routes::RESERVED_IN_REGION) {
        assert!(section.contains(&format!("`{name}`")), "docs/content-format.md does not list `{name}`");
    }
}

/// `docs/themes.md` documents every template of the built-in theme (later changes keep it so).
#[test]
fn every_template_is_documented() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("docs/themes.md")).unwrap();
    let mut n = 0;
    for e in std::fs::read_dir(root.join("themes/default/templates")).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        assert!(doc.contains(&format!("`{name}`")), "docs/themes.md does not document {name}");
        n += 1;
    }
    assert!(n >= 10, "{n} templates");
}

/// Everything gongkai says comes from the catalogue: no printed literal carries words of its
/// own (formats like `{label}: {}` only), and another program's text is shown as it is
/// (`Message::verbatim`) only where the YAML parser's words are passed on.
#[test]
fn user_facing_words_come_from_the_catalogue() {
    let mut found = Vec::new();
    for (m, file) in modules() {
        if m.ends_with("::tests") {
            continue;
        }
        for (n, line) in code(&file).lines().enumerate() {
            let t = line.trim_start();
            if t.starts_with("//") {
                continue;
            }
            for mac in ["println!(\"", "eprintln!(\"", "print!(\"", "eprint!(\""] {
                let Some(i) = t.find(mac) else { continue };
                let lit = &t[i + mac.len()..];
                let lit = &lit[..lit.find('"').unwrap_or(lit.len())];
                // The literal without its `{…}` placeholders.
                let mut words = String::new();
                let mut depth = 0;
                for c in lit.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        c if depth == 0 => words.push(c),
                        _ => {}
                    }
                }
                let has_word =
                    words.as_bytes().windows(2).any(|w| w[0].is_ascii_alphabetic() && w[1].is_ascii_alphabetic());
                if has_word || words.chars().any(|c| c > '\u{2e80}' && c != '：') {
                    found.push(format!("{}:{}: {t}", file.display(), n + 1));
                }
            }
            if t.contains("Message::verbatim(") && m != "content::source" && !t.contains("fn verbatim") {
                found.push(format!("{}:{}: {t}", file.display(), n + 1));
            }
        }
    }
    assert!(found.is_empty(), "words outside src/messages:\n{}", found.join("\n"));
}

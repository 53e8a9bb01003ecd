//! Reading a content file as text, and parsing YAML into a raw struct, with every failure
//! turned into a [`Diagnostic`] in the user's terms.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, Location, did_you_mean};

/// The largest content file read (a bigger one is refused rather than exhausting memory).
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;
/// The longest line accepted in a content file.
pub const MAX_LINE_BYTES: usize = 256 * 1024;

/// Read `root/rel` as UTF-8 text: a BOM is dropped, CRLF is left to the parsers (they accept it).
pub fn read_text(root: &Path, rel: &Path) -> Result<String, Diagnostic> {
    let path = root.join(rel);
    let meta = std::fs::metadata(&path)
        .map_err(|e| Diagnostic::error(rel, Location::File, format!("cannot read the file: {e}")))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            rel,
            Location::File,
            format!(
                "the file is too large ({:.1} MB; the limit is {} MB)",
                meta.len() as f64 / 1_048_576.0,
                MAX_FILE_BYTES / 1_048_576
            ),
        )
        .with_hint("split the data over several files, or check that this is the right file"));
    }
    let bytes = std::fs::read(&path)
        .map_err(|e| Diagnostic::error(rel, Location::File, format!("cannot read the file: {e}")))?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let (line, column) = position_of_end(valid);
            return Err(Diagnostic::error(rel, Location::Position { line, column }, "the file is not UTF-8 text")
                .with_hint(
                    "save it as UTF-8 (Excel: \"CSV UTF-8\"; Notepad or WPS: Save As, encoding UTF-8); \
                 files saved as GBK/GB2312 cannot be read",
                ));
        }
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    if let Some((n, line)) = text.lines().enumerate().find(|(_, l)| l.len() > MAX_LINE_BYTES) {
        return Err(Diagnostic::error(
            rel,
            Location::Position { line: n + 1, column: 1 },
            format!("line {} is too long ({} KB; the limit is {} KB)", n + 1, line.len() / 1024, MAX_LINE_BYTES / 1024),
        )
        .with_hint("break long text over several lines"));
    }
    Ok(text)
}

fn position_of_end(valid: &[u8]) -> (usize, usize) {
    let text = String::from_utf8_lossy(valid);
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// True when a YAML text holds nothing but blank lines and comments.
pub fn is_blank_yaml(text: &str) -> bool {
    text.lines().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#') || t == "---" || t == "..."
    })
}

/// Parse YAML text into `T`, mapping serde_yaml's error to a diagnostic.
pub fn parse_yaml<T: DeserializeOwned>(rel: &Path, text: &str, expected: &str) -> Result<T, Diagnostic> {
    if is_blank_yaml(text) {
        return Err(Diagnostic::error(rel, Location::File, "the file is empty")
            .with_hint(format!("it should hold {expected}; delete the file if it is not needed")));
    }
    serde_yaml::from_str(text).map_err(|e| yaml_error(rel, text, &e))
}

/// Turn a serde_yaml error into a diagnostic with a message and hint in the user's terms.
pub fn yaml_error(rel: &Path, text: &str, err: &serde_yaml::Error) -> Diagnostic {
    // serde_yaml reads lazily and may stop at a type problem caused by a syntax error further
    // down (a key indented one space too little). The syntax error is the one to fix.
    let raw = err.to_string();
    let type_problem =
        ["invalid type", "missing field", "unknown field", "unknown variant", "invalid value", "invalid length"]
            .iter()
            .any(|p| split_path(&raw).1.starts_with(p));
    if type_problem && let Some(d) = syntax_error(rel, text) {
        return d;
    }
    let location = match err.location() {
        Some(l) => Location::Position { line: l.line(), column: l.column() },
        None => Location::File,
    };
    let msg = strip_location(&raw);
    let (path, msg) = split_path(&msg);
    let (message, hint) = explain(msg);
    let message = match path {
        Some(p) => format!("{message} (in `{p}`)"),
        None => message,
    };
    // serde reports a duplicate field at the start of its mapping; point at the second one.
    let location = match (&location, msg.starts_with("duplicate")) {
        (Location::Position { line, .. }, true) => quoted(msg)
            .first()
            .and_then(|key| second_key_line(text, key, *line))
            .map_or(location.clone(), |(line, column)| Location::Position { line, column }),
        _ => location,
    };
    let mut d = Diagnostic::error(rel, location.clone(), message);
    let tab_on_line = match location {
        Location::Position { line, .. } => text.lines().nth(line.saturating_sub(1)).is_some_and(|l| l.contains('\t')),
        _ => false,
    };
    if tab_on_line {
        d = d.with_hint("this line contains a tab character; YAML needs spaces for indentation");
    } else if let Some(h) = hint {
        d = d.with_hint(h);
    }
    d
}

/// The line and column of the second `key:` at or after `from`, at one indentation.
fn second_key_line(text: &str, key: &str, from: usize) -> Option<(usize, usize)> {
    let mut found: Option<usize> = None;
    for (n, line) in text.lines().enumerate().skip(from.saturating_sub(1)) {
        let body = line.trim_start();
        let indent = line.len() - body.len();
        let body = body.strip_prefix("- ").unwrap_or(body);
        let indent = indent + (line.trim_start().len() - body.len());
        let is_key = body.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with(':'));
        if is_key {
            match found {
                Some(first) if first == indent => return Some((n + 1, indent + 1)),
                Some(_) => {}
                None => found = Some(indent),
            }
        }
    }
    None
}

/// A YAML syntax error found by a full parse with yaml-rust2, if there is one.
fn syntax_error(rel: &Path, text: &str) -> Option<Diagnostic> {
    struct Ignore;
    impl yaml_rust2::parser::MarkedEventReceiver for Ignore {
        fn on_event(&mut self, _: yaml_rust2::Event, _: yaml_rust2::scanner::Marker) {}
    }
    let mut parser = yaml_rust2::parser::Parser::new_from_str(text);
    let err = parser.load(&mut Ignore, true).err()?;
    if err.info().contains("recursion limit") {
        return None;
    }
    let m = err.marker();
    let d = Diagnostic::error(
        rel,
        Location::Position { line: m.line(), column: m.col() + 1 },
        format!("the YAML cannot be read: {}", err.info()),
    );
    let tab = text.lines().nth(m.line().saturating_sub(1)).is_some_and(|l| l.contains('\t'));
    Some(if tab {
        d.with_hint("this line contains a tab character; YAML needs spaces for indentation")
    } else {
        d.with_hint("check indentation (spaces only, the same depth for the fields of one entry) and put text containing `: ` or starting with `*`, `&`, `[` or `{` in quotes")
    })
}

/// Remove every " at line N column M" from a serde_yaml message: the location is shown apart.
fn strip_location(msg: &str) -> String {
    let mut out = String::with_capacity(msg.len());
    let mut rest = msg;
    while let Some(i) = rest.find(" at line ") {
        let after = &rest[i + " at line ".len()..];
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        let tail = &after[digits..];
        match tail.strip_prefix(" column ") {
            Some(t) if digits > 0 => {
                let col_digits = t.chars().take_while(char::is_ascii_digit).count();
                out.push_str(&rest[..i]);
                rest = &t[col_digits..];
            }
            _ => {
                out.push_str(&rest[..i + 1]);
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// serde_yaml prefixes messages with the path of the value: `targets[0].year: invalid type ...`.
fn split_path(msg: &str) -> (Option<&str>, &str) {
    if let Some((head, tail)) = msg.split_once(": ") {
        let looks_like_path = !head.is_empty()
            && !head.contains(' ')
            && head.chars().all(|c| c.is_ascii_alphanumeric() || "._-[]".contains(c));
        if looks_like_path {
            return (Some(head), tail);
        }
    }
    (None, msg)
}

/// The backquoted words of a serde message: "unknown field `a`, expected one of `b`, `c`".
fn quoted(msg: &str) -> Vec<&str> {
    msg.split('`').skip(1).step_by(2).collect()
}

fn explain(msg: &str) -> (String, Option<String>) {
    let words = quoted(msg);
    if msg.starts_with("unknown field") || msg.starts_with("unknown variant") {
        let what = if msg.starts_with("unknown field") { "field" } else { "value" };
        let given = words.first().copied().unwrap_or("");
        let allowed = words.get(1..).unwrap_or(&[]);
        let list = allowed.iter().map(|w| format!("`{w}`")).collect::<Vec<_>>().join(", ");
        let hint = match did_you_mean(given, allowed.iter().copied()) {
            Some(best) => format!("did you mean `{best}`? Allowed here: {list}"),
            None if allowed.is_empty() => "no fields are allowed here".to_string(),
            None => format!("allowed here: {list}"),
        };
        return (format!("unknown {what} `{given}`"), Some(hint));
    }
    if msg.starts_with("missing field") {
        let f = words.first().copied().unwrap_or("?");
        return (
            format!("missing required field `{f}`"),
            Some(format!("add a line `{f}: ...` (see docs/content-format.md)")),
        );
    }
    if msg.starts_with("duplicate field") || msg.starts_with("duplicate key") || msg.starts_with("duplicate entry") {
        let f = words.first().copied().unwrap_or("?");
        return (format!("`{f}` is written twice"), Some("keep one of them: YAML keeps only one value per key".into()));
    }
    if msg.starts_with("invalid type") || msg.starts_with("invalid value") {
        let found =
            msg.split(", expected").next().unwrap_or(msg).replace("invalid type: ", "").replace("invalid value: ", "");
        let expected = msg.split(", expected ").nth(1).unwrap_or("another kind of value");
        let expected = match expected {
            "f64" | "f32" => "a number",
            "i64" | "i32" | "u64" | "u32" | "u8" | "u16" | "usize" => "a whole number",
            "a boolean" => "true or false",
            "a string" => "text",
            "a sequence" => "a list (lines starting with `- `)",
            other => other,
        };
        let hint = matches!(expected, "a number" | "a whole number")
            .then(|| "write the number alone, without a unit, 年 or % (e.g. 2025, 85.2)".to_string());
        return (format!("expected {expected}, found {found}"), hint);
    }
    if msg.contains("recursion limit exceeded") {
        return (
            "the YAML is nested too deeply".into(),
            Some("content files never need more than a few levels of nesting".into()),
        );
    }
    if msg.contains("repetition limit exceeded") || msg.contains("alias") {
        return (
            "the YAML expands aliases (`*name`) into too much data".into(),
            Some("write values out instead of using anchors and aliases".into()),
        );
    }
    if msg.contains("invalid length") {
        return (msg.to_string(), None);
    }
    (
        format!("the YAML cannot be read: {msg}"),
        Some("check indentation (spaces only, the same depth for items of one list) and put text containing `: ` or starting with `*`, `&`, `[` or `{` in quotes".into()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::raw::RawIndicator;

    fn err_of(yaml: &str) -> Diagnostic {
        parse_yaml::<RawIndicator>(Path::new("content/indicators/cmi.yaml"), yaml, "an indicator").unwrap_err()
    }

    const OK: &str = "name: {zh: 病例组合指数, en: CMI}\ncategory: quality\nkind: quantitative\ndirection: increase\n";

    #[test]
    fn parses_valid_yaml() {
        let ind: RawIndicator = parse_yaml(Path::new("x.yaml"), OK, "an indicator").unwrap();
        assert_eq!(ind.category, "quality");
    }

    #[test]
    fn unknown_field_suggests_the_right_one() {
        let d = err_of(&format!("{OK}frequncy: yearly\n"));
        assert_eq!(d.message.en(), "unknown field `frequncy`");
        assert_eq!(d.position(), Some((5, 1)));
        assert!(
            d.hint.as_ref().map(|h| h.en()).as_deref().unwrap().starts_with("did you mean `frequency`?"),
            "{:?}",
            d.hint
        );
    }

    #[test]
    fn unknown_word_suggests_the_right_one() {
        let d = err_of(&OK.replace("increase", "increse"));
        assert!(d.message.en().starts_with("unknown value `increse`"), "{}", d.message);
        assert!(d.hint.as_ref().map(|h| h.en()).as_deref().unwrap().contains("`increase`"));
        assert_eq!(d.position().map(|p| p.0), Some(4));
    }

    #[test]
    fn missing_and_duplicate_fields() {
        let d = err_of("name: CMI\ncategory: quality\nkind: quantitative\n");
        assert_eq!(d.message.en(), "missing required field `direction`");
        let d = err_of(&format!("{OK}category: other\n"));
        assert!(d.message.en().starts_with("`category` is written twice"), "{}", d.message);
        assert_eq!(d.position().map(|p| p.0), Some(5));
    }

    #[test]
    fn wrong_type_is_explained() {
        let d = err_of(&format!("{OK}decimals: two\n"));
        assert!(d.message.en().starts_with("expected a whole number, found string \"two\""), "{}", d.message);
    }

    #[test]
    fn syntax_errors_and_tabs() {
        let d = err_of("name: CMI\n\tcategory: quality\n");
        assert_eq!(d.position().map(|p| p.0), Some(2));
        assert!(d.hint.unwrap().contains("tab"));
    }

    #[test]
    fn empty_files_are_errors() {
        let d = err_of("# nothing here\n\n");
        assert_eq!(d.message.en(), "the file is empty");
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut y = String::from("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (i, c) in "bcdefghi".chars().enumerate() {
            let prev = (b'a' + i as u8) as char;
            y.push_str(&format!(
                "{c}: &{c} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
            ));
        }
        let r: Result<serde_yaml::Value, _> = parse_yaml(Path::new("bomb.yaml"), &y, "x");
        let d = r.unwrap_err();
        assert!(d.message.contains("aliases"), "{}", d.message);
    }
}

//! Reading a content file as text, and parsing YAML into a raw struct, with every failure
//! turned into a [`Diagnostic`] in the user's terms.
//!
//! serde_yaml and yaml-rust2 explain a failure in English text; this module reads that text
//! (unknown field, missing field, duplicate key, wrong type, syntax error) and says it again
//! with messages of the catalogue ([`crate::messages::content`]), in Chinese or English.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, Location, suggest};
use crate::messages::{Entry, Message, content as m};
use crate::msg;

/// The largest content file read (a bigger one is refused rather than exhausting memory).
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;
/// The longest line accepted in a content file.
pub const MAX_LINE_BYTES: usize = 256 * 1024;

/// Read `root/rel` as UTF-8 text: a BOM is dropped, CRLF is left to the parsers (they accept it).
pub fn read_text(root: &Path, rel: &Path) -> Result<String, Diagnostic> {
    read_decoded(root, rel, false).map(|(text, _)| text)
}

/// Read a `data.csv`: UTF-8 as [`read_text`], or else GB18030/GBK (what Chinese Excel's
/// "CSV (逗号分隔)" saves), in the order `gongkai import` reads CSV: BOM, strict UTF-8, then
/// GB18030, which must decode without a single replaced byte. A GBK file comes with a note
/// that says so and suggests saving it as UTF-8. Lines and columns of later problems are
/// counted in the decoded text, so they are the ones an editor shows.
pub fn read_csv_text(root: &Path, rel: &Path) -> Result<(String, Option<Diagnostic>), Diagnostic> {
    let (text, gbk) = read_decoded(root, rel, true)?;
    let note = gbk.then(|| {
        Diagnostic::note(rel, Location::File, msg!(m::CSV_READ_AS_GBK)).with_hint(msg!(m::CSV_READ_AS_GBK_HINT))
    });
    Ok((text, note))
}

/// [`read_text`]; with `gbk`, text that is not UTF-8 is read as GB18030 when it is that
/// (`true` in the answer).
fn read_decoded(root: &Path, rel: &Path, gbk: bool) -> Result<(String, bool), Diagnostic> {
    let path = root.join(rel);
    let meta = std::fs::metadata(&path)
        .map_err(|e| Diagnostic::error(rel, Location::File, msg!(m::CANNOT_READ_FILE, error = e)))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            rel,
            Location::File,
            msg!(
                m::FILE_TOO_LARGE,
                size = format!("{:.1}", meta.len() as f64 / 1_048_576.0),
                limit = MAX_FILE_BYTES / 1_048_576
            ),
        )
        .with_hint(msg!(m::FILE_TOO_LARGE_HINT)));
    }
    let bytes = std::fs::read(&path)
        .map_err(|e| Diagnostic::error(rel, Location::File, msg!(m::CANNOT_READ_FILE, error = e)))?;
    // A content file is mostly Chinese: the standard library checks such text a byte at a
    // time, `simdutf8` sixteen or more at once (the same answer; the standard library's check
    // runs again only to say where a file that is not UTF-8 goes wrong).
    let checked = if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: `simdutf8` has just found the whole of `bytes` to be valid UTF-8.
        Ok(unsafe { String::from_utf8_unchecked(bytes) })
    } else {
        String::from_utf8(bytes)
    };
    let (text, was_gbk) = match checked {
        Ok(t) => (t, false),
        Err(e) if gbk && let Some(t) = gb18030(e.as_bytes()) => (t, true),
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let (line, column) = position_of_end(valid);
            // A CSV may be GBK too (it was tried): the GBK advice would mislead there.
            let (message, hint) =
                if gbk { (&m::NOT_UTF8_OR_GBK, &m::NOT_UTF8_OR_GBK_HINT) } else { (&m::NOT_UTF8, &m::NOT_UTF8_HINT) };
            return Err(Diagnostic::error(rel, Location::Position { line, column }, Message::new(message))
                .with_hint(Message::new(hint)));
        }
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    // A text no longer than the limit has no line longer than it: only a longer one is looked
    // through, line by line as `str::lines` splits it (the ends found with a vectorised search).
    let long = (text.len() > MAX_LINE_BYTES).then(|| long_line(&text)).flatten();
    if let Some((n, line)) = long {
        return Err(Diagnostic::error(
            rel,
            Location::Position { line: n + 1, column: 1 },
            msg!(m::LINE_TOO_LONG, line = n + 1, size = line.len() / 1024, limit = MAX_LINE_BYTES / 1024),
        )
        .with_hint(msg!(m::LINE_TOO_LONG_HINT)));
    }
    Ok((text, was_gbk))
}

/// The first line longer than [`MAX_LINE_BYTES`] (its number from 0, and the line), if any.
fn long_line(text: &str) -> Option<(usize, &str)> {
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain((!text.ends_with('\n')).then_some(text.len()));
    let mut start = 0;
    ends.enumerate().find_map(|(n, end)| {
        let line = text[start..end].strip_suffix('\r').unwrap_or(&text[start..end]);
        start = end + 1;
        (line.len() > MAX_LINE_BYTES).then_some((n, line))
    })
}

/// GB18030 text (a superset of GBK and GB2312), or `None` if a byte does not decode.
fn gb18030(bytes: &[u8]) -> Option<String> {
    encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes).map(|t| t.into_owned())
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

/// Parse YAML text into `T`, mapping serde_yaml's error to a diagnostic. `expected` says what
/// the file should hold (for an empty file's hint), e.g. [`m::HOLDS_INDICATOR`].
pub fn parse_yaml<T: DeserializeOwned>(rel: &Path, text: &str, expected: impl Into<Message>) -> Result<T, Diagnostic> {
    if is_blank_yaml(text) {
        return Err(Diagnostic::error(rel, Location::File, msg!(m::FILE_EMPTY))
            .with_hint(Message::new(&m::FILE_EMPTY_HINT).arg_message("expected", expected.into())));
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
        Some(p) => Message::new(&m::IN_PATH).arg_message("message", message).arg("path", p),
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
        d = d.with_hint(msg!(m::TAB_HINT));
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
    let mark = err.marker();
    let d = Diagnostic::error(
        rel,
        Location::Position { line: mark.line(), column: mark.col() + 1 },
        Message::new(&m::YAML_UNREADABLE).arg_message("detail", parser_words(err.info())),
    );
    let tab = text.lines().nth(mark.line().saturating_sub(1)).is_some_and(|l| l.contains('\t'));
    Some(if tab { d.with_hint(msg!(m::TAB_HINT)) } else { d.with_hint(msg!(m::SYNTAX_HINT_FIELDS)) })
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

/// A serde_yaml message (without location and path) said again in the user's terms: the
/// message and a hint.
fn explain(msg: &str) -> (Message, Option<Message>) {
    let words = quoted(msg);
    if msg.starts_with("unknown field") || msg.starts_with("unknown variant") {
        let given = words.first().copied().unwrap_or("");
        let allowed = words.get(1..).unwrap_or(&[]);
        let hint = match suggest(given, allowed.iter().copied()) {
            Some(best) => Message::new(&m::ALLOWED_HERE_AFTER_SUGGESTION)
                .arg_message("suggestion", best)
                .arg_message("list", code_list(allowed)),
            None if allowed.is_empty() => msg!(m::NO_FIELDS_ALLOWED),
            None => Message::new(&m::ALLOWED_HERE).arg_message("list", code_list(allowed)),
        };
        let message = if msg.starts_with("unknown field") {
            msg!(m::UNKNOWN_FIELD, name = given)
        } else {
            msg!(m::UNKNOWN_VALUE, value = given)
        };
        return (message, Some(hint));
    }
    if msg.starts_with("missing field") {
        let f = words.first().copied().unwrap_or("?");
        return (msg!(m::MISSING_FIELD, field = f), Some(msg!(m::MISSING_FIELD_HINT, field = f)));
    }
    if msg.starts_with("duplicate field") || msg.starts_with("duplicate key") || msg.starts_with("duplicate entry") {
        let f = words.first().copied().unwrap_or("?");
        return (msg!(m::WRITTEN_TWICE, key = f), Some(msg!(m::WRITTEN_TWICE_HINT)));
    }
    if msg.starts_with("invalid type") || msg.starts_with("invalid value") {
        let found =
            msg.split(", expected").next().unwrap_or(msg).replace("invalid type: ", "").replace("invalid value: ", "");
        let expected = match msg.split(", expected ").nth(1) {
            Some(e) => expected_kind(e).ok_or(e),
            None => Ok(&m::EXPECTED_ANOTHER_KIND),
        };
        let number = expected.is_ok_and(|e| e.id == m::EXPECTED_NUMBER.id || e.id == m::EXPECTED_WHOLE_NUMBER.id);
        let expected = match expected {
            Ok(e) => Message::new(e),
            // serde's own words for what it expected, when they are none of the known ones.
            Err(words) => Message::verbatim(words),
        };
        let message =
            Message::new(&m::EXPECTED_FOUND).arg_message("expected", expected).arg_message("found", found_kind(&found));
        return (message, number.then(|| msg!(m::NUMBER_HINT)));
    }
    if msg.contains("recursion limit exceeded") {
        return (msg!(m::YAML_TOO_DEEP), Some(msg!(m::YAML_TOO_DEEP_HINT)));
    }
    if msg.contains("repetition limit exceeded") || msg.contains("alias") {
        return (msg!(m::YAML_ALIASES), Some(msg!(m::YAML_ALIASES_HINT)));
    }
    if msg.contains("invalid length") {
        let parts = msg.strip_prefix("invalid length ").and_then(|rest| rest.split_once(", expected "));
        let message = match parts {
            Some((n, expected)) => msg!(m::INVALID_LENGTH, n = n, expected = expected),
            None => Message::verbatim(msg),
        };
        return (message, None);
    }
    (Message::new(&m::YAML_UNREADABLE).arg_message("detail", parser_words(msg)), Some(msg!(m::SYNTAX_HINT_ITEMS)))
}

/// What serde says a value should have been, as a catalogue entry: Rust's type names in the
/// user's words (a struct is a mapping: its name means nothing to the user), and the
/// "expecting" of `content::de`'s own visitors, which are entries already. `None` for anything
/// else, which is shown as serde wrote it.
fn expected_kind(expected: &str) -> Option<&'static Entry> {
    match expected {
        s if s.starts_with("struct ") => Some(&m::EXPECTED_MAPPING),
        "f64" | "f32" => Some(&m::EXPECTED_NUMBER),
        "i64" | "i32" | "u64" | "u32" | "u8" | "u16" | "usize" => Some(&m::EXPECTED_WHOLE_NUMBER),
        "a boolean" => Some(&m::EXPECTED_BOOLEAN),
        "a string" => Some(&m::EXPECTED_STRING),
        "a sequence" => Some(&m::EXPECTED_LIST),
        other => [&m::EXPECTED_TEXT, &m::EXPECTED_SCALAR, &m::EXPECTED_VALUE, &m::EXPECTED_MAPPING, &m::EXPECTED_WORD]
            .into_iter()
            .find(|e| Message::new(e).en() == other),
    }
}

/// serde's account of the value found (`string "two"`, `integer `5``, `sequence`) in the
/// user's language; the value itself stays as written.
fn found_kind(found: &str) -> Message {
    let with_value = [
        ("string ", &m::FOUND_STRING),
        ("integer ", &m::FOUND_INTEGER),
        ("floating point ", &m::FOUND_FLOAT),
        ("boolean ", &m::FOUND_BOOLEAN),
    ];
    for (prefix, entry) in with_value {
        if let Some(value) = found.strip_prefix(prefix) {
            return Message::new(entry).arg("value", value);
        }
    }
    match found {
        "sequence" => msg!(m::FOUND_SEQUENCE),
        "map" => msg!(m::FOUND_MAP),
        "unit value" => msg!(m::FOUND_NULL),
        other => Message::verbatim(other),
    }
}

/// A list of words or ids in backquotes: "`a`, `b`, `c`" (in Chinese "`a`、`b`、`c`").
fn code_list(words: &[&str]) -> Message {
    let mut items = words.iter().rev().map(|w| format!("`{w}`"));
    let last = Message::verbatim(items.next().unwrap_or_default());
    items.fold(last, |tail, head| Message::new(&m::LIST_MORE).arg("head", head).arg_message("tail", tail))
}

/// The catalogue entry whose English is `text`, among those whose name starts with `prefix`.
fn phrase(text: &str, prefix: &str) -> Option<&'static Entry> {
    m::ALL.iter().copied().find(|e| e.id.starts_with(prefix) && Message::new(e).en() == text)
}

/// A YAML parser's account of a syntax error ("did not find expected key, while parsing a
/// block mapping"; libyaml puts the problem first, yaml-rust2 the context) in the user's
/// language, when its phrases are in the catalogue (`YAML_PROBLEM_*`, `YAML_CONTEXT_*`);
/// otherwise as the parser wrote it.
fn parser_words(detail: &str) -> Message {
    const PROBLEM: &str = "YAML_PROBLEM_";
    const CONTEXT: &str = "YAML_CONTEXT_";
    if let Some(problem) = phrase(detail, PROBLEM) {
        return Message::new(problem);
    }
    for (i, _) in detail.match_indices(", ") {
        let (first, second) = (&detail[..i], &detail[i + 2..]);
        if let (Some(p), Some(c)) = (phrase(first, PROBLEM), phrase(second, CONTEXT)) {
            return Message::new(&m::YAML_DETAIL_PROBLEM_FIRST)
                .arg_message("problem", Message::new(p))
                .arg_message("context", Message::new(c));
        }
        if let (Some(c), Some(p)) = (phrase(first, CONTEXT), phrase(second, PROBLEM)) {
            return Message::new(&m::YAML_DETAIL_CONTEXT_FIRST)
                .arg_message("context", Message::new(c))
                .arg_message("problem", Message::new(p));
        }
    }
    Message::verbatim(detail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::raw::RawIndicator;

    fn err_of(yaml: &str) -> Diagnostic {
        parse_yaml::<RawIndicator>(Path::new("content/indicators/cmi.yaml"), yaml, &m::HOLDS_INDICATOR).unwrap_err()
    }

    const OK: &str = "name: {zh: 病例组合指数, en: CMI}\ncategory: quality\nkind: quantitative\ndirection: increase\n";

    #[test]
    fn a_line_too_long_is_named_by_its_number() {
        let dir = tempfile::tempdir().unwrap();
        let long = "字".repeat(MAX_LINE_BYTES / 3 + 1);
        let fits = "a".repeat(MAX_LINE_BYTES);
        // A line of exactly the limit (its `\r` not counted) passes, at the end without `\n` too.
        for (text, line) in [
            (format!("a\r\n{fits}\r\nb\n{long}\nc"), Some(4)),
            (long.clone(), Some(1)),
            (format!("a\n\n{fits}\r\n{fits}"), None),
        ] {
            std::fs::write(dir.path().join("x.md"), &text).unwrap();
            let got = read_text(dir.path(), Path::new("x.md"));
            assert_eq!(got.as_ref().err().and_then(|d| d.position()).map(|p| p.0), line, "{line:?}");
            if line.is_none() {
                assert_eq!(got.ok().as_deref(), Some(text.as_str()));
            }
        }
    }

    #[test]
    fn parses_valid_yaml() {
        let ind: RawIndicator = parse_yaml(Path::new("x.yaml"), OK, &m::HOLDS_INDICATOR).unwrap();
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
    fn problems_are_said_in_chinese_too() {
        let d = err_of(&format!("{OK}frequncy: yearly\n"));
        assert_eq!(d.message.zh(), "未知的字段 `frequncy`");
        let hint = d.hint.as_ref().map(|h| (h.en(), h.zh())).unwrap();
        assert!(hint.0.ends_with("Allowed here: `name`, `short_name`, `aliases`, `category`, `kind`, `unit`, `decimals`, `direction`, `description`, `formula`, `source`, `frequency`"), "{}", hint.0);
        assert!(hint.1.starts_with("是不是 `frequency`？此处可以写：`name`、`short_name`、"), "{}", hint.1);
        let d = err_of(&format!("{OK}decimals: two\n"));
        assert_eq!(d.message.zh(), "应为整数，实际为文字 \"two\"（位于 `decimals`）");
        assert!(d.hint.unwrap().zh().starts_with("只写数字"));
        let d = err_of(&format!("{OK}category: other\n"));
        assert_eq!(d.message.zh(), "`category` 写了两次");
        let d = err_of("name: CMI\ncategory: quality\nkind: quantitative\n");
        assert_eq!(d.message.zh(), "缺少必填字段 `direction`");
        let d = err_of("# nothing here\n");
        assert_eq!(d.hint.unwrap().zh(), "该文件应包含一项指标的定义；如果不需要，可以删除该文件");
    }

    #[test]
    fn syntax_errors_are_said_in_chinese_when_the_parser_s_words_are_known() {
        let d = err_of("name: CMI\n  category: quality\nkind: x\n");
        assert!(d.message.en().starts_with("the YAML cannot be read: "), "{}", d.message.en());
        assert!(d.message.zh().starts_with("无法读取 YAML："), "{}", d.message.zh());
        assert!(!d.message.zh().contains("while"), "{}", d.message.zh());
        assert_eq!(
            parser_words("did not find expected key, while parsing a block mapping").zh(),
            "读取键值对时，找不到应有的键"
        );
        assert_eq!(
            parser_words("while parsing a flow mapping, did not find expected ',' or '}'").zh(),
            "读取花括号 `{}` 中的内容时，找不到应有的 `,` 或 `}`"
        );
        let unknown = "something the parser never said, while parsing a block mapping";
        assert_eq!(parser_words(unknown).zh(), unknown);
        assert_eq!(parser_words(unknown).en(), unknown);
    }

    #[test]
    fn a_struct_is_called_a_mapping_not_by_its_rust_name() {
        let d = err_of("- a\n- b\n");
        assert_eq!(d.message.en(), "expected a mapping (`key: value` lines), found sequence");
        assert_eq!(d.message.zh(), "应为键值对（`key: value` 形式的各行），实际为列表");
    }

    #[test]
    fn de_visitors_expect_in_the_catalogue_s_words() {
        let d = err_of("name: [a, b]\ncategory: quality\nkind: quantitative\ndirection: increase\n");
        assert!(
            d.message
                .en()
                .starts_with("expected a text: a string, or one per language like {zh: ..., en: ...}, found sequence"),
            "{}",
            d.message.en()
        );
        assert!(
            d.message.zh().starts_with("应为文本（一段文字，或按语言分别写出，如 `{zh: ..., en: ...}`），实际为列表"),
            "{}",
            d.message.zh()
        );
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
        let r: Result<serde_yaml::Value, _> = parse_yaml(Path::new("bomb.yaml"), &y, &m::HOLDS_INDICATOR);
        let d = r.unwrap_err();
        assert!(d.message.contains("aliases"), "{}", d.message);
    }
}

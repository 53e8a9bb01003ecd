//! The catalogue, walked: every entry in both languages, Chinese in Chinese, the same
//! placeholders on both sides, full-width punctuation in the Chinese.

use super::*;

/// Entries whose Chinese rightly has no Chinese word: formats around a placeholder.
const SAME_IN_BOTH: &[&str] = &["CHANGED"];

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3000}'..='\u{303f}').contains(&c))
}

/// The text outside backquotes and placeholders: what must read as Chinese.
fn prose(s: &str) -> String {
    let mut out = String::new();
    let mut in_code = false;
    let mut in_placeholder = false;
    for c in s.chars() {
        match c {
            '`' => in_code = !in_code,
            '{' if !in_code => in_placeholder = true,
            '}' if !in_code => in_placeholder = false,
            _ if in_code || in_placeholder => {}
            _ => out.push(c),
        }
    }
    out
}

#[test]
fn every_entry_speaks_both_languages_with_the_same_placeholders() {
    let all = all();
    assert!(all.len() > 50, "{} entries", all.len());
    let mut ids = std::collections::BTreeSet::new();
    let mut problems = Vec::new();
    for e in &all {
        if !ids.insert(e.id) {
            problems.push(format!("{}: two entries of this name", e.id));
        }
        if e.en.trim().is_empty() || e.zh.trim().is_empty() {
            problems.push(format!("{}: a language is empty", e.id));
        }
        if !has_cjk(e.zh) && !SAME_IN_BOTH.contains(&e.id) {
            problems.push(format!("{}: the Chinese has no Chinese: {:?}", e.id, e.zh));
        }
        let mut en = placeholders(e.en);
        let mut zh = placeholders(e.zh);
        en.sort();
        zh.sort();
        if en != zh {
            problems.push(format!("{}: placeholders differ: {en:?} / {zh:?}", e.id));
        }
        // Full-width punctuation in Chinese prose (paths, code and values in backquotes aside).
        let p = prose(e.zh);
        for bad in [',', ';', '?', '!', '(', ')'] {
            if p.contains(bad) {
                problems.push(format!("{}: half-width `{bad}` in the Chinese: {:?}", e.id, e.zh));
            }
        }
        if p.contains(": ") || p.ends_with(':') {
            problems.push(format!("{}: half-width `:` in the Chinese: {:?}", e.id, e.zh));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn placeholders_are_filled_in_the_language_asked() {
    let m = Message::new(&cli::CHECK_FAILED)
        .arg_message("errors", Message::new(&cli::N_ERRORS).arg("n", 3))
        .arg_message("warnings", Message::new(&cli::ONE_WARNING));
    assert_eq!(m.en(), "failed: 3 errors, 1 warning");
    assert_eq!(m.zh(), "检查未通过：3 个错误，1 个警告。");
    assert_eq!(fill("{a} {{b}} {c}", &[("a", Arg::Text("x".into()))], Lang::En), "x {b} {c}");
    assert_eq!(placeholders("{a} {{b}} and {c}"), ["a", "c"]);
}

#[test]
fn the_environment_chooses_the_language() {
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |k: &str| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
    };
    assert_eq!(lang_from_env(env(&[])), Lang::En);
    assert_eq!(lang_from_env(env(&[("LANG", "zh_CN.UTF-8")])), Lang::Zh);
    assert_eq!(lang_from_env(env(&[("LANG", "en_US.UTF-8"), ("LC_ALL", "zh_TW.UTF-8")])), Lang::Zh);
    assert_eq!(lang_from_env(env(&[("LC_ALL", ""), ("LC_MESSAGES", "C"), ("LANG", "zh_CN")])), Lang::En);
    assert_eq!(lang_from_env(env(&[("LANG", "zh_CN.UTF-8"), ("GONGKAI_LANG", "en")])), Lang::En);
    assert_eq!(lang_from_env(env(&[("GONGKAI_LANG", "zh")])), Lang::Zh);
}

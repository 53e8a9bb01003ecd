//! gongkai speaks Chinese: the language is chosen by `--ui-lang`, `GONGKAI_LANG` or the locale,
//! and `--help` of every command, the summaries and usage mistakes are in that language.

use std::process::{Command, Output};

/// Run gongkai with a clean language environment plus `env`.
fn gongkai(env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gongkai"));
    for k in ["GONGKAI_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
        c.env_remove(k);
    }
    c.envs(env.iter().copied()).args(args).output().unwrap()
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

const COMMANDS: [&[&str]; 5] = [&[], &["check"], &["build"], &["init"], &["serve"]];

/// Each command's help in Chinese: Chinese headings, every option and command described in
/// Chinese, and no sentence of the English help left over.
#[test]
fn every_help_is_in_chinese() {
    for cmd in COMMANDS {
        let mut args = cmd.to_vec();
        args.push("--help");
        let zh = text(&gongkai(&[("GONGKAI_LANG", "zh")], &args));
        let en = text(&gongkai(&[("GONGKAI_LANG", "en")], &args));
        assert!(zh.contains("用法：gongkai"), "{zh}");
        assert!(zh.contains("选项：") && !zh.contains("Options:"), "{zh}");
        assert!(en.contains("Usage: gongkai") && en.contains("Options:"), "{en}");
        // Every described option or command (an indented line with a description) reads in
        // Chinese; continuation lines of long descriptions are checked with their first line.
        for line in zh
            .lines()
            .filter(|l| l.starts_with("  ") && l.trim_start().starts_with(['-', '<', 'c', 'b', 'i', 's', 'h']))
        {
            let described = line.trim().split_once("  ").map(|(_, d)| d.trim());
            if let Some(d) = described.filter(|d| !d.is_empty()) {
                assert!(has_cjk(d), "`gongkai {} --help`: {line}", cmd.join(" "));
            }
        }
        // No English description survives: each English option's text is gone.
        for line in en.lines() {
            if let Some((_, d)) = line.trim().split_once("  ")
                && d.trim().len() > 12
            {
                assert!(!zh.contains(d.trim()), "`gongkai {} --help` keeps English: {d}", cmd.join(" "));
            }
        }
    }
}

#[test]
fn the_language_is_chosen_by_flag_variable_or_locale() {
    let chinese = |o: &Output| text(o).contains("用法：");
    assert!(!chinese(&gongkai(&[], &["--help"])), "English by default");
    assert!(chinese(&gongkai(&[("LANG", "zh_CN.UTF-8")], &["--help"])));
    assert!(chinese(&gongkai(&[("LC_ALL", "zh_CN.UTF-8"), ("LANG", "en_US.UTF-8")], &["--help"])));
    assert!(chinese(&gongkai(&[("GONGKAI_LANG", "zh"), ("LANG", "en_US.UTF-8")], &["--help"])));
    assert!(!chinese(&gongkai(&[("GONGKAI_LANG", "en"), ("LANG", "zh_CN.UTF-8")], &["--help"])));
    assert!(chinese(&gongkai(&[("GONGKAI_LANG", "en")], &["--ui-lang", "zh", "--help"])));
    assert!(!chinese(&gongkai(&[("GONGKAI_LANG", "zh")], &["check", "--ui-lang=en", "--help"])));
}

#[test]
fn summaries_and_usage_mistakes_follow_the_language() {
    let root = env!("CARGO_MANIFEST_DIR");
    let zh = gongkai(&[("GONGKAI_LANG", "zh")], &["check", "--root", root]);
    assert!(zh.status.success());
    let out = text(&zh);
    assert!(out.starts_with("检查通过：") && out.contains("个地区"), "{out}");
    let en = text(&gongkai(&[("GONGKAI_LANG", "en")], &["check", "--root", root]));
    assert!(en.starts_with("ok: ") && en.contains(" regions, "), "{en}");
    // A mistyped command: Chinese, with the suggestion, and the usage exit code.
    let typo = gongkai(&[("GONGKAI_LANG", "zh")], &["chek"]);
    assert_eq!(typo.status.code(), Some(2));
    let t = text(&typo);
    assert!(t.contains("错误：没有 `chek` 这个命令") && t.contains("提示：是不是 `check`？"), "{t}");
}

//! Anchors from the plan's numbering, and quotes found (or not) in the text.

use std::path::Path;

use super::*;
use crate::content::plan::parse_plan_text;

fn plan(text: &str) -> (Anchored<'_>, Diagnostics) {
    let mut d = Diagnostics::new();
    let raw = parse_plan_text(Path::new("content/regions/x/plan.zh.md"), "zh", text, &mut d);
    let p = build_plan_text(raw, &mut d);
    (p, d)
}

const TEXT: &str = "# 方案\n\n## 一、总体要求\n\n### （一）指导思想\n\n1.到2025年，三级公立医院\n床位使用率达到90%。\n\n（2）逐步使医护比达到{~~16 2~>1∶2~~}左右。\n\n## 二、重点任务\n\n### （三）强化体系\n\n2．每年新增5个。\n\n## 附件1\n\n| 序号 | 指标 | 要求 |\n|---|---|---|\n| 20 | 三级医院（个） | 2025年2个 |\n| 21 | 床位使用率达到90% | 逐步达到 |\n";

fn anchors(p: &Anchored) -> Vec<String> {
    let mut out = Vec::new();
    for b in &p.blocks {
        out.extend(b.anchor.clone());
        if let PlanBlockKind::Table { rows, .. } = &b.kind {
            out.extend(rows.iter().filter_map(|r| r.anchor.clone()));
        }
    }
    out
}

#[test]
fn anchors_come_from_the_numbering() {
    let (p, d) = plan(TEXT);
    assert!(d.is_empty(), "{d}");
    assert_eq!(anchors(&p), ["s1", "s1-1", "s1-1-1", "s1-1-1-2", "s2", "s2-3", "s2-3-2", "a1", "a1-r20", "a1-r21"]);
    // A correction of the transcription moves no anchor: they are not counted.
    let corrected = TEXT.replace("{~~16 2~>1∶2~~}", "1∶2");
    let (q, _) = plan(&corrected);
    assert_eq!(anchors(&q), anchors(&p));
}

#[test]
fn chinese_numerals_up_to_ninety_nine() {
    assert_eq!(chinese_number("十二、").map(|(n, _)| n), Some(12));
    assert_eq!(chinese_number("二十、").map(|(n, _)| n), Some(20));
    assert_eq!(chinese_number("三十五）").map(|(n, _)| n), Some(35));
    assert_eq!(chinese_number("九、").map(|(n, _)| n), Some(9));
    assert_eq!(chinese_number("到2025"), None);
    assert_eq!(numbered("2025年"), None);
    assert_eq!(numbered("1.5倍"), None);
}

#[test]
fn duplicate_anchors_are_errors() {
    let (_, d) = plan("## 一、甲\n\n## 一、乙\n");
    let e = d.iter().next().expect("an error");
    assert_eq!(e.location, Location::Position { line: 3, column: 1 });
    assert!(e.message.en().contains("`s1`"), "{}", e.message.en());
}

#[test]
fn quotes_are_found_across_line_breaks_and_corrections() {
    let (p, _) = plan(TEXT);
    assert!(
        matches!(p.quotes.find("到2025年，三级公立医院床位使用率达到90%", None), Found::At(Some(a)) if a == "s1-1-1")
    );
    assert!(matches!(p.quotes.find("逐步使医护比达到1∶2左右", None), Found::At(Some(a)) if a == "s1-1-1-2"));
    // Passages joined by "……", each on its own.
    assert!(matches!(p.quotes.find("到2025年……达到1∶2左右", None), Found::At(Some(a)) if a == "s1-1-1"));
    // An annex row, its cells joined with `：`.
    assert!(matches!(p.quotes.find("三级医院（个）：2025年2个", None), Found::At(Some(a)) if a == "a1-r20"));
}

#[test]
fn a_quote_found_twice_links_to_the_annex_row_else_to_its_reference() {
    let (p, _) = plan(TEXT);
    // "床位使用率达到90%" is in item 1. and in annex row 21: the row wins.
    assert!(matches!(p.quotes.find("床位使用率达到90%", None), Found::At(Some(a)) if a == "a1-r21"));
    let (q, _) = plan("## 一、甲\n\n1.每年新增5个。\n\n2.每年新增5个。\n");
    assert!(matches!(q.quotes.find("每年新增5个", None), Found::At(Some(a)) if a == "s1-1"));
    assert!(matches!(q.quotes.find("每年新增5个", Some("s1-2")), Found::At(Some(a)) if a == "s1-2"));
    assert!(matches!(q.quotes.find("每年新增5个", Some("s9")), Found::UnknownRef));
}

#[test]
fn an_altered_quote_is_missing_and_the_nearest_passage_named() {
    let (p, _) = plan(TEXT);
    let Found::Missing { passage, nearest } = p.quotes.find("逐步使医护比达到1∶3左右", None) else {
        panic!("missing")
    };
    assert_eq!(passage, "逐步使医护比达到1∶3左右");
    assert!(nearest.is_some_and(|n| n.contains("医护比达到1∶2左右")));
}

#[test]
fn a_quote_in_an_unnumbered_paragraph_links_to_the_part_it_is_in() {
    let (p, _) = plan("## 二、主要目标\n\n到2025年，床位使用率达到90%。\n");
    assert!(matches!(p.quotes.find("床位使用率达到90%", None), Found::At(Some(a)) if a == "s2"));
}

fn outline(text: &Anchored, en: &str) -> (BTreeMap<String, String>, Diagnostics) {
    let mut d = Diagnostics::new();
    let raw = crate::content::plan::parse_outline(Path::new("content/regions/x/plan.en.md"), en, &mut d);
    (build_outline(&text.quotes, &raw, &mut d), d)
}

#[test]
fn an_outline_names_headings_of_the_text() {
    let (p, _) = plan(TEXT);
    let (o, d) =
        outline(&p, "## I. General requirements {#s1}\n\n### (3) Strengthen the system {#s2-3}\n\n## Annex 1 {#a1}\n");
    assert!(d.is_empty(), "{d}");
    assert_eq!(o.get("s2-3").map(String::as_str), Some("(3) Strengthen the system"));
    assert_eq!(o.len(), 3);
}

#[test]
fn an_outline_anchor_of_no_heading_is_an_error() {
    let (p, _) = plan(TEXT);
    // `s9` is nowhere; `s1-1-1` is a paragraph's, `a1-r20` a table row's.
    let (o, d) = outline(
        &p,
        "## I. General requirements {#s1}\n\n## IX. Nothing {#s9}\n\n1. A paragraph {#s1-1-1}\n\n## Row {#a1-r20}\n",
    );
    assert_eq!(o.len(), 1);
    let errors: Vec<_> = d.iter().collect();
    // The paragraph line is body text (reported when reading); the two unknown anchors here.
    assert_eq!(errors.len(), 3, "{d}");
    let unknown: Vec<_> = errors.iter().filter(|e| e.message.en().contains("has no heading with the anchor")).collect();
    assert_eq!(unknown.len(), 2, "{d}");
    assert_eq!(unknown[0].location, Location::Position { line: 3, column: 16 });
    assert!(unknown[0].message.en().contains("`s9`"));
    assert!(unknown[1].message.en().contains("`a1-r20`"));
    assert!(unknown[1].hint.as_ref().is_some_and(|h| h.en().contains("did you mean `a1`")), "{d}");
}

#[test]
fn anchor_numbers_are_written_as_fmt_writes_them() {
    for n in [0, 1, 9, 10, 42, 99, 100, 1234, u32::MAX] {
        let mut out = String::from("s");
        push_number(&mut out, n);
        assert_eq!(out, format!("s{n}"));
    }
}

#[test]
fn a_character_set_rules_out_only_what_its_text_lacks() {
    let set = CharSet::of("三级医院（个）2025");
    assert!(set.may_hold_all("医院（个）"));
    assert!(set.may_hold_all(""));
    assert!(!set.may_hold_all("医院达到"));
    // A character whose code point shares the last 12 bits with one of the text's may be
    // there: the set never rules out a quote that could be found.
    let twin = char::from_u32(u32::from('三') + 4096).unwrap();
    assert!(set.may_hold_all(&twin.to_string()));
    // A quote of the annex's characters that is in no row is still looked for there, and not
    // found; one with a character of no row is found in the text.
    let (p, _) = plan(TEXT);
    assert!(matches!(p.quotes.find("床位使用率达到90%", None), Found::At(Some(a)) if a.starts_with("a1-r")));
    assert!(matches!(p.quotes.find("每年新增5个", None), Found::At(Some(_))));
}

#[test]
fn the_index_finds_every_place_of_a_needle_in_order() {
    // Chinese, digits and letters, pieces repeated (so buckets hold several places), and
    // needles shorter than a piece (searched by scanning).
    let text = "到2025年达到90%\n三级医院到2025年达到90%以上\nab到2025年达到9\n到2025年达到90%";
    let index = GramIndex::of(text.as_bytes());
    let bytes = text.as_bytes();
    let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
    let mut needles = 0;
    for (i, &from) in starts.iter().enumerate() {
        for &to in &starts[i + 1..] {
            let needle = &text[from..to];
            let search = index.search(needle.as_bytes());
            for within in [0..text.len(), 9..text.len(), 0..40, 20..30] {
                let hay = &bytes[within.clone()];
                let want: Vec<usize> = (0..hay.len())
                    .filter(|&at| hay[at..].starts_with(needle.as_bytes()))
                    .map(|at| at + within.start)
                    .collect();
                let got: Vec<usize> = search.find_iter(bytes, within.clone()).collect();
                assert_eq!(got, want, "{needle:?} in {within:?}");
                assert_eq!(search.find(bytes, within), want.first().copied());
            }
            needles += 1;
        }
    }
    assert!(needles > 1000);
}

#[test]
fn the_byte_test_for_whitespace_misses_none() {
    // Every character Rust calls whitespace is caught by the bytes, alone and among Chinese
    // text; and no other character is (but ASCII control characters, taken as whitespace).
    for c in (0..=0x10ffff).filter_map(char::from_u32).filter(|c| !c.is_whitespace() && !c.is_ascii_control()) {
        assert!(!may_hold_whitespace(&c.to_string()), "{:?}", c);
    }
    for c in (0..=0x10ffff).filter_map(char::from_u32).filter(|c| c.is_whitespace()) {
        assert!(may_hold_whitespace(&c.to_string()), "{:?}", c);
        assert!(may_hold_whitespace(&format!("到2025年{c}达到")), "{:?}", c);
        assert_eq!(normalize(&format!("到{c}2025年")), "到2025年");
    }
    assert!(!may_hold_whitespace("一、到2025年，“三级”公立医院床位使用率达到90%。（三）《方案》"));
    assert!(matches!(normalize("到2025年。"), Cow::Borrowed(_)));
}

//! The localized templates render byte for byte as the originals, and what may not be
//! rewritten is not.

use super::*;

fn strings() -> BTreeMap<String, String> {
    [
        ("title", "Indicators & <targets>"),
        ("sample_tag", "sample"),
        ("quoted", r#"say "hi""#),
        ("all_quotes", r#"a " b ' c ` d"#),
        ("spaced", " padded "),
        ("empty", ""),
        ("brace", "a {{ b"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

/// One template on its own, as `localize` treats a template where `t` is the strings.
fn subst(src: &str) -> String {
    Parsed::new(src).expect("scans").substitute(&strings(), &Scopes::default(), Some(true))
}

#[test]
fn a_whole_tag_becomes_the_escaped_text() {
    assert_eq!(subst("<h1>{{ t.title }}</h1>"), "<h1>Indicators &amp; &lt;targets&gt;</h1>");
    assert_eq!(subst("<h1>{{t.title}}</h1>"), "<h1>Indicators &amp; &lt;targets&gt;</h1>");
    let unescaped = Parsed::new("{{ t.title }}").unwrap().substitute(&strings(), &Scopes::default(), Some(false));
    assert_eq!(unescaped, "Indicators & <targets>");
}

#[test]
fn trim_markers_trim_only_the_text_next_to_the_tag() {
    assert_eq!(subst("a \n {{- t.sample_tag -}} \n b"), "asampleb");
    assert_eq!(subst("a {{- t.sample_tag }} b"), "asample b");
    assert_eq!(subst("{{ x }} {{- t.sample_tag }}\n{{ y }}"), "{{ x }}sample\n{{ y }}");
    assert_eq!(subst("{{ t.sample_tag }}  {{- t.sample_tag }}"), "samplesample");
}

#[test]
fn text_that_would_merge_badly_stays_a_tag_with_a_literal() {
    // Whitespace at the ends or an empty string could be trimmed by a neighbour's marker;
    // a `{` could open a tag.
    assert_eq!(subst("{{ x -}}{{ t.spaced }}"), r#"{{ x -}}{{ " padded " }}"#);
    assert_eq!(subst("{{- t.empty }}"), r#"{{- "" }}"#);
    assert_eq!(subst("{{ t.brace }}"), r#"{{ "a {{ b" }}"#);
}

#[test]
fn other_uses_become_literals() {
    assert_eq!(subst("{{ m::sample(label=t.sample_tag) }}"), r#"{{ m::sample(label="sample") }}"#);
    assert_eq!(subst("{% if x == t.sample_tag %}"), r#"{% if x == "sample" %}"#);
    assert_eq!(subst("{{ t.sample_tag | upper }}"), r#"{{ "sample" | upper }}"#);
    assert_eq!(subst("{{ m::x(a=t.quoted) }}"), r#"{{ m::x(a='say "hi"') }}"#);
    assert_eq!(subst("{{ m::x(a=t.all_quotes) }}"), "{{ m::x(a=t.all_quotes) }}");
    assert_eq!(subst("{% if t.all_quotes %}{% endif %}"), "{% if t.all_quotes %}{% endif %}");
    // As a whole tag it needs no quotes.
    assert_eq!(subst("{{ t.all_quotes }}"), "a &quot; b &#39; c ` d");
}

#[test]
fn only_references_to_known_keys_inside_tags_change() {
    for src in [
        "t.title {{ x }} t.title",
        "{# {{ t.title }} t.title #}",
        "{% raw %}{{ t.title }}{% endraw %}",
        r#"{{ "t.title" }}"#,
        "{{ at.title }} {{ x.t.title }} {{ t_x.title }}",
        "{{ t.missing }} {{ m::x(a=t.missing) }}",
        "{{ t.title.length }} {{ x[t.title] }} {{ t[key] }}",
        "{% if t.title is defined %}{% endif %}",
        "{{ t.title + 1 }} {{ 1 + t.title }}",
        "{% for c in t.title %}{% endfor %}",
    ] {
        assert_eq!(subst(src), src);
    }
}

/// Render `templates` as written with `t` in the context, and as localized.
fn both(templates: &[(&str, &str)], render: &str) -> (String, String, bool) {
    let templates: Vec<(String, String)> = templates.iter().map(|(n, s)| (n.to_string(), s.to_string())).collect();
    let mut tera = new_tera();
    tera.add_raw_templates(templates.clone()).unwrap();
    let mut context = tera::Context::new();
    context.insert("t", &strings());
    context.insert("rows", &[1, 2]);
    context.insert("other", &BTreeMap::from([("title", "other title")]));
    let before = tera.render(render, &context).unwrap();
    let all = BTreeMap::from([("en".to_string(), strings())]);
    let localized = localize(&templates, &all, &["en".to_string()]).remove("en").unwrap();
    let mut context = tera::Context::new();
    context.insert("rows", &[1, 2]);
    context.insert("other", &BTreeMap::from([("title", "other title")]));
    if localized.needs_strings {
        context.insert("t", &strings());
    }
    let tera = localized.tera.as_ref().unwrap_or(&tera);
    (before, tera.render(render, &context).unwrap(), localized.needs_strings)
}

#[test]
fn localized_templates_render_the_same_and_drop_t() {
    let macros = "{% macro table(rows, t) -%}<th>{{ t.title }}</th>{% for r in rows %}\
                  {{ self::tag(label=t.sample_tag) }}{% endfor %}{%- endmacro table %}\
                  {% macro tag(label) %}<i>{{ label }}</i>{% endmacro tag %}";
    let page = r#"{% import "macros.html" as m %}<p>
        {{- t.title -}}
        </p>{{ m::table(rows=rows, t=t) }} {{ t.spaced }}|{{ t.empty }}|{{ t.brace }}
        {% if t.sample_tag == "sample" %}{{ t.quoted }}{% endif %}"#;
    let (before, after, needs) = both(&[("macros.html", macros), ("page.html", page)], "page.html");
    assert_eq!(before, after);
    assert!(!needs, "no template reads t any more");
}

#[test]
fn t_stays_where_it_is_still_read_or_means_something_else() {
    let page = "{{ t.title }} {% if t.all_quotes %}yes{% endif %}";
    let (before, after, needs) = both(&[("page.html", page)], "page.html");
    assert_eq!((before, needs), (after, true));
    // A loop variable `t`: nothing is written in.
    let page = "{% for t in rows %}{{ t }}{% endfor %}{{ t.title }}";
    let (before, after, needs) = both(&[("page.html", page)], "page.html");
    assert_eq!((before, needs), (after, true));
    // A macro given something else as `t` keeps reading its parameter.
    let macros = "{% macro m(t) %}{{ t.title }}{% endmacro m %}";
    let page = r#"{% import "macros.html" as m %}{{ t.title }}{{ m::m(t=t) }}{{ m::m(t=other) }}"#;
    let (before, after, needs) = both(&[("macros.html", macros), ("page.html", page)], "page.html");
    assert_eq!((before, needs), (after, true));
}

/// How often [`counting_escape`] ran.
static ESCAPED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn counting_escape(s: &str) -> String {
    ESCAPED.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    crate::render::view::escape(s)
}

#[test]
fn a_value_tested_in_an_if_is_not_escaped_for_the_test() {
    // The vendored Tera's change 7 (vendor/tera/PATCHES.md): only `{{ y }}` is escaped; the
    // `if`'s test of a piece of HTML does not copy it through the escape function.
    let mut tera = new_tera();
    tera.set_escape_fn_with_check(counting_escape, crate::render::view::needs_escape);
    tera.add_raw_template(
        "t.html",
        "{% if x %}[{{ x | safe }}]{% endif %}{% if not x %}no{% endif %}{% if empty %}E{% endif %}{{ y }}",
    )
    .unwrap();
    let mut ctx = tera::Context::new();
    ctx.insert("x", "<a href=\"#\">x</a>");
    ctx.insert("empty", "");
    ctx.insert("y", "<b>");
    ESCAPED.store(0, std::sync::atomic::Ordering::SeqCst);
    let out = tera.render("t.html", &ctx).unwrap();
    assert_eq!(out, "[<a href=\"#\">x</a>]&lt;b&gt;");
    assert_eq!(ESCAPED.load(std::sync::atomic::Ordering::SeqCst), 1);
}

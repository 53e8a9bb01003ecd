//! Interface strings written into the templates, one compiled set per language: `{{ t.key }}`
//! becomes the text itself, other uses of `t.key` a string literal. Tera looks a dotted name up
//! by splitting and allocating on every use, and each page would otherwise carry a copy of all
//! the strings; on a national site (330,000 pages) this saved about a tenth of the CPU time.
//! Only what provably renders the same is rewritten; anything else keeps reading `t`. The theme
//! (`super::theme`) calls [`localize`] when it loads and builds its Tera instances with
//! [`new_tera`].
//!
//! A whole `{{ t.key }}` becomes the text Tera would have written, any other use a string
//! literal. Only where `t` surely is the interface strings and a literal parses to the same
//! thing:
//! - nowhere if a `for` or `set` binds a variable `t`;
//! - inside a macro with a parameter `t` only if every call passes `t=t` from outside such
//!   macros; those calls then pass `t=0` if the macro no longer reads `t`;
//! - not in subscripts (`x[t.key]`) or `for` tags, not before `is`, `.` or `[`, not next to
//!   arithmetic; not where the string holds all three of Tera's quotes.
//!
//! A template that still fails to compile this way is used as written.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// The templates compiled for one language: what [`localize`] makes of a theme for each of the
/// site's languages.
pub(super) struct LocalizedTemplates {
    /// `None` when nothing could be written in: the templates as written serve.
    pub(super) tera: Option<tera::Tera>,
    /// Whether those templates still read `t` from the page's context.
    pub(super) needs_strings: bool,
}

/// Autoescaping as gongkai sets it on every Tera instance.
pub(super) const AUTOESCAPE: [&str; 2] = [".html", ".xml"];

/// An empty Tera instance set up as gongkai renders: autoescaping for [`AUTOESCAPE`] and
/// gongkai's escaping function.
pub(super) fn new_tera() -> tera::Tera {
    let mut tera = tera::Tera::default();
    tera.autoescape_on(AUTOESCAPE.to_vec());
    // Tera's default also escapes `/`, which makes every URL unreadable; quotes, `<`, `>`
    // and `&` are what matters in element content and quoted attributes.
    tera.set_escape_fn(super::view::escape);
    tera
}

/// Tera's whitespace inside tags.
const TAG_SPACE: &[char] = &[' ', '\t', '\r', '\n'];

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The first index from `i` on that is not whitespace (or `c.len()`).
fn skip_space(c: &[u8], mut i: usize) -> usize {
    while c.get(i).is_some_and(|b| is_space(*b)) {
        i += 1;
    }
    i
}

/// The end of the identifier starting at `i`.
fn ident_end(c: &[u8], mut i: usize) -> usize {
    while c.get(i).is_some_and(|b| is_ident(*b)) {
        i += 1;
    }
    i
}

/// Compile one language's templates for each site language.
pub(super) fn localize(
    templates: &[(String, String)],
    strings: &BTreeMap<String, BTreeMap<String, String>>,
    languages: &[String],
) -> BTreeMap<String, LocalizedTemplates> {
    let parsed: Vec<Option<Parsed>> = templates.iter().map(|(_, s)| Parsed::new(s)).collect();
    let scopes = Scopes::of(&parsed);
    // Tera escapes by the name of the template it renders, not of the one a tag is in: text can
    // stand in for `{{ t.key }}` only if all templates agree.
    let escaped = templates.iter().filter(|(n, _)| AUTOESCAPE.iter().any(|e| n.ends_with(e))).count();
    let autoescape = match escaped {
        0 => Some(false),
        n if n == templates.len() => Some(true),
        _ => None,
    };
    // One language per thread: compiling templates is most of loading a theme.
    use rayon::prelude::*;
    languages
        .par_iter()
        .map(|lang| {
            let localized = match strings.get(lang) {
                Some(map) if !scopes.rebound => compile_localized(templates, &parsed, map, &scopes, autoescape),
                _ => LocalizedTemplates { tera: None, needs_strings: true },
            };
            (lang.clone(), localized)
        })
        .collect()
}

/// Compile the templates with `strings` written in; a template Tera rejects that way is used as
/// written.
fn compile_localized(
    templates: &[(String, String)],
    parsed: &[Option<Parsed>],
    strings: &BTreeMap<String, String>,
    scopes: &Scopes,
    autoescape: Option<bool>,
) -> LocalizedTemplates {
    let mut frozen = BTreeSet::new();
    loop {
        let sources = localized_sources(templates, parsed, strings, scopes, autoescape, &frozen);
        let needs_strings = sources.iter().any(|s| Parsed::new(s).is_none_or(|p| p.refers_to_t()));
        if sources.iter().zip(templates).all(|(s, (_, original))| s == original) {
            return LocalizedTemplates { tera: None, needs_strings };
        }
        let mut tera = new_tera();
        match tera.add_raw_templates(templates.iter().zip(&sources).map(|((n, _), s)| (n.as_str(), s.as_str()))) {
            Ok(()) => return LocalizedTemplates { tera: Some(tera), needs_strings },
            Err(e) => {
                // "Failed to parse 'name'".
                let name = e.to_string().split('\'').nth(1).map(str::to_string);
                match templates.iter().position(|(n, _)| Some(n) == name.as_ref()) {
                    Some(i) if frozen.insert(i) => {}
                    _ => return LocalizedTemplates { tera: None, needs_strings: true },
                }
            }
        }
    }
}

/// The templates' sources with `strings` written in, except those in `frozen`.
fn localized_sources(
    templates: &[(String, String)],
    parsed: &[Option<Parsed>],
    strings: &BTreeMap<String, String>,
    scopes: &Scopes,
    autoescape: Option<bool>,
    frozen: &BTreeSet<usize>,
) -> Vec<String> {
    let mut sources: Vec<String> = parsed
        .iter()
        .enumerate()
        .map(|(i, p)| match p {
            Some(p) if !frozen.contains(&i) => p.substitute(strings, scopes, autoescape),
            _ => templates[i].1.clone(),
        })
        .collect();
    // Macros that get `t=t` and no longer read `t`: their calls need not read it either.
    let Some(reparsed) = sources.iter().map(|s| Parsed::new(s)).collect::<Option<Vec<_>>>() else {
        return sources;
    };
    let mut unread: BTreeMap<&str, bool> = scopes.passed.iter().map(|n| (n.as_str(), true)).collect();
    for p in &reparsed {
        for tag in &p.tags {
            if let Some(m) = tag.in_macro.map(|m| &p.macros[m])
                && m.has_t()
                && let Some(ok) = unread.get_mut(m.name.as_str())
            {
                *ok &= !tag.refers_to_t();
            }
        }
    }
    let mut rewritten = Vec::with_capacity(sources.len());
    for (i, p) in reparsed.iter().enumerate() {
        let mut edits: Vec<Range<usize>> = Vec::new();
        if !frozen.contains(&i) {
            for tag in &p.tags {
                for call in p.calls(tag) {
                    if unread.get(call.name.as_str()) == Some(&true)
                        && let Some(r) = call.t_arg
                    {
                        edits.push(r);
                    }
                }
            }
        }
        rewritten.push(if edits.is_empty() {
            None
        } else {
            edits.sort_by_key(|r| r.start);
            let mut out = String::with_capacity(p.src.len());
            let mut last = 0;
            for r in edits {
                out.push_str(&p.src[last..r.start]);
                out.push('0');
                last = r.end;
            }
            out.push_str(&p.src[last..]);
            Some(out)
        });
    }
    for (s, r) in sources.iter_mut().zip(rewritten) {
        if let Some(r) = r {
            *s = r;
        }
    }
    sources
}

/// Where in the theme `t` is the interface strings.
#[derive(Default)]
struct Scopes {
    /// A `for` or `set` binds `t` somewhere (or a template could not be read): nothing is
    /// written in.
    rebound: bool,
    /// Macros with a parameter `t` that every call passes `t=t` where `t` is the strings.
    passed: BTreeSet<String>,
}

impl Scopes {
    fn of(parsed: &[Option<Parsed>]) -> Scopes {
        let mut scopes = Scopes::default();
        // Macros with a parameter `t`, and whether one of them includes a template.
        let mut with_t: BTreeMap<&str, bool> = BTreeMap::new();
        let mut bad_calls: BTreeSet<String> = BTreeSet::new();
        for p in parsed {
            let Some(p) = p else {
                scopes.rebound = true;
                continue;
            };
            for m in p.macros.iter().filter(|m| m.has_t()) {
                with_t.entry(&m.name).or_default();
            }
            for tag in &p.tags {
                let t_macro = tag.in_macro.map(|m| &p.macros[m]).filter(|m| m.has_t());
                scopes.rebound |= tag.binds_t();
                if let Some(m) = t_macro
                    && tag.word == "include"
                {
                    with_t.insert(&m.name, true);
                }
                for call in p.calls(tag) {
                    let passes = t_macro.is_none() && call.t_arg.is_some_and(|r| &p.src[r] == "t");
                    if !passes {
                        bad_calls.insert(call.name);
                    }
                }
            }
        }
        for (name, includes) in with_t {
            if !bad_calls.contains(name) {
                scopes.passed.insert(name.to_string());
            } else if includes {
                // The included template's `t` may be anything.
                scopes.rebound = true;
            }
        }
        scopes
    }
}

/// A template cut into text, tags, and what is neither (comments, raw blocks).
struct Parsed<'s> {
    src: &'s str,
    segs: Vec<Seg>,
    tags: Vec<Tag<'s>>,
    macros: Vec<MacroDef>,
}

enum Seg {
    Text(Range<usize>),
    Opaque(Range<usize>),
    /// Index into `Parsed::tags`.
    Tag(usize),
}

/// A `{{ ... }}` or `{% ... %}`.
struct Tag<'s> {
    range: Range<usize>,
    /// Between the delimiters and trim markers.
    inner: Range<usize>,
    var: bool,
    trim_left: bool,
    trim_right: bool,
    /// The inner text with string literals blanked out (same offsets from `inner.start`).
    code: Vec<u8>,
    /// The first word of a `{% ... %}` tag.
    word: &'s str,
    /// The macro whose body the tag is in (index into `Parsed::macros`).
    in_macro: Option<usize>,
}

struct MacroDef {
    name: String,
    params: Vec<String>,
}

impl MacroDef {
    fn has_t(&self) -> bool {
        self.params.iter().any(|p| p == "t")
    }
}

/// A call `ns::name(...)` and the value of its argument `t`, if any.
struct Call {
    name: String,
    t_arg: Option<Range<usize>>,
}

impl<'s> Parsed<'s> {
    /// `None` if the template is not what Tera reads (it is then used as written).
    fn new(src: &'s str) -> Option<Parsed<'s>> {
        let b = src.as_bytes();
        let mut p = Parsed { src, segs: Vec::new(), tags: Vec::new(), macros: Vec::new() };
        let mut current_macro = None;
        let (mut i, mut text_start) = (0, 0);
        while i + 1 < b.len() {
            if b[i] != b'{' || !matches!(b[i + 1], b'{' | b'%' | b'#') {
                i += 1;
                continue;
            }
            p.segs.push(Seg::Text(text_start..i));
            let start = i;
            if b[i + 1] == b'#' {
                i = i + 2 + src[i + 2..].find("#}")? + 2;
                p.segs.push(Seg::Opaque(start..i));
                text_start = i;
                continue;
            }
            let var = b[i + 1] == b'{';
            let trim_left = b.get(i + 2) == Some(&b'-');
            let inner_start = i + 2 + usize::from(trim_left);
            let close = if var { b'}' } else { b'%' };
            let mut j = inner_start;
            loop {
                let c = *b.get(j)?;
                if matches!(c, b'"' | b'\'' | b'`') {
                    j = j + 1 + src[j + 1..].find(char::from(c))? + 1;
                } else if c == close && b.get(j + 1) == Some(&b'}') {
                    break;
                } else {
                    j += 1;
                }
            }
            let trim_right = j > inner_start && b[j - 1] == b'-';
            let inner = inner_start..j - usize::from(trim_right);
            i = j + 2;
            text_start = i;
            let inner_text = &src[inner.clone()];
            if !var && inner_text.trim_matches(TAG_SPACE) == "raw" {
                i = raw_end(src, i)?;
                text_start = i;
                p.segs.push(Seg::Opaque(start..i));
                continue;
            }
            let code = blank_strings(inner_text)?;
            let word = if var { "" } else { &inner_text[skip_space(&code, 0)..ident_end(&code, skip_space(&code, 0))] };
            let mut in_macro = current_macro;
            match word {
                "macro" => {
                    p.macros.push(macro_def(inner_text, &code)?);
                    current_macro = Some(p.macros.len() - 1);
                    in_macro = None;
                }
                "endmacro" => {
                    current_macro = None;
                    in_macro = None;
                }
                _ => {}
            }
            p.segs.push(Seg::Tag(p.tags.len()));
            p.tags.push(Tag { range: start..i, inner, var, trim_left, trim_right, code, word, in_macro });
        }
        p.segs.push(Seg::Text(text_start..b.len()));
        Some(p)
    }

    /// Whether any tag reads `t` (or the whole context).
    fn refers_to_t(&self) -> bool {
        self.tags.iter().any(Tag::refers_to_t)
    }

    /// Whether `t` in `tag` is the interface strings.
    fn is_strings(&self, tag: &Tag, scopes: &Scopes) -> bool {
        match tag.in_macro.map(|m| &self.macros[m]) {
            Some(m) if m.has_t() => scopes.passed.contains(&m.name),
            _ => true,
        }
    }

    /// The source with `strings` written in for `t.key`.
    fn substitute(&self, strings: &BTreeMap<String, String>, scopes: &Scopes, autoescape: Option<bool>) -> String {
        let mut out = String::with_capacity(self.src.len());
        // Where the text since the last tag starts in `out`, and whether a tag replaced by
        // text asked to trim the text after it.
        let (mut run_start, mut trim_next) = (0, false);
        for seg in &self.segs {
            match seg {
                Seg::Text(r) => {
                    let text = &self.src[r.clone()];
                    out.push_str(if trim_next { text.trim_start() } else { text });
                    trim_next = false;
                    continue;
                }
                Seg::Opaque(r) => out.push_str(&self.src[r.clone()]),
                Seg::Tag(t) => {
                    let tag = &self.tags[*t];
                    let here = !scopes.rebound && self.is_strings(tag, scopes);
                    if here && let Some(text) = tag.as_text(self.src, strings, autoescape) {
                        // What Tera does with the trim markers: to the text next to the tag only.
                        if tag.trim_left {
                            let keep = out[run_start..].trim_end().len();
                            out.truncate(run_start + keep);
                        }
                        out.push_str(&text);
                        run_start = out.len();
                        trim_next = tag.trim_right;
                        continue;
                    }
                    if here && tag.word != "macro" && tag.word != "for" {
                        out.push_str(&tag.with_literals(self.src, strings));
                    } else {
                        out.push_str(&self.src[tag.range.clone()]);
                    }
                }
            }
            run_start = out.len();
            trim_next = false;
        }
        out
    }

    /// The macro calls in `tag`.
    fn calls(&self, tag: &Tag) -> Vec<Call> {
        let (c, base) = (&tag.code, tag.inner.start);
        let mut calls = Vec::new();
        for r in idents(c) {
            let mut i = skip_space(c, r.end);
            if !c[i..].starts_with(b"::") {
                continue;
            }
            i = skip_space(c, i + 2);
            let name_end = ident_end(c, i);
            let name = self.src[base + i..base + name_end].to_string();
            i = skip_space(c, name_end);
            if name.is_empty() || c.get(i) != Some(&b'(') {
                continue;
            }
            let (mut t_arg, mut depth, mut arg_start, mut closed) = (None, 0, i + 1, false);
            for j in i + 1..c.len() {
                match c[j] {
                    b'(' | b'[' => depth += 1,
                    b')' | b']' if depth > 0 => depth -= 1,
                    b',' | b')' if depth == 0 => {
                        if let Some(v) = t_kwarg(c, arg_start..j) {
                            t_arg = Some(base + v.start..base + v.end);
                        }
                        if c[j] == b')' {
                            closed = true;
                            break;
                        }
                        arg_start = j + 1;
                    }
                    _ => {}
                }
            }
            calls.push(Call { name, t_arg: t_arg.filter(|_| closed) });
        }
        calls
    }
}

impl Tag<'_> {
    /// Whether the tag reads the variable `t` (or dumps the context).
    fn refers_to_t(&self) -> bool {
        let c = &self.code;
        self.word != "macro"
            && idents(c).into_iter().any(|r| match &c[r.clone()] {
                b"__tera_context" => true,
                b"t" => {
                    let n = skip_space(c, r.end);
                    let namespace = c[n..].starts_with(b"::");
                    let argument_name = c.get(n) == Some(&b'=') && c.get(n + 1) != Some(&b'=');
                    !namespace && !argument_name
                }
                _ => false,
            })
    }

    /// Whether a `for` or `set` tag binds the variable `t`.
    fn binds_t(&self) -> bool {
        let c = &self.code;
        let mut i = ident_end(c, skip_space(c, 0));
        match self.word {
            "for" => loop {
                let s = skip_space(c, i);
                i = ident_end(c, s);
                if &c[s..i] == b"t" {
                    return true;
                }
                i = skip_space(c, i);
                if c.get(i) != Some(&b',') {
                    return false;
                }
                i += 1;
            },
            "set" | "set_global" => {
                let s = skip_space(c, i);
                &c[s..ident_end(c, s)] == b"t"
            }
            _ => false,
        }
    }

    /// For a tag that is exactly `{{ t.key }}`: the text Tera would write for it, if that text
    /// can stand in the template as it is.
    fn as_text(&self, src: &str, strings: &BTreeMap<String, String>, autoescape: Option<bool>) -> Option<String> {
        if !self.var {
            return None;
        }
        let key = src[self.inner.clone()].trim_matches(TAG_SPACE).strip_prefix("t.")?;
        if key.is_empty() || !key.bytes().all(is_ident) {
            return None;
        }
        let value = strings.get(key)?;
        let text = if autoescape? { super::view::escape(value) } else { value.clone() };
        // The text joins the text around it: trim markers of other tags must not reach into it
        // (no whitespace at its ends, not empty), and it must not start a tag.
        let fits = text.starts_with(|c: char| !c.is_whitespace())
            && text.ends_with(|c: char| !c.is_whitespace())
            && !text.contains('{');
        fits.then_some(text)
    }

    /// The tag with string literals for the `t.key` where one means the same.
    fn with_literals(&self, src: &str, strings: &BTreeMap<String, String>) -> String {
        const ARITHMETIC: &[u8] = b"+-*/%";
        let (c, base) = (&self.code, self.inner.start);
        let subscript = subscripts(c);
        let mut out = String::new();
        let mut last = self.range.start;
        for r in idents(c) {
            if &c[r.clone()] != b"t" || c.get(r.end) != Some(&b'.') || subscript[r.start] {
                continue;
            }
            let key_end = ident_end(c, r.end + 1);
            if key_end == r.end + 1 || matches!(c.get(key_end), Some(b'.' | b'[')) {
                continue;
            }
            let next = skip_space(c, key_end);
            let before_test = c[next..].starts_with(b"is") && !c.get(next + 2).is_some_and(|b| is_ident(*b));
            let after = c.get(next).is_some_and(|b| ARITHMETIC.contains(b));
            let before = c[..r.start].iter().rev().find(|b| !is_space(**b)).is_some_and(|b| ARITHMETIC.contains(b));
            if before_test || after || before {
                continue;
            }
            let Some(literal) = strings.get(&src[base + r.end + 1..base + key_end]).and_then(|v| literal(v)) else {
                continue;
            };
            out.push_str(&src[last..base + r.start]);
            out.push_str(&literal);
            last = base + key_end;
        }
        out.push_str(&src[last..self.range.end]);
        out
    }
}

/// A Tera string literal for `value`: Tera's literals have no escapes, so a quote that does not
/// occur in it.
fn literal(value: &str) -> Option<String> {
    ['"', '\'', '`'].into_iter().find(|q| !value.contains(*q)).map(|q| format!("{q}{value}{q}"))
}

/// The end of the raw block whose `{% raw %}` ends at `from`: after its `{% endraw %}`.
fn raw_end(src: &str, mut from: usize) -> Option<usize> {
    let b = src.as_bytes();
    loop {
        let start = from + src[from..].find("{%")?;
        let mut i = start + 2;
        if b.get(i) == Some(&b'-') {
            i += 1;
        }
        i = skip_space(b, i);
        if src[i..].starts_with("endraw") {
            i = skip_space(b, i + "endraw".len());
            if b.get(i) == Some(&b'-') {
                i += 1;
            }
            if src[i..].starts_with("%}") {
                return Some(i + 2);
            }
        }
        from = start + 2;
    }
}

/// `s` with every string literal (quotes included) replaced by `"` bytes.
fn blank_strings(s: &str) -> Option<Vec<u8>> {
    let mut c = s.as_bytes().to_vec();
    let mut i = 0;
    while i < c.len() {
        let q = c[i];
        if matches!(q, b'"' | b'\'' | b'`') {
            let end = i + 1 + s[i + 1..].find(char::from(q))?;
            c[i..=end].fill(b'"');
            i = end + 1;
        } else {
            i += 1;
        }
    }
    Some(c)
}

/// The identifiers in `c` that name a variable, function, filter, ...: not the parts after a
/// `.`, and not numbers.
fn idents(c: &[u8]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        if !is_ident(c[i]) {
            i += 1;
            continue;
        }
        let start = i;
        i = ident_end(c, i);
        if !c[start].is_ascii_digit() && (start == 0 || c[start - 1] != b'.') {
            out.push(start..i);
        }
    }
    out
}

/// For each byte of `c`, whether it is inside a subscript `x[...]` (not an array literal).
fn subscripts(c: &[u8]) -> Vec<bool> {
    let mut open: Vec<bool> = Vec::new();
    let mut inside = Vec::with_capacity(c.len());
    for (i, &b) in c.iter().enumerate() {
        match b {
            b'[' => open.push(i > 0 && (is_ident(c[i - 1]) || c[i - 1] == b']')),
            b']' => {
                open.pop();
            }
            _ => {}
        }
        inside.push(open.iter().any(|s| *s));
    }
    inside
}

/// The value of a keyword argument `t=...` in `c[r]`.
fn t_kwarg(c: &[u8], r: Range<usize>) -> Option<Range<usize>> {
    let s = skip_space(c, r.start);
    let e = ident_end(c, s);
    let eq = skip_space(c, e);
    if &c[s..e] != b"t" || eq >= r.end || c[eq] != b'=' || c.get(eq + 1) == Some(&b'=') {
        return None;
    }
    let start = skip_space(c, eq + 1).min(r.end);
    let mut end = r.end;
    while end > start && is_space(c[end - 1]) {
        end -= 1;
    }
    Some(start..end)
}

/// `{% macro name(a, b=1) %}`.
fn macro_def(inner: &str, c: &[u8]) -> Option<MacroDef> {
    let s = skip_space(c, ident_end(c, skip_space(c, 0)));
    let name_end = ident_end(c, s);
    let open = skip_space(c, name_end);
    if c.get(open) != Some(&b'(') {
        return None;
    }
    let close = open + c[open..].iter().position(|b| *b == b')')?;
    let params = c[open + 1..close]
        .split(|b| *b == b',')
        .map(|p| {
            let s = skip_space(p, 0);
            String::from_utf8_lossy(&p[s..ident_end(p, s)]).into_owned()
        })
        .collect();
    Some(MacroDef { name: inner[s..name_end].to_string(), params })
}

#[cfg(test)]
mod tests {
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
}

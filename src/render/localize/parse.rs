//! Reading a template for [`super::localize`]: its tags, the macros it defines and calls, and
//! where `t.key` can be replaced by the string itself ([`Parsed::substitute`]).

use std::collections::BTreeMap;
use std::ops::Range;

use super::Scopes;

/// Tera's whitespace inside tags.
pub(super) const TAG_SPACE: &[char] = &[' ', '\t', '\r', '\n'];

pub(super) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

pub(super) fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The first index from `i` on that is not whitespace (or `c.len()`).
pub(super) fn skip_space(c: &[u8], mut i: usize) -> usize {
    while c.get(i).is_some_and(|b| is_space(*b)) {
        i += 1;
    }
    i
}

/// The end of the identifier starting at `i`.
pub(super) fn ident_end(c: &[u8], mut i: usize) -> usize {
    while c.get(i).is_some_and(|b| is_ident(*b)) {
        i += 1;
    }
    i
}

/// A template cut into text, tags, and what is neither (comments, raw blocks).
pub(super) struct Parsed<'s> {
    pub(super) src: &'s str,
    pub(super) segs: Vec<Seg>,
    pub(super) tags: Vec<Tag<'s>>,
    pub(super) macros: Vec<MacroDef>,
}

pub(super) enum Seg {
    Text(Range<usize>),
    Opaque(Range<usize>),
    /// Index into `Parsed::tags`.
    Tag(usize),
}

/// A `{{ ... }}` or `{% ... %}`.
pub(super) struct Tag<'s> {
    pub(super) range: Range<usize>,
    /// Between the delimiters and trim markers.
    pub(super) inner: Range<usize>,
    pub(super) var: bool,
    pub(super) trim_left: bool,
    pub(super) trim_right: bool,
    /// The inner text with string literals blanked out (same offsets from `inner.start`).
    pub(super) code: Vec<u8>,
    /// The first word of a `{% ... %}` tag.
    pub(super) word: &'s str,
    /// The macro whose body the tag is in (index into `Parsed::macros`).
    pub(super) in_macro: Option<usize>,
}

pub(super) struct MacroDef {
    pub(super) name: String,
    pub(super) params: Vec<String>,
}

impl MacroDef {
    pub(super) fn has_t(&self) -> bool {
        self.params.iter().any(|p| p == "t")
    }
}

/// A call `ns::name(...)` and the value of its argument `t`, if any.
pub(super) struct Call {
    pub(super) name: String,
    pub(super) t_arg: Option<Range<usize>>,
}

impl<'s> Parsed<'s> {
    /// `None` if the template is not what Tera reads (it is then used as written).
    pub(super) fn new(src: &'s str) -> Option<Parsed<'s>> {
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
    pub(super) fn refers_to_t(&self) -> bool {
        self.tags.iter().any(Tag::refers_to_t)
    }

    /// Whether `t` in `tag` is the interface strings.
    pub(super) fn is_strings(&self, tag: &Tag, scopes: &Scopes) -> bool {
        match tag.in_macro.map(|m| &self.macros[m]) {
            Some(m) if m.has_t() => scopes.passed.contains(&m.name),
            _ => true,
        }
    }

    /// The source with `strings` written in for `t.key`.
    pub(super) fn substitute(
        &self,
        strings: &BTreeMap<String, String>,
        scopes: &Scopes,
        autoescape: Option<bool>,
    ) -> String {
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
    pub(super) fn calls(&self, tag: &Tag) -> Vec<Call> {
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
    pub(super) fn refers_to_t(&self) -> bool {
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
    pub(super) fn binds_t(&self) -> bool {
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
    pub(super) fn as_text(
        &self,
        src: &str,
        strings: &BTreeMap<String, String>,
        autoescape: Option<bool>,
    ) -> Option<String> {
        if !self.var {
            return None;
        }
        let key = src[self.inner.clone()].trim_matches(TAG_SPACE).strip_prefix("t.")?;
        if key.is_empty() || !key.bytes().all(is_ident) {
            return None;
        }
        let value = strings.get(key)?;
        let text = if autoescape? { crate::render::view::escape(value) } else { value.clone() };
        // The text joins the text around it: trim markers of other tags must not reach into it
        // (no whitespace at its ends, not empty), and it must not start a tag.
        let fits = text.starts_with(|c: char| !c.is_whitespace())
            && text.ends_with(|c: char| !c.is_whitespace())
            && !text.contains('{');
        fits.then_some(text)
    }

    /// The tag with string literals for the `t.key` where one means the same.
    pub(super) fn with_literals(&self, src: &str, strings: &BTreeMap<String, String>) -> String {
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
pub(super) fn literal(value: &str) -> Option<String> {
    ['"', '\'', '`'].into_iter().find(|q| !value.contains(*q)).map(|q| format!("{q}{value}{q}"))
}

/// The end of the raw block whose `{% raw %}` ends at `from`: after its `{% endraw %}`.
pub(super) fn raw_end(src: &str, mut from: usize) -> Option<usize> {
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
pub(super) fn blank_strings(s: &str) -> Option<Vec<u8>> {
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
pub(super) fn idents(c: &[u8]) -> Vec<Range<usize>> {
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
pub(super) fn subscripts(c: &[u8]) -> Vec<bool> {
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
pub(super) fn t_kwarg(c: &[u8], r: Range<usize>) -> Option<Range<usize>> {
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
pub(super) fn macro_def(inner: &str, c: &[u8]) -> Option<MacroDef> {
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

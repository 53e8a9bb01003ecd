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

use parse::Parsed;

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
    // and `&` are what matters in element content and quoted attributes. A value with none of
    // them (most) is written as it is, not copied (a patch of the vendored Tera).
    tera.set_escape_fn_with_check(super::view::escape, super::view::needs_escape);
    tera
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

mod parse;
#[cfg(test)]
mod tests;

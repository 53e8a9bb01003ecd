//! The checks every part of the model shares: a bilingual text, a reference to an indicator
//! or scope, a date, a commentary file. [`Checker`] holds what they need to know about the
//! rest of the site; `build` (the whole site) and `region` (one region) both use it, so it
//! lives apart from either.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::*;
use crate::content::Commentary;
use crate::diagnostics::{Diagnostic, Diagnostics, Location, suggestion};

/// What every per-file check needs to know about the rest of the site.
pub(crate) struct Checker<'a> {
    pub broken: &'a crate::content::Broken,
    pub languages: &'a [String],
    pub indicators: &'a [Indicator],
    pub indicator_ids: HashMap<&'a str, usize>,
    pub scope_ids: HashSet<&'a str>,
    pub region_ids: HashSet<&'a str>,
}

impl Checker<'_> {
    pub fn default_language(&self) -> &str {
        &self.languages[0]
    }

    /// Check a bilingual text: unknown languages are errors, missing ones warnings, an empty
    /// required text an error.
    pub fn text(&self, text: &Text, file: &Path, path: &str, diags: &mut Diagnostics) {
        let at = || Location::YamlPath(path.to_string());
        for lang in text.languages() {
            if !self.languages.iter().any(|l| l == lang) {
                let at = || Location::YamlPath(format!("{path}.{lang}@key"));
                let hint = suggestion(lang, self.languages.iter().map(String::as_str))
                    .unwrap_or_else(|| format!("the languages in site.yaml are {}", self.languages.join(", ")));
                diags.push(
                    Diagnostic::error(file, at(), format!("unknown language `{lang}` in `{path}`")).with_hint(hint),
                );
            }
        }
        if text.0.values().all(|s| s.trim().is_empty()) {
            diags.push(
                Diagnostic::error(file, at(), format!("`{path}` is empty"))
                    .with_hint("write the text, or leave the field out if it is optional"),
            );
            return;
        }
        for lang in self.languages {
            if text.get(lang).is_none() {
                diags.push(
                    Diagnostic::warning(file, at(), format!("`{path}` has no {} text", language_name(lang))).with_hint(
                        format!(
                            "add `{lang}: ...`; until then the site shows the {} text marked as not yet translated",
                            language_name(self.default_language())
                        ),
                    ),
                );
            }
        }
    }

    pub fn opt_text(&self, text: &Option<Text>, file: &Path, path: &str, diags: &mut Diagnostics) {
        if let Some(t) = text {
            self.text(t, file, path, diags);
        }
    }

    /// Check a reference to an indicator; `None` with an error if unknown.
    pub fn indicator(&self, id: &str, file: &Path, loc: Location, diags: &mut Diagnostics) -> Option<&Indicator> {
        match self.indicator_ids.get(id) {
            Some(&i) => Some(&self.indicators[i]),
            // Its file exists but has an error of its own, reported already.
            None if self.broken.indicators.contains(id) => None,
            None => {
                let hint = suggestion(id, self.indicator_ids.keys().copied()).unwrap_or_else(|| {
                    "indicators are the files in content/indicators/ (the id is the file name without .yaml)".into()
                });
                diags.push(Diagnostic::error(file, loc, format!("unknown indicator `{id}`")).with_hint(hint));
                None
            }
        }
    }

    /// Check a reference to a scope.
    pub fn scope(&self, id: &str, file: &Path, loc: Location, diags: &mut Diagnostics) -> bool {
        if self.scope_ids.contains(id) {
            return true;
        }
        if self.broken.scopes {
            return false;
        }
        let hint = suggestion(id, self.scope_ids.iter().copied())
            .unwrap_or_else(|| "scopes are listed in content/scopes.yaml".into());
        diags.push(Diagnostic::error(file, loc, format!("unknown scope `{id}`")).with_hint(hint));
        false
    }

    /// Check a commentary file's language.
    pub fn commentary_language(&self, c: &Commentary, diags: &mut Diagnostics) -> bool {
        if self.languages.contains(&c.lang) {
            return true;
        }
        let hint = suggestion(&c.lang, self.languages.iter().map(String::as_str))
            .map(|s| format!("{s} (the language code goes before .md)"))
            .unwrap_or_else(|| {
                format!(
                    "the languages in site.yaml are {}; name the file `{}.{}.md`",
                    self.languages.join(", "),
                    c.stem,
                    self.languages[0]
                )
            });
        diags.push(
            Diagnostic::error(&c.file, Location::File, format!("unknown language `{}` in the file name", c.lang))
                .with_hint(hint),
        );
        false
    }
}

/// Parse a date written in a YAML file, reporting it at `loc` when it is not one.
pub(crate) fn date(
    value: &crate::content::de::ScalarString,
    file: &Path,
    loc: Location,
    diags: &mut Diagnostics,
) -> Option<Date> {
    let parsed = Date::parse(&value.0);
    if parsed.is_none() {
        diags.push(
            Diagnostic::error(file, loc, format!("`{}` is not a date", value.0))
                .with_hint("write dates as year-month-day, e.g. 2024-06-30"),
        );
    }
    parsed
}

/// How a language code is named in messages.
pub(crate) fn language_name(code: &str) -> &str {
    match code {
        "zh" => "Chinese (zh)",
        "en" => "English (en)",
        other => other,
    }
}

/// A commentary file as the model holds it; a front-matter `updated` that is not a date is
/// reported (and left out).
pub(crate) fn markdown(c: &Commentary, diags: &mut Diagnostics) -> Markdown {
    let updated = c.md.front.updated.as_ref().and_then(|u| {
        let d = Date::parse(&u.0);
        if d.is_none() {
            diags.push(
                Diagnostic::error(
                    &c.file,
                    c.md.updated_at.map_or(Location::Position { line: 1, column: 1 }, |(line, column)| {
                        Location::Position { line, column }
                    }),
                    format!("`updated: {}` is not a date", u.0),
                )
                .with_hint("write dates as 2024-06-30"),
            );
        }
        d
    });
    Markdown { file: c.file.clone(), title: c.md.front.title.clone(), updated, body: c.md.body.clone() }
}

/// An id (of a category, scope, indicator, page, theme) that is not a slug.
pub(crate) fn slug_error(file: &Path, loc: Location, what: &str, id: &str) -> Diagnostic {
    Diagnostic::error(file, loc, format!("`{id}` is not a valid {what} id")).with_hint(slug_hint(id))
}

//! The checks every part of the model shares: a bilingual text, a reference to an indicator
//! or scope, a date, a commentary file. [`Checker`] holds what they need to know about the
//! rest of the site; `build` (the whole site) and `region` (one region) both use it, so it
//! lives apart from either.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::*;
use crate::content::Commentary;
use crate::diagnostics::{Diagnostic, Diagnostics, Location, suggest};
use crate::messages::{Entry, Message, model as m};
use crate::msg;

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
                let hint = suggest(lang, self.languages.iter().map(String::as_str))
                    .unwrap_or_else(|| msg!(m::SITE_LANGUAGES_HINT, languages = self.languages.join(", ")));
                diags.push(
                    Diagnostic::error(file, at(), msg!(m::UNKNOWN_LANGUAGE_IN_TEXT, lang = lang, path = path))
                        .with_hint(hint),
                );
            }
        }
        if text.0.values().all(|s| s.trim().is_empty()) {
            diags.push(
                Diagnostic::error(file, at(), msg!(m::TEXT_EMPTY, path = path)).with_hint(msg!(m::TEXT_EMPTY_HINT)),
            );
            return;
        }
        for lang in self.languages {
            if text.get(lang).is_none() {
                let message = msg!(m::TEXT_MISSING_LANGUAGE, path = path).arg_message("language", language_name(lang));
                let hint = msg!(m::TEXT_MISSING_LANGUAGE_HINT, lang = lang)
                    .arg_message("default", language_name(self.default_language()));
                diags.push(Diagnostic::warning(file, at(), message).with_hint(hint));
            }
        }
    }

    pub fn opt_text(&self, text: &Option<Text>, file: &Path, path: &str, diags: &mut Diagnostics) {
        if let Some(t) = text {
            self.text(t, file, path, diags);
        }
    }

    /// Check a reference to an indicator; `None` with an error if unknown.
    pub fn indicator(
        &self,
        id: &str,
        file: &Path,
        loc: impl FnOnce() -> Location,
        diags: &mut Diagnostics,
    ) -> Option<&Indicator> {
        match self.indicator_ids.get(id) {
            Some(&i) => Some(&self.indicators[i]),
            // Its file exists but has an error of its own, reported already.
            None if self.broken.indicators.contains(id) => None,
            None => {
                let hint =
                    suggest(id, self.indicator_ids.keys().copied()).unwrap_or_else(|| msg!(m::UNKNOWN_INDICATOR_HINT));
                diags.push(Diagnostic::error(file, loc(), msg!(m::UNKNOWN_INDICATOR, id = id)).with_hint(hint));
                None
            }
        }
    }

    /// Check a reference to a scope.
    pub fn scope(&self, id: &str, file: &Path, loc: impl FnOnce() -> Location, diags: &mut Diagnostics) -> bool {
        if self.scope_ids.contains(id) {
            return true;
        }
        if self.broken.scopes {
            return false;
        }
        let hint = suggest(id, self.scope_ids.iter().copied()).unwrap_or_else(|| msg!(m::UNKNOWN_SCOPE_HINT));
        diags.push(Diagnostic::error(file, loc(), msg!(m::UNKNOWN_SCOPE, id = id)).with_hint(hint));
        false
    }

    /// Check a commentary file's language.
    pub fn commentary_language(&self, c: &Commentary, diags: &mut Diagnostics) -> bool {
        if self.languages.contains(&c.lang) {
            return true;
        }
        let hint = suggest(&c.lang, self.languages.iter().map(String::as_str))
            .map(|s| Message::new(&m::LANGUAGE_BEFORE_MD).arg_message("suggestion", s))
            .unwrap_or_else(|| {
                msg!(
                    m::COMMENTARY_LANGUAGE_HINT,
                    languages = self.languages.join(", "),
                    stem = &c.stem,
                    lang = self.default_language()
                )
            });
        diags.push(
            Diagnostic::error(&c.file, Location::File, msg!(m::UNKNOWN_LANGUAGE_IN_FILE_NAME, lang = &c.lang))
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
            Diagnostic::error(file, loc, msg!(m::NOT_A_DATE, date = &value.0)).with_hint(msg!(m::NOT_A_DATE_HINT)),
        );
    }
    parsed
}

/// How a language code is named in messages.
pub(crate) fn language_name(code: &str) -> Message {
    match code {
        "zh" => msg!(m::LANGUAGE_ZH),
        "en" => msg!(m::LANGUAGE_EN),
        other => msg!(m::LANGUAGE_OTHER, code = other),
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
                    msg!(m::FRONT_MATTER_NOT_A_DATE, date = &u.0),
                )
                .with_hint(msg!(m::FRONT_MATTER_NOT_A_DATE_HINT)),
            );
        }
        d
    });
    Markdown {
        file: c.file.clone(),
        title: c.md.front.title.clone(),
        updated,
        placeholder: c.md.front.placeholder.unwrap_or(false),
        body: c.md.body.clone(),
    }
}

/// An id (of a category, scope, indicator, page, theme, region, task) that is not a slug;
/// `what` is the thing's noun (`model::NOUN_…`).
pub(crate) fn slug_error(file: &Path, loc: Location, what: &'static Entry, id: &str) -> Diagnostic {
    Diagnostic::error(file, loc, msg!(m::INVALID_ID, id = id).arg_message("what", Message::new(what)))
        .with_hint(slug_hint(id))
}

/// The place of a field of a YAML file, by its path (`targets[3].value`).
pub(super) fn at(path: impl Into<String>) -> Location {
    Location::YamlPath(path.into())
}

/// A name as matched against words from outside (a spreadsheet's headers): full-width forms
/// made half-width, no spaces, lower case. The importer matches with it, and aliases must be
/// unique under it.
pub fn name_key(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
            c if c.is_whitespace() => None,
            c => Some(c),
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Each alias names one indicator: one that is another indicator's id, name, short name or
/// alias (as matched, see [`name_key`]) is an error at the alias.
pub(crate) fn aliases_unique(indicators: &[Indicator], diags: &mut Diagnostics) {
    let mut owner: HashMap<String, &str> = HashMap::new();
    for ind in indicators {
        let names = ind.name.0.values().chain(ind.short_name.iter().flat_map(|s| s.0.values()));
        for n in std::iter::once(&ind.id).chain(names) {
            owner.entry(name_key(n)).or_insert(&ind.id);
        }
    }
    for ind in indicators {
        for (i, alias) in ind.aliases.iter().enumerate() {
            let key = name_key(alias);
            match owner.get(&key) {
                Some(&other) if other != ind.id => diags.push(
                    Diagnostic::error(
                        &ind.file,
                        Location::YamlPath(format!("aliases[{i}]")),
                        msg!(m::ALIAS_TAKEN, alias = alias, other = other),
                    )
                    .with_hint(msg!(m::ALIAS_TAKEN_HINT)),
                ),
                Some(_) => {}
                None => {
                    owner.insert(key, &ind.id);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checker<'a>(broken: &'a crate::content::Broken, languages: &'a [String]) -> Checker<'a> {
        Checker {
            broken,
            languages,
            indicators: &[],
            indicator_ids: HashMap::new(),
            scope_ids: ["tertiary"].into_iter().collect(),
            region_ids: HashSet::new(),
        }
    }

    #[test]
    fn texts_and_references_are_reported_in_both_languages() {
        let (broken, languages) = (crate::content::Broken::default(), vec!["zh".to_string(), "en".to_string()]);
        let checker = checker(&broken, &languages);
        let mut diags = Diagnostics::new();
        checker.text(&Text::plain("名称"), Path::new("a.yaml"), "name", &mut diags);
        checker.indicator("cmii", Path::new("a.yaml"), || Location::File, &mut diags);
        checker.scope("tertairy", Path::new("a.yaml"), || Location::File, &mut diags);
        let d: Vec<&Diagnostic> = diags.iter().collect();
        assert_eq!(d.len(), 3);
        assert_eq!(d[0].message.en(), "`name` has no English (en) text");
        assert_eq!(d[0].message.zh(), "`name` 缺少英文（en）文本");
        assert_eq!(
            d[0].hint.as_ref().map(|h| h.zh()).as_deref(),
            Some("请添加 `en: ...`；在此之前，网站显示中文（zh）文本，并注明尚未翻译")
        );
        assert_eq!(d[1].message.zh(), "未知的指标 `cmii`");
        assert!(d[1].hint.as_ref().is_some_and(|h| h.zh().contains("`content/indicators/`")));
        assert_eq!(d[2].message.en(), "unknown scope `tertairy`");
        assert_eq!(d[2].hint.as_ref().map(|h| h.zh()).as_deref(), Some("是不是 `tertiary`？"));
    }

    #[test]
    fn an_id_that_is_not_a_slug_names_what_it_is() {
        let d = slug_error(Path::new("a.yaml"), Location::File, &m::NOUN_SCOPE, "Tertiary Care");
        assert_eq!(d.message.en(), "`Tertiary Care` is not a valid scope id");
        assert_eq!(d.message.zh(), "`Tertiary Care` 不是有效的范围 id");
        assert!(d.hint.as_ref().is_some_and(|h| h.zh().ends_with("例如 `tertiary-care`")));
        assert_eq!(language_name("fr").zh(), " fr 语言");
    }
}

//! Themes: Tera templates, static assets and interface strings. The default theme is compiled
//! into the binary; a folder `themes/<name>/` in the site root overrides it file by file.
//! Writing each language's strings into the templates is `localize`'s job; what a theme may
//! rely on is in docs/themes.md.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::localize::{LocalizedTemplates, localize, new_tera};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::messages::{Entry, Message, render as m, ui_lang};
use crate::msg;

/// The default theme's files, embedded at compile time (path inside the theme, contents).
const EMBEDDED: &[(&str, &str)] = &[
    ("templates/base.html", include_str!("../../themes/default/templates/base.html")),
    ("templates/macros.html", include_str!("../../themes/default/templates/macros.html")),
    ("templates/home.html", include_str!("../../themes/default/templates/home.html")),
    ("templates/regions.html", include_str!("../../themes/default/templates/regions.html")),
    ("templates/region.html", include_str!("../../themes/default/templates/region.html")),
    ("templates/series.html", include_str!("../../themes/default/templates/series.html")),
    ("templates/indicator.html", include_str!("../../themes/default/templates/indicator.html")),
    ("templates/indicators.html", include_str!("../../themes/default/templates/indicators.html")),
    ("templates/tasks.html", include_str!("../../themes/default/templates/tasks.html")),
    ("templates/plan.html", include_str!("../../themes/default/templates/plan.html")),
    ("templates/page.html", include_str!("../../themes/default/templates/page.html")),
    ("templates/404.html", include_str!("../../themes/default/templates/404.html")),
    ("static/style.css", include_str!("../../themes/default/static/style.css")),
    ("static/site.js", include_str!("../../themes/default/static/site.js")),
    ("static/police.svg", include_str!("../../themes/default/static/police.svg")),
    ("static/badge.svg", include_str!("../../themes/default/static/badge.svg")),
    ("i18n/zh.yaml", include_str!("../../themes/default/i18n/zh.yaml")),
    ("i18n/en.yaml", include_str!("../../themes/default/i18n/en.yaml")),
];

/// A loaded theme.
pub struct Theme {
    /// The templates as written. Pages render with [`Theme::tera_for`] instead.
    pub tera: tera::Tera,
    /// Static assets, by path under `static/`.
    pub assets: BTreeMap<String, Vec<u8>>,
    /// Interface strings by language, then key.
    pub strings: BTreeMap<String, BTreeMap<String, String>>,
    /// Per site language: the templates with that language's interface strings written in.
    localized: BTreeMap<String, LocalizedTemplates>,
}

/// Where a theme file came from, for error messages: the site's copy, or the built-in theme
/// (named in the user's language).
fn origin(root: &Path, name: &str, rel: &str) -> PathBuf {
    let user = Path::new("themes").join(name).join(rel);
    if root.join(&user).is_file() { user } else { Path::new(m::THEME_BUILT_IN.text(ui_lang())).join(rel) }
}

impl Theme {
    /// Load theme `name`: the built-in files, overridden by `root/themes/<name>/`.
    pub fn load(root: &Path, name: &str, languages: &[String]) -> Result<Theme, Diagnostics> {
        let mut diags = Diagnostics::new();
        let mut files: BTreeMap<String, Vec<u8>> =
            EMBEDDED.iter().map(|(p, c)| (p.to_string(), c.as_bytes().to_vec())).collect();
        let dir = root.join("themes").join(name);
        if dir.is_dir() {
            collect(&dir, &dir, &mut files, &mut diags);
        } else if name != "default" {
            diags.push(
                Diagnostic::error(
                    "content/site.yaml",
                    Location::YamlPath("theme".into()),
                    msg!(m::THEME_FOLDER_MISSING, name = name),
                )
                .with_hint(msg!(m::THEME_FOLDER_MISSING_HINT)),
            );
            return Err(diags);
        }

        let mut templates = Vec::new();
        let mut assets = BTreeMap::new();
        let mut strings = BTreeMap::new();
        for (path, bytes) in files {
            if let Some(t) = path.strip_prefix("templates/") {
                match String::from_utf8(bytes) {
                    Ok(s) => templates.push((t.to_string(), s)),
                    Err(_) => diags.push(Diagnostic::error(
                        origin(root, name, &path),
                        Location::File,
                        msg!(m::THEME_TEMPLATE_NOT_UTF8),
                    )),
                }
            } else if let Some(a) = path.strip_prefix(crate::routes::ASSETS_DIR).and_then(|p| p.strip_prefix('/')) {
                // A theme's `static/` folder is published as the site's (`routes::asset`).
                assets.insert(a.to_string(), bytes);
            } else if let Some(lang) = path.strip_prefix("i18n/").and_then(|p| p.strip_suffix(".yaml")) {
                let file = origin(root, name, &path);
                let text = String::from_utf8_lossy(&bytes).into_owned();
                match crate::content::source::parse_yaml::<crate::content::de::UniqueMap<String>>(
                    &file,
                    &text,
                    &crate::messages::content::HOLDS_STRINGS,
                ) {
                    Ok(map) => {
                        strings.insert(lang.to_string(), map.0.into_iter().collect());
                    }
                    Err(d) => diags.push(d),
                }
            }
        }
        // Every language needs its strings; missing keys fall back to the first language's.
        let base = strings.get(&languages[0]).or_else(|| strings.get("en")).cloned().unwrap_or_default();
        for lang in languages {
            let entry = strings.entry(lang.clone()).or_insert_with(|| {
                diags.push(
                    Diagnostic::warning(
                        Path::new("themes").join(name).join("i18n"),
                        Location::File,
                        msg!(m::THEME_NO_STRINGS, lang = lang),
                    )
                    .with_hint(msg!(m::THEME_NO_STRINGS_HINT, lang = lang, first = &languages[0])),
                );
                BTreeMap::new()
            });
            for (k, v) in &base {
                entry.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }

        // The templates as written first, so that errors name their true lines.
        // The copies for each language are compiled meanwhile, and dropped if it has errors.
        let (tera, localized) = rayon::join(
            || {
                let mut tera = new_tera();
                tera.add_raw_templates(templates.iter().map(|(n, s)| (n.as_str(), s.as_str()))).map(|()| tera)
            },
            || localize(&templates, &strings, languages),
        );
        let tera = match tera {
            Ok(tera) => tera,
            Err(e) => {
                diags.push(template_error(root, name, &e));
                return Err(diags);
            }
        };
        if diags.has_errors() {
            return Err(diags);
        }
        Ok(Theme { tera, assets, strings, localized })
    }

    /// The templates to render the pages of language `lang` with: the interface strings of
    /// `lang` are written into them where that keeps the output the same.
    pub fn tera_for(&self, lang: &str) -> &tera::Tera {
        self.localized.get(lang).and_then(|l| l.tera.as_ref()).unwrap_or(&self.tera)
    }

    /// Whether the templates of [`Theme::tera_for`] still read the interface strings as `t`
    /// from the page's context (a key they lack, `t[...]`, `{% for t in ... %}`, ...).
    pub fn needs_strings(&self, lang: &str) -> bool {
        self.localized.get(lang).is_none_or(|l| l.needs_strings)
    }
}

fn collect(base: &Path, dir: &Path, files: &mut BTreeMap<String, Vec<u8>>, diags: &mut Diagnostics) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        if crate::content::is_ignored_file(&name) {
            continue;
        }
        let path = e.path();
        if path.is_dir() {
            collect(base, &path, files, diags);
        } else if let Ok(rel) = path.strip_prefix(base) {
            let rel = rel.to_string_lossy().replace('\\', "/");
            match std::fs::read(&path) {
                Ok(bytes) => {
                    files.insert(rel, bytes);
                }
                Err(err) => diags.push(Diagnostic::error(
                    Path::new("themes").join(rel),
                    Location::File,
                    msg!(m::THEME_CANNOT_READ, error = err),
                )),
            }
        }
    }
}

/// A context field that gongkai no longer gives the templates, and what replaced it: a theme
/// copied before the change still reads it.
struct Retired {
    /// The field's name (`cells` of `r.cells`).
    field: &'static str,
    /// The field that replaced it.
    replacement: &'static str,
    /// What the replacement is.
    what: &'static Entry,
    /// How to change a template that reads the field; placeholders `{old}` and `{new}` for the
    /// two as the template names them (`r.cells`, `r.cells_html`).
    fix: &'static Entry,
}

const RETIRED: &[Retired] =
    &[Retired { field: "cells", replacement: "cells_html", what: &m::RETIRED_CELLS_WHAT, fix: &m::RETIRED_CELLS_FIX }];

/// A Tera error as a diagnostic naming the template and, where Tera says it or a missing
/// variable can be found in the template, the line.
pub fn template_error(root: &Path, theme: &str, e: &tera::Error) -> Diagnostic {
    let mut chain = vec![e.to_string()];
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        chain.push(s.to_string());
        source = s.source();
    }
    let full = chain.join("\n");
    // Tera names the template in quotes: "Failed to parse 'region.html'" / "Failed to render 'x'".
    let template = full.split('\'').nth(1).unwrap_or("?").to_string();
    // Render errors name what is missing: "Variable `r.cells` not found in context while ...".
    let missing = full.split("Variable `").nth(1).and_then(|rest| rest.split('`').next()).filter(|v| !v.is_empty());
    // Parse errors carry "--> LINE:COL"; for a missing variable, its first use in the template.
    let position = full
        .split("--> ")
        .nth(1)
        .and_then(|rest| {
            let mut it = rest.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty());
            Some((it.next()?.parse().ok()?, it.next()?.parse().ok()?))
        })
        .or_else(|| find_variable(&template_source(root, theme, &template)?, missing?));
    let file = origin(root, theme, &format!("templates/{template}"));
    let location = match position {
        Some((line, column)) => Location::Position { line, column },
        None => Location::File,
    };
    let detail = chain
        .iter()
        .skip(1)
        .map(|s| s.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join(": ");
    // Tera's own account of the problem, as it says it.
    let detail = if detail.is_empty() { chain[0].clone() } else { detail };
    // A field that was replaced: say by what, and how to change the template.
    let retired = missing.and_then(|old| {
        let (var, field) = old.rsplit_once('.')?;
        RETIRED.iter().find(|r| r.field == field).map(|r| (old, format!("{var}.{}", r.replacement), r))
    });
    let (message, hint) = match retired {
        Some((old, new, r)) => (
            msg!(m::TEMPLATE_FIELD_RETIRED, template = &template, detail = detail, old = old, new = &new)
                .arg_message("what", Message::new(r.what)),
            Message::new(&m::TEMPLATE_FIELD_RETIRED_HINT)
                .arg_message("fix", Message::new(r.fix).arg("old", old).arg("new", &new)),
        ),
        None => (msg!(m::TEMPLATE_ERROR, template = &template, detail = detail), msg!(m::TEMPLATE_ERROR_HINT)),
    };
    Diagnostic::error(file, location, message).with_hint(hint)
}

/// The source of template `name` as the theme uses it: the site's copy, else the built-in one.
fn template_source(root: &Path, theme: &str, name: &str) -> Option<String> {
    let rel = format!("templates/{name}");
    match std::fs::read_to_string(root.join("themes").join(theme).join(&rel)) {
        Ok(source) => Some(source),
        Err(_) => EMBEDDED.iter().find(|(p, _)| *p == rel).map(|(_, s)| s.to_string()),
    }
}

/// The line and column (from 1) of the first use of variable `name` (`r.cells`) inside a Tera
/// tag of `source`: not in a comment, not part of a longer name (`r.cells_html`, `br.cells`).
fn find_variable(source: &str, name: &str) -> Option<(usize, usize)> {
    let is_name = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
    let at = source.match_indices(name).map(|(i, _)| i).find(|&i| {
        let before = &source[..i];
        let whole = !before.ends_with(is_name) && !source[i + name.len()..].starts_with(is_name);
        // Inside a tag: the last opening `{{` or `{%` before it is after the last closing one,
        // and not in a comment.
        let open = before.rfind("{{").max(before.rfind("{%"));
        let close = before.rfind("}}").max(before.rfind("%}"));
        let comment = before.rfind("{#") > before.rfind("#}");
        whole && open.is_some() && open > close && !comment
    })?;
    let before = &source[..at];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |n| n + 1)..].chars().count() + 1;
    Some((line, column))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_theme_no_longer_reads_t() {
        let languages = vec!["zh".to_string(), "en".to_string()];
        let theme = Theme::load(Path::new("/nonexistent"), "default", &languages).expect("loads");
        for lang in &languages {
            assert!(!theme.needs_strings(lang), "{lang}");
            assert!(!std::ptr::eq(theme.tera_for(lang), &theme.tera), "{lang}");
        }
    }

    #[test]
    fn a_missing_variable_is_found_in_tags_only_as_a_whole_name() {
        let source = "r.cells {# {{ r.cells }} #}\n{{ r.cells_html }} {{ br.cells }}\n  {% for c in r.cells %}";
        assert_eq!(find_variable(source, "r.cells"), Some((3, 15)));
        assert_eq!(find_variable("{{ r.cells_html }} r.cells", "r.cells"), None);
    }

    #[test]
    fn a_retired_field_is_named_with_its_replacement() {
        let mut tera = new_tera();
        tera.add_raw_template(
            "series.html",
            "<table>\n{% for r in rows %}{% for c in r.cells %}{{ c }}{% endfor %}{% endfor %}",
        )
        .expect("parses");
        let mut context = tera::Context::new();
        context.insert("rows", &[BTreeMap::from([("cells_html", "<td></td>")])]);
        let e = tera.render("series.html", &context).expect_err("r.cells is missing");
        let d = template_error(Path::new("/nonexistent"), "default", &e);
        assert!(d.message.contains("`r.cells` was replaced by `r.cells_html`"), "{}", d.message);
        assert!(
            d.hint.as_ref().map(|h| h.en()).as_deref().is_some_and(|h| h.contains("docs/themes.md")),
            "{:?}",
            d.hint
        );
        // The built-in series.html does not read `r.cells`: no line to point at.
        assert_eq!(d.location, Location::File);
        // In Chinese, the same explanation and the loop to write instead.
        assert!(d.message.zh().contains("`r.cells` 已改为 `r.cells_html`，即数据表中一行"), "{}", d.message.zh());
        assert!(
            d.hint.as_ref().is_some_and(|h| h.zh().starts_with(
                "请把循环 `{% for c in r.cells %}…{% endfor %}` 改为 `{{ r.cells_html | safe }}`（gongkai 的"
            )),
            "{:?}",
            d.hint.as_ref().map(|h| h.zh())
        );
    }

    #[test]
    fn a_missing_theme_folder_is_named_in_either_language() {
        let languages = vec!["zh".to_string(), "en".to_string()];
        let Err(diags) = Theme::load(Path::new("/nonexistent"), "blue", &languages) else { panic!("no theme blue") };
        let d = diags.iter().next().expect("one problem");
        assert_eq!(d.message.en(), "there is no theme folder themes/blue");
        assert_eq!(d.message.zh(), "没有主题文件夹 themes/blue");
        assert!(d.hint.as_ref().is_some_and(|h| h.zh().ends_with("或改写为 `theme: default`")));
    }
}

//! Building the validated [`Site`] from raw content: every check that needs more than one file.

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;

use super::check::{Checker, language_name, markdown, slug_error};
use super::config::site_config;
use super::region::build_region;
use super::*;
use crate::content::{Commentary, RawContent};
use crate::diagnostics::{Diagnostic, Diagnostics, Location, suggest};
use crate::messages::{Message, model as m};
use crate::msg;

/// Validate and cross-reference everything. Returns the site only when there is no error.
pub fn build(mut raw: RawContent) -> (Option<Site>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let config = site_config(raw.site.as_ref().map(|s| (&s.file, &s.value)), &mut diags);
    let languages = config.languages.clone();
    let text_checker = Checker {
        broken: &raw.broken,
        languages: &languages,
        indicators: &[],
        indicator_ids: HashMap::new(),
        scope_ids: HashSet::new(),
        region_ids: HashSet::new(),
    };
    if let Some(site) = &raw.site {
        text_checker.text(&site.value.title, &site.file, "title", &mut diags);
        text_checker.opt_text(&site.value.description, &site.file, "description", &mut diags);
        if let Some(p) = &site.value.publisher {
            text_checker.text(&p.name, &site.file, "publisher.name", &mut diags);
            text_checker.opt_text(&p.address, &site.file, "publisher.address", &mut diags);
        }
        for (i, line) in site.value.footer.iter().flatten().enumerate() {
            text_checker.text(line, &site.file, &format!("footer[{i}]"), &mut diags);
        }
    }

    // Categories and scopes.
    let mut categories = Vec::new();
    if let Some(file) = &raw.categories {
        for (i, (id, c)) in file.value.0.iter().enumerate() {
            if !is_slug(id) {
                diags.push(slug_error(&file.file, Location::YamlPath(id.clone()), &m::NOUN_CATEGORY, id));
            }
            text_checker.text(&c.name, &file.file, &format!("{id}.name"), &mut diags);
            text_checker.opt_text(&c.description, &file.file, &format!("{id}.description"), &mut diags);
            categories.push(Category {
                id: id.clone(),
                name: c.name.clone(),
                order: c.order.unwrap_or(i as i64),
                description: c.description.clone(),
            });
        }
    }
    categories.sort_by(|a, b| (a.order, &a.id).cmp(&(b.order, &b.id)));
    let mut scopes = Vec::new();
    if let Some(file) = &raw.scopes {
        for (i, (id, s)) in file.value.0.iter().enumerate() {
            if !is_slug(id) {
                diags.push(slug_error(&file.file, Location::YamlPath(id.clone()), &m::NOUN_SCOPE, id));
            }
            text_checker.text(&s.name, &file.file, &format!("{id}.name"), &mut diags);
            scopes.push(Scope {
                id: id.clone(),
                name: s.name.clone(),
                order: s.order.unwrap_or(i as i64),
                description: s.description.clone(),
            });
        }
    }
    scopes.sort_by(|a, b| (a.order, &a.id).cmp(&(b.order, &b.id)));

    // Indicators.
    let category_order: HashMap<&str, i64> = categories.iter().map(|c| (c.id.as_str(), c.order)).collect();
    let mut indicators: Vec<Indicator> =
        raw.indicators.iter().filter_map(|l| build_indicator(l, &category_order, &text_checker, &mut diags)).collect();
    indicators.sort_by(|a, b| {
        let ka = (category_order.get(a.category.as_str()).copied().unwrap_or(i64::MAX), &a.id);
        ka.cmp(&(category_order.get(b.category.as_str()).copied().unwrap_or(i64::MAX), &b.id))
    });
    let indicator_ids: HashMap<String, usize> =
        indicators.iter().enumerate().map(|(i, ind)| (ind.id.clone(), i)).collect();
    super::check::aliases_unique(&indicators, &mut diags);
    for c in &raw.indicator_commentary {
        if !text_checker.commentary_language(c, &mut diags) {
            continue;
        }
        match indicator_ids.get(&c.stem) {
            Some(&i) => {
                let md = markdown(c, &mut diags);
                indicators[i].commentary.insert(c.lang.clone(), md);
            }
            None if raw.broken.indicators.contains(&c.stem) => {}
            None => {
                let hint = suggest(&c.stem, indicator_ids.keys().map(String::as_str))
                    .unwrap_or_else(|| msg!(m::INDICATOR_COMMENTARY_NAME_HINT));
                diags.push(
                    Diagnostic::error(&c.file, Location::File, msg!(m::COMMENTARY_UNKNOWN_INDICATOR, id = &c.stem))
                        .with_hint(hint),
                );
            }
        }
    }

    // Regions: each one's content is dropped as soon as it is built (a national site's
    // observations as written are half a gigabyte; built, a third of that).
    let raw_regions = std::mem::take(&mut raw.regions);
    let region_ids: HashSet<String> = raw_regions.iter().filter(|r| r.region.is_some()).map(|r| r.id.clone()).collect();
    let checker = Checker {
        broken: &raw.broken,
        languages: &languages,
        indicators: &indicators,
        indicator_ids: indicator_ids.iter().map(|(k, v)| (k.as_str(), *v)).collect(),
        scope_ids: scopes.iter().map(|s| s.id.as_str()).collect(),
        region_ids: region_ids.iter().map(String::as_str).collect(),
    };
    let built: Vec<(Option<Region>, Diagnostics)> =
        raw_regions.into_par_iter().map(|r| build_region(&r, &checker)).collect();
    let mut regions = Vec::new();
    for (r, d) in built {
        diags.extend(d);
        regions.extend(r);
    }
    let regions = order_regions(regions, &mut diags);

    let pages = pages(&raw.pages, &text_checker, &mut diags);

    let mut config = config;
    match (config.as_of_from, config.updated) {
        (AsOfSource::Updated, Some(d)) => config.progress.as_of = d.year,
        (AsOfSource::LatestData, _) => config.progress.as_of = latest_data_year(&regions),
        _ => {}
    }

    // The raw content of a national site takes a third of a second to free, on one thread;
    // the cores have pages to render meanwhile.
    rayon::spawn(move || drop(raw));
    if diags.has_errors() {
        return (None, diags);
    }
    let index = Lookup {
        indicators: indicator_ids,
        regions: regions.iter().enumerate().map(|(i, r)| (r.id.clone(), i)).collect(),
        scopes: scopes.iter().enumerate().map(|(i, s)| (s.id.clone(), i)).collect(),
        categories: categories.iter().enumerate().map(|(i, c)| (c.id.clone(), i)).collect(),
    };
    (Some(Site { config, categories, scopes, indicators, regions, pages, index }), diags)
}

/// The reporting year when site.yaml sets neither `progress.as_of` nor `updated`: the latest
/// year any of `regions` has data for, or 2024 when none has.
pub(super) fn latest_data_year<'a>(regions: impl IntoIterator<Item = &'a Region>) -> i32 {
    regions
        .into_iter()
        .flat_map(|r| &r.series)
        .filter_map(|s| s.latest())
        .map(|o| o.period.year())
        .max()
        .unwrap_or(2024)
}

/// Check one indicator file and build the indicator (without its commentary).
fn build_indicator(
    l: &crate::content::Loaded<crate::content::raw::RawIndicator>,
    categories: &HashMap<&str, i64>,
    checker: &Checker,
    diags: &mut Diagnostics,
) -> Option<Indicator> {
    let (file, r) = (&l.file, &l.value);
    let at = |p: &str| Location::YamlPath(p.to_string());
    if !is_slug(&l.id) {
        let hint = Message::new(&m::HINT_RENAME_FILE).arg_message("hint", slug_hint(&l.id));
        diags.push(slug_error(file, Location::File, &m::NOUN_INDICATOR, &l.id).with_hint(hint));
    }
    // A region's indicator pages sit beside its own folders (`tasks`, and those reserved for
    // the next features).
    if crate::routes::RESERVED_IN_REGION.contains(&l.id.as_str()) {
        diags.push(Diagnostic::error(file, Location::File, msg!(m::RESERVED_INDICATOR_ID, id = &l.id)).with_hint(
            msg!(m::RESERVED_INDICATOR_ID_HINT, id = &l.id, reserved = crate::routes::RESERVED_IN_REGION.join(", ")),
        ));
    }
    checker.text(&r.name, file, "name", diags);
    checker.opt_text(&r.short_name, file, "short_name", diags);
    checker.opt_text(&r.description, file, "description", diags);
    checker.opt_text(&r.formula, file, "formula", diags);
    checker.opt_text(&r.source, file, "source", diags);
    if !categories.contains_key(r.category.as_str()) && !checker.broken.categories {
        let hint = suggest(&r.category, categories.keys().copied()).unwrap_or_else(|| msg!(m::UNKNOWN_CATEGORY_HINT));
        diags
            .push(Diagnostic::error(file, at("category"), msg!(m::UNKNOWN_CATEGORY, id = &r.category)).with_hint(hint));
    }
    let unit = match &r.unit {
        None => Unit::None,
        Some(t)
            if t.0.len() == 1
                && t.0.contains_key(crate::content::de::PLAIN_TEXT_LANGUAGE)
                && t.0.values().all(|v| v.is_ascii()) =>
        {
            let key = t.0.values().next().map(String::as_str).unwrap_or("");
            Unit::builtin(key).unwrap_or_else(|| {
                let keys = units::BUILTIN.iter().map(|u| u.0);
                let hint = suggest(key, keys).unwrap_or_else(|| {
                    let units = units::BUILTIN.iter().map(|u| u.0).collect::<Vec<_>>().join(", ");
                    msg!(m::UNKNOWN_UNIT_HINT, units = units)
                });
                diags.push(Diagnostic::error(file, at("unit"), msg!(m::UNKNOWN_UNIT, unit = key)).with_hint(hint));
                Unit::None
            })
        }
        Some(t) => {
            checker.text(t, file, "unit", diags);
            Unit::Custom(t.clone())
        }
    };
    let decimals = r.decimals.unwrap_or(if r.kind == crate::vocab::Kind::Quantitative { 1 } else { 0 });
    if decimals > 6 {
        diags.push(
            Diagnostic::error(file, at("decimals"), msg!(m::TOO_MANY_DECIMALS, decimals = decimals))
                .with_hint(msg!(m::TOO_MANY_DECIMALS_HINT)),
        );
    }
    Some(Indicator {
        id: l.id.clone(),
        file: file.clone(),
        name: r.name.clone(),
        short_name: r.short_name.clone(),
        aliases: r.aliases.iter().map(|a| a.trim().to_string()).filter(|a| !a.is_empty()).collect(),
        category: r.category.clone(),
        kind: r.kind,
        unit,
        decimals: decimals.min(6),
        direction: r.direction,
        description: r.description.clone(),
        formula: r.formula.clone(),
        source: r.source.clone(),
        frequency: r.frequency.unwrap_or(crate::vocab::Frequency::Yearly),
        commentary: BTreeMap::new(),
    })
}

/// Check parents (unknown, cycles) and put regions in tree order with depths and children.
fn order_regions(regions: Vec<Region>, diags: &mut Diagnostics) -> Vec<Region> {
    let ids: HashMap<String, usize> = regions.iter().enumerate().map(|(i, r)| (r.id.clone(), i)).collect();
    let mut cyclic = vec![false; regions.len()];
    for (i, r) in regions.iter().enumerate() {
        let mut seen = vec![r.id.as_str()];
        let mut cur = r.parent.as_deref();
        while let Some(p) = cur {
            let Some(&j) = ids.get(p) else { break };
            if j == i {
                seen.push(p);
                cyclic[i] = true;
                // A region that is its own parent has its own error already.
                let own_parent = seen.len() == 2;
                if !own_parent && seen.iter().skip(1).all(|id| r.id.as_str() <= *id) {
                    diags.push(
                        Diagnostic::error(
                            r.dir.join("region.yaml"),
                            Location::YamlPath("parent".into()),
                            msg!(m::PARENT_CYCLE, cycle = seen.join(" → ")),
                        )
                        .with_hint(msg!(m::PARENT_CYCLE_HINT)),
                    );
                }
                break;
            }
            if seen.len() > regions.len() {
                break;
            }
            seen.push(p);
            cur = regions[j].parent.as_deref();
        }
    }
    let mut children: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut roots = Vec::new();
    for (i, r) in regions.iter().enumerate() {
        match r.parent.as_deref().filter(|p| ids.contains_key(*p)) {
            Some(p) if !cyclic[i] => children.entry(p).or_default().push(i),
            _ => roots.push(i),
        }
    }
    let mut order: Vec<(usize, usize)> = Vec::with_capacity(regions.len());
    let mut stack: Vec<(usize, usize)> = roots.into_iter().rev().map(|i| (i, 0)).collect();
    stack.sort_by(|a, b| regions[b.0].id.cmp(&regions[a.0].id));
    while let Some((i, depth)) = stack.pop() {
        order.push((i, depth));
        if let Some(kids) = children.get(regions[i].id.as_str()) {
            let mut kids = kids.clone();
            kids.sort_by(|a, b| regions[*b].id.cmp(&regions[*a].id));
            stack.extend(kids.into_iter().map(|k| (k, depth + 1)));
        }
    }
    let kids_of: HashMap<String, Vec<String>> = children
        .iter()
        .map(|(p, ks)| {
            let mut names: Vec<String> = ks.iter().map(|&k| regions[k].id.clone()).collect();
            names.sort();
            (p.to_string(), names)
        })
        .collect();
    let mut slots: Vec<Option<Region>> = regions.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|(i, depth)| {
            let mut r = slots[i].take()?;
            r.depth = depth;
            r.children = kids_of.get(&r.id).cloned().unwrap_or_default();
            Some(r)
        })
        .collect()
}

fn pages(raw: &[Commentary], checker: &Checker, diags: &mut Diagnostics) -> Vec<Page> {
    let mut by_slug: BTreeMap<String, Page> = BTreeMap::new();
    for c in raw {
        if !checker.commentary_language(c, diags) {
            continue;
        }
        if !is_slug(&c.stem) {
            diags.push(slug_error(&c.file, Location::File, &m::NOUN_PAGE, &c.stem));
            continue;
        }
        // Free pages sit beside the site's own folders and the language folders.
        if crate::routes::RESERVED_TOP.contains(&c.stem.as_str()) || checker.languages.contains(&c.stem) {
            diags.push(
                Diagnostic::error(&c.file, Location::File, msg!(m::RESERVED_PAGE_NAME, slug = &c.stem))
                    .with_hint(msg!(m::RESERVED_PAGE_NAME_HINT, slug = &c.stem)),
            );
            continue;
        }
        let md = markdown(c, diags);
        let page = by_slug.entry(c.stem.clone()).or_insert_with(|| Page {
            slug: c.stem.clone(),
            order: i64::MAX,
            versions: BTreeMap::new(),
        });
        page.order = page.order.min(c.md.front.order.unwrap_or(i64::MAX));
        page.versions.insert(c.lang.clone(), md);
    }
    let mut pages: Vec<Page> = by_slug.into_values().collect();
    pages.sort_by(|a, b| (a.order, &a.slug).cmp(&(b.order, &b.slug)));
    for p in &pages {
        for lang in checker.languages {
            if !p.versions.contains_key(lang) {
                let file = p.versions.values().next().map(|m| m.file.clone()).unwrap_or_default();
                let message =
                    msg!(m::PAGE_MISSING_LANGUAGE, slug = &p.slug).arg_message("language", language_name(lang));
                diags.push(Diagnostic::warning(&file, Location::File, message).with_hint(msg!(
                    m::PAGE_MISSING_LANGUAGE_HINT,
                    slug = &p.slug,
                    lang = lang
                )));
            }
        }
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::raw::{RawProgress, RawSite};

    #[test]
    fn site_settings_are_reported_in_both_languages() {
        let raw = RawSite {
            title: Text::plain("网站"),
            description: None,
            base_url: Some("wjw.example.gov.cn".into()),
            languages: Some(vec!["zh".into(), "EN".into(), "en".into()]),
            progress: Some(RawProgress {
                as_of: Some(crate::content::de::ScalarString("24".into())),
                on_track: Some(0.5),
                needs_acceleration: Some(0.6),
                approx_tolerance: None,
            }),
            ..RawSite::default()
        };
        let mut diags = Diagnostics::new();
        site_config(Some((&PathBuf::from("content/site.yaml"), &raw)), &mut diags);
        let found: Vec<(String, String, Option<String>)> =
            diags.iter().map(|d| (d.message.en(), d.message.zh(), d.hint.as_ref().map(|h| h.zh()))).collect();
        let expected = [
            ("`EN` is not a language code", "`EN` 不是语言代码", Some("语言代码用小写字母，请写 `en`")),
            ("the language `en` is listed twice", "语言 `en` 列了两次", None),
            ("`wjw.example.gov.cn` is not a web address or path", "`wjw.example.gov.cn` 不是网址或路径", None),
            ("`24` is not a year", "`24` 不是年份", Some("请写完整的四位年份，例如 2024")),
            (
                "thresholds on_track 0.5 and needs_acceleration 0.6 are not in order",
                "阈值 `on_track`（0.5）和 `needs_acceleration`（0.6）的大小顺序不对",
                None,
            ),
        ];
        assert_eq!(found.len(), expected.len(), "{found:?}");
        for ((en, zh, hint), (e_en, e_zh, e_hint)) in found.iter().zip(expected) {
            assert_eq!((en.as_str(), zh.as_str()), (e_en, e_zh));
            if let Some(h) = e_hint {
                assert_eq!(hint.as_deref(), Some(h));
            }
        }
    }

    /// `progress.as_of` may be a day: the year is its year, and the day is kept; `updated`
    /// (shown on no page) is only its default.
    #[test]
    fn as_of_is_a_year_or_a_day() {
        let site = |as_of: Option<&str>, updated: Option<&str>| RawSite {
            title: Text::plain("网站"),
            updated: updated.map(|u| crate::content::de::ScalarString(u.into())),
            progress: Some(RawProgress {
                as_of: as_of.map(|a| crate::content::de::ScalarString(a.into())),
                ..RawProgress::default()
            }),
            ..RawSite::default()
        };
        let file = PathBuf::from("content/site.yaml");
        let config = |raw: &RawSite| {
            let mut diags = Diagnostics::new();
            let c = site_config(Some((&file, raw)), &mut diags);
            assert!(diags.is_empty(), "{diags}");
            c
        };
        let day = config(&site(Some("2025-03-31"), None));
        assert_eq!((day.progress.as_of, day.as_of_date.map(|d| d.to_string())), (2025, Some("2025-03-31".into())));
        let year = config(&site(Some("2024"), Some("2025-01-15")));
        assert_eq!((year.progress.as_of, year.as_of_date), (2024, None));
        let by_updated = config(&site(None, Some("2025-01-15")));
        assert_eq!(by_updated.as_of_date.map(|d| d.to_string()), Some("2025-01-15".into()));
    }
}

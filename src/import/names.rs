//! A spreadsheet's words matched to the site's ids: an indicator by its id, Chinese or English
//! name, short name or an alias; a region by its id or name (朝阳区, or 北京市朝阳区 with its
//! parent's name before it); a scope by its id or name. Matching ignores case, spaces and
//! full-width forms, and a unit in brackets after a name (`平均住院日（天）`).

use std::collections::HashMap;

use crate::model::Site;

/// What a word matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match {
    One(String),
    /// Several regions of this name: their ids.
    Several(Vec<String>),
    None,
}

/// The site's names, ready for matching.
pub struct Names {
    indicators: HashMap<String, Vec<String>>,
    regions: HashMap<String, Vec<String>>,
    scopes: HashMap<String, Vec<String>>,
    /// Every indicator's and region's shown name, for "did you mean".
    pub indicator_words: Vec<String>,
    pub region_words: Vec<String>,
    pub scope_words: Vec<String>,
}

/// A word as matched: half-width, no spaces, lower case (the model's rule, under which aliases
/// are unique).
pub fn key(s: &str) -> String {
    crate::model::name_key(s)
}

/// The word without a bracketed part at its end: `平均住院日(天)` → `平均住院日`.
fn without_unit(k: &str) -> Option<&str> {
    let k = k.strip_suffix(')')?;
    let open = k.rfind('(')?;
    Some(&k[..open]).filter(|s| !s.is_empty())
}

fn add(map: &mut HashMap<String, Vec<String>>, word: &str, id: &str) {
    let k = key(word);
    if k.is_empty() {
        return;
    }
    let ids = map.entry(k).or_default();
    if !ids.iter().any(|i| i == id) {
        ids.push(id.to_string());
    }
}

fn find(map: &HashMap<String, Vec<String>>, word: &str) -> Match {
    let k = key(word);
    let hit = map.get(&k).or_else(|| without_unit(&k).and_then(|w| map.get(w)));
    match hit.map(Vec::as_slice) {
        Some([one]) => Match::One(one.clone()),
        Some(many) if !many.is_empty() => Match::Several(many.to_vec()),
        _ => Match::None,
    }
}

impl Names {
    pub fn new(site: &Site) -> Names {
        let mut n = Names {
            indicators: HashMap::new(),
            regions: HashMap::new(),
            scopes: HashMap::new(),
            indicator_words: Vec::new(),
            region_words: Vec::new(),
            scope_words: Vec::new(),
        };
        for i in &site.indicators {
            add(&mut n.indicators, &i.id, &i.id);
            for t in i.name.0.values().chain(i.short_name.iter().flat_map(|s| s.0.values())) {
                add(&mut n.indicators, t, &i.id);
            }
            for a in &i.aliases {
                add(&mut n.indicators, a, &i.id);
            }
            n.indicator_words.extend(i.name.get("zh").map(str::to_string));
            n.indicator_words.push(i.id.clone());
        }
        for r in &site.regions {
            add(&mut n.regions, &r.id, &r.id);
            for t in r.name.0.values() {
                add(&mut n.regions, t, &r.id);
                if let Some(parent) = r.parent.as_deref().and_then(|p| site.region(p)) {
                    for pt in parent.name.0.values() {
                        add(&mut n.regions, &format!("{pt}{t}"), &r.id);
                    }
                }
            }
            n.region_words.extend(r.name.get("zh").map(str::to_string));
            n.region_words.push(r.id.clone());
        }
        for s in &site.scopes {
            add(&mut n.scopes, &s.id, &s.id);
            for t in s.name.0.values() {
                add(&mut n.scopes, t, &s.id);
            }
            n.scope_words.extend(s.name.get("zh").map(str::to_string));
            n.scope_words.push(s.id.clone());
        }
        n
    }

    pub fn indicator(&self, word: &str) -> Match {
        find(&self.indicators, word)
    }

    pub fn region(&self, word: &str) -> Match {
        find(&self.regions, word)
    }

    pub fn scope(&self, word: &str) -> Match {
        find(&self.scopes, word)
    }
}

//! The starter site of `gongkai init`, parsed in memory, for fuzz targets to put one fuzzed
//! file into and run the model's checks over.

use std::path::{Path, PathBuf};

use gongkai::content::raw::*;
use gongkai::content::source::parse_yaml;
use gongkai::content::{Loaded, RawContent, RawRegionDir};

fn starter(path: &str) -> &'static str {
    gongkai::init::STARTER.iter().find(|(p, _)| *p == path).map(|(_, t)| *t).unwrap_or("")
}

fn loaded<T: serde::de::DeserializeOwned>(id: &str, path: &str) -> Option<Loaded<T>> {
    let value = parse_yaml(Path::new(path), starter(path), "x").ok()?;
    Some(Loaded { id: id.into(), file: PathBuf::from(path), value })
}

/// The starter content with one region folder, `demo-city`, whose parts the caller replaces.
pub fn base() -> RawContent {
    let mut raw = RawContent::default();
    raw.site = loaded::<RawSite>("site", "content/site.yaml");
    raw.categories = loaded::<RawCategories>("categories", "content/categories.yaml");
    raw.scopes = loaded::<RawScopes>("scopes", "content/scopes.yaml");
    for id in ["cmi", "average-length-of-stay"] {
        raw.indicators.extend(loaded::<RawIndicator>(id, &format!("content/indicators/{id}.yaml")));
    }
    let mut region =
        RawRegionDir { id: "demo-city".into(), dir: "content/regions/demo-city".into(), ..Default::default() };
    region.region = loaded::<RawRegion>("demo-city", "content/regions/demo-city/region.yaml");
    raw.regions.push(region);
    raw
}

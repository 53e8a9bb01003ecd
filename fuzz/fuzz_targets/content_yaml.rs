//! Any bytes as a region's region.yaml, data.yaml or tasks.yaml: the loader and the model's
//! checks must return a result or diagnostics, never panic, and locate every diagnostic.
#![no_main]

use std::path::Path;

use gongkai::content::raw::{RawDataEntry, RawRegion, RawTask};
use gongkai::content::source::parse_yaml;
use gongkai::content::spans::SpanIndex;
use libfuzzer_sys::fuzz_target;

#[path = "base.rs"]
mod base;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let index = SpanIndex::new(text);
    let _ = index.locate("targets[0].indicator@key");
    let mut raw = base::base();
    let file = Path::new("content/regions/demo-city/region.yaml");
    match data.first().map(|b| b % 3) {
        Some(0) => {
            if let Ok(region) = parse_yaml::<RawRegion>(file, text, "a region") {
                raw.regions[0].region.as_mut().map(|l| l.value = region);
            }
        }
        Some(1) => {
            if let Ok(tasks) = parse_yaml::<Vec<RawTask>>(Path::new("tasks.yaml"), text, "tasks") {
                raw.regions[0].tasks = tasks;
                raw.regions[0].tasks_file = Some("content/regions/demo-city/tasks.yaml".into());
            }
        }
        _ => {
            let _ = parse_yaml::<Vec<RawDataEntry>>(Path::new("data.yaml"), text, "data");
        }
    }
    let (site, diags) = gongkai::model::build(raw);
    for d in diags.iter() {
        assert!(!d.message.is_empty());
        let _ = d.to_string();
    }
    if let Some(site) = site {
        let _ = gongkai::assess::evaluate(&site);
    }
});

//! Any bytes as data.csv: parsed and checked against the starter site without a panic.
#![no_main]

use std::path::Path;

use gongkai::content::csv::parse_csv;
use gongkai::diagnostics::Diagnostics;
use libfuzzer_sys::fuzz_target;

#[path = "base.rs"]
mod base;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut raw = base::base();
    let mut diags = Diagnostics::new();
    parse_csv(Path::new("content/regions/demo-city/data.csv"), &text, &mut raw.regions[0].data, &mut diags);
    let (site, more) = gongkai::model::build(raw);
    let _ = more.to_string();
    if let Some(site) = site {
        let evals = gongkai::assess::evaluate(&site);
        assert_eq!(evals.regions.len(), site.regions.len());
    }
});

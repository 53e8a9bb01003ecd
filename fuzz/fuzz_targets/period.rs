//! Periods, dates and deadlines: never a panic, and what parses prints back the same.
#![no_main]

use gongkai::model::{Date, Period};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    if let Some(p) = Period::parse(s) {
        assert_eq!(Period::parse(&p.to_string()), Some(p), "{s:?}");
        assert!(p.end().is_finite());
        let _ = p.next();
    }
    if let Some(d) = Date::parse(s) {
        assert_eq!(Date::parse(&d.to_string()), Some(d), "{s:?}");
    }
    let _ = gongkai::model::parse_deadline(s);
});

//! A generated site at a tenth of national scale (321 regions, as `cargo bench --bench national`
//! makes it): the pages that would list every region stay bounded, and the units a preview
//! renders on demand hold the files a full render makes.

#[path = "../benches/national/generate.rs"]
#[allow(dead_code)]
mod generate;

use gongkai::build::BuiltSite;
use gongkai::render::Part;
use gongkai::render::inventory::part_of;

fn tenth() -> (tempfile::TempDir, BuiltSite) {
    let dir = tempfile::tempdir().unwrap();
    generate::generate(dir.path(), 0.1, 42);
    let (prepared, _) = BuiltSite::load(dir.path()).unwrap_or_else(|d| panic!("{d}"));
    (dir, prepared)
}

/// The sum of the numbers that open the text of each element starting with `marker`
/// ("12 more plans…", "9 subordinate regions").
fn counted_after(html: &str, marker: &str) -> usize {
    html.split(marker)
        .skip(1)
        .map(|s| {
            let text = &s[s.find('>').unwrap() + 1..];
            text.split(' ').next().unwrap().parse::<usize>().unwrap()
        })
        .sum()
}

#[test]
fn the_home_page_lists_top_level_plans_and_counts_the_rest() {
    let (dir, p) = tenth();
    let files = p.render_part(dir.path(), Part::Home).unwrap_or_else(|d| panic!("{d}"));
    let home = files.iter().find(|f| f.path == "en/index.html").expect("the English home page");
    let html = String::from_utf8(home.bytes.clone()).unwrap();
    let top: Vec<_> = p.site.regions.iter().filter(|r| r.depth == 0).collect();
    assert_eq!(html.matches("class=\"card\"").count(), top.len(), "one card per top-level region");
    // Every other plan is counted under its top-level region.
    let below = counted_after(&html, "<p class=\"more\">");
    assert_eq!(below + top.len(), p.site.regions.iter().filter(|r| r.plan.is_some()).count());
    assert!(html.contains("only the top-level regions"));
    assert!(home.bytes.len() < 100_000, "the home page stays small: {} bytes", home.bytes.len());
}

#[test]
fn the_list_of_regions_shows_two_levels_and_counts_the_rest() {
    let (dir, p) = tenth();
    let files = p.render_part(dir.path(), Part::Front).unwrap_or_else(|d| panic!("{d}"));
    let page = files.iter().find(|f| f.path == "en/regions/index.html").expect("the English list of regions");
    let html = String::from_utf8(page.bytes.clone()).unwrap();
    let shown = p.site.regions.iter().filter(|r| r.depth <= 1).count();
    assert_eq!(html.matches("<li class=\"depth-").count(), shown, "provinces and prefectures only");
    assert!(!html.contains("depth-2"));
    // Every region below is counted under the prefecture (or province) it is in.
    let counted = counted_after(&html, "<a class=\"more\"");
    assert_eq!(counted + shown, p.site.regions.len());
    assert!(html.contains("only the top two levels"));
    assert!(page.bytes.len() < 100_000, "the list stays small: {} bytes", page.bytes.len());
}

#[test]
fn each_file_belongs_to_the_unit_that_renders_it() {
    let (dir, p) = tenth();
    let root = dir.path();
    let county = p.site.regions.iter().position(|r| r.depth == 2).expect("a county");
    let ind = &p.site.indicators[3].id;
    let id = &p.site.regions[county].id;
    for path in [
        format!("regions/{id}/index.html"),
        format!("en/regions/{id}/{ind}/index.html"),
        format!("data/regions/{id}.csv"),
    ] {
        assert_eq!(part_of(&p.site, &path), Some(Part::Region(county)), "{path}");
    }
    assert_eq!(part_of(&p.site, &format!("en/indicators/{ind}/index.html")), Some(Part::Indicator(3)));
    assert_eq!(part_of(&p.site, "regions/no-such-region/index.html"), None);
    let files = p.render_part(root, Part::Region(county)).unwrap_or_else(|d| panic!("{d}"));
    let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    assert!(names.contains(&format!("en/regions/{id}/{ind}/index.html").as_str()));
    assert!(names.contains(&format!("data/regions/{id}.csv").as_str()));
    assert!(names.iter().all(|n| n.contains(id.as_str())), "only the region's own files: {names:?}");
}

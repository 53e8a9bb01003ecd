//! One region against a site already built: `serve`'s in-place update of a region whose files
//! changed ([`replace_region`]), and `import`'s check of the regions it would write
//! ([`RegionChecks`]), each with the same checks as the whole build.

use super::build::latest_data_year;
use super::check::Checker;
use super::region::build_region;
use super::*;
use crate::diagnostics::Diagnostics;
use crate::messages::{Message, model as m};
use crate::msg;

/// No file is broken: the site was built without errors.
static NOTHING_BROKEN: std::sync::LazyLock<crate::content::Broken> = std::sync::LazyLock::new(Default::default);

/// What the checks of one region need to know of the built site.
fn checker(site: &Site) -> Checker<'_> {
    Checker {
        broken: &NOTHING_BROKEN,
        languages: &site.config.languages,
        indicators: &site.indicators,
        indicator_ids: site.indicators.iter().enumerate().map(|(i, ind)| (ind.id.as_str(), i)).collect(),
        scope_ids: site.scopes.iter().map(|s| s.id.as_str()).collect(),
        region_ids: site.regions.iter().map(|r| r.id.as_str()).collect(),
    }
}

/// The checks of regions against a built site, for `import`'s regions before it writes them:
/// what they need of the site is gathered once, for every region checked (in parallel).
pub struct RegionChecks<'a> {
    site: &'a Site,
    checker: Checker<'a>,
}

impl<'a> RegionChecks<'a> {
    pub fn new(site: &'a Site) -> Self {
        RegionChecks { site, checker: checker(site) }
    }

    /// Check `records` as the data of the region `id`, as building the site would: for an
    /// import that changes a region's data and nothing else, so its targets, tasks and plan
    /// need no second look. The problems; a region not in the site has none checked.
    pub fn data(&self, id: &str, records: &[crate::content::DataRecord]) -> Diagnostics {
        let mut diags = Diagnostics::new();
        let Some(region) = self.site.region(id) else { return diags };
        let direction_of = |ind: &Indicator| region.directions.get(&ind.id).copied().unwrap_or(ind.direction);
        super::region::series(records, &region.targets, &self.checker, &direction_of, &mut diags);
        diags
    }

    /// Check one region as building the site would (its other regions staying as they are):
    /// for an import that writes a region's tasks as well as its data. The problems.
    pub fn region(&self, raw: &crate::content::RawRegionDir) -> Diagnostics {
        build_region(raw, &self.checker).1
    }
}

/// Why one region could not be replaced in place.
#[derive(Debug)]
pub enum RegionUpdate {
    /// The region's files have errors.
    Invalid(Diagnostics),
    /// The change reaches beyond the region: rebuild the whole site.
    Structural(StructuralChange),
}

/// How a change in one region's folder reaches beyond the region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StructuralChange {
    /// The folder is not a region of the built site.
    NewRegion(String),
    /// The folder has no `region.yaml` any more.
    RegionRemoved(String),
    /// The region's parent or level changed: its place in the hierarchy.
    HierarchyChanged(String),
    /// The region's name or plan title changed: other regions' pages show them.
    NameChanged(String),
    /// The reporting year comes from the latest data of every region, and the change moves it:
    /// every target's status may change.
    ReportingYearMoved { from: i32, to: i32 },
}

impl StructuralChange {
    /// What changed, as `build --watch` and `serve` say why they rebuild the whole site.
    pub fn message(&self) -> Message {
        match self {
            StructuralChange::NewRegion(id) => msg!(m::CHANGE_NEW_REGION, id = id),
            StructuralChange::RegionRemoved(id) => msg!(m::CHANGE_REGION_REMOVED, id = id),
            StructuralChange::HierarchyChanged(id) => msg!(m::CHANGE_HIERARCHY, id = id),
            StructuralChange::NameChanged(id) => msg!(m::CHANGE_NAME, id = id),
            StructuralChange::ReportingYearMoved { from, to } => msg!(m::CHANGE_REPORTING_YEAR, from = from, to = to),
        }
    }
}

/// In the user's interface language.
impl std::fmt::Display for StructuralChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.message().fmt(f)
    }
}

/// Rebuild one region of `site` from its folder as read again, keeping its place in the
/// hierarchy. Returns the region's index.
pub fn replace_region(site: &mut Site, raw: &crate::content::RawRegionDir) -> Result<usize, RegionUpdate> {
    let structural = |why| Err(RegionUpdate::Structural(why));
    let Some(index) = site.region_index(&raw.id) else {
        return structural(StructuralChange::NewRegion(raw.id.clone()));
    };
    if raw.region.is_none() {
        return structural(StructuralChange::RegionRemoved(raw.id.clone()));
    }
    let (region, diags) = build_region(raw, &checker(site));
    let region = match region {
        Some(r) if !diags.has_errors() => r,
        _ => return Err(RegionUpdate::Invalid(diags)),
    };
    let old = &site.regions[index];
    if region.parent != old.parent || region.level != old.level {
        return structural(StructuralChange::HierarchyChanged(raw.id.clone()));
    }
    // Names and plan titles show on other regions' pages (breadcrumbs, lists).
    let title = |r: &Region| r.plan.as_ref().map(|p| p.title.clone());
    if region.name != old.name || title(&region) != title(old) {
        return structural(StructuralChange::NameChanged(raw.id.clone()));
    }
    if site.config.as_of_from == AsOfSource::LatestData {
        let others = site.regions.iter().enumerate().filter(|&(i, _)| i != index).map(|(_, r)| r);
        let (from, to) = (site.config.progress.as_of, latest_data_year(others.chain([&region])));
        if from != to {
            return structural(StructuralChange::ReportingYearMoved { from, to });
        }
    }
    let (children, depth) = (old.children.clone(), old.depth);
    site.regions[index] = Region { children, depth, ..region };
    Ok(index)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regions_data_alone_is_checked_as_the_build_would() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base");
        let (site, diags) = crate::build::check(&root, None);
        let site = site.unwrap_or_else(|| panic!("{diags}"));
        let dir = std::path::Path::new("content/regions/city");
        let csv =
            "indicator,scope,period,value,note\ncmii,,2024,1,\ncmi,tertiary,2024Q3,0.97,\ncmi,tertiary,2024Q3,0.98,\n";
        let (records, d) = crate::content::region_data(dir, Some(csv), None);
        assert!(d.is_empty(), "{d}");
        let found = RegionChecks::new(&site).data("city", &records);
        let messages: Vec<String> = found.iter().map(|d| d.message.en()).collect();
        assert_eq!(found.error_count(), 2, "{messages:?}");
        assert!(messages.iter().any(|m| m.contains("cmii")), "{messages:?}");
        let (good, _) = crate::content::region_data(
            dir,
            Some("indicator,scope,period,value,note\ncmi,tertiary,2024Q3,0.97,\n"),
            None,
        );
        assert!(!RegionChecks::new(&site).data("city", &good).has_errors());
    }

    #[test]
    fn structural_changes_speak_both_languages() {
        let why = StructuralChange::ReportingYearMoved { from: 2024, to: 2026 };
        assert_eq!(why.message().en(), "the reporting year moves from 2024 to 2026");
        assert_eq!(why.message().zh(), "报告年份由 2024 年变为 2026 年");
        assert_eq!(StructuralChange::NewRegion("k1".into()).message().zh(), "`k1` 是新增的地区");
    }
}

//! What a batch of changed files asks of a built site: [`classify`] sorts it into a
//! [`Change`] that [`crate::build::BuiltSite::update`] can apply in place, or not.

use std::path::{Path, PathBuf};

/// What a batch of changed files (absolute paths under the site root) asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Only commentary files changed (paths relative to the root).
    Commentary(Vec<PathBuf>),
    /// Only files directly inside one region's folder changed.
    Region(String),
    /// Anything else: configuration, indicators, the theme, several regions, a new region.
    Everything,
}

/// Sort a batch of changed paths into a [`Change`].
pub fn classify(root: &Path, paths: &[PathBuf]) -> Change {
    if paths.is_empty() {
        return Change::Everything;
    }
    let rels: Vec<PathBuf> = paths.iter().map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf()).collect();
    let commentary = rels.iter().all(|r| {
        r.extension().is_some_and(|e| e == "md")
            && (r.starts_with("content/regions") || r.starts_with("content/indicators"))
    });
    if commentary {
        return Change::Commentary(rels);
    }
    match region_of(root, paths) {
        Some(id) => Change::Region(id),
        None => Change::Everything,
    }
}

/// The region whose folder holds every changed file, if there is one such region.
fn region_of(root: &Path, paths: &[PathBuf]) -> Option<String> {
    let regions = root.join(crate::content::CONTENT_DIR).join("regions");
    let mut id: Option<String> = None;
    for p in paths {
        let rel = p.strip_prefix(&regions).ok()?;
        let mut parts = rel.components();
        let first = parts.next()?.as_os_str().to_string_lossy().into_owned();
        // A file directly in the region's folder (region.yaml, data, tasks, commentary).
        if parts.count() != 1 || id.as_ref().is_some_and(|i| *i != first) {
            return None;
        }
        id = Some(first);
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_changes() {
        let root = Path::new("/site");
        let p = |s: &str| root.join(s);
        assert_eq!(
            classify(root, &[p("content/regions/yaan/cmi.zh.md")]),
            Change::Commentary(vec![PathBuf::from("content/regions/yaan/cmi.zh.md")])
        );
        assert_eq!(classify(root, &[p("content/regions/yaan/data.yaml")]), Change::Region("yaan".into()));
        assert_eq!(
            classify(root, &[p("content/regions/yaan/data.yaml"), p("content/regions/yaan/region.yaml")]),
            Change::Region("yaan".into())
        );
        assert_eq!(
            classify(root, &[p("content/regions/yaan/data.yaml"), p("content/regions/kaizhou/data.yaml")]),
            Change::Everything
        );
        assert_eq!(classify(root, &[p("content/site.yaml")]), Change::Everything);
        assert_eq!(classify(root, &[p("content/indicators/cmi.yaml")]), Change::Everything);
        assert_eq!(classify(root, &[p("content/regions/yaan/sub/x.yaml")]), Change::Everything);
        assert_eq!(classify(root, &[]), Change::Everything);
    }
}

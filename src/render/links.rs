//! Where pages are written and how they link to each other.
//!
//! Links are relative and name `index.html` explicitly, so the site works from a domain root,
//! from a sub-folder, and opened straight from disk. Canonical and alternate links use
//! `base_url`.

/// The folder prefix of a language's pages: `""` for the default language, `"en/"` otherwise.
pub fn lang_prefix(lang: &str, default: &str) -> String {
    if lang == default { String::new() } else { format!("{lang}/") }
}

/// The relative link from the page written at `from` to the file at `to` (both output paths):
/// the shortest `../` path, so links work from a domain root, a sub-folder or the disk.
pub fn rel(from: &str, to: &str) -> String {
    // The folders of `from` and of `to`, each with its last `/` (empty when there is none).
    let from_dir = &from.as_bytes()[..from.rfind('/').map_or(0, |i| i + 1)];
    let to_dir = &to.as_bytes()[..to.rfind('/').map_or(0, |i| i + 1)];
    // The folders both start with: up to the last `/` before they differ.
    let mut common = 0;
    for (i, (a, b)) in from_dir.iter().zip(to_dir).enumerate() {
        if a != b {
            break;
        }
        if *a == b'/' {
            common = i + 1;
        }
    }
    let ups = from_dir[common..].iter().filter(|&&b| b == b'/').count();
    let rest = &to[common..];
    let mut s = String::with_capacity(3 * ups + rest.len());
    for _ in 0..ups {
        s.push_str("../");
    }
    s.push_str(rest);
    if s.is_empty() { "./".to_string() } else { s }
}

/// The public URL of an output path: `base_url` + path, `index.html` dropped.
pub fn absolute(base_url: &str, path: &str) -> String {
    let path = path.strip_suffix("index.html").unwrap_or(path);
    format!("{base_url}{path}")
}

/// Output paths of the site's pages, inside a language folder.
pub mod path {
    pub fn home() -> String {
        "index.html".into()
    }
    pub fn regions() -> String {
        "regions/index.html".into()
    }
    pub fn region(id: &str) -> String {
        format!("regions/{id}/index.html")
    }
    pub fn series(region: &str, indicator: &str) -> String {
        format!("regions/{region}/{indicator}/index.html")
    }
    pub fn tasks(region: &str) -> String {
        format!("regions/{region}/tasks/index.html")
    }
    pub fn indicators() -> String {
        "indicators/index.html".into()
    }
    pub fn indicator(id: &str) -> String {
        format!("indicators/{id}/index.html")
    }
    pub fn page(slug: &str) -> String {
        format!("{slug}/index.html")
    }
    /// Shared by all languages.
    pub fn region_csv(region: &str) -> String {
        format!("data/regions/{region}.csv")
    }
    pub fn indicator_csv(indicator: &str) -> String {
        format!("data/indicators/{indicator}.csv")
    }
    pub const ALL_CSV: &str = "data/all.csv";
    pub const ALL_JSON: &str = "data/all.json";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links() {
        assert_eq!(rel("index.html", "regions/index.html"), "regions/index.html");
        assert_eq!(rel("regions/a/index.html", "static/style.css"), "../../static/style.css");
        assert_eq!(rel("en/regions/a/x/index.html", "en/index.html"), "../../../index.html");
        assert_eq!(rel("regions/a/index.html", "regions/a/cmi/index.html"), "cmi/index.html");
        assert_eq!(rel("regions/a/index.html", "regions/b/index.html"), "../b/index.html");
        assert_eq!(rel("regions/a/index.html", "en/regions/a/index.html"), "../../en/regions/a/index.html");
        assert_eq!(rel("index.html", "index.html"), "index.html");
        assert_eq!(rel("regions/index.html", ""), "../");
    }

    /// The first, plainer version of [`rel`] (vectors of parts), kept to check the faster one.
    fn rel_by_vectors(from: &str, to: &str) -> String {
        let from_dir: Vec<&str> =
            from.split('/').collect::<Vec<_>>().split_last().map_or(Vec::new(), |(_, d)| d.to_vec());
        let to_parts: Vec<&str> = to.split('/').collect();
        let (to_dir, file) = to_parts.split_last().map_or((&[][..], ""), |(f, d)| (d, *f));
        let common = from_dir.iter().zip(to_dir).take_while(|(a, b)| a == b).count();
        let mut s = "../".repeat(from_dir.len() - common);
        for part in &to_dir[common..] {
            s.push_str(part);
            s.push('/');
        }
        s.push_str(file);
        if s.is_empty() { "./".to_string() } else { s }
    }

    #[test]
    fn relative_links_agree_with_the_plain_version() {
        let paths = [
            "",
            "/",
            "index.html",
            "/index.html",
            "a",
            "a/",
            "a//b",
            "regions/index.html",
            "regions/a/index.html",
            "regions/a/cmi/index.html",
            "regions/b/index.html",
            "en/regions/a/x/index.html",
            "en/index.html",
            "static/style.css",
            "data/all.csv",
            "regions/a/tasks/index.html",
            "regions/ab/index.html",
        ];
        for from in paths {
            for to in paths {
                assert_eq!(rel(from, to), rel_by_vectors(from, to), "rel({from:?}, {to:?})");
            }
        }
    }

    #[test]
    fn absolute_urls() {
        assert_eq!(absolute("https://x.gov.cn/gk/", "en/regions/a/index.html"), "https://x.gov.cn/gk/en/regions/a/");
        assert_eq!(absolute("/", "index.html"), "/");
    }
}

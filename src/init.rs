//! `gongkai init DIR`: write a small starter site that builds as it is.

use std::path::Path;

use crate::messages::{Message, render as m};
use crate::msg;

/// The starter site's files (path under the site folder, contents), from `starter/`.
pub const STARTER: &[(&str, &str)] = &[
    (".gitignore", include_str!("../starter/.gitignore")),
    ("content/categories.yaml", include_str!("../starter/content/categories.yaml")),
    (
        "content/indicators/average-length-of-stay.yaml",
        include_str!("../starter/content/indicators/average-length-of-stay.yaml"),
    ),
    ("content/indicators/cmi.en.md", include_str!("../starter/content/indicators/cmi.en.md")),
    ("content/indicators/cmi.yaml", include_str!("../starter/content/indicators/cmi.yaml")),
    ("content/indicators/cmi.zh.md", include_str!("../starter/content/indicators/cmi.zh.md")),
    ("content/pages/about.en.md", include_str!("../starter/content/pages/about.en.md")),
    ("content/pages/about.zh.md", include_str!("../starter/content/pages/about.zh.md")),
    ("content/regions/demo-city/data.yaml", include_str!("../starter/content/regions/demo-city/data.yaml")),
    ("content/regions/demo-city/index.en.md", include_str!("../starter/content/regions/demo-city/index.en.md")),
    ("content/regions/demo-city/index.zh.md", include_str!("../starter/content/regions/demo-city/index.zh.md")),
    ("content/regions/demo-city/plan.zh.md", include_str!("../starter/content/regions/demo-city/plan.zh.md")),
    ("content/regions/demo-city/region.yaml", include_str!("../starter/content/regions/demo-city/region.yaml")),
    ("content/regions/demo-city/tasks.yaml", include_str!("../starter/content/regions/demo-city/tasks.yaml")),
    ("content/scopes.yaml", include_str!("../starter/content/scopes.yaml")),
    ("content/site.yaml", include_str!("../starter/content/site.yaml")),
];

/// Write the starter site into `dir`. Refuses to overwrite an existing `content/` folder.
/// The number of files written, or what went wrong.
pub fn init(dir: &Path) -> Result<usize, Message> {
    if dir.join("content").exists() {
        return Err(msg!(m::INIT_HAS_CONTENT, dir = dir.display()));
    }
    for (path, text) in STARTER {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| msg!(m::INIT_CANNOT_CREATE, dir = parent.display(), error = e))?;
        }
        std::fs::write(&target, text).map_err(|e| msg!(m::INIT_CANNOT_WRITE, file = target.display(), error = e))?;
    }
    Ok(STARTER.len())
}

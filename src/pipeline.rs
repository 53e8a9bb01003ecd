//! The whole pipeline in one call: content → model → assess/render, used by `build` and `serve`.

use std::path::Path;

use crate::diagnostics::Diagnostics;
use crate::model::Site;
use crate::sink::OutputFile;

/// Read, check and cross-reference the content under `root`. Locations are resolved; with
/// `strict` warnings count as errors. The site is returned only when there is no error.
pub fn load(root: &Path, strict: bool) -> (Option<Site>, Diagnostics) {
    let (raw, mut diags) = crate::content::load(root);
    let (site, more) = crate::model::build(raw);
    diags.extend(more);
    if strict {
        diags.promote_warnings();
    }
    diags.resolve(root);
    let site = if diags.has_errors() { None } else { site };
    (site, diags)
}

/// A site built in memory.
pub struct Built {
    pub site: Site,
    pub theme: crate::render::Theme,
    pub files: Vec<OutputFile>,
    /// Warnings found on the way.
    pub warnings: Diagnostics,
}

/// Check and render the site under `root` into memory. Errors (with warnings) on failure.
pub fn build(root: &Path) -> Result<Built, Diagnostics> {
    let (site, diags) = load(root, false);
    let Some(site) = site else { return Err(diags) };
    let rendered = crate::render::Theme::load(root, &site.config.theme, &site.config.languages)
        .and_then(|theme| crate::render::render_with(&site, &theme, root).map(|files| (theme, files)));
    match rendered {
        Ok((theme, files)) => Ok(Built { site, theme, files, warnings: diags }),
        Err(mut d) => {
            d.resolve(root);
            Err(d)
        }
    }
}

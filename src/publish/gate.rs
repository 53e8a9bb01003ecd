//! The publishing gate (`check --publish`, `build --publish`): what must not reach a government
//! site, beyond what `--strict` checks (research: users.md §1.4). Illustrative values are "虚假
//! 内容" to an inspector, placeholder text and pages of nothing but links are "空白栏目", a site on
//! its own host without its registration marks is closed — each is an error naming the file and
//! line. A series whose next value is overdue is a note: it never fails the gate.
//!
//! "Today" (for staleness) is a parameter; the command line takes it from [`today`], which
//! reads `GONGKAI_TODAY` first, so tests do not depend on the clock.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::messages::{Message, render as m};
use crate::model::{Date, Localized, Site};
use crate::msg;

/// The date staleness is measured at: `GONGKAI_TODAY` (`2025-03-31`) when set, else the
/// system clock (UTC). A malformed `GONGKAI_TODAY` is said, and the clock used.
pub fn today(diags: &mut Diagnostics) -> Date {
    let clock = || {
        let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        Date::from_days((secs / 86_400) as i64)
    };
    match std::env::var("GONGKAI_TODAY") {
        Ok(v) => Date::parse(&v).unwrap_or_else(|| {
            diags.push(Diagnostic::warning("GONGKAI_TODAY", Location::File, msg!(m::TODAY_NOT_A_DATE, value = &v)));
            clock()
        }),
        Err(_) => clock(),
    }
}

/// Every rule of the gate on the checked site under `root`, at the date `today`.
pub fn check(root: &Path, site: &Site, today: Date) -> Diagnostics {
    let mut diags = Diagnostics::new();
    identity(site, &mut diags);
    samples(root, site, &mut diags);
    placeholders(root, site, &mut diags);
    empty_pages(site, &mut diags);
    stale(site, today, &mut diags);
    undated(site, &mut diags);
    diags
}

/// Pages with nothing dated on them show no date: a note (before the first release, values
/// have no date yet), naming the first few.
fn undated(site: &Site, diags: &mut Diagnostics) {
    let dates = crate::render::dates::PageDates::new();
    let pages: Vec<String> = crate::render::inventory::pages(site)
        .into_iter()
        .filter(|r| *r != crate::routes::Route::NotFound && dates.of(site, r).is_none())
        .map(|r| r.path())
        .collect();
    let Some(first) = pages.first() else { return };
    let example = pages.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
    diags.push(
        Diagnostic::note(
            Path::new("public").join(first),
            Location::File,
            msg!(m::PUBLISH_UNDATED, n = pages.len(), example = example),
        )
        .with_hint(msg!(m::PUBLISH_UNDATED_HINT)),
    );
}

const SITE_YAML: &str = "content/site.yaml";

/// An absolute https address always; the publisher and the marks unless embedded in a portal.
fn identity(site: &Site, diags: &mut Diagnostics) {
    let c = &site.config;
    if !c.base_url.starts_with("https://") {
        diags.push(
            Diagnostic::error(
                SITE_YAML,
                Location::YamlPath("base_url".into()),
                msg!(m::PUBLISH_BASE_URL, url = &c.base_url),
            )
            .with_hint(msg!(m::PUBLISH_BASE_URL_HINT)),
        );
    }
    if c.embedded_in_portal {
        return;
    }
    let r = &c.registration;
    let any_mark = r.icp.is_some() || r.police.is_some() || r.site_code.is_some() || r.badge.is_some();
    let missing = [
        (c.publisher.is_none(), &m::MARK_PUBLISHER, false),
        (r.icp.is_none(), &m::MARK_ICP, true),
        (r.police.is_none(), &m::MARK_POLICE, true),
        (r.site_code.is_none(), &m::MARK_SITE_CODE, true),
        (r.badge.is_none(), &m::MARK_BADGE, true),
    ];
    for (absent, mark, in_registration) in missing {
        if absent {
            let at =
                if in_registration && any_mark { Location::YamlPath("registration".into()) } else { Location::File };
            diags.push(
                Diagnostic::error(
                    SITE_YAML,
                    at,
                    Message::new(&m::PUBLISH_MISSING_MARK).arg_message("mark", Message::new(mark)),
                )
                .with_hint(msg!(m::PUBLISH_MISSING_MARK_HINT)),
            );
        }
    }
}

/// The line (from 1) of each line of `text` on which `flagged` holds.
fn lines_where(text: &str, flagged: impl Fn(&str) -> bool) -> Vec<usize> {
    text.lines().enumerate().filter(|(_, l)| flagged(l)).map(|(i, _)| i + 1).collect()
}

/// A YAML line that sets `key: true` (block or flow style).
fn sets_true(line: &str, key: &str) -> bool {
    // Up to a comment: a `#` at the start or after a space.
    let comment = line.char_indices().find(|&(i, c)| c == '#' && (i == 0 || line[..i].ends_with([' ', '\t'])));
    let code = comment.map_or(line, |(i, _)| &line[..i]);
    code.match_indices(key).any(|(i, _)| {
        let before = code[..i].chars().next_back();
        let after = code[i + key.len()..].trim_start();
        before.is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '-'))
            && after.strip_prefix(':').is_some_and(|v| {
                let v = v.trim_start();
                v.starts_with("true") && !v[4..].starts_with(|c: char| c.is_alphanumeric())
            })
    })
}

/// The data rows of a `data.csv` whose `sample` column is set, by line.
fn csv_sample_lines(bytes: &[u8]) -> Vec<usize> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).has_headers(false).from_reader(bytes);
    let mut rows = reader.byte_records();
    let Some(Ok(header)) = rows.next() else { return Vec::new() };
    let Some(col) = header.iter().position(|h| h.trim_ascii().eq_ignore_ascii_case(b"sample")) else {
        return Vec::new();
    };
    rows.flatten()
        .filter(|r| matches!(r.get(col).map(<[u8]>::trim_ascii), Some(b"true" | b"yes" | b"1")))
        .map(|r| r.position().map_or(1, |p| p.line() as usize))
        .collect()
}

/// Sample values and tasks: one error per file, at its first, with how many.
fn samples(root: &Path, site: &Site, diags: &mut Diagnostics) {
    for r in &site.regions {
        if r.series.iter().any(|s| s.has_sample()) {
            for name in ["data.yaml", "data.csv"] {
                let file = r.dir.join(name);
                let Ok(bytes) = std::fs::read(root.join(&file)) else { continue };
                let lines = if name == "data.csv" {
                    csv_sample_lines(&bytes)
                } else {
                    lines_where(&String::from_utf8_lossy(&bytes), |l| sets_true(l, "sample"))
                };
                if let Some(&first) = lines.first() {
                    diags.push(
                        Diagnostic::error(
                            file,
                            Location::Position { line: first, column: 1 },
                            msg!(m::PUBLISH_SAMPLE_VALUES, n = lines.len()),
                        )
                        .with_hint(msg!(m::PUBLISH_SAMPLE_VALUES_HINT)),
                    );
                }
            }
        }
        let tasks = r.tasks.iter().filter(|t| t.sample).count();
        if tasks > 0 {
            let file = r.dir.join("tasks.yaml");
            let text = std::fs::read_to_string(root.join(&file)).unwrap_or_default();
            let at = lines_where(&text, |l| sets_true(l, "sample"))
                .first()
                .map_or(Location::File, |&line| Location::Position { line, column: 1 });
            diags.push(
                Diagnostic::error(file, at, msg!(m::PUBLISH_SAMPLE_TASKS, n = tasks))
                    .with_hint(msg!(m::PUBLISH_SAMPLE_TASKS_HINT)),
            );
        }
    }
}

/// Every commentary file of the site.
fn commentary(site: &Site) -> impl Iterator<Item = &Localized> {
    site.indicators
        .iter()
        .map(|i| &i.commentary)
        .chain(site.regions.iter().flat_map(|r| std::iter::once(&r.commentary).chain(r.indicator_commentary.values())))
        .chain(site.pages.iter().map(|p| &p.versions))
}

fn placeholders(root: &Path, site: &Site, diags: &mut Diagnostics) {
    for md in commentary(site).flat_map(|l| l.values()).filter(|md| md.placeholder) {
        let text = std::fs::read_to_string(root.join(&md.file)).unwrap_or_default();
        let at = lines_where(&text, |l| sets_true(l, "placeholder"))
            .first()
            .map_or(Location::File, |&line| Location::Position { line, column: 1 });
        diags.push(
            Diagnostic::error(&md.file, at, msg!(m::PUBLISH_PLACEHOLDER)).with_hint(msg!(m::PUBLISH_PLACEHOLDER_HINT)),
        );
    }
}

/// Pages whose main content would be only navigation ("空白栏目").
fn empty_pages(site: &Site, diags: &mut Diagnostics) {
    let blank = |l: &Localized| l.values().all(|md| md.body.trim().is_empty());
    for r in &site.regions {
        if r.plan.is_none() && r.series.is_empty() && r.tasks.is_empty() && blank(&r.commentary) {
            let lang = site.default_language();
            let file = r.dir.join(format!("index.{lang}.md"));
            diags.push(
                Diagnostic::error(r.dir.join("region.yaml"), Location::File, msg!(m::PUBLISH_EMPTY_REGION, id = &r.id))
                    .with_hint(msg!(m::PUBLISH_EMPTY_REGION_HINT, file = file.display())),
            );
        }
    }
    for ind in &site.indicators {
        let reported = site.regions.iter().any(|r| r.series.iter().any(|s| s.indicator == ind.id));
        if !reported && ind.description.is_none() && blank(&ind.commentary) {
            diags.push(
                Diagnostic::error(&ind.file, Location::File, msg!(m::PUBLISH_EMPTY_INDICATOR, id = &ind.id))
                    .with_hint(msg!(m::PUBLISH_EMPTY_INDICATOR_HINT, id = &ind.id)),
            );
        }
    }
    for p in &site.pages {
        for md in p.versions.values().filter(|md| md.body.trim().is_empty()) {
            diags.push(
                Diagnostic::error(&md.file, Location::File, msg!(m::PUBLISH_EMPTY_PAGE, slug = &p.slug))
                    .with_hint(msg!(m::PUBLISH_EMPTY_PAGE_HINT)),
            );
        }
    }
}

/// Series whose next period's value is due by `today`: a note per region.
fn stale(site: &Site, today: Date, diags: &mut Diagnostics) {
    let lag = site.config.release_lag_days as i64;
    let today = today.days();
    for r in &site.regions {
        let mut overdue = series_overdue(r, lag, today);
        let Some((indicator, latest, next, due)) = overdue.next() else { continue };
        let n = 1 + overdue.count();
        let file = ["data.csv", "data.yaml"]
            .iter()
            .map(|f| r.dir.join(f))
            .find(|f| f.is_file())
            .unwrap_or_else(|| r.dir.join("data.yaml"));
        diags.push(
            Diagnostic::note(
                file,
                Location::File,
                msg!(m::PUBLISH_STALE, n = n, indicator = indicator, latest = latest, next = next, due = due),
            )
            .with_hint(msg!(m::PUBLISH_STALE_HINT, lag = lag)),
        );
    }
}

/// The series of `r` whose value after the latest is overdue: (indicator, latest period, next
/// period, the date it was due by).
fn series_overdue(
    r: &crate::model::Region,
    lag: i64,
    today: i64,
) -> impl Iterator<Item = (&str, String, String, Date)> + '_ {
    r.series.iter().filter_map(move |s| {
        let latest = s.latest()?.period;
        let next = latest.next();
        let due = next.last_day().days() + lag;
        (today > due).then(|| (s.indicator.as_str(), latest.to_string(), next.to_string(), Date::from_days(due)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_flags_in_yaml_and_csv() {
        assert!(sets_true("  sample: true", "sample"));
        assert!(sets_true("- {indicator: cmi, period: 2023, value: 1, sample: true}", "sample"));
        assert!(!sets_true("  sample: false", "sample"));
        assert!(!sets_true("  not_sample: true", "sample"));
        assert!(!sets_true("  sample: trueish", "sample"));
        assert!(!sets_true("# sample: true", "sample"));
        assert!(!sets_true("  value: 1 # sample: true", "sample"));
        let csv =
            b"indicator,scope,period,value,note,source,sample\ncmi,,2023,1,,,true\ncmi,,2024,1,,,\nx,,2025,2,,,1\n";
        assert_eq!(csv_sample_lines(csv), vec![2, 4]);
        assert_eq!(csv_sample_lines(b"indicator,scope,period,value,note\ncmi,,2023,1,\n"), Vec::<usize>::new());
    }
}

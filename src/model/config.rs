//! `site.yaml`: the site's settings checked — its languages, address, theme, date, the
//! thresholds of the progress assessment (including 左右's tolerance), and who publishes it with
//! which registration marks (the footer a government host requires).

use std::collections::HashSet;
use std::path::PathBuf;

use super::check::{date, slug_error};
use super::*;
use crate::content::raw::{RawRegistration, RawSite};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::messages::model as m;
use crate::msg;

pub(super) fn site_config(site: Option<(&PathBuf, &RawSite)>, diags: &mut Diagnostics) -> SiteConfig {
    let default_langs = vec!["zh".to_string(), "en".to_string()];
    let Some((file, s)) = site else {
        return SiteConfig {
            title: Text::plain("gongkai"),
            description: None,
            base_url: "/".into(),
            languages: default_langs,
            theme: "default".into(),
            updated: None,
            allow_html: false,
            progress: ProgressSettings { as_of: 0, ..Default::default() },
            as_of_from: AsOfSource::LatestData,
            as_of_date: None,
            publisher: None,
            registration: Registration::default(),
            footer: Vec::new(),
            embedded_in_portal: false,
            release_lag_days: DEFAULT_RELEASE_LAG_DAYS,
            collection: Default::default(),
        };
    };
    let at = |p: &str| Location::YamlPath(p.to_string());
    let mut languages = s.languages.clone().unwrap_or(default_langs.clone());
    let mut seen = HashSet::new();
    for (i, l) in languages.iter_mut().enumerate() {
        let ok = (2..=3).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_lowercase());
        if !ok {
            let lower = l.to_ascii_lowercase();
            let hint = if lower != *l && (2..=3).contains(&l.len()) && lower.bytes().all(|b| b.is_ascii_lowercase()) {
                msg!(m::LANGUAGE_CODE_LOWERCASE_HINT, code = &lower)
            } else {
                msg!(m::LANGUAGE_CODE_HINT)
            };
            diags.push(
                Diagnostic::error(file, at(&format!("languages[{i}]")), msg!(m::NOT_A_LANGUAGE_CODE, code = &l))
                    .with_hint(hint),
            );
            // Check the rest of the content as if it were written right, so that one slip
            // does not turn every text into an error.
            *l = lower;
        }
        if !seen.insert(l.clone()) {
            diags.push(Diagnostic::error(file, at(&format!("languages[{i}]")), msg!(m::LANGUAGE_TWICE, lang = &l)));
        }
    }
    if languages.is_empty() {
        diags.push(
            Diagnostic::error(file, at("languages"), msg!(m::NO_LANGUAGES)).with_hint(msg!(m::NO_LANGUAGES_HINT)),
        );
        languages = default_langs;
    }
    let theme = s.theme.clone().unwrap_or_else(|| "default".into());
    if !is_slug(&theme) {
        diags.push(slug_error(file, at("theme"), &m::NOUN_THEME, &theme));
    }
    let mut base_url = s.base_url.clone().unwrap_or_else(|| "/".into()).trim().to_string();
    let valid_base = base_url.starts_with('/') || base_url.starts_with("https://") || base_url.starts_with("http://");
    if !valid_base || base_url.contains(char::is_whitespace) || base_url.contains(['"', '<', '>', '\'']) {
        diags.push(
            Diagnostic::error(file, at("base_url"), msg!(m::BAD_BASE_URL, url = &base_url))
                .with_hint(msg!(m::BAD_BASE_URL_HINT)),
        );
    }
    if !base_url.ends_with('/') {
        base_url.push('/');
    }
    let updated = s.updated.as_ref().and_then(|u| date(u, file, at("updated"), diags));
    let mut progress = ProgressSettings { as_of: 0, ..Default::default() };
    let mut as_of_date = None;
    if let Some(p) = &s.progress {
        if let Some(v) = &p.as_of {
            let v = v.0.trim();
            match (Date::parse(v), v.parse::<i64>()) {
                (Some(d), _) if v.len() > 4 => {
                    progress.as_of = d.year;
                    as_of_date = Some(d);
                }
                (_, Ok(y)) if y <= i32::MAX as i64 && time::YEARS.contains(&(y as i32)) => progress.as_of = y as i32,
                _ => diags.push(
                    Diagnostic::error(file, at("progress.as_of"), msg!(m::NOT_A_YEAR, year = v))
                        .with_hint(msg!(m::FULL_YEAR_HINT, year = 2024)),
                ),
            }
        }
        progress.on_track = p.on_track.unwrap_or(progress.on_track);
        progress.needs_acceleration = p.needs_acceleration.unwrap_or(progress.needs_acceleration);
        if let Some(tol) = p.approx_tolerance {
            if tol.is_finite() && (0.0..1.0).contains(&tol) {
                progress.approx_tolerance = tol;
            } else {
                diags.push(
                    Diagnostic::error(
                        file,
                        at("progress.approx_tolerance"),
                        msg!(m::APPROX_TOLERANCE_OUT_OF_RANGE, value = tol),
                    )
                    .with_hint(msg!(m::APPROX_TOLERANCE_HINT)),
                );
            }
        }
        let (ot, na) = (progress.on_track, progress.needs_acceleration);
        if !(ot.is_finite() && na.is_finite() && 0.0 < na && na < ot && ot <= 1.0) {
            diags.push(
                Diagnostic::error(
                    file,
                    at("progress"),
                    msg!(m::THRESHOLDS_OUT_OF_ORDER, on_track = ot, needs_acceleration = na),
                )
                .with_hint(msg!(m::THRESHOLDS_HINT)),
            );
        }
    }
    // Unless written, the year is filled in by `build` once the data is read.
    let as_of_from = match (progress.as_of, updated) {
        (0, Some(_)) => AsOfSource::Updated,
        (0, None) => AsOfSource::LatestData,
        _ => AsOfSource::Written,
    };
    let registration = registration(file, s.registration.as_ref(), diags);
    let release_lag_days = match s.release_lag_days {
        None => DEFAULT_RELEASE_LAG_DAYS,
        Some(d) if (0..=3660).contains(&d) => d as u32,
        Some(d) => {
            diags.push(
                Diagnostic::error(file, at("release_lag_days"), msg!(m::BAD_RELEASE_LAG, value = d))
                    .with_hint(msg!(m::BAD_RELEASE_LAG_HINT)),
            );
            DEFAULT_RELEASE_LAG_DAYS
        }
    };
    SiteConfig {
        title: s.title.clone(),
        description: s.description.clone(),
        base_url,
        languages,
        theme,
        updated,
        allow_html: s.allow_html.unwrap_or(false),
        progress,
        as_of_from,
        as_of_date: as_of_date.or(if as_of_from == AsOfSource::Updated { updated } else { None }),
        publisher: s.publisher.as_ref().map(|p| Publisher {
            name: p.name.clone(),
            address: p.address.clone(),
            phone: p.phone.as_ref().map(|t| t.trim().to_string()).filter(|t| !t.is_empty()),
            email: p.email.as_ref().map(|t| t.trim().to_string()).filter(|t| !t.is_empty()),
        }),
        registration,
        footer: s.footer.clone().unwrap_or_default(),
        embedded_in_portal: s.embedded_in_portal.unwrap_or(false),
        release_lag_days,
        collection: s.collection.clone().unwrap_or_default(),
    }
}

/// How long after a period's end its value is expected, unless `release_lag_days` says: half a
/// year (national statistics for a year come out around mid-year).
pub const DEFAULT_RELEASE_LAG_DAYS: u32 = 180;

/// `registration:` checked: each mark as written, refused when it cannot be one (a typo in a
/// record number would link to someone else's record).
fn registration(file: &PathBuf, r: Option<&RawRegistration>, diags: &mut Diagnostics) -> Registration {
    let Some(r) = r else { return Registration::default() };
    let at = |p: &str| Location::YamlPath(format!("registration.{p}"));
    let given = |v: &Option<String>| v.as_ref().map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    let mut out = Registration::default();
    if let Some(icp) = given(&r.icp) {
        if icp.contains("ICP") && !icp.contains(['<', '>', '"']) {
            out.icp = Some(icp);
        } else {
            diags.push(
                Diagnostic::error(file, at("icp"), msg!(m::BAD_ICP, value = &icp)).with_hint(msg!(m::BAD_ICP_HINT)),
            );
        }
    }
    if let Some(police) = given(&r.police) {
        let digits: String = police.chars().filter(char::is_ascii_digit).collect();
        if (6..=20).contains(&digits.len()) && !police.contains(['<', '>', '"']) {
            out.police = Some(police);
            out.police_code = Some(digits);
        } else {
            diags.push(
                Diagnostic::error(file, at("police"), msg!(m::BAD_POLICE, value = &police))
                    .with_hint(msg!(m::BAD_POLICE_HINT)),
            );
        }
    }
    if let Some(code) = given(&r.site_code) {
        if code.len() == 10 && code.bytes().all(|b| b.is_ascii_alphanumeric()) {
            out.site_code = Some(code);
        } else {
            diags.push(
                Diagnostic::error(file, at("site_code"), msg!(m::BAD_SITE_CODE, value = &code))
                    .with_hint(msg!(m::BAD_SITE_CODE_HINT)),
            );
        }
    }
    if let Some(url) = given(&r.badge) {
        let ok = (url.starts_with("https://") || url.starts_with("http://"))
            && !url.contains(char::is_whitespace)
            && !url.contains(['"', '<', '>', '\'', '`']);
        if ok {
            out.badge = Some(url);
        } else {
            diags.push(
                Diagnostic::error(file, at("badge"), msg!(m::BAD_BADGE_URL, url = &url))
                    .with_hint(msg!(m::BAD_BADGE_URL_HINT)),
            );
        }
    }
    out
}

//! The command line: `gongkai check`, `gongkai build`, `gongkai serve`, `gongkai init`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::diagnostics::Diagnostics;

/// gongkai (公开) turns indicator data (YAML, CSV) and commentary (Markdown) about the plans for
/// the high-quality development of public hospitals into a bilingual website that any web
/// server can host.
#[derive(Debug, Parser)]
#[command(name = "gongkai", version, about, long_about = None, after_help = "Start with `gongkai check` to find mistakes in content/, then `gongkai serve` to preview.\nThe content format is described in docs/content-format.md.")]
pub struct Cli {
    /// The site folder (the one holding `content/`).
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read and check all content; print every problem and a summary.
    Check {
        /// Before publishing: treat warnings (such as missing English text) as errors, render
        /// the site in memory, and check every internal link, that every page exists in every
        /// language, and that every target has data or says why not.
        #[arg(long)]
        strict: bool,
    },
    /// Check the content and write the website to public/.
    Build {
        /// Where to write the site.
        #[arg(long, default_value = "public", value_name = "DIR")]
        output: PathBuf,
        /// Keep running and rebuild whenever a file changes (public/ is replaced only by complete builds).
        #[arg(long)]
        watch: bool,
        /// With --watch: poll for changes instead of using the system's file events.
        #[arg(long, requires = "watch")]
        poll: bool,
    },
    /// Create a small starter site in DIR (a region, two indicators, targets, data, tasks and
    /// commentary in both languages) that builds as it is.
    Init {
        /// The folder to create the site in.
        dir: PathBuf,
    },
    /// Build the site, serve it for preview, and rebuild whenever a file changes.
    Serve {
        /// The address to listen on (the preview is reachable only from this computer by default).
        #[arg(long, default_value = "127.0.0.1", value_name = "IP")]
        interface: std::net::IpAddr,
        /// The port to listen on (the next free one is used if it is taken).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Poll for changes instead of using the system's file events (network drives, some containers).
        #[arg(long)]
        poll: bool,
        /// Open the preview in the web browser.
        #[arg(long)]
        open: bool,
    },
}

pub use crate::pipeline::load as load_site;

fn report(diags: &Diagnostics) {
    if !diags.is_empty() {
        eprint!("{diags}");
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Check { strict } => {
            let (site, mut diags) = load_site(&cli.root, strict);
            // Before publishing: render in memory and check links, languages and data.
            let site = match (site, strict) {
                (Some(site), true) => {
                    let mut more = match crate::render::render(&site, &cli.root) {
                        Ok(files) => crate::publish::check(&site, &files),
                        Err(d) => d,
                    };
                    more.resolve(&cli.root);
                    let ok = !more.has_errors();
                    diags.extend(more);
                    ok.then_some(site)
                }
                (site, _) => site,
            };
            report(&diags);
            match site {
                Some(site) => {
                    let s = site.summary();
                    println!(
                        "ok: {}, {}, {}, {}, {}, {}, {}; {}",
                        plural(s.regions, "region", "regions"),
                        plural(s.indicators, "indicator", "indicators"),
                        plural(s.series, "series", "series"),
                        plural(s.observations, "observation", "observations"),
                        plural(s.targets, "target", "targets"),
                        plural(s.tasks, "task", "tasks"),
                        plural(s.commentary, "commentary file", "commentary files"),
                        plural(diags.warning_count(), "warning", "warnings"),
                    );
                    ExitCode::SUCCESS
                }
                None => {
                    eprintln!(
                        "failed: {}, {}",
                        plural(diags.error_count(), "error", "errors"),
                        plural(diags.warning_count(), "warning", "warnings")
                    );
                    ExitCode::from(1)
                }
            }
        }
        Command::Build { output, watch: false, .. } => build(&cli.root, &output),
        Command::Build { output, watch: true, poll } => build_watch(&cli.root, &output, poll),
        Command::Init { dir } => match crate::init::init(&dir) {
            Ok(n) => {
                println!("created a starter site in {} ({n} files)", dir.display());
                println!("next: cd {} && gongkai serve", dir.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        },
        Command::Serve { interface, port, poll, open } => {
            crate::serve::run(crate::serve::Options { root: cli.root, interface, port, poll, open })
        }
    }
}

/// `gongkai build`: check, render, and write the site all or nothing.
fn build(root: &std::path::Path, output: &std::path::Path) -> ExitCode {
    build_keeping(root, output).0
}

/// The model and theme of a good build, kept by `build --watch` for incremental rebuilds.
type Kept = Option<(crate::model::Site, crate::render::Theme)>;

/// [`build`], handing back the model and theme when the build succeeded.
fn build_keeping(root: &std::path::Path, output: &std::path::Path) -> (ExitCode, Kept) {
    let start = std::time::Instant::now();
    let (site, diags) = load_site(root, false);
    report(&diags);
    let failed = |d: &Diagnostics| {
        eprintln!("failed: {}; the previous site was left as it was", plural(d.error_count(), "error", "errors"));
        (ExitCode::from(1), None)
    };
    let Some(site) = site else { return failed(&diags) };
    let theme = match crate::render::Theme::load(root, &site.config.theme, &site.config.languages) {
        Ok(t) => t,
        Err(mut d) => {
            d.resolve(root);
            report(&d);
            return failed(&d);
        }
    };
    let out = if output.is_absolute() { output.to_path_buf() } else { root.join(output) };
    let write_error = |e: std::io::Error| {
        eprintln!(
            "error: cannot write the site to {}: {e}\n   = hint: check that the folder is writable and the disk is not full; the previous site was left as it was",
            out.display()
        );
        (ExitCode::from(1), None)
    };
    // Pages go to disk as they are rendered; the new site replaces the old only when complete.
    let writer = match crate::output::SiteWriter::new(&out) {
        Ok(w) => w,
        Err(e) => return write_error(e),
    };
    let progress = crate::progress::Progress::new(
        &writer,
        crate::progress::expected_files(&site, theme.assets.len()),
        crate::progress::Progress::wanted(),
    );
    let rendered = crate::render::render_streaming(&site, &theme, root, &progress);
    progress.finish();
    match rendered {
        Ok(()) => {}
        Err(crate::render::RenderError::Write(e)) => return write_error(e),
        Err(crate::render::RenderError::Content(mut d)) => {
            d.resolve(root);
            report(&d);
            return failed(&d);
        }
    }
    match writer.finish() {
        Ok(stats) => {
            println!(
                "built {} ({:.1} MB, {} changed) into {} in {} ms",
                plural(stats.files, "file", "files"),
                stats.bytes as f64 / 1_048_576.0,
                stats.written,
                out.display(),
                start.elapsed().as_millis()
            );
            (ExitCode::SUCCESS, Some((site, theme)))
        }
        Err(e) => write_error(e),
    }
}

/// `gongkai build --watch`: build, then rebuild after every change until Ctrl-C. A change
/// inside one region's folder that leaves its name and place alone updates just the files it
/// affects, in place; anything else rebuilds the whole site.
fn build_watch(root: &std::path::Path, output: &std::path::Path, poll: bool) -> ExitCode {
    // File events carry absolute paths; compare them with an absolute root.
    let abs = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let root = abs.as_path();
    let (_, mut kept) = build_keeping(root, output);
    let out = if output.is_absolute() { output.to_path_buf() } else { root.join(output) };
    let mut watcher = match crate::watch::watch(root, poll) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    println!("watching for changes (Ctrl-C to stop)");
    while let Some(change) = watcher.next_change() {
        match change {
            Ok(paths) => {
                let what = match paths.as_slice() {
                    [one] => one.strip_prefix(root).unwrap_or(one).display().to_string(),
                    many => format!("{} files changed", many.len()),
                };
                println!("{what}:");
                let region = changed_region(root, &paths);
                let updated = match (region, kept.as_mut()) {
                    (Some(id), Some((site, theme))) => update_region(root, &out, site, theme, &id),
                    _ => false,
                };
                if !updated {
                    kept = build_keeping(root, output).1;
                }
            }
            Err(e) => eprintln!("warning: file watching: {e}"),
        }
    }
    ExitCode::SUCCESS
}

/// The region whose folder holds every changed file, if there is one such region.
fn changed_region(root: &std::path::Path, paths: &[std::path::PathBuf]) -> Option<String> {
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

/// Update the output after a change in one region's folder. `false` when the whole site must
/// be rebuilt instead (the change reaches other regions, or the update failed).
fn update_region(
    root: &std::path::Path,
    out: &std::path::Path,
    site: &mut crate::model::Site,
    theme: &crate::render::Theme,
    id: &str,
) -> bool {
    let start = std::time::Instant::now();
    let (raw, mut diags) = crate::content::load_region_dir(root, id);
    if diags.has_errors() {
        diags.resolve(root);
        report(&diags);
        eprintln!("failed: {}; the site was left as it was", plural(diags.error_count(), "error", "errors"));
        return true;
    }
    let index = match crate::model::replace_region(site, &raw) {
        Ok(i) => i,
        Err(crate::model::RegionUpdate::Invalid(mut d)) => {
            d.resolve(root);
            report(&d);
            eprintln!("failed: {}; the site was left as it was", plural(d.error_count(), "error", "errors"));
            return true;
        }
        Err(crate::model::RegionUpdate::Structural) => return false,
    };
    let files = match crate::render::render_region_update(site, theme, root, index) {
        Ok(f) => f,
        Err(_) => return false,
    };
    let pages = match crate::output::update_in_place(out, &files) {
        Ok(stats) => stats,
        Err(e) => {
            eprintln!("error: cannot write the site to {}: {e}", out.display());
            return false;
        }
    };
    println!(
        "updated {} of {} files in {} ms; now the downloads",
        pages.written,
        pages.files,
        start.elapsed().as_millis()
    );
    let sink = crate::output::InPlace::new(out);
    if let Err(e) = crate::render::render_bulk_downloads(site, &sink) {
        eprintln!("error: cannot write the downloads to {}: {e}", out.display());
        return false;
    }
    println!("updated the downloads ({} files) in {} ms", sink.stats().written, start.elapsed().as_millis());
    true
}

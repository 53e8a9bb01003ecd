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
        /// When pages are rendered: `auto` renders a site of up to 5,000 files whole at start
        /// and a larger one page by page as they are opened; `all` or `on-demand` chooses.
        #[arg(long, value_enum, default_value = "auto", value_name = "WHEN")]
        render: crate::serve::Render,
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
        Command::Serve { interface, port, poll, open, render } => {
            crate::serve::run(crate::serve::Options { root: cli.root, interface, port, poll, open, render })
        }
    }
}

/// `gongkai build`: check, render, and write the site all or nothing.
fn build(root: &std::path::Path, output: &std::path::Path) -> ExitCode {
    let (code, kept) = build_keeping(root, output);
    // The process ends here: the system takes the model back at once, where freeing it piece
    // by piece takes most of a second at national scale.
    std::mem::forget(kept);
    code
}

/// The model, theme and assessments of a good build, kept by `build --watch`.
type Kept = Option<crate::update::Prepared>;

/// [`build`], handing back the prepared site when the build succeeded.
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
    let mut prepared = crate::update::Prepared::new(site, theme);
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
    let (site, theme) = (&prepared.site, &prepared.theme);
    let progress = crate::progress::Progress::new(
        &writer,
        crate::progress::expected_files(site, theme.assets.len()),
        crate::progress::Progress::wanted(),
    );
    let rendered = crate::render::render_streaming_with(site, theme, &prepared.evals, root, &progress);
    progress.finish();
    match rendered {
        Ok(layouts) => prepared.downloads = layouts,
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
            (ExitCode::SUCCESS, Some(prepared))
        }
        Err(e) => write_error(e),
    }
}

/// `gongkai build --watch`: build, then rebuild after every change until Ctrl-C. A change to
/// commentary, or inside one region's folder leaving its name and place alone, updates just
/// the files it affects, in place; anything else rebuilds the whole site.
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
                let change = crate::update::classify(root, &paths);
                let updated = match kept.as_mut() {
                    Some(prepared) => update_in_place(root, &out, prepared, &change),
                    None => false,
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

/// Past this many regions touched by a commentary edit, `build --watch` builds everything.
const IN_PLACE_MAX_REGIONS: usize = 64;

/// Update the output in place after `change`. `false` when the whole site must be rebuilt
/// instead (the change reaches further, or the update failed).
fn update_in_place(
    root: &std::path::Path,
    out: &std::path::Path,
    prepared: &mut crate::update::Prepared,
    change: &crate::update::Change,
) -> bool {
    use crate::update::{NotApplied, Touched};
    let start = std::time::Instant::now();
    let touched = match prepared.apply(root, change) {
        Ok(t) => t,
        Err(NotApplied::Invalid(d)) => {
            report(&d);
            eprintln!("failed: {}; the site was left as it was", plural(d.error_count(), "error", "errors"));
            return true;
        }
        Err(NotApplied::Everything(why)) => {
            println!("{why}: rebuilding the whole site");
            return false;
        }
    };
    // An indicator's commentary shows on its page in every region: at national scale that is
    // most of the site, better streamed by a full build than gathered in memory.
    if let Touched::Pages(sel) = &touched
        && sel.regions.len() > IN_PLACE_MAX_REGIONS
    {
        return false;
    }
    let Touched::Region(region, indicators) = touched else {
        let files = match prepared.render_touched(root, &touched) {
            Ok(f) => f,
            Err(_) => return false,
        };
        return match crate::output::update_in_place(out, &files) {
            Ok(pages) => {
                println!("updated {} of {} files in {} ms", pages.written, pages.files, start.elapsed().as_millis());
                true
            }
            Err(e) => {
                eprintln!("error: cannot write the site to {}: {e}", out.display());
                false
            }
        };
    };
    // The region's rows are spliced into the whole-site downloads while its pages are made:
    // the one is mostly the kernel copying files, the other rendering.
    let crate::update::Prepared { site, theme, evals, downloads } = prepared;
    let site: &crate::model::Site = site;
    let sink = crate::output::InPlace::new(out);
    let (pages_done, downloads_done) = std::thread::scope(|scope| {
        let spliced = scope.spawn(|| crate::update::update_downloads(site, downloads, &sink, region));
        let pages = crate::render::render_region_update(site, theme, evals, root, region, &indicators)
            .map_err(|_| None)
            .and_then(|files| crate::output::update_in_place(out, &files).map_err(Some));
        match &pages {
            Ok(pages) => println!(
                "updated {} of {} files in {} ms; now the downloads",
                pages.written,
                pages.files,
                start.elapsed().as_millis()
            ),
            Err(Some(e)) => eprintln!("error: cannot write the site to {}: {e}", out.display()),
            Err(None) => {}
        }
        let spliced = spliced.join().unwrap_or_else(|_| Err(std::io::Error::other("the downloads' thread stopped")));
        (pages, spliced)
    });
    if pages_done.is_err() {
        return false;
    }
    let done = match downloads_done {
        Ok(done) => done,
        Err(e) => {
            eprintln!("error: cannot write the downloads to {}: {e}", out.display());
            return false;
        }
    };
    let whole = if done.whole > 0 { format!(", {} written whole", done.whole) } else { String::new() };
    println!(
        "updated the downloads ({} of {} files changed{whole}) in {} ms",
        done.spliced + done.whole,
        done.spliced + done.whole + done.kept,
        start.elapsed().as_millis()
    );
    true
}

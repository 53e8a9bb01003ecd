//! The command line: `gongkai check`, `gongkai build`, `gongkai serve`, `gongkai init`. It parses
//! the arguments, calls the build path ([`crate::build`]) and prints what came of it; the work
//! is done there.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::build::{self, BuildError, BuiltSite, NotApplied, Output};
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

/// Print the problems, their YAML paths turned into lines and columns, sorted by file and
/// place. The one place the command line shows problems.
fn report(root: &Path, mut diags: Diagnostics) -> Diagnostics {
    if !diags.is_empty() {
        crate::content::spans::resolve(&mut diags, root);
        eprint!("{diags}");
    }
    diags
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Check { strict } => check(&cli.root, strict),
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

/// `gongkai check [--strict]`: every problem, then a summary.
fn check(root: &Path, strict: bool) -> ExitCode {
    let (site, diags) = build::check(root, strict);
    let diags = report(root, diags);
    let Some(site) = site else {
        eprintln!(
            "failed: {}, {}",
            plural(diags.error_count(), "error", "errors"),
            plural(diags.warning_count(), "warning", "warnings")
        );
        return ExitCode::from(1);
    };
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

/// `gongkai build`: check, render, and write the site all or nothing.
fn build(root: &Path, output: &Path) -> ExitCode {
    let (code, kept) = build_keeping(root, output);
    // The process ends here: the system takes the model back at once, where freeing it piece
    // by piece takes most of a second at national scale.
    std::mem::forget(kept);
    code
}

/// [`build`], handing back the built site when the build succeeded.
fn build_keeping(root: &Path, output: &Path) -> (ExitCode, Option<BuiltSite>) {
    let start = std::time::Instant::now();
    let out = if output.is_absolute() { output.to_path_buf() } else { root.join(output) };
    match build::write_site(root, &out, true) {
        Ok(written) => {
            report(root, written.warnings);
            let stats = written.stats;
            println!(
                "built {} ({:.1} MB, {} changed) into {} in {} ms",
                plural(stats.files, "file", "files"),
                stats.bytes as f64 / 1_048_576.0,
                stats.written,
                out.display(),
                start.elapsed().as_millis()
            );
            (ExitCode::SUCCESS, Some(written.site))
        }
        Err((BuildError::Content(d), warnings)) => {
            report(root, warnings);
            let d = report(root, d);
            eprintln!("failed: {}; the previous site was left as it was", plural(d.error_count(), "error", "errors"));
            (ExitCode::from(1), None)
        }
        Err((BuildError::Write(e), warnings)) => {
            report(root, warnings);
            eprintln!(
                "error: cannot write the site to {}: {e}\n   = hint: check that the folder is writable and the disk is not full; the previous site was left as it was",
                out.display()
            );
            (ExitCode::from(1), None)
        }
    }
}

/// `gongkai build --watch`: build, then rebuild after every change until Ctrl-C. A change to
/// commentary, or inside one region's folder leaving its name and place alone, updates just
/// the files it affects, in place; anything else rebuilds the whole site.
fn build_watch(root: &Path, output: &Path, poll: bool) -> ExitCode {
    // File events carry absolute paths; compare them with an absolute root.
    let root = crate::watch::absolute(root);
    let root = root.as_path();
    let (_, mut kept) = build_keeping(root, output);
    let out = if output.is_absolute() { output.to_path_buf() } else { root.join(output) };
    let watcher = match crate::watch::watch(root, poll) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    println!("watching for changes (Ctrl-C to stop)");
    watcher.each_change(
        |paths, what| {
            println!("{what}:");
            let change = build::classify(root, paths);
            let updated = match kept.as_mut() {
                Some(built) => update_in_place(root, &out, built, &change),
                None => false,
            };
            if !updated {
                kept = build_keeping(root, output).1;
            }
        },
        |e| eprintln!("warning: file watching: {e}"),
    );
    ExitCode::SUCCESS
}

/// Update the output in place after `change`. `false` when the whole site must be rebuilt
/// instead (the change reaches further, or the update failed).
fn update_in_place(root: &Path, out: &Path, built: &mut BuiltSite, change: &build::Change) -> bool {
    let start = std::time::Instant::now();
    let pages_done = |u: &build::Updated| {
        let then = if matches!(change, build::Change::Region(_)) { "; now the downloads" } else { "" };
        println!("updated {} of {} files in {} ms{then}", u.pages.written, u.pages.files, u.pages_after.as_millis());
    };
    match built.update(root, change, Output::Disk(out), &pages_done) {
        Ok(updated) => {
            if let Some(done) = updated.downloads {
                let whole = if done.whole > 0 { format!(", {} written whole", done.whole) } else { String::new() };
                println!(
                    "updated the downloads ({} of {} files changed{whole}) in {} ms",
                    done.spliced + done.whole,
                    done.spliced + done.whole + done.kept,
                    start.elapsed().as_millis()
                );
            }
            true
        }
        Err(NotApplied::Invalid(d)) => {
            let d = report(root, d);
            eprintln!("failed: {}; the site was left as it was", plural(d.error_count(), "error", "errors"));
            true
        }
        Err(NotApplied::Everything(why)) => {
            println!("{why}: rebuilding the whole site");
            false
        }
    }
}

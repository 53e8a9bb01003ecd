//! The command line: `gongkai check`, `gongkai build`, `gongkai serve`, `gongkai init`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::diagnostics::Diagnostics;
use crate::model::Site;

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
        /// Treat warnings (such as missing English text) as errors.
        #[arg(long)]
        strict: bool,
    },
    /// Check the content and write the website to public/.
    Build {
        /// Where to write the site.
        #[arg(long, default_value = "public", value_name = "DIR")]
        output: PathBuf,
    },
}

/// Read, check and cross-reference the content under `root`; print problems to stderr.
pub fn load_site(root: &std::path::Path, strict: bool) -> (Option<Site>, Diagnostics) {
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
            let (site, diags) = load_site(&cli.root, strict);
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
        Command::Build { output: _ } => {
            let (site, diags) = load_site(&cli.root, false);
            report(&diags);
            match site {
                Some(_) => {
                    println!("content is valid; rendering the site is not built yet");
                    ExitCode::SUCCESS
                }
                None => {
                    eprintln!("failed: {}; nothing was written", plural(diags.error_count(), "error", "errors"));
                    ExitCode::from(1)
                }
            }
        }
    }
}

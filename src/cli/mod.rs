//! The command line: `gongkai check`, `gongkai build`, `gongkai serve`, `gongkai init`,
//! `gongkai import`. It parses
//! the arguments (`args.rs`), calls the build path ([`crate::build`]) and prints what came of
//! it, in the user's language; the work is done there.

mod args;
mod import;
mod template;

pub use args::{Cli, Command, UiLang, command, parse};

use std::path::Path;
use std::process::ExitCode;

use crate::build::{self, BuildError, BuiltSite, NotApplied, Output};
use crate::diagnostics::Diagnostics;
use crate::messages::{Lang, Message, cli as words};

/// Print the problems, their YAML paths turned into lines and columns, sorted by file and
/// place. The one place the command line shows problems.
fn report(root: &Path, mut diags: Diagnostics) -> Diagnostics {
    if !diags.is_empty() {
        crate::content::spans::resolve(&mut diags, root);
        eprint!("{diags}");
    }
    diags
}

/// An error that names no file, with its hint, framed as problems are in the user's language.
fn say_error(message: &Message, hint: Option<&Message>) {
    let lang = crate::messages::ui_lang();
    let (label, hint_label) = (words::LABEL_ERROR.text(lang), words::LABEL_HINT.text(lang));
    match lang {
        Lang::En => {
            eprintln!("{label}: {}", message.text(lang));
            if let Some(h) = hint {
                eprintln!("   = {hint_label}: {}", h.text(lang));
            }
        }
        Lang::Zh => {
            eprintln!("{label}：{}", crate::messages::full_stop(&message.text(lang)));
            if let Some(h) = hint {
                eprintln!("   {hint_label}：{}", crate::messages::full_stop(&h.text(lang)));
            }
        }
    }
}

/// "1 region", "2 regions": a count in the catalogue's one or many form.
fn count(n: usize, one: &'static crate::messages::Entry, many: &'static crate::messages::Entry) -> Message {
    if n == 1 { Message::new(one) } else { crate::msg!(*many, n = n) }
}

fn errors(n: usize) -> Message {
    count(n, &words::ONE_ERROR, &words::N_ERRORS)
}

fn warnings(n: usize) -> Message {
    count(n, &words::ONE_WARNING, &words::N_WARNINGS)
}

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Check { strict, publish } => check(&cli.root, strict, publish),
        Command::Build { output, watch: false, publish, .. } => build(&cli.root, &output, publish),
        Command::Build { output, watch: true, poll, .. } => build_watch(&cli.root, &output, poll),
        Command::Init { dir } => match crate::init::init(&dir) {
            Ok(n) => {
                println!("{}", crate::msg!(words::INIT_DONE, dir = dir.display(), n = n));
                println!("{}", crate::msg!(words::INIT_NEXT, dir = dir.display()));
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{}", crate::msg!(words::ERROR_LINE, error = e));
                ExitCode::from(1)
            }
        },
        Command::Import { file, region, map, dry_run, replace, drop_sample } => {
            import::run(&cli.root, crate::import::Options { file, region, map, dry_run, replace, drop_sample })
        }
        Command::Template { region, all, periods, with_children, output } => {
            template::run(&cli.root, &crate::template::Options { region, all, periods, with_children, output })
        }
        Command::Serve { interface, port, poll, open, render } => {
            crate::serve::run(crate::serve::Options { root: cli.root, interface, port, poll, open, render })
        }
    }
}

/// `gongkai check [--strict] [--publish]`: every problem, then a summary.
fn check(root: &Path, strict: bool, publish: bool) -> ExitCode {
    let mut notes = crate::diagnostics::Diagnostics::new();
    let gate = match (strict, publish) {
        (_, true) => Some(build::Gate::Publish(crate::publish::today(&mut notes))),
        (true, false) => Some(build::Gate::Strict),
        (false, false) => None,
    };
    let (site, mut diags) = build::check(root, gate);
    diags.extend(notes);
    let diags = report(root, diags);
    let Some(site) = site else {
        let failed = Message::new(&words::CHECK_FAILED)
            .arg_message("errors", errors(diags.error_count()))
            .arg_message("warnings", warnings(diags.warning_count()));
        eprintln!("{failed}");
        return ExitCode::from(1);
    };
    let s = site.summary();
    let ok = Message::new(&words::CHECK_OK)
        .arg_message("regions", count(s.regions, &words::ONE_REGION, &words::N_REGIONS))
        .arg_message("indicators", count(s.indicators, &words::ONE_INDICATOR, &words::N_INDICATORS))
        .arg_message("series", count(s.series, &words::ONE_SERIES, &words::N_SERIES))
        .arg_message("observations", count(s.observations, &words::ONE_OBSERVATION, &words::N_OBSERVATIONS))
        .arg_message("targets", count(s.targets, &words::ONE_TARGET, &words::N_TARGETS))
        .arg_message("tasks", count(s.tasks, &words::ONE_TASK, &words::N_TASKS))
        .arg_message("commentary", count(s.commentary, &words::ONE_COMMENTARY, &words::N_COMMENTARY))
        .arg_message("warnings", warnings(diags.warning_count()));
    println!("{ok}");
    ExitCode::SUCCESS
}

/// `gongkai build`: check, render, and write the site all or nothing.
fn build(root: &Path, output: &Path, publish: bool) -> ExitCode {
    let (code, kept) = build_keeping(root, output, publish);
    // The process ends here: the system takes the model back at once, where freeing it piece
    // by piece takes most of a second at national scale.
    std::mem::forget(kept);
    code
}

/// [`build`], handing back the built site when the build succeeded; with `publish`, only when
/// the gate of `check --publish` passed too.
fn build_keeping(root: &Path, output: &Path, publish: bool) -> (ExitCode, Option<BuiltSite>) {
    let start = std::time::Instant::now();
    let out = if output.is_absolute() { output.to_path_buf() } else { root.join(output) };
    let written = if publish {
        let mut notes = crate::diagnostics::Diagnostics::new();
        let today = crate::publish::today(&mut notes);
        report(root, notes);
        build::publish_site(root, &out, today)
    } else {
        build::write_site(root, &out, true)
    };
    match written {
        Ok(written) => {
            report(root, written.warnings);
            let stats = written.stats;
            let built = Message::new(&words::BUILT)
                .arg_message("files", count(stats.files, &words::ONE_FILE, &words::N_FILES))
                .arg("mb", format!("{:.1}", stats.bytes as f64 / 1_048_576.0))
                .arg("changed", stats.written)
                .arg("out", out.display())
                .arg("ms", start.elapsed().as_millis());
            println!("{built}");
            (ExitCode::SUCCESS, Some(written.site))
        }
        Err((BuildError::Content(d), warnings)) => {
            report(root, warnings);
            let d = report(root, d);
            eprintln!("{}", Message::new(&words::BUILD_FAILED).arg_message("errors", errors(d.error_count())));
            (ExitCode::from(1), None)
        }
        Err((BuildError::Write(e), warnings)) => {
            report(root, warnings);
            let message = crate::msg!(words::CANNOT_WRITE, out = out.display())
                .arg_message("error", crate::messages::io_error(&e));
            say_error(&message, Some(&Message::new(&words::CANNOT_WRITE_HINT)));
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
    let (_, mut kept) = build_keeping(root, output, false);
    let out = if output.is_absolute() { output.to_path_buf() } else { root.join(output) };
    let watcher = match crate::watch::watch(root, poll) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("{}", crate::msg!(words::ERROR_LINE, error = e));
            return ExitCode::from(1);
        }
    };
    println!("{}", Message::new(&words::WATCHING));
    watcher.each_change(
        |paths, what| {
            println!("{}", crate::msg!(words::CHANGED, what = what));
            let change = build::classify(root, paths);
            let updated = match kept.as_mut() {
                Some(built) => update_in_place(root, &out, built, &change),
                None => false,
            };
            if !updated {
                kept = build_keeping(root, output, false).1;
            }
        },
        |e| eprintln!("{}", crate::msg!(words::WATCH_WARNING, error = e)),
    );
    ExitCode::SUCCESS
}

/// Update the output in place after `change`. `false` when the whole site must be rebuilt
/// instead (the change reaches further, or the update failed).
fn update_in_place(root: &Path, out: &Path, built: &mut BuiltSite, change: &build::Change) -> bool {
    let start = std::time::Instant::now();
    let pages_done = |u: &build::Updated| {
        let then =
            if matches!(change, build::Change::Region(_)) { &words::UPDATED_PAGES_THEN } else { &words::UPDATED_PAGES };
        println!(
            "{}",
            crate::msg!(*then, written = u.pages.written, files = u.pages.files, ms = u.pages_after.as_millis())
        );
    };
    match built.update(root, change, Output::Disk(out), &pages_done) {
        Ok(updated) => {
            if let Some(done) = updated.downloads {
                let lang = crate::messages::ui_lang();
                let whole = if done.whole > 0 {
                    crate::msg!(words::WRITTEN_WHOLE, n = done.whole).text(lang)
                } else {
                    String::new()
                };
                let line = crate::msg!(
                    words::UPDATED_DOWNLOADS,
                    changed = done.spliced + done.whole,
                    files = done.spliced + done.whole + done.kept,
                    whole = whole,
                    ms = start.elapsed().as_millis()
                );
                println!("{line}");
            }
            true
        }
        Err(NotApplied::Invalid(d)) => {
            let d = report(root, d);
            eprintln!("{}", Message::new(&words::UPDATE_FAILED).arg_message("errors", errors(d.error_count())));
            true
        }
        Err(NotApplied::Everything(why)) => {
            println!("{}", crate::msg!(words::REBUILDING, why = why));
            false
        }
    }
}

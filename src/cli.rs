//! The command line: `gongkai check`, `gongkai build`, `gongkai serve`, `gongkai init`. It parses
//! the arguments, calls the build path ([`crate::build`]) and prints what came of it; the work
//! is done there.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::build::{self, BuildError, BuiltSite, NotApplied, Output};
use crate::diagnostics::Diagnostics;
use crate::messages::{Lang, Message, cli as words};

/// The command line. What `--help` says comes from the catalogue ([`crate::messages::cli`]) in
/// the user's language (see [`command`]); the comments here are for the code's readers.
#[derive(Debug, Parser)]
#[command(name = "gongkai", version)]
pub struct Cli {
    /// The site folder.
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,

    /// The language of gongkai's own messages (not the site's languages).
    #[arg(long, global = true, value_enum, value_name = "zh|en")]
    pub ui_lang: Option<UiLang>,

    #[command(subcommand)]
    pub command: Command,
}

/// A language for `--ui-lang`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum UiLang {
    Zh,
    En,
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

/// The command line's definition, its help in `lang` from the catalogue.
pub fn command(lang: Lang) -> clap::Command {
    let t = |e: &'static crate::messages::Entry| e.text(lang);
    let help = |a: clap::Arg, e: &'static crate::messages::Entry| a.help(t(e));
    // The values' own descriptions are the enums' doc comments: the help text names them.
    let help_values = |a: clap::Arg, e: &'static crate::messages::Entry| a.help(t(e)).hide_possible_values(true);
    let mut cmd = <Cli as clap::CommandFactory>::command()
        .about(t(&words::HELP_ABOUT))
        .after_help(t(&words::HELP_AFTER))
        .mut_arg("root", |a| help(a, &words::HELP_ROOT))
        .mut_arg("ui_lang", |a| help_values(a, &words::HELP_UI_LANG))
        .mut_subcommand("check", |c| {
            c.about(t(&words::HELP_CHECK)).mut_arg("strict", |a| help(a, &words::HELP_CHECK_STRICT))
        })
        .mut_subcommand("build", |c| {
            c.about(t(&words::HELP_BUILD))
                .mut_arg("output", |a| help(a, &words::HELP_BUILD_OUTPUT))
                .mut_arg("watch", |a| help(a, &words::HELP_BUILD_WATCH))
                .mut_arg("poll", |a| help(a, &words::HELP_BUILD_POLL))
        })
        .mut_subcommand("init", |c| c.about(t(&words::HELP_INIT)).mut_arg("dir", |a| help(a, &words::HELP_INIT_DIR)))
        .mut_subcommand("serve", |c| {
            c.about(t(&words::HELP_SERVE))
                .mut_arg("interface", |a| help(a, &words::HELP_SERVE_INTERFACE))
                .mut_arg("port", |a| help(a, &words::HELP_SERVE_PORT))
                .mut_arg("poll", |a| help(a, &words::HELP_SERVE_POLL))
                .mut_arg("open", |a| help(a, &words::HELP_SERVE_OPEN))
                .mut_arg("render", |a| help_values(a, &words::HELP_SERVE_RENDER))
        });
    // The parts clap writes itself: headings, the help and version flags, the `help` command.
    cmd.build();
    frame(cmd, lang, true)
}

/// The parts clap writes itself, in `lang`, for a command and its subcommands: the headings
/// (a template, so that Chinese gets its full-width colon), default values, the help and
/// version flags and the `help` command.
fn frame(cmd: clap::Command, lang: Lang, top: bool) -> clap::Command {
    let t = |e: &'static crate::messages::Entry| e.text(lang);
    let colon = if lang == Lang::Zh { "：" } else { ":" };
    let heading = |e: &'static crate::messages::Entry| format!("{}{colon}", t(e));
    let mut template = format!(
        "{{before-help}}{{about-with-newline}}\n{}{}{{usage}}\n",
        t(&words::HELP_USAGE),
        if lang == Lang::Zh { "：" } else { ": " }
    );
    if cmd.has_subcommands() {
        template.push_str(&format!("\n{}\n{{subcommands}}\n", heading(&words::HELP_COMMANDS)));
    }
    if cmd.get_positionals().next().is_some() {
        template.push_str(&format!("\n{}\n{{positionals}}\n", heading(&words::HELP_ARGUMENTS)));
    }
    template.push_str(&format!("\n{}\n{{options}}{{after-help}}", heading(&words::HELP_OPTIONS)));
    let mut cmd = cmd.help_template(template).mut_args(|a| {
        // "[default: x]" is clap's English: the default goes into the help text instead.
        let defaults: Vec<String> = a.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
        if defaults.is_empty() || a.is_hide_default_value_set() || !a.get_action().takes_values() {
            return a;
        }
        let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
        let default = crate::msg!(words::HELP_DEFAULT, value = defaults.join(", ")).text(lang);
        a.hide_default_value(true).help(format!("{help}{default}"))
    });
    if cmd.get_arguments().any(|a| a.get_id() == "help") {
        cmd = cmd.mut_arg("help", |a| a.help(t(&words::HELP_HELP)));
    }
    if top && cmd.get_arguments().any(|a| a.get_id() == "version") {
        cmd = cmd.mut_arg("version", |a| a.help(t(&words::HELP_VERSION)));
    }
    let names: Vec<String> = cmd.get_subcommands().map(|c| c.get_name().to_string()).collect();
    for name in names {
        cmd = cmd.mut_subcommand(&name, |c| {
            let c = if name == "help" { c.about(t(&words::HELP_HELP_COMMAND)) } else { c };
            frame(c, lang, false)
        });
    }
    cmd
}

/// Parse the command line, speaking the user's language (`--ui-lang`, else `GONGKAI_LANG` or
/// the locale): help and usage mistakes are printed by clap and end the process.
pub fn parse() -> Cli {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // The language is needed before parsing, to write the help in it.
    let flag = args.iter().enumerate().find_map(|(i, a)| {
        let a = a.to_string_lossy();
        match a.strip_prefix("--ui-lang") {
            Some(v) if v.starts_with('=') => Some(v[1..].to_string()),
            Some("") => args.get(i + 1).map(|v| v.to_string_lossy().into_owned()),
            _ => None,
        }
    });
    match flag.as_deref() {
        Some("zh") => crate::messages::set_ui_lang(Lang::Zh),
        Some("en") => crate::messages::set_ui_lang(Lang::En),
        _ => {}
    }
    let lang = crate::messages::ui_lang();
    let parsed =
        command(lang).try_get_matches_from(args).and_then(|m| <Cli as clap::FromArgMatches>::from_arg_matches(&m));
    match parsed {
        Ok(cli) => cli,
        Err(e) => usage_error(e, lang),
    }
}

/// A mistake on the command line: clap says it in English; in Chinese, the common ones are
/// said from the catalogue (the rest keep clap's words after a Chinese first line).
fn usage_error(e: clap::Error, lang: Lang) -> ! {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if lang == Lang::En
        || matches!(
            e.kind(),
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        )
    {
        e.exit()
    }
    let get = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join("、"),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let message = match e.kind() {
        ErrorKind::InvalidSubcommand => {
            crate::msg!(words::USAGE_UNKNOWN_COMMAND, name = get(ContextKind::InvalidSubcommand))
        }
        ErrorKind::UnknownArgument => crate::msg!(words::USAGE_UNKNOWN_OPTION, name = get(ContextKind::InvalidArg)),
        ErrorKind::InvalidValue => crate::msg!(
            words::USAGE_INVALID_VALUE,
            name = get(ContextKind::InvalidArg),
            value = get(ContextKind::InvalidValue),
            valid = get(ContextKind::ValidValue)
        ),
        ErrorKind::ValueValidation => crate::msg!(
            words::USAGE_BAD_VALUE,
            name = get(ContextKind::InvalidArg),
            value = get(ContextKind::InvalidValue)
        ),
        ErrorKind::MissingRequiredArgument => crate::msg!(words::USAGE_MISSING, names = get(ContextKind::InvalidArg)),
        _ => crate::msg!(
            words::USAGE_OTHER,
            detail = e.render().to_string().lines().next().unwrap_or("").trim_start_matches("error: ")
        ),
    };
    let suggested = [ContextKind::SuggestedSubcommand, ContextKind::SuggestedArg]
        .into_iter()
        .map(get)
        .find(|s| !s.is_empty())
        .map(|s| crate::msg!(words::DID_YOU_MEAN, word = s.trim_matches('`')));
    say_error(&message, suggested.as_ref());
    eprintln!("\n{}", words::USAGE_MORE.text(lang));
    std::process::exit(2)
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
        Command::Check { strict } => check(&cli.root, strict),
        Command::Build { output, watch: false, .. } => build(&cli.root, &output),
        Command::Build { output, watch: true, poll } => build_watch(&cli.root, &output, poll),
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
    let (_, mut kept) = build_keeping(root, output);
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
                kept = build_keeping(root, output).1;
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

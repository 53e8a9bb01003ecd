//! The command line's arguments (clap), and `--help` and usage mistakes in the user's language:
//! clap's derive gives the shape, the catalogue ([`crate::messages::cli`]) every word.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::messages::{Lang, cli as words, template as tw};

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
        /// Everything --strict checks, and the publishing gate: no sample values or tasks, no
        /// placeholder commentary, no empty pages, the identity marks and an https base_url.
        #[arg(long)]
        publish: bool,
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
        /// Run the gate of `check --publish` first; write nothing unless it passes.
        #[arg(long, conflicts_with = "watch")]
        publish: bool,
    },
    /// Create a small starter site in DIR (a region, two indicators, targets, data, tasks and
    /// commentary in both languages) that builds as it is.
    Init {
        /// The folder to create the site in.
        dir: PathBuf,
    },
    /// Import values from a spreadsheet into the regions' data.csv.
    Import {
        /// The spreadsheet or CSV file.
        file: PathBuf,
        /// The region of a sheet without a region column.
        #[arg(long, value_name = "ID")]
        region: Option<String>,
        /// The mapping file.
        #[arg(long, value_name = "import.yaml")]
        map: Option<PathBuf>,
        /// Show what would change, write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Replace values already held.
        #[arg(long)]
        replace: bool,
        /// Drop the sample values of the regions a gongkai workbook covers.
        #[arg(long)]
        drop_sample: bool,
    },
    /// Write the collection workbook of a reporting round.
    Template {
        /// The region.
        #[arg(long, value_name = "ID", required_unless_present = "all")]
        region: Option<String>,
        /// One workbook per region.
        #[arg(long, conflicts_with = "region")]
        all: bool,
        /// The periods asked.
        #[arg(long, value_name = "2025|2025Q1..2025Q4")]
        periods: Option<String>,
        /// A block per region below.
        #[arg(long)]
        with_children: bool,
        /// The file (or with --all the folder) to write.
        #[arg(short = 'o', long, value_name = "FILE.xlsx|DIR")]
        output: Option<PathBuf>,
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
            c.about(t(&words::HELP_CHECK))
                .mut_arg("strict", |a| help(a, &words::HELP_CHECK_STRICT))
                .mut_arg("publish", |a| help(a, &words::HELP_CHECK_PUBLISH))
        })
        .mut_subcommand("build", |c| {
            c.about(t(&words::HELP_BUILD))
                .mut_arg("output", |a| help(a, &words::HELP_BUILD_OUTPUT))
                .mut_arg("watch", |a| help(a, &words::HELP_BUILD_WATCH))
                .mut_arg("poll", |a| help(a, &words::HELP_BUILD_POLL))
                .mut_arg("publish", |a| help(a, &words::HELP_BUILD_PUBLISH))
        })
        .mut_subcommand("init", |c| c.about(t(&words::HELP_INIT)).mut_arg("dir", |a| help(a, &words::HELP_INIT_DIR)))
        .mut_subcommand("import", |c| {
            c.about(t(&words::HELP_IMPORT))
                .mut_arg("file", |a| help(a, &words::HELP_IMPORT_FILE))
                .mut_arg("region", |a| help(a, &words::HELP_IMPORT_REGION))
                .mut_arg("map", |a| help(a, &words::HELP_IMPORT_MAP))
                .mut_arg("dry_run", |a| help(a, &words::HELP_IMPORT_DRY_RUN))
                .mut_arg("replace", |a| help(a, &words::HELP_IMPORT_REPLACE))
                .mut_arg("drop_sample", |a| help(a, &tw::HELP_IMPORT_DROP_SAMPLE))
        })
        .mut_subcommand("template", |c| {
            c.about(t(&tw::HELP_TEMPLATE))
                .mut_arg("region", |a| help(a, &tw::HELP_TEMPLATE_REGION))
                .mut_arg("all", |a| help(a, &tw::HELP_TEMPLATE_ALL))
                .mut_arg("periods", |a| help(a, &tw::HELP_TEMPLATE_PERIODS))
                .mut_arg("with_children", |a| help(a, &tw::HELP_TEMPLATE_CHILDREN))
                .mut_arg("output", |a| help(a, &tw::HELP_TEMPLATE_OUTPUT))
        })
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
    super::say_error(&message, suggested.as_ref());
    eprintln!("\n{}", words::USAGE_MORE.text(lang));
    std::process::exit(2)
}

//! The one catalogue of what gongkai says to its users — problems, hints, summaries, progress,
//! the preview's notices, `init`'s output, `--help` — each message in Chinese and English.
//!
//! A message is an [`Entry`] of the catalogue (a static with both texts, `{name}` marking each
//! placeholder) and its arguments: a [`Message`]. Problems keep their messages typed
//! ([`crate::diagnostics::Diagnostic`]); the language is chosen when they are shown: the user's
//! interface language ([`ui_lang`]: `GONGKAI_LANG`, else `LC_ALL`, `LC_MESSAGES`, `LANG`
//! starting with `zh`) or one named ([`Message::text`]). The site's own languages are a
//! different thing (`site.yaml: languages`).
//!
//! The entries are grouped by who says them, one file each (`content.rs`, `model.rs`, …), so
//! that work on one stage does not touch another's; `ALL` lists every group, and a test walks
//! them: both languages present, Chinese in Chinese (unless listed as the same in both), the
//! same placeholders on both sides.
//!
//! Chinese is written as a careful colleague writes it, with full-width punctuation (，。：；？
//! （）); file paths, field names, ids and values stay as they are, in backquotes.

pub mod cli;
pub mod content;
pub mod import;
pub mod model;
pub mod render;
pub mod serve;
pub mod template;

use std::fmt;
use std::sync::atomic::{AtomicU8, Ordering};

/// A language gongkai speaks to its users in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

/// One message of the catalogue, in both languages.
#[derive(Debug, PartialEq, Eq)]
pub struct Entry {
    /// The entry's name in the catalogue (its static's name), for tests and debugging.
    pub id: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

impl Entry {
    pub fn text(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

/// Define catalogue entries: `NAME: "english {x}" => "中文 {x}";` Each becomes a `pub static
/// NAME: Entry`, and `ALL` lists them.
macro_rules! catalogue {
    ($( $(#[$doc:meta])* $name:ident: $en:literal => $zh:literal; )*) => {
        $( $(#[$doc])* pub static $name: $crate::messages::Entry =
            $crate::messages::Entry { id: stringify!($name), en: $en, zh: $zh }; )*
        /// Every entry of this group.
        pub static ALL: &[&$crate::messages::Entry] = &[$(&$name),*];
    };
}
pub(crate) use catalogue;

/// Every group of entries, for the test that walks the catalogue.
pub fn all() -> Vec<&'static Entry> {
    [cli::ALL, content::ALL, import::ALL, model::ALL, render::ALL, serve::ALL, template::ALL].concat()
}

/// An argument of a message: plain text (a path, an id, a value), or another message put into
/// the same language.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    Message(Message),
}

/// A message to show: an entry and its arguments, or (rarely) another program's text given as
/// it is ([`Message::verbatim`]). Boxed: a problem report carries two, and stays small.
#[derive(Debug, Clone, PartialEq)]
pub struct Message(Box<Kind>);

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Entry {
        entry: &'static Entry,
        args: Vec<(&'static str, Arg)>,
    },
    /// Another program's text, the same in every language.
    Verbatim(String),
}

impl Message {
    pub fn new(entry: &'static Entry) -> Message {
        Message(Box::new(Kind::Entry { entry, args: Vec::new() }))
    }

    /// Fill the placeholder `{name}` with `value`.
    pub fn arg(mut self, name: &'static str, value: impl fmt::Display) -> Message {
        if let Kind::Entry { args, .. } = &mut *self.0 {
            args.push((name, Arg::Text(value.to_string())));
        }
        self
    }

    /// Fill the placeholder `{name}` with another message, in the same language.
    pub fn arg_message(mut self, name: &'static str, value: Message) -> Message {
        if let Kind::Entry { args, .. } = &mut *self.0 {
            args.push((name, Arg::Message(value)));
        }
        self
    }

    /// Text that is not gongkai's to translate: what another program said (the system, the
    /// template engine, the YAML parser), shown as it is. Never gongkai's own words: those are
    /// entries of the catalogue (a `String` is not a `Message`, so a bare string does not
    /// compile where a message is expected).
    pub fn verbatim(text: impl Into<String>) -> Message {
        Message(Box::new(Kind::Verbatim(text.into())))
    }

    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match &*self.0 {
            Kind::Verbatim(s) => s.clone(),
            Kind::Entry { entry, args } => fill(entry.text(lang), args, lang),
        }
    }

    pub fn en(&self) -> String {
        self.text(Lang::En)
    }

    pub fn zh(&self) -> String {
        self.text(Lang::Zh)
    }

    /// Whether the message (in English, where tests look) contains `s`.
    pub fn contains(&self, s: &str) -> bool {
        self.en().contains(s)
    }
}

/// `template` with each `{name}` replaced by its argument; `{{` and `}}` stand for braces.
fn fill(template: &str, args: &[(&'static str, Arg)], lang: Lang) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        if after.starts_with("{{") || after.starts_with("}}") {
            out.push_str(&after[..1]);
            rest = &after[2..];
            continue;
        }
        if let (true, Some(end)) = (after.starts_with('{'), after.find('}')) {
            let name = &after[1..end];
            match args.iter().find(|(n, _)| *n == name) {
                Some((_, Arg::Text(t))) => out.push_str(t),
                Some((_, Arg::Message(m))) => out.push_str(&m.text(lang)),
                None => out.push_str(&after[..=end]),
            }
            rest = &after[end + 1..];
        } else {
            out.push_str(&after[..1]);
            rest = &after[1..];
        }
    }
    out.push_str(rest);
    out
}

/// A system error (a file that cannot be written, say) in the catalogue's words where its kind
/// is a common one; the system's own text otherwise.
pub fn io_error(e: &std::io::Error) -> Message {
    use std::io::ErrorKind as K;
    let entry = match e.kind() {
        K::NotFound => &cli::IO_NOT_FOUND,
        K::PermissionDenied => &cli::IO_PERMISSION,
        K::AlreadyExists => &cli::IO_EXISTS,
        K::StorageFull => &cli::IO_DISK_FULL,
        K::ReadOnlyFilesystem => &cli::IO_READ_ONLY,
        _ => return Message::new(&cli::IO_OTHER).arg("detail", e),
    };
    Message::new(entry)
}

/// A Chinese sentence closed by a full stop, unless it already ends in closing punctuation.
pub fn full_stop(s: &str) -> String {
    match s.chars().last() {
        Some('。' | '？' | '！' | '）' | '」' | '”' | '.') | None => s.to_string(),
        _ => format!("{s}。"),
    }
}

/// The placeholders of a catalogue text, in order of appearance.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        let after = &rest[i..];
        if let Some(r) = after.strip_prefix("{{") {
            rest = r;
            continue;
        }
        match after.find('}') {
            Some(end) => {
                out.push(&after[1..end]);
                rest = &after[end + 1..];
            }
            None => break,
        }
    }
    out
}

impl From<&'static Entry> for Message {
    fn from(e: &'static Entry) -> Message {
        Message::new(e)
    }
}

/// Shown in the user's interface language.
impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(ui_lang()))
    }
}

/// A message from the catalogue with its arguments: `msg!(model::UNKNOWN_INDICATOR, id = x)`.
#[macro_export]
macro_rules! msg {
    ($entry:expr $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::messages::Message::new(&$entry)$(.arg(stringify!($name), $value))*
    };
}

/// 0: not chosen yet; 1: Chinese; 2: English.
static UI_LANG: AtomicU8 = AtomicU8::new(0);

/// Speak `lang` from now on (the command line's `--ui-lang`).
pub fn set_ui_lang(lang: Lang) {
    UI_LANG.store(if lang == Lang::Zh { 1 } else { 2 }, Ordering::Relaxed);
}

/// The language gongkai speaks to its user in: set by [`set_ui_lang`], else from the
/// environment ([`lang_from_env`]), read once.
pub fn ui_lang() -> Lang {
    match UI_LANG.load(Ordering::Relaxed) {
        1 => Lang::Zh,
        2 => Lang::En,
        _ => {
            let lang = lang_from_env(|k| std::env::var(k).ok());
            set_ui_lang(lang);
            lang
        }
    }
}

/// The environment's choice: `GONGKAI_LANG` (`zh` or `en`) first; else the first of `LC_ALL`,
/// `LC_MESSAGES` and `LANG` that is set and not empty, Chinese when it starts with `zh`;
/// English otherwise.
pub fn lang_from_env(var: impl Fn(&str) -> Option<String>) -> Lang {
    let zh = |v: &str| v.to_ascii_lowercase().starts_with("zh");
    if let Some(v) = var("GONGKAI_LANG").filter(|v| !v.is_empty()) {
        return if zh(&v) { Lang::Zh } else { Lang::En };
    }
    for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Some(v) = var(key).filter(|v| !v.is_empty()) {
            return if zh(&v) { Lang::Zh } else { Lang::En };
        }
    }
    Lang::En
}

#[cfg(test)]
mod tests;

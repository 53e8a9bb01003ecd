//! A progress bar for long builds: on a terminal only, never in CI or when stderr is piped, and
//! only once a build has taken more than a moment, so small sites build as quietly as before.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::messages::cli::{PROGRESS, PROGRESS_FILES, PROGRESS_LEFT};
use crate::messages::{Lang, ui_lang};
use crate::sink::{OutputFile, Sink};

/// How long a build runs before the bar appears.
const QUIET_FOR: Duration = Duration::from_millis(700);

/// Passes files on to `inner`, counting them on a bar.
pub struct Progress<'a> {
    inner: &'a dyn Sink,
    bar: ProgressBar,
    start: Instant,
    /// Whether the bar may be drawn at all (a terminal, not CI).
    allowed: bool,
    shown: AtomicBool,
}

impl<'a> Progress<'a> {
    /// A bar over about `total` files, drawn on stderr when `allowed`.
    pub fn new(inner: &'a dyn Sink, total: u64, allowed: bool) -> Self {
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template(&template(ui_lang())).unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        Progress { inner, bar, start: Instant::now(), allowed, shown: AtomicBool::new(false) }
    }

    /// Whether a bar belongs on this stderr: a terminal, and not a CI run.
    pub fn wanted() -> bool {
        use std::io::IsTerminal;
        let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0");
        io::stderr().is_terminal() && !ci
    }

    fn tick(&self) {
        self.bar.inc(1);
        if self.allowed && !self.shown.load(Ordering::Relaxed) && self.start.elapsed() > QUIET_FOR {
            self.shown.store(true, Ordering::Relaxed);
            self.bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(8));
        }
    }

    /// Remove the bar from the terminal.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// The bar's indicatif template in `lang`: "{spinner} writing the site {bar:30} {pos}/{len}
/// files · {elapsed} · about {eta} left".
fn template(lang: Lang) -> String {
    let left = crate::msg!(PROGRESS_LEFT, eta = "{eta}").text(lang);
    let (writing, files) = (PROGRESS.text(lang), PROGRESS_FILES.text(lang));
    format!("{{spinner}} {writing} {{bar:30}} {{pos}}/{{len}} {files} · {{elapsed}} · {left}")
}

impl Sink for Progress<'_> {
    fn file(&self, file: OutputFile) -> io::Result<()> {
        let r = self.inner.file(file);
        self.tick();
        r
    }

    fn stream(&self, path: &str, fill: &dyn Fn(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
        let r = self.inner.stream(path, fill);
        self.tick();
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_speaks_the_users_language() {
        assert_eq!(
            template(Lang::En),
            "{spinner} writing the site {bar:30} {pos}/{len} files · {elapsed} · about {eta} left"
        );
        assert_eq!(template(Lang::Zh), "{spinner} 正在写入站点 {bar:30} {pos}/{len} 个文件 · {elapsed} · 约剩 {eta}");
        for lang in [Lang::En, Lang::Zh] {
            assert!(ProgressStyle::with_template(&template(lang)).is_ok(), "{lang:?}");
        }
    }
}

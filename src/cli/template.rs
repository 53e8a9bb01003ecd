//! `gongkai template`: runs [`crate::template::run`] and says what it wrote, in the user's
//! language; exit code 0 written, 1 content errors or a file not written, 2 a usage mistake.

use std::path::Path;
use std::process::ExitCode;

use crate::messages::{Message, template as m};
use crate::msg;
use crate::template::{Failure, Options};

pub fn run(root: &Path, opts: &Options) -> ExitCode {
    match crate::template::run(root, opts) {
        Ok(outcome) => {
            super::report(root, outcome.warnings);
            for w in &outcome.written {
                println!(
                    "{}",
                    msg!(
                        m::TEMPLATE_WRITTEN,
                        file = w.file.display(),
                        regions = w.regions,
                        series = w.series,
                        tasks = w.tasks,
                        periods = &w.periods
                    )
                );
            }
            if outcome.no_deadline {
                println!("{}", Message::new(&m::TEMPLATE_NO_DEADLINE));
            }
            ExitCode::SUCCESS
        }
        Err(Failure::Usage(d)) => {
            super::say_error(&d.message, d.hint.as_ref());
            ExitCode::from(2)
        }
        Err(Failure::Content(d)) => {
            let d = super::report(root, d);
            eprintln!("{}", Message::new(&m::TEMPLATE_FAILED).arg_message("errors", super::errors(d.error_count())));
            ExitCode::from(1)
        }
        Err(Failure::Write(file, error)) => {
            super::say_error(&msg!(m::CANNOT_WRITE_WORKBOOK, file = file.display(), error = error), None);
            ExitCode::from(1)
        }
    }
}

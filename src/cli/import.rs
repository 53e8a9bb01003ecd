//! `gongkai import`: runs [`crate::import::run`] and prints what it did or would do, per
//! region, in the user's language; exit code 0 done (or a dry run), 1 problems in the file or
//! the content (conflicts without `--replace` among them), 2 a mistake on the command line.

use std::path::Path;
use std::process::ExitCode;

use crate::import::{Failure, Norm, Options, Outcome, Shape};
use crate::messages::{Message, cli as words, import as m};
use crate::msg;
use crate::spreadsheet::Format;

pub fn run(root: &Path, opts: Options) -> ExitCode {
    let lang = crate::messages::ui_lang();
    let sep = m::LIST_SEP.text(lang);
    if let Some((done, not)) = crate::import::leftover_journal(root) {
        let list =
            |v: &[String]| if v.is_empty() { Message::new(&m::NONE) } else { msg!(m::REGION_LIST, list = v.join(sep)) };
        let line = Message::new(&m::JOURNAL_FOUND).arg_message("done", list(&done)).arg_message("not", list(&not));
        eprintln!("{line}");
        let _ = std::fs::remove_file(root.join(crate::import::JOURNAL));
    }
    match crate::import::run(root, &opts) {
        Ok(outcome) => {
            summary(&opts, &outcome);
            super::report(root, outcome.warnings.clone());
            if opts.dry_run {
                println!("{}", Message::new(&m::DRY_RUN_DONE));
            } else {
                println!("{}", msg!(m::IMPORT_DONE, n = outcome.written));
            }
            ExitCode::SUCCESS
        }
        Err(Failure::Usage(d)) => {
            eprint!("{}", {
                let mut ds = crate::diagnostics::Diagnostics::new();
                ds.push(d);
                ds
            });
            ExitCode::from(2)
        }
        Err(Failure::Content(diags, outcome)) => {
            if let Some(o) = outcome {
                summary(&opts, &o);
            }
            let d = super::report(root, diags);
            eprintln!("{}", Message::new(&m::IMPORT_FAILED).arg_message("errors", super::errors(d.error_count())));
            ExitCode::from(1)
        }
        Err(Failure::Write(e)) => {
            let message = msg!(words::ERROR_LINE, error = e);
            eprintln!("{message}");
            ExitCode::from(1)
        }
    }
}

/// What was read, what was normalised, and per region what changes.
fn summary(opts: &Options, o: &Outcome) {
    let format = match o.format {
        Format::Xlsx => "xlsx".to_string(),
        Format::Xls => "xls".to_string(),
        Format::Ods => "ods".to_string(),
        Format::Csv(e) => format!("CSV, {}", e.name()),
    };
    let lang = crate::messages::ui_lang();
    let sheets: Vec<String> = o
        .sheets
        .iter()
        .map(|(name, shape)| {
            let shape = Message::new(match shape {
                Shape::Long => &m::SHAPE_LONG,
                Shape::ByRegion => &m::SHAPE_BY_REGION,
                Shape::ByIndicator => &m::SHAPE_BY_INDICATOR,
                Shape::ByPeriod => &m::SHAPE_BY_PERIOD,
                Shape::Fixed => &m::SHAPE_FIXED,
                Shape::Workbook => &crate::messages::template::SHAPE_WORKBOOK,
            });
            msg!(m::SHEET_SHAPE, sheet = name).arg_message("shape", shape).text(lang)
        })
        .collect();
    let sep = m::LIST_SEP.text(lang);
    println!("{}", msg!(m::SUMMARY_READ, file = opts.file.display(), format = format, sheets = sheets.join(sep)));
    if !o.counts.is_empty() {
        let list: Vec<String> =
            o.counts.iter().map(|(k, n): (&Norm, &usize)| msg!(*k.entry(), n = n).text(lang)).collect();
        println!("{}", msg!(m::NORMALISED, list = list.join(sep)));
    }
    for r in &o.regions {
        println!(
            "{}",
            msg!(
                m::REGION_SUMMARY,
                region = &r.id,
                added = r.added,
                changed = r.changed.len(),
                unchanged = r.unchanged
            )
        );
        for c in &r.changed {
            let scope = c.new.scope.as_deref().map(|s| format!(" [{s}]")).unwrap_or_default();
            let old = if c.old_sample { format!("{}{}", c.old, m::CHANGED_SAMPLE.text(lang)) } else { c.old.clone() };
            println!(
                "{}",
                msg!(
                    m::CHANGED_VALUE,
                    series = format!("{}{scope}", c.new.indicator),
                    period = c.new.period,
                    old = old,
                    new = c.new.value.written(),
                    file = c.file.display()
                )
            );
        }
        if !r.still_sample.is_empty() {
            println!("{}", msg!(m::STILL_SAMPLE, series = r.still_sample.join(sep)));
        }
        if let Some(x) = o.extras.iter().find(|x| x.region == r.id) {
            extra(x, sep);
        }
        if r.csv_was_gbk
            && let Some((f, _)) = r.files.iter().find(|(f, _)| f.ends_with("data.csv"))
        {
            println!("{}", msg!(m::CSV_WAS_GBK, file = f.display()));
        }
    }
}

/// A gongkai workbook's task progress and the sample values dropped, for one region.
fn extra(x: &crate::import::RegionExtra, sep: &str) {
    use crate::messages::template as t;
    let lang = crate::messages::ui_lang();
    if x.dropped > 0 {
        let files: Vec<String> = x.dropped_files.iter().map(|f| f.display().to_string()).collect();
        println!("{}", msg!(t::DROPPED_SAMPLE, region = &x.region, n = x.dropped, files = files.join(sep)));
    }
    let given: Vec<String> = x
        .tasks
        .iter()
        .filter(|d| d.given)
        .map(|d| if d.was_sample { format!("{}{}", d.task, t::TASK_SAMPLE_CLEARED.text(lang)) } else { d.task.clone() })
        .collect();
    if !given.is_empty() {
        println!("{}", msg!(t::TASKS_SUMMARY, region = &x.region, n = given.len(), tasks = given.join(sep)));
    }
    let dropped: Vec<&str> = x.tasks.iter().filter(|d| !d.given).map(|d| d.task.as_str()).collect();
    if !dropped.is_empty() {
        println!("{}", msg!(t::TASKS_SAMPLE_DROPPED, region = &x.region, n = dropped.len(), tasks = dropped.join(sep)));
    }
}

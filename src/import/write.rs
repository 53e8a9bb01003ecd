//! Writing without harm. Imported values go to the region's `data.csv` (made if absent, UTF-8
//! with a BOM, the documented header); a value already held in a hand-written `data.yaml` is
//! replaced by editing the one line that holds it, never by writing the file anew (its
//! comments are its provenance), or refused naming that line. Each file is written whole to a
//! temporary file and renamed over the old one; a journal in the site's root says which
//! regions were written if the process stops between two files.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::cell::{Imported, Val};
use crate::content::DataRecord;
use crate::content::de::RawValue;
use crate::content::spans::SpanIndex;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::messages::{Message, import as m};
use crate::model::time::Period;
use crate::msg;

/// The columns import writes, in the documented order; `released` only where a row has one.
pub const HEADER: [&str; 8] = ["indicator", "scope", "period", "value", "note", "source", "sample", "released"];

/// The journal's name, in the site's root.
pub const JOURNAL: &str = ".gongkai-import-journal";

/// A value that changes: the new one, the old one as written, and where the old one is.
#[derive(Debug, Clone)]
pub struct Change {
    pub new: Imported,
    pub old: String,
    pub old_sample: bool,
    pub file: PathBuf,
}

/// What import does to one region.
#[derive(Debug, Clone, Default)]
pub struct RegionPlan {
    pub id: String,
    /// How many values are new.
    pub added: usize,
    pub changed: Vec<Change>,
    pub unchanged: usize,
    /// Series (indicator and scope) that hold sample values after the import.
    pub still_sample: Vec<String>,
    /// The new texts of the files to write, by path under the root.
    pub files: Vec<(PathBuf, String)>,
    /// The old `data.csv` was GBK and is written as UTF-8 with a BOM.
    pub csv_was_gbk: bool,
    /// Sample rows dropped from `data.csv` (`--drop-sample`).
    pub dropped_sample: usize,
}

impl RegionPlan {
    /// The text of the file at `rel` (under the root) as this plan leaves it: its new text, or
    /// the file as it is on disk (decoded as content files are).
    pub fn text(&self, root: &Path, rel: &Path) -> Option<String> {
        match self.files.iter().find(|(f, _)| f == rel) {
            Some((_, t)) => Some(t.clone()),
            None => disk_text(root, rel),
        }
    }
}

/// A content file's text as on disk (UTF-8 or GB18030), `None` when it is not there or not text.
pub fn disk_text(root: &Path, rel: &Path) -> Option<String> {
    std::fs::read(root.join(rel)).ok().and_then(|b| crate::spreadsheet::decode(&b).ok()).map(|d| d.0)
}

type Key = (String, String, Period);

fn key_of(i: &Imported) -> Key {
    (i.indicator.to_string(), i.scope.as_deref().unwrap_or_default().to_string(), i.period)
}

/// The same value, whichever way it is written.
fn same(old: &str, new: Val) -> bool {
    match new {
        Val::Number(n) => old.trim().parse::<f64>().is_ok_and(|o| o == n),
        Val::State(s) => old.trim() == s.as_str(),
    }
}

/// A region as import sees it: its folder and the records of its data files as they are.
pub struct RegionData {
    pub id: String,
    pub dir: PathBuf,
    pub data: Vec<DataRecord>,
}

impl RegionData {
    /// The region's data files read again from disk (only the regions an import touches are:
    /// the site's model does not keep the records with their places).
    pub fn read(root: &Path, id: &str, dir: &Path) -> RegionData {
        let text = |name: &str| disk_text(root, &dir.join(name));
        let (csv, yaml) = (text("data.csv"), text("data.yaml"));
        let (data, _) = crate::content::region_data(dir, csv.as_deref(), yaml.as_deref());
        RegionData { id: id.to_string(), dir: dir.to_path_buf(), data }
    }
}

/// Plan the import of `values` into one region: what is added, changed, unchanged, and the new
/// texts of its files. Conflicts without `replace` and values that cannot be edited in place
/// are problems.
pub fn plan_region(
    root: &Path,
    region: &RegionData,
    values: &[&Imported],
    replace: bool,
    drop_sample: bool,
) -> (RegionPlan, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut plan = RegionPlan { id: region.id.clone(), ..Default::default() };
    let csv_rel = region.dir.join("data.csv");
    let yaml_rel = region.dir.join("data.yaml");

    // The rows of data.csv as they are, in the columns import writes.
    let mut rows: Vec<[String; 8]> = Vec::new();
    let mut in_csv: HashMap<Key, usize> = HashMap::new();
    // The line in data.csv of each row read (rows added by this import have none).
    let mut lines: Vec<Option<usize>> = Vec::new();
    let mut csv_edited = false;
    if let Ok(bytes) = std::fs::read(root.join(&csv_rel)) {
        let (text, encoding) = match crate::spreadsheet::decode(&bytes) {
            Ok(t) => t,
            Err((message, hint)) => {
                diags.push(Diagnostic::error(&csv_rel, Location::File, message).with_hint(hint));
                return (plan, diags);
            }
        };
        plan.csv_was_gbk = encoding == crate::spreadsheet::TextEncoding::Gb18030;
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
        let header: Vec<String> = match reader.headers() {
            Ok(h) => h.iter().map(|c| c.trim().to_lowercase()).collect(),
            Err(_) => Vec::new(),
        };
        if header.len() < 5 || header[..5] != HEADER[..5] {
            diags.push(
                Diagnostic::error(&csv_rel, Location::Position { line: 1, column: 1 }, msg!(m::CSV_NOT_MERGEABLE))
                    .with_hint(msg!(m::CSV_NOT_MERGEABLE_HINT)),
            );
            return (plan, diags);
        }
        let mut line_of = crate::content::csv::LineOf::new(&text);
        for record in reader.records().flatten() {
            lines.push(Some(line_of.line(record.position())));
            let mut row: [String; 8] = Default::default();
            for (i, name) in header.iter().enumerate() {
                if let Some(c) = HEADER.iter().position(|h| h == name) {
                    row[c] = record.get(i).unwrap_or("").to_string();
                }
            }
            if drop_sample && matches!(row[6].trim(), "true" | "yes" | "1") {
                plan.dropped_sample += 1;
                csv_edited = true;
                continue;
            }
            if let Some(p) = Period::parse(&row[2]) {
                in_csv.insert((row[0].trim().to_string(), row[1].trim().to_string(), p), rows.len());
            }
            rows.push(row);
        }
    }

    // The values data.yaml holds, with where.
    let yaml_text = std::fs::read_to_string(root.join(&yaml_rel)).ok();
    // (where, the value, a sample, dated by its entry's `released`)
    let mut in_yaml: HashMap<Key, (&DataRecord, &RawValue, bool, bool)> = HashMap::new();
    for r in region.data.iter().filter(|r| *r.file == *yaml_rel) {
        if let Some(p) = Period::parse(&r.period) {
            in_yaml.insert(
                (r.indicator.to_string(), r.scope.as_deref().unwrap_or_default().to_string(), p),
                (r, &r.value, r.sample, r.released.is_some()),
            );
        }
    }
    let index = yaml_text.as_deref().map(SpanIndex::new);
    let mut yaml_lines: Vec<String> =
        yaml_text.as_deref().map(|t| t.split('\n').map(str::to_string).collect()).unwrap_or_default();
    let mut yaml_edited = false;

    for v in values {
        let k = key_of(v);
        if let Some(&i) = in_csv.get(&k) {
            let sample = matches!(rows[i][6].trim(), "true" | "yes" | "1");
            if same(&rows[i][3], v.value) && !sample {
                plan.unchanged += 1;
                continue;
            }
            if !replace {
                diags.push(conflict(v, &rows[i][3], &csv_rel, lines.get(i).copied().flatten()));
            }
            plan.changed.push(Change {
                new: (*v).clone(),
                old: rows[i][3].clone(),
                old_sample: sample,
                file: csv_rel.clone(),
            });
            rows[i][3] = v.value.written();
            rows[i][4] = v.note.as_deref().unwrap_or_default().to_string();
            if let Some(s) = &v.source {
                rows[i][5] = s.to_string();
            }
            rows[i][6] = String::new();
            // The date the old value was made public is not the new value's.
            rows[i][7] = String::new();
            csv_edited = true;
        } else if let Some((record, old, sample, dated)) = in_yaml.get(&k) {
            let old_text = match old {
                RawValue::Number(n) => crate::import::values::write_number(*n),
                RawValue::Word(w) => w.clone(),
            };
            let line = match (record.location(), &index) {
                (Location::YamlPath(p), Some(ix)) => ix.locate(&p),
                _ => None,
            };
            if same(&old_text, v.value) && !sample {
                plan.unchanged += 1;
                continue;
            }
            if !replace {
                diags.push(conflict(v, &old_text, &yaml_rel, line.map(|l| l.0)));
            }
            plan.changed.push(Change {
                new: (*v).clone(),
                old: old_text.clone(),
                old_sample: *sample,
                file: yaml_rel.clone(),
            });
            let edited = line.and_then(|(l, c)| {
                // The entry's flag or release date would be the new value's: not by editing one line.
                if *sample || *dated {
                    return None;
                }
                let text = yaml_lines.get(l - 1)?;
                let new = replace_scalar(text, c, &v.value.written())?;
                Some((l, new))
            });
            match edited {
                Some((l, new)) => {
                    yaml_lines[l - 1] = new;
                    yaml_edited = true;
                }
                None if replace => {
                    let at = line.map_or(Location::File, |(line, column)| Location::Position { line, column });
                    let hint = match (*sample, *dated) {
                        (true, _) => &m::YAML_SAMPLE_HINT,
                        (false, true) => &m::YAML_RELEASED_HINT,
                        (false, false) => &m::YAML_NOT_EDITABLE_HINT,
                    };
                    diags.push(
                        Diagnostic::error(
                            &yaml_rel,
                            at,
                            msg!(m::YAML_NOT_EDITABLE, indicator = &v.indicator, period = v.period),
                        )
                        .with_hint(Message::new(hint)),
                    );
                }
                None => {}
            }
        } else {
            let mut row: [String; 8] = Default::default();
            row[0] = v.indicator.to_string();
            row[1] = v.scope.as_deref().unwrap_or_default().to_string();
            row[2] = v.period.to_string();
            row[3] = v.value.written();
            row[4] = v.note.as_deref().unwrap_or_default().to_string();
            row[5] = v.source.as_deref().unwrap_or_default().to_string();
            in_csv.insert(k, rows.len());
            rows.push(row);
            plan.added += 1;
            csv_edited = true;
        }
    }

    // The series that still hold sample values.
    let mut still: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    let series = |ind: &str, scope: &str| if scope.is_empty() { ind.to_string() } else { format!("{ind} [{scope}]") };
    for r in rows.iter().filter(|r| matches!(r[6].trim(), "true" | "yes" | "1")) {
        still.insert(series(r[0].trim(), r[1].trim()));
    }
    for r in region.data.iter().filter(|r| *r.file == *yaml_rel && r.sample) {
        still.insert(series(&r.indicator, r.scope.as_deref().unwrap_or("")));
    }
    plan.still_sample = still.into_iter().collect();

    if csv_edited {
        plan.files.push((csv_rel, csv_text(&rows)));
    }
    if yaml_edited {
        plan.files.push((yaml_rel, yaml_lines.join("\n")));
    }
    (plan, diags)
}

fn conflict(v: &Imported, old: &str, file: &Path, line: Option<usize>) -> Diagnostic {
    let at = line.map_or(Location::File, |line| Location::Position { line, column: 1 });
    let scope = v.scope.as_deref().map(|s| format!(" [{s}]")).unwrap_or_default();
    Diagnostic::error(
        file,
        at,
        msg!(
            m::CONFLICT,
            indicator = format!("{}{scope}", v.indicator),
            period = v.period,
            old = old,
            new = v.value.written()
        ),
    )
    .with_hint(msg!(m::CONFLICT_HINT))
}

/// The scalar that starts at `column` (from 1) on `line`, replaced by `new`; `None` when the
/// line does not hold a plain scalar there (a quoted or multi-line value).
fn replace_scalar(line: &str, column: usize, new: &str) -> Option<String> {
    let start = line.char_indices().nth(column - 1).map(|(i, _)| i)?;
    let rest = &line[start..];
    if rest.starts_with(['"', '\'', '|', '>', '[', '{']) {
        return None;
    }
    let len = rest.find([',', '}', ']']).unwrap_or_else(|| rest.find(" #").unwrap_or(rest.len()));
    let old = rest[..len].trim_end();
    if old.is_empty() {
        return None;
    }
    Some(format!("{}{new}{}", &line[..start], &line[start + old.len()..]))
}

/// `data.csv` as import writes it: a BOM, the documented header, every row.
pub fn csv_text(rows: &[[String; 8]]) -> String {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    // The `released` column is written only when some row has a date in it, so that a file
    // without one keeps its documented seven columns.
    let n = if rows.iter().any(|r| !r[7].is_empty()) { HEADER.len() } else { HEADER.len() - 1 };
    let _ = w.write_record(&HEADER[..n]);
    for r in rows {
        let _ = w.write_record(&r[..n]);
    }
    let body = w.into_inner().map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
    format!("\u{feff}{body}")
}

/// Write each file atomically (a temporary file beside it, renamed over it), keeping a journal:
/// the files planned (on disk before anything else is), then each file as it is renamed into
/// place. The temporary files are written and flushed to disk many at once (a national import
/// writes 3,000 files, and one flush after another took two seconds). A "written" line is in
/// the journal (unbuffered) as soon as its file is renamed, so a stopped process leaves an
/// exact list; the journal is flushed to disk once at the end, so after a power loss a region
/// may be reported as not written when it was (an import again changes nothing), never the
/// other way round.
pub fn write_all(root: &Path, plans: &[RegionPlan]) -> std::io::Result<usize> {
    use std::io::Write;
    let journal = root.join(JOURNAL);
    let mut j = std::fs::File::create(&journal)?;
    for p in plans {
        for (f, _) in &p.files {
            writeln!(j, "planned\t{}\t{}", p.id, f.display())?;
        }
    }
    j.sync_all()?;
    let files: Vec<(&str, &Path, &str)> =
        plans.iter().flat_map(|p| p.files.iter().map(|(f, t)| (p.id.as_str(), f.as_path(), t.as_str()))).collect();
    let tmp_of = |path: &Path| {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        path.with_file_name(format!(".{name}.gongkai-import.tmp"))
    };
    let write_tmp = |rel: &Path, text: &str| -> std::io::Result<()> {
        let mut f = std::fs::File::create(tmp_of(&root.join(rel)))?;
        f.write_all(text.as_bytes())?;
        f.sync_all()
    };
    // Flushing waits on the disk, not the processor: more writers than cores.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let writers = files.len().clamp(1, 16);
    std::thread::scope(|s| -> std::io::Result<()> {
        let handles: Vec<_> = (0..writers)
            .map(|_| {
                s.spawn(|| -> std::io::Result<()> {
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some((_, rel, text)) = files.get(i) else { return Ok(()) };
                        write_tmp(rel, text)?;
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap_or_else(|_| Err(std::io::Error::other("a writer stopped")))?;
        }
        Ok(())
    })?;
    for (id, rel, _) in &files {
        let path = root.join(rel);
        std::fs::rename(tmp_of(&path), &path)?;
        writeln!(j, "written\t{id}\t{}", rel.display())?;
    }
    j.sync_all()?;
    drop(j);
    std::fs::remove_file(&journal)?;
    Ok(files.len())
}

/// A journal left by an import that stopped: the regions whose files were all written, and
/// those not (or not all).
pub fn leftover_journal(root: &Path) -> Option<(Vec<String>, Vec<String>)> {
    let text = std::fs::read_to_string(root.join(JOURNAL)).ok()?;
    let mut planned: BTreeMap<String, usize> = BTreeMap::new();
    let mut written: BTreeMap<String, usize> = BTreeMap::new();
    for line in text.lines() {
        let mut parts = line.split('\t');
        match (parts.next(), parts.next()) {
            (Some("planned"), Some(id)) => *planned.entry(id.to_string()).or_default() += 1,
            (Some("written"), Some(id)) => *written.entry(id.to_string()).or_default() += 1,
            _ => {}
        }
    }
    let (done, not): (Vec<_>, Vec<_>) = planned.iter().partition(|(id, n)| written.get(*id) == Some(n));
    Some((done.into_iter().map(|(id, _)| id.clone()).collect(), not.into_iter().map(|(id, _)| id.clone()).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_replaced_in_place() {
        assert_eq!(replace_scalar("  value: 0.96  # 初步", 10, "1.02").as_deref(), Some("  value: 1.02  # 初步"));
        assert_eq!(
            replace_scalar("  values: {2021: 48.5, 2022: 52.3}", 30, "53").as_deref(),
            Some("  values: {2021: 48.5, 2022: 53}")
        );
        assert_eq!(replace_scalar("  value: \"1\"", 10, "2"), None);
    }
}

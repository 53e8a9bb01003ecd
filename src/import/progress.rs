//! Task progress written into `tasks.yaml`, and sample entries dropped from `data.yaml`, by
//! editing lines, never by writing the file anew: its comments are its provenance (开州's say
//! which annex row each task is), so every line not concerned stays byte for byte.
//!
//! A task is found by its id's place (`[i].id`); its entry runs from its `- ` line to the next
//! line indented less than its keys. Each of `status`, `progress`, `updated` is replaced where
//! it is (with the lines of a block value such as `progress:` + `zh:`/`en:` below it) or added
//! at the end of the entry; `sample:` is removed, and with it, for a sample task, the sample
//! fields the workbook did not give (a sample note must not stay as if it were real). An entry
//! not written one key per line (`- {id: t01, …}`) is refused, naming its line.

use std::path::{Path, PathBuf};

use super::workbook::TaskUpdate;
use super::write::RegionPlan;
use crate::content::RawRegionDir;
use crate::content::spans::SpanIndex;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::messages::template as m;
use crate::msg;

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn blank_or_comment(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

/// The lines of one list entry whose key `path@key` (`[3].id@key`) is at `(line, column)`.
struct Entry {
    /// First line (the `- ` line), 0-based.
    start: usize,
    /// One past the last line of its last key (trailing blank and comment lines excluded).
    end: usize,
    /// The column of its keys, 0-based (in bytes: keys are ASCII and indentation spaces).
    key_col: usize,
    /// Each key and the lines of its value, `[from, to)`.
    keys: Vec<(String, usize, usize)>,
}

fn entry(lines: &[String], key_line: usize, key_col: usize) -> Option<Entry> {
    // Up to the `- ` that opens the entry.
    let mut start = key_line;
    let dash = loop {
        let l = lines.get(start)?;
        let dash = indent(l);
        if l[dash..].starts_with("- ") && dash + 2 <= key_col {
            break dash;
        }
        if start == 0 || key_line - start > 200 {
            return None;
        }
        start -= 1;
    };
    if lines[start][dash + 2..].trim_start().starts_with('{') {
        return None;
    }
    let mut end = start + 1;
    while end < lines.len() && (lines[end].trim().is_empty() || indent(&lines[end]) >= key_col) {
        end += 1;
    }
    while end > start + 1 && blank_or_comment(&lines[end - 1]) {
        end -= 1;
    }
    let mut keys: Vec<(String, usize, usize)> = Vec::new();
    for (i, line) in lines.iter().enumerate().take(end).skip(start) {
        let at_key = if i == start { true } else { indent(line) == key_col };
        let rest = line.get(key_col..).unwrap_or("");
        let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        if at_key && !name.is_empty() && rest[name.len()..].starts_with(':') {
            if let Some(last) = keys.last_mut() {
                last.2 = i;
            }
            keys.push((name, i, end));
        }
    }
    // A key's value ends before the blank and comment lines that lead to the next key.
    for k in &mut keys {
        while k.2 > k.1 + 1 && blank_or_comment(&lines[k.2 - 1]) {
            k.2 -= 1;
        }
    }
    Some(Entry { start, end, key_col, keys })
}

/// The comment after a plain one-line value (`in_progress  # 示例` → `  # 示例`), spaces
/// before it included; empty when there is none or the value is quoted.
fn trailing_comment(value: &str) -> &str {
    if value.contains(['"', '\'']) {
        return "";
    }
    match value.find(" #") {
        Some(p) => {
            let start = value[..p].trim_end().len();
            &value[start..]
        }
        None => "",
    }
}

/// A YAML double-quoted scalar.
fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An entry to edit, the keys to set (with their values) and those to remove.
type Edit<'a> = (Entry, Vec<(&'a str, String)>, Vec<&'a str>);

/// The new lines of one entry: `set` replaces or adds keys, `remove` drops them.
fn edit_entry(lines: &[String], e: &Entry, set: &[(&str, String)], remove: &[&str]) -> Vec<String> {
    let pad = " ".repeat(e.key_col);
    let mut out: Vec<String> = Vec::new();
    let mut i = e.start;
    let mut added: Vec<&str> = Vec::new();
    while i < e.end {
        let key = e.keys.iter().find(|k| k.1 == i);
        match key {
            Some((name, from, to)) if remove.contains(&name.as_str()) || set.iter().any(|(k, _)| k == name) => {
                let prefix = &lines[*from][..e.key_col];
                let comment =
                    if *to == from + 1 { trailing_comment(&lines[*from][e.key_col + name.len() + 1..]) } else { "" };
                if let Some((k, v)) = set.iter().find(|(k, _)| k == name) {
                    out.push(format!("{prefix}{k}: {v}{comment}"));
                    added.push(k);
                } else if *from == e.start {
                    // The `- ` line's own key removed: keep the dash for the next key.
                    out.push(format!("{prefix}{}", comment.trim_start()));
                } else if !comment.is_empty() {
                    out.push(format!("{pad}{}", comment.trim_start()));
                }
                // Comment lines inside the value are kept.
                out.extend(lines[from + 1..*to].iter().filter(|l| l.trim().starts_with('#')).cloned());
                i = *to;
            }
            _ => {
                out.push(lines[i].clone());
                i += 1;
            }
        }
    }
    for (k, v) in set {
        if !added.contains(k) {
            out.push(format!("{pad}{k}: {v}"));
        }
    }
    out
}

fn split(text: &str) -> (Vec<String>, bool) {
    let crlf = text.contains("\r\n");
    (text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l).to_string()).collect(), crlf)
}

fn join(lines: &[String], crlf: bool) -> String {
    lines.join(if crlf { "\r\n" } else { "\n" })
}

/// What was done to one task.
#[derive(Debug, Clone)]
pub struct TaskDone {
    pub task: String,
    /// It was a sample; its sample fields are gone.
    pub was_sample: bool,
    /// The workbook gave its progress (otherwise only its sample progress was dropped).
    pub given: bool,
}

/// The new text of `tasks.yaml` (`text`, at `rel`) with `updates` written in, and sample
/// progress dropped from the other tasks of `sample_ids` with `drop_sample`. Each task's index in
/// the file is its place in `ids`.
pub fn edit_tasks(
    rel: &Path,
    text: &str,
    ids: &[(String, bool)],
    updates: &[&TaskUpdate],
    drop_sample: bool,
    diags: &mut Diagnostics,
) -> (Option<String>, Vec<TaskDone>) {
    let index = SpanIndex::new(text);
    let (mut lines, crlf) = split(text);
    let mut edits: Vec<Edit> = Vec::new();
    let mut done = Vec::new();
    for (i, (id, sample)) in ids.iter().enumerate() {
        let update = updates.iter().find(|u| u.task == *id);
        if update.is_none() && !(drop_sample && *sample) {
            continue;
        }
        let found = index.locate(&format!("[{i}].id@key")).and_then(|(l, c)| {
            let line = lines.get(l - 1)?;
            let col = line.char_indices().nth(c - 1).map(|(b, _)| b)?;
            entry(&lines, l - 1, col)
        });
        let Some(e) = found else {
            let at = index
                .locate(&format!("[{i}]"))
                .map_or(Location::File, |(line, column)| Location::Position { line, column });
            diags.push(
                Diagnostic::error(rel, at, msg!(m::TASK_NOT_EDITABLE, task = id, field = "status/progress/updated"))
                    .with_hint(msg!(m::TASK_NOT_EDITABLE_HINT)),
            );
            continue;
        };
        let mut set: Vec<(&str, String)> = Vec::new();
        if let Some(u) = update {
            if let Some(s) = u.status {
                set.push(("status", s.as_str().to_string()));
            }
            if let Some(p) = &u.progress {
                set.push(("progress", quoted(p)));
            }
            if let Some(d) = u.updated {
                set.push(("updated", format!("{}-{:02}-{:02}", d.year, d.month, d.day)));
            }
        }
        let mut remove = vec!["sample"];
        if *sample {
            remove.extend(["status", "progress", "updated"]);
        }
        done.push(TaskDone { task: id.clone(), was_sample: *sample, given: update.is_some() });
        edits.push((e, set, remove));
    }
    if edits.is_empty() {
        return (None, done);
    }
    edits.sort_by_key(|(e, ..)| std::cmp::Reverse(e.start));
    for (e, set, remove) in edits {
        let new = edit_entry(&lines, &e, &set, &remove);
        lines.splice(e.start..e.end, new);
    }
    (Some(join(&lines, crlf)), done)
}

/// `data.yaml`'s text without the entries at `indexes` (those marked `sample: true`); `[]`
/// when no entry is left. `None` when an entry cannot be found line by line.
pub fn drop_entries(text: &str, indexes: &[usize]) -> Option<String> {
    let index = SpanIndex::new(text);
    let (mut lines, crlf) = split(text);
    let mut found: Vec<Entry> = Vec::new();
    for i in indexes {
        let (l, c) = index.locate(&format!("[{i}].indicator@key"))?;
        let col = lines.get(l - 1)?.char_indices().nth(c - 1).map(|(b, _)| b)?;
        found.push(entry(&lines, l - 1, col)?);
    }
    found.sort_by_key(|e| std::cmp::Reverse(e.start));
    found.dedup_by_key(|e| e.start);
    for e in found {
        lines.drain(e.start..e.end);
    }
    if !lines.iter().any(|l| !blank_or_comment(l)) {
        while lines.last().is_some_and(|l| l.trim().is_empty()) {
            lines.pop();
        }
        lines.push("[]".to_string());
        lines.push(String::new());
    }
    Some(join(&lines, crlf))
}

/// Whether `task` holds exactly the progress `u` gives, and no sample.
fn holds(task: &crate::content::raw::RawTask, u: &TaskUpdate) -> bool {
    let date = u.updated.map(|d| format!("{}-{:02}-{:02}", d.year, d.month, d.day));
    task.sample != Some(true)
        && (u.status.is_none() || task.status == u.status)
        && (u.progress.is_none() || task.progress.as_ref().and_then(|p| p.get("zh")) == u.progress.as_deref())
        && (date.is_none() || task.updated.as_ref().map(|d| d.0.clone()) == date)
}

/// What a gongkai workbook did to one region besides its values.
#[derive(Debug, Clone, Default)]
pub struct RegionExtra {
    pub region: String,
    pub tasks: Vec<TaskDone>,
    /// Sample values dropped (`--drop-sample`), and the files they were in.
    pub dropped: usize,
    pub dropped_files: Vec<PathBuf>,
}

/// The region's data without its sample values from `data.yaml` (`--drop-sample`), so that
/// planning the import adds a value where a sample was instead of calling it a conflict.
pub fn without_yaml_samples(dir: &RawRegionDir) -> RawRegionDir {
    let yaml = dir.dir.join("data.yaml");
    let mut d = dir.clone();
    d.data.retain(|r| !(r.sample && *r.file == *yaml));
    d
}

/// Add to a region's plan what a gongkai workbook asks besides values: its sample entries
/// dropped from `data.yaml` (with `drop_sample`; `data.csv`'s are dropped by the plan itself),
/// its tasks' progress written into `tasks.yaml`.
pub fn extend_plan(
    root: &Path,
    dir: &RawRegionDir,
    plan: &mut RegionPlan,
    updates: &[&TaskUpdate],
    drop_sample: bool,
    diags: &mut Diagnostics,
) -> RegionExtra {
    let mut extra = RegionExtra { region: dir.id.clone(), dropped: plan.dropped_sample, ..Default::default() };
    let csv = dir.dir.join("data.csv");
    if plan.dropped_sample > 0 {
        extra.dropped_files.push(csv);
    }
    let set = |plan: &mut RegionPlan, rel: PathBuf, text: String| match plan.files.iter_mut().find(|(f, _)| *f == rel) {
        Some(f) => f.1 = text,
        None => plan.files.push((rel, text)),
    };
    if drop_sample {
        let yaml = dir.dir.join("data.yaml");
        let mut samples: Vec<usize> =
            dir.data.iter().filter(|r| r.sample && *r.file == *yaml).filter_map(|r| r.entry()).collect();
        samples.sort_unstable();
        samples.dedup();
        let records = dir.data.iter().filter(|r| r.sample && *r.file == *yaml).count();
        if !samples.is_empty()
            && let Some(text) = plan.text(root, &yaml)
        {
            match drop_entries(&text, &samples) {
                Some(new) => {
                    set(plan, yaml.clone(), new);
                    extra.dropped += records;
                    extra.dropped_files.push(yaml);
                }
                None => diags.push(
                    Diagnostic::error(&yaml, Location::File, msg!(m::SAMPLE_NOT_DROPPABLE))
                        .with_hint(msg!(m::SAMPLE_NOT_DROPPABLE_HINT)),
                ),
            }
        }
    }
    let has_sample_tasks = drop_sample && dir.tasks.iter().any(|t| t.sample == Some(true));
    if let Some(rel) = dir.tasks_file.clone()
        && (!updates.is_empty() || has_sample_tasks)
        && let Some(text) = plan.text(root, &rel)
    {
        let ids: Vec<(String, bool)> = dir.tasks.iter().map(|t| (t.id.clone(), t.sample == Some(true))).collect();
        // Progress the file holds already (a workbook imported twice) is left alone.
        let updates: Vec<&TaskUpdate> =
            updates.iter().copied().filter(|u| !dir.tasks.iter().any(|t| t.id == u.task && holds(t, u))).collect();
        let (new, done) = edit_tasks(&rel, &text, &ids, &updates, drop_sample, diags);
        if let Some(new) = new {
            set(plan, rel, new);
        }
        extra.tasks = done;
    }
    extra
}

#[cfg(test)]
mod tests {
    use super::*;

    const TASKS: &str = "# 任务表\n# 第二行注释\n- id: t01\n  title: {zh: 甲, en: A}\n  status: in_progress  # 示例\n  progress:\n    zh: 旧进展\n    en: Old\n  updated: 2024-11-15\n  sample: true\n\n# —— 任务2\n- id: t02\n  title: {zh: 乙, en: B}\n  deadline: 2025\n";

    fn update(task: &str, progress: &str) -> TaskUpdate {
        TaskUpdate {
            region: "r".into(),
            task: task.into(),
            status: Some(crate::vocab::WorkState::Done),
            progress: Some(progress.into()),
            updated: crate::model::Date::parse("2025-03-31"),
        }
    }

    #[test]
    fn progress_written_line_by_line_comments_kept() {
        let ids = vec![("t01".to_string(), true), ("t02".to_string(), false)];
        let (u1, u2) = (update("t01", "已建成"), update("t02", "说“好”\\"));
        let mut d = Diagnostics::new();
        let (text, done) = edit_tasks(Path::new("tasks.yaml"), TASKS, &ids, &[&u1, &u2], false, &mut d);
        let text = text.unwrap_or_default();
        assert!(d.is_empty());
        assert_eq!(done.len(), 2);
        assert_eq!(
            text,
            "# 任务表\n# 第二行注释\n- id: t01\n  title: {zh: 甲, en: A}\n  status: done  # 示例\n  progress: \"已建成\"\n  updated: 2025-03-31\n\n# —— 任务2\n- id: t02\n  title: {zh: 乙, en: B}\n  deadline: 2025\n  status: done\n  progress: \"说“好”\\\\\"\n  updated: 2025-03-31\n"
        );
        let parsed: Vec<crate::content::raw::RawTask> = serde_yaml::from_str(&text).unwrap_or_default();
        assert_eq!(parsed.len(), 2);
        assert_eq!(parsed[1].progress.as_ref().and_then(|p| p.get("zh")), Some("说“好”\\"));
    }

    #[test]
    fn sample_progress_dropped_and_flow_entries_refused() {
        let ids = vec![("t01".to_string(), true), ("t02".to_string(), false)];
        let mut d = Diagnostics::new();
        let (text, _) = edit_tasks(Path::new("tasks.yaml"), TASKS, &ids, &[], true, &mut d);
        assert_eq!(
            text.as_deref(),
            Some(
                "# 任务表\n# 第二行注释\n- id: t01\n  title: {zh: 甲, en: A}\n  # 示例\n\n# —— 任务2\n- id: t02\n  title: {zh: 乙, en: B}\n  deadline: 2025\n"
            )
        );
        let flow = "- {id: t01, title: 甲}\n";
        let (text, _) = edit_tasks(Path::new("tasks.yaml"), flow, &ids[..1], &[&update("t01", "x")], false, &mut d);
        assert!(text.is_none() && d.has_errors());
    }

    #[test]
    fn sample_entries_dropped_from_data_yaml() {
        let yaml = "# 数据\n- indicator: cmi\n  period: 2023\n  value: 1  # 公报\n\n# 示例\n- indicator: cmi\n  values: {2020: 1, 2021: 2}\n  sample: true\n";
        assert_eq!(
            drop_entries(yaml, &[1]).as_deref(),
            Some("# 数据\n- indicator: cmi\n  period: 2023\n  value: 1  # 公报\n\n# 示例\n")
        );
        assert_eq!(drop_entries(yaml, &[0, 1]).as_deref(), Some("# 数据\n\n# 示例\n[]\n"));
    }
}

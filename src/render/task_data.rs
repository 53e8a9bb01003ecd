//! The key tasks as downloads: `data/tasks.csv` and `data/tasks.json` (every region's) and
//! `data/tasks/<region>.csv` and `.json` (one region's), one row or object per task.
//!
//! Made with the same care as the data downloads ([`super::data`]): CSV in UTF-8 with a BOM and
//! CRLF line ends, every text cell defused so that no spreadsheet runs it as a formula; JSON
//! with markup characters escaped and a note on sample data. The plan's words are written as
//! they are: a task without a deadline has an empty `deadline` (JSON `null`), never one made up;
//! `lead` and `responsible` units stay apart, as the plan has them.
//!
//! Each file is fixed pieces around the regions' parts, as [`super::bulk`] splices them: a
//! region's file is the same pieces around its own part of the whole-site file.

use serde::Serialize;

use super::data::{self, csv_builder, defuse, txt};
use crate::model::{Deadline, Region, Site, Task, Text};
use crate::routes;

/// The columns of every task CSV (the download format's contract).
pub(super) const COLUMNS: &[&str] = &[
    "region",
    "region_name_zh",
    "region_name_en",
    "task",
    "number",
    "section_zh",
    "title_zh",
    "title_en",
    "detail_zh",
    "text_zh",
    "lead_units_zh",
    "responsible_units_zh",
    "partner_units_zh",
    "deadline",
    "deadline_text_zh",
    "status",
    "progress_zh",
    "updated",
    "sample",
    "plan_anchor",
    "plan_url",
];

/// How units are joined in a Chinese cell, as the plans list them.
const UNIT_SEPARATOR: &str = "、";

/// What the whole-site JSON says about its sample data and its empty fields.
const JSON_NOTE: &str = "Tasks with \"sample\": true have illustrative status and progress (sample data), \
not official reports. \"deadline\": null means the plan sets no deadline for the task; \
\"status\": null means no progress has been reported.";

/// A deadline as the content writes it: `2025`, `2023-12`, `2023-12-31` or `ongoing`.
pub(super) fn deadline_as_written(d: &Deadline) -> String {
    match d {
        Deadline::Year(y) => y.to_string(),
        Deadline::Month(y, m) => format!("{y}-{m:02}"),
        Deadline::Date(d) => d.to_string(),
        Deadline::Ongoing => "ongoing".to_string(),
    }
}

/// The address of the place in the plan's text a task is from, on the site (in the first
/// language), when it is known (a task has an anchor only where its region has the plan's text).
/// `plan_page` is the region's plan page's address ([`plan_page`]), worked out once per region.
fn plan_url(plan_page: &str, task: &Task) -> Option<String> {
    Some(routes::with_anchor(plan_page, task.anchor.as_ref()?))
}

/// The address of a region's plan page on the site (in the first language).
fn plan_page(site: &Site, region: &Region) -> String {
    routes::absolute(&site.config.base_url, &routes::plan(&region.id))
}

/// What every task CSV starts with: the BOM and the header row.
pub(super) fn csv_head() -> Vec<u8> {
    let mut bytes = data::BOM.to_vec();
    {
        let mut w = csv_builder().from_writer(&mut bytes);
        // Writing into memory cannot fail.
        let _ = w.write_record(COLUMNS).and_then(|()| Ok(w.flush()?));
    }
    bytes
}

/// The CSV rows of one region's tasks, in the order written.
pub(super) fn csv_rows(site: &Site, region: &Region) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(512 * region.tasks.len());
    {
        let mut w = csv_builder().from_writer(&mut bytes);
        let plan_page = plan_page(site, region);
        for t in &region.tasks {
            // Writing into memory cannot fail.
            let _ = csv_row(&mut w, &plan_page, region, t);
        }
        let _ = w.flush();
    }
    bytes
}

fn csv_row<W: std::io::Write>(w: &mut csv::Writer<W>, plan_page: &str, region: &Region, t: &Task) -> csv::Result<()> {
    let zh = |text: &Option<Text>| text.as_ref().map_or("", |x| txt(x, "zh")).to_string();
    let units = |list: &[Text]| list.iter().map(|u| txt(u, "zh")).collect::<Vec<_>>().join(UNIT_SEPARATOR);
    let cells = [
        region.id.clone(),
        txt(&region.name, "zh").to_string(),
        txt(&region.name, "en").to_string(),
        t.id.clone(),
        t.number.clone().unwrap_or_default(),
        zh(&t.section),
        txt(&t.title, "zh").to_string(),
        txt(&t.title, "en").to_string(),
        zh(&t.detail),
        zh(&t.text),
        units(&t.lead),
        units(&t.responsible),
        units(&t.partners),
        t.deadline.as_ref().map(deadline_as_written).unwrap_or_default(),
        zh(&t.deadline_text),
        t.status.map(|s| s.as_str().to_string()).unwrap_or_default(),
        zh(&t.progress),
        t.updated.map(|d| d.to_string()).unwrap_or_default(),
        t.sample.to_string(),
        t.anchor.clone().unwrap_or_default(),
        plan_url(plan_page, t).unwrap_or_default(),
    ];
    for cell in &cells {
        w.write_field(defuse(cell).as_bytes())?;
    }
    w.write_record(None::<&[u8]>)
}

/// The pieces of a task JSON that do not come from one region: before the tasks and after.
pub(super) fn json_pieces(site: &Site) -> [Vec<u8>; 2] {
    let mut head = b"{".to_vec();
    data::json_entry(&mut head, "title", &site.config.title);
    head.push(b',');
    data::json_entry(&mut head, "updated", &site.config.updated);
    head.push(b',');
    data::json_entry(&mut head, "note", JSON_NOTE);
    head.extend(b",\"tasks\":[");
    [head, b"]}".to_vec()]
}

/// The elements one region adds to the `tasks` array, each after a comma.
pub(super) fn json_part(site: &Site, region: &Region) -> Vec<u8> {
    let mut out = Vec::with_capacity(1024 * region.tasks.len());
    let plan_page = plan_page(site, region);
    for t in &region.tasks {
        let task = TaskJson {
            region: &region.id,
            region_name: &region.name,
            id: &t.id,
            number: &t.number,
            section: &t.section,
            title: &t.title,
            detail: &t.detail,
            text: &t.text,
            lead: &t.lead,
            responsible: &t.responsible,
            partners: &t.partners,
            deadline: t.deadline.as_ref().map(deadline_as_written),
            deadline_text: &t.deadline_text,
            status: t.status.map(|s| s.as_str()),
            progress: &t.progress,
            updated: t.updated.map(|d| d.to_string()),
            sample: t.sample,
            plan_anchor: t.anchor.as_deref(),
            plan_url: plan_url(&plan_page, t),
        };
        data::json_element(&mut out, &task);
    }
    out
}

#[derive(Serialize)]
struct TaskJson<'a> {
    region: &'a str,
    region_name: &'a Text,
    id: &'a str,
    number: &'a Option<String>,
    section: &'a Option<Text>,
    title: &'a Text,
    detail: &'a Option<Text>,
    text: &'a Option<Text>,
    lead: &'a [Text],
    responsible: &'a [Text],
    partners: &'a [Text],
    deadline: Option<String>,
    deadline_text: &'a Option<Text>,
    status: Option<&'static str>,
    progress: &'a Option<Text>,
    updated: Option<String>,
    sample: bool,
    plan_anchor: Option<&'a str>,
    plan_url: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    #[test]
    fn deadlines_are_written_as_the_content_writes_them() {
        assert_eq!(deadline_as_written(&Deadline::Year(2025)), "2025");
        assert_eq!(deadline_as_written(&Deadline::Month(2023, 6)), "2023-06");
        assert_eq!(deadline_as_written(&Deadline::Date(Date { year: 2023, month: 12, day: 31 })), "2023-12-31");
        assert_eq!(deadline_as_written(&Deadline::Ongoing), "ongoing");
    }

    #[test]
    fn the_header_is_the_columns_after_a_bom() {
        let head = csv_head();
        let text = std::str::from_utf8(&head).unwrap_or_default();
        assert_eq!(text, format!("\u{feff}{}\r\n", COLUMNS.join(",")));
    }
}

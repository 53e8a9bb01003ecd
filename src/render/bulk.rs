//! The downloads that gather every region (`all.csv`, `all.json`, each indicator's CSV,
//! `tasks.csv`, `tasks.json`), and where each region's rows sit in them, so that a change to
//! one region can be spliced into the files written before instead of writing hundreds of
//! megabytes again.
//!
//! Every such file is fixed pieces around parts that each come from one region, in region
//! order: a CSV is its header, then each region's rows; `all.json` is its head, each region's
//! entry in `regions`, the indicators, each region's observations, then each region's targets;
//! `tasks.json` its head, each region's tasks, its tail. A region's own CSV and task files are
//! the same pieces around its own part ([`region_file`]).

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::ops::Range;

use super::{data, task_data};
use crate::model::{Region, Site};
use crate::routes;
use crate::sink::OutputFile;

/// One whole-site download.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Download {
    AllCsv,
    AllJson,
    /// `tasks.csv`: every region's key tasks.
    TasksCsv,
    /// `tasks.json`.
    TasksJson,
    /// An indicator's CSV, by id.
    Indicator(String),
}

impl Download {
    /// Its path in the site.
    pub fn path(&self) -> String {
        match self {
            Download::AllCsv => routes::ALL_CSV.to_string(),
            Download::AllJson => routes::ALL_JSON.to_string(),
            Download::TasksCsv => routes::TASKS_CSV.to_string(),
            Download::TasksJson => routes::TASKS_JSON.to_string(),
            Download::Indicator(id) => routes::indicator_csv(id),
        }
    }

    /// The fixed pieces of the file: one more than it has parts.
    pub(super) fn pieces(&self, site: &Site) -> Vec<Vec<u8>> {
        match self {
            Download::AllCsv | Download::Indicator(_) => vec![data::csv_head(), Vec::new()],
            Download::AllJson => data::json_pieces(site).into(),
            Download::TasksCsv => vec![task_data::csv_head(), Vec::new()],
            Download::TasksJson => task_data::json_pieces(site).into(),
        }
    }

    fn pieces_count(&self) -> usize {
        if *self == Download::AllJson { 4 } else { 2 }
    }

    /// What `region` writes in part `k`; elements of a JSON array each after a comma.
    fn part(&self, site: &Site, region: &Region, k: usize) -> Vec<u8> {
        match self {
            Download::AllCsv => data::csv_rows(site, region, None),
            Download::AllJson => data::json_part(region, k),
            Download::Indicator(id) => data::csv_rows(site, region, Some(id)),
            Download::TasksCsv => task_data::csv_rows(site, region),
            Download::TasksJson => task_data::json_part(site, region),
        }
    }

    /// Whether the parts are elements of JSON arrays: the first element of an array has no
    /// comma before it.
    fn in_arrays(&self) -> bool {
        matches!(self, Download::AllJson | Download::TasksJson)
    }

    /// Whether the download has a file per region cut from it: `all.csv` (every region's CSV),
    /// the tasks' files (every region with tasks).
    pub(super) fn has_region_files(&self) -> bool {
        matches!(self, Download::AllCsv | Download::TasksCsv | Download::TasksJson)
    }

    /// The path of `region`'s own file cut from this download, if it has one.
    fn region_path(&self, region: &Region) -> Option<String> {
        match self {
            Download::AllCsv => Some(routes::region_csv(&region.id)),
            Download::TasksCsv if !region.tasks.is_empty() => Some(routes::region_tasks_csv(&region.id)),
            Download::TasksJson if !region.tasks.is_empty() => Some(routes::region_tasks_json(&region.id)),
            _ => None,
        }
    }

    /// `region`'s own file, from the download's `pieces` and the region's `part` of it (as
    /// [`Download::part`] makes it), when the download has one per region.
    pub(super) fn cut_region_file(&self, region: &Region, pieces: &[Vec<u8>], part: &[u8]) -> Option<OutputFile> {
        let path = self.region_path(region)?;
        let [head, tail] = pieces else { return None };
        let part = if self.in_arrays() { strip_comma(part) } else { part };
        let mut bytes = Vec::with_capacity(head.len() + part.len() + tail.len());
        bytes.extend_from_slice(head);
        bytes.extend_from_slice(part);
        bytes.extend_from_slice(tail);
        Some(OutputFile { path, bytes })
    }
}

/// `region`'s own files of the downloads that have one per region, but its CSV (made with
/// its pages by [`data::region_csv`]): its tasks' CSV and JSON, when it has tasks.
pub fn region_files(site: &Site, region: &Region) -> Vec<OutputFile> {
    [Download::TasksCsv, Download::TasksJson]
        .iter()
        .filter_map(|d| d.cut_region_file(region, &d.pieces(site), &d.part(site, region, 0)))
        .collect()
}

/// Where each region's bytes sit in a download as it was last written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    /// Per part of the file, the byte range of each region's bytes, by region index.
    parts: Vec<Vec<Range<u64>>>,
    /// The length of the whole file.
    len: u64,
}

impl Layout {
    /// The file's length as last written.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether the file is empty (it never is: every download has a head).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// The layouts of every whole-site download, as last written.
#[derive(Debug, Clone, Default)]
pub struct Layouts(pub BTreeMap<Download, Layout>);

/// Write `download` whole to `out`, and say where each region's bytes went.
pub fn write(site: &Site, download: &Download, out: &mut dyn Write) -> io::Result<Layout> {
    write_with(site, download, out, &mut |_, _, _| Ok(()))
}

/// Called with each region's part of a download as it is written: the region's index, the
/// part's number, the bytes.
pub type EachPart<'a> = dyn FnMut(usize, usize, &[u8]) -> io::Result<()> + 'a;

/// [`write`], handing `each` every region's part as it is written: the region's index, the
/// part's number and its bytes (for `all.csv`, exactly the rows of the region's own CSV).
pub fn write_with(site: &Site, download: &Download, out: &mut dyn Write, each: &mut EachPart) -> io::Result<Layout> {
    let pieces = download.pieces(site);
    let count = pieces.len() - 1;
    let mut parts: Vec<Vec<Range<u64>>> = vec![Vec::with_capacity(site.regions.len()); count];
    let mut pos = 0u64;
    for (k, piece) in pieces.iter().enumerate() {
        out.write_all(piece)?;
        pos += piece.len() as u64;
        let Some(ranges) = parts.get_mut(k) else { break };
        let mut first = true;
        for (i, region) in site.regions.iter().enumerate() {
            let bytes = download.part(site, region, k);
            each(i, k, &bytes)?;
            let bytes = if download.in_arrays() && first { strip_comma(&bytes) } else { &bytes[..] };
            first &= bytes.is_empty();
            out.write_all(bytes)?;
            ranges.push(pos..pos + bytes.len() as u64);
            pos += bytes.len() as u64;
        }
    }
    Ok(Layout { parts, len: pos })
}

fn strip_comma(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b",").unwrap_or(bytes)
}

/// A change to a file: its region's bytes in some parts replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Splice {
    pub download: Download,
    /// The region, by index.
    pub region: usize,
    /// In file order: the part, the old byte range, the new bytes.
    pub edits: Vec<(usize, Range<u64>, Vec<u8>)>,
}

impl Splice {
    /// The byte ranges to replace, in file order, and what replaces them.
    pub fn ranges(&self) -> impl Iterator<Item = (Range<u64>, &[u8])> {
        self.edits.iter().map(|(_, r, b)| (r.clone(), &b[..]))
    }
}

/// The splice that brings `download` up to date after `region` (by index) changed, reading
/// the region's old bytes through `old` (only where they may be unchanged). `Ok(None)` when
/// the file must be written whole: the layout does not fit the site, or the first region with
/// elements in a JSON array gained or lost them all (that moves a comma in another region).
pub fn plan(
    site: &Site,
    download: &Download,
    layout: &Layout,
    region: usize,
    old: &mut dyn FnMut(Range<u64>) -> io::Result<Vec<u8>>,
) -> io::Result<Option<Splice>> {
    let Some(r) = site.regions.get(region) else { return Ok(None) };
    if layout.parts.len() + 1 != download.pieces_count() || layout.parts.iter().any(|p| p.len() != site.regions.len()) {
        return Ok(None);
    }
    let mut edits = Vec::new();
    for (k, ranges) in layout.parts.iter().enumerate() {
        let new = download.part(site, r, k);
        let range = ranges[region].clone();
        let first = download.in_arrays() && ranges[..region].iter().all(|x| x.is_empty());
        let new = if first { strip_comma(&new).to_vec() } else { new };
        if first && range.is_empty() != new.is_empty() {
            return Ok(None);
        }
        if new.len() as u64 == range.end - range.start && old(range.clone())? == new {
            continue;
        }
        edits.push((k, range, new));
    }
    Ok(Some(Splice { download: download.clone(), region, edits }))
}

impl Layout {
    /// The layout after `splice` was applied to the file.
    pub fn apply(&mut self, splice: &Splice) {
        // From the end of the file, so that the ranges of the edits left stay where they were.
        for (k, range, bytes) in splice.edits.iter().rev() {
            let delta = bytes.len() as i64 - (range.end - range.start) as i64;
            let shift = |r: &Range<u64>| (r.start as i64 + delta) as u64..(r.end as i64 + delta) as u64;
            // Everything after (part k, the region) in file order moves.
            for (j, part) in self.parts.iter_mut().enumerate().skip(*k) {
                let from = if j == *k { splice.region + 1 } else { 0 };
                for r in part.iter_mut().skip(from) {
                    *r = shift(r);
                }
            }
            if let Some(r) = self.parts.get_mut(*k).and_then(|p| p.get_mut(splice.region)) {
                *r = range.start..range.start + bytes.len() as u64;
            }
            self.len = (self.len as i64 + delta) as u64;
        }
    }
}

/// The bytes of `old` with `splice` applied.
pub fn spliced(old: &[u8], splice: &Splice) -> Vec<u8> {
    let mut out = Vec::with_capacity(old.len());
    let mut pos = 0usize;
    for (range, bytes) in splice.ranges() {
        let (start, end) = (range.start as usize, range.end as usize);
        out.extend_from_slice(&old[pos.min(old.len())..start.min(old.len())]);
        out.extend_from_slice(bytes);
        pos = end;
    }
    out.extend_from_slice(&old[pos.min(old.len())..]);
    out
}

/// Every whole-site download of `site`.
pub fn downloads(site: &Site) -> Vec<Download> {
    let mut all = vec![Download::AllCsv, Download::AllJson, Download::TasksCsv, Download::TasksJson];
    all.extend(site.indicators.iter().map(|i| Download::Indicator(i.id.clone())));
    all
}

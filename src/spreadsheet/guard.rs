//! Hostile files, refused before a library builds anything from them. An `.xlsx`, `.xlsm` or
//! `.ods` is a zip of XML; calamine loads some of its parts whole (shared strings, styles, an
//! `.ods` sheet's cells into a dense range). So, before calamine opens one, the zip's
//! directory is read and every part's declared size and packing ratio are checked (a zip bomb
//! packs gigabytes of one byte a thousand times over). A part that unpacks to more than it
//! declares is stopped by the zip reader itself, at its declared size, as calamine reads it (a
//! damaged file). An `.ods` sheet's repeated rows and cells (`table:number-rows-repeated`) are
//! counted in one extra pass over its `content.xml`, since calamine expands them.

use std::io::{BufReader, Read};
use std::path::Path;

use super::{Limits, check_size};
use crate::diagnostics::{Diagnostic, Location};
use crate::messages::import as m;
use crate::msg;

/// The packing ratio a part may have when it unpacks to more than a megabyte. A real sheet
/// packs 10 to 20 times (a column of one repeated value, a little more); deflate's most is
/// about 1,030 times, which is what a zip bomb uses.
const MAX_RATIO: u64 = 500;

fn mb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1_048_576.0)
}

/// Check the zip behind an `.xlsx`, `.xlsm` or `.ods` (`ods`: count its sheets' cells too).
/// A file that is no zip at all passes: calamine says what it is (a password-protected
/// workbook is an OLE file, not a zip).
pub fn check_zip(path: &Path, shown: &Path, ods: bool, limits: &Limits) -> Result<(), Diagnostic> {
    let error = |message| Diagnostic::error(shown, Location::File, message);
    let Ok(file) = std::fs::File::open(path) else { return Ok(()) };
    let Ok(mut zip) = zip::ZipArchive::new(BufReader::new(file)) else { return Ok(()) };
    if zip.len() > limits.zip_parts {
        return Err(
            error(msg!(m::ZIP_TOO_MANY_PARTS, n = zip.len(), limit = limits.zip_parts)).with_hint(msg!(m::ZIP_HINT))
        );
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let (name, size, packed) = match zip.by_index_raw(i) {
            Ok(f) => (f.name().map(|n| n.into_owned()).unwrap_or_default(), f.size(), f.compressed_size()),
            Err(_) => return Ok(()),
        };
        // A sheet is streamed; any other part is loaded whole, and gets the file's own limit.
        let sheet = name.starts_with("xl/worksheets/") || name == "content.xml";
        let limit = if sheet { limits.part_bytes } else { limits.file_bytes };
        if size > limit {
            return Err(error(msg!(m::ZIP_PART_TOO_BIG, part = &name, mb = mb(size), limit = limit >> 20))
                .with_hint(msg!(m::ZIP_HINT)));
        }
        if size > 1 << 20 && size / packed.max(1) > MAX_RATIO {
            return Err(error(msg!(m::ZIP_BOMB, part = &name, mb = mb(size), ratio = size / packed.max(1)))
                .with_hint(msg!(m::ZIP_BOMB_HINT)));
        }
        total += size;
        if total > limits.part_bytes.saturating_mul(2) {
            return Err(error(msg!(m::ZIP_TOO_BIG, mb = mb(total), limit = limits.part_bytes.saturating_mul(2) >> 20))
                .with_hint(msg!(m::ZIP_HINT)));
        }
    }
    if ods {
        // calamine expands repeated rows and cells into a dense range: count them first.
        if let Ok(content) = zip.by_name("content.xml") {
            ods_cells(content, shown, limits)?;
        }
    }
    Ok(())
}

/// The area calamine will fill for each sheet of an `.ods` `content.xml`: rows and columns up
/// to the last cell with a value, repeats counted.
fn ods_cells(content: impl Read, shown: &Path, limits: &Limits) -> Result<(), Diagnostic> {
    use quick_xml::events::Event;
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(content));
    let mut buf = Vec::new();
    let repeat = |e: &quick_xml::events::BytesStart, attr: &str| -> u64 {
        e.try_get_attribute(attr).ok().flatten().and_then(|a| a.value.parse().ok()).unwrap_or(1)
    };
    let has_value =
        |e: &quick_xml::events::BytesStart| e.try_get_attribute("office:value-type").ok().flatten().is_some();
    let mut sheet = String::new();
    let (mut row, mut widest, mut cells) = (0u64, 0u64, 0u64);
    // The row being read: how many times it repeats, its column, its last column with a value.
    let (mut row_repeat, mut col, mut row_width) = (1u64, 0u64, 0u64);
    let mut in_cell: Option<u64> = None;
    loop {
        buf.clear();
        let event = match xml.read_event_into(&mut buf) {
            Ok(e) => e,
            // Malformed XML: calamine says so.
            Err(_) => return Ok(()),
        };
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            match e.local_name().as_ref() {
                "table" => {
                    sheet = e
                        .try_get_attribute("table:name")
                        .ok()
                        .flatten()
                        .map(|a| a.value.into_owned())
                        .unwrap_or_default();
                    (row, widest, cells) = (0, 0, 0);
                }
                "table-row" if empty => row = row.saturating_add(repeat(e, "table:number-rows-repeated")),
                "table-row" => {
                    (row_repeat, col, row_width) = (repeat(e, "table:number-rows-repeated"), 0, 0);
                }
                "table-cell" | "covered-table-cell" => {
                    let n = repeat(e, "table:number-columns-repeated");
                    if has_value(e) {
                        row_width = col + n;
                    }
                    col += n;
                    if !empty {
                        in_cell = Some(n);
                    }
                }
                // Text in a cell without a value type is a value too.
                _ if in_cell.is_some() => {
                    row_width = row_width.max(col);
                }
                _ => {}
            }
        }
        match &event {
            Event::End(e) if e.local_name().as_ref() == "table-cell" => in_cell = None,
            Event::End(e) if e.local_name().as_ref() == "table-row" => {
                row = row.saturating_add(row_repeat);
                if row_width > 0 {
                    widest = widest.max(row_width);
                    cells = cells.saturating_add(row_repeat.saturating_mul(row_width));
                    check_size(shown, &sheet, row, widest, limits)?;
                    if cells > limits.cells {
                        check_size(shown, &sheet, cells, 1, limits)?;
                    }
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

//! CSV as spreadsheets save it: UTF-8 with a BOM ("CSV UTF-8"), UTF-8 without, or GB18030/GBK
//! (what Chinese Excel's "CSV (逗号分隔)" writes). The order is the safe one: a BOM decides,
//! then strict UTF-8, then GB18030 (a superset of GBK); the caller says which was used.
//! UTF-16 ("Unicode 文本") is refused with a hint, as is a NUL byte.

use std::path::Path;

use super::{CellValue, Format, Limits, Sheet, Workbook, check_size};
use crate::diagnostics::{Diagnostic, Location};
use crate::messages::import as m;
use crate::msg;

/// The encoding a text file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8Bom,
    Utf8,
    Gb18030,
}

impl TextEncoding {
    /// The name the summary shows.
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8Bom => "UTF-8 (BOM)",
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Gb18030 => "GB18030/GBK",
        }
    }
}

/// Decode a text file's bytes: BOM, then strict UTF-8, then GB18030. `Err` with the message
/// and hint when it is UTF-16, holds a NUL byte or is neither.
pub fn decode(bytes: &[u8]) -> Result<(String, TextEncoding), (crate::messages::Message, crate::messages::Message)> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err((msg!(m::UTF16_TEXT), msg!(m::SAVE_AS_XLSX)));
    }
    if let Some(at) = memchr::memchr(0, bytes) {
        return Err((msg!(m::NUL_BYTE, offset = at), msg!(m::NUL_BYTE_HINT)));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return match std::str::from_utf8(rest) {
            Ok(s) => Ok((s.to_string(), TextEncoding::Utf8Bom)),
            Err(_) => Err((msg!(m::NOT_TEXT), msg!(m::NOT_TEXT_HINT))),
        };
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_string(), TextEncoding::Utf8));
    }
    match encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(s) => Ok((s.into_owned(), TextEncoding::Gb18030)),
        None => Err((msg!(m::NOT_TEXT), msg!(m::NOT_TEXT_HINT))),
    }
}

/// Read a CSV file into one sheet of text cells.
pub fn read_csv(path: &Path, shown: &Path, limits: &Limits) -> Result<Workbook, Diagnostic> {
    let error = |message| Diagnostic::error(shown, Location::File, message);
    // At most one byte past the limit, whatever the file claims to be (a pipe, a file growing
    // while it is read): the size was checked, the reading is bounded too.
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| std::io::Read::read_to_end(&mut std::io::Read::take(f, limits.file_bytes + 1), &mut bytes))
        .map_err(|e| {
            error(msg!(m::CANNOT_READ, error = crate::messages::io_error(&e).text(crate::messages::ui_lang())))
        })?;
    if bytes.len() as u64 > limits.file_bytes {
        return Err(error(msg!(
            m::FILE_TOO_BIG,
            mb = format!("> {}", limits.file_bytes >> 20),
            limit = limits.file_bytes >> 20
        ))
        .with_hint(msg!(m::FILE_TOO_BIG_HINT)));
    }
    let (text, encoding) = decode(&bytes).map_err(|(message, hint)| error(message).with_hint(hint))?;
    drop(bytes);
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.contains('\t') && !first.contains(',') { b'\t' } else { b',' };
    let mut reader =
        csv::ReaderBuilder::new().flexible(true).has_headers(false).delimiter(delimiter).from_reader(text.as_bytes());
    let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let mut sheet = Sheet { name: name.clone(), ..Sheet::default() };
    let mut cells: u64 = 0;
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(i + 1, |p| p.line() as usize);
            Diagnostic::error(shown, Location::Position { line, column: 1 }, msg!(m::CSV_FILE_UNREADABLE, error = e))
        })?;
        cells += record.len() as u64;
        check_size(shown, &name, i as u64 + 1, record.len() as u64, limits)?;
        if cells > limits.cells {
            check_size(shown, &name, i as u64 + 1, limits.cells, limits)?;
        }
        let mut row = Vec::with_capacity(record.len());
        for (col, field) in record.iter().enumerate() {
            if field.chars().count() > limits.text_chars {
                return Err(Diagnostic::error(shown, super::at_cell(&name, i, col), msg!(m::TEXT_TOO_LONG))
                    .with_hint(msg!(m::TEXT_TOO_LONG_HINT, limit = limits.text_chars)));
            }
            row.push(if field.is_empty() { CellValue::Empty } else { CellValue::Text(field.to_string()) });
        }
        sheet.rows.push(row);
    }
    Ok(Workbook { file: shown.to_path_buf(), format: Format::Csv(encoding), sheets: vec![sheet] })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_then_utf8_then_gb18030() {
        assert_eq!(decode("\u{feff}指标".as_bytes()).map(|d| d.1), Ok(TextEncoding::Utf8Bom));
        assert_eq!(decode("指标".as_bytes()).map(|d| d.1), Ok(TextEncoding::Utf8));
        let (gbk, _, _) = encoding_rs::GBK.encode("指标,数值");
        assert_eq!(decode(&gbk), Ok(("指标,数值".to_string(), TextEncoding::Gb18030)));
        assert!(decode(&[0xFF, 0xFE, b'a', 0]).is_err());
        assert!(decode(b"a,b\0").is_err());
    }
}

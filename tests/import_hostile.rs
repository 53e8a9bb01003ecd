//! `gongkai import` on hostile files: each is refused with a clear error (file, what, the limit,
//! a hint), in bounded memory and CPU ([`common::bounded`]; how fast is for the benchmarks). The big files are made here at run time in a temporary
//! folder (a zip bomb, a 100 MB CSV, a 300 MB sparse file), from the committed fixtures of
//! tests/fixtures/import/ where a real workbook is needed around a crafted part.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

/// `gongkai import FILE --region city --dry-run` on a copy of the base site: the exit code, the
/// error output.
fn import(file: &Path) -> (Option<i32>, String) {
    let site = tempfile::tempdir().unwrap();
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base");
    common::copy_dir(&base, site.path());
    let out = common::bounded(&mut Command::new(env!("CARGO_BIN_EXE_gongkai")))
        .env("GONGKAI_LANG", "en")
        .arg("--root")
        .arg(site.path())
        .args(["import", "--region", "city", "--dry-run"])
        .arg(file)
        .output()
        .unwrap();
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// The file is refused, with exit code 1 and every one of `expected` in the error.
fn refused(file: &Path, expected: &[&str]) {
    let (code, stderr) = import(file);
    assert_eq!(code, Some(1), "{}: {stderr}", file.display());
    assert!(!stderr.contains("panicked"), "{stderr}");
    for e in expected {
        assert!(stderr.contains(e), "{}: expected `{e}` in:\n{stderr}", file.display());
    }
}

/// A copy of the zip `base` with the parts in `replace` (name, bytes) replaced or added.
fn rezip(base: &Path, replace: &[(&str, &[u8])], level: Option<i64>) -> Vec<u8> {
    let mut src = zip::ZipArchive::new(std::fs::File::open(base).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(level)
        .large_file(false);
    for i in 0..src.len() {
        let mut part = src.by_index(i).unwrap();
        let name = part.name().unwrap().into_owned();
        if replace.iter().any(|(n, _)| *n == name) {
            continue;
        }
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes).unwrap();
        out.start_file(name, options).unwrap();
        out.write_all(&bytes).unwrap();
    }
    for (name, bytes) in replace {
        out.start_file(*name, options).unwrap();
        out.write_all(bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

const SHEET: &str = "xl/worksheets/sheet1.xml";

/// A worksheet's XML around `rows` (`<row>` elements) with the dimension `dim`.
fn sheet_xml(dim: &str, rows: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><dimension ref=\"{dim}\"/><sheetData>{rows}</sheetData></worksheet>"
    )
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn sixteen_thousand_columns_and_a_far_cell_are_refused_before_anything_is_built() {
    let dir = tempfile::tempdir().unwrap();
    // Declared: the dimension says A1:XFD1.
    let wide = sheet_xml("A1:XFD1", "<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"XFD1\"><v>2</v></c></row>");
    let f = write(dir.path(), "columns.xlsx", &rezip(&fixture("long.xlsx"), &[(SHEET, wide.as_bytes())], None));
    refused(&f, &["1 rows and 16384 columns", "at most 4000000 rows, 2048 columns", "columns.xlsx"]);
    // Not declared: the dimension lies, the cell at XFD1048576 is caught as it is read.
    let far = sheet_xml(
        "A1",
        "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"1048576\"><c r=\"XFD1048576\"><v>2</v></c></row>",
    );
    let f = write(dir.path(), "far.xlsx", &rezip(&fixture("long.xlsx"), &[(SHEET, far.as_bytes())], None));
    refused(&f, &["1048576 rows and 16384 columns"]);
    // An .ods row of a value repeated 1,000 columns, repeated a million rows: calamine would
    // fill a thousand million cells; the count is made before it opens the file.
    let mut content = String::new();
    zip::ZipArchive::new(std::fs::File::open(fixture("long.ods")).unwrap())
        .unwrap()
        .by_name("content.xml")
        .unwrap()
        .read_to_string(&mut content)
        .unwrap();
    let content = content
    .replace(
        "</table:table>",
        "<table:table-row table:number-rows-repeated=\"1000000\"><table:table-cell office:value-type=\"float\" office:value=\"1\" table:number-columns-repeated=\"1000\"/></table:table-row></table:table>",
    );
    let f =
        write(dir.path(), "repeated.ods", &rezip(&fixture("long.ods"), &[("content.xml", content.as_bytes())], None));
    refused(&f, &["sheet `数据`", "1000 columns", "cells per sheet"]);
}

#[test]
fn a_one_megabyte_cell_is_refused_in_a_workbook_and_in_a_csv() {
    let dir = tempfile::tempdir().unwrap();
    // A million varied characters (one repeated would pack like a zip bomb, and be refused
    // as one).
    let big: String = (0..1u64 << 20).map(|i| char::from_u32(0x4e00 + (i * 7919 % 20_000) as u32).unwrap()).collect();
    let xml = sheet_xml("A1:A1", &format!("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>{big}</t></is></c></row>"));
    let f = write(dir.path(), "cell.xlsx", &rezip(&fixture("long.xlsx"), &[(SHEET, xml.as_bytes())], None));
    refused(&f, &["cell 数据!A1", "too long", "at most 32767 characters"]);
    let f = write(dir.path(), "cell.csv", format!("指标,年份,数值\ncmi,2024,{big}\n").as_bytes());
    refused(&f, &["cell cell!C2", "at most 32767 characters"]);
}

#[test]
fn a_zip_bomb_and_a_zip_that_lies_about_its_sizes_are_refused_unopened() {
    let dir = tempfile::tempdir().unwrap();
    // 64 MB of one byte packs about a thousand times: a bomb by its ratio, whatever its size.
    let mut bomb = sheet_xml("A1:A1", "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>").into_bytes();
    let at = bomb.len() - "</worksheet>".len();
    bomb.splice(at..at, std::iter::repeat_n(b' ', 64 << 20));
    let zipped = rezip(&fixture("long.xlsx"), &[(SHEET, &bomb)], Some(9));
    assert!(zipped.len() < 1 << 20, "the bomb is {} bytes", zipped.len());
    let f = write(dir.path(), "bomb.xlsx", &zipped);
    refused(&f, &["`xl/worksheets/sheet1.xml`", "64.0 MB", "zip bomb", "ask for the data again"]);

    // A small sheet whose headers declare 3 GB: refused by its declared size, unread.
    let small = sheet_xml("A1:A1", &"<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>".repeat(200));
    let honest = rezip(&fixture("long.xlsx"), &[(SHEET, small.as_bytes())], None);
    let f = write(dir.path(), "declared.xlsx", &set_size(&honest, SHEET, 3_000_000_000));
    refused(&f, &["unpacks to 2861.0 MB", "more than the 2048 MB"]);
    // The same sheet declaring 100 bytes: the zip reader stops at 100 bytes, a damaged file.
    let f = write(dir.path(), "lie.xlsx", &set_size(&honest, SHEET, 100));
    refused(&f, &["the workbook cannot be read", "larger than its declared uncompressed size"]);
}

/// `zip` with the uncompressed size of the part `name` set to `size` in its local header and in
/// the central directory (what a crafted file does).
fn set_size(zip: &[u8], name: &str, size: u32) -> Vec<u8> {
    let mut out = zip.to_vec();
    let n = name.as_bytes();
    for i in 0..out.len().saturating_sub(46) {
        let (sig, size_at, name_len_at, name_at) = match out[i..i + 4] {
            [0x50, 0x4b, 0x03, 0x04] => ("local", 22, 26, 30),
            [0x50, 0x4b, 0x01, 0x02] => ("central", 24, 28, 46),
            _ => continue,
        };
        let _ = sig;
        let len = u16::from_le_bytes([out[i + name_len_at], out[i + name_len_at + 1]]) as usize;
        if out.get(i + name_at..i + name_at + len) == Some(n) {
            out[i + size_at..i + size_at + 4].copy_from_slice(&size.to_le_bytes());
        }
    }
    out
}

#[test]
fn a_hundred_megabyte_file_and_one_over_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    // 100 MB of CSV in one line: its one cell is far too long; read once, never held twice over.
    let f = dir.path().join("line.csv");
    {
        let mut w = std::io::BufWriter::new(std::fs::File::create(&f).unwrap());
        w.write_all(b"indicator,period,value\ncmi,2024,").unwrap();
        let chunk = vec![b'9'; 1 << 20];
        for _ in 0..100 {
            w.write_all(&chunk).unwrap();
        }
    }
    refused(&f, &["line.csv", "too long", "at most 32767 characters"]);
    // 100 MB of random bytes named .xlsx: no zip, a damaged workbook.
    let f = dir.path().join("noise.xlsx");
    {
        let mut w = std::io::BufWriter::new(std::fs::File::create(&f).unwrap());
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut chunk = vec![0u8; 1 << 20];
        for _ in 0..100 {
            for b in chunk.iter_mut() {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                *b = x as u8;
            }
            w.write_all(&chunk).unwrap();
        }
    }
    refused(&f, &["the workbook cannot be read", "save it again as .xlsx"]);
    // 300 MB (a sparse file: no disk used), over the 256 MB limit: refused by its size alone.
    for ext in ["xlsx", "csv", "ods", "xls"] {
        let f = dir.path().join(format!("huge.{ext}"));
        std::fs::File::create(&f).unwrap().set_len(300 << 20).unwrap();
        refused(&f, &["the file is 300.0 MB, more than the 256 MB", "split it"]);
    }
}

#[test]
fn a_password_a_damaged_file_and_a_nul_byte() {
    let dir = tempfile::tempdir().unwrap();
    refused(&fixture("password.xlsx"), &["protected by a password", "without the password"]);
    for name in ["long.xlsx", "long.ods", "long.xls"] {
        let bytes = std::fs::read(fixture(name)).unwrap();
        let f = write(dir.path(), &format!("half-{name}"), &bytes[..bytes.len() / 2]);
        refused(&f, &["the workbook cannot be read"]);
    }
    let f = write(dir.path(), "nul.csv", b"indicator,period,value\ncmi,2024,0.9\0\n");
    refused(&f, &["NUL byte (at byte 35)", "export the data again"]);
}

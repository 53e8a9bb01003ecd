//! `data.csv`: observations as a spreadsheet would save them.

use std::path::Path;

use super::de::{RawValue, Text};
use super::{DataRecord, Written};
use crate::diagnostics::{Diagnostic, Diagnostics, Location, suggest};
use crate::messages::{Message, content as m};
use crate::msg;

const REQUIRED: [&str; 5] = ["indicator", "scope", "period", "value", "note"];
const OPTIONAL: [&str; 3] = ["source", "sample", "released"];

/// The line a record starts on, from its byte offset. The csv crate's own line count is one
/// short after a CRLF line end (it starts a record at the `\n` of the line before), and Excel
/// saves CSV with CRLF; so lines are counted here, incrementally, for records in file order.
pub struct LineOf<'a> {
    bytes: &'a [u8],
    counted_to: usize,
    line: usize,
}

impl<'a> LineOf<'a> {
    pub fn new(text: &'a str) -> Self {
        LineOf { bytes: text.as_bytes(), counted_to: 0, line: 1 }
    }

    /// The line (from 1) of the record at `position`; 0 when there is none.
    pub fn line(&mut self, position: Option<&csv::Position>) -> usize {
        let Some(p) = position else { return 0 };
        let mut at = (p.byte() as usize).min(self.bytes.len());
        while matches!(self.bytes.get(at), Some(b'\r' | b'\n')) {
            at += 1;
        }
        if at < self.counted_to {
            (self.counted_to, self.line) = (0, 1);
        }
        self.line += memchr::memchr_iter(b'\n', &self.bytes[self.counted_to..at]).count();
        self.counted_to = at;
        self.line
    }
}

/// The indicator and scope names of one file, each kept once and shared by its rows.
#[derive(Default)]
struct Names(std::collections::HashMap<String, std::sync::Arc<str>>);

impl Names {
    fn share(&mut self, name: &str) -> std::sync::Arc<str> {
        if let Some(n) = self.0.get(name) {
            return n.clone();
        }
        let n: std::sync::Arc<str> = name.into();
        self.0.insert(name.to_string(), n.clone());
        n
    }
}

/// Parse CSV text into records; every bad row is reported, good rows are kept.
pub fn parse_csv(rel: &Path, text: &str, out: &mut Vec<DataRecord>, diags: &mut Diagnostics) {
    let mut reader = csv::ReaderBuilder::new().flexible(true).has_headers(false).from_reader(text.as_bytes());
    let mut rows = reader.records();
    let header = match rows.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => {
            diags.push(Diagnostic::error(
                rel,
                Location::Position { line: 1, column: 1 },
                msg!(m::CSV_UNREADABLE, error = e),
            ));
            return;
        }
        None => {
            diags.push(Diagnostic::error(rel, Location::File, msg!(m::FILE_EMPTY)).with_hint(msg!(m::CSV_EMPTY_HINT)));
            return;
        }
    };
    let names: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
    let mut column = 1;
    for (i, name) in names.iter().enumerate() {
        let ok = if i < REQUIRED.len() { name == REQUIRED[i] } else { OPTIONAL.contains(&name.as_str()) };
        if !ok {
            let all = REQUIRED.iter().chain(OPTIONAL.iter()).copied();
            let hint = match suggest(name, all) {
                Some(s) => Message::new(&m::CSV_HEADER_HINT_AFTER_SUGGESTION).arg_message("suggestion", s),
                None => msg!(m::CSV_HEADER_HINT),
            };
            diags.push(
                Diagnostic::error(
                    rel,
                    Location::Position { line: 1, column },
                    msg!(m::CSV_UNEXPECTED_COLUMN, name = name),
                )
                .with_hint(hint),
            );
            return;
        }
        column += name.chars().count() + 1;
    }
    if names.len() < REQUIRED.len() {
        diags.push(
            Diagnostic::error(
                rel,
                Location::Position { line: 1, column: 1 },
                msg!(m::CSV_TOO_FEW_COLUMNS, n = names.len()),
            )
            .with_hint(msg!(m::CSV_TOO_FEW_COLUMNS_HINT)),
        );
        return;
    }
    let col = |name: &str| names.iter().position(|n| n == name);
    let (source_col, sample_col, released_col) = (col("source"), col("sample"), col("released"));
    let shared: std::sync::Arc<Path> = rel.into();
    let mut shared_names = Names::default();
    let mut line_of = LineOf::new(text);
    for row in rows {
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                let line = line_of.line(e.position());
                diags.push(Diagnostic::error(
                    rel,
                    Location::Position { line, column: 1 },
                    msg!(m::CSV_UNREADABLE, error = e),
                ));
                continue;
            }
        };
        let line = line_of.line(row.position());
        let at = |c: usize| Location::Position {
            line,
            column: 1 + row.iter().take(c).map(|f| f.chars().count() + 1).sum::<usize>(),
        };
        if row.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if row.len() != names.len() {
            diags.push(
                Diagnostic::error(
                    rel,
                    Location::Position { line, column: 1 },
                    msg!(m::CSV_ROW_COLUMNS, row = row.len(), header = names.len()),
                )
                .with_hint(msg!(m::CSV_ROW_COLUMNS_HINT)),
            );
            continue;
        }
        let field = |i: usize| row.get(i).unwrap_or("").trim();
        let value = match field(3) {
            "" => {
                diags.push(
                    Diagnostic::error(rel, at(3), msg!(m::CSV_EMPTY_VALUE)).with_hint(msg!(m::CSV_EMPTY_VALUE_HINT)),
                );
                continue;
            }
            v => match v.parse::<f64>() {
                Ok(n) if n.is_finite() => RawValue::Number(n),
                _ if v.contains(',') || v.contains('，') => {
                    diags.push(
                        Diagnostic::error(rel, at(3), msg!(m::CSV_NOT_A_NUMBER, value = v))
                            .with_hint(msg!(m::CSV_NOT_A_NUMBER_HINT)),
                    );
                    continue;
                }
                _ => RawValue::Word(v.to_string()),
            },
        };
        let sample = match sample_col.map(field) {
            None | Some("") | Some("false") | Some("no") | Some("0") => false,
            Some("true") | Some("yes") | Some("1") => true,
            Some(other) => {
                diags.push(
                    Diagnostic::error(rel, at(sample_col.unwrap_or(0)), msg!(m::CSV_SAMPLE_FLAG, value = other))
                        .with_hint(msg!(m::CSV_SAMPLE_FLAG_HINT)),
                );
                continue;
            }
        };
        let opt_text = |s: &str| (!s.is_empty()).then(|| Text::plain(s));
        let col = |c: usize| match at(c) {
            Location::Position { column, .. } => column,
            _ => 1,
        };
        let line32 = u32::try_from(line).unwrap_or(u32::MAX);
        let column = |c: usize| u32::try_from(col(c)).unwrap_or(u32::MAX);
        out.push(DataRecord {
            file: shared.clone(),
            written: Written::Csv { line: line32, columns: [column(0), column(1), column(2), column(3)] },
            indicator: shared_names.share(field(0)),
            scope: Some(field(1)).filter(|s| !s.is_empty()).map(|s| shared_names.share(s)),
            period: field(2).to_string(),
            value,
            note: opt_text(field(4)),
            source: source_col.and_then(|c| opt_text(field(c))),
            sample,
            released: released_col
                .filter(|&c| !field(c).is_empty())
                .map(|c| std::sync::Arc::new((field(c).to_string(), at(c)))),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Vec<DataRecord>, Diagnostics) {
        let mut out = Vec::new();
        let mut d = Diagnostics::new();
        parse_csv(Path::new("data.csv"), text, &mut out, &mut d);
        (out, d)
    }

    #[test]
    fn reads_rows_with_optional_columns() {
        let (rows, d) = parse(
            "indicator,scope,period,value,note,source,sample\r\ncmi,tertiary,2023,0.98,初步,市卫健委,true\nalos,,2023,8.9,,,\n",
        );
        assert!(d.is_empty(), "{d}");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].scope.as_deref(), Some("tertiary"));
        assert_eq!(rows[0].value, RawValue::Number(0.98));
        assert!(rows[0].sample);
        assert_eq!(rows[1].scope, None);
        assert_eq!(rows[1].location(), Location::Position { line: 3, column: 1 });
    }

    #[test]
    fn lines_are_right_with_crlf_and_quoted_line_breaks() {
        let text =
            "indicator,scope,period,value,note\r\ncmi,,2022,0.9,\r\ncmi,,2023,x,\"两行\r\n备注\"\r\ncmi,,2024,y,\r\n";
        let (rows, d) = parse(text);
        assert!(d.is_empty(), "{d}");
        let at: Vec<_> = rows.iter().map(|r| r.location()).collect();
        let line = |line| Location::Position { line, column: 1 };
        assert_eq!(at, [line(2), line(3), line(5)]);
    }

    #[test]
    fn wrong_column_count_is_located() {
        let (rows, d) = parse("indicator,scope,period,value,note\ncmi,,2023,0.98\ncmi,,2024,1.0,\n");
        assert_eq!(rows.len(), 1);
        let e = d.iter().next().unwrap();
        assert_eq!(e.position(), Some((2, 1)));
        assert!(e.message.contains("4 columns"));
    }

    #[test]
    fn bad_header_and_numbers() {
        let (_, d) = parse("indicator,scope,periode,value,note\n");
        assert!(
            d.iter()
                .next()
                .unwrap()
                .hint
                .as_ref()
                .map(|h| h.en())
                .as_deref()
                .unwrap()
                .contains("did you mean `period`?")
        );
        let (_, d) = parse("indicator,scope,period,value,note\ncmi,,2023,\"1,234\",\n");
        assert_eq!(d.iter().next().unwrap().position(), Some((2, 11)));
        assert_eq!(d.iter().next().unwrap().message.zh(), "`1,234` 不是数字");
    }

    #[test]
    fn header_problems_in_chinese() {
        let (_, d) = parse("indicator,scope,periode,value,note\n");
        let e = d.iter().next().unwrap();
        assert_eq!(e.message.zh(), "表头中有无法识别的列 `periode`");
        assert!(e.hint.as_ref().unwrap().zh().starts_with("是不是 `period`？表头必须以"), "{:?}", e.hint);
        let (_, d) = parse("indicator,scope\n");
        assert_eq!(d.iter().next().unwrap().message.zh(), "表头只有 2 列，至少应有 5 列");
    }
}

//! The workbook written with rust_xlsxwriter: the very hidden mark sheet first, then 填报说明
//! (shown first), a data sheet per frequency (指标数据, 季度指标, 月度指标) and 重点任务. On each
//! data sheet row 1 is hidden and holds each column's key ([`Key`]), row 2 the headers, and the
//! rows below one series or task each, with their ids in hidden columns at the right. Input
//! cells are yellow and unlocked; every sheet is protected without a password, so the layout
//! survives and a person can still unprotect it. Numbers are typed into General cells (so a
//! formula works), the unit beside them in 单位 and in the message shown when a cell is chosen
//! (85.2 for 85.2%; a cell typed `85.2%` is 0.852 with a percent format, which the import reads
//! as 85.2); they are validated as numbers with a warning that lets text such as `—` through;
//! states and task statuses are drop-downs of the words `gongkai import` reads.

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Workbook, Worksheet, XlsxError,
};

use super::plan::{Book, period_words, state_word};
use super::{Key, MARK, MARK_REGIONS, MARK_SHEET, VERSION};
use crate::messages::{Entry, template as m};
use crate::model::Site;
use crate::vocab::{Frequency, WorkState};

fn zh(e: &'static Entry) -> &'static str {
    e.zh
}

/// The formats of the workbook.
struct Styles {
    title: Format,
    header: Format,
    context: Format,
    block: Format,
    input: Format,
    date: Format,
    label: Format,
    text: Format,
    key: Format,
}

fn styles() -> Styles {
    let base = Format::new().set_font_name("等线").set_font_size(10.5).set_align(FormatAlign::VerticalCenter);
    let boxed = base.clone().set_border(FormatBorder::Thin).set_border_color(Color::RGB(0xA6A6A6)).set_text_wrap();
    let input = boxed.clone().set_background_color(Color::RGB(0xFFF2CC)).set_unlocked();
    Styles {
        title: base.clone().set_bold().set_font_size(14),
        header: boxed.clone().set_bold().set_background_color(Color::RGB(0xD9E1F2)).set_align(FormatAlign::Center),
        context: boxed.clone().set_background_color(Color::RGB(0xF2F2F2)),
        block: boxed.clone().set_bold().set_background_color(Color::RGB(0xE2EFDA)),
        date: input.clone().set_num_format("yyyy-mm-dd"),
        input,
        label: base.clone().set_bold().set_align(FormatAlign::Top),
        text: base.clone().set_text_wrap().set_align(FormatAlign::Top),
        key: base.set_font_color(Color::RGB(0x808080)),
    }
}

/// The words of the drop-down of a qualitative indicator's states.
const INDICATOR_STATES: [WorkState; 3] = [WorkState::Done, WorkState::InProgress, WorkState::NotStarted];
/// The words of the drop-down of a task's status.
const TASK_STATES: [WorkState; 4] = [WorkState::NotStarted, WorkState::InProgress, WorkState::Done, WorkState::Delayed];

/// A number in `unit`, said in the message Excel shows when the cell is chosen.
fn number_check(unit: &str) -> Result<DataValidation, XlsxError> {
    let message = crate::msg!(m::VALIDATION_NUMBER, unit = if unit.is_empty() { "—" } else { unit }).zh();
    DataValidation::new()
        .allow_decimal_number(DataValidationRule::Between(-1e15, 1e15))
        .set_error_style(DataValidationErrorStyle::Warning)
        .set_input_title(zh(&m::VALIDATION_NUMBER_TITLE))?
        .set_input_message(&message)?
        .set_error_title(zh(&m::VALIDATION_NUMBER_TITLE))?
        .set_error_message(&message)
}

fn list_check(states: &[WorkState]) -> Result<DataValidation, XlsxError> {
    let words: Vec<&str> = states.iter().map(|s| state_word(*s)).collect();
    DataValidation::new().allow_list_strings(&words)?.set_error_message(zh(&m::VALIDATION_STATE))
}

fn date_check() -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_date(DataValidationRule::Between(
            ExcelDateTime::from_ymd(1949, 1, 1)?,
            ExcelDateTime::from_ymd(2100, 12, 31)?,
        ))
        .set_error_style(DataValidationErrorStyle::Warning)
        .set_input_message(zh(&m::VALIDATION_DATE))?
        .set_error_message(zh(&m::VALIDATION_DATE))
}

/// Write the hidden key row and the header row of a data sheet; column widths; ids hidden.
fn head(ws: &mut Worksheet, st: &Styles, cols: &[(Key, String, f64)]) -> Result<(), XlsxError> {
    for (c, (key, header, width)) in cols.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, key.text(), &st.key)?;
        ws.write_string_with_format(1, c, header, &st.header)?;
        ws.set_column_width(c, *width)?;
        if matches!(key, Key::RegionId | Key::IndicatorId | Key::ScopeId | Key::TaskId) {
            ws.set_column_hidden(c)?;
        }
    }
    ws.set_row_hidden(0)?;
    ws.set_row_height(1, 36)?;
    ws.set_freeze_panes(2, 2)?;
    ws.set_landscape().set_paper_size(9).set_print_fit_to_pages(1, 0).set_repeat_rows(1, 1)?;
    Ok(())
}

/// The width of `text` in Excel's character units (a Chinese character takes two).
fn text_width(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// Set a row's height to show its wrapped texts whole (no program fits rows written without
/// heights: LibreOffice prints them one line high). `cells`: each text and its column's width.
fn fit_row(ws: &mut Worksheet, row: u32, cells: &[(&str, f64)]) -> Result<(), XlsxError> {
    let lines = cells
        .iter()
        // A little slack: fonts differ (等线 in Excel, Noto Sans CJK in LibreOffice), and a
        // line breaks at a whole word or before closing punctuation.
        .map(|(t, w)| (text_width(t) * 6 / 5).div_ceil(((*w as usize).saturating_sub(1)).max(1)))
        .max()
        .unwrap_or(1)
        .clamp(1, 20);
    ws.set_row_height(row, 16.0 * lines as f64 + 3.0)?;
    Ok(())
}

/// A block's heading row (a workbook with several regions).
fn block_row(ws: &mut Worksheet, st: &Styles, row: u32, name: &str, width: u16) -> Result<(), XlsxError> {
    ws.merge_range(row, 0, row, width.saturating_sub(1).max(1), name, &st.block)?;
    Ok(())
}

fn data_sheet(ws: &mut Worksheet, st: &Styles, book: &Book, freq: Frequency) -> Result<(), XlsxError> {
    let periods = book.periods.iter().find(|(f, _)| *f == freq).map(|(_, p)| p.clone()).unwrap_or_default();
    let mut cols: Vec<(Key, String, f64)> = vec![
        (Key::Region, zh(&m::COL_REGION).into(), 10.0),
        (Key::Indicator, zh(&m::COL_INDICATOR).into(), 26.0),
        (Key::Scope, zh(&m::COL_SCOPE).into(), 12.0),
        (Key::Context("unit"), zh(&m::COL_UNIT).into(), 7.0),
        (Key::Context("decimals"), zh(&m::COL_DECIMALS).into(), 6.0),
        (Key::Context("direction"), zh(&m::COL_DIRECTION).into(), 8.0),
        (Key::Context("targets"), zh(&m::COL_TARGETS).into(), 40.0),
        (Key::Context("latest"), zh(&m::COL_LATEST).into(), 30.0),
    ];
    let first_input = cols.len();
    for p in &periods {
        cols.push((Key::Period(*p), period_words(*p), 13.0));
    }
    cols.push((Key::Note, zh(&m::COL_NOTE).into(), 18.0));
    cols.push((Key::Source, zh(&m::COL_SOURCE).into(), 14.0));
    let last_input = cols.len() - 1;
    cols.push((Key::RegionId, "region_id".into(), 10.0));
    cols.push((Key::IndicatorId, "indicator_id".into(), 10.0));
    cols.push((Key::ScopeId, "scope_id".into(), 10.0));
    head(ws, st, &cols)?;
    let several = book.blocks.len() > 1;
    let mut row = 2u32;
    let states = list_check(&INDICATOR_STATES)?;
    for b in &book.blocks {
        let rows: Vec<_> = b.series.iter().filter(|s| s.frequency == freq).collect();
        if rows.is_empty() {
            continue;
        }
        if several {
            block_row(ws, st, row, &b.name, last_input as u16 + 1)?;
            row += 1;
        }
        for s in rows {
            let context =
                [&b.name, &s.indicator_name, &s.scope_name, &s.unit, &s.decimals, &s.direction, &s.targets, &s.latest];
            for (c, text) in context.iter().enumerate() {
                ws.write_string_with_format(row, c as u16, text.as_str(), &st.context)?;
            }
            let sized: Vec<(&str, f64)> = context.iter().zip(&cols).map(|(t, c)| (t.as_str(), c.2)).collect();
            fit_row(ws, row, &sized)?;
            for i in 0..periods.len() {
                ws.write_blank(row, (first_input + i) as u16, &st.input)?;
            }
            ws.write_blank(row, last_input as u16 - 1, &st.input)?;
            ws.write_blank(row, last_input as u16, &st.input)?;
            if !periods.is_empty() {
                let numbers;
                let check = if s.qualitative {
                    &states
                } else {
                    numbers = number_check(&s.unit)?;
                    &numbers
                };
                ws.add_data_validation(row, first_input as u16, row, (first_input + periods.len() - 1) as u16, check)?;
            }
            ws.write_string(row, last_input as u16 + 1, &b.region)?;
            ws.write_string(row, last_input as u16 + 2, &s.indicator)?;
            ws.write_string(row, last_input as u16 + 3, s.scope.as_deref().unwrap_or(""))?;
            row += 1;
        }
    }
    ws.protect();
    Ok(())
}

fn tasks_sheet(ws: &mut Worksheet, st: &Styles, book: &Book) -> Result<(), XlsxError> {
    let cols: Vec<(Key, String, f64)> = vec![
        (Key::Region, zh(&m::COL_REGION).into(), 10.0),
        (Key::Context("number"), zh(&m::COL_NUMBER).into(), 6.0),
        (Key::Context("task"), zh(&m::COL_TASK).into(), 26.0),
        (Key::Context("units"), zh(&m::COL_UNITS).into(), 24.0),
        (Key::Context("deadline"), zh(&m::COL_DEADLINE).into(), 12.0),
        (Key::Context("now"), zh(&m::COL_NOW).into(), 30.0),
        (Key::Status, zh(&m::COL_STATUS).into(), 12.0),
        (Key::Progress, zh(&m::COL_PROGRESS).into(), 40.0),
        (Key::Updated, zh(&m::COL_UPDATED).into(), 13.0),
        (Key::RegionId, "region_id".into(), 10.0),
        (Key::TaskId, "task_id".into(), 10.0),
    ];
    head(ws, st, &cols)?;
    ws.set_freeze_panes(2, 3)?;
    let (status, date) = (list_check(&TASK_STATES)?, date_check()?);
    let several = book.blocks.len() > 1;
    let mut row = 2u32;
    for b in &book.blocks {
        if b.tasks.is_empty() {
            continue;
        }
        if several {
            block_row(ws, st, row, &b.name, 9)?;
            row += 1;
        }
        for t in &b.tasks {
            let context = [&b.name, &t.number, &t.title, &t.units, &t.deadline, &t.now];
            for (c, text) in context.iter().enumerate() {
                ws.write_string_with_format(row, c as u16, text.as_str(), &st.context)?;
            }
            let sized: Vec<(&str, f64)> = context.iter().zip(&cols).map(|(t, c)| (t.as_str(), c.2)).collect();
            fit_row(ws, row, &sized)?;
            ws.write_blank(row, 6, &st.input)?;
            ws.write_blank(row, 7, &st.input)?;
            ws.write_blank(row, 8, &st.date)?;
            ws.add_data_validation(row, 6, row, 6, &status)?;
            ws.add_data_validation(row, 8, row, 8, &date)?;
            ws.write_string(row, 9, &b.region)?;
            ws.write_string(row, 10, &t.id)?;
            row += 1;
        }
    }
    ws.protect();
    Ok(())
}

fn instructions(ws: &mut Worksheet, st: &Styles, site: &Site, book: &Book) -> Result<(), XlsxError> {
    let c = &site.config.collection;
    let given = |t: &Option<crate::model::Text>, none: &'static Entry| {
        t.as_ref().map_or_else(|| zh(none).to_string(), |t| t.resolve("zh", "zh").0.to_string())
    };
    let main = book.blocks.first().map(|b| b.name.clone()).unwrap_or_default();
    let title = crate::msg!(m::INSTR_TITLE, site = site.config.title.resolve("zh", "zh").0, region = &main).zh();
    ws.set_column_width(0, 16)?;
    ws.set_column_width(1, 92)?;
    ws.merge_range(0, 0, 0, 1, &title, &st.title)?;
    ws.set_row_height(0, 24)?;
    let names: Vec<&str> = book.blocks.iter().map(|b| b.name.as_str()).collect();
    let periods: Vec<String> = book
        .periods
        .iter()
        .map(|(_, p)| match (p.first(), p.last()) {
            (Some(a), Some(b)) if a == b => period_words(*a),
            (Some(a), Some(b)) => format!("{}—{}", period_words(*a), period_words(*b)),
            _ => String::new(),
        })
        .collect();
    let mut rows: Vec<(&str, String)> = vec![
        (zh(&m::INSTR_REGIONS), names.join("、")),
        (zh(&m::INSTR_PERIODS), periods.join("；")),
        (zh(&m::INSTR_DEADLINE), given(&c.deadline, &m::INSTR_NO_DEADLINE)),
        (zh(&m::INSTR_SEND_TO), given(&c.send_to, &m::INSTR_NOT_GIVEN)),
        (zh(&m::INSTR_CONTACT), given(&c.contact, &m::INSTR_NOT_GIVEN)),
    ];
    if let Some(n) = &c.note {
        rows.push((zh(&m::INSTR_NOTE), n.resolve("zh", "zh").0.to_string()));
    }
    let mut r = 2u32;
    for (label, text) in rows {
        ws.write_string_with_format(r, 0, label, &st.label)?;
        ws.write_string_with_format(r, 1, &text, &st.text)?;
        fit_row(ws, r, &[(&text, 92.0)])?;
        r += 1;
    }
    r += 1;
    ws.write_string_with_format(r, 0, zh(&m::INSTR_HOW), &st.label)?;
    for e in [&m::INSTR_1, &m::INSTR_2, &m::INSTR_3, &m::INSTR_4, &m::INSTR_5, &m::INSTR_6, &m::INSTR_7] {
        ws.write_string_with_format(r, 1, zh(e), &st.text)?;
        fit_row(ws, r, &[(zh(e), 92.0)])?;
        r += 1;
    }
    ws.set_portrait().set_paper_size(9).set_print_fit_to_pages(1, 0);
    ws.protect();
    Ok(())
}

/// The workbook of `book`, as the bytes of an `.xlsx` file.
pub fn workbook(site: &Site, book: &Book) -> Result<Vec<u8>, XlsxError> {
    let st = styles();
    let mut wb = Workbook::new();
    {
        let mark = wb.add_worksheet();
        mark.set_name(MARK_SHEET)?;
        mark.write_string(0, 0, MARK)?;
        mark.write_string(0, 1, VERSION)?;
        mark.write_string(1, 0, MARK_REGIONS)?;
        for (i, b) in book.blocks.iter().enumerate() {
            mark.write_string(1, i as u16 + 1, &b.region)?;
        }
        mark.set_very_hidden(true);
    }
    {
        let ws = wb.add_worksheet();
        ws.set_name(zh(&m::SHEET_INSTRUCTIONS))?;
        instructions(ws, &st, site, book)?;
        ws.set_active(true);
    }
    for (freq, name) in [
        (Frequency::Yearly, &m::SHEET_YEARLY),
        (Frequency::Quarterly, &m::SHEET_QUARTERLY),
        (Frequency::Monthly, &m::SHEET_MONTHLY),
    ] {
        let has_rows = book.blocks.iter().any(|b| b.series.iter().any(|s| s.frequency == freq));
        // The yearly sheet is always there (the 指标数据), the others when they have rows.
        if !has_rows && freq != Frequency::Yearly {
            continue;
        }
        let ws = wb.add_worksheet();
        ws.set_name(zh(name))?;
        data_sheet(ws, &st, book, freq)?;
    }
    {
        let ws = wb.add_worksheet();
        ws.set_name(zh(&m::SHEET_TASKS))?;
        tasks_sheet(ws, &st, book)?;
    }
    wb.save_to_buffer()
}

//! Phụ lục tables as one workbook, one sheet each: the caption block ("PHỤ LỤC n", title,
//! "(Kèm theo Báo cáo số …)"), merged multi-row headers, borders, Times New Roman, numbers
//! stored as numbers with Vietnamese display formats, frozen header, header rows repeated
//! on every printed page, A4 landscape, fitted to the page width.

use rayon::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::{FONT, write_text};
use crate::HashMap;
use crate::build::table::{RowKind, Table};

/// Excel's paper code for A4.
const A4: u8 = 9;

fn base() -> Format {
    Format::new().set_font_name(FONT).set_font_size(12)
}

fn number_format(decimals: u32) -> String {
    if decimals == 0 {
        "#,##0".to_string()
    } else {
        format!("#,##0.{}", "0".repeat(decimals as usize))
    }
}

/// The formats of a phụ lục sheet, made once each: making a format per cell cost more
/// than writing the cell.
struct Formats {
    caption: Format,
    attached: Format,
    head: Format,
    section: Format,
    /// Body text, plain and bold.
    text: [Format; 2],
    /// Body numbers by boldness and decimals shown.
    numbers: HashMap<(bool, u32), Format>,
}

impl Formats {
    fn new() -> Self {
        let cell = base()
            .set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter);
        Self {
            caption: base()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_font_size(13),
            attached: base().set_italic().set_align(FormatAlign::Center),
            head: cell.clone().set_bold().set_align(FormatAlign::Center),
            section: cell.clone().set_bold(),
            text: [cell.clone(), cell.set_bold()],
            numbers: HashMap::default(),
        }
    }

    fn text(&self, bold: bool) -> &Format {
        &self.text[usize::from(bold)]
    }

    /// The format of a number shown with `decimals` decimals; a whole number shows none.
    fn number(&mut self, bold: bool, decimals: u32, integral: bool) -> &Format {
        let decimals = if integral { 0 } else { decimals };
        let text = &self.text[usize::from(bold)];
        self.numbers.entry((bold, decimals)).or_insert_with(|| {
            text.clone()
                .set_num_format(number_format(decimals))
                .set_align(FormatAlign::Right)
        })
    }
}

/// Writes the tables into a new workbook, one sheet per table, the sheets made in
/// parallel.
pub fn build(title: &str, tables: &[Table]) -> Result<Workbook, XlsxError> {
    let mut wb = super::workbook(title)?;
    let sheets: Vec<Worksheet> = tables.par_iter().map(sheet).collect::<Result<_, _>>()?;
    for s in sheets {
        wb.push_worksheet(s);
    }
    Ok(wb)
}

/// One table as a sheet.
fn sheet(t: &Table) -> Result<Worksheet, XlsxError> {
    let mut f = Formats::new();
    let mut s = Worksheet::new();
    let n = u16::try_from(t.columns()).unwrap_or(1).max(1);
    let last = n - 1;
    s.set_name(&t.sheet)?;
    s.set_landscape()
        .set_paper_size(A4)
        .set_print_fit_to_pages(1, 0);
    s.set_margins(0.5, 0.5, 0.75, 0.75, 0.3, 0.3);
    for (c, w) in t.widths.iter().enumerate() {
        s.set_column_width(u16::try_from(c).unwrap_or(0), f64::from(*w).max(4.0))?;
    }
    s.merge_range(0, 0, 0, last, &t.label, &f.caption)?;
    s.merge_range(1, 0, 1, last, &t.title, &f.caption)?;
    s.merge_range(2, 0, 2, last, &t.attached, &f.attached)?;
    let h0: u32 = 4;
    for (r, row) in t.header_grid().iter().enumerate() {
        let r = h0 + u32::try_from(r).unwrap_or(0);
        for (c, h) in row.iter().enumerate() {
            let Some(h) = h else { continue };
            let c = u16::try_from(c).unwrap_or(0);
            let r2 = r + u32::try_from(h.rowspan).unwrap_or(1) - 1;
            let c2 = c + u16::try_from(h.colspan).unwrap_or(1) - 1;
            if r2 > r || c2 > c {
                s.merge_range(r, c, r2, c2, &h.text, &f.head)?;
            } else {
                write_text(&mut s, r, c, &h.text, &f.head)?;
            }
        }
    }
    let body0 = h0 + u32::try_from(t.header.len()).unwrap_or(0);
    s.set_repeat_rows(h0, body0 - 1)?;
    s.set_freeze_panes(body0, 0)?;
    for (i, row) in t.rows.iter().enumerate() {
        let r = body0 + u32::try_from(i).unwrap_or(0);
        if row.kind == RowKind::Section {
            let text = row.cells.first().map_or("", |c| c.text.as_str());
            if last > 0 {
                s.merge_range(r, 0, r, last, text, &f.section)?;
            } else {
                write_text(&mut s, r, 0, text, &f.section)?;
            }
            continue;
        }
        let bold = matches!(row.kind, RowKind::Total | RowKind::Group);
        for (c, v) in row.cells.iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(0);
            match v
                .number
                .and_then(|(d, dec)| Some((d.to_f64()?, dec, d.fract().is_zero())))
            {
                Some((x, dec, integral)) => {
                    s.write_number_with_format(r, c, x, f.number(bold, dec, integral))?;
                }
                None => write_text(&mut s, r, c, &v.text, f.text(bold))?,
            }
        }
    }
    Ok(s)
}

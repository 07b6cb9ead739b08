//! Writing workbooks: the shared look (Times New Roman, borders, Vietnamese number
//! formats), safe text cells, fixed document properties for byte-identical output, and
//! atomic saving.

pub mod diff;
pub mod form;
pub mod phuluc;

use std::path::Path;

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

/// The font of administrative documents.
pub const FONT: &str = "Times New Roman";

/// Formats used across generated workbooks.
pub struct Styles {
    /// Bold centred title.
    pub title: Format,
    /// Italic note line.
    pub note: Format,
    /// Bold, bordered, wrapped, centred header cell.
    pub header: Format,
    /// Bordered, wrapped text cell.
    pub text: Format,
    /// Bordered, wrapped text cell that the unit may edit.
    pub input_text: Format,
    /// Bordered number cell that the unit may edit.
    pub input_number: Format,
    /// Bordered date cell that the unit may edit.
    pub input_date: Format,
    /// Bordered grey cell: not to be filled.
    pub disabled: Format,
    /// Bordered read-only number (for reference figures).
    pub number: Format,
}

fn base() -> Format {
    Format::new().set_font_name(FONT).set_font_size(12)
}

impl Styles {
    /// The standard set.
    pub fn new() -> Self {
        let cell = || {
            base()
                .set_border(FormatBorder::Thin)
                .set_text_wrap()
                .set_align(FormatAlign::VerticalCenter)
        };
        Self {
            title: base()
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::Center),
            note: base().set_italic(),
            header: cell()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color(0xDDEBF7),
            text: cell(),
            input_text: cell().set_unlocked(),
            input_number: cell().set_unlocked().set_num_format(NUMBER_FORMAT),
            input_date: cell().set_unlocked().set_num_format("dd/mm/yyyy"),
            disabled: cell().set_background_color(0xE7E6E6),
            number: cell().set_num_format(NUMBER_FORMAT),
        }
    }
}

impl Default for Styles {
    fn default() -> Self {
        Self::new()
    }
}

/// Excel number format that shows up to three decimals; the workbook's locale decides the
/// separators, so a Vietnamese Excel shows "2.826,5".
pub const NUMBER_FORMAT: &str = "#,##0.###";

/// A new workbook with fixed document properties, so that rebuilding gives identical bytes.
pub fn workbook(title: &str) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    wb.set_zip_compression_level(3);
    let created = ExcelDateTime::from_ymd(2024, 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_author("cdsreport")
            .set_creation_datetime(&created),
    );
    Ok(wb)
}

/// Writes text as a string cell — never a formula, whatever it starts with.
pub fn write_text(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    text: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(row, col, text, format)?;
    Ok(())
}

/// Saves atomically: to bytes, then a temporary file renamed over the target.
pub fn save(wb: &mut Workbook, path: &Path) -> anyhow::Result<()> {
    let bytes = wb.save_to_buffer()?;
    crate::fsutil::write_atomic(path, &bytes)?;
    Ok(())
}

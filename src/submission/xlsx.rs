//! Reads the Excel form (the layout `cdsreport template` writes, or a hand-made sheet in
//! that layout) into the [`Submission`] model. Rows are matched by their code column and
//! columns by their header text, so reordered or deleted rows and columns read correctly.

use std::path::Path;

use calamine::{Cell, Data, Range, Reader, Sheets, open_workbook_auto};
use rust_decimal::Decimal;

use super::{Entry, Format, Located, Narrative, Product, Raw, Submission, TaskReport, Value};
use crate::diag::{Code, Diagnostic, Span};

/// Rows and columns read from a sheet; a form has a few hundred rows and eight columns.
/// A cell beyond them is an error rather than a grid of billions of empty cells.
pub const MAX_ROWS: u32 = 20_000;
/// See [`MAX_ROWS`].
pub const MAX_COLS: u32 = 64;

/// Sheet names of the form.
pub mod sheet {
    /// Header information.
    pub const INFO: &str = "Thông tin";
    /// Indicator values.
    pub const VALUES: &str = "Chỉ tiêu";
    /// Task progress.
    pub const TASKS: &str = "Nhiệm vụ";
    /// Products.
    pub const PRODUCTS: &str = "Sản phẩm";
    /// Narrative.
    pub const NARRATIVE: &str = "Thuyết minh";
}

/// Column headers of the form, as written in the header rows.
pub mod header {
    /// Indicator code.
    pub const CODE: &str = "Mã";
    /// Indicator name.
    pub const NAME: &str = "Chỉ tiêu";
    /// Đơn vị tính.
    pub const UNIT: &str = "Đơn vị tính";
    /// Value or numerator.
    pub const VALUE: &str = "Giá trị hoặc Tử số";
    /// Denominator.
    pub const DENOMINATOR: &str = "Mẫu số";
    /// Note.
    pub const NOTE: &str = "Ghi chú";
    /// Task title.
    pub const TASK: &str = "Nhiệm vụ";
    /// Status.
    pub const STATUS: &str = "Tình trạng";
    /// Result.
    pub const RESULT: &str = "Kết quả";
    /// Documents.
    pub const DOCUMENTS: &str = "Văn bản";
    /// Row number.
    pub const NUMBER: &str = "TT";
    /// Product name.
    pub const PRODUCT: &str = "Tên sản phẩm";
    /// Narrative section.
    pub const SECTION: &str = "Mục";
    /// Narrative text.
    pub const CONTENT: &str = "Nội dung";
}

/// Labels of the "Thông tin" sheet (column A), values in column B.
pub mod info {
    /// Unit id.
    pub const UNIT: &str = "Mã đơn vị";
    /// Period.
    pub const PERIOD: &str = "Kỳ báo cáo";
    /// Cut-off date.
    pub const AS_OF: &str = "Ngày chốt số liệu";
    /// Preparer.
    pub const PREPARED_BY: &str = "Người lập";
}

/// "A1"-style name of a zero-based cell position.
pub fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut c = col + 1;
    while c > 0 {
        let rem = (c - 1) % 26;
        letters.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        c = (c - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
}

/// Excel's error values.
const EXCEL_ERRORS: [&str; 8] = [
    "#DIV/0!",
    "#N/A",
    "#VALUE!",
    "#REF!",
    "#NAME?",
    "#NUM!",
    "#NULL!",
    "#GETTING_DATA",
];

fn norm(s: &str) -> String {
    crate::text::nfc(s.trim())
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn to_raw(d: &Data) -> Raw {
    match d {
        Data::Empty => Raw::Missing,
        Data::Int(i) => Raw::Number(Decimal::from(*i)),
        // Excel stores binary doubles: 76880 computed by a formula may arrive as
        // 76880.00000000001. Fifteen significant digits is all a double holds for certain.
        Data::Float(f) if f.is_finite() => {
            let text = format!("{f:.14e}");
            Decimal::from_scientific(&text)
                .map_or_else(|_| Raw::Text(f.to_string()), |d| Raw::Number(d.normalize()))
        }
        Data::Float(f) => Raw::Text(f.to_string()),
        // A formula's cached error result may arrive as text.
        Data::String(s) if EXCEL_ERRORS.contains(&s.trim()) => Raw::Error(s.trim().to_string()),
        Data::String(s) => Raw::Text(crate::text::nfc_string(s.clone())),
        Data::Bool(b) => Raw::Bool(*b),
        Data::DateTime(dt) => dt
            .as_datetime()
            .map_or_else(|| Raw::Text(dt.to_string()), |t| Raw::Date(t.date())),
        Data::DateTimeIso(s) => crate::date::parse_date(s.get(..10).unwrap_or(s))
            .map_or_else(|_| Raw::Text(s.clone()), Raw::Date),
        Data::DurationIso(s) => Raw::Text(s.clone()),
        Data::Error(e) => Raw::Error(e.to_string()),
    }
}

fn text_of(d: &Data) -> String {
    match to_raw(d) {
        Raw::Missing => String::new(),
        r => r.display(),
    }
}

/// A sheet with absolute cell positions.
struct Sheet<'a> {
    name: &'static str,
    range: &'a Range<Data>,
}

impl Sheet<'_> {
    fn rows(&self) -> impl Iterator<Item = (u32, &[Data])> {
        let (r0, _) = self.range.start().unwrap_or((0, 0));
        self.range
            .rows()
            .enumerate()
            .map(move |(i, r)| (r0 + u32::try_from(i).unwrap_or(u32::MAX), r))
    }

    fn col0(&self) -> u32 {
        self.range.start().map_or(0, |s| s.1)
    }

    fn span(&self, row: u32, idx: usize) -> Span {
        let col = self.col0() + u32::try_from(idx).unwrap_or(0);
        Span::Cell {
            sheet: self.name.to_string(),
            cell: cell_name(row, col),
        }
    }

    /// The header row (first row having a cell equal to `key`) and column index by header.
    fn header(&self, key: &str) -> Option<(u32, Vec<String>)> {
        self.rows().take(30).find_map(|(r, cells)| {
            let names: Vec<String> = cells.iter().map(|c| norm(&text_of(c))).collect();
            names.iter().any(|n| n == &norm(key)).then_some((r, names))
        })
    }
}

fn col(names: &[String], header: &str) -> Option<usize> {
    names.iter().position(|n| n == &norm(header))
}

/// Reads an Excel submission.
pub fn read(path: &Path, rel: &str) -> Result<Submission, Diagnostic> {
    let mut wb = open_workbook_auto(path).map_err(|e| {
        Diagnostic::new(Code::E100, rel, format!("không mở được tệp Excel ({e})"))
            .with_hint("tệp có thể bị hỏng, có mật khẩu hoặc không phải là tệp Excel; lưu lại bằng Excel dưới dạng .xlsx")
    })?;
    let names = wb.sheet_names();
    let mut get = |name: &'static str| -> Result<Option<Range<Data>>, Diagnostic> {
        let Some(actual) = names.iter().find(|n| norm(n) == norm(name)).cloned() else {
            return Ok(None);
        };
        bounded_range(&mut wb, &actual, rel).map(Some)
    };
    let missing = |name: &str| {
        Diagnostic::new(Code::E101, rel, format!("thiếu trang tính «{name}»"))
            .with_hint("dùng biểu mẫu do «cdsreport template» tạo; các trang tính: Thông tin, Chỉ tiêu, Nhiệm vụ, Sản phẩm, Thuyết minh")
    };
    let info = get(sheet::INFO)?.ok_or_else(|| missing(sheet::INFO))?;
    let values = get(sheet::VALUES)?.ok_or_else(|| missing(sheet::VALUES))?;
    let tasks = get(sheet::TASKS)?;
    let products = get(sheet::PRODUCTS)?;
    let narrative = get(sheet::NARRATIVE)?;

    let mut sub = Submission::empty(rel, Format::Xlsx);
    read_info(
        &Sheet {
            name: sheet::INFO,
            range: &info,
        },
        &mut sub,
    );
    read_values(
        &Sheet {
            name: sheet::VALUES,
            range: &values,
        },
        rel,
        &mut sub,
    )?;
    if let Some(r) = &tasks {
        read_tasks(
            &Sheet {
                name: sheet::TASKS,
                range: r,
            },
            &mut sub,
        );
    }
    if let Some(r) = &products {
        read_products(
            &Sheet {
                name: sheet::PRODUCTS,
                range: r,
            },
            &mut sub,
        );
    }
    if let Some(r) = &narrative {
        read_narrative(
            &Sheet {
                name: sheet::NARRATIVE,
                range: r,
            },
            &mut sub,
        );
    }
    Ok(sub)
}

/// A sheet's cells, refusing any beyond [`MAX_ROWS`] × [`MAX_COLS`]. Excel workbooks are
/// streamed cell by cell, so a sheet that claims a million rows costs nothing.
fn bounded_range<RS: std::io::Read + std::io::Seek>(
    wb: &mut Sheets<RS>,
    name: &str,
    rel: &str,
) -> Result<Range<Data>, Diagnostic> {
    let unreadable = |e: String| {
        Diagnostic::new(
            Code::E100,
            rel,
            format!("không đọc được trang tính «{name}» ({e})"),
        )
    };
    let too_big = |row: u32, col: u32| {
        Diagnostic::new(Code::E100, rel, format!(
            "trang tính «{name}» có ô {} nằm ngoài giới hạn {MAX_ROWS} dòng × {MAX_COLS} cột của biểu mẫu",
            cell_name(row, col)
        ))
        .with_hint("xóa các ô thừa ở cuối trang tính (hoặc chép số liệu sang biểu mẫu mới của «cdsreport template»)")
    };
    let range = match wb {
        Sheets::Xlsx(x) => {
            let mut reader = x
                .worksheet_cells_reader(name)
                .map_err(|e| unreadable(e.to_string()))?;
            let mut cells = Vec::new();
            while let Some(c) = reader.next_cell().map_err(|e| unreadable(e.to_string()))? {
                let (row, col) = c.get_position();
                let value = Data::from(c.get_value().clone());
                if value == Data::Empty {
                    continue;
                }
                if row >= MAX_ROWS || col >= MAX_COLS {
                    return Err(too_big(row, col));
                }
                cells.push(Cell::new((row, col), value));
            }
            Range::from_sparse(cells)
        }
        other => other
            .worksheet_range(name)
            .map_err(|e| unreadable(e.to_string()))?,
    };
    if let Some((row, col)) = range
        .end()
        .filter(|(r, c)| *r >= MAX_ROWS || *c >= MAX_COLS)
    {
        return Err(too_big(row, col));
    }
    Ok(range)
}

fn read_info(s: &Sheet, sub: &mut Submission) {
    for (r, cells) in s.rows() {
        let Some(label) = cells.first().map(|c| norm(&text_of(c))) else {
            continue;
        };
        let Some(value) = cells.get(1) else { continue };
        let at = s.span(r, 1);
        let text = || Located::new(text_of(value).trim().to_string(), at.clone());
        if label == norm(info::UNIT) {
            sub.unit = Some(text());
        } else if label == norm(info::PERIOD) {
            sub.period = Some(text());
        } else if label == norm(info::AS_OF) {
            sub.as_of = Some(Located::new(to_raw(value), at.clone()));
        } else if label == norm(info::PREPARED_BY) {
            let t = text_of(value);
            sub.prepared_by = (!t.trim().is_empty()).then(|| t.trim().to_string());
        }
    }
}

fn read_values(s: &Sheet, rel: &str, sub: &mut Submission) -> Result<(), Diagnostic> {
    let Some((header_row, names)) = s.header(header::CODE) else {
        return Err(Diagnostic::new(Code::E101, rel, format!("trang tính «{}» không có dòng tiêu đề có cột «{}»", s.name, header::CODE))
            .with_hint("dòng tiêu đề phải có các cột: Mã | Chỉ tiêu | Đơn vị tính | Giá trị hoặc Tử số | Mẫu số | Ghi chú"));
    };
    let (Some(c_code), Some(c_value)) = (col(&names, header::CODE), col(&names, header::VALUE))
    else {
        return Err(Diagnostic::new(
            Code::E101,
            rel,
            format!("trang tính «{}» thiếu cột «{}»", s.name, header::VALUE),
        )
        .at(s.span(header_row, 0)));
    };
    let c_den = col(&names, header::DENOMINATOR);
    let c_note = col(&names, header::NOTE);
    for (r, cells) in s.rows().filter(|(r, _)| *r > header_row) {
        let code = cells.get(c_code).map(text_of).unwrap_or_default();
        let code = code.trim();
        if code.is_empty() {
            continue;
        }
        let cell =
            |i: Option<usize>| i.and_then(|i| cells.get(i).map(|d| (to_raw(d), s.span(r, i))));
        let (main, main_at) = cell(Some(c_value)).unwrap_or((Raw::Missing, s.span(r, c_value)));
        let mut value = Value::plain(Located::new(main, main_at));
        value.denominator = cell(c_den)
            .filter(|(raw, _)| !raw.is_missing())
            .map(|(raw, at)| Located::new(raw, at));
        value.note = cell(c_note)
            .map(|(raw, _)| raw.display())
            .filter(|t| !t.trim().is_empty());
        sub.entries.push(Entry {
            code: Located::new(code.to_string(), s.span(r, c_code)),
            value,
        });
    }
    Ok(())
}

fn read_tasks(s: &Sheet, sub: &mut Submission) {
    let Some((header_row, names)) = s.header(header::CODE) else {
        return;
    };
    let Some(c_id) = col(&names, header::CODE) else {
        return;
    };
    let (c_status, c_result, c_docs) = (
        col(&names, header::STATUS),
        col(&names, header::RESULT),
        col(&names, header::DOCUMENTS),
    );
    for (r, cells) in s.rows().filter(|(r, _)| *r > header_row) {
        let id = cells.get(c_id).map(text_of).unwrap_or_default();
        if id.trim().is_empty() {
            continue;
        }
        let text = |i: Option<usize>| {
            i.and_then(|i| cells.get(i))
                .map(text_of)
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
        };
        let status = c_status.and_then(|i| text(Some(i)).map(|t| Located::new(t, s.span(r, i))));
        let documents: Vec<String> = text(c_docs)
            .map(|t| {
                t.lines()
                    .map(|l| l.trim().trim_start_matches("- ").trim().to_string())
                    .filter(|l| !l.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let result = text(c_result);
        let has_content = status.is_some() || result.is_some() || !documents.is_empty();
        if has_content {
            sub.tasks.push(TaskReport {
                id: Located::new(id.trim().to_string(), s.span(r, c_id)),
                status,
                result,
                documents,
            });
        }
    }
}

fn read_products(s: &Sheet, sub: &mut Submission) {
    let Some((header_row, names)) = s.header(header::PRODUCT) else {
        return;
    };
    let Some(c_name) = col(&names, header::PRODUCT) else {
        return;
    };
    let (c_status, c_note) = (col(&names, header::STATUS), col(&names, header::NOTE));
    for (r, cells) in s.rows().filter(|(r, _)| *r > header_row) {
        let name = cells.get(c_name).map(text_of).unwrap_or_default();
        if name.trim().is_empty() {
            continue;
        }
        let text = |i: Option<usize>| {
            i.and_then(|i| cells.get(i))
                .map(text_of)
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
        };
        sub.products.push(Product {
            name: Located::new(name.trim().to_string(), s.span(r, c_name)),
            status: c_status.and_then(|i| text(Some(i)).map(|t| Located::new(t, s.span(r, i)))),
            note: text(c_note),
        });
    }
}

fn read_narrative(s: &Sheet, sub: &mut Submission) {
    let Some((header_row, names)) = s.header(header::SECTION) else {
        return;
    };
    let (Some(c_key), Some(c_text)) = (col(&names, header::SECTION), col(&names, header::CONTENT))
    else {
        return;
    };
    for (r, cells) in s.rows().filter(|(r, _)| *r > header_row) {
        let key = cells.get(c_key).map(text_of).unwrap_or_default();
        let text = cells.get(c_text).map(text_of).unwrap_or_default();
        if key.trim().is_empty() || text.trim().is_empty() {
            continue;
        }
        sub.narrative.push(Narrative {
            section: Located::new(key.trim().to_string(), s.span(r, c_key)),
            text: text.trim().to_string(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::{Data, Raw, cell_name, to_raw};

    #[test]
    fn float_cells_keep_fifteen_significant_digits() {
        assert_eq!(
            to_raw(&Data::Float(76880.00000000001)),
            Raw::Number(76880.into())
        );
        assert_eq!(to_raw(&Data::Float(0.1 + 0.2)).display(), "0.3");
        assert_eq!(to_raw(&Data::Float(2826.5)).display(), "2826.5");
        assert_eq!(to_raw(&Data::Float(99.47)).display(), "99.47");
    }

    #[test]
    fn cell_names() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(6, 3), "D7");
        assert_eq!(cell_name(0, 25), "Z1");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(9, 16383), "XFD10");
    }
}

//! Reads the Excel form (the layout `cdsreport template` writes, or a hand-made sheet in
//! that layout) into the [`Submission`] model. Rows are matched by their code column and
//! columns by their header text, so reordered or deleted rows and columns read correctly.

use std::io::Cursor;

use calamine::{Cell, CellErrorType, Data, Ods, Range, Reader, Sheets, Xls, Xlsx};
use rust_decimal::Decimal;

use super::{Entry, Format, Located, Narrative, Product, Raw, Submission, TaskReport, Value};
use crate::diag::{Code, Diagnostic, Span};
use crate::limits::Limits;

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
    // Column letters, least significant first: at most three for Excel's 16.384 columns,
    // seven for any u32.
    let mut letters = [0u8; 7];
    let mut n = 0;
    let mut c = u64::from(col) + 1;
    while c > 0 {
        letters[n] = b'A' + ((c - 1) % 26) as u8;
        n += 1;
        c = (c - 1) / 26;
    }
    let mut name = String::with_capacity(n + 10);
    name.extend(letters[..n].iter().rev().map(|&b| char::from(b)));
    // Writing into a String cannot fail.
    let _ = std::fmt::Write::write_fmt(&mut name, format_args!("{}", u64::from(row) + 1));
    name
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
        // Most cells are whole numbers, exact in a double up to 2^53: no text round trip.
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 => {
            Raw::Number(Decimal::from(*f as i64))
        }
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
            sheet: self.name.into(),
            cell: cell_name(row, col),
        }
    }

    /// The header row (first row having a cell equal to `key`) and column index by header.
    fn header(&self, key: &str) -> Option<(u32, Vec<String>)> {
        let key = norm(key);
        self.rows().take(30).find_map(|(r, cells)| {
            let names: Vec<String> = cells.iter().map(|c| norm(&text_of(c))).collect();
            names.contains(&key).then_some((r, names))
        })
    }
}

fn col(names: &[String], header: &str) -> Option<usize> {
    let header = norm(header);
    names.iter().position(|n| *n == header)
}

/// The hint for a workbook whose inside is damaged.
const RESAVE: &str = "mở tệp bằng Excel, lưu lại dưới dạng .xlsx rồi nộp lại";

/// Reads an Excel submission from the file's bytes, within `limits`.
pub fn read_bytes(bytes: Vec<u8>, rel: &str, limits: &Limits) -> Result<Submission, Diagnostic> {
    crate::guard::catch(|| read_workbook(bytes, rel, limits)).unwrap_or_else(|| {
        Err(Diagnostic::new(
            Code::E100,
            rel,
            "tệp Excel bị hỏng: cấu trúc bên trong không hợp lệ (ví dụ tham chiếu ô vượt mọi giới hạn)",
        )
        .with_hint(RESAVE))
    })
}

fn read_workbook(bytes: Vec<u8>, rel: &str, limits: &Limits) -> Result<Submission, Diagnostic> {
    let mut wb = open(bytes, rel, limits)?;
    let mut cells_left = limits.cells;
    let names = wb.sheet_names();
    if names.is_empty() {
        return Err(Diagnostic::new(
            Code::E100,
            rel,
            "tệp Excel bị hỏng: không có trang tính nào (thiếu phần sổ làm việc)",
        )
        .with_hint(RESAVE));
    }
    let mut get = |name: &'static str| -> Result<Option<Range<Data>>, Diagnostic> {
        let wanted = norm(name);
        let Some(actual) = names.iter().find(|n| norm(n) == wanted).cloned() else {
            return Ok(None);
        };
        bounded_range(&mut wb, &actual, rel, limits, &mut cells_left).map(Some)
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

/// What the first bytes of a file say it is.
enum Kind {
    Empty,
    /// A zip archive: .xlsx, .xlsm or .ods.
    Zip,
    /// An OLE compound file: .xls, or an encrypted .xlsx.
    Compound,
    /// Text: a CSV, HTML or XML file saved under a spreadsheet's name.
    Text(&'static str),
    Other,
}

fn sniff(bytes: &[u8]) -> Kind {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let head = text.get(..4096).unwrap_or(text);
    let first = head.iter().find(|b| !b.is_ascii_whitespace());
    if bytes.is_empty() {
        Kind::Empty
    } else if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        Kind::Zip
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Kind::Compound
    } else if first == Some(&b'<') {
        Kind::Text("HTML hoặc XML")
    } else if match std::str::from_utf8(head) {
        Ok(t) => !t.contains('\0'),
        // Valid up to a character cut by the 4 KiB window.
        Err(e) => e.valid_up_to() + 4 > head.len(),
    } {
        Kind::Text("thuần (CSV?)")
    } else {
        Kind::Other
    }
}

/// Opens the workbook by what its bytes are, whatever its extension says.
fn open(bytes: Vec<u8>, rel: &str, limits: &Limits) -> Result<Sheets<Cursor<Vec<u8>>>, Diagnostic> {
    let cannot = |why: String| {
        Diagnostic::new(Code::E100, rel, format!("không mở được tệp Excel: {why}")).with_hint(
            "lưu lại tệp bằng Excel dưới dạng .xlsx (Excel Workbook), hoặc điền lại biểu mẫu \
             của «cdsreport template»",
        )
    };
    match sniff(&bytes) {
        Kind::Empty => Err(cannot("tệp rỗng (0 byte)".into())),
        Kind::Zip => {
            let package = check_unpacked(&bytes, rel, limits)?;
            let cursor = Cursor::new(bytes);
            let opened = if package == Package::OpenDocument {
                Ods::new(cursor).map(Sheets::Ods).map_err(|e| e.to_string())
            } else {
                Xlsx::new(cursor).map(Sheets::Xlsx).map_err(|e| e.to_string())
            };
            opened.map_err(|e| cannot(format!("tệp nén không chứa bảng tính đọc được ({e})")))
        }
        Kind::Compound if contains(&bytes, &utf16("EncryptedPackage")) => Err(Diagnostic::new(
            Code::E128,
            rel,
            "tệp Excel được đặt mật khẩu nên không đọc được",
        )
        .with_hint("mở tệp bằng Excel, bỏ mật khẩu (Tệp › Thông tin › Bảo vệ sổ làm việc) rồi lưu và nộp lại")),
        Kind::Compound => Xls::new(Cursor::new(bytes)).map(Sheets::Xls).map_err(|e| {
            cannot(format!("tệp có dạng Excel 97-2003 (.xls) nhưng không đọc được ({e})"))
        }),
        Kind::Text(kind) => Err(cannot(format!(
            "tệp là văn bản {kind}, không phải bảng tính Excel"
        ))),
        Kind::Other => Err(cannot("nội dung tệp không phải là bảng tính Excel".into())),
    }
}

/// Which spreadsheet a zip holds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Package {
    /// Office Open XML (.xlsx, .xlsm).
    Ooxml,
    /// OpenDocument (.ods).
    OpenDocument,
}

/// What kind of spreadsheet the zip holds, by its parts (not its name); E124 when the
/// parts unpack to more than the limit (a zip bomb); E100 when the archive is cut short
/// or damaged, or holds no spreadsheet.
fn check_unpacked(bytes: &[u8], rel: &str, limits: &Limits) -> Result<Package, Diagnostic> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        Diagnostic::new(
            Code::E100,
            rel,
            format!("tệp nén bị cắt cụt hoặc hỏng ({e})"),
        )
        .with_hint("tệp có thể chưa tải xuống hoặc chưa lưu xong; xin đơn vị gửi lại tệp")
    })?;
    let package = if zip.index_for_name("[Content_Types].xml").is_some() {
        Package::Ooxml
    } else if zip.index_for_name("content.xml").is_some() {
        Package::OpenDocument
    } else {
        return Err(Diagnostic::new(
            Code::E100,
            rel,
            "tệp nén không phải là bảng tính (không có phần «[Content_Types].xml» của Excel hay «content.xml» của OpenDocument)",
        )
        .with_hint("lưu lại tệp bằng Excel dưới dạng .xlsx (Excel Workbook)"));
    };
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let size = zip.by_index_raw(i).map_or(0, |f| f.size());
        total = total.saturating_add(size);
    }
    if total > limits.unpacked_bytes() {
        return Err(limits.unpacked_too_big(rel, total));
    }
    if package == Package::OpenDocument {
        let cells = ods_value_cells(&mut zip).map_err(|e| {
            Diagnostic::new(
                Code::E100,
                rel,
                format!("không đọc được nội dung bảng tính OpenDocument ({e})"),
            )
        })?;
        if cells > limits.cells {
            return Err(limits.too_many_cells(rel, Some(cells)));
        }
    }
    Ok(package)
}

/// Cells with a value that an .ods declares, its row and column repeat counts multiplied
/// out. The .ods reader expands every repeat into memory, so a 1 KB file repeating one
/// row a million times would take gigabytes; this streams content.xml first.
fn ods_value_cells<R: std::io::Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
) -> Result<u64, String> {
    use quick_xml::events::Event;
    let part = zip.by_name("content.xml").map_err(|e| e.to_string())?;
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(part));
    let repeat = |e: &quick_xml::events::BytesStart, name: &str| -> u64 {
        e.try_get_attribute(name)
            .ok()
            .flatten()
            .and_then(|a| a.value.parse().ok())
            .unwrap_or(1)
    };
    let (mut buf, mut rows, mut total) = (Vec::new(), 1_u64, 0_u64);
    loop {
        match xml.read_event_into(&mut buf).map_err(|e| e.to_string())? {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "table:table-row" => rows = repeat(&e, "table:number-rows-repeated"),
                "table:table-cell" | "table:covered-table-cell"
                    if e.try_get_attribute("office:value-type")
                        .ok()
                        .flatten()
                        .is_some() =>
                {
                    let cols = repeat(&e, "table:number-columns-repeated");
                    total = total.saturating_add(rows.saturating_mul(cols));
                }
                _ => {}
            },
            Event::Eof => return Ok(total),
            _ => {}
        }
        buf.clear();
    }
}

fn utf16(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// A sheet's cells, refusing any beyond the row and column limits (E122) and counting
/// every cell, empty ones included, against the workbook's cell limit (E123). Excel
/// workbooks are streamed cell by cell, so a sheet that claims a million rows costs nothing.
fn bounded_range<RS: std::io::Read + std::io::Seek>(
    wb: &mut Sheets<RS>,
    name: &str,
    rel: &str,
    limits: &Limits,
    cells_left: &mut u64,
) -> Result<Range<Data>, Diagnostic> {
    let unreadable = |e: String| {
        Diagnostic::new(
            Code::E100,
            rel,
            format!("không đọc được trang tính «{name}» ({e})"),
        )
    };
    let at = |row: u32, col: u32| Span::Cell {
        sheet: name.to_string().into(),
        cell: cell_name(row, col),
    };
    let too_far = |row: u32, col: u32| {
        Diagnostic::new(Code::E122, rel, format!(
            "trang tính «{name}» có ô {} nằm ngoài giới hạn {} dòng × {} cột",
            cell_name(row, col),
            crate::number::count(limits.rows as usize),
            limits.columns
        ))
        .at(at(row, col))
        .with_hint("xóa các ô thừa ở cuối trang tính (hoặc chép số liệu sang biểu mẫu mới của «cdsreport template»); nếu cần thật, nâng giới hạn «rows» hoặc «columns» trong mục [limits] của cdsreport.toml")
    };
    let too_many = |row: u32, col: u32| limits.too_many_cells(rel, None).at(at(row, col));
    let range = match wb {
        Sheets::Xlsx(x) => {
            let mut reader = x
                .worksheet_cells_reader(name)
                .map_err(|e| unreadable(e.to_string()))?;
            let mut cells = Vec::new();
            while let Some(c) = reader
                .next_cell_with_formula_metadata()
                .map_err(|e| unreadable(e.to_string()))?
            {
                let (row, col) = c.pos;
                *cells_left = cells_left
                    .checked_sub(1)
                    .ok_or_else(|| too_many(row, col))?;
                let mut value = Data::from(c.value);
                if value == Data::Empty && c.formula.is_some() {
                    // A formula never calculated (the file was written by a program and
                    // not opened in Excel): its value is unknown, not "not reported".
                    value = Data::Error(CellErrorType::GettingData);
                }
                // A cell with only a format is invisible to the user: it counts against
                // the cell limit but is not "beyond the form".
                if value != Data::Empty && (row >= limits.rows || col >= limits.columns) {
                    return Err(too_far(row, col));
                }
                if value != Data::Empty {
                    cells.push(Cell::new((row, col), value));
                }
            }
            Range::from_sparse(cells)
        }
        other => {
            let range = other
                .worksheet_range(name)
                .map_err(|e| unreadable(e.to_string()))?;
            let (h, w) = range.get_size();
            let size = u64::try_from(h.saturating_mul(w)).unwrap_or(u64::MAX);
            *cells_left = cells_left
                .checked_sub(size)
                .ok_or_else(|| too_many(range.start().map_or(0, |s| s.0), 0))?;
            range
        }
    };
    if let Some((row, col)) = range
        .end()
        .filter(|(r, c)| *r >= limits.rows || *c >= limits.columns)
    {
        return Err(too_far(row, col));
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
        // The cell's value, when something is written in it.
        let written = |i: Option<usize>| {
            i.and_then(|i| Some((to_raw(cells.get(i)?), i)))
                .filter(|(raw, _)| !raw.is_missing())
        };
        let main = cells.get(c_value).map_or(Raw::Missing, to_raw);
        let mut value = Value::plain(Located::new(main, s.span(r, c_value)));
        value.denominator = written(c_den).map(|(raw, i)| Located::new(raw, s.span(r, i)));
        value.note = written(c_note).map(|(raw, _)| raw.display());
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
        assert_eq!(to_raw(&Data::Float(1126.0)), Raw::Number(1126.into()));
        assert_eq!(to_raw(&Data::Float(-0.0)).display(), "0");
        assert!(
            to_raw(&Data::Float(1e300)).number().is_err(),
            "beyond 10^15"
        );
    }

    #[test]
    fn cell_names() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(6, 3), "D7");
        assert_eq!(cell_name(0, 25), "Z1");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(9, 16383), "XFD10");
        assert_eq!(cell_name(u32::MAX, u32::MAX), "MWLQKWV4294967296");
    }
}

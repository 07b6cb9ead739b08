//! One unit's submission for one period, read from YAML or from the Excel form into one
//! model that keeps the location of every value (YAML line:col, XLSX sheet and cell) —
//! for diagnostics now and for provenance in reports.
//!
//! Readers are lenient and lossless: they record what is written, as written. Whether a
//! value fits its indicator is decided by validation, which can then name the exact place.

pub mod xlsx;
pub mod yaml;

use std::path::Path;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::diag::{Code, Diagnostic, Span};
use crate::limits::Limits;
use crate::number::{self, Ambiguity};

/// The file format of a submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// `.yaml`
    Yaml,
    /// `.xlsx` (also `.xlsm`, `.xls`, `.ods`)
    Xlsx,
}

impl Format {
    /// The format of a file name's extension, if it is a submission format.
    pub fn from_extension(ext: &str) -> Option<Self> {
        match ext.to_ascii_lowercase().as_str() {
            "yaml" | "yml" => Some(Self::Yaml),
            "xlsx" | "xlsm" | "xls" | "ods" => Some(Self::Xlsx),
            _ => None,
        }
    }
}

/// A value with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where.
    pub span: Span,
}

impl<T> Located<T> {
    /// Wraps a value.
    pub fn new(value: T, span: Span) -> Self {
        Self { value, span }
    }
}

/// A single written value, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Raw {
    /// Explicitly not reported: YAML `~`, an empty cell.
    Missing,
    /// A native number: a YAML number or a numeric cell.
    Number(Decimal),
    /// Text (possibly Vietnamese number text such as "1.126").
    Text(String),
    /// true / false.
    Bool(bool),
    /// A date cell or YAML date.
    Date(NaiveDate),
    /// A spreadsheet error value such as "#DIV/0!".
    Error(String),
}

/// Why a raw value is not a usable number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotNumber {
    /// Nothing written.
    Missing,
    /// A spreadsheet error value.
    CellError(String),
    /// Not a usable number; the text says why, in Vietnamese.
    Invalid(String),
}

impl Raw {
    /// The number it holds, with any ambiguity of its text.
    pub fn number(&self) -> Result<(Decimal, Option<Ambiguity>), NotNumber> {
        match self {
            Raw::Number(d) => number::bounded(*d)
                .map(|v| (v, None))
                .map_err(|e| NotNumber::Invalid(e.to_string())),
            Raw::Text(t) => match number::parse(t) {
                Ok(p) if p.unit.is_none() => Ok((
                    p.value,
                    p.ambiguity.or(p.qualifier.map(|_| Ambiguity::Approximate)),
                )),
                Ok(_) => Err(NotNumber::Invalid(format!("«{t}» có chữ đi kèm số"))),
                Err(number::NumberError::Empty) => Err(NotNumber::Missing),
                Err(e) => Err(NotNumber::Invalid(e.to_string())),
            },
            Raw::Missing => Err(NotNumber::Missing),
            Raw::Error(e) => Err(NotNumber::CellError(e.clone())),
            Raw::Bool(b) => Err(NotNumber::Invalid(format!(
                "«{}» không phải là số",
                if *b { "Có" } else { "Không" }
            ))),
            Raw::Date(d) => Err(NotNumber::Invalid(format!(
                "«{}» là ngày, không phải là số",
                crate::date::format_date(*d)
            ))),
        }
    }

    /// The value as a person would read it back.
    pub fn display(&self) -> String {
        match self {
            Raw::Missing => String::new(),
            Raw::Number(d) => d.normalize().to_string(),
            Raw::Text(t) => t.clone(),
            Raw::Bool(b) => b.to_string(),
            Raw::Date(d) => crate::date::format_date(*d),
            Raw::Error(e) => e.clone(),
        }
    }

    /// Whether nothing is written.
    pub fn is_missing(&self) -> bool {
        matches!(self, Raw::Missing) || matches!(self, Raw::Text(t) if t.trim().is_empty())
    }
}

/// The figure a unit reports for one indicator, with its annotations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value {
    /// The value, or the numerator of a fraction.
    pub main: Located<Raw>,
    /// The denominator of a fraction.
    pub denominator: Option<Located<Raw>>,
    /// The percentage the unit printed for its fraction (checked against it).
    pub printed: Option<Located<Raw>>,
    /// Claimed change versus the previous year, in percentage points.
    pub change_points: Option<Located<Raw>>,
    /// Claimed relative change versus the previous year, in per cent.
    pub change_percent: Option<Located<Raw>>,
    /// An estimate (ước).
    pub estimate: bool,
    /// This figure's own cut-off date.
    pub as_of: Option<Located<NaiveDate>>,
    /// Free note.
    pub note: Option<String>,
    /// Not assessable, with the reason (chưa đánh giá được).
    pub not_assessed: Option<Located<String>>,
}

impl Value {
    /// A plain value with no annotations.
    pub fn plain(main: Located<Raw>) -> Self {
        Self {
            main,
            denominator: None,
            printed: None,
            change_points: None,
            change_percent: None,
            estimate: false,
            as_of: None,
            note: None,
            not_assessed: None,
        }
    }
}

/// One indicator's line in a submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The indicator code as written.
    pub code: Located<String>,
    /// The figure.
    pub value: Value,
}

/// Progress on one task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskReport {
    /// Task id as written.
    pub id: Located<String>,
    /// Status as written (`hoan_thanh` or "Hoàn thành").
    pub status: Option<Located<String>>,
    /// Result text.
    pub result: Option<String>,
    /// Documents cited.
    pub documents: Vec<String>,
}

/// A sản phẩm chuyển đổi số of the unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Product {
    /// Name.
    pub name: Located<String>,
    /// Status as written.
    pub status: Option<Located<String>>,
    /// Note.
    pub note: Option<String>,
}

/// A narrative paragraph for a report section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Narrative {
    /// Section key as written.
    pub section: Located<String>,
    /// Text.
    pub text: String,
}

/// A submission as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    /// Workspace-relative path with '/'.
    pub file: String,
    /// File format.
    pub format: Format,
    /// Unit id as written in the file.
    pub unit: Option<Located<String>>,
    /// Period as written in the file.
    pub period: Option<Located<String>>,
    /// Ngày chốt số liệu.
    pub as_of: Option<Located<Raw>>,
    /// Người lập.
    pub prepared_by: Option<String>,
    /// Indicator values, in file order.
    pub entries: Vec<Entry>,
    /// Task progress.
    pub tasks: Vec<TaskReport>,
    /// Products.
    pub products: Vec<Product>,
    /// Narrative paragraphs.
    pub narrative: Vec<Narrative>,
    /// The text of a YAML submission, for snippets in diagnostics.
    pub text: Option<String>,
}

impl Submission {
    /// An empty submission of `file`.
    pub fn empty(file: impl Into<String>, format: Format) -> Self {
        Self {
            file: file.into(),
            format,
            unit: None,
            period: None,
            as_of: None,
            prepared_by: None,
            entries: Vec::new(),
            tasks: Vec::new(),
            products: Vec::new(),
            narrative: Vec::new(),
            text: None,
        }
    }

    /// The source line of a text position, for snippets.
    pub fn line(&self, line: u32) -> Option<&str> {
        let text = self.text.as_deref()?;
        text.lines()
            .nth(usize::try_from(line).ok()?.checked_sub(1)?)
            .map(|l| l.trim_end_matches('\r'))
    }
}

/// Reads a submission file within `limits`. `rel` is the workspace-relative name used in
/// diagnostics. A file that cannot be read at all, or breaks a limit, gives one error.
pub fn read(path: &Path, rel: &str, limits: &Limits) -> Result<Submission, Diagnostic> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let Some(format) = Format::from_extension(ext) else {
        return Err(Diagnostic::new(
            Code::E100,
            rel,
            format!("định dạng tệp «.{ext}» không được hỗ trợ"),
        )
        .with_hint("nộp tệp .yaml hoặc .xlsx theo biểu mẫu của cdsreport template"));
    };
    let io = |e: std::io::Error| Diagnostic::new(Code::E001, rel, crate::workspace::io_message(&e));
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > limits.file_bytes() {
        return Err(limits.file_too_big(rel, size));
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let sub = match format {
        Format::Yaml => yaml::read(&yaml_source(rel, bytes)?, limits),
        Format::Xlsx => xlsx::read_bytes(bytes, rel, limits),
    }?;
    check_text_lengths(&sub, limits)?;
    Ok(sub)
}

/// The text of a YAML file: UTF-8 (a UTF-16 file is named as such), normalised to NFC.
fn yaml_source(rel: &str, bytes: Vec<u8>) -> Result<crate::diag::Source, Diagnostic> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Diagnostic::new(
            Code::E100,
            rel,
            "tệp được lưu bằng mã hóa UTF-16, không phải UTF-8",
        )
        .with_hint("lưu lại tệp với mã hóa UTF-8"));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let before = e.as_bytes().get(..at).unwrap_or_default();
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        Diagnostic::new(
            Code::E100,
            rel,
            format!("tệp không phải văn bản UTF-8 (byte lỗi ở dòng {line}, vị trí byte {at})"),
        )
        .with_hint("lưu lại tệp với mã hóa UTF-8 (tệp có thể được lưu bằng bảng mã cũ như TCVN3 hoặc Windows-1258)")
    })?;
    Ok(crate::diag::Source::new(rel, crate::text::nfc_string(text)))
}

/// E125 for the first text longer than `limits.text_chars`, at its place (a note or a
/// paragraph is placed at its indicator, task, product or section).
fn check_text_lengths(sub: &Submission, limits: &Limits) -> Result<(), Diagnostic> {
    static WHOLE_FILE: Span = Span::File;
    let max = limits.text_chars;
    fn raw(l: &Located<Raw>) -> Option<&str> {
        match &l.value {
            Raw::Text(t) => Some(t.as_str()),
            _ => None,
        }
    }
    fn located(l: &Located<String>) -> (&str, &Span) {
        (l.value.as_str(), &l.span)
    }
    let mut texts: Vec<(&str, &Span)> = Vec::new();
    for l in sub.unit.iter().chain(&sub.period) {
        texts.push(located(l));
    }
    texts.extend(sub.as_of.iter().filter_map(|l| Some((raw(l)?, &l.span))));
    texts.extend(sub.prepared_by.as_deref().map(|t| (t, &WHOLE_FILE)));
    for e in &sub.entries {
        let v = &e.value;
        texts.push(located(&e.code));
        for l in std::iter::once(&v.main)
            .chain(&v.denominator)
            .chain(&v.printed)
            .chain(&v.change_points)
            .chain(&v.change_percent)
        {
            texts.extend(raw(l).map(|t| (t, &l.span)));
        }
        texts.extend(v.note.as_deref().map(|t| (t, &e.code.span)));
        texts.extend(v.not_assessed.as_ref().map(located));
    }
    for t in &sub.tasks {
        texts.push(located(&t.id));
        texts.extend(t.status.as_ref().map(located));
        texts.extend(
            t.result
                .iter()
                .chain(&t.documents)
                .map(|d| (d.as_str(), &t.id.span)),
        );
    }
    for p in &sub.products {
        texts.push(located(&p.name));
        texts.extend(p.status.as_ref().map(located));
        texts.extend(p.note.as_deref().map(|t| (t, &p.name.span)));
    }
    for n in &sub.narrative {
        texts.push(located(&n.section));
        texts.push((n.text.as_str(), &n.section.span));
    }
    let long = texts
        .into_iter()
        .filter(|(t, _)| t.len() > max)
        .map(|(t, at)| (t.chars().count(), at))
        .find(|(n, _)| *n > max);
    match long {
        Some((chars, at)) => Err(limits.text_too_long(&sub.file, chars).at(at.clone())),
        None => Ok(()),
    }
}

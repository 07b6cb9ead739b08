//! Diagnostics: what is wrong, where, and how to fix it. Plain data (sortable,
//! serialisable), rendered to text in one place. Every code is stable and listed in
//! docs/diagnostics.md.

use std::cmp::Ordering;
use std::fmt::{self, Write as _};

use serde::Serialize;

use crate::yaml::Pos;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Blocks a build; exit code 1 (2 for workspace files).
    Error,
    /// Reported, never blocks unless `--strict`.
    Warning,
}

impl Severity {
    /// "lỗi" or "cảnh báo".
    pub fn label(self) -> &'static str {
        match self {
            Self::Error => "lỗi",
            Self::Warning => "cảnh báo",
        }
    }
}

macro_rules! codes {
    ($($code:ident => $sev:ident, $title:literal;)*) => {
        /// A stable diagnostic code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(#[doc = $title] $code,)*
        }

        impl Code {
            /// Every code, in order (for docs/diagnostics.md and its test).
            pub const ALL: &'static [Code] = &[$(Code::$code,)*];

            /// "E002".
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$code => stringify!($code),)* }
            }

            /// The severity this code always has.
            pub fn severity(self) -> Severity {
                match self { $(Code::$code => Severity::$sev,)* }
            }

            /// A short Vietnamese title.
            pub fn title(self) -> &'static str {
                match self { $(Code::$code => $title,)* }
            }
        }
    };
}

codes! {
    E001 => Error, "Không đọc được tệp";
    E002 => Error, "Tệp YAML không hợp lệ";
    E003 => Error, "Tệp cdsreport.toml không hợp lệ";
    E004 => Error, "Không tìm thấy không gian làm việc";
    E005 => Error, "Tên tệp kế hoạch không hợp lệ";
    E010 => Error, "Mã đơn vị không hợp lệ";
    E011 => Error, "Mã đơn vị bị trùng";
    E012 => Error, "Đơn vị cấp trên không có trong danh mục";
    E013 => Error, "Đơn vị thay thế không có trong danh mục";
    E014 => Error, "Thời hạn hiệu lực của đơn vị không hợp lệ";
    E015 => Error, "Số lượng đơn vị theo loại bị chồng thời gian";
    E020 => Error, "Mã chỉ tiêu bị trùng";
    E021 => Error, "Mã chỉ tiêu không hợp lệ";
    E022 => Error, "Nhóm chỉ tiêu không có trong danh mục";
    E023 => Error, "Chỉ tiêu thành phần không có trong danh mục";
    E024 => Error, "Chỉ tiêu thành phần tạo thành vòng lặp";
    E025 => Error, "Thuộc tính chỉ tiêu không phù hợp với loại chỉ tiêu";
    E026 => Error, "Đơn vị báo cáo không có trong danh mục";
    E027 => Error, "Chỉ tiêu thành phần khác loại hoặc khác đơn vị tính với chỉ tiêu tổng";
    E028 => Error, "Mã nhóm chỉ tiêu bị trùng";
    E030 => Error, "Năm kế hoạch không khớp tên tệp";
    E031 => Error, "Kế hoạch nêu chỉ tiêu không có trong danh mục";
    E032 => Error, "Chỉ tiêu lặp lại trong kế hoạch";
    E033 => Error, "Dạng chỉ tiêu kế hoạch không phù hợp với loại chỉ tiêu";
    E034 => Error, "Số chỉ tiêu kế hoạch không khớp tổng số đã nêu";
    E035 => Error, "Mã nhiệm vụ không hợp lệ hoặc bị trùng";
    E036 => Error, "Nhiệm vụ không có nhóm cha";
    E037 => Error, "Đơn vị chủ trì hoặc phối hợp không hợp lệ trong năm kế hoạch";
    E100 => Error, "Tệp số liệu không đọc được";
    E101 => Error, "Biểu mẫu Excel thiếu trang tính hoặc dòng tiêu đề";
    E102 => Error, "Tên tệp không phải là mã đơn vị";
    E103 => Error, "Đơn vị không có trong danh mục";
    E104 => Error, "Mã đơn vị trong tệp khác tên tệp";
    E105 => Error, "Đơn vị không có hiệu lực trong kỳ báo cáo";
    E106 => Error, "Kỳ báo cáo không hợp lệ hoặc khác thư mục chứa tệp";
    E107 => Error, "Mã chỉ tiêu không có trong danh mục";
    E108 => Error, "Chỉ tiêu lặp lại trong tệp";
    E109 => Error, "Sai kiểu dữ liệu";
    E110 => Error, "Giá trị âm";
    E111 => Error, "Tử số lớn hơn mẫu số, hoặc tỷ lệ vượt 100%";
    E112 => Error, "Mẫu số bằng 0";
    E113 => Error, "Ô có giá trị lỗi của Excel";
    E114 => Error, "Thiếu chỉ tiêu bắt buộc";
    E115 => Error, "Ngày chốt số liệu nằm ngoài kỳ báo cáo";
    E116 => Error, "Một đơn vị nộp hai tệp trong cùng kỳ";
    E117 => Error, "Mã nhiệm vụ không có trong kế hoạch";
    E118 => Error, "Tình trạng không hợp lệ";
    E119 => Error, "Mục thuyết minh không hợp lệ";
    E120 => Error, "Cùng một số liệu do hai đơn vị báo cáo";
    E121 => Error, "Tệp vượt giới hạn dung lượng";
    E122 => Error, "Trang tính vượt giới hạn số dòng hoặc số cột";
    E123 => Error, "Bảng tính vượt giới hạn số ô";
    E124 => Error, "Tệp Excel giải nén vượt giới hạn dung lượng";
    E125 => Error, "Văn bản vượt giới hạn độ dài";
    E126 => Error, "Tệp YAML lồng nhau quá sâu";
    E127 => Error, "Tệp YAML dùng quá nhiều bí danh (alias)";
    E128 => Error, "Tệp Excel có mật khẩu";
    W130 => Warning, "Đơn vị không thuộc danh sách báo cáo chỉ tiêu";
    W131 => Warning, "Số viết không rõ nghĩa";
    W132 => Warning, "Tỷ lệ ghi sẵn không khớp tử số và mẫu số";
    W133 => Warning, "Tổng các thành phần khác số tổng";
    W134 => Warning, "Thành phần «trong đó» lớn hơn số tổng";
    W135 => Warning, "Mức tăng, giảm nêu ra không khớp số liệu kỳ trước";
    W136 => Warning, "Chênh lệch giữa hai tỷ lệ phải tính bằng điểm phần trăm";
    W137 => Warning, "Giá trị khác thường so với kỳ trước";
    W138 => Warning, "Tổng số liệu các đơn vị khác số liệu toàn tỉnh";
    W139 => Warning, "Số đơn vị khác danh mục đơn vị của kỳ";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Where in a file a finding is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(untagged)]
pub enum Span {
    /// The file as a whole.
    File,
    /// A YAML or TOML position.
    Text {
        /// Line, from 1.
        line: u32,
        /// Column, from 1.
        col: u32,
    },
    /// A worksheet cell ("Chỉ tiêu", "D7").
    Cell {
        /// Sheet name: one of the form's own (borrowed), or as the file spells it.
        sheet: std::borrow::Cow<'static, str>,
        /// A1-style reference.
        cell: String,
    },
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Stable code.
    pub code: Code,
    /// Error or warning (the code's severity).
    pub severity: Severity,
    /// Workspace-relative path with '/' separators.
    pub file: String,
    /// Position in the file.
    #[serde(flatten)]
    pub span: SpanField,
    /// Short Vietnamese message.
    pub message: String,
    /// The offending source line or cell content.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snippet: Option<String>,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

/// The span, flattened into the JSON object as `line`/`col` or `sheet`/`cell`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct SpanField {
    #[serde(flatten)]
    inner: Option<Span>,
}

impl Diagnostic {
    /// A finding about a whole file.
    pub fn new(code: Code, file: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            code,
            severity: code.severity(),
            file: file.into(),
            span: SpanField { inner: None },
            message: message.into(),
            snippet: None,
            hint: None,
        }
    }

    /// Adds a hint.
    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Sets the position.
    #[must_use]
    pub fn at(mut self, span: Span) -> Self {
        self.span.inner = match span {
            Span::File => None,
            s => Some(s),
        };
        self
    }

    /// Sets the snippet.
    #[must_use]
    pub fn with_snippet(mut self, snippet: impl Into<String>) -> Self {
        self.snippet = Some(snippet.into());
        self
    }

    /// The position, if any.
    pub fn span(&self) -> Span {
        self.span.inner.clone().unwrap_or(Span::File)
    }

    /// Line and column, for text positions.
    pub fn line_col(&self) -> Option<(u32, u32)> {
        match self.span.inner {
            Some(Span::Text { line, col }) => Some((line, col)),
            _ => None,
        }
    }

    /// "data/units.yaml:12:5", "x.xlsx › Chỉ tiêu › D7" or the bare file.
    pub fn location(&self) -> String {
        match &self.span.inner {
            None | Some(Span::File) => self.file.clone(),
            Some(Span::Text { line, col }) => format!("{}:{line}:{col}", self.file),
            Some(Span::Cell { sheet, cell }) => format!("{} › {sheet} › {cell}", self.file),
        }
    }

    /// Renders in the style of rustc: header, location arrow, snippet with a caret, hint.
    pub fn render(&self) -> String {
        self.render_styled(false)
    }

    /// Renders with ANSI colours on the severity label when `color` is set.
    pub fn render_styled(&self, color: bool) -> String {
        let mut out = String::new();
        let (on, off) = match (color, self.severity) {
            (false, _) => ("", ""),
            (true, Severity::Error) => ("\x1b[1;31m", "\x1b[0m"),
            (true, Severity::Warning) => ("\x1b[1;33m", "\x1b[0m"),
        };
        let label = self.severity.label();
        let _ = writeln!(out, "{on}{label}[{}]{off}: {}", self.code, self.message);
        let _ = writeln!(out, "  --> {}", self.location());
        if let Some(snippet) = &self.snippet {
            match self.span.inner {
                Some(Span::Text { line, col }) => {
                    let gutter = line.to_string();
                    let pad = " ".repeat(gutter.len());
                    let _ = writeln!(out, "{pad} |");
                    let _ = writeln!(out, "{gutter} | {snippet}");
                    let caret = " ".repeat(col.saturating_sub(1) as usize);
                    let _ = writeln!(out, "{pad} | {caret}^");
                }
                _ => {
                    let _ = writeln!(out, "   | {snippet}");
                }
            }
        }
        if let Some(hint) = &self.hint {
            let _ = writeln!(out, "   = gợi ý: {hint}");
        }
        out
    }

    /// Order for output: file, position, code.
    pub fn sort_key(&self) -> (&str, &SpanField, Code) {
        (&self.file, &self.span, self.code)
    }
}

impl PartialOrd for Diagnostic {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Diagnostic {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key()
            .cmp(&other.sort_key())
            .then_with(|| self.message.cmp(&other.message))
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

/// The text of one input file, for positions and snippets.
#[derive(Debug, Clone)]
pub struct Source {
    /// Workspace-relative path with '/' separators.
    pub path: String,
    /// Full text.
    pub text: String,
}

impl Source {
    /// Wraps a file's text.
    pub fn new(path: impl Into<String>, text: String) -> Self {
        Self {
            path: path.into(),
            text,
        }
    }

    /// A diagnostic at `pos` (or the whole file) with the source line as snippet.
    pub fn diag(&self, code: Code, pos: Option<Pos>, message: impl Into<String>) -> Diagnostic {
        let d = Diagnostic::new(code, self.path.clone(), message);
        match pos {
            Some(p) if p.line > 0 => {
                let d = d.at(Span::Text {
                    line: p.line,
                    col: p.col.max(1),
                });
                match self.text.lines().nth(p.line as usize - 1) {
                    Some(l) => d.with_snippet(l.trim_end_matches('\r')),
                    None => d,
                }
            }
            _ => d,
        }
    }
}

/// Whether to colour output on `stream`: a terminal, and `NO_COLOR` unset.
pub fn use_color(stream: &impl std::io::IsTerminal) -> bool {
    stream.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Counts errors and warnings: "3 lỗi, 2 cảnh báo".
pub fn summary(diags: &[Diagnostic]) -> String {
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diags.len() - errors;
    format!(
        "{} lỗi, {} cảnh báo",
        crate::number::count(errors),
        crate::number::count(warnings)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_rustc_with_vietnamese_labels() {
        let src = Source::new("data/indicators.yaml", "a: 1\n  - code: cqs.x\n".into());
        let d = src
            .diag(
                Code::E020,
                Some(Pos { line: 2, col: 11 }),
                "mã chỉ tiêu «cqs.x» bị khai báo hai lần",
            )
            .with_hint("mỗi mã chỉ khai báo một lần");
        let text = d.render();
        assert_eq!(
            text,
            "lỗi[E020]: mã chỉ tiêu «cqs.x» bị khai báo hai lần\n  --> data/indicators.yaml:2:11\n  |\n2 |   - code: cqs.x\n  |           ^\n   = gợi ý: mỗi mã chỉ khai báo một lần\n"
        );
    }

    #[test]
    fn json_has_flat_location_fields() {
        let d = Diagnostic::new(Code::E001, "a.xlsx", "x").at(Span::Cell {
            sheet: "Chỉ tiêu".into(),
            cell: "D7".into(),
        });
        let v = serde_json::to_value(&d).expect("json");
        assert_eq!(v["code"], "E001");
        assert_eq!(v["severity"], "error");
        assert_eq!(v["sheet"], "Chỉ tiêu");
        assert_eq!(v["cell"], "D7");
        assert_eq!(d.location(), "a.xlsx › Chỉ tiêu › D7");
        let t = Diagnostic::new(Code::E001, "a.yaml", "x").at(Span::Text { line: 3, col: 4 });
        let v = serde_json::to_value(&t).expect("json");
        assert_eq!((v["line"].as_u64(), v["col"].as_u64()), (Some(3), Some(4)));
    }

    #[test]
    fn codes_are_unique_and_ordered() {
        let names: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(names, sorted);
    }
}

#[cfg(test)]
mod docs_tests {
    use super::Code;

    /// docs/diagnostics.md documents every code, each exactly once.
    #[test]
    fn every_code_is_documented() {
        let doc = include_str!("../docs/diagnostics.md");
        for c in Code::ALL {
            let row = format!("| {} |", c.as_str());
            assert_eq!(
                doc.matches(&row).count(),
                1,
                "{c} must have one row in docs/diagnostics.md"
            );
        }
    }
}

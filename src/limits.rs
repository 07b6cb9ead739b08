//! Resource limits on submission files, so that a broken or hostile file costs a clear
//! diagnostic and not minutes or gigabytes. The defaults are far above what a real form
//! holds (a few hundred rows, eight columns, notes of a few paragraphs); a workspace can
//! set its own in cdsreport.toml under `[limits]`. Each limit has its own diagnostic code.

use serde::Deserialize;

use crate::diag::{Code, Diagnostic};

/// The limits, as written under `[limits]` in cdsreport.toml.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Largest submission file on disk, in MiB (E121).
    pub file_mb: u64,
    /// Largest total size of a workbook's parts once unpacked, in MiB (E124).
    pub unpacked_mb: u64,
    /// Rows a sheet may use (E122).
    pub rows: u32,
    /// Columns a sheet may use (E122).
    pub columns: u32,
    /// Cells a workbook may hold, empty ones included (E123).
    pub cells: u64,
    /// Characters in one text value (E125).
    pub text_chars: usize,
    /// Nesting depth of a YAML file (E126).
    pub yaml_depth: usize,
    /// Aliases (`*name`) in a YAML file (E127).
    pub yaml_aliases: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            file_mb: 32,
            unpacked_mb: 256,
            rows: 20_000,
            columns: 64,
            cells: 500_000,
            text_chars: 100_000,
            yaml_depth: 32,
            yaml_aliases: 1_000,
        }
    }
}

const MIB: u64 = 1024 * 1024;

impl Limits {
    /// [`Self::file_mb`] in bytes.
    pub fn file_bytes(&self) -> u64 {
        self.file_mb.saturating_mul(MIB)
    }

    /// [`Self::unpacked_mb`] in bytes.
    pub fn unpacked_bytes(&self) -> u64 {
        self.unpacked_mb.saturating_mul(MIB)
    }

    /// Every limit must be at least 1: a zero would refuse every file.
    pub(crate) fn zero_key(&self) -> Option<&'static str> {
        [
            ("file_mb", self.file_mb == 0),
            ("unpacked_mb", self.unpacked_mb == 0),
            ("rows", self.rows == 0),
            ("columns", self.columns == 0),
            ("cells", self.cells == 0),
            ("text_chars", self.text_chars == 0),
            ("yaml_depth", self.yaml_depth == 0),
            ("yaml_aliases", self.yaml_aliases == 0),
        ]
        .into_iter()
        .find_map(|(k, zero)| zero.then_some(k))
    }

    /// E121: the file on disk is larger than [`Self::file_mb`].
    pub fn file_too_big(&self, file: &str, size: u64) -> Diagnostic {
        Diagnostic::new(
            Code::E121,
            file,
            format!(
                "tệp lớn {}, vượt giới hạn {} MB",
                mib_text(size),
                self.file_mb
            ),
        )
        .with_hint(hint("file_mb"))
    }

    /// E124: a workbook's parts unpack to more than [`Self::unpacked_mb`].
    pub fn unpacked_too_big(&self, file: &str, size: u64) -> Diagnostic {
        Diagnostic::new(
            Code::E124,
            file,
            format!(
                "tệp Excel khi giải nén lớn {}, vượt giới hạn {} MB (tệp nén bất thường)",
                mib_text(size),
                self.unpacked_mb
            ),
        )
        .with_hint(hint("unpacked_mb"))
    }

    /// E123: a workbook holds more cells than [`Self::cells`]; `declared` is the count of
    /// valued cells an .ods states through its repeat counts, `None` for cells as read.
    pub fn too_many_cells(&self, file: &str, declared: Option<u64>) -> Diagnostic {
        let big = |n: u64| crate::number::count(usize::try_from(n).unwrap_or(usize::MAX));
        let message = match declared {
            Some(n) => format!(
                "bảng tính khai báo {} ô có giá trị (kể cả ô lặp lại), vượt giới hạn {}",
                big(n),
                big(self.cells)
            ),
            None => format!(
                "bảng tính có hơn {} ô (kể cả ô trống có định dạng)",
                big(self.cells)
            ),
        };
        Diagnostic::new(Code::E123, file, message).with_hint(hint("cells"))
    }

    /// E125: a text value is longer than [`Self::text_chars`].
    pub fn text_too_long(&self, file: &str, chars: usize) -> Diagnostic {
        Diagnostic::new(
            Code::E125,
            file,
            format!(
                "đoạn văn bản dài {} ký tự, vượt giới hạn {} ký tự",
                crate::number::count(chars),
                crate::number::count(self.text_chars)
            ),
        )
        .with_hint(hint("text_chars"))
    }
}

/// "2,5 MB" for a byte count.
fn mib_text(bytes: u64) -> String {
    let mb = rust_decimal::Decimal::from(bytes) / rust_decimal::Decimal::from(MIB);
    format!(
        "{} MB",
        crate::number::format(mb, crate::number::Style::decimals(1))
    )
}

/// The hint shared by every limit: what to do, and which setting raises it.
pub(crate) fn hint(key: &str) -> String {
    format!(
        "kiểm tra lại tệp (có thể nộp nhầm hoặc tệp bị hỏng); nếu số liệu thật sự lớn như vậy, \
         nâng giới hạn «{key}» trong mục [limits] của cdsreport.toml"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_limit_and_the_setting() {
        let l = Limits::default();
        let d = l.file_too_big("a.xlsx", 40 * MIB + MIB / 2);
        assert_eq!(d.code, Code::E121);
        assert!(d.message.contains("40,5 MB"), "{}", d.message);
        assert!(d.message.contains("32 MB"));
        assert!(d.hint.as_deref().unwrap_or("").contains("file_mb"));
        assert!(
            l.text_too_long("a.yaml", 123_456)
                .message
                .contains("123.456 ký tự")
        );
    }

    #[test]
    fn zero_limits_are_named() {
        let l = Limits {
            rows: 0,
            ..Limits::default()
        };
        assert_eq!(l.zero_key(), Some("rows"));
        assert_eq!(Limits::default().zero_key(), None);
    }
}

//! cdsreport.toml: the province, the issuing body and the workspace's paths.

use serde::Deserialize;

use crate::diag::{Code, Diagnostic, Source};
use crate::yaml::Pos;

/// The province.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Province {
    /// "Ninh Thuận".
    pub name: String,
}

/// The body that issues the report.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    /// Full name.
    pub name: String,
    /// Ký hiệu for the report number ("BĐHCĐS").
    pub short: String,
    /// Cơ quan chủ quản, the first header line.
    #[serde(default)]
    pub parent: Option<String>,
    /// Địa danh of the date line.
    pub place: String,
    /// Signer's title.
    #[serde(default)]
    pub signer_title: Option<String>,
    /// Signer's name.
    #[serde(default)]
    pub signer_name: Option<String>,
    /// Nơi nhận.
    #[serde(default)]
    pub recipients: Vec<String>,
}

/// Folder names, relative to the workspace root.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Paths {
    /// Reference data.
    pub data: String,
    /// Submissions by period.
    pub submissions: String,
    /// Template overrides.
    pub templates: String,
    /// Generated outputs.
    pub out: String,
}

impl Default for Paths {
    fn default() -> Self {
        Self {
            data: "data".into(),
            submissions: "submissions".into(),
            templates: "templates".into(),
            out: "out".into(),
        }
    }
}

/// Output options.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Output {
    /// Also write bao-cao.docx and phu-luc.docx (through pandoc) on every build.
    pub docx: bool,
}

/// The whole cdsreport.toml.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The province.
    pub province: Province,
    /// The issuing body.
    pub issuer: Issuer,
    /// Folder names.
    #[serde(default)]
    pub paths: Paths,
    /// Output options.
    #[serde(default)]
    pub output: Output,
    /// Limits on submission files.
    #[serde(default)]
    pub limits: crate::limits::Limits,
}

impl Config {
    /// Parses cdsreport.toml, checking that every path stays inside the workspace.
    pub fn load(source: &Source) -> Result<Self, Diagnostic> {
        let mut config: Config = toml::from_str(&source.text).map_err(|e| {
            let at = e.span().map(|s| byte_pos(&source.text, s.start));
            source
                .diag(
                    Code::E003,
                    at,
                    format!(
                        "cdsreport.toml không hợp lệ: {}",
                        crate::yaml::translate(e.message().trim())
                    ),
                )
                .with_hint("xem mẫu cdsreport.toml trong docs/data-format.md")
        })?;
        for (key, value) in [
            ("data", &config.paths.data),
            ("submissions", &config.paths.submissions),
            ("templates", &config.paths.templates),
            ("out", &config.paths.out),
        ] {
            if !is_relative_inside(value) {
                return Err(source.diag(Code::E003, None, format!("đường dẫn paths.{key} = «{value}» phải là thư mục con của không gian làm việc")));
            }
        }
        if let Some(key) = config.limits.zero_key() {
            return Err(source.diag(
                Code::E003,
                None,
                format!("giới hạn limits.{key} phải lớn hơn 0"),
            ));
        }
        let out = normal(&config.paths.out);
        if out.as_os_str().is_empty() {
            return Err(source.diag(Code::E003, None, format!("đường dẫn paths.out = «{}» không được là thư mục gốc của không gian làm việc", config.paths.out))
                .with_hint("mỗi lần dựng, thư mục kết quả của kỳ được thay toàn bộ; dùng một thư mục riêng như «out»"));
        }
        for (key, value) in [
            ("data", &config.paths.data),
            ("submissions", &config.paths.submissions),
            ("templates", &config.paths.templates),
        ] {
            let input = normal(value);
            if out.starts_with(&input) || input.starts_with(&out) {
                return Err(source.diag(Code::E003, None, format!("đường dẫn paths.out = «{}» trùng hoặc lồng với paths.{key} = «{value}»", config.paths.out))
                    .with_hint("mỗi lần dựng, thư mục kết quả của kỳ được thay toàn bộ; để thư mục kết quả tách khỏi dữ liệu, báo cáo và mẫu"));
            }
        }
        config.province.name = crate::text::nfc_string(config.province.name);
        config.issuer.name = crate::text::nfc_string(config.issuer.name);
        Ok(config)
    }
}

/// A relative path without `..`, root or prefix components.
fn is_relative_inside(p: &str) -> bool {
    let path = std::path::Path::new(p);
    !p.is_empty()
        && path.components().all(|c| {
            matches!(
                c,
                std::path::Component::Normal(_) | std::path::Component::CurDir
            )
        })
}

/// A workspace path without `.` components, for comparing folders.
fn normal(p: &str) -> std::path::PathBuf {
    std::path::Path::new(p)
        .components()
        .filter(|c| matches!(c, std::path::Component::Normal(_)))
        .collect()
}

/// Line and column (1-based, in characters) of a byte offset.
fn byte_pos(text: &str, offset: usize) -> Pos {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Pos {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        col: u32::try_from(col).unwrap_or(u32::MAX),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "[province]\nname = \"Ninh Thuận\"\n[issuer]\nname = \"Ban Điều hành\"\nshort = \"BĐHCĐS\"\nplace = \"Ninh Thuận\"\n";

    #[test]
    fn loads_with_default_paths() {
        let c = Config::load(&Source::new("cdsreport.toml", GOOD.into())).expect("loads");
        assert_eq!(c.paths.out, "out");
        assert_eq!(c.issuer.short, "BĐHCĐS");
    }

    #[test]
    fn errors_carry_line_and_column() {
        let bad = format!("{GOOD}bogus = 1\n");
        let d = Config::load(&Source::new("cdsreport.toml", bad)).expect_err("unknown key");
        assert_eq!(d.code, Code::E003);
        assert_eq!(d.line_col().map(|l| l.0), Some(7));
        let escape = format!("{GOOD}[paths]\nout = \"../elsewhere\"\n");
        assert_eq!(
            Config::load(&Source::new("cdsreport.toml", escape))
                .expect_err("escape")
                .code,
            Code::E003
        );
    }

    #[test]
    fn output_folder_cannot_hold_or_sit_in_inputs() {
        for paths in [
            "out = \"submissions\"",
            "out = \"./data/out\"",
            "out = \".\"",
            "out = \"bao-cao\"\nsubmissions = \"bao-cao/nop\"",
        ] {
            let text = format!("{GOOD}[paths]\n{paths}\n");
            let d = Config::load(&Source::new("cdsreport.toml", text)).expect_err(paths);
            assert_eq!(d.code, Code::E003, "{paths}");
        }
        let fine = format!("{GOOD}[paths]\nout = \"ket-qua/bao-cao\"\n");
        assert!(Config::load(&Source::new("cdsreport.toml", fine)).is_ok());
    }
}

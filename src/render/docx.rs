//! DOCX through pandoc: finds pandoc (`CDSREPORT_PANDOC` or `pandoc` on PATH) and its
//! version, turns the report's layout markers into Word structures pandoc cannot express
//! from Markdown (the borderless two-column header and signature blocks of Nghị định
//! 30/2020, page breaks between phụ lục), and converts with the project's reference
//! documents (A4, margins, Times New Roman, page numbers from page 2; the phụ lục landscape).

use std::path::PathBuf;
use std::process::Command;

use thiserror::Error;

/// Reference document of the report (portrait).
pub const REFERENCE: &[u8] = include_bytes!("../../assets/reference.docx");
/// Reference document of the phụ lục (landscape).
pub const REFERENCE_LANDSCAPE: &[u8] = include_bytes!("../../assets/reference-landscape.docx");

/// Fixed timestamp for pandoc's document properties and zip entries (1 January 2024), so
/// that a rebuild gives identical bytes.
const SOURCE_DATE_EPOCH: &str = "1704067200";

/// One line saying how to get pandoc.
pub const HOW_TO_GET: &str = "cài pandoc 3 để xuất DOCX (ví dụ «pip install pypandoc-binary», hoặc «apt-get install pandoc»; đặt biến CDSREPORT_PANDOC nếu pandoc không nằm trong PATH)";

/// Why a conversion failed.
#[derive(Debug, Error)]
pub enum DocxError {
    /// pandoc could not be run or failed.
    #[error("pandoc lỗi khi tạo «{file}»: {message}")]
    Pandoc {
        /// Output file name.
        file: String,
        /// What pandoc said.
        message: String,
    },
    /// Temporary files could not be written.
    #[error("không tạo được tệp tạm cho pandoc: {0}")]
    Io(#[from] std::io::Error),
}

/// A pandoc executable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pandoc {
    /// The executable.
    pub path: PathBuf,
    /// (major, minor).
    pub version: (u32, u32),
}

impl Pandoc {
    /// Finds pandoc; `None` when it is not installed.
    pub fn find() -> Option<Self> {
        let path = std::env::var_os("CDSREPORT_PANDOC")
            .map_or_else(|| PathBuf::from("pandoc"), PathBuf::from);
        let out = Command::new(&path)
            .arg("--version")
            .output()
            .ok()
            .filter(|o| o.status.success())?;
        let text = String::from_utf8_lossy(&out.stdout);
        let version = text.split_whitespace().nth(1)?;
        let mut parts = version.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
        Some(Self {
            path,
            version: (parts.next()?, parts.next().unwrap_or(0)),
        })
    }

    /// Whether grid tables with merged cells are understood (pandoc 3 and later).
    pub fn has_spans(&self) -> bool {
        self.version.0 >= 3
    }

    /// Converts Markdown to DOCX with a reference document.
    pub fn convert(
        &self,
        markdown: &str,
        reference: &[u8],
        file: &str,
    ) -> Result<Vec<u8>, DocxError> {
        let dir = tempfile::tempdir()?;
        let (input, refdoc, output) = (
            dir.path().join("in.md"),
            dir.path().join("reference.docx"),
            dir.path().join("out.docx"),
        );
        std::fs::write(&input, markdown)?;
        std::fs::write(&refdoc, reference)?;
        let out = Command::new(&self.path)
            .args(["-f", "markdown", "-t", "docx", "--reference-doc"])
            .arg(&refdoc)
            .arg("-o")
            .arg(&output)
            .arg(&input)
            .env("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
            .output()
            .map_err(|e| DocxError::Pandoc {
                file: file.to_string(),
                message: e.to_string(),
            })?;
        if !out.status.success() {
            return Err(DocxError::Pandoc {
                file: file.to_string(),
                message: String::from_utf8_lossy(&out.stderr).trim().to_string(),
            });
        }
        Ok(std::fs::read(output)?)
    }
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A Markdown line of the header or signature block as a Word paragraph: `**bold**`,
/// `*italic*`, trailing `\` line breaks and backslash escapes understood.
fn paragraph(line: &str, size: Option<u32>) -> String {
    let line = line.trim().trim_end_matches('\\').trim_end();
    let (bold, italic, text) =
        if let Some(t) = line.strip_prefix("**").and_then(|t| t.strip_suffix("**")) {
            (true, false, t)
        } else if let Some(t) = line.strip_prefix('*').and_then(|t| t.strip_suffix('*')) {
            (false, true, t)
        } else {
            (false, false, line)
        };
    let source = text;
    let mut text = String::new();
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            continue;
        }
        text.push(c);
    }
    let mut rpr = String::new();
    if bold {
        rpr.push_str("<w:b/><w:bCs/>");
    }
    if italic {
        rpr.push_str("<w:i/><w:iCs/>");
    }
    if let Some(sz) = size {
        rpr.push_str(&format!("<w:sz w:val=\"{sz}\"/><w:szCs w:val=\"{sz}\"/>"));
    }
    format!(
        "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\"/><w:ind w:firstLine=\"0\"/><w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr>{rpr}</w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
        xml_escape(&text)
    )
}

/// A borderless two-column table (the layout of the header and signature blocks).
fn two_columns(left: &[String], right: &[String], widths: (u32, u32)) -> String {
    let nil = ["top", "left", "bottom", "right", "insideH", "insideV"]
        .iter()
        .map(|s| format!("<w:{s} w:val=\"nil\"/>"))
        .collect::<String>();
    let cell = |paras: &[String], w: u32| {
        format!(
            "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/></w:tcPr>{}</w:tc>",
            if paras.is_empty() {
                "<w:p/>".to_string()
            } else {
                paras.concat()
            }
        )
    };
    format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"{}\" w:type=\"dxa\"/><w:tblBorders>{nil}</w:tblBorders><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"{}\"/><w:gridCol w:w=\"{}\"/></w:tblGrid><w:tr>{}{}</w:tr></w:tbl>",
        widths.0 + widths.1,
        widths.0,
        widths.1,
        cell(left, widths.0),
        cell(right, widths.1)
    )
}

fn raw(xml: &str) -> String {
    format!("```{{=openxml}}\n{xml}\n```\n")
}

/// Replaces the layout markers of a rendered report or phụ lục with raw OpenXML:
/// `<!-- cdsreport:dau -->` … `<!-- cdsreport:cot -->` … `<!-- /cdsreport:dau -->` (header
/// block), the same with `ky` (Nơi nhận and signature), `<!-- cdsreport:giua -->` …
/// `<!-- /cdsreport:giua -->` (centred lines), `<!-- cdsreport:trang -->` (page break).
pub fn prepare(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut lines = markdown.lines();
    while let Some(line) = lines.next() {
        let t = line.trim();
        let block = |lines: &mut std::str::Lines, end: &str| -> (Vec<String>, Vec<String>) {
            let (mut left, mut right, mut second) = (Vec::new(), Vec::new(), false);
            for l in lines.by_ref() {
                let l = l.trim();
                if l == end {
                    break;
                }
                if l == "<!-- cdsreport:cot -->" {
                    second = true;
                } else if !l.is_empty() {
                    if second {
                        right.push(l.to_string())
                    } else {
                        left.push(l.to_string())
                    }
                }
            }
            (left, right)
        };
        match t {
            "<!-- cdsreport:dau -->" => {
                let (l, r) = block(&mut lines, "<!-- /cdsreport:dau -->");
                let l: Vec<String> = l.iter().map(|x| paragraph(x, Some(26))).collect();
                let r: Vec<String> = r.iter().map(|x| paragraph(x, Some(26))).collect();
                out.push_str(&raw(&two_columns(&l, &r, (3800, 5600))));
            }
            "<!-- cdsreport:ky -->" => {
                let (l, r) = block(&mut lines, "<!-- /cdsreport:ky -->");
                let l: Vec<String> = l
                    .iter()
                    .map(|x| {
                        let item = x
                            .strip_prefix("- ")
                            .map_or_else(|| x.clone(), |i| format!("- {i}"));
                        let p = paragraph(&item, Some(22));
                        p.replace("<w:jc w:val=\"center\"/>", "<w:jc w:val=\"left\"/>")
                    })
                    .collect();
                let r: Vec<String> = r.iter().map(|x| paragraph(x, None)).collect();
                out.push_str(&raw(&two_columns(&l, &r, (4700, 4700))));
            }
            "<!-- cdsreport:giua -->" => {
                let (l, _) = block(&mut lines, "<!-- /cdsreport:giua -->");
                out.push_str(&raw(&l
                    .iter()
                    .map(|x| paragraph(x, None))
                    .collect::<String>()));
            }
            "<!-- cdsreport:trang -->" => {
                out.push_str(&raw("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"))
            }
            _ => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_become_word_structures() {
        let md = "<!-- cdsreport:dau -->\n**UBND TỈNH**\\\n**BAN ĐIỀU HÀNH**\n\nSố:      /BC-X\n<!-- cdsreport:cot -->\n**CỘNG HÒA**\n\n*Ninh Thuận, ngày*\n<!-- /cdsreport:dau -->\n# BÁO CÁO\n<!-- cdsreport:trang -->\ntext\n";
        let out = prepare(md);
        assert!(out.starts_with("```{=openxml}\n<w:tbl>"), "{out}");
        assert!(out.contains("<w:b/><w:bCs/><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/></w:rPr><w:t xml:space=\"preserve\">UBND TỈNH</w:t>"));
        assert!(out.contains("<w:i/><w:iCs/>"));
        assert!(out.contains("# BÁO CÁO\n"));
        assert!(out.contains("<w:br w:type=\"page\"/>"));
        assert!(out.ends_with("text\n"));
    }

    #[test]
    fn text_is_xml_escaped() {
        assert!(paragraph("Sở KH&CN <x>", None).contains("Sở KH&amp;CN &lt;x&gt;"));
        assert!(paragraph("Số: \\- 1", None).contains(">Số: - 1<"));
    }
}

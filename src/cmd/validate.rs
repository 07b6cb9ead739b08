//! `cdsreport validate [FILE…] [--period P]`: checks submissions and prints every finding.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;

use crate::cmd::{OutputFormat, exit_code, load};
use crate::period::Period;
use crate::validate::{self, Outcome};

/// Arguments of `validate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Tệp số liệu cần kiểm tra (.yaml, .xlsx); bỏ trống để kiểm tra mọi tệp của kỳ.
    #[arg(value_name = "TỆP")]
    pub files: Vec<PathBuf>,

    /// Kỳ báo cáo: 2024, 2024-6T, 2024-9T, 2024-Q1…Q4, 2024-T05 (mặc định: kỳ mới nhất có số liệu).
    #[arg(long, value_name = "KỲ")]
    pub period: Option<Period>,

    /// Định dạng kết quả.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,

    /// Coi cảnh báo là lỗi (mã thoát 1).
    #[arg(long)]
    pub strict: bool,
}

/// Runs the checks and prints the findings.
pub fn execute(args: &Args, base: &std::path::Path, quiet: bool) -> anyhow::Result<ExitCode> {
    let ws = load(base)?;
    let progress = crate::progress::Progress::on_terminal("Đang kiểm tra", quiet);
    let outcome = if args.files.is_empty() {
        let period = match args.period {
            Some(p) => p,
            None => match ws.submission_periods().last() {
                Some(p) => *p,
                None => bail!(
                    "không gian làm việc chưa có thư mục số liệu nào trong «{}/»",
                    ws.config.paths.submissions
                ),
            },
        };
        if !ws.root.join(ws.submissions_dir(&period)).is_dir() {
            bail!(
                "không có thư mục số liệu «{}/» cho kỳ {}",
                ws.submissions_dir(&period),
                period.label_vi()
            );
        }
        validate::validate_period(&ws, period, &progress)
    } else {
        for f in &args.files {
            if !f.is_file() {
                bail!("không tìm thấy tệp «{}»", f.display());
            }
        }
        let paths: Vec<&std::path::Path> = args.files.iter().map(PathBuf::as_path).collect();
        validate::validate_files(&ws, &paths, args.period, &progress)
    };
    progress.finish();
    print(&outcome, args.format, quiet)?;
    Ok(exit_code(&outcome.diagnostics, args.strict))
}

/// Prints findings as text (with a summary line) or JSON.
pub fn print(outcome: &Outcome, format: OutputFormat, quiet: bool) -> anyhow::Result<()> {
    let color = crate::diag::use_color(&std::io::stdout());
    let mut out = std::io::stdout().lock();
    match format {
        OutputFormat::Json => {
            let errors = outcome
                .diagnostics
                .iter()
                .filter(|d| d.severity == crate::Severity::Error)
                .count();
            let json = serde_json::json!({
                "files": outcome.files,
                "errors": errors,
                "warnings": outcome.diagnostics.len() - errors,
                "diagnostics": outcome.diagnostics,
            });
            writeln!(out, "{}", serde_json::to_string_pretty(&json)?)?;
        }
        OutputFormat::Text => write_text(&mut out, outcome, color, !quiet)?,
    }
    Ok(())
}

/// Writes findings rustc-style (warnings only when `warnings`), then the summary line
/// "3 lỗi, 2 cảnh báo trong 57 tệp".
pub fn write_text(
    out: &mut impl Write,
    outcome: &Outcome,
    color: bool,
    warnings: bool,
) -> std::io::Result<()> {
    for d in &outcome.diagnostics {
        if warnings || d.severity == crate::Severity::Error {
            writeln!(out, "{}", d.render_styled(color))?;
        }
    }
    writeln!(
        out,
        "{} trong {} tệp",
        crate::diag::summary(&outcome.diagnostics),
        crate::number::count(outcome.files)
    )
}

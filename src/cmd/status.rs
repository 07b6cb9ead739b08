//! `cdsreport status PERIOD [--deadline DATE]`: who submitted, when, with how many
//! findings, and who is missing.

use crate::progress::Progress;
use std::io::Write;
use std::process::ExitCode;

use crate::cmd::{OutputFormat, load};
use crate::period::Period;
use crate::status::{State, status};

/// Arguments of `status`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Kỳ báo cáo: 2024, 2024-6T, …
    #[arg(value_name = "KỲ")]
    pub period: Period,

    /// Hạn nộp (ngày chốt số liệu sau hạn này là nộp muộn), ví dụ 2024-12-15 hoặc 15/12/2024.
    #[arg(long, value_name = "NGÀY", value_parser = parse_deadline)]
    pub deadline: Option<chrono::NaiveDate>,

    /// Định dạng kết quả.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,

    /// Coi cảnh báo trong tệp đã nộp là lỗi (mã thoát 1).
    #[arg(long)]
    pub strict: bool,
}

fn parse_deadline(s: &str) -> Result<chrono::NaiveDate, String> {
    crate::date::parse_date(s).map_err(|e| e.to_string())
}

/// Prints the status table.
pub fn execute(args: &Args, base: &std::path::Path) -> anyhow::Result<ExitCode> {
    let ws = load(base)?;
    let outcome = crate::validate::validate_period(&ws, args.period, &Progress::hidden());
    let st = status(&ws, args.period, &outcome, args.deadline);
    let mut out = std::io::stdout().lock();
    match args.format {
        OutputFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&st)?)?,
        OutputFormat::Text => {
            writeln!(
                out,
                "Tình hình nộp số liệu {} ({})",
                args.period.label_vi(),
                ws.submissions_dir(&args.period)
            )?;
            let head = [
                "TT",
                "Đơn vị",
                "Tình trạng",
                "Tệp",
                "Ngày chốt",
                "Lỗi",
                "Cảnh báo",
            ];
            let rows: Vec<[String; 7]> = st
                .rows
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    [
                        (i + 1).to_string(),
                        r.name.clone(),
                        r.state.label().to_string(),
                        r.file
                            .as_deref()
                            .and_then(|f| f.rsplit('/').next())
                            .unwrap_or("")
                            .to_string(),
                        r.as_of.map(crate::date::format_date).unwrap_or_default(),
                        if r.state == State::Missing {
                            String::new()
                        } else {
                            r.errors.to_string()
                        },
                        if r.state == State::Missing {
                            String::new()
                        } else {
                            r.warnings.to_string()
                        },
                    ]
                })
                .collect();
            write!(out, "{}", crate::table::text(&head, &rows))?;
            writeln!(out, "{}", st.summary())?;
        }
    }
    Ok(crate::cmd::exit_code(&outcome.diagnostics, args.strict))
}

//! `cdsreport explain PERIOD CODE`: one figure, its formula, and where each part came from.

use crate::progress::Progress;
use std::io::Write;
use std::process::ExitCode;

use anyhow::bail;

use crate::cmd::{OutputFormat, load};
use crate::period::Period;

/// Arguments of `explain`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Kỳ báo cáo.
    #[arg(value_name = "KỲ")]
    pub period: Period,

    /// Mã chỉ tiêu, ví dụ cqs.dvctt_dong_bo_dvcqg.
    #[arg(value_name = "MÃ")]
    pub code: String,

    /// Định dạng kết quả.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
}

/// Prints the derivation.
pub fn execute(args: &Args, base: &std::path::Path) -> anyhow::Result<ExitCode> {
    let ws = load(base)?;
    let Some(ind) = ws.catalogue.get(&args.code) else {
        bail!(
            "mã chỉ tiêu «{}» không có trong danh mục (data/indicators.yaml)",
            args.code
        );
    };
    let mut outcome = crate::validate::validate_period(&ws, args.period, &Progress::hidden());
    let totals = std::mem::take(&mut outcome.totals);
    let Some(total) = totals.get(&ind.code) else {
        bail!(
            "chưa có đơn vị nào báo cáo «{}» trong {}",
            ind.code,
            args.period.label_vi()
        );
    };
    let t = crate::build::provenance::trace(&ws, ind, total);
    let mut out = std::io::stdout().lock();
    match args.format {
        OutputFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&t)?)?,
        OutputFormat::Text => {
            writeln!(out, "{} — {} ({})", t.code, t.name, t.unit)?;
            writeln!(out, "Giá trị {}: {}", args.period.label_vi(), t.text)?;
            writeln!(out, "Cách tính: {}", t.formula)?;
            writeln!(out, "Nguồn:")?;
            for s in &t.sources {
                writeln!(out, "  {} — {} — {}", s.name, s.location, s.text)?;
            }
            let findings: Vec<_> = outcome
                .diagnostics
                .iter()
                .filter(|d| d.message.contains(&format!("«{}»", t.code)))
                .collect();
            for d in findings {
                writeln!(out, "  {}[{}]: {}", d.severity.label(), d.code, d.message)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

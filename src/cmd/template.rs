//! `cdsreport template UNIT PERIOD [-o FILE]` and `--all DIR`: writes units' Excel forms.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};

use crate::cmd::load;
use crate::period::Period;
use crate::schema::Unit;
use crate::workspace::Workspace;

/// Arguments of `template`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Mã đơn vị (bỏ qua khi dùng --all).
    #[arg(value_name = "ĐƠN_VỊ", required_unless_present = "all")]
    pub unit: Option<String>,

    /// Kỳ báo cáo: 2024, 2024-6T, …
    #[arg(value_name = "KỲ")]
    pub period: Option<Period>,

    /// Tệp kết quả (mặc định: <mã đơn vị>.xlsx trong thư mục hiện tại).
    #[arg(short, long, value_name = "TỆP", conflicts_with = "all")]
    pub output: Option<PathBuf>,

    /// Viết biểu mẫu cho mọi đơn vị phải báo cáo trong kỳ vào THƯ_MỤC.
    #[arg(long, value_name = "THƯ_MỤC")]
    pub all: Option<PathBuf>,

    /// Ghi đè tệp đã có.
    #[arg(long)]
    pub force: bool,
}

/// Writes one form, or one per expected unit.
pub fn execute(args: &Args, base: &Path, quiet: bool) -> anyhow::Result<ExitCode> {
    let ws = load(base)?;
    // With --all the only positional is the period.
    let (unit_arg, period) = match (&args.all, &args.unit, args.period) {
        (Some(_), Some(u), None) => (
            None,
            u.parse::<Period>().map_err(|e| anyhow::anyhow!("{e}"))?,
        ),
        (Some(_), _, Some(p)) => (None, p),
        (None, Some(u), Some(p)) => (Some(u.as_str()), p),
        _ => bail!("thiếu kỳ báo cáo, ví dụ: cdsreport template h-bac-ai 2024"),
    };
    let previous =
        crate::validate::previous_totals(&ws, period, &crate::progress::Progress::hidden());
    let prev_period = period.previous_year();
    let prev = prev_period.as_ref().zip(previous.as_ref());
    let units: Vec<(&Unit, PathBuf)> = match (unit_arg, &args.all) {
        (Some(id), _) => {
            let Some(unit) = ws.registry.get(id) else {
                bail!("đơn vị «{id}» không có trong danh mục đơn vị (data/units.yaml)");
            };
            if !unit.reports_for(&period) {
                bail!(
                    "đơn vị «{id}» không báo cáo {}: không còn hoặc chưa có hiệu lực vào cuối kỳ",
                    period.label_vi()
                );
            }
            let out = args
                .output
                .clone()
                .unwrap_or_else(|| PathBuf::from(format!("{id}.xlsx")));
            vec![(
                unit,
                if out.is_absolute() {
                    out
                } else {
                    base.join(out)
                },
            )]
        }
        (None, Some(dir)) => {
            let dir = if dir.is_absolute() {
                dir.clone()
            } else {
                base.join(dir)
            };
            expected_units(&ws, period)
                .into_iter()
                .map(|u| (u, dir.join(format!("{}.xlsx", u.id))))
                .collect()
        }
        (None, None) => bail!("thiếu mã đơn vị"),
    };
    for (unit, _) in &units {
        debug_assert!(crate::schema::is_unit_id(&unit.id));
    }
    if !args.force
        && let Some((_, p)) = units.iter().find(|(_, p)| p.exists())
    {
        bail!(
            "tệp «{}» đã có; không ghi đè.\n   = gợi ý: thêm --force để ghi đè, hoặc chọn tệp khác bằng -o",
            p.display()
        );
    }
    for (unit, path) in &units {
        let mut wb = crate::xlsx::form::build(&ws, unit, period, prev)?;
        crate::xlsx::save(&mut wb, path)
            .with_context(|| format!("không ghi được «{}»", path.display()))?;
        if !quiet {
            println!(
                "Đã tạo biểu mẫu {} — {}: {}",
                unit.short,
                period.label_vi(),
                path.display()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Units expected to report in a period: valid in it and named (by id or kind) as the
/// reporter of an indicator or the lead of a task of that year's plan.
pub fn expected_units(ws: &Workspace, period: Period) -> Vec<&Unit> {
    let plan = ws.plan(period.year_number());
    ws.registry
        .reporting(period)
        .filter(|u| {
            !crate::xlsx::form::unit_indicators(ws, u).is_empty()
                || plan.is_some_and(|p| p.tasks().any(|t| t.lead.iter().any(|s| s.matches(u))))
        })
        .collect()
}

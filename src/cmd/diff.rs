//! `cdsreport diff P1 P2` (two periods) and `cdsreport diff FILE1 FILE2` (two versions of
//! one unit's submission).

use crate::progress::Progress;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};

use crate::cmd::load;
use crate::diff::files;
use crate::diff::periods::{self, PeriodDiff};
use crate::limits::Limits;
use crate::period::Period;

/// Output formats of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// Bảng trên màn hình.
    Text,
    /// Bảng Markdown.
    Md,
    /// CSV (UTF-8).
    Csv,
    /// JSON.
    Json,
    /// Bảng tính Excel (cần -o).
    Xlsx,
}

/// Arguments of `diff`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Kỳ thứ nhất (2024-6T) hoặc tệp số liệu thứ nhất.
    #[arg(value_name = "KỲ_1|TỆP_1")]
    pub first: String,

    /// Kỳ thứ hai (2024) hoặc tệp số liệu thứ hai.
    #[arg(value_name = "KỲ_2|TỆP_2")]
    pub second: String,

    /// So sánh cả số liệu của từng đơn vị.
    #[arg(long)]
    pub by_unit: bool,

    /// Định dạng kết quả.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,

    /// Ghi kết quả vào tệp thay vì màn hình.
    #[arg(short, long, value_name = "TỆP")]
    pub output: Option<PathBuf>,
}

/// Runs the comparison.
pub fn execute(args: &Args, base: &Path) -> anyhow::Result<ExitCode> {
    let as_file = |s: &str| {
        let p = Path::new(s);
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        p.is_file().then_some(p)
    };
    let text = match (as_file(&args.first), as_file(&args.second)) {
        (Some(a), Some(b)) => {
            // Two files compare without a workspace; inside one, its limits apply.
            let limits = load(base).map(|ws| ws.config.limits).unwrap_or_default();
            file_diff(&a, &b, args, &limits)?
        }
        _ => {
            let parse = |s: &str| {
                s.parse::<Period>()
                    .map_err(|e| anyhow::anyhow!("{e} (hoặc không tìm thấy tệp «{s}»)"))
            };
            let (a, b) = (parse(&args.first)?, parse(&args.second)?);
            let ws = load(base)?;
            let totals =
                |p: Period| crate::validate::validate_period(&ws, p, &Progress::hidden()).totals;
            let d = periods::compare(&ws, a, &totals(a), b, &totals(b), args.by_unit);
            if args.format == DiffFormat::Xlsx {
                let Some(out) = &args.output else {
                    bail!("định dạng xlsx cần tệp kết quả: thêm -o TỆP.xlsx")
                };
                let mut wb = crate::xlsx::diff::build(&ws, &d)?;
                crate::xlsx::save(&mut wb, out)
                    .with_context(|| format!("không ghi được «{}»", out.display()))?;
                return Ok(ExitCode::SUCCESS);
            }
            render(
                &ws,
                &d,
                args.format,
                args.output.is_none() && crate::diag::use_color(&std::io::stdout()),
            )?
        }
    };
    match &args.output {
        Some(p) => crate::fsutil::write_atomic(p, text.as_bytes())
            .with_context(|| format!("không ghi được «{}»", p.display()))?,
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

fn file_diff(a: &Path, b: &Path, args: &Args, limits: &Limits) -> anyhow::Result<String> {
    let read = |p: &Path| {
        crate::submission::read(p, &p.display().to_string(), limits)
            .map_err(|d| anyhow::anyhow!("{}", d.render()))
    };
    let (sa, sb) = (read(a)?, read(b)?);
    let changes = files::diff(&sa, &sb);
    Ok(match args.format {
        DiffFormat::Json => serde_json::to_string_pretty(&changes)? + "\n",
        DiffFormat::Text | DiffFormat::Md | DiffFormat::Csv => {
            let mut s = format!("So sánh {} -> {}\n", a.display(), b.display());
            for c in &changes {
                s.push_str(&c.line());
                s.push('\n');
            }
            s.push_str(&format!("{} thay đổi\n", changes.len()));
            s
        }
        DiffFormat::Xlsx => bail!("định dạng xlsx chỉ dùng khi so sánh hai kỳ"),
    })
}

/// The columns of a period comparison.
fn table(ws: &crate::workspace::Workspace, d: &PeriodDiff) -> (Vec<String>, Vec<Vec<String>>) {
    let mut head = vec![
        "Mã".to_string(),
        "Chỉ tiêu".to_string(),
        d.a.label_vi(),
        d.b.label_vi(),
        "Thay đổi".to_string(),
    ];
    if let Some(r) = &d.remainder {
        head.push(r.clone());
    }
    head.push(format!("Đánh giá {}", d.a));
    head.push(format!("Đánh giá {}", d.b));
    let rows = d
        .rows
        .iter()
        .map(|r| {
            let ind = ws.catalogue.get(&r.code);
            let name = match (&r.unit, &r.mapped_from) {
                (Some(_), Some(m)) => format!("  {m}"),
                (Some(u), None) => format!(
                    "  {}",
                    ws.registry.get(u).map_or(u.as_str(), |u| u.short.as_str())
                ),
                (None, _) => r.name.clone(),
            };
            let change = match (ind, &r.change) {
                (Some(i), Some(c)) => periods::change_text(i, c),
                _ => String::new(),
            };
            let mut row = vec![
                r.code.clone(),
                name,
                r.a_text.clone(),
                r.b_text.clone(),
                change,
            ];
            if d.remainder.is_some() {
                let dec = ind.map_or(0, |i| {
                    if i.kind == crate::schema::IndicatorKind::Count {
                        0
                    } else {
                        i.decimals
                    }
                });
                row.push(
                    r.remainder
                        .map(|v| crate::number::format(v, crate::number::Style::decimals(dec)))
                        .unwrap_or_default(),
                );
            }
            row.push(
                r.status_a
                    .map(|s| s.label().to_string())
                    .unwrap_or_default(),
            );
            row.push(
                r.status_b
                    .map(|s| s.label().to_string())
                    .unwrap_or_default(),
            );
            row
        })
        .collect();
    (head, rows)
}

fn render(
    ws: &crate::workspace::Workspace,
    d: &PeriodDiff,
    format: DiffFormat,
    color: bool,
) -> anyhow::Result<String> {
    let (head, rows) = table(ws, d);
    let mut out = String::new();
    match format {
        DiffFormat::Json => out = serde_json::to_string_pretty(d)? + "\n",
        DiffFormat::Csv => {
            for r in std::iter::once(&head).chain(rows.iter()) {
                out.push_str(&r.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(","));
                out.push('\n');
            }
        }
        DiffFormat::Md => {
            out.push_str(&format!(
                "# So sánh {} và {}\n\n",
                d.a.label_vi(),
                d.b.label_vi()
            ));
            // Codes, names and figures from the workspace's own data, not unit text.
            let esc = |c: &str| c.replace('|', "\\|");
            out.push_str(&format!(
                "| {} |\n",
                head.iter().map(|h| esc(h)).collect::<Vec<_>>().join(" | ")
            ));
            out.push_str(&format!(
                "|{}\n",
                head.iter().map(|_| "---|").collect::<String>()
            ));
            for r in &rows {
                out.push_str(&format!(
                    "| {} |\n",
                    r.iter().map(|c| esc(c)).collect::<Vec<_>>().join(" | ")
                ));
            }
            notes(&mut out, d);
        }
        DiffFormat::Text | DiffFormat::Xlsx => {
            out.push_str(&format!(
                "So sánh {} ({}) và {} ({})\n",
                d.a.label_vi(),
                d.a,
                d.b.label_vi(),
                d.b
            ));
            let widths: Vec<usize> = (0..head.len())
                .map(|i| {
                    std::iter::once(&head[i])
                        .chain(rows.iter().map(|r| &r[i]))
                        .map(|c| c.chars().count())
                        .max()
                        .unwrap_or(0)
                        .min(60)
                })
                .collect();
            let line = |cells: &[String], paint: Option<bool>| {
                let mut s = String::new();
                for (i, c) in cells.iter().enumerate() {
                    let c: String = c.chars().take(60).collect();
                    let pad = " ".repeat(widths[i].saturating_sub(c.chars().count()));
                    let (on, off) = match (color, paint, i == 4) {
                        (true, Some(true), true) => ("\x1b[32m", "\x1b[0m"),
                        (true, Some(false), true) => ("\x1b[31m", "\x1b[0m"),
                        _ => ("", ""),
                    };
                    s.push_str(&format!("{on}{c}{off}{pad}  "));
                }
                s.trim_end().to_string() + "\n"
            };
            out.push_str(&line(&head, None));
            out.push_str(&line(
                &widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>(),
                None,
            ));
            for (r, src) in rows.iter().zip(&d.rows) {
                out.push_str(&line(r, src.change.as_ref().and_then(|c| c.improved)));
            }
            notes(&mut out, d);
        }
    }
    Ok(out)
}

fn notes(out: &mut String, d: &PeriodDiff) {
    if !d.only_in_a_plan.is_empty() {
        out.push_str(&format!(
            "\nChỉ tiêu chỉ có trong kế hoạch năm {}: {}\n",
            d.a.year_number(),
            d.only_in_a_plan.join(", ")
        ));
    }
    if !d.only_in_b_plan.is_empty() {
        out.push_str(&format!(
            "\nChỉ tiêu chỉ có trong kế hoạch năm {}: {}\n",
            d.b.year_number(),
            d.only_in_b_plan.join(", ")
        ));
    }
}

/// One CSV cell, quoted when needed. A spreadsheet opening the CSV would run a cell that
/// starts with = + - @ as a formula: such text (but not a signed number) gets a leading
/// apostrophe.
fn csv_cell(c: &str) -> String {
    let signed_number = c.starts_with(['+', '-'])
        && c.len() > 1
        && c[1..]
            .chars()
            .all(|ch| ch.is_ascii_digit() || ".,%".contains(ch));
    let c = if c.starts_with(['=', '+', '-', '@', '\t', '\r']) && !signed_number {
        format!("'{c}")
    } else {
        c.to_string()
    };
    if c.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", c.replace('"', "\"\""))
    } else {
        c
    }
}

#[cfg(test)]
mod tests {
    use super::csv_cell;

    #[test]
    fn csv_cells_never_start_a_formula() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("-cmd"), "'-cmd");
        assert_eq!(
            csv_cell("+0,60 điểm phần trăm"),
            "\"'+0,60 điểm phần trăm\""
        );
        assert_eq!(
            csv_cell("-2+3+cmd|' /C calc'!A0"),
            "'-2+3+cmd|' /C calc'!A0"
        );
        assert_eq!(csv_cell("-5"), "-5");
        assert_eq!(csv_cell("+1.126"), "+1.126");
        assert_eq!(csv_cell("Sở TTTT"), "Sở TTTT");
    }
}

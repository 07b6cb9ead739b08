//! Checks that need the whole period: one file per unit, one owner per figure, units'
//! sums against the provincial figure, coverage counts against the registry.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::aggregate::{Total, aggregate};
use crate::diag::{Code, Diagnostic};
use crate::number::{self, Style};
use crate::period::Period;
use crate::report::{Amount, UnitReport};
use crate::schema::Aggregate;
use crate::workspace::{SubmissionFile, Workspace};

use super::Totals;

/// Two files for one unit (h-bac-ai.yaml and h-bac-ai.xlsx).
pub(crate) fn duplicates(files: &[SubmissionFile], diags: &mut Vec<Diagnostic>) {
    let mut by_stem: BTreeMap<&str, Vec<&SubmissionFile>> = BTreeMap::new();
    for f in files {
        by_stem.entry(f.stem.as_str()).or_default().push(f);
    }
    for (stem, fs) in by_stem.into_iter().filter(|(_, fs)| fs.len() > 1) {
        let names: Vec<&str> = fs.iter().map(|f| f.rel.as_str()).collect();
        for f in &fs[1..] {
            diags.push(Diagnostic::new(Code::E116, f.rel.clone(), format!("đơn vị «{stem}» nộp {} tệp trong cùng kỳ: {}", fs.len(), names.join(", ")))
                .with_hint("giữ lại một tệp (bản mới nhất) và xóa hoặc chuyển các tệp còn lại ra khỏi thư mục"));
        }
    }
}

fn fmt(v: Decimal, decimals: u32) -> String {
    number::format(v, Style::decimals(decimals))
}

fn value_of(a: &Amount) -> Option<Decimal> {
    match a {
        Amount::Number { value } => Some(*value),
        Amount::Fraction { numerator, .. } => Some(*numerator),
        _ => None,
    }
}

/// The checks that need every report of the period; returns the provincial figures they
/// were made on.
pub(crate) fn whole_period(
    ws: &Workspace,
    period: Period,
    reports: &[UnitReport],
    diags: &mut Vec<Diagnostic>,
) -> Totals {
    let totals = aggregate(&ws.catalogue, reports);
    for (code, total) in &totals {
        let Some(ind) = ws.catalogue.get(code) else {
            continue;
        };
        owners(ind, total, diags);
        if let Some(pf) = &ind.province_figure {
            province_sum(ws, ind, total, totals.get(pf), diags);
        }
        if let Some(kind) = ind.roster {
            roster(ws, period, ind, kind, total, diags);
        }
    }
    totals
}

fn owners(ind: &crate::schema::Indicator, total: &Total, diags: &mut Vec<Diagnostic>) {
    if ind.aggregate != Aggregate::Owner {
        return;
    }
    let reported: Vec<_> = total.reporting_units().collect();
    if reported.len() > 1 {
        let units: Vec<&str> = reported.iter().map(|c| &*c.unit).collect();
        for c in &reported[1..] {
            diags.push(Diagnostic::new(Code::E120, &*c.file, format!(
                "chỉ tiêu «{}» chỉ do một đơn vị báo cáo nhưng có {} đơn vị gửi số liệu: {}", ind.code, reported.len(), units.join(", ")))
                .at(c.span.clone())
                .with_hint(format!("đơn vị báo cáo theo danh mục: {}; bỏ số liệu ở các đơn vị khác",
                    ind.reporters.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "))));
        }
    }
}

fn province_sum(
    ws: &Workspace,
    ind: &crate::schema::Indicator,
    total: &Total,
    province: Option<&Total>,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(province) = province else { return };
    let (Some(sum), Some(target)) = (value_of(&total.amount), value_of(&province.amount)) else {
        return;
    };
    if sum == target {
        return;
    }
    let dec = ind.decimals;
    let parts: Vec<(String, Decimal, _)> = total
        .reporting_units()
        .filter_map(|c| {
            Some((
                ws.registry
                    .get(&c.unit)
                    .map_or_else(|| c.unit.to_string(), |u| u.short.clone()),
                value_of(&c.amount)?,
                c,
            ))
        })
        .collect();
    // The one unit whose value explains most of the gap, if any.
    let gap = (sum - target).abs();
    // What would remain of the gap without one unit's value.
    let rest = |v: Decimal| ((sum - v) - target).abs();
    let suspect = parts
        .iter()
        .min_by_key(|(_, v, _)| rest(*v))
        .filter(|(_, v, _)| parts.len() >= 3 && rest(*v) * Decimal::TWO < gap);
    let mut hint = format!(
        "tổng = {}",
        parts
            .iter()
            .map(|(n, v, _)| format!("{n} {}", fmt(*v, dec)))
            .collect::<Vec<_>>()
            .join(" + ")
    );
    if let Some((name, v, _)) = suspect {
        hint.push_str(&format!(
            "; giá trị của {name} ({}) khác thường: bỏ giá trị này thì tổng là {}",
            fmt(*v, dec),
            fmt(sum - *v, dec)
        ));
    }
    // Point at the suspect's cell when there is one, else at the provincial figure.
    let anchor = suspect
        .map(|(_, _, c)| *c)
        .or_else(|| province.reporting_units().next());
    let mut d = Diagnostic::new(
        Code::W138,
        anchor.map_or(String::new(), |c| c.file.to_string()),
        format!(
            "tổng «{}» của {} đơn vị là {}, khác số liệu toàn tỉnh «{}» là {} (chênh {})",
            ind.code,
            parts.len(),
            fmt(sum, dec),
            province.code,
            fmt(target, dec),
            number::format(
                sum - target,
                Style {
                    sign: true,
                    ..Style::decimals(dec)
                }
            )
        ),
    )
    .with_hint(hint);
    if let Some(c) = anchor {
        d = d.at(c.span.clone());
    }
    diags.push(d);
}

fn roster(
    ws: &Workspace,
    period: Period,
    ind: &crate::schema::Indicator,
    kind: crate::schema::UnitKind,
    total: &Total,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(expected) = ws.registry.count_on(kind, period.end()) else {
        return;
    };
    let expected = Decimal::from(expected);
    let label = ws
        .registry
        .counts()
        .iter()
        .find(|c| c.kind == kind)
        .map_or_else(|| kind.label_vi().to_string(), |c| c.label.clone());
    for c in total.reporting_units() {
        let (shown, bad) = match &c.amount {
            Amount::Fraction {
                numerator,
                denominator,
            } => (
                format!("{}/{}", fmt(*numerator, 0), fmt(*denominator, 0)),
                *denominator != expected,
            ),
            Amount::Number { value } => (fmt(*value, 0), *value > expected),
            _ => continue,
        };
        if bad {
            diags.push(Diagnostic::new(Code::W139, &*c.file, format!(
                "«{}» ghi {shown} nhưng danh mục có {} {label} trong kỳ {} (tính đến {})",
                ind.code, fmt(expected, 0), period.label_vi(), crate::date::format_date(period.end())))
                .at(c.span.clone())
                .with_hint("số đơn vị phải lấy theo danh mục đơn vị có hiệu lực trong kỳ (data/units.yaml)"));
        }
    }
}

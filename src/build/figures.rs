//! The figures a report prints: every catalogue indicator with its provincial value as
//! text, its parts for fractions, last year's value and the change in the right unit
//! ("tăng 0,60 điểm phần trăm" for rates, "tăng 37,93%" for counts), its plan target and
//! verdict, and who did not report it.

use std::collections::BTreeMap;

use rayon::prelude::*;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::aggregate::Total;
use crate::evaluate::{Evaluation, evaluate};
use crate::number::{self, Style};
use crate::period::Period;
use crate::report::Amount;
use crate::schema::{Indicator, IndicatorKind, Plan, PlanIndicator, Target};
use crate::workspace::Workspace;

/// One indicator as templates see it (keys are short Vietnamese words).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fig {
    /// Indicator name.
    pub ten: String,
    /// Đơn vị tính.
    pub dvt: String,
    /// Reported.
    pub co: bool,
    /// Exact value as a decimal string (a fraction as its percentage).
    pub so: Option<String>,
    /// The value as the report prints it: "1.126", "10,16%", "103,15%".
    pub text: String,
    /// Numerator, formatted.
    pub tu: Option<String>,
    /// Denominator, formatted.
    pub mau: Option<String>,
    /// Percentage of a fraction, formatted ("99,47%").
    pub pct: Option<String>,
    /// Last year's value, formatted.
    pub truoc: Option<String>,
    /// "tăng 0,60 điểm phần trăm so với năm 2023".
    pub thay_doi: Option<String>,
    /// Plan target, formatted.
    pub ke_hoach: Option<String>,
    /// Plan verdict ("Đạt", "Vượt", "Chưa đạt", "Chưa đánh giá").
    pub danh_gia: Option<String>,
    /// Who reported out of who should: "6/7 huyện báo cáo", when some are missing.
    pub bao_cao: Option<String>,
    /// Not assessable: the reason.
    pub ly_do: Option<String>,
}

impl Fig {
    /// A figure nobody reported, for a code the catalogue lacks.
    pub fn absent(code: &str) -> Self {
        Self {
            ten: code.to_string(),
            dvt: String::new(),
            co: false,
            so: None,
            text: "-".to_string(),
            tu: None,
            mau: None,
            pct: None,
            truoc: None,
            thay_doi: None,
            ke_hoach: None,
            danh_gia: None,
            bao_cao: None,
            ly_do: None,
        }
    }
}

/// Formats a value the way a report prints it.
pub fn value_text(ind: &Indicator, a: &Amount) -> String {
    match a {
        Amount::Number { value } if matches!(ind.kind, IndicatorKind::Percent) => {
            number::format(*value, Style::percent(ind.decimals))
        }
        Amount::Number { value } => number::format(
            *value,
            Style::decimals(if ind.kind == IndicatorKind::Count {
                0
            } else {
                ind.decimals
            }),
        ),
        Amount::Fraction {
            numerator,
            denominator,
        } => crate::report::percent_of(*numerator, *denominator).map_or_else(String::new, |p| {
            number::format(p, Style::percent(ind.decimals))
        }),
        Amount::Bool { value } => (if *value { "Có" } else { "Không" }).to_string(),
        Amount::Text { value } => value.clone(),
        Amount::Missing => "-".to_string(),
        Amount::NotAssessed { .. } => "Chưa đánh giá".to_string(),
    }
}

/// Formats an amount for a table cell or a trace: like [`value_text`], but a fraction
/// shows its parts, "1.120/1.126 (99,47%)", and "chưa đánh giá" is lower case.
pub fn amount_text(ind: &Indicator, a: &Amount) -> String {
    match a {
        Amount::Fraction {
            numerator,
            denominator,
        } => {
            // One buffer: hundreds of thousands of these at national scale.
            let mut out = String::with_capacity(32);
            number::format_into(&mut out, *numerator, number::natural_style(*numerator));
            out.push('/');
            number::format_into(&mut out, *denominator, number::natural_style(*denominator));
            out.push_str(" (");
            if let Some(p) = crate::report::percent_of(*numerator, *denominator) {
                number::format_into(&mut out, p, Style::percent(ind.decimals));
            }
            out.push(')');
            out
        }
        Amount::NotAssessed { .. } => "chưa đánh giá".to_string(),
        _ => value_text(ind, a),
    }
}

/// Formats a target.
pub fn target_text(ind: &Indicator, t: &Target) -> String {
    let n = |v: &Decimal| {
        number::format(
            *v,
            Style {
                decimals: ind.decimals.max(2),
                trim: true,
                ..Style::default()
            },
        )
    };
    let pct = if matches!(ind.kind, IndicatorKind::Percent | IndicatorKind::Ratio) {
        "%"
    } else {
        ""
    };
    match t {
        Target::Value(v) => format!("{}{pct}", n(v)),
        Target::Min(v) => format!("≥ {}{pct}", n(v)),
        Target::Max(v) => format!("≤ {}{pct}", n(v)),
        Target::RankAtMost(r) => format!("Nhóm {r} tỉnh dẫn đầu"),
        Target::Yes(true) => "Có".to_string(),
        Target::Yes(false) => "Không".to_string(),
    }
}

/// "tăng 0,60 điểm phần trăm so với năm 2023", "giảm 2,04% so với năm 2023".
pub fn change_text(ind: &Indicator, cur: Decimal, prev: Decimal, prev_period: Period) -> String {
    let diff = cur - prev;
    let word = if diff.is_sign_negative() && !diff.is_zero() {
        "giảm"
    } else {
        "tăng"
    };
    let base = format!("so với {}", prev_period.label_vi());
    if ind.kind == IndicatorKind::Rank {
        // A smaller rank is a rise: 27 after 53 is "tăng 26 bậc".
        let places = prev - cur;
        let word = if places.is_sign_negative() {
            "giảm"
        } else {
            "tăng"
        };
        return format!(
            "{word} {} bậc {base}",
            number::format(places.abs(), Style::decimals(0))
        );
    }
    if matches!(ind.kind, IndicatorKind::Percent | IndicatorKind::Ratio) {
        return format!(
            "{word} {} điểm phần trăm {base}",
            number::format(diff.abs(), Style::decimals(2))
        );
    }
    if prev.is_zero() {
        return format!(
            "{word} {} {base}",
            number::format(diff.abs(), Style::decimals(ind.decimals))
        );
    }
    format!(
        "{word} {} {base}",
        number::format(
            (diff * Decimal::ONE_HUNDRED / prev).abs(),
            Style::percent(2)
        )
    )
}

/// The plan row of `code` in the plan's main list or its sets.
pub fn plan_row<'p>(plan: Option<&'p Plan>, code: &str) -> Option<&'p PlanIndicator> {
    let p = plan?;
    p.indicators
        .iter()
        .chain(p.indicator_sets.iter().flat_map(|s| s.indicators.iter()))
        .find(|i| i.code == code)
}

/// The target that applies to a period: the year's for a year, the 6-month one for the first
/// six months; other parts of a year have none.
pub fn target_of(pi: &PlanIndicator, period: Period) -> Option<&Target> {
    match period.kind() {
        crate::period::PeriodKind::Year => pi.target.as_ref(),
        crate::period::PeriodKind::FirstMonths(6) => pi.target_6t.as_ref(),
        _ => None,
    }
}

/// Evaluates `code` for `period` against `plan`.
pub fn evaluation(
    ind: &Indicator,
    plan: Option<&Plan>,
    period: Period,
    total: Option<&Total>,
) -> Option<Evaluation> {
    let pi = plan_row(plan, &ind.code)?;
    Some(evaluate(
        ind,
        target_of(pi, period),
        total.map_or(&Amount::Missing, |t| &t.amount),
    ))
}

/// Builds the figure of every catalogue indicator.
pub fn figures(
    ws: &Workspace,
    period: Period,
    totals: &BTreeMap<String, Total>,
    previous: Option<&BTreeMap<String, Total>>,
) -> BTreeMap<String, Fig> {
    let plan = ws.plan(period.year_number());
    let prev_period = period.previous_year();
    // In parallel: each figure's coverage looks at every unit of the registry.
    ws.catalogue
        .indicators()
        .par_iter()
        .map(|ind| {
            let total = totals.get(&ind.code);
            let amount = total.map_or(Amount::Missing, |t| t.amount.clone());
            let (tu, mau, pct) = match &amount {
                Amount::Fraction {
                    numerator,
                    denominator,
                } => (
                    Some(number::natural(*numerator)),
                    Some(number::natural(*denominator)),
                    crate::report::percent_of(*numerator, *denominator)
                        .map(|p| number::format(p, Style::percent(ind.decimals))),
                ),
                _ => (None, None, None),
            };
            let prev_amount = previous
                .and_then(|p| p.get(&ind.code))
                .map(|t| &t.amount)
                .filter(|a| a.is_reported());
            let truoc = prev_amount.map(|a| value_text(ind, a));
            let thay_doi = match (
                amount.numeric(),
                prev_amount.and_then(Amount::numeric),
                prev_period,
            ) {
                (Some(cur), Some(prev), Some(pp)) => Some(change_text(ind, cur, prev, pp)),
                _ => None,
            };
            let pi = plan_row(plan, &ind.code);
            let ke_hoach = pi
                .and_then(|pi| target_of(pi, period))
                .map(|t| target_text(ind, t));
            let danh_gia =
                evaluation(ind, plan, period, total).map(|e| e.status.label().to_string());
            let fig = Fig {
                ten: ind.name.clone(),
                dvt: ind.unit.clone(),
                co: amount.is_reported(),
                so: amount.numeric().map(|v| v.normalize().to_string()),
                text: value_text(ind, &amount),
                tu,
                mau,
                pct,
                truoc,
                thay_doi,
                ke_hoach,
                danh_gia,
                bao_cao: coverage(ws, ind, period, total),
                ly_do: match &amount {
                    Amount::NotAssessed { reason } => Some(reason.clone()),
                    _ => None,
                },
            };
            (ind.code.clone(), fig)
        })
        .collect()
}

/// "6/7 huyện báo cáo" when an indicator reported by a kind of unit lacks some of them.
pub fn coverage(
    ws: &Workspace,
    ind: &Indicator,
    period: Period,
    total: Option<&Total>,
) -> Option<String> {
    // Only indicators reported by kinds of units (every huyện…): a named reporter, such as a
    // sở reporting the provincial total, makes the figure complete on its own.
    if ind
        .reporters
        .iter()
        .any(|s| matches!(s, crate::schema::Selector::Unit(_)))
    {
        return None;
    }
    let expected: crate::HashSet<&str> = ws
        .registry
        .reporting(period)
        .filter(|u| ind.reporters.iter().any(|s| s.matches(u)))
        .map(|u| u.id.as_str())
        .collect();
    if expected.len() < 2 {
        return None;
    }
    let reported = total.map_or(0, |t| {
        t.reporting_units()
            .filter(|c| expected.contains(&*c.unit))
            .count()
    });
    (reported < expected.len()).then(|| {
        let kinds: Vec<&str> = ind
            .reporters
            .iter()
            .filter_map(|s| match s {
                crate::schema::Selector::Kind(k) => Some(match k {
                    crate::schema::UnitKind::Huyen => "huyện",
                    crate::schema::UnitKind::Xa => "xã",
                    _ => "đơn vị",
                }),
                crate::schema::Selector::Unit(_) => None,
            })
            .collect();
        format!(
            "{reported}/{} {} báo cáo",
            expected.len(),
            if kinds.len() == 1 {
                kinds[0]
            } else {
                "đơn vị"
            }
        )
    })
}

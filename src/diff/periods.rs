//! Two periods compared indicator by indicator: the provincial value in each, the change
//! (relative for counts and amounts, percentage points for rates), the plan status in each,
//! and — for flows when the first period is the beginning of the second (2024-6T vs 2024) —
//! the remainder ("6 tháng cuối năm 2024"). Per unit, units merged between the periods are
//! mapped to their successors through the registry.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;
use serde::Serialize;

use crate::aggregate::Total;
use crate::build::figures::{amount_text, plan_row, target_of};
use crate::evaluate::{self, Status};
use crate::number::{self, Style};
use crate::period::Period;
use crate::report::Amount;
use crate::schema::{Better, Flow, Indicator, IndicatorKind, Plan, Target};
use crate::workspace::Workspace;

/// A change between two values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// B − A (percentage points for rates).
    pub absolute: Decimal,
    /// (B − A) / A × 100 for counts and amounts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relative: Option<Decimal>,
    /// The values are rates, so `absolute` is in percentage points.
    pub points: bool,
    /// Whether the change is an improvement by the indicator's direction (None if equal).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub improved: Option<bool>,
}

/// One indicator (or one unit's figure of it) in both periods.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// Indicator code.
    pub code: String,
    /// Indicator name.
    pub name: String,
    /// Unit id for per-unit rows (as in the second period, after mapping).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// How the unit was mapped ("Sở TTTT → Sở KH&CN"), when it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mapped_from: Option<String>,
    /// Value in the first period (a fraction as a percentage).
    pub a: Option<Decimal>,
    /// Value in the second period.
    pub b: Option<Decimal>,
    /// Formatted value in the first period.
    pub a_text: String,
    /// Formatted value in the second period.
    pub b_text: String,
    /// The change.
    pub change: Option<Change>,
    /// Flow accumulated after the first period within the second.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remainder: Option<Decimal>,
    /// Plan status in the first period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_a: Option<Status>,
    /// Plan status in the second period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_b: Option<Status>,
}

/// A comparison of two periods.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeriodDiff {
    /// First period.
    pub a: Period,
    /// Second period.
    pub b: Period,
    /// "6 tháng cuối năm 2024" when flows have a remainder.
    pub remainder: Option<String>,
    /// Rows in catalogue order.
    pub rows: Vec<Row>,
    /// Plan indicators of the first period's plan absent from the second's.
    pub only_in_a_plan: Vec<String>,
    /// Plan indicators of the second period's plan absent from the first's.
    pub only_in_b_plan: Vec<String>,
}

/// The target of `code` for `period` in a plan.
fn target_for<'p>(plan: Option<&'p Plan>, code: &str, period: Period) -> Option<&'p Target> {
    target_of(plan_row(plan, code)?, period)
}

fn in_plan(plan: Option<&Plan>, code: &str) -> bool {
    plan_row(plan, code).is_some()
}

fn change(ind: &Indicator, a: Option<Decimal>, b: Option<Decimal>) -> Option<Change> {
    let (a, b) = (a?, b?);
    let points = matches!(ind.kind, IndicatorKind::Percent | IndicatorKind::Ratio);
    let absolute = b - a;
    let relative = (!points && !a.is_zero()).then(|| absolute * Decimal::ONE_HUNDRED / a);
    let improved =
        (!absolute.is_zero()).then(|| (absolute > Decimal::ZERO) == (ind.better == Better::Higher));

    Some(Change {
        absolute,
        relative,
        points,
        improved,
    })
}

/// "+0,60 điểm phần trăm", "+37,93%" (and the absolute change for counts: "+211.756 (+37,93%)").
pub fn change_text(ind: &Indicator, c: &Change) -> String {
    let signed = |v: Decimal, d: u32| {
        number::format(
            v,
            Style {
                sign: true,
                ..Style::decimals(d)
            },
        )
    };
    if c.points {
        return format!("{} điểm phần trăm", signed(c.absolute, 2));
    }
    if ind.kind == IndicatorKind::Rank {
        let places = -c.absolute;
        let word = if places.is_sign_negative() {
            "giảm"
        } else {
            "tăng"
        };
        return format!(
            "{word} {} bậc",
            number::format(places.abs(), Style::decimals(0))
        );
    }
    let abs = signed(
        c.absolute,
        if ind.kind == IndicatorKind::Count {
            0
        } else {
            ind.decimals
        },
    );
    match c.relative {
        Some(r) => format!("{abs} ({}%)", signed(r, 2)),
        None => abs,
    }
}

fn row(ind: &Indicator, ta: Option<&Amount>, tb: Option<&Amount>, flow_rest: bool) -> Row {
    let missing = Amount::Missing;
    let (aa, ab) = (ta.unwrap_or(&missing), tb.unwrap_or(&missing));
    let (a, b) = (aa.numeric(), ab.numeric());
    let remainder = if flow_rest
        && ind.flow == Flow::Flow
        && matches!(ind.kind, IndicatorKind::Count | IndicatorKind::Amount)
    {
        a.zip(b).map(|(a, b)| b - a)
    } else {
        None
    };
    Row {
        code: ind.code.clone(),
        name: ind.name.clone(),
        unit: None,
        mapped_from: None,
        a,
        b,
        a_text: amount_text(ind, aa),
        b_text: amount_text(ind, ab),
        change: change(ind, a, b),
        remainder,
        status_a: None,
        status_b: None,
    }
}

/// Compares the provincial figures (and with `by_unit`, each unit's) of two periods.
pub fn compare(
    ws: &Workspace,
    a: Period,
    ta: &BTreeMap<String, Total>,
    b: Period,
    tb: &BTreeMap<String, Total>,
    by_unit: bool,
) -> PeriodDiff {
    let rest = b.remainder(&a);
    let (plan_a, plan_b) = (ws.plan(a.year_number()), ws.plan(b.year_number()));
    let mut rows = Vec::new();
    for ind in ws.catalogue.indicators() {
        let (xa, xb) = (ta.get(&ind.code), tb.get(&ind.code));
        if xa.is_none() && xb.is_none() {
            continue;
        }
        let mut r = row(
            ind,
            xa.map(|t| &t.amount),
            xb.map(|t| &t.amount),
            rest.is_some(),
        );
        let status = |p: Option<&Plan>, period: Period, t: Option<&Total>| {
            let target = target_for(p, &ind.code, period)?;
            Some(
                evaluate::evaluate(ind, Some(target), t.map_or(&Amount::Missing, |t| &t.amount))
                    .status,
            )
        };
        r.status_a = status(plan_a, a, xa);
        r.status_b = status(plan_b, b, xb);
        rows.push(r);
        if by_unit {
            rows.extend(unit_rows(ws, ind, xa, xb, b, rest.is_some()));
        }
    }
    let plan_codes = |p: Option<&Plan>| -> BTreeSet<String> {
        p.map(|p| p.indicators.iter().map(|i| i.code.clone()).collect())
            .unwrap_or_default()
    };
    let (ca, cb) = (plan_codes(plan_a), plan_codes(plan_b));
    let only = |x: &BTreeSet<String>, y: Option<&Plan>| -> Vec<String> {
        x.iter().filter(|c| !in_plan(y, c)).cloned().collect()
    };
    let only_in_a_plan = if plan_a.map(|p| p.year) == plan_b.map(|p| p.year) {
        Vec::new()
    } else {
        only(&ca, plan_b)
    };
    let only_in_b_plan = if plan_a.map(|p| p.year) == plan_b.map(|p| p.year) {
        Vec::new()
    } else {
        only(&cb, plan_a)
    };
    PeriodDiff {
        a,
        b,
        remainder: rest.map(|r| r.label_vi()),
        rows,
        only_in_a_plan,
        only_in_b_plan,
    }
}

/// Per-unit rows: first-period units mapped to their successors valid at the second
/// period's end, so a merged unit's figures line up with its successor's.
/// A unit's amounts in the two periods and how it was mapped.
type UnitPair<'t> = (Option<&'t Amount>, Option<&'t Amount>, Option<String>);

fn unit_rows(
    ws: &Workspace,
    ind: &Indicator,
    xa: Option<&Total>,
    xb: Option<&Total>,
    b: Period,
    flow_rest: bool,
) -> Vec<Row> {
    // First-period contributions under the unit that holds them at the second period's end;
    // several merged units add up under their successor by the indicator's rule.
    let mut before: BTreeMap<String, (Vec<&Amount>, Vec<String>)> = BTreeMap::new();
    for c in xa.map(|t| t.contributions.as_slice()).unwrap_or_default() {
        let succ = ws.registry.successors_on(&c.unit, b.end());
        let key = match succ.as_slice() {
            [one] => one.id.clone(),
            _ => c.unit.to_string(),
        };
        let e = before.entry(key.clone()).or_default();
        e.0.push(&c.amount);
        if *key != *c.unit {
            e.1.push(short(ws, &c.unit));
        }
    }
    let combined: BTreeMap<String, (Amount, Option<String>)> = before
        .into_iter()
        .map(|(key, (contribs, from))| {
            let mapped =
                (!from.is_empty()).then(|| format!("{} → {}", from.join(" + "), short(ws, &key)));
            (key, (crate::aggregate::combine(ind, contribs), mapped))
        })
        .collect();
    let mut keys: BTreeMap<String, UnitPair> = BTreeMap::new();
    for (key, (amount, mapped)) in &combined {
        let e = keys.entry(key.clone()).or_default();
        e.0 = Some(amount);
        e.2.clone_from(mapped);
    }
    for c in xb.map(|t| t.contributions.as_slice()).unwrap_or_default() {
        keys.entry(c.unit.to_string()).or_default().1 = Some(&c.amount);
    }
    keys.into_iter()
        .map(|(unit, (ca, cb, mapped))| {
            let mut r = row(ind, ca, cb, flow_rest);
            r.unit = Some(unit);
            r.mapped_from = mapped;
            r
        })
        .collect()
}

fn short(ws: &Workspace, id: &str) -> String {
    ws.registry
        .get(id)
        .map_or_else(|| id.to_string(), |u| u.short.clone())
}

//! Provincial figures from units' figures, per the indicator's aggregation rule, with the
//! contributions that make each one (for provenance and for checks).

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::diag::Span;
use crate::report::{Amount, Figure, UnitReport};
use crate::schema::{Aggregate, Catalogue, Indicator};

/// One unit's part in a provincial figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contribution {
    /// Unit id (shared with the report).
    pub unit: Arc<str>,
    /// File (shared with the figure).
    pub file: Arc<str>,
    /// Where in the file.
    pub span: Span,
    /// What the unit reported.
    pub amount: Amount,
}

/// A provincial figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Total {
    /// Indicator code.
    pub code: String,
    /// The aggregated amount (`Missing` when no unit reported it).
    pub amount: Amount,
    /// Every unit that sent the indicator, reported or not, sorted by unit id.
    pub contributions: Vec<Contribution>,
}

impl Total {
    /// Units whose figure counts (reported, not missing).
    pub fn reporting_units(&self) -> impl Iterator<Item = &Contribution> {
        self.contributions.iter().filter(|c| c.amount.is_reported())
    }
}

/// A figure with the unit that reported it.
type Reported<'a> = (&'a Arc<str>, &'a Figure);

/// Aggregates every indicator that at least one report mentions, the indicators in
/// parallel.
pub fn aggregate(catalogue: &Catalogue, reports: &[UnitReport]) -> BTreeMap<String, Total> {
    // Each indicator's figures with the unit that reported them, by catalogue position;
    // figures of codes the catalogue lacks have no rule and are left out.
    let indicators = catalogue.indicators();
    let mut by_indicator: Vec<Vec<Reported>> = vec![Vec::new(); indicators.len()];
    for r in reports {
        for f in &r.figures {
            if let Some(i) = catalogue.position(&f.code) {
                by_indicator[i].push((&r.unit, f));
            }
        }
    }
    indicators
        .par_iter()
        .zip(by_indicator)
        .filter(|(_, figures)| !figures.is_empty())
        .map(|(ind, figures)| {
            let mut contributions: Vec<Contribution> = figures
                .into_iter()
                .map(|(unit, f)| Contribution {
                    unit: Arc::clone(unit),
                    file: f.file.clone(),
                    span: f.span.clone(),
                    amount: f.amount.clone(),
                })
                .collect();
            contributions.sort_by(|a, b| a.unit.cmp(&b.unit));
            let amount = combine(ind, contributions.iter().map(|c| &c.amount));
            let total = Total {
                code: ind.code.clone(),
                amount,
                contributions,
            };
            (ind.code.clone(), total)
        })
        .collect()
}

/// Applies the indicator's rule to the amounts of its contributions.
pub fn combine<'a>(ind: &Indicator, amounts: impl IntoIterator<Item = &'a Amount>) -> Amount {
    let mut reported: Vec<&Amount> = Vec::new();
    let mut not_assessed = None;
    for a in amounts {
        if a.is_reported() {
            reported.push(a);
        } else if not_assessed.is_none() && matches!(a, Amount::NotAssessed { .. }) {
            not_assessed = Some(a);
        }
    }
    if reported.is_empty() {
        return not_assessed.cloned().unwrap_or(Amount::Missing);
    }
    let numbers = || reported.iter().filter_map(|a| a.numeric());
    let fold = |f: fn(Decimal, Decimal) -> Decimal| {
        numbers()
            .reduce(f)
            .map_or(Amount::Missing, |value| Amount::Number { value })
    };
    match ind.aggregate {
        Aggregate::Owner => reported[0].clone(),
        Aggregate::Sum => {
            let mut total = Decimal::ZERO;
            for n in numbers() {
                match total.checked_add(n) {
                    Some(t) => total = t,
                    None => return Amount::Missing,
                }
            }
            Amount::Number { value: total }
        }
        Aggregate::RatioOfSums => {
            let (mut n, mut d) = (Decimal::ZERO, Decimal::ZERO);
            for a in &reported {
                if let Amount::Fraction {
                    numerator,
                    denominator,
                } = a
                {
                    n = n.checked_add(*numerator).unwrap_or(n);
                    d = d.checked_add(*denominator).unwrap_or(d);
                }
            }
            Amount::Fraction {
                numerator: n,
                denominator: d,
            }
        }
        Aggregate::Mean => {
            let values: Vec<Decimal> = numbers().collect();
            let count = Decimal::from(values.len());
            let sum = values
                .iter()
                .try_fold(Decimal::ZERO, |a, b| a.checked_add(*b));
            sum.and_then(|s| s.checked_div(count))
                .map_or(Amount::Missing, |value| Amount::Number { value })
        }
        Aggregate::Min => fold(Decimal::min),
        Aggregate::Max => fold(Decimal::max),
    }
}

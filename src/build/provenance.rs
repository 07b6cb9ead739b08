//! tong-hop.json and `explain`: every computed figure with its value, formatted text,
//! formula, and the unit, file and line or cell of each contribution.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::aggregate::Total;
use crate::diag::Span;
use crate::report::Amount;
use crate::schema::{Aggregate, Indicator};
use crate::workspace::Workspace;

/// One contribution to a figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    /// Unit id.
    pub unit: String,
    /// Unit name.
    pub name: String,
    /// File.
    pub file: String,
    /// Where in it.
    pub location: String,
    /// The amount as reported.
    pub amount: Amount,
    /// Formatted.
    pub text: String,
}

/// One computed figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Traced {
    /// Indicator code.
    pub code: String,
    /// Indicator name.
    pub name: String,
    /// Đơn vị tính.
    pub unit: String,
    /// The provincial amount.
    pub amount: Amount,
    /// Exact value (a fraction as its percentage), as a decimal string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// As printed.
    pub text: String,
    /// How it is computed, in words.
    pub formula: String,
    /// Contributions.
    pub sources: Vec<Source>,
}

fn location(file: &str, span: &Span) -> String {
    match span {
        Span::File => file.to_string(),
        Span::Text { line, col } => format!("{file}:{line}:{col}"),
        Span::Cell { sheet, cell } => format!("{file} › {sheet} › {cell}"),
    }
}

/// The formula of an aggregation rule, in Vietnamese.
fn formula(ws: &Workspace, ind: &Indicator, total: &Total) -> String {
    let n = total.reporting_units().count();
    match ind.aggregate {
        Aggregate::Owner => match total.reporting_units().next() {
            Some(c) => format!(
                "số liệu do {} báo cáo",
                ws.registry
                    .get(&c.unit)
                    .map_or(c.unit.as_str(), |u| u.short.as_str())
            ),
            None => "chưa có đơn vị báo cáo".to_string(),
        },
        Aggregate::Sum => format!("tổng số liệu của {n} đơn vị"),
        Aggregate::RatioOfSums => format!("tổng tử số / tổng mẫu số của {n} đơn vị × 100"),
        Aggregate::Mean => format!("trung bình cộng của {n} đơn vị"),
        Aggregate::Min => format!("giá trị nhỏ nhất trong {n} đơn vị"),
        Aggregate::Max => format!("giá trị lớn nhất trong {n} đơn vị"),
    }
}

/// Traces one indicator's figure.
pub fn trace(ws: &Workspace, ind: &Indicator, total: &Total) -> Traced {
    let sources = total
        .contributions
        .iter()
        .map(|c| Source {
            unit: c.unit.clone(),
            name: ws
                .registry
                .get(&c.unit)
                .map_or_else(|| c.unit.clone(), |u| u.name.clone()),
            file: c.file.clone(),
            location: location(&c.file, &c.span),
            amount: c.amount.clone(),
            text: crate::diff::periods::amount_text(ind, &c.amount),
        })
        .collect();
    Traced {
        code: ind.code.clone(),
        name: ind.name.clone(),
        unit: ind.unit.clone(),
        amount: total.amount.clone(),
        value: total.amount.numeric().map(|v| v.normalize().to_string()),
        text: crate::diff::periods::amount_text(ind, &total.amount),
        formula: formula(ws, ind, total),
        sources,
    }
}

/// Every figure of the period, in catalogue order.
pub fn trace_all(ws: &Workspace, totals: &BTreeMap<String, Total>) -> Vec<Traced> {
    ws.catalogue
        .indicators()
        .iter()
        .filter_map(|ind| totals.get(&ind.code).map(|t| trace(ws, ind, t)))
        .collect()
}
